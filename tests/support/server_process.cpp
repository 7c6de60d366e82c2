#include "support/server_process.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include "support/test_server.h"

namespace hall::testing {

ServerProcess::ServerProcess(const std::string& conninfo, int port, std::vector<std::string> extra,
                             int ready_timeout_ms)
    : port_(port) {
  int out[2];
  if (::pipe(out) != 0) {
    ADD_FAILURE() << "pipe failed";
    return;
  }
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
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ == 0) {
    // Dies with the test (a crash, a time-out's SIGKILL) rather than
    // serving on. (The signal comes when the forking thread ends: servers
    // are started from the test's main thread.)
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(out[1], 1);
    ::close(out[0]);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  // Wait (bounded) for the READY line.
  std::string seen;
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ready_timeout_ms);
  while (seen.find("READY") == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    until - std::chrono::steady_clock::now())
                    .count();
    pollfd p{out[0], POLLIN, 0};
    if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) break;
    char buf[256];
    ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    seen.append(buf, static_cast<size_t>(n));
  }
  ::close(out[0]);
  ready_ = seen.find("READY") != std::string::npos;
  EXPECT_TRUE(ready_) << "server on port " << port << " did not start: " << seen;
}

ServerProcess::~ServerProcess() { Kill9(); }

void ServerProcess::Kill9() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
}

int ServerProcess::Term() {
  int status = 0;
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    // A clean shutdown is quick; one that hangs is killed (and reported).
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > until) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        break;
      }
      ::usleep(20000);
    }
    pid_ = -1;
  }
  return status;
}

std::string ServerProcess::Ended() {
  int status = 0;
  if (pid_ <= 0 || ::waitpid(pid_, &status, WNOHANG) == 0) return "";
  pid_ = -1;
  return WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                             : "exited with " + std::to_string(WEXITSTATUS(status));
}

}  // namespace hall::testing
