// Engine: what the server does by itself, by the clock.
//
// - Chain starts: a raise on this server has its chain started (the first
//   stage alerted) by the appender's raise follow-up, in a transaction of
//   its own right after the raise's batch was committed and answered — the
//   press's path stays one commit, and the timer loop is not woken. An
//   incident raised otherwise (on a server without an engine, by the
//   engine itself, or when the follow-up failed) keeps its durable start
//   timer, which the timer loop fires.
// - The timer loop: sleeps until the earliest durable timer is due (or it
//   is poked: a commit that set a timer earlier than that, on this server or
//   — through the feed — on another; a move of a test clock), then claims
//   due timers and fires them
//   through the appender — claim, events and the timers' rewrite in one
//   transaction, so each timer fires exactly once across any number of
//   servers and after a crash (late by at most the downtime).
// - Drill injects (演练注入): each due inject of a running drill is fired the
//   same way — claimed, its incident raised (or its metric changed, its
//   message posted) and marked fired in one transaction; a run's end scores
//   it.
// - The kiosk monitor, on the same thread every couple of seconds: a kiosk
//   silent for three heartbeat periods raises an equipment incident at its
//   place (once per outage: its last beat is the incident's request id);
//   when it beats again, that incident is resolved.
// - The delivery loop: leases queued notifier deliveries (webhooks) and
//   delivers them; the outcome is an event; a delivery that keeps failing
//   escalates the alert at once.
//
// Thread-safety: Start/Stop from one thread; Poke from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/mutex.h"
#include "domain/clock.h"
#include "engine/notifier.h"
#include "playbook/playbook_set.h"
#include "store/event_appender.h"
#include "store/hall_plans.h"

namespace hall::engine {

struct EngineOptions {
  // Off only in tests of the log's and the streams' mechanics, which count
  // events exactly; a server in service always runs its engine.
  bool enabled = true;
  int fire_batch = 200;  // timers per transaction
  // The timer loop looks again at least this often, real time, woken or
  // not: a safety net should a wake be missed (a lost notification); the
  // kiosk monitor runs on these passes. Tests that prove the wakes
  // themselves set it long.
  int max_sleep_ms = 1000;
  int monitor_interval_ms = 2000;               // kiosk sweep, real time
  int64_t kiosk_offline_after_us = 30'000'000;  // clock µs of silence
  int delivery_interval_ms = 500;               // outbox poll, real time
  int delivery_attempts = 4;                    // then failed: escalate
  int delivery_backoff_ms = 1000;               // doubled each attempt
  bool kiosk_monitor = true;
  // A raise on this server has its chain started by the appender right
  // after its commit (above); off, the timer loop is woken for its start
  // timer. Off only to measure the difference (raise_latency_bench
  // engine=2).
  bool start_chains_after_raise = true;
};

class Engine {
 public:
  Engine(std::string conninfo, store::EventAppender* appender, playbook::PlaybookHolder* playbooks,
         const domain::Clock& clock, Notifier* notifier, EngineOptions options);
  ~Engine();  // Stop()

  void Start();
  void Stop();
  // Something may be due sooner than the loop thinks: look again now.
  void Poke();
  // A commit (here, or another server's seen through the feed) set a timer
  // due at `due_us` (clock µs). Wakes the timer loop only when that is
  // earlier than the wake it planned (or it planned none: the database was
  // out of reach); otherwise the loop's own wake, at or before its planned
  // time, finds the timer. An offer made during a pass is weighed when the
  // pass ends, against the wake it then plans.
  void OfferDue(int64_t due_us);
  // Ask the delivery loop to look at the outbox now.
  void PokeDeliveries();

  // Figures for tests and metrics.
  int64_t timers_fired() const { return timers_fired_.load(); }
  // Chains started by the raise follow-up.
  int64_t chains_started_after_raise() const { return chains_started_after_raise_.load(); }
  int64_t fire_batches() const { return fire_batches_.load(); }
  // Real time spent firing (claim, decisions and commit), µs.
  int64_t fire_busy_us() const { return fire_busy_us_.load(); }
  // The clock time up to which the timer loop has fired everything: at the
  // start of its last pass that found nothing due, every timer due at or
  // before it (and committed before that pass) had fired. A test that moves
  // its clock waits for this to reach the new now before saying "nothing
  // happened" — a condition, not a guess of how long the engine takes.
  int64_t settled_through() const { return settled_through_.load(); }
  // Offers (OfferDue) that woke the loop, and those it did not need.
  int64_t offers_woken() const { return offers_woken_.load(); }
  int64_t offers_skipped() const { return offers_skipped_.load(); }
  // Passes of the timer loop (each reads the earliest due time).
  int64_t passes() const { return passes_.load(); }
  // Kiosk sweeps finished (each looked for silent and returned kiosks).
  int64_t sweeps() const { return sweeps_.load(); }
  // The clock time the sleeping loop plans to look again at the latest;
  // INT64_MAX while it runs a pass.
  int64_t planned_wake();

 private:
  // The raise follow-up: starts the chains of new incidents just after
  // their raises committed, as their start timers would.
  void StartChains(store::AppendContext& ctx, const std::vector<const v1::Incident*>& raised);
  void TimerLoop();
  void DeliveryLoop();
  // Fires up to options_.fire_batch due timers; returns how many it took.
  int FireDue();
  // Fires the drill injects that are due (drill_store); returns how many.
  int FireDrillInjects();
  void SweepKiosks();
  void Deliver(const store::Delivery& d);

  const std::string conninfo_;
  store::EventAppender* appender_;
  playbook::PlaybookHolder* playbooks_;
  const domain::Clock& clock_;
  Notifier* notifier_;
  const EngineOptions options_;

  Mutex mu_;
  CondVar cv_;
  bool poked_ GUARDED_BY(mu_) = false;
  bool delivery_poked_ GUARDED_BY(mu_) = false;
  bool stopping_ GUARDED_BY(mu_) = false;
  // The clock time the sleeping loop will look again at the latest: its
  // earliest known due time, or the end of its longest sleep
  // (max_sleep_ms) if sooner. kNoPlannedWake while it runs a pass or
  // cannot reach the database.
  static constexpr int64_t kNoPlannedWake = INT64_MAX;
  int64_t planned_wake_ GUARDED_BY(mu_) = kNoPlannedWake;
  // Offers made while a pass runs: how many, and the earliest due time.
  bool in_pass_ GUARDED_BY(mu_) = false;
  int64_t offers_in_pass_ GUARDED_BY(mu_) = 0;
  int64_t offered_in_pass_ GUARDED_BY(mu_) = kNoPlannedWake;
  std::atomic<int64_t> offers_woken_{0};
  std::atomic<int64_t> offers_skipped_{0};
  std::atomic<int64_t> passes_{0};
  std::atomic<int64_t> sweeps_{0};
  std::atomic<int64_t> timers_fired_{0};
  std::atomic<int64_t> chains_started_after_raise_{0};
  std::atomic<int64_t> fire_batches_{0};
  std::atomic<int64_t> fire_busy_us_{0};
  std::atomic<int64_t> settled_through_{0};
  bool follow_up_set_ = false;  // Start/Stop thread only
  std::thread timer_thread_;
  std::thread delivery_thread_;
};

}  // namespace hall::engine
