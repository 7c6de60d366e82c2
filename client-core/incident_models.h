// Item models of the clients (数据模型): the live board of open incidents,
// its sort/filter proxy, an incident's timeline, and the hall's kiosks.
// Roles start at Qt::UserRole + 1 and have QML names (roleNames()).
//
// Thread-safety: like every Qt item model, GUI thread only. Feed them from
// IncidentWatch / HallClient handlers, which already run on that thread.
#pragma once

#include <QAbstractListModel>
#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <cstdint>
#include <functional>
#include <vector>

#include "hall/v1/directory.pb.h"
#include "hall/v1/incident.pb.h"

namespace hall::client {

// IncidentBoardModel (事件看板): one row per open incident (reported,
// acknowledged or resolved) of the watched halls, kept current by applying
// watch events; closed and withdrawn incidents leave the board. Rows that
// are an alarm (an unacknowledged panic or critical incident) flash: the
// model toggles their background every half second until acknowledged. The
// age column ticks once a second (display role only, so a proxy sorted by
// age does not re-sort each tick), and so does the checklist column: its
// progress (处置进度, steps done or skipped of all) and overdue steps.
// Repeated presses the server folded into an incident (PRESS_FOLDED) show as
// "×12" before its category; they change the row, never ring again: an
// incident is a new alarm once, when it first becomes one.
class IncidentBoardModel : public QAbstractTableModel {
  Q_OBJECT
  Q_PROPERTY(int count READ count NOTIFY countChanged)
  Q_PROPERTY(int alarmCount READ alarmCount NOTIFY alarmCountChanged)

 public:
  enum Column {
    SeverityColumn,
    DrillColumn,  // 演练 marker, next to the severity so it is never off-screen
    CategoryColumn,
    PlaceColumn,
    StatusColumn,
    ChainColumn,      // "应急办 · 1:42": the tier alerted last, time to the next; 计划内
    AgeColumn,        // the three ticking columns sit together (one range a tick)
    ChecklistColumn,  // "3/12", and the overdue steps
    ReporterColumn,
    AssigneeColumn,
    ColumnCount
  };
  Q_ENUM(Column)
  enum Role {
    IdRole = Qt::UserRole + 1,
    HallRole,
    SeverityRole,      // hall::v1::Severity as int
    CategoryRole,      // category id
    CategoryNameRole,  // its display name
    PlaceRole,
    StatusRole,  // hall::v1::IncidentStatus as int
    StatusNameRole,
    DrillRole,
    AlarmRole,       // true while an unacknowledged panic / critical
    FlashRole,       // true in the "on" half of the flash
    ReportedAtRole,  // msecs since the epoch
    AgeSecondsRole,
    LastSeqRole,
    SummaryRole,
    ReporterRole,
    AssigneeRole,
    AcknowledgedByRole,
    SortRole,          // per column, what the proxy sorts by
    StepsHandledRole,  // checklist steps done or skipped
    StepsTotalRole,
    StepsOverdueRole,        // pending steps past their deadline, now
    ChainRole,               // the chain cell's text
    EscalationStageRole,     // highest stage alerted (0 …), -1 before the chain starts
    SecondsToNextStageRole,  // until the next stage is alerted; -1 when none is pending
    PlannedRole,             // raised inside an announced planned outage
    SilentKioskRole,         // a server-raised "kiosk went silent" incident: the kiosk's id
    PressCountRole,          // presses folded into it (1 = the first only); "×12" when more
  };
  Q_ENUM(Role)

  explicit IncidentBoardModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Applies watch events in order. A large batch (a replay) is applied as
  // one model reset; a small one row by row. An event of an incident the
  // board already shows at that seq or later (its last_seq >= the event's
  // seq, e.g. read by a later ListIncidents page) is ignored.
  void applyEvents(const std::vector<hall::v1::IncidentEvent>& events);
  // Replaces the whole board with `incidents` (a ListIncidents snapshot) in
  // one model reset; ones not open are left out. No newAlarm: not live.
  void setIncidents(const std::vector<hall::v1::Incident>& incidents);
  // Applies one incident's current state (from an action's reply).
  void applyIncident(const hall::v1::Incident& incident);
  void clear();
  // Place names by location id, shown instead of the id.
  void setLocationNames(const QHash<QString, QString>& names);
  QString locationName(const QString& id) const;
  // Kiosk names by id (for "went silent" incidents).
  void setKioskNames(const QHash<QString, QString>& names);
  // A category's name where the client has no label of its own (the
  // taxonomy's name_zh / name_en); client::categoryName() when unset.
  void setCategoryNamer(std::function<QString(const QString&)> namer);
  QString categoryTitle(const QString& id) const;
  using Clock = std::function<qint64()>;  // msecs since the epoch
  // The clock ages, deadlines and countdowns are read on (the desk: the
  // server's, ServerProfile::serverNowMs); the system clock by default.
  void setClock(Clock clock);
  qint64 now() const { return m_clock(); }

  int count() const { return static_cast<int>(m_rows.size()); }
  int alarmCount() const { return m_alarms.size(); }
  // The row of an incident, or -1; its state, or nullptr.
  int rowOf(const QString& id) const { return m_index.value(id, -1); }
  const hall::v1::Incident* incident(const QString& id) const;
  QString idAt(int row) const;
  // Re-reads translated texts (call on QEvent::LanguageChange).
  void retranslate();

  // Batches bigger than this are applied with a model reset.
  static constexpr size_t kResetThreshold = 200;

 signals:
  void countChanged();
  void alarmCountChanged();
  // A new alarm arrived live (not during a big replay): sound, raise window.
  void newAlarm(const QString& id);
  // An incident on the board changed (for a detail view showing it).
  void incidentChanged(const QString& id);

 private:
  struct Row {
    hall::v1::Incident inc;
    QString id;
    qint64 reportedMs = 0;
  };
  // Applies without row signals (inside a reset). `seq` is the event's
  // (0: the incident's last_seq); nothing changes when the row is as new.
  void applySilently(const hall::v1::Incident& inc, int64_t seq);
  void applyWithSignals(const hall::v1::Incident& inc, int64_t seq);
  void afterApply(int alarmsBefore, int countBefore);
  void removeRow(int row);
  void updateAlarm(const Row& r, bool live);
  void tickAge();
  void tickFlash();
  QVariant sortKey(const Row& r, int column) const;
  QString categoryText(const hall::v1::Incident& inc) const;
  QString reporterText(const hall::v1::Incident& inc) const;
  QVariant background(const Row& r, int column, bool alarm) const;

  std::vector<Row> m_rows;
  QHash<QString, int> m_index;  // incident id → row
  QSet<QString> m_alarms;       // ids of alarm rows
  QHash<QString, QString> m_locationNames;
  QHash<QString, QString> m_kioskNames;
  std::function<QString(const QString&)> m_categoryNamer;
  Clock m_clock;
  QTimer m_ageTimer;
  QTimer m_flashTimer;
  bool m_flashOn = false;
};

// IncidentFilterModel (筛选/排序): the board as the desk shows it — filtered
// by free text (category, place, reporter, summary), by status and by drill
// marker, sorted by the clicked column (severity sorts alarms first).
class IncidentFilterModel : public QSortFilterProxyModel {
  Q_OBJECT
  Q_PROPERTY(QString text READ text WRITE setText NOTIFY filterChanged)
  Q_PROPERTY(int status READ status WRITE setStatus NOTIFY filterChanged)
  Q_PROPERTY(int drill READ drill WRITE setDrill NOTIFY filterChanged)

 public:
  enum DrillFilter { AnyIncident, RealOnly, DrillsOnly };
  Q_ENUM(DrillFilter)
  explicit IncidentFilterModel(QObject* parent = nullptr);

  QString text() const { return m_text; }
  void setText(const QString& text);
  // 0: every open status; else a hall::v1::IncidentStatus value.
  int status() const { return m_status; }
  void setStatus(int status);
  int drill() const { return m_drill; }
  void setDrill(int drill);

 signals:
  void filterChanged();

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
  bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

 private:
  QString m_text;
  int m_status = 0;
  int m_drill = AnyIncident;
};

// TimelineModel (处置时间线): every event of one incident, oldest first,
// from GetIncident, then extended live from the watch, each in words
// (describe()).
class TimelineModel : public QAbstractListModel {
  Q_OBJECT
  Q_PROPERTY(QString incidentId READ incidentId NOTIFY incidentIdChanged)

 public:
  enum Role {
    SeqRole = Qt::UserRole + 1,
    KindRole,
    KindNameRole,
    ActorRole,
    AtRole,  // QDateTime
    NoteRole,
  };
  explicit TimelineModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

  QString incidentId() const { return m_incidentId; }
  // Replaces the timeline with `events` of `incidentId`.
  void setTimeline(const QString& incidentId, const std::vector<hall::v1::IncidentEvent>& events);
  // Appends events of the shown incident with a seq not yet shown; others
  // are ignored.
  void appendEvents(const std::vector<hall::v1::IncidentEvent>& events);
  void clear();
  // How a checklist step id is shown in "完成步骤 …" rows (e.g. the step's
  // text from ChecklistModel::stepText); the id itself when unset.
  void setStepLabeler(std::function<QString(const QString&)> labeler);
  // How a category id is shown (the taxonomy's name where the client has
  // no label); client::categoryName() when unset.
  void setCategoryNamer(std::function<QString(const QString&)> namer);
  // One event in words: its kind, who, and what it carries — who was
  // alerted and why, a contact's number, method and reference, a
  // notification's outcome, a regrade from → to with its clause, planned.
  QString describe(const hall::v1::IncidentEvent& e) const;
  void retranslate();

 signals:
  void incidentIdChanged();

 private:
  QString alertText(const hall::v1::IncidentEvent& e) const;
  QString detailText(const hall::v1::IncidentEvent& e) const;
  QString category(const std::string& id) const;
  std::function<QString(const QString&)> m_stepLabeler;
  std::function<QString(const QString&)> m_categoryNamer;
  QString m_incidentId;
  std::vector<hall::v1::IncidentEvent> m_events;
};

// KioskStatusModel (终端状态): every kiosk of the hall as the server reports
// it (ListKiosks): online or not, its last heartbeat, the presses waiting in
// its local queue and its app version as it last reported them, and the
// server-raised "kiosk went silent" incident while one is open. Whether a
// kiosk is offline is the server's word (Kiosk.online: not heard from for
// three heartbeat periods), never worked out on the desk's own clock;
// offlineNames() lists them for the desk's warning.
class KioskStatusModel : public QAbstractTableModel {
  Q_OBJECT
  Q_PROPERTY(int offlineCount READ offlineCount NOTIFY offlineChanged)

 public:
  enum Column {
    NameColumn,
    PlaceColumn,
    StateColumn,   // 在线 / 失联 / 失联·已报事件 / 已停用
    QueuedColumn,  // presses waiting in the kiosk's queue
    LastSeenColumn,
    VersionColumn,  // app version
    ColumnCount
  };
  enum Role {
    KioskIdRole = Qt::UserRole + 1,
    OnlineRole,
    LastSeenRole,
    QueuedPressesRole,
    AppVersionRole,
    SilentIncidentRole,  // the open "went silent" incident's id, or ""
  };
  explicit KioskStatusModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Replaces the list (rows updated in place when the ids are the same).
  void setKiosks(const std::vector<hall::v1::Kiosk>& kiosks);
  // The list as last set, in its order.
  const std::vector<hall::v1::Kiosk>& kiosks() const { return m_kiosks; }
  void setLocationNames(const QHash<QString, QString>& names);
  int offlineCount() const;
  // Names of the active kiosks the server reports offline; one with an open
  // "went silent" incident is marked so.
  QStringList offlineNames() const;
  // Presses waiting in the queues of every kiosk, as last reported.
  int queuedPresses() const;

 signals:
  // offlineCount(), offlineNames() or queuedPresses() changed.
  void offlineChanged();

 private:
  QString stateText(const hall::v1::Kiosk& k) const;
  std::vector<hall::v1::Kiosk> m_kiosks;
  QHash<QString, QString> m_locationNames;
};

}  // namespace hall::client
