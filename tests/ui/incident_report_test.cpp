// The incident report: rendered to an A4 PDF and read back with poppler
// (pdftotext, pdftoppm) — the Chinese texts are there, in order, and the
// page renders; the CSV opens in a spreadsheet (UTF-8 BOM, quoted cells);
// the JSON is the contract's mapping.
#include "incident_report.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hall::client;
namespace v1 = hall::v1;

namespace {
v1::GetIncidentResponse Sample() {
  v1::GetIncidentResponse r;
  auto* inc = r.mutable_incident();
  inc->set_id("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  inc->set_hall_id("yuelu-1");
  inc->set_category("fire");
  inc->set_severity(v1::SEVERITY_CRITICAL);
  inc->set_status(v1::INCIDENT_STATUS_CLOSED);
  inc->set_grade("II");
  inc->set_summary("二楼配电间冒烟");
  inc->mutable_reporter()->set_display_name("入口报警终端");
  inc->mutable_reported_at()->set_seconds(1'800'000'000);
  auto* step = inc->add_checklist();
  step->set_text_zh("立即组织人员疏散");
  step->set_state(v1::STEP_STATE_DONE);
  step->set_done_by_name("值班员张三");
  step->set_citation("湖南 6.4.2");
  auto* st = inc->add_statements();
  st->set_text("大厅已恢复正常服务");
  st->set_state(v1::STATEMENT_STATE_APPROVED);
  st->set_decided_by_name("李组长");
  auto* a = inc->mutable_after_action();
  a->set_cause("配电箱老化短路");
  a->set_course("两分钟内确认并疏散");
  a->set_went_well("响应及时");
  a->set_improvements("更换老化配电箱");
  auto* f = inc->add_filings();
  f->set_body("leadership_group");
  f->set_filed_by_name("值班员张三");
  auto* e = r.add_timeline();
  e->set_seq(1);
  e->set_kind(v1::EVENT_KIND_RAISED);
  e->set_actor_name("入口报警终端");
  e->set_note("说明含\"引号\",逗号");
  return r;
}

// The program's output; `ok` false when it did not run or failed.
QString Run(const QString& program, const QStringList& args, bool* ok = nullptr) {
  QProcess p;
  p.start(program, args);
  const bool ran =
      p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
  if (ok) *ok = ran;
  return ran ? QString::fromUtf8(p.readAllStandardOutput()) : QString();
}
}  // namespace

class IncidentReportTest : public QObject {
  Q_OBJECT

 private slots:
  void pdfReadsBackInChinese() {
    QTemporaryDir dir;
    const QString pdf = dir.filePath("report.pdf");
    const QString html =
        incidentReportHtml(Sample(), {"岳麓区政务服务中心", "湖南规范", "二楼"}, 1'800'000'600'000);
    QString error;
    QVERIFY2(writeReportPdf(html, pdf, &error), qPrintable(error));
    // NFKC: the CJK fonts map some glyphs to their Kangxi radical code
    // points (⼼ for 心) in the PDF's text layer; they look the same.
    const QString text =
        Run("pdftotext", {"-layout", pdf, "-"}).normalized(QString::NormalizationForm_KC);
    QVERIFY2(!text.isEmpty(), "pdftotext (poppler-utils) read nothing");
    for (const char* want :
         {"突发事件处置报告", "岳麓区政务服务中心", "立即组织人员疏散", "值班员张三",
          "配电箱老化短路", "大厅已恢复正常服务", "已批准", "处置时间线"}) {
      QVERIFY2(text.contains(QString::fromUtf8(want)),
               qPrintable(QString::fromUtf8(want) + "\n" + text));
    }
    // The sections come in the order of an official record.
    QVERIFY(text.indexOf("一、处置清单") < text.indexOf("四、事后总结与报送"));
    QVERIFY(text.indexOf("四、事后总结与报送") < text.indexOf("五、处置时间线"));
    // The first page renders (A4 at 50 dpi: about 413 × 585 pixels).
    QFile::copy(pdf, qEnvironmentVariable("HALL_REPORT_OUT", dir.filePath("copy.pdf")));
    bool rendered = false;
    Run("pdftoppm", {"-png", "-r", "50", "-f", "1", "-l", "1", pdf, dir.filePath("p")}, &rendered);
    QVERIFY(rendered);
    QFileInfo png(dir.filePath("p-1.png"));
    QVERIFY(png.exists() && png.size() > 5000);
  }

  void csvAndJsonForArchives() {
    const QByteArray csv = incidentTimelineCsv(Sample());
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));  // UTF-8 BOM for spreadsheets
    const QString text = QString::fromUtf8(csv);
    QVERIFY(text.contains(QString::fromUtf8("\"说明含\"\"引号\"\",逗号\"")));
    const auto json = QJsonDocument::fromJson(incidentJson(Sample())).object();
    QCOMPARE(json["incident"].toObject()["after_action"].toObject()["cause"].toString(),
             QString::fromUtf8("配电箱老化短路"));
    QCOMPARE(json["timeline"].toArray().size(), 1);
  }

  void aWrongPathIsAnError() {
    QString error;
    QVERIFY(!writeReportPdf("<p>x</p>", "/nonexistent-dir/report.pdf", &error));
    QVERIFY(!error.isEmpty());
  }
};

QTEST_MAIN(IncidentReportTest)
#include "incident_report_test.moc"
