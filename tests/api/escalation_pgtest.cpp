// The escalation engine through the real server (TLS, PostgreSQL, the
// engine on), in simulated time: the chain climbs at the plan's time-outs
// to the people who fill each tier; one acknowledgement on one server stops
// the alerts on another; a webhook receiver on loopback gets exactly one
// POST per alert and none for a drill, and a failing one escalates;
// planned outages; a silent kiosk; the hall set-up service's checks and
// audit trail.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "domain/credentials.h"
#include "domain/incident_state.h"
#include "store/directory_store.h"
#include "store/hall_setup_store.h"
#include "store/pg.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::testing {
namespace {

constexpr int64_t kSec = 1'000'000;

// Waits (bounded) for an event matching `pred`; returns it, or nullopt.
std::optional<v1::IncidentEvent> WaitFor(Watcher& w,
                                         const std::function<bool(const v1::IncidentEvent&)>& pred,
                                         int timeout_ms = 10000) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < until) {
    for (auto& e : w.Next(1, 100)) {
      if (pred(e)) return e;
    }
  }
  return std::nullopt;
}

auto Escalated(const std::string& incident, int stage) {
  return [incident, stage](const v1::IncidentEvent& e) {
    return e.incident_id() == incident && e.kind() == v1::EVENT_KIND_ESCALATED &&
           e.alert().stage() == stage;
  };
}

// A loopback HTTP receiver standing for an SMS gateway.
class Receiver {
 public:
  explicit Receiver(int status = 200) : status_(status) {
    server_.Post("/alerts", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mu_);
      bodies_.push_back(req.body);
      delivery_ids_.push_back(req.get_header_value("X-Hall-Delivery"));
      res.status = status_;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/alerts"; }
  size_t posts() {
    std::lock_guard lock(mu_);
    return bodies_.size();
  }
  std::vector<std::string> bodies() {
    std::lock_guard lock(mu_);
    return bodies_;
  }
  bool WaitForPosts(size_t n, int timeout_ms = 10000) {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (posts() < n) {
      if (std::chrono::steady_clock::now() > until) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
  }

 private:
  int status_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> bodies_, delivery_ids_;
};

class EscalationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SeedBasic(db_.conninfo());
    // 松江 (hall-b): 窗口服务科负责人 → 中心领导 (松江 三.1).
    store::PgConnection c(db_.conninfo());
    static const std::string hash = domain::HashSecret(kPassword);
    v1::Person head;
    head.set_username("head-b");
    head.set_display_name("窗口服务科负责人");
    head.set_role(v1::ROLE_HALL_HEAD);
    head.add_hall_ids("hall-b");
    head.set_phone("13900000002");
    head.set_active(true);
    head_b_ = store::UpsertPerson(c, head, hash).id();
    leader_ = store::FindLogin(c, "leader")->first.id();
    duty_b_ = store::FindLogin(c, "duty-b")->first.id();
  }

  TestServerOptions Options() {
    TestServerOptions o;
    o.engine = true;
    o.clock = &clock_;
    o.token_ttl_seconds = 48 * 3600;  // the tests move the clock by hours
    o.engine_options.delivery_backoff_ms = 20;
    o.engine_options.delivery_attempts = 3;
    return o;
  }

  Client SignedIn(TestServer& s, const char* user) {
    Client c(MakeChannel(s.port()));
    EXPECT_TRUE(c.Login(user).ok()) << user;
    return c;
  }

  // The hall set-up the tests run under, written by the admin.
  void SetUpHallB(Client& admin) {
    v1::HallSetupResponse r;
    v1::SetTierMemberRequest m;
    m.mutable_member()->set_hall_id("hall-b");
    m.mutable_member()->set_person_id(head_b_);
    m.mutable_member()->set_tier("hall_head");
    m.mutable_member()->set_position_id("window_service_head");
    ASSERT_TRUE(admin.escalation().SetTierMember(admin.Ctx().get(), m, &r).ok());
    m.mutable_member()->set_person_id(leader_);
    m.mutable_member()->set_tier("leadership_group");
    m.mutable_member()->set_position_id("group_leader");
    ASSERT_TRUE(admin.escalation().SetTierMember(admin.Ctx().get(), m, &r).ok());
  }

  // Hall B set up by the admin through `server`, and its head's and a
  // leader's desks open there (presence written): whom the first stages of
  // a hall-B chain reach.
  struct HallBDesks {
    HallBDesks(EscalationTest& t, TestServer& server)
        : admin(t.SignedIn(server, "admin")),
          head(t.SetUpHallBThen(admin, server, "head-b")),
          leader(t.SignedIn(server, "leader")),
          head_desk(head, 0),
          leader_desk(leader, 0) {
      t.WaitForPresence(2);
    }
    Client admin, head, leader;
    Watcher head_desk, leader_desk;
  };
  // SetUpHallB, then `user` signed in (in that order, as in service).
  Client SetUpHallBThen(Client& admin, TestServer& server, const char* user) {
    SetUpHallB(admin);
    return SignedIn(server, user);
  }

  // Waits until `n` people have a desk open (presence written).
  void WaitForPresence(int n) {
    store::PgConnection c(db_.conninfo());
    for (int i = 0; i < 500; ++i) {
      if (c.ExecSimple({"p", "SELECT count(DISTINCT person_id) FROM presence"}).int64(0, 0) >= n)
        return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL() << "presence never reached " << n;
  }

  std::string RaisePanic(Client& who, bool drill = false, const char* category = "panic") {
    v1::RaiseIncidentResponse r;
    auto s = who.Raise("hall-b", category, &r, "", drill);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return r.incident().id();
  }

  int64_t Count(const std::string& sql) {
    store::PgConnection c(db_.conninfo());
    return c.ExecSimple({"count", sql.c_str()}).int64(0, 0);
  }

  TestDatabase db_;
  domain::ManualClock clock_{domain::SystemClock::Get().NowMicros()};
  std::string head_b_, leader_, duty_b_;
};

// The hall's people a chain resolves to, read in one statement: every part
// of it, and only what is current (shift now, desk seen within 20 s, active
// notifiers), in the order the chain alerts them; several incidents' at
// once, each hall's to its own incidents.
TEST_F(EscalationTest, TheHallsPeopleAreReadInOneStatementCurrentAndInOrder) {
  store::PgConnection c(db_.conninfo());
  auto exec = [&](const std::string& sql) { c.ExecSimple({"setup", sql.c_str()}); };
  exec(
      "INSERT INTO tier_members (hall_id, person_id, tier, position_id, zones) VALUES"
      " ('hall-b', '" +
      leader_ +
      "', 'leadership_group', 'group_leader', '{}'),"
      " ('hall-b', '" +
      head_b_ + "', 'hall_head', 'window_service_head', '{east,west}')");
  const int64_t now = clock_.NowMicros();
  auto at = [](int64_t us) { return "to_timestamp(" + std::to_string(us / 1e6) + ")"; };
  exec(
      "INSERT INTO duty_shifts (id, hall_id, person_id, starts_at, ends_at) VALUES"
      " (gen_random_uuid(), 'hall-b', '" +
      duty_b_ + "', " + at(now - 3600 * kSec) + ", " + at(now + 3600 * kSec) +
      "),"
      " (gen_random_uuid(), 'hall-b', '" +
      leader_ + "', " + at(now + 2 * 3600 * kSec) + ", " + at(now + 3 * 3600 * kSec) + ")");
  exec(
      "INSERT INTO presence (person_id, server_id, seen_at) VALUES"
      " ('" +
      head_b_ + "', 's1', now()), ('" + duty_b_ + "', 's1', now() - interval '1 minute')");
  exec(
      "INSERT INTO notifiers (id, hall_id, url, tiers, active) VALUES"
      " (gen_random_uuid(), 'hall-b', 'http://127.0.0.1:1/a', '{hall_head}', true),"
      " (gen_random_uuid(), 'hall-b', 'http://127.0.0.1:1/b', '{}', false)");

  v1::Incident in_b, in_a, again_in_b;
  in_b.set_hall_id("hall-b");
  in_a.set_hall_id("hall-a");
  again_in_b.set_hall_id("hall-b");
  auto people =
      store::LoadChainPeople(c, {&in_b, &in_a, &again_in_b}, {nullptr, nullptr, nullptr}, now);
  ASSERT_EQ(people.size(), 3u);
  const domain::HallPeople& p = people[0];
  ASSERT_EQ(p.members.size(), 2u);
  EXPECT_EQ(p.members[0].person_id, head_b_);  // by tier: hall_head < leadership_group
  EXPECT_EQ(p.members[0].name, "窗口服务科负责人");
  EXPECT_EQ(p.members[0].phone, "13900000002");
  EXPECT_EQ(p.members[0].tier, "hall_head");
  EXPECT_EQ(p.members[0].position_id, "window_service_head");
  EXPECT_EQ(p.members[0].zones, (std::vector<std::string>{"east", "west"}));
  EXPECT_EQ(p.members[1].person_id, leader_);
  EXPECT_EQ(p.members[1].tier, "leadership_group");
  ASSERT_EQ(p.on_duty.size(), 1u) << "the later shift is not on now";
  EXPECT_EQ(p.on_duty[0].person_id, duty_b_);
  EXPECT_FALSE(p.on_duty[0].name.empty());
  EXPECT_EQ(p.online, (std::set<std::string>{head_b_})) << "duty-b's desk was seen a minute ago";
  EXPECT_EQ(p.notifier_tiers, (std::vector<std::vector<std::string>>{{"hall_head"}}));

  // A hall with nobody set up reads as empty, not as an error.
  const domain::HallPeople& none = people[1];
  EXPECT_TRUE(none.members.empty() && none.on_duty.empty() && none.online.empty() &&
              none.notifier_tiers.empty());
  // The hall's second incident has the same people.
  ASSERT_EQ(people[2].members.size(), 2u);
  EXPECT_EQ(people[2].members[1].person_id, leader_);
  EXPECT_EQ(people[2].on_duty.size(), 1u);
  EXPECT_EQ(people[2].notifier_tiers, p.notifier_tiers);
}

TEST_F(EscalationTest, AnUnacknowledgedPanicClimbsToTheLeadershipDeskAtThePlansTimeOut) {
  TestServer server(db_.conninfo(), Options());
  HallBDesks desks(*this, server);
  Client duty = SignedIn(server, "duty-b");
  std::string id = RaisePanic(duty);

  // Stage 0 at once: the hall head, who has a desk open.
  auto first = WaitFor(desks.leader_desk, Escalated(id, 0));
  ASSERT_TRUE(first);
  // Started by the appender's follow-up in the transaction right after
  // the raise's (the next seq), so the timer loop never fired a start.
  EXPECT_EQ(
      first->seq(),
      Count("SELECT seq FROM incident_events WHERE kind = 1 AND incident_id = '" + id + "'") + 1);
  EXPECT_EQ(server.server().engine().chains_started_after_raise(), 1);
  EXPECT_EQ(server.server().engine().timers_fired(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM timers WHERE kind = 'start'"), 0);
  ASSERT_EQ(first->alert().people_size(), 1);
  EXPECT_EQ(first->alert().people(0).person_id(), head_b_);
  EXPECT_TRUE(first->alert().people(0).online());
  EXPECT_EQ(first->alert().citation(), "松江 三.1");
  EXPECT_EQ(first->incident().escalation().setup_version(), 2);  // two members set

  // One second short of the time-out: still at the hall head.
  clock_.AdvanceSeconds(119);
  EXPECT_FALSE(WaitFor(desks.leader_desk, Escalated(id, 1), 500));
  // The time-out lapses: the leadership group, with the 机关服务三中心 call.
  clock_.AdvanceSeconds(1);
  auto second = WaitFor(desks.leader_desk, Escalated(id, 1));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->alert().reason(), "timeout");
  ASSERT_EQ(second->alert().people_size(), 1);
  EXPECT_EQ(second->alert().people(0).person_id(), leader_);
  EXPECT_EQ(second->alert().people(0).position(), "组长（区政务服务办（行政服务中心）主任）");
  bool call_step = false;
  for (auto& it : second->incident().checklist())
    call_step = call_step || it.contact_party() == "offices_service_center";
  EXPECT_TRUE(call_step);
  // The hall head's desk saw it too (same hall), exactly once.
  EXPECT_TRUE(WaitFor(desks.head_desk, Escalated(id, 1)));
  EXPECT_EQ(
      Count("SELECT count(*) FROM incident_events WHERE kind = 13 AND incident_id = '" + id + "'"),
      2);
}

TEST_F(EscalationTest, AnAcknowledgementOnOneServerStopsTheAlertsOnTheOther) {
  TestServer a(db_.conninfo(), Options()), b(db_.conninfo(), Options());
  Client admin = SignedIn(a, "admin");
  SetUpHallB(admin);
  Client leader = SignedIn(a, "leader");
  Watcher leader_desk(leader, 0);
  Client head_on_b = SignedIn(b, "head-b");
  Watcher head_desk(head_on_b, 0);
  WaitForPresence(2);
  Client duty = SignedIn(a, "duty-b");
  std::string id = RaisePanic(duty);
  ASSERT_TRUE(WaitFor(leader_desk, Escalated(id, 0)));

  v1::AcknowledgeIncidentRequest ack;
  ack.set_incident_id(id);
  v1::IncidentResponse r;
  ASSERT_TRUE(head_on_b.incidents().AcknowledgeIncident(head_on_b.Ctx().get(), ack, &r).ok());
  EXPECT_TRUE(r.incident().escalation().acknowledged());
  EXPECT_EQ(
      Count("SELECT count(*) FROM timers WHERE kind IN ('escalate', 'start') AND incident_id = '" +
            id + "'"),
      0);
  // Far past every time-out, on both servers' engines: nothing climbs.
  clock_.AdvanceSeconds(600);
  EXPECT_FALSE(WaitFor(leader_desk, Escalated(id, 1), 1000));
  EXPECT_EQ(
      Count("SELECT count(*) FROM incident_events WHERE kind = 13 AND incident_id = '" + id + "'"),
      1);
  // The unresolved reminder (30 min, 产品默认) reaches whoever took it.
  clock_.AdvanceSeconds(1800);
  auto remind = WaitFor(leader_desk, [&](const v1::IncidentEvent& e) {
    return e.incident_id() == id && e.kind() == v1::EVENT_KIND_REMINDED;
  });
  ASSERT_TRUE(remind);
  EXPECT_EQ(remind->alert().people(0).person_id(), head_b_);
}

TEST_F(EscalationTest, TheEngineIsWokenOnlyForATimerSoonerThanItPlannedAndFiresTheRestOnTime) {
  // Server A's engine has no safety-net passes: it looks again only when a
  // commit (its own, or B's through the feed) sets a timer sooner than it
  // planned, or when the test moves the clock. B, on the same database,
  // runs no engine: whatever fires, A fires.
  TestServerOptions oa = Options();
  oa.engine_options.max_sleep_ms = 600'000;
  oa.engine_options.kiosk_monitor = false;
  TestServerOptions ob = Options();
  ob.engine = false;
  TestServer a(db_.conninfo(), oa), b(db_.conninfo(), ob);
  engine::Engine& engine = a.server().engine();
  HallBDesks desks(*this, a);

  // A raise on B: its chain start is due now, sooner than anything A knew
  // of; A learns of it through the feed and starts the chain at once.
  Client duty_on_b = SignedIn(b, "duty-b");
  std::string id = RaisePanic(duty_on_b);
  auto first = WaitFor(desks.leader_desk, Escalated(id, 0));
  ASSERT_TRUE(first);
  const int64_t timeout_at = domain::ToMicros(first->incident().escalation().next_at());
  ASSERT_EQ(timeout_at - clock_.NowMicros(), 120 * kSec);  // 松江 三.1: two minutes
  // A sleeps until that time-out.
  ASSERT_TRUE(Eventually([&] { return engine.planned_wake() == timeout_at; }));
  const int64_t woken = engine.offers_woken(), passes = engine.passes();

  // Notes on B and on A leave the time-out where it was: no wake.
  v1::AddNoteRequest note;
  note.set_incident_id(id);
  note.set_note("已派保安到场");
  v1::IncidentResponse r;
  int64_t skipped = engine.offers_skipped();
  ASSERT_TRUE(duty_on_b.incidents().AddNote(duty_on_b.Ctx().get(), note, &r).ok());
  ASSERT_TRUE(Eventually([&] { return engine.offers_skipped() > skipped; }))
      << "A heard of B's note through the feed";
  skipped = engine.offers_skipped();
  Client duty_on_a = SignedIn(a, "duty-b");
  ASSERT_TRUE(duty_on_a.incidents().AddNote(duty_on_a.Ctx().get(), note, &r).ok());
  ASSERT_TRUE(Eventually([&] { return engine.offers_skipped() > skipped; }));
  EXPECT_EQ(engine.offers_woken(), woken);
  EXPECT_EQ(engine.passes(), passes) << "the engine slept through both notes";
  EXPECT_EQ(engine.planned_wake(), timeout_at);

  // Another raise on B, due sooner than the planned wake: woken, started.
  std::string second = RaisePanic(duty_on_b, false, "fire");
  ASSERT_TRUE(WaitFor(desks.leader_desk, Escalated(second, 0)));
  EXPECT_GT(engine.offers_woken(), woken);

  // The time-out the notes left alone fires on time, in simulated time.
  clock_.AdvanceSeconds(119);
  engine.Poke();
  ASSERT_TRUE(Eventually([&] { return engine.settled_through() >= clock_.NowMicros(); }));
  EXPECT_EQ(
      Count("SELECT count(*) FROM incident_events WHERE kind = 13 AND incident_id = '" + id + "'"),
      1)
      << "not a second before its time";
  clock_.AdvanceSeconds(1);
  ASSERT_TRUE(WaitFor(desks.leader_desk, Escalated(id, 1)));
  EXPECT_EQ(
      Count("SELECT count(*) FROM incident_events WHERE kind = 13 AND incident_id = '" + id + "'"),
      2);
}

TEST_F(EscalationTest, AnotherServersRaiseIsLeftToItsFollowUpAndWakesNoOtherEngine) {
  // Both servers run engines, as in service. The raising server starts
  // each chain in its follow-up; the other hears of the raise through the
  // feed, and its start timer is not worth waking for: the loop looks
  // again within its longest sleep (1 s) anyway, and would only race for
  // a timer the follow-up takes.
  TestServerOptions oa = Options();
  oa.engine_options.kiosk_monitor = false;
  TestServerOptions ob = Options();
  ob.engine_options.kiosk_monitor = false;
  TestServer a(db_.conninfo(), oa), b(db_.conninfo(), ob);
  engine::Engine& engine = a.server().engine();
  HallBDesks desks(*this, a);  // stage 0 reaches the hall head and stops there
  Client duty_on_b = SignedIn(b, "duty-b");
  const int64_t woken = engine.offers_woken(), skipped = engine.offers_skipped();

  constexpr int kRaises = 10;
  std::vector<std::string> ids;
  for (int i = 0; i < kRaises; ++i) {
    v1::RaiseIncidentResponse r;
    ASSERT_TRUE(duty_on_b.RaiseNew("hall-b", "panic", &r).ok());
    ids.push_back(r.incident().id());
    ASSERT_TRUE(WaitFor(desks.leader_desk, Escalated(ids.back(), 0)))
        << "chain " << i << " started";
  }
  // A heard of every raise (its feed offered their timers) ...
  ASSERT_TRUE(Eventually([&] { return engine.offers_skipped() - skipped >= kRaises; }))
      << "offers skipped: " << engine.offers_skipped() - skipped;
  // ... and slept through them. (An offer that lands while A's loop is in
  // one of its once-a-second passes is weighed when the pass ends: it
  // wakes the loop only if that pass ended over a second after the raise,
  // a starved loop, and then once for all the raises it overlapped.)
  EXPECT_LE(engine.offers_woken() - woken, 1);
  // Each chain started once, by B.
  for (const auto& id : ids) {
    EXPECT_EQ(Count("SELECT count(*) FROM incident_events WHERE kind = " +
                    std::to_string(v1::EVENT_KIND_ESCALATED) + " AND incident_id = '" + id + "'"),
              1);
  }
  EXPECT_EQ(b.server().engine().chains_started_after_raise(), kRaises);
}

TEST_F(EscalationTest, AWebhookGetsExactlyOnePostPerAlertAndNoneForADrill) {
  Receiver receiver;
  TestServer server(db_.conninfo(), Options());
  Client admin = SignedIn(server, "admin");
  SetUpHallB(admin);
  v1::UpsertNotifierRequest n;
  n.mutable_notifier()->set_hall_id("hall-b");
  n.mutable_notifier()->set_url(receiver.url());
  n.mutable_notifier()->set_name("短信网关");
  v1::HallSetupResponse hs;
  ASSERT_TRUE(admin.escalation().UpsertNotifier(admin.Ctx().get(), n, &hs).ok());
  Client watcher_client = SignedIn(server, "leader");
  Watcher desk(watcher_client, 0);
  WaitForPresence(1);

  Client duty = SignedIn(server, "duty-b");
  std::string id = RaisePanic(duty);
  ASSERT_TRUE(receiver.WaitForPosts(1));
  auto delivered = WaitFor(desk, [&](const v1::IncidentEvent& e) {
    return e.incident_id() == id && e.kind() == v1::EVENT_KIND_NOTIFICATION;
  });
  ASSERT_TRUE(delivered);
  EXPECT_TRUE(delivered->notification().delivered());
  std::string body = receiver.bodies()[0];
  EXPECT_NE(body.find(id), std::string::npos);
  EXPECT_NE(body.find("13900000002"), std::string::npos) << "the gateway gets the number to text";
  // The next stage is another alert: one more POST.
  clock_.AdvanceSeconds(120);
  ASSERT_TRUE(receiver.WaitForPosts(2));

  // A drill goes through the chain but never reaches a real notifier.
  std::string drill = RaisePanic(duty, /*drill=*/true);
  auto drill_alert = WaitFor(desk, Escalated(drill, 0));
  ASSERT_TRUE(drill_alert);
  EXPECT_TRUE(drill_alert->drill());
  EXPECT_EQ(drill_alert->alert().webhook_deliveries(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM notification_outbox WHERE incident_id = '" + drill + "'"),
            0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(receiver.posts(), 2u);
}

TEST_F(EscalationTest, AFailingWebhookWithNobodyAtADeskEscalatesAtOnce) {
  Receiver receiver(503);
  TestServer server(db_.conninfo(), Options());
  Client admin = SignedIn(server, "admin");
  SetUpHallB(admin);
  v1::UpsertNotifierRequest n;
  n.mutable_notifier()->set_hall_id("hall-b");
  n.mutable_notifier()->set_url(receiver.url());
  n.mutable_notifier()->add_tiers("hall_head");
  v1::HallSetupResponse hs;
  ASSERT_TRUE(admin.escalation().UpsertNotifier(admin.Ctx().get(), n, &hs).ok());
  // Nobody has a desk open: the hall head is reachable only by the webhook.
  Client duty = SignedIn(server, "duty-b");
  std::string id = RaisePanic(duty);
  Client reader = SignedIn(server, "admin");
  Watcher log(reader, 0);  // an admin reads; admins are not alerted
  auto up = WaitFor(log, [&](const v1::IncidentEvent& e) {
    return e.incident_id() == id && e.kind() == v1::EVENT_KIND_ESCALATED &&
           e.alert().reason() == "delivery_failed";
  });
  ASSERT_TRUE(up)
      << "the failed delivery should have moved the chain on without waiting out 2 minutes";
  EXPECT_EQ(up->alert().stage(), 1);
  EXPECT_EQ(receiver.posts(), 3u);  // three attempts
  EXPECT_EQ(Count("SELECT count(*) FROM notification_outbox WHERE state = 'failed'"), 1);
}

TEST_F(EscalationTest, AnIncidentInsideAnAnnouncedPlannedOutageIsRecordedAndNotEscalated) {
  TestServer server(db_.conninfo(), Options());
  Client admin = SignedIn(server, "admin");
  SetUpHallB(admin);
  Client head = SignedIn(server, "head-b");  // a hall head announces outages of their hall
  v1::UpsertPlannedOutageRequest o;
  o.mutable_outage()->set_hall_id("hall-b");
  o.mutable_outage()->set_category("power_outage");
  domain::SetTimestamp(o.mutable_outage()->mutable_starts_at(), clock_.NowMicros() - 60 * kSec);
  domain::SetTimestamp(o.mutable_outage()->mutable_ends_at(), clock_.NowMicros() + 3600 * kSec);
  o.mutable_outage()->set_note("供电公司检修，已于公众号公告");
  v1::HallSetupResponse hs;
  ASSERT_TRUE(head.escalation().UpsertPlannedOutage(head.Ctx().get(), o, &hs).ok());
  ASSERT_EQ(hs.setup().planned_outages_size(), 1);
  Watcher desk(head, 0);
  Client duty = SignedIn(server, "duty-b");
  std::string id = RaisePanic(duty, false, "power_outage");
  auto planned = WaitFor(desk, [&](const v1::IncidentEvent& e) {
    return e.incident_id() == id && e.kind() == v1::EVENT_KIND_PLANNED;
  });
  ASSERT_TRUE(planned);
  EXPECT_EQ(planned->incident().planned_outage_id(), hs.setup().planned_outages(0).id());
  clock_.AdvanceSeconds(3600);
  EXPECT_FALSE(WaitFor(desk, Escalated(id, 0), 500));
  EXPECT_EQ(Count("SELECT count(*) FROM timers WHERE incident_id = '" + id +
                  "' AND kind IN ('escalate','start')"),
            0);
  // A fire in the same window is not covered by a power outage.
  std::string fire = RaisePanic(duty, false, "fire");
  EXPECT_TRUE(WaitFor(desk, Escalated(fire, 0)));
}

TEST_F(EscalationTest, ASilentKioskRaisesOneEquipmentIncidentAndItClearsWhenItReturns) {
  TestServerOptions o = Options();
  o.engine_options.monitor_interval_ms = 50;
  TestServer server(db_.conninfo(), o);
  Client kiosk(MakeChannel(server.port()));
  ASSERT_TRUE(kiosk.LoginKiosk("kiosk-a").ok());
  v1::HeartbeatRequest beat;
  beat.set_queued_presses(2);
  beat.set_app_version("1.4.0");
  v1::HeartbeatResponse hr;
  ASSERT_TRUE(kiosk.directory().Heartbeat(kiosk.Ctx().get(), beat, &hr).ok());
  // Written in a batch within a couple of seconds: wait for it.
  for (int i = 0;
       i < 500 && Count("SELECT count(*) FROM kiosks WHERE last_seen_at IS NOT NULL") == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  Client duty = SignedIn(server, "duty-a");
  Watcher desk(duty, 0);
  v1::ListKiosksRequest lk;
  v1::ListKiosksResponse kiosks;
  ASSERT_TRUE(duty.directory().ListKiosks(duty.Ctx().get(), lk, &kiosks).ok());
  ASSERT_EQ(kiosks.kiosks_size(), 1);
  EXPECT_TRUE(kiosks.kiosks(0).online());
  EXPECT_EQ(kiosks.kiosks(0).queued_presses(), 2);
  EXPECT_EQ(kiosks.kiosks(0).app_version(), "1.4.0");

  clock_.AdvanceSeconds(31);  // three heartbeat periods of silence
  auto raised = WaitFor(desk, [](const v1::IncidentEvent& e) {
    return e.kind() == v1::EVENT_KIND_RAISED && e.incident().subject_kiosk_id() == "kiosk-a";
  });
  ASSERT_TRUE(raised);
  EXPECT_EQ(raised->incident().category(), "equipment_fault");
  EXPECT_EQ(raised->incident().location_id(), "hall-a-door");
  EXPECT_EQ(raised->incident().reporter().system(), "kiosk_monitor");
  ASSERT_TRUE(duty.directory().ListKiosks(duty.Ctx().get(), lk, &kiosks).ok());
  EXPECT_FALSE(kiosks.kiosks(0).online());
  EXPECT_EQ(kiosks.kiosks(0).silent_incident_id(), raised->incident_id());
  // Still silent a minute later (two more sweeps): the same outage, no
  // second incident.
  clock_.AdvanceSeconds(60);
  const int64_t sweeps = server.server().engine().sweeps();
  ASSERT_TRUE(Eventually([&] { return server.server().engine().sweeps() >= sweeps + 2; }));
  EXPECT_EQ(Count("SELECT count(*) FROM incidents WHERE subject_kiosk_id = 'kiosk-a'"), 1);

  // It beats again: the incident is resolved by the server.
  ASSERT_TRUE(kiosk.directory().Heartbeat(kiosk.Ctx().get(), beat, &hr).ok());
  auto back = WaitFor(desk, [&](const v1::IncidentEvent& e) {
    return e.incident_id() == raised->incident_id() && e.kind() == v1::EVENT_KIND_RESOLVED;
  });
  ASSERT_TRUE(back);
  EXPECT_EQ(back->actor_id(), "system");
  EXPECT_EQ(back->incident().outcome(), v1::OUTCOME_NO_ACTION);
}

// A hall whose network dies: every kiosk of it goes silent at once. Each is
// raised once, a few to a transaction, so that the log's lock is never held
// for the whole hall while presses from elsewhere wait.
TEST_F(EscalationTest, AHallWhoseKiosksAllGoSilentIsRaisedAFewKiosksATurn) {
  constexpr int kKiosks = 20;
  {
    store::PgConnection c(db_.conninfo());
    const std::string seen = "to_timestamp(" + std::to_string(clock_.NowMicros() / 1e6) + ")";
    const std::string sql =
        "INSERT INTO kiosks (id, hall_id, location_id, name, secret_hash, last_seen_at)"
        " SELECT 'kiosk-n' || g, 'hall-a', 'hall-a-door', '终端 ' || g, 'x', " +
        seen + " FROM generate_series(1, " + std::to_string(kKiosks) + ") g";
    c.ExecSimple({"kiosks", sql.c_str()});
  }
  TestServerOptions o = Options();
  o.engine_options.monitor_interval_ms = 50;
  TestServer server(db_.conninfo(), o);
  clock_.AdvanceSeconds(31);
  const std::string raised =
      "SELECT count(*) FROM incidents WHERE category = 'equipment_fault'"
      " AND subject_kiosk_id LIKE 'kiosk-n%'";
  ASSERT_TRUE(Eventually([&] { return Count(raised) == kKiosks; })) << Count(raised);
  // Each RAISED row of the log was written by one of several transactions,
  // none of which wrote more than a turn's worth (8).
  const std::string by_transaction =
      "SELECT e.xmin::text, count(*) AS n FROM incident_events e"
      " JOIN incidents i ON i.id = e.incident_id"
      " WHERE i.subject_kiosk_id LIKE 'kiosk-n%' AND e.kind = " +
      std::to_string(v1::EVENT_KIND_RAISED) + " GROUP BY 1";
  EXPECT_GE(Count("SELECT count(*) FROM (" + by_transaction + ") t"), 3);
  EXPECT_LE(Count("SELECT max(n) FROM (" + by_transaction + ") t"), 8);
  // Still silent later: two more sweeps raise no kiosk twice.
  clock_.AdvanceSeconds(60);
  const int64_t sweeps = server.server().engine().sweeps();
  ASSERT_TRUE(Eventually([&] { return server.server().engine().sweeps() >= sweeps + 2; }));
  EXPECT_EQ(Count(raised), kKiosks);
}

TEST_F(EscalationTest, BadInputAndOutOfScopeGetClearStatusesAndWriteNothing) {
  TestServer server(db_.conninfo(), Options());
  Client admin = SignedIn(server, "admin");
  SetUpHallB(admin);
  Client duty_a = SignedIn(server, "duty-a");
  Client head = SignedIn(server, "head-b");
  Client duty = SignedIn(server, "duty-b");
  std::string id = RaisePanic(duty);
  v1::IncidentResponse r;

  // Acknowledging an alert of a hall you do not cover.
  v1::AcknowledgeIncidentRequest ack;
  ack.set_incident_id(id);
  EXPECT_EQ(duty_a.incidents().AcknowledgeIncident(duty_a.Ctx().get(), ack, &r).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Escalating without a reason; escalating a closed incident.
  v1::EscalateIncidentRequest up;
  up.set_incident_id(id);
  EXPECT_EQ(duty.incidents().EscalateIncident(duty.Ctx().get(), up, &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_TRUE(duty.incidents().AcknowledgeIncident(duty.Ctx().get(), ack, &r).ok());
  v1::ResolveIncidentRequest res;
  res.set_incident_id(id);
  res.set_outcome(v1::OUTCOME_HANDLED);
  ASSERT_TRUE(duty.incidents().ResolveIncident(duty.Ctx().get(), res, &r).ok());
  up.set_reason("现场需要领导");
  auto s = duty.incidents().EscalateIncident(duty.Ctx().get(), up, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("resolved"), std::string::npos) << s.error_message();

  v1::HallSetupResponse hs;
  // A webhook that is not http(s).
  v1::UpsertNotifierRequest n;
  n.mutable_notifier()->set_hall_id("hall-b");
  n.mutable_notifier()->set_url("ftp://gateway.example/alerts");
  s = admin.escalation().UpsertNotifier(admin.Ctx().get(), n, &hs);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("http"), std::string::npos);
  // A contact with no number; a party nobody knows.
  v1::UpsertContactRequest c;
  c.mutable_contact()->set_hall_id("hall-b");
  c.mutable_contact()->set_party("police");
  s = head.escalation().UpsertContact(head.Ctx().get(), c, &hs);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("phone"), std::string::npos);
  c.mutable_contact()->set_party("ghostbusters");
  c.mutable_contact()->set_phone("110");
  EXPECT_EQ(head.escalation().UpsertContact(head.Ctx().get(), c, &hs).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // A hall head of hall-b may not edit hall-a; a duty officer may not edit.
  c.mutable_contact()->set_party("police");
  c.mutable_contact()->set_hall_id("hall-a");
  EXPECT_EQ(head.escalation().UpsertContact(head.Ctx().get(), c, &hs).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  c.mutable_contact()->set_hall_id("hall-b");
  EXPECT_EQ(duty.escalation().UpsertContact(duty.Ctx().get(), c, &hs).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(head.escalation().UpsertContact(head.Ctx().get(), c, &hs).ok());

  // Roster: overlapping shifts are refused; gaps show as problems.
  int64_t now = clock_.NowMicros();
  v1::UpsertShiftRequest sh;
  sh.mutable_shift()->set_hall_id("hall-b");
  sh.mutable_shift()->set_person_id(duty_b_);
  domain::SetTimestamp(sh.mutable_shift()->mutable_starts_at(), now);
  domain::SetTimestamp(sh.mutable_shift()->mutable_ends_at(), now + 8 * 3600 * kSec);
  ASSERT_TRUE(head.escalation().UpsertShift(head.Ctx().get(), sh, &hs).ok());
  domain::SetTimestamp(sh.mutable_shift()->mutable_starts_at(), now + 4 * 3600 * kSec);
  domain::SetTimestamp(sh.mutable_shift()->mutable_ends_at(), now + 12 * 3600 * kSec);
  s = head.escalation().UpsertShift(head.Ctx().get(), sh, &hs);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("overlaps"), std::string::npos);
  domain::SetTimestamp(sh.mutable_shift()->mutable_ends_at(), now + 2 * 3600 * kSec);
  EXPECT_EQ(head.escalation().UpsertShift(head.Ctx().get(), sh, &hs).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::GetHallSetupRequest g;
  g.set_hall_id("hall-b");
  v1::HallSetup setup;
  ASSERT_TRUE(head.escalation().GetHallSetup(head.Ctx().get(), g, &setup).ok());
  bool gap = false, on_duty = false;
  for (auto& p : setup.problems())
    gap = gap || (p.kind() == "roster_gap" && domain::ToMicros(p.from()) == now + 8 * 3600 * kSec);
  for (auto& t : setup.on_now()) {
    if (t.tier() == "duty_officer")
      on_duty = t.person_ids_size() == 1 && t.person_ids(0) == duty_b_;
  }
  EXPECT_TRUE(gap) << "the roster ends after 8 hours: a gap the hall head must see";
  EXPECT_TRUE(on_duty);
  EXPECT_EQ(setup.shifts_size(), 1);

  // Every change is in the audit trail, with before and after.
  v1::ListSetupAuditRequest la;
  la.set_hall_id("hall-b");
  v1::ListSetupAuditResponse audit;
  ASSERT_TRUE(head.escalation().ListSetupAudit(head.Ctx().get(), la, &audit).ok());
  ASSERT_EQ(audit.entries_size(), 4);  // two members, a contact, a shift
  EXPECT_EQ(audit.entries(0).action(), "create_shift");
  EXPECT_EQ(audit.entries(0).actor_id(), head_b_);
  EXPECT_NE(audit.entries(0).after_json().find(duty_b_), std::string::npos);
  EXPECT_EQ(audit.entries(0).version(), setup.version());
  EXPECT_EQ(duty.escalation().ListSetupAudit(duty.Ctx().get(), la, &audit).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace hall::testing
