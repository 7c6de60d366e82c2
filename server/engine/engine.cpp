#include "engine/engine.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <utility>

#include "domain/credentials.h"
#include "domain/incident_change.h"
#include "domain/incident_state.h"
#include "domain/raise.h"
#include "store/drill_store.h"
#include "store/engine_store.h"
#include "store/hall_setup_store.h"
#include "store/incident_reads.h"

namespace hall::engine {
namespace {

using Steady = std::chrono::steady_clock;

// The chain input for an incident under the set in force.
struct Chain {
  const v1::Plan* plan = nullptr;
  domain::ChainInput in;
};
Chain ChainFor(const playbook::PlaybookSet& set, const v1::Incident& inc) {
  Chain c;
  c.plan = set.FindPlan(inc.plan_id());
  c.in.playbook = c.plan ? set.FindPlaybook(inc.plan_id(), inc.category()) : nullptr;
  c.in.policy = c.plan ? &domain::PolicyFor(*c.plan, c.in.playbook, &c.in.from_playbook)
                       : &domain::EmptyPolicy();
  return c;
}

void LogEvent(const v1::IncidentEvent& e, const char* where) {
  std::string kind = v1::EventKind_Name(e.kind());
  spdlog::info("engine: event kind={} incident={} hall={}{}",
               kind.substr(kind.rfind("EVENT_KIND_", 0) == 0 ? 11 : 0), e.incident_id(),
               e.hall_id(), where);
}

// An incident whose timers fire in the caller's transaction.
struct Firing {
  v1::Incident current;  // its state, read under the log lock
  std::vector<domain::Timer> due;
};

// Fires each incident's due timers through its chain and appends what
// they decide. Reads every chain's people in one round trip and writes
// every event in another, whatever the number of incidents (a batch of
// raises or of due timers spans many halls).
void FireAll(store::AppendContext& ctx, const playbook::PlaybookSet& set,
             const std::vector<Firing>& firings, const char* where) {
  if (firings.empty()) return;
  std::vector<Chain> chains;
  std::vector<const v1::Incident*> incidents;
  std::vector<const v1::Plan*> plans;
  for (const Firing& f : firings) {
    chains.push_back(ChainFor(set, f.current));
    incidents.push_back(&f.current);
    plans.push_back(chains.back().plan);
  }
  auto people = store::LoadChainPeople(ctx.conn(), incidents, plans, ctx.now_micros());
  std::vector<v1::IncidentEvent> events;
  for (size_t i = 0; i < firings.size(); ++i) {
    chains[i].in.hall = &people[i];
    auto decided =
        domain::FireDue(firings[i].current, firings[i].due, chains[i].in, ctx.now_micros());
    if (decided.empty()) {
      spdlog::debug("engine: timers had nothing left to do incident={}", firings[i].current.id());
    }
    for (auto& e : decided) {
      LogEvent(e, where);
      events.push_back(std::move(e));
    }
  }
  ctx.AppendAll(&events);
}

}  // namespace

Engine::Engine(std::string conninfo, store::EventAppender* appender,
               playbook::PlaybookHolder* playbooks, const domain::Clock& clock, Notifier* notifier,
               EngineOptions options)
    : conninfo_(std::move(conninfo)),
      appender_(appender),
      playbooks_(playbooks),
      clock_(clock),
      notifier_(notifier),
      options_(options) {}

Engine::~Engine() { Stop(); }

void Engine::Start() {
  if (options_.start_chains_after_raise) {
    follow_up_set_ = true;
    appender_->SetRaiseFollowUp(
        [this](store::AppendContext& ctx, const std::vector<const v1::Incident*>& raised) {
          StartChains(ctx, raised);
        });
  }
  timer_thread_ = std::thread([this] { TimerLoop(); });
  if (notifier_) delivery_thread_ = std::thread([this] { DeliveryLoop(); });
}

void Engine::Stop() {
  // Once (the destructor stops again, when the appender may be gone);
  // waits for a batch using it.
  if (std::exchange(follow_up_set_, false)) appender_->SetRaiseFollowUp(nullptr);
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  cv_.SignalAll();
  if (timer_thread_.joinable()) timer_thread_.join();
  if (delivery_thread_.joinable()) delivery_thread_.join();
}

void Engine::Poke() {
  {
    MutexLock lock(&mu_);
    poked_ = true;
  }
  cv_.SignalAll();
}

void Engine::OfferDue(int64_t due_us) {
  {
    MutexLock lock(&mu_);
    if (in_pass_) {
      // The pass may have read before this commit: it weighs the offer
      // against the wake it plans when it ends (TimerLoop).
      offered_in_pass_ = std::min(offered_in_pass_, due_us);
      offers_in_pass_ += 1;
      return;
    }
    if (due_us >= planned_wake_) {
      offers_skipped_ += 1;
      return;
    }
    poked_ = true;
  }
  offers_woken_ += 1;
  cv_.SignalAll();
}

int64_t Engine::planned_wake() {
  MutexLock lock(&mu_);
  return planned_wake_;
}

void Engine::PokeDeliveries() {
  {
    MutexLock lock(&mu_);
    delivery_poked_ = true;
  }
  cv_.SignalAll();
}

void Engine::StartChains(store::AppendContext& ctx,
                         const std::vector<const v1::Incident*>& raised) {
  const int64_t now = ctx.now_micros();
  // Each incident as it stands now (the log lock is held, so it cannot
  // change under us): another server's timer loop may have started its
  // chain, or a person acknowledged it, since the raise committed.
  std::vector<std::string> ids;
  for (const v1::Incident* r : raised) ids.push_back(r->id());
  std::vector<Firing> firings;
  for (auto& current : store::LoadIncidents(ctx.conn(), ids, raised)) {
    if (!current) continue;
    Firing f;
    for (auto& t : domain::TimersOf(*current)) {
      if (t.kind == domain::kTimerStart && t.due_us <= now) f.due.push_back(t);
    }
    if (f.due.empty()) continue;
    f.current = std::move(*current);
    firings.push_back(std::move(f));
  }
  FireAll(ctx, *playbooks_->Get(), firings, " (just after its raise)");
  chains_started_after_raise_ += static_cast<int64_t>(firings.size());
}

int Engine::FireDue() {
  const auto started = Steady::now();
  auto fired = std::make_shared<int>(0);
  auto set = playbooks_->Get();
  int limit = options_.fire_batch;
  Status s = appender_->Run([set, limit, fired](store::AppendContext& ctx) -> Status {
    auto due = store::ClaimDueTimers(ctx.conn(), ctx.now_micros(), limit);
    *fired = static_cast<int>(due.size());
    // Group by incident, oldest first.
    std::vector<std::string> order;
    std::map<std::string, std::vector<domain::Timer>> by_incident;
    for (auto& d : due) {
      auto& v = by_incident[d.incident_id];
      if (v.empty()) order.push_back(d.incident_id);
      v.push_back(d.timer);
    }
    std::vector<Firing> firings;
    auto currents = store::LoadIncidents(ctx.conn(), order);
    for (size_t i = 0; i < order.size(); ++i) {
      if (!currents[i]) continue;
      firings.push_back({std::move(*currents[i]), std::move(by_incident[order[i]])});
    }
    FireAll(ctx, *set, firings, "");
    return kOk;
  });
  if (s) {
    spdlog::warn("engine: firing timers failed: {}", s->message);
    return -1;
  }
  timers_fired_ += *fired;
  fire_batches_ += 1;
  fire_busy_us_ +=
      std::chrono::duration_cast<std::chrono::microseconds>(Steady::now() - started).count();
  return *fired;
}

namespace {

// The drill injector (演练注入): the reporter of every incident a drill's
// inject raises. Its request ids are "<drill>:<inject>", so an inject
// raises once whichever server fires it.
domain::Principal DrillInjector() {
  domain::Principal p;
  p.id = "drill";
  p.display_name = "演练注入";
  p.system = true;
  return p;
}

// Fires one due inject of a running drill, in the caller's transaction.
void FireInject(store::AppendContext& ctx, const playbook::PlaybookSet& set,
                const store::DueInject& due) {
  const int64_t now = ctx.now_micros();
  if (due.inject_id.empty()) {  // the run's end
    if (store::FinishDrill(ctx, due.drill_id, v1::DRILL_STATE_ENDED, ""))
      spdlog::info("drill {} ended", due.drill_id);
    return;
  }
  auto stored = store::LoadDrill(ctx.conn(), due.drill_id);
  if (!stored) return;
  const v1::Drill& drill = stored->drill;
  const v1::DrillInject* in = nullptr;
  for (const auto& i : drill.scenario().injects())
    if (i.id() == due.inject_id) in = &i;
  std::string incident_id;
  if (in && (in->kind() == v1::DrillInject::KIND_PRESS ||
             in->kind() == v1::DrillInject::KIND_KIOSK_SILENT)) {
    // A press, or the equipment fault a silent kiosk would raise: a drill
    // incident at the place, through the same raise as any other.
    const bool silent = in->kind() == v1::DrillInject::KIND_KIOSK_SILENT;
    v1::RaiseIncidentRequest req;
    req.set_request_id(due.drill_id + ":" + due.inject_id);
    req.set_category(silent ? "equipment_fault" : in->category());
    req.set_drill(true);
    req.set_summary(!in->summary().empty() ? in->summary()
                                           : std::string("（演练）报警终端离线 / kiosk silent"));
    auto plan_id = store::HallPlanOf(ctx.conn(), drill.hall_id());
    if (plan_id && set.taxonomy().Find(req.category())) {
      domain::RaiseInput ri;
      ri.incident_id = domain::NewTimeOrderedUuid(now);
      ri.request = &req;
      ri.reporter = DrillInjector();
      ri.hall_id = drill.hall_id();
      ri.location_id = store::PlaceOfRole(ctx.conn(), drill.hall_id(), in->place()).value_or("");
      ri.category = set.taxonomy().Find(req.category());
      ri.plan_id = *plan_id;
      ri.plan = set.FindPlan(*plan_id);
      ri.playbook = ri.plan ? set.FindPlaybook(*plan_id, req.category()) : nullptr;
      ri.playbook_version = set.version();
      ri.now_us = now;
      domain::RaisePlan plan = domain::PlanRaise(ri);
      plan.incident.set_drill_id(due.drill_id);
      if (ctx.Insert(&plan)) incident_id = plan.incident.id();
    } else {
      spdlog::warn("drill {}: inject {} has no plan or category here; skipped", due.drill_id,
                   due.inject_id);
    }
  } else if (in && in->kind() == v1::DrillInject::KIND_METRIC) {
    // A grading metric of an earlier inject's incident changes (outage
    // minutes, petitioners …): applied as a person's metric update would be.
    auto target = store::InjectIncident(ctx.conn(), due.drill_id, in->incident());
    auto current = target ? store::LoadIncident(ctx.conn(), *target) : std::nullopt;
    if (current) {
      Chain chain = ChainFor(set, *current);
      domain::Command cmd{domain::Action::kUpdateMetric};
      cmd.metric = in->metric();
      cmd.value = in->value();
      cmd.note = "（演练）" + in->metric() + " = " + std::to_string(in->value());
      cmd.playbook = chain.in.playbook;
      domain::ChangeInput ci;
      ci.plan = chain.plan;
      ci.playbook = chain.in.playbook;
      ci.chain = chain.in;
      domain::HallPeople people =
          store::LoadHallPeople(ctx.conn(), *current, chain.plan, ctx.now_micros());
      ci.chain.hall = &people;
      auto events = domain::ApplyCommand(*current, cmd, DrillInjector(), ci, now);
      if (events) {
        for (auto& e : events.value()) ctx.Append(&e);
      } else {
        spdlog::warn("drill {}: inject {}: {}", due.drill_id, due.inject_id,
                     events.error().message);
      }
    }
  } else if (in && in->kind() == v1::DrillInject::KIND_MESSAGE) {
    store::SetDrillMessage(ctx.conn(), due.drill_id, in->message());
  }
  store::MarkInjectFired(ctx.conn(), due, now, incident_id);
}

}  // namespace

int Engine::FireDrillInjects() {
  auto set = playbooks_->Get();
  auto fired = std::make_shared<int>(0);
  Status s = appender_->Run([set, fired](store::AppendContext& ctx) -> Status {
    auto due = store::ClaimDueInjects(ctx.conn(), ctx.now_micros(), 50);
    *fired = static_cast<int>(due.size());
    for (const auto& d : due) FireInject(ctx, *set, d);
    return kOk;
  });
  if (s) {
    spdlog::warn("engine: firing drill injects failed: {}", s->message);
    return -1;
  }
  return *fired;
}

void Engine::SweepKiosks() {
  auto set = playbooks_->Get();
  const int64_t offline_after = options_.kiosk_offline_after_us;
  // One turn is one unit of the appender, which holds the log's lock while
  // it writes (about a millisecond a kiosk): a hall whose network died is
  // written a few kiosks a turn, so a press from another hall waits for one
  // turn, not for the whole hall. A sweep takes at most kSweepTurns turns;
  // what is left waits for the next.
  constexpr int kSweepTurnKiosks = 8;
  constexpr int kSweepTurns = 16;
  for (int turn = 0; turn < kSweepTurns; ++turn) {
    int written = 0;    // kiosks raised or cleared in this turn
    bool full = false;  // a query came back with all it could: more may wait
    Status s = appender_->Run([&](store::AppendContext& ctx) -> Status {
      written = 0;  // the appender may run a unit again (a batch re-run)
      full = false;
      const int64_t now = ctx.now_micros();
      auto silent = store::FindSilentKiosks(ctx.conn(), now - offline_after, kSweepTurnKiosks);
      full = silent.size() == static_cast<size_t>(kSweepTurnKiosks);
      for (const auto& k : silent) {
        // A dead panic button is a hazard: an equipment incident at its place.
        v1::RaiseIncidentRequest req;
        req.set_request_id(store::SilenceRequestId(k));
        req.set_category("equipment_fault");
        req.set_severity(v1::SEVERITY_MEDIUM);
        req.set_summary("报警终端「" + k.name + "」已离线，" +
                        std::to_string((now - k.last_seen_us) / 1'000'000) +
                        " 秒未收到心跳 / kiosk silent");
        domain::Principal monitor;
        monitor.id = store::kKioskMonitorId;
        monitor.display_name = "终端监测";
        monitor.system = true;
        auto plan_id = store::HallPlanOf(ctx.conn(), k.hall_id);
        if (!plan_id) continue;
        domain::RaiseInput in;
        in.incident_id = domain::NewTimeOrderedUuid(now);
        in.request = &req;
        in.reporter = monitor;
        in.hall_id = k.hall_id;
        in.location_id = k.location_id;
        in.category = set->taxonomy().Find(req.category());
        in.plan_id = *plan_id;
        in.plan = set->FindPlan(*plan_id);
        in.playbook = in.plan ? set->FindPlaybook(*plan_id, req.category()) : nullptr;
        in.playbook_version = set->version();
        in.now_us = now;
        domain::RaisePlan plan = domain::PlanRaise(in);
        plan.incident.set_subject_kiosk_id(k.kiosk_id);
        if (ctx.Insert(&plan)) {
          ++written;
          spdlog::warn("engine: kiosk silent kiosk={} hall={} incident={}", k.kiosk_id, k.hall_id,
                       plan.incident.id());
        }
      }
      auto back =
          store::FindReturnedKioskIncidents(ctx.conn(), now - offline_after, kSweepTurnKiosks);
      full = full || back.size() == static_cast<size_t>(kSweepTurnKiosks);
      for (const auto& id : back) {
        auto current = store::LoadIncident(ctx.conn(), id);
        if (!current) continue;
        auto events = domain::KioskBack(*current, now);
        if (!events) continue;
        for (auto& e : events.value()) ctx.Append(&e);
        ++written;
      }
      return kOk;
    });
    if (s) {
      spdlog::warn("engine: kiosk sweep failed: {}", s->message);
      return;
    }
    // Another turn only when this one was full and changed something (a
    // kiosk it cannot raise, e.g. of a hall without a plan, is found again).
    if (!full || written == 0) return;
  }
}

void Engine::TimerLoop() {
  std::unique_ptr<store::PgConnection> conn;
  auto last_sweep = Steady::now() - std::chrono::hours(1);
  auto last_vacuum = Steady::now();
  int64_t fired_at_vacuum = 0;
  for (;;) {
    {
      MutexLock lock(&mu_);
      if (stopping_) return;
      poked_ = false;
      // A commit from here on may be missed by this pass's reading: its
      // offer is kept for the end of the pass (OfferDue). Offers kept by a
      // pass that went on at once were not needed: this pass reads after.
      in_pass_ = true;
      offers_skipped_ += std::exchange(offers_in_pass_, 0);
      offered_in_pass_ = kNoPlannedWake;
      planned_wake_ = kNoPlannedWake;
    }
    passes_ += 1;
    // How long until the earliest timer, by the clock.
    std::optional<int64_t> next;
    bool db_ok = true;
    const int64_t pass_now = clock_.NowMicros();
    try {
      if (!conn || !conn->ok()) conn = std::make_unique<store::PgConnection>(conninfo_);
      next = store::NextTimerDue(*conn);
      if (auto inject = store::NextInjectDue(*conn); inject && (!next || *inject < *next))
        next = inject;
      if (!next || *next > pass_now) settled_through_ = pass_now;
    } catch (const store::PgError& e) {
      spdlog::warn("engine: {}", e.what());
      conn.reset();
      db_ok = false;
    }
    const int64_t max_sleep_ms = options_.max_sleep_ms;
    int64_t wait_ms = db_ok ? max_sleep_ms : std::min<int64_t>(1000, max_sleep_ms);
    // The loop sleeps at most until `next` (sooner: max_sleep_ms), so a
    // timer committed due at or after `next` needs no wake: this loop finds
    // it when it looks again.
    int64_t planned_wake = kNoPlannedWake;
    if (db_ok && next) {
      int64_t until = *next - clock_.NowMicros();
      if (until <= 0) {
        int n = FireDue();
        const int injects = FireDrillInjects();
        if (n >= options_.fire_batch || injects > 0) continue;  // more may be due: go on at once
        wait_ms = n < 0 || injects < 0 ? std::min<int64_t>(1000, max_sleep_ms) : 0;
      } else {
        wait_ms = std::min<int64_t>(max_sleep_ms, clock_.RealWaitMicros(until) / 1000 + 1);
        planned_wake = *next;
      }
    }
    // Fired timers leave dead rows at the head of the due index; clear them
    // every few seconds while many fire (autovacuum alone comes too late).
    if (db_ok && timers_fired_ - fired_at_vacuum >= 500 &&
        Steady::now() - last_vacuum >= std::chrono::seconds(2)) {
      try {
        store::VacuumTimers(*conn);
      } catch (const store::PgError& e) {
        spdlog::warn("engine: vacuum: {}", e.what());
      }
      last_vacuum = Steady::now();
      fired_at_vacuum = timers_fired_;
    }
    if (options_.kiosk_monitor && db_ok &&
        Steady::now() - last_sweep >= std::chrono::milliseconds(options_.monitor_interval_ms)) {
      last_sweep = Steady::now();
      SweepKiosks();
      sweeps_ += 1;
    }
    if (wait_ms == 0) continue;
    // It also looks again when the sleep ends: a timer due after that needs
    // no wake either (another server's raise, whose chain that server
    // starts, offers one: see SummarizeLogEvents).
    if (db_ok) {
      const auto slept_clock_us =
          static_cast<int64_t>(static_cast<double>(wait_ms) * 1000.0 * clock_.speed());
      planned_wake = std::min(planned_wake, clock_.NowMicros() + slept_clock_us);
    }
    MutexLock lock(&mu_);
    in_pass_ = false;
    // An offer made during the pass, due before this wake, may be unread:
    // pass again at once. One that is due later is found by the wake, as
    // after any other sleep, so a slow pass is not followed by another for
    // every commit it overlapped.
    const bool offered_sooner = db_ok && offers_in_pass_ > 0 && offered_in_pass_ < planned_wake;
    offers_woken_ += offered_sooner ? 1 : 0;
    offers_skipped_ += std::exchange(offers_in_pass_, 0) - (offered_sooner ? 1 : 0);
    if (!poked_ && !stopping_ && !offered_sooner) {
      planned_wake_ = planned_wake;
      cv_.WaitFor(&mu_, std::chrono::milliseconds(wait_ms));
    }
  }
}

void Engine::Deliver(const store::Delivery& d) {
  std::string error = notifier_->Deliver(d);
  auto set = playbooks_->Get();
  const int attempts = options_.delivery_attempts;
  const int backoff = options_.delivery_backoff_ms;
  Status s =
      appender_->Run([set, d, error, attempts, backoff](store::AppendContext& ctx) -> Status {
        v1::NotificationRecord rec;
        rec.set_notifier_id(d.notifier_id);
        rec.set_kind("webhook");
        rec.set_attempts(d.attempts);
        rec.set_alert_stage(d.alert_stage);
        if (error.empty()) {
          if (!store::MarkDelivered(ctx.conn(), d.id)) return kOk;  // another server finished it
          rec.set_delivered(true);
        } else if (d.attempts < attempts) {
          store::Retry(ctx.conn(), d.id, error, backoff << (d.attempts - 1));
          return kOk;
        } else {
          if (!store::MarkFailed(ctx.conn(), d.id, error)) return kOk;
          rec.set_error(error);
        }
        auto current = store::LoadIncident(ctx.conn(), d.incident_id);
        if (!current) return kOk;
        Chain chain = ChainFor(*set, *current);
        domain::HallPeople people =
            store::LoadHallPeople(ctx.conn(), *current, chain.plan, ctx.now_micros());
        chain.in.hall = &people;
        for (auto& e : domain::DeliveryOutcome(*current, rec, chain.in, ctx.now_micros()))
          ctx.Append(&e);
        return kOk;
      });
  if (s) spdlog::warn("engine: recording delivery {} failed: {}", d.id, s->message);
}

void Engine::DeliveryLoop() {
  std::unique_ptr<store::PgConnection> conn;
  for (;;) {
    {
      MutexLock lock(&mu_);
      if (stopping_) return;
      delivery_poked_ = false;
    }
    std::vector<store::Delivery> batch;
    try {
      if (!conn || !conn->ok()) conn = std::make_unique<store::PgConnection>(conninfo_);
      batch = store::LeaseDeliveries(*conn, 20, 30);
    } catch (const store::PgError& e) {
      spdlog::warn("engine: outbox: {}", e.what());
      conn.reset();
    }
    for (const auto& d : batch) Deliver(d);
    if (!batch.empty()) continue;
    MutexLock lock(&mu_);
    if (!delivery_poked_ && !stopping_)
      cv_.WaitFor(&mu_, std::chrono::milliseconds(options_.delivery_interval_ms));
  }
}

}  // namespace hall::engine
