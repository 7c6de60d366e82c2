// The floor-plan view offscreen, without a server: the plan is scaled to
// fit with its proportions kept and a place at (0.5, 0.5) is drawn at the
// plan's centre; clicking an incident opens it (a silent kiosk opens its
// incident, another kiosk the kiosk); a hall without a plan says so and
// still draws its places on a grid; what has no position is listed apart
// (未定位); the desk shows the plan as a tab of the board for every
// role, in both languages; the demo's drawings are valid, small SVGs
// with each demo place inside its room.
// Set FLOOR_PLAN_GRAB_DIR to keep pictures of what was drawn.
#include "floor_plan_view.h"

#include <QCoreApplication>
#include <QDir>
#include <QLabel>
#include <QLayout>
#include <QListWidget>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTabWidget>
#include <QTest>

#include "desk_session.h"
#include "desk_window.h"
#include "hallctl/demo_places.h"
#include "labels.h"

using namespace hall;
using client::FloorPlanMarker;

namespace {
int64_t g_seq = 0;

// 200 × 100: a red top-left quarter, the rest white, a grey outline.
const QByteArray kSvg =
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 200 100' width='200' height='100'>"
    "<rect x='0' y='0' width='200' height='100' fill='#ffffff' stroke='#777' stroke-width='2'/>"
    "<rect x='0' y='0' width='100' height='50' fill='#ff0000'/>"
    "<text x='150' y='80' font-size='12'>大厅</text></svg>";

v1::Location Place(const char* id, const char* name, double x, double y) {
  v1::Location l;
  l.set_id(id);
  l.set_hall_id("dg");
  l.set_name(name);
  l.set_x(x);
  l.set_y(y);
  return l;
}

v1::IncidentEvent Event(const char* id, const char* place, v1::Severity severity,
                        bool drill = false) {
  v1::IncidentEvent e;
  e.set_seq(++g_seq);
  e.set_incident_id(id);
  e.set_hall_id("dg");
  auto* inc = e.mutable_incident();
  inc->set_id(id);
  inc->set_hall_id("dg");
  inc->set_location_id(place);
  inc->set_category("fire");
  inc->set_severity(severity);
  inc->set_status(v1::INCIDENT_STATUS_REPORTED);
  inc->set_drill(drill);
  inc->set_last_seq(e.seq());
  inc->mutable_reported_at()->set_seconds(QDateTime::currentSecsSinceEpoch() - 300);
  return e;
}

v1::Kiosk Kiosk(const char* id, const char* place, bool online, const char* silent = "") {
  v1::Kiosk k;
  k.set_id(id);
  k.set_hall_id("dg");
  k.set_location_id(place);
  k.set_name(std::string("终端 ") + id);
  k.set_active(true);
  k.set_online(online);
  k.set_silent_incident_id(silent);
  return k;
}

void grab(QWidget* w, const QString& name) {
  const QString dir = qEnvironmentVariable("FLOOR_PLAN_GRAB_DIR");
  if (dir.isEmpty()) return;
  QDir().mkpath(dir);
  // The layout settles (the unplaced list shown or hidden) before the grab.
  if (w->layout()) w->layout()->activate();
  QCoreApplication::sendPostedEvents();
  QVERIFY(w->grab().save(dir + QLatin1Char('/') + name));
}

desk::DeskOptions NoServer() {
  desk::DeskOptions o;
  o.server = QStringLiteral("127.0.0.1:1");
  o.caFile = QStringLiteral("/nonexistent");
  return o;
}
}  // namespace

class FloorPlanViewTest : public QObject {
  Q_OBJECT

 private slots:
  void planIsScaledAndMarkersLandWhereTheyShould() {
    desk::DeskSession session(NoServer());
    desk::FloorPlanView view(&session);
    view.resize(900, 600);
    view.model()->setLocations({Place("dg-hall", "大厅中央", 0.5, 0.5),
                                Place("dg-door", "主入口", 0.5, 0.95),
                                Place("dg-corner", "咨询台", 0.25, 0.25)});
    view.showHall(QStringLiteral("dg"));
    view.setFloorPlan(QStringLiteral("dg"), kSvg, QStringLiteral("image/svg+xml"));
    session.board()->applyEvents({Event("fire-1", "dg-hall", v1::SEVERITY_CRITICAL),
                                  Event("drill-1", "dg-door", v1::SEVERITY_MEDIUM, true)});
    session.kiosks()->setKiosks(
        {Kiosk("k-ok", "dg-door", true), Kiosk("k-quiet", "dg-corner", false, "silent-1")});
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* canvas = view.canvas();
    QVERIFY(canvas->hasPlan());
    QVERIFY(!view.findChild<QLabel*>(QStringLiteral("floorPlanMessage"))->isVisible());

    // Fitted with its proportions (2:1), centred, as large as fits.
    const QRectF r = canvas->planRect();
    QVERIFY(r.width() > 0);
    QVERIFY(qAbs(r.width() / r.height() - 2.0) < 0.01);
    QVERIFY(qAbs(r.center().x() - canvas->width() / 2.0) < 1);
    QVERIFY(qAbs(r.center().y() - canvas->height() / 2.0) < 1);
    QVERIFY(qAbs(r.width() - (canvas->width() - 24)) < 1 ||
            qAbs(r.height() - (canvas->height() - 24)) < 1);
    // (0.5, 0.5) is the plan's centre.
    const QPointF centre = canvas->toWidget(0.5, 0.5);
    QVERIFY(qAbs(centre.x() - r.center().x()) < 0.01);
    QVERIFY(qAbs(centre.y() - r.center().y()) < 0.01);
    const auto* fire =
        view.model()->find(FloorPlanMarker::IncidentMarker, QStringLiteral("fire-1"));
    QVERIFY(fire);
    QCOMPARE(canvas->markerCenter(*fire), centre);

    // The image itself is there: red in its top-left quarter, white in the
    // bottom right, and the incident's colour around the centre (its
    // category's first character is written on it).
    const QImage shot = canvas->grab().toImage();
    auto pixel = [&](double x, double y) {
      const QPointF p = canvas->toWidget(x, y) * shot.devicePixelRatio();
      return QColor(shot.pixel(p.toPoint()));
    };
    QCOMPARE(pixel(0.1, 0.1), QColor(Qt::red));
    QCOMPARE(pixel(0.9, 0.9), QColor(Qt::white));
    const double beside = 10.0 / r.width();  // inside the disc, left of the character
    QCOMPARE(pixel(0.5 - beside, 0.5), client::severityColor(v1::SEVERITY_CRITICAL));

    // Clicking the incident opens it; a silent kiosk opens its incident;
    // another kiosk opens the kiosk.
    QSignalSpy open(&view, &desk::FloorPlanView::openIncident);
    QSignalSpy kiosk(&view, &desk::FloorPlanView::openKiosk);
    QTest::mouseClick(canvas, Qt::LeftButton, {}, centre.toPoint());
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.last().at(0).toString(), QStringLiteral("fire-1"));
    const auto* quiet = view.model()->find(FloorPlanMarker::KioskMarker, QStringLiteral("k-quiet"));
    QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->markerCenter(*quiet).toPoint());
    QCOMPARE(open.last().at(0).toString(), QStringLiteral("silent-1"));
    const auto* ok = view.model()->find(FloorPlanMarker::KioskMarker, QStringLiteral("k-ok"));
    QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->markerCenter(*ok).toPoint());
    QCOMPARE(kiosk.count(), 1);
    QCOMPARE(kiosk.last().at(0).toString(), QStringLiteral("k-ok"));
    // The drill shares the door with the kiosk: fanned out beside it.
    const auto* drill =
        view.model()->find(FloorPlanMarker::IncidentMarker, QStringLiteral("drill-1"));
    QVERIFY(canvas->markerCenter(*drill) != canvas->markerCenter(*ok));
    QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->markerCenter(*drill).toPoint());
    QCOMPARE(open.last().at(0).toString(), QStringLiteral("drill-1"));
    // Hovering says what it is.
    QVERIFY(canvas->toolTipFor(*drill).contains(QStringLiteral("【演练】")));
    QVERIFY(canvas->toolTipFor(*quiet).contains(QStringLiteral("失联")));
    // An empty spot opens nothing.
    QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->toWidget(0.95, 0.1).toPoint());
    QCOMPARE(open.count(), 3);
    QCOMPARE(kiosk.count(), 1);
    grab(&view, QStringLiteral("floor-plan-small-svg.png"));
  }

  void hallWithoutAPlanStillShowsItsPlaces() {
    desk::DeskSession session(NoServer());
    desk::FloorPlanView view(&session);
    view.resize(900, 600);
    view.model()->setLocations(
        {Place("dg-hall", "大厅中央", 0.5, 0.5), Place("dg-attic", "阁楼", 0, 0)});
    view.showHall(QStringLiteral("dg"));
    view.setFloorPlan(QStringLiteral("dg"), {}, {});
    session.board()->applyEvents({Event("here", "dg-hall", v1::SEVERITY_HIGH),
                                  Event("nowhere", "", v1::SEVERITY_LOW),
                                  Event("attic", "dg-attic", v1::SEVERITY_MEDIUM)});
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* canvas = view.canvas();
    QVERIFY(!canvas->hasPlan());
    auto* message = view.findChild<QLabel*>(QStringLiteral("floorPlanMessage"));
    QVERIFY(message->isVisible());
    QVERIFY(message->text().contains(QStringLiteral("尚未设置平面图")));
    // The grid keeps the coordinates: the place is still at the centre.
    QVERIFY(qAbs(canvas->aspect() - 10.0 / 7) < 0.001);
    QCOMPARE(canvas->toWidget(0.5, 0.5), canvas->planRect().center());
    const auto* here = view.model()->find(FloorPlanMarker::IncidentMarker, QStringLiteral("here"));
    QVERIFY(here && here->placed);
    QSignalSpy open(&view, &desk::FloorPlanView::openIncident);
    QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->markerCenter(*here).toPoint());
    QCOMPARE(open.count(), 1);
    // Without a place or a position: listed apart, and they open from there.
    auto* unplaced = view.findChild<QListWidget*>(QStringLiteral("floorPlanUnplaced"));
    QVERIFY(unplaced->isVisible());
    QCOMPARE(unplaced->count(), 2);
    QVERIFY(view.findChild<QLabel*>(QStringLiteral("floorPlanUnplacedTitle"))
                ->text()
                .contains(QStringLiteral("未定位")));
    QStringList texts;
    for (int i = 0; i < unplaced->count(); ++i) texts << unplaced->item(i)->text();
    QVERIFY(texts.join('|').contains(QStringLiteral("未注明地点")));
    QVERIFY(texts.join('|').contains(QStringLiteral("阁楼")));
    emit unplaced->itemActivated(unplaced->item(0));
    QCOMPARE(open.count(), 2);
    // A plan that is not an image: said so, the grid stays.
    view.setFloorPlan(QStringLiteral("dg"), "not an image", QStringLiteral("image/png"));
    QVERIFY(!canvas->hasPlan());
    QVERIFY(message->text().contains(QStringLiteral("无法显示")));
    grab(&view, QStringLiteral("floor-plan-no-plan.png"));
  }

  void isATabOfTheBoardForEveryRole() {
    desk::DeskSession session(NoServer());
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskWindow window(&session, &language);
    auto* tabs = window.boardTabs();
    const int tab = tabs->indexOf(window.floorPlanView());
    QVERIFY(tab > 0);  // after the duty board
    QCOMPARE(tabs->tabText(tab), QStringLiteral("平面图"));
    for (auto role : {v1::ROLE_DUTY_OFFICER, v1::ROLE_LEADERSHIP, v1::ROLE_SECURITY,
                      v1::ROLE_BUREAU, v1::ROLE_ADMIN}) {
      v1::Principal p;
      p.set_role(role);
      p.add_permissions("read");
      session.setPrincipal(p);
      QVERIFY(tabs->isTabVisible(tab));
    }
    language.setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(tabs->tabText(tab), QStringLiteral("Floor plan"));
    QVERIFY(window.findChild<QLabel*>(QStringLiteral("floorPlanLegend"))
                ->text()
                .contains(QStringLiteral("Drill")));
    language.setLanguage(QStringLiteral("zh"));
  }

  // The drawings `hallctl demo` uploads: valid, small SVG, and every demo
  // place's position (demo_places.h) inside the drawing's element for it
  // ("place-<id>", "zone-<n>"), so each place sits in its room.
  // FLOOR_PLAN_GRAB_DIR keeps a picture of each with the places and a few
  // markers on it.
  void demoDrawingsPutEachPlaceInItsRoom() {
    namespace demo = hallctl::demo;
    desk::DeskSession session(NoServer());
    desk::FloorPlanView view(&session);
    view.resize(1100, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    for (const auto& d : demo::kDrawingFiles) {
      const QString name = QString::fromUtf8(d.file);
      QFile f(QStringLiteral(HALL_SOURCE_DIR "/server/hallctl/demo_floor_plans/") + name);
      QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(name));
      const QByteArray svg = f.readAll();
      QVERIFY2(svg.size() < 20 * 1024, qPrintable(name));
      QSvgRenderer renderer(svg);
      QVERIFY2(renderer.isValid(), qPrintable(name));
      const QRectF box = renderer.viewBoxF();
      auto inside = [&](const QString& element, demo::Spot at) {
        QVERIFY2(renderer.elementExists(element), qPrintable(name + ": " + element));
        const QRectF bounds =
            renderer.transformForElement(element).mapRect(renderer.boundsOnElement(element));
        const QPointF p(box.left() + at.x * box.width(), box.top() + at.y * box.height());
        QVERIFY2(bounds.contains(p), qPrintable(name + ": " + element));
      };
      const QString hall = QFileInfo(name).completeBaseName();
      std::vector<v1::Location> places;
      auto place = [&](const QString& id, const char* label, demo::Spot at) {
        v1::Location l;
        l.set_id(client::ss(hall + QLatin1Char('-') + id));
        l.set_hall_id(client::ss(hall));
        l.set_name(label);
        l.set_x(at.x);
        l.set_y(at.y);
        places.push_back(l);
      };
      for (const auto& p : demo::kPlaces) {
        const demo::Spot at = p.at[static_cast<int>(d.drawing)];
        inside(QStringLiteral("place-") + QString::fromUtf8(p.id), at);
        place(QString::fromUtf8(p.id), p.name, at);
      }
      for (size_t i = 0; i < demo::kMaxZones; ++i) {
        const demo::Spot at = demo::ZoneSpot(d.drawing, i);
        if (at.x == 0 && at.y == 0) continue;
        inside(QStringLiteral("zone-%1").arg(i + 1), at);
        place(QStringLiteral("zone-%1").arg(i + 1), "公共就业和人才服务区", at);
      }
      // A look at it with the places and a few markers.
      view.model()->setLocations(places);
      view.showHall(hall);
      view.setFloorPlan(hall, svg, QStringLiteral("image/svg+xml"));
      QVERIFY2(view.canvas()->hasPlan(), qPrintable(name));
      auto event = [&](const char* id, const char* where, v1::Severity s, bool drill) {
        auto e = Event(id, "", s, drill);
        e.set_hall_id(client::ss(hall));
        e.mutable_incident()->set_hall_id(client::ss(hall));
        e.mutable_incident()->set_location_id(client::ss(hall + QLatin1Char('-') + where));
        return e;
      };
      session.board()->clear();
      session.board()->applyEvents({event("a", "entrance", v1::SEVERITY_CRITICAL, false),
                                    event("b", "window-1", v1::SEVERITY_MEDIUM, true),
                                    event("c", "waiting", v1::SEVERITY_LOW, false)});
      v1::Kiosk k = Kiosk("k-1", "", true);
      k.set_hall_id(client::ss(hall));
      k.set_location_id(client::ss(hall + QStringLiteral("-entrance")));
      session.kiosks()->setKiosks({k});
      grab(&view, QStringLiteral("demo-") + hall + QStringLiteral(".png"));
    }
  }
};

QTEST_MAIN(FloorPlanViewTest)
#include "floor_plan_view_test.moc"
