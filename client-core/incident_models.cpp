#include "incident_models.h"

#include <QBrush>
#include <QCoreApplication>
#include <QDateTime>
#include <QFont>
#include <algorithm>

#include "checklist_model.h"
#include "escalation_models.h"
#include "hall_client.h"
#include "labels.h"

namespace hall::client {

namespace {

QString reporterName(const hall::v1::Incident& inc) {
  if (!inc.reporter().display_name().empty()) return qs(inc.reporter().display_name());
  if (inc.reporter().has_kiosk_id()) return qs(inc.reporter().kiosk_id());
  return qs(inc.reporter().person_id());
}
}  // namespace

// ------------------------------------------------------------ board model

IncidentBoardModel::IncidentBoardModel(QObject* parent)
    : QAbstractTableModel(parent), m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {
  m_ageTimer.setInterval(1000);
  connect(&m_ageTimer, &QTimer::timeout, this, &IncidentBoardModel::tickAge);
  m_ageTimer.start();
  m_flashTimer.setInterval(500);
  connect(&m_flashTimer, &QTimer::timeout, this, &IncidentBoardModel::tickFlash);
}

int IncidentBoardModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : count();
}

int IncidentBoardModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant IncidentBoardModel::sortKey(const Row& r, int column) const {
  const auto& inc = r.inc;
  switch (column) {
    case SeverityColumn:
      return (m_alarms.contains(r.id) ? 10 : 0) + int(inc.severity());
    case CategoryColumn:
      return categoryTitle(qs(inc.category()));
    case PlaceColumn:
      return locationName(qs(inc.location_id()));
    case StatusColumn:
      return int(inc.status());
    case ChainColumn: {
      // The nearest next stage first; then the highest stage reached.
      const qint64 left = secondsToNextStage(inc, now());
      return left >= 0 ? 1000000 - left : qint64(inc.escalation().stage());
    }
    case AgeColumn:
      return -r.reportedMs;  // older first when ascending by age
    case ChecklistColumn: {
      // Overdue first, then the most steps still open.
      const auto p = checklistProgress(inc, now());
      return qint64(p.overdue) * 100000 + (p.total - p.handled);
    }
    case ReporterColumn:
      return reporterText(inc);
    case AssigneeColumn:
      return qs(inc.assignee_name());
    case DrillColumn:
      return inc.drill();
  }
  return {};
}

QVariant IncidentBoardModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
  const Row& r = m_rows[index.row()];
  const auto& inc = r.inc;
  const bool alarm = m_alarms.contains(r.id);
  auto progress = [&] { return checklistProgress(inc, now()); };
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case SeverityColumn:
          return severityName(inc.severity());
        case CategoryColumn:
          return categoryText(inc);
        case PlaceColumn:
          return locationName(qs(inc.location_id()));
        case StatusColumn:
          return statusName(inc.status());
        case ChainColumn:
          return chainBadge(inc, now());
        case AgeColumn:
          return ageText((now() - r.reportedMs) / 1000);
        case ChecklistColumn: {
          const auto p = progress();
          if (p.total == 0) return QString();
          QString s = QStringLiteral("%1/%2").arg(p.handled).arg(p.total);
          if (p.overdue > 0)
            s += QCoreApplication::translate("IncidentBoardModel", " · 超时%1").arg(p.overdue);
          return s;
        }
        case ReporterColumn:
          return reporterText(inc);
        case AssigneeColumn:
          return qs(inc.assignee_name());
        case DrillColumn:
          return inc.drill() ? QCoreApplication::translate("IncidentBoardModel", "演练")
                             : QString();
      }
      return {};
    case Qt::ToolTipRole:
      if (index.column() == ChecklistColumn) {
        const auto p = progress();
        return QCoreApplication::translate("IncidentBoardModel",
                                           "处置清单：已完成或跳过 %1 项，共 %2 项；%3 项已超时")
            .arg(p.handled)
            .arg(p.total)
            .arg(p.overdue);
      }
      if (index.column() == ChainColumn) {
        const QString tip = chainBadge(inc, now());
        return tip.isEmpty() ? QVariant() : QVariant(tip);
      }
      if (index.column() == CategoryColumn && inc.press_count() > 1) {
        return QCoreApplication::translate("IncidentBoardModel",
                                           "同一报告人按下 %1 次，已合并为一条；最近一次 %2")
            .arg(inc.press_count())
            .arg(toDateTime(inc.last_press_at()).toString(QStringLiteral("HH:mm:ss")));
      }
      return inc.summary().empty() ? QVariant() : QVariant(qs(inc.summary()));
    case Qt::BackgroundRole:
      return background(r, index.column(), alarm);
    case Qt::ForegroundRole:
      if (alarm) return QBrush(m_flashOn ? QColor(Qt::white) : QColor(0xb7, 0x1c, 0x1c));
      if (index.column() == SeverityColumn) return QBrush(Qt::white);
      if (index.column() == DrillColumn) return QBrush(QColor(0x3f, 0x51, 0xb5));
      if (index.column() == ChainColumn) {
        if (!inc.planned_outage_id().empty()) return QBrush(QColor(0x37, 0x47, 0x4f));
        if (secondsToNextStage(inc, now()) >= 0) return QBrush(QColor(0xe6, 0x51, 0x00));
      }
      if (index.column() == ChecklistColumn && progress().overdue > 0) return QBrush(Qt::white);
      return {};
    case Qt::FontRole:
      if (alarm || index.column() == DrillColumn || index.column() == ChainColumn ||
          (index.column() == ChecklistColumn && progress().overdue > 0)) {
        QFont f;
        f.setBold(true);
        return f;
      }
      return {};
    case IdRole:
      return r.id;
    case HallRole:
      return qs(inc.hall_id());
    case SeverityRole:
      return int(inc.severity());
    case CategoryRole:
      return qs(inc.category());
    case CategoryNameRole:
      return categoryTitle(qs(inc.category()));
    case PlaceRole:
      return locationName(qs(inc.location_id()));
    case StatusRole:
      return int(inc.status());
    case StatusNameRole:
      return statusName(inc.status());
    case DrillRole:
      return inc.drill();
    case AlarmRole:
      return alarm;
    case FlashRole:
      return alarm && m_flashOn;
    case ReportedAtRole:
      return r.reportedMs;
    case AgeSecondsRole:
      return (now() - r.reportedMs) / 1000;
    case LastSeqRole:
      return static_cast<qint64>(inc.last_seq());
    case SummaryRole:
      return qs(inc.summary());
    case ReporterRole:
      return reporterText(inc);
    case AssigneeRole:
      return qs(inc.assignee_name());
    case AcknowledgedByRole:
      return qs(inc.acknowledged_by_name());
    case SortRole:
      return sortKey(r, index.column());
    case StepsHandledRole:
      return progress().handled;
    case StepsTotalRole:
      return progress().total;
    case StepsOverdueRole:
      return progress().overdue;
    case ChainRole:
      return chainBadge(inc, now());
    case EscalationStageRole:
      return inc.escalation().alerts().empty() ? -1 : inc.escalation().stage();
    case SecondsToNextStageRole:
      return secondsToNextStage(inc, now());
    case PlannedRole:
      return !inc.planned_outage_id().empty();
    case SilentKioskRole:
      return qs(inc.subject_kiosk_id());
    case PressCountRole:
      return std::max(1, inc.press_count());
  }
  return {};
}

QString IncidentBoardModel::categoryText(const hall::v1::Incident& inc) const {
  QString name = categoryTitle(qs(inc.category()));
  if (inc.silent()) name += QCoreApplication::translate("IncidentBoardModel", "（静默）");
  // Folded repeats (a stuck button, a child): counted, one row. The count
  // goes first, so a narrow column cuts the name, not the count.
  if (inc.press_count() > 1) name = QStringLiteral("×%1 ").arg(inc.press_count()) + name;
  if (!inc.subject_kiosk_id().empty()) {
    const QString kiosk = qs(inc.subject_kiosk_id());
    name += QCoreApplication::translate("IncidentBoardModel", " ×终端失联：%1")
                .arg(m_kioskNames.value(kiosk, kiosk));
  }
  return name;
}

QString IncidentBoardModel::reporterText(const hall::v1::Incident& inc) const {
  if (inc.reporter().system() == "kiosk_monitor")
    return QCoreApplication::translate("IncidentBoardModel", "终端监测（服务器）");
  return reporterName(inc);
}

QVariant IncidentBoardModel::background(const Row& r, int column, bool alarm) const {
  const auto& inc = r.inc;
  if (alarm) return QBrush(m_flashOn ? QColor(0xd3, 0x2f, 0x2f) : QColor(0xff, 0xcd, 0xd2));
  if (column == ChecklistColumn && checklistProgress(inc, now()).overdue > 0)
    return QBrush(QColor(0xc6, 0x28, 0x28));
  if (column == SeverityColumn) return QBrush(severityColor(inc.severity()));
  if (column == ChainColumn && !inc.planned_outage_id().empty())
    return QBrush(QColor(0xec, 0xef, 0xf1));
  if (column == ChainColumn && secondsToNextStage(inc, now()) >= 0)
    return QBrush(QColor(0xff, 0xf3, 0xe0));
  if (inc.drill()) return QBrush(QColor(0xe8, 0xea, 0xf6));
  return {};
}

QVariant IncidentBoardModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case SeverityColumn:
      return QCoreApplication::translate("IncidentBoardModel", "级别");
    case CategoryColumn:
      return QCoreApplication::translate("IncidentBoardModel", "类别");
    case PlaceColumn:
      return QCoreApplication::translate("IncidentBoardModel", "地点");
    case StatusColumn:
      return QCoreApplication::translate("IncidentBoardModel", "状态");
    case ChainColumn:
      return QCoreApplication::translate("IncidentBoardModel", "上报链");
    case AgeColumn:
      return QCoreApplication::translate("IncidentBoardModel", "已过时间");
    case ChecklistColumn:
      return QCoreApplication::translate("IncidentBoardModel", "处置进度");
    case ReporterColumn:
      return QCoreApplication::translate("IncidentBoardModel", "报告人");
    case AssigneeColumn:
      return QCoreApplication::translate("IncidentBoardModel", "处置人");
    case DrillColumn:
      return QCoreApplication::translate("IncidentBoardModel", "演练");
  }
  return {};
}

QHash<int, QByteArray> IncidentBoardModel::roleNames() const {
  auto names = QAbstractTableModel::roleNames();
  names.insert({{IdRole, "incidentId"},
                {HallRole, "hallId"},
                {SeverityRole, "severity"},
                {CategoryRole, "category"},
                {CategoryNameRole, "categoryName"},
                {PlaceRole, "place"},
                {StatusRole, "status"},
                {StatusNameRole, "statusName"},
                {DrillRole, "drill"},
                {AlarmRole, "alarm"},
                {FlashRole, "flash"},
                {ReportedAtRole, "reportedAt"},
                {AgeSecondsRole, "ageSeconds"},
                {LastSeqRole, "lastSeq"},
                {SummaryRole, "summary"},
                {ReporterRole, "reporter"},
                {AssigneeRole, "assignee"},
                {AcknowledgedByRole, "acknowledgedBy"},
                {SortRole, "sortKey"},
                {StepsHandledRole, "stepsHandled"},
                {StepsTotalRole, "stepsTotal"},
                {StepsOverdueRole, "stepsOverdue"},
                {ChainRole, "chain"},
                {EscalationStageRole, "escalationStage"},
                {SecondsToNextStageRole, "secondsToNextStage"},
                {PlannedRole, "planned"},
                {SilentKioskRole, "silentKioskId"},
                {PressCountRole, "pressCount"}});
  return names;
}

namespace {
// The seq an event brings an incident to: the event's, else (an action's
// reply wrapped as an event) the incident's own.
int64_t eventSeq(const hall::v1::IncidentEvent& e) {
  return e.seq() > 0 ? e.seq() : e.incident().last_seq();
}
}  // namespace

void IncidentBoardModel::applyEvents(const std::vector<hall::v1::IncidentEvent>& events) {
  if (events.empty()) return;
  const int alarmsBefore = alarmCount();
  const int countBefore = count();
  if (events.size() > kResetThreshold) {
    beginResetModel();
    for (const auto& e : events) applySilently(e.incident(), eventSeq(e));
    endResetModel();
  } else {
    for (const auto& e : events) applyWithSignals(e.incident(), eventSeq(e));
  }
  afterApply(alarmsBefore, countBefore);
}

void IncidentBoardModel::setIncidents(const std::vector<hall::v1::Incident>& incidents) {
  const int alarmsBefore = alarmCount();
  const int countBefore = count();
  beginResetModel();
  m_rows.clear();
  m_index.clear();
  m_alarms.clear();
  m_rows.reserve(incidents.size());
  for (const auto& inc : incidents) applySilently(inc, inc.last_seq());
  endResetModel();
  afterApply(alarmsBefore, countBefore);
}

void IncidentBoardModel::afterApply(int alarmsBefore, int countBefore) {
  if (alarmCount() != alarmsBefore) emit alarmCountChanged();
  if (count() != countBefore) emit countChanged();
  if (m_alarms.isEmpty()) {
    m_flashTimer.stop();
    m_flashOn = false;
  } else if (!m_flashTimer.isActive()) {
    m_flashOn = true;
    m_flashTimer.start();
  }
}

void IncidentBoardModel::applyIncident(const hall::v1::Incident& incident) {
  const int64_t known = [&] {
    const auto* cur = this->incident(qs(incident.id()));
    return cur ? cur->last_seq() : -1;
  }();
  if (known >= incident.last_seq()) return;  // the watch was first
  hall::v1::IncidentEvent e;
  *e.mutable_incident() = incident;
  applyEvents({e});
}

void IncidentBoardModel::applySilently(const hall::v1::Incident& inc, int64_t seq) {
  const QString id = qs(inc.id());
  auto it = m_index.constFind(id);
  if (it != m_index.constEnd() && seq > 0 && m_rows[it.value()].inc.last_seq() >= seq)
    return;  // stale
  if (!isOpen(inc.status())) {
    if (it != m_index.constEnd()) {
      int row = it.value();
      m_alarms.remove(id);
      m_rows.erase(m_rows.begin() + row);
      m_index.remove(id);
      for (int i = row; i < count(); ++i) m_index[m_rows[i].id] = i;
    }
    return;
  }
  if (it != m_index.constEnd()) {
    Row& r = m_rows[it.value()];
    r.inc = inc;
    updateAlarm(r, false);
    return;
  }
  Row r;
  r.inc = inc;
  r.id = id;
  r.reportedMs = toMsecs(inc.reported_at());
  m_index.insert(id, count());
  m_rows.push_back(std::move(r));
  updateAlarm(m_rows.back(), false);
}

void IncidentBoardModel::applyWithSignals(const hall::v1::Incident& inc, int64_t seq) {
  const QString id = qs(inc.id());
  const int row = rowOf(id);
  if (row >= 0 && seq > 0 && m_rows[row].inc.last_seq() >= seq) return;  // stale
  if (!isOpen(inc.status())) {
    if (row >= 0) {
      removeRow(row);
      emit incidentChanged(id);
    }
    return;
  }
  if (row >= 0) {
    Row& r = m_rows[row];
    if (r.inc.last_seq() > inc.last_seq()) return;  // stale
    r.inc = inc;
    updateAlarm(r, true);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    emit incidentChanged(id);
    return;
  }
  beginInsertRows({}, count(), count());
  Row r;
  r.inc = inc;
  r.id = id;
  r.reportedMs = toMsecs(inc.reported_at());
  m_index.insert(id, count());
  m_rows.push_back(std::move(r));
  endInsertRows();
  updateAlarm(m_rows.back(), true);
  emit incidentChanged(id);
}

void IncidentBoardModel::removeRow(int row) {
  const QString id = m_rows[row].id;
  beginRemoveRows({}, row, row);
  m_alarms.remove(id);
  m_rows.erase(m_rows.begin() + row);
  m_index.remove(id);
  for (int i = row; i < count(); ++i) m_index[m_rows[i].id] = i;
  endRemoveRows();
}

void IncidentBoardModel::updateAlarm(const Row& r, bool live) {
  if (isAlarm(r.inc)) {
    if (!m_alarms.contains(r.id)) {
      m_alarms.insert(r.id);
      if (live) emit newAlarm(r.id);
    }
  } else {
    m_alarms.remove(r.id);
  }
}

void IncidentBoardModel::clear() {
  beginResetModel();
  m_rows.clear();
  m_index.clear();
  m_alarms.clear();
  endResetModel();
  m_flashTimer.stop();
  emit countChanged();
  emit alarmCountChanged();
}

void IncidentBoardModel::setLocationNames(const QHash<QString, QString>& names) {
  m_locationNames = names;
  if (count() > 0) {
    emit dataChanged(index(0, PlaceColumn), index(count() - 1, PlaceColumn));
  }
}

QString IncidentBoardModel::locationName(const QString& id) const {
  return m_locationNames.value(id, id);
}

void IncidentBoardModel::setKioskNames(const QHash<QString, QString>& names) {
  if (names == m_kioskNames) return;
  m_kioskNames = names;
  if (count() > 0) emit dataChanged(index(0, CategoryColumn), index(count() - 1, CategoryColumn));
}

void IncidentBoardModel::setCategoryNamer(std::function<QString(const QString&)> namer) {
  m_categoryNamer = std::move(namer);
  if (count() > 0) emit dataChanged(index(0, CategoryColumn), index(count() - 1, CategoryColumn));
}

QString IncidentBoardModel::categoryTitle(const QString& id) const {
  if (hasCategoryLabel(id) || !m_categoryNamer) return categoryName(id);
  return m_categoryNamer(id);
}

void IncidentBoardModel::setClock(Clock clock) {
  m_clock = clock ? std::move(clock) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); });
}

const hall::v1::Incident* IncidentBoardModel::incident(const QString& id) const {
  int row = rowOf(id);
  return row < 0 ? nullptr : &m_rows[row].inc;
}

QString IncidentBoardModel::idAt(int row) const {
  return row >= 0 && row < count() ? m_rows[row].id : QString();
}

void IncidentBoardModel::retranslate() {
  emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
  if (count() > 0) emit dataChanged(index(0, 0), index(count() - 1, ColumnCount - 1));
}

void IncidentBoardModel::tickAge() {
  if (count() == 0) return;
  static_assert(AgeColumn == ChainColumn + 1 && ChecklistColumn == AgeColumn + 1,
                "one range for the ticking columns");
  emit dataChanged(
      index(0, ChainColumn), index(count() - 1, ChecklistColumn),
      {Qt::DisplayRole, Qt::BackgroundRole, Qt::ForegroundRole, Qt::FontRole, Qt::ToolTipRole,
       AgeSecondsRole, StepsOverdueRole, ChainRole, SecondsToNextStageRole});
}

void IncidentBoardModel::tickFlash() {
  m_flashOn = !m_flashOn;
  for (const QString& id : std::as_const(m_alarms)) {
    int row = rowOf(id);
    if (row >= 0) {
      emit dataChanged(index(row, 0), index(row, ColumnCount - 1),
                       {Qt::BackgroundRole, Qt::ForegroundRole, FlashRole});
    }
  }
}

// ------------------------------------------------------------ filter model

IncidentFilterModel::IncidentFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
  setSortRole(IncidentBoardModel::SortRole);
  // filterAcceptsRow reads its own roles; a role the age tick and the flash
  // never name keeps those from re-filtering 10,000 rows each second.
  setFilterRole(IncidentBoardModel::IdRole);
  setDynamicSortFilter(true);
}

void IncidentFilterModel::setText(const QString& text) {
  if (text == m_text) return;
  m_text = text;
  invalidateFilter();
  emit filterChanged();
}

void IncidentFilterModel::setStatus(int status) {
  if (status == m_status) return;
  m_status = status;
  invalidateFilter();
  emit filterChanged();
}

void IncidentFilterModel::setDrill(int drill) {
  if (drill == m_drill) return;
  m_drill = drill;
  invalidateFilter();
  emit filterChanged();
}

bool IncidentFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
  const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
  using M = IncidentBoardModel;
  if (m_status != 0 && i.data(M::StatusRole).toInt() != m_status) return false;
  const bool drill = i.data(M::DrillRole).toBool();
  if (m_drill == RealOnly && drill) return false;
  if (m_drill == DrillsOnly && !drill) return false;
  if (m_text.isEmpty()) return true;
  for (int role :
       {int(M::CategoryNameRole), int(M::CategoryRole), int(M::PlaceRole), int(M::ReporterRole),
        int(M::SummaryRole), int(M::AssigneeRole), int(M::StatusNameRole), int(M::ChainRole)}) {
    if (i.data(role).toString().contains(m_text, Qt::CaseInsensitive)) return true;
  }
  return false;
}

bool IncidentFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
  const QVariant a = left.data(IncidentBoardModel::SortRole);
  const QVariant b = right.data(IncidentBoardModel::SortRole);
  int c = QVariant::compare(a, b) == QPartialOrdering::Less      ? -1
          : QVariant::compare(a, b) == QPartialOrdering::Greater ? 1
                                                                 : 0;
  if (a.typeId() == QMetaType::QString && b.typeId() == QMetaType::QString) {
    c = QString::localeAwareCompare(a.toString(), b.toString());
  }
  if (c != 0) return c < 0;
  // Ties: the older incident first (it has waited longer).
  return left.data(IncidentBoardModel::ReportedAtRole).toLongLong() >
         right.data(IncidentBoardModel::ReportedAtRole).toLongLong();
}

// ------------------------------------------------------------ timeline

TimelineModel::TimelineModel(QObject* parent) : QAbstractListModel(parent) {}

int TimelineModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_events.size());
}

QVariant TimelineModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
  const auto& e = m_events[index.row()];
  switch (role) {
    case Qt::DisplayRole:
      return describe(e);
    case Qt::ForegroundRole:
      switch (e.kind()) {
        case hall::v1::EVENT_KIND_ESCALATED:
        case hall::v1::EVENT_KIND_STEP_OVERDUE:
          return QBrush(QColor(0xc6, 0x28, 0x28));
        case hall::v1::EVENT_KIND_NOTIFICATION:
          return e.notification().delivered() ? QVariant() : QBrush(QColor(0xc6, 0x28, 0x28));
        default:
          return {};
      }
    case SeqRole:
      return static_cast<qint64>(e.seq());
    case KindRole:
      return int(e.kind());
    case KindNameRole:
      return eventKindName(e.kind());
    case ActorRole:
      return qs(e.actor_name());
    case AtRole:
      return toDateTime(e.at());
    case NoteRole:
      return qs(e.note());
  }
  return {};
}

QHash<int, QByteArray> TimelineModel::roleNames() const {
  auto names = QAbstractListModel::roleNames();
  names.insert({{SeqRole, "seq"},
                {KindRole, "kind"},
                {KindNameRole, "kindName"},
                {ActorRole, "actor"},
                {AtRole, "at"},
                {NoteRole, "note"}});
  return names;
}

void TimelineModel::setTimeline(const QString& incidentId,
                                const std::vector<hall::v1::IncidentEvent>& events) {
  beginResetModel();
  m_events = events;
  bool changed = incidentId != m_incidentId;
  m_incidentId = incidentId;
  endResetModel();
  if (changed) emit incidentIdChanged();
}

void TimelineModel::appendEvents(const std::vector<hall::v1::IncidentEvent>& events) {
  for (const auto& e : events) {
    if (qs(e.incident_id()) != m_incidentId) continue;
    if (!m_events.empty() && e.seq() <= m_events.back().seq()) continue;
    beginInsertRows({}, rowCount(), rowCount());
    m_events.push_back(e);
    endInsertRows();
  }
}

void TimelineModel::clear() { setTimeline(QString(), {}); }

void TimelineModel::setStepLabeler(std::function<QString(const QString&)> labeler) {
  m_stepLabeler = std::move(labeler);
  retranslate();
}

void TimelineModel::setCategoryNamer(std::function<QString(const QString&)> namer) {
  m_categoryNamer = std::move(namer);
  retranslate();
}

void TimelineModel::retranslate() {
  if (!m_events.empty()) emit dataChanged(index(0), index(rowCount() - 1), {Qt::DisplayRole});
}

namespace {
QString TT(const char* s) { return QCoreApplication::translate("TimelineModel", s); }
}  // namespace

QString TimelineModel::category(const std::string& id) const {
  const QString c = qs(id);
  return hasCategoryLabel(c) || !m_categoryNamer ? categoryName(c) : m_categoryNamer(c);
}

QString TimelineModel::describe(const hall::v1::IncidentEvent& e) const {
  // The server acts under the name "系统"; say it in the UI's language.
  const bool bySystem = e.actor_id() == "system";
  QString line =
      QStringLiteral("%1  %2  %3")
          .arg(toDateTime(e.at()).toString(QStringLiteral("HH:mm:ss")), eventKindName(e.kind()),
               bySystem ? TT(QT_TRANSLATE_NOOP("TimelineModel", "系统")) : qs(e.actor_name()));
  const QString detail = detailText(e);
  if (!detail.isEmpty()) line += QStringLiteral(" · ") + detail;
  // What a person wrote. The server's own notes on its events repeat in
  // Chinese what the fields above already say, so they are left out.
  const bool shown = e.has_alert() || e.has_contact() || e.has_notification() ||
                     e.kind() == hall::v1::EVENT_KIND_PLANNED ||
                     e.kind() == hall::v1::EVENT_KIND_RESOLVED;
  if (!e.note().empty() && !(bySystem && shown)) line += QStringLiteral("：") + qs(e.note());
  return line;
}

QString TimelineModel::detailText(const hall::v1::IncidentEvent& e) const {
  using hall::v1::IncidentEvent;
  QStringList parts;
  if (e.kind() == hall::v1::EVENT_KIND_RESOLVED && e.has_incident()) {
    parts << outcomeName(e.incident().outcome());
    // The server closes its own "kiosk went silent" alert when it returns.
    if (e.actor_id() == "system" && !e.incident().subject_kiosk_id().empty())
      parts << TT(QT_TRANSLATE_NOOP("TimelineModel", "终端已恢复在线，自动处置"));
  }
  if (e.kind() == hall::v1::EVENT_KIND_PRESS_FOLDED && e.has_incident()) {
    parts << TT(QT_TRANSLATE_NOOP("TimelineModel", "第 %1 次按下，已并入本事件"))
                 .arg(std::max(2, e.incident().press_count()));
  }
  if (!e.step_id().empty()) {
    const QString step = qs(e.step_id());
    parts << QStringLiteral("“%1”").arg(m_stepLabeler ? m_stepLabeler(step) : step);
  }
  if (e.kind() == hall::v1::EVENT_KIND_RECATEGORIZED && !e.to_category().empty()) {
    parts << QStringLiteral("%1 → %2").arg(category(e.from_category()), category(e.to_category()));
  }
  if (e.kind() == hall::v1::EVENT_KIND_REGRADED) {
    parts << TT(QT_TRANSLATE_NOOP("TimelineModel", "%1 → %2"))
                 .arg(e.from_grade().empty() ? TT(QT_TRANSLATE_NOOP("TimelineModel", "未分级"))
                                             : qs(e.from_grade()),
                      qs(e.to_grade()));
  }
  if (e.has_alert()) parts << alertText(e);
  if (e.has_contact()) {
    const auto& c = e.contact();
    QString text =
        TT(QT_TRANSLATE_NOOP("TimelineModel", "%1：%2 %3"))
            .arg(partyName(qs(c.party())), contactMethodName(c.method()), qs(c.number()));
    if (!c.reference().empty())
      text += TT(QT_TRANSLATE_NOOP("TimelineModel", "，回执 %1")).arg(qs(c.reference()));
    if (c.simulated()) text += TT(QT_TRANSLATE_NOOP("TimelineModel", "（演练·未实际拨打）"));
    parts << text;
  }
  if (e.has_notification()) {
    const auto& n = e.notification();
    const QString who = qs(n.kind()) + QLatin1Char(' ') + qs(n.notifier_id()).left(8);
    parts << (n.delivered()
                  ? TT(QT_TRANSLATE_NOOP("TimelineModel", "%1 已送达（第%2级，尝试 %3 次）"))
                        .arg(who)
                        .arg(n.alert_stage() + 1)
                        .arg(n.attempts())
                  : TT(QT_TRANSLATE_NOOP("TimelineModel", "%1 发送失败（第%2级，尝试 %3 次）：%4"))
                        .arg(who)
                        .arg(n.alert_stage() + 1)
                        .arg(n.attempts())
                        .arg(qs(n.error())));
  }
  if (e.kind() == hall::v1::EVENT_KIND_PLANNED)
    parts << TT(QT_TRANSLATE_NOOP("TimelineModel", "计划内（已公告），记录在案，不上报"));
  if (!e.citation().empty() && e.kind() != hall::v1::EVENT_KIND_STEP_DONE &&
      e.kind() != hall::v1::EVENT_KIND_STEP_SKIPPED) {
    parts << TT(QT_TRANSLATE_NOOP("TimelineModel", "依据 %1")).arg(qs(e.citation()));
  }
  return parts.join(QStringLiteral(" · "));
}

QString TimelineModel::alertText(const hall::v1::IncidentEvent& e) const {
  const auto& a = e.alert();
  QStringList tiers;
  for (const auto& t : a.tiers()) tiers << tierShortName(qs(t));
  QStringList people;
  for (const auto& p : a.people()) {
    QString name = qs(p.name());
    if (!p.position().empty() && !name.contains(qs(p.position())))
      name += TT(QT_TRANSLATE_NOOP("TimelineModel", "（%1）")).arg(qs(p.position()));
    name += p.online() ? QStringLiteral(" ●") : QStringLiteral(" ○");
    if (p.notify_only()) name += TT(QT_TRANSLATE_NOOP("TimelineModel", "（知会）"));
    people << name;
  }
  QString text;
  if (e.kind() == hall::v1::EVENT_KIND_ESCALATED || e.kind() == hall::v1::EVENT_KIND_DEESCALATED) {
    text = TT(QT_TRANSLATE_NOOP("TimelineModel", "第%1级 %2"))
               .arg(a.stage() + 1)
               .arg(tiers.join(QStringLiteral(" + ")));
  } else {
    text = tiers.join(QStringLiteral(" + "));
  }
  if (!people.isEmpty()) {
    text +=
        TT(QT_TRANSLATE_NOOP("TimelineModel", "，通知：%1")).arg(people.join(QStringLiteral("、")));
  }
  text += TT(QT_TRANSLATE_NOOP("TimelineModel", "，原因：%1"))
              .arg(escalationReasonText(qs(a.reason())));
  for (const auto& t : a.empty_tiers()) {
    text += TT(QT_TRANSLATE_NOOP("TimelineModel", "；⚠ %1 无人")).arg(tierName(qs(t)));
  }
  if (a.unreachable()) text += TT(QT_TRANSLATE_NOOP("TimelineModel", "；⚠ 无人可接收"));
  if (!a.contact_parties().empty()) {
    QStringList parties;
    for (const auto& p : a.contact_parties()) parties << partyName(qs(p));
    text += TT(QT_TRANSLATE_NOOP("TimelineModel", "；须联系：%1"))
                .arg(parties.join(QStringLiteral("、")));
  }
  return text;
}

// ------------------------------------------------------------ kiosks

KioskStatusModel::KioskStatusModel(QObject* parent) : QAbstractTableModel(parent) {}

int KioskStatusModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_kiosks.size());
}

int KioskStatusModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

namespace {
QString KT(const char* s) { return QCoreApplication::translate("KioskStatusModel", s); }
}  // namespace

QString KioskStatusModel::stateText(const hall::v1::Kiosk& k) const {
  if (!k.active()) return KT(QT_TRANSLATE_NOOP("KioskStatusModel", "已停用"));
  if (k.online()) return KT(QT_TRANSLATE_NOOP("KioskStatusModel", "在线"));
  if (!k.silent_incident_id().empty())
    return KT(QT_TRANSLATE_NOOP("KioskStatusModel", "失联（已自动报事件）"));
  return KT(QT_TRANSLATE_NOOP("KioskStatusModel", "失联"));
}

QVariant KioskStatusModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
  const auto& k = m_kiosks[index.row()];
  const QDateTime seen = toDateTime(k.last_seen_at());
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case NameColumn:
          return qs(k.name());
        case PlaceColumn:
          return m_locationNames.value(qs(k.location_id()), qs(k.location_id()));
        case StateColumn:
          return stateText(k);
        case QueuedColumn:
          return k.queued_presses() > 0 ? KT(QT_TRANSLATE_NOOP("KioskStatusModel", "%1 条待发送"))
                                              .arg(k.queued_presses())
                                        : QStringLiteral("0");
        case LastSeenColumn:
          if (!seen.isValid()) return KT(QT_TRANSLATE_NOOP("KioskStatusModel", "从未连接"));
          // The age is display only; online/offline is the server's word.
          return KT(QT_TRANSLATE_NOOP("KioskStatusModel", "%1（%2前）"))
              .arg(seen.toString(QStringLiteral("HH:mm:ss")),
                   ageText(seen.secsTo(QDateTime::currentDateTime())));
        case VersionColumn:
          return k.app_version().empty() ? QStringLiteral("—") : qs(k.app_version());
      }
      return {};
    case Qt::ToolTipRole:
      if (index.column() == StateColumn && !k.silent_incident_id().empty()) {
        return KT(QT_TRANSLATE_NOOP("KioskStatusModel", "服务器已为该终端失联自动报事件：%1"))
            .arg(qs(k.silent_incident_id()));
      }
      return {};
    case Qt::ForegroundRole:
      if (index.column() == StateColumn && k.active()) {
        return QBrush(k.online() ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
      }
      if (index.column() == QueuedColumn && k.queued_presses() > 0)
        return QBrush(QColor(0xc6, 0x28, 0x28));
      return {};
    case KioskIdRole:
      return qs(k.id());
    case OnlineRole:
      return k.online();
    case LastSeenRole:
      return seen;
    case QueuedPressesRole:
      return k.queued_presses();
    case AppVersionRole:
      return qs(k.app_version());
    case SilentIncidentRole:
      return qs(k.silent_incident_id());
  }
  return {};
}

QVariant KioskStatusModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case NameColumn:
      return KT(QT_TRANSLATE_NOOP("KioskStatusModel", "终端"));
    case PlaceColumn:
      return KT(QT_TRANSLATE_NOOP("KioskStatusModel", "位置"));
    case StateColumn:
      return KT(QT_TRANSLATE_NOOP("KioskStatusModel", "状态"));
    case QueuedColumn:
      return KT(QT_TRANSLATE_NOOP("KioskStatusModel", "待发报警"));
    case LastSeenColumn:
      return KT(QT_TRANSLATE_NOOP("KioskStatusModel", "最后心跳"));
    case VersionColumn:
      return KT(QT_TRANSLATE_NOOP("KioskStatusModel", "版本"));
  }
  return {};
}

QHash<int, QByteArray> KioskStatusModel::roleNames() const {
  auto names = QAbstractTableModel::roleNames();
  names.insert({{KioskIdRole, "kioskId"},
                {OnlineRole, "online"},
                {LastSeenRole, "lastSeen"},
                {QueuedPressesRole, "queuedPresses"},
                {AppVersionRole, "appVersion"},
                {SilentIncidentRole, "silentIncidentId"}});
  return names;
}

void KioskStatusModel::setKiosks(const std::vector<hall::v1::Kiosk>& kiosks) {
  const QStringList offlineBefore = offlineNames();
  const int queuedBefore = queuedPresses();
  bool sameIds = kiosks.size() == m_kiosks.size();
  for (size_t i = 0; sameIds && i < kiosks.size(); ++i)
    sameIds = kiosks[i].id() == m_kiosks[i].id();
  if (sameIds) {
    m_kiosks = kiosks;
    if (!m_kiosks.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
  } else {
    beginResetModel();
    m_kiosks = kiosks;
    endResetModel();
  }
  if (offlineBefore != offlineNames() || queuedBefore != queuedPresses() || !sameIds)
    emit offlineChanged();
}

void KioskStatusModel::setLocationNames(const QHash<QString, QString>& names) {
  m_locationNames = names;
  if (!m_kiosks.empty())
    emit dataChanged(index(0, PlaceColumn), index(rowCount() - 1, PlaceColumn));
}

int KioskStatusModel::offlineCount() const {
  int n = 0;
  for (const auto& k : m_kiosks) n += k.active() && !k.online() ? 1 : 0;
  return n;
}

QStringList KioskStatusModel::offlineNames() const {
  QStringList names;
  for (const auto& k : m_kiosks) {
    if (!k.active() || k.online()) continue;
    names << (k.silent_incident_id().empty()
                  ? qs(k.name())
                  : KT(QT_TRANSLATE_NOOP("KioskStatusModel", "%1（已自动报事件）"))
                        .arg(qs(k.name())));
  }
  return names;
}

int KioskStatusModel::queuedPresses() const {
  int n = 0;
  for (const auto& k : m_kiosks) n += k.queued_presses();
  return n;
}

}  // namespace hall::client
