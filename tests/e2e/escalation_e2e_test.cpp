// Escalation end to end, through the desks' and the kiosk's own code
// (DeskSession, DeskWindow, KioskController) against a real HallServer with
// the escalation engine on a simulated clock (ManualClock), over TLS, on a
// fresh database. The 松江 plan (hall-b): stage 0 the hall head, 120 s, then
// stage 1 the leadership group. A panic pressed on hall-b's kiosk that
// nobody acknowledges alerts the hall head's desk at once; when the clock
// passes the time-out it climbs to the leadership group: the leader's desk
// lists it in "升级给我" and its alarm sounds, the kiosk says 已上报领导小组,
// and the leader's chain panel shows both stages alerted and why. The hall
// head acknowledges on the other desk: the leader's alarm stops. A contact
// step recorded on the hall head's desk (the number from the hall's
// contacts) shows on the leader's desk, who called which number how. The
// escalation actions refuse an empty reason before sending, and the
// server's refusal (escalating past the last stage) is shown.
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <thread>

#include "desk_session.h"
#include "desk_window.h"
#include "domain/clock.h"
#include "domain/credentials.h"
#include "kiosk_controller.h"
#include "labels.h"
#include "store/directory_store.h"
#include "store/pg.h"
#include "support/test_database.h"
#include "support/test_server.h"

using namespace hall;
using client::ChainStagesModel;
using client::ChecklistModel;
using client::EscalatedToMeModel;
using kiosk::KioskController;

namespace {
// The escalated-to-me row of `incidentId` (chain alerts), or -1.
int RowOf(EscalatedToMeModel* m, const QString& incidentId) {
  for (int r = 0; r < m->rowCount(); ++r) {
    if (m->incidentIdAt(r) == incidentId &&
        m->index(r, 0).data(EscalatedToMeModel::KindRole).toInt() != v1::EVENT_KIND_REMINDED)
      return r;
  }
  return -1;
}
}  // namespace

class EscalationE2ETest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    m_db = std::make_unique<testing::TestDatabase>();
    testing::SeedBasic(m_db->conninfo());
    // 松江 (hall-b): its hall head, and a kiosk at its door.
    store::PgConnection c(m_db->conninfo());
    v1::Person head;
    head.set_username("head-b");
    head.set_display_name("窗口服务科负责人");
    head.set_role(v1::ROLE_HALL_HEAD);
    head.add_hall_ids("hall-b");
    head.set_phone("13900000002");
    head.set_active(true);
    m_headB = store::UpsertPerson(c, head, domain::HashSecret(testing::kPassword)).id();
    m_leader = store::FindLogin(c, "leader")->first.id();
    v1::Kiosk k;
    k.set_id("kiosk-b");
    k.set_hall_id("hall-b");
    k.set_location_id("hall-b-door");
    k.set_name("松江入口终端");
    k.set_active(true);
    store::UpsertKiosk(c, k, domain::HashSecret(testing::kKioskSecret));
    QFile secret(m_dir.filePath(QStringLiteral("kiosk-b.secret")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(testing::kKioskSecret);

    testing::TestServerOptions o;
    o.engine = true;
    o.clock = &m_clock;
    o.token_ttl_seconds = 48 * 3600;
    // The clock jumps minutes at a time, far past three heartbeats of the
    // kiosk; its silence is another test's subject (escalation_pgtest).
    o.engine_options.kiosk_monitor = false;
    m_server = std::make_unique<testing::TestServer>(m_db->conninfo(), o);
    setUpHallB();
  }

  void panicClimbsToTheLeaderAndOneAcknowledgementStopsIt() {
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskSession head(deskOptions());
    desk::DeskWindow headWindow(&head, &language);
    desk::DeskSession leader(deskOptions());
    desk::DeskWindow leaderWindow(&leader, &language);
    signIn(head, QStringLiteral("head-b"));
    signIn(leader, QStringLiteral("leader"));
    QCOMPARE(leader.personId(), QString::fromStdString(m_leader));
    QVERIFY(leaderWindow.escalatedPanel()->prominent());  // a leadership desk
    QVERIFY(!leaderWindow.escalatedPanel()->isHidden());
    QVERIFY(headWindow.escalatedPanel()->isHidden());  // nothing for the head yet
    waitForPresence(2);                                // both desks open: both tiers can receive

    // The kiosk of hall-b: a panic.
    KioskController kiosk(kioskOptions());
    QVERIFY(kiosk.start());
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.signedIn(), 10000);
    QCOMPARE(kiosk.report(QStringLiteral("panic")), QString());
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.currentStage(), int(KioskController::Delivered), 10000);
    const QString id = kiosk.currentIncidentId();
    QVERIFY(!id.isEmpty());

    // Stage 0 at once: the hall head's desk rings, the leader's does not.
    auto* headMine = head.escalatedToMe();
    auto* leaderMine = leader.escalatedToMe();
    QTRY_VERIFY_WITH_TIMEOUT(RowOf(headMine, id) >= 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(headMine->ringingCount(), 1, 10000);
    QVERIFY(!headWindow.escalatedPanel()->isHidden());
    QTRY_VERIFY_WITH_TIMEOUT(headWindow.alarm()->isActive(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(leader.board()->rowOf(id) >= 0, 10000);
    QCOMPARE(RowOf(leaderMine, id), -1);
    QCOMPARE(leader.board()
                 ->index(leader.board()->rowOf(id), 0)
                 .data(client::IncidentBoardModel::EscalationStageRole)
                 .toInt(),
             0);
    QVERIFY(kiosk.currentEscalation().isEmpty());

    // Nobody acknowledges; the plan's 120 s pass on the server's clock.
    m_clock.AdvanceSeconds(119);
    waitForEngine();
    QCOMPARE(stageOf(id), 0);  // on the server: nothing climbed at 119 s
    QCOMPARE(RowOf(leaderMine, id), -1);
    m_clock.AdvanceSeconds(1);
    QTRY_VERIFY_WITH_TIMEOUT(RowOf(leaderMine, id) >= 0, 10000);
    const int row = RowOf(leaderMine, id);
    QCOMPARE(leaderMine->index(row, 0).data(EscalatedToMeModel::StageRole).toInt(), 1);
    QCOMPARE(leaderMine->index(row, 0).data(EscalatedToMeModel::ReasonRole).toString(),
             QStringLiteral("timeout"));
    QVERIFY(leaderMine->index(row, 0).data(EscalatedToMeModel::RingingRole).toBool());
    QCOMPARE(leaderMine->index(row, EscalatedToMeModel::StageColumn).data().toString(),
             QStringLiteral("第2级 领导小组"));
    QTRY_VERIFY_WITH_TIMEOUT(leaderWindow.alarm()->isActive(), 15000);
    // The press's kiosk says where it went.
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.currentEscalation(), QStringLiteral("已上报领导小组"), 10000);

    // The leader opens it from the list: its chain, both stages alerted.
    leaderWindow.selectIncident(id);
    QCOMPARE(leader.selected(), id);
    auto* chain = leader.chain();
    QTRY_COMPARE_WITH_TIMEOUT(chain->rowCount(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(chain->index(1, 0).data(ChainStagesModel::AlertedRole).toBool(),
                             10000);
    QVERIFY(chain->index(0, 0).data(ChainStagesModel::AlertedRole).toBool());
    QCOMPARE(chain->index(0, 0).data(ChainStagesModel::ReasonRole).toString(),
             QStringLiteral("start"));
    QCOMPARE(chain->index(1, 0).data(ChainStagesModel::ReasonRole).toString(),
             QStringLiteral("timeout"));
    QCOMPARE(chain->index(1, 0).data(ChainStagesModel::CitationRole).toString(),
             QStringLiteral("松江 三.1"));
    const QVariantList people = chain->index(1, 0).data(ChainStagesModel::PeopleRole).toList();
    QCOMPARE(people.size(), 1);
    QCOMPARE(people[0].toMap().value(QStringLiteral("personId")).toString(),
             QString::fromStdString(m_leader));
    QVERIFY(people[0].toMap().value(QStringLiteral("online")).toBool());
    QVERIFY2(chain->summary().startsWith(QStringLiteral("上报链：第2级/共2级 领导小组 · 待确认")),
             qPrintable(chain->summary()));

    // The hall head acknowledges on the other desk: the leader's alarm stops.
    QSignalSpy headDone(&head, &desk::DeskSession::actionFinished);
    head.acknowledge(id);
    QTRY_COMPARE_WITH_TIMEOUT(headDone.count(), 1, 10000);
    QVERIFY2(headDone[0][1].toBool(), qPrintable(headDone[0][2].toString()));
    QTRY_COMPARE_WITH_TIMEOUT(leaderMine->ringingCount(), 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!leaderWindow.alarm()->isActive(), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(headMine->ringingCount(), 0, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!headWindow.alarm()->isActive(), 15000);
    QVERIFY(leaderMine->index(RowOf(leaderMine, id), EscalatedToMeModel::StateColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("已确认：窗口服务科负责人")));
    QTRY_VERIFY_WITH_TIMEOUT(
        chain->summary().contains(QStringLiteral("已由 窗口服务科负责人 确认")), 15000);
    // Far past every time-out: nothing climbs, nothing rings again.
    const int stageBefore = stageOf(id);
    m_clock.AdvanceSeconds(600);
    waitForEngine();
    QCOMPARE(stageOf(id), stageBefore);  // on the server: nothing climbed
    QCOMPARE(leaderMine->ringingCount(), 0);

    // The leadership stage asks for a call to the offices-service unit: the
    // playbook's step for that party is the contact step (the chain adds
    // none of its own then); it shows the hall's number; the hall head
    // records the call.
    head.select(id);
    auto contactStep = [&head] {
      auto* m = head.checklist();
      for (int r = 0; r < m->rowCount(); ++r) {
        if (m->index(r, 0).data(ChecklistModel::ContactPartyRole).toString() ==
            QLatin1String("offices_service_center"))
          return m->index(r, 0).data(ChecklistModel::StepIdRole).toString();
      }
      return QString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(!contactStep().isEmpty(), 10000);
    const QString step = contactStep();
    auto stepData = [](desk::DeskSession& d, const QString& s, int role) {
      return d.checklist()->index(d.checklist()->rowOf(s), 0).data(role);
    };
    QTRY_COMPARE_WITH_TIMEOUT(stepData(head, step, ChecklistModel::ContactNumberRole).toString(),
                              QStringLiteral("021-57000000"), 10000);
    QCOMPARE(stepData(head, step, ChecklistModel::ContactPartyRole).toString(),
             QStringLiteral("offices_service_center"));
    QVERIFY(head.checklist()
                ->index(head.checklist()->rowOf(step), ChecklistModel::PartyColumn)
                .data()
                .toString()
                .contains(QStringLiteral("021-57000000")));
    head.recordContact(id, step, QStringLiteral("021-57000000"), v1::CONTACT_METHOD_PHONE,
                       QStringLiteral("SJ-0042"), QStringLiteral("三中心已派人"));
    QTRY_COMPARE_WITH_TIMEOUT(headDone.count(), 2, 10000);
    QVERIFY2(headDone[1][1].toBool(), qPrintable(headDone[1][2].toString()));

    // … and the leader's desk shows who called which number how.
    QTRY_COMPARE_WITH_TIMEOUT(stepData(leader, step, ChecklistModel::StateRole).toInt(),
                              int(v1::STEP_STATE_DONE), 10000);
    const QVariantMap record = stepData(leader, step, ChecklistModel::ContactRecordRole).toMap();
    QCOMPARE(record.value(QStringLiteral("number")).toString(), QStringLiteral("021-57000000"));
    QCOMPARE(record.value(QStringLiteral("reference")).toString(), QStringLiteral("SJ-0042"));
    QCOMPARE(record.value(QStringLiteral("by")).toString(), QStringLiteral("窗口服务科负责人"));
    QVERIFY(!record.value(QStringLiteral("simulated")).toBool());
    const QString done = leader.checklist()
                             ->index(leader.checklist()->rowOf(step), ChecklistModel::DoneColumn)
                             .data()
                             .toString();
    QVERIFY2(done.contains(QStringLiteral("电话 021-57000000")) &&
                 done.contains(QStringLiteral("回执 SJ-0042")),
             qPrintable(done));
    auto timelineHas = [&leader](const QString& text) {
      for (int r = 0; r < leader.timeline()->rowCount(); ++r) {
        if (leader.timeline()->index(r).data().toString().contains(text)) return true;
      }
      return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(timelineHas(QStringLiteral("电话 021-57000000，回执 SJ-0042")), 10000);
    QVERIFY(timelineHas(QStringLiteral("第2级 领导小组")));

    // The chain's actions: a reason is required (nothing sent); the
    // server's refusal at the last stage is shown as any action's.
    QSignalSpy leaderDone(&leader, &desk::DeskSession::actionFinished);
    leader.escalate(id, QStringLiteral("  "));
    QCOMPARE(leaderDone.count(), 1);
    QCOMPARE(leaderDone[0][2].toString(), QStringLiteral("升级须填写原因"));
    leader.escalate(id, QStringLiteral("现场需要上级协调"));
    QTRY_COMPARE_WITH_TIMEOUT(leaderDone.count(), 2, 10000);
    QVERIFY(!leaderDone[1][1].toBool());
    QVERIFY2(leaderDone[1][2].toString().contains(QStringLiteral("last stage")),
             qPrintable(leaderDone[1][2].toString()));
    // The leadership stage took it: it may hand it back to the hall head.
    leader.deescalate(id, QStringLiteral("大厅负责人可处置"));
    QTRY_COMPARE_WITH_TIMEOUT(leaderDone.count(), 3, 10000);
    QVERIFY2(leaderDone[2][1].toBool(), qPrintable(leaderDone[2][2].toString()));
    // Back at stage 0, the hall head is asked to acknowledge again.
    QTRY_COMPARE_WITH_TIMEOUT(headMine->ringingCount(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.currentEscalation().isEmpty(), 15000);
    head.acknowledge(id);
    QTRY_COMPARE_WITH_TIMEOUT(headMine->ringingCount(), 0, 10000);
  }

  void hallHeadSeesTheSetUpAndItsProblems() {
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskSession head(deskOptions());
    desk::DeskWindow window(&head, &language);
    signIn(head, QStringLiteral("head-b"));
    QVERIFY(head.may(QStringLiteral("manage_hall")));
    // Read at sign-in for a person who may manage the hall; the roster is
    // empty, so a gap shows on the status bar.
    QTRY_VERIFY_WITH_TIMEOUT(head.setups()->setup(QStringLiteral("hall-b")) != nullptr, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.setupWarning()->isHidden(), 15000);
    QVERIFY(window.setupWarning()->text().contains(QStringLiteral("值班与联络")));
    // A contact without a number: the server's refusal, shown on the page.
    v1::Contact bad;
    bad.set_hall_id("hall-b");
    bad.set_party("police");
    QSignalSpy done(&head, &desk::DeskSession::actionFinished);
    head.setups()->upsertContact(bad);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
    QVERIFY(!done[0][1].toBool());
    QTRY_VERIFY_WITH_TIMEOUT(window.setupPage()->result()->text().contains(QStringLiteral("phone")),
                             15000);
    // A shift now: the duty officer is on; the page's roster shows it.
    const QDateTime now =
        QDateTime::fromMSecsSinceEpoch(head.client()->serverProfile()->serverNowMs());
    QString dutyB;
    for (const auto& p : head.people()) {
      if (p.name.startsWith(QStringLiteral("测试 duty-b"))) dutyB = p.id;
    }
    QVERIFY(!dutyB.isEmpty());
    head.setups()->addShift(QStringLiteral("hall-b"), dutyB, now.addSecs(-60),
                            now.addSecs(8 * 3600));
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 10000);
    QVERIFY2(done[1][1].toBool(), qPrintable(done[1][2].toString()));
    QTRY_COMPARE_WITH_TIMEOUT(window.setupPage()->shiftsModel()->rowCount(), 1, 15000);
    bool onDuty = false;
    for (int r = 0; r < window.setupPage()->onNowModel()->rowCount(); ++r) {
      const QModelIndex i = window.setupPage()->onNowModel()->index(r, 1);
      onDuty = onDuty || i.data().toString().contains(QStringLiteral("测试 duty-b"));
    }
    QVERIFY(onDuty);

    // A duty officer reads the set-up; the edits are not shown.
    desk::DeskSession duty(deskOptions());
    desk::DeskWindow dutyWindow(&duty, &language);
    signIn(duty, QStringLiteral("duty-b"));
    QVERIFY(!duty.may(QStringLiteral("manage_hall")));
    QVERIFY(dutyWindow.setupWarning()->isHidden());
    QVERIFY(dutyWindow.findChild<QWidget*>(QStringLiteral("contactSave"))->isHidden());
  }

  void cleanupTestCase() {
    m_server.reset();
    m_db.reset();
  }

 private:
  // The server's engine has fired everything due by its clock's now (a
  // condition on the engine, not a guess of how long it takes).
  void waitForEngine() {
    const int64_t now = m_clock.NowMicros();
    QTRY_VERIFY_WITH_TIMEOUT(m_server->server().engine().settled_through() >= now, 10000);
  }
  // Where the incident's chain stands, read from the server.
  int stageOf(const QString& id) {
    testing::Client c(testing::MakeChannel(m_server->port()));
    if (!c.Login("admin").ok()) return -1;
    v1::GetIncidentRequest req;
    req.set_incident_id(id.toStdString());
    v1::GetIncidentResponse resp;
    if (!c.incidents().GetIncident(c.Ctx().get(), req, &resp).ok()) return -1;
    return resp.incident().escalation().stage();
  }
  // The hall set-up the test runs under, written by the administrator
  // through EscalationService, as a hall would.
  void setUpHallB() {
    testing::Client admin(testing::MakeChannel(m_server->port()));
    QVERIFY(admin.Login("admin").ok());
    v1::HallSetupResponse r;
    v1::SetTierMemberRequest m;
    m.mutable_member()->set_hall_id("hall-b");
    m.mutable_member()->set_person_id(m_headB);
    m.mutable_member()->set_tier("hall_head");
    m.mutable_member()->set_position_id("window_service_head");
    QVERIFY(admin.escalation().SetTierMember(admin.Ctx().get(), m, &r).ok());
    m.mutable_member()->set_person_id(m_leader);
    m.mutable_member()->set_tier("leadership_group");
    m.mutable_member()->set_position_id("group_leader");
    QVERIFY(admin.escalation().SetTierMember(admin.Ctx().get(), m, &r).ok());
    v1::UpsertContactRequest c;
    c.mutable_contact()->set_hall_id("hall-b");
    c.mutable_contact()->set_party("offices_service_center");
    c.mutable_contact()->set_name("区机关事务管理局机关服务三中心");
    c.mutable_contact()->set_phone("021-57000000");
    auto s = admin.escalation().UpsertContact(admin.Ctx().get(), c, &r);
    QVERIFY2(s.ok(), s.error_message().c_str());
  }

  void waitForPresence(int n) {
    store::PgConnection c(m_db->conninfo());
    for (int i = 0; i < 1000; ++i) {
      if (c.ExecSimple({"p", "SELECT count(DISTINCT person_id) FROM presence"}).int64(0, 0) >= n)
        return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      QCoreApplication::processEvents();
    }
    QFAIL("the desks' presence never reached the server");
  }

  void signIn(desk::DeskSession& desk, const QString& user) {
    desk.login(user, QString::fromLatin1(testing::kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(desk.signedIn(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(desk.watch()->isLive(), 10000);
  }

  desk::DeskOptions deskOptions() const {
    desk::DeskOptions d;
    d.server = QString::fromStdString(m_server->address());
    d.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    return d;
  }

  kiosk::KioskOptions kioskOptions() const {
    kiosk::KioskOptions o;
    o.server = QString::fromStdString(m_server->address());
    o.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    o.kioskId = QStringLiteral("kiosk-b");
    o.secretFile = m_dir.filePath(QStringLiteral("kiosk-b.secret"));
    o.queueFile = m_dir.filePath(QStringLiteral("queue.sqlite"));
    return o;
  }

  domain::ManualClock m_clock{domain::SystemClock::Get().NowMicros()};
  QTemporaryDir m_dir;
  std::unique_ptr<testing::TestDatabase> m_db;
  std::unique_ptr<testing::TestServer> m_server;
  std::string m_headB, m_leader;
};

QTEST_MAIN(EscalationE2ETest)
#include "escalation_e2e_test.moc"
