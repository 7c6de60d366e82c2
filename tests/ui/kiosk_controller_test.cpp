// Tests of the kiosk controller's decisions that need no server: what a
// RaiseIncident answer does to a queued press (a RESOURCE_EXHAUSTED answer —
// pressed too often while its report is open — leaves the queue instead of
// being retried for ever), the enrollment code as typed or scanned, and
// the first run of a kiosk with no credential: refused codes are said in
// words and send nothing; an unreachable server is said too. And drills:
// a heartbeat naming a drill arms nothing by itself; an armed drill press
// is queued (durably) with drill=true and raised so, once, the press after
// it is real; the silent alarm is always real; the end of the drill, or its
// pause, disarms.
#include "kiosk_controller.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "press_queue.h"

using hall::client::RpcResult;
using hall::kiosk::KioskController;

namespace {
RpcResult Result(grpc::StatusCode code) {
  RpcResult r;
  r.code = code;
  r.message = QStringLiteral("x");
  return r;
}
}  // namespace

class KioskControllerTest : public QObject {
  Q_OBJECT

 private slots:
  void whatAnAnswerDoesToAQueuedPress() {
    QCOMPARE(KioskController::sendOutcome(Result(grpc::StatusCode::OK)),
             KioskController::SendAccepted);
    for (auto code : {grpc::StatusCode::UNAVAILABLE, grpc::StatusCode::DEADLINE_EXCEEDED,
                      grpc::StatusCode::UNAUTHENTICATED, grpc::StatusCode::CANCELLED}) {
      QCOMPARE(KioskController::sendOutcome(Result(code)), KioskController::SendRetry);
    }
    // The press flood limit: dropped with a message, never retried.
    QCOMPARE(KioskController::sendOutcome(Result(grpc::StatusCode::RESOURCE_EXHAUSTED)),
             KioskController::SendThrottled);
    for (auto code : {grpc::StatusCode::INVALID_ARGUMENT, grpc::StatusCode::PERMISSION_DENIED,
                      grpc::StatusCode::FAILED_PRECONDITION}) {
      QCOMPARE(KioskController::sendOutcome(Result(code)), KioskController::SendRefused);
    }
  }

  void enrollmentCodeAsTypedOrScanned() {
    QCOMPARE(KioskController::normalizeEnrollmentCode(QStringLiteral("ABCD2345WXYZ")),
             QStringLiteral("ABCD2345WXYZ"));
    QCOMPARE(KioskController::normalizeEnrollmentCode(QStringLiteral(" abcd-2345-wxyz ")),
             QStringLiteral("ABCD2345WXYZ"));
    QCOMPARE(KioskController::normalizeEnrollmentCode(
                 QStringLiteral("hallkiosk:enroll?kiosk=kiosk-a-2&code=ABCD2345WXYZ")),
             QStringLiteral("ABCD2345WXYZ"));
    QCOMPARE(KioskController::normalizeEnrollmentCode(QStringLiteral("ABCD")), QString());
    QCOMPARE(KioskController::normalizeEnrollmentCode(QStringLiteral("ABCD2345WXY!")), QString());
    QCOMPARE(KioskController::normalizeEnrollmentCode(QStringLiteral("登记码登记码登记码登记码")),
             QString());
  }

  void aKioskWithoutCredentialAsksForItsCode() {
    QTemporaryDir dir;
    hall::kiosk::KioskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");  // nothing listens there
    o.caFile = QStringLiteral("/nonexistent-ca.crt");
    o.secretFile = dir.filePath(QStringLiteral("var/kiosk.secret"));
    o.queueFile = dir.filePath(QStringLiteral("kiosk.sqlite"));
    KioskController kiosk(o);
    QVERIFY(kiosk.start());
    QVERIFY(kiosk.needsEnrollment());
    // No sign-in is tried without a secret (only the server's limits are read).
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.client()->callsInFlight(), 0, 15000);
    QVERIFY(!kiosk.signedIn());
    QVERIFY(!kiosk.problem().contains(QStringLiteral("密钥")));  // no secret file sought

    QCOMPARE(kiosk.enroll(QStringLiteral("12345")),
             QStringLiteral("登记码应为 12 位字母和数字（见值班台显示的登记码）"));
    QCOMPARE(kiosk.client()->callsInFlight(), 0);
    QVERIFY(!kiosk.enrolling());

    QSignalSpy changed(&kiosk, &KioskController::enrollmentChanged);
    QCOMPARE(kiosk.enroll(QStringLiteral("abcd-2345-wxyz")), QString());
    QVERIFY(kiosk.enrolling());
    QTRY_VERIFY_WITH_TIMEOUT(!kiosk.enrolling(), 15000);
    QCOMPARE(kiosk.enrollError(), QStringLiteral("无法连接服务器，请检查网络后重试"));
    QVERIFY(kiosk.needsEnrollment());
    QVERIFY(!QFile::exists(o.secretFile));  // nothing half-written

    // A kiosk whose secret file exists is enrolled already.
    hall::kiosk::KioskOptions provisioned = o;
    provisioned.kioskId = QStringLiteral("kiosk-a");
    provisioned.secretFile = dir.filePath(QStringLiteral("kiosk-a.secret"));
    provisioned.queueFile = dir.filePath(QStringLiteral("kiosk-a.sqlite"));
    QFile secret(provisioned.secretFile);
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("kiosk-secret-123");
    secret.close();
    KioskController ready(provisioned);
    QVERIFY(ready.start());
    QVERIFY(!ready.needsEnrollment());
    QCOMPARE(ready.enroll(QStringLiteral("ABCD2345WXYZ")), QStringLiteral("本终端已登记"));
  }

  void anArmedDrillPressGoesAsDrillOnce() {
    QTemporaryDir dir;
    hall::kiosk::KioskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");  // nothing listens there: presses stay queued
    o.caFile = QStringLiteral("/nonexistent-ca.crt");
    o.kioskId = QStringLiteral("kiosk-a");
    o.secretFile = dir.filePath(QStringLiteral("kiosk-a.secret"));
    o.queueFile = dir.filePath(QStringLiteral("kiosk-a.sqlite"));
    QFile secret(o.secretFile);
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("kiosk-secret-123");
    secret.close();
    KioskController kiosk(o);
    QVERIFY(kiosk.start());
    QSignalSpy drillChanged(&kiosk, &KioskController::drillChanged);

    // No drill: arming is refused.
    kiosk.setDrillArmed(true);
    QVERIFY(!kiosk.drillArmed());

    hall::v1::HeartbeatResponse beat;
    beat.set_drill_id("drill-1");
    beat.set_drill_name_zh("突发停电演练");
    beat.set_drill_name_en("Power failure drill");
    beat.set_drill_message("（演练）供电部门答复：预计30分钟恢复");
    kiosk.applyHeartbeat(beat);
    QVERIFY(kiosk.drillActive());
    QCOMPARE(kiosk.drillName(), QStringLiteral("突发停电演练"));
    QCOMPARE(kiosk.drillMessage(), QStringLiteral("（演练）供电部门答复：预计30分钟恢复"));
    QVERIFY(drillChanged.count() >= 1);
    QVERIFY(!kiosk.drillArmed());  // real by default, drill or not

    // The presses as the queue keeps them (what is sent, and re-sent).
    auto queued = [&o] {
      hall::kiosk::PressQueue q;
      if (!q.open(o.queueFile)) return QList<hall::kiosk::Press>();
      return q.pending();
    };
    QCOMPARE(kiosk.report(QStringLiteral("fire")), QString());
    kiosk.setDrillArmed(true);
    QVERIFY(kiosk.drillArmed());
    QCOMPARE(kiosk.report(QStringLiteral("fire"), QStringLiteral("演练：二楼冒烟")), QString());
    QVERIFY(!kiosk.drillArmed());  // once
    QVERIFY(kiosk.currentDrill());
    QCOMPARE(kiosk.report(QStringLiteral("conflict")), QString());
    QVERIFY(!kiosk.currentDrill());
    // Armed, the silent alarm stays real and leaves the toggle armed.
    kiosk.setDrillArmed(true);
    QCOMPARE(kiosk.silentAlarm(), QString());
    QVERIFY(kiosk.drillArmed());
    QCOMPARE(kiosk.panic(), QString());
    QVERIFY(!kiosk.drillArmed());

    const auto presses = queued();
    QCOMPARE(presses.size(), 5);
    QList<bool> drills;
    for (const auto& p : presses) {
      drills << p.drill;
      QCOMPARE(hall::kiosk::raiseRequestFor(p).drill(), p.drill);
    }
    QCOMPARE(drills, (QList<bool>{false, true, false, false, true}));
    QVERIFY(presses[3].silent);

    // Paused: disarmed, and arming refused meanwhile.
    kiosk.setDrillArmed(true);
    beat.set_drill_paused(true);
    kiosk.applyHeartbeat(beat);
    QVERIFY(kiosk.drillPaused());
    QVERIFY(!kiosk.drillArmed());
    kiosk.setDrillArmed(true);
    QVERIFY(!kiosk.drillArmed());

    // The drill over: no banner, no arming.
    beat.set_drill_paused(false);
    kiosk.applyHeartbeat(beat);
    kiosk.setDrillArmed(true);
    QVERIFY(kiosk.drillArmed());
    kiosk.applyHeartbeat(hall::v1::HeartbeatResponse());
    QVERIFY(!kiosk.drillActive());
    QVERIFY(!kiosk.drillArmed());
    QCOMPARE(kiosk.report(QStringLiteral("fire")), QString());
    QVERIFY(!queued().last().drill);
  }
};

QTEST_MAIN(KioskControllerTest)
#include "kiosk_controller_test.moc"
