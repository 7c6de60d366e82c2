#include "floor_plan_model.h"

#include <algorithm>

#include "hall_client.h"
#include "incident_models.h"

namespace hall::client {
namespace {

namespace v1 = hall::v1;

qint64 Ms(const google::protobuf::Timestamp& ts) {
  return ts.seconds() * 1000 + ts.nanos() / 1000000;
}

// Reported, or acknowledged with a later alert of its chain still waiting
// (the desk's acknowledge button takes both).
bool AwaitsAcknowledgement(const v1::Incident& inc) {
  if (inc.status() == v1::INCIDENT_STATUS_REPORTED) return true;
  return inc.status() == v1::INCIDENT_STATUS_ACKNOWLEDGED && inc.escalation().started() &&
         !inc.escalation().acknowledged() && !inc.escalation().alerts().empty();
}

}  // namespace

FloorPlanModel::FloorPlanModel(IncidentBoardModel* board, KioskStatusModel* kiosks, QObject* parent)
    : QAbstractListModel(parent), m_board(board), m_kiosks(kiosks) {
  for (QAbstractItemModel* m :
       {static_cast<QAbstractItemModel*>(board), static_cast<QAbstractItemModel*>(kiosks)}) {
    if (!m) continue;
    connect(m, &QAbstractItemModel::modelReset, this, &FloorPlanModel::rebuild);
    connect(m, &QAbstractItemModel::rowsInserted, this, &FloorPlanModel::rebuild);
    connect(m, &QAbstractItemModel::rowsRemoved, this, &FloorPlanModel::rebuild);
  }
  // The board's dataChanged ticks every second (ages, the flash); its
  // incidentChanged says when a row's state really changed.
  if (board) connect(board, &IncidentBoardModel::incidentChanged, this, &FloorPlanModel::rebuild);
  if (kiosks) connect(kiosks, &QAbstractItemModel::dataChanged, this, &FloorPlanModel::rebuild);
}

int FloorPlanModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_markers.size());
}

QVariant FloorPlanModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const FloorPlanMarker& m = m_markers[static_cast<size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole:
      return m.label;
    case KindRole:
      return int(m.kind);
    case IdRole:
      return m.id;
    case LocationRole:
      return m.locationId;
    case PlaceNameRole:
      return m.placeName;
    case PlacedRole:
      return m.placed;
    case XRole:
      return m.x;
    case YRole:
      return m.y;
    case SlotRole:
      return m.slot;
    case SeverityRole:
      return m.severity;
    case StatusRole:
      return m.status;
    case DrillRole:
      return m.drill;
    case UnacknowledgedRole:
      return m.unacknowledged;
    case EscalatedRole:
      return m.escalated;
    case OnlineRole:
      return m.online;
    case SilentIncidentRole:
      return m.silentIncidentId;
    default:
      return {};
  }
}

QHash<int, QByteArray> FloorPlanModel::roleNames() const {
  return {{Qt::DisplayRole, "label"},
          {KindRole, "kind"},
          {IdRole, "markerId"},
          {LocationRole, "locationId"},
          {PlaceNameRole, "placeName"},
          {PlacedRole, "placed"},
          {XRole, "x"},
          {YRole, "y"},
          {SlotRole, "slot"},
          {SeverityRole, "severity"},
          {StatusRole, "status"},
          {DrillRole, "drill"},
          {UnacknowledgedRole, "unacknowledged"},
          {EscalatedRole, "escalated"},
          {OnlineRole, "online"},
          {SilentIncidentRole, "silentIncident"}};
}

void FloorPlanModel::setHall(const QString& hallId) {
  if (hallId == m_hall) return;
  m_hall = hallId;
  emit hallChanged();
  rebuild();
}

void FloorPlanModel::setLocations(const std::vector<v1::Location>& locations) {
  m_locations.clear();
  for (const auto& l : locations) m_locations.insert(qs(l.id()), l);
  rebuild();
}

bool FloorPlanModel::hasPosition(const v1::Location& l) {
  const bool inside = l.x() >= 0 && l.x() <= 1 && l.y() >= 0 && l.y() <= 1;
  return inside && !(l.x() == 0 && l.y() == 0);
}

std::vector<FloorPlanMarker> FloorPlanModel::unplaced() const {
  std::vector<FloorPlanMarker> out;
  for (const auto& m : m_markers) {
    if (!m.placed && m.kind != FloorPlanMarker::PlaceMarker) out.push_back(m);
  }
  return out;
}

int FloorPlanModel::unplacedCount() const {
  return static_cast<int>(std::count_if(m_markers.begin(), m_markers.end(), [](const auto& m) {
    return !m.placed && m.kind != FloorPlanMarker::PlaceMarker;
  }));
}

const FloorPlanMarker* FloorPlanModel::find(FloorPlanMarker::Kind kind, const QString& id) const {
  for (const auto& m : m_markers) {
    if (m.kind == kind && m.id == id) return &m;
  }
  return nullptr;
}

void FloorPlanModel::rebuild() {
  std::vector<FloorPlanMarker> next;
  if (!m_hall.isEmpty()) {
    const std::string hall = ss(m_hall);
    // Where a thing at `locationId` goes: the place's position when the
    // hall has the place and it has one.
    auto locate = [this, &hall](FloorPlanMarker* m) {
      const auto it = m_locations.constFind(m->locationId);
      if (it == m_locations.constEnd() || it->hall_id() != hall) {
        m->placeName = m->locationId;
        return;
      }
      m->placeName = qs(it->name());
      m->placed = hasPosition(*it);
      if (m->placed) {
        m->x = it->x();
        m->y = it->y();
      }
    };
    std::vector<const v1::Location*> places;
    for (const auto& l : m_locations) {
      if (l.hall_id() == hall) places.push_back(&l);
    }
    std::sort(places.begin(), places.end(),
              [](const v1::Location* a, const v1::Location* b) { return a->id() < b->id(); });
    for (const v1::Location* l : places) {
      FloorPlanMarker m;
      m.kind = FloorPlanMarker::PlaceMarker;
      m.id = m.locationId = qs(l->id());
      m.label = qs(l->name());
      locate(&m);
      next.push_back(m);
    }
    if (m_kiosks) {
      std::vector<FloorPlanMarker> kiosks;
      for (const auto& k : m_kiosks->kiosks()) {
        if (k.hall_id() != hall || !k.active()) continue;  // a revoked kiosk is not there
        FloorPlanMarker m;
        m.kind = FloorPlanMarker::KioskMarker;
        m.id = qs(k.id());
        m.locationId = qs(k.location_id());
        m.label = qs(k.name());
        m.online = k.online();
        m.silentIncidentId = qs(k.silent_incident_id());
        locate(&m);
        kiosks.push_back(m);
      }
      std::sort(kiosks.begin(), kiosks.end(),
                [](const auto& a, const auto& b) { return a.id < b.id; });
      next.insert(next.end(), kiosks.begin(), kiosks.end());
    }
    if (m_board) {
      std::vector<FloorPlanMarker> incidents;
      for (int row = 0; row < m_board->rowCount(); ++row) {
        const v1::Incident* inc = m_board->incident(m_board->idAt(row));
        if (!inc || inc->hall_id() != hall) continue;
        FloorPlanMarker m;
        m.kind = FloorPlanMarker::IncidentMarker;
        m.id = qs(inc->id());
        m.locationId = qs(inc->location_id());
        m.category = qs(inc->category());
        m.label = m_board->categoryTitle(m.category);
        m.severity = inc->severity();
        m.status = inc->status();
        m.drill = inc->drill();
        m.unacknowledged = AwaitsAcknowledgement(*inc);
        m.escalated = inc->escalation().started() && inc->escalation().stage() > 0;
        m.reportedMs = Ms(inc->reported_at());
        if (!m.locationId.isEmpty()) locate(&m);
        incidents.push_back(m);
      }
      // The gravest last (drawn on top); among equals the unacknowledged,
      // then the newest.
      std::sort(incidents.begin(), incidents.end(), [](const auto& a, const auto& b) {
        if (a.severity != b.severity) return a.severity < b.severity;
        if (a.unacknowledged != b.unacknowledged) return b.unacknowledged;
        if (a.reportedMs != b.reportedMs) return a.reportedMs < b.reportedMs;
        return a.id < b.id;
      });
      next.insert(next.end(), incidents.begin(), incidents.end());
    }
    // Fan out what shares a place: kiosks first, then incidents.
    QHash<QString, int> used;
    for (auto& m : next) {
      if (m.kind == FloorPlanMarker::PlaceMarker || !m.placed) continue;
      m.slot = used[m.locationId]++;
    }
  }
  if (next == m_markers) return;
  beginResetModel();
  m_markers = std::move(next);
  endResetModel();
  emit markersChanged();
}

}  // namespace hall::client
