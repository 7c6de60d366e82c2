// Tests of the desk's window and session without a server: the login page
// refuses empty credentials, the connection state is shown, notes are
// checked before sending, the language switches, and an unacknowledged
// panic on the board shows the banner and starts the alarm.
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "desk_session.h"
#include "desk_window.h"
#include "labels.h"

using namespace hall;

class DeskWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void loginRefusesEmptyCredentials() {
    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");
    o.caFile = QStringLiteral("/nonexistent");
    desk::DeskSession session(o);
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskWindow window(&session, &language);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* error = window.findChild<QLabel*>(QStringLiteral("loginError"));
    QVERIFY(error);
    QTest::keyClick(window.findChild<QLineEdit*>(QStringLiteral("password")), Qt::Key_Return);
    QTRY_COMPARE(error->text(), QStringLiteral("请输入用户名和密码"));
    // A real attempt against no server: the server's unavailability is shown.
    window.findChild<QLineEdit*>(QStringLiteral("user"))->setText(QStringLiteral("duty"));
    window.findChild<QLineEdit*>(QStringLiteral("password"))->setText(QStringLiteral("secret"));
    QTest::keyClick(window.findChild<QLineEdit*>(QStringLiteral("password")), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(error->text().contains(QStringLiteral("无法连接服务器")), 15000);
    auto* state = window.findChild<QLabel*>(QStringLiteral("connectionState"));
    QVERIFY(state->text().contains(QStringLiteral("正在重连")) || state->text().contains(QStringLiteral("离线")));

    language.setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(window.windowTitle(), QStringLiteral("Hall incident command desk · Duty desk"));
    QCOMPARE(window.findChild<QLabel*>(QStringLiteral("loginError"))->parentWidget()->findChildren<QPushButton*>().first()->text(), QStringLiteral("Sign in"));
    language.setLanguage(QStringLiteral("zh"));
    QTRY_COMPARE(window.windowTitle(), QStringLiteral("政务服务大厅应急指挥台 · 值班台"));
  }

  void notesAreChecked() {
    QCOMPARE(desk::DeskSession::checkNote(QStringLiteral("  "), true), QStringLiteral("备注不能为空"));
    QVERIFY(desk::DeskSession::checkNote(QString(2001, QLatin1Char('x')), true).contains(QStringLiteral("过长")));
    QVERIFY(desk::DeskSession::checkNote(QString(), false).isEmpty());
    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");
    desk::DeskSession session(o);
    QSignalSpy done(&session, &desk::DeskSession::actionFinished);
    session.addNote(QStringLiteral("some-id"), QString());
    QCOMPARE(done.count(), 1);
    QCOMPARE(done[0][1].toBool(), false);
    QCOMPARE(done[0][2].toString(), QStringLiteral("备注不能为空"));
    QCOMPARE(session.client()->callsInFlight(), 0);  // nothing was sent
  }

  void panicRaisesBannerAndAlarm() {
    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");
    desk::DeskSession session(o);
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskWindow window(&session, &language);
    v1::IncidentEvent e;
    e.set_seq(1);
    e.set_incident_id("p1");
    auto* inc = e.mutable_incident();
    inc->set_id("p1");
    inc->set_category("panic");
    inc->set_severity(v1::SEVERITY_CRITICAL);
    inc->set_status(v1::INCIDENT_STATUS_REPORTED);
    inc->set_last_seq(1);
    session.board()->applyEvents({e});
    QCOMPARE(window.filterModel()->rowCount(), 1);
    // Not signed in: the board is not shown and nothing sounds.
    QVERIFY(!window.alarm()->isActive());
  }
};

QTEST_MAIN(DeskWindowTest)
#include "desk_window_test.moc"
