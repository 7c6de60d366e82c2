// A kiosk cut off from the network for 60 s: its link to the server goes
// through a loopback proxy that is then blackholed (nothing passes either
// way, no FIN, no RST — a cable pulled, a switch dead), while the server and
// the desk run on. Presses made at the start of the cut, once the kiosk
// knows it is cut off, and near its end all wait in the kiosk's durable
// queue and reach nobody; when the link is back they all arrive, each
// once, and the desk sees them once. Labelled fault as well as e2e.
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <set>

#include "desk_session.h"
#include "kiosk_controller.h"
#include "support/tcp_proxy.h"
#include "support/test_database.h"
#include "support/test_server.h"

using namespace hall;
using kiosk::KioskController;

class KioskCutoffTest : public QObject {
  Q_OBJECT

 private slots:
  void cutOffFor60s_PressesArriveAfterOnceEach() {
    testing::TestDatabase db;
    testing::SeedBasic(db.conninfo());
    testing::TestServer server(db.conninfo());
    testing::TcpProxy proxy(server.port());
    QTemporaryDir dir;
    QFile secret(dir.filePath(QStringLiteral("kiosk-a.secret")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(testing::kKioskSecret);
    secret.close();

    // The desk is not cut off.
    desk::DeskOptions d;
    d.server = QString::fromStdString(server.address());
    d.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    desk::DeskSession desk(d);
    std::vector<int64_t> deskRaised;
    connect(desk.watch(), &client::IncidentWatch::eventsReceived, this,
            [&](const std::vector<v1::IncidentEvent>& events) {
              for (const auto& e : events) {
                if (e.kind() == v1::EVENT_KIND_RAISED || e.kind() == v1::EVENT_KIND_PRESS_FOLDED)
                  deskRaised.push_back(e.seq());
              }
            });
    desk.login(QStringLiteral("duty-a"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(desk.watch()->isLive(), 10000);

    kiosk::KioskOptions k;
    k.server = QStringLiteral("127.0.0.1:%1").arg(proxy.port());
    k.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    k.kioskId = QStringLiteral("kiosk-a");
    k.secretFile = dir.filePath(QStringLiteral("kiosk-a.secret"));
    k.queueFile = dir.filePath(QStringLiteral("queue.sqlite"));
    KioskController kiosk(k);
    QVERIFY(kiosk.start());
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.signedIn(), 10000);
    QCOMPARE(kiosk.panic(), QString());  // one while online
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.queuedCount(), 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(deskRaised.size(), size_t(1), 10000);

    // The cut: 60 s from now.
    proxy.Blackhole(true);
    QElapsedTimer cut;
    cut.start();
    // A press at once: the kiosk does not know yet; its send goes nowhere.
    QCOMPARE(kiosk.report(QStringLiteral("fire")), QString());
    // Keepalive tells the kiosk the link is dead (10 s + 5 s), long before
    // the minute is out.
    QTRY_VERIFY_WITH_TIMEOUT(!kiosk.connected(), 30000);
    QCOMPARE(kiosk.report(QStringLiteral("medical_emergency"), QStringLiteral("有人晕倒"), 1),
             QString());
    // Out the rest of the minute (the length of the cut is the test's
    // premise, not a guess), then a last press just before the link is back.
    while (cut.elapsed() < 55000) {
      QTest::qWait(500);
      QVERIFY(!kiosk.connected());
    }
    QCOMPARE(kiosk.panic(), QString());  // the same panic again: folds
    QCOMPARE(kiosk.queuedCount(), 3);
    while (cut.elapsed() < 60000) QTest::qWait(200);
    QCOMPARE(kiosk.queuedCount(), 3);
    QCOMPARE(deskRaised.size(), size_t(1));  // nothing passed the cut
    proxy.Blackhole(false);

    // Back: every press arrives, once.
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.queuedCount(), 0, 30000);
    QVERIFY(kiosk.connected());
    QTRY_COMPARE_WITH_TIMEOUT(deskRaised.size(), size_t(4), 15000);
    testing::Client direct(testing::MakeChannel(server.port()));
    QVERIFY(direct.Login("duty-a").ok());
    v1::ListIncidentsRequest req;
    v1::ListIncidentsResponse resp;
    auto ctx = direct.Ctx();
    QVERIFY(direct.incidents().ListIncidents(ctx.get(), req, &resp).ok());
    QCOMPARE(resp.incidents_size(), 3);
    std::multiset<std::string> categories;
    for (const auto& i : resp.incidents()) {
      categories.insert(i.category());
      if (i.category() == "panic") QCOMPARE(i.press_count(), 2);  // counted, not doubled
    }
    QCOMPARE(categories, (std::multiset<std::string>{"panic", "fire", "medical_emergency"}));
    // Nothing more comes later (a late duplicate of a retried send).
    QTest::qWait(1000);
    QCOMPARE(deskRaised.size(), size_t(4));
    QCOMPARE(desk.watch()->duplicatesDropped(), 0);
  }
};

QTEST_MAIN(KioskCutoffTest)
#include "kiosk_cutoff_e2e_test.moc"
