// The desk's drills tab fed a run by hand (drill_sample.h; no server): the
// scenario's preview lists what a run expects with its clauses; the live
// run's banner, score and expected responses (outcome words and colours,
// under QAbstractItemModelTester) and its timeline (double-click opens the
// incident); the ended run's banner and review; history, trend and
// cadence. A duty officer watches read-only (Start, Stop, … disabled); a
// drill coordinator may act, and the tab is theirs first in the window.
// Leaves a PNG of the live run for a person to look at (HALL_DRILLS_PNG).
#include "drill_console_view.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>

#include "desk_session.h"
#include "desk_window.h"
#include "drill_report.h"
#include "drill_sample.h"

using namespace hall;
namespace v1 = hall::v1;
using Results = client::DrillResultsModel;

namespace {

// A principal as the server describes it: the drill permissions as
// server/domain/access.cpp gives them to each role.
v1::Principal As(v1::Role role) {
  v1::Principal p;
  p.set_id("p-1");
  p.set_role(role);
  p.add_hall_ids("jiaxiang-1");
  p.add_permissions("read");
  switch (role) {
    case v1::ROLE_DRILL_COORDINATOR:
      p.add_permissions("run_drill");
      p.add_permissions("read_drills");
      break;
    case v1::ROLE_DUTY_OFFICER:
    case v1::ROLE_HALL_HEAD:
    case v1::ROLE_LEADERSHIP:
      p.add_permissions("read_drills");
      break;
    default:
      break;
  }
  return p;
}

desk::DeskOptions Offline() {
  desk::DeskOptions o;
  o.server = QStringLiteral("127.0.0.1:1");  // nothing listens there
  o.caFile = QStringLiteral("/nonexistent");
  return o;
}

QPushButton* Button(QWidget* w, const char* name) {
  return w->findChild<QPushButton*>(QString::fromLatin1(name));
}

}  // namespace

class DrillConsoleViewTest : public QObject {
  Q_OBJECT

 private slots:
  void liveRunForADutyOfficerReadOnly() {
    desk::DeskSession session(Offline());
    session.setPrincipal(As(v1::ROLE_DUTY_OFFICER));
    emit session.hallsChanged();
    desk::DrillConsoleView view(&session);
    QAbstractItemModelTester tester(view.results(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.resize(1600, 900);
    view.setScenarios({drill_sample::ForHall()});
    QCOMPARE(view.scenarioId(), QStringLiteral("jiaxiang_power_failure"));
    // The preview: what it rehearses, its clause and each expected response.
    const QString preview =
        view.findChild<QTextBrowser*>(QStringLiteral("drillScenarioPreview"))->toPlainText();
    for (const char* want :
         {"突发停电：联系供电部门、告知群众、核查电梯被困人员",
          "嘉祥 四(一)2（参照东莞 B.2.2 定期演练）", "每 365 天一次", "应有响应（3 项）",
          "参演角色： 值班人员、大厅负责人", "核查电梯被困人员", "嘉祥 四(一)5 核查电梯",
          "lift_trapped 注入后 5分00秒 内"}) {
      QVERIFY2(preview.contains(QString::fromUtf8(want)), qPrintable(preview));
    }

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    view.setDrill(drill_sample::Running(now, 420));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY2(view.bannerText().startsWith(QStringLiteral("演练进行中")),
             qPrintable(view.bannerText()));
    QVERIFY(view.bannerText().contains(QStringLiteral("突发停电演练")));
    QVERIFY(view.polling());  // visible and live: GetDrill every 2 s
    const QString score = view.findChild<QLabel*>(QStringLiteral("drillScore"))->text();
    QVERIFY2(score.contains(QStringLiteral("<b>50%</b>（至今）")), qPrintable(score));
    QVERIFY(score.contains(QStringLiteral("超时 1 · 待定 1")));
    QVERIFY(view.findChild<QLabel*>(QStringLiteral("drillClock"))
                ->text()
                .startsWith(QStringLiteral("演练用时 07:")));

    auto* m = view.results();
    QCOMPARE(m->rowCount(), 3);
    auto cell = [m](int row, int column, int role = Qt::DisplayRole) {
      return m->index(row, column).data(role);
    };
    QCOMPARE(cell(0, Results::ExpectationColumn).toString(), QStringLiteral("确认停电报警"));
    QCOMPARE(cell(0, Results::InjectColumn).toString(), QStringLiteral("outage"));
    QCOMPARE(cell(0, Results::OutcomeColumn).toString(), QStringLiteral("按时"));
    QCOMPARE(cell(0, Results::TookColumn).toString(), QStringLiteral("45秒"));
    QCOMPARE(cell(0, Results::DeadlineColumn).toString(),
             QDateTime::fromSecsSinceEpoch(now - 420 + 180).toString(QStringLiteral("HH:mm:ss")));
    QCOMPARE(cell(1, Results::OutcomeColumn).toString(), QStringLiteral("待定"));
    QCOMPARE(cell(2, Results::OutcomeColumn).toString(), QStringLiteral("超时"));
    QCOMPARE(cell(2, Results::CitationColumn).toString(), QStringLiteral("嘉祥 四(一)5 核查电梯"));
    QCOMPARE(cell(2, Results::OutcomeColumn, Qt::BackgroundRole).value<QBrush>().color(),
             client::outcomeColor(v1::ExpectationResult::OUTCOME_OVERDUE));
    QCOMPARE(cell(2, 0, Results::IncidentIdRole).toString(), QStringLiteral("inc-lift"));

    // The timeline: injects fired, incidents, the message still due.
    auto* timeline = view.findChild<QListWidget*>(QStringLiteral("drillTimeline"));
    QCOMPARE(timeline->count(), 5);
    QVERIFY(timeline->item(4)->text().startsWith(QStringLiteral("预定 ")));
    QSignalSpy open(&view, &desk::DrillConsoleView::openIncident);
    emit timeline->itemDoubleClicked(timeline->item(1));
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toString(), QStringLiteral("inc-outage"));

    const QString png = qEnvironmentVariable("HALL_DRILLS_PNG");  // for a person to look at
    if (!png.isEmpty()) QVERIFY(view.grab().save(png));

    // Read-only: watching, not acting.
    for (const char* name :
         {"drillStart", "drillPause", "drillResume", "drillStop", "drillSaveReview"})
      QVERIFY2(!Button(&view, name)->isEnabled(), name);
    QCOMPARE(view.findChild<QLabel*>(QStringLiteral("drillReadOnly"))->text(),
             QStringLiteral("只读（观摩）"));
    view.stopWithReason(QStringLiteral("x"));  // refused here: nothing sent
    QCOMPARE(session.client()->callsInFlight(), 0);

    // The poll stops with the tab hidden.
    view.hide();
    QVERIFY(!view.polling());
  }

  void coordinatorActsAndReviewsTheEndedRun() {
    desk::DeskSession session(Offline());
    session.setPrincipal(As(v1::ROLE_DRILL_COORDINATOR));
    emit session.hallsChanged();
    desk::DrillConsoleView view(&session);
    view.setScenarios({drill_sample::ForHall()});
    QCOMPARE(view.hallId(), QStringLiteral("jiaxiang-1"));
    QVERIFY(Button(&view, "drillStart")->isEnabled());  // no drill live in the hall

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    view.setDrill(drill_sample::Running(now, 420));
    QVERIFY(!Button(&view, "drillStart")->isEnabled());  // one drill per hall
    QVERIFY(Button(&view, "drillPause")->isEnabled());
    QVERIFY(!Button(&view, "drillResume")->isEnabled());
    QVERIFY(Button(&view, "drillStop")->isEnabled());
    QVERIFY(!Button(&view, "drillSaveReview")->isEnabled());  // not over yet

    v1::Drill paused = drill_sample::Running(now, 420);
    paused.set_state(v1::DRILL_STATE_PAUSED);
    paused.mutable_paused_at()->set_seconds(now - 10);
    view.setDrill(paused);
    QVERIFY(view.bannerText().startsWith(QStringLiteral("演练已暂停")));
    QVERIFY(!Button(&view, "drillPause")->isEnabled());
    QVERIFY(Button(&view, "drillResume")->isEnabled());

    // Stop needs its reason: refused at once, nothing sent.
    view.stopWithReason(QStringLiteral("  "));
    QVERIFY2(view.statusText().contains(QStringLiteral("停止演练须填写原因")),
             qPrintable(view.statusText()));
    QCOMPARE(session.client()->callsInFlight(), 0);

    // Over: the banner, the final score, the review form filled and open.
    view.setDrill(drill_sample::Ended());
    QVERIFY(view.bannerText().startsWith(QStringLiteral("演练已结束")));
    QCOMPARE(view.results()->index(1, Results::OutcomeColumn).data().toString(),
             QStringLiteral("迟 2分05秒"));
    QCOMPARE(view.results()->index(2, Results::OutcomeColumn).data().toString(),
             QStringLiteral("未完成"));
    QVERIFY(Button(&view, "drillStart")->isEnabled());
    QVERIFY(!Button(&view, "drillStop")->isEnabled());
    QVERIFY(Button(&view, "drillSaveReview")->isEnabled());
    QVERIFY(Button(&view, "drillPdf")->isEnabled());
    QCOMPARE(view.findChild<QPlainTextEdit*>(QStringLiteral("drillImprovements"))->toPlainText(),
             QStringLiteral("每季度组织一次电梯困人专项演练\n值班表增加物业电工的联系方式"));

    // History (newest first) and the trend of final scores, oldest first.
    v1::Drill older = drill_sample::Ended();
    older.set_id("older");
    older.mutable_starts_at()->set_seconds(drill_sample::kT0 - 86400 * 90);
    older.mutable_score()->set_percent(30);
    view.setHistory({drill_sample::Ended(), older});
    auto* history = view.findChild<QTableWidget*>(QStringLiteral("drillHistory"));
    QCOMPARE(history->rowCount(), 2);
    QCOMPARE(history->item(0, 1)->text(), QStringLiteral("已结束"));
    QCOMPARE(history->item(1, 2)->text(), QStringLiteral("30%"));
    auto* trend = view.findChild<QChartView*>(QStringLiteral("drillTrend"));
    QVERIFY(trend->chart()->title().contains(QStringLiteral("共 2 次")));
    QVERIFY(!trend->chart()->series().isEmpty());

    // Cadence: an overdue row in red.
    v1::DrillCadence c;
    c.set_hall_id("jiaxiang-1");
    c.set_scenario_id("jiaxiang_power_failure");
    c.set_scenario_name_zh("突发停电演练");
    c.set_interval_days(365);
    c.mutable_last_run_at()->set_seconds(drill_sample::kT0 - 86400 * 400);
    c.mutable_due_at()->set_seconds(drill_sample::kT0 - 86400 * 35);
    c.set_overdue(true);
    c.set_last_percent(30);
    view.setCadence({c});
    auto* cadence = view.findChild<QTableWidget*>(QStringLiteral("drillCadence"));
    QCOMPARE(cadence->rowCount(), 1);
    QCOMPARE(cadence->item(0, 5)->text(), QStringLiteral("逾期"));
    QCOMPARE(cadence->item(0, 5)->foreground().color(), QColor(0xc6, 0x28, 0x28));
    QCOMPARE(cadence->item(0, 6)->text(), QStringLiteral("30%"));
  }

  void theTabInTheWindow() {
    desk::DeskSession session(Offline());
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskWindow window(&session, &language);
    auto* tabs = window.boardTabs();
    const int drills = tabs->indexOf(window.drillConsole());
    QVERIFY(drills >= 0);
    QCOMPARE(tabs->tabText(drills), QStringLiteral("演练"));

    session.setPrincipal(As(v1::ROLE_DRILL_COORDINATOR));
    QVERIFY(tabs->isTabVisible(drills));
    QCOMPARE(tabs->currentIndex(), drills);  // the coordinator's first tab

    for (auto role : {v1::ROLE_DUTY_OFFICER, v1::ROLE_HALL_HEAD, v1::ROLE_LEADERSHIP}) {
      session.setPrincipal(As(role));
      QVERIFY(tabs->isTabVisible(drills));
      QVERIFY(tabs->currentIndex() != drills);
    }
    for (auto role : {v1::ROLE_FLOOR_GUIDE, v1::ROLE_ADMIN}) {
      session.setPrincipal(As(role));
      QVERIFY(!tabs->isTabVisible(drills));
    }

    // In English: the tab, the banner and the contract's English texts.
    window.drillConsole()->setDrill(drill_sample::Ended());
    language.setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(tabs->tabText(drills), QStringLiteral("Drills"));
    QTRY_COMPARE(window.drillConsole()->bannerText(),
                 QStringLiteral("Drill ended: Power failure drill"));
    QCOMPARE(
        window.drillConsole()->results()->index(2, Results::ExpectationColumn).data().toString(),
        QStringLiteral("Check the lifts for trapped people"));
    QCOMPARE(window.drillConsole()->results()->index(2, Results::OutcomeColumn).data().toString(),
             QStringLiteral("Missed"));
    language.setLanguage(QStringLiteral("zh"));
    QTRY_VERIFY(window.drillConsole()->bannerText().startsWith(QStringLiteral("演练已结束")));
  }
};

QTEST_MAIN(DrillConsoleViewTest)
#include "drill_console_view_test.moc"
