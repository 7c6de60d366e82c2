// Faults: the server process killed with SIGKILL and started again loses
// nothing committed and a watcher resumes without gap or duplicate;
// PostgreSQL restarted under a running server gives UNAVAILABLE meanwhile
// and the server recovers by itself.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "domain/credentials.h"
#include "domain/incident_state.h"
#include "store/directory_store.h"
#include "store/hall_setup_store.h"
#include "store/pg.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::testing {
namespace {

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

// The real hall-server binary as a child process.
class ServerProcess {
 public:
  ServerProcess(const std::string& conninfo, int port, std::vector<std::string> extra = {}) {
    int out[2];
    ::pipe(out);
    std::vector<std::string> args = {HALL_SERVER_BIN,
                                     "--listen",
                                     "127.0.0.1:" + std::to_string(port),
                                     "--database-url",
                                     conninfo,
                                     "--schema-dir",
                                     HALL_SOURCE_DIR "/schema",
                                     "--playbooks-dir",
                                     HALL_SOURCE_DIR "/playbooks",
                                     "--tls-cert",
                                     TestCerts::Get().cert,
                                     "--tls-key",
                                     TestCerts::Get().key,
                                     "--log-level",
                                     "warn"};
    for (auto& e : extra) args.push_back(e);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      ::close(out[0]);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    // Wait for the READY line.
    std::string seen;
    char c;
    while (seen.find("READY") == std::string::npos && ::read(out[0], &c, 1) == 1) seen += c;
    ::close(out[0]);
    EXPECT_NE(seen.find("READY"), std::string::npos) << "server did not start: " << seen;
  }
  void Kill9() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }
  int Term() {
    int status = 0;
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
    }
    return status;
  }
  // Empty while running; else how it ended.
  std::string Ended() {
    int status = 0;
    if (pid_ <= 0 || ::waitpid(pid_, &status, WNOHANG) == 0) return "";
    pid_ = -1;
    return WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                               : "exited with " + std::to_string(WEXITSTATUS(status));
  }
  ~ServerProcess() { Kill9(); }

 private:
  pid_t pid_ = -1;
};

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
  int port = FreePort();
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
  int port = FreePort();
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

TEST(RestartFaultTest, Sigkill_WithATimerPending_ItFiresOnceAfterRestart) {
  TestDatabase db;
  SeedBasic(db.conninfo());
  SetUpSongjiangChain(db.conninfo());
  // An accelerated clock (x60): the 2-minute time-out is 2 real seconds, and
  // the clock goes on across the restart (anchored in the database).
  int port = FreePort();
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

}  // namespace
}  // namespace hall::testing
