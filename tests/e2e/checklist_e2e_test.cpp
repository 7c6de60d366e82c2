// Checklists and playbooks end to end, through the desk's own code
// (DeskSession, DeskWindow, ChecklistPanel, ChecklistModel) against a real
// HallServer over TLS on a fresh database: the desk shows the plan that
// governs its hall and reads a playbook without an incident; a fire raised
// at hall-a's kiosk shows its checklist with citations; the desk checks a
// step off, refuses a skip without a reason (nothing sent), skips one with
// a reason, is told FAILED_PRECONDITION when checking a step off twice,
// re-triages (the done step stays) and follows a re-triage made elsewhere
// (texts re-fetched); the server's GetIncident agrees with the screen. In a
// Jiaxiang hall the officer sets the petitioner count and sees the grade.
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

#include "checklist_panel.h"
#include "desk_session.h"
#include "desk_window.h"
#include "domain/credentials.h"
#include "labels.h"
#include "store/directory_store.h"
#include "store/pg.h"
#include "support/test_database.h"
#include "support/test_server.h"

using namespace hall;
using client::ChecklistModel;

namespace {
// The row of `stepId` in the desk's checklist, or -1.
int RowOf(desk::DeskSession& desk, const std::string& stepId) {
  return desk.checklist()->rowOf(QString::fromStdString(stepId));
}
QVariant StepData(desk::DeskSession& desk, const std::string& stepId, int role) {
  const int row = RowOf(desk, stepId);
  return row < 0 ? QVariant() : desk.checklist()->index(row, 0).data(role);
}
bool AllTexts(desk::DeskSession& desk) {
  auto* m = desk.checklist();
  if (m->rowCount() == 0) return false;
  for (int r = 0; r < m->rowCount(); ++r) {
    if (!m->index(r, 0).data(ChecklistModel::HasTextRole).toBool()) return false;
    if (m->index(r, 0).data(ChecklistModel::CitationRole).toString().isEmpty()) return false;
  }
  return true;
}
}  // namespace

class ChecklistE2ETest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    m_db = std::make_unique<testing::TestDatabase>();
    testing::SeedBasic(m_db->conninfo());
    // A Jiaxiang hall and its duty officer: its group-petition playbook
    // grades by petitioner_count.
    store::PgConnection c(m_db->conninfo());
    v1::Hall h;
    h.set_id("hall-j");
    h.set_name("测试大厅 hall-j");
    h.set_plan_id("jiaxiang");
    store::UpsertHall(c, h);
    v1::Person p;
    p.set_username("duty-j");
    p.set_display_name("测试 duty-j");
    p.set_role(v1::ROLE_DUTY_OFFICER);
    p.set_active(true);
    p.add_hall_ids("hall-j");
    store::UpsertPerson(c, p, domain::HashSecret(testing::kPassword));
    m_server = std::make_unique<testing::TestServer>(m_db->conninfo());
  }

  void planAndPlaybookWithoutIncident() {
    desk::DeskSession desk(deskOptions());
    QSignalSpy plans(&desk, &desk::DeskSession::plansChanged);
    signIn(desk, QStringLiteral("duty-a"));
    QTRY_VERIFY_WITH_TIMEOUT(desk.plan(QStringLiteral("hall-a")) != nullptr, 10000);
    QCOMPARE(desk.plan(QStringLiteral("hall-a"))->id(), std::string("dongguan"));
    QVERIFY(desk.planSummary().startsWith(QStringLiteral("适用预案：")));
    QVERIFY2(desk.planSummary().contains(QStringLiteral("（东莞）")),
             qPrintable(desk.planSummary()));
    QCOMPARE(desk.playbookSetVersion().size(), 64);
    QTRY_VERIFY_WITH_TIMEOUT(!desk.categories().empty(), 10000);
    QCOMPARE(desk.categoryTitle(QStringLiteral("fire"), false), QStringLiteral("火灾/火情"));
    QCOMPARE(desk.categoryTitle(QStringLiteral("fire"), true), QStringLiteral("Fire"));

    // The status bar of the window says which plan governs the hall.
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskWindow window(&desk, &language);
    QTRY_VERIFY(window.planLabel()->text().contains(QStringLiteral("适用预案：")));
    QVERIFY(window.planLabel()->text().contains(desk.playbookSetVersion().left(12)));

    QSignalSpy loaded(&desk, &desk::DeskSession::playbookLoaded);
    QSignalSpy failed(&desk, &desk::DeskSession::playbookFailed);
    desk.loadPlaybook(QStringLiteral("hall-a"), QStringLiteral("fire"));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    auto fire = loaded[0][2].value<v1::GetPlaybookResponse>();
    QVERIFY(!fire.falls_back());
    QVERIFY(fire.playbook().steps_size() > 3);
    for (const auto& s : fire.playbook().steps()) QVERIFY(s.citation().rfind("东莞", 0) == 0);
    // Stampede has no Dongguan playbook: the general one stands in, said so.
    desk.loadPlaybook(QStringLiteral("hall-a"), QStringLiteral("stampede"));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10000);
    QVERIFY(loaded[1][2].value<v1::GetPlaybookResponse>().falls_back());
    // The 预案 tab renders it with the note.
    window.playbookPage()->showCategory(QStringLiteral("stampede"));
    QTRY_VERIFY_WITH_TIMEOUT(window.playbookPage()->view()->toPlainText().contains(
                                 QStringLiteral("本预案未单列此类事件，适用一键报警通用处置")),
                             10000);
    QCOMPARE(failed.count(), 0);
  }

  void checklistWorkedFromTheDesk() {
    desk::DeskSession desk(deskOptions());
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskWindow window(&desk, &language);
    window.show();
    signIn(desk, QStringLiteral("duty-a"));

    // The kiosk of hall-a reports a fire.
    testing::Client kiosk(testing::MakeChannel(m_server->port()));
    QVERIFY(kiosk.LoginKiosk("kiosk-a").ok());
    v1::RaiseIncidentResponse raised;
    QVERIFY(kiosk.Raise("hall-a", "fire", &raised).ok());
    const v1::Incident& fire = raised.incident();
    QCOMPARE(fire.plan_id(), std::string("dongguan"));
    QVERIFY(fire.checklist_size() >= 4);
    const std::string done = fire.checklist(0).step_id();     // report_local_government
    const std::string skipped = fire.checklist(2).step_id();  // report_police
    const QString id = QString::fromStdString(fire.id());
    // The kiosk's answer carries no checklist texts (it shows none); the
    // desk reads them with GetIncident, which has them.
    for (const auto& it : fire.checklist()) QVERIFY(it.text_zh().empty() && it.citation().empty());
    v1::GetIncidentResponse whole;
    {
      v1::GetIncidentRequest get;
      get.set_incident_id(fire.id());
      auto ctx = kiosk.Ctx();
      QVERIFY(kiosk.incidents().GetIncident(ctx.get(), get, &whole).ok());
    }

    // The desk selects it: the checklist, whole, with citations.
    QTRY_COMPARE_WITH_TIMEOUT(window.filterModel()->rowCount(), 1, 10000);
    window.selectRow(0);
    QCOMPARE(desk.selected(), id);
    QTRY_COMPARE_WITH_TIMEOUT(desk.checklist()->rowCount(), fire.checklist_size(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(AllTexts(desk), 10000);
    QVERIFY(!whole.incident().checklist(0).citation().empty());
    QCOMPARE(desk.checklist()->index(0, ChecklistModel::CitationColumn).data().toString(),
             QString::fromStdString(whole.incident().checklist(0).citation()));
    QCOMPARE(desk.checklist()->index(0, ChecklistModel::StepColumn).data().toString(),
             QString::fromStdString(whole.incident().checklist(0).text_zh()));
    QCOMPARE(desk.board()->index(0, client::IncidentBoardModel::ChecklistColumn).data().toString(),
             QStringLiteral("0/%1").arg(fire.checklist_size()));

    // Check the first step off, through the panel as the officer does.
    QSignalSpy actions(&desk, &desk::DeskSession::actionFinished);
    auto* panel = window.checklistPanel();
    panel->selectStep(QString::fromStdString(done));
    panel->stepNote()->setText(QStringLiteral("已电话报告"));
    panel->checkOffSelected();
    QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 1, 10000);
    QVERIFY2(actions[0][1].toBool(), qPrintable(actions[0][2].toString()));
    QCOMPARE(StepData(desk, done, ChecklistModel::StateRole).toInt(), int(v1::STEP_STATE_DONE));
    QCOMPARE(StepData(desk, done, ChecklistModel::DoneByRole).toString(),
             QStringLiteral("测试 duty-a"));
    QCOMPARE(StepData(desk, done, ChecklistModel::NoteRole).toString(),
             QStringLiteral("已电话报告"));
    QVERIFY(panel->stepNote()->text().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(
        desk.board()->index(0, client::IncidentBoardModel::ChecklistColumn).data().toString(),
        QStringLiteral("1/%1").arg(fire.checklist_size()), 10000);

    // A skip without a reason is refused on the desk; nothing is sent.
    panel->selectStep(QString::fromStdString(skipped));
    panel->skipSelected();
    QCOMPARE(actions.count(), 2);
    QCOMPARE(actions[1][1].toBool(), false);
    QCOMPARE(actions[1][2].toString(), QStringLiteral("跳过步骤须填写原因"));
    QCOMPARE(window.resultLabel()->text(), QStringLiteral("跳过步骤须填写原因"));
    QCOMPARE(desk.client()->callsInFlight(), 0);
    // With a reason it is skipped.
    panel->stepNote()->setText(QStringLiteral("警务室已在现场"));
    panel->skipSelected();
    QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 3, 10000);
    QVERIFY2(actions[2][1].toBool(), qPrintable(actions[2][2].toString()));
    QCOMPARE(StepData(desk, skipped, ChecklistModel::StateRole).toInt(),
             int(v1::STEP_STATE_SKIPPED));
    QCOMPARE(StepData(desk, skipped, ChecklistModel::NoteRole).toString(),
             QStringLiteral("警务室已在现场"));

    // Space in the list checks the selected step off (K does it anywhere).
    const std::string keyed = fire.checklist(3).step_id();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    panel->selectStep(QString::fromStdString(keyed));
    panel->view()->setFocus();
    QTest::keyClick(panel->view(), Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 4, 10000);
    QVERIFY2(actions[3][1].toBool(), qPrintable(actions[3][2].toString()));
    QCOMPARE(StepData(desk, keyed, ChecklistModel::StateRole).toInt(), int(v1::STEP_STATE_DONE));

    // Checking the done step off again: the server's FAILED_PRECONDITION,
    // its message on the screen.
    desk.completeStep(id, QString::fromStdString(done), QString());
    QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 5, 10000);
    QCOMPARE(actions[4][1].toBool(), false);
    QVERIFY2(actions[4][2].toString().contains(QStringLiteral("already done")),
             qPrintable(actions[4][2].toString()));
    QCOMPARE(window.resultLabel()->text(), actions[4][2].toString());

    // The Dongguan fire playbook grades by nothing: the server says so.
    desk.updateMetric(id, QStringLiteral("outage_minutes"), 30);
    QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 6, 10000);
    QCOMPARE(actions[5][1].toBool(), false);
    QVERIFY(actions[5][2].toString().contains(QStringLiteral("does not grade by")));

    // Re-triage without a reason: refused here.
    desk.recategorize(id, QStringLiteral("explosion"), v1::SEVERITY_UNSPECIFIED,
                      QStringLiteral(" "));
    QCOMPARE(actions.count(), 7);
    QCOMPARE(actions[6][2].toString(), QStringLiteral("改类别须填写原因"));
    // Re-triage to explosion: the checklist is the explosion playbook's,
    // the done and skipped steps stay (same ids in both playbooks).
    desk.recategorize(id, QStringLiteral("explosion"), v1::SEVERITY_UNSPECIFIED,
                      QStringLiteral("现场确认为爆炸"));
    QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 8, 10000);
    QVERIFY2(actions[7][1].toBool(), qPrintable(actions[7][2].toString()));
    QTRY_COMPARE_WITH_TIMEOUT(desk.board()->incident(id)->category(), std::string("explosion"),
                              10000);
    QCOMPARE(StepData(desk, done, ChecklistModel::StateRole).toInt(), int(v1::STEP_STATE_DONE));
    QCOMPARE(StepData(desk, skipped, ChecklistModel::StateRole).toInt(),
             int(v1::STEP_STATE_SKIPPED));
    QVERIFY(AllTexts(desk));

    // Someone else re-triages it to violent attack: the desk sees only the
    // watch event (no texts), re-reads the incident, and marks the done
    // step the new playbook lacks with its old category.
    testing::Client head(testing::MakeChannel(m_server->port()));
    QVERIFY(head.Login("head-a").ok());
    {
      v1::RecategorizeIncidentRequest req;
      req.set_incident_id(fire.id());
      req.set_category("violent_attack");
      req.set_reason("实为持刀伤人");
      v1::IncidentResponse resp;
      auto ctx = head.Ctx();
      QVERIFY(head.incidents().RecategorizeIncident(ctx.get(), req, &resp).ok());
    }
    QTRY_COMPARE_WITH_TIMEOUT(
        desk.checklist()->index(0, 0).data(ChecklistModel::StepIdRole).toString(),
        QStringLiteral("report_data_bureau"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(AllTexts(desk), 10000);
    QCOMPARE(StepData(desk, done, ChecklistModel::FromCategoryRole).toString(),
             QStringLiteral("explosion"));
    QVERIFY(desk.checklist()
                ->index(RowOf(desk, done), ChecklistModel::StepColumn)
                .data()
                .toString()
                .contains(QStringLiteral("（原类别：爆炸）")));
    QCOMPARE(StepData(desk, done, ChecklistModel::StateRole).toInt(), int(v1::STEP_STATE_DONE));

    // The server's GetIncident agrees with the desk, step by step.
    v1::GetIncidentRequest greq;
    greq.set_incident_id(fire.id());
    v1::GetIncidentResponse server;
    auto ctx = head.Ctx();
    QVERIFY(head.incidents().GetIncident(ctx.get(), greq, &server).ok());
    QCOMPARE(desk.checklist()->rowCount(), server.incident().checklist_size());
    for (int r = 0; r < server.incident().checklist_size(); ++r) {
      const auto& it = server.incident().checklist(r);
      const QModelIndex i = desk.checklist()->index(r, 0);
      QCOMPARE(i.data(ChecklistModel::StepIdRole).toString(), QString::fromStdString(it.step_id()));
      QCOMPARE(i.data(ChecklistModel::StateRole).toInt(), int(it.state()));
      QCOMPARE(i.data(ChecklistModel::NoteRole).toString(), QString::fromStdString(it.note()));
      QCOMPARE(i.data(ChecklistModel::TextZhRole).toString(), QString::fromStdString(it.text_zh()));
      QCOMPARE(i.data(ChecklistModel::CitationRole).toString(),
               QString::fromStdString(it.citation()));
    }
    // The timeline names the steps by their text.
    QTRY_VERIFY_WITH_TIMEOUT(desk.timeline()->rowCount() >= 5, 10000);
    bool named = false;
    for (int r = 0; r < desk.timeline()->rowCount(); ++r) {
      const QString line = desk.timeline()->index(r).data().toString();
      if (line.contains(QStringLiteral("完成步骤")) &&
          line.contains(QStringLiteral("已电话报告"))) {
        named = line.contains(StepData(desk, done, ChecklistModel::TextZhRole).toString());
      }
    }
    QVERIFY(named);
  }

  void gradeByMetric() {
    desk::DeskSession desk(deskOptions());
    signIn(desk, QStringLiteral("duty-j"));
    testing::Client duty(testing::MakeChannel(m_server->port()));
    QVERIFY(duty.Login("duty-j").ok());
    v1::RaiseIncidentResponse raised;
    QVERIFY(duty.Raise("hall-j", "group_petition", &raised).ok());
    const QString id = QString::fromStdString(raised.incident().id());
    QTRY_COMPARE_WITH_TIMEOUT(desk.board()->rowCount(), 1, 10000);
    desk.select(id);
    QTRY_VERIFY_WITH_TIMEOUT(
        desk.gradingMetrics() == QStringList{QStringLiteral("petitioner_count")}, 10000);
    QSignalSpy actions(&desk, &desk::DeskSession::actionFinished);
    desk.updateMetric(id, QStringLiteral("petitioner_count"), 7);
    QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 1, 10000);
    QVERIFY2(actions[0][1].toBool(), qPrintable(actions[0][2].toString()));
    QTRY_COMPARE_WITH_TIMEOUT(desk.board()->incident(id)->grade(), std::string("群体性事件"),
                              10000);
    QCOMPARE(desk.board()->incident(id)->metrics().at("petitioner_count"), int64_t(7));
    QCOMPARE(desk.board()->incident(id)->severity(), v1::SEVERITY_HIGH);
  }

  void cleanupTestCase() {
    m_server.reset();
    m_db.reset();
  }

 private:
  desk::DeskOptions deskOptions() const {
    desk::DeskOptions o;
    o.server = QString::fromStdString(m_server->address());
    o.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    return o;
  }
  void signIn(desk::DeskSession& desk, const QString& user) {
    desk.login(user, QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(desk.signedIn(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(desk.watch()->isLive(), 10000);
  }

  std::unique_ptr<testing::TestDatabase> m_db;
  std::unique_ptr<testing::TestServer> m_server;
};

QTEST_MAIN(ChecklistE2ETest)
#include "checklist_e2e_test.moc"
