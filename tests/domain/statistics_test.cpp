// The figures of a period: what is counted where, durations against each
// plan's own targets, steps on time / late / missed, breaches, drills left
// out, days in China Standard Time, and the period's limits.
#include "domain/statistics.h"

#include <gtest/gtest.h>

#include "domain/incident_state.h"

namespace hall::domain {
namespace {

constexpr int64_t kS = 1'000'000;
constexpr int64_t kMin = 60 * kS;
constexpr int64_t kDay = 86400 * kS;
// 2026-11-02T00:00:00+08:00 (a Monday), the period's start.
constexpr int64_t kFrom = 1'793'548'800 * kS;
constexpr int64_t kTo = kFrom + 7 * kDay;

int n = 0;

v1::Incident Make(const std::string& hall, const std::string& plan, const std::string& category,
                  int64_t reported) {
  v1::Incident inc;
  inc.set_id("00000000-0000-0000-0000-00000000000" + std::to_string(++n % 10));
  inc.set_hall_id(hall);
  inc.set_plan_id(plan);
  inc.set_category(category);
  inc.set_severity(v1::SEVERITY_HIGH);
  inc.set_status(v1::INCIDENT_STATUS_REPORTED);
  SetTimestamp(inc.mutable_reported_at(), reported);
  return inc;
}

void Ack(v1::Incident& inc, int64_t after) {
  inc.set_status(v1::INCIDENT_STATUS_ACKNOWLEDGED);
  SetTimestamp(inc.mutable_acknowledged_at(), ToMicros(inc.reported_at()) + after);
}

v1::ChecklistItem* Step(v1::Incident& inc, const std::string& id, int64_t due) {
  auto* s = inc.add_checklist();
  s->set_step_id(id);
  s->set_text_zh("步骤 " + id);
  s->set_mandatory(true);
  s->set_citation("湖南 4.2 " + id);
  s->set_state(v1::STEP_STATE_PENDING);
  SetTimestamp(s->mutable_due_at(), due);
  return s;
}

StatisticsInput Input(int64_t now = kTo + kDay) {
  StatisticsInput in;
  in.from_us = kFrom;
  in.to_us = kTo;
  in.now_us = now;
  in.event_class = [](const std::string& c) {
    return c == "fire" ? v1::EVENT_CLASS_PUBLIC_SAFETY : v1::EVENT_CLASS_FACILITY;
  };
  // Hunan: 5 minutes to acknowledge, 2 hours to resolve; Dongguan: 3 minutes, none.
  in.targets = [](const v1::Incident& inc) {
    StatisticsInput::Targets t;
    if (inc.plan_id() == "hunan") t = {300, "湖南 5.1", 7200, "湖南 6.3"};
    if (inc.plan_id() == "dongguan") t = {180, "东莞 B.2.1", 0, ""};
    return t;
  };
  in.hall_names = {{"yuelu-1", "岳麓区政务服务中心"}, {"furong-1", "芙蓉区政务服务中心"}};
  in.plan_names = {{"hunan", "湖南"}, {"dongguan", "东莞"}};
  return in;
}

TEST(StatisticsTest, CountsPerDayHallPlanClassAndSeverityInsideThePeriodOnly) {
  std::vector<v1::Incident> v = {
      Make("yuelu-1", "hunan", "fire", kFrom + 1 * kMin),
      Make("yuelu-1", "hunan", "power_outage", kFrom + 2 * kMin),
      Make("furong-1", "hunan", "fire", kFrom + kDay + 5 * kMin),
      Make("furong-1", "hunan", "fire", kFrom - 1),  // before the period
      Make("furong-1", "hunan", "fire", kTo),        // [from, to): the end is out
  };
  v[1].set_status(v1::INCIDENT_STATUS_CLOSED);
  auto s = ComputeStatistics(v, {}, Input());
  EXPECT_EQ(s.total(), 3);
  EXPECT_EQ(s.open(), 2);
  ASSERT_EQ(s.per_day_size(), 3);
  EXPECT_EQ(s.per_day(0).day(), "2026-11-02");
  EXPECT_EQ(s.per_day(0).event_class(), v1::EVENT_CLASS_PUBLIC_SAFETY);
  EXPECT_EQ(s.per_day(1).day(), "2026-11-02");
  EXPECT_EQ(s.per_day(1).event_class(), v1::EVENT_CLASS_FACILITY);
  EXPECT_EQ(s.per_day(2).day(), "2026-11-03");
  ASSERT_EQ(s.per_hall_size(), 2);
  EXPECT_EQ(s.per_hall(0).key(), "yuelu-1");  // most incidents first
  EXPECT_EQ(s.per_hall(0).label(), "岳麓区政务服务中心");
  EXPECT_EQ(s.per_hall(0).count(), 2);
  EXPECT_EQ(s.per_hall(0).open(), 1);
  ASSERT_EQ(s.per_plan_size(), 1);
  EXPECT_EQ(s.per_plan(0).label(), "湖南");
  EXPECT_EQ(s.per_plan(0).count(), 3);
  ASSERT_EQ(s.per_class_size(), 2);
  EXPECT_EQ(s.per_class(0).key(), std::to_string(v1::EVENT_CLASS_PUBLIC_SAFETY));
  EXPECT_EQ(s.per_class(0).count(), 2);
  ASSERT_EQ(s.per_severity_size(), 1);
  EXPECT_EQ(s.per_severity(0).count(), 3);
}

TEST(StatisticsTest, DaysAreChinaStandardTime) {
  // 2026-11-02 16:00 UTC is already 11-03 00:00 in Beijing.
  EXPECT_EQ(ReportDay(kFrom + kDay - 30 * kMin), "2026-11-02");
  EXPECT_EQ(ReportDay(kFrom + kDay), "2026-11-03");
  EXPECT_EQ(ReportDay(0), "1970-01-01");
}

TEST(StatisticsTest, AcknowledgeTimesAgainstEachPlansOwnTarget) {
  auto a = Make("yuelu-1", "hunan", "fire", kFrom + kMin);
  Ack(a, 4 * kMin);  // within Hunan's 5 minutes
  auto b = Make("yuelu-1", "hunan", "fire", kFrom + 2 * kMin);
  Ack(b, 7 * kMin);  // 2 minutes late
  auto c = Make("furong-1", "dongguan", "fire", kFrom + 3 * kMin);
  Ack(c, 4 * kMin);  // Dongguan's 3 minutes: 1 late
  auto d = Make("furong-1", "other", "fire", kFrom + 4 * kMin);
  Ack(d, 30 * kMin);  // no target
  auto s = ComputeStatistics({a, b, c, d}, {}, Input());
  const auto& t = s.time_to_acknowledge();
  EXPECT_EQ(t.measured(), 4);
  EXPECT_EQ(t.with_target(), 3);
  EXPECT_EQ(t.within_target(), 1);
  EXPECT_EQ(t.median_seconds(), 240);  // 4, 4, 7, 30 minutes: nearest rank
  EXPECT_EQ(t.p90_seconds(), 1800);
  ASSERT_EQ(t.targets_size(), 2);
  EXPECT_EQ(t.targets(0).plan_id(), "dongguan");
  EXPECT_EQ(t.targets(0).seconds(), 180);
  EXPECT_EQ(t.targets(1).citation(), "湖南 5.1");
  // Histogram: 4 min ≤ 5, 7 min ≤ 10, 30 min ≤ 30.
  int total = 0;
  for (int i = 0; i < t.counts_size(); ++i) {
    total += t.counts(i);
    const int64_t upper = t.bucket_upper_seconds(i);
    const int expected = upper == 300 ? 2 : (upper == 600 || upper == 1800) ? 1 : 0;
    EXPECT_EQ(t.counts(i), expected) << "bucket ≤ " << upper << " s";
  }
  EXPECT_EQ(total, 4);
  ASSERT_EQ(s.breaches_size(), 2);
  EXPECT_EQ(s.breaches(0).kind(), v1::Breach::KIND_ACK_LATE);
  EXPECT_EQ(s.breaches(0).late_seconds(), 120);
  EXPECT_EQ(s.breaches(0).citation(), "湖南 5.1");
  EXPECT_EQ(s.breaches(1).late_seconds(), 60);
  EXPECT_EQ(s.per_hall(0).breached() + s.per_hall(1).breached(), 2);
}

TEST(StatisticsTest, StepsOnTimeLateMissedAndPending) {
  const int64_t now = kFrom + 3 * kDay;  // the period has not ended
  auto inc = Make("yuelu-1", "hunan", "fire", kFrom + kMin);
  Ack(inc, kMin);
  auto* on_time = Step(inc, "evacuate", kFrom + 10 * kMin);
  on_time->set_state(v1::STEP_STATE_DONE);
  SetTimestamp(on_time->mutable_done_at(), kFrom + 9 * kMin);
  auto* late = Step(inc, "call_119", kFrom + 10 * kMin);
  late->set_state(v1::STEP_STATE_DONE);
  SetTimestamp(late->mutable_done_at(), kFrom + 25 * kMin);
  Step(inc, "report_bureau", kFrom + 60 * kMin);  // undone: missed by now
  Step(inc, "summary", now + kDay);               // not due yet
  auto* skipped = Step(inc, "restore", kFrom + 10 * kMin);
  skipped->set_state(v1::STEP_STATE_SKIPPED);
  auto* optional = Step(inc, "thank", kFrom + 10 * kMin);
  optional->set_mandatory(false);
  auto* na = Step(inc, "grade_i_only", kFrom + 10 * kMin);
  na->set_not_applicable(true);

  auto s = ComputeStatistics({inc}, {}, Input(now));
  EXPECT_EQ(s.steps_on_time(), 1);
  EXPECT_EQ(s.steps_late(), 1);
  EXPECT_EQ(s.steps_missed(), 1);
  EXPECT_EQ(s.steps_pending(), 1);
  ASSERT_EQ(s.breaches_size(), 2);
  EXPECT_EQ(s.breaches(0).kind(), v1::Breach::KIND_STEP_LATE);
  EXPECT_EQ(s.breaches(0).step_id(), "call_119");
  EXPECT_EQ(s.breaches(0).late_seconds(), 15 * 60);
  EXPECT_EQ(s.breaches(0).citation(), "湖南 4.2 call_119");
  EXPECT_EQ(s.breaches(1).kind(), v1::Breach::KIND_STEP_MISSED);
  EXPECT_EQ(s.breaches(1).step_id(), "report_bureau");
  EXPECT_EQ(s.breaches(1).late_seconds(), (now - (kFrom + 60 * kMin)) / kS);
}

TEST(StatisticsTest, UnacknowledgedPastTheTimeOutIsABreachAndResolveTimesCount) {
  auto waiting = Make("yuelu-1", "hunan", "fire", kFrom + kMin);
  auto handled = Make("yuelu-1", "hunan", "fire", kFrom + 2 * kMin);
  Ack(handled, kMin);
  handled.set_status(v1::INCIDENT_STATUS_RESOLVED);
  SetTimestamp(handled.mutable_resolved_at(), ToMicros(handled.acknowledged_at()) + 3 * 3600 * kS);
  auto s = ComputeStatistics({waiting, handled}, {}, Input());
  ASSERT_EQ(s.breaches_size(), 1);
  EXPECT_EQ(s.breaches(0).kind(), v1::Breach::KIND_UNACKNOWLEDGED);
  // Missed up to the period's end (it has passed), less the 5 minutes allowed.
  EXPECT_EQ(s.breaches(0).late_seconds(), (kTo - (kFrom + kMin)) / kS - 300);
  EXPECT_EQ(s.time_to_resolve().measured(), 1);
  EXPECT_EQ(s.time_to_resolve().within_target(), 0);  // 3 h > 2 h
  EXPECT_EQ(s.time_to_resolve().median_seconds(), 3 * 3600);
}

TEST(StatisticsTest, DrillsStayOutUnlessAskedFor) {
  auto real = Make("yuelu-1", "hunan", "fire", kFrom + kMin);
  auto drill = Make("yuelu-1", "hunan", "fire", kFrom + 2 * kMin);
  drill.set_drill(true);
  auto s = ComputeStatistics({real, drill}, {}, Input());
  EXPECT_EQ(s.total(), 1);
  EXPECT_EQ(s.drills_excluded(), 1);
  auto in = Input();
  in.include_drills = true;
  s = ComputeStatistics({real, drill}, {}, in);
  EXPECT_EQ(s.total(), 2);
  EXPECT_EQ(s.drills_excluded(), 0);
}

TEST(StatisticsTest, OpenFollowUpsSoonestDueFirstDoneOnesLeftOut) {
  auto inc = Make("yuelu-1", "hunan", "fire", kFrom - 30 * kDay);  // before the period
  auto* later = inc.add_follow_ups();
  later->set_id("f1");
  later->set_text("更换灭火器");
  SetTimestamp(later->mutable_due_at(), kTo + 10 * kDay);
  auto* sooner = inc.add_follow_ups();
  sooner->set_id("f2");
  SetTimestamp(sooner->mutable_due_at(), kTo + kDay);
  auto* done = inc.add_follow_ups();
  done->set_id("f3");
  done->set_done(true);
  auto s = ComputeStatistics({inc}, {inc, inc}, Input());
  EXPECT_EQ(s.total(), 0);
  ASSERT_EQ(s.open_follow_ups_size(), 2);  // the incident once, though listed twice
  EXPECT_EQ(s.open_follow_ups(0).follow_up().id(), "f2");
  EXPECT_EQ(s.open_follow_ups(1).follow_up().id(), "f1");
  EXPECT_EQ(s.open_follow_ups(0).incident_id(), inc.id());
}

TEST(StatisticsTest, ThePeriodMustBeWholeOrderedAndAtMostAYear) {
  v1::ReportScope scope;
  EXPECT_EQ(CheckReportPeriod(scope)->message,
            "scope.from and scope.to are both required (a period [from, to))");
  SetTimestamp(scope.mutable_from(), kFrom);
  SetTimestamp(scope.mutable_to(), kFrom);
  EXPECT_EQ(CheckReportPeriod(scope)->message, "scope.to must be after scope.from");
  SetTimestamp(scope.mutable_to(), kFrom + 366 * kDay);
  EXPECT_FALSE(CheckReportPeriod(scope));
  SetTimestamp(scope.mutable_to(), kFrom + 3653 * kDay);  // ten years
  auto s = CheckReportPeriod(scope);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->code, ErrorCode::kInvalidArgument);
  EXPECT_NE(s->message.find("3653 days"), std::string::npos) << s->message;
  scope.mutable_to()->set_seconds(-5);
  EXPECT_NE(CheckReportPeriod(scope)->message.find("scope.to is not a time"), std::string::npos);
}

}  // namespace
}  // namespace hall::domain
