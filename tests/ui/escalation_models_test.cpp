// Tests of the escalation models (escalation_models.cpp): the chain's
// stages of a three-stage policy as alerts arrive (who, when, why, empty
// tiers, the countdown on an injected clock, acknowledged, planned); the
// escalated-to-me list (alerts naming this person only, one acknowledgement
// anywhere clears it, notify-only rows never ring, reminders and overdue
// steps, closed incidents leave); the board's chain column and the
// timeline's words for the new event kinds. Every model runs under
// QAbstractItemModelTester.
#include "escalation_models.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "incident_models.h"
#include "labels.h"

using namespace hall::client;
namespace v1 = hall::v1;

namespace {
constexpr qint64 kT0 = 1'700'000'000'000;  // ms

void setMs(google::protobuf::Timestamp* t, qint64 ms) {
  t->set_seconds(ms / 1000);
  t->set_nanos(static_cast<int>(ms % 1000) * 1000000);
}

// 嘉祥 conflict: zone leader + hall head → 应急办 → 领导小组.
v1::EscalationPolicy Policy() {
  v1::EscalationPolicy p;
  auto* s0 = p.add_tiers();
  s0->set_tier("zone_leader");
  s0->add_with_tiers("hall_head");
  s0->set_ack_timeout_seconds(120);
  s0->set_citation("嘉祥 四(二)4");
  auto* s1 = p.add_tiers();
  s1->set_tier("emergency_office");
  s1->set_ack_timeout_seconds(120);
  s1->set_citation("嘉祥 二(二) 应急办");
  s1->add_notify_only("security");
  auto* s2 = p.add_tiers();
  s2->set_tier("leadership_group");
  s2->add_contact_parties("local_government");
  s2->set_citation("嘉祥 三(一)");
  p.set_citation("嘉祥 三(一)");
  return p;
}

v1::AlertRecord Alert(int stage, const std::string& tier, const std::string& reason, qint64 atMs,
                      std::vector<std::pair<std::string, bool>> people) {
  v1::AlertRecord a;
  a.set_stage(stage);
  a.add_tiers(tier);
  a.set_reason(reason);
  a.set_citation("嘉祥 三(一)");
  setMs(a.mutable_at(), atMs);
  for (const auto& [id, online] : people) {
    auto* p = a.add_people();
    p->set_person_id(id);
    p->set_name("人员" + id);
    p->set_tier(tier);
    p->set_online(online);
    if (id == "leader") p->set_position("组长");
  }
  return a;
}

v1::Incident Incident(const std::string& id, int64_t seq) {
  v1::Incident inc;
  inc.set_id(id);
  inc.set_hall_id("hall-j");
  inc.set_category("conflict");
  inc.set_status(v1::INCIDENT_STATUS_REPORTED);
  inc.set_severity(v1::SEVERITY_MEDIUM);
  inc.set_last_seq(seq);
  setMs(inc.mutable_reported_at(), kT0);
  inc.mutable_escalation()->set_stages(3);
  return inc;
}

// The incident after its chain alerted `alert` (the engine's bookkeeping).
void Alerted(v1::Incident* inc, const v1::AlertRecord& alert, qint64 nextAtMs) {
  auto* es = inc->mutable_escalation();
  es->set_started(true);
  es->set_stage(std::max(es->stage(), alert.stage()));
  es->set_acknowledged(false);
  *es->add_alerts() = alert;
  if (nextAtMs > 0) {
    setMs(es->mutable_next_at(), nextAtMs);
  } else {
    es->clear_next_at();
  }
}

v1::IncidentEvent Event(const v1::Incident& inc, v1::EventKind kind, int64_t seq,
                        const v1::AlertRecord* alert = nullptr) {
  v1::IncidentEvent e;
  e.set_seq(seq);
  e.set_incident_id(inc.id());
  e.set_kind(kind);
  e.set_actor_id("system");
  e.set_actor_name("系统");
  *e.mutable_incident() = inc;
  e.mutable_incident()->set_last_seq(seq);
  if (alert) {
    *e.mutable_alert() = *alert;
    *e.mutable_at() = alert->at();
  }
  return e;
}
}  // namespace

class EscalationModelsTest : public QObject {
  Q_OBJECT

 private slots:
  void countdownAndBadge() {
    QCOMPARE(countdownText(102), QStringLiteral("1:42"));
    QCOMPARE(countdownText(-5), QStringLiteral("0:00"));
    QCOMPARE(countdownText(3723), QStringLiteral("1:02:03"));
    v1::Incident inc = Incident("i1", 1);
    QCOMPARE(chainBadge(inc, kT0), QString());
    Alerted(&inc, Alert(1, "emergency_office", "timeout", kT0, {{"office", true}}), kT0 + 120000);
    QCOMPARE(secondsToNextStage(inc, kT0 + 18000), qint64(102));
    QCOMPARE(chainBadge(inc, kT0 + 18000), QStringLiteral("应急办 · 1:42"));
    QCOMPARE(escalatedTiers(inc), QStringList{QStringLiteral("emergency_office")});
    inc.mutable_escalation()->set_acknowledged(true);
    QCOMPARE(secondsToNextStage(inc, kT0), qint64(-1));
    QCOMPARE(chainBadge(inc, kT0), QStringLiteral("应急办 · 已确认"));
    inc.set_planned_outage_id("o1");
    QCOMPARE(chainBadge(inc, kT0), QStringLiteral("计划内（已公告）"));
    QVERIFY(escalatedTiers(inc).isEmpty());
    LanguageSwitcher language(QStringLiteral("desk"));
    language.setLanguage(QStringLiteral("en"));
    inc.clear_planned_outage_id();
    QCOMPARE(chainBadge(inc, kT0), QStringLiteral("Emergency office · acknowledged"));
    language.setLanguage(QStringLiteral("zh"));
  }

  void chainStagesFollowTheAlerts() {
    ChainStagesModel chain;
    QAbstractItemModelTester tester(&chain, QAbstractItemModelTester::FailureReportingMode::QtTest);
    qint64 now = kT0;
    chain.setClock([&now] { return now; });
    chain.setPolicy(Policy());
    QCOMPARE(chain.rowCount(), 0);  // no incident yet

    v1::Incident inc = Incident("i1", 1);
    chain.setIncident(inc);
    QCOMPARE(chain.rowCount(), 3);
    auto cell = [&chain](int row, int column, int role = Qt::DisplayRole) {
      return chain.index(row, column).data(role);
    };
    QVERIFY(cell(0, ChainStagesModel::StageColumn)
                .toString()
                .contains(QStringLiteral("包保负责人 + 大厅负责人")));
    QVERIFY(
        cell(1, ChainStagesModel::StageColumn).toString().contains(QStringLiteral("知会：保安")));
    QVERIFY(cell(2, ChainStagesModel::StageColumn)
                .toString()
                .contains(QStringLiteral("须联系：属地党委政府")));
    QCOMPARE(cell(0, ChainStagesModel::RuleColumn).toString(),
             QStringLiteral("2分钟内未确认则上报下一级"));
    QCOMPARE(cell(2, ChainStagesModel::RuleColumn).toString(), QStringLiteral("最后一级"));
    QCOMPARE(cell(0, ChainStagesModel::StateColumn).toString(), QStringLiteral("即将上报"));

    // Stage 0 at raise: the zone leader is online; the hall head's tier is empty.
    auto a0 = Alert(0, "zone_leader", "start", kT0, {{"zone", true}});
    a0.add_tiers("hall_head");
    a0.add_empty_tiers("hall_head");
    Alerted(&inc, a0, kT0 + 120000);
    inc.set_last_seq(2);
    chain.setIncident(inc);
    QVERIFY(cell(0, 0, ChainStagesModel::AlertedRole).toBool());
    QVERIFY(cell(0, 0, ChainStagesModel::CurrentRole).toBool());
    QCOMPARE(cell(0, 0, ChainStagesModel::ReasonRole).toString(), QStringLiteral("start"));
    QVERIFY(
        cell(0, ChainStagesModel::PeopleColumn).toString().contains(QStringLiteral("人员zone ●")));
    QVERIFY(cell(0, ChainStagesModel::PeopleColumn)
                .toString()
                .contains(QStringLiteral("⚠ 大厅负责人：无人")));
    QCOMPARE(cell(0, 0, ChainStagesModel::EmptyTiersRole).toStringList(),
             QStringList{QStringLiteral("hall_head")});
    QVERIFY(cell(1, 0, ChainStagesModel::NextRole).toBool());
    QCOMPARE(cell(1, 0, ChainStagesModel::SecondsToNextRole).toInt(), 120);
    QVERIFY(cell(1, ChainStagesModel::StateColumn)
                .toString()
                .startsWith(QStringLiteral("2:00 后上报")));

    // The clock moves: the countdown follows, ticking only the state column.
    QSignalSpy changed(&chain, &QAbstractItemModel::dataChanged);
    now = kT0 + 18000;
    chain.tick();
    QVERIFY(!changed.isEmpty());
    QCOMPARE(cell(1, 0, ChainStagesModel::SecondsToNextRole).toInt(), 102);
    QVERIFY(chain.summary().contains(QStringLiteral("1:42 后上报应急办")));

    // The time-out lapsed: 应急办 alerted, two stages alerted, counting to the group.
    Alerted(&inc, Alert(1, "emergency_office", "timeout", kT0 + 120000, {{"office", false}}),
            kT0 + 240000);
    inc.set_last_seq(3);
    chain.setIncident(inc);
    now = kT0 + 130000;
    chain.tick();
    QVERIFY(cell(1, 0, ChainStagesModel::CurrentRole).toBool());
    QCOMPARE(cell(1, 0, ChainStagesModel::ReasonTextRole).toString(),
             QStringLiteral("上一级超时未确认"));
    QVERIFY(cell(1, ChainStagesModel::StateColumn).toString().contains(QStringLiteral("待确认")));
    QVERIFY(cell(1, ChainStagesModel::PeopleColumn)
                .toString()
                .contains(QStringLiteral("人员office ○")));
    QVERIFY(cell(2, 0, ChainStagesModel::NextRole).toBool());
    QCOMPARE(cell(2, 0, ChainStagesModel::SecondsToNextRole).toInt(), 110);
    QCOMPARE(chain.secondsToNext(), 110);
    QVERIFY2(chain.summary().startsWith(
                 QStringLiteral("上报链：第2级/共3级 应急办 · 待确认 · 1:50 后上报领导小组")),
             qPrintable(chain.summary()));

    // Acknowledged: the countdown stops, who says so.
    auto* es = inc.mutable_escalation();
    es->set_acknowledged(true);
    es->set_acknowledged_by_name("主任");
    setMs(es->mutable_acknowledged_at(), kT0 + 150000);
    es->clear_next_at();
    inc.set_last_seq(4);
    chain.setIncident(inc);
    QVERIFY(cell(1, 0, ChainStagesModel::AcknowledgedRole).toBool());
    QCOMPARE(cell(1, 0, ChainStagesModel::AcknowledgedByRole).toString(), QStringLiteral("主任"));
    QVERIFY(!cell(2, 0, ChainStagesModel::NextRole).toBool());
    QCOMPARE(chain.secondsToNext(), -1);
    QVERIFY(chain.summary().contains(QStringLiteral("已由 主任 确认")));

    // An older copy (a reply that lost the race) changes nothing.
    v1::Incident older = inc;
    older.set_last_seq(2);
    older.mutable_escalation()->set_acknowledged(false);
    chain.setIncident(older);
    QVERIFY(cell(1, 0, ChainStagesModel::AcknowledgedRole).toBool());

    // Without a policy the rows come from the incident's own alerts.
    chain.clearPolicy();
    QCOMPARE(chain.rowCount(), 3);
    QCOMPARE(cell(1, 0, ChainStagesModel::TierRole).toString(), QStringLiteral("emergency_office"));

    // A planned incident says so, and nothing counts down.
    v1::Incident planned = Incident("i2", 9);
    planned.set_category("power_outage");
    planned.set_planned_outage_id("o1");
    planned.mutable_escalation()->set_started(true);
    chain.setPolicy(Policy());
    chain.setIncident(planned);
    QVERIFY(chain.planned());
    QCOMPARE(chain.summary(), QStringLiteral("上报链：计划内（已公告），不上报"));
    QCOMPARE(cell(0, ChainStagesModel::StateColumn).toString(),
             QStringLiteral("计划内（已公告），不上报"));
    chain.clear();
    QCOMPARE(chain.rowCount(), 0);
  }

  void notAlertedStagesShowWhomTheyReachNow() {
    ChainStagesModel chain;
    QAbstractItemModelTester tester(&chain, QAbstractItemModelTester::FailureReportingMode::QtTest);
    chain.setPolicy(Policy());
    chain.setIncident(Incident("i1", 1));
    v1::ResolvedTier office;
    office.set_tier("emergency_office");
    office.add_person_ids("p1");
    office.add_names("主任");
    office.add_online(true);
    v1::ResolvedTier group;
    group.set_tier("leadership_group");
    chain.setOnNow({office, group});
    QCOMPARE(chain.index(1, ChainStagesModel::PeopleColumn).data().toString(),
             QStringLiteral("现在将通知：主任 ●"));
    QVERIFY(chain.index(2, ChainStagesModel::PeopleColumn)
                .data()
                .toString()
                .contains(QStringLiteral("⚠ 应急工作领导小组：现在无人")));
  }

  void escalatedToMeRingsUntilAnyoneAcknowledges() {
    EscalatedToMeModel mine;
    QAbstractItemModelTester tester(&mine, QAbstractItemModelTester::FailureReportingMode::QtTest);
    mine.setPersonId(QStringLiteral("leader"));
    QSignalSpy alerts(&mine, &EscalatedToMeModel::newAlert);

    // Stage 0 goes to the hall head: not this person's.
    v1::Incident inc = Incident("p1", 1);
    inc.set_category("panic");
    auto a0 = Alert(0, "hall_head", "start", kT0, {{"head", true}});
    Alerted(&inc, a0, kT0 + 120000);
    mine.applyEvents({Event(inc, v1::EVENT_KIND_ESCALATED, 2, &a0)});
    QCOMPARE(mine.count(), 0);

    // The time-out lapses: the leadership group — the leader rings.
    auto a1 = Alert(1, "leadership_group", "timeout", kT0 + 120000,
                    {{"leader", true}, {"deputy", false}});
    Alerted(&inc, a1, 0);
    mine.applyEvents({Event(inc, v1::EVENT_KIND_ESCALATED, 3, &a1)});
    QCOMPARE(mine.count(), 1);
    QCOMPARE(mine.pendingCount(), 1);
    QCOMPARE(mine.ringingCount(), 1);
    QCOMPARE(alerts.count(), 1);
    QCOMPARE(alerts[0][0].toString(), QStringLiteral("p1"));
    auto cell = [&mine](int column, int role = Qt::DisplayRole) {
      return mine.index(0, column).data(role);
    };
    QCOMPARE(cell(EscalatedToMeModel::StageColumn).toString(), QStringLiteral("第2级 领导小组"));
    QCOMPARE(cell(EscalatedToMeModel::ReasonColumn).toString(), QStringLiteral("上一级超时未确认"));
    QCOMPARE(cell(EscalatedToMeModel::StateColumn).toString(), QStringLiteral("待确认"));
    QCOMPARE(cell(0, EscalatedToMeModel::ReasonRole).toString(), QStringLiteral("timeout"));
    QCOMPARE(cell(0, EscalatedToMeModel::AtRole).toLongLong(), kT0 + 120000);

    // The hall head acknowledges on another desk: the watch brings the
    // acknowledged state, and it stops here.
    inc.set_status(v1::INCIDENT_STATUS_ACKNOWLEDGED);
    inc.set_acknowledged_by_name("大厅负责人");
    setMs(inc.mutable_acknowledged_at(), kT0 + 130000);
    auto* es = inc.mutable_escalation();
    es->set_acknowledged(true);
    es->set_acknowledged_by_name("大厅负责人");
    setMs(es->mutable_acknowledged_at(), kT0 + 130000);
    mine.applyEvents({Event(inc, v1::EVENT_KIND_ACKNOWLEDGED, 4)});
    QCOMPARE(mine.pendingCount(), 0);
    QCOMPARE(mine.ringingCount(), 0);
    QCOMPARE(mine.count(), 1);  // still listed, as dealt with
    QVERIFY(cell(EscalatedToMeModel::StateColumn)
                .toString()
                .startsWith(QStringLiteral("已确认：大厅负责人")));

    // Escalated again by hand later: pending once more (a new alert).
    auto a2 = Alert(1, "leadership_group", "manual", kT0 + 200000, {{"leader", true}});
    es->set_acknowledged(false);
    *es->add_alerts() = a2;
    mine.applyEvents({Event(inc, v1::EVENT_KIND_ESCALATED, 5, &a2)});
    QCOMPARE(mine.count(), 1);
    QCOMPARE(mine.ringingCount(), 1);
    QCOMPARE(alerts.count(), 2);
    // A reminder and an overdue step of the same incident are rows of their own.
    auto rem = Alert(1, "leadership_group", "reminder", kT0 + 300000, {{"leader", true}});
    mine.applyEvents({Event(inc, v1::EVENT_KIND_REMINDED, 6, &rem)});
    QCOMPARE(mine.count(), 2);
    QVERIFY(!mine.dismiss(1));  // a chain alert is cleared only by an acknowledgement
    QVERIFY(mine.dismiss(0));   // a reminder can be marked seen here
    QCOMPARE(mine.index(0, EscalatedToMeModel::StateColumn).data().toString(),
             QStringLiteral("已知悉"));
    QCOMPARE(mine.pendingCount(), 1);

    // Closed: the incident leaves the list.
    inc.set_status(v1::INCIDENT_STATUS_CLOSED);
    mine.applyEvents({Event(inc, v1::EVENT_KIND_CLOSED, 7)});
    QCOMPARE(mine.count(), 0);
    QCOMPARE(mine.ringingCount(), 0);
  }

  void notifyOnlyIsListedWithoutSoundAndSnapshotsCount() {
    EscalatedToMeModel mine;
    QAbstractItemModelTester tester(&mine, QAbstractItemModelTester::FailureReportingMode::QtTest);
    mine.setPersonId(QStringLiteral("press"));
    v1::Incident inc = Incident("c1", 1);
    auto a = Alert(1, "emergency_office", "timeout", kT0, {{"office", true}});
    auto* informed = a.add_people();
    informed->set_person_id("press");
    informed->set_name("宣传科");
    informed->set_notify_only(true);
    Alerted(&inc, a, kT0 + 120000);
    // From the board's snapshot (signed in after the alert).
    mine.setIncidents({inc, Incident("other", 2)});
    QCOMPARE(mine.count(), 1);
    QCOMPARE(mine.pendingCount(), 1);
    QCOMPARE(mine.ringingCount(), 0);
    QVERIFY(mine.index(0, 0).data(EscalatedToMeModel::NotifyOnlyRole).toBool());
    QCOMPARE(mine.index(0, EscalatedToMeModel::StateColumn).data().toString(),
             QStringLiteral("仅知会"));

    // An overdue step of this person's: listed until the step is done.
    v1::Incident outage = Incident("o1", 3);
    auto* step = outage.add_checklist();
    step->set_step_id("report_emergency_office");
    step->set_state(v1::STEP_STATE_PENDING);
    step->set_overdue(true);
    auto due = Alert(0, "duty_officer", "step_overdue", kT0 + 300000, {{"press", true}});
    v1::IncidentEvent e = Event(outage, v1::EVENT_KIND_STEP_OVERDUE, 4, &due);
    e.set_step_id("report_emergency_office");
    mine.applyEvents({e});
    QCOMPARE(mine.count(), 2);
    QCOMPARE(mine.ringingCount(), 1);
    QCOMPARE(mine.index(0, 0).data(EscalatedToMeModel::StepIdRole).toString(),
             QStringLiteral("report_emergency_office"));
    outage.mutable_checklist(0)->set_state(v1::STEP_STATE_DONE);
    mine.applyEvents({Event(outage, v1::EVENT_KIND_STEP_DONE, 5)});
    QCOMPARE(mine.ringingCount(), 0);
    mine.setPersonId(QStringLiteral("someone-else"));
    QCOMPARE(mine.count(), 0);
  }

  void boardShowsTheChainPlannedAndSilentKiosks() {
    IncidentBoardModel board;
    QAbstractItemModelTester tester(&board, QAbstractItemModelTester::FailureReportingMode::QtTest);
    qint64 now = kT0 + 18000;
    board.setClock([&now] { return now; });
    v1::Incident inc = Incident("i1", 1);
    Alerted(&inc, Alert(1, "emergency_office", "timeout", kT0, {{"office", true}}), kT0 + 120000);
    v1::Incident planned = Incident("i2", 2);
    planned.set_category("power_outage");
    planned.set_planned_outage_id("o1");
    v1::Incident silent = Incident("i3", 3);
    silent.set_category("equipment_fault");
    silent.set_subject_kiosk_id("kiosk-a");
    silent.mutable_reporter()->set_system("kiosk_monitor");
    v1::Incident unlabelled = Incident("i4", 4);
    unlabelled.set_category("new_category_x");
    board.setIncidents({inc, planned, silent, unlabelled});
    board.setKioskNames({{QStringLiteral("kiosk-a"), QStringLiteral("入口终端")}});
    board.setCategoryNamer([](const QString& id) {
      return id == QLatin1String("new_category_x") ? QStringLiteral("新类别（分类表）") : id;
    });
    auto text = [&board](int row, int column) {
      return board.index(row, column).data().toString();
    };
    QCOMPARE(text(0, IncidentBoardModel::ChainColumn), QStringLiteral("应急办 · 1:42"));
    QCOMPARE(board.index(0, 0).data(IncidentBoardModel::SecondsToNextStageRole).toLongLong(), 102);
    QCOMPARE(board.index(0, 0).data(IncidentBoardModel::EscalationStageRole).toInt(), 1);
    QCOMPARE(text(1, IncidentBoardModel::ChainColumn), QStringLiteral("计划内（已公告）"));
    QVERIFY(board.index(1, 0).data(IncidentBoardModel::PlannedRole).toBool());
    QCOMPARE(text(2, IncidentBoardModel::CategoryColumn),
             QStringLiteral("设备故障 ×终端失联：入口终端"));
    QCOMPARE(text(2, IncidentBoardModel::ReporterColumn), QStringLiteral("终端监测（服务器）"));
    QCOMPARE(text(3, IncidentBoardModel::CategoryColumn), QStringLiteral("新类别（分类表）"));
    // The countdown ticks with the age.
    QSignalSpy changed(&board, &QAbstractItemModel::dataChanged);
    now += 2000;
    QTRY_VERIFY(!changed.isEmpty());
    QTRY_COMPARE(text(0, IncidentBoardModel::ChainColumn), QStringLiteral("应急办 · 1:40"));
  }

  void timelineSaysWhatHappened() {
    TimelineModel timeline;
    QAbstractItemModelTester tester(&timeline,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    v1::Incident inc = Incident("i1", 1);
    auto a = Alert(2, "leadership_group", "timeout", kT0, {{"leader", true}});
    a.add_contact_parties("local_government");
    a.add_empty_tiers("leadership_group");
    v1::IncidentEvent up = Event(inc, v1::EVENT_KIND_ESCALATED, 2, &a);
    up.set_citation("嘉祥 三(一)");
    up.set_note("2分钟内未确认，上报下一级");  // the server's own words: left out
    v1::IncidentEvent contact = Event(inc, v1::EVENT_KIND_CONTACT_RECORDED, 3);
    contact.set_actor_id("duty");
    contact.set_actor_name("值班员");
    auto* c = contact.mutable_contact();
    c->set_party("police");
    c->set_number("110");
    c->set_method(v1::CONTACT_METHOD_PHONE);
    c->set_reference("JJ-2026-001");
    c->set_simulated(true);
    v1::IncidentEvent regrade = Event(inc, v1::EVENT_KIND_REGRADED, 4);
    regrade.set_from_grade("III");
    regrade.set_to_grade("II");
    regrade.set_citation("湖南 DB43/T 2422.4 6.3.1.2");
    v1::IncidentEvent failed = Event(inc, v1::EVENT_KIND_NOTIFICATION, 5);
    failed.mutable_notification()->set_kind("webhook");
    failed.mutable_notification()->set_notifier_id("n1");
    failed.mutable_notification()->set_attempts(3);
    failed.mutable_notification()->set_error("HTTP 503");
    v1::IncidentEvent planned = Event(inc, v1::EVENT_KIND_PLANNED, 6);
    timeline.setTimeline(QStringLiteral("i1"), {up, contact, regrade, failed, planned});
    auto row = [&timeline](int r) { return timeline.index(r).data().toString(); };
    QVERIFY2(
        row(0).contains(QStringLiteral(
            "上报  系统 · 第3级 领导小组，通知：人员leader（组长） ●，原因：上一级超时未确认；⚠ "
            "应急工作领导小组 无人；须联系：属地党委政府 · 依据 嘉祥 三(一)")),
        qPrintable(row(0)));
    QVERIFY(!row(0).contains(QStringLiteral("2分钟内未确认")));
    QVERIFY2(
        row(1).contains(QStringLiteral("公安/110：电话 110，回执 JJ-2026-001（演练·未实际拨打）")),
        qPrintable(row(1)));
    QVERIFY2(
        row(2).contains(QStringLiteral("定级  系统 · III → II · 依据 湖南 DB43/T 2422.4 6.3.1.2")),
        qPrintable(row(2)));
    QVERIFY2(row(3).contains(QStringLiteral("发送失败（第1级，尝试 3 次）：HTTP 503")),
             qPrintable(row(3)));
    QVERIFY(row(4).contains(QStringLiteral("计划内（已公告），记录在案，不上报")));
    LanguageSwitcher language(QStringLiteral("desk"));
    language.setLanguage(QStringLiteral("en"));
    QVERIFY2(row(0).contains(QStringLiteral("Escalated")) &&
                 row(0).contains(QStringLiteral("the previous stage did not acknowledge in time")),
             qPrintable(row(0)));
    QVERIFY2(row(1).contains(QStringLiteral("drill: nobody was called")), qPrintable(row(1)));
    language.setLanguage(QStringLiteral("zh"));
  }
};

QTEST_MAIN(EscalationModelsTest)
#include "escalation_models_test.moc"
