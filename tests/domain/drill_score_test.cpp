// Scoring a drill, deterministically: one response on time, one late (by
// how much), one missed, with their clauses; while the drill runs a late
// response is overdue, not yet missed; a response to an inject that has not
// come waits; the same run always scores the same.
#include "domain/drill_score.h"

#include <gtest/gtest.h>

#include "domain/incident_state.h"

namespace hall::domain {
namespace {

constexpr int64_t kS = 1'000'000;
constexpr int64_t kStart = 1'800'000'000 * kS;

v1::DrillExpectation Expect(const std::string& id, v1::DrillExpectation::Kind kind, int within,
                            const std::string& step = "") {
  v1::DrillExpectation e;
  e.set_id(id);
  e.set_incident("fire");
  e.set_kind(kind);
  e.set_within_seconds(within);
  e.set_step_id(step);
  e.set_citation("东莞 B.3.2." + id);
  return e;
}

std::vector<v1::DrillExpectation> Expected() {
  return {Expect("ack", v1::DrillExpectation::KIND_ACKNOWLEDGE, 120),
          Expect("evacuate", v1::DrillExpectation::KIND_STEP, 300, "evacuate"),
          Expect("call_119", v1::DrillExpectation::KIND_STEP, 300, "call_119")};
}

// The fire, raised 60 s into the drill: acknowledged after 90 s (on time),
// evacuation done after 420 s (late by 120 s), 119 never called.
DrillRun FireRun(int64_t now_s, bool ended) {
  DrillRun run;
  const int64_t injected = kStart + 60 * kS;
  run.injected_at_us["fire"] = injected;
  v1::Incident inc;
  inc.set_id("00000000-0000-0000-0000-0000000000f1");
  SetTimestamp(inc.mutable_acknowledged_at(), injected + 90 * kS);
  auto* evacuate = inc.add_checklist();
  evacuate->set_step_id("evacuate");
  evacuate->set_state(v1::STEP_STATE_DONE);
  SetTimestamp(evacuate->mutable_done_at(), injected + 420 * kS);
  auto* call = inc.add_checklist();
  call->set_step_id("call_119");
  call->set_state(v1::STEP_STATE_PENDING);
  run.incidents["fire"] = inc;
  run.now_us = kStart + now_s * kS;
  run.ended = ended;
  return run;
}

TEST(DrillScoreTest, OnTimeLateAndMissedWithTheirClauses) {
  auto s = ScoreDrill(Expected(), FireRun(1800, true));
  ASSERT_EQ(s.results_size(), 3);
  EXPECT_EQ(s.results(0).outcome(), v1::ExpectationResult::OUTCOME_ON_TIME);
  EXPECT_EQ(s.results(0).took_seconds(), 90);
  EXPECT_EQ(s.results(1).outcome(), v1::ExpectationResult::OUTCOME_LATE);
  EXPECT_EQ(s.results(1).late_seconds(), 120);
  EXPECT_EQ(s.results(1).expectation().citation(), "东莞 B.3.2.evacuate");
  EXPECT_EQ(s.results(2).outcome(), v1::ExpectationResult::OUTCOME_MISSED);
  EXPECT_EQ(s.results(2).incident_id(), "00000000-0000-0000-0000-0000000000f1");
  EXPECT_EQ(s.on_time(), 1);
  EXPECT_EQ(s.late(), 1);
  EXPECT_EQ(s.missed(), 1);
  EXPECT_EQ(s.percent(), 50);  // (1 + ½ + 0) / 3
  EXPECT_TRUE(s.final());
  // The same run, the same score.
  EXPECT_EQ(ScoreDrill(Expected(), FireRun(1800, true)).SerializeAsString(), s.SerializeAsString());
}

TEST(DrillScoreTest, WhileItRunsAnUndoneResponsePastItsTimeIsOverdueNotMissed) {
  // 400 s in: the 119 call's 300 s ended at 360 s.
  auto s = ScoreDrill(Expected(), FireRun(400, false));
  EXPECT_EQ(s.results(2).outcome(), v1::ExpectationResult::OUTCOME_OVERDUE);
  EXPECT_EQ(s.results(2).late_seconds(), 40);
  EXPECT_EQ(s.overdue(), 1);
  EXPECT_EQ(s.missed(), 0);
  EXPECT_FALSE(s.final());
  // 200 s in: nothing of the steps is due yet.
  s = ScoreDrill(Expected(), FireRun(200, false));
  EXPECT_EQ(s.results(2).outcome(), v1::ExpectationResult::OUTCOME_PENDING);
  EXPECT_EQ(s.pending(), 1);
}

TEST(DrillScoreTest, AResponseToAnInjectThatHasNotComeWaitsThenIsMissed) {
  auto expected = Expected();
  expected.push_back(Expect("crowd_ack", v1::DrillExpectation::KIND_ACKNOWLEDGE, 120));
  expected.back().set_incident("crowd");
  auto s = ScoreDrill(expected, FireRun(400, false));
  EXPECT_EQ(s.results(3).outcome(), v1::ExpectationResult::OUTCOME_PENDING);
  s = ScoreDrill(expected, FireRun(1800, true));  // stopped before the crowd came
  EXPECT_EQ(s.results(3).outcome(), v1::ExpectationResult::OUTCOME_MISSED);
}

TEST(DrillScoreTest, AContactCountsWhenItsPartysStepIsDone) {
  v1::DrillExpectation contact = Expect("police", v1::DrillExpectation::KIND_CONTACT, 300);
  contact.set_party("police");
  DrillRun run = FireRun(1800, true);
  auto* step = run.incidents["fire"].add_checklist();
  step->set_step_id("contact_police_added");
  step->set_contact_party("police");
  step->set_state(v1::STEP_STATE_DONE);
  SetTimestamp(step->mutable_done_at(), run.injected_at_us["fire"] + 200 * kS);
  auto s = ScoreDrill({contact}, run);
  EXPECT_EQ(s.results(0).outcome(), v1::ExpectationResult::OUTCOME_ON_TIME);
  EXPECT_EQ(s.percent(), 100);
}

}  // namespace
}  // namespace hall::domain
