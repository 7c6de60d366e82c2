// KioskController (报警终端控制器): everything the kiosk screen does, for
// QML — the device sign-in, the durable press queue and its sending, the
// heartbeat, and the progress of the guide's latest press
// (已保存 → 已送达值班台 → 值班员 X 已确认 → 已处置), read from the live watch —
// including whether the server's chain has escalated it beyond the desk
// ("已上报领导小组": the tier of its latest alert) and whether it was
// recorded as planned (raised inside an announced planned outage).
//
// A press is stored in the PressQueue before anything else and sent with
// its request id; it leaves the queue only on the server's reply, so a dead
// network, a dead server or a reboot delays it but never drops it, and a
// retry never makes a second incident. Silent alarms (静默报警) go the same
// way but are never shown on the screen.
//
// What the screen offers and checks comes from the server: the quick-report
// buttons and their categories (ListCategories → buttons(), re-read on every
// (re)connect and when the playbook set's version changes), the note and
// headcount limits and the withdraw window (ServerInfo.limits), and the
// clock speed (ServerInfo / heartbeat). The last taxonomy and limits are
// kept in the queue file, so a kiosk that starts without its server still
// offers its buttons and checks its notes.
//
// Enrollment (终端登记): a kiosk started with no credential (its secret file
// does not exist yet) shows the first-run screen instead of its buttons;
// the code an admin issued on the desk (typed, or scanned from its QR code)
// is exchanged once (EnrollKiosk) for the device secret, which is written to
// the secret file (owner-only) — where a provisioned kiosk keeps it — and
// the kiosk id the server bound to it is kept in the queue file.
//
// Thread-safety: a QObject of the GUI thread (QML's); all work arrives
// there through HallClient's queued hand-off.
#pragma once

#include <QObject>
#include <QQmlEngine>
#include <QTimer>
#include <memory>

#include "hall_client.h"
#include "incident_watch.h"
#include "kiosk_button_model.h"
#include "press_queue.h"

namespace hall::kiosk {

struct KioskOptions {
  QString server = QStringLiteral("127.0.0.1:7443");
  QString caFile = QStringLiteral("var/tls/ca.crt");
  QString kioskId;     // empty: the one enrollment gave (kept in the queue file)
  QString secretFile;  // the device secret; written by enrollment when missing
  QString queueFile;   // default var/kiosk-<id>.sqlite, var/kiosk.sqlite without an id
};

class KioskController : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("made in C++ and handed to the screen")
  Q_PROPERTY(QString kioskId READ kioskId NOTIFY enrollmentChanged)
  // No credential yet: the screen asks for an enrollment code.
  Q_PROPERTY(bool needsEnrollment READ needsEnrollment NOTIFY enrollmentChanged)
  Q_PROPERTY(bool enrolling READ enrolling NOTIFY enrollmentChanged)
  Q_PROPERTY(QString enrollError READ enrollError NOTIFY enrollmentChanged)
  Q_PROPERTY(QString hallName READ hallName NOTIFY placeChanged)
  Q_PROPERTY(QString placeName READ placeName NOTIFY placeChanged)
  Q_PROPERTY(QString serverAddress READ serverAddress CONSTANT)
  // The server of the --server list in use now (it follows a fail-over).
  Q_PROPERTY(QString currentAddress READ currentAddress NOTIFY connectionChanged)
  Q_PROPERTY(int connectionState READ connectionState NOTIFY connectionChanged)
  Q_PROPERTY(QString connectionText READ connectionText NOTIFY connectionChanged)
  Q_PROPERTY(bool connected READ connected NOTIFY connectionChanged)
  Q_PROPERTY(bool signedIn READ signedIn NOTIFY signedInChanged)
  Q_PROPERTY(QString problem READ problem NOTIFY problemChanged)
  Q_PROPERTY(int queuedCount READ queuedCount NOTIFY queuedCountChanged)
  Q_PROPERTY(bool hasCurrent READ hasCurrent NOTIFY currentChanged)
  Q_PROPERTY(QString currentCategory READ currentCategory NOTIFY currentChanged)
  Q_PROPERTY(QString currentCategoryName READ currentCategoryName NOTIFY currentChanged)
  Q_PROPERTY(int currentStage READ currentStage NOTIFY currentChanged)
  Q_PROPERTY(QString currentAcknowledgedBy READ currentAcknowledgedBy NOTIFY currentChanged)
  Q_PROPERTY(QString currentAcknowledgedAt READ currentAcknowledgedAt NOTIFY currentChanged)
  Q_PROPERTY(QString currentError READ currentError NOTIFY currentChanged)
  // "已上报领导小组": where the chain escalated the latest press beyond the
  // first stage (the tier of its latest alert), in the UI language; "" while
  // it has not been, or once the press is resolved.
  Q_PROPERTY(QString currentEscalation READ currentEscalation NOTIFY currentChanged)
  Q_PROPERTY(bool currentPlanned READ currentPlanned NOTIFY currentChanged)
  // The latest press was added to the open report of the same kind (the
  // server folded it): "已并入正在处理的报警".
  Q_PROPERTY(bool currentFolded READ currentFolded NOTIFY currentChanged)
  Q_PROPERTY(int withdrawSecondsLeft READ withdrawSecondsLeft NOTIFY withdrawSecondsLeftChanged)
  Q_PROPERTY(int silentCount READ silentCount NOTIFY silentCountChanged)
  Q_PROPERTY(KioskButtonModel* buttons READ buttons CONSTANT)
  // The server's limits (0 while unknown: then only the server checks).
  Q_PROPERTY(int maxNoteChars READ maxNoteChars NOTIFY serverChanged)
  Q_PROPERTY(int maxHeadcount READ maxHeadcount NOTIFY serverChanged)
  Q_PROPERTY(int withdrawWindowSeconds READ withdrawWindowSeconds NOTIFY serverChanged)
  // The server runs on an accelerated clock (dry runs, demonstrations).
  Q_PROPERTY(bool clockAccelerated READ clockAccelerated NOTIFY serverChanged)
  Q_PROPERTY(QString clockText READ clockText NOTIFY serverChanged)
  // A drill this kiosk takes part in (演练, from the heartbeat): its name
  // in the UI language, its latest message, whether it is paused.
  Q_PROPERTY(bool drillActive READ drillActive NOTIFY drillChanged)
  Q_PROPERTY(QString drillName READ drillName NOTIFY drillChanged)
  Q_PROPERTY(QString drillMessage READ drillMessage NOTIFY drillChanged)
  Q_PROPERTY(bool drillPaused READ drillPaused NOTIFY drillChanged)
  // The next press goes as a drill press (演练上报); it disarms after that
  // one press, after kDrillArmSeconds untouched, and when the drill ends.
  Q_PROPERTY(bool drillArmed READ drillArmed WRITE setDrillArmed NOTIFY drillChanged)
  // The latest press was a drill press.
  Q_PROPERTY(bool currentDrill READ currentDrill NOTIFY currentChanged)

 public:
  // Where the latest press is.
  enum Stage {
    NoPress,
    Saved,         // 已保存: in the local queue, not yet answered
    Delivered,     // 已送达值班台: the server has it (REPORTED)
    Acknowledged,  // 值班员 X 已确认
    Resolved,      // 已处置 (resolved or closed)
    Withdrawn,     // 已撤回 (false alarm, recorded)
    Refused,       // the server refused the press (its message in currentError)
  };
  Q_ENUM(Stage)
  // What a RaiseIncident answer means for the queued press.
  enum SendOutcome {
    SendAccepted,   // a new incident, a repeat of one, or folded into the open one
    SendRetry,      // nothing decided (no server, signed out): keep it, send again
    SendThrottled,  // RESOURCE_EXHAUSTED: pressed too often while open; drop it, say so
    SendRefused,    // any other "no": drop it, show the server's reason
  };
  static SendOutcome sendOutcome(const client::RpcResult& r);

  explicit KioskController(const KioskOptions& options, QObject* parent = nullptr);
  ~KioskController() override;

  // Opens the queue, shows what it holds, signs in, starts the heartbeat.
  // Returns false (see problem()) when the queue file cannot be opened.
  bool start();

  QString kioskId() const { return m_options.kioskId; }
  bool needsEnrollment() const { return m_needsEnrollment; }
  bool enrolling() const { return m_enrolling; }
  QString enrollError() const { return m_enrollError; }
  // The 12-letter code in what was typed or scanned ("abcd-efgh-jkmn",
  // or the QR code's "hallkiosk:enroll?kiosk=…&code=…"), upper-cased, or ""
  // when it is not 12 letters and digits.
  static QString normalizeEnrollmentCode(const QString& input);
  // Exchanges an enrollment code for this kiosk's credential. Returns ""
  // when sent (enrollmentChanged follows with the outcome), else the message.
  Q_INVOKABLE QString enroll(const QString& code);
  QString hallName() const { return m_hallName; }
  QString placeName() const { return m_placeName; }
  QString serverAddress() const { return m_client->serverAddress(); }
  QString currentAddress() const { return m_client->currentAddress(); }
  int connectionState() const { return m_client->state(); }
  QString connectionText() const { return m_client->stateText(); }
  bool connected() const { return m_client->state() == client::HallClient::Connected; }
  bool signedIn() const { return m_signedIn; }
  QString problem() const { return m_problem; }
  int queuedCount() const { return m_queuedCount; }
  bool hasCurrent() const { return m_currentStage != NoPress; }
  QString currentCategory() const { return m_current.category; }
  QString currentCategoryName() const;
  int currentStage() const { return m_currentStage; }
  QString currentAcknowledgedBy() const { return m_current.acknowledgedBy; }
  QString currentAcknowledgedAt() const;
  QString currentError() const { return m_current.error; }
  QString currentEscalation() const;
  bool currentPlanned() const { return m_current.planned; }
  bool currentFolded() const { return m_current.folded; }
  int withdrawSecondsLeft() const { return m_withdrawLeft; }
  int silentCount() const { return m_silentCount; }
  QString currentIncidentId() const { return m_current.incidentId; }
  client::HallClient* client() const { return m_client.get(); }
  KioskButtonModel* buttons() const { return m_buttons; }
  client::ServerProfile* server() const { return m_client->serverProfile(); }
  // The longest note a report may carry (ServerInfo.limits.max_summary_chars).
  int maxNoteChars() const { return server()->maxSummaryChars(); }
  int maxHeadcount() const { return server()->maxHeadcount(); }
  int withdrawWindowSeconds() const { return server()->withdrawWindowSeconds(); }
  bool clockAccelerated() const { return server()->accelerated(); }
  QString clockText() const;
  // Sends that failed for want of the server (each retried), since start.
  int failedSends() const { return m_failedSends; }

  // Drills (演练). By default every press is real: a real emergency during a
  // drill must never be taken for the drill. A drill press is armed on
  // purpose (setDrillArmed(true), the screen's 演练上报 toggle) and only
  // while the heartbeat says this kiosk takes part in a drill that is not
  // paused; the next visible press (report or panic) then carries
  // RaiseIncidentRequest.drill and the toggle disarms. The silent alarm is
  // always real and leaves the toggle as it is.
  static constexpr int kDrillArmSeconds = 60;
  bool drillActive() const { return !m_drillId.isEmpty(); }
  QString drillId() const { return m_drillId; }
  QString drillName() const;
  QString drillMessage() const { return m_drillMessage; }
  bool drillPaused() const { return m_drillPaused; }
  bool drillArmed() const { return m_drillArmed; }
  // Arms (only while drillActive() and not paused) or disarms.
  Q_INVOKABLE void setDrillArmed(bool armed);
  bool currentDrill() const { return m_current.drill; }
  // Takes what a heartbeat answered: the clock, the next beat, the drill
  // this kiosk takes part in (none: the banner goes, the toggle disarms).
  void applyHeartbeat(const hall::v1::HeartbeatResponse& resp);

  // The UI language ("zh" or "en") for names the client has no translation
  // of, and re-reads translated texts; call after the translators changed.
  Q_INVOKABLE void setLanguage(const QString& language);
  // Takes a taxonomy as ListCategories returns it (also for tests).
  void setTaxonomy(const hall::v1::Taxonomy& taxonomy);
  // Re-reads the taxonomy when the playbook set's version changed (every
  // heartbeat does this; a reconnect re-reads it anyway).
  void checkPlaybookSet();

  // Checks a note and a headcount as the screen takes them: "" when fine,
  // else the message to show.
  Q_INVOKABLE QString validateReport(const QString& note, int headcount) const;
  // Queues a report of `category` (a Category.id) and sends it. Returns ""
  // when it is safely queued, else the message to show.
  Q_INVOKABLE QString report(const QString& category, const QString& note = {}, int headcount = 0);
  // 一键报警: the panic button after its hold-to-confirm; raises the
  // category the taxonomy gives the panic button.
  Q_INVOKABLE QString panic() { return report(m_buttons->panicCategory()); }
  // 静默报警: a panic that changes nothing on the screen.
  Q_INVOKABLE QString silentAlarm();
  // Withdraws the latest press as a false alarm with `reason` (within the
  // server's withdraw window). Returns "" when sent, else the message.
  Q_INVOKABLE QString withdrawCurrent(const QString& reason);
  // Hides the progress card (the press itself is unaffected).
  Q_INVOKABLE void dismissCurrent();
  // Category display name (the client's label, else the taxonomy's name).
  Q_INVOKABLE QString categoryName(const QString& category) const;

 signals:
  void placeChanged();
  void enrollmentChanged();
  void connectionChanged();
  void signedInChanged();
  void problemChanged();
  void queuedCountChanged();
  void currentChanged();
  void withdrawSecondsLeftChanged();
  void silentCountChanged();
  // The server's limits or clock speed changed (or the language).
  void serverChanged();
  // A result the screen shows briefly (withdraw done, refused …).
  void notice(const QString& text);
  // drillActive(), drillName(), drillMessage(), drillPaused() or
  // drillArmed() changed.
  void drillChanged();

 private:
  void login();
  // Keeps the credential enrollment gave; false (and enrollError) on failure.
  bool storeCredential(const hall::v1::EnrollKioskResponse& resp);
  void afterLogin(const hall::v1::Principal& principal);
  void fetchNames();
  // Reads the taxonomy (ListCategories) into buttons() and keeps it.
  void fetchCategories();
  void restoreServerState();
  void saveServerInfo();
  void flush();
  // Takes a press the server refused out of the queue, keeps the refusal as
  // its report and shows `message`.
  void completeRefused(const Press& p, const Report& rep, const QString& message);
  void heartbeat();
  void onEvents(const std::vector<hall::v1::IncidentEvent>& events);
  void mergeIncident(Report base, const hall::v1::Incident& inc);
  // Copies what the card shows of `inc` into `r`.
  static void takeState(Report* r, const hall::v1::Incident& inc);
  void setCurrentFromReport(const Report& r);
  void refreshQueued();
  void setProblem(const QString& p);
  void tickWithdraw();
  static int stageOf(const Report& r);

  KioskOptions m_options;
  std::unique_ptr<client::HallClient> m_client;
  std::unique_ptr<client::IncidentWatch> m_watch;
  PressQueue m_queue;
  QString m_hallId;
  QString m_locationId;
  QString m_hallName;
  QString m_placeName;
  bool m_signedIn = false;
  bool m_loggingIn = false;
  bool m_needsEnrollment = false;
  bool m_enrolling = false;
  QString m_enrollError;
  bool m_sending = false;
  QString m_problem;
  int m_queuedCount = 0;
  int m_silentCount = 0;
  int m_failedSends = 0;
  bool m_mayWithdraw = false;    // Principal.permissions has "withdraw"
  KioskButtonModel* m_buttons;   // a child
  QString m_playbookSetVersion;  // of the taxonomy the buttons show

  Report m_current;  // the latest shown press (request id set when any)
  int m_currentStage = NoPress;
  int m_withdrawLeft = 0;

  client::Backoff m_loginBackoff{500, 10000};
  client::Backoff m_sendBackoff{300, 5000};
  QTimer m_loginTimer;
  QTimer m_sendTimer;
  QTimer m_heartbeatTimer;
  QTimer m_secondTimer;

  QString m_drillId;  // the drill this kiosk takes part in, "" when none
  QString m_drillNameZh;
  QString m_drillNameEn;
  QString m_drillMessage;
  bool m_drillPaused = false;
  bool m_drillArmed = false;
  bool m_english = false;
  QTimer m_drillArmTimer;  // disarms a toggle left armed
};

}  // namespace hall::kiosk
