// Checklist instantiation, check-off, re-triage and grading (pure).
#include "domain/checklist.h"

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "domain/incident_state.h"

namespace hall::domain {
namespace {

constexpr int64_t kT0 = 1'700'000'000'000'000;
constexpr int64_t kMin = 60'000'000;

v1::Plan TestPlan() {
  v1::Plan plan;
  google::protobuf::TextFormat::ParseFromString(
      R"pb(
        id: "t"
        short_name: "测试"
        default_close_out {
          steps { id: "summary" text_zh: "总结" responsible: "hall_head" citation: "测试 5" }
        }
        playbooks {
          category: "power_outage"
          steps {
            id: "call_property"
            text_zh: "联系物业"
            responsible: "duty_officer"
            citation: "测试 1"
          }
          steps {
            id: "report"
            text_zh: "报告应急办"
            responsible: "duty_officer"
            deadline { minutes: 5 }
            mandatory: true
            citation: "测试 1"
          }
          steps {
            id: "recheck"
            text_zh: "复查"
            responsible: "it_support_staff"
            deadline { minutes: 30 after_step: "report" }
            citation: "测试 2"
          }
        }
        playbooks {
          category: "fire"
          steps {
            id: "call_property"
            text_zh: "联系物业"
            responsible: "duty_officer"
            citation: "测试 3"
          }
          steps {
            id: "call_119"
            text_zh: "拨打119"
            responsible: "duty_officer"
            contact_party: "fire_service"
            citation: "测试 3"
          }
        }
        playbooks {
          category: "information_system_fault"
          steps { id: "grade" text_zh: "定级" responsible: "it_support_staff" citation: "测试 4" }
          grading {
            grade: "I"
            metric: "outage_minutes"
            above: 60
            severity: SEVERITY_HIGH
            citation: "测试 4"
          }
          grading {
            grade: "II"
            metric: "outage_minutes"
            above: 20
            at_most: 60
            severity: SEVERITY_MEDIUM
            citation: "测试 4"
          }
          grading {
            grade: "III"
            metric: "outage_minutes"
            at_most: 20
            severity: SEVERITY_LOW
            citation: "测试 4"
          }
        }
      )pb",
      &plan);
  return plan;
}

Principal Officer() {
  Principal p;
  p.id = "p1";
  p.display_name = "值班员甲";
  p.role = v1::ROLE_DUTY_OFFICER;
  return p;
}

v1::Incident WithChecklist(const v1::Plan& plan, int pb_index) {
  v1::Incident inc;
  inc.set_status(v1::INCIDENT_STATUS_ACKNOWLEDGED);
  inc.set_category(plan.playbooks(pb_index).category());
  for (auto& it : Instantiate(plan, &plan.playbooks(pb_index), kT0)) *inc.add_checklist() = it;
  return inc;
}

TEST(ChecklistTest, InstantiateCopiesStepsThenCloseOutWithAbsoluteDeadlines) {
  v1::Plan plan = TestPlan();
  auto items = Instantiate(plan, &plan.playbooks(0), kT0);
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].step_id(), "call_property");
  EXPECT_FALSE(items[0].has_due_at());
  EXPECT_EQ(ToMicros(items[1].due_at()), kT0 + 5 * kMin);
  EXPECT_TRUE(items[1].mandatory());
  EXPECT_EQ(items[1].citation(), "测试 1");
  EXPECT_FALSE(items[2].has_due_at()) << "counts from 'report', not done yet";
  EXPECT_EQ(items[2].after_step(), "report");
  EXPECT_EQ(items[3].step_id(), "summary");
  EXPECT_TRUE(items[3].close_out());
  for (auto& it : items) EXPECT_EQ(it.state(), v1::STEP_STATE_PENDING);
  EXPECT_TRUE(Instantiate(plan, nullptr, kT0).empty());
}

TEST(ChecklistTest, CheckOffRecordsWhoWhenAndStartsDependentDeadlines) {
  v1::Plan plan = TestPlan();
  v1::Incident inc = WithChecklist(plan, 0);
  EXPECT_TRUE(IsOverdue(inc.checklist(1), kT0 + 6 * kMin));
  ASSERT_FALSE(MarkStep(&inc, "report", true, Officer(), kT0 + 4 * kMin, "已报"));
  const auto& done = inc.checklist(1);
  EXPECT_EQ(done.state(), v1::STEP_STATE_DONE);
  EXPECT_EQ(done.done_by_name(), "值班员甲");
  EXPECT_EQ(ToMicros(done.done_at()), kT0 + 4 * kMin);
  EXPECT_EQ(done.note(), "已报");
  EXPECT_FALSE(IsOverdue(done, kT0 + 60 * kMin));
  EXPECT_EQ(ToMicros(inc.checklist(2).due_at()), kT0 + 34 * kMin);

  auto twice = MarkStep(&inc, "report", true, Officer(), kT0 + 5 * kMin, "");
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(twice->message.find("值班员甲"), std::string::npos);
  EXPECT_NE(twice->message.find(" UTC"), std::string::npos) << "says when: " << twice->message;
  auto missing = MarkStep(&inc, "teleport", true, Officer(), kT0, "");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->code, ErrorCode::kNotFound);
  ASSERT_FALSE(MarkStep(&inc, "call_property", false, Officer(), kT0, "物业已在场"));
  EXPECT_EQ(inc.checklist(0).state(), v1::STEP_STATE_SKIPPED);
  inc.set_status(v1::INCIDENT_STATUS_CLOSED);
  auto closed = MarkStep(&inc, "recheck", true, Officer(), kT0, "");
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->code, ErrorCode::kFailedPrecondition);
}

TEST(ChecklistTest, RetriageKeepsWhatWasDone) {
  v1::Plan plan = TestPlan();
  v1::Incident inc = WithChecklist(plan, 0);
  ASSERT_FALSE(MarkStep(&inc, "call_property", true, Officer(), kT0 + kMin, "物业到场"));
  ASSERT_FALSE(MarkStep(&inc, "report", true, Officer(), kT0 + 2 * kMin, ""));
  Recategorize(&inc, Instantiate(plan, &plan.playbooks(1), kT0), "power_outage");
  // fire's steps, with call_property carried over; report kept from before.
  ASSERT_EQ(inc.checklist_size(), 4);
  EXPECT_EQ(inc.checklist(0).step_id(), "call_property");
  EXPECT_EQ(inc.checklist(0).state(), v1::STEP_STATE_DONE);
  EXPECT_EQ(inc.checklist(0).note(), "物业到场");
  EXPECT_EQ(inc.checklist(0).citation(), "测试 3") << "the new playbook's text and citation";
  EXPECT_EQ(inc.checklist(1).step_id(), "call_119");
  EXPECT_EQ(inc.checklist(2).step_id(), "summary");
  EXPECT_EQ(inc.checklist(3).step_id(), "report");
  EXPECT_EQ(inc.checklist(3).from_category(), "power_outage");
  EXPECT_EQ(inc.checklist(3).state(), v1::STEP_STATE_DONE);
}

TEST(ChecklistTest, GradingFollowsTheOutageDuration) {
  v1::Plan plan = TestPlan();
  const v1::Playbook& pb = plan.playbooks(2);
  v1::Incident inc;
  inc.set_severity(v1::SEVERITY_LOW);
  struct {
    int64_t minutes;
    const char* grade;
    v1::Severity severity;
  } cases[] = {{0, "III", v1::SEVERITY_LOW},
               {20, "III", v1::SEVERITY_LOW},
               {21, "II", v1::SEVERITY_MEDIUM},
               {60, "II", v1::SEVERITY_MEDIUM},
               {61, "I", v1::SEVERITY_HIGH}};
  for (auto& c : cases) {
    (*inc.mutable_metrics())["outage_minutes"] = c.minutes;
    Regrade(&inc, pb);
    EXPECT_EQ(inc.grade(), c.grade) << c.minutes;
    EXPECT_EQ(inc.severity(), c.severity) << c.minutes;
  }
  v1::Incident none;
  EXPECT_EQ(SelectGrade(pb, none.metrics()), nullptr);
}

}  // namespace
}  // namespace hall::domain
