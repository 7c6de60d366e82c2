// The dashboard drawn from a period's figures (no server): the six charts
// hold what the figures say — days by class, halls, plans, the duration
// histograms with each plan's target line at its place, the steps pie —
// the breaches and follow-ups list and open their incident, and the period
// report prints with the charts as images. Leaves a PNG of the dashboard
// for a person to look at (HALL_DASHBOARD_PNG).
#include "dashboard_view.h"

#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QPieSeries>
#include <QProcess>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "desk_session.h"

using namespace hall;
namespace v1 = hall::v1;

namespace {

v1::Statistics Sample() {
  v1::Statistics s;
  s.set_total(14);
  s.set_open(3);
  s.set_drills_excluded(2);
  const std::pair<const char*, v1::EventClass> days[] = {
      {"2026-11-02", v1::EVENT_CLASS_PUBLIC_SAFETY}, {"2026-11-02", v1::EVENT_CLASS_FACILITY},
      {"2026-11-09", v1::EVENT_CLASS_SERVICE_ORDER}, {"2026-11-17", v1::EVENT_CLASS_FACILITY},
      {"2026-11-23", v1::EVENT_CLASS_PUBLIC_HEALTH}, {"2026-11-28", v1::EVENT_CLASS_SERVICE_ORDER}};
  int n = 1;
  for (const auto& [day, cls] : days) {
    auto* d = s.add_per_day();
    d->set_day(day);
    d->set_event_class(cls);
    d->set_count(n++ % 4 + 1);
  }
  for (auto [key, label, count, open] : {std::tuple{"yuelu-1", "岳麓区政务服务中心", 8, 2},
                                         {"yuelu-2", "岳麓区第二政务服务中心", 4, 1},
                                         {"furong-1", "芙蓉区政务服务中心", 2, 0}}) {
    auto* h = s.add_per_hall();
    h->set_key(key);
    h->set_label(label);
    h->set_count(count);
    h->set_open(open);
  }
  auto* p = s.add_per_plan();
  p->set_key("hunan");
  p->set_label("湖南");
  p->set_count(14);
  auto fill = [](v1::Distribution* d, std::vector<int> counts, int64_t target) {
    const int64_t uppers[] = {60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400, 0};
    for (size_t i = 0; i < counts.size(); ++i) {
      d->add_bucket_upper_seconds(uppers[i]);
      d->add_counts(counts[i]);
      d->set_measured(d->measured() + counts[i]);
    }
    d->set_with_target(d->measured());
    d->set_within_target(d->measured() - 2);
    d->set_median_seconds(150);
    d->set_p90_seconds(700);
    auto* t = d->add_targets();
    t->set_plan_id("hunan");
    t->set_seconds(target);
    t->set_citation("湖南 5.1");
  };
  fill(s.mutable_time_to_acknowledge(), {3, 4, 3, 1, 1, 0, 0, 0, 0, 0, 0, 0}, 300);
  fill(s.mutable_time_to_resolve(), {0, 0, 1, 2, 2, 3, 1, 1, 0, 0, 0, 0}, 7200);
  s.set_steps_on_time(31);
  s.set_steps_late(4);
  s.set_steps_missed(2);
  auto* b = s.add_breaches();
  b->set_incident_id("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  b->set_hall_id("yuelu-1");
  b->set_category("fire");
  b->set_kind(v1::Breach::KIND_ACK_LATE);
  b->set_citation("湖南 5.1");
  b->set_late_seconds(130);
  b->mutable_reported_at()->set_seconds(1'793'600'000);
  auto* f = s.add_open_follow_ups();
  f->set_incident_id("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  f->set_hall_id("yuelu-1");
  f->mutable_follow_up()->set_text("更换老化配电箱");
  f->mutable_follow_up()->set_owner("后勤科王五");
  f->mutable_follow_up()->mutable_due_at()->set_seconds(1'796'000'000);
  return s;
}

}  // namespace

class DashboardViewTest : public QObject {
  Q_OBJECT

 private slots:
  void chartsAndTablesShowTheFigures() {
    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");
    o.caFile = QStringLiteral("/nonexistent");
    desk::DeskSession session(o);
    desk::DashboardView view(&session);
    view.resize(1600, 1000);
    view.setPeriod(client::periodContaining(client::PeriodKind::Month, QDate(2026, 11, 5)));
    view.setStatistics(Sample());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    const auto charts = view.charts();
    QCOMPARE(charts.size(), 6);
    // Days by class: one stacked set per class, a bar per day of November.
    auto* daily = qobject_cast<QStackedBarSeries*>(charts[0]->chart()->series().value(0));
    QVERIFY(daily);
    QCOMPARE(daily->count(), 4);  // four classes had incidents
    QCOMPARE(daily->barSets()[0]->count(), 30);
    qreal sum = 0;
    for (auto* set : daily->barSets()) sum += set->sum();
    QCOMPARE(sum, 2.0 + 3 + 4 + 1 + 2 + 3);
    // The acknowledgement histogram, with Hunan's 5-minute target at the
    // right edge of the "≤ 5 minutes" bucket.
    QLineSeries* target = nullptr;
    for (auto* s : charts[3]->chart()->series())
      if (auto* line = qobject_cast<QLineSeries*>(s)) target = line;
    QVERIFY(target);
    QCOMPARE(target->at(0).x(), 2.5);
    QVERIFY(target->name().contains(QStringLiteral("湖南")));
    QVERIFY(charts[3]->chart()->title().contains(QStringLiteral("目标内 10 / 12")));
    // Steps: on time, late, missed.
    auto* pie = qobject_cast<QPieSeries*>(charts[5]->chart()->series().value(0));
    QVERIFY(pie);
    QCOMPARE(pie->count(), 3);
    QCOMPARE(pie->sum(), 37.0);
    // The summary line and the tables.
    auto* summary = view.findChild<QLabel*>(QStringLiteral("dashboardSummary"));
    QVERIFY(summary->text().contains(QStringLiteral("<b>14</b>")));
    QVERIFY(summary->text().contains(QStringLiteral("2 起演练未计入")));
    auto* breaches = view.findChild<QTableWidget*>(QStringLiteral("dashboardBreaches"));
    QCOMPARE(breaches->rowCount(), 1);
    QCOMPARE(breaches->item(0, 3)->text(), QStringLiteral("确认超时"));
    QVERIFY(breaches->item(0, 4)->text().contains(QStringLiteral("湖南 5.1")));
    QSignalSpy open(&view, &desk::DashboardView::openIncident);
    emit breaches->cellDoubleClicked(0, 2);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toString(), QStringLiteral("7c9e6679-7425-40de-944b-e07fc1f90ae7"));
    auto* followUps = view.findChild<QTableWidget*>(QStringLiteral("dashboardFollowUps"));
    QCOMPARE(followUps->rowCount(), 1);
    QCOMPARE(followUps->item(0, 3)->text(), QStringLiteral("更换老化配电箱"));

    const QString png = qEnvironmentVariable("HALL_DASHBOARD_PNG");
    if (!png.isEmpty()) QVERIFY(view.grab().save(png));

    // The period report prints, its charts as images.
    QTemporaryDir dir;
    QString error;
    QVERIFY2(view.writePdf(dir.filePath("r.pdf"), &error), qPrintable(error));
    const QString pdfOut = qEnvironmentVariable("HALL_DASHBOARD_PDF");
    if (!pdfOut.isEmpty()) QFile::copy(dir.filePath("r.pdf"), pdfOut);
    QProcess p;
    p.start("pdfimages", {"-list", dir.filePath("r.pdf")});
    QVERIFY(p.waitForFinished(60000));
    const QString images = QString::fromUtf8(p.readAllStandardOutput());
    QCOMPARE(images.count(QStringLiteral(" image ")), 6);
    p.start("pdftotext", {"-layout", dir.filePath("r.pdf"), "-"});
    QVERIFY(p.waitForFinished(60000));
    const QString text =
        QString::fromUtf8(p.readAllStandardOutput()).normalized(QString::NormalizationForm_KC);
    QVERIFY2(text.contains(QStringLiteral("2026年11月 月报")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("每日事件")), qPrintable(text));
  }
};

QTEST_MAIN(DashboardViewTest)
#include "dashboard_view_test.moc"
