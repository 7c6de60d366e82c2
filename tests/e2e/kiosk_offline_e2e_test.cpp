// The kiosk never loses a press, end to end: with the server stopped, three
// presses wait in the kiosk's durable queue (and survive a kiosk restart);
// when the server returns on the same address, all three arrive exactly
// once, and the desk's watch resumes with no gap and no duplicate.
#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <set>

#include "desk_session.h"
#include "hall_server.h"
#include "kiosk_controller.h"
#include "support/test_database.h"
#include "support/test_server.h"

using namespace hall;
using kiosk::KioskController;

class KioskOfflineTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    m_db = std::make_unique<testing::TestDatabase>();
    testing::SeedBasic(m_db->conninfo());
    QTcpServer probe;  // a free port to come back on
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    m_port = probe.serverPort();
    probe.close();
    startServer();
    QFile secret(m_dir.filePath(QStringLiteral("kiosk-a.secret")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(testing::kKioskSecret);
  }

  void threePressesOfflineArriveExactlyOnce() {
    desk::DeskSession desk(deskOptions());
    std::vector<int64_t> deskSeqs;
    connect(desk.watch(), &client::IncidentWatch::eventsReceived, this,
            [&](const std::vector<v1::IncidentEvent>& events) {
              // The raises themselves (the engine adds events of its own).
              for (const auto& e : events) {
                if (e.kind() == v1::EVENT_KIND_RAISED) deskSeqs.push_back(e.seq());
              }
            });
    desk.login(QStringLiteral("duty-a"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(desk.watch()->isLive(), 10000);

    auto kiosk = std::make_unique<KioskController>(kioskOptions());
    QVERIFY(kiosk->start());
    QTRY_VERIFY_WITH_TIMEOUT(kiosk->signedIn(), 10000);
    QCOMPARE(kiosk->panic(), QString());  // one while online, for a baseline
    QTRY_COMPARE_WITH_TIMEOUT(desk.board()->rowCount(), 1, 10000);

    // The server goes away.
    m_server->Shutdown();
    m_server.reset();
    QTRY_VERIFY_WITH_TIMEOUT(!kiosk->connected(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(desk.client()->state() != client::HallClient::Connected, 15000);

    // Three presses while it is down: all wait in the queue.
    QCOMPARE(kiosk->report(QStringLiteral("fire")), QString());
    QCOMPARE(kiosk->report(QStringLiteral("medical_emergency"), QStringLiteral("有人晕倒"), 1),
             QString());
    QCOMPARE(kiosk->panic(), QString());
    QCOMPARE(kiosk->queuedCount(), 3);
    // A few sends fail (each retried); the presses stay queued.
    const int failed = kiosk->failedSends();
    QTRY_VERIFY_WITH_TIMEOUT(kiosk->failedSends() >= failed + 2, 15000);
    QCOMPARE(kiosk->queuedCount(), 3);

    // The kiosk reboots while offline: the queue is still there.
    kiosk.reset();
    kiosk = std::make_unique<KioskController>(kioskOptions());
    QVERIFY(kiosk->start());
    QCOMPARE(kiosk->queuedCount(), 3);
    QCOMPARE(kiosk->currentStage(), int(KioskController::Saved));

    // The server returns on the same address; everything arrives once.
    startServer();
    QTRY_COMPARE_WITH_TIMEOUT(kiosk->queuedCount(), 0, 30000);
    // The second panic folded into the first, still open: three incidents.
    QTRY_COMPARE_WITH_TIMEOUT(desk.board()->rowCount(), 3, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(desk.client()->state() == client::HallClient::Connected, 10000);

    testing::Client direct(testing::MakeChannel(m_port));
    QVERIFY(direct.Login("duty-a").ok());
    v1::ListIncidentsRequest req;
    v1::ListIncidentsResponse resp;
    auto ctx = direct.Ctx();
    QVERIFY(direct.incidents().ListIncidents(ctx.get(), req, &resp).ok());
    QCOMPARE(resp.incidents_size(), 3);  // exactly once each
    std::multiset<std::string> categories;
    for (const auto& i : resp.incidents()) {
      categories.insert(i.category());
      // The panic pressed again while open: counted on it, not a new one.
      if (i.category() == "panic") QCOMPARE(i.press_count(), 2);
    }
    QCOMPARE(categories.count("panic"), size_t(1));
    QCOMPARE(categories.count("fire"), size_t(1));
    QCOMPARE(categories.count("medical_emergency"), size_t(1));

    // The desk saw every event of the hall once, in order, across the restart.
    testing::Watcher all(direct, 0);
    auto events = all.NextOfKind(v1::EVENT_KIND_RAISED, 3, 5000);
    std::vector<int64_t> serverSeqs;
    for (const auto& e : events) {
      if (e.kind() == v1::EVENT_KIND_RAISED) serverSeqs.push_back(e.seq());
    }
    QCOMPARE(serverSeqs.size(), size_t(3));
    QTRY_COMPARE_WITH_TIMEOUT(deskSeqs.size(), serverSeqs.size(), 10000);
    QCOMPARE(deskSeqs, serverSeqs);
    QCOMPARE(desk.watch()->duplicatesDropped(), 0);
    QVERIFY(desk.watch()->attempts() >= 2);  // it did reconnect
  }

  void cleanupTestCase() {
    m_server.reset();
    m_db.reset();
  }

 private:
  void startServer() {
    ServerOptions o;
    o.listen = "127.0.0.1:" + std::to_string(m_port);
    o.database_url = m_db->conninfo();
    o.schema_dir = HALL_SOURCE_DIR "/schema";
    o.playbooks_dir = HALL_SOURCE_DIR "/playbooks";
    o.tls_cert = testing::TestCerts::Get().cert;
    o.tls_key = testing::TestCerts::Get().key;
    o.db_workers = 2;
    m_server = std::make_unique<HallServer>(o);
  }
  QString address() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
  desk::DeskOptions deskOptions() const {
    desk::DeskOptions o;
    o.server = address();
    o.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    return o;
  }
  kiosk::KioskOptions kioskOptions() const {
    kiosk::KioskOptions o;
    o.server = address();
    o.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    o.kioskId = QStringLiteral("kiosk-a");
    o.secretFile = m_dir.filePath(QStringLiteral("kiosk-a.secret"));
    o.queueFile = m_dir.filePath(QStringLiteral("queue.sqlite"));
    return o;
  }

  QTemporaryDir m_dir;
  quint16 m_port = 0;
  std::unique_ptr<testing::TestDatabase> m_db;
  std::unique_ptr<HallServer> m_server;
};

QTEST_MAIN(KioskOfflineTest)
#include "kiosk_offline_e2e_test.moc"
