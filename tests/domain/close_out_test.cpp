// Close-out duties decided in the domain: who may approve a statement, what
// a summary and a filing need, and what keeps an incident from closing.
#include "domain/close_out.h"

#include <gtest/gtest.h>

#include "domain/incident_state.h"

namespace hall::domain {
namespace {

constexpr int64_t kNow = 1'800'000'000'000'000;

Principal Person(const char* id, v1::Role role) {
  Principal p;
  p.id = id;
  p.display_name = std::string("测试 ") + id;
  p.role = role;
  return p;
}

v1::Incident Resolved() {
  v1::Incident inc;
  inc.set_id("00000000-0000-0000-0000-000000000001");
  inc.set_hall_id("hall-a");
  inc.set_status(v1::INCIDENT_STATUS_RESOLVED);
  auto* restore = inc.add_checklist();
  restore->set_step_id("restore_service");
  restore->set_text_zh("恢复对外服务");
  restore->set_citation("东莞 B.4.1");
  restore->set_mandatory(true);
  restore->set_close_out(true);
  restore->set_state(v1::STEP_STATE_PENDING);
  auto* optional = inc.add_checklist();
  optional->set_step_id("thank_helpers");
  optional->set_close_out(true);
  optional->set_state(v1::STEP_STATE_PENDING);
  return inc;
}

v1::CloseOut Dongguan() {
  v1::CloseOut co;
  co.set_summary_required(true);
  co.add_report_to("local_government");
  co.add_report_to("data_bureau");
  co.set_public_statement_needs_approval(true);
  co.set_citation("东莞 B.4");
  return co;
}

v1::AfterActionSummary Whole() {
  v1::AfterActionSummary s;
  s.set_cause("短路");
  s.set_course("疏散、扑灭");
  s.set_went_well("及时");
  s.set_improvements("更换配电箱");
  return s;
}

TEST(CloseOutTest, AStatementIsDecidedOnceByAnotherPersonAndARefusalHasAReason) {
  auto duty = Person("duty", v1::ROLE_DUTY_OFFICER);
  auto leader = Person("leader", v1::ROLE_LEADERSHIP);
  auto drafted = DraftStatement(Resolved(), "通报文本", "媒体", duty, kNow);
  ASSERT_TRUE(drafted);
  const v1::Incident& inc = drafted.value()[0].incident();
  EXPECT_EQ(drafted.value()[0].kind(), v1::EVENT_KIND_STATEMENT_DRAFTED);
  EXPECT_EQ(drafted.value()[0].statement_id(), "s1");

  EXPECT_EQ(DecideStatement(inc, "s1", true, "", duty, kNow).error().code,
            ErrorCode::kPermissionDenied)
      << "nobody decides their own draft";
  EXPECT_EQ(DecideStatement(inc, "s1", false, "", leader, kNow).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(DecideStatement(inc, "s9", true, "", leader, kNow).error().code, ErrorCode::kNotFound);
  auto approved = DecideStatement(inc, "s1", true, "", leader, kNow + 60);
  ASSERT_TRUE(approved);
  const auto& st = approved.value()[0].incident().statements(0);
  EXPECT_EQ(st.state(), v1::STATEMENT_STATE_APPROVED);
  EXPECT_EQ(st.decided_by(), "leader");
  EXPECT_EQ(
      DecideStatement(approved.value()[0].incident(), "s1", false, "改", leader, kNow).error().code,
      ErrorCode::kFailedPrecondition)
      << "a decided statement stays decided";
}

TEST(CloseOutTest, ClosingWaitsForStepsStatementsTheSummaryAndEveryFiling) {
  auto duty = Person("duty", v1::ROLE_DUTY_OFFICER);
  v1::CloseOut co = Dongguan();
  v1::Incident inc = Resolved();
  inc = DraftStatement(inc, "通报", "", duty, kNow).value()[0].incident();
  auto blockers = CloseOutBlockers(inc, &co);
  ASSERT_EQ(blockers.size(), 5u);  // step, statement, summary, two filings
  EXPECT_NE(blockers[0].find("restore_service"), std::string::npos);
  EXPECT_NE(blockers[0].find("东莞 B.4.1"), std::string::npos);
  EXPECT_NE(blockers[1].find("s1"), std::string::npos);

  // A filing needs the summary first.
  v1::FilingRecord f;
  f.set_body("data_bureau");
  f.set_method(v1::CONTACT_METHOD_MESSAGE);
  EXPECT_EQ(RecordFiling(inc, f, duty, kNow).error().code, ErrorCode::kFailedPrecondition);
  inc = RecordSummary(inc, Whole(), duty, kNow).value()[0].incident();
  inc = RecordFiling(inc, f, duty, kNow).value()[0].incident();
  f.set_body("local_government");
  inc = RecordFiling(inc, f, duty, kNow).value()[0].incident();
  inc.mutable_checklist(0)->set_state(v1::STEP_STATE_SKIPPED);
  inc.mutable_statements(0)->set_state(v1::STATEMENT_STATE_APPROVED);
  EXPECT_TRUE(CloseOutBlockers(inc, &co).empty());
  // Without the plan's data only steps and statements count.
  EXPECT_TRUE(CloseOutBlockers(Resolved(), nullptr).size() == 1u);
}

TEST(CloseOutTest, ADrillsFilingIsSimulatedAndAClosedIncidentTakesNoMoreDuties) {
  auto duty = Person("duty", v1::ROLE_DUTY_OFFICER);
  v1::Incident inc = Resolved();
  inc.set_drill(true);
  inc = RecordSummary(inc, Whole(), duty, kNow).value()[0].incident();
  v1::FilingRecord f;
  f.set_body("data_bureau");
  f.set_method(v1::CONTACT_METHOD_PHONE);
  auto filed = RecordFiling(inc, f, duty, kNow);
  ASSERT_TRUE(filed);
  EXPECT_TRUE(filed.value()[0].filing().simulated());
  EXPECT_TRUE(filed.value()[0].drill());
  inc.set_status(v1::INCIDENT_STATUS_CLOSED);
  EXPECT_EQ(DraftStatement(inc, "x", "", duty, kNow).error().code, ErrorCode::kFailedPrecondition);
  v1::FollowUp fu;
  fu.set_text("改进");
  EXPECT_EQ(ValidateFollowUp(fu, true)->code, ErrorCode::kInvalidArgument)
      << "an owner and a due date are required";
}

TEST(CloseOutTest, FollowUpsAreAddedChangedAndDoneWithWhoAndWhen) {
  auto duty = Person("duty", v1::ROLE_DUTY_OFFICER);
  v1::FollowUp fu;
  fu.set_text("更换配电箱");
  fu.set_owner("后勤科");
  SetTimestamp(fu.mutable_due_at(), kNow + 86400LL * 1'000'000 * 7);
  ASSERT_FALSE(ValidateFollowUp(fu, true));
  auto added = UpsertFollowUp(Resolved(), fu, duty, kNow);
  ASSERT_TRUE(added);
  v1::Incident inc = added.value()[0].incident();
  ASSERT_EQ(inc.follow_ups_size(), 1);
  EXPECT_EQ(inc.follow_ups(0).id(), "f1");
  v1::FollowUp done;
  done.set_id("f1");
  done.set_done(true);
  inc = UpsertFollowUp(inc, done, duty, kNow + 5).value()[0].incident();
  EXPECT_TRUE(inc.follow_ups(0).done());
  EXPECT_EQ(inc.follow_ups(0).text(), "更换配电箱") << "unset fields keep their value";
  EXPECT_EQ(inc.follow_ups(0).done_by_name(), "测试 duty");
  EXPECT_EQ(ToMicros(inc.follow_ups(0).done_at()), kNow + 5);
}

}  // namespace
}  // namespace hall::domain
