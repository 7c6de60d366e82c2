// TcpProxy: a loopback TCP forwarder for fault tests. Clients connect to
// its port; each connection is forwarded to the target. Blackhole(true)
// makes the link silently dead — connections stay open but nothing passes
// either way, as when a cable is pulled or a switch dies (no FIN, no RST);
// new connections are accepted and go nowhere. Blackhole(false) restores
// forwarding for new connections (the dead ones stay dead). Cut() closes
// every connection at once.
//
// Thread-safety: the methods may be called from any thread; one thread of
// its own forwards.
#pragma once

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace hall::testing {

class TcpProxy {
 public:
  // Forwards 127.0.0.1:<port()> to 127.0.0.1:target_port.
  explicit TcpProxy(int target_port);
  ~TcpProxy();
  int port() const { return port_; }
  void Blackhole(bool on);
  void Cut();

 private:
  struct Pair {
    int client = -1;
    int server = -1;
    bool dead = false;  // blackholed: kept open, never read or written
  };
  void Loop();

  int target_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  int wake_[2] = {-1, -1};
  std::atomic<bool> stop_{false};
  std::atomic<bool> blackhole_{false};
  std::atomic<bool> cut_{false};
  std::mutex mu_;
  std::vector<Pair> pairs_;  // the forwarding thread's, under mu_
  std::thread thread_;
};

}  // namespace hall::testing
