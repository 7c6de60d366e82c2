// The drill's after-action record (drill_report.cpp) from a hand-made run
// (drill_sample.h) with one response on time, one late and one missed: the
// report names the missed step with its clause, the late one with its
// lateness, and the review; the PDF reads back; the CSV has one row per
// expected response with the contract's figures; deadlines are the inject's
// fired time + within_seconds; the timeline merges injects and incidents;
// the state words, the outcome words and the drill clock.
#include "drill_report.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "drill_sample.h"

using namespace hall::client;
namespace v1 = hall::v1;
using drill_sample::kT0;

namespace {
QString Run(const QString& program, const QStringList& args) {
  QProcess p;
  p.start(program, args);
  if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
  return QString::fromUtf8(p.readAllStandardOutput());
}
}  // namespace

class DrillReportTest : public QObject {
  Q_OBJECT

 private slots:
  void htmlNamesTheMissedStepTheLatenessAndTheReview() {
    DrillReportNames names;
    names.hallName = QStringLiteral("嘉祥县为民服务中心");
    names.printedAtMs = (kT0 + 7200) * 1000;
    const QString html = buildDrillReportHtml(drill_sample::Ended(), QStringLiteral("zh"), names);
    for (const char* want : {"演练评估报告", "嘉祥县为民服务中心", "突发停电演练",
                             "嘉祥 四(一)2（参照东莞 B.2.2 定期演练）",
                             "突发停电：联系供电部门、告知群众、核查电梯被困人员", "得分 50%",
                             "按时 1 · 迟 1 · 未完成 1 · 超时 0 · 待定 0"}) {
      QVERIFY2(html.contains(QString::fromUtf8(want)), want);
    }
    // The missed step, its clause, and 未完成 in the same row.
    const int missed = html.indexOf(QStringLiteral("<td>核查电梯被困人员</td>"));
    QVERIFY(missed > 0);
    const QString row = html.mid(missed, html.indexOf(QStringLiteral("</tr>"), missed) - missed);
    QVERIFY2(row.contains(QStringLiteral("未完成")), qPrintable(row));
    QVERIFY2(row.contains(QStringLiteral("嘉祥 四(一)5 核查电梯")), qPrintable(row));
    // The late one: by 2分05秒 (125 s), having taken 12分05秒.
    const int late = html.indexOf(QStringLiteral("<td>联系供电部门</td>"));
    QVERIFY(late > 0);
    const QString lateRow = html.mid(late, html.indexOf(QStringLiteral("</tr>"), late) - late);
    QVERIFY2(lateRow.contains(QStringLiteral("迟 2分05秒")), qPrintable(lateRow));
    QVERIFY2(lateRow.contains(QStringLiteral("<td>125</td>")), qPrintable(lateRow));
    QVERIFY2(lateRow.contains(QStringLiteral("12分05秒")), qPrintable(lateRow));
    // The review.
    for (const char* want : {"停电报警45秒内确认，群众疏导有序", "电梯困人未在时限内核查",
                             "<li>每季度组织一次电梯困人专项演练</li>",
                             "<li>值班表增加物业电工的联系方式</li>", "演练组织者王五"}) {
      QVERIFY2(html.contains(QString::fromUtf8(want)), want);
    }
    // English picks the contract's English texts.
    const QString en = buildDrillReportHtml(drill_sample::Ended(), QStringLiteral("en"), names);
    QVERIFY(en.contains(QStringLiteral("Power failure drill")));
    QVERIFY(en.contains(QStringLiteral("Check the lifts for trapped people")));
  }

  void pdfReadsBack() {
    QTemporaryDir dir;
    const QString pdf = dir.filePath("drill.pdf");
    QString error;
    QVERIFY2(writeDrillPdf(drill_sample::Ended(), QStringLiteral("zh"), pdf, &error),
             qPrintable(error));
    const QString text =
        Run("pdftotext", {"-layout", pdf, "-"}).normalized(QString::NormalizationForm_KC);
    QVERIFY2(!text.isEmpty(), "pdftotext (poppler-utils) read nothing");
    for (const char* want :
         {"演练评估报告", "核查电梯被困人员", "未完成", "每季度组织一次电梯困人专项演练"}) {
      QVERIFY2(text.contains(QString::fromUtf8(want)),
               qPrintable(QString::fromUtf8(want) + "\n" + text));
    }
    QVERIFY(text.indexOf(QStringLiteral("二、应有响应及完成情况")) <
            text.indexOf(QStringLiteral("四、演练总结")));
  }

  void csvRowPerExpectedResponse() {
    QTemporaryDir dir;
    const QString path = dir.filePath("drill.csv");
    QString error;
    QVERIFY2(writeDrillCsv(drill_sample::Ended(), path, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray csv = f.readAll();
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    const QStringList lines = QString::fromUtf8(csv.mid(3)).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0],
             QStringLiteral(
                 "expectation_id,text,inject,deadline,outcome,late_seconds,took_seconds,citation"));
    const QString deadline =
        QDateTime::fromSecsSinceEpoch(kT0 + 180).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QCOMPARE(lines[1],
             QStringLiteral("\"ack_outage\",\"确认停电报警\",\"outage\",\"%1\",on_time,0,45,"
                            "\"嘉祥 三(一) 3分钟内确认\"")
                 .arg(deadline));
    QVERIFY2(lines[2].contains(QStringLiteral(",late,125,725,")), qPrintable(lines[2]));
    QVERIFY2(lines[3].startsWith(
                 QStringLiteral("\"check_lifts\",\"核查电梯被困人员\",\"lift_trapped\"")),
             qPrintable(lines[3]));
    QVERIFY2(lines[3].endsWith(QStringLiteral(",missed,0,,\"嘉祥 四(一)5 核查电梯\"")),
             qPrintable(lines[3]));
    // English texts on request.
    QVERIFY(QString::fromUtf8(drillCsv(drill_sample::Ended(), QStringLiteral("en")))
                .contains(QStringLiteral("\"Contact the power utility\"")));
    QVERIFY(!writeDrillCsv(drill_sample::Ended(), "/nonexistent-dir/x.csv", &error));
    QVERIFY(!error.isEmpty());
  }

  void deadlinesAndTimeline() {
    const v1::Drill d = drill_sample::Ended();
    QCOMPARE(expectationDeadlineMs(d, d.score().results(0)), (kT0 + 180) * 1000);
    QCOMPARE(expectationDeadlineMs(d, d.score().results(2)), (kT0 + 300 + 300) * 1000);
    // An inject not fired yet has no deadline.
    v1::Drill running = drill_sample::Running(kT0, 120);
    QCOMPARE(expectationDeadlineMs(running, running.score().results(2)), 0);

    const auto timeline = drillTimeline(d);
    QCOMPARE(timeline.size(), 5);  // three injects, two incidents
    QVERIFY(timeline[0].text.contains(QStringLiteral("outage")));
    QVERIFY(!timeline[0].incident);
    QVERIFY(timeline[1].incident);
    QCOMPARE(timeline[1].incidentId, QStringLiteral("inc-outage"));
    QVERIFY(timeline[4].text.contains(QStringLiteral("供电部门答复")));
    // Injects still due come after what happened.
    const auto live = drillTimeline(running);
    QVERIFY(!live.last().fired);
    QVERIFY(live.last().text.contains(QStringLiteral("预定")));
  }

  void statesOutcomesAndClock() {
    v1::Drill d = drill_sample::Ended();
    QCOMPARE(drillStateText(d, kT0 * 1000), QStringLiteral("演练已结束"));
    QVERIFY(!drillLive(d));
    d.set_state(v1::DRILL_STATE_STOPPED);
    QCOMPARE(drillStateText(d, kT0 * 1000), QStringLiteral("演练已停止"));
    d = drill_sample::Running(kT0, 420);
    QVERIFY(drillLive(d));
    QCOMPARE(drillStateText(d, kT0 * 1000), QStringLiteral("演练进行中"));
    QCOMPARE(drillElapsedSeconds(d, kT0 * 1000), 420);
    // Paused for 60 s before and paused now since 100 s ago.
    d.set_state(v1::DRILL_STATE_PAUSED);
    d.set_paused_seconds(60);
    d.mutable_paused_at()->set_seconds(kT0 - 100);
    QCOMPARE(drillStateText(d, kT0 * 1000), QStringLiteral("演练已暂停"));
    QCOMPARE(drillElapsedSeconds(d, kT0 * 1000), 420 - 100 - 60);
    // Scheduled: running with a start ahead.
    d.set_state(v1::DRILL_STATE_RUNNING);
    d.mutable_starts_at()->set_seconds(kT0 + 3600);
    QVERIFY(drillScheduled(d, kT0 * 1000));
    QVERIFY(drillStateText(d, kT0 * 1000).startsWith(QStringLiteral("演练计划于 ")));
    QCOMPARE(drillElapsedSeconds(d, kT0 * 1000), 0);

    v1::ExpectationResult r;
    r.set_outcome(v1::ExpectationResult::OUTCOME_OVERDUE);
    QCOMPARE(outcomeText(r), QStringLiteral("超时"));
    r.set_outcome(v1::ExpectationResult::OUTCOME_PENDING);
    QCOMPARE(outcomeText(r), QStringLiteral("待定"));
    r.set_outcome(v1::ExpectationResult::OUTCOME_LATE);
    r.set_late_seconds(42);
    QCOMPARE(outcomeText(r), QStringLiteral("迟 42秒"));
    QCOMPARE(outcomeColor(v1::ExpectationResult::OUTCOME_MISSED), QColor(0xc6, 0x28, 0x28));
    QCOMPARE(drillClockText(65), QStringLiteral("01:05"));
    QCOMPARE(drillClockText(3725), QStringLiteral("1:02:05"));
  }
};

QTEST_MAIN(DrillReportTest)
#include "drill_report_test.moc"
