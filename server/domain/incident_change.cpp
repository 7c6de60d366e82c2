#include "domain/incident_change.h"

#include <algorithm>

#include "domain/checklist.h"
#include "domain/close_out.h"
#include "domain/raise.h"

namespace hall::domain {

v1::IncidentEvent FoldPress(const v1::Incident& current, const Principal& reporter,
                            const std::string& summary, int64_t now_us) {
  v1::Incident next = current;
  next.set_press_count(std::max(1, current.press_count()) + 1);
  SetTimestamp(next.mutable_last_press_at(), now_us);
  SetTimestamp(next.mutable_updated_at(), now_us);
  v1::IncidentEvent e;
  e.set_incident_id(current.id());
  e.set_hall_id(current.hall_id());
  e.set_kind(v1::EVENT_KIND_PRESS_FOLDED);
  e.set_actor_id(reporter.id);
  e.set_actor_name(reporter.display_name);
  SetTimestamp(e.mutable_at(), now_us);
  e.set_drill(current.drill());
  e.set_note(summary);
  *e.mutable_incident() = next;
  return e;
}

namespace {

// The system's event moving `current` to `status` (resolved with
// `outcome`, or closed), with the incident's state after it.
v1::IncidentEvent SystemTransition(const v1::Incident& current, v1::IncidentStatus status,
                                   v1::Outcome outcome, const std::string& note, int64_t now_us) {
  v1::Incident next = current;
  next.set_status(status);
  if (status == v1::INCIDENT_STATUS_RESOLVED) {
    next.set_outcome(outcome);
    SetTimestamp(next.mutable_resolved_at(), now_us);
  } else {
    SetTimestamp(next.mutable_closed_at(), now_us);
  }
  SetTimestamp(next.mutable_updated_at(), now_us);
  OnLifecycleChange(&next, nullptr, now_us);
  v1::IncidentEvent e;
  e.set_incident_id(current.id());
  e.set_hall_id(current.hall_id());
  e.set_kind(status == v1::INCIDENT_STATUS_RESOLVED ? v1::EVENT_KIND_RESOLVED
                                                    : v1::EVENT_KIND_CLOSED);
  e.set_actor_id(kSystemActorId);
  e.set_actor_name(kSystemActorName);
  SetTimestamp(e.mutable_at(), now_us);
  e.set_drill(current.drill());
  e.set_note(note);
  *e.mutable_incident() = std::move(next);
  return e;
}

bool Unresolved(const v1::Incident& i) {
  return i.status() == v1::INCIDENT_STATUS_REPORTED ||
         i.status() == v1::INCIDENT_STATUS_ACKNOWLEDGED;
}

}  // namespace

Result<Events> KioskBack(const v1::Incident& current, int64_t now_us) {
  if (!Unresolved(current))
    return Error::FailedPrecondition("the incident is " + StatusName(current.status()));
  return Events{SystemTransition(current, v1::INCIDENT_STATUS_RESOLVED, v1::OUTCOME_NO_ACTION,
                                 "报警终端已恢复在线 / the kiosk is back online", now_us)};
}

Result<Events> DrillWoundDown(const v1::Incident& current, int64_t now_us) {
  if (!current.drill())
    return Error::FailedPrecondition("incident " + current.id() + " is not a drill incident");
  if (!Unresolved(current) && current.status() != v1::INCIDENT_STATUS_RESOLVED)
    return Error::FailedPrecondition("the incident is " + StatusName(current.status()));
  const std::string note = "演练已结束，系统收尾 / the drill is over; closed by the system";
  Events out;
  if (Unresolved(current)) {
    out.push_back(SystemTransition(current, v1::INCIDENT_STATUS_RESOLVED, v1::OUTCOME_NO_ACTION,
                                   note, now_us));
  }
  const v1::Incident& resolved = out.empty() ? current : out.back().incident();
  out.push_back(
      SystemTransition(resolved, v1::INCIDENT_STATUS_CLOSED, v1::OUTCOME_NO_ACTION, note, now_us));
  return out;
}

const v1::EscalationPolicy& EmptyPolicy() {
  static const v1::EscalationPolicy empty;
  return empty;
}

Result<Events> ApplyCommand(const v1::Incident& current, Command cmd, const Principal& actor,
                            const ChangeInput& in, int64_t now_us) {
  if (cmd.action == Action::kAcknowledge) {
    return ApplyChain(current, ChainAction::kAcknowledge, cmd.note, actor, in.chain, now_us);
  }
  if (cmd.action == Action::kRecategorize) {
    if (cmd.category == current.category()) {
      return Error::FailedPrecondition("the incident is already in category '" + cmd.category +
                                       "'");
    }
    if (in.plan)
      cmd.checklist = Instantiate(*in.plan, in.playbook, ToMicros(current.reported_at()));
    if (cmd.severity == v1::SEVERITY_UNSPECIFIED) {
      cmd.severity = in.playbook || in.category ? DefaultSeverity(in.playbook, in.category)
                                                : current.severity();
    }
  }
  if (cmd.action == Action::kClose && current.status() == v1::INCIDENT_STATUS_RESOLVED) {
    // The plan's close-out duties come first (善后: 东莞 B.4, 湖南 7).
    const v1::CloseOut* close_out =
        in.plan && in.playbook ? &CloseOutOf(*in.plan, *in.playbook) : nullptr;
    auto blockers = CloseOutBlockers(current, close_out);
    if (!blockers.empty()) {
      std::string why = "the incident cannot close yet: ";
      for (size_t i = 0; i < blockers.size(); ++i) why += (i ? "; " : "") + blockers[i];
      return Error::FailedPrecondition(why);
    }
  }
  cmd.playbook = in.playbook;
  if (cmd.action == Action::kUpdateMetric && in.playbook && !GradesBy(*in.playbook, cmd.metric)) {
    return Error::FailedPrecondition("the " + current.category() + " playbook of plan " +
                                     current.plan_id() + " does not grade by " + cmd.metric);
  }
  v1::Incident next;
  v1::IncidentEvent event;
  if (auto s = Apply(current, cmd, actor, now_us, &next, &event)) return *s;
  if (cmd.action == Action::kResolve && in.playbook && GradesBy(*in.playbook, "outage_minutes")) {
    // Graded by duration (湖南 6.3.1.2): the outage lasted until now.
    auto& m = (*next.mutable_metrics())["outage_minutes"];
    m = std::max(m, OutageMinutes(current, now_us));
    Regrade(&next, *in.playbook);
  }
  if (cmd.action == Action::kRecategorize && !next.escalation().acknowledged() &&
      next.status() == v1::INCIDENT_STATUS_REPORTED) {
    // Not yet taken: the chain starts again under the new category's policy.
    next.clear_escalation();
  }
  OnLifecycleChange(&next, &in.chain, now_us);
  *event.mutable_incident() = next;
  return Events{std::move(event)};
}

Result<Events> RecordContact(const v1::Incident& current, const std::string& step_id,
                             v1::ContactRecord record, const Principal& actor, int64_t now_us) {
  if (current.status() == v1::INCIDENT_STATUS_CLOSED ||
      current.status() == v1::INCIDENT_STATUS_WITHDRAWN) {
    return Error::FailedPrecondition("the incident is " + StatusName(current.status()) +
                                     "; reopen it to record a contact");
  }
  const v1::ChecklistItem* step = nullptr;
  for (const auto& it : current.checklist()) {
    if (it.step_id() == step_id) step = &it;
  }
  if (!step) return Error::NotFound("no step '" + step_id + "' on this incident's checklist");
  if (step->contact_party().empty()) {
    return Error::FailedPrecondition("step '" + step_id +
                                     "' does not contact an outside party; check it off instead");
  }
  record.set_party(step->contact_party());
  record.set_by(actor.id);
  record.set_by_name(actor.display_name);
  SetTimestamp(record.mutable_at(), now_us);
  record.set_simulated(current.drill());
  v1::Incident next = current;
  std::string note =
      record.number() + (record.reference().empty() ? "" : " #" + record.reference());
  if (!record.note().empty()) note += " " + record.note();
  if (auto s = MarkStep(&next, step_id, true, actor, now_us, note)) return *s;
  for (auto& it : *next.mutable_checklist()) {
    if (it.step_id() == step_id) *it.mutable_contact() = record;
  }
  SetTimestamp(next.mutable_updated_at(), now_us);
  v1::IncidentEvent e;
  e.set_incident_id(current.id());
  e.set_hall_id(current.hall_id());
  e.set_kind(v1::EVENT_KIND_CONTACT_RECORDED);
  e.set_actor_id(actor.id);
  e.set_actor_name(actor.display_name);
  SetTimestamp(e.mutable_at(), now_us);
  e.set_drill(current.drill());
  e.set_step_id(step_id);
  e.set_citation(step->citation());
  *e.mutable_contact() = record;
  e.set_note(note);
  *e.mutable_incident() = next;
  return Events{std::move(e)};
}

Result<Events> SetGrade(const v1::Incident& current, const std::string& grade,
                        const std::string& reason, const Principal& actor, const ChangeInput& in,
                        int64_t now_us) {
  if (current.status() != v1::INCIDENT_STATUS_REPORTED &&
      current.status() != v1::INCIDENT_STATUS_ACKNOWLEDGED &&
      current.status() != v1::INCIDENT_STATUS_RESOLVED) {
    return Error::FailedPrecondition("cannot grade an incident that is " +
                                     StatusName(current.status()));
  }
  const v1::GradingRule* rule = nullptr;
  std::string known;
  if (in.playbook) {
    for (const auto& g : in.playbook->grading()) {
      if (g.grade() == grade && !rule) rule = &g;
      if (known.find("'" + g.grade() + "'") == std::string::npos)
        known += (known.empty() ? "" : ", ") + ("'" + g.grade() + "'");
    }
  }
  if (!rule) {
    return Error::InvalidArgument(known.empty() ? "this incident's playbook has no grades"
                                                : "grade must be one of the playbook's: " + known);
  }
  if (grade == current.grade())
    return Error::FailedPrecondition("the incident is already grade " + grade);
  v1::Incident next = current;
  next.set_grade(grade);
  v1::Severity before_severity = next.severity();
  if (rule->severity() > next.severity()) next.set_severity(rule->severity());
  ApplyGradeConditions(&next);
  SetTimestamp(next.mutable_updated_at(), now_us);
  v1::IncidentEvent e;
  e.set_incident_id(current.id());
  e.set_hall_id(current.hall_id());
  e.set_kind(v1::EVENT_KIND_REGRADED);
  e.set_actor_id(actor.id);
  e.set_actor_name(actor.display_name);
  SetTimestamp(e.mutable_at(), now_us);
  e.set_drill(current.drill());
  e.set_from_grade(current.grade());
  e.set_to_grade(grade);
  e.set_citation(rule->citation());
  e.set_note(reason);
  *e.mutable_incident() = next;
  Events out{e};
  // A graver grade may send the incident to a higher stage at once.
  if (next.severity() > before_severity) {
    for (auto& ev : EscalateOnRegrade(next, in.chain, rule->citation(), now_us))
      out.push_back(std::move(ev));
  }
  return out;
}

}  // namespace hall::domain
