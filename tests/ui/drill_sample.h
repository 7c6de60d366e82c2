// A hand-made drill run for the drill tests (drill_report_test,
// drill_console_view_test): Jiaxiang's power-failure scenario, three press /
// message injects, and three expected responses — acknowledged on time,
// the power utility contacted 125 s late, the lifts never checked — with
// the review written afterwards. Times are fixed (T0 = 2027-01-15 10:00:00
// +08:00), so the texts and deadlines are known.
#pragma once

#include "hall/v1/drill.pb.h"

namespace drill_sample {

namespace v1 = hall::v1;

inline constexpr int64_t kT0 = 1'800'000'000;  // the drill's start, seconds

inline v1::DrillScenario Scenario() {
  v1::DrillScenario s;
  s.set_id("jiaxiang_power_failure");
  s.set_name_zh("突发停电演练");
  s.set_name_en("Power failure drill");
  s.set_plan_id("jiaxiang");
  s.set_duration_seconds(1800);
  s.set_citation("嘉祥 四(一)2（参照东莞 B.2.2 定期演练）");
  s.set_rehearses("突发停电：联系供电部门、告知群众、核查电梯被困人员");
  s.set_interval_days(365);
  s.add_roles(v1::ROLE_DUTY_OFFICER);
  s.add_roles(v1::ROLE_HALL_HEAD);
  auto inject = [&s](const char* id, int at, v1::DrillInject::Kind kind, const char* category,
                     const char* summary) {
    auto* i = s.add_injects();
    i->set_id(id);
    i->set_at_seconds(at);
    i->set_kind(kind);
    i->set_category(category);
    if (kind == v1::DrillInject::KIND_MESSAGE) {
      i->set_message(summary);
    } else {
      i->set_summary(summary);
      i->set_place("consult");
    }
  };
  inject("outage", 0, v1::DrillInject::KIND_PRESS, "power_outage",
         "（演练）大厅全部停电，叫号机与窗口电脑断电");
  inject("lift_trapped", 300, v1::DrillInject::KIND_PRESS, "elevator_entrapment",
         "（演练）停电后电梯内有两名群众被困");
  inject("supplier_says", 600, v1::DrillInject::KIND_MESSAGE, "",
         "（演练）供电部门答复：线路故障，预计30分钟恢复");
  return s;
}

inline v1::DrillExpectation Expectation(const char* id, const char* inject,
                                        v1::DrillExpectation::Kind kind, int within,
                                        const char* citation, const char* zh, const char* en) {
  v1::DrillExpectation e;
  e.set_id(id);
  e.set_incident(inject);
  e.set_kind(kind);
  e.set_within_seconds(within);
  e.set_citation(citation);
  e.set_text_zh(zh);
  e.set_text_en(en);
  return e;
}

inline std::vector<v1::DrillExpectation> Expected() {
  return {Expectation("ack_outage", "outage", v1::DrillExpectation::KIND_ACKNOWLEDGE, 180,
                      "嘉祥 三(一) 3分钟内确认", "确认停电报警", "Acknowledge the outage"),
          Expectation("contact_supplier", "outage", v1::DrillExpectation::KIND_CONTACT, 600,
                      "嘉祥 四(一)2 联系供电部门", "联系供电部门", "Contact the power utility"),
          Expectation("check_lifts", "lift_trapped", v1::DrillExpectation::KIND_STEP, 300,
                      "嘉祥 四(一)5 核查电梯", "核查电梯被困人员",
                      "Check the lifts for trapped people")};
}

inline v1::ScenarioForHall ForHall() {
  v1::ScenarioForHall s;
  *s.mutable_scenario() = Scenario();
  for (const auto& e : Expected()) *s.add_expected() = e;
  return s;
}

inline void At(google::protobuf::Timestamp* t, int64_t seconds) { t->set_seconds(seconds); }

// The run once it ended: one on time, one late, one missed; reviewed.
inline v1::Drill Ended() {
  v1::Drill d;
  d.set_id("0f6b7d1e-drill-run-1");
  d.set_hall_id("jiaxiang-1");
  *d.mutable_scenario() = Scenario();
  d.set_state(v1::DRILL_STATE_ENDED);
  At(d.mutable_starts_at(), kT0);
  At(d.mutable_ended_at(), kT0 + 1800);
  d.set_started_by("p-drill");
  d.set_started_by_name("演练组织者王五");
  d.add_kiosk_ids("kiosk-jiaxiang-1");
  auto run = [&d](const char* id, int at, const char* incident) {
    auto* r = d.add_injects();
    r->set_inject_id(id);
    At(r->mutable_due_at(), kT0 + at);
    At(r->mutable_fired_at(), kT0 + at);
    r->set_incident_id(incident);
  };
  run("outage", 0, "inc-outage");
  run("lift_trapped", 300, "inc-lift");
  run("supplier_says", 600, "");
  d.set_last_message("（演练）供电部门答复：线路故障，预计30分钟恢复");
  const auto expected = Expected();
  auto* score = d.mutable_score();
  auto result = [&](int i, v1::ExpectationResult::Outcome o, int64_t late, int64_t took,
                    const char* incident) {
    auto* r = score->add_results();
    *r->mutable_expectation() = expected[i];
    r->set_outcome(o);
    r->set_late_seconds(late);
    r->set_took_seconds(took);
    r->set_incident_id(incident);
  };
  result(0, v1::ExpectationResult::OUTCOME_ON_TIME, 0, 45, "inc-outage");
  result(1, v1::ExpectationResult::OUTCOME_LATE, 125, 725, "inc-outage");
  result(2, v1::ExpectationResult::OUTCOME_MISSED, 0, 0, "inc-lift");
  score->set_on_time(1);
  score->set_late(1);
  score->set_missed(1);
  score->set_percent(50);
  score->set_final(true);
  auto incident = [&d](const char* id, const char* category, int at, const char* summary) {
    auto* inc = d.add_incidents();
    inc->set_id(id);
    inc->set_hall_id("jiaxiang-1");
    inc->set_category(category);
    inc->set_drill(true);
    inc->set_drill_id(d.id());
    inc->set_status(v1::INCIDENT_STATUS_RESOLVED);
    inc->set_summary(summary);
    At(inc->mutable_reported_at(), kT0 + at);
  };
  incident("inc-outage", "power_outage", 1, "（演练）大厅全部停电，叫号机与窗口电脑断电");
  incident("inc-lift", "elevator_entrapment", 301, "（演练）停电后电梯内有两名群众被困");
  auto* review = d.mutable_review();
  review->set_went_well("停电报警45秒内确认，群众疏导有序");
  review->set_went_badly("电梯困人未在时限内核查");
  review->add_improvements("每季度组织一次电梯困人专项演练");
  review->add_improvements("值班表增加物业电工的联系方式");
  review->set_reviewed_by_name("演练组织者王五");
  At(review->mutable_reviewed_at(), kT0 + 3600);
  return d;
}

// The same run while it goes on (started `elapsed` seconds before `nowS`):
// acknowledged on time, the utility not yet contacted (pending), the lifts
// overdue; no review.
inline v1::Drill Running(int64_t nowS, int64_t elapsed = 420) {
  v1::Drill d = Ended();
  const int64_t start = nowS - elapsed;
  d.set_state(v1::DRILL_STATE_RUNNING);
  d.clear_ended_at();
  d.clear_review();
  At(d.mutable_starts_at(), start);
  for (auto& r : *d.mutable_injects()) {
    const int at = r.inject_id() == "outage" ? 0 : r.inject_id() == "lift_trapped" ? 300 : 600;
    At(r.mutable_due_at(), start + at);
    if (at <= elapsed) {
      At(r.mutable_fired_at(), start + at);
    } else {
      r.clear_fired_at();
    }
  }
  d.clear_last_message();
  auto* score = d.mutable_score();
  score->mutable_results(1)->set_outcome(v1::ExpectationResult::OUTCOME_PENDING);
  score->mutable_results(1)->set_late_seconds(0);
  score->mutable_results(1)->set_took_seconds(0);
  score->mutable_results(2)->set_outcome(v1::ExpectationResult::OUTCOME_OVERDUE);
  score->set_on_time(1);
  score->set_late(0);
  score->set_missed(0);
  score->set_overdue(1);
  score->set_pending(1);
  score->set_percent(50);
  score->set_final(false);
  for (auto& inc : *d.mutable_incidents()) {
    inc.set_status(v1::INCIDENT_STATUS_ACKNOWLEDGED);
    At(inc.mutable_reported_at(), start + (inc.id() == "inc-outage" ? 1 : 301));
  }
  return d;
}

}  // namespace drill_sample
