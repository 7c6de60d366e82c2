// Drill scenarios as data: the shipped files (one scenario at least per
// plan) load clean against the shipped set; the responses a scenario
// expects come from its plan's playbook (the chain's first time-out, the
// mandatory steps with their deadlines, the outside parties) plus the
// author's own; and each kind of mistake is an error naming its file and
// line — an inject after the end, an unknown category, a metric the
// playbook does not grade by, a duplicate id, an unknown step, no press.
#include "playbook/drill_scenarios.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "domain/escalation.h"

namespace hall::playbook {
namespace {

namespace fs = std::filesystem;

const PlaybookSet& Shipped() {
  static auto set = [] {
    std::vector<FileError> errors;
    auto s = LoadPlaybookSet(HALL_SOURCE_DIR "/playbooks", &errors);
    for (auto& e : errors) ADD_FAILURE() << e.ToString();
    return s;
  }();
  return *set;
}

// Errors of one scenario file with `body`, as "line: field: message".
std::vector<std::string> ErrorsOf(const std::string& body) {
  const fs::path dir = fs::temp_directory_path() / ("drills-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "test.textpb").string();
  std::ofstream(path) << body;
  std::vector<FileError> errors;
  std::set<std::string> seen;
  CheckDrillFile(path, Shipped(), &seen, &errors);
  fs::remove_all(dir);
  std::vector<std::string> out;
  for (auto& e : errors) out.push_back(std::to_string(e.line) + ": " + e.field + ": " + e.message);
  return out;
}

const char* kGood = R"(scenarios {
  id: "fire_drill"
  name_zh: "火灾疏散演练"
  name_en: "Fire drill"
  plan_id: "dongguan"
  duration_seconds: 600
  citation: "东莞 B.2.2"
  rehearses: "疏散"
  injects { id: "fire" at_seconds: 0 kind: KIND_PRESS category: "fire" place: "window-1" }
  injects { id: "note" at_seconds: 30 kind: KIND_MESSAGE message: "疏散" }
}
)";

TEST(DrillScenariosTest, TheShippedScenariosLoadCleanOnePerPlanAtLeast) {
  std::vector<FileError> errors;
  auto scenarios = LoadDrillScenarios(HALL_SOURCE_DIR "/playbooks/drills", Shipped(), &errors);
  for (auto& e : errors) ADD_FAILURE() << e.ToString();
  std::set<std::string> plans;
  for (const auto& s : scenarios) plans.insert(s.plan_id());
  for (const auto& p : Shipped().plan_ids())
    EXPECT_TRUE(plans.count(p)) << "no drill scenario for plan " << p;
  // Every scenario expects something to be scored.
  for (const auto& s : scenarios) EXPECT_FALSE(ExpectedResponses(s, Shipped()).empty()) << s.id();
}

TEST(DrillScenariosTest, ExpectedResponsesComeFromThePlansPlaybook) {
  std::vector<FileError> errors;
  auto scenarios = LoadDrillScenarios(HALL_SOURCE_DIR "/playbooks/drills", Shipped(), &errors);
  const v1::DrillScenario* fire = nullptr;
  for (const auto& s : scenarios)
    if (s.id() == "dongguan_fire_evacuation") fire = &s;
  ASSERT_NE(fire, nullptr);
  const auto expected = ExpectedResponses(*fire, Shipped());
  // What the plan says for a fire, from its playbook: the chain's first
  // time-out and each mandatory step with a deadline from the start.
  const v1::Plan* plan = Shipped().FindPlan("dongguan");
  const v1::Playbook* pb = Shipped().FindPlaybook("dongguan", "fire");
  ASSERT_TRUE(plan && pb);
  bool own = false;
  const auto& policy = domain::PolicyFor(*plan, pb, &own);
  size_t want = 0;
  if (policy.tiers(0).ack_timeout_seconds() > 0) {
    ++want;
    EXPECT_EQ(expected[0].kind(), v1::DrillExpectation::KIND_ACKNOWLEDGE);
    EXPECT_EQ(expected[0].within_seconds(), policy.tiers(0).ack_timeout_seconds());
    EXPECT_EQ(expected[0].citation(), policy.tiers(0).citation());
  }
  for (const auto& st : pb->steps()) {
    if (!st.mandatory() || st.when_grades_size() > 0 || st.deadline().minutes() <= 0 ||
        !st.deadline().after_step().empty())
      continue;
    auto it = std::find_if(expected.begin(), expected.end(),
                           [&](const auto& e) { return e.step_id() == st.id(); });
    ASSERT_NE(it, expected.end()) << st.id();
    EXPECT_EQ(it->within_seconds(), st.deadline().minutes() * 60);
    EXPECT_EQ(it->citation(), st.citation());
    EXPECT_EQ(it->kind(), st.contact_party().empty() ? v1::DrillExpectation::KIND_STEP
                                                     : v1::DrillExpectation::KIND_CONTACT);
    ++want;
  }
  // … then the crowding press's own, then the author's resolve.
  EXPECT_GT(expected.size(), want);
  EXPECT_EQ(expected.back().id(), "fire_resolved");
  EXPECT_EQ(expected.back().kind(), v1::DrillExpectation::KIND_RESOLVE);
}

TEST(DrillScenariosTest, AGoodFileHasNoErrors) { EXPECT_EQ(ErrorsOf(kGood).size(), 0u); }

TEST(DrillScenariosTest, EachMistakeIsAnErrorWithItsLine) {
  auto with = [](const std::string& from, const std::string& to) {
    std::string s = kGood;
    s.replace(s.find(from), from.size(), to);
    return ErrorsOf(s);
  };
  auto has = [](const std::vector<std::string>& errors, const std::string& want) {
    for (const auto& e : errors)
      if (e.find(want) != std::string::npos) return true;
    return false;
  };
  auto e = with("at_seconds: 30", "at_seconds: 900");
  EXPECT_TRUE(has(e, "10: scenarios[0].injects[1].at_seconds: is after the scenario's end (900 s"))
      << testing::PrintToString(e);
  e = with("category: \"fire\"", "category: \"volcano\"");
  EXPECT_TRUE(has(e, "9: scenarios[0].injects[0].category: no category \"volcano\""))
      << testing::PrintToString(e);
  e = with("injects { id: \"note\" at_seconds: 30 kind: KIND_MESSAGE message: \"疏散\" }",
           "injects { id: \"fire\" at_seconds: 30 kind: KIND_METRIC incident: \"fire\" metric: "
           "\"outage_minutes\" value: 5 }");
  EXPECT_TRUE(has(e, "inject \"fire\" is defined twice")) << testing::PrintToString(e);
  EXPECT_TRUE(has(e, "does not grade by \"outage_minutes\"")) << testing::PrintToString(e);
  e = with("plan_id: \"dongguan\"", "plan_id: \"atlantis\"");
  EXPECT_TRUE(has(e, "5: scenarios[0].plan_id: no plan \"atlantis\"")) << testing::PrintToString(e);
  e = with("citation: \"东莞 B.2.2\"", "citation: \"B.2.2\"");
  EXPECT_TRUE(has(e, "7: scenarios[0].citation: must cite")) << testing::PrintToString(e);
  e = with("kind: KIND_PRESS category: \"fire\" place: \"window-1\"",
           "kind: KIND_MESSAGE message: \"x\"");
  EXPECT_TRUE(has(e, "needs at least one KIND_PRESS inject")) << testing::PrintToString(e);
  e = with("  rehearses: \"疏散\"\n",
           "  rehearses: \"疏散\"\n  expectations { id: \"x\" incident: \"fire\" kind: KIND_STEP "
           "step_id: \"dance\" within_seconds: 60 citation: \"东莞 B.3\" text_zh: \"跳舞\" }\n");
  EXPECT_TRUE(has(e, "no step \"dance\" in the plan's playbook for \"fire\""))
      << testing::PrintToString(e);
  // Roles: a kiosk takes part through the start's kiosk list, not as a
  // role; a role named twice; based_on is for hand-built scenarios only.
  e = with("  rehearses: \"疏散\"\n",
           "  rehearses: \"疏散\"\n  roles: ROLE_DUTY_OFFICER\n  roles: ROLE_KIOSK\n"
           "  roles: ROLE_DUTY_OFFICER\n");
  EXPECT_TRUE(has(e, "10: scenarios[0].roles[1]: must be a person's role that takes part"))
      << testing::PrintToString(e);
  EXPECT_TRUE(has(e, "11: scenarios[0].roles[2]: role duty_officer is named twice"))
      << testing::PrintToString(e);
  e = with("  rehearses: \"疏散\"\n", "  rehearses: \"疏散\"\n  based_on: \"x\"\n");
  EXPECT_TRUE(has(e, "9: scenarios[0].based_on: is for hand-built scenarios only"))
      << testing::PrintToString(e);
  e = with("duration_seconds: 600", "duration_seconds: 600 unknown_field: 1");
  EXPECT_FALSE(e.empty());  // strict: an unknown field is an error, with its line
}

TEST(DrillScenariosTest, AHandBuiltRunCountsTowardItsBasesCadenceOnlyWhenItRehearsesAsMuch) {
  std::vector<FileError> errors;
  auto files = LoadDrillScenarios(HALL_SOURCE_DIR "/playbooks/drills", Shipped(), &errors);
  ASSERT_TRUE(errors.empty());
  auto it = std::find_if(files.begin(), files.end(), [](const v1::DrillScenario& s) {
    return s.id() == "dongguan_fire_evacuation";
  });
  ASSERT_NE(it, files.end());
  const v1::DrillScenario& base = *it;
  ASSERT_GT(base.roles_size(), 1);
  v1::DrillScenario run = base;
  run.set_id("hand_dongguan_fire_evacuation");
  EXPECT_FALSE(CoversForCadence(run, base));  // no based_on: its own thing
  run.set_based_on(base.id());
  EXPECT_TRUE(CoversForCadence(run, base));
  v1::DrillScenario less = run;  // without a role the base names
  less.mutable_roles()->RemoveLast();
  EXPECT_FALSE(CoversForCadence(less, base));
  less = run;  // without the base's last press
  for (int i = less.injects_size() - 1; i >= 0; --i) {
    if (less.injects(i).kind() == v1::DrillInject::KIND_PRESS) {
      less.mutable_injects()->DeleteSubrange(i, 1);
      break;
    }
  }
  EXPECT_FALSE(CoversForCadence(less, base));
  less = run;  // shorter than half the base
  less.set_duration_seconds(base.duration_seconds() / 2 - 1);
  EXPECT_FALSE(CoversForCadence(less, base));
  less.set_duration_seconds(base.duration_seconds() / 2);
  EXPECT_TRUE(CoversForCadence(less, base));
}

TEST(DrillScenariosTest, AHandBuiltScenarioIsCheckedLikeAFileByFieldPath) {
  v1::DrillScenarioFile file;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(kGood, &file));
  v1::DrillScenario sc = file.scenarios(0);
  sc.set_id("hand_fire");
  std::vector<v1::DrillScenario> files{file.scenarios(0)};
  EXPECT_TRUE(CheckHandBuiltScenario(sc, Shipped(), files).empty());

  auto fields = [&](const v1::DrillScenario& s) {
    std::vector<std::string> out;
    for (const auto& e : CheckHandBuiltScenario(s, Shipped(), files)) {
      EXPECT_EQ(e.line, 0);
      EXPECT_TRUE(e.file.empty());
      out.push_back(e.field + ": " + e.message);
    }
    return out;
  };
  v1::DrillScenario bad = sc;
  bad.set_id("fire_drill");  // the file's
  auto e = fields(bad);
  ASSERT_EQ(e.size(), 1u) << testing::PrintToString(e);
  EXPECT_NE(e[0].find("scenario.id: \"fire_drill\" is a scenario of playbooks/drills"),
            std::string::npos);
  bad = sc;
  bad.mutable_injects(1)->set_at_seconds(900);
  e = fields(bad);
  ASSERT_EQ(e.size(), 1u) << testing::PrintToString(e);
  EXPECT_EQ(e[0].rfind("scenario.injects[1].at_seconds: is after the scenario's end", 0), 0u);
  // Bounded: ≤ 100 injects, texts ≤ 500 characters (counted, not bytes).
  bad = sc;
  std::string name;
  for (int i = 0; i < 500; ++i) name += "火";
  bad.set_name_zh(name);
  EXPECT_TRUE(fields(bad).empty()) << "500 Chinese characters are within the limit";
  bad.set_name_zh(bad.name_zh() + "灾");
  e = fields(bad);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0], "scenario.name_zh: at most 500 characters");
  bad = sc;
  for (int i = 0; i < 100; ++i) {
    auto* in = bad.add_injects();
    in->set_id("m" + std::to_string(i));
    in->set_at_seconds(600);
    in->set_kind(v1::DrillInject::KIND_MESSAGE);
    in->set_message("x");
  }
  e = fields(bad);
  ASSERT_EQ(e.size(), 1u) << testing::PrintToString(e);
  EXPECT_EQ(e[0], "scenario.injects: at most 100 injects");
}

}  // namespace
}  // namespace hall::playbook
