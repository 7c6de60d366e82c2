#include "chain_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "column_fit.h"

namespace hall::desk {

using client::ChainStagesModel;
namespace v1 = hall::v1;

ChainPanel::ChainPanel(DeskSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
  auto* v = new QVBoxLayout(this);
  v->setContentsMargins(0, 0, 0, 0);
  m_view = new QTableView(this);
  m_view->setObjectName(QStringLiteral("chainStages"));
  m_view->setModel(session->chain());
  m_view->setSelectionMode(QAbstractItemView::NoSelection);
  m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_view->setWordWrap(true);
  m_view->verticalHeader()->setVisible(false);
  m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_view->horizontalHeader()->setSectionResizeMode(ChainStagesModel::PeopleColumn,
                                                   QHeaderView::Stretch);
  (new ColumnFitter(m_view, 220))
      ->setColumns({{ChainStagesModel::StageColumn, 230, 150},
                    {ChainStagesModel::StateColumn, 250, 170},
                    {ChainStagesModel::RuleColumn, 150, 110},
                    {ChainStagesModel::CitationColumn, 140, 90}});
  auto* row = new QHBoxLayout;
  m_reason = new QLineEdit(this);
  m_reason->setObjectName(QStringLiteral("chainReason"));
  m_escalate = new QPushButton(this);
  m_escalate->setObjectName(QStringLiteral("escalateButton"));
  m_escalate->setMinimumHeight(32);
  m_deescalate = new QPushButton(this);
  m_deescalate->setObjectName(QStringLiteral("deescalateButton"));
  m_deescalate->setMinimumHeight(32);
  row->addWidget(m_reason, 1);
  row->addWidget(m_escalate);
  row->addWidget(m_deescalate);
  v->addWidget(m_view, 1);
  v->addLayout(row);

  connect(m_escalate, &QPushButton::clicked, this, &ChainPanel::escalateSelected);
  connect(m_deescalate, &QPushButton::clicked, this, &ChainPanel::deescalateSelected);
  connect(m_reason, &QLineEdit::textChanged, this, [this] { m_reason->setStyleSheet(QString()); });
  connect(session, &DeskSession::permissionsChanged, this, &ChainPanel::updateButtons);
  connect(
      session, &DeskSession::actionFinished, this,
      [this](const QString& action, bool ok, const QString&) {
        if (ok && (action == DeskSession::tr("升级") || action == DeskSession::tr("交回下一级")))
          m_reason->clear();
      });
  retranslate();
}

void ChainPanel::setIncident(const v1::Incident* incident) {
  if (incident) {
    m_incident = *incident;
  } else {
    m_incident.Clear();
  }
  updateButtons();
}

void ChainPanel::escalateSelected() {
  if (!m_session->signedIn() || !m_session->may(QStringLiteral("escalate"))) return;
  if (m_reason->text().trimmed().isEmpty()) {
    // Refused before sending (DeskSession says why); point at the field.
    m_reason->setStyleSheet(QStringLiteral("border:2px solid #c62828"));
    m_reason->setFocus();
  }
  m_session->escalate(m_session->selected(), m_reason->text());
}

void ChainPanel::deescalateSelected() {
  if (!m_session->signedIn() || !m_session->may(QStringLiteral("escalate"))) return;
  if (m_reason->text().trimmed().isEmpty()) {
    m_reason->setStyleSheet(QStringLiteral("border:2px solid #c62828"));
    m_reason->setFocus();
  }
  m_session->deescalate(m_session->selected(), m_reason->text());
}

void ChainPanel::focusReason() {
  if (!m_session->may(QStringLiteral("escalate"))) return;
  m_reason->setFocus();
}

void ChainPanel::updateButtons() {
  // Hidden when the server would refuse this person; enabled as the
  // incident's state allows (the server decides the rest: last stage …).
  const bool may = m_session->may(QStringLiteral("escalate"));
  const auto st = m_incident.id().empty() ? v1::INCIDENT_STATUS_UNSPECIFIED : m_incident.status();
  const bool open = st == v1::INCIDENT_STATUS_REPORTED || st == v1::INCIDENT_STATUS_ACKNOWLEDGED;
  const auto& es = m_incident.escalation();
  const bool planned = !m_incident.planned_outage_id().empty();
  const bool lastStage = es.stages() > 0 && es.started() && es.stage() + 1 >= es.stages();
  for (QWidget* w : {static_cast<QWidget*>(m_reason), static_cast<QWidget*>(m_escalate),
                     static_cast<QWidget*>(m_deescalate)}) {
    w->setVisible(may);
  }
  m_reason->setEnabled(may && open);
  m_escalate->setEnabled(may && open && !planned && !lastStage);
  m_deescalate->setEnabled(may && open && es.started() && es.stage() > 0 && es.acknowledged());
}

void ChainPanel::retranslate() {
  m_reason->setPlaceholderText(tr("升级 / 交回下一级的原因（必填）"));
  m_escalate->setText(tr("升级到下一级 (E)"));
  m_deescalate->setText(tr("交回下一级"));
  m_session->chain()->retranslate();
  updateButtons();
}

}  // namespace hall::desk
