#include "domain/escalation.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "domain/checklist.h"
#include "domain/incident_state.h"
#include "domain/raise.h"

namespace hall::domain {
namespace {

bool IsOpen(const v1::Incident& inc) {
  return inc.status() == v1::INCIDENT_STATUS_REPORTED ||
         inc.status() == v1::INCIDENT_STATUS_ACKNOWLEDGED;
}

bool Due(const google::protobuf::Timestamp& ts, int64_t now_us) {
  return ts.seconds() != 0 || ts.nanos() != 0 ? ToMicros(ts) <= now_us : false;
}

bool Has(const google::protobuf::Timestamp& ts) { return ts.seconds() != 0 || ts.nanos() != 0; }

int StageOfTier(const v1::EscalationPolicy& p, const std::string& tier) {
  for (int i = 0; i < p.tiers_size(); ++i) {
    if (p.tiers(i).tier() == tier) return i;
  }
  return -1;
}

// The stage `immediate_at` sends a grave incident to, or -1.
int ImmediateStage(const v1::EscalationPolicy& p, v1::Severity severity) {
  if (p.immediate_at() == v1::SEVERITY_UNSPECIFIED || severity < p.immediate_at()) return -1;
  return StageOfTier(p, p.immediate_tier());
}

v1::IncidentEvent SystemEvent(const v1::Incident& inc, v1::EventKind kind, int64_t now_us) {
  v1::IncidentEvent e;
  e.set_incident_id(inc.id());
  e.set_hall_id(inc.hall_id());
  e.set_kind(kind);
  e.set_actor_id(kSystemActorId);
  e.set_actor_name(kSystemActorName);
  SetTimestamp(e.mutable_at(), now_us);
  e.set_drill(inc.drill());
  return e;
}

v1::IncidentEvent PersonEvent(const v1::Incident& inc, v1::EventKind kind, const Principal& who,
                              int64_t now_us) {
  v1::IncidentEvent e = SystemEvent(inc, kind, now_us);
  e.set_actor_id(who.id);
  e.set_actor_name(who.display_name);
  return e;
}

// Closes an event: stamps the incident's state after it.
void Emit(v1::Incident* inc, v1::IncidentEvent e, int64_t now_us,
          std::vector<v1::IncidentEvent>* out) {
  SetTimestamp(inc->mutable_updated_at(), now_us);
  *e.mutable_incident() = *inc;
  out->push_back(std::move(e));
}

// Adds a required contact step for each outside party the stage names,
// unless the checklist already has a step for that party.
void AddContactSteps(v1::Incident* inc, const v1::EscalationTier& stage) {
  for (const auto& party : stage.contact_parties()) {
    bool present = false;
    for (const auto& it : inc->checklist()) present = present || it.contact_party() == party;
    if (present) continue;
    v1::ChecklistItem it;
    it.set_step_id("contact_" + party);
    it.set_text_zh("按上报链要求联系该外部单位，并记录拨打号码、联系方式和回执号。");
    it.set_text_en(
        "Contact this outside party as the escalation chain requires, and record the number, "
        "how, and any reference number.");
    it.set_responsible("first_responder");
    it.set_mandatory(true);
    it.set_contact_party(party);
    it.set_citation(stage.citation());
    it.set_state(v1::STEP_STATE_PENDING);
    it.set_added_by("escalation");
    *inc->add_checklist() = std::move(it);
  }
}

// Alerts `stage` of the policy: records who it went to, whether anyone can
// receive it, the contact steps it asks for, and the next time-out.
v1::AlertRecord AlertStage(v1::Incident* inc, const ChainInput& in, int stage,
                           const std::string& reason, const std::string& citation, int64_t now_us) {
  const v1::EscalationPolicy& p = *in.policy;
  const v1::EscalationTier& t = p.tiers(stage);
  v1::AlertRecord a;
  a.set_stage(stage);
  a.set_reason(reason);
  a.set_citation(citation.empty() ? t.citation() : citation);
  SetTimestamp(a.mutable_at(), now_us);
  std::vector<std::string> acting = {t.tier()};
  for (const auto& w : t.with_tiers()) acting.push_back(w);
  bool reachable = false;
  std::set<std::string> seen;
  auto add_people = [&](const std::string& tier, bool notify_only_tier) {
    auto people = ResolveTier(*in.hall, tier);
    if (people.empty() && !notify_only_tier) a.add_empty_tiers(tier);
    for (auto& person : people) {
      if (!seen.insert(person.person_id()).second) continue;
      if (notify_only_tier) person.set_notify_only(true);
      if (person.online() && !person.notify_only()) reachable = true;
      *a.add_people() = std::move(person);
    }
    // Drills never reach a real notifier, so one cannot make them reachable.
    if (!notify_only_tier && !inc->drill() && NotifierCovers(*in.hall, tier)) reachable = true;
  };
  for (const auto& tier : acting) {
    a.add_tiers(tier);
    add_people(tier, false);
  }
  for (const auto& tier : t.notify_only()) add_people(tier, true);
  if (!inc->drill()) {
    int deliveries = 0;
    for (const auto& tiers : in.hall->notifier_tiers) {
      bool covers = tiers.empty();
      for (const auto& tier : acting)
        covers = covers || std::find(tiers.begin(), tiers.end(), tier) != tiers.end();
      deliveries += covers ? 1 : 0;
    }
    a.set_webhook_deliveries(deliveries);
  }
  for (const auto& party : t.contact_parties()) a.add_contact_parties(party);
  a.set_unreachable(!reachable);
  AddContactSteps(inc, t);

  v1::EscalationState* es = inc->mutable_escalation();
  es->set_started(true);
  es->set_stage(std::max(es->stage(), stage));
  es->set_stages(p.tiers_size());
  es->set_acknowledged(false);
  es->clear_acknowledged_by();
  es->clear_acknowledged_by_name();
  es->clear_acknowledged_at();
  es->set_setup_version(in.hall->setup_version);
  es->set_policy_citation(p.citation());
  es->set_policy_from_playbook(in.from_playbook);
  int at = es->stage();
  if (at + 1 < p.tiers_size() && p.tiers(at).ack_timeout_seconds() > 0) {
    SetTimestamp(es->mutable_next_at(),
                 now_us + int64_t{p.tiers(at).ack_timeout_seconds()} * 1'000'000);
  } else {
    es->clear_next_at();
  }
  *es->add_alerts() = a;
  return a;
}

// One ESCALATED event for `stage`, then — while a stage nobody can receive
// has a stage after it — the next ones at once.
void EscalateTo(v1::Incident* inc, const ChainInput& in, int stage, const std::string& reason,
                const std::string& citation, const std::string& note, const Principal* actor,
                int64_t now_us, std::vector<v1::IncidentEvent>* out) {
  const int stages = in.policy->tiers_size();
  std::string why = reason;
  std::string cite = citation;
  for (int s = stage; s < stages; ++s) {
    v1::AlertRecord a = AlertStage(inc, in, s, why, cite, now_us);
    v1::IncidentEvent e = actor && s == stage
                              ? PersonEvent(*inc, v1::EVENT_KIND_ESCALATED, *actor, now_us)
                              : SystemEvent(*inc, v1::EVENT_KIND_ESCALATED, now_us);
    *e.mutable_alert() = a;
    e.set_citation(a.citation());
    if (s == stage) e.set_note(note);
    Emit(inc, std::move(e), now_us, out);
    if (!a.unreachable()) return;
    why = "unreachable";
    cite = in.policy->tiers(s).citation();
  }
}

// Starts the chain just after the raise.
void StartChain(v1::Incident* inc, const ChainInput& in, int64_t now_us,
                std::vector<v1::IncidentEvent>* out) {
  const v1::EscalationPolicy& p = *in.policy;
  v1::EscalationState* es = inc->mutable_escalation();
  es->set_stages(p.tiers_size());
  es->set_policy_citation(p.citation());
  es->set_policy_from_playbook(in.from_playbook);
  es->set_setup_version(in.hall->setup_version);
  if (!in.hall->planned_outage_id.empty()) {
    // 嘉祥 四(一)2: an announced planned outage is recorded, not escalated.
    es->set_started(true);
    inc->set_planned_outage_id(in.hall->planned_outage_id);
    v1::IncidentEvent e = SystemEvent(*inc, v1::EVENT_KIND_PLANNED, now_us);
    e.set_note("计划内停止服务（已公告）：记录在案，不上报");
    Emit(inc, std::move(e), now_us, out);
    return;
  }
  if (p.tiers_size() == 0) {
    es->set_started(true);
    v1::IncidentEvent e = SystemEvent(*inc, v1::EVENT_KIND_ESCALATED, now_us);
    e.set_note("本预案未设上报链");
    Emit(inc, std::move(e), now_us, out);
    return;
  }
  EscalateTo(inc, in, 0, "start", "", "", nullptr, now_us, out);
  int grave = ImmediateStage(p, inc->severity());
  if (grave > inc->escalation().stage()) {
    EscalateTo(inc, in, grave, "immediate", p.citation(), "", nullptr, now_us, out);
  }
}

// The next outage-length boundary at which the grade may change, or 0.
int64_t NextRegradeAt(const v1::Incident& inc, const v1::Playbook* pb) {
  if (!pb || !GradesBy(*pb, "outage_minutes")) return 0;
  auto it = inc.metrics().find("outage_minutes");
  int64_t minutes = it == inc.metrics().end() ? 0 : it->second;
  int64_t best = -1;
  for (const auto& g : pb->grading()) {
    if (g.metric() != "outage_minutes") continue;
    for (int64_t b : {g.has_above() ? g.above() : -1, g.has_at_most() ? g.at_most() : -1}) {
      if (b >= minutes && (best < 0 || b < best)) best = b;
    }
  }
  if (best < 0) return 0;
  // Graded as lasting b+1 minutes once b minutes and a moment have passed.
  return ToMicros(inc.reported_at()) + best * 60'000'000 + 1;
}

void ArmRegrade(v1::Incident* inc, const v1::Playbook* pb) {
  int64_t at = IsOpen(*inc) ? NextRegradeAt(*inc, pb) : 0;
  if (at) {
    SetTimestamp(inc->mutable_escalation()->mutable_next_regrade_at(), at);
  } else {
    inc->mutable_escalation()->clear_next_regrade_at();
  }
}

void ArmUnresolved(v1::Incident* inc, const v1::EscalationPolicy& p, int64_t from_us) {
  v1::EscalationState* es = inc->mutable_escalation();
  es->set_reminded(false);
  if (p.unresolved_remind_seconds() > 0) {
    SetTimestamp(es->mutable_remind_at(),
                 from_us + int64_t{p.unresolved_remind_seconds()} * 1'000'000);
  } else {
    es->clear_remind_at();
  }
  if (p.unresolved_escalate_seconds() > 0) {
    SetTimestamp(es->mutable_unresolved_escalate_at(),
                 from_us + int64_t{p.unresolved_escalate_seconds()} * 1'000'000);
  } else {
    es->clear_unresolved_escalate_at();
  }
}

void StopChain(v1::Incident* inc) {
  v1::EscalationState* es = inc->mutable_escalation();
  es->clear_next_at();
  es->clear_remind_at();
  es->clear_unresolved_escalate_at();
  es->clear_next_regrade_at();
}

v1::ChecklistItem* FindStep(v1::Incident* inc, const std::string& id) {
  for (auto& it : *inc->mutable_checklist()) {
    if (it.step_id() == id) return &it;
  }
  return nullptr;
}

// The person to remind of an acknowledged, unresolved incident: its
// assignee, else whoever acknowledged it.
v1::AlertedPerson Owner(const v1::Incident& inc, const HallPeople& hall) {
  v1::AlertedPerson p;
  if (!inc.assignee_id().empty()) {
    p.set_person_id(inc.assignee_id());
    p.set_name(inc.assignee_name());
  } else {
    p.set_person_id(inc.acknowledged_by());
    p.set_name(inc.acknowledged_by_name());
  }
  p.set_tier("first_responder");
  p.set_online(hall.online.count(p.person_id()) > 0);
  return p;
}

}  // namespace

std::vector<Timer> TimersOf(const v1::Incident& inc) {
  std::vector<Timer> out;
  if (inc.status() == v1::INCIDENT_STATUS_CLOSED || inc.status() == v1::INCIDENT_STATUS_WITHDRAWN ||
      inc.status() == v1::INCIDENT_STATUS_UNSPECIFIED) {
    return out;
  }
  const v1::EscalationState& es = inc.escalation();
  bool open = IsOpen(inc);
  bool acked = inc.status() == v1::INCIDENT_STATUS_ACKNOWLEDGED;
  if (open && !es.started()) out.push_back({kTimerStart, "", ToMicros(inc.reported_at())});
  if (open && Has(es.next_at())) out.push_back({kTimerEscalate, "", ToMicros(es.next_at())});
  if (acked && Has(es.remind_at()) && !es.reminded()) {
    out.push_back({kTimerRemind, "", ToMicros(es.remind_at())});
  }
  if (acked && Has(es.unresolved_escalate_at())) {
    out.push_back({kTimerUnresolved, "", ToMicros(es.unresolved_escalate_at())});
  }
  if (open && Has(es.next_regrade_at()))
    out.push_back({kTimerRegrade, "", ToMicros(es.next_regrade_at())});
  for (const auto& it : inc.checklist()) {
    if (it.state() == v1::STEP_STATE_PENDING && !it.not_applicable() && !it.overdue() &&
        Has(it.due_at())) {
      out.push_back({kTimerStepDue, it.step_id(), ToMicros(it.due_at())});
    }
  }
  return out;
}

int64_t EarliestTimerAfter(const std::vector<const v1::IncidentEvent*>& events,
                           int64_t start_grace_us) {
  std::unordered_map<std::string_view, const v1::Incident*> latest;
  for (const v1::IncidentEvent* e : events) {
    if (e->has_incident()) latest[e->incident().id()] = &e->incident();
  }
  int64_t earliest = 0;
  for (const auto& [id, incident] : latest) {
    for (const Timer& t : TimersOf(*incident)) {
      const int64_t due = t.kind == kTimerStart ? t.due_us + start_grace_us : t.due_us;
      if (earliest == 0 || due < earliest) earliest = due;
    }
  }
  return earliest;
}

std::vector<v1::AlertedPerson> ResolveTier(const HallPeople& hall, const std::string& tier) {
  std::vector<v1::AlertedPerson> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& id, const std::string& name, const std::string& phone,
                 const std::string& as_tier, const std::string& position, bool notify_only) {
    if (id.empty() || !seen.insert(id).second) return;
    v1::AlertedPerson p;
    p.set_person_id(id);
    p.set_name(name);
    p.set_phone(phone);
    p.set_tier(as_tier);
    p.set_position(position);
    p.set_notify_only(notify_only);
    p.set_online(hall.online.count(id) > 0);
    out.push_back(std::move(p));
  };
  auto members = [&](const std::string& t) {
    for (const auto& m : hall.members) {
      if (m.tier != t) continue;
      if (t == "zone_leader" && (hall.zone.empty() || std::find(m.zones.begin(), m.zones.end(),
                                                                hall.zone) == m.zones.end())) {
        continue;
      }
      add(m.person_id, m.name, m.phone, tier, m.position_title, m.notify_only);
    }
  };
  if (tier == "first_responder" || tier == "duty_officer") {
    for (const auto& d : hall.on_duty) add(d.person_id, d.name, d.phone, tier, "", false);
  }
  if (tier == "first_responder") {
    members("first_responder");
    members("hall_head");  // 东莞 B.2.1: 政务服务大厅负责人或值班人员为第一处置人
  } else if (tier != "duty_officer") {
    members(tier);
  }
  return out;
}

bool NotifierCovers(const HallPeople& hall, const std::string& tier) {
  for (const auto& tiers : hall.notifier_tiers) {
    if (tiers.empty() || std::find(tiers.begin(), tiers.end(), tier) != tiers.end()) return true;
  }
  return false;
}

const v1::EscalationPolicy& PolicyFor(const v1::Plan& plan, const v1::Playbook* playbook,
                                      bool* from_playbook) {
  bool own = playbook && playbook->has_escalation() && playbook->escalation().tiers_size() > 0;
  if (from_playbook) *from_playbook = own;
  return own ? playbook->escalation() : plan.default_escalation();
}

std::vector<v1::IncidentEvent> FireDue(const v1::Incident& current, const std::vector<Timer>& due,
                                       const ChainInput& in, int64_t now_us) {
  std::vector<v1::IncidentEvent> out;
  v1::Incident inc = current;
  std::vector<Timer> order = due;
  std::sort(order.begin(), order.end(),
            [](const Timer& a, const Timer& b) { return a.due_us < b.due_us; });
  const v1::EscalationPolicy& p = *in.policy;
  for (const Timer& t : order) {
    if (t.due_us > now_us) continue;
    v1::EscalationState* es = inc.mutable_escalation();
    const bool open = IsOpen(inc);
    if (t.kind == kTimerStart) {
      if (open && !es->started()) StartChain(&inc, in, now_us, &out);
    } else if (t.kind == kTimerEscalate) {
      if (!open || !Due(es->next_at(), now_us)) continue;
      int from = es->stage();
      if (es->acknowledged() || from + 1 >= p.tiers_size() || !inc.planned_outage_id().empty()) {
        // Nothing left to climb (kept only for safety: the state never
        // sets next_at then). Record that the time-out passed.
        es->clear_next_at();
        v1::IncidentEvent e = SystemEvent(inc, v1::EVENT_KIND_NOTE_ADDED, now_us);
        e.set_note("上报时限已过，已在最高一级");
        Emit(&inc, std::move(e), now_us, &out);
        continue;
      }
      const auto& lapsed = p.tiers(from);
      std::string note =
          std::to_string(lapsed.ack_timeout_seconds() / 60) + "分钟内未确认，上报下一级";
      if (lapsed.ack_timeout_seconds() % 60 != 0) {
        note = std::to_string(lapsed.ack_timeout_seconds()) + "秒内未确认，上报下一级";
      }
      EscalateTo(&inc, in, from + 1, "timeout", lapsed.citation(), note, nullptr, now_us, &out);
    } else if (t.kind == kTimerStepDue) {
      v1::ChecklistItem* it = FindStep(&inc, t.key);
      if (!it || it->state() != v1::STEP_STATE_PENDING || it->not_applicable() || it->overdue() ||
          !Due(it->due_at(), now_us)) {
        continue;
      }
      it->set_overdue(true);
      v1::IncidentEvent e = SystemEvent(inc, v1::EVENT_KIND_STEP_OVERDUE, now_us);
      e.set_step_id(it->step_id());
      e.set_citation(it->citation());
      // The step's responsible role is told; a role that is not a tier of
      // the hall's set-up (floor guides, all staff) goes to the first
      // responder, who owns the checklist.
      std::string tier = it->responsible();
      auto people = ResolveTier(*in.hall, tier);
      if (people.empty()) {
        tier = "first_responder";
        people = ResolveTier(*in.hall, tier);
      }
      v1::AlertRecord a;
      a.set_stage(es->stage());
      a.add_tiers(tier);
      for (auto& person : people) *a.add_people() = std::move(person);
      a.set_reason("step_overdue");
      a.set_citation(it->citation());
      SetTimestamp(a.mutable_at(), now_us);
      a.set_unreachable(a.people().empty());
      *e.mutable_alert() = a;
      Emit(&inc, std::move(e), now_us, &out);
    } else if (t.kind == kTimerRegrade) {
      if (!open || !Due(es->next_regrade_at(), now_us) || !in.playbook) continue;
      auto& m = (*inc.mutable_metrics())["outage_minutes"];
      m = std::max(m, OutageMinutes(inc, now_us));
      std::string before = inc.grade();
      v1::Severity before_severity = inc.severity();
      Regrade(&inc, *in.playbook);
      ArmRegrade(&inc, in.playbook);
      const v1::GradingRule* rule = SelectGrade(*in.playbook, inc.metrics());
      v1::IncidentEvent e = SystemEvent(
          inc, before != inc.grade() ? v1::EVENT_KIND_REGRADED : v1::EVENT_KIND_METRIC_UPDATED,
          now_us);
      e.set_from_grade(before);
      e.set_to_grade(inc.grade());
      e.set_citation(rule ? rule->citation() : "");
      e.set_note("outage_minutes = " + std::to_string(m));
      Emit(&inc, std::move(e), now_us, &out);
      // 湖南 6.3.1.2: a fault graver by its length may reach a higher tier.
      int grave = ImmediateStage(p, inc.severity());
      if (inc.severity() > before_severity && es->started() && inc.planned_outage_id().empty() &&
          grave > es->stage()) {
        EscalateTo(&inc, in, grave, "regrade", rule ? rule->citation() : p.citation(), "", nullptr,
                   now_us, &out);
      }
    } else if (t.kind == kTimerRemind) {
      if (inc.status() != v1::INCIDENT_STATUS_ACKNOWLEDGED || es->reminded() ||
          !Due(es->remind_at(), now_us)) {
        continue;
      }
      es->set_reminded(true);
      v1::IncidentEvent e = SystemEvent(inc, v1::EVENT_KIND_REMINDED, now_us);
      v1::AlertRecord a;
      a.set_stage(es->stage());
      a.set_reason("reminder");
      a.set_citation(p.citation());
      SetTimestamp(a.mutable_at(), now_us);
      *a.add_people() = Owner(inc, *in.hall);
      *e.mutable_alert() = a;
      e.set_note(std::to_string(p.unresolved_remind_seconds() / 60) + "分钟仍未处置完毕");
      Emit(&inc, std::move(e), now_us, &out);
    } else if (t.kind == kTimerUnresolved) {
      if (inc.status() != v1::INCIDENT_STATUS_ACKNOWLEDGED ||
          !Due(es->unresolved_escalate_at(), now_us)) {
        continue;
      }
      es->clear_unresolved_escalate_at();
      int next = es->started() ? es->stage() + 1 : 0;
      std::string note =
          std::to_string(p.unresolved_escalate_seconds() / 60) + "分钟仍未处置完毕，上报";
      if (next < p.tiers_size() && inc.planned_outage_id().empty()) {
        EscalateTo(&inc, in, next, "unresolved", p.citation(), note, nullptr, now_us, &out);
      } else {
        v1::IncidentEvent e = SystemEvent(inc, v1::EVENT_KIND_REMINDED, now_us);
        e.set_note(note + "（已在最高一级）");
        v1::AlertRecord a;
        a.set_stage(es->stage());
        a.set_reason("unresolved");
        SetTimestamp(a.mutable_at(), now_us);
        *a.add_people() = Owner(inc, *in.hall);
        *e.mutable_alert() = a;
        Emit(&inc, std::move(e), now_us, &out);
      }
    }
  }
  return out;
}

Result<std::vector<v1::IncidentEvent>> ApplyChain(const v1::Incident& current, ChainAction action,
                                                  const std::string& reason, const Principal& actor,
                                                  const ChainInput& in, int64_t now_us) {
  std::vector<v1::IncidentEvent> out;
  v1::Incident inc = current;
  v1::EscalationState* es = inc.mutable_escalation();
  const v1::EscalationPolicy& p = *in.policy;
  switch (action) {
    case ChainAction::kAcknowledge: {
      if (inc.status() == v1::INCIDENT_STATUS_REPORTED) {
        inc.set_status(v1::INCIDENT_STATUS_ACKNOWLEDGED);
        SetTimestamp(inc.mutable_acknowledged_at(), now_us);
        inc.set_acknowledged_by(actor.id);
        inc.set_acknowledged_by_name(actor.display_name);
        es->set_started(true);  // acknowledged before the chain began: nothing to climb
        es->set_stages(p.tiers_size());
        es->set_acknowledged(true);
        es->set_acknowledged_by(actor.id);
        es->set_acknowledged_by_name(actor.display_name);
        SetTimestamp(es->mutable_acknowledged_at(), now_us);
        es->clear_next_at();
        ArmUnresolved(&inc, p, now_us);
        v1::IncidentEvent e = PersonEvent(inc, v1::EVENT_KIND_ACKNOWLEDGED, actor, now_us);
        e.set_note(reason);
        Emit(&inc, std::move(e), now_us, &out);
        return out;
      }
      if (inc.status() == v1::INCIDENT_STATUS_ACKNOWLEDGED && es->started() &&
          !es->acknowledged()) {
        es->set_acknowledged(true);
        es->set_acknowledged_by(actor.id);
        es->set_acknowledged_by_name(actor.display_name);
        SetTimestamp(es->mutable_acknowledged_at(), now_us);
        es->clear_next_at();
        ArmUnresolved(&inc, p, now_us);
        v1::IncidentEvent e = PersonEvent(inc, v1::EVENT_KIND_ALERT_ACKNOWLEDGED, actor, now_us);
        e.set_note(reason);
        Emit(&inc, std::move(e), now_us, &out);
        return out;
      }
      if (inc.status() == v1::INCIDENT_STATUS_ACKNOWLEDGED) {
        return Error::FailedPrecondition("the incident was already acknowledged by " +
                                         inc.acknowledged_by_name() + "; no alert is waiting");
      }
      return Error::FailedPrecondition(
          "cannot acknowledge an incident that is " + StatusName(inc.status()) +
          "; only a reported incident or a new alert can be acknowledged");
    }
    case ChainAction::kEscalate: {
      if (!IsOpen(inc)) {
        return Error::FailedPrecondition("cannot escalate an incident that is " +
                                         StatusName(inc.status()) + "; reopen it first");
      }
      int next = es->started() ? es->stage() + 1 : 0;
      if (p.tiers_size() == 0 || next >= p.tiers_size()) {
        return Error::FailedPrecondition(
            "the incident is already at the last stage of its chain; outside parties are reached "
            "through the contact steps (a person calls and records it)");
      }
      EscalateTo(&inc, in, next, "manual", p.tiers(next).citation(), reason, &actor, now_us, &out);
      return out;
    }
    case ChainAction::kDeescalate: {
      if (!IsOpen(inc)) {
        return Error::FailedPrecondition("cannot de-escalate an incident that is " +
                                         StatusName(inc.status()));
      }
      if (!es->started() || es->stage() == 0) {
        return Error::FailedPrecondition(
            "the incident is at the first stage of its chain; there is no stage below");
      }
      if (!es->acknowledged()) {
        return Error::FailedPrecondition(
            "acknowledge the alert before handing the incident back down: the stage that took it "
            "hands it back");
      }
      int to = es->stage() - 1;
      v1::AlertRecord a = AlertStage(&inc, in, to, "deescalate", p.tiers(to).citation(), now_us);
      es->set_stage(to);
      // The stage below owns it again and must acknowledge it; its own
      // time-out runs from now.
      if (to + 1 < p.tiers_size() && p.tiers(to).ack_timeout_seconds() > 0) {
        SetTimestamp(es->mutable_next_at(),
                     now_us + int64_t{p.tiers(to).ack_timeout_seconds()} * 1'000'000);
      } else {
        es->clear_next_at();
      }
      v1::IncidentEvent e = PersonEvent(inc, v1::EVENT_KIND_DEESCALATED, actor, now_us);
      *e.mutable_alert() = a;
      e.set_note(reason);
      e.set_citation(a.citation());
      Emit(&inc, std::move(e), now_us, &out);
      return out;
    }
  }
  return Error::Internal("unknown chain action");
}

void OnLifecycleChange(v1::Incident* next, const ChainInput* in, int64_t now_us) {
  switch (next->status()) {
    case v1::INCIDENT_STATUS_RESOLVED:
    case v1::INCIDENT_STATUS_CLOSED:
    case v1::INCIDENT_STATUS_WITHDRAWN:
      StopChain(next);
      return;
    case v1::INCIDENT_STATUS_ACKNOWLEDGED:
      if (in && in->policy) {
        // Reopened, or re-triaged while acknowledged: the unresolved
        // reminders run again from now, grading by length resumes.
        if (!Has(next->escalation().remind_at()) &&
            !Has(next->escalation().unresolved_escalate_at()) && !next->escalation().reminded()) {
          ArmUnresolved(next, *in->policy, now_us);
        }
        next->mutable_escalation()->set_stages(in->policy->tiers_size());
      }
      ArmRegrade(next, in ? in->playbook : nullptr);
      return;
    case v1::INCIDENT_STATUS_REPORTED:
      if (in && in->policy) next->mutable_escalation()->set_stages(in->policy->tiers_size());
      ArmRegrade(next, in ? in->playbook : nullptr);
      return;
    default:
      return;
  }
}

std::vector<v1::IncidentEvent> EscalateOnRegrade(const v1::Incident& current, const ChainInput& in,
                                                 const std::string& citation, int64_t now_us) {
  std::vector<v1::IncidentEvent> out;
  if (!in.hall || !IsOpen(current) || !current.escalation().started() ||
      !current.planned_outage_id().empty()) {
    return out;
  }
  int grave = ImmediateStage(*in.policy, current.severity());
  if (grave <= current.escalation().stage()) return out;
  v1::Incident inc = current;
  EscalateTo(&inc, in, grave, "regrade", citation, "", nullptr, now_us, &out);
  return out;
}

void ArmRegradeOnRaise(v1::Incident* incident, const v1::Playbook* playbook) {
  ArmRegrade(incident, playbook);
}

std::vector<v1::IncidentEvent> DeliveryOutcome(const v1::Incident& current,
                                               const v1::NotificationRecord& record,
                                               const ChainInput& in, int64_t now_us) {
  std::vector<v1::IncidentEvent> out;
  v1::Incident inc = current;
  v1::IncidentEvent e = SystemEvent(inc, v1::EVENT_KIND_NOTIFICATION, now_us);
  *e.mutable_notification() = record;
  Emit(&inc, std::move(e), now_us, &out);
  const v1::EscalationState& es = inc.escalation();
  // A notifier that keeps failing, while nobody of the stage has a desk
  // open, means the alert reached nobody: the chain moves on at once
  // rather than wait out the time-out.
  bool someone_at_a_desk = false;
  for (const auto& a : es.alerts()) {
    if (a.stage() != record.alert_stage()) continue;
    for (const auto& p : a.people()) {
      someone_at_a_desk = someone_at_a_desk ||
                          (!p.notify_only() && in.hall && in.hall->online.count(p.person_id()));
    }
  }
  if (!record.delivered() && !someone_at_a_desk && IsOpen(inc) && es.started() &&
      !es.acknowledged() && record.alert_stage() == es.stage() &&
      es.stage() + 1 < in.policy->tiers_size() && inc.planned_outage_id().empty()) {
    EscalateTo(&inc, in, es.stage() + 1, "delivery_failed", in.policy->tiers(es.stage()).citation(),
               record.error(), nullptr, now_us, &out);
  }
  return out;
}

std::string ReasonText(const std::string& reason) {
  if (reason == "start") return "上报链启动 / chain started";
  if (reason == "timeout") return "超时未确认 / not acknowledged in time";
  if (reason == "immediate") return "重大事件立即上报 / grave: reported at once";
  if (reason == "manual") return "人工上报 / escalated by hand";
  if (reason == "unreachable") return "无人可接收，立即上报 / nobody could receive it";
  if (reason == "regrade") return "定级升高 / grade rose";
  if (reason == "unresolved") return "长时间未处置完毕 / unresolved too long";
  if (reason == "delivery_failed") return "通知发送失败 / notification failed";
  if (reason == "deescalate") return "交回下一级 / handed back down";
  if (reason == "reminder") return "提醒 / reminder";
  if (reason == "step_overdue") return "步骤超时 / step overdue";
  return reason;
}

}  // namespace hall::domain
