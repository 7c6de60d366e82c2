// The live loop end to end, through the apps' own code (KioskController,
// DeskSession) against a real HallServer over TLS on a fresh database: a
// kiosk press reaches the desk's board, the desk acknowledges, the kiosk
// shows who acknowledged; the desk works and closes it; a false alarm is
// withdrawn with a reason; bad notes are refused; kiosks' heartbeats show.
#include <QFile>
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
    desk.close(id, QString());
    QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 5, 10000);
    QVERIFY2(actions[4][1].toBool(), qPrintable(actions[4][2].toString()));
    QTRY_COMPARE_WITH_TIMEOUT(desk.board()->rowCount(), 0, 10000);
    QCOMPARE(desk.timeline()->rowCount(), 5);

    // The server's own refusal reaches the screen: close again is refused.
    desk.close(id, QString());
    QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 6, 10000);
    QCOMPARE(actions[5][1].toBool(), false);
    QVERIFY(!actions[5][2].toString().isEmpty());

    // A false alarm withdrawn with a reason: recorded, not deleted.
    QCOMPARE(kiosk.report(QStringLiteral("fire"), QStringLiteral("茶水间冒烟"), 2), QString());
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.currentStage(), int(KioskController::Delivered), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(desk.board()->rowCount(), 1, 10000);
    const QString fireId = desk.board()->idAt(0);
    QCOMPARE(desk.board()->incident(fireId)->headcount(), 2);
    QVERIFY(kiosk.withdrawSecondsLeft() > 100);
    QVERIFY(!kiosk.withdrawCurrent(QString()).isEmpty());  // a reason is required
    QCOMPARE(kiosk.withdrawCurrent(QStringLiteral("误触")), QString());
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.currentStage(), int(KioskController::Withdrawn), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(desk.board()->rowCount(), 0, 10000);
    desk.select(fireId);
    QTRY_COMPARE_WITH_TIMEOUT(desk.timeline()->rowCount(), 2, 10000);
    QCOMPARE(desk.timeline()->index(1).data(client::TimelineModel::NoteRole).toString(), QStringLiteral("误触"));

    // An oversize note is refused by the kiosk before anything is queued.
    QVERIFY(!kiosk.report(QStringLiteral("other"), QString(201, QChar(0x5f88))).isEmpty());
    QCOMPARE(kiosk.queuedCount(), 0);

    // The kiosk's heartbeats make it "online" on the desk.
    desk.refreshKiosks();
    QTRY_COMPARE_WITH_TIMEOUT(desk.kiosks()->rowCount(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(desk.kiosks()->index(0, 0).data(client::KioskStatusModel::OnlineRole).toBool(), 10000);
    QCOMPARE(desk.kiosks()->offlineCount(), 0);
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
