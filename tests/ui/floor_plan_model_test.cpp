// The floor plan's markers: places at their stored positions, kiosks and
// open incidents at their places with their state (severity, drill,
// unacknowledged, escalated; online, silent), what shares a place fanned
// out, and nothing dropped — an incident without a place, at a place of
// another hall or at a place without a position is listed as unplaced. It
// follows the board and the kiosk list live. Runs under
// QAbstractItemModelTester.
#include "floor_plan_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "incident_models.h"

using namespace hall::client;
namespace v1 = hall::v1;
using M = FloorPlanMarker;

namespace {
int64_t g_seq = 0;

v1::Location Place(const char* id, const char* hall, const char* name, double x, double y) {
  v1::Location l;
  l.set_id(id);
  l.set_hall_id(hall);
  l.set_name(name);
  l.set_x(x);
  l.set_y(y);
  return l;
}

v1::IncidentEvent Event(const char* id, const char* hall, const char* place,
                        v1::Severity severity = v1::SEVERITY_HIGH,
                        v1::IncidentStatus status = v1::INCIDENT_STATUS_REPORTED) {
  v1::IncidentEvent e;
  e.set_seq(++g_seq);
  e.set_incident_id(id);
  e.set_hall_id(hall);
  auto* inc = e.mutable_incident();
  inc->set_id(id);
  inc->set_hall_id(hall);
  inc->set_location_id(place);
  inc->set_category("fire");
  inc->set_severity(severity);
  inc->set_status(status);
  inc->set_last_seq(e.seq());
  inc->mutable_reported_at()->set_seconds(1'800'000'000 + g_seq);
  return e;
}

v1::Kiosk Kiosk(const char* id, const char* hall, const char* place, bool online) {
  v1::Kiosk k;
  k.set_id(id);
  k.set_hall_id(hall);
  k.set_location_id(place);
  k.set_name(std::string(id) + " 终端");
  k.set_active(true);
  k.set_online(online);
  return k;
}
}  // namespace

class FloorPlanModelTest : public QObject {
  Q_OBJECT

 private slots:
  void placesKiosksAndIncidentsBecomeMarkers() {
    IncidentBoardModel board;
    KioskStatusModel kiosks;
    FloorPlanModel model(&board, &kiosks);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLocations({Place("dg-entrance", "dg", "主入口", 0.5, 0.95),
                        Place("dg-window-1", "dg", "1号窗口", 0.15, 0.3),
                        Place("dg-nowhere", "dg", "二楼会议室", 0, 0),
                        Place("sj-entrance", "sj", "主入口", 0.5, 0.9)});
    auto entrance = Kiosk("k-dg", "dg", "dg-entrance", true);
    auto silent = Kiosk("k-dg-2", "dg", "dg-window-1", false);
    silent.set_silent_incident_id("silent-1");
    auto revoked = Kiosk("k-dg-old", "dg", "dg-window-1", false);
    revoked.set_active(false);
    kiosks.setKiosks({entrance, silent, revoked, Kiosk("k-sj", "sj", "sj-entrance", true)});
    auto drill = Event("drill", "dg", "dg-entrance", v1::SEVERITY_MEDIUM);
    drill.mutable_incident()->set_drill(true);
    auto escalated =
        Event("esc", "dg", "dg-entrance", v1::SEVERITY_CRITICAL, v1::INCIDENT_STATUS_ACKNOWLEDGED);
    auto* esc = escalated.mutable_incident()->mutable_escalation();
    esc->set_started(true);
    esc->set_stage(1);
    esc->set_acknowledged(true);
    esc->add_alerts();
    board.applyEvents({drill, escalated, Event("other-hall", "sj", "sj-entrance")});

    QSignalSpy changed(&model, &FloorPlanModel::markersChanged);
    model.setHall(QStringLiteral("dg"));
    QCOMPARE(changed.count(), 1);
    const auto& ms = model.markers();
    // Three places, two kiosks (the revoked one is gone), two incidents.
    QCOMPARE(int(ms.size()), 7);
    QCOMPARE(model.rowCount(), 7);
    QCOMPARE(ms[0].kind, M::PlaceMarker);
    QCOMPARE(ms[0].label, QStringLiteral("主入口"));
    QVERIFY(ms[0].placed);
    QCOMPARE(ms[0].x, 0.5);
    QCOMPARE(ms[0].y, 0.95);
    // A place at (0, 0) has no position: not drawn on the plan.
    const M* nowhere = model.find(M::PlaceMarker, QStringLiteral("dg-nowhere"));
    QVERIFY(nowhere && !nowhere->placed);

    const M* online = model.find(M::KioskMarker, QStringLiteral("k-dg"));
    QVERIFY(online && online->placed && online->online);
    QCOMPARE(online->placeName, QStringLiteral("主入口"));
    const M* quiet = model.find(M::KioskMarker, QStringLiteral("k-dg-2"));
    QVERIFY(quiet && !quiet->online);
    QCOMPARE(quiet->silentIncidentId, QStringLiteral("silent-1"));
    QCOMPARE(quiet->x, 0.15);
    QVERIFY(!model.find(M::KioskMarker, QStringLiteral("k-dg-old")));
    QVERIFY(!model.find(M::KioskMarker, QStringLiteral("k-sj")));
    QVERIFY(!model.find(M::IncidentMarker, QStringLiteral("other-hall")));

    // Incidents last, the gravest on top.
    QCOMPARE(ms[5].id, QStringLiteral("drill"));
    QCOMPARE(ms[6].id, QStringLiteral("esc"));
    QVERIFY(ms[5].drill && ms[5].unacknowledged && !ms[5].escalated);
    QCOMPARE(ms[5].severity, int(v1::SEVERITY_MEDIUM));
    QVERIFY(!ms[6].drill && !ms[6].unacknowledged && ms[6].escalated);
    QCOMPARE(model.data(model.index(6), FloorPlanModel::SeverityRole).toInt(),
             int(v1::SEVERITY_CRITICAL));
    // Kiosk and both incidents share the entrance: fanned out 0, 1, 2.
    QCOMPARE(online->slot, 0);
    QCOMPARE(ms[5].slot, 1);
    QCOMPARE(ms[6].slot, 2);
    QCOMPARE(model.unplacedCount(), 0);
  }

  void nothingIsDroppedForWantOfAPlace() {
    IncidentBoardModel board;
    FloorPlanModel model(&board, nullptr);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHall(QStringLiteral("dg"));
    model.setLocations({Place("dg-hall", "dg", "大厅", 0.5, 0.5),
                        Place("dg-roof", "dg", "屋顶", 0, 0),
                        Place("sj-entrance", "sj", "主入口", 0.5, 0.9)});
    board.applyEvents({Event("no-place", "dg", ""), Event("no-position", "dg", "dg-roof"),
                       Event("unknown", "dg", "dg-deleted"),
                       Event("wrong-hall", "dg", "sj-entrance"), Event("here", "dg", "dg-hall")});
    QCOMPARE(model.unplacedCount(), 4);
    const auto unplaced = model.unplaced();
    QCOMPARE(int(unplaced.size()), 4);
    for (const auto& m : unplaced) QVERIFY(!m.placed);
    QCOMPARE(model.find(M::IncidentMarker, QStringLiteral("no-place"))->placeName, QString());
    QCOMPARE(model.find(M::IncidentMarker, QStringLiteral("no-position"))->placeName,
             QStringLiteral("屋顶"));
    // A place the hall does not have is named by its id.
    QCOMPARE(model.find(M::IncidentMarker, QStringLiteral("unknown"))->placeName,
             QStringLiteral("dg-deleted"));
    QCOMPARE(model.find(M::IncidentMarker, QStringLiteral("wrong-hall"))->placeName,
             QStringLiteral("sj-entrance"));
    QVERIFY(model.find(M::IncidentMarker, QStringLiteral("here"))->placed);
    QVERIFY(!FloorPlanModel::hasPosition(Place("a", "dg", "a", 1.5, 0.5)));
    QVERIFY(FloorPlanModel::hasPosition(Place("a", "dg", "a", 0, 0.5)));
  }

  void followsTheBoardAndTheKiosksLive() {
    IncidentBoardModel board;
    KioskStatusModel kiosks;
    FloorPlanModel model(&board, &kiosks);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLocations({Place("dg-entrance", "dg", "主入口", 0.5, 0.95)});
    model.setHall(QStringLiteral("dg"));
    kiosks.setKiosks({Kiosk("k-dg", "dg", "dg-entrance", true)});
    QVERIFY(model.find(M::KioskMarker, QStringLiteral("k-dg"))->online);
    QSignalSpy changed(&model, &FloorPlanModel::markersChanged);

    // The kiosk goes silent: same ids, rows updated in place.
    auto silent = Kiosk("k-dg", "dg", "dg-entrance", false);
    silent.set_silent_incident_id("s-1");
    kiosks.setKiosks({silent});
    QCOMPARE(changed.count(), 1);
    QVERIFY(!model.find(M::KioskMarker, QStringLiteral("k-dg"))->online);
    // The same list again: nothing changed, no reset.
    kiosks.setKiosks({silent});
    QCOMPARE(changed.count(), 1);

    // Raised, acknowledged, then closed: the marker follows.
    board.applyEvents({Event("i-1", "dg", "dg-entrance")});
    QCOMPARE(changed.count(), 2);
    QVERIFY(model.find(M::IncidentMarker, QStringLiteral("i-1"))->unacknowledged);
    auto ack =
        Event("i-1", "dg", "dg-entrance", v1::SEVERITY_HIGH, v1::INCIDENT_STATUS_ACKNOWLEDGED);
    board.applyEvents({ack});
    QVERIFY(!model.find(M::IncidentMarker, QStringLiteral("i-1"))->unacknowledged);
    board.applyEvents(
        {Event("i-1", "dg", "dg-entrance", v1::SEVERITY_HIGH, v1::INCIDENT_STATUS_CLOSED)});
    QVERIFY(!model.find(M::IncidentMarker, QStringLiteral("i-1")));
    // Another hall: its own markers only.
    model.setHall(QStringLiteral("sj"));
    QCOMPARE(model.rowCount(), 0);
  }
};

QTEST_MAIN(FloorPlanModelTest)
#include "floor_plan_model_test.moc"
