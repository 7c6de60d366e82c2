// Tests of the client item models (incident_models.cpp) and Backoff: every
// model runs under QAbstractItemModelTester, which checks each signal and
// answer against the item-model contract.
#include "incident_models.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "audit_model.h"
#include "backoff.h"
#include "labels.h"

using namespace hall::client;
namespace v1 = hall::v1;

namespace {
int64_t g_seq = 0;

v1::IncidentEvent Event(const std::string& id, v1::IncidentStatus status,
                        const std::string& category = "fire",
                        v1::Severity severity = v1::SEVERITY_HIGH, bool drill = false) {
  v1::IncidentEvent e;
  e.set_seq(++g_seq);
  e.set_incident_id(id);
  e.set_hall_id("hall-a");
  auto* inc = e.mutable_incident();
  inc->set_id(id);
  inc->set_hall_id("hall-a");
  inc->set_location_id("hall-a-door");
  inc->set_category(category);
  inc->set_severity(severity);
  inc->set_status(status);
  inc->set_drill(drill);
  inc->set_last_seq(e.seq());
  inc->mutable_reporter()->set_kiosk_id("kiosk-a");
  inc->mutable_reporter()->set_display_name("入口终端");
  inc->mutable_reported_at()->set_seconds(QDateTime::currentSecsSinceEpoch() - 30);
  return e;
}
}  // namespace

class IncidentModelsTest : public QObject {
  Q_OBJECT

 private slots:
  void boardInsertsUpdatesAndRemoves() {
    IncidentBoardModel board;
    QAbstractItemModelTester tester(&board, QAbstractItemModelTester::FailureReportingMode::QtTest);
    board.applyEvents({Event("i1", v1::INCIDENT_STATUS_REPORTED)});
    board.applyEvents({Event("i2", v1::INCIDENT_STATUS_REPORTED, "medical_emergency")});
    QCOMPARE(board.rowCount(), 2);
    QCOMPARE(board.columnCount(), int(IncidentBoardModel::ColumnCount));
    QCOMPARE(board.data(board.index(0, IncidentBoardModel::CategoryColumn)).toString(),
             QStringLiteral("火情"));
    QCOMPARE(board.data(board.index(1, IncidentBoardModel::StatusColumn)).toString(),
             QStringLiteral("待确认"));

    board.applyEvents({Event("i1", v1::INCIDENT_STATUS_ACKNOWLEDGED)});
    QCOMPARE(board.rowCount(), 2);
    QCOMPARE(board.data(board.index(0, 0), IncidentBoardModel::StatusRole).toInt(),
             int(v1::INCIDENT_STATUS_ACKNOWLEDGED));

    // Closed and withdrawn incidents leave the board.
    board.applyEvents({Event("i1", v1::INCIDENT_STATUS_CLOSED)});
    QCOMPARE(board.rowCount(), 1);
    QCOMPARE(board.idAt(0), QStringLiteral("i2"));
    QCOMPARE(board.rowOf(QStringLiteral("i2")), 0);
    board.applyEvents({Event("i2", v1::INCIDENT_STATUS_WITHDRAWN)});
    QCOMPARE(board.rowCount(), 0);
  }

  void boardStaleUpdateIsIgnored() {
    IncidentBoardModel board;
    QAbstractItemModelTester tester(&board, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto older = Event("i1", v1::INCIDENT_STATUS_REPORTED);
    auto newer = Event("i1", v1::INCIDENT_STATUS_ACKNOWLEDGED);
    board.applyEvents({newer});
    board.applyIncident(older.incident());  // an action reply that lost the race
    QCOMPARE(board.data(board.index(0, 0), IncidentBoardModel::StatusRole).toInt(),
             int(v1::INCIDENT_STATUS_ACKNOWLEDGED));
  }

  void boardLargeBatchResets() {
    IncidentBoardModel board;
    QAbstractItemModelTester tester(&board, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&board, &QAbstractItemModel::modelReset);
    std::vector<v1::IncidentEvent> batch;
    for (int i = 0; i < 1000; ++i)
      batch.push_back(Event("b" + std::to_string(i), v1::INCIDENT_STATUS_REPORTED));
    for (int i = 0; i < 100; ++i)
      batch.push_back(Event("b" + std::to_string(i), v1::INCIDENT_STATUS_CLOSED));
    board.applyEvents(batch);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(board.rowCount(), 900);
    for (int r = 0; r < board.rowCount(); ++r) QCOMPARE(board.rowOf(board.idAt(r)), r);
  }

  // A ListIncidents snapshot replaces the board in one reset (open ones
  // only); watch events the snapshot already shows (last_seq >= seq) are
  // ignored, newer ones apply.
  void boardSnapshotThenWatch() {
    IncidentBoardModel board;
    QAbstractItemModelTester tester(&board, QAbstractItemModelTester::FailureReportingMode::QtTest);
    board.applyEvents({Event("old", v1::INCIDENT_STATUS_REPORTED)});
    QSignalSpy resets(&board, &QAbstractItemModel::modelReset);
    QSignalSpy newAlarm(&board, &IncidentBoardModel::newAlarm);
    const auto ackA = Event("s1", v1::INCIDENT_STATUS_REPORTED);  // an event before the snapshot
    auto a = Event("s1", v1::INCIDENT_STATUS_ACKNOWLEDGED).incident();
    auto b = Event("s2", v1::INCIDENT_STATUS_REPORTED, "panic", v1::SEVERITY_CRITICAL).incident();
    auto closed = Event("s3", v1::INCIDENT_STATUS_CLOSED).incident();
    board.setIncidents({a, b, closed});
    QCOMPARE(resets.count(), 1);
    QCOMPARE(board.rowCount(), 2);
    QCOMPARE(board.rowOf(QStringLiteral("old")), -1);
    QCOMPARE(board.alarmCount(), 1);
    QCOMPARE(newAlarm.count(), 0);  // loaded, not live

    // Stale: an older event, and one at the incident's own last_seq.
    auto same = Event("s2", v1::INCIDENT_STATUS_CLOSED, "panic", v1::SEVERITY_CRITICAL);
    same.set_seq(b.last_seq());
    same.mutable_incident()->set_last_seq(b.last_seq());
    board.applyEvents({ackA, same});
    QCOMPARE(board.rowCount(), 2);
    QCOMPARE(
        board
            .data(board.index(board.rowOf(QStringLiteral("s1")), 0), IncidentBoardModel::StatusRole)
            .toInt(),
        int(v1::INCIDENT_STATUS_ACKNOWLEDGED));
    // Newer events apply, in a big batch too.
    std::vector<v1::IncidentEvent> batch;
    for (size_t i = 0; i <= IncidentBoardModel::kResetThreshold; ++i) {
      batch.push_back(Event("n" + std::to_string(i), v1::INCIDENT_STATUS_REPORTED));
    }
    batch.push_back(same);  // stale inside a reset as well
    batch.push_back(Event("s1", v1::INCIDENT_STATUS_CLOSED));
    board.applyEvents(batch);
    QCOMPARE(board.rowCount(), 1 + int(IncidentBoardModel::kResetThreshold) + 1);
    QCOMPARE(board.rowOf(QStringLiteral("s1")), -1);
    QVERIFY(board.rowOf(QStringLiteral("s2")) >= 0);
    for (int r = 0; r < board.rowCount(); ++r) QCOMPARE(board.rowOf(board.idAt(r)), r);
  }

  void panicFlashesUntilAcknowledged() {
    IncidentBoardModel board;
    QAbstractItemModelTester tester(&board, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy newAlarm(&board, &IncidentBoardModel::newAlarm);
    board.applyEvents({Event("p1", v1::INCIDENT_STATUS_REPORTED, "panic", v1::SEVERITY_CRITICAL)});
    board.applyEvents(
        {Event("f1", v1::INCIDENT_STATUS_REPORTED, "equipment_fault", v1::SEVERITY_LOW)});
    QCOMPARE(board.alarmCount(), 1);
    QCOMPARE(newAlarm.count(), 1);
    QVERIFY(board.data(board.index(0, 0), IncidentBoardModel::AlarmRole).toBool());
    QVERIFY(!board.data(board.index(1, 0), IncidentBoardModel::AlarmRole).toBool());
    // The background alternates while the alarm stands.
    QSignalSpy changed(&board, &QAbstractItemModel::dataChanged);
    const QVariant before = board.data(board.index(0, 1), Qt::BackgroundRole);
    QTRY_VERIFY_WITH_TIMEOUT(board.data(board.index(0, 1), Qt::BackgroundRole) != before, 2000);
    board.applyEvents(
        {Event("p1", v1::INCIDENT_STATUS_ACKNOWLEDGED, "panic", v1::SEVERITY_CRITICAL)});
    QCOMPARE(board.alarmCount(), 0);
    QVERIFY(!board.data(board.index(0, 0), IncidentBoardModel::FlashRole).toBool());
  }

  // Repeated presses the server folds into one incident (PRESS_FOLDED, each
  // with the incident's press_count): one row that says "×12", one ring.
  void foldedPressesShowACountAndRingOnce() {
    IncidentBoardModel board;
    QAbstractItemModelTester tester(&board, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy newAlarm(&board, &IncidentBoardModel::newAlarm);
    auto first = Event("p1", v1::INCIDENT_STATUS_REPORTED, "panic", v1::SEVERITY_CRITICAL);
    first.set_kind(v1::EVENT_KIND_RAISED);
    first.mutable_incident()->set_press_count(1);
    board.applyEvents({first});
    for (int n = 2; n <= 12; ++n) {
      auto fold = Event("p1", v1::INCIDENT_STATUS_REPORTED, "panic", v1::SEVERITY_CRITICAL);
      fold.set_kind(v1::EVENT_KIND_PRESS_FOLDED);
      fold.mutable_incident()->set_press_count(n);
      fold.mutable_incident()->mutable_last_press_at()->set_seconds(
          QDateTime::currentSecsSinceEpoch());
      board.applyEvents({fold});
    }
    QCOMPARE(board.rowCount(), 1);
    QCOMPARE(newAlarm.count(), 1);  // rang for the first press only
    QCOMPARE(board.alarmCount(), 1);
    QCOMPARE(board.data(board.index(0, 0), IncidentBoardModel::PressCountRole).toInt(), 12);
    const QString category =
        board.data(board.index(0, IncidentBoardModel::CategoryColumn)).toString();
    QCOMPARE(category, QStringLiteral("×12 一键报警"));
    QVERIFY(board.data(board.index(0, IncidentBoardModel::CategoryColumn), Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("按下 12 次")));
    // Acknowledged, then pressed again: still no second ring.
    auto ack = Event("p1", v1::INCIDENT_STATUS_ACKNOWLEDGED, "panic", v1::SEVERITY_CRITICAL);
    ack.mutable_incident()->set_press_count(12);
    board.applyEvents({ack});
    auto late = Event("p1", v1::INCIDENT_STATUS_ACKNOWLEDGED, "panic", v1::SEVERITY_CRITICAL);
    late.set_kind(v1::EVENT_KIND_PRESS_FOLDED);
    late.mutable_incident()->set_press_count(13);
    board.applyEvents({late});
    QCOMPARE(newAlarm.count(), 1);
    QCOMPARE(board.alarmCount(), 0);
    // A single press shows no count.
    board.applyEvents({Event("f1", v1::INCIDENT_STATUS_REPORTED)});
    QCOMPARE(board.data(board.index(1, IncidentBoardModel::CategoryColumn)).toString(),
             QStringLiteral("火情"));
  }

  void filterAndSort() {
    IncidentBoardModel board;
    IncidentFilterModel filter;
    filter.setSourceModel(&board);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    board.applyEvents(
        {Event("a", v1::INCIDENT_STATUS_REPORTED, "equipment_fault", v1::SEVERITY_LOW)});
    board.applyEvents(
        {Event("b", v1::INCIDENT_STATUS_ACKNOWLEDGED, "fire", v1::SEVERITY_CRITICAL, true)});
    board.applyEvents({Event("c", v1::INCIDENT_STATUS_REPORTED, "panic", v1::SEVERITY_CRITICAL)});
    filter.sort(IncidentBoardModel::SeverityColumn, Qt::DescendingOrder);
    // The unacknowledged panic first, then the critical drill, then the low.
    QCOMPARE(filter.index(0, 0).data(IncidentBoardModel::IdRole).toString(), QStringLiteral("c"));
    QCOMPARE(filter.index(1, 0).data(IncidentBoardModel::IdRole).toString(), QStringLiteral("b"));
    QCOMPARE(filter.index(2, 0).data(IncidentBoardModel::IdRole).toString(), QStringLiteral("a"));

    filter.setDrill(IncidentFilterModel::DrillsOnly);
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, IncidentBoardModel::DrillColumn).data().toString(),
             QStringLiteral("演练"));
    filter.setDrill(IncidentFilterModel::RealOnly);
    QCOMPARE(filter.rowCount(), 2);
    filter.setDrill(IncidentFilterModel::AnyIncident);
    filter.setStatus(v1::INCIDENT_STATUS_REPORTED);
    QCOMPARE(filter.rowCount(), 2);
    filter.setStatus(0);
    filter.setText(QStringLiteral("设备"));
    QCOMPARE(filter.rowCount(), 1);
    filter.setText(QString());
    QCOMPARE(filter.rowCount(), 3);
    // Live changes flow through the proxy.
    board.applyEvents({Event("c", v1::INCIDENT_STATUS_CLOSED, "panic", v1::SEVERITY_CRITICAL)});
    QCOMPARE(filter.rowCount(), 2);
  }

  void timeline() {
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto e1 = Event("t1", v1::INCIDENT_STATUS_REPORTED);
    e1.set_kind(v1::EVENT_KIND_RAISED);
    e1.set_actor_name("入口终端");
    auto e2 = Event("t1", v1::INCIDENT_STATUS_ACKNOWLEDGED);
    e2.set_kind(v1::EVENT_KIND_ACKNOWLEDGED);
    e2.set_actor_name("值班员");
    model.setTimeline(QStringLiteral("t1"), {e1});
    QCOMPARE(model.rowCount(), 1);
    model.appendEvents({e1, e2, Event("other", v1::INCIDENT_STATUS_REPORTED)});
    QCOMPARE(model.rowCount(), 2);  // e1 again and another incident are skipped
    QVERIFY(model.index(1).data().toString().contains(QStringLiteral("值班员")));
    QCOMPARE(model.index(1).data(TimelineModel::KindRole).toInt(),
             int(v1::EVENT_KIND_ACKNOWLEDGED));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
  }

  // The kiosks as the server reports them: online is its word, not the
  // desk's clock; queued presses, app version and the server's "went
  // silent" incident are shown.
  void kioskStatus() {
    KioskStatusModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy offline(&model, &KioskStatusModel::offlineChanged);
    QCOMPARE(model.columnCount(), int(KioskStatusModel::ColumnCount));
    v1::Kiosk a;
    a.set_id("k1");
    a.set_name("入口终端");
    a.set_active(true);
    a.set_online(true);
    a.set_app_version("kiosk-0.1.0");
    // Heard from long ago by the desk's clock, yet online: the server decides.
    a.mutable_last_seen_at()->set_seconds(QDateTime::currentSecsSinceEpoch() - 3600);
    v1::Kiosk b = a;
    b.set_id("k2");
    b.set_name("二楼终端");
    b.set_online(false);
    b.set_queued_presses(2);
    model.setKiosks({a, b});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.offlineCount(), 1);
    QCOMPARE(model.offlineNames(), QStringList{QStringLiteral("二楼终端")});
    QCOMPARE(model.queuedPresses(), 2);
    QCOMPARE(model.index(0, KioskStatusModel::StateColumn).data().toString(),
             QStringLiteral("在线"));
    QCOMPARE(model.index(1, KioskStatusModel::StateColumn).data().toString(),
             QStringLiteral("失联"));
    QCOMPARE(model.index(1, KioskStatusModel::QueuedColumn).data().toString(),
             QStringLiteral("2 条待发送"));
    QCOMPARE(model.index(1, 0).data(KioskStatusModel::QueuedPressesRole).toInt(), 2);
    QCOMPARE(model.index(0, KioskStatusModel::VersionColumn).data().toString(),
             QStringLiteral("kiosk-0.1.0"));
    QCOMPARE(model.index(0, 0).data(KioskStatusModel::AppVersionRole).toString(),
             QStringLiteral("kiosk-0.1.0"));
    // The server raised its "went silent" incident for k2.
    const int before = offline.count();
    b.set_silent_incident_id("inc-silent-1");
    model.setKiosks({a, b});
    QCOMPARE(offline.count(), before + 1);
    QCOMPARE(model.index(1, KioskStatusModel::StateColumn).data().toString(),
             QStringLiteral("失联（已自动报事件）"));
    QCOMPARE(model.index(1, 0).data(KioskStatusModel::SilentIncidentRole).toString(),
             QStringLiteral("inc-silent-1"));
    QVERIFY(model.index(1, KioskStatusModel::StateColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("inc-silent-1")));
    QCOMPARE(model.offlineNames(), QStringList{QStringLiteral("二楼终端（已自动报事件）")});
    b.set_online(true);
    b.set_queued_presses(0);
    b.clear_silent_incident_id();
    model.setKiosks({a, b});
    QCOMPARE(model.offlineCount(), 0);
    QCOMPARE(model.queuedPresses(), 0);
    QVERIFY(offline.count() >= 3);
    model.setKiosks({a});
    QCOMPARE(model.rowCount(), 1);
  }

  void backoffGrowsAndResets() {
    Backoff b(100, 1000);
    int first = b.nextDelayMs();
    QVERIFY(first >= 80 && first <= 120);
    int last = 0;
    for (int i = 0; i < 10; ++i) last = b.nextDelayMs();
    QVERIFY(last <= 1000 && last >= 800);
    b.reset();
    QVERIFY(b.nextDelayMs() <= 120);
  }

  // The audit log as a table: actions in words (warnings red), the actor
  // or "unknown", hall names; an older page appends.
  void auditLog() {
    AuditLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::vector<v1::AuditEntry> page;
    for (const char* action : {"kiosk_revoked", "sign_in"}) {
      v1::AuditEntry e;
      e.set_id(static_cast<int64_t>(page.size()) + 10);
      e.set_action(action);
      e.set_hall_id("hall-a");
      e.set_target("kiosk-a");
      e.set_source_address("10.0.0.8");
      e.mutable_at()->set_seconds(1700000000);
      page.push_back(e);
    }
    page[1].set_actor_name("值班员");
    model.setEntries(page);
    model.setHallNames({{QStringLiteral("hall-a"), QStringLiteral("东莞市民服务中心")}});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, AuditLogModel::ActionColumn).data().toString(),
             QStringLiteral("吊销终端"));
    QVERIFY(model.index(0, AuditLogModel::ActionColumn).data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.index(0, AuditLogModel::ActorColumn).data().toString(),
             QStringLiteral("（未知）"));
    QCOMPARE(model.index(1, AuditLogModel::ActorColumn).data().toString(),
             QStringLiteral("值班员"));
    QCOMPARE(model.index(1, AuditLogModel::HallColumn).data().toString(),
             QStringLiteral("东莞市民服务中心"));
    model.appendEntries({page[0]});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(2, 0).data(AuditLogModel::ActionRole).toString(),
             QStringLiteral("kiosk_revoked"));
    LanguageSwitcher language(QStringLiteral("desk"));
    language.setLanguage(QStringLiteral("en"));
    QCOMPARE(model.index(0, AuditLogModel::ActionColumn).data().toString(),
             QStringLiteral("Kiosk revoked"));
    QCOMPARE(model.headerData(AuditLogModel::ActionColumn, Qt::Horizontal).toString(),
             QStringLiteral("Action"));
    language.setLanguage(QStringLiteral("zh"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
  }

  void labels() {
    QCOMPARE(categoryName(QStringLiteral("medical_emergency")), QStringLiteral("突发疾病/受伤"));
    QCOMPARE(categoryName(QStringLiteral("no_such")), QStringLiteral("no_such"));
    LanguageSwitcher language(QStringLiteral("desk"));
    language.setLanguage(QStringLiteral("en"));
    QCOMPARE(categoryName(QStringLiteral("fire")), QStringLiteral("Fire"));
    QCOMPARE(statusName(v1::INCIDENT_STATUS_REPORTED), QStringLiteral("Awaiting acknowledgement"));
    language.setLanguage(QStringLiteral("zh"));
    QCOMPARE(categoryName(QStringLiteral("fire")), QStringLiteral("火情"));
  }
};

QTEST_MAIN(IncidentModelsTest)
#include "incident_models_test.moc"
