// The security features (#10) through the apps' own code against a real
// HallServer on a fresh database:
// - a stuck kiosk button: presses of the same kind while the report is
//   open fold into it — the desk's board keeps one row that counts them
//   ("×N") and rings once; the kiosk says "已并入正在处理的报警"; beyond
//   the server's rate limit a press answered RESOURCE_EXHAUSTED leaves the
//   kiosk's queue with a message instead of being retried for ever;
// - enrollment: an admin issues a code on the desk (AdminSession) for a
//   new kiosk at a place; a kiosk with no credential exchanges it, keeps
//   its secret file (owner-only) and signs in; a used code is refused;
//   the admin revokes it and it is refused at its next sign-in;
// - a locked account is unlocked from the desk and signs in again;
// - the audit log on the desk, filtered by action and by time window.
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "admin_session.h"
#include "desk_session.h"
#include "kiosk_controller.h"
#include "support/test_database.h"
#include "support/test_server.h"

using namespace hall;
using kiosk::KioskController;

class SecurityUiTest : public QObject {
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

  void aStuckButtonRingsOnceAndTheFloodIsDropped() {
    desk::DeskSession desk(deskOptions());
    QSignalSpy rang(desk.board(), &client::IncidentBoardModel::newAlarm);
    desk.login(QStringLiteral("duty-a"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(desk.watch()->isLive(), 10000);

    kiosk::KioskOptions o = kioskOptions(QStringLiteral("flood.sqlite"));
    KioskController kiosk(o);
    QVERIFY(kiosk.start());
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.signedIn(), 10000);
    QSignalSpy notices(&kiosk, &KioskController::notice);
    QCOMPARE(kiosk.panic(), QString());
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.currentStage(), int(KioskController::Delivered), 10000);
    QVERIFY(!kiosk.currentFolded());
    QTRY_COMPARE_WITH_TIMEOUT(rang.count(), 1, 10000);

    // Pressed again: added to the open report, said on the kiosk.
    QCOMPARE(kiosk.panic(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.currentFolded(), 10000);
    QCOMPARE(kiosk.currentStage(), int(KioskController::Delivered));
    QVERIFY(notices.count() >= 1);
    QCOMPARE(notices.last()[0].toString(), QStringLiteral("已并入正在处理的报警"));

    // A stuck button: many more presses, queued faster than they are sent.
    constexpr int kPresses = 30;
    for (int i = 0; i < kPresses; ++i) QCOMPARE(kiosk.panic(), QString());
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.queuedCount(), 0, 30000);  // none left to retry
    bool throttled = false;
    for (const auto& n : notices) {
      throttled = throttled ||
                  n[0].toString() == QStringLiteral("按得太频繁，这次未再上报；之前的报警仍在处理");
    }
    QVERIFY2(throttled, "no press was refused as too frequent");
    QCOMPARE(kiosk.currentStage(), int(KioskController::Refused));
    QCOMPARE(kiosk.currentError(), QStringLiteral("按得太频繁，这次未再上报；之前的报警仍在处理"));

    // The desk: one row, its count, one ring.
    QCOMPARE(desk.board()->rowCount(), 1);
    const int count =
        desk.board()->index(0, 0).data(client::IncidentBoardModel::PressCountRole).toInt();
    QVERIFY2(count > 2 && count < kPresses + 2, qPrintable(QString::number(count)));
    QTRY_VERIFY_WITH_TIMEOUT(desk.board()
                                 ->index(0, client::IncidentBoardModel::CategoryColumn)
                                 .data()
                                 .toString()
                                 .startsWith(QStringLiteral("×%1 ").arg(count)),
                             10000);
    QCOMPARE(rang.count(), 1);
    // Acknowledged, the report is still the one the presses fold into.
    QSignalSpy actions(&desk, &desk::DeskSession::actionFinished);
    desk.acknowledge(desk.board()->idAt(0));
    QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 1, 10000);
    QVERIFY2(actions[0][1].toBool(), qPrintable(actions[0][2].toString()));
  }

  void enrollRevokeUnlockAndAudit() {
    const qint64 startedMs = QDateTime::currentMSecsSinceEpoch() - 1000;
    desk::DeskSession desk(deskOptions());
    desk::AdminSession admin(&desk);
    desk.login(QStringLiteral("admin"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(desk.signedIn(), 10000);
    QVERIFY(admin.mayAdminister());
    QVERIFY(admin.mayReadAudit());
    QSignalSpy done(&admin, &desk::AdminSession::finished);
    QSignalSpy codes(&admin, &desk::AdminSession::codeIssued);

    // A place of the hall, then a code for a new kiosk there.
    QSignalSpy places(&admin, &desk::AdminSession::locationsLoaded);
    admin.loadLocations(QStringLiteral("hall-a"));
    QTRY_COMPARE_WITH_TIMEOUT(places.count(), 1, 10000);
    const auto locations = places[0][1].value<std::vector<v1::Location>>();
    QVERIFY(!locations.empty());
    admin.issueEnrollmentCode(QStringLiteral("hall-a"), QStringLiteral("hall-a-door"),
                              QStringLiteral("kiosk-new"), QStringLiteral("入口新终端"));
    QTRY_COMPARE_WITH_TIMEOUT(codes.count(), 1, 10000);
    const auto code = codes[0][0].value<v1::EnrollmentCode>();
    QCOMPARE(code.kiosk_id(), std::string("kiosk-new"));
    QVERIFY(!code.qr_text().empty());

    // A new kiosk: no credential; it takes the code as scanned from the QR.
    kiosk::KioskOptions o = kioskOptions(QStringLiteral("new.sqlite"));
    o.kioskId.clear();
    o.secretFile = m_dir.filePath(QStringLiteral("new/kiosk.secret"));
    {
      KioskController fresh(o);
      QVERIFY(fresh.start());
      QVERIFY(fresh.needsEnrollment());
      QCOMPARE(fresh.enroll(QString::fromStdString(code.qr_text())), QString());
      QTRY_VERIFY_WITH_TIMEOUT(!fresh.enrolling(), 10000);
      QVERIFY2(!fresh.needsEnrollment(), qPrintable(fresh.enrollError()));
      QCOMPARE(fresh.kioskId(), QStringLiteral("kiosk-new"));
      QTRY_VERIFY_WITH_TIMEOUT(fresh.signedIn(), 10000);
      QCOMPARE(
          QFileInfo(o.secretFile).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
          QFileDevice::Permissions());
    }
    // Restarted without --kiosk-id: it is the kiosk it enrolled as.
    {
      KioskController again(o);
      QVERIFY(again.start());
      QVERIFY(!again.needsEnrollment());
      QCOMPARE(again.kioskId(), QStringLiteral("kiosk-new"));
      QTRY_VERIFY_WITH_TIMEOUT(again.signedIn(), 10000);
    }
    // The code worked once.
    kiosk::KioskOptions other = o;
    other.secretFile = m_dir.filePath(QStringLiteral("other/kiosk.secret"));
    other.queueFile = m_dir.filePath(QStringLiteral("other.sqlite"));
    {
      KioskController second(other);
      QVERIFY(second.start());
      QCOMPARE(second.enroll(QString::fromStdString(code.code())), QString());
      QTRY_VERIFY_WITH_TIMEOUT(!second.enrolling(), 10000);
      QCOMPARE(second.enrollError(),
               QStringLiteral("登记码无效、已使用或已过期，请管理员重新生成"));
      QVERIFY(!QFile::exists(other.secretFile));
    }

    // Revoked from the desk: it is refused at its next sign-in.
    admin.revokeKiosk(QStringLiteral("kiosk-new"), QStringLiteral("设备丢失"));
    QTRY_VERIFY_WITH_TIMEOUT(done.count() > 0 && done.last()[0] == QStringLiteral("revoke"), 10000);
    QVERIFY2(done.last()[1].toBool(), qPrintable(done.last()[2].toString()));
    {
      KioskController revoked(o);
      QVERIFY(revoked.start());
      QTRY_VERIFY_WITH_TIMEOUT(revoked.problem().startsWith(QStringLiteral("终端登录失败")), 10000);
      QVERIFY(!revoked.signedIn());
    }

    // guide-a guesses wrong until locked; the admin unlocks; the right
    // password works again at once.
    testing::Client guide(testing::MakeChannel(m_server->port()));
    grpc::StatusCode last = grpc::StatusCode::OK;
    for (int i = 0; i < 10 && last != grpc::StatusCode::RESOURCE_EXHAUSTED; ++i)
      last = guide.Login("guide-a", "wrong-password").error_code();
    QCOMPARE(last, grpc::StatusCode::RESOURCE_EXHAUSTED);
    QCOMPARE(guide.Login("guide-a").error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    admin.unlockSignIn(desk::AdminSession::UnlockAccount, QStringLiteral("guide-a"));
    QTRY_VERIFY_WITH_TIMEOUT(done.last()[0] == QStringLiteral("unlock"), 10000);
    QVERIFY2(done.last()[1].toBool(), qPrintable(done.last()[2].toString()));
    QCOMPARE(done.last()[2].toString(), QStringLiteral("已解除 guide-a 的登录锁定"));
    QVERIFY(guide.Login("guide-a").ok());

    // The audit log, filtered by action, then by a window before all this.
    desk::AuditQuery q;
    q.actions << QStringLiteral("kiosk_revoked");
    q.fromMs = startedMs;
    admin.loadAudit(q);
    QTRY_VERIFY_WITH_TIMEOUT(!admin.auditLoading(), 10000);
    QCOMPARE(admin.audit()->rowCount(), 1);
    QCOMPARE(admin.audit()->index(0, client::AuditLogModel::TargetColumn).data().toString(),
             QStringLiteral("kiosk-new"));
    QCOMPARE(admin.audit()->index(0, client::AuditLogModel::ActionColumn).data().toString(),
             QStringLiteral("吊销终端"));
    admin.loadAudit({});  // everything: enrollment, the lockout, the unlock …
    QTRY_VERIFY_WITH_TIMEOUT(!admin.auditLoading(), 10000);
    QSet<QString> actions;
    for (int r = 0; r < admin.audit()->rowCount(); ++r)
      actions << admin.audit()->index(r, 0).data(client::AuditLogModel::ActionRole).toString();
    for (const char* a : {"enrollment_issued", "kiosk_enrolled", "kiosk_revoked", "locked",
                          "unlocked", "sign_in"}) {
      QVERIFY2(actions.contains(QString::fromLatin1(a)), a);
    }
    desk::AuditQuery before;
    before.toMs = startedMs - 3600 * 1000;
    admin.loadAudit(before);
    QTRY_VERIFY_WITH_TIMEOUT(!admin.auditLoading(), 10000);
    QCOMPARE(admin.audit()->rowCount(), 0);
    QVERIFY(!admin.hasOlderAudit());
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

QTEST_MAIN(SecurityUiTest)
#include "security_ui_e2e_test.moc"
