#include "desk_window.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QResizeEvent>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "dashboard_view.h"
#include "leadership_model.h"

namespace hall::desk {

using client::IncidentBoardModel;
using client::qs;
namespace v1 = hall::v1;

namespace {
QPushButton* actionButton(QWidget* parent) {
  auto* b = new QPushButton(parent);
  b->setMinimumHeight(34);
  return b;
}
}  // namespace

DeskWindow::DeskWindow(DeskSession* session, client::LanguageSwitcher* language, QWidget* parent)
    : QMainWindow(parent),
      m_session(session),
      m_language(language),
      m_filter(new client::IncidentFilterModel(this)),
      m_alarm(new AlarmSound(this)) {
  m_filter->setSourceModel(session->board());
  resize(1600, 900);
  buildCentral();
  buildMenus();
  buildStatusBar();
  connectSession();
  connectEscalation();
  installShortcuts();
  retranslateUi();
  updateConnection();
  updateClockBanner();
  updateNoteCounter();
  updateBanners();
  updateDetail();
}

// ------------------------------------------------------------ frame

void DeskWindow::buildCentral() {
  // The simulated-clock banner sits above every page, the login page too.
  auto* central = new QWidget(this);
  auto* v = new QVBoxLayout(central);
  v->setContentsMargins(0, 0, 0, 0);
  v->setSpacing(0);
  m_clockBanner = new QLabel(central);
  m_clockBanner->setObjectName(QStringLiteral("clockBanner"));
  m_clockBanner->setAlignment(Qt::AlignCenter);
  m_clockBanner->setStyleSheet(
      QStringLiteral("background:#6a1b9a;color:white;font-size:20px;font-weight:bold;padding:8px"));
  m_stack = new QStackedWidget(central);
  m_stack->addWidget(buildLogin());
  m_stack->addWidget(buildBoard());
  v->addWidget(m_clockBanner);
  v->addWidget(m_stack, 1);
  setCentralWidget(central);
}

void DeskWindow::buildMenus() {
  m_sessionMenu = menuBar()->addMenu(QString());
  m_logoutAction = m_sessionMenu->addAction(QString(), this, [this] { m_session->logout(); });
  m_languageMenu = menuBar()->addMenu(QString());
  m_zhAction = m_languageMenu->addAction(QStringLiteral("中文"), this,
                                         [this] { m_language->setLanguage("zh"); });
  m_enAction = m_languageMenu->addAction(QStringLiteral("English"), this,
                                         [this] { m_language->setLanguage("en"); });
}

void DeskWindow::buildStatusBar() {
  // The connection state is always visible.
  m_connection = new QLabel(this);
  m_connection->setObjectName(QStringLiteral("connectionState"));
  m_connection->setMargin(2);
  m_who = new QLabel(this);
  m_who->setObjectName(QStringLiteral("who"));
  m_planLabel = new QLabel(this);
  m_planLabel->setObjectName(QStringLiteral("planLabel"));
  m_setupWarning = new QLabel(this);
  m_setupWarning->setObjectName(QStringLiteral("setupWarning"));
  m_setupWarning->setStyleSheet(QStringLiteral(
      "background:#ef6c00;color:white;font-weight:bold;border-radius:4px;padding:2px 8px"));
  m_setupWarning->hide();
  m_clock = new QLabel(this);
  statusBar()->addWidget(m_who, 1);
  statusBar()->addPermanentWidget(m_setupWarning);
  statusBar()->addPermanentWidget(m_planLabel);
  statusBar()->addPermanentWidget(m_clock);
  statusBar()->addPermanentWidget(m_connection);
  auto* clockTimer = new QTimer(this);
  connect(clockTimer, &QTimer::timeout, this, [this] {
    // The server's clock: every time on the desk (reported, due, the
    // countdowns) is the server's, which may differ from this computer's.
    const qint64 now = m_session->client()->serverProfile()->serverNowMs();
    m_clock->setText(
        QDateTime::fromMSecsSinceEpoch(now).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
  });
  clockTimer->start(1000);
}

void DeskWindow::connectSession() {
  DeskSession* session = m_session;
  connect(session->client(), &client::HallClient::stateChanged, this,
          &DeskWindow::updateConnection);
  connect(session->client(), &client::HallClient::currentAddressChanged, this,
          &DeskWindow::updateConnection);
  connect(session->client()->serverProfile(), &client::ServerProfile::changed, this, [this] {
    updateClockBanner();
    updateNoteCounter();
  });
  connect(session, &DeskSession::signedInChanged, this, [this] {
    m_stack->setCurrentIndex(m_session->signedIn() ? 1 : 0);
    if (m_session->signedIn()) {
      m_leadershipView->reload();
      m_floorPlanView->reload();
    }
    m_lastSelected.Clear();
    updateConnection();
    updateDetail();
    updateBanners();
  });
  connect(session, &DeskSession::loginFinished, this, [this](bool ok, const QString& message) {
    m_loginButton->setEnabled(true);
    m_loginError->setText(ok ? QString() : message);
    if (ok) m_password->clear();
  });
  connect(session, &DeskSession::sessionExpired, this, [this](const QString& message) {
    m_loginError->setText(tr("登录已失效，请重新登录（%1）").arg(message));
  });
  connect(session, &DeskSession::permissionsChanged, this, [this] {
    // Leadership and the bureau review across halls: their view opens
    // first; a hall head may switch to it for their hall.
    const auto role = m_session->role();
    const bool leader = role == v1::ROLE_LEADERSHIP || role == v1::ROLE_BUREAU;
    m_boardTabs->setTabVisible(1, leader || role == v1::ROLE_HALL_HEAD);
    m_boardTabs->setTabVisible(m_boardTabs->indexOf(m_dashboard),
                               m_session->may(QStringLiteral("report")));
    // Drill coordinators run drills: their tab opens first; duty officers,
    // hall heads and leadership may watch.
    m_boardTabs->setTabVisible(m_boardTabs->indexOf(m_drillConsole), m_session->mayWatchDrills());
    if (m_session->mayRunDrills()) {
      m_boardTabs->setCurrentWidget(m_drillConsole);
    } else {
      m_boardTabs->setCurrentIndex(leader ? 1 : 0);
    }
    m_leadershipView->model()->setPersonId(m_session->personId());
    updateConnection();
    updateDetail();
    updateBanners();
  });
  connect(session, &DeskSession::hallsChanged, this, &DeskWindow::updateConnection);
  connect(session, &DeskSession::plansChanged, this, &DeskWindow::updateConnection);
  connect(session, &DeskSession::plansChanged, this, &DeskWindow::updateDetail);
  connect(session, &DeskSession::peopleChanged, this, &DeskWindow::updatePeople);
  connect(session, &DeskSession::actionFinished, this, &DeskWindow::onAction);
  connect(session->board(), &IncidentBoardModel::alarmCountChanged, this,
          &DeskWindow::updateBanners);
  connect(session->board(), &IncidentBoardModel::countChanged, this, &DeskWindow::updateBanners);
  connect(session->board(), &IncidentBoardModel::newAlarm, this, [this](const QString&) {
    QApplication::alert(this);  // flash the task bar entry too
  });
  connect(session->kiosks(), &client::KioskStatusModel::offlineChanged, this,
          &DeskWindow::updateBanners);
  connect(session->watch(), &client::IncidentWatch::eventsReceived, this,
          [this](const std::vector<v1::IncidentEvent>& events) {
            for (const auto& e : events) {
              if (qs(e.incident_id()) == m_session->selected()) {
                m_lastSelected = e.incident();
                updateDetail();
              }
            }
          });
  connect(m_filter, &QAbstractItemModel::modelReset, this, &DeskWindow::updateBanners);
  for (QAbstractItemModel* m : {static_cast<QAbstractItemModel*>(session->checklist()),
                                static_cast<QAbstractItemModel*>(session->timeline())}) {
    connect(m, &QAbstractItemModel::modelReset, this, &DeskWindow::updateDetailTabs);
    connect(m, &QAbstractItemModel::rowsInserted, this, &DeskWindow::updateDetailTabs);
  }
  connect(session->checklist(), &client::ChecklistModel::progressChanged, this,
          &DeskWindow::updateDetailTabs);
}

void DeskWindow::connectEscalation() {
  DeskSession* session = m_session;
  auto* mine = session->escalatedToMe();
  connect(mine, &client::EscalatedToMeModel::pendingChanged, this, &DeskWindow::updateBanners);
  connect(mine, &client::EscalatedToMeModel::newAlert, this,
          [this](const QString&) { QApplication::alert(this); });
  connect(m_escalatedPanel, &EscalatedPanel::incidentChosen, this, &DeskWindow::selectIncident);
  connect(session->chain(), &client::ChainStagesModel::changed, this,
          &DeskWindow::updateDetailTabs);
  connect(session->chain(), &client::ChainStagesModel::ticked, this,
          [this] { m_chainLine->setText(m_session->chain()->summary()); });
  connect(session->setups(), &HallSetupCache::changed, this, &DeskWindow::updateSetupWarning);
  connect(session, &DeskSession::permissionsChanged, this, &DeskWindow::updateSetupWarning);
  connect(session, &DeskSession::selectedPlaybookChanged, this, &DeskWindow::updateDetail);
}

void DeskWindow::selectIncident(const QString& incidentId) {
  auto find = [this, &incidentId] {
    for (int row = 0; row < m_filter->rowCount(); ++row) {
      if (m_filter->index(row, 0).data(IncidentBoardModel::IdRole).toString() == incidentId)
        return row;
    }
    return -1;
  };
  int row = find();
  if (row < 0 && m_session->board()->rowOf(incidentId) >= 0) {
    m_filterText->clear();
    m_statusFilter->setCurrentIndex(0);
    m_drillFilter->setCurrentIndex(0);
    row = find();
  }
  if (row >= 0) {
    selectRow(row);
    m_tabs->setCurrentIndex(0);
  }
}

void DeskWindow::fitBoardColumns() {
  // The columns a duty officer acts on, severity to checklist, fit the
  // board at 1920 and shrink together to stay in view at 1366; reporter
  // and assignee follow. English words are longer, Chinese ones denser.
  using B = IncidentBoardModel;
  const bool en = m_language->language() == QLatin1String("en");
  // Minimums: what a cell's usual words need (特别重大, 待确认, 6分40秒,
  // 3/18 · 超时1); the category, place and chain give up room first.
  m_boardFit->setColumns({{B::SeverityColumn, en ? 72 : 84, en ? 62 : 78},
                          {B::DrillColumn, 44, 40},
                          {B::CategoryColumn, en ? 130 : 124, en ? 72 : 76},
                          {B::PlaceColumn, en ? 70 : 80, en ? 44 : 48},
                          {B::StatusColumn, en ? 104 : 64, en ? 76 : 60},
                          {B::ChainColumn, en ? 190 : 170, en ? 120 : 126},
                          {B::AgeColumn, en ? 90 : 84, en ? 72 : 76},
                          {B::ChecklistColumn, en ? 124 : 110, 84}});
}

void DeskWindow::updateSetupWarning() {
  // The hall head (whoever may manage a hall) sees its set-up's problems.
  const int problems = m_session->setups()->problemCount();
  const bool show =
      m_session->signedIn() && m_session->may(QStringLiteral("manage_hall")) && problems > 0;
  m_setupWarning->setVisible(show);
  m_setupWarning->setText(tr("⚠ 值班与联络：%1 个问题").arg(problems));
  QStringList lines;
  for (const QString& hall : m_session->setups()->halls()) {
    const v1::HallSetup* setup = m_session->setups()->setup(hall);
    for (const auto& p : setup->problems()) {
      lines << tr("%1：%2").arg(m_session->hallName(hall),
                                client::setupProblemText(p, *setup, m_session->english()));
    }
  }
  m_setupWarning->setToolTip(lines.join(QLatin1Char('\n')));
}

void DeskWindow::installShortcuts() {
  // Keyboard shortcuts for the common actions (plain keys do not fire while
  // typing in a text field: those take the keys first). A button hidden or
  // disabled for want of a permission does not click.
  auto shortcut = [this](const QKeySequence& key, auto fn) {
    auto* s = new QShortcut(key, this);
    s->setContext(Qt::WindowShortcut);
    connect(s, &QShortcut::activated, this, [this, fn] {
      if (m_session->signedIn()) fn();
    });
  };
  shortcut(QKeySequence(Qt::Key_A), [this] { m_ackButton->click(); });
  shortcut(QKeySequence(Qt::Key_G), [this] { m_assignButton->click(); });
  shortcut(QKeySequence(Qt::Key_N), [this] {
    if (m_session->may(QStringLiteral("note"))) m_note->setFocus();
  });
  shortcut(QKeySequence(Qt::Key_R), [this] { m_resolveButton->click(); });
  shortcut(QKeySequence(Qt::Key_C), [this] { m_closeButton->click(); });
  shortcut(QKeySequence(Qt::Key_O), [this] { m_reopenButton->click(); });
  shortcut(QKeySequence(Qt::Key_K), [this] { m_checklistPanel->checkOffSelected(); });
  shortcut(QKeySequence(Qt::Key_S), [this] { m_checklistPanel->skipSelected(); });
  shortcut(QKeySequence(Qt::Key_T), [this] { m_checklistPanel->focusRetriage(); });
  shortcut(QKeySequence(Qt::Key_L), [this] { m_checklistPanel->recordContactSelected(); });
  shortcut(QKeySequence(Qt::Key_E), [this] {
    m_detailTabs->setCurrentWidget(m_chainPanel);
    m_chainPanel->focusReason();
  });
  shortcut(QKeySequence(Qt::CTRL | Qt::Key_F), [this] {
    m_filterText->setFocus();
    m_filterText->selectAll();
  });
  shortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), [this] { m_noteButton->click(); });
}

// ------------------------------------------------------------ pages

QWidget* DeskWindow::buildLogin() {
  auto* page = new QWidget(this);
  auto* outer = new QVBoxLayout(page);
  auto* box = new QWidget(page);
  box->setMaximumWidth(560);
  auto* form = new QFormLayout(box);
  m_loginTitle = new QLabel(box);
  QFont f = m_loginTitle->font();
  f.setPointSize(f.pointSize() + 10);
  f.setBold(true);
  m_loginTitle->setFont(f);
  m_server = new QLineEdit(m_session->client()->serverAddress(), box);
  m_user = new QLineEdit(box);
  m_user->setObjectName(QStringLiteral("user"));
  m_password = new QLineEdit(box);
  m_password->setObjectName(QStringLiteral("password"));
  m_password->setEchoMode(QLineEdit::Password);
  m_loginButton = new QPushButton(box);
  m_loginButton->setDefault(true);
  m_loginButton->setMinimumHeight(40);
  m_loginError = new QLabel(box);
  m_loginError->setObjectName(QStringLiteral("loginError"));
  m_loginError->setStyleSheet(QStringLiteral("color:#c62828"));
  m_loginError->setWordWrap(true);
  m_loginLanguage = new QComboBox(box);
  m_loginLanguage->addItem(QStringLiteral("中文"), QStringLiteral("zh"));
  m_loginLanguage->addItem(QStringLiteral("English"), QStringLiteral("en"));
  m_loginLanguage->setCurrentIndex(m_language->language() == QLatin1String("en") ? 1 : 0);
  connect(m_loginLanguage, &QComboBox::currentIndexChanged, this,
          [this](int) { m_language->setLanguage(m_loginLanguage->currentData().toString()); });
  m_serverLabel = new QLabel(box);
  m_userLabel = new QLabel(box);
  m_passwordLabel = new QLabel(box);
  form->addRow(m_loginTitle);
  form->addRow(m_serverLabel, m_server);
  form->addRow(m_userLabel, m_user);
  form->addRow(m_passwordLabel, m_password);
  form->addRow(QString(), m_loginLanguage);
  form->addRow(m_loginButton);
  form->addRow(m_loginError);
  outer->addStretch(1);
  auto* row = new QHBoxLayout;
  row->addStretch(1);
  row->addWidget(box);
  row->addStretch(1);
  outer->addLayout(row);
  outer->addStretch(2);
  connect(m_loginButton, &QPushButton::clicked, this, &DeskWindow::doLogin);
  connect(m_password, &QLineEdit::returnPressed, this, &DeskWindow::doLogin);
  return page;
}

void DeskWindow::doLogin() {
  m_loginError->clear();
  m_loginButton->setEnabled(false);
  m_session->setServerAddress(m_server->text().trimmed());
  m_session->login(m_user->text(), m_password->text());
}

QWidget* DeskWindow::buildBoard() {
  auto* page = new QWidget(this);
  auto* v = new QVBoxLayout(page);
  v->setContentsMargins(6, 6, 6, 0);
  m_alarmBanner = new QLabel(page);
  m_alarmBanner->setObjectName(QStringLiteral("alarmBanner"));
  m_alarmBanner->setStyleSheet(
      QStringLiteral("background:#c62828;color:white;font-size:20px;font-weight:bold;padding:8px;"
                     "border-radius:4px"));  // slimmer when compact (resizeEvent)
  m_kioskBanner = new QLabel(page);
  m_kioskBanner->setObjectName(QStringLiteral("kioskBanner"));
  m_kioskBanner->setStyleSheet(
      QStringLiteral("background:#ef6c00;color:white;font-size:16px;font-weight:bold;padding:6px;"
                     "border-radius:4px"));
  m_kioskBanner->setWordWrap(true);
  v->addWidget(m_alarmBanner);
  v->addWidget(m_kioskBanner);

  auto* filters = new QHBoxLayout;
  m_filterLabel = new QLabel(page);
  m_filterText = new QLineEdit(page);
  m_filterText->setClearButtonEnabled(true);
  m_statusFilter = new QComboBox(page);
  m_drillFilter = new QComboBox(page);
  m_countLabel = new QLabel(page);
  filters->addWidget(m_filterLabel);
  filters->addWidget(m_filterText, 2);
  filters->addWidget(m_statusFilter);
  filters->addWidget(m_drillFilter);
  filters->addStretch(1);
  filters->addWidget(m_countLabel);
  v->addLayout(filters);
  connect(m_filterText, &QLineEdit::textChanged, m_filter, &client::IncidentFilterModel::setText);
  connect(m_statusFilter, &QComboBox::currentIndexChanged, this,
          [this](int) { m_filter->setStatus(m_statusFilter->currentData().toInt()); });
  connect(m_drillFilter, &QComboBox::currentIndexChanged, this,
          [this](int) { m_filter->setDrill(m_drillFilter->currentData().toInt()); });
  connect(m_filter, &client::IncidentFilterModel::filterChanged, this, &DeskWindow::updateBanners);

  m_escalatedPanel = new EscalatedPanel(m_session, page);
  v->addWidget(m_escalatedPanel);

  auto* split = new QSplitter(Qt::Horizontal, page);
  m_boardTabs = new QTabWidget(split);
  m_boardTabs->setObjectName(QStringLiteral("boardTabs"));
  m_boardTabs->addTab(buildBoardTable(m_boardTabs), QString());
  m_leadershipView = new LeadershipView(m_session, m_boardTabs);
  m_boardTabs->addTab(m_leadershipView, QString());
  connect(m_leadershipView, &LeadershipView::openIncident, this, [this](const QString& id) {
    m_session->select(id);
    m_tabs->setCurrentIndex(0);
  });
  m_floorPlanView = new FloorPlanView(m_session, m_boardTabs);
  m_boardTabs->addTab(m_floorPlanView, QString());
  // The incident's detail opens beside the plan, selected on the board as
  // well (so the board and the detail agree when the officer switches back).
  connect(m_floorPlanView, &FloorPlanView::openIncident, this, [this](const QString& id) {
    if (m_session->board()->rowOf(id) >= 0) {
      selectIncident(id);
    } else {
      m_session->select(id);
      updateDetail();
    }
    m_tabs->setCurrentIndex(0);
  });
  connect(m_floorPlanView, &FloorPlanView::openKiosk, this, [this](const QString& id) {
    m_tabs->setCurrentWidget(m_kioskTable);
    auto* kiosks = m_session->kiosks();
    for (int row = 0; row < kiosks->rowCount(); ++row) {
      if (kiosks->index(row, 0).data(client::KioskStatusModel::KioskIdRole).toString() == id) {
        m_kioskTable->selectRow(row);
        break;
      }
    }
  });
  m_dashboard = new DashboardView(m_session, m_boardTabs);
  m_boardTabs->addTab(m_dashboard, QString());
  connect(m_dashboard, &DashboardView::openIncident, this, [this](const QString& id) {
    m_session->select(id);
    m_boardTabs->setCurrentIndex(0);
    m_tabs->setCurrentIndex(0);
  });
  m_drillConsole = new DrillConsoleView(m_session, m_boardTabs);
  m_boardTabs->addTab(m_drillConsole, QString());
  connect(m_drillConsole, &DrillConsoleView::openIncident, this, [this](const QString& id) {
    if (m_session->board()->rowOf(id) >= 0) {
      selectIncident(id);
    } else {
      m_session->select(id);
      updateDetail();
    }
    m_boardTabs->setCurrentIndex(0);
    m_tabs->setCurrentIndex(0);
  });
  // The dashboard and the drills take the whole width (charts, the score
  // sheet beside the scenario) and read what they show when they are
  // opened, not at every sign-in.
  connect(m_boardTabs, &QTabWidget::currentChanged, this, [this](int index) {
    QWidget* page = m_boardTabs->widget(index);
    const bool dashboard = page == m_dashboard;
    const bool drills = page == m_drillConsole;
    if (m_tabs) m_tabs->setVisible(!dashboard && !drills);
    if (dashboard && m_session->signedIn()) m_dashboard->reload();
    if (drills && m_session->signedIn()) m_drillConsole->reload();
  });
  split->addWidget(m_boardTabs);
  split->addWidget(buildSideTabs(split));
  // The detail (with its checklist) gets the larger share.
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 3);
  split->setSizes({860, 1050});
  v->addWidget(split, 1);
  return page;
}

QTableView* DeskWindow::buildBoardTable(QWidget* parent) {
  m_table = new QTableView(parent);
  m_table->setObjectName(QStringLiteral("board"));
  m_table->setModel(m_filter);
  m_table->setSortingEnabled(true);
  m_table->sortByColumn(IncidentBoardModel::SeverityColumn, Qt::DescendingOrder);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->verticalHeader()->setVisible(false);
  m_table->verticalHeader()->setDefaultSectionSize(32);
  m_table->horizontalHeader()->setStretchLastSection(true);
  m_table->horizontalHeader()->setDefaultSectionSize(130);
  m_table->setColumnWidth(IncidentBoardModel::ReporterColumn, 170);
  m_boardFit = new ColumnFitter(m_table);
  m_table->setWordWrap(false);
  QFont tf = m_table->font();
  tf.setPointSize(tf.pointSize() + 1);
  m_table->setFont(tf);
  connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          &DeskWindow::onSelectionChanged);
  return m_table;
}

QTabWidget* DeskWindow::buildSideTabs(QWidget* parent) {
  m_tabs = new QTabWidget(parent);
  m_tabs->addTab(buildDetail(), QString());
  m_kioskTable = new QTableView(m_tabs);
  m_kioskTable->setObjectName(QStringLiteral("kiosks"));
  m_kioskTable->setModel(m_session->kiosks());
  m_kioskTable->verticalHeader()->setVisible(false);
  m_kioskTable->horizontalHeader()->setStretchLastSection(true);
  m_kioskTable->setColumnWidth(client::KioskStatusModel::NameColumn, 220);
  m_kioskTable->setColumnWidth(client::KioskStatusModel::PlaceColumn, 120);
  m_kioskTable->setColumnWidth(client::KioskStatusModel::StateColumn, 170);
  m_kioskTable->setColumnWidth(client::KioskStatusModel::QueuedColumn, 100);
  m_kioskTable->setColumnWidth(client::KioskStatusModel::LastSeenColumn, 190);
  m_kioskTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_tabs->addTab(m_kioskTable, QString());
  m_playbookPage = new PlaybookPage(m_session, m_tabs);
  m_tabs->addTab(m_playbookPage, QString());
  m_setupPage = new HallSetupPage(m_session, m_tabs);
  m_tabs->addTab(m_setupPage, QString());
  m_adminPage = new AdminPage(m_session, m_tabs);
  m_tabs->addTab(m_adminPage, QString());
  auto showAdmin = [this] {
    m_tabs->setTabVisible(m_tabs->indexOf(m_adminPage), m_adminPage->wanted());
  };
  connect(m_session, &DeskSession::permissionsChanged, this, showAdmin);
  connect(m_session, &DeskSession::signedInChanged, this, showAdmin);
  showAdmin();
  return m_tabs;
}

QWidget* DeskWindow::buildDetail() {
  auto* w = new QWidget(this);
  auto* v = new QVBoxLayout(w);
  m_detailTitle = new QLabel(w);
  m_detailTitle->setObjectName(QStringLiteral("detailTitle"));
  QFont f = m_detailTitle->font();
  f.setPointSize(f.pointSize() + 5);
  f.setBold(true);
  m_detailTitle->setFont(f);
  m_detailTitle->setWordWrap(false);
  m_detailFields = new QLabel(w);
  m_detailFields->setTextFormat(Qt::RichText);
  m_detailFields->setWordWrap(true);
  m_detailFields->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_chainLine = new QLabel(w);
  m_chainLine->setObjectName(QStringLiteral("chainLine"));
  m_chainLine->setWordWrap(true);
  m_checklistPanel = new ChecklistPanel(m_session, w);
  m_chainPanel = new ChainPanel(m_session, w);
  m_timelineView = new QListView(w);
  m_timelineView->setObjectName(QStringLiteral("timeline"));
  m_timelineView->setModel(m_session->timeline());
  m_timelineView->setWordWrap(true);
  m_timelineView->setAlternatingRowColors(true);
  m_note = new QPlainTextEdit(w);
  m_note->setObjectName(QStringLiteral("note"));
  m_note->setMaximumHeight(52);
  m_noteCounter = new QLabel(w);
  connect(m_note, &QPlainTextEdit::textChanged, this, &DeskWindow::updateNoteCounter);
  m_person = new QComboBox(w);
  m_outcome = new QComboBox(w);
  m_ackButton = actionButton(w);
  m_ackButton->setObjectName(QStringLiteral("ackButton"));
  m_assignButton = actionButton(w);
  m_noteButton = actionButton(w);
  m_noteButton->setObjectName(QStringLiteral("noteButton"));
  m_resolveButton = actionButton(w);
  m_closeButton = actionButton(w);
  m_reopenButton = actionButton(w);
  m_result = new QLabel(w);
  m_result->setObjectName(QStringLiteral("actionResult"));
  m_result->setWordWrap(true);

  auto* grid = new QGridLayout;
  grid->addWidget(m_ackButton, 0, 0);
  grid->addWidget(m_person, 0, 1);
  grid->addWidget(m_assignButton, 0, 2);
  grid->addWidget(m_noteButton, 0, 3);
  grid->addWidget(m_outcome, 1, 0);
  grid->addWidget(m_resolveButton, 1, 1);
  grid->addWidget(m_closeButton, 1, 2);
  grid->addWidget(m_reopenButton, 1, 3);
  // The title and where the incident stands on its chain share a line:
  // a 768-pixel-high screen keeps room for the checklist.
  auto* head = new QHBoxLayout;
  head->addWidget(m_detailTitle);
  head->addWidget(m_chainLine, 1);
  v->addLayout(head);
  v->addWidget(m_detailFields);
  // The checklist is the working surface; the chain and the timeline are
  // one tab away (where it stands on its chain stays in view above).
  m_detailTabs = new QTabWidget(w);
  m_detailTabs->setObjectName(QStringLiteral("detailTabs"));
  m_detailTabs->addTab(m_checklistPanel, QString());
  m_detailTabs->addTab(m_chainPanel, QString());
  m_detailTabs->addTab(m_timelineView, QString());
  m_closeOutPanel = new CloseOutPanel(m_session, m_detailTabs);
  m_detailTabs->addTab(m_closeOutPanel, QString());
  v->addWidget(m_detailTabs, 1);
  auto* noteRow = new QHBoxLayout;
  noteRow->addWidget(m_note, 1);
  noteRow->addWidget(m_noteCounter, 0, Qt::AlignBottom);
  v->addLayout(noteRow);
  v->addLayout(grid);
  v->addWidget(m_result);

  auto current = [this] { return m_session->selected(); };
  connect(m_ackButton, &QPushButton::clicked, this,
          [this, current] { m_session->acknowledge(current()); });
  connect(m_assignButton, &QPushButton::clicked, this,
          [this, current] { m_session->assign(current(), m_person->currentData().toString()); });
  connect(m_noteButton, &QPushButton::clicked, this,
          [this, current] { m_session->addNote(current(), m_note->toPlainText()); });
  connect(m_resolveButton, &QPushButton::clicked, this, [this, current] {
    m_session->resolve(current(), static_cast<v1::Outcome>(m_outcome->currentData().toInt()),
                       m_note->toPlainText());
  });
  connect(m_closeButton, &QPushButton::clicked, this,
          [this, current] { m_session->close(current(), m_note->toPlainText()); });
  connect(m_reopenButton, &QPushButton::clicked, this,
          [this, current] { m_session->reopen(current(), m_note->toPlainText()); });
  return w;
}

// ------------------------------------------------------------ behaviour

void DeskWindow::selectRow(int proxyRow) {
  m_table->selectRow(proxyRow);
  m_table->setCurrentIndex(m_filter->index(proxyRow, 0));
}

void DeskWindow::onSelectionChanged() {
  const QModelIndex i = m_table->currentIndex();
  const QString id = i.isValid() ? i.data(IncidentBoardModel::IdRole).toString() : QString();
  if (id == m_session->selected()) return;
  m_result->clear();
  m_lastSelected.Clear();
  if (const auto* inc = m_session->board()->incident(id)) m_lastSelected = *inc;
  m_session->select(id);
  updateDetail();
}

const v1::Incident* DeskWindow::selectedIncidentState() const {
  if (m_session->selected().isEmpty()) return nullptr;
  if (const auto* inc = m_session->board()->incident(m_session->selected())) return inc;
  return m_lastSelected.id().empty() ? nullptr : &m_lastSelected;
}

void DeskWindow::updateDetail() {
  const v1::Incident* inc = selectedIncidentState();
  const bool has = inc != nullptr;
  const auto st = has ? inc->status() : v1::INCIDENT_STATUS_UNSPECIFIED;
  updateActions(st, has);
  m_checklistPanel->setIncident(inc);
  m_chainPanel->setIncident(inc);
  updateChainLine(inc);
  if (!has) {
    m_detailTitle->setText(tr("未选择事件"));
    m_detailFields->setText(tr("在左侧列表中选择一个事件查看详情。"));
    return;
  }
  // The short label; a category the client has none for, by the taxonomy's name.
  const QString category = qs(inc->category());
  const QString categoryLabel =
      client::hasCategoryLabel(category)
          ? client::categoryName(category)
          : m_session->categoryTitle(category, m_language->language() == QLatin1String("en"));
  QString title = categoryLabel + QStringLiteral(" · ") + client::severityName(inc->severity());
  if (!inc->grade().empty()) title += tr(" · %1级").arg(qs(inc->grade()));
  if (inc->drill()) title = tr("【演练】") + title;
  if (!inc->planned_outage_id().empty()) title += tr("　【计划内（已公告），不上报】");
  if (const auto* pb = m_session->selectedPlaybook(); pb && pb->playbook().product_default())
    title += tr("　【产品默认处置措施】");
  m_detailTitle->setText(title);
  // Two label/value pairs per line keep the checklist in view.
  QStringList cells;
  auto field = [&cells](const QString& k, const QString& v) {
    cells << QStringLiteral(
                 "<td style='color:#607d8b;padding-right:10px'>%1</td><td "
                 "style='padding-right:28px'>%2</td>")
                 .arg(k.toHtmlEscaped(), v.toHtmlEscaped());
  };
  const QDateTime reported = client::toDateTime(inc->reported_at());
  const QDateTime acked = client::toDateTime(inc->acknowledged_at());
  field(tr("地点"), m_session->board()->locationName(qs(inc->location_id())));
  field(tr("状态"),
        client::statusName(inc->status()) +
            (inc->outcome() ? QStringLiteral(" · ") + client::outcomeName(inc->outcome())
                            : QString()));
  QString reporter = qs(inc->reporter().display_name());
  if (inc->reporter().system() == "kiosk_monitor") reporter = tr("终端监测（服务器）");
  field(tr("报告人"), reporter + (inc->silent() ? tr("（静默报警）") : QString()));
  if (!inc->subject_kiosk_id().empty()) field(tr("失联终端"), qs(inc->subject_kiosk_id()));
  field(tr("报告时间"), reported.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
  if (acked.isValid()) {
    field(tr("确认"),
          tr("%1（%2）")
              .arg(qs(inc->acknowledged_by_name()), acked.toString(QStringLiteral("HH:mm:ss"))));
  }
  if (!inc->assignee_name().empty()) field(tr("处置人"), qs(inc->assignee_name()));
  if (inc->headcount() > 0) field(tr("涉及人数"), QString::number(inc->headcount()));
  if (!inc->plan_id().empty()) {
    const v1::Plan* plan = m_session->plan(qs(inc->hall_id()));
    const QString planName =
        plan && plan->id() == inc->plan_id() ? qs(plan->short_name()) : qs(inc->plan_id());
    field(tr("适用预案"), planName);
  }
  QString html = QStringLiteral("<table>");
  for (int i = 0; i < cells.size(); i += 2) {
    html += QStringLiteral("<tr>") + cells.mid(i, 2).join(QString()) + QStringLiteral("</tr>");
  }
  if (!inc->summary().empty()) {
    html +=
        QStringLiteral(
            "<tr><td style='color:#607d8b;padding-right:10px'>%1</td><td colspan='3'>%2</td></tr>")
            .arg(tr("说明").toHtmlEscaped(), qs(inc->summary()).toHtmlEscaped());
  }
  html += QStringLiteral("</table>");
  m_detailFields->setText(html);
}

void DeskWindow::updateActions(v1::IncidentStatus st, bool has) {
  // Shown only when the server lets this person do it (hide what it would
  // refuse); enabled when the incident's state allows it.
  auto show = [this](QWidget* w, const char* permission, bool enabled) {
    const bool may = m_session->may(QLatin1String(permission));
    w->setVisible(may);
    w->setEnabled(may && enabled);
  };
  const bool open = st == v1::INCIDENT_STATUS_REPORTED || st == v1::INCIDENT_STATUS_ACKNOWLEDGED;
  // Acknowledge takes a reported incident, or a later alert of its chain.
  const v1::Incident* inc = selectedIncidentState();
  const bool laterAlert =
      inc && st == v1::INCIDENT_STATUS_ACKNOWLEDGED && DeskSession::awaitsAcknowledgement(*inc);
  show(m_ackButton, "acknowledge", inc && DeskSession::awaitsAcknowledgement(*inc));
  m_ackButton->setText(laterAlert ? tr("确认上报 (A)") : tr("确认 (A)"));
  show(m_assignButton, "assign", open);
  show(m_person, "assign", open);
  show(m_noteButton, "note", has);
  show(m_resolveButton, "resolve", open);
  show(m_outcome, "resolve", open);
  show(m_closeButton, "close", st == v1::INCIDENT_STATUS_RESOLVED);
  show(m_reopenButton, "reopen",
       st == v1::INCIDENT_STATUS_RESOLVED || st == v1::INCIDENT_STATUS_CLOSED);
  // The note field serves notes, resolve/close notes and reopen reasons.
  const bool writes =
      m_session->may(QStringLiteral("note")) || m_session->may(QStringLiteral("resolve")) ||
      m_session->may(QStringLiteral("close")) || m_session->may(QStringLiteral("reopen"));
  m_note->setVisible(writes);
  m_noteCounter->setVisible(writes);
}

void DeskWindow::updateChainLine(const v1::Incident* inc) {
  m_chainLine->setVisible(inc != nullptr);
  m_chainLine->setText(m_session->chain()->summary());
  const bool waiting = inc && inc->escalation().started() && !inc->escalation().acknowledged() &&
                       inc->planned_outage_id().empty() &&
                       (inc->status() == v1::INCIDENT_STATUS_REPORTED ||
                        inc->status() == v1::INCIDENT_STATUS_ACKNOWLEDGED);
  m_chainLine->setStyleSheet(
      waiting ? QStringLiteral("background:#ffebee;color:#b71c1c;font-weight:bold;padding:4px")
              : QStringLiteral("background:#eceff1;color:#37474f;font-weight:bold;padding:4px"));
}

void DeskWindow::updateNoteCounter() {
  const int n = m_note->toPlainText().trimmed().size();
  const int max = m_session->maxNoteChars();
  m_noteCounter->setText(max > 0 ? QStringLiteral("%1 / %2").arg(n).arg(max) : QString::number(n));
  m_noteCounter->setStyleSheet(max > 0 && n > max ? QStringLiteral("color:#c62828") : QString());
}

void DeskWindow::updateClockBanner() {
  const auto* profile = m_session->client()->serverProfile();
  m_clockBanner->setVisible(profile->accelerated());
  m_clockBanner->setText(client::clockSpeedText(profile->clockSpeed()));
}

void DeskWindow::updateDetailTabs() {
  auto* checklist = m_session->checklist();
  m_detailTabs->setTabText(
      0, checklist->rowCount() > 0
             ? tr("处置清单 %1/%2").arg(checklist->handledCount()).arg(checklist->rowCount())
             : tr("处置清单"));
  const auto* chain = m_session->chain();
  m_detailTabs->setTabText(
      1, chain->rowCount() > 0 ? tr("上报链 (%1级)").arg(chain->rowCount()) : tr("上报链"));
  m_detailTabs->setTabText(2, tr("处置时间线 (%1)").arg(m_session->timeline()->rowCount()));
  m_detailTabs->setTabText(3, tr("善后"));
  m_closeOutPanel->refresh();
}

void DeskWindow::updatePeople() {
  const QString keep = m_person->currentData().toString();
  m_person->clear();
  for (const auto& p : m_session->people()) m_person->addItem(p.name, p.id);
  int i = m_person->findData(keep);
  if (i >= 0) m_person->setCurrentIndex(i);
}

void DeskWindow::onAction(const QString& action, bool ok, const QString& message) {
  Q_UNUSED(action);
  m_result->setText(message);
  m_result->setStyleSheet(ok ? QStringLiteral("color:#2e7d32;font-weight:bold")
                             : QStringLiteral("color:#c62828;font-weight:bold"));
  if (ok && (action == tr("添加备注") || action == tr("处置完毕") || action == tr("关闭") ||
             action == tr("重新打开"))) {
    m_note->clear();
  }
  if (ok && !m_session->selected().isEmpty())
    m_session->select(m_session->selected());  // fresh timeline
  updateDetail();
}

void DeskWindow::updateConnection() {
  auto* c = m_session->client();
  const char* color = c->state() == client::HallClient::Connected      ? "#2e7d32"
                      : c->state() == client::HallClient::Reconnecting ? "#ef6c00"
                                                                       : "#c62828";
  // The server in use (of the --server list), not the whole list.
  m_connection->setText(QStringLiteral(" ● %1  %2 ").arg(c->stateText(), c->currentAddress()));
  m_connection->setStyleSheet(
      QStringLiteral("background:%1;color:white;font-weight:bold;border-radius:4px;padding:2px 8px")
          .arg(color));
  if (m_session->signedIn()) {
    QString who = tr("%1 · %2 · %3")
                      .arg(m_session->userName(), client::roleName(m_session->role()),
                           m_session->hallNames());
    if (m_session->readOnly()) who += tr(" · 只读（此账号不能处置事件）");
    m_who->setText(who);
  } else {
    m_who->setText(tr("未登录"));
  }
  const QString plan = m_session->planSummary(m_language->language() == QLatin1String("en"));
  const QString version = m_session->playbookSetVersion();
  m_planLabel->setVisible(m_session->signedIn() && !plan.isEmpty());
  m_planLabel->setText(version.isEmpty() ? plan : tr("%1 · 预案集 %2").arg(plan, version.left(12)));
  m_planLabel->setToolTip(version);
}

void DeskWindow::updateBanners() {
  const int alarms = m_session->board()->alarmCount();
  // The alarm asks for an acknowledgement: it sounds for those who may give one.
  const bool mayAck = m_session->may(QStringLiteral("acknowledge"));
  m_alarmBanner->setVisible(m_session->signedIn() && alarms > 0);
  m_alarmBanner->setText(
      mayAck ? tr("⚠ 有 %1 起一键报警/紧急事件尚未确认 — 选中后按 A 确认").arg(alarms)
             : tr("⚠ 有 %1 起一键报警/紧急事件尚未确认").arg(alarms));
  // An alert escalated to this person sounds too, until anyone acknowledges
  // it (notify-only alerts are silent).
  const int mine = m_session->escalatedToMe()->ringingCount();
  m_alarm->setActive(m_session->signedIn() && ((alarms > 0 && mayAck) || mine > 0));
  // Offline is the server's word (Kiosk.online), not the desk's clock.
  const auto* kiosks = m_session->kiosks();
  const QStringList offline = kiosks->offlineNames();
  QStringList warnings;
  if (!offline.isEmpty()) {
    warnings << tr("⚠ 报警终端失联（服务器超过3个心跳周期未收到）：%1")
                    .arg(offline.join(QStringLiteral("、")));
  }
  if (kiosks->queuedPresses() > 0) {
    warnings << tr("终端本地有 %1 条报警待发送").arg(kiosks->queuedPresses());
  }
  m_kioskBanner->setVisible(m_session->signedIn() && !warnings.isEmpty());
  m_kioskBanner->setText(warnings.join(QStringLiteral("　·　")));
  m_countLabel->setText(
      tr("显示 %1 / 共 %2 起").arg(m_filter->rowCount()).arg(m_session->board()->count()));
}

void DeskWindow::retranslateUi() {
  setWindowTitle(tr("政务服务大厅应急指挥台 · 值班台"));
  m_loginTitle->setText(tr("值班台登录"));
  m_serverLabel->setText(tr("服务器"));
  m_server->setToolTip(tr("主机:端口；多台服务器用逗号分隔，连不上一台时依次换下一台"));
  m_userLabel->setText(tr("用户名"));
  m_passwordLabel->setText(tr("密码"));
  m_loginButton->setText(tr("登录"));
  m_filterLabel->setText(tr("筛选："));
  m_filterText->setPlaceholderText(tr("类别、地点、报告人、说明…（Ctrl+F）"));
  const int status = m_statusFilter->currentIndex();
  m_statusFilter->blockSignals(true);
  m_statusFilter->clear();
  m_statusFilter->addItem(tr("全部未关闭"), 0);
  m_statusFilter->addItem(client::statusName(v1::INCIDENT_STATUS_REPORTED),
                          int(v1::INCIDENT_STATUS_REPORTED));
  m_statusFilter->addItem(client::statusName(v1::INCIDENT_STATUS_ACKNOWLEDGED),
                          int(v1::INCIDENT_STATUS_ACKNOWLEDGED));
  m_statusFilter->addItem(client::statusName(v1::INCIDENT_STATUS_RESOLVED),
                          int(v1::INCIDENT_STATUS_RESOLVED));
  m_statusFilter->setCurrentIndex(std::max(0, status));
  m_statusFilter->blockSignals(false);
  const int drill = m_drillFilter->currentIndex();
  m_drillFilter->blockSignals(true);
  m_drillFilter->clear();
  m_drillFilter->addItem(tr("真实与演练"), int(client::IncidentFilterModel::AnyIncident));
  m_drillFilter->addItem(tr("仅真实事件"), int(client::IncidentFilterModel::RealOnly));
  m_drillFilter->addItem(tr("仅演练"), int(client::IncidentFilterModel::DrillsOnly));
  m_drillFilter->setCurrentIndex(std::max(0, drill));
  m_drillFilter->blockSignals(false);
  m_boardTabs->setTabText(0, tr("值班看板"));
  m_boardTabs->setTabText(1, tr("领导视图"));
  m_boardTabs->setTabText(m_boardTabs->indexOf(m_dashboard), tr("统计"));
  m_boardTabs->setTabText(m_boardTabs->indexOf(m_floorPlanView), tr("平面图"));
  m_boardTabs->setTabText(m_boardTabs->indexOf(m_drillConsole), tr("演练"));
  m_tabs->setTabText(0, tr("事件详情"));
  m_tabs->setTabText(1, tr("终端状态"));
  m_tabs->setTabText(2, tr("预案"));
  m_tabs->setTabText(3, tr("值班与联络"));
  m_tabs->setTabText(4, tr("系统管理"));
  m_adminPage->retranslate();
  updateDetailTabs();
  m_note->setPlaceholderText(tr("备注 / 处置说明 / 重新打开原因（N 聚焦，Ctrl+Enter 添加备注）"));
  m_ackButton->setText(tr("确认 (A)"));
  m_assignButton->setText(tr("指派 (G)"));
  m_noteButton->setText(tr("添加备注 (Ctrl+Enter)"));
  m_resolveButton->setText(tr("处置完毕 (R)"));
  m_closeButton->setText(tr("关闭 (C)"));
  m_reopenButton->setText(tr("重新打开 (O)"));
  const int outcome = m_outcome->currentIndex();
  m_outcome->clear();
  for (auto o : {v1::OUTCOME_HANDLED, v1::OUTCOME_FALSE_ALARM, v1::OUTCOME_HANDED_OVER,
                 v1::OUTCOME_NO_ACTION}) {
    m_outcome->addItem(client::outcomeName(o), int(o));
  }
  m_outcome->setCurrentIndex(std::max(0, outcome));
  m_sessionMenu->setTitle(tr("会话"));
  m_logoutAction->setText(tr("退出登录"));
  m_languageMenu->setTitle(tr("语言 / Language"));
  m_session->board()->retranslate();
  fitBoardColumns();
  const bool english = m_language->language() == QLatin1String("en");
  m_session->setEnglish(english);
  m_checklistPanel->setEnglish(english);
  m_checklistPanel->retranslate();
  m_chainPanel->retranslate();
  m_escalatedPanel->retranslate();
  m_setupPage->setEnglish(english);
  m_setupPage->retranslate();
  updateSetupWarning();
  m_playbookPage->setEnglish(english);
  m_playbookPage->retranslate();
  m_drillConsole->setEnglish(english);
  m_loginLanguage->blockSignals(true);
  m_loginLanguage->setCurrentIndex(m_language->language() == QLatin1String("en") ? 1 : 0);
  m_loginLanguage->blockSignals(false);
  updateClockBanner();
  updateConnection();
  updateBanners();
  updateDetail();
  updatePeople();
}

void DeskWindow::resizeEvent(QResizeEvent* e) {
  QMainWindow::resizeEvent(e);
  // A 768-pixel-high screen: the note one line, the buttons and banners
  // slimmer, so the checklist keeps its rows.
  const bool compact = height() < 900;
  if (compact == m_compact) return;
  m_compact = compact;
  m_note->setMaximumHeight(compact ? 32 : 52);
  for (QPushButton* b : {m_ackButton, m_assignButton, m_noteButton, m_resolveButton, m_closeButton,
                         m_reopenButton}) {
    b->setMinimumHeight(compact ? 28 : 34);
  }
  m_alarmBanner->setStyleSheet(
      QStringLiteral("background:#c62828;color:white;font-size:%1px;font-weight:bold;padding:%2px;"
                     "border-radius:4px")
          .arg(compact ? 16 : 20)
          .arg(compact ? 4 : 8));
}

void DeskWindow::changeEvent(QEvent* e) {
  if (e->type() == QEvent::LanguageChange && m_loginTitle) retranslateUi();
  QMainWindow::changeEvent(e);
}

}  // namespace hall::desk
