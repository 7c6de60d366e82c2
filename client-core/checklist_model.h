// ChecklistModel (处置清单): the live checklist of one incident — the steps
// its playbook prescribes (处置措施), then its after-action (善后) steps, and
// any step kept from an earlier category after a re-triage — with each
// step's state, who did it and when, and its deadline ticking.
//
// Watch events carry the checklist's ids, states and deadlines only (the
// texts and citations are left out to keep the log small); GetIncident,
// ListIncidents and action replies carry them whole. The model therefore
// keeps every text it has seen, keyed by (playbook version, category, step
// id), and fills them into items that arrive without; when an item arrives
// whose text it never saw (e.g. after someone else re-triaged), it shows the
// step id meanwhile and emits textsMissing() so the owner re-fetches the
// incident.
//
// A pending step is overdue (已超时) when the server says so
// (ChecklistItem.overdue, set with its STEP_OVERDUE event) or its due time
// has passed on the server's clock; "now" comes from an injectable clock
// (the desk passes ServerProfile::serverNowMs) so tests can move time. A
// one-second timer ticks the deadline column. A step limited to some grades
// (when_grades) says which, and is greyed while it does not apply at the
// incident's grade (not_applicable); a product default (产品默认, not in the
// plan) is marked. An outside-contact step (contact_party) shows the number
// to call from the hall's contacts (setContacts) and, once done, who called
// which number, how and when (ChecklistItem.contact; 演练·未实际拨打 on a
// drill).
//
// Thread-safety: like every Qt item model, GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>
#include <functional>
#include <vector>

#include "hall/v1/escalation.pb.h"
#include "hall/v1/incident.pb.h"

namespace hall::client {

// True when the step is pending, applies at the incident's grade, and
// either the server recorded it overdue (STEP_OVERDUE, ChecklistItem.overdue)
// or its due time is before `nowMs` (the server's clock; the server's
// event follows).
bool isStepOverdue(const hall::v1::ChecklistItem& item, qint64 nowMs);

// A checklist's progress: steps handled (done or skipped) of all steps, and
// how many pending ones are overdue at `nowMs`.
struct ChecklistProgress {
  int handled = 0;
  int total = 0;
  int overdue = 0;
};
ChecklistProgress checklistProgress(const hall::v1::Incident& incident, qint64 nowMs);

class ChecklistModel : public QAbstractTableModel {
  Q_OBJECT
  Q_PROPERTY(QString incidentId READ incidentId NOTIFY incidentChanged)
  Q_PROPERTY(int handledCount READ handledCount NOTIFY progressChanged)
  Q_PROPERTY(int overdueCount READ overdueCount NOTIFY progressChanged)
  Q_PROPERTY(bool english READ english WRITE setEnglish NOTIFY englishChanged)

 public:
  enum Column {
    StateColumn,        // icon + 待办 / 已完成 / 已跳过 / 已超时
    StepColumn,         // text, with 善后 / 原类别 / 视情 markers
    ResponsibleColumn,  // 值班人员 …
    PartyColumn,        // 公安/110 …
    DeadlineColumn,     // due time and the ticking remaining / overdue time
    DoneColumn,         // who, when, note or reason
    CitationColumn,     // 东莞 B.3.2.3
    ColumnCount
  };
  Q_ENUM(Column)
  enum Role {
    StepIdRole = Qt::UserRole + 1,
    StateRole,      // hall::v1::StepState as int
    StateNameRole,  // 待办 … or 已超时 when overdue
    TextRole,       // in the UI language (zh or en)
    TextZhRole,
    TextEnRole,
    HasTextRole,      // false while the text is not known yet
    ResponsibleRole,  // role id
    ResponsibleNameRole,
    ContactPartyRole,  // party id or ""
    ContactPartyNameRole,
    MandatoryRole,
    CitationRole,
    DueAtRole,             // msecs since the epoch; 0 = no absolute deadline
    RemainingSecondsRole,  // due − now, negative when past; invalid without due
    OverdueRole,
    AfterStepRole,  // the step this deadline counts from, or ""
    DeadlineMinutesRole,
    DoneByRole,          // display name
    DoneAtRole,          // QDateTime; invalid while pending
    NoteRole,            // check-off note or skip reason
    FromCategoryRole,    // category the step was kept from, or ""
    CloseOutRole,        // an after-action (善后) step
    WhenGradesRole,      // QStringList: the grades it applies at ([] = always)
    NotApplicableRole,   // outside its grades at the incident's grade now
    ProductDefaultRole,  // 产品默认: not in the plan
    ServerOverdueRole,   // the server recorded STEP_OVERDUE for it
    ContactNumberRole,   // the number to call (hall contacts), or ""
    ContactNameRole,     // the party's name in the hall's contacts, or ""
    ContactRecordRole,   // QVariantMap of the recorded contact, or invalid
    AddedByRole,         // "escalation": added when the chain reached a stage
  };
  Q_ENUM(Role)
  using Clock = std::function<qint64()>;  // msecs since the epoch

  explicit ChecklistModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Shows `incident`'s checklist. Another incident replaces the rows (a
  // reset); the same incident updates them in place when the steps are the
  // same ones in the same order, else resets. A copy older than the one
  // shown (lower last_seq) only contributes its texts. Texts missing from
  // `incident` are filled from earlier copies; textsMissing() follows when
  // some are still unknown.
  void setIncident(const hall::v1::Incident& incident);
  void clear();

  QString incidentId() const { return m_incidentId; }
  qint64 lastSeq() const { return m_lastSeq; }
  const hall::v1::ChecklistItem* item(int row) const;
  int rowOf(const QString& stepId) const;
  // The step's text in the UI language, or its id when unknown.
  QString stepText(const QString& stepId) const;
  int handledCount() const;
  int overdueCount() const;
  // True while some item's text is unknown.
  bool missingTexts() const;

  bool english() const { return m_english; }
  void setEnglish(bool english);
  // Replaces the clock (the desk: the server's); the default is the system clock.
  void setClock(Clock clock);
  // The hall's outside-party contacts (EscalationService.GetHallSetup),
  // keyed by party: their numbers show on contact steps.
  void setContacts(const QHash<QString, hall::v1::Contact>& contacts);
  const hall::v1::Contact* contactFor(const QString& party) const;
  qint64 now() const { return m_clock(); }
  // Re-reads "now": deadlines, overdue marks and progress (the timer calls
  // it every second; tests call it after moving their clock).
  void tick();
  // Re-reads translated texts (call on QEvent::LanguageChange).
  void retranslate();

 signals:
  void incidentChanged();
  void progressChanged();
  void englishChanged();
  // Some items arrived without texts the model has seen: re-fetch the
  // incident (GetIncident) and pass it to setIncident().
  void textsMissing(const QString& incidentId);

 private:
  struct Texts {
    std::string zh, en, citation;
  };
  // One item as data() sees it at one moment.
  struct Cell {
    const hall::v1::ChecklistItem& item;
    qint64 nowMs;
    bool overdue;
    bool hasText;
  };
  Cell cellAt(int row) const;
  QString stateName(const Cell& c) const;
  QVariant displayText(const Cell& c, int column) const;
  QString stepColumnText(const hall::v1::ChecklistItem& it) const;
  QString deadlineText(const Cell& c) const;
  QString doneText(const Cell& c) const;
  QString partyText(const hall::v1::ChecklistItem& it) const;
  static QString contactText(const hall::v1::ContactRecord& c, qint64 nowMs);
  static QString toolTip(const hall::v1::ChecklistItem& it);
  static QVariant stateDecoration(const Cell& c);
  static QVariant background(const Cell& c);
  static QVariant foreground(const Cell& c, int column);
  static QVariant font(const Cell& c, int column);
  // The model's own roles (StepIdRole …).
  QVariant roleData(const Cell& c, int role) const;
  QString textKey(const hall::v1::Incident& inc, const hall::v1::ChecklistItem& it) const;
  // Remembers the texts `inc` carries; returns true if any was new.
  bool absorbTexts(const hall::v1::Incident& inc);
  // Fills missing texts from the cache; returns how many stayed missing.
  int fillTexts(hall::v1::Incident* inc) const;
  void emitAllChanged();
  void updateProgress();

  QString m_incidentId;
  qint64 m_lastSeq = -1;
  hall::v1::Incident m_incident;                 // the shown state, texts filled in
  QHash<QString, Texts> m_texts;                 // textKey → texts, for the shown incident
  QHash<QString, hall::v1::Contact> m_contacts;  // party → the hall's contact
  Clock m_clock;
  QTimer m_timer;
  bool m_english = false;
  int m_lastOverdue = 0;
  int m_lastHandled = 0;
  int m_lastTotal = 0;
  qint64 m_missingNotifiedSeq = -1;  // last state textsMissing() was emitted for
};

}  // namespace hall::client
