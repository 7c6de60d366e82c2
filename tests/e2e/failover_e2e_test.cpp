// Two servers, clients given both addresses: the desk and the kiosk run
// with --server A,B (their own DeskSession / KioskController over the real
// HallClient); server A — the one they use — is killed with SIGKILL, and
// they carry on through B by themselves: the kiosk's presses arrive once
// each, the desk's watch resumes on B after the last seq it had, with no
// gap and no duplicate. Then A comes back on its address and B dies: the
// clients go round the list to A. Labelled fault as well as e2e.
#include <QTemporaryDir>
#include <QTest>
#include <set>

#include "desk_session.h"
#include "kiosk_controller.h"
#include "support/pg_node.h"
#include "support/server_process.h"
#include "support/test_database.h"
#include "support/test_server.h"

using namespace hall;
using kiosk::KioskController;

class FailoverTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    m_db = std::make_unique<testing::TestDatabase>();
    testing::SeedBasic(m_db->conninfo());
    QFile secret(m_dir.filePath(QStringLiteral("kiosk-a.secret")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(testing::kKioskSecret);
  }

  void splitsTheList() {
    QCOMPARE(client::HallClient::splitAddresses(QStringLiteral(" a:1 , b.example:2,,[::1]:3 ")),
             QStringList({QStringLiteral("a:1"), QStringLiteral("b.example:2"),
                          QStringLiteral("[::1]:3")}));
    QCOMPARE(client::HallClient::splitAddresses(QStringLiteral("h:7443")),
             QStringList({QStringLiteral("h:7443")}));
  }

  void serverKilled_DeskAndKioskCarryOnThroughTheOther() {
    const int portA = testing::FreeLoopbackPort();
    auto a = std::make_unique<testing::ServerProcess>(m_db->conninfo(), portA);
    auto bp =
        std::make_unique<testing::ServerProcess>(m_db->conninfo(), testing::FreeLoopbackPort());
    testing::ServerProcess& b = *bp;
    QVERIFY(a->ready() && b.ready());
    const QString list = QString::fromStdString(a->address() + "," + b.address());

    desk::DeskSession desk(deskOptions(list));
    std::vector<int64_t> deskSeqs, deskRaised;
    connect(desk.watch(), &client::IncidentWatch::eventsReceived, this,
            [&](const std::vector<v1::IncidentEvent>& events) {
              for (const auto& e : events) {
                deskSeqs.push_back(e.seq());
                if (e.kind() == v1::EVENT_KIND_RAISED) deskRaised.push_back(e.seq());
              }
            });
    desk.login(QStringLiteral("duty-a"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(desk.watch()->isLive(), 15000);
    QCOMPARE(desk.client()->currentAddress(), QString::fromStdString(a->address()));

    auto kiosk = std::make_unique<KioskController>(kioskOptions(list));
    QVERIFY(kiosk->start());
    QTRY_VERIFY_WITH_TIMEOUT(kiosk->signedIn(), 15000);
    QCOMPARE(kiosk->panic(), QString());
    QTRY_COMPARE_WITH_TIMEOUT(kiosk->queuedCount(), 0, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(desk.board()->rowCount(), 1, 15000);
    const int attemptsBefore = desk.watch()->attempts();

    // The server both use dies.
    a->Kill9();
    // Presses straight after: they wait in the kiosk's queue if need be,
    // and arrive through B.
    QCOMPARE(kiosk->report(QStringLiteral("fire")), QString());
    QCOMPARE(kiosk->report(QStringLiteral("medical_emergency"), QStringLiteral("有人晕倒"), 1),
             QString());
    QTRY_COMPARE_WITH_TIMEOUT(kiosk->queuedCount(), 0, 30000);
    QCOMPARE(kiosk->client()->currentAddress(), QString::fromStdString(b.address()));
    QVERIFY(kiosk->client()->failovers() >= 1);
    // The desk moved too, and its board has all three.
    QTRY_COMPARE_WITH_TIMEOUT(desk.board()->rowCount(), 3, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(desk.client()->state() == client::HallClient::Connected, 15000);
    QCOMPARE(desk.client()->currentAddress(), QString::fromStdString(b.address()));
    QVERIFY(desk.watch()->attempts() > attemptsBefore);  // its stream resumed

    // Exactly once each, and the desk saw every event of the log once, in
    // order, across the fail-over.
    testing::Client direct(testing::MakeChannel(b.port()));
    QVERIFY(direct.Login("duty-a").ok());
    v1::ListIncidentsRequest req;
    v1::ListIncidentsResponse resp;
    auto ctx = direct.Ctx();
    QVERIFY(direct.incidents().ListIncidents(ctx.get(), req, &resp).ok());
    QCOMPARE(resp.incidents_size(), 3);
    std::multiset<std::string> categories;
    for (const auto& i : resp.incidents()) categories.insert(i.category());
    QCOMPARE(categories, (std::multiset<std::string>{"panic", "fire", "medical_emergency"}));
    testing::Watcher all(direct, 0);
    auto events = all.NextOfKind(v1::EVENT_KIND_RAISED, 3, 5000);
    QVERIFY(!events.empty());
    const int64_t head = events.back().seq();
    QTRY_VERIFY_WITH_TIMEOUT(!deskSeqs.empty() && deskSeqs.back() >= head, 15000);
    for (size_t i = 0; i < deskSeqs.size(); ++i) {
      QCOMPARE(deskSeqs[i], static_cast<int64_t>(i + 1));  // no gap, no duplicate
    }
    std::vector<int64_t> serverRaised;
    for (const auto& e : events) {
      if (e.kind() == v1::EVENT_KIND_RAISED) serverRaised.push_back(e.seq());
    }
    QCOMPARE(deskRaised, serverRaised);
    QCOMPARE(desk.watch()->duplicatesDropped(), 0);
    QCOMPARE(b.Ended(), std::string());

    // A comes back on its address and B dies in turn: round the list to A.
    a = std::make_unique<testing::ServerProcess>(m_db->conninfo(), portA);
    QVERIFY(a->ready());
    const int64_t seenBefore = deskSeqs.back();
    bp->Kill9();
    QCOMPARE(kiosk->report(QStringLiteral("fire"), QStringLiteral("二楼"), 2), QString());
    QTRY_COMPARE_WITH_TIMEOUT(kiosk->queuedCount(), 0, 30000);
    QCOMPARE(kiosk->client()->currentAddress(), QString::fromStdString(a->address()));
    QTRY_VERIFY_WITH_TIMEOUT(deskSeqs.back() > seenBefore, 30000);
    QCOMPARE(desk.client()->currentAddress(), QString::fromStdString(a->address()));
    testing::Client viaA(testing::MakeChannel(portA));
    QVERIFY(viaA.Login("duty-a").ok());
    testing::Watcher again(viaA, 0);
    auto log = again.NextOfKind(v1::EVENT_KIND_RAISED, 3, 5000);
    QVERIFY(!log.empty());
    QTRY_VERIFY_WITH_TIMEOUT(deskSeqs.back() >= log.back().seq(), 15000);
    for (size_t i = 0; i < deskSeqs.size(); ++i) {
      QCOMPARE(deskSeqs[i], static_cast<int64_t>(i + 1));
    }
    QCOMPARE(desk.watch()->duplicatesDropped(), 0);
  }

  void cleanupTestCase() { m_db.reset(); }

 private:
  desk::DeskOptions deskOptions(const QString& server) const {
    desk::DeskOptions o;
    o.server = server;
    o.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    return o;
  }
  kiosk::KioskOptions kioskOptions(const QString& server) const {
    kiosk::KioskOptions o;
    o.server = server;
    o.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    o.kioskId = QStringLiteral("kiosk-a");
    o.secretFile = m_dir.filePath(QStringLiteral("kiosk-a.secret"));
    o.queueFile = m_dir.filePath(QStringLiteral("queue.sqlite"));
    return o;
  }

  QTemporaryDir m_dir;
  std::unique_ptr<testing::TestDatabase> m_db;
};

QTEST_MAIN(FailoverTest)
#include "failover_e2e_test.moc"
