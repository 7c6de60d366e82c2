#include "domain/checklist.h"

#include <ctime>

#include "domain/incident_state.h"

namespace hall::domain {
namespace {

v1::ChecklistItem ItemOf(const v1::Step& s, int64_t start_us, bool close_out) {
  v1::ChecklistItem it;
  it.set_step_id(s.id());
  it.set_text_zh(s.text_zh());
  it.set_text_en(s.text_en());
  it.set_responsible(s.responsible());
  it.set_mandatory(s.mandatory());
  it.set_contact_party(s.contact_party());
  it.set_citation(s.citation());
  it.set_state(v1::STEP_STATE_PENDING);
  it.set_close_out(close_out);
  for (const auto& g : s.when_grades()) it.add_when_grades(g);
  it.set_product_default(s.product_default());
  if (s.has_deadline()) {
    it.set_deadline_minutes(s.deadline().minutes());
    it.set_after_step(s.deadline().after_step());
    if (s.deadline().after_step().empty()) {
      SetTimestamp(it.mutable_due_at(), start_us + int64_t{s.deadline().minutes()} * 60'000'000);
    }
  }
  return it;
}

}  // namespace

const v1::CloseOut& CloseOutOf(const v1::Plan& plan, const v1::Playbook& playbook) {
  return playbook.has_close_out() ? playbook.close_out() : plan.default_close_out();
}

std::vector<v1::ChecklistItem> Instantiate(const v1::Plan& plan, const v1::Playbook* playbook,
                                           int64_t start_us) {
  std::vector<v1::ChecklistItem> out;
  if (!playbook) return out;
  for (const auto& s : playbook->steps()) out.push_back(ItemOf(s, start_us, false));
  const v1::CloseOut& close = CloseOutOf(plan, *playbook);
  for (const auto& s : close.steps()) {
    bool clash = false;
    for (const auto& it : out) clash = clash || it.step_id() == s.id();
    if (!clash) out.push_back(ItemOf(s, start_us, true));
  }
  // Until graded, a step for given grades only does not apply.
  for (auto& it : out) it.set_not_applicable(!it.when_grades().empty());
  return out;
}

void Recategorize(v1::Incident* incident, std::vector<v1::ChecklistItem> fresh,
                  const std::string& old_category) {
  std::map<std::string, const v1::ChecklistItem*> worked;
  for (const auto& it : incident->checklist()) {
    if (it.state() != v1::STEP_STATE_PENDING) worked[it.step_id()] = &it;
  }
  std::vector<v1::ChecklistItem> kept;
  for (auto& it : fresh) {
    auto w = worked.find(it.step_id());
    if (w != worked.end()) {
      it.set_state(w->second->state());
      it.set_done_by(w->second->done_by());
      it.set_done_by_name(w->second->done_by_name());
      *it.mutable_done_at() = w->second->done_at();
      it.set_note(w->second->note());
      worked.erase(w);
    }
  }
  // Work done under the old category stays on record, in its old order.
  for (const auto& it : incident->checklist()) {
    if (worked.count(it.step_id())) {
      v1::ChecklistItem k = it;
      if (k.from_category().empty()) k.set_from_category(old_category);
      kept.push_back(std::move(k));
    }
  }
  incident->clear_checklist();
  for (auto& it : fresh) *incident->add_checklist() = std::move(it);
  for (auto& it : kept) *incident->add_checklist() = std::move(it);
}

Status MarkStep(v1::Incident* incident, const std::string& step_id, bool done, const Principal& who,
                int64_t now_us, const std::string& note) {
  if (incident->status() == v1::INCIDENT_STATUS_CLOSED ||
      incident->status() == v1::INCIDENT_STATUS_WITHDRAWN) {
    return Error::FailedPrecondition("the incident is " + StatusName(incident->status()) +
                                     "; reopen it to work its checklist");
  }
  v1::ChecklistItem* item = nullptr;
  for (auto& it : *incident->mutable_checklist()) {
    if (it.step_id() == step_id) item = &it;
  }
  if (!item) {
    return Error::NotFound("no step '" + step_id + "' on this incident's checklist");
  }
  if (item->state() != v1::STEP_STATE_PENDING) {
    char when[32] = "";
    time_t secs = static_cast<time_t>(item->done_at().seconds());
    struct tm tm {};
    gmtime_r(&secs, &tm);
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return Error::FailedPrecondition("step '" + step_id + "' was already " +
                                     (item->state() == v1::STEP_STATE_DONE ? "done" : "skipped") +
                                     " by " + item->done_by_name() + " at " + when);
  }
  item->set_state(done ? v1::STEP_STATE_DONE : v1::STEP_STATE_SKIPPED);
  item->set_done_by(who.id);
  item->set_done_by_name(who.display_name);
  SetTimestamp(item->mutable_done_at(), now_us);
  item->set_note(note);
  for (auto& it : *incident->mutable_checklist()) {
    if (it.after_step() == step_id && it.deadline_minutes() > 0 && !it.has_due_at()) {
      SetTimestamp(it.mutable_due_at(), now_us + int64_t{it.deadline_minutes()} * 60'000'000);
    }
  }
  return kOk;
}

bool IsOverdue(const v1::ChecklistItem& item, int64_t now_us) {
  return item.state() == v1::STEP_STATE_PENDING && !item.not_applicable() && item.has_due_at() &&
         ToMicros(item.due_at()) < now_us;
}

void ApplyGradeConditions(v1::Incident* incident) {
  for (auto& it : *incident->mutable_checklist()) {
    if (it.when_grades().empty()) {
      it.set_not_applicable(false);
      continue;
    }
    bool applies = false;
    for (const auto& g : it.when_grades()) applies = applies || g == incident->grade();
    it.set_not_applicable(!applies);
  }
}

const v1::GradingRule* SelectGrade(const v1::Playbook& playbook,
                                   const google::protobuf::Map<std::string, int64_t>& metrics) {
  for (const auto& rule : playbook.grading()) {
    if (rule.metric().empty()) continue;
    auto it = metrics.find(rule.metric());
    if (it == metrics.end()) continue;
    int64_t v = it->second;
    if (rule.has_above() && !(v > rule.above())) continue;
    if (rule.has_at_most() && !(v <= rule.at_most())) continue;
    return &rule;
  }
  return nullptr;
}

bool Regrade(v1::Incident* incident, const v1::Playbook& playbook) {
  const v1::GradingRule* rule = SelectGrade(playbook, incident->metrics());
  std::string grade = rule ? rule->grade() : incident->grade();
  if (rule && rule->severity() > incident->severity()) incident->set_severity(rule->severity());
  bool changed = grade != incident->grade();
  incident->set_grade(grade);
  ApplyGradeConditions(incident);
  return changed;
}

}  // namespace hall::domain
