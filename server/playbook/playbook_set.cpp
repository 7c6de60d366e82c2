#include "playbook/playbook_set.h"

#include <google/protobuf/text_format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "domain/digest.h"

namespace fs = std::filesystem;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::TextFormat;

namespace hall::playbook {

namespace {

const std::set<std::string> kResponsible = {
    "first_informed", "first_responder",  "duty_officer",   "hall_head",
    "floor_guide",    "window_staff",     "security",       "property_management",
    "leadership_group", "emergency_office", "zone_leader",  "drill_coordinator",
    "it_support_staff", "all_staff"};
const std::set<std::string> kParties = {
    "police",          "police_post",      "fire_service",   "ambulance",
    "data_bureau",     "local_government", "emergency_management", "power_utility",
    "water_utility",   "property_management", "offices_service_center", "it_support",
    "petitions_office", "disease_control", "cyberspace_office", "relief_station",
    "elevator_maintenance", "media"};
const std::set<std::string> kMetrics = {"outage_minutes", "petitioner_count", "injured_count"};

// Walks a parse-location tree to give each checked field its line.
class Locator {
 public:
  Locator(const TextFormat::ParseInfoTree* tree, const Descriptor* d, int fallback_line)
      : tree_(tree), d_(d), line_(fallback_line) {}
  // The nested message at field[index] (index -1 for a singular field).
  Locator Child(const char* field, int index = -1) const {
    const FieldDescriptor* f = d_->FindFieldByName(field);
    int line = Line(field, index);
    const TextFormat::ParseInfoTree* sub = tree_ && f ? tree_->GetTreeForNested(f, index) : nullptr;
    return Locator(sub, f ? f->message_type() : nullptr, line);
  }
  // The line of field[index], or of the enclosing message when absent.
  int Line(const char* field, int index = -1) const {
    if (tree_ && d_) {
      const FieldDescriptor* f = d_->FindFieldByName(field);
      if (f) {
        if (f->is_repeated() && index < 0) index = 0;
        if (!f->is_repeated()) index = -1;
        auto loc = tree_->GetLocation(f, index);
        if (loc.line >= 0) return loc.line + 1;
      }
    }
    return line_;
  }
  int line() const { return line_; }

 private:
  const TextFormat::ParseInfoTree* tree_;
  const Descriptor* d_;
  int line_;
};

class Checker {
 public:
  Checker(std::string file, const Taxonomy* taxonomy, std::vector<FileError>* errors)
      : file_(std::move(file)), taxonomy_(taxonomy), errors_(errors) {}

  void Err(int line, const std::string& field, const std::string& msg) {
    errors_->push_back({file_, line, field, msg});
  }

  void Text(const Locator& at, const std::string& path, const char* field, const std::string& v) {
    if (v.empty()) Err(at.Line(field), path + "." + field, "is required and must not be empty");
  }

  void Citation(const Locator& at, const std::string& path, const std::string& v) {
    if (v.empty()) {
      Err(at.Line("citation"), path + ".citation", "is required: cite the clause, e.g. \"" + prefix_ + " 四.3\"");
    } else if (!prefix_.empty() && v.rfind(prefix_ + " ", 0) != 0) {
      Err(at.Line("citation"), path + ".citation",
          "must start with the plan's short name and a space (\"" + prefix_ + " …\"), got \"" + v + "\"");
    }
  }

  void Steps(const Locator& at, const std::string& path,
             const google::protobuf::RepeatedPtrField<v1::Step>& steps, const char* field,
             std::set<std::string>* ids) {
    static const std::regex kId("^[a-z][a-z0-9_]{0,63}$");
    std::set<std::string> earlier;
    for (int i = 0; i < steps.size(); ++i) {
      const v1::Step& s = steps[i];
      Locator sl = at.Child(field, i);
      std::string p = path + "." + field + "[" + std::to_string(i) + "]";
      if (!std::regex_match(s.id(), kId)) {
        Err(sl.Line("id"), p + ".id", "must be lower_snake_case, got \"" + s.id() + "\"");
      } else if (!ids->insert(s.id()).second) {
        Err(sl.Line("id"), p + ".id", "duplicate step id \"" + s.id() + "\"");
      }
      Text(sl, p, "text_zh", s.text_zh());
      Text(sl, p, "text_en", s.text_en());
      if (!kResponsible.count(s.responsible())) {
        Err(sl.Line("responsible"), p + ".responsible", "unknown role \"" + s.responsible() + "\"");
      }
      if (!s.contact_party().empty() && !kParties.count(s.contact_party())) {
        Err(sl.Line("contact_party"), p + ".contact_party", "unknown party \"" + s.contact_party() + "\"");
      }
      if (s.has_deadline()) {
        Locator dl = sl.Child("deadline");
        if (s.deadline().minutes() <= 0) {
          Err(dl.Line("minutes"), p + ".deadline.minutes",
              "must be a positive number of minutes, got " + std::to_string(s.deadline().minutes()));
        }
        const std::string& after = s.deadline().after_step();
        if (!after.empty() && !earlier.count(after)) {
          Err(dl.Line("after_step"), p + ".deadline.after_step",
              "refers to step \"" + after + "\", which is not an earlier step of this list");
        }
      }
      Citation(sl, p, s.citation());
      earlier.insert(s.id());
    }
  }

  void Escalation(const Locator& at, const std::string& path, const v1::EscalationPolicy& e) {
    for (int i = 0; i < e.tiers_size(); ++i) {
      Locator tl = at.Child("tiers", i);
      std::string p = path + ".tiers[" + std::to_string(i) + "]";
      if (!IsKnownTier(e.tiers(i).tier())) Err(tl.Line("tier"), p + ".tier", "unknown tier \"" + e.tiers(i).tier() + "\"");
      if (e.tiers(i).ack_timeout_seconds() < 0) {
        Err(tl.Line("ack_timeout_seconds"), p + ".ack_timeout_seconds", "must not be negative");
      }
      Citation(tl, p, e.tiers(i).citation());
    }
    if (!e.immediate_tier().empty() && !IsKnownTier(e.immediate_tier())) {
      Err(at.Line("immediate_tier"), path + ".immediate_tier", "unknown tier \"" + e.immediate_tier() + "\"");
    }
  }

  void CloseOut(const Locator& at, const std::string& path, const v1::CloseOut& c,
                std::set<std::string>* ids) {
    for (int i = 0; i < c.report_to_size(); ++i) {
      if (!IsKnownTier(c.report_to(i))) {
        Err(at.Line("report_to", i), path + ".report_to", "unknown tier or party \"" + c.report_to(i) + "\"");
      }
    }
    Steps(at, path, c.steps(), "steps", ids);
  }

  void Grading(const Locator& at, const std::string& path, const v1::Playbook& pb) {
    for (int i = 0; i < pb.grading_size(); ++i) {
      const auto& g = pb.grading(i);
      Locator gl = at.Child("grading", i);
      std::string p = path + ".grading[" + std::to_string(i) + "]";
      Text(gl, p, "grade", g.grade());
      Text(gl, p, "text_zh", g.text_zh());
      Citation(gl, p, g.citation());
      if (g.metric().empty()) {
        if (g.has_above() || g.has_at_most()) {
          Err(gl.Line("above"), p + ".metric", "bounds need a metric (outage_minutes, petitioner_count, injured_count)");
        }
        continue;  // a manual grade: the responder chooses it
      }
      if (!kMetrics.count(g.metric())) Err(gl.Line("metric"), p + ".metric", "unknown metric \"" + g.metric() + "\"");
      if (!g.has_above() && !g.has_at_most()) Err(gl.Line("metric"), p, "a metric rule needs above and/or at_most");
      if (g.has_above() && g.above() < 0) Err(gl.Line("above"), p + ".above", "must not be negative");
      if (g.has_at_most() && g.at_most() < 0) Err(gl.Line("at_most"), p + ".at_most", "must not be negative");
      if (g.has_above() && g.has_at_most() && g.above() >= g.at_most()) {
        Err(gl.Line("at_most"), p + ".at_most", "must be greater than above");
      }
    }
  }

  void Plan(const v1::Plan& plan, const TextFormat::ParseInfoTree& tree, const std::string& stem) {
    Locator root(&tree, v1::Plan::descriptor(), 1);
    prefix_ = plan.short_name();
    if (plan.id() != stem) Err(root.Line("id"), "id", "must equal the file name \"" + stem + "\", got \"" + plan.id() + "\"");
    Text(root, "plan", "short_name", plan.short_name());
    Text(root, "plan", "name", plan.name());
    // issuing_body, document_number and issued_on may be empty: not every
    // source states them (the Dongguan text is an annex on its own).
    if (plan.has_default_escalation()) Escalation(root.Child("default_escalation"), "default_escalation", plan.default_escalation());
    std::set<std::string> close_ids;
    if (plan.has_default_close_out()) CloseOut(root.Child("default_close_out"), "default_close_out", plan.default_close_out(), &close_ids);
    std::set<std::string> categories;
    for (int i = 0; i < plan.playbooks_size(); ++i) {
      const auto& pb = plan.playbooks(i);
      Locator pl = root.Child("playbooks", i);
      std::string p = "playbooks[" + std::to_string(i) + "]";
      if (!taxonomy_->Find(pb.category())) {
        Err(pl.Line("category"), p + ".category", "unknown category \"" + pb.category() + "\" (see categories.textpb)");
      } else if (!categories.insert(pb.category()).second) {
        Err(pl.Line("category"), p + ".category", "a second playbook for \"" + pb.category() + "\"");
      }
      Text(pl, p, "title_zh", pb.title_zh());
      for (int b = 0; b < pb.kiosk_buttons_size(); ++b) {
        if (!IsKnownButton(pb.kiosk_buttons(b))) {
          Err(pl.Line("kiosk_buttons", b), p + ".kiosk_buttons", "unknown button \"" + pb.kiosk_buttons(b) + "\"");
        }
      }
      if (pb.steps().empty()) Err(pl.line(), p + ".steps", "a playbook needs at least one step");
      std::set<std::string> ids;
      Steps(pl, p, pb.steps(), "steps", &ids);
      if (pb.has_escalation()) Escalation(pl.Child("escalation"), p + ".escalation", pb.escalation());
      if (pb.has_close_out()) CloseOut(pl.Child("close_out"), p + ".close_out", pb.close_out(), &ids);
      Grading(pl, p, pb);
      Citation(pl, p, pb.citation());
    }
    std::set<std::string> readiness;
    for (int i = 0; i < plan.readiness_size(); ++i) {
      const auto& r = plan.readiness(i);
      Locator rl = root.Child("readiness", i);
      std::string p = "readiness[" + std::to_string(i) + "]";
      if (r.id().empty() || !readiness.insert(r.id()).second) Err(rl.Line("id"), p + ".id", "missing or duplicate id \"" + r.id() + "\"");
      Text(rl, p, "title_zh", r.title_zh());
      Citation(rl, p, r.citation());
      std::set<std::string> items;
      for (int k = 0; k < r.items_size(); ++k) {
        Locator il = rl.Child("items", k);
        std::string ip = p + ".items[" + std::to_string(k) + "]";
        if (r.items(k).id().empty() || !items.insert(r.items(k).id()).second) {
          Err(il.Line("id"), ip + ".id", "missing or duplicate id \"" + r.items(k).id() + "\"");
        }
        Text(il, ip, "text_zh", r.items(k).text_zh());
        Citation(il, ip, r.items(k).citation());
      }
    }
  }

 private:
  std::string file_;
  const Taxonomy* taxonomy_;
  std::vector<FileError>* errors_;
  std::string prefix_;
};

std::optional<v1::Plan> LoadPlanFile(const std::string& path, const Taxonomy& taxonomy,
                                     std::vector<FileError>* errors) {
  v1::Plan plan;
  TextFormat::ParseInfoTree tree;
  if (!ParseTextFile(path, &plan, errors, &tree)) return std::nullopt;
  size_t before = errors->size();
  Checker(path, &taxonomy, errors).Plan(plan, tree, fs::path(path).stem().string());
  if (errors->size() != before) return std::nullopt;
  return plan;
}

}  // namespace

bool IsKnownResponsible(const std::string& id) { return kResponsible.count(id) > 0; }
bool IsKnownParty(const std::string& id) { return kParties.count(id) > 0; }
bool IsKnownTier(const std::string& id) { return kResponsible.count(id) || kParties.count(id); }
bool IsKnownMetric(const std::string& id) { return kMetrics.count(id) > 0; }

PlaybookSet::PlaybookSet(Taxonomy taxonomy, std::vector<v1::Plan> plans, std::string version,
                         int64_t loaded_at_ms)
    : taxonomy_(std::move(taxonomy)), version_(std::move(version)), loaded_at_ms_(loaded_at_ms) {
  for (auto& p : plans) plans_.emplace(p.id(), std::move(p));
}

const v1::Plan* PlaybookSet::FindPlan(const std::string& id) const {
  auto it = plans_.find(id);
  return it == plans_.end() ? nullptr : &it->second;
}

std::vector<std::string> PlaybookSet::plan_ids() const {
  std::vector<std::string> out;
  for (auto& [id, _] : plans_) out.push_back(id);
  return out;
}

const v1::Playbook* PlaybookSet::FindPlaybook(const std::string& plan_id,
                                              const std::string& category,
                                              bool* falls_back) const {
  if (falls_back) *falls_back = false;
  const v1::Plan* plan = FindPlan(plan_id);
  if (!plan) return nullptr;
  const v1::Playbook* general = nullptr;
  for (const auto& pb : plan->playbooks()) {
    if (pb.category() == category) return &pb;
    if (pb.category() == "panic") general = &pb;
  }
  if (general && falls_back) *falls_back = true;
  return general;
}

std::shared_ptr<const PlaybookSet> LoadPlaybookSet(const std::string& dir,
                                                   std::vector<FileError>* errors) {
  size_t before = errors->size();
  std::string taxonomy_path = dir + "/categories.textpb";
  auto taxonomy = LoadTaxonomy(taxonomy_path, errors);
  if (!taxonomy) return nullptr;
  std::vector<std::string> files;
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".textpb" && e.path().filename() != "categories.textpb") {
      files.push_back(e.path().string());
    }
  }
  if (ec) {
    errors->push_back({dir, 0, "", "cannot list the folder: " + ec.message()});
    return nullptr;
  }
  std::sort(files.begin(), files.end());
  // The version: a hash over every file's name and bytes, in order.
  std::string all = "categories.textpb\n" + ReadAll(taxonomy_path);
  std::vector<v1::Plan> plans;
  for (const auto& f : files) {
    all += fs::path(f).filename().string() + "\n" + ReadAll(f);
    if (auto plan = LoadPlanFile(f, *taxonomy, errors)) plans.push_back(std::move(*plan));
  }
  if (files.empty()) errors->push_back({dir, 0, "", "no plan files (*.textpb) found"});
  if (errors->size() != before) return nullptr;
  int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  return std::make_shared<const PlaybookSet>(std::move(*taxonomy), std::move(plans),
                                             domain::Sha256Hex(all), now_ms);
}

bool CheckPlanFiles(const std::vector<std::string>& files, const Taxonomy& taxonomy,
                    std::vector<FileError>* errors) {
  size_t before = errors->size();
  for (const auto& f : files) {
    if (fs::path(f).filename() == "categories.textpb") {
      LoadTaxonomy(f, errors);
    } else {
      LoadPlanFile(f, taxonomy, errors);
    }
  }
  return errors->size() == before;
}

std::shared_ptr<const PlaybookSet> PlaybookHolder::Get() const {
  std::lock_guard lock(mu_);
  return current_;
}

void PlaybookHolder::Set(std::shared_ptr<const PlaybookSet> s) {
  std::lock_guard lock(mu_);
  current_ = std::move(s);
}

}  // namespace hall::playbook
