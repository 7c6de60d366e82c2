// A link that dies without a word (a cable pulled: no FIN, no RST) is
// noticed by gRPC keepalive, not at the next call: the desk's watch,
// carried through a loopback proxy that is then blackholed, drops and the
// desk shows it is reconnecting within the keepalive's time plus its
// timeout; when the link is back the watch resumes by itself. The kiosk's
// channel is the same HallClient, so it notices the same way.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include "desk_session.h"
#include "support/tcp_proxy.h"
#include "support/test_database.h"
#include "support/test_server.h"

using namespace hall;

class KeepaliveTest : public QObject {
  Q_OBJECT

 private slots:
  void aSilentlyDeadLinkIsNoticedWithinSeconds() {
    testing::TestDatabase db;
    testing::SeedBasic(db.conninfo());
    testing::TestServer server(db.conninfo());
    testing::TcpProxy proxy(server.port());

    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:%1").arg(proxy.port());
    o.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    // The proxy's address is not the certificate's name: the CA still
    // vouches for the server behind it (TLS name checks use 127.0.0.1).
    desk::DeskSession desk(o);
    desk.login(QStringLiteral("duty-a"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(desk.watch()->isLive(), 15000);
    QCOMPARE(desk.client()->state(), client::HallClient::Connected);

    // The link dies silently. Nothing is sent; only keepalive can tell.
    QElapsedTimer took;
    took.start();
    proxy.Blackhole(true);
    const int bound =
        (client::HallClient::kKeepaliveSeconds + client::HallClient::kKeepaliveTimeoutSeconds) *
            1000 +
        20000;  // the bound is for a stuck test, not a measure of speed
    QTRY_VERIFY_WITH_TIMEOUT(!desk.watch()->isLive(), bound);
    QTRY_VERIFY_WITH_TIMEOUT(desk.client()->state() != client::HallClient::Connected, 5000);
    qInfo("dead link noticed after %lld ms (keepalive %d s + timeout %d s)",
          static_cast<long long>(took.elapsed()), client::HallClient::kKeepaliveSeconds,
          client::HallClient::kKeepaliveTimeoutSeconds);

    // The link is back: the desk reconnects and its watch resumes.
    proxy.Blackhole(false);
    proxy.Cut();  // the dead connections go; new ones pass
    QTRY_VERIFY_WITH_TIMEOUT(desk.watch()->isLive(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(desk.client()->state(), client::HallClient::Connected, 10000);
  }
};

QTEST_MAIN(KeepaliveTest)
#include "keepalive_e2e_test.moc"
