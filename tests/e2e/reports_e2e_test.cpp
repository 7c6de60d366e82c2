// Reports through the desk's own code against a real HallServer: the
// dashboard reads the period's figures for the person's scope (a duty
// officer of hall-a sees hall-a only; leadership sees every hall), a
// refusal is shown in words; the archive export pages through every
// incident with its timeline into a JSON Lines file with progress, and a
// cancelled export leaves no file behind.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include "archive_export.h"
#include "dashboard_view.h"
#include "desk_session.h"
#include "support/test_database.h"
#include "support/test_server.h"

using namespace hall;

class ReportsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    m_db = std::make_unique<testing::TestDatabase>();
    testing::SeedBasic(m_db->conninfo());
    m_server = std::make_unique<testing::TestServer>(m_db->conninfo());
    testing::Client duty_a(testing::MakeChannel(m_server->port()));
    testing::Client duty_b(testing::MakeChannel(m_server->port()));
    QVERIFY(duty_a.Login("duty-a").ok());
    QVERIFY(duty_b.Login("duty-b").ok());
    v1::RaiseIncidentResponse r;
    for (int i = 0; i < 5; ++i) QVERIFY(duty_a.RaiseNew("hall-a", "fire", &r).ok());
    QVERIFY(duty_b.RaiseNew("hall-b", "power_outage", &r).ok());
    QVERIFY(duty_b.RaiseNew("hall-b", "fire", &r, /*drill=*/true).ok());
  }

  void theDashboardReadsTheCallersScope() {
    desk::DeskSession duty(deskOptions());
    duty.login(QStringLiteral("duty-a"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(duty.signedIn(), 10000);
    desk::DashboardView view(&duty);
    QSignalSpy loaded(&view, &desk::DashboardView::loaded);
    view.setPeriod(aroundToday());
    view.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QVERIFY2(loaded[0][0].toBool(), qPrintable(view.statusText()));
    QCOMPARE(view.statistics().total(), 5);
    QCOMPARE(view.statistics().per_hall_size(), 1);
    QCOMPARE(view.statistics().per_hall(0).key(), std::string("hall-a"));
    QCOMPARE(view.statistics().per_hall(0).label(), std::string("测试大厅 hall-a"));

    desk::DeskSession leader(deskOptions());
    leader.login(QStringLiteral("leader"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(leader.signedIn(), 10000);
    desk::DashboardView all(&leader);
    QSignalSpy allLoaded(&all, &desk::DashboardView::loaded);
    all.setPeriod(aroundToday());
    all.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(allLoaded.count(), 1, 10000);
    QCOMPARE(all.statistics().total(), 6);
    QCOMPARE(all.statistics().drills_excluded(), 1);

    // A floor guide has no reports: the refusal is said, not an empty chart.
    desk::DeskSession guide(deskOptions());
    guide.login(QStringLiteral("guide-a"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(guide.signedIn(), 10000);
    QVERIFY(!guide.may(QStringLiteral("report")));
    desk::DashboardView refused(&guide);
    QSignalSpy refusedLoaded(&refused, &desk::DashboardView::loaded);
    refused.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(refusedLoaded.count(), 1, 10000);
    QVERIFY(!refusedLoaded[0][0].toBool());
    QVERIFY2(refused.statusText().contains(QStringLiteral("may not read statistics")),
             qPrintable(refused.statusText()));
  }

  void theArchiveExportPagesWithProgressAndCancelLeavesNothing() {
    desk::DeskSession leader(deskOptions());
    leader.login(QStringLiteral("leader"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(leader.signedIn(), 10000);
    v1::ReportScope scope;
    aroundToday().fill(&scope);
    scope.set_include_drills(true);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("archive.jsonl"));
    client::ArchiveExport exporter(leader.client());
    QSignalSpy progress(&exporter, &client::ArchiveExport::progress);
    QSignalSpy finished(&exporter, &client::ArchiveExport::finished);
    QVERIFY(exporter.start(scope, path, 2));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QVERIFY2(finished[0][0].toBool(), qPrintable(finished[0][1].toString()));
    QCOMPARE(progress.count(), 4);  // 7 incidents, 2 a page
    QCOMPARE(progress.last()[0].toInt(), 7);
    QCOMPARE(progress.last()[1].toInt(), 7);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    int lines = 0;
    while (!f.atEnd()) {
      const auto line = QJsonDocument::fromJson(f.readLine()).object();
      QVERIFY(line.contains(QStringLiteral("incident")));
      QVERIFY(!line[QStringLiteral("timeline")].toArray().isEmpty());
      ++lines;
    }
    QCOMPARE(lines, 7);
    QVERIFY(!QFile::exists(path + QStringLiteral(".part")));

    // Cancelled after its first page: no file, no part file.
    const QString cancelled = dir.filePath(QStringLiteral("cancelled.jsonl"));
    QSignalSpy finished2(&exporter, &client::ArchiveExport::finished);
    QVERIFY(exporter.start(scope, cancelled, 2));
    exporter.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished2.count(), 1, 20000);
    QVERIFY(!finished2[0][0].toBool());
    QCOMPARE(finished2[0][1].toString(), QStringLiteral("已取消，未留下文件"));
    QVERIFY(!QFile::exists(cancelled));
    QVERIFY(!QFile::exists(cancelled + QStringLiteral(".part")));
  }

 private:
  // Yesterday to tomorrow (China Standard Time): holds every raise of the
  // test, whenever it runs (a week or month could end mid-test).
  static client::ReportPeriod aroundToday() {
    const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone(8 * 3600)).date();
    client::ReportPeriod p;
    p.kind = client::PeriodKind::Week;
    p.first = today.addDays(-1);
    p.end = today.addDays(2);
    return p;
  }
  desk::DeskOptions deskOptions() const {
    desk::DeskOptions o;
    o.server = QString::fromStdString(m_server->address());
    o.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    return o;
  }

  std::unique_ptr<testing::TestDatabase> m_db;
  std::unique_ptr<testing::TestServer> m_server;
};

QTEST_MAIN(ReportsTest)
#include "reports_e2e_test.moc"
