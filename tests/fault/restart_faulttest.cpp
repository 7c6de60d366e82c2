// Faults: the server process killed with SIGKILL and started again loses
// nothing committed and a watcher resumes without gap or duplicate;
// PostgreSQL restarted under a running server gives UNAVAILABLE meanwhile
// and the server recovers by itself. Both again under load: client threads
// raising continuously (each retrying with its request id on UNAVAILABLE)
// and desks watching while the fault happens; afterwards every
// acknowledged raise is in the log exactly once and every desk saw each
// exactly once, in order, without a gap.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "domain/credentials.h"
#include "domain/incident_state.h"
#include "store/db_workers.h"
#include "store/directory_store.h"
#include "store/hall_setup_store.h"
#include "store/pg.h"
#include "support/fault_load.h"
#include "support/pg_node.h"
#include "support/server_process.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::testing {
namespace {

// The place a request id reports from: each report its own place, so
// separate reports stay separate incidents (and a retry reports the same).
std::string PlaceOf(const std::string& request_id) {
  return "hall-a-p" + std::to_string(std::hash<std::string>{}(request_id) % kTestPlaces);
}

grpc::Status RaiseWithRetry(Client& c, const std::string& request_id, v1::RaiseIncidentResponse* r,
                            int attempts = 100) {
  grpc::Status s;
  for (int i = 0; i < attempts; ++i) {
    s = c.RaiseAt("hall-a", PlaceOf(request_id), "fire", r, request_id);
    if (s.ok() || s.error_code() != grpc::StatusCode::UNAVAILABLE) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return s;
}

// 松江 (hall-b): the hall head (head-b) for 2 minutes, then the leadership
// group (leader) — the members the chain reaches.
void SetUpSongjiangChain(const std::string& conninfo) {
  store::PgConnection c(conninfo);
  v1::Person head;
  head.set_username("head-b");
  head.set_display_name("窗口服务科负责人");
  head.set_role(v1::ROLE_HALL_HEAD);
  head.set_active(true);
  head.add_hall_ids("hall-b");
  std::string head_id = store::UpsertPerson(c, head, domain::HashSecret(kPassword)).id();
  domain::Principal admin;
  admin.id = "setup";
  admin.display_name = "setup";
  v1::TierMember m;
  m.set_hall_id("hall-b");
  m.set_person_id(head_id);
  m.set_tier("hall_head");
  ASSERT_FALSE(store::SetTierMember(c, m, admin, 0));
  m.set_person_id(store::FindLogin(c, "leader")->first.id());
  m.set_tier("leadership_group");
  ASSERT_FALSE(store::SetTierMember(c, m, admin, 0));
}

// Waits (bounded) until someone has a desk open.
void WaitForPresence(const std::string& conninfo) {
  store::PgConnection c(conninfo);
  for (int i = 0; i < 500 && c.ExecSimple({"p", "SELECT count(*) FROM presence"}).int64(0, 0) == 0;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

TEST(RestartFaultTest, Sigkill_LosesNothingCommitted_AndTheStreamResumes) {
  TestDatabase db;
  SeedBasic(db.conninfo());
  int port = FreeLoopbackPort();
  auto server = std::make_unique<ServerProcess>(db.conninfo(), port);
  Client duty(MakeChannel(port));
  ASSERT_TRUE(duty.Login("duty-a").ok());
  std::vector<std::string> ids;
  int64_t last = 0;
  {
    Watcher w(duty, 0);
    v1::RaiseIncidentResponse r;
    for (int i = 0; i < 3; ++i) {
      std::string rid = "before-" + std::to_string(i);
      ASSERT_TRUE(duty.RaiseAt("hall-a", PlaceOf(rid), "fire", &r, rid).ok());
      ids.push_back(r.incident().id());
    }
    // The engine appends events of its own (the chain starting): wait for
    // the three raises and take everything up to them.
    auto got = w.NextOfKind(v1::EVENT_KIND_RAISED, 3);
    ASSERT_GE(got.size(), 3u);
    last = got.back().seq();
    server->Kill9();
    // The stream ends with the server (events the engine committed before
    // the kill may still be in flight; the resume below checks them all).
    EXPECT_EQ(w.AwaitEnd(5000).error_code(), grpc::StatusCode::UNAVAILABLE);
  }
  server = std::make_unique<ServerProcess>(db.conninfo(), port);
  // The session survived (it lives in the database), and so did the log.
  v1::RaiseIncidentResponse r;
  ASSERT_TRUE(RaiseWithRetry(duty, "before-2", &r).ok());
  EXPECT_FALSE(r.created()) << "a retry of a committed raise finds it";
  EXPECT_EQ(r.incident().id(), ids[2]);
  Watcher w(duty, last);
  ASSERT_TRUE(RaiseWithRetry(duty, "after-0", &r).ok());
  ASSERT_TRUE(RaiseWithRetry(duty, "after-1", &r).ok());
  // Resumed after `last`: every event once, in order, no gap — whatever
  // the engine appended meanwhile — and both new raises among them.
  auto got = w.NextOfKind(v1::EVENT_KIND_RAISED, 2, 10000);
  ASSERT_GE(got.size(), 2u);
  int raised = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].seq(), last + 1 + static_cast<int64_t>(i));
    raised += got[i].kind() == v1::EVENT_KIND_RAISED;
  }
  EXPECT_EQ(raised, 2);
  EXPECT_EQ(server->Term(), 0) << "SIGTERM is a clean shutdown";
  store::PgConnection c(db.conninfo());
  EXPECT_EQ(c.ExecSimple({"n", "SELECT count(*) FROM incidents"}).int64(0, 0), 5);
}

TEST(RestartFaultTest, DatabaseRestart_GivesUnavailable_ThenRecovers) {
  TestDatabase db;
  SeedBasic(db.conninfo());
  int port = FreeLoopbackPort();
  ServerProcess server(db.conninfo(), port);
  Client duty(MakeChannel(port));
  ASSERT_TRUE(duty.Login("duty-a").ok());
  v1::RaiseIncidentResponse r;
  ASSERT_TRUE(duty.RaiseAt("hall-a", PlaceOf("one"), "fire", &r, "one").ok());
  Watcher w(duty, 0);
  ASSERT_EQ(w.Next(1).size(), 1u);

  TestDatabase::Cluster().Stop();
  auto down = duty.RaiseAt("hall-a", PlaceOf("two"), "fire", &r, "two");
  EXPECT_EQ(down.error_code(), grpc::StatusCode::UNAVAILABLE) << down.error_message();
  ASSERT_EQ(server.Ended(), "") << "the server must survive a database restart";
  EXPECT_NE(down.error_message().find("try again"), std::string::npos) << down.error_message();
  TestDatabase::Cluster().Start();

  auto again = RaiseWithRetry(duty, "two", &r);
  ASSERT_TRUE(again.ok()) << again.error_code() << " " << again.error_message();
  // The watcher either stayed up or ended with UNAVAILABLE; resuming from
  // its last seq gives exactly what is missing.
  Watcher resumed(duty, 1);
  auto got = resumed.Next(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].seq(), 2);
  store::PgConnection c(db.conninfo());
  EXPECT_EQ(c.ExecSimple({"n", "SELECT count(*) FROM incidents"}).int64(0, 0), 2);
}

// A database restart closes every idle worker connection. The next job on
// each must run on a new connection, not fail UNAVAILABLE because its
// worker learned of the restart only by trying (a sign-in read right after
// a restart would end a desk's resumed stream).
TEST(RestartFaultTest, DatabaseRestart_IdleWorkersReconnectBeforeTheirNextJob) {
  TestDatabase db;
  store::DbWorkers workers(db.conninfo(), 1);
  auto one = [](store::PgConnection& c) -> Status {
    EXPECT_EQ(c.ExecSimple({"one", "SELECT 1"}).int64(0, 0), 1);
    return kOk;
  };
  ASSERT_FALSE(workers.Run(one).has_value());
  TestDatabase::Cluster().Stop();
  TestDatabase::Cluster().Start();
  Status after = workers.Run(one);
  EXPECT_FALSE(after.has_value()) << after->message;
}

TEST(RestartFaultTest, Sigkill_WithATimerPending_ItFiresOnceAfterRestart) {
  TestDatabase db;
  SeedBasic(db.conninfo());
  SetUpSongjiangChain(db.conninfo());
  // An accelerated clock (x60): the 2-minute time-out is 2 real seconds, and
  // the clock goes on across the restart (anchored in the database).
  int port = FreeLoopbackPort();
  auto server = std::make_unique<ServerProcess>(db.conninfo(), port,
                                                std::vector<std::string>{"--clock-speed", "60"});
  Client head(MakeChannel(port));
  ASSERT_TRUE(head.Login("head-b").ok());
  Client duty(MakeChannel(port));
  ASSERT_TRUE(duty.Login("duty-b").ok());
  std::string id;
  int64_t due = 0, last = 0;
  {
    Watcher desk(head, 0);  // the hall head has a desk open
    store::PgConnection c(db.conninfo());
    for (int i = 0;
         i < 500 && c.ExecSimple({"p", "SELECT count(*) FROM presence"}).int64(0, 0) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    v1::RaiseIncidentResponse r;
    ASSERT_TRUE(duty.Raise("hall-b", "panic", &r).ok());
    id = r.incident().id();
    for (auto& e : desk.NextOfKind(v1::EVENT_KIND_ESCALATED, 1)) {
      if (e.kind() == v1::EVENT_KIND_ESCALATED) {
        EXPECT_EQ(e.alert().stage(), 0);
        due = domain::ToMicros(e.incident().escalation().next_at());
      }
      last = e.seq();
    }
    ASSERT_GT(due, 0) << "the chain did not start";
    server->Kill9();  // with the stage-0 time-out pending
  }
  auto down = std::chrono::steady_clock::now();
  // Down for longer than the time-out: the timer comes due while no server runs.
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));
  server = std::make_unique<ServerProcess>(db.conninfo(), port,
                                           std::vector<std::string>{"--clock-speed", "60"});
  double downtime_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - down).count();
  Watcher desk(head, last);
  auto got = desk.NextOfKind(v1::EVENT_KIND_ESCALATED, 1, 15000);
  const v1::IncidentEvent* up = nullptr;
  for (auto& e : got) {
    if (e.kind() == v1::EVENT_KIND_ESCALATED) up = &e;
  }
  ASSERT_TRUE(up) << "the pending time-out never fired after the restart";
  EXPECT_EQ(up->incident_id(), id);
  EXPECT_EQ(up->alert().stage(), 1);
  EXPECT_EQ(up->alert().reason(), "timeout");
  // Late by at most the downtime (in the accelerated clock's seconds).
  int64_t late = domain::ToMicros(up->at()) - due;
  EXPECT_GE(late, 0);
  EXPECT_LE(late, static_cast<int64_t>((downtime_s + 2.0) * 60 * 1'000'000))
      << "late by " << late / 1e6 << " s";
  // Exactly once, and nothing else pending for the chain.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  store::PgConnection c(db.conninfo());
  EXPECT_EQ(c.ExecSimple(
                 {"n", ("SELECT count(*) FROM incident_events WHERE kind = 13 AND incident_id = '" +
                        id + "'")
                           .c_str()})
                .int64(0, 0),
            2);
  EXPECT_EQ(server->Term(), 0);
}

TEST(RestartFaultTest, DatabaseRestartMidChain_NothingLostNothingDoubled) {
  TestDatabase db;
  SeedBasic(db.conninfo());
  SetUpSongjiangChain(db.conninfo());
  domain::ManualClock clock(domain::SystemClock::Get().NowMicros());
  TestServerOptions o;
  o.engine = true;
  o.clock = &clock;
  TestServer server(db.conninfo(), o);
  Client head(MakeChannel(server.port()));
  ASSERT_TRUE(head.Login("head-b").ok());
  Watcher desk(head, 0);
  WaitForPresence(db.conninfo());
  Client duty(MakeChannel(server.port()));
  ASSERT_TRUE(duty.Login("duty-b").ok());
  v1::RaiseIncidentResponse r;
  ASSERT_TRUE(duty.Raise("hall-b", "panic", &r).ok());
  std::string id = r.incident().id();
  ASSERT_GE(desk.NextOfKind(v1::EVENT_KIND_ESCALATED, 1).size(), 2u);

  // PostgreSQL goes away, and the stage's time-out falls due meanwhile.
  TestDatabase::Cluster().Stop();
  clock.AdvanceSeconds(121);
  std::this_thread::sleep_for(
      std::chrono::milliseconds(1500));  // the engine meets the dead database
  TestDatabase::Cluster().Start();

  // Once it is back, the time-out fires — once.
  Client again(MakeChannel(server.port()));
  grpc::Status s;
  for (int i = 0; i < 100; ++i) {
    s = again.Login("leader");
    if (s.ok()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(s.ok()) << s.error_message();
  Watcher after(again, 0);
  auto got = after.NextOfKind(v1::EVENT_KIND_ESCALATED, 2, 15000);
  int escalated = 0;
  for (auto& e : got) escalated += e.kind() == v1::EVENT_KIND_ESCALATED && e.incident_id() == id;
  EXPECT_EQ(escalated, 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  store::PgConnection c(db.conninfo());
  EXPECT_EQ(c.ExecSimple(
                 {"n", ("SELECT count(*) FROM incident_events WHERE kind = 13 AND incident_id = '" +
                        id + "'")
                           .c_str()})
                .int64(0, 0),
            2);
  EXPECT_EQ(c.ExecSimple({"t", "SELECT count(*) FROM timers WHERE kind = 'escalate'"}).int64(0, 0),
            0);
  EXPECT_EQ(c.ExecSimple({"g", "SELECT max(seq) - count(*) FROM incident_events"}).int64(0, 0), 0);
}

// ---- under load ----

// Every watcher saw every event of the log up to its head once, in order,
// without a gap, and each acknowledged raise's RAISED event exactly once.
void ExpectEachSeenOnce(ResumingWatcher& w, const std::string& conninfo,
                        const std::map<std::string, std::string>& acked) {
  store::PgConnection c(conninfo);
  const int64_t head =
      c.ExecSimple({"head", "SELECT coalesce(max(seq), 0) FROM incident_events"}).int64(0, 0);
  ASSERT_TRUE(w.WaitForSeq(head, 20000))
      << "the watcher reached " << w.last_seq() << " of " << head;
  w.Stop();
  auto events = w.events();
  EXPECT_EQ(CheckContiguous(events, 0), "");
  std::map<std::string, int> raised;
  for (auto& e : events) {
    if (e.kind() == v1::EVENT_KIND_RAISED) raised[e.incident_id()] += 1;
  }
  int missing = 0, doubled = 0;
  for (auto& [rid, id] : acked) {
    missing += raised.count(id) == 0;
    doubled += raised.count(id) && raised[id] > 1;
  }
  EXPECT_EQ(missing, 0) << "acknowledged raises the watcher never saw";
  EXPECT_EQ(doubled, 0) << "acknowledged raises the watcher saw twice";
}

struct LoadRun {
  std::unique_ptr<RaiseLoad> load;
  std::vector<std::unique_ptr<ResumingWatcher>> desks;
};

// Two desks watching (leadership: every event is in scope) and four
// client threads raising on `port`, at least `warm_up` raises in.
LoadRun StartLoad(int port, int warm_up) {
  LoadRun run;
  auto leader = SignedInClient(port, "leader");
  for (int i = 0; i < 2; ++i) {
    run.desks.push_back(std::make_unique<ResumingWatcher>(std::vector<int>{port}, leader->token()));
  }
  RaiseLoadOptions o;
  o.ports = {port};
  o.threads = 4;
  o.per_thread = 300;
  run.load = std::make_unique<RaiseLoad>(o);
  EXPECT_TRUE(run.load->WaitForAcknowledged(warm_up, 30000)) << "the load did not get going";
  return run;
}

void CheckLoadRun(LoadRun& run, const std::string& conninfo) {
  run.load->Stop();
  EXPECT_TRUE(run.load->Errors().empty()) << run.load->Errors().front();
  EXPECT_TRUE(run.load->Unsettled().empty())
      << run.load->Unsettled().size() << " raises never acknowledged";
  auto acked = run.load->Acknowledged();
  std::printf("%zu raises acknowledged, %lld attempts refused meanwhile, longest raise %lld ms\n",
              acked.size(), static_cast<long long>(run.load->refused()),
              static_cast<long long>(run.load->LongestWaitMs()));
  EXPECT_EQ(CheckAgainstLog(conninfo, acked, run.load->Unsettled()), "");
  for (auto& d : run.desks) ExpectEachSeenOnce(*d, conninfo, acked);
}

TEST(RestartFaultTest, SigkillUnderLoad_EveryAcknowledgedRaiseOnce_DesksSeeEachOnce) {
  TestDatabase db;
  SeedBasic(db.conninfo());
  MakeLoadPlaces(db.conninfo(), "hall-a", 4 * 300);
  const int port = FreeLoopbackPort();
  auto server = std::make_unique<ServerProcess>(db.conninfo(), port);
  ASSERT_TRUE(server->ready());
  LoadRun run = StartLoad(port, 60);
  const int64_t refused = run.load->refused();
  server->Kill9();
  ASSERT_TRUE(run.load->WaitForRefused(refused + 8, 30000));
  const int64_t at_kill = run.load->acknowledged();
  server = std::make_unique<ServerProcess>(db.conninfo(), port);
  ASSERT_TRUE(server->ready());
  ASSERT_TRUE(run.load->WaitForAcknowledged(at_kill + 60, 60000))
      << "no raise acknowledged after the restart: " << run.load->acknowledged() - at_kill
      << " acknowledged, " << run.load->refused() << " refused, " << run.load->Errors().size()
      << " errors; last refusal: " << run.load->LastRefusal()
      << (run.load->Errors().empty() ? "" : ", first: " + run.load->Errors()[0]);
  CheckLoadRun(run, db.conninfo());
  for (auto& d : run.desks) EXPECT_GE(d->resumes(), 1) << "the desk's stream did not resume";
  EXPECT_EQ(server->Term(), 0);
}

TEST(RestartFaultTest, DatabaseRestartUnderLoad_EveryAcknowledgedRaiseOnce_DesksSeeEachOnce) {
  TestDatabase db;
  SeedBasic(db.conninfo());
  MakeLoadPlaces(db.conninfo(), "hall-a", 4 * 300);
  const int port = FreeLoopbackPort();
  ServerProcess server(db.conninfo(), port);
  ASSERT_TRUE(server.ready());
  LoadRun run = StartLoad(port, 60);
  const int64_t refused = run.load->refused();
  TestDatabase::Cluster().Stop();
  ASSERT_TRUE(run.load->WaitForRefused(refused + 8, 30000));
  const int64_t at_stop = run.load->acknowledged();
  TestDatabase::Cluster().Start();
  ASSERT_TRUE(run.load->WaitForAcknowledged(at_stop + 60, 60000))
      << "no raise acknowledged after PostgreSQL came back";
  ASSERT_EQ(server.Ended(), "") << "the server must survive a database restart";
  CheckLoadRun(run, db.conninfo());
  EXPECT_EQ(server.Term(), 0);
}

}  // namespace
}  // namespace hall::testing
