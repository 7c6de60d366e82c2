// Tests of ServerProfile (server_profile.cpp): limits unknown (0) until the
// server says, changed() only on news, the clock speed never below 1, and
// the server's "now" estimated at its clock speed against an injected local
// clock (no waiting on the wall clock).
#include "server_profile.h"

#include <QSignalSpy>
#include <QTest>

using hall::client::ServerProfile;
namespace v1 = hall::v1;

class ServerProfileTest : public QObject {
  Q_OBJECT

 private slots:
  void unknownUntilTheServerSays() {
    ServerProfile p;
    QVERIFY(!p.known());
    QCOMPARE(p.maxNoteChars(), 0);
    QCOMPARE(p.withdrawWindowSeconds(), 0);
    QCOMPARE(p.clockSpeed(), 1.0);
    QVERIFY(!p.accelerated());

    QSignalSpy changed(&p, &ServerProfile::changed);
    v1::ServerInfo info;
    info.mutable_limits()->set_max_note_chars(2000);
    info.mutable_limits()->set_max_summary_chars(500);
    info.mutable_limits()->set_withdraw_window_seconds(120);
    info.set_clock_speed(1.0);
    info.set_server_time_unix_ms(1000);
    p.update(info);
    QVERIFY(p.known());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(p.maxNoteChars(), 2000);
    QCOMPARE(p.maxSummaryChars(), 500);
    QCOMPARE(p.withdrawWindowSeconds(), 120);
    // The same again (a later time only) is no news.
    info.set_server_time_unix_ms(2000);
    p.update(info);
    QCOMPARE(changed.count(), 1);
    // A heartbeat says the clock runs 60 times faster.
    p.updateClock(60, 0);
    QCOMPARE(changed.count(), 2);
    QVERIFY(p.accelerated());
    QCOMPARE(p.clockSpeed(), 60.0);
    p.updateClock(0, 0);  // not sent: nothing changes
    QCOMPARE(changed.count(), 2);
    p.clear();
    QVERIFY(!p.known());
    QCOMPARE(changed.count(), 3);
  }

  void serverNowRunsAtItsClockSpeed() {
    ServerProfile p;
    qint64 local = 5'000'000;
    p.setLocalClock([&local] { return local; });
    QCOMPARE(p.serverNowMs(), local);  // nothing said: the local clock
    v1::ServerInfo info;
    info.set_clock_speed(60);
    info.set_server_time_unix_ms(1'000'000);
    p.update(info);
    QCOMPARE(p.serverNowMs(), qint64(1'000'000));
    local += 1000;  // one local second is a server minute
    QCOMPARE(p.serverNowMs(), qint64(1'060'000));
    p.updateClock(60, 2'000'000);
    QCOMPARE(p.serverNowMs(), qint64(2'000'000));
  }
};

QTEST_MAIN(ServerProfileTest)
#include "server_profile_test.moc"
