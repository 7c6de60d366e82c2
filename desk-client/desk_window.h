// DeskWindow (值班台主窗口): the duty officer's dense operator screen, in
// Qt Widgets — a login page, then the live board of open incidents
// (sortable, filterable, flashing unacknowledged panics with a sound; a
// chain column counting down to the next stage), above it the alerts
// escalated to the signed-in person (EscalatedPanel, 升级给我: flashing and
// sounding until acknowledged anywhere), the selected incident's detail
// with where it stands on its chain, its checklist (ChecklistPanel), chain
// (ChainPanel), timeline and actions, the kiosks' status with a warning for
// silent ones, the hall's playbooks (预案, PlaybookPage) and its roster and
// contacts (值班与联络, HallSetupPage), and for administrators and
// reviewers the administration tab (系统管理, AdminPage: kiosk enrollment
// codes with their QR code, revocation, sign-in unlocks, the audit log).
// A tab of the board is the hall's floor plan (平面图, FloorPlanView):
// places, kiosks and open incidents where they are; another the drills
// (演练, DrillConsoleView): starting and watching drill runs, their scores,
// history, cadence and review. The connection state, the plan
// governing the hall and — for those who may manage a hall — its set-up's
// problems are in the status bar on every page. Keyboard: A acknowledge
// (also a later alert), G assign, N note, R resolve, C close, O reopen, K
// (or Space in the checklist) check the selected step off, S skip it, L
// record a contact, T re-triage, E escalate, Ctrl+F filter, Ctrl+Enter in
// the note adds it.
//
// Thread-safety: GUI thread only (a QMainWindow).
#pragma once

#include <QMainWindow>
#include <QPointer>

#include "admin_page.h"
#include "alarm_sound.h"
#include "chain_panel.h"
#include "checklist_panel.h"
#include "close_out_panel.h"
#include "column_fit.h"
#include "dashboard_view.h"
#include "desk_session.h"
#include "drill_console_view.h"
#include "escalated_panel.h"
#include "floor_plan_view.h"
#include "hall_setup_page.h"
#include "labels.h"
#include "leadership_view.h"
#include "playbook_page.h"

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace hall::desk {

class DeskWindow : public QMainWindow {
  Q_OBJECT

 public:
  DeskWindow(DeskSession* session, client::LanguageSwitcher* language, QWidget* parent = nullptr);

  // For tests and screenshots.
  QTableView* boardView() const { return m_table; }
  client::IncidentFilterModel* filterModel() const { return m_filter; }
  AlarmSound* alarm() const { return m_alarm; }
  QLabel* resultLabel() const { return m_result; }
  QString selectedIncident() const { return m_session->selected(); }
  void selectRow(int proxyRow);
  ChecklistPanel* checklistPanel() const { return m_checklistPanel; }
  ChainPanel* chainPanel() const { return m_chainPanel; }
  CloseOutPanel* closeOutPanel() const { return m_closeOutPanel; }
  EscalatedPanel* escalatedPanel() const { return m_escalatedPanel; }
  HallSetupPage* setupPage() const { return m_setupPage; }
  AdminPage* adminPage() const { return m_adminPage; }
  // The board's two faces: the duty board and the leadership view (领导视图:
  // opened for leadership and bureau sign-ins; a hall head may switch).
  QTabWidget* boardTabs() const { return m_boardTabs; }
  LeadershipView* leadershipView() const { return m_leadershipView; }
  DashboardView* dashboard() const { return m_dashboard; }
  // Another face of the board: the hall's floor plan (平面图), for every role.
  FloorPlanView* floorPlanView() const { return m_floorPlanView; }
  // The drills tab (演练): drill coordinators' first tab; read-only for duty
  // officers, hall heads and leadership; hidden for everyone else.
  DrillConsoleView* drillConsole() const { return m_drillConsole; }
  QTabWidget* detailTabs() const { return m_detailTabs; }
  QLabel* setupWarning() const { return m_setupWarning; }
  PlaybookPage* playbookPage() const { return m_playbookPage; }
  // Selects `incidentId` on the board (clearing the filters if they hide it).
  void selectIncident(const QString& incidentId);
  QTabWidget* tabs() const { return m_tabs; }
  QLabel* planLabel() const { return m_planLabel; }
  QLabel* clockBanner() const { return m_clockBanner; }

 protected:
  void changeEvent(QEvent* e) override;
  void resizeEvent(QResizeEvent* e) override;

 private:
  // The constructor's parts, in order.
  void buildCentral();
  void buildMenus();
  void buildStatusBar();
  void connectSession();
  void installShortcuts();
  QWidget* buildLogin();
  QWidget* buildBoard();
  QTableView* buildBoardTable(QWidget* parent);
  QTabWidget* buildSideTabs(QWidget* parent);
  QWidget* buildDetail();
  void connectEscalation();
  void updateSetupWarning();
  // The board's column widths for the UI language (shrunk to fit by
  // m_boardFit when the board is narrow).
  void fitBoardColumns();
  void retranslateUi();
  void updateConnection();
  void updateBanners();
  void updateDetail();
  // Shows the actions the principal may take, enabled as `st` allows.
  void updateActions(hall::v1::IncidentStatus st, bool hasIncident);
  void updateNoteCounter();
  void updateChainLine(const hall::v1::Incident* incident);
  void updateClockBanner();
  void updatePeople();
  void updateDetailTabs();
  void onSelectionChanged();
  void onAction(const QString& action, bool ok, const QString& message);
  void doLogin();
  const hall::v1::Incident* selectedIncidentState() const;

  DeskSession* m_session;
  client::LanguageSwitcher* m_language;
  client::IncidentFilterModel* m_filter;
  AlarmSound* m_alarm;
  hall::v1::Incident m_lastSelected;  // last known state (also once off the board)
  bool m_compact = false;             // a short screen (768 px): slimmer parts

  QLabel* m_clockBanner = nullptr;  // the server's simulated clock, above every page
  QStackedWidget* m_stack = nullptr;
  // login page
  QLabel* m_loginTitle = nullptr;
  QLabel* m_serverLabel = nullptr;
  QLabel* m_userLabel = nullptr;
  QLabel* m_passwordLabel = nullptr;
  QLineEdit* m_server = nullptr;
  QLineEdit* m_user = nullptr;
  QLineEdit* m_password = nullptr;
  QPushButton* m_loginButton = nullptr;
  QLabel* m_loginError = nullptr;
  QComboBox* m_loginLanguage = nullptr;
  // board page
  QLabel* m_alarmBanner = nullptr;
  QLabel* m_kioskBanner = nullptr;
  QLabel* m_filterLabel = nullptr;
  QLineEdit* m_filterText = nullptr;
  QComboBox* m_statusFilter = nullptr;
  QComboBox* m_drillFilter = nullptr;
  QLabel* m_countLabel = nullptr;
  QTableView* m_table = nullptr;
  ColumnFitter* m_boardFit = nullptr;
  QTabWidget* m_tabs = nullptr;
  QTableView* m_kioskTable = nullptr;
  PlaybookPage* m_playbookPage = nullptr;
  HallSetupPage* m_setupPage = nullptr;
  AdminPage* m_adminPage = nullptr;
  QTabWidget* m_boardTabs = nullptr;
  LeadershipView* m_leadershipView = nullptr;
  DashboardView* m_dashboard = nullptr;
  FloorPlanView* m_floorPlanView = nullptr;
  DrillConsoleView* m_drillConsole = nullptr;
  EscalatedPanel* m_escalatedPanel = nullptr;
  // detail
  QLabel* m_detailTitle = nullptr;
  QLabel* m_detailFields = nullptr;
  QLabel* m_chainLine = nullptr;       // where it stands on its chain, always in view
  QTabWidget* m_detailTabs = nullptr;  // 处置清单 | 上报链 | 处置时间线
  QListView* m_timelineView = nullptr;
  ChecklistPanel* m_checklistPanel = nullptr;
  ChainPanel* m_chainPanel = nullptr;
  CloseOutPanel* m_closeOutPanel = nullptr;
  QPlainTextEdit* m_note = nullptr;
  QLabel* m_noteCounter = nullptr;
  QComboBox* m_person = nullptr;
  QComboBox* m_outcome = nullptr;
  QPushButton* m_ackButton = nullptr;
  QPushButton* m_assignButton = nullptr;
  QPushButton* m_noteButton = nullptr;
  QPushButton* m_resolveButton = nullptr;
  QPushButton* m_closeButton = nullptr;
  QPushButton* m_reopenButton = nullptr;
  QLabel* m_result = nullptr;
  // status bar
  QLabel* m_connection = nullptr;
  QLabel* m_who = nullptr;
  QLabel* m_planLabel = nullptr;
  QLabel* m_setupWarning = nullptr;  // the halls' set-up problems, for those who manage them
  QLabel* m_clock = nullptr;
  // menus
  QMenu* m_sessionMenu = nullptr;
  QMenu* m_languageMenu = nullptr;
  QAction* m_logoutAction = nullptr;
  QAction* m_zhAction = nullptr;
  QAction* m_enAction = nullptr;
};

}  // namespace hall::desk
