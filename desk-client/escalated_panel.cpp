#include "escalated_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "column_fit.h"

namespace hall::desk {

using client::EscalatedToMeModel;
namespace v1 = hall::v1;

EscalatedPanel::EscalatedPanel(DeskSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
  setObjectName(QStringLiteral("escalatedPanel"));
  auto* v = new QVBoxLayout(this);
  v->setContentsMargins(4, 4, 4, 4);
  v->setSpacing(2);
  auto* row = new QHBoxLayout;
  m_title = new QLabel(this);
  m_title->setObjectName(QStringLiteral("escalatedTitle"));
  m_seen = new QPushButton(this);
  m_seen->setObjectName(QStringLiteral("escalatedSeen"));
  row->addWidget(m_title, 1);
  row->addWidget(m_seen);
  m_view = new QTableView(this);
  m_view->setObjectName(QStringLiteral("escalatedToMe"));
  m_view->setModel(session->escalatedToMe());
  m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_view->setSelectionMode(QAbstractItemView::SingleSelection);
  m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_view->verticalHeader()->setVisible(false);
  m_view->verticalHeader()->setDefaultSectionSize(28);
  // Why stretches; the others shrink together on a narrow screen.
  m_view->horizontalHeader()->setSectionResizeMode(EscalatedToMeModel::ReasonColumn,
                                                   QHeaderView::Stretch);
  (new ColumnFitter(m_view, 240))
      ->setColumns({{EscalatedToMeModel::IncidentColumn, 360, 200},
                    {EscalatedToMeModel::StageColumn, 220, 140},
                    {EscalatedToMeModel::AtColumn, 90, 70},
                    {EscalatedToMeModel::StateColumn, 240, 150}});
  v->addLayout(row);
  v->addWidget(m_view);

  auto* model = session->escalatedToMe();
  connect(model, &EscalatedToMeModel::countChanged, this, &EscalatedPanel::update);
  connect(model, &EscalatedToMeModel::pendingChanged, this, &EscalatedPanel::update);
  connect(session, &DeskSession::signedInChanged, this, &EscalatedPanel::update);
  connect(session, &DeskSession::permissionsChanged, this, &EscalatedPanel::update);
  connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            update();
            if (current.isValid())
              emit incidentChosen(m_session->escalatedToMe()->incidentIdAt(current.row()));
          });
  connect(m_seen, &QPushButton::clicked, this, [this] {
    m_session->escalatedToMe()->dismiss(m_view->currentIndex().row());
    update();
  });
  retranslate();
}

bool EscalatedPanel::prominent() const {
  // Leadership people are reached by escalation rather than by working the
  // board; their desk keeps the list in view even when it is empty.
  return m_session->signedIn() && m_session->role() == v1::ROLE_LEADERSHIP;
}

void EscalatedPanel::update() {
  auto* model = m_session->escalatedToMe();
  const bool big = prominent();
  setVisible(m_session->signedIn() && (big || model->count() > 0));
  const int pending = model->pendingCount();
  QString text = tr("升级给我");
  if (pending > 0) {
    text += tr("　·　%1 起待确认（选中后按 A 确认）").arg(pending);
  } else if (model->count() == 0) {
    text += tr("　·　暂无");
  } else {
    text += tr("　·　均已确认");
  }
  m_title->setText(text);
  m_title->setStyleSheet(
      QStringLiteral("font-weight:bold;font-size:%1px;color:%2")
          .arg(big ? 22 : 16)
          .arg(model->ringingCount() > 0 ? QStringLiteral("#c62828") : QStringLiteral("#37474f")));
  const int rows = std::clamp(model->count(), 1, big ? 6 : 3);
  m_view->setFixedHeight(m_view->horizontalHeader()->height() + rows * 28 + 4);
  const QModelIndex current = m_view->currentIndex();
  const int kind = current.isValid() ? current.data(EscalatedToMeModel::KindRole).toInt() : 0;
  m_seen->setVisible(kind == v1::EVENT_KIND_REMINDED || kind == v1::EVENT_KIND_STEP_OVERDUE);
  m_seen->setEnabled(current.isValid() && current.data(EscalatedToMeModel::PendingRole).toBool());
}

void EscalatedPanel::retranslate() {
  m_seen->setText(tr("知道了"));
  m_session->escalatedToMe()->retranslate();
  update();
}

}  // namespace hall::desk
