#include "checklist_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include "column_fit.h"
#include "contact_dialog.h"
#include "labels.h"

namespace hall::desk {

using client::ChecklistModel;
using client::qs;
namespace v1 = hall::v1;

namespace {
bool workable(v1::IncidentStatus s) {
  return s == v1::INCIDENT_STATUS_REPORTED || s == v1::INCIDENT_STATUS_ACKNOWLEDGED ||
         s == v1::INCIDENT_STATUS_RESOLVED;
}
}  // namespace

ChecklistPanel::ChecklistPanel(DeskSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
  auto* v = new QVBoxLayout(this);
  v->setContentsMargins(0, 0, 0, 0);
  // The progress shares the grade's line (room for the list on a short
  // screen).
  m_progress = new QLabel(this);
  m_progress->setObjectName(QStringLiteral("checklistProgress"));
  v->addLayout(buildGradeRow());
  v->addLayout(buildSetGradeRow());
  v->addLayout(buildTriageRow());
  v->addWidget(buildView(), 1);
  v->addLayout(buildStepRow());
  connectActions();
  connectSession();
  retranslate();
}

QLayout* ChecklistPanel::buildGradeRow() {
  auto* row = new QHBoxLayout;
  m_gradeLabel = new QLabel(this);
  m_gradeLabel->setObjectName(QStringLiteral("gradeLabel"));
  m_gradeLabel->setWordWrap(false);
  m_metricLabel = new QLabel(this);
  m_metric = new QComboBox(this);
  m_metric->setObjectName(QStringLiteral("metric"));
  m_metricValue = new QSpinBox(this);
  m_metricValue->setObjectName(QStringLiteral("metricValue"));
  m_metricValue->setRange(0, 1000000000);
  m_metricValue->setMinimumWidth(90);
  m_metricButton = new QPushButton(this);
  m_metricButton->setObjectName(QStringLiteral("metricButton"));
  row->addWidget(m_gradeLabel);
  row->addWidget(m_progress, 1);
  row->addWidget(m_metricLabel);
  row->addWidget(m_metric);
  row->addWidget(m_metricValue);
  row->addWidget(m_metricButton);
  return row;
}

QLayout* ChecklistPanel::buildSetGradeRow() {
  auto* row = new QHBoxLayout;
  m_setGradeLabel = new QLabel(this);
  m_grade = new QComboBox(this);
  m_grade->setObjectName(QStringLiteral("grade"));
  m_grade->setMinimumWidth(90);
  m_gradeReason = new QLineEdit(this);
  m_gradeReason->setObjectName(QStringLiteral("gradeReason"));
  m_gradeButton = new QPushButton(this);
  m_gradeButton->setObjectName(QStringLiteral("gradeButton"));
  row->addWidget(m_setGradeLabel);
  row->addWidget(m_grade);
  row->addWidget(m_gradeReason, 1);
  row->addWidget(m_gradeButton);
  return row;
}

QLayout* ChecklistPanel::buildTriageRow() {
  auto* row = new QHBoxLayout;
  m_retriageLabel = new QLabel(this);
  m_category = new QComboBox(this);
  m_category->setObjectName(QStringLiteral("retriageCategory"));
  m_category->setMinimumWidth(200);
  m_category->setMaxVisibleItems(25);
  m_severity = new QComboBox(this);
  m_retriageReason = new QLineEdit(this);
  m_retriageReason->setObjectName(QStringLiteral("retriageReason"));
  m_retriageButton = new QPushButton(this);
  m_retriageButton->setObjectName(QStringLiteral("retriageButton"));
  row->addWidget(m_retriageLabel);
  row->addWidget(m_category);
  row->addWidget(m_severity);
  row->addWidget(m_retriageReason, 1);
  row->addWidget(m_retriageButton);
  return row;
}

QTableView* ChecklistPanel::buildView() {
  m_view = new QTableView(this);
  m_view->setObjectName(QStringLiteral("checklist"));
  m_view->setModel(m_session->checklist());
  m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_view->setSelectionMode(QAbstractItemView::SingleSelection);
  m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_view->setWordWrap(true);
  m_view->setIconSize(QSize(18, 18));
  m_view->verticalHeader()->setVisible(false);
  m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_view->horizontalHeader()->setSectionResizeMode(ChecklistModel::StepColumn,
                                                   QHeaderView::Stretch);
  // The step's text stretches (at least 200 px); the others shrink
  // together on a narrow screen.
  (new ColumnFitter(m_view, 200))
      ->setColumns({{ChecklistModel::StateColumn, 112, 80},
                    {ChecklistModel::ResponsibleColumn, 96, 66},
                    {ChecklistModel::PartyColumn, 150, 92},
                    {ChecklistModel::DeadlineColumn, 175, 100},
                    {ChecklistModel::DoneColumn, 190, 100},
                    {ChecklistModel::CitationColumn, 110, 72}});
  return m_view;
}

QLayout* ChecklistPanel::buildStepRow() {
  auto* row = new QHBoxLayout;
  m_stepNote = new QLineEdit(this);
  m_stepNote->setObjectName(QStringLiteral("stepNote"));
  m_doneButton = new QPushButton(this);
  m_doneButton->setObjectName(QStringLiteral("stepDoneButton"));
  m_doneButton->setMinimumHeight(32);
  m_skipButton = new QPushButton(this);
  m_skipButton->setObjectName(QStringLiteral("stepSkipButton"));
  m_skipButton->setMinimumHeight(32);
  m_contactButton = new QPushButton(this);
  m_contactButton->setObjectName(QStringLiteral("recordContactButton"));
  m_contactButton->setMinimumHeight(32);
  row->addWidget(m_stepNote, 1);
  row->addWidget(m_doneButton);
  row->addWidget(m_skipButton);
  row->addWidget(m_contactButton);
  return row;
}

void ChecklistPanel::connectActions() {
  // Space in the list checks the selected step off (K does it window-wide).
  auto* space = new QShortcut(QKeySequence(Qt::Key_Space), m_view);
  space->setContext(Qt::WidgetShortcut);
  connect(space, &QShortcut::activated, this, &ChecklistPanel::checkOffSelected);
  connect(m_stepNote, &QLineEdit::returnPressed, this, &ChecklistPanel::checkOffSelected);
  connect(m_doneButton, &QPushButton::clicked, this, &ChecklistPanel::checkOffSelected);
  connect(m_skipButton, &QPushButton::clicked, this, &ChecklistPanel::skipSelected);
  connect(m_contactButton, &QPushButton::clicked, this, &ChecklistPanel::recordContactSelected);
  connect(m_gradeButton, &QPushButton::clicked, this, &ChecklistPanel::setGradeSelected);
  connect(m_gradeReason, &QLineEdit::returnPressed, this, &ChecklistPanel::setGradeSelected);
  connect(m_retriageButton, &QPushButton::clicked, this, &ChecklistPanel::recategorizeSelected);
  connect(m_retriageReason, &QLineEdit::returnPressed, this, &ChecklistPanel::recategorizeSelected);
  connect(m_metricButton, &QPushButton::clicked, this, [this] {
    m_session->updateMetric(m_session->selected(), m_metric->currentData().toString(),
                            m_metricValue->value());
  });
  connect(m_metric, &QComboBox::currentIndexChanged, this, [this](int) {
    const std::string metric = client::ss(m_metric->currentData().toString());
    auto it = m_incident.metrics().find(metric);
    m_metricValue->setValue(
        it == m_incident.metrics().end() ? 0 : int(std::min<int64_t>(it->second, 1000000000)));
  });
  connect(m_stepNote, &QLineEdit::textChanged, this,
          [this] { m_stepNote->setStyleSheet(QString()); });
}

void ChecklistPanel::connectSession() {
  auto* model = m_session->checklist();
  connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          &ChecklistPanel::updateButtons);
  connect(model, &QAbstractItemModel::modelReset, this, [this] {
    updateButtons();
    updateProgress();
  });
  connect(model, &ChecklistModel::progressChanged, this, &ChecklistPanel::updateProgress);
  connect(model, &QAbstractItemModel::dataChanged, this, &ChecklistPanel::updateButtons);
  connect(m_session, &DeskSession::categoriesChanged, this, &ChecklistPanel::fillCategories);
  connect(m_session, &DeskSession::selectedPlaybookChanged, this, &ChecklistPanel::updateGrade);
  connect(m_session, &DeskSession::permissionsChanged, this, &ChecklistPanel::updateGrade);
  connect(m_session, &DeskSession::actionFinished, this,
          [this](const QString& action, bool ok, const QString&) {
            if (!ok) return;
            if (action == DeskSession::tr("完成步骤") || action == DeskSession::tr("跳过步骤"))
              m_stepNote->clear();
            if (action == DeskSession::tr("改类别")) m_retriageReason->clear();
            if (action == DeskSession::tr("定级")) m_gradeReason->clear();
          });
}

QString ChecklistPanel::selectedStep() const {
  const QModelIndex i = m_view->currentIndex();
  return i.isValid() ? i.data(ChecklistModel::StepIdRole).toString() : QString();
}

void ChecklistPanel::selectStep(const QString& stepId) {
  const int row = m_session->checklist()->rowOf(stepId);
  if (row < 0) return;
  m_view->selectRow(row);
  m_view->setCurrentIndex(m_session->checklist()->index(row, ChecklistModel::StepColumn));
}

void ChecklistPanel::checkOffSelected() {
  if (!m_session->signedIn() || !m_session->may(QStringLiteral("checklist"))) return;
  m_session->completeStep(m_session->selected(), selectedStep(), m_stepNote->text());
}

void ChecklistPanel::skipSelected() {
  if (!m_session->signedIn() || !m_session->may(QStringLiteral("checklist"))) return;
  if (!selectedStep().isEmpty() && m_stepNote->text().trimmed().isEmpty()) {
    // Refused before sending (DeskSession says why); point at the field.
    m_stepNote->setStyleSheet(QStringLiteral("border:2px solid #c62828"));
    m_stepNote->setFocus();
  }
  m_session->skipStep(m_session->selected(), selectedStep(), m_stepNote->text());
}

void ChecklistPanel::recategorizeSelected() {
  if (!m_session->signedIn() || !m_session->may(QStringLiteral("triage"))) return;
  if (m_retriageReason->text().trimmed().isEmpty()) m_retriageReason->setFocus();
  m_session->recategorize(m_session->selected(), m_category->currentData().toString(),
                          static_cast<v1::Severity>(m_severity->currentData().toInt()),
                          m_retriageReason->text());
}

void ChecklistPanel::setGradeSelected() {
  if (!m_session->signedIn() || !m_session->may(QStringLiteral("triage"))) return;
  if (m_gradeReason->text().trimmed().isEmpty()) m_gradeReason->setFocus();
  m_session->setGrade(m_session->selected(), m_grade->currentData().toString(),
                      m_gradeReason->text());
}

void ChecklistPanel::recordContactSelected() {
  if (!m_session->signedIn() || !m_session->may(QStringLiteral("checklist"))) return;
  const auto* item = m_session->checklist()->item(m_view->currentIndex().row());
  if (!item || item->contact_party().empty() || item->state() != v1::STEP_STATE_PENDING) {
    m_session->recordContact(m_session->selected(), QString(), {}, v1::CONTACT_METHOD_UNSPECIFIED,
                             {}, {});  // says what to select
    return;
  }
  ContactDialog dialog(m_session, m_incident, *item,
                       m_session->checklist()->contactFor(qs(item->contact_party())), this);
  dialog.exec();
}

void ChecklistPanel::focusRetriage() {
  if (!m_session->may(QStringLiteral("triage"))) return;
  m_category->setFocus();
  m_category->showPopup();
}

void ChecklistPanel::setIncident(const v1::Incident* incident) {
  const bool otherCategory = !incident || incident->id() != m_incident.id() ||
                             incident->category() != m_incident.category();
  if (incident) {
    m_incident = *incident;
  } else {
    m_incident.Clear();
  }
  if (otherCategory) {
    const int i = m_category->findData(qs(m_incident.category()));
    m_category->setCurrentIndex(std::max(0, i));
    m_severity->setCurrentIndex(0);
  }
  updateGrade();
  updateButtons();
  updateProgress();
}

void ChecklistPanel::setEnglish(bool english) {
  if (english == m_english) return;
  m_english = english;
  m_session->checklist()->setEnglish(english);
  fillCategories();
  updateGrade();
}

void ChecklistPanel::fillCategories() {
  const QString keep = m_category->currentData().toString();
  m_category->blockSignals(true);
  m_category->clear();
  for (const auto& c : m_session->categories()) {
    m_category->addItem(qs(m_english ? c.name_en() : c.name_zh()), qs(c.id()));
  }
  int i = m_category->findData(keep.isEmpty() ? qs(m_incident.category()) : keep);
  m_category->setCurrentIndex(std::max(0, i));
  m_category->blockSignals(false);
}

void ChecklistPanel::updateGrade() {
  const bool has = !m_incident.id().empty();
  QString text;
  if (has) {
    QString grade = m_incident.grade().empty() ? tr("未分级") : qs(m_incident.grade());
    const auto* pb = m_session->selectedPlaybook();
    if (pb && !m_incident.grade().empty()) {
      for (const auto& rule : pb->playbook().grading()) {
        if (rule.grade() == m_incident.grade()) {
          grade += tr("（%1）").arg(
              qs(m_english && !rule.text_en().empty() ? rule.text_en() : rule.text_zh()));
          break;
        }
      }
    }
    text = tr("分级：%1").arg(grade);
    QStringList metrics;
    for (const auto& [k, val] : m_incident.metrics()) {
      metrics << tr("%1 %2").arg(client::metricName(qs(k))).arg(val);
    }
    metrics.sort();
    if (!metrics.isEmpty()) text += tr("　·　指标：%1").arg(metrics.join(QStringLiteral("，")));
    if (pb && pb->falls_back()) text += tr("　·　本预案未单列此类事件，适用一键报警通用处置");
  }
  m_gradeLabel->setText(text);

  // The metrics this playbook grades by can be set here.
  const QStringList metrics = has ? m_session->gradingMetrics() : QStringList();
  const QString keep = m_metric->currentData().toString();
  m_metric->blockSignals(true);
  m_metric->clear();
  for (const QString& m : metrics) m_metric->addItem(client::metricName(m), m);
  m_metric->setCurrentIndex(std::max(0, m_metric->findData(keep)));
  m_metric->blockSignals(false);
  if (!metrics.isEmpty()) {
    auto it = m_incident.metrics().find(client::ss(m_metric->currentData().toString()));
    if (!m_metricValue->hasFocus()) {
      m_metricValue->setValue(
          it == m_incident.metrics().end() ? 0 : int(std::min<int64_t>(it->second, 1000000000)));
    }
  }
  // 定级: one of the playbook's grades, for those who may re-triage.
  const QStringList grades = has ? m_session->grades() : QStringList();
  const QString keepGrade = m_grade->currentData().toString();
  m_grade->blockSignals(true);
  m_grade->clear();
  for (const QString& g : grades) m_grade->addItem(g, g);
  const int gi = m_grade->findData(keepGrade.isEmpty() ? qs(m_incident.grade()) : keepGrade);
  m_grade->setCurrentIndex(std::max(0, gi));
  m_grade->blockSignals(false);
  const bool gradeShown = !grades.isEmpty() && m_session->may(QStringLiteral("triage"));
  for (QWidget* w : {static_cast<QWidget*>(m_setGradeLabel), static_cast<QWidget*>(m_grade),
                     static_cast<QWidget*>(m_gradeReason), static_cast<QWidget*>(m_gradeButton)}) {
    w->setVisible(gradeShown);
  }
  // Setting a metric is checklist work; the grade line shows regardless.
  const bool metricsShown = !metrics.isEmpty() && m_session->may(QStringLiteral("checklist"));
  for (QWidget* w : {static_cast<QWidget*>(m_metricLabel), static_cast<QWidget*>(m_metric),
                     static_cast<QWidget*>(m_metricValue), static_cast<QWidget*>(m_metricButton)}) {
    w->setVisible(metricsShown);
  }
  updateButtons();
}

void ChecklistPanel::updateProgress() {
  auto* model = m_session->checklist();
  if (m_incident.id().empty() || model->rowCount() == 0) {
    m_progress->setText(m_incident.id().empty() ? QString()
                                                : tr("处置清单：本预案未规定此类事件的处置步骤"));
    m_progress->setStyleSheet(QString());
    return;
  }
  const int overdue = model->overdueCount();
  QString text =
      tr("处置清单　已完成或跳过 %1 / %2 项").arg(model->handledCount()).arg(model->rowCount());
  if (overdue > 0) text += tr("　·　%1 项已超时").arg(overdue);
  m_progress->setText(QStringLiteral("　") + text);
  const QString hint = tr("　（选中步骤后按 K 或空格完成，S 跳过，L 记录联系）").trimmed();
  m_progress->setToolTip(hint);
  m_view->setToolTip(hint);
  m_progress->setStyleSheet(overdue > 0 ? QStringLiteral("font-weight:bold;color:#c62828")
                                        : QStringLiteral("font-weight:bold"));
}

void ChecklistPanel::updateButtons() {
  // Hidden when the server would refuse this person (Principal.permissions),
  // enabled when the incident's state and the selection allow.
  const v1::IncidentStatus st =
      m_incident.id().empty() ? v1::INCIDENT_STATUS_UNSPECIFIED : m_incident.status();
  const QModelIndex i = m_view->currentIndex();
  const bool pendingStep =
      i.isValid() && i.data(ChecklistModel::StateRole).toInt() == int(v1::STEP_STATE_PENDING);
  const bool mayWork = m_session->may(QStringLiteral("checklist"));
  const bool mayTriage = m_session->may(QStringLiteral("triage"));
  for (QWidget* w : {static_cast<QWidget*>(m_stepNote), static_cast<QWidget*>(m_doneButton),
                     static_cast<QWidget*>(m_skipButton)}) {
    w->setVisible(mayWork);
  }
  const bool contactStep =
      pendingStep && !i.data(ChecklistModel::ContactPartyRole).toString().isEmpty();
  m_contactButton->setVisible(mayWork);
  m_doneButton->setEnabled(mayWork && workable(st) && pendingStep);
  m_skipButton->setEnabled(mayWork && workable(st) && pendingStep);
  m_contactButton->setEnabled(mayWork && workable(st) && contactStep);
  m_metricButton->setEnabled(mayWork && workable(st));
  m_gradeButton->setEnabled(mayTriage && workable(st));
  const bool triage =
      mayTriage && (st == v1::INCIDENT_STATUS_REPORTED || st == v1::INCIDENT_STATUS_ACKNOWLEDGED);
  for (QWidget* w : {static_cast<QWidget*>(m_retriageLabel), static_cast<QWidget*>(m_category),
                     static_cast<QWidget*>(m_severity), static_cast<QWidget*>(m_retriageReason),
                     static_cast<QWidget*>(m_retriageButton)}) {
    w->setVisible(mayTriage);
    w->setEnabled(triage);
  }
}

void ChecklistPanel::retranslate() {
  m_metricLabel->setText(tr("分级指标："));
  m_metricButton->setText(tr("设置"));
  m_setGradeLabel->setText(tr("定级："));
  m_gradeReason->setPlaceholderText(tr("定级原因（必填）"));
  m_gradeButton->setText(tr("定级"));
  m_contactButton->setText(tr("记录联系 (L)"));
  m_retriageLabel->setText(tr("改类别："));
  m_retriageReason->setPlaceholderText(tr("改类别原因（必填）"));
  m_retriageButton->setText(tr("改类别 (T)"));
  m_stepNote->setPlaceholderText(tr("步骤备注（完成时可选）/ 跳过原因（必填）"));
  m_doneButton->setText(tr("完成 (K)"));
  m_skipButton->setText(tr("跳过 (S)"));
  const int sev = m_severity->currentIndex();
  m_severity->clear();
  m_severity->addItem(tr("级别按预案默认"), int(v1::SEVERITY_UNSPECIFIED));
  for (auto s : {v1::SEVERITY_LOW, v1::SEVERITY_MEDIUM, v1::SEVERITY_HIGH, v1::SEVERITY_CRITICAL}) {
    m_severity->addItem(client::severityName(s), int(s));
  }
  m_severity->setCurrentIndex(std::max(0, sev));
  m_session->checklist()->retranslate();
  fillCategories();
  updateGrade();
  updateProgress();
}

}  // namespace hall::desk
