// The live loop end to end, through the apps' own code (KioskController,
// DeskSession) against a real HallServer over TLS on a fresh database: a
// kiosk press reaches the desk's board, the desk acknowledges, the kiosk
// shows who acknowledged; the desk works and closes it; a false alarm is
// withdrawn with a reason; bad notes are refused against the server's
// limits; the kiosk's buttons are the server's taxonomy's; the desk shows
// what the server permits; kiosks' heartbeats (online, queued presses, app
// version) show on the desk.
// A desk started after 500+ incidents loads them from a ListIncidents
// snapshot and watches from its as_of_seq (no replay of the history).
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "desk_session.h"
#include "kiosk_controller.h"
#include "support/test_database.h"
#include "support/test_server.h"

using namespace hall;
using kiosk::KioskController;

class LiveLoopTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    m_db = std::make_unique<testing::TestDatabase>();
    testing::SeedBasic(m_db->conninfo());
    m_server = std::make_unique<testing::TestServer>(m_db->conninfo());
    QFile secret(m_dir.filePath(QStringLiteral("kiosk-a.secret")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(testing::kKioskSecret);
  }

  void pressAcknowledgeWorkClose() {
    desk::DeskSession desk(deskOptions());
    desk.login(QStringLiteral("duty-a"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(desk.signedIn(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(desk.watch()->isLive(), 10000);

    KioskController kiosk(kioskOptions(QStringLiteral("queue-1.sqlite")));
    QVERIFY(kiosk.start());
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.signedIn(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.hallName(), QStringLiteral("测试大厅 hall-a"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.placeName(), QStringLiteral("入口"), 10000);
    // Its buttons are the server's taxonomy's (ListCategories), panic aside.
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.buttons()->count() > 0, 10000);
    QCOMPARE(kiosk.buttons()->categoryOf(QStringLiteral("medical")),
             QStringLiteral("medical_emergency"));
    QCOMPARE(kiosk.buttons()->panicCategory(), QStringLiteral("panic"));
    // The server's limits reached both apps.
    QVERIFY(kiosk.maxNoteChars() > 0);
    QVERIFY(kiosk.withdrawWindowSeconds() > 0);
    QVERIFY(desk.maxNoteChars() > 0);
    // The duty officer may work incidents: the server says so.
    QVERIFY(desk.may(QStringLiteral("acknowledge")));
    QVERIFY(!desk.readOnly());

    // The guide presses the panic button.
    QCOMPARE(kiosk.panic(), QString());
    QTRY_COMPARE_WITH_TIMEOUT(desk.board()->rowCount(), 1, 10000);
    const QString id = desk.board()->idAt(0);
    QCOMPARE(desk.board()->alarmCount(), 1);
    const auto* inc = desk.board()->incident(id);
    QCOMPARE(inc->category(), std::string("panic"));
    QCOMPARE(inc->reporter().kiosk_id(), std::string("kiosk-a"));
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.currentStage(), int(KioskController::Delivered), 10000);
    QCOMPARE(kiosk.queuedCount(), 0);

    // The desk acknowledges; the kiosk shows who and when.
    QSignalSpy actions(&desk, &desk::DeskSession::actionFinished);
    desk.acknowledge(id);
    QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 1, 10000);
    QVERIFY2(actions[0][1].toBool(), qPrintable(actions[0][2].toString()));
    QCOMPARE(desk.board()->alarmCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.currentStage(), int(KioskController::Acknowledged), 10000);
    QCOMPARE(kiosk.currentAcknowledgedBy(), QStringLiteral("测试 duty-a"));
    QVERIFY(!kiosk.currentAcknowledgedAt().isEmpty());

    // Work it: a refused empty note (nothing sent), a note, resolve, close.
    desk.addNote(id, QStringLiteral("   "));
    QCOMPARE(actions.count(), 2);
    QCOMPARE(actions[1][1].toBool(), false);
    desk.addNote(id, QStringLiteral("已到场处置"));
    QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 3, 10000);
    QVERIFY2(actions[2][1].toBool(), qPrintable(actions[2][2].toString()));
    desk.select(id);
    QTRY_COMPARE_WITH_TIMEOUT(desk.timeline()->rowCount(), 3, 10000);  // raised, acknowledged, note
    desk.resolve(id, v1::OUTCOME_HANDLED, QStringLiteral("现场已恢复"));
    QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 4, 10000);
    QVERIFY2(actions[3][1].toBool(), qPrintable(actions[3][2].toString()));
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.currentStage(), int(KioskController::Resolved), 10000);
    // The plan's close-out duties (东莞 B.4) come before closing: closing
    // now is refused, naming them; then its mandatory close-out steps, the
    // after-action summary and its filing with both bodies the plan names.
    int expected = actions.count();
    desk.close(id, QString());
    ++expected;  // (QTRY_ re-evaluates its arguments: no side effects in them)
    QTRY_COMPARE_WITH_TIMEOUT(actions.count(), expected, 10000);
    QVERIFY(!actions.last()[1].toBool());
    QVERIFY(actions.last()[2].toString().contains(QStringLiteral("cannot close yet")));
    auto done = [&] {
      ++expected;
      QTRY_COMPARE_WITH_TIMEOUT(actions.count(), expected, 10000);
      QVERIFY2(actions.last()[1].toBool(), qPrintable(actions.last()[2].toString()));
    };
    QStringList steps;
    for (const auto& it : desk.board()->incident(id)->checklist()) {
      if (it.close_out() && it.mandatory() && !it.not_applicable() &&
          it.state() == v1::STEP_STATE_PENDING)
        steps << QString::fromStdString(it.step_id());
    }
    QVERIFY(!steps.isEmpty());
    for (const QString& step : steps) {
      desk.completeStep(id, step, QString());
      done();
    }
    v1::AfterActionSummary summary;
    summary.set_cause("电梯故障");
    summary.set_course("值班员确认后到场处置");
    summary.set_went_well("确认及时");
    summary.set_improvements("加强电梯巡检");
    desk.recordSummary(id, summary);
    done();
    for (const char* body : {"local_government", "data_bureau"}) {
      desk.recordFiling(id, QString::fromLatin1(body), v1::CONTACT_METHOD_MESSAGE, QString());
      done();
    }
    desk.close(id, QString());
    done();
    QTRY_COMPARE_WITH_TIMEOUT(desk.board()->rowCount(), 0, 10000);
    // raised, acknowledged, note, resolved, the steps, summary, 2 filings, closed
    QCOMPARE(desk.timeline()->rowCount(), 4 + steps.size() + 3 + 1);

    // The server's own refusal reaches the screen: close again is refused.
    desk.close(id, QString());
    ++expected;
    QTRY_COMPARE_WITH_TIMEOUT(actions.count(), expected, 10000);
    QCOMPARE(actions.last()[1].toBool(), false);
    QVERIFY(!actions.last()[2].toString().isEmpty());

    // A false alarm withdrawn with a reason: recorded, not deleted.
    QCOMPARE(kiosk.report(QStringLiteral("fire"), QStringLiteral("茶水间冒烟"), 2), QString());
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.currentStage(), int(KioskController::Delivered), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(desk.board()->rowCount(), 1, 10000);
    const QString fireId = desk.board()->idAt(0);
    QCOMPARE(desk.board()->incident(fireId)->headcount(), 2);
    QVERIFY(kiosk.withdrawSecondsLeft() > kiosk.withdrawWindowSeconds() - 20);
    QVERIFY(!kiosk.withdrawCurrent(QString()).isEmpty());  // a reason is required
    QCOMPARE(kiosk.withdrawCurrent(QStringLiteral("误触")), QString());
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.currentStage(), int(KioskController::Withdrawn), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(desk.board()->rowCount(), 0, 10000);
    desk.select(fireId);
    QTRY_COMPARE_WITH_TIMEOUT(desk.timeline()->rowCount(), 2, 10000);
    QCOMPARE(desk.timeline()->index(1).data(client::TimelineModel::NoteRole).toString(),
             QStringLiteral("误触"));

    // A note over the server's limit is refused by the kiosk before
    // anything is queued; one at the limit goes through.
    QVERIFY(!kiosk.report(QStringLiteral("other"), QString(kiosk.maxNoteChars() + 1, QChar(0x5f88)))
                 .isEmpty());
    QCOMPARE(kiosk.queuedCount(), 0);
    QCOMPARE(kiosk.report(QStringLiteral("other"), QString(kiosk.maxNoteChars(), QChar(0x5f88))),
             QString());
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.currentStage(), int(KioskController::Delivered), 10000);
    QCOMPARE(kiosk.withdrawCurrent(QStringLiteral("误触")), QString());  // leave the board empty
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.currentStage(), int(KioskController::Withdrawn), 10000);
    QVERIFY(!desk.checkNote(QString(desk.maxNoteChars() + 1, QLatin1Char('x')), true).isEmpty());

    // The kiosk's heartbeats make it "online" on the desk, with what it
    // reported: its app version and an empty queue.
    desk.refreshKiosks();
    QTRY_COMPARE_WITH_TIMEOUT(desk.kiosks()->rowCount(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        desk.kiosks()->index(0, 0).data(client::KioskStatusModel::OnlineRole).toBool(), 10000);
    QCOMPARE(desk.kiosks()->offlineCount(), 0);
    auto kioskRow = [&desk](int role) { return desk.kiosks()->index(0, 0).data(role); };
    QTRY_VERIFY_WITH_TIMEOUT(kioskRow(client::KioskStatusModel::AppVersionRole)
                                 .toString()
                                 .startsWith(QStringLiteral("kiosk-")),
                             10000);
    QCOMPARE(kioskRow(client::KioskStatusModel::QueuedPressesRole).toInt(), 0);
    QVERIFY(kioskRow(client::KioskStatusModel::SilentIncidentRole).toString().isEmpty());
  }

  // A desk started after many incidents exist loads them from one
  // ListIncidents snapshot (more than one page) and watches from its
  // as_of_seq: every open incident is on the board, no old event is
  // replayed, and a raise after the start arrives exactly once.
  void deskStartsFromSnapshot() {
    testing::Client duty(testing::MakeChannel(m_server->port()));
    QVERIFY(duty.Login("duty-a").ok());
    const int n = desk::DeskSession::kBoardPageSize + 20;  // two pages
    QSet<QString> open, gone;
    int64_t setupSeq = 0;
    for (int i = 0; i < n; ++i) {
      v1::RaiseIncidentResponse raised;
      auto s = duty.RaiseNew("hall-a", i % 2 ? "fire" : "other", &raised);
      QVERIFY2(s.ok(), s.error_message().c_str());
      open.insert(QString::fromStdString(raised.incident().id()));
      setupSeq = std::max<int64_t>(setupSeq, raised.incident().last_seq());
    }
    // Some more history: acknowledged (still open) and withdrawn (gone).
    for (const QString& id : QStringList(open.begin(), open.end()).mid(0, 6)) {
      v1::IncidentResponse resp;
      auto ctx = duty.Ctx();
      grpc::Status s;
      if (gone.size() < 3) {
        v1::WithdrawIncidentRequest req;
        req.set_incident_id(id.toStdString());
        req.set_reason("误报");
        s = duty.incidents().WithdrawIncident(ctx.get(), req, &resp);
        gone.insert(id);
        open.remove(id);
      } else {
        v1::AcknowledgeIncidentRequest req;
        req.set_incident_id(id.toStdString());
        s = duty.incidents().AcknowledgeIncident(ctx.get(), req, &resp);
      }
      QVERIFY2(s.ok(), s.error_message().c_str());
      setupSeq = std::max<int64_t>(setupSeq, resp.incident().last_seq());
    }

    desk::DeskSession desk(deskOptions());
    std::vector<v1::IncidentEvent> received;
    connect(desk.watch(), &client::IncidentWatch::eventsReceived, this,
            [&received](const std::vector<v1::IncidentEvent>& events) {
              received.insert(received.end(), events.begin(), events.end());
            });
    QSignalSpy resets(desk.board(), &QAbstractItemModel::modelReset);
    desk.login(QStringLiteral("duty-a"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(desk.signedIn(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(desk.watch()->isLive(), 20000);

    // Every open incident, and nothing else, loaded as one reset (besides
    // the sign-in's clear).
    QCOMPARE(desk.board()->rowCount(), int(open.size()));
    for (const QString& id : std::as_const(open))
      QVERIFY2(desk.board()->rowOf(id) >= 0, qPrintable(id));
    for (const QString& id : std::as_const(gone)) QCOMPARE(desk.board()->rowOf(id), -1);
    QCOMPARE(resets.count(), 2);
    // The watch started at the snapshot: nothing old replayed.
    QVERIFY2(desk.boardStartSeq() >= setupSeq,
             qPrintable(QStringLiteral("%1 < %2").arg(desk.boardStartSeq()).arg(setupSeq)));
    for (const auto& e : received) QVERIFY(e.seq() > desk.boardStartSeq());
    QCOMPARE(desk.watch()->duplicatesDropped(), 0);

    // A raise after the start arrives exactly once.
    v1::RaiseIncidentResponse raised;
    QVERIFY(duty.RaiseNew("hall-a", "fire", &raised).ok());
    const QString newId = QString::fromStdString(raised.incident().id());
    QTRY_VERIFY_WITH_TIMEOUT(desk.board()->rowOf(newId) >= 0, 10000);
    QCOMPARE(desk.board()->rowCount(), int(open.size()) + 1);
    // A duplicate would come before anything later on the same stream:
    // raise once more and wait for that one, rather than for a guessed time.
    v1::RaiseIncidentResponse sentinel;
    QVERIFY(duty.RaiseNew("hall-a", "other", &sentinel).ok());
    QTRY_VERIFY_WITH_TIMEOUT(
        desk.board()->rowOf(QString::fromStdString(sentinel.incident().id())) >= 0, 10000);
    QCOMPARE(desk.board()->rowCount(), int(open.size()) + 2);
    int times = 0;
    for (const auto& e : received) times += e.incident_id() == raised.incident().id() ? 1 : 0;
    QCOMPARE(times, 1);
    for (const auto& e : received) QVERIFY(e.seq() > setupSeq);

    // Signing in again loads the board again, from a new snapshot. (Not
    // after logout(): the server's Logout deadlocks its token cache, see
    // Authenticator::Authenticate calling on under its lock.)
    const int resetsBefore = resets.count();
    QSignalSpy logins(&desk, &desk::DeskSession::loginFinished);
    desk.login(QStringLiteral("duty-a"), QString::fromLatin1(testing::kPassword));
    QTRY_COMPARE_WITH_TIMEOUT(logins.count(), 1, 10000);
    QVERIFY2(logins[0][0].toBool(), qPrintable(logins[0][1].toString()));
    QTRY_VERIFY_WITH_TIMEOUT(desk.watch()->isLive() && resets.count() == resetsBefore + 2, 20000);
    QCOMPARE(desk.board()->rowCount(), int(open.size()) + 2);
    QVERIFY(desk.boardStartSeq() >= sentinel.incident().last_seq());
    QCOMPARE(desk.watch()->duplicatesDropped(), 0);
  }

  void cleanupTestCase() {
    m_server.reset();
    m_db.reset();
  }

 private:
  desk::DeskOptions deskOptions() const {
    desk::DeskOptions o;
    o.server = QString::fromStdString(m_server->address());
    o.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    return o;
  }
  kiosk::KioskOptions kioskOptions(const QString& queue) const {
    kiosk::KioskOptions o;
    o.server = QString::fromStdString(m_server->address());
    o.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    o.kioskId = QStringLiteral("kiosk-a");
    o.secretFile = m_dir.filePath(QStringLiteral("kiosk-a.secret"));
    o.queueFile = m_dir.filePath(queue);
    return o;
  }

  QTemporaryDir m_dir;
  std::unique_ptr<testing::TestDatabase> m_db;
  std::unique_ptr<testing::TestServer> m_server;
};

QTEST_MAIN(LiveLoopTest)
#include "live_loop_e2e_test.moc"
