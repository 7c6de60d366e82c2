// FloorPlanModel (平面图标注): what a hall's floor plan shows — the hall's
// places at their stored positions (Location.x, y: 0..1 from the plan's
// top-left corner), its open incidents at their places and its kiosks at
// theirs, one marker each. An incident or kiosk whose place is unknown,
// not in the hall, or has no position is still a marker, with placed =
// false: the view lists those apart (未定位) rather than drop them.
//
// Fed from the desk's IncidentBoardModel (the watch keeps it live) and
// KioskStatusModel (polled every heartbeat period by the session), so it is
// as current as the board; it rebuilds when either changes and announces a
// change (a model reset and markersChanged()) only when a marker did, so the
// board's once-a-second ticking costs no repaint.
//
// Thread-safety: a Qt item model, GUI thread only.
#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QPointer>
#include <vector>

#include "hall/v1/directory.pb.h"

namespace hall::client {

class IncidentBoardModel;
class KioskStatusModel;

// One thing drawn on the plan.
struct FloorPlanMarker {
  enum Kind { PlaceMarker, KioskMarker, IncidentMarker };
  Kind kind = PlaceMarker;
  QString id;           // the location, kiosk or incident id
  QString locationId;   // where it is ("" for an incident reported without a place)
  QString label;        // the place's name, the kiosk's name, the incident's category
  QString placeName;    // the place's name; the location id when the hall has no such place
  bool placed = false;  // has a position on the plan (x, y below)
  double x = 0, y = 0;  // 0..1 from the top-left of the plan
  // The nth kiosk or incident at the same place (0 for the first), so a
  // view can fan them out instead of drawing one over another.
  int slot = 0;
  // Incidents.
  QString category;  // the category id (fire, panic …)
  int severity = 0;  // hall::v1::Severity
  int status = 0;    // hall::v1::IncidentStatus
  bool drill = false;
  bool unacknowledged = false;  // reported and not acknowledged, or a later alert pending
  bool escalated = false;       // its chain went past the first stage
  qint64 reportedMs = 0;
  // Kiosks.
  bool online = false;
  QString silentIncidentId;  // the server's open "went silent" incident, or ""

  bool operator==(const FloorPlanMarker&) const = default;
};

class FloorPlanModel : public QAbstractListModel {
  Q_OBJECT
  Q_PROPERTY(QString hallId READ hallId WRITE setHall NOTIFY hallChanged)
  Q_PROPERTY(int unplacedCount READ unplacedCount NOTIFY markersChanged)

 public:
  enum Role {
    KindRole = Qt::UserRole + 1,  // FloorPlanMarker::Kind
    IdRole,
    LocationRole,
    PlaceNameRole,
    PlacedRole,
    XRole,
    YRole,
    SlotRole,
    SeverityRole,
    StatusRole,
    DrillRole,
    UnacknowledgedRole,
    EscalatedRole,
    OnlineRole,
    SilentIncidentRole,
  };
  Q_ENUM(Role)

  // Reads `board` and `kiosks` (either may be null: no incidents, no
  // kiosks); neither is owned.
  FloorPlanModel(IncidentBoardModel* board, KioskStatusModel* kiosks, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

  // The hall whose plan is shown; "" shows nothing.
  QString hallId() const { return m_hall; }
  void setHall(const QString& hallId);
  // Every place the desk knows (of any hall: the model keeps the hall's).
  void setLocations(const std::vector<hall::v1::Location>& locations);

  // Places first (drawn underneath), then kiosks, then incidents, the
  // gravest last (drawn on top).
  const std::vector<FloorPlanMarker>& markers() const { return m_markers; }
  // Kiosks and incidents with no position on the plan, in markers() order.
  std::vector<FloorPlanMarker> unplaced() const;
  int unplacedCount() const;
  // The marker of `kind` with `id`, or nullptr.
  const FloorPlanMarker* find(FloorPlanMarker::Kind kind, const QString& id) const;

  // True when `l` has a position on the plan: x and y within 0..1, and not
  // both 0 (proto3 cannot tell an unset position from the corner, and
  // nobody puts a place in the plan's very corner).
  static bool hasPosition(const hall::v1::Location& l);

 public slots:
  // Reads the board, the kiosks and the places again (connected to their
  // changes; call it after changing something they do not announce).
  void rebuild();

 signals:
  void hallChanged();
  // markers() changed (after the model reset).
  void markersChanged();

 private:
  QPointer<IncidentBoardModel> m_board;
  QPointer<KioskStatusModel> m_kiosks;
  QString m_hall;
  QHash<QString, hall::v1::Location> m_locations;  // id → place, every hall
  std::vector<FloorPlanMarker> m_markers;
};

}  // namespace hall::client
