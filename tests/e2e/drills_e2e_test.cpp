// A drill through the desk's own code against a real HallServer (the engine
// on, a simulated clock): the coordinator's 演练 tab starts Dongguan's fire
// drill in hall-a; the banner says 演练进行中; the engine's first inject
// raises a drill incident; the duty officer acknowledges it 90 s after the
// inject, and the tab scores that late by 30 s with its clause; Stop ends
// the run, and the after-action PDF names each missed response and its
// clause. A duty officer's tab watches the same run read-only. Then the
// coordinator builds injects by hand from that scenario: a place the hall
// lacks is refused by the server's check with its field, fixed it passes,
// and Start runs exactly the injects built.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "desk_session.h"
#include "domain/clock.h"
#include "domain/incident_state.h"
#include "drill_console_view.h"
#include "drill_inject_editor.h"
#include "store/directory_store.h"
#include "store/pg.h"
#include "support/test_database.h"
#include "support/test_server.h"

using namespace hall;

namespace {
QString Run(const QString& program, const QStringList& args) {
  QProcess p;
  p.start(program, args);
  if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
  return QString::fromUtf8(p.readAllStandardOutput());
}

const v1::ExpectationResult* ResultOf(const v1::Drill& d, const std::string& id) {
  for (const auto& r : d.score().results())
    if (r.expectation().id() == id) return &r;
  return nullptr;
}
}  // namespace

class DrillsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    m_db = std::make_unique<testing::TestDatabase>();
    testing::SeedBasic(m_db->conninfo());
    testing::SeedFireDrillHall(m_db->conninfo());
    testing::TestServerOptions o;
    o.engine = true;
    o.clock = &m_clock;
    o.token_ttl_seconds = 48 * 3600;
    o.engine_options.kiosk_monitor = false;
    m_server = std::make_unique<testing::TestServer>(m_db->conninfo(), o);
  }

  void aCoordinatorRunsAFireDrillFromTheDeskAndALateAckIsScoredLate() {
    desk::DeskSession coordinator(deskOptions());
    coordinator.login(QStringLiteral("drill"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(coordinator.signedIn(), 10000);
    QVERIFY(coordinator.mayRunDrills());
    desk::DrillConsoleView view(&coordinator);
    view.show();
    view.showHall(QStringLiteral("hall-a"));
    QTRY_COMPARE_WITH_TIMEOUT(view.scenarioId(), QStringLiteral("dongguan_fire_evacuation"), 10000);

    // A duty officer's tab: read-only.
    desk::DeskSession duty(deskOptions());
    duty.login(QStringLiteral("duty-a"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(duty.signedIn(), 10000);
    QVERIFY(!duty.mayRunDrills());
    QVERIFY(duty.mayWatchDrills());

    view.startDrill();
    QTRY_COMPARE_WITH_TIMEOUT(view.drill().state(), v1::DRILL_STATE_RUNNING, 10000);
    QVERIFY2(view.bannerText().contains(QStringLiteral("演练进行中")),
             qPrintable(view.bannerText()));
    const std::string drillId = view.drill().id();

    // The first inject raised a drill incident of this run (the tab polls).
    QTRY_VERIFY_WITH_TIMEOUT(view.drill().incidents_size() >= 1, 15000);
    const v1::Incident fire = view.drill().incidents(0);
    QVERIFY(fire.drill());
    QCOMPARE(fire.drill_id(), drillId);

    desk::DrillConsoleView watching(&duty);
    watching.show();
    watching.showHall(QStringLiteral("hall-a"));
    QTRY_COMPARE_WITH_TIMEOUT(watching.drill().id(), drillId, 10000);

    // Acknowledged 90 s after the inject; the plan's target is a minute.
    const int64_t injected = [&] {
      for (const auto& in : view.drill().injects())
        if (in.inject_id() == "fire_at_window") return domain::ToMicros(in.fired_at());
      return int64_t{0};
    }();
    QVERIFY(injected > 0);
    m_clock.Set(injected + 90'000'000);
    testing::Client officer(testing::MakeChannel(m_server->port()));
    QVERIFY(officer.Login("duty-a").ok());
    v1::AcknowledgeIncidentRequest ack;
    ack.set_incident_id(fire.id());
    v1::IncidentResponse acked;
    auto st = officer.incidents().AcknowledgeIncident(officer.Ctx().get(), ack, &acked);
    QVERIFY2(st.ok(), st.error_message().c_str());
    QTRY_VERIFY_WITH_TIMEOUT(ResultOf(view.drill(), "fire_acknowledged") &&
                                 ResultOf(view.drill(), "fire_acknowledged")->outcome() ==
                                     v1::ExpectationResult::OUTCOME_LATE,
                             15000);
    const auto* late = ResultOf(view.drill(), "fire_acknowledged");
    QCOMPARE(late->late_seconds(), 30);
    // The table says it: late, and the clause.
    auto* model = view.results();
    bool shown = false;
    for (int row = 0; row < model->rowCount(); ++row) {
      const QString outcome =
          model->index(row, client::DrillResultsModel::OutcomeColumn).data().toString();
      const QString clause =
          model->index(row, client::DrillResultsModel::CitationColumn).data().toString();
      if (clause.contains(QStringLiteral("1分钟内接警"))) {
        shown = outcome.contains(QStringLiteral("迟"));
        QVERIFY2(shown, qPrintable(outcome));
      }
    }
    QVERIFY(shown);

    // Stopped in one action; the after-action report names what was missed.
    view.stopWithReason(QStringLiteral("演练结束"));
    QTRY_COMPARE_WITH_TIMEOUT(view.drill().state(), v1::DRILL_STATE_STOPPED, 10000);
    QVERIFY(view.drill().score().final());
    QTRY_COMPARE_WITH_TIMEOUT(watching.drill().state(), v1::DRILL_STATE_STOPPED, 15000);
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("drill.pdf"));
    QString error;
    QVERIFY2(view.writePdf(pdf, &error), qPrintable(error));
    // pdftotext splits table cells over lines: compare without white space.
    QString text = Run("pdftotext", {"-raw", pdf, "-"}).normalized(QString::NormalizationForm_KC);
    QVERIFY2(!text.isEmpty(), "pdftotext (poppler-utils) read nothing");
    text.remove(QRegularExpression(QStringLiteral("\\s")));
    for (const char* want : {"火灾疏散演练", "组织大厅人员有序撤离", "分钟内疏散完毕",
                             "向市政务服务数据管理局报告", "未完成", "迟"}) {
      QVERIFY2(text.contains(QString::fromUtf8(want).normalized(QString::NormalizationForm_KC)),
               qPrintable(QString::fromUtf8(want) + "\n" + text));
    }
    if (qEnvironmentVariableIsSet("HALL_DRILL_PDF"))
      QFile::copy(pdf, qEnvironmentVariable("HALL_DRILL_PDF"));
  }

  void aCoordinatorBuildsInjectsByHandAndRunsThem() {
    desk::DeskSession coordinator(deskOptions());
    coordinator.login(QStringLiteral("drill"), QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(coordinator.signedIn(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!coordinator.locations().empty(), 10000);
    desk::DrillConsoleView view(&coordinator);
    view.show();
    view.showHall(QStringLiteral("hall-a"));
    QTRY_COMPARE_WITH_TIMEOUT(view.scenarioId(), QStringLiteral("dongguan_fire_evacuation"), 10000);

    desk::DrillInjectEditor* editor = view.editInjects();
    QVERIFY(editor);
    QVERIFY(editor->injectCount() > 1);
    // Keep the fire press, drop the rest, add a message and a second press.
    while (editor->injectCount() > 1) editor->removeInject(editor->injectCount() - 1);
    QCOMPARE(editor->inject(0).id(), std::string("fire_at_window"));
    v1::DrillInject message;
    message.set_at_seconds(30);
    message.set_kind(v1::DrillInject::KIND_MESSAGE);
    message.set_message("（演练）消防车已到达");
    editor->addInject(message);
    v1::DrillInject crowd;
    crowd.set_at_seconds(10);  // before the message: the rows go in time order
    crowd.set_kind(v1::DrillInject::KIND_PRESS);
    crowd.set_category("crowding");
    crowd.set_place("nowhere");
    crowd.set_summary("（演练）入口人员拥堵");
    editor->addInject(crowd);
    QCOMPARE(editor->inject(1).category(), std::string("crowding"));
    QCOMPARE(editor->inject(2).kind(), v1::DrillInject::KIND_MESSAGE);

    QSignalSpy checked(editor, &desk::DrillInjectEditor::checkFinished);
    editor->check();
    QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, 10000);
    QVERIFY(!editor->checkedClean());
    QVERIFY2(editor->resultText().contains(QStringLiteral("no place 'nowhere'")),
             qPrintable(editor->resultText()));
    v1::DrillInject fixed = editor->inject(1);
    fixed.set_place("entrance");
    editor->setInject(1, fixed);
    editor->check();
    QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 2, 10000);
    QVERIFY2(editor->checkedClean(), qPrintable(editor->resultText()));
    QVERIFY2(editor->resultText().contains(QStringLiteral("检查通过")),
             qPrintable(editor->resultText()));
    editor->accept();
    QTRY_COMPARE_WITH_TIMEOUT(view.scenarioId(), QStringLiteral("hand_dongguan_fire_evacuation"),
                              5000);
    // The tab says which injects Start will run.
    QTRY_VERIFY_WITH_TIMEOUT(view.statusText().contains(QStringLiteral("手工编排")), 5000);

    view.startDrill();
    QTRY_COMPARE_WITH_TIMEOUT(view.drill().state(), v1::DRILL_STATE_RUNNING, 10000);
    const v1::Drill& d = view.drill();
    QCOMPARE(d.scenario().id(), std::string("hand_dongguan_fire_evacuation"));
    QCOMPARE(d.scenario().injects_size(), 3);
    QVERIFY(QString::fromStdString(d.scenario().name_zh()).startsWith(QStringLiteral("手工编排")));
    // The fire press fires at once, as built; the crowding press 10 s on.
    QTRY_VERIFY_WITH_TIMEOUT(view.drill().incidents_size() >= 1, 15000);
    QCOMPARE(view.drill().incidents(0).category(), std::string("fire"));
    m_clock.AdvanceSeconds(15);
    m_server->server().engine().Poke();
    QTRY_VERIFY_WITH_TIMEOUT(view.drill().incidents_size() >= 2, 15000);
    QCOMPARE(view.drill().incidents(1).category(), std::string("crowding"));
    QCOMPARE(view.drill().incidents(1).location_id(), std::string("hall-a-entrance"));
    view.stopWithReason(QStringLiteral("演练结束"));
    QTRY_COMPARE_WITH_TIMEOUT(view.drill().state(), v1::DRILL_STATE_STOPPED, 10000);
  }

 private:
  desk::DeskOptions deskOptions() const {
    desk::DeskOptions o;
    o.server = QString::fromStdString(m_server->address());
    o.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    return o;
  }

  domain::ManualClock m_clock{domain::SystemClock::Get().NowMicros()};
  std::unique_ptr<testing::TestDatabase> m_db;
  std::unique_ptr<testing::TestServer> m_server;
};

QTEST_MAIN(DrillsTest)
#include "drills_e2e_test.moc"
