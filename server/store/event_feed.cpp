#include "store/event_feed.h"

#include <poll.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

#include "store/incident_reads.h"
#include "store/log_sql.h"
#include "store/pg.h"

namespace hall::store {
namespace {

constexpr size_t kInlineWakeLimit = 16;
constexpr Sql kListen{"feed_listen", "LISTEN hall_events"};
constexpr Sql kListenRevocations{"feed_listen_revocations", "LISTEN hall_revocations"};
constexpr Sql kListenDirectory{"feed_listen_directory", "LISTEN hall_directory"};
constexpr Sql kFetch{
    "feed_fetch",
    "SELECT payload, seq FROM incident_events WHERE seq > $1 ORDER BY seq LIMIT 1000"};

}  // namespace

EventFeed::EventFeed(std::string conninfo, FeedOptions options)
    : conninfo_(std::move(conninfo)), options_(options) {
  if (::pipe(wake_pipe_) != 0) throw std::runtime_error("pipe() failed");
}

EventFeed::~EventFeed() {
  Stop();
  ::close(wake_pipe_[0]);
  ::close(wake_pipe_[1]);
}

void EventFeed::Start() {
  PgConnection conn(conninfo_);
  int64_t head = conn.Exec(kLogHead).int64(0, 0);
  {
    MutexLock lock(&mu_);
    first_seq_ = head + 1;
    head_ = head;
  }
  listener_ = std::thread([this] { ListenLoop(); });
  dispatcher_ = std::thread([this] { DispatchLoop(); });
}

void EventFeed::Stop() {
  if (stopping_.exchange(true)) return;
  Poke();
  { MutexLock lock(&dispatch_mu_); }
  dispatch_cv_.SignalAll();
  if (listener_.joinable()) listener_.join();
  if (dispatcher_.joinable()) dispatcher_.join();
}

int64_t EventFeed::ring_first() const {
  MutexLock lock(&mu_);
  return first_seq_;
}

void EventFeed::Poke() {
  char c = 1;
  [[maybe_unused]] auto n = ::write(wake_pipe_[1], &c, 1);
}

void EventFeed::WakeAll(const std::vector<std::shared_ptr<FeedSubscriber>>& subs,
                        const std::function<void(int64_t, size_t)>& on_woken) {
  using Steady = std::chrono::steady_clock;
  const bool timed = on_woken && !subs.empty();  // metrics off: no clock reads
  const Steady::time_point started = timed ? Steady::now() : Steady::time_point{};
  for (auto& s : subs) s->OnFeedAdvanced();
  if (timed) {
    on_woken(std::chrono::duration_cast<std::chrono::microseconds>(Steady::now() - started).count(),
             subs.size());
  }
}

void EventFeed::Wake() {
  // Few watchers: wake them here, saving a thread hop on the hot path. Many:
  // leave it to the dispatch thread so the appender is not held up.
  std::vector<std::shared_ptr<FeedSubscriber>> subs;
  std::function<void(int64_t, size_t)> on_woken;
  {
    MutexLock lock(&mu_);
    if (subs_.size() <= kInlineWakeLimit) {
      subs = subs_;
      on_woken = on_woken_;
    }
  }
  if (!subs.empty() || subscribers() == 0) {
    WakeAll(subs, on_woken);
    return;
  }
  {
    MutexLock lock(&dispatch_mu_);
    dispatch_pending_ = true;
  }
  dispatch_cv_.Signal();
}

bool EventFeed::AppendContiguous(std::vector<EventPtr>& events) {
  MutexLock lock(&mu_);
  bool added = false;
  for (auto& e : events) {
    if (e->seq() <= head_) continue;  // already have it
    if (e->seq() != head_ + 1) return added ? true : false;
    ring_.push_back(std::move(e));
    head_ = head_ + 1;
    added = true;
  }
  while (ring_.size() > options_.capacity) {
    ring_.pop_front();
    ++first_seq_;
  }
  return added;
}

void EventFeed::OnLocalCommit(std::vector<v1::IncidentEvent> events) {
  if (events.empty()) return;
  int64_t last = events.back().seq();
  std::vector<EventPtr> ptrs;
  ptrs.reserve(events.size());
  for (auto& e : events) ptrs.push_back(std::make_shared<const v1::IncidentEvent>(std::move(e)));
  if (AppendContiguous(ptrs)) Wake();
  // Another server's commit came in between: the listener fills the gap.
  if (head_ < last) Poke();
}

EventFeed::Read EventFeed::ReadAfter(int64_t after, size_t max, size_t max_scan,
                                     const std::function<bool(const v1::IncidentEvent&)>& keep,
                                     std::vector<EventPtr>* out, int64_t* cursor) const {
  MutexLock lock(&mu_);
  *cursor = after;
  if (after < first_seq_ - 1) return Read::kTooOld;
  size_t idx = static_cast<size_t>(after + 1 - first_seq_);
  size_t taken = 0, scanned = 0;
  for (; idx < ring_.size() && taken < max && scanned < max_scan; ++idx, ++scanned) {
    const EventPtr& e = ring_[idx];
    *cursor = e->seq();
    if (keep(*e)) {
      out->push_back(e);
      ++taken;
    }
  }
  return Read::kOk;
}

void EventFeed::OnRevocation(std::function<void(const std::string&)> handler) {
  MutexLock lock(&mu_);
  on_revocation_ = std::move(handler);
}

void EventFeed::OnDirectoryChange(std::function<void(const std::string&)> handler) {
  MutexLock lock(&mu_);
  on_directory_change_ = std::move(handler);
}

void EventFeed::DirectoryChanged(const std::string& what) {
  std::function<void(const std::string&)> handler;
  {
    MutexLock lock(&mu_);
    handler = on_directory_change_;
  }
  if (handler) handler(what);
}

void EventFeed::OnLogEvents(std::function<void(const std::vector<EventPtr>&)> handler) {
  MutexLock lock(&mu_);
  on_log_events_ = std::move(handler);
}

void EventFeed::OnWoken(std::function<void(int64_t, size_t)> handler) {
  MutexLock lock(&mu_);
  on_woken_ = std::move(handler);
}

void EventFeed::Subscribe(std::shared_ptr<FeedSubscriber> s) {
  MutexLock lock(&mu_);
  subs_.push_back(std::move(s));
}

void EventFeed::Unsubscribe(const FeedSubscriber* s) {
  MutexLock lock(&mu_);
  std::erase_if(subs_, [s](const auto& p) { return p.get() == s; });
}

size_t EventFeed::subscribers() const {
  MutexLock lock(&mu_);
  return subs_.size();
}

void EventFeed::DispatchLoop() {
  for (;;) {
    {
      MutexLock lock(&dispatch_mu_);
      while (!stopping_ && !dispatch_pending_) dispatch_cv_.Wait(&dispatch_mu_);
      if (stopping_) return;
      dispatch_pending_ = false;
    }
    std::vector<std::shared_ptr<FeedSubscriber>> subs;
    std::function<void(int64_t, size_t)> on_woken;
    {
      MutexLock lock(&mu_);
      subs = subs_;
      on_woken = on_woken_;
    }
    WakeAll(subs, on_woken);
  }
}

void EventFeed::FetchFromLog(PgConnection& conn) {
  log_reads_ += 1;
  for (;;) {
    auto r = conn.Exec(kFetch, {head_.load()});
    std::vector<EventPtr> events;
    for (int i = 0; i < r.rows(); ++i) {
      events.push_back(
          std::make_shared<const v1::IncidentEvent>(DecodeEvent(r.bytes(i, 0), r.int64(i, 1))));
    }
    // What the ring did not have yet (AppendContiguous moves those out).
    const int64_t had = head_.load();
    std::vector<EventPtr> fresh;
    for (const auto& e : events) {
      if (e->seq() > had) fresh.push_back(e);
    }
    if (!events.empty() && AppendContiguous(events)) Wake();
    if (!fresh.empty()) {
      std::function<void(const std::vector<EventPtr>&)> handler;
      {
        MutexLock lock(&mu_);
        handler = on_log_events_;
      }
      if (handler) handler(fresh);
    }
    if (r.rows() < 1000) return;
  }
}

void EventFeed::ListenLoop() {
  std::unique_ptr<PgConnection> conn;
  int backoff_ms = 100;
  auto last_read = std::chrono::steady_clock::now();
  while (!stopping_) {
    if (!conn) {
      try {
        conn = std::make_unique<PgConnection>(conninfo_);
        if (options_.listen) conn->ExecSimple(kListen);
        conn->ExecSimple(kListenRevocations);
        conn->ExecSimple(kListenDirectory);
        backoff_ms = 100;
        // Whatever changed while we were not listening went unheard.
        DirectoryChanged("*");
        FetchFromLog(*conn);  // whatever was committed while we were away
        last_read = std::chrono::steady_clock::now();
      } catch (const PgError& e) {
        spdlog::warn("feed: {} (retrying in {} ms)", e.what(), backoff_ms);
        conn.reset();
        ::usleep(backoff_ms * 1000);
        backoff_ms = std::min(backoff_ms * 2, 5000);
        continue;
      }
    }
    pollfd fds[2] = {{PQsocket(conn->raw()), POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    // The safety net: re-read the log at least this often, whatever arrives.
    const int waited_ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::steady_clock::now() - last_read)
                                               .count());
    ::poll(fds, 2, std::max(0, options_.safety_net_ms - waited_ms));
    bool read_log = false;
    if (fds[1].revents & POLLIN) {
      char buf[256];
      [[maybe_unused]] auto n = ::read(wake_pipe_[0], buf, sizeof buf);
      read_log = true;  // poked: asked to re-read
    }
    if (stopping_) break;
    try {
      if (PQconsumeInput(conn->raw()) == 0) {
        throw PgError(std::string("PQconsumeInput: ") + PQerrorMessage(conn->raw()), "", true);
      }
      const int own = local_writer_pid_.load();
      while (PGnotify* n = PQnotifies(conn->raw())) {
        if (std::string_view(n->relname) == "hall_directory") {
          DirectoryChanged(n->extra ? n->extra : "");
        } else if (std::string_view(n->relname) == "hall_revocations") {
          std::function<void(const std::string&)> handler;
          {
            MutexLock lock(&mu_);
            handler = on_revocation_;
          }
          if (handler) handler(n->extra ? n->extra : "");
        } else if (own != 0 && n->be_pid == own) {
          own_notifications_ += 1;
        } else {
          read_log = true;
        }
        PQfreemem(n);
      }
      if (std::chrono::steady_clock::now() - last_read >=
          std::chrono::milliseconds(options_.safety_net_ms)) {
        read_log = true;
      }
      if (read_log) {
        FetchFromLog(*conn);
        last_read = std::chrono::steady_clock::now();
      }
    } catch (const PgError& e) {
      spdlog::warn("feed: {}", e.what());
      conn.reset();
    }
  }
}

}  // namespace hall::store
