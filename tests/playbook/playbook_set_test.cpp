// The shipped playbooks: every file loads, golden checks per plan (step
// order, roles, deadlines, parties, citations, grade conditions, product
// defaults, the playbook's own chain), the cases the issue names, what a
// hall gets for every category under every plan, and the loader's error for
// each kind of mistake, with its line.
//
// Golden files: tests/playbook/golden/<plan>_<category>.txt. After a
// deliberate playbook edit, regenerate with HALL_UPDATE_GOLDEN=1 and review
// the diff like any other change.
#include "playbook/playbook_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "domain/checklist.h"
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
    o << " | notify " << list(t.notify_only()) << " | contact " << list(t.contact_parties())
      << " | ack " << t.ack_timeout_seconds() << "s | " << t.citation()
      << (t.product_default() ? " | product default" : "") << "\n";
  }
  o << "chain | immediate "
    << (e.immediate_tier().empty() ? "-"
                                   : v1::Severity_Name(e.immediate_at()) + " " + e.immediate_tier())
    << " | remind " << e.unresolved_remind_seconds() << "s | escalate "
    << e.unresolved_escalate_seconds() << "s | " << e.citation()
    << (e.product_default() ? " | product default" : "") << "\n";
  return o.str();
}

std::string Render(const v1::Playbook& pb) {
  std::ostringstream o;
  o << "# " << pb.category() << " — " << pb.title_zh() << " (" << pb.citation() << ")"
    << (pb.product_default() ? " product default" : "") << "\n";
  for (const auto& s : pb.steps()) {
    o << s.id() << " | " << s.responsible() << " | "
      << (s.has_deadline()
              ? std::to_string(s.deadline().minutes()) + "min" +
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
    ::testing::Values(
        std::pair{"dongguan", "suspicious_object"}, std::pair{"dongguan", "fire"},
        std::pair{"songjiang", "power_outage"}, std::pair{"songjiang", "elevator_entrapment"},
        std::pair{"jiaxiang", "power_outage"}, std::pair{"jiaxiang", "group_petition"},
        std::pair{"hunan", "information_system_fault"}, std::pair{"hunan", "network_outage"},
        std::pair{"dongguan", "conflict"}, std::pair{"dongguan", "public_security_incident"},
        std::pair{"songjiang", "explosion"}, std::pair{"songjiang", "conflict"},
        std::pair{"jiaxiang", "crowding"}, std::pair{"jiaxiang", "medical_emergency"},
        std::pair{"hunan", "panic"}, std::pair{"hunan", "suspicious_object"},
        std::pair{"hainan", "panic"}, std::pair{"hainan", "conflict"}),
    [](const auto& info) { return info.param.first + "_" + info.param.second; });

TEST(PlaybookSetTest, EveryShippedFileLoadsAndEveryStepCitesItsPlan) {
  auto set = Shipped();
  ASSERT_TRUE(set);
  EXPECT_EQ(set->plan_ids(),
            (std::vector<std::string>{"dongguan", "hainan", "hunan", "jiaxiang", "songjiang"}));
  EXPECT_EQ(set->version().size(), 64u);
  for (const auto& id : set->plan_ids()) {
    const v1::Plan* plan = set->FindPlan(id);
    for (const auto& pb : plan->playbooks()) {
      for (const auto& s : pb.steps()) {
        EXPECT_EQ(s.citation().rfind(plan->short_name() + " ", 0), 0u)
            << id << "/" << pb.category() << "/" << s.id();
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
    evacuate = evacuate || s.text_zh().find("撤离") != std::string::npos ||
               s.text_zh().find("疏散") != std::string::npos;
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

// ------------------------------------------------------ what a hall gets

// The chain an incident of `category` runs under `plan`: its playbook's own,
// else the plan's default (as PlaybookService.GetPlaybook resolves it).
const v1::EscalationPolicy& ChainFor(const PlaybookSet& set, const std::string& plan,
                                     const std::string& category) {
  const v1::Playbook* pb = set.FindPlaybook(plan, category);
  return pb && pb->has_escalation() ? pb->escalation() : set.FindPlan(plan)->default_escalation();
}

bool Has(const google::protobuf::RepeatedPtrField<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST(VocabularyTest, InternalTiersAreRolesAndNeverParties) {
  for (const auto& t : InternalTiers()) {
    EXPECT_TRUE(IsKnownResponsible(t)) << t;
    EXPECT_FALSE(IsKnownParty(t)) << t;
  }
  for (const auto& p : Parties()) EXPECT_FALSE(IsInternalTier(p)) << p;
  EXPECT_FALSE(IsInternalTier("first_informed"));
  EXPECT_TRUE(IsKnownParty("offices_service_center"));  // 松江 机关服务三中心
}

// Raise every category in every plan's hall: a checklist with measures of
// its own (not only close-out), every item citing its plan.
TEST(ShippedPlaybooksTest, EveryCategoryInEveryPlanGetsACitedChecklist) {
  auto set = Shipped();
  ASSERT_TRUE(set);
  ASSERT_EQ(set->plan_ids().size(), 5u);
  for (const auto& plan_id : set->plan_ids()) {
    const v1::Plan* plan = set->FindPlan(plan_id);
    for (const auto& c : set->taxonomy().data().categories()) {
      std::string at = plan_id + "/" + c.id();
      const v1::Playbook* pb = set->FindPlaybook(plan_id, c.id());
      ASSERT_NE(pb, nullptr) << at << ": no playbook and no general (panic) one to fall back on";
      auto items = domain::Instantiate(*plan, pb, 1'000'000);
      int measures = 0;
      for (const auto& it : items) {
        measures += !it.close_out();
        EXPECT_EQ(it.citation().rfind(plan->short_name() + " ", 0), 0u)
            << at << "/" << it.step_id();
        EXPECT_FALSE(it.text_zh().empty()) << at << "/" << it.step_id();
      }
      EXPECT_GT(measures, 0) << at << ": the checklist has no measures of its own";
    }
  }
}

TEST(ShippedPlaybooksTest, NoChainAlertsAnOutsidePartyByTimer) {
  auto set = Shipped();
  ASSERT_TRUE(set);
  for (const auto& plan_id : set->plan_ids()) {
    for (const auto& c : set->taxonomy().data().categories()) {
      const v1::EscalationPolicy& chain = ChainFor(*set, plan_id, c.id());
      std::string at = plan_id + "/" + c.id();
      ASSERT_GT(chain.tiers_size(), 0) << at;
      for (const auto& t : chain.tiers()) {
        EXPECT_TRUE(IsInternalTier(t.tier())) << at << ": " << t.tier();
        for (const auto& w : t.with_tiers()) EXPECT_TRUE(IsInternalTier(w)) << at << ": " << w;
        for (const auto& n : t.notify_only()) EXPECT_TRUE(IsInternalTier(n)) << at << ": " << n;
        for (const auto& p : t.contact_parties()) EXPECT_TRUE(IsKnownParty(p)) << at << ": " << p;
      }
    }
  }
}

TEST(ShippedPlaybooksTest, DongguanAlertsTheFirstResponderAndTheGroupTogether) {
  auto set = Shipped();
  ASSERT_TRUE(set);
  for (const auto& c : set->taxonomy().data().categories()) {
    const v1::EscalationTier& first = ChainFor(*set, "dongguan", c.id()).tiers(0);
    EXPECT_EQ(first.tier(), "first_responder") << c.id();
    EXPECT_TRUE(Has(first.with_tiers(), "leadership_group")) << c.id() << ": 东莞 B.2.1";
  }
}

TEST(ShippedPlaybooksTest, TheChainsTheIssueNames) {
  auto set = Shipped();
  ASSERT_TRUE(set);
  // 东莞: the data bureau where the plan reports to it (B.3.2.1.1, B.3.2.2), not for crowding,
  // conflicts or suspicious objects (B.3.1.1, B.3.1.2, B.3.2.3).
  EXPECT_TRUE(Has(ChainFor(*set, "dongguan", "public_security_incident").tiers(0).contact_parties(),
                  "data_bureau"));
  EXPECT_TRUE(Has(ChainFor(*set, "dongguan", "public_security_incident").tiers(0).contact_parties(),
                  "police"));
  EXPECT_TRUE(
      Has(ChainFor(*set, "dongguan", "group_petition").tiers(0).contact_parties(), "data_bureau"));
  for (const char* c : {"crowding", "conflict", "suspicious_object", "panic"}) {
    for (const auto& t : ChainFor(*set, "dongguan", c).tiers()) {
      EXPECT_FALSE(Has(t.contact_parties(), "data_bureau")) << c;
    }
  }
  // 嘉祥: the 包保 zone leader comes first only in 四(二)2 and 四(二)4; a medical event goes
  // straight to 应急办 (四(三)2); the petition chain cites the petition clause.
  for (const auto& c : set->taxonomy().data().categories()) {
    bool zone_first = ChainFor(*set, "jiaxiang", c.id()).tiers(0).tier() == "zone_leader";
    EXPECT_EQ(zone_first, c.id() == "crowding" || c.id() == "conflict") << c.id();
  }
  EXPECT_EQ(ChainFor(*set, "jiaxiang", "medical_emergency").tiers(0).tier(), "emergency_office");
  EXPECT_EQ(ChainFor(*set, "jiaxiang", "medical_emergency").tiers(0).citation(), "嘉祥 四(三)2");
  EXPECT_EQ(ChainFor(*set, "jiaxiang", "group_petition").tiers(0).citation(), "嘉祥 四(八)1");
  // 湖南: no 第一处置人 anywhere; 本级政府 on no chain (6.1.4 e) is 必要时, a step).
  const v1::Plan* hunan = set->FindPlan("hunan");
  for (const auto& c : set->taxonomy().data().categories()) {
    for (const auto& t : ChainFor(*set, "hunan", c.id()).tiers()) {
      EXPECT_NE(t.tier(), "first_responder") << c.id();
      EXPECT_FALSE(Has(t.with_tiers(), "first_responder")) << c.id();
      EXPECT_FALSE(Has(t.contact_parties(), "local_government")) << c.id();
    }
  }
  for (const auto& pb : hunan->playbooks()) {
    for (const auto& st : pb.steps())
      EXPECT_NE(st.responsible(), "first_responder") << pb.category() << "/" << st.id();
  }
  // 松江 三.1: 窗口服务科 with 物业处, then 中心领导 with 机关服务三中心; 110 is never a stage.
  const v1::EscalationPolicy& sj = set->FindPlan("songjiang")->default_escalation();
  ASSERT_EQ(sj.tiers_size(), 2);
  EXPECT_EQ(sj.tiers(0).tier(), "hall_head");
  EXPECT_TRUE(Has(sj.tiers(0).contact_parties(), "property_management"));
  EXPECT_EQ(sj.tiers(1).tier(), "leadership_group");
  EXPECT_TRUE(Has(sj.tiers(1).contact_parties(), "offices_service_center"));
  for (const auto& c : set->taxonomy().data().categories()) {
    for (const auto& t : ChainFor(*set, "songjiang", c.id()).tiers()) {
      EXPECT_FALSE(Has(t.contact_parties(), "police")) << c.id() << ": 松江 三.2 is 对需要报警的";
    }
  }
  // Each plan names the organisation its chains alert (the loader refuses a chain tier no
  // position holds); 嘉祥's 包保 deputies carry their zones.
  int zones = 0;
  for (const auto& o : set->FindPlan("jiaxiang")->organisation()) zones += o.zones_size();
  EXPECT_EQ(zones, 14);
}

TEST(ShippedPlaybooksTest, TheStepsAndTextsTheIssueNames) {
  auto set = Shipped();
  ASSERT_TRUE(set);
  // 湖南 6.3.2: each grade's measures apply to that grade only.
  for (const char* c : {"network_outage", "information_system_fault"}) {
    for (const auto& st : set->FindPlaybook("hunan", c)->steps()) {
      std::string want = st.id().rfind("iii_", 0) == 0  ? "III"
                         : st.id().rfind("ii_", 0) == 0 ? "II"
                         : st.id().rfind("i_", 0) == 0  ? "I"
                                                        : "";
      if (want.empty()) {
        EXPECT_TRUE(st.when_grades().empty()) << c << "/" << st.id();
      } else {
        ASSERT_EQ(st.when_grades_size(), 1) << c << "/" << st.id();
        EXPECT_EQ(st.when_grades(0), want) << c << "/" << st.id();
      }
    }
  }
  // A "conflict" is a dispute; 寻衅滋事 is a public-security incident, and each plan that
  // separates them tells the responder to re-triage (东莞 B.3.2.1.1).
  EXPECT_NE(set->taxonomy().Find("public_security_incident")->name_zh().find("寻衅滋事"),
            std::string::npos);
  EXPECT_EQ(set->taxonomy().Find("conflict")->name_zh().find("寻衅滋事"), std::string::npos);
  bool retriage = false;
  for (const auto& st : set->FindPlaybook("dongguan", "conflict")->steps()) {
    retriage = retriage || (st.id() == "retriage_public_security" &&
                            st.citation() == "东莞 B.3.2.1.1" && st.mandatory());
  }
  EXPECT_TRUE(retriage);
  // 松江: any explosion gets 119, 110, 120 and an evacuation; the boiler steps stay.
  std::set<std::string> parties, ids;
  for (const auto& st : set->FindPlaybook("songjiang", "explosion")->steps()) {
    parties.insert(st.contact_party());
    ids.insert(st.id());
  }
  for (const char* p : {"fire_service", "police", "ambulance"}) EXPECT_TRUE(parties.count(p)) << p;
  for (const char* id : {"evacuate", "boiler_cut_power", "boiler_investigate_cause"})
    EXPECT_TRUE(ids.count(id)) << id;
  // 海南: D.20 (no unauthorised interviews), D.14 (agitated visitors), 8.3.2.3 (quarterly
  // training), and no AED count the text does not give.
  const v1::Plan* hainan = set->FindPlan("hainan");
  EXPECT_TRUE(hainan->default_close_out().public_statement_needs_approval());
  std::set<std::string> cited;
  for (const auto& st : hainan->default_close_out().steps()) cited.insert(st.citation());
  for (const auto& st : set->FindPlaybook("hainan", "conflict")->steps())
    cited.insert(st.citation());
  for (const auto& r : hainan->readiness()) {
    for (const auto& it : r.items()) {
      cited.insert(it.citation());
      if (it.id() == "aed") {
        EXPECT_EQ(it.quantity().find("1 台"), std::string::npos);
      }
    }
  }
  for (const char* c : {"海南 D.20", "海南 D.14", "海南 8.3.2.3"}) EXPECT_TRUE(cited.count(c)) << c;
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
// Appended after the playbooks: the positions the chains alert, and the default chain.
const char* kTail =
    "organisation { id: \"head\" tier: \"first_responder\" title_zh: \"负责人\" title_en: \"Head\" "
    "citation: \"测试 0\" }\n"
    "organisation { id: \"group\" tier: \"leadership_group\" title_zh: \"小组\" title_en: "
    "\"Group\" citation: \"测试 0\" }\n"
    "default_escalation { tiers { tier: \"first_responder\" citation: \"测试 0\" } citation: "
    "\"测试 0\" }\n";

std::string Step(const std::string& body) { return "  steps {\n" + body + "  }\n"; }
const char* kGoodStep =
    "    id: \"call\"\n    text_zh: \"报警\"\n    text_en: \"Call\"\n    responsible: "
    "\"duty_officer\"\n"
    "    citation: \"测试 1.1\"\n";

TEST_F(MistakeTest, AGoodFileLoads) {
  std::vector<FileError> errors;
  auto set = LoadPlaybookSet(
      Folder(std::string(kHeader) +
             "playbooks {\n  category: \"fire\"\n  title_zh: \"火\"\n  citation: \"测试 1\"\n" +
             Step(kGoodStep) + "}\n" + kTail),
      &errors);
  ASSERT_NE(set, nullptr) << (errors.empty() ? "" : errors[0].ToString());
}

struct Mistake {
  const char* name;
  // inside playbooks { … } after the header lines (the organisation cases:
  // everything after the header)
  std::string playbook_body;
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
    return "  steps {\n    id: \"" + id + "\"\n    text_zh: \"" + zh +
           "\"\n    text_en: \"x\"\n"
           "    responsible: \"" +
           role + "\"\n    citation: \"" + cite + "\"\n" + extra + "  }\n";
  };
  const std::string good = step("a", "文", "duty_officer", "测试 1");  // lines 8–14
  // An escalation after `good`: 15 "escalation {", 16 "tiers {", 17 the stage's first line …
  auto chain = [](const std::string& stage, const std::string& policy = "") {
    return "  escalation {\n    tiers {\n" + stage + "      citation: \"测试 1\"\n    }\n" +
           policy + "    citation: \"测试 1\"\n  }\n";
  };
  const std::string kGradeI =
      "  grading {\n    grade: \"I\"\n    text_zh: \"x\"\n    citation: \"测试 2\"\n  }\n";
  std::vector<Mistake> cases = {
      {"unknown role", head + step("a", "文", "janitor", "测试 1"), 12,
       "playbooks[0].steps[0].responsible", "unknown role \"janitor\""},
      {"missing citation", head + step("a", "文", "duty_officer", ""), 13,
       "playbooks[0].steps[0].citation", "is required"},
      {"foreign citation", head + step("a", "文", "duty_officer", "东莞 B.1"), 13,
       "playbooks[0].steps[0].citation", "must start with the plan's short name"},
      {"empty text", head + step("a", "", "duty_officer", "测试 1"), 10,
       "playbooks[0].steps[0].text_zh", "must not be empty"},
      {"duplicate step id",
       head + step("a", "文", "duty_officer", "测试 1") + step("a", "文", "duty_officer", "测试 1"),
       16, "playbooks[0].steps[1].id", "duplicate step id"},
      {"deadline to a missing step",
       head + step("a", "文", "duty_officer", "测试 1",
                   "    deadline { minutes: 5 after_step: \"nowhere\" }\n"),
       14, "playbooks[0].steps[0].deadline.after_step", "\"nowhere\""},
      {"negative duration",
       head + step("a", "文", "duty_officer", "测试 1", "    deadline { minutes: -5 }\n"), 14,
       "playbooks[0].steps[0].deadline.minutes", "positive"},
      {"unknown party",
       head + step("a", "文", "duty_officer", "测试 1", "    contact_party: \"ghostbusters\"\n"),
       14, "playbooks[0].steps[0].contact_party", "unknown party"},
      {"unknown category",
       "  category: \"meteor\"\n  title_zh: \"火\"\n  citation: \"测试 1\"\n" +
           step("a", "文", "duty_officer", "测试 1"),
       5, "playbooks[0].category", "unknown category \"meteor\""},
      {"grading bounds reversed",
       head + step("a", "文", "duty_officer", "测试 1") +
           "  grading {\n    grade: \"I\"\n    metric: \"outage_minutes\"\n    above: 60\n    "
           "at_most: 20\n    text_zh: \"x\"\n    citation: \"测试 2\"\n  }\n",
       19, "playbooks[0].grading[0].at_most", "greater than above"},
      // Grade conditions name the playbook's own grades (湖南 6.3.2).
      {"grade no rule defines",
       head + step("a", "文", "duty_officer", "测试 1", "    when_grades: \"IV\"\n") + kGradeI, 14,
       "playbooks[0].steps[0].when_grades",
       "grade \"IV\" is not defined by this playbook's grading rules (defined: I)"},
      // A product default says so, and only a product default does.
      {"product default unlabelled",
       head + step("a", "文", "duty_officer", "测试 1", "    product_default: true\n"), 13,
       "playbooks[0].steps[0].citation", "product_default is set"},
      {"label without the flag", head + step("a", "文", "duty_officer", "测试 1（产品默认）"), 13,
       "playbooks[0].steps[0].product_default", "says 产品默认"},
      {"plan step in a product-default playbook",
       "  category: \"fire\"\n  title_zh: \"火\"\n  citation: \"测试 1（产品默认）\"\n  "
       "product_default: true\n" +
           step("a", "文", "duty_officer", "测试 1"),
       9, "playbooks[0].steps[0].product_default", "each of its steps is one too"},
      // Chains alert the hall's own people; outside parties are contacted by a person.
      {"outside party as a tier", head + good + chain("      tier: \"police\"\n"), 17,
       "playbooks[0].escalation.tiers[0].tier",
       "is an outside party, not the hall's own people: put it in contact_parties"},
      {"first informed as a tier", head + good + chain("      tier: \"first_informed\"\n"), 17,
       "playbooks[0].escalation.tiers[0].tier", "a chain starts with the tier the report goes to"},
      {"outside party alerted together",
       head + good + chain("      tier: \"first_responder\"\n      with_tiers: \"data_bureau\"\n"),
       18, "playbooks[0].escalation.tiers[0].with_tiers", "put it in contact_parties"},
      {"unknown notify-only tier",
       head + good + chain("      tier: \"first_responder\"\n      notify_only: \"janitor\"\n"), 18,
       "playbooks[0].escalation.tiers[0].notify_only", "unknown tier \"janitor\""},
      {"outside party informed",
       head + good + chain("      tier: \"first_responder\"\n      notify_only: \"media\"\n"), 18,
       "playbooks[0].escalation.tiers[0].notify_only", "put it in contact_parties"},
      {"tier alerted twice",
       head + good +
           chain("      tier: \"first_responder\"\n      with_tiers: \"first_responder\"\n"),
       18, "playbooks[0].escalation.tiers[0].with_tiers", "already alerted in this stage"},
      {"internal tier as a contact",
       head + good +
           chain("      tier: \"first_responder\"\n      contact_parties: \"leadership_group\"\n"),
       18, "playbooks[0].escalation.tiers[0].contact_parties", "put it in with_tiers"},
      {"unknown contact party",
       head + good +
           chain("      tier: \"first_responder\"\n      contact_parties: \"ghostbusters\"\n"),
       18, "playbooks[0].escalation.tiers[0].contact_parties", "unknown party \"ghostbusters\""},
      {"immediate tier of no stage",
       head + good +
           chain("      tier: \"first_responder\"\n",
                 "    immediate_at: SEVERITY_HIGH\n    immediate_tier: \"leadership_group\"\n"),
       21, "playbooks[0].escalation.immediate_tier", "is not the tier of any stage of this chain"},
      {"immediate severity without a tier",
       head + good +
           chain("      tier: \"first_responder\"\n", "    immediate_at: SEVERITY_HIGH\n"),
       20, "playbooks[0].escalation.immediate_tier", "go together"},
      {"escalation with no next stage",
       head + good +
           chain("      tier: \"first_responder\"\n", "    unresolved_escalate_seconds: 3600\n"),
       20, "playbooks[0].escalation.unresolved_escalate_seconds", "no next stage"},
      {"escalation before the reminder",
       head + good +
           "  escalation {\n    tiers { tier: \"first_responder\" ack_timeout_seconds: 120 "
           "citation: \"测试 1\" }\n"
           "    tiers { tier: \"leadership_group\" citation: \"测试 1\" }\n    "
           "unresolved_remind_seconds: 3600\n"
           "    unresolved_escalate_seconds: 1800\n    citation: \"测试 1\"\n  }\n",
       19, "playbooks[0].escalation.unresolved_escalate_seconds",
       "later than unresolved_remind_seconds"},
  };
  for (const auto& c : cases) {
    auto errors = Load(std::string(kHeader) + "playbooks {\n" + c.playbook_body + "}\n" + kTail);
    ASSERT_FALSE(errors.empty()) << c.name;
    const FileError& e = errors[0];
    EXPECT_NE(e.file.find("testplan.textpb"), std::string::npos) << c.name;
    EXPECT_EQ(e.line, c.line) << c.name << ": " << e.ToString();
    EXPECT_EQ(e.field, c.field) << c.name << ": " << e.ToString();
    EXPECT_NE(e.message.find(c.says), std::string::npos) << c.name << ": " << e.ToString();
  }
}

TEST_F(MistakeTest, EachKindOfOrganisationMistakeNamesFileLineAndField) {
  // A position at line 4: 4 "organisation {", 5 id, 6 tier, 7 title_zh, 8 title_en, then the
  // extra lines, then citation.
  auto pos = [](const std::string& id, const std::string& tier, const std::string& extra = "",
                const std::string& cite = "测试 0") {
    return "organisation {\n  id: \"" + id + "\"\n  tier: \"" + tier +
           "\"\n  title_zh: \"岗位\"\n"
           "  title_en: \"Post\"\n" +
           extra + "  citation: \"" + cite + "\"\n}\n";
  };
  const std::string zone = "  zones: \"税务服务区\"\n";
  const std::string chain_with_office =
      "default_escalation {\n  tiers {\n    tier: \"first_responder\"\n    with_tiers: "
      "\"emergency_office\"\n"
      "    citation: \"测试 0\"\n  }\n  citation: \"测试 0\"\n}\n";
  std::vector<Mistake> cases = {
      {"outside party as a position's tier", pos("post", "police") + kTail, 6,
       "organisation[0].tier", "is an outside party"},
      {"first informed as a position's tier", pos("post", "first_informed") + kTail, 6,
       "organisation[0].tier", "first_informed is not a tier"},
      {"duplicate position id", pos("post", "hall_head") + pos("post", "hall_head") + kTail, 12,
       "organisation[1].id", "duplicate position id \"post\""},
      {"zones on a hall head", pos("post", "hall_head", zone) + kTail, 9, "organisation[0].zones",
       "only a zone_leader position answers for zones"},
      {"zone leader without zones", pos("post", "zone_leader") + kTail, 6, "organisation[0].zones",
       "names the zones it answers for"},
      {"one zone, two leaders",
       pos("a", "zone_leader", zone) + pos("b", "zone_leader", zone) + kTail, 17,
       "organisation[1].zones", "already answered for by position \"a\""},
      {"position without citation", pos("post", "hall_head", "", "") + kTail, 9,
       "organisation[0].citation", "is required"},
      {"a stage nobody holds", pos("head", "first_responder") + chain_with_office, 14,
       "default_escalation.tiers[0].with_tiers",
       "no position of the plan's organisation holds tier \"emergency_office\""},
      {"no default chain", pos("head", "first_responder"), 1, "default_escalation",
       "every plan needs a default chain"},
  };
  for (const auto& c : cases) {
    auto errors = Load(std::string(kHeader) + c.playbook_body);
    ASSERT_FALSE(errors.empty()) << c.name;
    const FileError& e = errors[0];
    EXPECT_EQ(e.line, c.line) << c.name << ": " << e.ToString();
    EXPECT_EQ(e.field, c.field) << c.name << ": " << e.ToString();
    EXPECT_NE(e.message.find(c.says), std::string::npos) << c.name << ": " << e.ToString();
  }
}

TEST_F(MistakeTest, SyntaxErrorsAndUnknownFieldsNameTheLine) {
  auto errors =
      Load(std::string(kHeader) + "playbooks {\n  category: \"fire\"\n  colour: \"red\"\n}\n");
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
