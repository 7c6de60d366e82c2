// `hallctl demo-history [--days N]`: a believable past for the demo halls,
// so the dashboard and the period reports have something to show — over
// the last N days (default 60), each hall's incidents of the kinds its plan
// names, reported during opening hours, acknowledged after a few minutes
// (now and then late), their checklist worked (some steps late, a few
// skipped), resolved, and a few left with an improvement follow-up open.
// Every change goes through the domain's own decisions (PlanRaise,
// ApplyCommand, UpsertFollowUp) and the log's one append path, at the
// past time it happened; nothing is written around them. Deterministic
// per hall; safe to run again (each incident's request id is fixed, so a
// second run writes nothing new).
#include <iostream>
#include <random>

#include "domain/checklist.h"
#include "domain/close_out.h"
#include "domain/credentials.h"
#include "domain/incident_change.h"
#include "domain/raise.h"
#include "hallctl/common.h"
#include "store/directory_store.h"
#include "store/event_appender.h"
#include "store/log_sql.h"

namespace hall::hallctl {
namespace {

constexpr int64_t kMinute = 60LL * 1'000'000;
constexpr int64_t kDay = 24 * 60 * kMinute;

// The categories a demo hall sees most, in a rough order of frequency.
constexpr const char* kCategories[] = {
    "crowding",     "equipment_fault", "conflict", "service_complaint", "medical_emergency",
    "power_outage", "network_outage",  "fire",     "suspicious_object"};

// Writes one incident's whole past: raised at `at`, then worked.
bool WriteIncident(store::PgConnection& c, const v1::Hall& hall, const domain::Principal& duty,
                   const std::string& category, const std::string& location_id, int n, int64_t at) {
  // Its own generator, so the halls' calendars draw the same on every run.
  std::mt19937 rng(static_cast<uint32_t>(std::hash<std::string>{}(hall.id()) + n));
  const auto& set = Plans();
  const v1::Category* cat = set.taxonomy().Find(category);
  const v1::Plan* plan = set.FindPlan(hall.plan_id());
  if (!cat || !plan) return false;
  const v1::Playbook* playbook = set.FindPlaybook(hall.plan_id(), category);
  v1::RaiseIncidentRequest req;
  req.set_request_id("demo-history-" + hall.id() + "-" + std::to_string(n));
  req.set_category(category);
  req.set_location_id(location_id);
  domain::RaiseInput ri;
  ri.incident_id = domain::NewTimeOrderedUuid(at);
  ri.request = &req;
  ri.reporter = duty;
  ri.hall_id = hall.id();
  ri.location_id = location_id;
  ri.category = cat;
  ri.plan_id = hall.plan_id();
  ri.plan = plan;
  ri.playbook = playbook;
  ri.playbook_version = set.version();
  ri.now_us = at;
  domain::RaisePlan raise = domain::PlanRaise(ri);

  domain::ChangeInput in;
  in.plan = plan;
  in.playbook = playbook;
  in.chain.playbook = playbook;
  in.chain.policy = &domain::PolicyFor(*plan, playbook, &in.chain.from_playbook);
  domain::HallPeople nobody;
  in.chain.hall = &nobody;

  std::uniform_int_distribution<int> pct(0, 99);
  store::Transaction tx(c);
  tx.Exec(store::kLockLog);
  store::AppendContext raise_ctx(c, at);
  if (!raise_ctx.Insert(&raise)) return false;  // written by an earlier run
  v1::Incident inc = raise.incident;
  auto apply = [&](domain::Command cmd, int64_t when) {
    auto events = domain::ApplyCommand(inc, std::move(cmd), duty, in, when);
    if (!events.ok()) return false;
    store::AppendContext ctx(c, when);
    for (auto& e : events.value()) {
      ctx.Append(&e);
      inc = e.incident();
    }
    return true;
  };
  // Acknowledged within the chain's first time-out mostly; now and then late.
  int64_t t = at + (pct(rng) < 15 ? 6 + pct(rng) % 10 : 1 + pct(rng) % 4) * kMinute;
  if (!apply({domain::Action::kAcknowledge}, t)) return false;
  // The checklist in order: most steps on time, some late, a few skipped.
  std::vector<v1::ChecklistItem> steps(inc.checklist().begin(), inc.checklist().end());
  for (const auto& step : steps) {
    if (step.not_applicable()) continue;
    const int64_t due = step.has_due_at() ? domain::ToMicros(step.due_at()) : t + 10 * kMinute;
    const int roll = pct(rng);
    if (!step.mandatory() && roll < 30) {
      domain::Command skip{domain::Action::kSkipStep};
      skip.step_id = step.step_id();
      skip.note = "现场无需此项";
      apply(skip, t + kMinute);
      continue;
    }
    int64_t done = roll < 12 ? due + (3 + pct(rng) % 20) * kMinute
                             : std::max(t + kMinute, due - (1 + pct(rng) % 5) * kMinute);
    if (!step.contact_party().empty()) {
      // An outside party (110, 供电 …) is called and the call recorded.
      v1::ContactRecord record;
      record.set_number(step.contact_party() == "police" ? "110" : "0000-12345");
      record.set_method(v1::CONTACT_METHOD_PHONE);
      auto events = domain::RecordContact(inc, step.step_id(), record, duty, done);
      if (!events.ok()) continue;
      store::AppendContext ctx(c, done);
      for (auto& e : events.value()) {
        ctx.Append(&e);
        inc = e.incident();
      }
      t = std::max(t, done);
      continue;
    }
    domain::Command complete{domain::Action::kCompleteStep};
    complete.step_id = step.step_id();
    if (apply(complete, done)) t = std::max(t, done);
  }
  // Resolved within a few hours.
  domain::Command resolve{domain::Action::kResolve};
  resolve.outcome = v1::OUTCOME_HANDLED;
  resolve.note = "已处置完毕，大厅秩序恢复正常";
  t += (10 + pct(rng) % 170) * kMinute;
  apply(resolve, t);
  auto append = [&](Result<domain::Events> events, int64_t when) {
    if (!events.ok()) return false;
    store::AppendContext ctx(c, when);
    for (auto& e : events.value()) {
      ctx.Append(&e);
      inc = e.incident();
    }
    return true;
  };
  // Some leave an improvement to follow up.
  if (pct(rng) < 20) {
    v1::FollowUp f;
    f.set_text(category == "crowding" ? "高峰时段增开两个综合受理窗口" : "完善设备日常巡检记录");
    f.set_owner("大厅负责人");
    domain::SetTimestamp(f.mutable_due_at(), t + 30 * kDay);
    append(domain::UpsertFollowUp(inc, f, duty, t + kMinute), t + kMinute);
  }
  // The close-out its plan requires (summary, filings), then closed — as a
  // hall would have done within the day.
  const v1::CloseOut& close_out =
      playbook ? domain::CloseOutOf(*plan, *playbook) : plan->default_close_out();
  t += (30 + pct(rng) % 120) * kMinute;
  if (close_out.summary_required()) {
    v1::AfterActionSummary summary;
    summary.set_cause(category == "crowding" ? "办事高峰叫号积压" : "现场突发情况");
    summary.set_course("值班员确认后按预案处置，相关人员到场，处置完毕");
    summary.set_went_well("响应及时，分工明确");
    summary.set_improvements("加强高峰时段巡查与预警");
    append(domain::RecordSummary(inc, summary, duty, t), t);
    for (const auto& body : close_out.report_to()) {
      v1::FilingRecord filing;
      filing.set_body(body);
      filing.set_method(v1::CONTACT_METHOD_MESSAGE);
      append(domain::RecordFiling(inc, filing, duty, t + kMinute), t + kMinute);
    }
  }
  domain::Command close{domain::Action::kClose};
  close.note = "善后完毕，归档";
  apply(close, t + 2 * kMinute);
  tx.Exec(store::kNotifyLog);
  tx.Commit();
  return true;
}

}  // namespace

int DemoHistory(store::PgConnection& c, int days, int64_t now_us) {
  int written = 0;
  for (const v1::Hall& hall : store::ListHalls(c, {true, {}})) {
    // The hall's duty officer writes its past (the first one on record).
    std::optional<v1::Person> duty;
    for (const auto& p : store::ListPeople(c, {true, {}}, hall.id())) {
      if (p.role() == v1::ROLE_DUTY_OFFICER) {
        duty = p;
        break;
      }
    }
    if (!duty) continue;
    const domain::Principal who = store::PrincipalOf(*duty);
    // The hall's ground-floor places (where the public is).
    std::vector<std::string> places;
    for (const auto& l : store::ListLocations(c, hall.id()))
      if (l.floor() <= 1) places.push_back(l.id());
    std::mt19937 rng(static_cast<uint32_t>(std::hash<std::string>{}(hall.id())));
    std::uniform_int_distribution<int> pct(0, 99);
    int n = 0;
    for (int d = days; d >= 1; --d) {
      // A quiet hall most days; busier on Mondays (the week's first rush).
      const int64_t day_start = (now_us / kDay - d) * kDay - 8 * 60 * kMinute;  // 00:00 +08:00
      const bool monday = ((now_us / kDay - d) + 3) % 7 == 0;  // 1970-01-01 was a Thursday
      const int today = pct(rng) < (monday ? 60 : 25) ? 1 + pct(rng) % 2 : 0;
      for (int i = 0; i < today; ++i) {
        // Opening hours, 08:30 to 17:30.
        const int64_t at = day_start + 8 * 60 * kMinute + 30 * kMinute +
                           static_cast<int64_t>(pct(rng)) * 9 * 60 * kMinute / 100;
        const char* category = kCategories[std::min<int>(pct(rng) / 12, 8)];
        const std::string place = places.empty() ? "" : places[pct(rng) % places.size()];
        if (WriteIncident(c, hall, who, category, place, n++, at)) ++written;
      }
    }
  }
  std::cout << "demo history: " << written << " past incidents written over " << days << " days\n";
  return 0;
}

}  // namespace hall::hallctl
