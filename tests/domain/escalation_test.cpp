// The escalation engine's pure core, every policy path in simulated time:
// start, time-outs, grave incidents at once, manual escalate and hand-back,
// one acknowledgement stopping everything, unreachable tiers and failing
// notifiers moving on at once, reminders, regrade by outage length,
// planned outages, roster gaps, zone leaders, contact steps, drills.
#include "domain/escalation.h"

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "domain/checklist.h"
#include "domain/incident_change.h"
#include "domain/incident_state.h"
#include "domain/raise.h"

namespace hall::domain {
namespace {

constexpr int64_t kT0 = 1'800'000'000'000'000;
constexpr int64_t kSec = 1'000'000;
constexpr int64_t kMin = 60 * kSec;

v1::EscalationPolicy Policy(const char* text) {
  v1::EscalationPolicy p;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &p)) << text;
  return p;
}

// 第一处置人 → 应急办 (+ 领导小组 informed) → 领导小组, with 110 at the top.
const char* kChain = R"pb(
  tiers { tier: "first_responder" ack_timeout_seconds: 120 citation: "测试 1" }
  tiers {
    tier: "emergency_office"
    ack_timeout_seconds: 300
    notify_only: "security"
    citation: "测试 2"
  }
  tiers { tier: "leadership_group" contact_parties: "police" citation: "测试 3" }
  immediate_at: SEVERITY_CRITICAL
  immediate_tier: "leadership_group"
  unresolved_remind_seconds: 1800
  unresolved_escalate_seconds: 3600
  citation: "测试 0"
)pb";

// A hall where everyone is on and signed in.
HallPeople FullHall() {
  HallPeople h;
  h.on_duty = {{"duty-1", "值班员甲", "13800000001"}};
  h.members = {{"head-1", "负责人", "hall_head", "", "", "", {}, false},
               {"office-1", "应急办甲", "emergency_office", "", "", "", {}, false},
               {"guard-1", "保安甲", "security", "", "", "", {}, false},
               {"leader-1", "组长", "leadership_group", "leader", "组长", "", {}, false},
               {"zone-1", "包保甲", "zone_leader", "", "", "", {"不动产服务区"}, false}};
  h.online = {"duty-1", "head-1", "office-1", "guard-1", "leader-1", "zone-1"};
  h.setup_version = 7;
  return h;
}

v1::Incident Reported(v1::Severity severity = v1::SEVERITY_HIGH, bool drill = false) {
  v1::Incident inc;
  inc.set_id("00000000-0000-4000-8000-000000000001");
  inc.set_hall_id("hall-a");
  inc.set_category("fire");
  inc.set_severity(severity);
  inc.set_status(v1::INCIDENT_STATUS_REPORTED);
  inc.set_drill(drill);
  SetTimestamp(inc.mutable_reported_at(), kT0);
  return inc;
}

Principal Person(const char* id, v1::Role role = v1::ROLE_DUTY_OFFICER) {
  Principal p;
  p.id = id;
  p.display_name = id;
  p.role = role;
  return p;
}

// Fires every timer the incident asks for that is due at `now`.
std::vector<v1::IncidentEvent> Tick(v1::Incident* inc, const ChainInput& in, int64_t now) {
  std::vector<Timer> due;
  for (auto& t : TimersOf(*inc)) {
    if (t.due_us <= now) due.push_back(t);
  }
  auto events = FireDue(*inc, due, in, now);
  if (!events.empty()) *inc = events.back().incident();
  return events;
}

bool HasTimer(const v1::Incident& inc, const char* kind) {
  for (auto& t : TimersOf(inc)) {
    if (t.kind == kind) return true;
  }
  return false;
}

std::vector<std::string> PeopleOf(const v1::AlertRecord& a) {
  std::vector<std::string> out;
  for (auto& p : a.people()) out.push_back(p.person_id());
  return out;
}

class EscalationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    policy_ = Policy(kChain);
    hall_ = FullHall();
    in_.policy = &policy_;
    in_.hall = &hall_;
  }
  v1::EscalationPolicy policy_;
  HallPeople hall_;
  ChainInput in_;
};

TEST_F(EscalationTest, ANewIncidentAsksToStartItsChainAtOnce) {
  v1::Incident inc = Reported();
  auto timers = TimersOf(inc);
  ASSERT_EQ(timers.size(), 1u);
  EXPECT_EQ(timers[0], (Timer{kTimerStart, "", kT0}));
}

TEST_F(EscalationTest, UnacknowledgedClimbsEachStageAtItsTimeOut) {
  v1::Incident inc = Reported();
  auto e = Tick(&inc, in_, kT0);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind(), v1::EVENT_KIND_ESCALATED);
  EXPECT_EQ(e[0].alert().stage(), 0);
  EXPECT_EQ(e[0].alert().reason(), "start");
  // first_responder = the duty officer on shift and the hall head.
  EXPECT_EQ(PeopleOf(e[0].alert()), (std::vector<std::string>{"duty-1", "head-1"}));
  EXPECT_EQ(inc.escalation().setup_version(), 7);
  EXPECT_EQ(ToMicros(inc.escalation().next_at()), kT0 + 120 * kSec);

  // 119 s: nothing. 120 s: the emergency office (security informed).
  EXPECT_TRUE(Tick(&inc, in_, kT0 + 119 * kSec).empty());
  e = Tick(&inc, in_, kT0 + 120 * kSec);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].alert().stage(), 1);
  EXPECT_EQ(e[0].alert().reason(), "timeout");
  EXPECT_EQ(e[0].alert().citation(), "测试 1");  // the clause of the stage that lapsed
  EXPECT_EQ(e[0].note(), "2分钟内未确认，上报下一级");
  ASSERT_EQ(e[0].alert().people_size(), 2);
  EXPECT_FALSE(e[0].alert().people(0).notify_only());
  EXPECT_TRUE(e[0].alert().people(1).notify_only());  // 保安 is told, not asked

  // 5 more minutes: the leadership group, and a contact step for 110.
  e = Tick(&inc, in_, kT0 + 420 * kSec);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].alert().stage(), 2);
  EXPECT_EQ(PeopleOf(e[0].alert()), (std::vector<std::string>{"leader-1"}));
  EXPECT_EQ(e[0].alert().people(0).position(), "组长");
  ASSERT_EQ(e[0].alert().contact_parties_size(), 1);
  const v1::ChecklistItem& call = inc.checklist(inc.checklist_size() - 1);
  EXPECT_EQ(call.contact_party(), "police");
  EXPECT_TRUE(call.mandatory());
  EXPECT_EQ(call.added_by(), "escalation");
  // The last stage: nothing further by timer, whatever the clock says.
  EXPECT_FALSE(HasTimer(inc, kTimerEscalate));
  EXPECT_TRUE(Tick(&inc, in_, kT0 + 10 * 3600 * kSec).empty());
  EXPECT_EQ(inc.escalation().alerts_size(), 3);
}

TEST_F(EscalationTest, OneAcknowledgementStopsEveryPendingAlertAndTimer) {
  v1::Incident inc = Reported();
  Tick(&inc, in_, kT0);
  Tick(&inc, in_, kT0 + 120 * kSec);  // now at the emergency office
  auto ack =
      ApplyChain(inc, ChainAction::kAcknowledge, "", Person("office-1"), in_, kT0 + 130 * kSec);
  ASSERT_TRUE(ack);
  ASSERT_EQ(ack.value().size(), 1u);
  inc = ack.value()[0].incident();
  EXPECT_EQ(ack.value()[0].kind(), v1::EVENT_KIND_ACKNOWLEDGED);
  EXPECT_EQ(inc.status(), v1::INCIDENT_STATUS_ACKNOWLEDGED);
  EXPECT_TRUE(inc.escalation().acknowledged());
  EXPECT_FALSE(HasTimer(inc, kTimerEscalate));
  EXPECT_FALSE(HasTimer(inc, kTimerStart));
  // Even a stale escalate timer fired late does nothing now.
  auto late = FireDue(inc, {{kTimerEscalate, "", kT0 + 420 * kSec}}, in_, kT0 + 420 * kSec);
  EXPECT_TRUE(late.empty());
  // A second acknowledgement is refused (nothing is waiting).
  auto again =
      ApplyChain(inc, ChainAction::kAcknowledge, "", Person("duty-1"), in_, kT0 + 140 * kSec);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(EscalationTest, AcknowledgedBeforeTheChainStartsNeverAlerts) {
  v1::Incident inc = Reported();
  auto ack = ApplyChain(inc, ChainAction::kAcknowledge, "", Person("duty-1"), in_, kT0 + kSec / 10);
  ASSERT_TRUE(ack);
  inc = ack.value()[0].incident();
  EXPECT_TRUE(FireDue(inc, {{kTimerStart, "", kT0}}, in_, kT0 + kSec).empty());
  EXPECT_FALSE(HasTimer(inc, kTimerStart));
}

TEST_F(EscalationTest, AGraveIncidentAlertsTheImmediateStageWithTheFirst) {
  v1::Incident inc = Reported(v1::SEVERITY_CRITICAL);
  auto e = Tick(&inc, in_, kT0);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].alert().stage(), 0);
  EXPECT_EQ(e[1].alert().stage(), 2);
  EXPECT_EQ(e[1].alert().reason(), "immediate");
  EXPECT_EQ(inc.escalation().stage(), 2);
  EXPECT_FALSE(HasTimer(inc, kTimerEscalate));  // already at the top
}

TEST_F(EscalationTest, ManualEscalateAndHandBackDown) {
  v1::Incident inc = Reported();
  Tick(&inc, in_, kT0);
  auto ack = ApplyChain(inc, ChainAction::kAcknowledge, "", Person("duty-1"), in_, kT0 + 10 * kSec);
  inc = ack.value()[0].incident();
  auto up = ApplyChain(inc, ChainAction::kEscalate, "需要应急办支援", Person("duty-1"), in_,
                       kT0 + 20 * kSec);
  ASSERT_TRUE(up);
  inc = up.value()[0].incident();
  EXPECT_EQ(up.value()[0].kind(), v1::EVENT_KIND_ESCALATED);
  EXPECT_EQ(up.value()[0].actor_id(), "duty-1");
  EXPECT_EQ(up.value()[0].alert().reason(), "manual");
  EXPECT_EQ(up.value()[0].note(), "需要应急办支援");
  EXPECT_EQ(inc.escalation().stage(), 1);
  EXPECT_FALSE(inc.escalation().acknowledged());
  // Handing back needs the stage to have taken it first.
  auto early =
      ApplyChain(inc, ChainAction::kDeescalate, "交回", Person("office-1"), in_, kT0 + 25 * kSec);
  ASSERT_FALSE(early);
  auto took =
      ApplyChain(inc, ChainAction::kAcknowledge, "", Person("office-1"), in_, kT0 + 30 * kSec);
  ASSERT_TRUE(took);
  EXPECT_EQ(took.value()[0].kind(), v1::EVENT_KIND_ALERT_ACKNOWLEDGED);
  inc = took.value()[0].incident();
  auto down = ApplyChain(inc, ChainAction::kDeescalate, "现场已控制，交值班员", Person("office-1"),
                         in_, kT0 + 40 * kSec);
  ASSERT_TRUE(down);
  inc = down.value()[0].incident();
  EXPECT_EQ(down.value()[0].kind(), v1::EVENT_KIND_DEESCALATED);
  EXPECT_EQ(inc.escalation().stage(), 0);
  EXPECT_FALSE(inc.escalation().acknowledged());  // the first responder takes it again
  EXPECT_EQ(ToMicros(inc.escalation().next_at()), kT0 + 40 * kSec + 120 * kSec);
  // At the top, manual escalation is refused with a pointer to contact steps.
  inc.mutable_escalation()->set_stage(2);
  auto top =
      ApplyChain(inc, ChainAction::kEscalate, "再上报", Person("duty-1"), in_, kT0 + 50 * kSec);
  ASSERT_FALSE(top);
  EXPECT_NE(top.error().message.find("contact steps"), std::string::npos);
  // A closed incident cannot be escalated.
  inc.set_status(v1::INCIDENT_STATUS_CLOSED);
  EXPECT_FALSE(
      ApplyChain(inc, ChainAction::kEscalate, "x", Person("duty-1"), in_, kT0 + 60 * kSec));
}

TEST_F(EscalationTest, AStageNobodyCanReceiveMovesOnAtOnce) {
  hall_.online = {"leader-1"};  // only the leader has a desk open
  v1::Incident inc = Reported();
  auto e = Tick(&inc, in_, kT0);
  ASSERT_EQ(e.size(), 3u);  // stage 0, stage 1 (nobody), stage 2
  EXPECT_TRUE(e[0].alert().unreachable());
  EXPECT_EQ(e[1].alert().reason(), "unreachable");
  EXPECT_TRUE(e[1].alert().unreachable());
  EXPECT_EQ(e[2].alert().reason(), "unreachable");
  EXPECT_FALSE(e[2].alert().unreachable());
  EXPECT_EQ(inc.escalation().stage(), 2);
}

TEST_F(EscalationTest, ARosterGapIsAnEmptyTierAndIsPassedAtOnce) {
  hall_.on_duty.clear();
  std::erase_if(hall_.members, [](auto& m) { return m.tier == "hall_head"; });
  v1::Incident inc = Reported();
  auto e = Tick(&inc, in_, kT0);
  ASSERT_GE(e.size(), 2u);
  EXPECT_EQ(e[0].alert().people_size(), 0);
  ASSERT_EQ(e[0].alert().empty_tiers_size(), 1);
  EXPECT_EQ(e[0].alert().empty_tiers(0), "first_responder");
  EXPECT_EQ(e[1].alert().stage(), 1);
  EXPECT_FALSE(e[1].alert().unreachable());
}

TEST_F(EscalationTest, ANotifierMakesATierReachableButNeverForADrill) {
  hall_.online.clear();
  hall_.notifier_tiers = {{"first_responder"}};
  v1::Incident real = Reported();
  auto e = Tick(&real, in_, kT0);
  ASSERT_EQ(e.size(), 1u);  // waits for the delivery's outcome
  EXPECT_FALSE(e[0].alert().unreachable());
  EXPECT_EQ(e[0].alert().webhook_deliveries(), 1);
  v1::Incident drill = Reported(v1::SEVERITY_HIGH, /*drill=*/true);
  e = Tick(&drill, in_, kT0);
  EXPECT_EQ(e[0].alert().webhook_deliveries(), 0);
  EXPECT_TRUE(e[0].alert().unreachable());
  for (auto& ev : e) EXPECT_TRUE(ev.drill());
}

TEST_F(EscalationTest, AFailedDeliveryEscalatesAtOnce) {
  hall_.online.clear();
  hall_.notifier_tiers = {{}};  // one notifier for every tier
  v1::Incident inc = Reported();
  Tick(&inc, in_, kT0);
  v1::NotificationRecord rec;
  rec.set_kind("webhook");
  rec.set_alert_stage(0);
  rec.set_attempts(4);
  rec.set_error("HTTP 503");
  auto e = DeliveryOutcome(inc, rec, in_, kT0 + 10 * kSec);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].kind(), v1::EVENT_KIND_NOTIFICATION);
  EXPECT_EQ(e[1].kind(), v1::EVENT_KIND_ESCALATED);
  EXPECT_EQ(e[1].alert().reason(), "delivery_failed");
  EXPECT_EQ(e[1].alert().stage(), 1);
  // A delivered one is only recorded.
  rec.set_delivered(true);
  rec.clear_error();
  EXPECT_EQ(DeliveryOutcome(inc, rec, in_, kT0 + 10 * kSec).size(), 1u);
}

TEST_F(EscalationTest, AcknowledgedButUnresolvedRemindsThenEscalates) {
  v1::Incident inc = Reported();
  Tick(&inc, in_, kT0);
  auto ack = ApplyChain(inc, ChainAction::kAcknowledge, "", Person("duty-1"), in_, kT0 + 60 * kSec);
  inc = ack.value()[0].incident();
  EXPECT_TRUE(Tick(&inc, in_, kT0 + 60 * kSec + 1799 * kSec).empty());
  auto e = Tick(&inc, in_, kT0 + 60 * kSec + 1800 * kSec);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind(), v1::EVENT_KIND_REMINDED);
  EXPECT_EQ(e[0].alert().people(0).person_id(), "duty-1");
  e = Tick(&inc, in_, kT0 + 60 * kSec + 3600 * kSec);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind(), v1::EVENT_KIND_ESCALATED);
  EXPECT_EQ(e[0].alert().reason(), "unresolved");
  EXPECT_EQ(inc.escalation().stage(), 1);
  // Resolving stops everything.
  Command resolve{Action::kResolve};
  resolve.outcome = v1::OUTCOME_HANDLED;
  ChangeInput ci;
  ci.chain = in_;
  auto done = ApplyCommand(inc, resolve, Person("duty-1"), ci, kT0 + 4000 * kSec);
  ASSERT_TRUE(done);
  EXPECT_TRUE(TimersOf(done.value()[0].incident()).empty());
}

TEST_F(EscalationTest, APlannedOutageIsRecordedAndNeverEscalates) {
  hall_.planned_outage_id = "outage-1";
  v1::Incident inc = Reported();
  inc.set_category("power_outage");
  auto e = Tick(&inc, in_, kT0);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind(), v1::EVENT_KIND_PLANNED);
  EXPECT_EQ(inc.planned_outage_id(), "outage-1");
  EXPECT_TRUE(TimersOf(inc).empty());
  EXPECT_TRUE(Tick(&inc, in_, kT0 + 3600 * kSec).empty());
}

TEST_F(EscalationTest, AZoneLeaderIsAlertedForIncidentsInTheirZoneOnly) {
  v1::EscalationPolicy p = Policy(R"pb(
    tiers { tier: "zone_leader" ack_timeout_seconds: 120 citation: "嘉祥 四(二)2" }
    tiers { tier: "emergency_office" citation: "嘉祥 四(二)2" }
  )pb");
  in_.policy = &p;
  hall_.zone = "不动产服务区";
  v1::Incident inc = Reported();
  auto e = Tick(&inc, in_, kT0);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(PeopleOf(e[0].alert()), (std::vector<std::string>{"zone-1"}));
  // Another zone: nobody answers for it, so the office is alerted at once.
  hall_.zone = "税务服务区";
  v1::Incident other = Reported();
  e = Tick(&other, in_, kT0);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].alert().empty_tiers(0), "zone_leader");
  EXPECT_EQ(PeopleOf(e[1].alert()), (std::vector<std::string>{"office-1"}));
}

TEST_F(EscalationTest, ContactStepsAreAddedOnceAndAnExistingStepForThePartyCounts) {
  v1::EscalationPolicy p = Policy(R"pb(
    tiers {
      tier: "first_responder"
      contact_parties: "police"
      contact_parties: "data_bureau"
      citation: "东莞 B.3.2.1.1"
    }
  )pb");
  in_.policy = &p;
  v1::Incident inc = Reported();
  v1::ChecklistItem* call110 = inc.add_checklist();
  call110->set_step_id("call_110");
  call110->set_contact_party("police");
  call110->set_state(v1::STEP_STATE_PENDING);
  Tick(&inc, in_, kT0);
  int police = 0, bureau = 0;
  for (auto& it : inc.checklist()) {
    police += it.contact_party() == "police";
    bureau += it.contact_party() == "data_bureau";
  }
  EXPECT_EQ(police, 1);
  EXPECT_EQ(bureau, 1);
}

TEST_F(EscalationTest, OutageLengthRegradesAtEachBoundaryAndAGraveGradeEscalates) {
  v1::Plan plan;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
                                                              id: "t"
                                                              short_name: "湖南"
                                                              playbooks {
                                                                category: "information_system_fault"
                                                                steps {
                                                                  id: "report"
                                                                  text_zh: "报告"
                                                                  responsible: "duty_officer"
                                                                  citation: "湖南 6.3.1.2"
                                                                }
                                                                steps {
                                                                  id: "grade1_only"
                                                                  text_zh: "I级措施"
                                                                  responsible: "duty_officer"
                                                                  mandatory: true
                                                                  when_grades: "I"
                                                                  citation: "湖南 6.3.2"
                                                                }
                                                                grading {
                                                                  grade: "I"
                                                                  metric: "outage_minutes"
                                                                  above: 60
                                                                  severity: SEVERITY_CRITICAL
                                                                  citation: "湖南 6.3.1.2 a)"
                                                                }
                                                                grading {
                                                                  grade: "II"
                                                                  metric: "outage_minutes"
                                                                  above: 20
                                                                  at_most: 60
                                                                  severity: SEVERITY_HIGH
                                                                  citation: "湖南 6.3.1.2 b)"
                                                                }
                                                                grading {
                                                                  grade: "III"
                                                                  metric: "outage_minutes"
                                                                  at_most: 20
                                                                  severity: SEVERITY_MEDIUM
                                                                  citation: "湖南 6.3.1.2 c)"
                                                                }
                                                              }
                                                            )pb",
                                                            &plan));
  const v1::Playbook* pb = &plan.playbooks(0);
  v1::RaiseIncidentRequest req;
  req.set_request_id("r1");
  req.set_category("information_system_fault");
  v1::Category cat;
  cat.set_id("information_system_fault");
  RaiseInput ri;
  ri.incident_id = "00000000-0000-4000-8000-000000000002";
  ri.request = &req;
  ri.reporter = Person("duty-1");
  ri.hall_id = "hall-a";
  ri.category = &cat;
  ri.plan_id = "t";
  ri.plan = &plan;
  ri.playbook = pb;
  ri.now_us = kT0;
  v1::Incident inc = PlanRaise(ri).incident;
  EXPECT_EQ(inc.grade(), "III");
  EXPECT_TRUE(inc.checklist(1).not_applicable());  // grade I only
  in_.playbook = pb;
  policy_.clear_unresolved_remind_seconds();  // only the grading timers here
  policy_.clear_unresolved_escalate_seconds();
  Tick(&inc, in_, kT0);  // the chain starts
  // Taken at once: the chain's own time-outs stop; grading by length goes on.
  inc = ApplyChain(inc, ChainAction::kAcknowledge, "", Person("duty-1"), in_, kT0 + kSec)
            .value()[0]
            .incident();
  ASSERT_TRUE(inc.escalation().has_next_regrade_at());
  EXPECT_EQ(ToMicros(inc.escalation().next_regrade_at()), kT0 + 20 * kMin + 1);
  auto e = Tick(&inc, in_, kT0 + 20 * kMin + 1);
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e[0].kind(), v1::EVENT_KIND_REGRADED);
  EXPECT_EQ(e[0].from_grade(), "III");
  EXPECT_EQ(e[0].to_grade(), "II");
  EXPECT_EQ(e[0].citation(), "湖南 6.3.1.2 b)");
  EXPECT_EQ(ToMicros(inc.escalation().next_regrade_at()), kT0 + 60 * kMin + 1);
  // Past an hour: grade I — critical, which reaches the immediate stage.
  e = Tick(&inc, in_, kT0 + 61 * kMin);
  ASSERT_GE(e.size(), 2u);
  EXPECT_EQ(e[0].to_grade(), "I");
  EXPECT_EQ(e[1].kind(), v1::EVENT_KIND_ESCALATED);
  EXPECT_EQ(e[1].alert().reason(), "regrade");
  EXPECT_FALSE(inc.checklist(1).not_applicable());  // now it applies
  EXPECT_FALSE(HasTimer(inc, kTimerRegrade));       // no boundary left
}

TEST_F(EscalationTest, AStepDeadlineIsWatchedByTheServerOnce) {
  v1::Incident inc = Reported();
  v1::ChecklistItem* it = inc.add_checklist();
  it->set_step_id("report_office");
  it->set_responsible("emergency_office");
  it->set_state(v1::STEP_STATE_PENDING);
  it->set_citation("嘉祥 四(一)1");
  SetTimestamp(it->mutable_due_at(), kT0 + 5 * kMin);
  Tick(&inc, in_, kT0);
  auto ack = ApplyChain(inc, ChainAction::kAcknowledge, "", Person("duty-1"), in_, kT0 + kMin);
  inc = ack.value()[0].incident();
  ASSERT_TRUE(HasTimer(inc, kTimerStepDue));
  auto e = Tick(&inc, in_, kT0 + 5 * kMin);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind(), v1::EVENT_KIND_STEP_OVERDUE);
  EXPECT_EQ(e[0].step_id(), "report_office");
  EXPECT_EQ(e[0].citation(), "嘉祥 四(一)1");
  EXPECT_EQ(PeopleOf(e[0].alert()), (std::vector<std::string>{"office-1"}));
  EXPECT_TRUE(inc.checklist(0).overdue());
  EXPECT_FALSE(HasTimer(inc, kTimerStepDue));
  for (auto& later : Tick(&inc, in_, kT0 + 60 * kMin))
    EXPECT_NE(later.kind(), v1::EVENT_KIND_STEP_OVERDUE);
}

TEST_F(EscalationTest, TimersOfAClosedIncidentAreNone) {
  v1::Incident inc = Reported();
  Tick(&inc, in_, kT0);
  inc.set_status(v1::INCIDENT_STATUS_CLOSED);
  EXPECT_TRUE(TimersOf(inc).empty());
  inc.set_status(v1::INCIDENT_STATUS_WITHDRAWN);
  EXPECT_TRUE(TimersOf(inc).empty());
}

TEST_F(EscalationTest, AServerReadingTheLogCountsEachIncidentsLastStateAndLetsAStartWait) {
  // Another server's raise, read from the log: its chain start is that
  // server's to do, so it counts only after the grace.
  v1::IncidentEvent raised;
  raised.set_kind(v1::EVENT_KIND_RAISED);
  *raised.mutable_incident() = Reported();
  const int64_t grace = 2 * kSec;
  EXPECT_EQ(EarliestTimerAfter({&raised}, grace), kT0 + grace);
  EXPECT_EQ(EarliestTimerAfter({&raised}, 0), kT0);
  // Read together with the follow-up that started the chain: the start is
  // gone, the first stage's time-out is what is left.
  v1::Incident inc = raised.incident();
  auto started = Tick(&inc, in_, kT0);
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(EarliestTimerAfter({&raised, &started[0]}, grace), kT0 + 120 * kSec);
  // Each incident counts: a second one raised ten seconds later.
  v1::IncidentEvent other = raised;
  other.mutable_incident()->set_id("00000000-0000-4000-8000-000000000002");
  SetTimestamp(other.mutable_incident()->mutable_reported_at(), kT0 + 10 * kSec);
  EXPECT_EQ(EarliestTimerAfter({&raised, &started[0], &other}, grace), kT0 + 10 * kSec + grace);
  // Nothing left to do: no timer.
  v1::IncidentEvent closed = started[0];
  closed.mutable_incident()->set_status(v1::INCIDENT_STATUS_CLOSED);
  EXPECT_EQ(EarliestTimerAfter({&raised, &started[0], &closed}, grace), 0);
  EXPECT_EQ(EarliestTimerAfter({}, grace), 0);
}

TEST(PolicyForTest, APlaybookChainWinsElseThePlanDefault) {
  v1::Plan plan;
  plan.mutable_default_escalation()->add_tiers()->set_tier("first_responder");
  v1::Playbook own;
  own.mutable_escalation()->add_tiers()->set_tier("emergency_office");
  v1::Playbook none;
  bool from = false;
  EXPECT_EQ(PolicyFor(plan, &own, &from).tiers(0).tier(), "emergency_office");
  EXPECT_TRUE(from);
  EXPECT_EQ(PolicyFor(plan, &none, &from).tiers(0).tier(), "first_responder");
  EXPECT_FALSE(from);
  EXPECT_EQ(PolicyFor(plan, nullptr, &from).tiers(0).tier(), "first_responder");
}

}  // namespace
}  // namespace hall::domain
