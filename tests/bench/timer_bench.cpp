// Benchmark (reports figures; never fails on a slow machine): durable
// timers at scale. 100,000 escalation time-outs are pending, falling due
// at 1,000 a second; two engines with their own appenders and connections
// (two servers on one database) claim and fire them. Reports how late each
// fired (the alert's arrival on a feed, real time, against its due time:
// p50 / p99 / max), how many fired and whether any fired twice, and what
// the claiming cost: the process's CPU, the claim transactions, and the
// database's transactions per second.
//
//   build/tests/timer_bench [seconds=20] [pending=100000] [per_second=1000]
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "domain/credentials.h"
#include "domain/escalation.h"
#include "domain/incident_state.h"
#include "domain/raise.h"
#include "engine/engine.h"
#include "playbook/playbook_set.h"
#include "store/event_appender.h"
#include "store/event_feed.h"
#include "store/pg.h"
#include "support/test_database.h"
#include "support/test_server.h"

using namespace hall;

namespace {

int64_t RealNow() { return domain::SystemClock::Get().NowMicros(); }

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int64_t Pct(std::vector<int64_t>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

// Counts the database's committed transactions (pg_stat_database).
int64_t Commits(store::PgConnection& c) {
  return c
      .ExecSimple({"commits",
                   "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"})
      .int64(0, 0);
}

// Collects ESCALATED events from the log as they are committed.
class Collector : public store::FeedSubscriber {
 public:
  explicit Collector(store::EventFeed* feed) : feed_(feed), cursor_(feed->head()) {}
  void OnFeedAdvanced() override {
    std::vector<store::EventPtr> got;
    int64_t cursor = 0;
    std::lock_guard lock(mu_);
    for (;;) {
      got.clear();
      feed_->ReadAfter(
          cursor_, 4096, 4096,
          [](const v1::IncidentEvent& e) { return e.kind() == v1::EVENT_KIND_ESCALATED; }, &got,
          &cursor);
      int64_t now = RealNow();
      for (auto& e : got) arrivals_.emplace_back(e->incident_id(), now);
      if (cursor == cursor_) break;
      cursor_ = cursor;
    }
  }
  std::vector<std::pair<std::string, int64_t>> Take() {
    std::lock_guard lock(mu_);
    return arrivals_;
  }

 private:
  store::EventFeed* feed_;
  std::mutex mu_;
  int64_t cursor_;
  std::vector<std::pair<std::string, int64_t>> arrivals_;
};

}  // namespace

int main(int argc, char** argv) {
  int seconds = argc > 1 ? std::atoi(argv[1]) : 20;
  int pending = argc > 2 ? std::atoi(argv[2]) : 100000;
  int per_second = argc > 3 ? std::atoi(argv[3]) : 1000;
  spdlog::set_level(spdlog::level::warn);
  domain::InitCrypto();
  testing::TestDatabase db;
  testing::SeedBasic(db.conninfo());
  std::vector<playbook::FileError> errors;
  auto set = playbook::LoadPlaybookSet(HALL_SOURCE_DIR "/playbooks", &errors);
  playbook::PlaybookHolder holder;
  holder.Set(set);
  const auto& clock = domain::SystemClock::Get();

  // The pending time-outs: 松江 (hall-b) panics whose first stage was alerted;
  // each waits for its 2-minute time-out, due at `per_second` a second from
  // a few seconds after loading ends.
  std::fprintf(stderr, "loading %d pending timers…\n", pending);
  store::EventAppender loader(db.conninfo(), nullptr, clock);
  domain::Principal who;
  who.id = "bench";
  who.display_name = "bench";
  who.role = v1::ROLE_DUTY_OFFICER;
  v1::RaiseIncidentRequest req;
  req.set_category("panic");
  std::map<std::string, int64_t> due_of;
  std::vector<std::promise<Status>> done(pending);
  int64_t load_start = RealNow();
  int64_t first_due = load_start;  // moved to just after loading, below
  for (int i = 0; i < pending; ++i) {
    req.set_request_id("t" + std::to_string(i));
    who.id = "bench-" + std::to_string(i);  // separate incidents: a reporter each
    domain::RaiseInput in;
    in.incident_id = domain::NewUuid();
    in.request = &req;
    in.reporter = who;
    in.hall_id = "hall-b";
    in.category = set->taxonomy().Find("panic");
    in.plan_id = "songjiang";
    in.plan = set->FindPlan("songjiang");
    in.playbook = set->FindPlaybook("songjiang", "panic");
    in.playbook_version = set->version();
    in.now_us = load_start;
    auto unit = std::make_shared<store::RaiseUnit>();
    unit->plan = domain::PlanRaise(in);
    int64_t due = first_due + static_cast<int64_t>(i) * 1'000'000 / per_second;
    auto* es = unit->plan.incident.mutable_escalation();
    es->set_started(true);
    es->set_stages(2);
    domain::SetTimestamp(es->mutable_next_at(), due);
    unit->plan.incident.clear_checklist();  // only the escalation timer
    *unit->plan.event.mutable_incident() = unit->plan.incident;
    due_of[in.incident_id] = due;
    loader.SubmitRaise(unit, [&done, i](Status s) { done[i].set_value(s); });
  }
  for (auto& d : done) {
    if (auto s = d.get_future().get()) {
      std::fprintf(stderr, "load failed: %s\n", s->message.c_str());
      return 1;
    }
  }
  std::fprintf(stderr, "loaded in %.1f s; firing for %d s\n", (RealNow() - load_start) / 1e6,
               seconds);
  // The first time-out falls due two seconds from now (the incidents' own
  // next_at is earlier, so each is due when its timer row is).
  int64_t shift = RealNow() + 4'000'000 - first_due;
  {
    store::PgConnection c(db.conninfo());
    c.Exec({"shift_timers", "UPDATE timers SET due_at = due_at + $1 * interval '1 microsecond'"},
           {shift});
    // (the shift left a dead copy of every row; a server never does that)
    c.ExecSimple({"vacuum", "VACUUM ANALYZE timers"});
  }
  for (auto& [id, due] : due_of) due += shift;
  first_due += shift;

  store::EventFeed feed(db.conninfo());
  feed.Start();
  auto collector = std::make_shared<Collector>(&feed);
  feed.Subscribe(collector);
  store::EventAppender a(db.conninfo(), &feed, clock), b(db.conninfo(), nullptr, clock);
  engine::EngineOptions o;
  o.kiosk_monitor = false;
  engine::Engine ea(db.conninfo(), &a, &holder, clock, nullptr, o);
  engine::Engine eb(db.conninfo(), &b, &holder, clock, nullptr, o);
  store::PgConnection stats(db.conninfo());
  int64_t commits0 = Commits(stats);
  double cpu0 = CpuSeconds();
  int64_t t0 = RealNow();
  ea.Start();
  eb.Start();
  // Running, as a server's engines always are, before the first falls due.
  while (RealNow() < first_due) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  ea.Stop();
  eb.Stop();
  double cpu = CpuSeconds() - cpu0;
  double wall = (RealNow() - t0) / 1e6;
  int64_t commits = Commits(stats) - commits0;
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the feed catches up
  feed.Unsubscribe(collector.get());
  feed.Stop();

  // Lateness of each alert that was due within the run.
  std::map<std::string, int> fired;
  std::vector<int64_t> late;
  for (auto& [id, at] : collector->Take()) {
    if (++fired[id] == 1) late.push_back(at - due_of[id]);
  }
  int twice = 0;
  for (auto& [id, n] : fired) twice += n > 1;
  int64_t expected = 0;
  for (auto& [id, due] : due_of)
    expected += due <= first_due + static_cast<int64_t>(seconds) * 1'000'000;
  int64_t still = stats.ExecSimple({"left", "SELECT count(*) FROM timers"}).int64(0, 0);
  std::printf("\n| measurement | value |\n| --- | ---: |\n");
  std::printf("| pending at start | %d |\n", pending);
  std::printf("| due during the run (%d s at %d/s) | %lld |\n", seconds, per_second,
              static_cast<long long>(expected));
  std::printf("| fired (alerts on the feed) | %zu |\n", fired.size());
  std::printf("| fired twice | %d |\n", twice);
  std::printf("| fired by engine A / B | %lld / %lld |\n",
              static_cast<long long>(ea.timers_fired()), static_cast<long long>(eb.timers_fired()));
  std::printf("| claim transactions A / B | %lld / %lld |\n",
              static_cast<long long>(ea.fire_batches()), static_cast<long long>(eb.fire_batches()));
  std::printf("| firing busy A / B (%% of the run) | %.0f / %.0f |\n",
              100.0 * ea.fire_busy_us() / (wall * 1e6), 100.0 * eb.fire_busy_us() / (wall * 1e6));
  std::printf("| lateness p50 (ms) | %.1f |\n", Pct(late, 0.50) / 1000.0);
  std::printf("| lateness p99 (ms) | %.1f |\n", Pct(late, 0.99) / 1000.0);
  std::printf("| lateness max (ms) | %.1f |\n", Pct(late, 1.0) / 1000.0);
  std::printf("| bench process CPU (both engines, appenders, feed) | %.0f %% of one core |\n",
              100 * cpu / wall);
  std::printf("| database commits per second | %.0f |\n", commits / wall);
  std::printf("| timers left pending | %lld |\n", static_cast<long long>(still));
  return 0;
}
