// ServerProcess: the real hall-server binary as a child process, on a
// loopback port, with TLS from the test CA, for fault tests that kill it.
//
// Thread-safety: not thread-safe; use from the test's main thread. The
// destructor SIGKILLs the child if it still runs; should the test process
// die without destructors, the child is SIGKILLed too (PR_SET_PDEATHSIG).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace hall::testing {

class ServerProcess {
 public:
  // Starts hall-server --listen 127.0.0.1:port --database-url conninfo
  // (plus `extra` flags) and waits, at most `ready_timeout_ms`, for its
  // READY line; a test expectation fails if it does not come (see ready()).
  ServerProcess(const std::string& conninfo, int port, std::vector<std::string> extra = {},
                int ready_timeout_ms = 60000);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool ready() const { return ready_; }
  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  // SIGKILL, then reaps it.
  void Kill9();
  // SIGTERM, then reaps it; returns the wait status (0: a clean exit).
  int Term();
  // Empty while running; else how it ended.
  std::string Ended();

 private:
  pid_t pid_ = -1;
  int port_;
  bool ready_ = false;
};

}  // namespace hall::testing
