#include "drill_console_view.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScatterSeries>
#include <QSet>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

#include "desk_session.h"
#include "drill_inject_editor.h"
#include "drill_report.h"
#include "hall_client.h"
#include "labels.h"
#include "period_report.h"

namespace hall::desk {

namespace v1 = hall::v1;
using client::qs;
using client::RpcResult;
using client::ss;

namespace {

constexpr int kPollMs = 2000;
constexpr int kLookupMs = 15000;
constexpr int kHistoryLimit = 50;

QString BannerStyle(const QString& background, const QString& color = QStringLiteral("white")) {
  return QStringLiteral(
             "background:%1;color:%2;font-size:22px;font-weight:bold;padding:10px;"
             "border-radius:4px")
      .arg(background, color);
}

QTableWidgetItem* Cell(const QString& text, const QString& id = {}) {
  auto* item = new QTableWidgetItem(text);
  if (!id.isEmpty()) item->setData(Qt::UserRole, id);
  return item;
}

QString When(const google::protobuf::Timestamp& t, const QString& format) {
  const QDateTime at = client::toDateTime(t);
  return at.isValid() ? at.toString(format) : QStringLiteral("—");
}

}  // namespace

DrillConsoleView::DrillConsoleView(DeskSession* session, QWidget* parent)
    : QWidget(parent),
      m_session(session),
      m_results(new client::DrillResultsModel(this)),
      m_poll(new QTimer(this)),
      m_tick(new QTimer(this)),
      m_lookup(new QTimer(this)) {
  buildUi();
  m_poll->setInterval(kPollMs);
  connect(m_poll, &QTimer::timeout, this, &DrillConsoleView::refreshDrill);
  m_tick->setInterval(1000);
  connect(m_tick, &QTimer::timeout, this, &DrillConsoleView::updateClock);
  m_lookup->setInterval(kLookupMs);
  connect(m_lookup, &QTimer::timeout, this, &DrillConsoleView::lookupLive);

  connect(m_session, &DeskSession::permissionsChanged, this, &DrillConsoleView::updateActions);
  connect(m_session, &DeskSession::hallsChanged, this, [this] {
    const bool had = !hallId().isEmpty();
    fillHalls();
    // The first hall known while the tab is open: show it.
    if (!had && !hallId().isEmpty() && isVisible()) showHall(hallId());
  });
  connect(m_session, &DeskSession::signedInChanged, this, [this] {
    if (m_session->signedIn()) return;
    ++m_generation;
    m_drill.Clear();
    m_liveDrillId.clear();
    m_pendingStartKey.clear();
    m_pendingStartId.clear();
    m_scenarios.clear();
    m_handBuilt.Clear();
    m_history.clear();
    m_cadenceRows.clear();
    m_results->clear();
    setScenarios({});
    setHistory({});
    setCadence({});
    showDrill();
  });
  // The kiosks taking part come from the desk's kiosk list (polled anyway).
  auto* kiosks = m_session->kiosks();
  connect(kiosks, &QAbstractItemModel::modelReset, this, &DrillConsoleView::fillKiosks);
  connect(kiosks, &QAbstractItemModel::rowsInserted, this, &DrillConsoleView::fillKiosks);
  connect(kiosks, &QAbstractItemModel::rowsRemoved, this, &DrillConsoleView::fillKiosks);
  // An incident of the drill shown (a response, a drill press): read the
  // score now rather than at the next poll. An incident of another drill
  // of this hall while none is known live: one was started elsewhere.
  connect(m_session->watch(), &client::IncidentWatch::eventsReceived, this,
          [this](const std::vector<v1::IncidentEvent>& events) {
            if (!isVisible()) return;
            bool mine = false;
            bool other = false;
            for (const auto& e : events) {
              const std::string& drill = e.incident().drill_id();
              if (drill.empty()) continue;
              if (!m_drill.id().empty() && drill == m_drill.id()) {
                mine = true;
              } else if (qs(e.incident().hall_id()) == hallId() && qs(drill) != m_liveDrillId) {
                other = true;
              }
            }
            if (mine) refreshDrill();
            if (other) lookupLive();
          });
  retranslate();
  showDrill();
  updateActions();
}

DrillConsoleView::~DrillConsoleView() = default;

// ------------------------------------------------------------ layout

void DrillConsoleView::buildUi() {
  m_hallLabel = new QLabel(this);
  m_hall = new QComboBox(this);
  m_hall->setObjectName(QStringLiteral("drillHall"));
  m_hall->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_scenarioLabel = new QLabel(this);
  m_scenario = new QComboBox(this);
  m_scenario->setObjectName(QStringLiteral("drillScenario"));
  m_scenario->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_refresh = new QPushButton(this);
  m_editInjects = new QPushButton(this);
  m_editInjects->setObjectName(QStringLiteral("drillEditInjects"));
  connect(m_editInjects, &QPushButton::clicked, this, [this] { editInjects(); });
  m_readOnly = new QLabel(this);
  m_readOnly->setObjectName(QStringLiteral("drillReadOnly"));
  m_readOnly->setStyleSheet(QStringLiteral("color:#607d8b"));
  m_status = new QLabel(this);
  m_status->setObjectName(QStringLiteral("drillStatus"));
  m_status->setWordWrap(true);

  auto* top = new QHBoxLayout;
  top->addWidget(m_hallLabel);
  top->addWidget(m_hall);
  top->addSpacing(12);
  top->addWidget(m_scenarioLabel);
  top->addWidget(m_scenario);
  top->addWidget(m_editInjects);
  top->addWidget(m_refresh);
  top->addStretch(1);
  top->addWidget(m_readOnly);

  // Left: the scenario and how to start it.
  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  m_previewTitle = new QLabel(left);
  m_previewTitle->setStyleSheet(QStringLiteral("font-weight:bold"));
  m_preview = new QTextBrowser(left);
  m_preview->setObjectName(QStringLiteral("drillScenarioPreview"));
  m_preview->setOpenLinks(false);
  m_startTitle = new QLabel(left);
  m_startTitle->setStyleSheet(QStringLiteral("font-weight:bold"));
  m_now = new QRadioButton(left);
  m_now->setObjectName(QStringLiteral("drillStartNow"));
  m_now->setChecked(true);
  m_at = new QRadioButton(left);
  m_at->setObjectName(QStringLiteral("drillStartAt"));
  m_startsAt = new QDateTimeEdit(left);
  m_startsAt->setObjectName(QStringLiteral("drillStartsAt"));
  m_startsAt->setCalendarPopup(true);
  m_startsAt->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
  m_startsAt->setDateTime(QDateTime::currentDateTime().addSecs(3600));
  m_startsAt->setEnabled(false);
  connect(m_at, &QRadioButton::toggled, m_startsAt, &QWidget::setEnabled);
  auto* when = new QHBoxLayout;
  when->addWidget(m_now);
  when->addWidget(m_at);
  when->addWidget(m_startsAt, 1);
  m_kiosksLabel = new QLabel(left);
  m_kiosks = new QListWidget(left);
  m_kiosks->setObjectName(QStringLiteral("drillKiosks"));
  m_kiosks->setMaximumHeight(130);
  m_start = new QPushButton(left);
  m_start->setObjectName(QStringLiteral("drillStart"));
  m_pause = new QPushButton(left);
  m_pause->setObjectName(QStringLiteral("drillPause"));
  m_resume = new QPushButton(left);
  m_resume->setObjectName(QStringLiteral("drillResume"));
  m_stop = new QPushButton(left);
  m_stop->setObjectName(QStringLiteral("drillStop"));
  m_stop->setStyleSheet(QStringLiteral("QPushButton:enabled{color:#b71c1c;font-weight:bold}"));
  for (QPushButton* b : {m_start, m_pause, m_resume, m_stop}) b->setMinimumHeight(34);
  auto* buttons = new QGridLayout;
  buttons->addWidget(m_start, 0, 0);
  buttons->addWidget(m_pause, 0, 1);
  buttons->addWidget(m_resume, 1, 0);
  buttons->addWidget(m_stop, 1, 1);
  leftLayout->addWidget(m_previewTitle);
  leftLayout->addWidget(m_preview, 1);
  leftLayout->addWidget(m_startTitle);
  leftLayout->addLayout(when);
  leftLayout->addWidget(m_kiosksLabel);
  leftLayout->addWidget(m_kiosks);
  leftLayout->addLayout(buttons);

  // Right: the drill shown, its history, the cadence, the review.
  m_pages = new QTabWidget(this);
  m_pages->setObjectName(QStringLiteral("drillPages"));

  auto* live = new QWidget(m_pages);
  auto* liveLayout = new QVBoxLayout(live);
  m_banner = new QLabel(live);
  m_banner->setObjectName(QStringLiteral("drillBanner"));
  m_banner->setAlignment(Qt::AlignCenter);
  m_banner->setWordWrap(true);
  m_clock = new QLabel(live);
  m_clock->setObjectName(QStringLiteral("drillClock"));
  QFont big = m_clock->font();
  big.setPointSize(big.pointSize() + 3);
  big.setBold(true);
  m_clock->setFont(big);
  m_score = new QLabel(live);
  m_score->setObjectName(QStringLiteral("drillScore"));
  m_score->setTextFormat(Qt::RichText);
  m_score->setWordWrap(true);
  m_message = new QLabel(live);
  m_message->setObjectName(QStringLiteral("drillMessage"));
  m_message->setWordWrap(true);
  m_message->setStyleSheet(QStringLiteral("color:#3f51b5;font-weight:bold"));
  m_resultsView = new QTableView(live);
  m_resultsView->setObjectName(QStringLiteral("drillResults"));
  m_resultsView->setModel(m_results);
  m_resultsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_resultsView->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_resultsView->verticalHeader()->hide();
  m_resultsView->setWordWrap(true);
  m_resultsView->horizontalHeader()->setStretchLastSection(true);
  m_resultsView->setColumnWidth(client::DrillResultsModel::ExpectationColumn, 300);
  m_resultsView->setColumnWidth(client::DrillResultsModel::InjectColumn, 110);
  m_resultsView->setColumnWidth(client::DrillResultsModel::DeadlineColumn, 100);
  m_resultsView->setColumnWidth(client::DrillResultsModel::OutcomeColumn, 110);
  m_resultsView->setColumnWidth(client::DrillResultsModel::TookColumn, 90);
  m_timelineTitle = new QLabel(live);
  m_timeline = new QListWidget(live);
  m_timeline->setObjectName(QStringLiteral("drillTimeline"));
  m_timeline->setWordWrap(true);
  m_timeline->setAlternatingRowColors(true);
  auto* liveSplit = new QSplitter(Qt::Vertical, live);
  liveSplit->addWidget(m_resultsView);
  auto* timelineBox = new QWidget(liveSplit);
  auto* timelineLayout = new QVBoxLayout(timelineBox);
  timelineLayout->setContentsMargins(0, 0, 0, 0);
  timelineLayout->addWidget(m_timelineTitle);
  timelineLayout->addWidget(m_timeline);
  liveSplit->addWidget(timelineBox);
  liveSplit->setStretchFactor(0, 3);
  liveSplit->setStretchFactor(1, 2);
  auto* figures = new QHBoxLayout;
  figures->addWidget(m_clock);
  figures->addSpacing(16);
  figures->addWidget(m_score, 1);
  liveLayout->addWidget(m_banner);
  liveLayout->addLayout(figures);
  liveLayout->addWidget(m_message);
  liveLayout->addWidget(liveSplit, 1);
  m_pages->addTab(live, QString());

  auto* history = new QWidget(m_pages);
  auto* historyLayout = new QVBoxLayout(history);
  m_historyTable = new QTableWidget(0, 4, history);
  m_historyTable->setObjectName(QStringLiteral("drillHistory"));
  m_trend = new QChartView(new QChart, history);
  m_trend->setObjectName(QStringLiteral("drillTrend"));
  m_trend->setRenderHint(QPainter::Antialiasing);
  m_trend->setMinimumHeight(220);
  m_trend->chart()->setAnimationOptions(QChart::NoAnimation);
  m_trend->chart()->legend()->hide();
  m_trend->chart()->setMargins(QMargins(4, 4, 4, 4));
  auto* historySplit = new QSplitter(Qt::Vertical, history);
  historySplit->addWidget(m_historyTable);
  historySplit->addWidget(m_trend);
  historyLayout->addWidget(historySplit);
  m_pages->addTab(history, QString());

  m_cadence = new QTableWidget(0, 7, m_pages);
  m_cadence->setObjectName(QStringLiteral("drillCadence"));
  m_pages->addTab(m_cadence, QString());

  for (QTableWidget* t : {m_historyTable, m_cadence}) {
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
  }

  auto* review = new QWidget(m_pages);
  auto* reviewLayout = new QVBoxLayout(review);
  m_reviewTitle = new QLabel(review);
  m_reviewTitle->setWordWrap(true);
  m_wentWellLabel = new QLabel(review);
  m_wentBadlyLabel = new QLabel(review);
  m_improvementsLabel = new QLabel(review);
  m_wentWell = new QPlainTextEdit(review);
  m_wentWell->setObjectName(QStringLiteral("drillWentWell"));
  m_wentBadly = new QPlainTextEdit(review);
  m_wentBadly->setObjectName(QStringLiteral("drillWentBadly"));
  m_improvements = new QPlainTextEdit(review);
  m_improvements->setObjectName(QStringLiteral("drillImprovements"));
  m_reviewedBy = new QLabel(review);
  m_reviewedBy->setStyleSheet(QStringLiteral("color:#607d8b"));
  m_saveReview = new QPushButton(review);
  m_saveReview->setObjectName(QStringLiteral("drillSaveReview"));
  m_pdf = new QPushButton(review);
  m_pdf->setObjectName(QStringLiteral("drillPdf"));
  m_csv = new QPushButton(review);
  m_csv->setObjectName(QStringLiteral("drillCsv"));
  auto* reviewButtons = new QHBoxLayout;
  reviewButtons->addWidget(m_reviewedBy, 1);
  reviewButtons->addWidget(m_saveReview);
  reviewButtons->addWidget(m_pdf);
  reviewButtons->addWidget(m_csv);
  reviewLayout->addWidget(m_reviewTitle);
  reviewLayout->addWidget(m_wentWellLabel);
  reviewLayout->addWidget(m_wentWell, 1);
  reviewLayout->addWidget(m_wentBadlyLabel);
  reviewLayout->addWidget(m_wentBadly, 1);
  reviewLayout->addWidget(m_improvementsLabel);
  reviewLayout->addWidget(m_improvements, 1);
  reviewLayout->addLayout(reviewButtons);
  m_pages->addTab(review, QString());

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(left);
  split->addWidget(m_pages);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 3);
  split->setSizes({420, 1300});

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(m_status);
  layout->addWidget(split, 1);

  connect(m_hall, &QComboBox::currentIndexChanged, this, [this] {
    const QString hall = m_hall->currentData().toString();
    if (!hall.isEmpty()) showHall(hall);
  });
  connect(m_scenario, &QComboBox::currentIndexChanged, this, [this] {
    showScenario();
    loadHistory();
    updateActions();
  });
  connect(m_refresh, &QPushButton::clicked, this, &DrillConsoleView::reload);
  connect(m_start, &QPushButton::clicked, this, &DrillConsoleView::startDrill);
  connect(m_pause, &QPushButton::clicked, this, &DrillConsoleView::pauseDrill);
  connect(m_resume, &QPushButton::clicked, this, &DrillConsoleView::resumeDrill);
  connect(m_stop, &QPushButton::clicked, this, [this] {
    bool ok = false;
    const QString reason = QInputDialog::getText(
        this, tr("停止演练"), tr("停止原因（发生真实事件时请立即停止演练，按真实事件处置）："),
        QLineEdit::Normal, tr("发生真实突发事件，立即停止演练"), &ok);
    if (ok) stopWithReason(reason);
  });
  connect(m_saveReview, &QPushButton::clicked, this, &DrillConsoleView::saveReview);
  connect(m_pdf, &QPushButton::clicked, this, [this] {
    const QString name = QStringLiteral("%1-%2.pdf")
                             .arg(client::scenarioName(m_drill.scenario(), m_english),
                                  When(m_drill.starts_at(), QStringLiteral("yyyyMMdd-HHmm")));
    const QString path =
        QFileDialog::getSaveFileName(this, tr("导出演练评估报告"), name, tr("PDF 报告 (*.pdf)"));
    if (path.isEmpty()) return;
    QString error;
    m_status->setText(writePdf(path, &error) ? tr("已导出：%1").arg(path)
                                             : tr("导出失败：%1").arg(error));
  });
  connect(m_csv, &QPushButton::clicked, this, [this] {
    const QString name = QStringLiteral("%1-%2.csv")
                             .arg(client::scenarioName(m_drill.scenario(), m_english),
                                  When(m_drill.starts_at(), QStringLiteral("yyyyMMdd-HHmm")));
    const QString path =
        QFileDialog::getSaveFileName(this, tr("导出评分表"), name, tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    m_status->setText(writeCsv(path, &error) ? tr("已导出：%1").arg(path)
                                             : tr("导出失败：%1").arg(error));
  });
  connect(m_resultsView, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
    const QString id = index.data(client::DrillResultsModel::IncidentIdRole).toString();
    if (!id.isEmpty()) emit openIncident(id);
  });
  connect(m_timeline, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
    const QString id = item->data(Qt::UserRole).toString();
    if (!id.isEmpty()) emit openIncident(id);
  });
  connect(m_historyTable, &QTableWidget::cellDoubleClicked, this, [this](int row) {
    if (auto* item = m_historyTable->item(row, 0)) {
      openDrill(item->data(Qt::UserRole).toString());
      m_pages->setCurrentIndex(0);
    }
  });
  connect(m_cadence, &QTableWidget::cellDoubleClicked, this, [this](int row) {
    auto* item = m_cadence->item(row, 0);
    if (!item) return;
    const QString hall = item->data(Qt::UserRole + 1).toString();
    const QString scenario = item->data(Qt::UserRole + 2).toString();
    if (!hall.isEmpty() && hall != hallId()) showHall(hall);
    const int i = m_scenario->findData(scenario);
    if (i >= 0) m_scenario->setCurrentIndex(i);
    const QString last = item->data(Qt::UserRole).toString();
    if (!last.isEmpty()) openDrill(last);
  });
}

void DrillConsoleView::retranslate() {
  m_hallLabel->setText(tr("大厅"));
  m_scenarioLabel->setText(tr("演练脚本"));
  m_refresh->setText(tr("刷新"));
  m_editInjects->setText(tr("编排注入…"));
  m_editInjects->setToolTip(tr("以所选脚本为底稿，手工增删、修改注入"));
  m_previewTitle->setText(tr("演练脚本内容"));
  m_startTitle->setText(tr("发起演练"));
  m_now->setText(tr("立即开始"));
  m_at->setText(tr("定时开始"));
  m_kiosksLabel->setText(tr("参演终端（显示演练标识，可发送演练上报）"));
  m_start->setText(tr("开始演练"));
  m_pause->setText(tr("暂停"));
  m_resume->setText(tr("继续"));
  m_stop->setText(tr("停止演练"));
  m_stop->setToolTip(tr("发生真实事件时：立即停止演练，按真实事件处置"));
  m_pages->setTabText(0, tr("当前演练"));
  m_pages->setTabText(1, tr("历史与趋势"));
  m_pages->setTabText(2, tr("演练频次"));
  m_pages->setTabText(3, tr("总结与导出"));
  m_timelineTitle->setText(tr("演练经过（注入与事件，双击打开事件）"));
  m_historyTable->setHorizontalHeaderLabels({tr("开始时间"), tr("状态"), tr("得分"), tr("组织者")});
  m_cadence->setHorizontalHeaderLabels({tr("大厅"), tr("演练脚本"), tr("频次"), tr("上次演练"),
                                        tr("应于"), tr("状态"), tr("上次得分")});
  m_wentWellLabel->setText(tr("做得好的"));
  m_wentBadlyLabel->setText(tr("不足之处"));
  m_improvementsLabel->setText(tr("改进措施（每行一项）"));
  m_saveReview->setText(tr("保存总结"));
  m_pdf->setText(tr("导出 PDF"));
  m_csv->setText(tr("导出 CSV"));
  m_results->retranslate();
  fillHalls();
  setScenarios(m_scenarios);
  setHistory(m_history);
  setCadence(m_cadenceRows);
  showDrill();
  updateActions();
}

void DrillConsoleView::changeEvent(QEvent* e) {
  if (e->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(e);
}

void DrillConsoleView::showEvent(QShowEvent* e) {
  QWidget::showEvent(e);
  m_tick->start();
  updatePolling();
}

void DrillConsoleView::hideEvent(QHideEvent* e) {
  QWidget::hideEvent(e);
  m_tick->stop();
  updatePolling();
}

void DrillConsoleView::setEnglish(bool english) {
  if (english == m_english) return;
  m_english = english;
  m_results->setEnglish(english);
  setScenarios(m_scenarios);
  setCadence(m_cadenceRows);
  showDrill();
}

qint64 DrillConsoleView::nowMs() const {
  return m_session->client()->serverProfile()->serverNowMs();
}

// ------------------------------------------------------------ loading

void DrillConsoleView::fillHalls() {
  const QString keep = m_hall->currentData().toString();
  QSignalBlocker block(m_hall);
  m_hall->clear();
  for (const QString& id : m_session->hallIds()) m_hall->addItem(m_session->hallName(id), id);
  m_hall->setCurrentIndex(std::max(0, m_hall->findData(keep)));
  m_hall->setVisible(m_hall->count() > 1);
  m_hallLabel->setText(m_hall->count() == 1 ? tr("大厅：%1").arg(m_hall->currentText())
                                            : tr("大厅"));
  fillKiosks();
}

QString DrillConsoleView::hallId() const { return m_hall->currentData().toString(); }

QString DrillConsoleView::scenarioId() const { return m_scenario->currentData().toString(); }

void DrillConsoleView::reload() {
  if (!m_session->signedIn()) return;
  fillHalls();
  if (!hallId().isEmpty()) showHall(hallId());
  loadCadence();
}

void DrillConsoleView::showHall(const QString& id) {
  {
    QSignalBlocker block(m_hall);
    const int i = m_hall->findData(id);
    if (i >= 0) m_hall->setCurrentIndex(i);
  }
  if (m_drill.hall_id() != ss(id)) {
    m_drill.Clear();
    m_results->clear();
    m_handBuilt.Clear();  // its places are the other hall's
  }
  ++m_generation;
  // Until the lookup answers: the drill shown, if it is this hall's live one.
  m_liveDrillId = client::drillLive(m_drill) ? qs(m_drill.id()) : QString();
  m_fetching = false;
  m_fetchAgain = false;
  m_pendingStartKey.clear();
  m_pendingStartId.clear();
  fillKiosks();
  showDrill();
  if (!m_session->signedIn() || id.isEmpty()) return;
  loadScenarios();
  lookupLive();
}

void DrillConsoleView::loadScenarios() {
  const int generation = m_generation;
  m_status->setText(tr("正在读取演练脚本……"));
  m_session->listDrillScenarios(
      hallId(), this,
      [this, generation](const RpcResult& r, const std::vector<v1::ScenarioForHall>& scenarios) {
        if (generation != m_generation) return;
        if (!r.ok()) {
          m_status->setText(tr("无法读取演练脚本：%1").arg(r.text()));
          return;
        }
        m_status->clear();
        setScenarios(scenarios);
        loadHistory();
      });
}

void DrillConsoleView::lookupLive() {
  if (!m_session->signedIn() || hallId().isEmpty()) return;
  const int generation = m_generation;
  m_session->listDrills(
      {hallId()}, QString(), 20, this,
      [this, generation](const RpcResult& r, const std::vector<v1::Drill>& drills) {
        if (generation != m_generation || !r.ok()) return;
        auto live = std::find_if(drills.begin(), drills.end(), client::drillLive);
        m_liveDrillId = live == drills.end() ? QString() : qs(live->id());
        if (live != drills.end()) {
          if (qs(m_drill.id()) != m_liveDrillId) openDrill(m_liveDrillId);
        } else if (m_drill.id().empty() && !drills.empty()) {
          openDrill(qs(drills.front().id()));  // the latest, for its review
        }
        updateActions();
        updatePolling();
      });
}

void DrillConsoleView::loadHistory() {
  if (!m_session->signedIn() || hallId().isEmpty() || scenarioId().isEmpty()) {
    setHistory({});
    return;
  }
  const int generation = m_generation;
  const QString scenario = scenarioId();
  m_session->listDrills(
      {hallId()}, scenario, kHistoryLimit, this,
      [this, generation, scenario](const RpcResult& r, const std::vector<v1::Drill>& drills) {
        if (generation != m_generation || scenario != scenarioId()) return;
        if (!r.ok()) {
          m_status->setText(tr("无法读取演练记录：%1").arg(r.text()));
          return;
        }
        setHistory(drills);
      });
}

void DrillConsoleView::loadCadence() {
  if (!m_session->signedIn()) return;
  m_session->getDrillCadence(m_session->hallIds(), this,
                             [this](const RpcResult& r, const std::vector<v1::DrillCadence>& rows) {
                               if (!r.ok()) {
                                 m_status->setText(tr("无法读取演练频次：%1").arg(r.text()));
                                 return;
                               }
                               setCadence(rows);
                             });
}

void DrillConsoleView::openDrill(const QString& drillId) {
  if (drillId.isEmpty()) return;
  const int generation = m_generation;
  m_session->getDrill(drillId, this, [this, generation](const RpcResult& r, const v1::Drill& d) {
    if (generation != m_generation) return;
    if (!r.ok()) {
      m_status->setText(tr("无法读取演练：%1").arg(r.text()));
      return;
    }
    setDrill(d);
  });
}

void DrillConsoleView::refreshDrill() {
  if (m_drill.id().empty() || !m_session->signedIn()) return;
  if (m_fetching) {
    m_fetchAgain = true;
    return;
  }
  m_fetching = true;
  const int generation = m_generation;
  const std::string id = m_drill.id();
  m_session->getDrill(qs(id), this, [this, generation, id](const RpcResult& r, const v1::Drill& d) {
    if (generation != m_generation) return;
    m_fetching = false;
    if (r.ok() && id == m_drill.id()) {
      const bool wasLive = client::drillLive(m_drill);
      setDrill(d);
      if (wasLive && !client::drillLive(d)) {  // it ended meanwhile
        loadHistory();
        loadCadence();
      }
    }
    if (m_fetchAgain) {
      m_fetchAgain = false;
      refreshDrill();
    }
  });
}

// ------------------------------------------------------------ feeding

const v1::ScenarioForHall* DrillConsoleView::currentScenario() const {
  const std::string id = ss(scenarioId());
  if (!m_handBuilt.scenario().id().empty() && m_handBuilt.scenario().id() == id)
    return &m_handBuilt;
  for (const auto& s : m_scenarios)
    if (s.scenario().id() == id) return &s;
  return nullptr;
}

void DrillConsoleView::setScenarios(const std::vector<v1::ScenarioForHall>& scenarios) {
  m_scenarios = scenarios;
  fillScenarios(scenarioId());
}

void DrillConsoleView::fillScenarios(const QString& select) {
  const QString keep = scenarioId();
  {
    QSignalBlocker block(m_scenario);
    m_scenario->clear();
    if (!m_handBuilt.scenario().id().empty())
      m_scenario->addItem(client::scenarioName(m_handBuilt.scenario(), m_english),
                          qs(m_handBuilt.scenario().id()));
    for (const auto& s : m_scenarios)
      m_scenario->addItem(client::scenarioName(s.scenario(), m_english), qs(s.scenario().id()));
    int i = m_scenario->findData(select);
    // The drill shown's scenario, else the first.
    if (i < 0) i = m_scenario->findData(qs(m_drill.scenario().id()));
    m_scenario->setCurrentIndex(std::max(0, i));
  }
  showScenario();
  if (scenarioId() != keep) loadHistory();
  updateActions();
}

void DrillConsoleView::setHandBuilt(const v1::ScenarioForHall& scenario) {
  m_handBuilt = scenario;
  fillScenarios(qs(scenario.scenario().id()));
}

DrillInjectEditor* DrillConsoleView::editInjects() {
  const v1::ScenarioForHall* base = currentScenario();
  if (!base || !m_session->mayRunDrills()) return nullptr;
  auto* editor = new DrillInjectEditor(m_session, hallId(), base->scenario(), m_english, this);
  editor->setAttribute(Qt::WA_DeleteOnClose);
  const QString hall = hallId();
  connect(editor, &QDialog::accepted, this, [this, editor, hall] {
    if (hall != hallId()) return;  // another hall meanwhile
    setHandBuilt(editor->checked());
    m_status->setText(tr("已使用手工编排「%1」，可开始演练")
                          .arg(client::scenarioName(editor->checked().scenario(), m_english)));
  });
  editor->open();
  return editor;
}

void DrillConsoleView::showScenario() {
  const v1::ScenarioForHall* sf = currentScenario();
  if (!sf) {
    m_preview->setHtml(m_scenarios.empty() && m_session->signedIn()
                           ? tr("<p>此大厅没有适用的演练脚本。</p>")
                           : QString());
    return;
  }
  const v1::DrillScenario& s = sf->scenario();
  auto esc = [](const QString& t) { return t.toHtmlEscaped(); };
  QString h = QStringLiteral("<h3>%1</h3>").arg(esc(client::scenarioName(s, m_english)));
  auto line = [&](const QString& k, const QString& v) {
    if (v.isEmpty()) return;
    h += QStringLiteral("<p><span style='color:#607d8b'>%1</span> %2</p>").arg(esc(k), esc(v));
  };
  line(tr("演练内容："), qs(s.rehearses()));
  line(tr("依据："), qs(s.citation()));
  QStringList roles;
  for (int r : s.roles()) roles << client::roleName(static_cast<v1::Role>(r));
  line(tr("参演角色："), roles.join(tr("、")));
  line(tr("时长："), client::durationText(s.duration_seconds()));
  line(tr("频次："),
       s.interval_days() > 0 ? tr("每 %1 天一次").arg(s.interval_days()) : tr("由大厅自定"));
  h += QStringLiteral("<p><b>%1</b></p><ul>").arg(esc(tr("注入")));
  for (const auto& inject : s.injects()) {
    QString what = qs(inject.summary());
    if (inject.kind() == v1::DrillInject::KIND_MESSAGE) what = qs(inject.message());
    if (inject.kind() == v1::DrillInject::KIND_KIOSK_SILENT) what = qs(inject.place());
    if (inject.kind() == v1::DrillInject::KIND_METRIC)
      what = QStringLiteral("%1 = %2")
                 .arg(client::metricName(qs(inject.metric())))
                 .arg(inject.value());
    h += QStringLiteral("<li>+%1 %2 · %3 · %4</li>")
             .arg(client::drillClockText(inject.at_seconds()), esc(qs(inject.id())),
                  esc(client::injectKindName(inject.kind())), esc(what));
  }
  h += QStringLiteral("</ul><p><b>%1</b></p><ol>")
           .arg(esc(tr("应有响应（%1 项）").arg(sf->expected_size())));
  for (const auto& e : sf->expected()) {
    h += QStringLiteral("<li>%1<br><span style='color:#607d8b'>%2</span></li>")
             .arg(esc(client::expectationText(e, m_english)),
                  esc(tr("%1 注入后 %2 内 · %3")
                          .arg(qs(e.incident()), client::ageText(e.within_seconds()),
                               qs(e.citation()))));
  }
  h += QStringLiteral("</ol>");
  m_preview->setHtml(h);
}

void DrillConsoleView::fillKiosks() {
  const std::string hall = ss(hallId());
  QStringList ids;
  QHash<QString, QString> names;
  for (const auto& k : m_session->kiosks()->kiosks()) {
    if (k.hall_id() != hall || !k.active()) continue;
    ids << qs(k.id());
    names.insert(qs(k.id()), k.name().empty() ? qs(k.id()) : qs(k.name()));
  }
  QStringList shown;
  QSet<QString> unchecked;
  for (int i = 0; i < m_kiosks->count(); ++i) {
    const QString id = m_kiosks->item(i)->data(Qt::UserRole).toString();
    shown << id;
    if (m_kiosks->item(i)->checkState() != Qt::Checked) unchecked.insert(id);
  }
  if (shown == ids) return;  // the same kiosks: keep the choices
  m_kiosks->clear();
  for (const QString& id : ids) {
    auto* item = new QListWidgetItem(QStringLiteral("%1（%2）").arg(names.value(id), id), m_kiosks);
    item->setData(Qt::UserRole, id);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(unchecked.contains(id) ? Qt::Unchecked : Qt::Checked);  // all by default
  }
}

void DrillConsoleView::setDrill(const v1::Drill& drill) {
  m_drill = drill;
  if (client::drillLive(drill) && ss(hallId()) == drill.hall_id()) {
    m_liveDrillId = qs(drill.id());
  } else if (qs(drill.id()) == m_liveDrillId) {
    m_liveDrillId.clear();
  }
  m_results->setDrill(drill);
  if (!drill.scenario().id().empty() && scenarioId() != qs(drill.scenario().id())) {
    const int i = m_scenario->findData(qs(drill.scenario().id()));
    if (i >= 0) m_scenario->setCurrentIndex(i);
  }
  showDrill();
  fillReview();
  updateActions();
  updatePolling();
}

void DrillConsoleView::showDrill() {
  const v1::Drill& d = m_drill;
  const qint64 now = nowMs();
  if (d.id().empty()) {
    m_banner->setText(tr("此大厅当前没有演练"));
    m_banner->setStyleSheet(BannerStyle(QStringLiteral("#eceff1"), QStringLiteral("#37474f")));
    m_clock->clear();
    m_score->clear();
    m_message->clear();
    m_timeline->clear();
    return;
  }
  m_banner->setText(tr("%1：%2").arg(client::drillStateText(d, now),
                                     client::scenarioName(d.scenario(), m_english)));
  if (client::drillScheduled(d, now)) {
    m_banner->setStyleSheet(BannerStyle(QStringLiteral("#1565c0")));
  } else if (d.state() == v1::DRILL_STATE_RUNNING) {
    // Amber stripes: a drill, never to be taken for a real event.
    m_banner->setStyleSheet(BannerStyle(QStringLiteral(
        "qlineargradient(spread:repeat,x1:0,y1:0,x2:0.03,y2:0.12,stop:0 #ef6c00,stop:0.5 #ef6c00,"
        "stop:0.51 #f57f17,stop:1 #f57f17)")));
  } else if (d.state() == v1::DRILL_STATE_PAUSED) {
    m_banner->setStyleSheet(BannerStyle(QStringLiteral("#fbc02d"), QStringLiteral("#212121")));
  } else if (d.state() == v1::DRILL_STATE_STOPPED) {
    m_banner->setStyleSheet(BannerStyle(QStringLiteral("#6d4c41")));
  } else {
    m_banner->setStyleSheet(BannerStyle(QStringLiteral("#2e7d32")));
  }
  updateClock();
  const v1::DrillScore& s = d.score();
  m_score->setText(tr("得分 <b>%1%</b>%2 · 按时 %3 · 迟 %4 · 未完成 %5 · 超时 %6 · 待定 %7")
                       .arg(s.percent())
                       .arg(s.final() ? tr("（最终）") : tr("（至今）"))
                       .arg(s.on_time())
                       .arg(s.late())
                       .arg(s.missed())
                       .arg(s.overdue())
                       .arg(s.pending()));
  QStringList message;
  if (d.state() == v1::DRILL_STATE_STOPPED && !d.stop_reason().empty())
    message << tr("停止原因：%1").arg(qs(d.stop_reason()));
  if (!d.last_message().empty()) message << tr("最新消息：%1").arg(qs(d.last_message()));
  if (!d.started_by_name().empty())
    message << tr("组织者：%1 · 参演终端：%2")
                   .arg(qs(d.started_by_name()),
                        d.kiosk_ids().empty() ? tr("全部") : QString::number(d.kiosk_ids_size()));
  m_message->setText(message.join(QStringLiteral("　·　")));

  m_timeline->clear();
  const auto entries = client::drillTimeline(
      d, [this](const QString& id) { return m_session->categoryTitle(id, m_english); });
  for (const auto& e : entries) {
    const QString at = QDateTime::fromMSecsSinceEpoch(e.atMs).toString(QStringLiteral("HH:mm:ss"));
    auto* item = new QListWidgetItem(
        e.fired ? QStringLiteral("%1　%2").arg(at, e.text) : tr("预定 %1　%2").arg(at, e.text),
        m_timeline);
    item->setData(Qt::UserRole, e.incidentId);
    if (e.incident) {
      QFont f = item->font();
      f.setBold(true);
      item->setFont(f);
      item->setForeground(QColor(0x28, 0x35, 0x93));
    } else if (!e.fired) {
      item->setForeground(QColor(0x9e, 0x9e, 0x9e));
    }
  }
}

void DrillConsoleView::updateClock() {
  const v1::Drill& d = m_drill;
  if (d.id().empty()) return;
  const qint64 now = nowMs();
  if (client::drillScheduled(d, now)) {
    m_clock->setText(
        tr("距开始 %1").arg(client::drillClockText((client::toMsecs(d.starts_at()) - now) / 1000)));
    return;
  }
  m_clock->setText(tr("演练用时 %1 / %2")
                       .arg(client::drillClockText(client::drillElapsedSeconds(d, now)),
                            client::drillClockText(d.scenario().duration_seconds())));
}

void DrillConsoleView::setHistory(const std::vector<v1::Drill>& drills) {
  m_history = drills;
  m_historyTable->setRowCount(0);
  const qint64 now = nowMs();
  for (const auto& d : m_history) {
    const int row = m_historyTable->rowCount();
    m_historyTable->insertRow(row);
    const QString id = qs(d.id());
    m_historyTable->setItem(row, 0,
                            Cell(When(d.starts_at(), QStringLiteral("yyyy-MM-dd HH:mm")), id));
    m_historyTable->setItem(row, 1, Cell(client::drillStateName(d, now), id));
    m_historyTable->setItem(
        row, 2,
        Cell(client::drillLive(d) ? tr("%1%（至今）").arg(d.score().percent())
                                  : QStringLiteral("%1%").arg(d.score().percent()),
             id));
    m_historyTable->setItem(row, 3, Cell(qs(d.started_by_name()), id));
  }
  m_historyTable->resizeColumnsToContents();
  drawTrend();
}

void DrillConsoleView::drawTrend() {
  QChart* chart = m_trend->chart();
  chart->removeAllSeries();
  for (QAbstractAxis* a : chart->axes()) {
    chart->removeAxis(a);
    delete a;
  }
  // Runs over (ended or stopped) of this scenario in this hall, oldest first.
  std::vector<const v1::Drill*> runs;
  for (auto it = m_history.rbegin(); it != m_history.rend(); ++it) {
    if (client::drillLive(*it)) continue;
    if (it->hall_id() != ss(hallId()) || it->scenario().id() != ss(scenarioId())) continue;
    runs.push_back(&*it);
  }
  chart->setTitle(runs.empty() ? tr("得分趋势：尚无已完成的演练")
                               : tr("得分趋势（同一大厅、同一脚本，共 %1 次）").arg(runs.size()));
  if (runs.empty()) return;
  auto* line = new QLineSeries;
  auto* points = new QScatterSeries;
  line->setColor(QColor(0x4e, 0x79, 0xa7));
  points->setColor(QColor(0x4e, 0x79, 0xa7));
  points->setMarkerSize(9);
  points->setPointLabelsVisible(true);
  points->setPointLabelsFormat(QStringLiteral("@yPoint%"));
  auto* x = new QCategoryAxis;
  x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
  x->setRange(-0.5, static_cast<double>(runs.size()) - 0.5);
  x->setStartValue(-0.5);
  for (size_t i = 0; i < runs.size(); ++i) {
    line->append(static_cast<double>(i), runs[i]->score().percent());
    points->append(static_cast<double>(i), runs[i]->score().percent());
    x->append(When(runs[i]->starts_at(), QStringLiteral("yyyy-MM-dd")) +
                  (runs[i]->state() == v1::DRILL_STATE_STOPPED ? tr("（停止）") : QString()),
              static_cast<double>(i));
  }
  chart->addSeries(line);
  chart->addSeries(points);
  chart->addAxis(x, Qt::AlignBottom);
  auto* y = new QValueAxis;
  y->setRange(0, 105);
  y->setTickType(QValueAxis::TicksDynamic);
  y->setTickInterval(25);
  y->setTickAnchor(0);
  y->setLabelFormat(QStringLiteral("%d%"));
  chart->addAxis(y, Qt::AlignLeft);
  for (QAbstractSeries* s :
       {static_cast<QAbstractSeries*>(line), static_cast<QAbstractSeries*>(points)}) {
    s->attachAxis(x);
    s->attachAxis(y);
  }
}

void DrillConsoleView::setCadence(const std::vector<v1::DrillCadence>& rows) {
  m_cadenceRows = rows;
  m_cadence->setRowCount(0);
  for (const auto& c : m_cadenceRows) {
    const int row = m_cadence->rowCount();
    m_cadence->insertRow(row);
    const QString name = m_english && !c.scenario_name_en().empty() ? qs(c.scenario_name_en())
                                                                    : qs(c.scenario_name_zh());
    const bool never = !c.has_last_run_at();
    QStringList cells{m_session->hallName(qs(c.hall_id())),
                      name.isEmpty() ? qs(c.scenario_id()) : name,
                      c.interval_days() > 0 ? tr("每 %1 天").arg(c.interval_days()) : tr("自定"),
                      never ? tr("从未演练") : When(c.last_run_at(), QStringLiteral("yyyy-MM-dd")),
                      c.has_due_at() ? When(c.due_at(), QStringLiteral("yyyy-MM-dd")) : tr("现在"),
                      c.overdue() ? tr("逾期") : tr("按期"),
                      never ? QStringLiteral("—") : QStringLiteral("%1%").arg(c.last_percent())};
    for (int col = 0; col < cells.size(); ++col) {
      auto* item = Cell(cells[col], qs(c.last_drill_id()));
      item->setData(Qt::UserRole + 1, qs(c.hall_id()));
      item->setData(Qt::UserRole + 2, qs(c.scenario_id()));
      item->setToolTip(qs(c.citation()));
      if (c.overdue()) {
        item->setBackground(QColor(0xff, 0xeb, 0xee));
        item->setForeground(QColor(0xc6, 0x28, 0x28));
        if (col == 5) {
          QFont f = item->font();
          f.setBold(true);
          item->setFont(f);
        }
      }
      m_cadence->setItem(row, col, item);
    }
  }
  m_cadence->resizeColumnsToContents();
}

void DrillConsoleView::fillReview() {
  const v1::Drill& d = m_drill;
  const bool over = !d.id().empty() && !client::drillLive(d);
  m_reviewTitle->setText(d.id().empty() ? tr("选择一次已结束的演练填写总结。")
                         : over         ? tr("%1 · %2 · %3")
                                      .arg(client::scenarioName(d.scenario(), m_english),
                                           When(d.starts_at(), QStringLiteral("yyyy-MM-dd HH:mm")),
                                           client::drillStateName(d, nowMs()))
                                : tr("演练结束后填写总结（演练总结，东莞 B.2.2 / 湖南 5.4.2）。"));
  m_reviewedBy->setText(
      d.has_review() && !d.review().reviewed_by_name().empty()
          ? tr("总结人：%1（%2）")
                .arg(qs(d.review().reviewed_by_name()),
                     When(d.review().reviewed_at(), QStringLiteral("yyyy-MM-dd HH:mm")))
          : QString());
  // The form takes the server's review when another drill is shown, or
  // when nobody is editing it (edits in progress survive the polls).
  const bool editing = m_wentWell->document()->isModified() ||
                       m_wentBadly->document()->isModified() ||
                       m_improvements->document()->isModified();
  if (qs(d.id()) == m_reviewFor && editing) return;
  m_reviewFor = qs(d.id());
  QStringList improvements;
  for (const auto& i : d.review().improvements()) improvements << qs(i);
  m_wentWell->setPlainText(qs(d.review().went_well()));
  m_wentBadly->setPlainText(qs(d.review().went_badly()));
  m_improvements->setPlainText(improvements.join(QLatin1Char('\n')));
  for (QPlainTextEdit* e : {m_wentWell, m_wentBadly, m_improvements})
    e->document()->setModified(false);
}

// ------------------------------------------------------------ actions

bool DrillConsoleView::polling() const { return m_poll->isActive(); }

void DrillConsoleView::updatePolling() {
  const bool visible = isVisible();
  if (visible && client::drillLive(m_drill)) {
    if (!m_poll->isActive()) m_poll->start();
  } else {
    m_poll->stop();
  }
  if (visible && m_liveDrillId.isEmpty()) {
    if (!m_lookup->isActive()) m_lookup->start();
  } else {
    m_lookup->stop();
  }
}

void DrillConsoleView::updateActions() {
  const bool may = m_session->mayRunDrills();
  const v1::Drill& d = m_drill;
  const bool shownLive = client::drillLive(d) && qs(d.id()) == m_liveDrillId;
  const bool scheduled = client::drillScheduled(d, nowMs());
  const bool idle = m_liveDrillId.isEmpty() && !m_acting;
  m_start->setEnabled(may && idle && currentScenario() != nullptr);
  m_editInjects->setEnabled(may && currentScenario() != nullptr);
  m_editInjects->setVisible(may);
  m_pause->setEnabled(may && !m_acting && shownLive && !scheduled &&
                      d.state() == v1::DRILL_STATE_RUNNING);
  m_resume->setEnabled(may && !m_acting && shownLive && d.state() == v1::DRILL_STATE_PAUSED);
  m_stop->setEnabled(may && !m_acting && shownLive);
  for (QWidget* w :
       {static_cast<QWidget*>(m_now), static_cast<QWidget*>(m_at), static_cast<QWidget*>(m_kiosks)})
    w->setEnabled(may);
  m_startsAt->setEnabled(may && m_at->isChecked());
  const bool over = !d.id().empty() && !client::drillLive(d);
  m_saveReview->setEnabled(may && over && !m_acting);
  for (QPlainTextEdit* e : {m_wentWell, m_wentBadly, m_improvements}) e->setReadOnly(!may || !over);
  m_pdf->setEnabled(over);
  m_csv->setEnabled(over);
  const QString why =
      may ? QString() : tr("只读：仅演练组织者可发起、暂停、继续、停止演练和填写总结");
  for (QWidget* w : {static_cast<QWidget*>(m_start), static_cast<QWidget*>(m_pause),
                     static_cast<QWidget*>(m_resume), static_cast<QWidget*>(m_saveReview)})
    w->setToolTip(why);
  m_stop->setToolTip(may ? tr("发生真实事件时：立即停止演练，按真实事件处置") : why);
  m_readOnly->setText(m_session->mayWatchDrills() && !may ? tr("只读（观摩）") : QString());
  if (!m_pendingStartId.isEmpty() && may)
    m_start->setText(tr("重试开始"));
  else
    m_start->setText(tr("开始演练"));
}

void DrillConsoleView::finishAction(const QString& action, const RpcResult& r,
                                    const v1::Drill& drill) {
  m_acting = false;
  if (r.ok()) {
    setDrill(drill);
    m_status->setText(tr("%1：完成").arg(action));
    loadHistory();
    loadCadence();
  } else {
    m_status->setText(tr("%1失败：%2").arg(action, r.text()));
    // The state may have moved on elsewhere (FAILED_PRECONDITION …).
    if (!r.transient()) {
      refreshDrill();
      lookupLive();
    }
  }
  updateActions();
}

void DrillConsoleView::startDrill() {
  if (!m_session->mayRunDrills() || m_acting) return;
  const QString hall = hallId();
  const v1::ScenarioForHall* chosen = currentScenario();
  if (!chosen) return;
  const v1::DrillScenario scenario = chosen->scenario();
  const bool handBuilt = chosen == &m_handBuilt;
  QStringList kiosks;
  bool all = true;
  for (int i = 0; i < m_kiosks->count(); ++i) {
    if (m_kiosks->item(i)->checkState() == Qt::Checked)
      kiosks << m_kiosks->item(i)->data(Qt::UserRole).toString();
    else
      all = false;
  }
  if (!all && kiosks.isEmpty()) {
    m_status->setText(tr("请至少选择一台参演终端"));
    return;
  }
  if (all) kiosks.clear();  // every enrolled, active kiosk, as the server knows them
  QDateTime at;
  if (m_at->isChecked()) {
    at = m_startsAt->dateTime();
    if (at.toMSecsSinceEpoch() <= nowMs()) {
      m_status->setText(tr("计划开始时间须晚于现在"));
      return;
    }
  }
  // One request id per Start: the same inputs tried again after the server
  // could not be reached reuse it (the server makes one run per id).
  const QString key =
      QStringList{hall, qs(scenario.id()),
                  // a hand-built one edited since is another start
                  handBuilt ? QString::number(
                                  qHash(QByteArray::fromStdString(scenario.SerializeAsString())))
                            : QString(),
                  at.isValid() ? QString::number(at.toSecsSinceEpoch()) : QStringLiteral("now"),
                  kiosks.join(QLatin1Char(','))}
          .join(QLatin1Char('|'));
  if (key != m_pendingStartKey || m_pendingStartId.isEmpty()) {
    m_pendingStartKey = key;
    m_pendingStartId = DeskSession::newRequestId();
  }
  m_acting = true;
  updateActions();
  const QString action = at.isValid() ? tr("安排演练") : tr("开始演练");
  m_status->setText(tr("%1……").arg(action));
  const int generation = m_generation;
  m_session->startDrill(
      m_pendingStartId, hall, scenario, handBuilt, at, kiosks, this,
      [this, action, generation, key](const RpcResult& r, const v1::Drill& d) {
        if (generation != m_generation) {
          m_acting = false;
          return;
        }
        if (r.ok() || !r.transient()) {
          if (key == m_pendingStartKey) {
            m_pendingStartKey.clear();
            m_pendingStartId.clear();
          }
        }
        finishAction(action, r, d);
        if (!r.ok() && r.transient())
          m_status->setText(tr("%1失败：%2。再次点击「重试开始」将沿用同一请求，不会重复开始。")
                                .arg(action, r.text()));
      });
}

void DrillConsoleView::pauseDrill() {
  if (!m_session->mayRunDrills() || m_acting) return;
  m_acting = true;
  updateActions();
  m_session->pauseDrill(qs(m_drill.id()), this, [this](const RpcResult& r, const v1::Drill& d) {
    finishAction(tr("暂停演练"), r, d);
  });
}

void DrillConsoleView::resumeDrill() {
  if (!m_session->mayRunDrills() || m_acting) return;
  m_acting = true;
  updateActions();
  m_session->resumeDrill(qs(m_drill.id()), this, [this](const RpcResult& r, const v1::Drill& d) {
    finishAction(tr("继续演练"), r, d);
  });
}

void DrillConsoleView::stopWithReason(const QString& reason) {
  if (!m_session->mayRunDrills() || m_acting) return;
  m_acting = true;
  updateActions();
  m_session->stopDrill(
      qs(m_drill.id()), reason, this,
      [this](const RpcResult& r, const v1::Drill& d) { finishAction(tr("停止演练"), r, d); });
}

void DrillConsoleView::saveReview() {
  if (!m_session->mayRunDrills() || m_acting) return;
  v1::DrillReview review;
  review.set_went_well(ss(m_wentWell->toPlainText().trimmed()));
  review.set_went_badly(ss(m_wentBadly->toPlainText().trimmed()));
  for (const QString& line : m_improvements->toPlainText().split(QLatin1Char('\n'))) {
    if (!line.trimmed().isEmpty()) review.add_improvements(ss(line.trimmed()));
  }
  m_acting = true;
  updateActions();
  m_session->recordDrillReview(
      qs(m_drill.id()), review, this, [this](const RpcResult& r, const v1::Drill& d) {
        if (r.ok()) {  // the form takes the saved review
          for (QPlainTextEdit* e : {m_wentWell, m_wentBadly, m_improvements})
            e->document()->setModified(false);
        }
        finishAction(tr("保存演练总结"), r, d);
      });
}

bool DrillConsoleView::writePdf(const QString& path, QString* error) {
  client::DrillReportNames names;
  names.hallName = m_session->hallName(qs(m_drill.hall_id()));
  return client::writeDrillPdf(m_drill, m_english ? QStringLiteral("en") : QStringLiteral("zh"),
                               path, error, names);
}

bool DrillConsoleView::writeCsv(const QString& path, QString* error) {
  return client::writeDrillCsv(m_drill, path, error,
                               m_english ? QStringLiteral("en") : QStringLiteral("zh"));
}

QString DrillConsoleView::bannerText() const { return m_banner->text(); }

QString DrillConsoleView::statusText() const { return m_status->text(); }

}  // namespace hall::desk
