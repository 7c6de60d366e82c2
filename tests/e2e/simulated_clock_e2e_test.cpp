// A server on an accelerated clock (--clock-speed, here ×60) end to end:
// the desk and the kiosk both learn the speed from the server and say so
// unmistakably (the banner, in Chinese and English), and the kiosk counts
// the withdraw window on the server's clock — 120 server seconds pass in
// about 2 real ones — instead of its own.
#include <QFile>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

#include "desk_session.h"
#include "desk_window.h"
#include "domain/clock.h"
#include "kiosk_controller.h"
#include "labels.h"
#include "support/test_database.h"
#include "support/test_server.h"

using namespace hall;
using kiosk::KioskController;

class SimulatedClockTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    m_db = std::make_unique<testing::TestDatabase>();
    testing::SeedBasic(m_db->conninfo());
    testing::TestServerOptions o;
    o.clock = &m_clock;
    o.token_ttl_seconds = 24 * 3600;  // 24 server hours: 24 real minutes
    m_server = std::make_unique<testing::TestServer>(m_db->conninfo(), o);
    QFile secret(m_dir.filePath(QStringLiteral("kiosk-a.secret")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(testing::kKioskSecret);
  }

  void bothAppsShowTheSimulatedClock() {
    desk::DeskOptions d;
    d.server = QString::fromStdString(m_server->address());
    d.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    desk::DeskSession desk(d);
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskWindow window(&desk, &language);
    QVERIFY(window.clockBanner()->isHidden());
    desk.login(QStringLiteral("duty-a"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(desk.signedIn(), 10000);
    QCOMPARE(desk.client()->serverProfile()->clockSpeed(), 60.0);
    QVERIFY(!window.clockBanner()->isHidden());
    QVERIFY(window.clockBanner()->text().contains(QStringLiteral("模拟时钟 ×60")));
    language.setLanguage(QStringLiteral("en"));
    QTRY_VERIFY(window.clockBanner()->text().contains(QStringLiteral("Simulated clock ×60")));
    language.setLanguage(QStringLiteral("zh"));

    KioskController kiosk(kioskOptions());
    QVERIFY(kiosk.start());
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.signedIn(), 10000);
    QVERIFY(kiosk.clockAccelerated());
    QVERIFY(kiosk.clockText().contains(QStringLiteral("×60")));

    // The withdraw window (120 s of the server's clock) closes in about two
    // real seconds: the kiosk counts it on the server's clock.
    const int window120 = kiosk.withdrawWindowSeconds();
    QVERIFY(window120 > 0);
    QCOMPARE(kiosk.report(QStringLiteral("fire")), QString());
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.currentStage(), int(KioskController::Delivered), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.withdrawSecondsLeft(), 0, 4 * window120 * 1000 / 60 + 5000);
    QVERIFY(kiosk.withdrawCurrent(QStringLiteral("误触")).contains(QStringLiteral("撤回时限")));
  }

  void cleanupTestCase() {
    m_server.reset();
    m_db.reset();
  }

 private:
  kiosk::KioskOptions kioskOptions() const {
    kiosk::KioskOptions o;
    o.server = QString::fromStdString(m_server->address());
    o.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    o.kioskId = QStringLiteral("kiosk-a");
    o.secretFile = m_dir.filePath(QStringLiteral("kiosk-a.secret"));
    o.queueFile = m_dir.filePath(QStringLiteral("queue.sqlite"));
    return o;
  }

  domain::ScaledClock m_clock{60};
  QTemporaryDir m_dir;
  std::unique_ptr<testing::TestDatabase> m_db;
  std::unique_ptr<testing::TestServer> m_server;
};

QTEST_MAIN(SimulatedClockTest)
#include "simulated_clock_e2e_test.moc"
