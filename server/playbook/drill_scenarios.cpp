#include "playbook/drill_scenarios.h"

#include <algorithm>
#include <filesystem>
#include <regex>

#include "domain/access.h"
#include "domain/escalation.h"
#include "domain/raise.h"
#include "playbook/locator.h"

namespace fs = std::filesystem;

namespace hall::playbook {
namespace {

bool IsSnake(const std::string& s) {
  static const std::regex kSnake("[a-z][a-z0-9_]{0,63}");
  return std::regex_match(s, kSnake);
}
bool IsPlace(const std::string& s) {
  static const std::regex kPlace("[a-z0-9][a-z0-9-]{0,63}");
  return std::regex_match(s, kPlace);
}
// Characters (code points) of UTF-8 text.
size_t Chars(const std::string& s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

class DrillChecker {
 public:
  DrillChecker(std::string file, const PlaybookSet& set, std::set<std::string>* seen,
               std::vector<FileError>* errors)
      : file_(std::move(file)), set_(set), seen_(seen), errors_(errors) {}

  void Err(int line, const std::string& field, const std::string& msg) {
    errors_->push_back({file_, line, field, msg});
  }

  // The people a scenario names take part in person: never a kiosk or the
  // administrator, each once.
  void Roles(const v1::DrillScenario& s, const Locator& at, const std::string& path) {
    std::set<int> roles;
    for (int i = 0; i < s.roles_size(); ++i) {
      const v1::Role r = s.roles(i);
      const std::string rp = path + ".roles[" + std::to_string(i) + "]";
      if (r == v1::ROLE_UNSPECIFIED || r == v1::ROLE_KIOSK || r == v1::ROLE_ADMIN ||
          domain::RoleName(r) == "unknown") {
        Err(at.Line("roles", i), rp,
            "must be a person's role that takes part (ROLE_DUTY_OFFICER, ROLE_SECURITY, "
            "ROLE_FLOOR_GUIDE …), got " +
                std::string(r == v1::ROLE_KIOSK   ? "ROLE_KIOSK (kiosks are listed at the start)"
                            : r == v1::ROLE_ADMIN ? "ROLE_ADMIN"
                                                  : std::to_string(static_cast<int>(r))));
      } else if (!roles.insert(r).second) {
        Err(at.Line("roles", i), rp, "role " + domain::RoleName(r) + " is named twice");
      }
    }
  }

  void Scenario(const v1::DrillScenario& s, const Locator& at, const std::string& path) {
    if (!IsSnake(s.id())) {
      Err(at.Line("id"), path + ".id",
          "must be lower_snake_case (a-z, 0-9, _), got \"" + s.id() + "\"");
    } else if (!seen_->insert(s.id()).second) {
      Err(at.Line("id"), path + ".id", "scenario \"" + s.id() + "\" is defined twice");
    }
    if (s.name_zh().empty()) Err(at.Line("name_zh"), path + ".name_zh", "is required");
    if (s.name_en().empty()) Err(at.Line("name_en"), path + ".name_en", "is required");
    if (s.rehearses().empty()) Err(at.Line("rehearses"), path + ".rehearses", "is required");
    const v1::Plan* plan = set_.FindPlan(s.plan_id());
    if (!plan) {
      Err(at.Line("plan_id"), path + ".plan_id", "no plan \"" + s.plan_id() + "\" in the set");
    } else if (s.citation().rfind(plan->short_name() + " ", 0) != 0) {
      Err(at.Line("citation"), path + ".citation",
          "must cite the plan's clause that asks for this rehearsal (\"" + plan->short_name() +
              " …\"), got \"" + s.citation() + "\"");
    }
    if (s.duration_seconds() <= 0 || s.duration_seconds() > kMaxDrillSeconds) {
      Err(at.Line("duration_seconds"), path + ".duration_seconds",
          "must be 1 to " + std::to_string(kMaxDrillSeconds) + " seconds, got " +
              std::to_string(s.duration_seconds()));
    }
    if (s.interval_days() < 0 || s.interval_days() > 3660)
      Err(at.Line("interval_days"), path + ".interval_days", "must be 0 to 3660 days");
    if (s.injects_size() > kMaxDrillItems)
      Err(at.Line("injects"), path + ".injects",
          "at most " + std::to_string(kMaxDrillItems) + " injects");
    if (s.expectations_size() > kMaxDrillItems)
      Err(at.Line("expectations"), path + ".expectations",
          "at most " + std::to_string(kMaxDrillItems) + " expectations");
    Roles(s, at, path);
    Short(at, path, "name_zh", s.name_zh());
    Short(at, path, "name_en", s.name_en());
    Short(at, path, "citation", s.citation());
    Short(at, path, "rehearses", s.rehearses());
    std::map<std::string, const v1::DrillInject*> presses;
    std::set<std::string> inject_ids;
    int last_at = 0;
    for (int i = 0; i < s.injects_size(); ++i) {
      const auto& in = s.injects(i);
      const Locator il = at.Child("injects", i);
      const std::string ip = path + ".injects[" + std::to_string(i) + "]";
      if (!IsSnake(in.id())) {
        Err(il.Line("id"), ip + ".id", "must be lower_snake_case, got \"" + in.id() + "\"");
      } else if (!inject_ids.insert(in.id()).second) {
        Err(il.Line("id"), ip + ".id", "inject \"" + in.id() + "\" is defined twice");
      }
      Short(il, ip, "summary", in.summary());
      Short(il, ip, "message", in.message());
      if (in.at_seconds() < 0)
        Err(il.Line("at_seconds"), ip + ".at_seconds", "must not be negative");
      if (in.at_seconds() > s.duration_seconds()) {
        Err(il.Line("at_seconds"), ip + ".at_seconds",
            "is after the scenario's end (" + std::to_string(in.at_seconds()) + " s > duration " +
                std::to_string(s.duration_seconds()) + " s)");
      }
      if (in.at_seconds() < last_at)
        Err(il.Line("at_seconds"), ip + ".at_seconds", "injects must be in time order");
      last_at = std::max(last_at, in.at_seconds());
      switch (in.kind()) {
        case v1::DrillInject::KIND_PRESS:
          if (!set_.taxonomy().Find(in.category()))
            Err(il.Line("category"), ip + ".category",
                "no category \"" + in.category() + "\" in categories.textpb");
          if (!IsPlace(in.place()))
            Err(il.Line("place"), ip + ".place",
                "must name a place of the hall by its role (entrance, window-1 …), got \"" +
                    in.place() + "\"");
          presses[in.id()] = &in;
          break;
        case v1::DrillInject::KIND_KIOSK_SILENT:
          if (!IsPlace(in.place()))
            Err(il.Line("place"), ip + ".place",
                "must name the place of the kiosk that goes silent");
          break;
        case v1::DrillInject::KIND_METRIC:
          if (!presses.count(in.incident()))
            Err(il.Line("incident"), ip + ".incident",
                "must name an earlier press inject, got \"" + in.incident() + "\"");
          if (!IsKnownMetric(in.metric())) {
            Err(il.Line("metric"), ip + ".metric", "no grading metric \"" + in.metric() + "\"");
          } else if (auto press = presses.find(in.incident()); press != presses.end() && plan) {
            const v1::Playbook* pb = set_.FindPlaybook(s.plan_id(), press->second->category());
            if (!pb || !domain::GradesBy(*pb, in.metric()))
              Err(il.Line("metric"), ip + ".metric",
                  "the plan's playbook for \"" + press->second->category() +
                      "\" does not grade by \"" + in.metric() + "\"");
          }
          if (in.value() < 0) Err(il.Line("value"), ip + ".value", "must not be negative");
          break;
        case v1::DrillInject::KIND_MESSAGE:
          if (in.message().empty()) Err(il.Line("message"), ip + ".message", "is required");
          break;
        default:
          Err(il.Line("kind"), ip + ".kind",
              "is required: KIND_PRESS, KIND_KIOSK_SILENT, KIND_METRIC or KIND_MESSAGE");
      }
    }
    if (presses.empty())
      Err(at.Line("injects"), path + ".injects", "needs at least one KIND_PRESS inject");
    std::set<std::string> expectation_ids;
    for (int i = 0; i < s.expectations_size(); ++i) {
      const auto& e = s.expectations(i);
      const Locator el = at.Child("expectations", i);
      const std::string ep = path + ".expectations[" + std::to_string(i) + "]";
      if (!IsSnake(e.id()) || !expectation_ids.insert(e.id()).second)
        Err(el.Line("id"), ep + ".id",
            "must be lower_snake_case and unique, got \"" + e.id() + "\"");
      auto press = presses.find(e.incident());
      if (press == presses.end()) {
        Err(el.Line("incident"), ep + ".incident",
            "must name a press inject, got \"" + e.incident() + "\"");
        continue;
      }
      if (e.within_seconds() <= 0 ||
          press->second->at_seconds() + e.within_seconds() > s.duration_seconds()) {
        Err(el.Line("within_seconds"), ep + ".within_seconds",
            "must be positive and end within the drill (inject at " +
                std::to_string(press->second->at_seconds()) + " s, duration " +
                std::to_string(s.duration_seconds()) + " s)");
      }
      Short(el, ep, "citation", e.citation());
      Short(el, ep, "text_zh", e.text_zh());
      Short(el, ep, "text_en", e.text_en());
      if (e.citation().empty()) Err(el.Line("citation"), ep + ".citation", "is required");
      if (e.text_zh().empty()) Err(el.Line("text_zh"), ep + ".text_zh", "is required");
      const v1::Playbook* pb =
          plan ? set_.FindPlaybook(s.plan_id(), press->second->category()) : nullptr;
      switch (e.kind()) {
        case v1::DrillExpectation::KIND_STEP: {
          bool found = false;
          if (pb)
            for (const auto& st : pb->steps()) found = found || st.id() == e.step_id();
          if (!found)
            Err(el.Line("step_id"), ep + ".step_id",
                "no step \"" + e.step_id() + "\" in the plan's playbook for \"" +
                    press->second->category() + "\"");
          break;
        }
        case v1::DrillExpectation::KIND_CONTACT:
          if (!IsKnownParty(e.party()))
            Err(el.Line("party"), ep + ".party", "no outside party \"" + e.party() + "\"");
          break;
        case v1::DrillExpectation::KIND_ACKNOWLEDGE:
        case v1::DrillExpectation::KIND_RESOLVE:
          break;
        default:
          Err(el.Line("kind"), ep + ".kind",
              "is required: KIND_ACKNOWLEDGE, KIND_STEP, KIND_CONTACT or KIND_RESOLVE");
      }
    }
  }

 private:
  // A text field of at most kMaxDrillText characters.
  void Short(const Locator& at, const std::string& path, const char* field,
             const std::string& value) {
    if (Chars(value) > kMaxDrillText)
      Err(at.Line(field), path + "." + field,
          "at most " + std::to_string(kMaxDrillText) + " characters");
  }

  std::string file_;
  const PlaybookSet& set_;
  std::set<std::string>* seen_;
  std::vector<FileError>* errors_;
};

bool CheckFile(const std::string& path, const PlaybookSet& set, std::set<std::string>* seen,
               std::vector<FileError>* errors, std::vector<v1::DrillScenario>* out) {
  const size_t before = errors->size();
  v1::DrillScenarioFile file;
  google::protobuf::TextFormat::ParseInfoTree tree;
  if (!ParseTextFile(path, &file, errors, &tree)) return false;
  DrillChecker check(path, set, seen, errors);
  const Locator root(&tree, v1::DrillScenarioFile::descriptor(), 1);
  if (file.scenarios_size() == 0)
    errors->push_back({path, 1, "scenarios", "no scenario in the file"});
  for (int i = 0; i < file.scenarios_size(); ++i) {
    const Locator at = root.Child("scenarios", i);
    const std::string path = "scenarios[" + std::to_string(i) + "]";
    check.Scenario(file.scenarios(i), at, path);
    if (!file.scenarios(i).based_on().empty())
      check.Err(at.Line("based_on"), path + ".based_on",
                "is for hand-built scenarios only; a file's scenario stands on its own");
    if (out) out->push_back(file.scenarios(i));
  }
  return errors->size() == before;
}

}  // namespace

std::vector<v1::DrillScenario> LoadDrillScenarios(const std::string& dir, const PlaybookSet& set,
                                                  std::vector<FileError>* errors) {
  std::vector<std::string> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return {};
  for (auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".textpb") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  std::set<std::string> seen;
  std::vector<v1::DrillScenario> out;
  for (const auto& f : files) CheckFile(f, set, &seen, errors, &out);
  return out;
}

bool CheckDrillFile(const std::string& path, const PlaybookSet& set,
                    std::set<std::string>* seen_ids, std::vector<FileError>* errors) {
  return CheckFile(path, set, seen_ids, errors, nullptr);
}

std::vector<FileError> CheckHandBuiltScenario(const v1::DrillScenario& scenario,
                                              const PlaybookSet& set,
                                              const std::vector<v1::DrillScenario>& files) {
  std::set<std::string> seen;
  for (const auto& f : files) seen.insert(f.id());
  std::vector<FileError> errors;
  if (seen.count(scenario.id())) {
    errors.push_back({"", 0, "scenario.id",
                      "\"" + scenario.id() +
                          "\" is a scenario of playbooks/drills; a hand-built one needs an id "
                          "of its own"});
    seen.erase(scenario.id());  // one message for it, not two
  }
  DrillChecker check("", set, &seen, &errors);
  check.Scenario(scenario, Locator(nullptr, v1::DrillScenario::descriptor(), 0), "scenario");
  if (!scenario.based_on().empty()) {
    auto base = std::find_if(files.begin(), files.end(), [&](const v1::DrillScenario& f) {
      return f.id() == scenario.based_on();
    });
    if (base == files.end()) {
      errors.push_back({"", 0, "scenario.based_on",
                        "no scenario \"" + scenario.based_on() + "\" in playbooks/drills"});
    } else if (base->plan_id() != scenario.plan_id()) {
      errors.push_back({"", 0, "scenario.based_on",
                        "\"" + scenario.based_on() + "\" rehearses the " + base->plan_id() +
                            " plan, this scenario the " + scenario.plan_id() + " plan"});
    }
  }
  return errors;
}

bool CoversForCadence(const v1::DrillScenario& run, const v1::DrillScenario& base) {
  if (run.based_on() != base.id() || run.plan_id() != base.plan_id()) return false;
  if (2 * int64_t{run.duration_seconds()} < int64_t{base.duration_seconds()}) return false;
  for (int r : base.roles())
    if (std::find(run.roles().begin(), run.roles().end(), r) == run.roles().end()) return false;
  std::set<std::string> categories;
  for (const auto& in : run.injects())
    if (in.kind() == v1::DrillInject::KIND_PRESS) categories.insert(in.category());
  for (const auto& in : base.injects())
    if (in.kind() == v1::DrillInject::KIND_PRESS && !categories.count(in.category())) return false;
  return true;
}

std::vector<v1::DrillExpectation> ExpectedResponses(const v1::DrillScenario& scenario,
                                                    const PlaybookSet& set) {
  std::vector<v1::DrillExpectation> out;
  const v1::Plan* plan = set.FindPlan(scenario.plan_id());
  if (!plan) return out;
  for (const auto& in : scenario.injects()) {
    if (in.kind() != v1::DrillInject::KIND_PRESS) continue;
    const v1::Playbook* pb = set.FindPlaybook(scenario.plan_id(), in.category());
    bool from_playbook = false;
    const auto& policy = domain::PolicyFor(*plan, pb, &from_playbook);
    auto add = [&](v1::DrillExpectation::Kind kind, const std::string& suffix, int within,
                   const std::string& citation, const std::string& zh, const std::string& en) {
      v1::DrillExpectation e;
      e.set_id(in.id() + "_" + suffix);
      e.set_incident(in.id());
      e.set_kind(kind);
      e.set_within_seconds(within);
      e.set_citation(citation);
      e.set_text_zh(zh);
      e.set_text_en(en);
      out.push_back(std::move(e));
      return &out.back();
    };
    if (policy.tiers_size() > 0 && policy.tiers(0).ack_timeout_seconds() > 0) {
      add(v1::DrillExpectation::KIND_ACKNOWLEDGE, "ack", policy.tiers(0).ack_timeout_seconds(),
          policy.tiers(0).citation(), "确认接警", "Acknowledge the report");
    }
    if (!pb) continue;
    for (const auto& st : pb->steps()) {
      // Steps timed from the start, that apply at any grade.
      if (!st.mandatory() || st.when_grades_size() > 0 || st.deadline().minutes() <= 0 ||
          !st.deadline().after_step().empty())
        continue;
      const int within = st.deadline().minutes() * 60;
      if (st.contact_party().empty()) {
        add(v1::DrillExpectation::KIND_STEP, st.id(), within, st.citation(), st.text_zh(),
            st.text_en())
            ->set_step_id(st.id());
      } else {
        auto* e = add(v1::DrillExpectation::KIND_CONTACT, st.id(), within, st.citation(),
                      st.text_zh(), st.text_en());
        e->set_party(st.contact_party());
        e->set_step_id(st.id());
      }
    }
  }
  for (const auto& e : scenario.expectations()) out.push_back(e);
  return out;
}

}  // namespace hall::playbook
