// DrillConsoleView (演练): the desk's drill tab, over DrillService. A hall
// and one of its scenarios (ListDrillScenarios) with what it rehearses, its
// clause, duration and cadence and every response a run would expect
// (deadline and clause) shown before starting; now or at a set time, with
// the kiosks taking part (all by default); Start, Pause, Resume and Stop
// (Stop asks why — the one action for "a real incident happened").
//
// The live view of the hall's current drill: a banner (演练进行中 / 已暂停 /
// 已结束 / 已停止 / 计划于 … 开始), the drill time gone by, the score so far
// and each expected response with its deadline and outcome
// (DrillResultsModel), and a timeline of the injects and the drill's
// incidents (double-click opens one). GetDrill is polled every 2 s while
// the tab is visible and the drill is live, and read again at once when the
// incident watch brings an incident of this drill. Then the hall's history
// of the scenario (ListDrills) with the trend of its final scores, the
// cadence of every hall in scope (GetDrillCadence, overdue in red), and the
// after-action review (RecordDrillReview) with the report as PDF and CSV
// (drill_report.h).
//
// 编排注入 opens DrillInjectEditor on the scenario chosen: the coordinator
// adds, removes and edits its injects, the server checks the result; once
// used, the hand-built scenario heads the scenario list of this hall
// (until another hall is shown) and Start runs it (StartDrill carries the
// whole scenario).
//
// Shown to drill coordinators (their first tab) and, read-only, to duty
// officers, hall heads and leadership: the server decides who may act,
// the tab only disables what it would refuse (DeskSession::mayRunDrills).
// StartDrill carries one request id per Start action; a retry after the
// server could not be reached sends the same id again (one run, never two).
//
// Thread-safety: GUI thread only (a QWidget).
#pragma once

#include <QWidget>
#include <vector>

#include "drill_models.h"
#include "hall/v1/drill.pb.h"

class QChartView;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QTabWidget;
class QTableView;
class QTableWidget;
class QTextBrowser;
class QTimer;

namespace hall::client {
struct RpcResult;
}

namespace hall::desk {

class DeskSession;
class DrillInjectEditor;

class DrillConsoleView : public QWidget {
  Q_OBJECT
 public:
  explicit DrillConsoleView(DeskSession* session, QWidget* parent = nullptr);
  ~DrillConsoleView() override;

  // Reads everything again for the halls in scope: the scenarios of the
  // hall shown, its live drill (or its latest), its history and the cadence.
  void reload();
  // Shows `hallId` (one of the halls in scope) and reads its drills.
  void showHall(const QString& hallId);
  QString hallId() const;
  QString scenarioId() const;
  // The names of the contract's texts (scenarios, expectations) in English.
  void setEnglish(bool english);

  // What the server's answers feed (public for tests): the hall's
  // scenarios; the drill shown (live or past); the history of the hall and
  // scenario, newest first; the cadence rows.
  void setScenarios(const std::vector<hall::v1::ScenarioForHall>& scenarios);
  void setDrill(const hall::v1::Drill& drill);
  void setHistory(const std::vector<hall::v1::Drill>& drills);
  void setCadence(const std::vector<hall::v1::DrillCadence>& rows);
  // A hand-built scenario, checked (DrillInjectEditor's result): it heads
  // the list and is chosen.
  void setHandBuilt(const hall::v1::ScenarioForHall& scenario);
  // Opens the inject editor on the scenario chosen (nullptr when none or
  // not the coordinator); the dialog deletes itself when closed.
  DrillInjectEditor* editInjects();
  const hall::v1::Drill& drill() const { return m_drill; }
  client::DrillResultsModel* results() const { return m_results; }

  // The banner's text and the status line (loading, refusals, results).
  QString bannerText() const;
  QString statusText() const;
  // True while GetDrill is polled (visible, a live drill shown).
  bool polling() const;
  // Enables what this person may do (start … review) and the state allows.
  void updateActions();

  // The actions, as their buttons do them (Stop's button asks the reason
  // first, then calls stopWithReason).
  void startDrill();
  void pauseDrill();
  void resumeDrill();
  void stopWithReason(const QString& reason);
  void saveReview();
  // The after-action report of the drill shown; false with *error.
  bool writePdf(const QString& path, QString* error);
  bool writeCsv(const QString& path, QString* error);

 signals:
  void openIncident(const QString& id);

 protected:
  void changeEvent(QEvent* e) override;
  void showEvent(QShowEvent* e) override;
  void hideEvent(QHideEvent* e) override;

 private:
  void buildUi();
  void retranslate();
  void fillHalls();
  void fillKiosks();
  // The scenario list (the hand-built one first, then the hall's) with
  // `select` chosen if present; reads the history when the choice changed.
  void fillScenarios(const QString& select);
  void showScenario();
  void showDrill();
  void updateClock();
  void updatePolling();
  void loadScenarios();
  // Finds the hall's live drill (or its latest) and shows it.
  void lookupLive();
  void loadHistory();
  void loadCadence();
  // GetDrill of the drill shown, one at a time (a wish meanwhile follows).
  void refreshDrill();
  void openDrill(const QString& drillId);
  void drawTrend();
  void fillReview();
  // Ends an action: the drill the server answered, or its refusal.
  void finishAction(const QString& action, const client::RpcResult& r,
                    const hall::v1::Drill& drill);
  const hall::v1::ScenarioForHall* currentScenario() const;
  qint64 nowMs() const;

  DeskSession* m_session;
  client::DrillResultsModel* m_results;
  bool m_english = false;
  std::vector<hall::v1::ScenarioForHall> m_scenarios;  // the hall's, from the server
  // The coordinator's hand-built scenario for this hall (empty id: none).
  hall::v1::ScenarioForHall m_handBuilt;
  hall::v1::Drill m_drill;  // the drill shown
  std::vector<hall::v1::Drill> m_history;
  std::vector<hall::v1::DrillCadence> m_cadenceRows;
  QString m_liveDrillId;  // the hall's scheduled, running or paused drill, if any
  QString m_reviewFor;    // the drill whose review the form holds
  int m_generation = 0;   // bumped per hall; older answers are dropped
  bool m_fetching = false;
  bool m_fetchAgain = false;
  bool m_acting = false;  // an action is in flight
  // The Start action not yet decided by the server: its inputs and request
  // id, reused when the same Start is tried again.
  QString m_pendingStartKey;
  QString m_pendingStartId;

  QTimer* m_poll;    // 2 s: GetDrill while live and visible
  QTimer* m_tick;    // 1 s: the clock and countdown
  QTimer* m_lookup;  // 15 s: a drill started elsewhere, while none is live

  QLabel* m_hallLabel;
  QComboBox* m_hall;
  QLabel* m_scenarioLabel;
  QComboBox* m_scenario;
  QPushButton* m_refresh;
  QPushButton* m_editInjects;
  QLabel* m_readOnly;
  QLabel* m_status;
  QLabel* m_previewTitle;
  QTextBrowser* m_preview;
  QLabel* m_startTitle;
  QRadioButton* m_now;
  QRadioButton* m_at;
  QDateTimeEdit* m_startsAt;
  QLabel* m_kiosksLabel;
  QListWidget* m_kiosks;
  QPushButton* m_start;
  QPushButton* m_pause;
  QPushButton* m_resume;
  QPushButton* m_stop;
  QTabWidget* m_pages;
  QLabel* m_banner;
  QLabel* m_clock;
  QLabel* m_score;
  QLabel* m_message;
  QTableView* m_resultsView;
  QLabel* m_timelineTitle;
  QListWidget* m_timeline;
  QTableWidget* m_historyTable;
  QChartView* m_trend;
  QTableWidget* m_cadence;
  QLabel* m_reviewTitle;
  QLabel* m_wentWellLabel;
  QLabel* m_wentBadlyLabel;
  QLabel* m_improvementsLabel;
  QPlainTextEdit* m_wentWell;
  QPlainTextEdit* m_wentBadly;
  QPlainTextEdit* m_improvements;
  QLabel* m_reviewedBy;
  QPushButton* m_saveReview;
  QPushButton* m_pdf;
  QPushButton* m_csv;
};

}  // namespace hall::desk
