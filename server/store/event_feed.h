// EventFeed: this server's in-memory window on the tail of the incident log.
//
// It holds the most recent events in a ring, contiguous by seq, and wakes
// subscribers (watch streams) when new ones arrive. Events arrive two ways:
// this server's appender hands over what it committed, and a listener thread
// that LISTENs on `hall_events` re-reads `seq > head` from the log when
// another server commits (the notification is only a hint; the log is the
// truth). Because commit order equals seq order, reading `seq > head` never
// skips an event.
//
// Thread-safety: every public method may be called from any thread.
// Subscribers are woken on the feed's dispatch thread, never under its lock.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hall/v1/incident.pb.h"

namespace hall::store {

using EventPtr = std::shared_ptr<const v1::IncidentEvent>;

class FeedSubscriber {
 public:
  virtual ~FeedSubscriber() = default;
  // New events may be readable. Called on the dispatch thread; must not block.
  virtual void OnFeedAdvanced() = 0;
};

class EventFeed {
 public:
  EventFeed(std::string conninfo, size_t capacity = 65536);
  ~EventFeed();

  // Reads the current head from the log and starts the listener. Throws
  // PgError when the database cannot be reached.
  void Start();
  void Stop();

  int64_t head() const { return head_.load(); }

  // Hands over events this server just committed (contiguous, seq order).
  void OnLocalCommit(std::vector<v1::IncidentEvent> events);

  enum class Read { kOk, kTooOld };
  // Appends to *out up to `max` events with seq > after that pass `keep`,
  // scanning at most `max_scan` events, and sets *cursor to the last seq
  // scanned (or `after` when none). kTooOld when `after` precedes the ring:
  // read the log instead, up to ring_first() - 1.
  Read ReadAfter(int64_t after, size_t max, size_t max_scan,
                 const std::function<bool(const v1::IncidentEvent&)>& keep,
                 std::vector<EventPtr>* out, int64_t* cursor) const;
  int64_t ring_first() const;

  void Subscribe(std::shared_ptr<FeedSubscriber> s);
  void Unsubscribe(const FeedSubscriber* s);
  size_t subscribers() const;

 private:
  void ListenLoop();
  void DispatchLoop();
  void FetchFromLog(class PgConnection& conn);
  // Appends events that continue the ring; returns false on a gap.
  bool AppendContiguous(std::vector<EventPtr>& events);
  void Wake();
  void Poke();  // ask the listener to re-read the log now

  const std::string conninfo_;
  const size_t capacity_;

  mutable std::mutex mu_;
  std::deque<EventPtr> ring_;  // GUARDED_BY(mu_), seqs first_seq_ .. head_
  int64_t first_seq_ = 1;      // GUARDED_BY(mu_)
  std::atomic<int64_t> head_{0};
  std::vector<std::shared_ptr<FeedSubscriber>> subs_;  // GUARDED_BY(mu_)

  std::mutex dispatch_mu_;
  std::condition_variable dispatch_cv_;
  bool dispatch_pending_ = false;  // GUARDED_BY(dispatch_mu_)
  std::atomic<bool> stopping_{false};
  int wake_pipe_[2] = {-1, -1};
  std::thread listener_;
  std::thread dispatcher_;
};

}  // namespace hall::store
