#include "support/tcp_proxy.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace hall::testing {
namespace {

int ConnectTo(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Moves what `from` has to `to`; false when either side is done.
bool Pump(int from, int to) {
  char buf[16384];
  ssize_t n = ::read(from, buf, sizeof buf);
  if (n <= 0) return false;
  for (ssize_t off = 0; off < n;) {
    ssize_t w = ::write(to, buf + off, static_cast<size_t>(n - off));
    if (w <= 0) return false;
    off += w;
  }
  return true;
}

}  // namespace

TcpProxy::TcpProxy(int target_port) : target_port_(target_port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::listen(listen_fd_, 64) != 0)
    throw std::runtime_error("tcp proxy: cannot listen on loopback");
  socklen_t len = sizeof a;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  if (::pipe(wake_) != 0) throw std::runtime_error("tcp proxy: pipe");
  thread_ = std::thread([this] { Loop(); });
}

TcpProxy::~TcpProxy() {
  stop_ = true;
  (void)!::write(wake_[1], "x", 1);
  thread_.join();
  for (auto& p : pairs_) {
    ::close(p.client);
    ::close(p.server);
  }
  ::close(listen_fd_);
  ::close(wake_[0]);
  ::close(wake_[1]);
}

void TcpProxy::Blackhole(bool on) {
  blackhole_ = on;
  (void)!::write(wake_[1], "x", 1);
}

void TcpProxy::Cut() {
  cut_ = true;
  (void)!::write(wake_[1], "x", 1);
}

void TcpProxy::Loop() {
  while (!stop_) {
    std::lock_guard<std::mutex> lock(mu_);
    if (cut_.exchange(false)) {
      for (auto& p : pairs_) {
        ::close(p.client);
        ::close(p.server);
      }
      pairs_.clear();
    }
    if (blackhole_) {
      for (auto& p : pairs_) p.dead = true;
    }
    std::vector<pollfd> fds = {{wake_[0], POLLIN, 0}, {listen_fd_, POLLIN, 0}};
    std::vector<std::pair<size_t, bool>> index;  // (pair, client side)
    for (size_t i = 0; i < pairs_.size(); ++i) {
      if (pairs_[i].dead) continue;
      fds.push_back({pairs_[i].client, POLLIN, 0});
      index.push_back({i, true});
      fds.push_back({pairs_[i].server, POLLIN, 0});
      index.push_back({i, false});
    }
    // Bounded wait: the loop re-checks stop_ at least every 200 ms.
    if (::poll(fds.data(), fds.size(), 200) <= 0) continue;
    if (fds[0].revents) {
      char drain[64];
      (void)!::read(wake_[0], drain, sizeof drain);
    }
    if (fds[1].revents & POLLIN) {
      int c = ::accept(listen_fd_, nullptr, nullptr);
      if (c >= 0) {
        if (blackhole_) {
          pairs_.push_back({c, ::dup(c), true});  // accepted, and goes nowhere
        } else {
          int s = ConnectTo(target_port_);
          if (s < 0) {
            ::close(c);
          } else {
            pairs_.push_back({c, s, false});
          }
        }
      }
    }
    for (size_t k = 0; k < index.size(); ++k) {
      const pollfd& f = fds[k + 2];
      if (!(f.revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Pair& p = pairs_[index[k].first];
      if (p.dead || p.client < 0) continue;
      const bool ok = index[k].second ? Pump(p.client, p.server) : Pump(p.server, p.client);
      if (!ok) {
        ::close(p.client);
        ::close(p.server);
        p.client = p.server = -1;
      }
    }
    std::vector<Pair> kept;
    for (auto& p : pairs_)
      if (p.client >= 0) kept.push_back(p);
    pairs_.swap(kept);
  }
}

}  // namespace hall::testing
