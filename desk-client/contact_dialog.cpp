#include "contact_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "labels.h"

namespace hall::desk {

using client::qs;
namespace v1 = hall::v1;

ContactDialog::ContactDialog(DeskSession* session, const v1::Incident& incident,
                             const v1::ChecklistItem& item, const v1::Contact* contact,
                             QWidget* parent)
    : QDialog(parent),
      m_session(session),
      m_incidentId(qs(incident.id())),
      m_stepId(qs(item.step_id())) {
  setWindowTitle(tr("记录联系：%1").arg(client::partyName(qs(item.contact_party()))));
  setMinimumWidth(520);
  auto* form = new QFormLayout(this);
  auto* party = new QLabel(this);
  QString partyText = client::partyName(qs(item.contact_party()));
  if (contact && !contact->name().empty())
    partyText += QStringLiteral("（%1）").arg(qs(contact->name()));
  party->setText(QStringLiteral("<b>%1</b>").arg(partyText.toHtmlEscaped()));
  form->addRow(tr("外部单位"), party);
  auto* clause = new QLabel(qs(item.citation()), this);
  form->addRow(tr("依据"), clause);
  if (!contact) {
    auto* missing = new QLabel(tr("⚠ 本大厅未登记该单位的号码，请填写实际拨打的号码"), this);
    missing->setStyleSheet(QStringLiteral("color:#c62828"));
    form->addRow(missing);
  }
  if (incident.drill()) {
    auto* drill = new QLabel(tr("演练：只记录，不要实际拨打"), this);
    drill->setStyleSheet(QStringLiteral("color:#3f51b5;font-weight:bold"));
    form->addRow(drill);
  }
  m_number = new QLineEdit(contact ? qs(contact->phone()) : QString(), this);
  m_number->setObjectName(QStringLiteral("contactNumber"));
  m_number->setMaxLength(32);
  m_method = new QComboBox(this);
  m_method->setObjectName(QStringLiteral("contactMethod"));
  for (auto m : {v1::CONTACT_METHOD_PHONE, v1::CONTACT_METHOD_IN_PERSON, v1::CONTACT_METHOD_MESSAGE,
                 v1::CONTACT_METHOD_RADIO}) {
    m_method->addItem(client::contactMethodName(m), int(m));
  }
  m_reference = new QLineEdit(this);
  m_reference->setObjectName(QStringLiteral("contactReference"));
  m_reference->setMaxLength(64);
  m_reference->setPlaceholderText(tr("对方的接警/回执编号（如有）"));
  m_note = new QLineEdit(this);
  m_note->setObjectName(QStringLiteral("contactNote"));
  form->addRow(tr("拨打号码"), m_number);
  form->addRow(tr("联系方式"), m_method);
  form->addRow(tr("回执编号"), m_reference);
  form->addRow(tr("备注"), m_note);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("记录"));
  buttons->button(QDialogButtonBox::Cancel)->setText(tr("取消"));
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    if (m_number->text().trimmed().isEmpty()) {
      m_number->setStyleSheet(QStringLiteral("border:2px solid #c62828"));
      m_number->setFocus();
      return;
    }
    send();
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ContactDialog::send() {
  m_session->recordContact(m_incidentId, m_stepId, m_number->text(),
                           static_cast<v1::ContactMethod>(m_method->currentData().toInt()),
                           m_reference->text(), m_note->text());
}

}  // namespace hall::desk
