// The period report's parts without a server: periods (weeks from Monday,
// months, quarters) in China Standard Time, the day × class matrix the
// daily chart draws, where a target falls among the histogram's buckets,
// and the printed report read back with poppler (pdftotext), charts
// included as images; the breaches as CSV.
#include "period_report.h"

#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "incident_report.h"

using namespace hall::client;
namespace v1 = hall::v1;

namespace {
QString Run(const QString& program, const QStringList& args) {
  QProcess p;
  p.start(program, args);
  const bool ran =
      p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
  return ran ? QString::fromUtf8(p.readAllStandardOutput()) : QString();
}

v1::Statistics Sample() {
  v1::Statistics s;
  s.set_total(3);
  s.set_open(1);
  s.set_drills_excluded(2);
  auto* d = s.add_per_day();
  d->set_day("2026-11-02");
  d->set_event_class(v1::EVENT_CLASS_PUBLIC_SAFETY);
  d->set_count(2);
  d = s.add_per_day();
  d->set_day("2026-11-30");
  d->set_event_class(v1::EVENT_CLASS_FACILITY);
  d->set_count(1);
  d = s.add_per_day();
  d->set_day("2026-12-01");  // outside November: not drawn
  d->set_event_class(v1::EVENT_CLASS_FACILITY);
  d->set_count(9);
  auto* h = s.add_per_hall();
  h->set_key("yuelu-1");
  h->set_label("岳麓区政务服务中心");
  h->set_count(3);
  h->set_breached(1);
  auto* c = s.add_per_class();
  c->set_key(std::to_string(v1::EVENT_CLASS_PUBLIC_SAFETY));
  c->set_count(2);
  auto* ack = s.mutable_time_to_acknowledge();
  for (int64_t b : {60, 120, 300, 600, 0}) {
    ack->add_bucket_upper_seconds(b);
    ack->add_counts(1);
  }
  ack->set_measured(5);
  ack->set_with_target(5);
  ack->set_within_target(3);
  ack->set_median_seconds(240);
  s.set_steps_on_time(3);
  s.set_steps_late(1);
  auto* b = s.add_breaches();
  b->set_incident_id("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  b->set_hall_id("yuelu-1");
  b->set_category("fire");
  b->set_kind(v1::Breach::KIND_STEP_LATE);
  b->set_step_text_zh("立即组织人员疏散");
  b->set_citation("湖南 6.4.2");
  b->set_late_seconds(900);
  b->mutable_reported_at()->set_seconds(1'793'600'000);
  auto* f = s.add_open_follow_ups();
  f->set_hall_id("yuelu-1");
  f->mutable_follow_up()->set_text("更换老化配电箱");
  f->mutable_follow_up()->set_owner("后勤科王五");
  f->mutable_follow_up()->mutable_due_at()->set_seconds(1'796'000'000);
  return s;
}
}  // namespace

class PeriodReportTest : public QObject {
  Q_OBJECT

 private slots:
  void periodsStartOnMondayTheFirstAndTheQuarter() {
    const QDate sunday(2026, 11, 29);
    auto week = periodContaining(PeriodKind::Week, sunday);
    QCOMPARE(week.first, QDate(2026, 11, 23));  // Monday
    QCOMPARE(week.end, QDate(2026, 11, 30));
    QCOMPARE(week.title(), QStringLiteral("2026-11-23 至 2026-11-29 周报"));
    auto month = periodContaining(PeriodKind::Month, sunday);
    QCOMPARE(month.first, QDate(2026, 11, 1));
    QCOMPARE(month.end, QDate(2026, 12, 1));
    QCOMPARE(month.title(), QStringLiteral("2026年11月 月报"));
    auto quarter = periodContaining(PeriodKind::Quarter, sunday);
    QCOMPARE(quarter.first, QDate(2026, 10, 1));
    QCOMPARE(quarter.end, QDate(2027, 1, 1));
    QCOMPARE(quarter.title(), QStringLiteral("2026年第4季度 季报"));
    QCOMPARE(shiftPeriod(quarter, 1).first, QDate(2027, 1, 1));
    QCOMPARE(shiftPeriod(month, -11).first, QDate(2025, 12, 1));
    QCOMPARE(shiftPeriod(week, -1).first, QDate(2026, 11, 16));
    // Midnight in Beijing is 16:00 UTC the day before.
    v1::ReportScope scope;
    month.fill(&scope);
    QCOMPARE(scope.from().seconds(), 1'793'548'800 - 86400);  // 2026-11-01T00:00+08:00
    QCOMPARE(scope.to().seconds() - scope.from().seconds(), 30 * 86400);
  }

  void dayMatrixCoversEveryDayOfThePeriod() {
    const auto m = dayMatrix(Sample(), periodContaining(PeriodKind::Month, QDate(2026, 11, 5)));
    QCOMPARE(m.days.size(), 30);
    QCOMPARE(m.days.first(), QStringLiteral("11-01"));
    QCOMPARE(m.classes.size(), 2);
    QCOMPARE(m.classes[0], v1::EVENT_CLASS_PUBLIC_SAFETY);
    QCOMPARE(m.counts[0][1], 2);   // 11-02
    QCOMPARE(m.counts[1][29], 1);  // 11-30
    int total = 0;
    for (const auto& row : m.counts)
      for (int n : row) total += n;
    QCOMPARE(total, 3);  // December's 9 are not November's
  }

  void targetsFallBetweenTheirBuckets() {
    const v1::Statistics sample = Sample();
    const auto& d = sample.time_to_acknowledge();
    QCOMPARE(bucketLabel(d, 2), QStringLiteral("≤ 5分钟"));
    QCOMPARE(bucketLabel(d, 4), QStringLiteral("> 10分钟"));
    QCOMPARE(bucketPosition(d, 300), 2.5);               // the right edge of "≤ 5 minutes"
    QCOMPARE(bucketPosition(d, 180), 1.5 + 60 / 180.0);  // a third into (120, 300]
    QCOMPARE(bucketPosition(d, 3600), 3.5);              // beyond the last bound
    QCOMPARE(durationText(5400), QStringLiteral("1小时30分钟"));
    QCOMPARE(onTimeShare(Sample()), 0.75);
  }

  void reportPrintsWithChartsAndReadsBackInChinese() {
    QTemporaryDir dir;
    const QString pdf = dir.filePath("period.pdf");
    QImage chart(800, 400, QImage::Format_RGB32);
    chart.fill(Qt::white);
    QPainter(&chart).fillRect(100, 100, 300, 200, QColor(0x4e, 0x79, 0xa7));
    PeriodReportNames names{QStringLiteral("岳麓区"), {{"yuelu-1", "岳麓区政务服务中心"}}, {}};
    const auto period = periodContaining(PeriodKind::Month, QDate(2026, 11, 5));
    const QString html = periodReportHtml(
        Sample(), period, names, {{"chart0.png", QStringLiteral("每日事件")}}, 1'796'000'000'000);
    QString error;
    QVERIFY2(writeReportPdf(html, pdf, &error, {{"chart0.png", chart}}, period.title()),
             qPrintable(error));
    QFile::copy(pdf, qEnvironmentVariable("HALL_PERIOD_REPORT_OUT", dir.filePath("copy.pdf")));
    const QString text =
        Run("pdftotext", {"-layout", pdf, "-"}).normalized(QString::NormalizationForm_KC);
    QVERIFY2(!text.isEmpty(), "pdftotext (poppler-utils) read nothing");
    // Narrow cells wrap their text: compare in reading order (not the
    // layout) without the line breaks.
    QString compact = Run("pdftotext", {pdf, "-"}).normalized(QString::NormalizationForm_KC);
    compact.remove(QRegularExpression(QStringLiteral("\\s")));
    for (const char* want : {"政务服务大厅突发事件统计报告", "岳麓区", "2026年11月 月报",
                             "岳麓区政务服务中心", "立即组织人员疏散", "湖南 6.4.2", "步骤逾期完成",
                             "更换老化配电箱", "后勤科王五", "每日事件"}) {
      QVERIFY2(compact.contains(QString::fromUtf8(want).remove(QLatin1Char(' '))),
               qPrintable(QString::fromUtf8(want) + "\n" + text));
    }
    QVERIFY(text.indexOf("一、总体情况") < text.indexOf("五、超出时限的事件"));
    // The chart is an image in the PDF.
    const QString images = Run("pdfimages", {"-list", pdf});
    QVERIFY2(images.count(QLatin1Char('\n')) >= 3, qPrintable(images));  // header, rule, image
  }

  void breachesCsvForSpreadsheets() {
    const QByteArray csv = breachesCsv(Sample(), {{}, {{"yuelu-1", "岳麓区政务服务中心"}}, {}});
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    const QString text = QString::fromUtf8(csv);
    QVERIFY(text.contains(QStringLiteral("\"岳麓区政务服务中心\"")));
    QVERIFY(text.contains(QStringLiteral("\"湖南 6.4.2\",900")));
  }
};

QTEST_MAIN(PeriodReportTest)
#include "period_report_test.moc"
