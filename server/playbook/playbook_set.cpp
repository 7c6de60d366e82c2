#include "playbook/playbook_set.h"

#include <google/protobuf/text_format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "domain/digest.h"
#include "domain/directory_rules.h"
#include "playbook/locator.h"

namespace fs = std::filesystem;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::TextFormat;

namespace hall::playbook {

namespace {

const std::set<std::string> kResponsible = {
    "first_informed",   "first_responder",  "duty_officer", "hall_head",
    "floor_guide",      "window_staff",     "security",     "property_management",
    "leadership_group", "emergency_office", "zone_leader",  "drill_coordinator",
    "it_support_staff", "all_staff"};
// The hall's own organisation: alerted by the system when a chain reaches
// them. first_informed is not among them: the report comes from whoever
// raised it, so a chain starts with the tier the report goes to.
const std::set<std::string> kInternalTiers(domain::InternalTiers().begin(),
                                           domain::InternalTiers().end());
const std::set<std::string> kParties = {"police",
                                        "police_post",
                                        "fire_service",
                                        "ambulance",
                                        "data_bureau",
                                        "local_government",
                                        "emergency_management",
                                        "power_utility",
                                        "water_utility",
                                        "property_management",
                                        "offices_service_center",
                                        "it_support",
                                        "petitions_office",
                                        "disease_control",
                                        "cyberspace_office",
                                        "relief_station",
                                        "elevator_maintenance",
                                        "media"};
const std::set<std::string> kMetrics = {"outage_minutes", "petitioner_count", "injured_count"};

// How a citation says that the product, not the plan, supplies something.
const char kProductDefaultLabel[] = "产品默认";

std::string Join(const std::set<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

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
      Err(at.Line("citation"), path + ".citation",
          "is required: cite the clause, e.g. \"" + prefix_ + " 四.3\"");
    } else if (!prefix_.empty() && v.rfind(prefix_ + " ", 0) != 0) {
      Err(at.Line("citation"), path + ".citation",
          "must start with the plan's short name and a space (\"" + prefix_ + " …\"), got \"" + v +
              "\"");
    }
  }

  // A product default says so in its citation, and only a product default
  // does (docs/playbooks.md C lists each one).
  void Label(const Locator& at, const std::string& path, bool product_default,
             const std::string& citation) {
    bool says = citation.find(kProductDefaultLabel) != std::string::npos;
    if (product_default && !says) {
      Err(at.Line("citation"), path + ".citation",
          "product_default is set, so the citation must say so: \"" + prefix_ +
              " <nearest clause>（产品默认，参照<plan> <clause>）\", got \"" + citation + "\"");
    } else if (!product_default && says) {
      Err(at.Line("citation"), path + ".product_default",
          "the citation says 产品默认 but product_default is not set");
    }
  }

  // `grades` are the grades the playbook's rules define, or null where no
  // grade can apply (the plan's default close-out serves every playbook).
  void Steps(const Locator& at, const std::string& path,
             const google::protobuf::RepeatedPtrField<v1::Step>& steps, const char* field,
             std::set<std::string>* ids, const std::set<std::string>* grades,
             bool all_product_default) {
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
        Err(sl.Line("contact_party"), p + ".contact_party",
            "unknown party \"" + s.contact_party() + "\"");
      }
      if (s.has_deadline()) {
        Locator dl = sl.Child("deadline");
        if (s.deadline().minutes() <= 0) {
          Err(dl.Line("minutes"), p + ".deadline.minutes",
              "must be a positive number of minutes, got " +
                  std::to_string(s.deadline().minutes()));
        }
        const std::string& after = s.deadline().after_step();
        if (!after.empty() && !earlier.count(after)) {
          Err(dl.Line("after_step"), p + ".deadline.after_step",
              "refers to step \"" + after + "\", which is not an earlier step of this list");
        }
      }
      std::set<std::string> seen_grades;
      for (int g = 0; g < s.when_grades_size(); ++g) {
        const std::string& grade = s.when_grades(g);
        int line = sl.Line("when_grades", g);
        if (!grades) {
          Err(line, p + ".when_grades",
              "the plan's default close-out serves every playbook, so its steps cannot depend on a "
              "grade");
        } else if (!grades->count(grade)) {
          Err(line, p + ".when_grades",
              "grade \"" + grade + "\" is not defined by this playbook's grading rules" +
                  (grades->empty() ? std::string(" (it has none)")
                                   : " (defined: " + Join(*grades) + ")"));
        } else if (!seen_grades.insert(grade).second) {
          Err(line, p + ".when_grades", "grade \"" + grade + "\" is listed twice");
        }
      }
      Citation(sl, p, s.citation());
      Label(sl, p, s.product_default(), s.citation());
      if (all_product_default && !s.product_default()) {
        Err(sl.Line("product_default"), p + ".product_default",
            "the playbook is a product default (the plan has nothing for this category), so each "
            "of "
            "its steps is one too: set product_default and say 产品默认 in the citation");
      }
      earlier.insert(s.id());
    }
  }

  // One reference to an internal tier (a stage's tier, with_tiers,
  // notify_only, immediate_tier, or a position's tier).
  void InternalTier(int line, const std::string& field, const std::string& id) {
    if (id.empty()) {
      Err(line, field, "is required: the internal tier alerted (" + Join(kInternalTiers) + ")");
    } else if (id == "first_informed") {
      Err(line, field,
          "first_informed is not a tier: the report comes from the first informed (whoever raised "
          "it), so a chain starts with the tier the report goes to");
    } else if (kParties.count(id)) {
      Err(line, field,
          "\"" + id +
              "\" is an outside party, not the hall's own people: put it in contact_parties "
              "(a person contacts it and records the call; no timer ever calls it)");
    } else if (!kInternalTiers.count(id)) {
      Err(line, field,
          "unknown tier \"" + id + "\" (internal tiers: " + Join(kInternalTiers) + ")");
    }
  }

  void Escalation(const Locator& at, const std::string& path, const v1::EscalationPolicy& e) {
    if (e.tiers().empty()) {
      Err(at.line(), path + ".tiers",
          "a chain needs at least one stage (the tier the report goes to)");
    }
    std::set<std::string> stage_tiers;
    for (int i = 0; i < e.tiers_size(); ++i) {
      const v1::EscalationTier& t = e.tiers(i);
      Locator tl = at.Child("tiers", i);
      std::string p = path + ".tiers[" + std::to_string(i) + "]";
      std::set<std::string> alerted;  // everyone this stage alerts, once
      auto alert = [&](int line, const std::string& field, const std::string& id) {
        size_t before = errors_->size();
        InternalTier(line, field, id);
        if (errors_->size() != before) return;
        if (!alerted.insert(id).second) {
          Err(line, field, "\"" + id + "\" is already alerted in this stage");
        } else {
          chain_tiers_.emplace(id, std::pair{line, field});
        }
      };
      alert(tl.Line("tier"), p + ".tier", t.tier());
      stage_tiers.insert(t.tier());
      for (int k = 0; k < t.with_tiers_size(); ++k)
        alert(tl.Line("with_tiers", k), p + ".with_tiers", t.with_tiers(k));
      for (int k = 0; k < t.notify_only_size(); ++k)
        alert(tl.Line("notify_only", k), p + ".notify_only", t.notify_only(k));
      std::set<std::string> parties;
      for (int k = 0; k < t.contact_parties_size(); ++k) {
        const std::string& party = t.contact_parties(k);
        int line = tl.Line("contact_parties", k);
        if (kInternalTiers.count(party) || party == "first_informed") {
          Err(line, p + ".contact_parties",
              "\"" + party +
                  "\" is the hall's own people, not an outside party: put it in with_tiers "
                  "(or notify_only) to have the system alert it");
        } else if (!kParties.count(party)) {
          Err(line, p + ".contact_parties",
              "unknown party \"" + party + "\" (parties: " + Join(kParties) + ")");
        } else if (!parties.insert(party).second) {
          Err(line, p + ".contact_parties", "\"" + party + "\" is listed twice");
        }
      }
      if (t.ack_timeout_seconds() < 0) {
        Err(tl.Line("ack_timeout_seconds"), p + ".ack_timeout_seconds", "must not be negative");
      }
      Citation(tl, p, t.citation());
      Label(tl, p, t.product_default(), t.citation());
    }
    bool has_at = e.immediate_at() != v1::SEVERITY_UNSPECIFIED;
    if (has_at != !e.immediate_tier().empty()) {
      Err(at.Line(has_at ? "immediate_at" : "immediate_tier"),
          path + (has_at ? ".immediate_tier" : ".immediate_at"),
          "immediate_at and immediate_tier go together: grave incidents alert the stage whose tier "
          "is "
          "immediate_tier at once");
    } else if (!e.immediate_tier().empty()) {
      size_t before = errors_->size();
      InternalTier(at.Line("immediate_tier"), path + ".immediate_tier", e.immediate_tier());
      if (errors_->size() == before && !stage_tiers.count(e.immediate_tier())) {
        Err(at.Line("immediate_tier"), path + ".immediate_tier",
            "\"" + e.immediate_tier() + "\" is not the tier of any stage of this chain (stages: " +
                Join(stage_tiers) + ")");
      }
    }
    if (e.unresolved_remind_seconds() < 0) {
      Err(at.Line("unresolved_remind_seconds"), path + ".unresolved_remind_seconds",
          "must not be negative");
    }
    if (e.unresolved_escalate_seconds() < 0) {
      Err(at.Line("unresolved_escalate_seconds"), path + ".unresolved_escalate_seconds",
          "must not be negative");
    } else if (e.unresolved_escalate_seconds() > 0) {
      if (e.tiers_size() < 2) {
        Err(at.Line("unresolved_escalate_seconds"), path + ".unresolved_escalate_seconds",
            "a one-stage chain has no next stage to alert: leave it 0 (the reminder still "
            "applies)");
      } else if (e.unresolved_remind_seconds() > 0 &&
                 e.unresolved_escalate_seconds() <= e.unresolved_remind_seconds()) {
        Err(at.Line("unresolved_escalate_seconds"), path + ".unresolved_escalate_seconds",
            "must be later than unresolved_remind_seconds (" +
                std::to_string(e.unresolved_remind_seconds()) + "): remind first, then escalate");
      }
    }
    Citation(at, path, e.citation());
    Label(at, path, e.product_default(), e.citation());
  }

  void CloseOut(const Locator& at, const std::string& path, const v1::CloseOut& c,
                std::set<std::string>* ids, const std::set<std::string>* grades) {
    for (int i = 0; i < c.report_to_size(); ++i) {
      if (!IsKnownRecipient(c.report_to(i))) {
        Err(at.Line("report_to", i), path + ".report_to",
            "unknown tier or party \"" + c.report_to(i) + "\"");
      }
    }
    Steps(at, path, c.steps(), "steps", ids, grades, false);
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
          Err(gl.Line("above"), p + ".metric",
              "bounds need a metric (outage_minutes, petitioner_count, injured_count)");
        }
        continue;  // a manual grade: the responder chooses it
      }
      if (!kMetrics.count(g.metric()))
        Err(gl.Line("metric"), p + ".metric", "unknown metric \"" + g.metric() + "\"");
      if (!g.has_above() && !g.has_at_most())
        Err(gl.Line("metric"), p, "a metric rule needs above and/or at_most");
      if (g.has_above() && g.above() < 0)
        Err(gl.Line("above"), p + ".above", "must not be negative");
      if (g.has_at_most() && g.at_most() < 0)
        Err(gl.Line("at_most"), p + ".at_most", "must not be negative");
      if (g.has_above() && g.has_at_most() && g.above() >= g.at_most()) {
        Err(gl.Line("at_most"), p + ".at_most", "must be greater than above");
      }
    }
  }

  // The positions the plan prescribes (组长, 副组长, 成员, 应急办, 包保 …).
  void Organisation(const Locator& root, const v1::Plan& plan) {
    static const std::regex kId("^[a-z][a-z0-9_]{0,63}$");
    std::set<std::string> ids;
    std::map<std::string, std::string> zone_holder;  // zone -> position id
    for (int i = 0; i < plan.organisation_size(); ++i) {
      const v1::OrgPosition& o = plan.organisation(i);
      Locator ol = root.Child("organisation", i);
      std::string p = "organisation[" + std::to_string(i) + "]";
      if (!std::regex_match(o.id(), kId)) {
        Err(ol.Line("id"), p + ".id", "must be lower_snake_case, got \"" + o.id() + "\"");
      } else if (!ids.insert(o.id()).second) {
        Err(ol.Line("id"), p + ".id", "duplicate position id \"" + o.id() + "\"");
      }
      InternalTier(ol.Line("tier"), p + ".tier", o.tier());
      if (kInternalTiers.count(o.tier())) held_tiers_.insert(o.tier());
      Text(ol, p, "title_zh", o.title_zh());
      Text(ol, p, "title_en", o.title_en());
      if (o.tier() == "zone_leader" && o.zones().empty()) {
        Err(ol.Line("tier"), p + ".zones",
            "a zone_leader position names the zones it answers for (包保), as the plan names them");
      }
      if (o.tier() != "zone_leader" && !o.zones().empty()) {
        Err(ol.Line("zones"), p + ".zones",
            "only a zone_leader position answers for zones (包保); this position's tier is \"" +
                o.tier() + "\"");
      }
      for (int z = 0; z < o.zones_size(); ++z) {
        const std::string& zone = o.zones(z);
        if (zone.empty()) {
          Err(ol.Line("zones", z), p + ".zones", "a zone needs its name");
        } else if (auto [it, fresh] = zone_holder.emplace(zone, o.id()); !fresh) {
          Err(ol.Line("zones", z), p + ".zones",
              "zone \"" + zone + "\" is already answered for by position \"" + it->second + "\"");
        }
      }
      Citation(ol, p, o.citation());
    }
  }

  void Plan(const v1::Plan& plan, const TextFormat::ParseInfoTree& tree, const std::string& stem) {
    Locator root(&tree, v1::Plan::descriptor(), 1);
    prefix_ = plan.short_name();
    if (plan.id() != stem)
      Err(root.Line("id"), "id",
          "must equal the file name \"" + stem + "\", got \"" + plan.id() + "\"");
    Text(root, "plan", "short_name", plan.short_name());
    Text(root, "plan", "name", plan.name());
    // issuing_body, document_number and issued_on may be empty: not every
    // source states them (the Dongguan text is an annex on its own).
    Organisation(root, plan);
    if (plan.has_default_escalation()) {
      Escalation(root.Child("default_escalation"), "default_escalation", plan.default_escalation());
    } else {
      Err(root.Line("default_escalation"), "default_escalation",
          "every plan needs a default chain: it serves each playbook without its own");
    }
    std::set<std::string> close_ids;
    if (plan.has_default_close_out())
      CloseOut(root.Child("default_close_out"), "default_close_out", plan.default_close_out(),
               &close_ids, nullptr);
    std::set<std::string> categories;
    for (int i = 0; i < plan.playbooks_size(); ++i) {
      const auto& pb = plan.playbooks(i);
      Locator pl = root.Child("playbooks", i);
      std::string p = "playbooks[" + std::to_string(i) + "]";
      if (!taxonomy_->Find(pb.category())) {
        Err(pl.Line("category"), p + ".category",
            "unknown category \"" + pb.category() + "\" (see categories.textpb)");
      } else if (!categories.insert(pb.category()).second) {
        Err(pl.Line("category"), p + ".category",
            "a second playbook for \"" + pb.category() + "\"");
      }
      Text(pl, p, "title_zh", pb.title_zh());
      for (int b = 0; b < pb.kiosk_buttons_size(); ++b) {
        if (!taxonomy_->ForButton(pb.kiosk_buttons(b))) {
          Err(pl.Line("kiosk_buttons", b), p + ".kiosk_buttons",
              "button \"" + pb.kiosk_buttons(b) +
                  "\" is not defined on any category of categories.textpb");
        }
      }
      if (pb.steps().empty()) Err(pl.line(), p + ".steps", "a playbook needs at least one step");
      std::set<std::string> grades;
      for (const auto& g : pb.grading()) grades.insert(g.grade());
      std::set<std::string> ids;
      Steps(pl, p, pb.steps(), "steps", &ids, &grades, pb.product_default());
      if (pb.has_escalation())
        Escalation(pl.Child("escalation"), p + ".escalation", pb.escalation());
      if (pb.has_close_out())
        CloseOut(pl.Child("close_out"), p + ".close_out", pb.close_out(), &ids, &grades);
      Grading(pl, p, pb);
      Citation(pl, p, pb.citation());
      Label(pl, p, pb.product_default(), pb.citation());
    }
    // A stage whose tier no position holds would alert nobody.
    for (const auto& [tier, where] : chain_tiers_) {
      if (!held_tiers_.count(tier)) {
        Err(where.first, where.second,
            "no position of the plan's organisation holds tier \"" + tier +
                "\": add one (organisation { id: … tier: \"" + tier +
                "\" … }), or the stage alerts nobody");
      }
    }
    std::set<std::string> readiness;
    for (int i = 0; i < plan.readiness_size(); ++i) {
      const auto& r = plan.readiness(i);
      Locator rl = root.Child("readiness", i);
      std::string p = "readiness[" + std::to_string(i) + "]";
      if (r.id().empty() || !readiness.insert(r.id()).second)
        Err(rl.Line("id"), p + ".id", "missing or duplicate id \"" + r.id() + "\"");
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
  std::set<std::string> held_tiers_;  // tiers some organisation position holds
  // Each internal tier a chain alerts: the first place it is named.
  std::map<std::string, std::pair<int, std::string>> chain_tiers_;
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
bool IsInternalTier(const std::string& id) { return kInternalTiers.count(id) > 0; }
bool IsKnownParty(const std::string& id) { return kParties.count(id) > 0; }
bool IsKnownRecipient(const std::string& id) {
  return kInternalTiers.count(id) || kParties.count(id);
}
bool IsKnownMetric(const std::string& id) { return kMetrics.count(id) > 0; }

const std::vector<std::string>& InternalTiers() {
  static const std::vector<std::string> v(kInternalTiers.begin(), kInternalTiers.end());
  return v;
}

const std::vector<std::string>& Parties() {
  static const std::vector<std::string> v(kParties.begin(), kParties.end());
  return v;
}

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
                                              const std::string& category, bool* falls_back) const {
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
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
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
  MutexLock lock(&mu_);
  return current_;
}

void PlaybookHolder::Set(std::shared_ptr<const PlaybookSet> s) {
  MutexLock lock(&mu_);
  current_ = std::move(s);
}

}  // namespace hall::playbook
