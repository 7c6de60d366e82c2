// EventFeed: this server's in-memory window on the tail of the incident log.
//
// It holds the most recent events in a ring, contiguous by seq, and wakes
// subscribers (watch streams) when new ones arrive. Events arrive two ways:
// this server's appender hands over what it committed, and a listener thread
// that LISTENs on `hall_events` re-reads `seq > head` from the log when
// another server commits (the notification is only a hint; the log is the
// truth; this server's own are skipped), and as a safety net re-reads the
// log every `safety_net_ms` even without a notification. Because commit order equals seq order,
// reading `seq > head` never skips an event.
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

#include "base/mutex.h"
#include "hall/v1/incident.pb.h"

namespace hall::store {

struct FeedOptions {
  size_t capacity = 65536;   // events kept in memory
  int safety_net_ms = 1000;  // re-read the log at least this often
  bool listen = true;        // LISTEN for other servers' commits (tests turn it off)
};

using EventPtr = std::shared_ptr<const v1::IncidentEvent>;

class FeedSubscriber {
 public:
  virtual ~FeedSubscriber() = default;
  // New events may be readable. Called on the dispatch thread; must not block.
  virtual void OnFeedAdvanced() = 0;
};

class EventFeed {
 public:
  explicit EventFeed(std::string conninfo, FeedOptions options = {});
  ~EventFeed();

  // Reads the current head from the log and starts the listener. Throws
  // PgError when the database cannot be reached.
  void Start();
  void Stop();

  int64_t head() const { return head_.load(); }

  // Hands over events this server just committed (contiguous, seq order).
  void OnLocalCommit(std::vector<v1::IncidentEvent> events);
  // The backend process of this server's log writer (the appender's
  // connection): its notifications are skipped, since what it commits is
  // handed over by OnLocalCommit — one log read and one wake fewer per
  // commit. (Should a pid be reused by another server's connection after a
  // database restart, before the appender has reconnected, that server's
  // commits wait for the safety net's read.)
  void SetLocalWriter(int backend_pid) { local_writer_pid_ = backend_pid; }
  // Re-read the log now: a commit of this server may have been saved
  // without being handed over (its connection was lost at the commit).
  void CatchUp() { Poke(); }

  // Figures for tests and metrics: reads of the log, and notifications
  // skipped as this server's own.
  int64_t log_reads() const { return log_reads_.load(); }
  int64_t own_notifications() const { return own_notifications_.load(); }

  enum class Read { kOk, kTooOld };
  // Appends to *out up to `max` events with seq > after that pass `keep`,
  // scanning at most `max_scan` events, and sets *cursor to the last seq
  // scanned (or `after` when none). kTooOld when `after` precedes the ring:
  // read the log instead, up to ring_first() - 1.
  Read ReadAfter(int64_t after, size_t max, size_t max_scan,
                 const std::function<bool(const v1::IncidentEvent&)>& keep,
                 std::vector<EventPtr>* out, int64_t* cursor) const;
  int64_t ring_first() const;

  // Called (on the listener thread) with "person:<id>" or "kiosk:<id>"
  // when any server revokes a principal's sessions (NOTIFY
  // hall_revocations): the server drops its cached sign-ins and ends its
  // streams. Must not block.
  void OnRevocation(std::function<void(const std::string&)> handler);
  // Called (on the listener thread) when what a cached sign-in or a hall's
  // plan derives from changes (NOTIFY hall_directory, sent by the
  // database's triggers, schema/0008): "person:<id>", "kiosk:<id>",
  // "hall:<id>", or "*" for everything — also each time the listener
  // (re)connects, since what was sent while it was away is lost. Must not
  // block.
  void OnDirectoryChange(std::function<void(const std::string&)> handler);
  // Called (on the listener thread) with the events it read from the log
  // that this server's appender had not handed over — another server's
  // commits (and, rarely, this server's own after a gap), in seq order.
  // Must not block.
  void OnLogEvents(std::function<void(const std::vector<EventPtr>&)> handler);
  // Called after each wake of the subscribers (on the thread that woke
  // them: the appender's for a few, the dispatch thread's for many) with
  // the µs it took and how many there were. Each watch stream starts its
  // write in its wake, so this is the server's side of a fan-out: what a
  // press costs before it is on its way to every open desk. Must not block.
  void OnWoken(std::function<void(int64_t micros, size_t subscribers)> handler);

  void Subscribe(std::shared_ptr<FeedSubscriber> s);
  void Unsubscribe(const FeedSubscriber* s);
  size_t subscribers() const;

 private:
  void ListenLoop();
  void DirectoryChanged(const std::string& what);
  void DispatchLoop();
  void FetchFromLog(class PgConnection& conn);
  // Appends events that continue the ring; returns false on a gap.
  bool AppendContiguous(std::vector<EventPtr>& events);
  void Wake();
  // Wakes each of `subs`, then reports the pass to on_woken.
  void WakeAll(const std::vector<std::shared_ptr<FeedSubscriber>>& subs,
               const std::function<void(int64_t, size_t)>& on_woken);
  void Poke();  // ask the listener to re-read the log now

  const std::string conninfo_;
  const FeedOptions options_;

  mutable Mutex mu_;
  std::deque<EventPtr> ring_ GUARDED_BY(mu_);  // seqs first_seq_ .. head_
  int64_t first_seq_ GUARDED_BY(mu_) = 1;
  std::atomic<int64_t> head_{0};  // written under mu_, read anywhere
  std::atomic<int> local_writer_pid_{0};
  std::atomic<int64_t> log_reads_{0}, own_notifications_{0};
  std::vector<std::shared_ptr<FeedSubscriber>> subs_ GUARDED_BY(mu_);
  std::function<void(const std::string&)> on_revocation_ GUARDED_BY(mu_);
  std::function<void(const std::string&)> on_directory_change_ GUARDED_BY(mu_);
  std::function<void(const std::vector<EventPtr>&)> on_log_events_ GUARDED_BY(mu_);
  std::function<void(int64_t, size_t)> on_woken_ GUARDED_BY(mu_);

  Mutex dispatch_mu_;
  CondVar dispatch_cv_;
  bool dispatch_pending_ GUARDED_BY(dispatch_mu_) = false;
  std::atomic<bool> stopping_{false};
  int wake_pipe_[2] = {-1, -1};
  std::thread listener_;
  std::thread dispatcher_;
};

}  // namespace hall::store
