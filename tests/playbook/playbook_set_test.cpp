// The shipped playbooks: every file loads, golden checks per plan (step
// order, roles, deadlines, parties, citations, grade conditions, product
// defaults, the playbook's own chain), the cases the issue names,
// and the loader's error for each kind of mistake, with its line.
//
// Golden files: tests/playbook/golden/<plan>_<category>.txt. After a
// deliberate playbook edit, regenerate with HALL_UPDATE_GOLDEN=1 and review
// the diff like any other change.
#include "playbook/playbook_set.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/test_database.h"

namespace hall::playbook {
namespace {

namespace fs = std::filesystem;
const std::string kDir = HALL_SOURCE_DIR "/playbooks";

std::shared_ptr<const PlaybookSet> Shipped() {
  static auto set = [] {
    std::vector<FileError> errors;
    auto s = LoadPlaybookSet(kDir, &errors);
    for (auto& e : errors) ADD_FAILURE() << e.ToString();
    return s;
  }();
  return set;
}

// One line per stage: who is alerted (tier + with_tiers, notify_only), whom a
// person must contact, the acknowledgement timeout; then the policy's timers.
std::string RenderChain(const v1::EscalationPolicy& e) {
  std::ostringstream o;
  auto list = [](const auto& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out.empty() ? std::string("-") : out;
  };
  for (int i = 0; i < e.tiers_size(); ++i) {
    const auto& t = e.tiers(i);
    o << "stage " << i << " | " << t.tier();
    for (const auto& w : t.with_tiers()) o << " + " << w;
    o << " | notify " << list(t.notify_only()) << " | contact " << list(t.contact_parties()) << " | ack "
      << t.ack_timeout_seconds() << "s | " << t.citation() << (t.product_default() ? " | product default" : "")
      << "\n";
  }
  o << "chain | immediate " << (e.immediate_tier().empty() ? "-" : v1::Severity_Name(e.immediate_at()) + " " + e.immediate_tier())
    << " | remind " << e.unresolved_remind_seconds() << "s | escalate " << e.unresolved_escalate_seconds() << "s | "
    << e.citation() << (e.product_default() ? " | product default" : "") << "\n";
  return o.str();
}

std::string Render(const v1::Playbook& pb) {
  std::ostringstream o;
  o << "# " << pb.category() << " — " << pb.title_zh() << " (" << pb.citation() << ")"
    << (pb.product_default() ? " product default" : "") << "\n";
  for (const auto& s : pb.steps()) {
    o << s.id() << " | " << s.responsible() << " | "
      << (s.has_deadline() ? std::to_string(s.deadline().minutes()) + "min" +
                                 (s.deadline().after_step().empty() ? "" : " after " + s.deadline().after_step())
                           : "-")
      << " | " << (s.contact_party().empty() ? "-" : s.contact_party()) << " | "
      << (s.mandatory() ? "mandatory" : "optional") << " | " << s.citation();
    if (!s.when_grades().empty()) {
      o << " | grades";
      for (const auto& g : s.when_grades()) o << " " << g;
    }
    if (s.product_default()) o << " | product default";
    o << "\n";
  }
  for (const auto& g : pb.grading()) {
    o << "grade " << g.grade() << " | " << (g.metric().empty() ? "manual" : g.metric())
      << " | above " << (g.has_above() ? std::to_string(g.above()) : "-") << " | at_most "
      << (g.has_at_most() ? std::to_string(g.at_most()) : "-") << " | " << g.citation() << "\n";
  }
  if (pb.has_escalation()) o << RenderChain(pb.escalation());
  return o.str();
}

class GoldenTest : public ::testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(GoldenTest, MatchesTheReviewedGolden) {
  auto [plan, category] = GetParam();
  auto set = Shipped();
  ASSERT_TRUE(set);
  bool falls_back = true;
  const v1::Playbook* pb = set->FindPlaybook(plan, category, &falls_back);
  ASSERT_NE(pb, nullptr);
  ASSERT_FALSE(falls_back) << plan << " has its own " << category << " playbook";
  std::string path = HALL_SOURCE_DIR "/tests/playbook/golden/" + plan + "_" + category + ".txt";
  std::string got = Render(*pb);
  if (std::getenv("HALL_UPDATE_GOLDEN")) {
    std::ofstream(path) << got;
    GTEST_SKIP() << "golden updated: " << path;
  }
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing golden file " << path;
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_EQ(got, want.str());
}

INSTANTIATE_TEST_SUITE_P(
    Plans, GoldenTest,
    ::testing::Values(std::pair{"dongguan", "suspicious_object"}, std::pair{"dongguan", "fire"},
                      std::pair{"songjiang", "power_outage"}, std::pair{"songjiang", "elevator_entrapment"},
                      std::pair{"jiaxiang", "power_outage"}, std::pair{"jiaxiang", "group_petition"},
                      std::pair{"hunan", "information_system_fault"}, std::pair{"hunan", "network_outage"}),
    [](const auto& info) { return info.param.first + "_" + info.param.second; });

TEST(PlaybookSetTest, EveryShippedFileLoadsAndEveryStepCitesItsPlan) {
  auto set = Shipped();
  ASSERT_TRUE(set);
  EXPECT_EQ(set->plan_ids(), (std::vector<std::string>{"dongguan", "hainan", "hunan", "jiaxiang", "songjiang"}));
  EXPECT_EQ(set->version().size(), 64u);
  for (const auto& id : set->plan_ids()) {
    const v1::Plan* plan = set->FindPlan(id);
    for (const auto& pb : plan->playbooks()) {
      for (const auto& s : pb.steps()) {
        EXPECT_EQ(s.citation().rfind(plan->short_name() + " ", 0), 0u) << id << "/" << pb.category() << "/" << s.id();
      }
    }
  }
}

TEST(PlaybookSetTest, TheCasesTheIssueNames) {
  auto set = Shipped();
  ASSERT_TRUE(set);
  // 东莞: a suspicious object is reported to 公安, everyone is evacuated,
  // guides wait at the entrance.
  const v1::Playbook* dg = set->FindPlaybook("dongguan", "suspicious_object");
  ASSERT_NE(dg, nullptr);
  bool police = false, evacuate = false, entrance = false;
  for (const auto& s : dg->steps()) {
    police = police || s.contact_party() == "police";
    evacuate = evacuate || s.text_zh().find("撤离") != std::string::npos || s.text_zh().find("疏散") != std::string::npos;
    entrance = entrance || s.text_zh().find("入口") != std::string::npos;
  }
  EXPECT_TRUE(police && evacuate && entrance);
  // 嘉祥: a power fault carries the 5-minute report to 应急办.
  const v1::Playbook* jx = set->FindPlaybook("jiaxiang", "power_outage");
  ASSERT_NE(jx, nullptr);
  bool five = false;
  for (const auto& s : jx->steps()) {
    five = five || (s.deadline().minutes() == 5 && s.text_zh().find("应急办") != std::string::npos);
  }
  EXPECT_TRUE(five);
  // 嘉祥: five or more petitioners is a group event.
  const v1::Playbook* gp = set->FindPlaybook("jiaxiang", "group_petition");
  ASSERT_NE(gp, nullptr);
  ASSERT_GE(gp->grading_size(), 1);
  EXPECT_EQ(gp->grading(0).metric(), "petitioner_count");
  EXPECT_EQ(gp->grading(0).above(), 4);
  // 湖南: an information-system outage is graded by its duration.
  const v1::Playbook* hn = set->FindPlaybook("hunan", "information_system_fault");
  ASSERT_NE(hn, nullptr);
  int by_duration = 0;
  for (const auto& g : hn->grading()) by_duration += g.metric() == "outage_minutes";
  EXPECT_EQ(by_duration, 3);
  // 海南: readiness inventories from annexes C and E.
  const v1::Plan* hainan = set->FindPlan("hainan");
  ASSERT_NE(hainan, nullptr);
  EXPECT_GE(hainan->readiness_size(), 3);
}

TEST(PlaybookSetTest, AMissingPlaybookFallsBackToThePlansGeneralOne) {
  bool falls_back = false;
  const v1::Playbook* pb = Shipped()->FindPlaybook("dongguan", "stampede", &falls_back);
  ASSERT_NE(pb, nullptr);
  EXPECT_TRUE(falls_back);
  EXPECT_EQ(pb->category(), "panic");
}

// ---------------------------------------------------------------- mistakes

class MistakeTest : public ::testing::Test {
 protected:
  // A playbook folder with the shipped taxonomy and one plan file.
  std::string Folder(const std::string& plan_text, const std::string& stem = "testplan") {
    std::string dir = testing::TempDir("hall-pb");
    fs::copy_file(kDir + "/categories.textpb", dir + "/categories.textpb");
    std::ofstream(dir + "/" + stem + ".textpb") << plan_text;
    return dir;
  }
  std::vector<FileError> Load(const std::string& plan_text) {
    std::vector<FileError> errors;
    auto set = LoadPlaybookSet(Folder(plan_text), &errors);
    EXPECT_EQ(set, nullptr) << "a broken file must refuse the whole set";
    return errors;
  }
};

const char* kHeader = "id: \"testplan\"\nshort_name: \"测试\"\nname: \"测试预案\"\n";

std::string Step(const std::string& body) { return "  steps {\n" + body + "  }\n"; }
const char* kGoodStep =
    "    id: \"call\"\n    text_zh: \"报警\"\n    text_en: \"Call\"\n    responsible: \"duty_officer\"\n"
    "    citation: \"测试 1.1\"\n";

TEST_F(MistakeTest, AGoodFileLoads) {
  std::vector<FileError> errors;
  auto set = LoadPlaybookSet(Folder(std::string(kHeader) + "playbooks {\n  category: \"fire\"\n  title_zh: \"火\"\n  citation: \"测试 1\"\n" + Step(kGoodStep) + "}\n"), &errors);
  ASSERT_NE(set, nullptr) << (errors.empty() ? "" : errors[0].ToString());
}

struct Mistake {
  const char* name;
  std::string playbook_body;  // inside playbooks { … } after the header lines
  int line;
  const char* field;
  const char* says;
};

TEST_F(MistakeTest, EachKindOfMistakeNamesFileLineAndField) {
  // Lines: 1-3 header, 4 "playbooks {", 5 category, 6 title, 7 citation,
  // 8 "steps {", 9 id, 10 text_zh, 11 text_en, 12 responsible, 13 citation …
  const std::string head = "  category: \"fire\"\n  title_zh: \"火\"\n  citation: \"测试 1\"\n";
  auto step = [](const std::string& id, const std::string& zh, const std::string& role,
                 const std::string& cite, const std::string& extra = "") {
    return "  steps {\n    id: \"" + id + "\"\n    text_zh: \"" + zh + "\"\n    text_en: \"x\"\n"
           "    responsible: \"" + role + "\"\n    citation: \"" + cite + "\"\n" + extra + "  }\n";
  };
  std::vector<Mistake> cases = {
      {"unknown role", head + step("a", "文", "janitor", "测试 1"), 12, "playbooks[0].steps[0].responsible", "unknown role \"janitor\""},
      {"missing citation", head + step("a", "文", "duty_officer", ""), 13, "playbooks[0].steps[0].citation", "is required"},
      {"foreign citation", head + step("a", "文", "duty_officer", "东莞 B.1"), 13, "playbooks[0].steps[0].citation", "must start with the plan's short name"},
      {"empty text", head + step("a", "", "duty_officer", "测试 1"), 10, "playbooks[0].steps[0].text_zh", "must not be empty"},
      {"duplicate step id", head + step("a", "文", "duty_officer", "测试 1") + step("a", "文", "duty_officer", "测试 1"), 16, "playbooks[0].steps[1].id", "duplicate step id"},
      {"deadline to a missing step", head + step("a", "文", "duty_officer", "测试 1", "    deadline { minutes: 5 after_step: \"nowhere\" }\n"), 14, "playbooks[0].steps[0].deadline.after_step", "\"nowhere\""},
      {"negative duration", head + step("a", "文", "duty_officer", "测试 1", "    deadline { minutes: -5 }\n"), 14, "playbooks[0].steps[0].deadline.minutes", "positive"},
      {"unknown party", head + step("a", "文", "duty_officer", "测试 1", "    contact_party: \"ghostbusters\"\n"), 14, "playbooks[0].steps[0].contact_party", "unknown party"},
      {"unknown category", "  category: \"meteor\"\n  title_zh: \"火\"\n  citation: \"测试 1\"\n" + step("a", "文", "duty_officer", "测试 1"), 5, "playbooks[0].category", "unknown category \"meteor\""},
      {"grading bounds reversed", head + step("a", "文", "duty_officer", "测试 1") + "  grading {\n    grade: \"I\"\n    metric: \"outage_minutes\"\n    above: 60\n    at_most: 20\n    text_zh: \"x\"\n    citation: \"测试 2\"\n  }\n", 19, "playbooks[0].grading[0].at_most", "greater than above"},
  };
  for (const auto& c : cases) {
    auto errors = Load(std::string(kHeader) + "playbooks {\n" + c.playbook_body + "}\n");
    ASSERT_FALSE(errors.empty()) << c.name;
    const FileError& e = errors[0];
    EXPECT_NE(e.file.find("testplan.textpb"), std::string::npos) << c.name;
    EXPECT_EQ(e.line, c.line) << c.name << ": " << e.ToString();
    EXPECT_EQ(e.field, c.field) << c.name << ": " << e.ToString();
    EXPECT_NE(e.message.find(c.says), std::string::npos) << c.name << ": " << e.ToString();
  }
}

TEST_F(MistakeTest, SyntaxErrorsAndUnknownFieldsNameTheLine) {
  auto errors = Load(std::string(kHeader) + "playbooks {\n  category: \"fire\"\n  colour: \"red\"\n}\n");
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].line, 6);
  EXPECT_NE(errors[0].message.find("colour"), std::string::npos) << errors[0].ToString();
  errors = Load(std::string(kHeader) + "playbooks {\n  category: \"fire\"\n");
  ASSERT_FALSE(errors.empty());
  EXPECT_GT(errors[0].line, 0);
}

TEST_F(MistakeTest, PlanIdMustMatchItsFileName) {
  std::vector<FileError> errors;
  LoadPlaybookSet(Folder(std::string(kHeader), "otherplan"), &errors);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].field, "id");
  EXPECT_EQ(errors[0].line, 1);
}

}  // namespace
}  // namespace hall::playbook
