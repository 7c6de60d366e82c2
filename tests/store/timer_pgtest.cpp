// Durable timers on a real PostgreSQL: two engines (standing for two
// servers) on one database with 1,000 timers due at once fire each exactly
// once; a timer is rewritten, not left behind, when its incident changes.
#include <gtest/gtest.h>

#include <future>
#include <map>

#include "domain/credentials.h"
#include "domain/escalation.h"
#include "domain/incident_state.h"
#include "engine/engine.h"
#include "playbook/playbook_set.h"
#include "store/event_appender.h"
#include "store/incident_reads.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::store {
namespace {

using testing::TestDatabase;

std::shared_ptr<const playbook::PlaybookSet> Playbooks() {
  std::vector<playbook::FileError> errors;
  auto set = playbook::LoadPlaybookSet(HALL_SOURCE_DIR "/playbooks", &errors);
  EXPECT_TRUE(set) << (errors.empty() ? "" : errors[0].ToString());
  return set;
}

// A raise in hall-a (東莞) as the raise RPC would plan it, with its timers.
std::shared_ptr<RaiseUnit> Raise(const playbook::PlaybookSet& set, const std::string& request_id,
                                 int64_t now) {
  domain::Principal who;
  who.id = "p-" + request_id;  // separate incidents: a reporter each
  who.display_name = "tester";
  who.role = v1::ROLE_DUTY_OFFICER;
  auto req = std::make_shared<v1::RaiseIncidentRequest>();
  req->set_request_id(request_id);
  req->set_category("fire");
  domain::RaiseInput in;
  in.incident_id = domain::NewUuid();
  in.request = req.get();
  in.reporter = who;
  in.hall_id = "hall-a";
  in.category = set.taxonomy().Find("fire");
  in.plan_id = "dongguan";
  in.plan = set.FindPlan("dongguan");
  in.playbook = set.FindPlaybook("dongguan", "fire");
  in.playbook_version = set.version();
  in.now_us = now;
  auto unit = std::make_shared<RaiseUnit>();
  unit->plan = domain::PlanRaise(in);
  return unit;
}

int64_t Count(PgConnection& c, const char* sql) { return c.ExecSimple({"count", sql}).int64(0, 0); }

TEST(TimerTest, TwoEnginesFireAThousandDueTimersEachExactlyOnce) {
  TestDatabase db;
  testing::SeedBasic(db.conninfo());
  auto set = Playbooks();
  ASSERT_TRUE(set);
  playbook::PlaybookHolder holder;
  holder.Set(set);
  domain::ManualClock clock(domain::SystemClock::Get().NowMicros());
  EventAppender a(db.conninfo(), nullptr, clock), b(db.conninfo(), nullptr, clock);
  // 1,000 incidents, each asking to start its chain now.
  constexpr int kN = 1000;
  std::vector<std::promise<Status>> done(kN);
  for (int i = 0; i < kN; ++i) {
    a.SubmitRaise(Raise(*set, "r" + std::to_string(i), clock.NowMicros()),
                  [&done, i](Status s) { done[i].set_value(s); });
  }
  for (auto& d : done) ASSERT_FALSE(d.get_future().get());
  PgConnection c(db.conninfo());
  ASSERT_EQ(Count(c, "SELECT count(*) FROM timers WHERE kind = 'start'"), kN);

  // Two engines, as two servers would run them, start together.
  engine::EngineOptions o;
  o.kiosk_monitor = false;
  o.fire_batch = 100;
  engine::Engine ea(db.conninfo(), &a, &holder, clock, nullptr, o);
  engine::Engine eb(db.conninfo(), &b, &holder, clock, nullptr, o);
  ea.Start();
  eb.Start();
  // Wait for the condition: every start timer taken.
  for (int i = 0; i < 3000 && ea.timers_fired() + eb.timers_fired() < kN; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ea.Stop();
  eb.Stop();
  EXPECT_EQ(ea.timers_fired() + eb.timers_fired(), kN);
  EXPECT_GT(ea.timers_fired(), 0) << "both engines took part";
  EXPECT_GT(eb.timers_fired(), 0) << "both engines took part";
  // Exactly one chain start per incident, and no start timer left.
  EXPECT_EQ(Count(c, "SELECT count(*) FROM incident_events WHERE kind = 13"), kN);
  EXPECT_EQ(Count(c,
                  "SELECT count(*) FROM (SELECT incident_id FROM incident_events WHERE kind = 13"
                  " GROUP BY incident_id HAVING count(*) > 1) d"),
            0);
  EXPECT_EQ(Count(c, "SELECT count(*) FROM timers WHERE kind = 'start'"), 0);
  // The log stayed gap-free through it all.
  EXPECT_EQ(Count(c, "SELECT max(seq) FROM incident_events"),
            Count(c, "SELECT count(*) FROM incident_events"));
}

TEST(TimerTest, AChangeRewritesTheIncidentsTimersInTheSameTransaction) {
  TestDatabase db;
  testing::SeedBasic(db.conninfo());
  auto set = Playbooks();
  domain::ManualClock clock(domain::SystemClock::Get().NowMicros());
  EventAppender app(db.conninfo(), nullptr, clock);
  auto unit = Raise(*set, "one", clock.NowMicros());
  std::promise<Status> p;
  app.SubmitRaise(unit, [&p](Status s) { p.set_value(s); });
  ASSERT_FALSE(p.get_future().get());
  PgConnection c(db.conninfo());
  EXPECT_EQ(Count(c, "SELECT count(*) FROM timers"),
            static_cast<int64_t>(domain::TimersOf(unit->incident).size()));
  // Withdrawn: every timer of the incident goes with the change.
  domain::Principal who;
  who.id = "p-one";  // the reporter withdraws its own report
  who.display_name = "tester";
  who.role = v1::ROLE_DUTY_OFFICER;
  ASSERT_FALSE(app.Run([&](AppendContext& ctx) -> Status {
    auto cur = LoadIncident(ctx.conn(), unit->incident.id());
    domain::Command cmd{domain::Action::kWithdraw};
    cmd.note = "误报";
    v1::Incident next;
    v1::IncidentEvent e;
    if (auto s = domain::Apply(*cur, cmd, who, ctx.now_micros(), &next, &e)) return s;
    *e.mutable_incident() = next;
    ctx.Append(&e);
    return kOk;
  }));
  EXPECT_EQ(Count(c, "SELECT count(*) FROM timers"), 0);
}

}  // namespace
}  // namespace hall::store
