#include "leadership_model.h"

#include <QColor>
#include <QDateTime>
#include <algorithm>

#include "incident_models.h"
#include "labels.h"

namespace hall::client {
namespace {

qint64 Ms(const google::protobuf::Timestamp& ts) {
  return ts.seconds() * 1000 + ts.nanos() / 1000000;
}

bool HasOverdueMandatoryStep(const v1::Incident& inc, qint64 nowMs) {
  for (const auto& it : inc.checklist()) {
    if (!it.mandatory() || it.not_applicable() || it.state() != v1::STEP_STATE_PENDING) continue;
    if (it.overdue() || (it.has_due_at() && Ms(it.due_at()) < nowMs)) return true;
  }
  return false;
}

}  // namespace

LeadershipModel::LeadershipModel(IncidentBoardModel* board, QObject* parent)
    : QAbstractTableModel(parent), m_board(board) {
  m_now = [] { return QDateTime::currentMSecsSinceEpoch(); };
  connect(board, &QAbstractItemModel::modelReset, this, &LeadershipModel::rebuild);
  connect(board, &QAbstractItemModel::rowsInserted, this, &LeadershipModel::rebuild);
  connect(board, &QAbstractItemModel::rowsRemoved, this, &LeadershipModel::rebuild);
  connect(board, &IncidentBoardModel::incidentChanged, this, &LeadershipModel::rebuild);
  // The age column, and needs that change with time (a step falling due).
  m_tick.setInterval(1000);
  connect(&m_tick, &QTimer::timeout, this, [this] {
    bool needsMoved = false;
    const qint64 now = m_now();
    for (const auto& r : m_rows) needsMoved |= needOf(r.inc, m_personId, now) != r.need;
    if (needsMoved) return rebuild();
    if (!m_rows.empty())
      emit dataChanged(index(0, AgeColumn), index(rowCount() - 1, AgeColumn), {Qt::DisplayRole});
  });
  m_tick.start();
  rebuild();
}

LeadershipModel::Need LeadershipModel::needOf(const v1::Incident& inc, const QString& personId,
                                              qint64 nowMs) {
  const auto& esc = inc.escalation();
  if (esc.started() && !esc.acknowledged() && esc.alerts_size() > 0) {
    const auto& latest = esc.alerts(esc.alerts_size() - 1);
    for (const auto& p : latest.people()) {
      if (!personId.isEmpty() && QString::fromStdString(p.person_id()) == personId)
        return EscalatedToMe;
    }
    for (const auto& t : latest.tiers()) {
      if (t == "leadership_group") return EscalatedToLeaders;
    }
  }
  if (!inc.grade().empty()) return Graded;
  if (HasOverdueMandatoryStep(inc, nowMs)) return StepsOverdue;
  return Open;
}

QString LeadershipModel::needName(Need n) {
  switch (n) {
    case EscalatedToMe:
      return tr("已上报给我，待确认");
    case EscalatedToLeaders:
      return tr("已上报领导小组，待确认");
    case Graded:
      return tr("已分级");
    case StepsOverdue:
      return tr("必做步骤超时");
    case Open:
      return tr("处置中");
  }
  return {};
}

void LeadershipModel::setPersonId(const QString& id) {
  m_personId = id;
  rebuild();
}
void LeadershipModel::setHallNames(const QHash<QString, QString>& names) {
  m_hallNames = names;
  rebuild();
}
void LeadershipModel::setHalls(const QSet<QString>& halls) {
  m_halls = halls;
  rebuild();
}
void LeadershipModel::setCategory(const QString& category) {
  m_category = category;
  rebuild();
}
void LeadershipModel::setMinSeverity(int severity) {
  m_minSeverity = severity;
  rebuild();
}
void LeadershipModel::setDrill(int drill) {
  m_drill = drill;
  rebuild();
}
void LeadershipModel::setText(const QString& text) {
  m_text = text.trimmed();
  rebuild();
}
void LeadershipModel::setReportedRange(qint64 fromMs, qint64 toMs) {
  m_fromMs = fromMs;
  m_toMs = toMs;
  rebuild();
}
void LeadershipModel::setNow(std::function<qint64()> now) {
  m_now = std::move(now);
  rebuild();
}

bool LeadershipModel::accepts(const v1::Incident& inc) const {
  const QString hall = QString::fromStdString(inc.hall_id());
  if (!m_halls.isEmpty() && !m_halls.contains(hall)) return false;
  if (!m_category.isEmpty() && QString::fromStdString(inc.category()) != m_category) return false;
  if (m_minSeverity > 0 && inc.severity() < m_minSeverity) return false;
  if (m_drill == 1 && inc.drill()) return false;
  if (m_drill == 2 && !inc.drill()) return false;
  const qint64 reported = Ms(inc.reported_at());
  if (m_fromMs > 0 && reported < m_fromMs) return false;
  if (m_toMs > 0 && reported > m_toMs) return false;
  if (!m_text.isEmpty()) {
    const QString haystack = m_hallNames.value(hall, hall) + ' ' +
                             categoryName(QString::fromStdString(inc.category())) + ' ' +
                             QString::fromStdString(inc.summary()) + ' ' +
                             QString::fromStdString(inc.reporter().display_name());
    if (!haystack.contains(m_text, Qt::CaseInsensitive)) return false;
  }
  return true;
}

void LeadershipModel::rebuild() {
  const qint64 now = m_now();
  std::vector<Row> rows;
  for (int i = 0; i < m_board->rowCount(); ++i) {
    const v1::Incident* inc = m_board->incident(m_board->idAt(i));
    if (!inc || !accepts(*inc)) continue;
    rows.push_back({QString::fromStdString(inc->id()), QString::fromStdString(inc->hall_id()),
                    needOf(*inc, m_personId, now), *inc});
  }
  // Halls ranked by their most pressing incident (then its age), and
  // within a hall the same order.
  auto before = [](const Row& a, const Row& b) {
    if (a.need != b.need) return a.need < b.need;
    return Ms(a.inc.reported_at()) < Ms(b.inc.reported_at());
  };
  QHash<QString, const Row*> top;
  for (const auto& r : rows) {
    auto it = top.find(r.hall);
    if (it == top.end() || before(r, **it)) top[r.hall] = &r;
  }
  QHash<QString, std::pair<int, qint64>> hallRank;
  for (auto it = top.begin(); it != top.end(); ++it)
    hallRank[it.key()] = {it.value()->need, Ms(it.value()->inc.reported_at())};
  std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    if (a.hall != b.hall) {
      auto ra = hallRank.value(a.hall), rb = hallRank.value(b.hall);
      if (ra != rb) return ra < rb;
      return a.hall < b.hall;
    }
    return before(a, b);
  });
  beginResetModel();
  m_rows = std::move(rows);
  endResetModel();
  emit countsChanged();
}

int LeadershipModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}
int LeadershipModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QString LeadershipModel::idAt(int row) const {
  return row >= 0 && row < count() ? m_rows[row].id : QString();
}

QVariant LeadershipModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= count()) return {};
  const Row& r = m_rows[index.row()];
  switch (role) {
    case IdRole:
      return r.id;
    case NeedRole:
      return static_cast<int>(r.need);
    case HallRole:
      return r.hall;
    case DrillRole:
      return r.inc.drill();
    case SeverityRole:
      return static_cast<int>(r.inc.severity());
    case Qt::ForegroundRole:
      if (index.column() == NeedColumn && r.need <= EscalatedToLeaders)
        return QColor(0xb7, 0x1c, 0x1c);
      if (index.column() == SeverityColumn) return severityColor(r.inc.severity());
      return {};
    case Qt::DisplayRole:
      break;
    default:
      return {};
  }
  switch (index.column()) {
    case NeedColumn:
      return needName(r.need);
    case HallColumn:
      return m_hallNames.value(r.hall, r.hall);
    case SeverityColumn:
      return severityName(r.inc.severity()) +
             (r.inc.grade().empty()
                  ? QString()
                  : QStringLiteral(" · %1").arg(QString::fromStdString(r.inc.grade())));
    case CategoryColumn: {
      QString text = categoryName(QString::fromStdString(r.inc.category()));
      if (r.inc.drill()) text = tr("【演练】") + text;
      return text;
    }
    case StatusColumn:
      return statusName(r.inc.status());
    case AgeColumn:
      return ageText((m_now() - Ms(r.inc.reported_at())) / 1000);
  }
  return {};
}

QVariant LeadershipModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case NeedColumn:
      return tr("需要领导");
    case HallColumn:
      return tr("大厅");
    case SeverityColumn:
      return tr("级别");
    case CategoryColumn:
      return tr("类别");
    case StatusColumn:
      return tr("状态");
    case AgeColumn:
      return tr("已持续");
  }
  return {};
}

QMap<QString, int> LeadershipModel::countsByHall() const {
  QMap<QString, int> out;
  for (const auto& r : m_rows) ++out[r.hall];
  return out;
}

QMap<int, int> LeadershipModel::countsBySeverity() const {
  QMap<int, int> out;
  for (const auto& r : m_rows) ++out[static_cast<int>(r.inc.severity())];
  return out;
}

int LeadershipModel::countOf(Need n) const {
  return static_cast<int>(
      std::count_if(m_rows.begin(), m_rows.end(), [n](const Row& r) { return r.need == n; }));
}

}  // namespace hall::client
