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
  ServerProcess(const std::string& conninfo, int port) {
    int out[2];
    ::pipe(out);
    std::vector<std::string> args = {HALL_SERVER_BIN,
                                     "--listen", "127.0.0.1:" + std::to_string(port),
                                     "--database-url", conninfo,
                                     "--schema-dir", HALL_SOURCE_DIR "/schema",
                                     "--playbooks-dir", HALL_SOURCE_DIR "/playbooks",
                                     "--tls-cert", TestCerts::Get().cert,
                                     "--tls-key", TestCerts::Get().key,
                                     "--log-level", "warn"};
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

grpc::Status RaiseWithRetry(Client& c, const std::string& request_id, v1::RaiseIncidentResponse* r,
                            int attempts = 100) {
  grpc::Status s;
  for (int i = 0; i < attempts; ++i) {
    s = c.Raise("hall-a", "fire", r, request_id);
    if (s.ok() || s.error_code() != grpc::StatusCode::UNAVAILABLE) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return s;
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
      ASSERT_TRUE(duty.Raise("hall-a", "fire", &r, "before-" + std::to_string(i)).ok());
      ids.push_back(r.incident().id());
    }
    // The engine appends events of its own (the chain starting): wait for
    // the three raises and take everything up to them.
    auto got = w.NextOfKind(v1::EVENT_KIND_RAISED, 3);
    ASSERT_GE(got.size(), 3u);
    last = got.back().seq();
    server->Kill9();
    EXPECT_FALSE(w.Next(1, 500).size());
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
  ASSERT_TRUE(duty.Raise("hall-a", "fire", &r, "one").ok());
  Watcher w(duty, 0);
  ASSERT_EQ(w.Next(1).size(), 1u);

  TestDatabase::Cluster().Stop();
  auto down = duty.Raise("hall-a", "fire", &r, "two");
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

}  // namespace
}  // namespace hall::testing
