// Escalation on the clients (升级): where an incident stands on its chain
// (ChainStagesModel, one row per stage of its policy), the alerts the
// server addressed to the signed-in person (EscalatedToMeModel, "升级给我"),
// and the short texts the board and the kiosk use for both.
//
// Everything here is read from the server's data: the policy as
// PlaybookService.GetPlaybook returns it (its escalation field), the
// incident's EscalationState (alerts, who was reached, next_at), and the
// ESCALATED / DEESCALATED / REMINDED / STEP_OVERDUE events of the watch.
// The clients never decide when a stage is due: they only count down to
// the server's next_at on the server's clock (ServerProfile::serverNowMs,
// passed in as a clock).
//
// The models are Qt item models with roles from Qt::UserRole + 1 and QML
// role names. They are not QML_ELEMENTs: client-core is not a QML module
// (the Widgets desk, their user, links no Qt Qml), so registering them would
// drag QML into the desk for nothing.
//
// Thread-safety: like every Qt item model, GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <vector>

#include "hall/v1/escalation.pb.h"
#include "hall/v1/incident.pb.h"
#include "hall/v1/playbook.pb.h"

namespace hall::client {

// "1:42" (m:ss), "1:02:03" past an hour; "0:00" for anything below zero.
QString countdownText(qint64 seconds);
// Seconds from `nowMs` to the incident's next stage (EscalationState.next_at),
// or -1 when nothing is pending (acknowledged, last stage, planned, closed).
qint64 secondsToNextStage(const hall::v1::Incident& inc, qint64 nowMs);
// The board's chain cell: "应急办 · 1:42" (the tier alerted last and the time
// left before the next one), "领导小组 · 已确认", "计划内（已公告）", or ""
// when the chain has not started.
QString chainBadge(const hall::v1::Incident& inc, qint64 nowMs);
// The internal tiers of the highest stage alerted beyond the first one
// (the stage the report went to), or empty: what the kiosk shows as
// "已上报领导小组". Cleared again when the incident is handed back down.
QStringList escalatedTiers(const hall::v1::Incident& inc);

// ChainStagesModel (上报链): the selected incident's escalation chain —
// each stage of the policy in order (its tier and the tiers alerted with it,
// notify-only tiers, outside parties to call, its time-out and citation),
// whether and when it was alerted, why, to whom (names, position, online
// or not; tiers that resolved to nobody are shown as a problem), who
// acknowledged, and a countdown to the next stage. A stage not yet alerted
// shows whom its tiers reach now (the hall's set-up, setOnNow()).
class ChainStagesModel : public QAbstractTableModel {
  Q_OBJECT
  Q_PROPERTY(QString summary READ summary NOTIFY changed)
  Q_PROPERTY(bool planned READ planned NOTIFY changed)
  Q_PROPERTY(int secondsToNext READ secondsToNext NOTIFY ticked)

 public:
  enum Column {
    StageColumn,   // ① 大厅负责人 + 领导小组 (知会 …, 须联系 …)
    StateColumn,   // 已上报 10:32:05 · why / 1:42 后上报 / 未上报
    PeopleColumn,  // who it reached (● online), or reaches now
    RuleColumn,    // 2分钟内未确认则上报下一级 / 最后一级
    CitationColumn,
    ColumnCount
  };
  Q_ENUM(Column)
  enum Role {
    StageRole = Qt::UserRole + 1,  // index in the policy
    TierRole,                      // the stage's tier id
    TiersRole,                     // tier + with_tiers (ids)
    NotifyOnlyTiersRole,
    ContactPartiesRole,
    CitationRole,
    AckTimeoutRole,  // seconds; 0 = last stage
    ProductDefaultRole,
    AlertedRole,    // the stage has been alerted
    AlertedAtRole,  // QDateTime of its latest alert
    ReasonRole,     // AlertRecord.reason of its latest alert
    ReasonTextRole,
    PeopleRole,      // QVariantList of {personId, name, position, online, notifyOnly}
    EmptyTiersRole,  // tiers that resolved to nobody (a problem)
    UnreachableRole,
    CurrentRole,         // the highest stage alerted
    NextRole,            // the stage the countdown leads to
    SecondsToNextRole,   // on NextRole rows; invalid elsewhere
    AcknowledgedRole,    // on the current row: the alert was acknowledged
    AcknowledgedByRole,  // … by whom
  };
  Q_ENUM(Role)
  using Clock = std::function<qint64()>;  // msecs since the epoch, the server's clock

  explicit ChainStagesModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

  // The policy the incident escalates under (GetPlaybook's escalation).
  // Without one the rows come from the incident's alerts alone.
  void setPolicy(const hall::v1::EscalationPolicy& policy);
  void clearPolicy();
  // The incident shown (its EscalationState). Another incident resets.
  void setIncident(const hall::v1::Incident& incident);
  // Who each tier reaches now (HallSetup.on_now of the incident's hall).
  void setOnNow(const std::vector<hall::v1::ResolvedTier>& onNow);
  void clear();

  QString incidentId() const;
  // One line: where it stands ("第2级/共3级 应急办 · 已上报 10:32 · 待确认 ·
  // 1分42秒后上报领导小组"), planned, stopped, or not started.
  QString summary() const;
  bool planned() const;
  int secondsToNext() const;  // -1 when nothing is pending

  void setClock(Clock clock);
  qint64 now() const { return m_clock(); }
  // Re-reads "now" (the countdown); a timer calls it every second.
  void tick();
  void retranslate();

 signals:
  void changed();
  void ticked();

 private:
  struct Stage {
    hall::v1::EscalationTier tier;                 // from the policy, or made from an alert
    const hall::v1::AlertRecord* alert = nullptr;  // its latest alert, if any
  };
  void rebuild();
  QString stageText(const Stage& s, int row) const;
  QString stateText(const Stage& s, int row) const;
  QString peopleText(const Stage& s) const;
  QString ruleText(const Stage& s) const;
  QVariant background(int row) const;
  QVariant foreground(const Stage& s, int row, int column) const;
  QVariant roleData(const Stage& s, int row, int role) const;
  bool isNext(int row) const;
  bool open() const;
  void emitAll();

  bool m_havePolicy = false;
  hall::v1::EscalationPolicy m_policy;
  hall::v1::Incident m_incident;
  std::vector<Stage> m_stages;
  QHash<QString, QStringList> m_onNow;  // tier → names (● online)
  Clock m_clock;
  QTimer m_timer;
};

// EscalatedToMeModel (升级给我): the alerts of the chain the server sent to
// the signed-in person — an incident's stage that named them (ESCALATED,
// or DEESCALATED back to them), a reminder that their incident is still
// unresolved (REMINDED), a step of theirs overdue (STEP_OVERDUE) — newest
// first, with the incident, the stage, why, when, and whether it has been
// dealt with. A chain alert is pending until anyone acknowledges it (the
// incident's EscalationState, so one acknowledgement clears it on every
// desk) or the incident stops being open; a reminder until the incident is
// resolved; an overdue step until it is done or skipped. Reminders and
// overdue steps can also be marked seen on this desk (dismiss()). While a
// pending alert that asks this person to act (not notify-only) is listed,
// ringingCount() > 0: the desk sounds and the rows flash. People informed
// only (notify_only) see their rows without sound.
//
// It is fed the board's snapshot (chain alerts are in each incident's
// EscalationState) and then every watch event.
class EscalatedToMeModel : public QAbstractTableModel {
  Q_OBJECT
  Q_PROPERTY(int count READ count NOTIFY countChanged)
  Q_PROPERTY(int pendingCount READ pendingCount NOTIFY pendingChanged)
  Q_PROPERTY(int ringingCount READ ringingCount NOTIFY pendingChanged)

 public:
  enum Column {
    IncidentColumn,  // 冲突/纠纷 · 3号窗口 · hall
    StageColumn,     // 第2级 应急办
    ReasonColumn,    // why, in words
    AtColumn,        // when
    StateColumn,     // 待确认 / 已确认：X 10:33 / 仅知会
    ColumnCount
  };
  Q_ENUM(Column)
  enum Role {
    IncidentIdRole = Qt::UserRole + 1,
    HallRole,
    KindRole,  // hall::v1::EventKind of the alert
    StageRole,
    TiersRole,
    TierNameRole,
    ReasonRole,
    ReasonTextRole,
    AtRole,  // msecs since the epoch
    PendingRole,
    NotifyOnlyRole,
    RingingRole,  // pending and asking this person to act
    AcknowledgedByRole,
    StepIdRole,  // STEP_OVERDUE
    DrillRole,
    FlashRole,
  };
  Q_ENUM(Role)

  explicit EscalatedToMeModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Whose alerts to list (Principal.id); another person clears the list.
  void setPersonId(const QString& personId);
  QString personId() const { return m_personId; }
  // Replaces the list from a snapshot (the board's ListIncidents pages):
  // each incident's latest chain alert that named this person.
  void setIncidents(const std::vector<hall::v1::Incident>& incidents);
  // Applies watch events in order (live: newAlert for a new pending alert).
  void applyEvents(const std::vector<hall::v1::IncidentEvent>& events);
  // An incident's newer state (an action's reply).
  void applyIncident(const hall::v1::Incident& incident);
  // Marks a reminder or overdue-step row seen on this desk (a chain alert
  // is cleared only by an acknowledgement). Returns false for other rows.
  Q_INVOKABLE bool dismiss(int row);
  void clear();
  // How an incident is named in the list (category · place · hall); the
  // category's label when unset.
  void setDescriber(std::function<QString(const hall::v1::Incident&)> describer);
  void retranslate();

  int count() const { return static_cast<int>(m_rows.size()); }
  int pendingCount() const;
  int ringingCount() const;
  QString incidentIdAt(int row) const;
  // The rows the list keeps at most (the oldest dealt-with ones go first).
  static constexpr int kMaxRows = 100;

 signals:
  void countChanged();
  void pendingChanged();
  // A pending alert for this person arrived live: raise the window.
  void newAlert(const QString& incidentId);

 private:
  struct Row {
    QString key;  // incident|chain, incident|remind, incident|step|<id>
    hall::v1::Incident inc;
    hall::v1::EventKind kind = hall::v1::EVENT_KIND_ESCALATED;
    int stage = 0;
    QStringList tiers;
    QString reason;
    qint64 atMs = 0;
    bool notifyOnly = false;
    QString stepId;
    bool dismissed = false;
    bool settled = false;  // once dealt with, it stays so
  };
  bool pending(const Row& r) const;
  bool ringing(const Row& r) const { return pending(r) && !r.notifyOnly; }
  void settle(Row& r) const;
  // The row this alert (to this person) makes, if it names them.
  bool rowFor(const hall::v1::Incident& inc, hall::v1::EventKind kind,
              const hall::v1::AlertRecord& alert, const QString& stepId, Row* out) const;
  // Lists `row` at the top, replacing an older alert of the same key.
  // Returns false (nothing changed) when the one listed is not older.
  bool put(Row row, bool live);
  void update(const hall::v1::Incident& inc);
  void trim();
  void afterChange(int pendingBefore, int ringingBefore, int countBefore);
  QString stateText(const Row& r) const;
  QString describe(const Row& r) const;
  void tickFlash();

  QString m_personId;
  std::vector<Row> m_rows;  // newest first
  std::function<QString(const hall::v1::Incident&)> m_describer;
  QTimer m_flashTimer;
  bool m_flashOn = false;
};

}  // namespace hall::client
