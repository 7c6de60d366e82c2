// DeskSession (值班台会话): the duty officer's signed-in session, without
// any widgets — sign-in, the live board (a ListIncidents snapshot, then the
// watch from its as_of_seq → IncidentBoardModel), the
// selected incident's timeline and live checklist (处置清单, ChecklistModel,
// its texts re-fetched when an event arrives without them) and playbook,
// the hall's kiosks (polled every heartbeat period), the people one may
// assign to, the plan (应急预案) governing each hall and the category
// taxonomy, any hall's playbook (处置措施) read without an incident, and
// the incident actions (acknowledge, assign, note, resolve, close, reopen,
// check off / skip a step, re-triage, set a grading metric), each reporting
// its result or the server's error through actionFinished(). The widgets
// and the end-to-end tests both drive the desk through this class.
//
// Escalation (升级): the selected incident's chain (chain(), a
// ChainStagesModel over the playbook's policy and the incident's
// EscalationState, counting down on the server's clock), the alerts the
// server addressed to this person on any hall in scope (escalatedToMe(), fed
// the board's snapshot and every watch event), the chain actions (escalate,
// de-escalate, acknowledge a later alert, set the grade, record a contact
// with an outside party), and the halls' set-up (setups(): roster,
// contacts, problems), read for the selected incident's hall and, for a
// person who may manage a hall, for every hall in scope.
//
// The desk keeps none of the server's rules: what a person may do is the
// server's list (Principal.permissions, may()), used only to hide what the
// server would refuse; the limits on notes, reasons and summaries are the
// server's (ServerInfo.limits, client()->serverProfile()).
//
// Thread-safety: a QObject of the GUI thread; results arrive there through
// HallClient's queued hand-off.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <memory>

#include "checklist_model.h"
#include "escalation_models.h"
#include "hall/v1/drill.pb.h"
#include "hall/v1/playbook.pb.h"
#include "hall_client.h"
#include "hall_setup_cache.h"
#include "incident_models.h"
#include "incident_watch.h"

namespace hall::desk {

struct DeskOptions {
  QString server = QStringLiteral("127.0.0.1:7443");
  QString caFile = QStringLiteral("var/tls/ca.crt");
  QString language = QStringLiteral("zh");
  QString user;          // sign in at start (screenshots, wall displays)
  QString passwordFile;  // with --user
  QString screenshot;
  int screenshotDelayMs = 5000;
};

struct PersonChoice {
  QString id;
  QString name;  // "name（role）"
  hall::v1::Role role = hall::v1::ROLE_UNSPECIFIED;
  QStringList hallIds;  // empty with allHalls
  bool allHalls = false;
};

class DeskSession : public QObject {
  Q_OBJECT
  Q_PROPERTY(bool signedIn READ signedIn NOTIFY signedInChanged)
  Q_PROPERTY(QString userName READ userName NOTIFY signedInChanged)

 public:
  explicit DeskSession(const DeskOptions& options, QObject* parent = nullptr);
  ~DeskSession() override;

  client::HallClient* client() const { return m_client.get(); }
  client::IncidentBoardModel* board() const { return m_board; }
  client::TimelineModel* timeline() const { return m_timeline; }
  client::ChecklistModel* checklist() const { return m_checklist; }
  client::KioskStatusModel* kiosks() const { return m_kiosks; }
  client::IncidentWatch* watch() const { return m_watch.get(); }
  client::ChainStagesModel* chain() const { return m_chain; }
  client::EscalatedToMeModel* escalatedToMe() const { return m_escalatedToMe; }
  HallSetupCache* setups() const { return m_setups; }

  bool signedIn() const { return m_signedIn; }
  QString userName() const { return m_userName; }
  QString personId() const { return m_personId; }
  hall::v1::Role role() const { return m_role; }
  // True when the server lets this person do `permission` (a
  // Principal.permissions id: acknowledge, assign, note, resolve, close,
  // reopen, checklist, triage, raise_drill …). False when signed out.
  bool may(const QString& permission) const { return m_permissions.contains(permission); }
  // True when the person may do nothing to an incident from the desk (no
  // acknowledge, assign, note, resolve, close, reopen, checklist, triage):
  // a read-only board.
  bool readOnly() const;
  // Why `principal` cannot use the desk, or "" when it can. The desk is a
  // board of incidents, so it needs "read" (without it the server refuses
  // the board, the watch and every detail); everything else it shows or
  // hides by the other permissions.
  static QString refusal(const hall::v1::Principal& principal);
  // Takes the server's account of the signed-in person (login() does this):
  // name, role, halls in scope, permissions.
  void setPrincipal(const hall::v1::Principal& principal);
  QStringList hallIds() const { return m_hallIds; }
  QString hallNames() const;
  QString hallName(const QString& hallId) const { return m_hallNames.value(hallId, hallId); }
  QList<PersonChoice> people() const { return m_people; }
  // Every place of the halls in scope with its position on the hall's
  // floor plan (ListLocations, read after sign-in); locationsChanged() when
  // a hall's list arrives.
  std::vector<hall::v1::Location> locations() const;

  // The plan (应急预案) governing `hallId` (GetPlan{hall_id}, loaded after
  // sign-in), or nullptr while unknown.
  const hall::v1::Plan* plan(const QString& hallId) const;
  // The playbook set version the plans came from (sha256 hex), or "".
  QString playbookSetVersion() const { return m_setVersion; }
  // "适用预案：<name>（<short name>）", one per distinct plan of the halls in
  // scope, the name in English when `english`; "" while none is loaded.
  QString planSummary(bool english = false) const;
  // Every incident category (ListCategories), in the taxonomy's order.
  const std::vector<hall::v1::Category>& categories() const { return m_categories; }
  const hall::v1::Category* category(const QString& id) const;
  // The taxonomy's full name of a category in the given language; the
  // short label (client::categoryName) while the taxonomy is not loaded.
  QString categoryTitle(const QString& id, bool english) const;

  // Reads `hallId`'s playbook for `category` (GetPlaybook); playbookLoaded
  // or playbookFailed follows (a newer request supersedes an older one).
  void loadPlaybook(const QString& hallId, const QString& category);
  // The selected incident's playbook (its plan and category), or nullptr
  // while unknown or when its plan has none for the category.
  const hall::v1::GetPlaybookResponse* selectedPlaybook() const;
  // The grading metrics the selected incident's playbook grades by.
  QStringList gradingMetrics() const;
  // The grades the selected incident's playbook defines (I, II, III …), in
  // its order, for 定级.
  QStringList grades() const;
  // True when acknowledging `incident` would be accepted: it is reported,
  // or acknowledged with a later alert of its chain not yet acknowledged.
  static bool awaitsAcknowledgement(const hall::v1::Incident& incident);
  // The UI language for names from the taxonomy (categories the client has
  // no label of its own for) on the board, the timeline and the lists.
  void setEnglish(bool english);
  bool english() const { return m_english; }
  // "冲突/纠纷 · 3号窗口 · 嘉祥县为民服务中心": an incident named for a list.
  QString describe(const hall::v1::Incident& incident) const;

  // Signs in; loginFinished(ok, message) follows.
  void login(const QString& user, const QString& password);
  void logout();
  // Points at another server (signs out first).
  void setServerAddress(const QString& address);

  // Shows `incidentId`'s full timeline (GetIncident) in timeline().
  void select(const QString& incidentId);
  QString selected() const { return m_selected; }

  // The actions. Each checks its input first (message, nothing sent) and
  // ends in actionFinished(action, ok, message). They are conditional on
  // the incident's last seq known to the board (ABORTED when stale).
  void acknowledge(const QString& incidentId);
  void assign(const QString& incidentId, const QString& personId);
  void addNote(const QString& incidentId, const QString& note);
  void resolve(const QString& incidentId, hall::v1::Outcome outcome, const QString& note);
  void close(const QString& incidentId, const QString& note);
  void reopen(const QString& incidentId, const QString& reason);
  // The checklist actions. completeStep's note is optional; skipStep's
  // reason and recategorize's reason are required (refused here, nothing
  // sent, when empty). recategorize with SEVERITY_UNSPECIFIED takes the new
  // playbook's default severity.
  void completeStep(const QString& incidentId, const QString& stepId, const QString& note);
  void skipStep(const QString& incidentId, const QString& stepId, const QString& reason);
  void recategorize(const QString& incidentId, const QString& category, hall::v1::Severity severity,
                    const QString& reason);
  void updateMetric(const QString& incidentId, const QString& metric, qint64 value);
  // The chain actions: alert the next stage now (升级) / hand back down one
  // stage (交回下一级), each with a required reason; set the grade (定级,
  // one of the playbook's grades, reason required); record a contact with
  // the outside party of a contact step (number 1–32 chars and a method
  // required). Acknowledging a later alert is acknowledge().
  void escalate(const QString& incidentId, const QString& reason);
  void deescalate(const QString& incidentId, const QString& reason);
  void setGrade(const QString& incidentId, const QString& grade, const QString& reason);
  void recordContact(const QString& incidentId, const QString& stepId, const QString& number,
                     hall::v1::ContactMethod method, const QString& reference, const QString& note);
  // Close-out duties (善后): a public statement drafted (舆情) and decided
  // by leadership or the bureau (a refusal needs its reason); the
  // after-action summary (总结: cause, course, losses, what went well and
  // badly, improvements; all but losses and went_badly required); its filing
  // with a body (备案); a hand-over (转办, feedback required); a follow-up
  // added (id empty) or changed.
  void draftStatement(const QString& incidentId, const QString& text, const QString& audience);
  void decideStatement(const QString& incidentId, const QString& statementId, bool approve,
                       const QString& reason);
  void recordSummary(const QString& incidentId, const hall::v1::AfterActionSummary& summary);
  void recordFiling(const QString& incidentId, const QString& body, hall::v1::ContactMethod method,
                    const QString& reference);
  void handOver(const QString& incidentId, const QString& department, const QString& note,
                const QString& feedback);
  void upsertFollowUp(const QString& incidentId, const QString& followUpId, const QString& text,
                      const QString& owner, qint64 dueMs, bool done);
  // Raises an incident as this person (e.g. a drill 演练 from the desk).
  void raise(const QString& hallId, const QString& category, bool drill, const QString& summary);

  // Checks a note or a reason against the server's limit
  // (Limits.max_note_chars): "" when fine, else the message. Only whether
  // it is empty is checked while the limit is not known.
  QString checkNote(const QString& note, bool required) const;
  // Checks a summary (Limits.max_summary_chars) the same way.
  QString checkSummary(const QString& summary) const;
  // The server's limit on notes and reasons, 0 while unknown.
  int maxNoteChars() const;

  // Reads the region tree (ListRegions, parents first) and the halls in
  // scope with their regions (ListHalls); each handler runs on success
  // only, and only while `receiver` lives. For the views that filter or
  // report by region (leadership, statistics).
  void readRegions(QObject* receiver,
                   std::function<void(const std::vector<hall::v1::Region>&)> done);
  void readHalls(QObject* receiver, std::function<void(const std::vector<hall::v1::Hall>&)> done);

  // Polls the kiosk list now (also done every heartbeat period).
  void refreshKiosks();

  // Drills (演练, DrillService). Reading a hall's scenarios, runs, scores
  // and cadence needs "read_drills" (duty officers, hall heads, leadership,
  // drill coordinators); starting, pausing, resuming, stopping and
  // reviewing need "run_drill" (the drill coordinator's role). Both are the
  // server's word (Principal.permissions); the desk only hides or disables
  // what it would refuse. Each call runs `done` on the GUI thread with the
  // server's answer (or its refusal), only while `receiver` lives; input it
  // can check here (an empty id or reason) is refused at once with
  // INVALID_ARGUMENT, nothing sent.
  using DrillDone = std::function<void(const client::RpcResult&, const hall::v1::Drill&)>;
  bool mayRunDrills() const { return may(QStringLiteral("run_drill")); }
  bool mayWatchDrills() const {
    return may(QStringLiteral("read_drills")) || may(QStringLiteral("run_drill"));
  }
  // A fresh request id (UUID) for one user action; a retry of that action
  // passes the same id again (StartDrill makes one run per request id).
  static QString newRequestId();
  // ListDrillScenarios: the scenarios fitting `hallId`, each with what a
  // run of it would expect.
  void listDrillScenarios(
      const QString& hallId, QObject* receiver,
      std::function<void(const client::RpcResult&, const std::vector<hall::v1::ScenarioForHall>&)>
          done);
  // StartDrill of `scenario` in `hallId` — a file's by its id, or, when
  // `handBuilt`, the whole scenario the coordinator edited — now (invalid
  // `startsAt`) or at `startsAt`, with `kioskIds` taking part (empty =
  // every active kiosk).
  void startDrill(const QString& requestId, const QString& hallId,
                  const hall::v1::DrillScenario& scenario, bool handBuilt,
                  const QDateTime& startsAt, const QStringList& kioskIds, QObject* receiver,
                  DrillDone done);
  // CheckDrillScenario: a hand-built scenario checked for `hallId` as
  // StartDrill would, answered with what a run of it would expect.
  void checkDrillScenario(
      const QString& hallId, const hall::v1::DrillScenario& scenario, QObject* receiver,
      std::function<void(const client::RpcResult&, const hall::v1::ScenarioForHall&)> done);
  void pauseDrill(const QString& drillId, QObject* receiver, DrillDone done);
  void resumeDrill(const QString& drillId, QObject* receiver, DrillDone done);
  // StopDrill with its reason (required: a real incident happened, …).
  void stopDrill(const QString& drillId, const QString& reason, QObject* receiver, DrillDone done);
  void getDrill(const QString& drillId, QObject* receiver, DrillDone done);
  // ListDrills of `hallIds` (empty = all in scope) and `scenarioId` (empty =
  // any), newest first, at most `limit` (0 = the server's 50).
  void listDrills(
      const QStringList& hallIds, const QString& scenarioId, int limit, QObject* receiver,
      std::function<void(const client::RpcResult&, const std::vector<hall::v1::Drill>&)> done);
  // RecordDrillReview: what went well, what did not, the improvements.
  void recordDrillReview(const QString& drillId, const hall::v1::DrillReview& review,
                         QObject* receiver, DrillDone done);
  // GetDrillCadence of `hallIds` (empty = all in scope).
  void getDrillCadence(
      const QStringList& hallIds, QObject* receiver,
      std::function<void(const client::RpcResult&, const std::vector<hall::v1::DrillCadence>&)>
          done);

  // The board's first load (ListIncidents, kBoardPageSize a page) and the
  // seq the watch then started after: the first page's as_of_seq, or 0
  // when the load failed and the watch replays the log instead; -1 while
  // loading / signed out.
  static constexpr int kBoardPageSize = 500;
  qint64 boardStartSeq() const { return m_boardStartSeq; }

 signals:
  void signedInChanged();
  // may() / readOnly() changed (another person signed in, or signed out).
  void permissionsChanged();
  void loginFinished(bool ok, const QString& message);
  void actionFinished(const QString& action, bool ok, const QString& message);
  void peopleChanged();
  void hallsChanged();
  // plan() / planSummary() / playbookSetVersion() changed.
  void plansChanged();
  void categoriesChanged();
  // locations() changed.
  void locationsChanged();
  void playbookLoaded(const QString& hallId, const QString& category,
                      const hall::v1::GetPlaybookResponse& playbook);
  void playbookFailed(const QString& hallId, const QString& category, const QString& message);
  // selectedPlaybook() changed (another incident or category).
  void selectedPlaybookChanged();
  // The server dropped the session (token expired): show the login screen.
  void sessionExpired(const QString& message);

 private:
  using Handler = std::function<void(const client::RpcResult&, const hall::v1::IncidentResponse&)>;
  Handler actionHandler(const QString& action);
  qint64 expectedSeq(const QString& incidentId) const;
  void loadDirectory();
  // Loads the board from a snapshot (every page), then starts the watch
  // after the first page's as_of_seq.
  void loadBoard(const QStringList& halls);
  void loadBoardPage(const QStringList& halls, const std::string& pageToken);
  void startWatch(const QStringList& halls, qint64 afterSeq);
  void loadPlans();
  void loadCategories();
  // Re-reads the selected incident (GetIncident): timeline and checklist.
  void refreshSelected();
  void loadSelectedPlaybook(const hall::v1::Incident& incident);
  void applyToSelected(const hall::v1::Incident& incident);
  // The constructor's wiring of the escalation parts.
  void connectEscalation();
  // Feeds the selected hall's set-up to the checklist and the chain.
  void applySetup(const QString& hallId);
  // Reads the set-up of every hall in scope when this person may manage
  // a hall (their problems show on the status bar).
  void loadSetupsToManage();
  void onKiosks(const std::vector<hall::v1::Kiosk>& kiosks);

  DeskOptions m_options;
  std::unique_ptr<client::HallClient> m_client;
  std::unique_ptr<client::IncidentWatch> m_watch;
  client::IncidentBoardModel* m_board;
  client::TimelineModel* m_timeline;
  client::KioskStatusModel* m_kiosks;
  client::ChecklistModel* m_checklist;
  client::ChainStagesModel* m_chain;
  client::EscalatedToMeModel* m_escalatedToMe;
  HallSetupCache* m_setups;
  bool m_signedIn = false;
  bool m_english = false;
  QString m_userName;
  QString m_personId;
  QString m_selectedHall;  // the selected incident's hall
  hall::v1::Role m_role = hall::v1::ROLE_UNSPECIFIED;
  QSet<QString> m_permissions;
  QStringList m_hallIds;
  QHash<QString, QString> m_hallNames;
  QHash<QString, QString> m_locationNames;
  QHash<QString, std::vector<hall::v1::Location>> m_locations;  // hall id → its places
  QList<PersonChoice> m_people;
  QString m_selected;
  bool m_refreshing = false;    // a GetIncident of the selected incident is in flight
  bool m_refreshAgain = false;  // … and another is wanted after it
  QTimer m_kioskTimer;
  int m_boardGeneration = 0;                     // bumped per load; older replies are dropped
  qint64 m_boardAsOf = -1;                       // the first page's as_of_seq, -1 before it
  std::vector<hall::v1::Incident> m_boardPages;  // pages read so far
  qint64 m_boardStartSeq = -1;
  QHash<QString, hall::v1::Plan> m_plans;  // hall id → plan governing it
  QString m_setVersion;
  std::vector<hall::v1::Category> m_categories;
  QString m_playbookRequest;  // "hall|category" of the latest loadPlaybook()
  // The selected incident's playbook, keyed "plan|category".
  QString m_selectedPlaybookKey;
  bool m_haveSelectedPlaybook = false;
  hall::v1::GetPlaybookResponse m_selectedPlaybook;
};

}  // namespace hall::desk
