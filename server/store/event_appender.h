// EventAppender: the one writer of the incident log on this server.
//
// Each unit of work reads the incident state it needs, decides (through the
// pure domain core) and appends events through an AppendContext. Work is
// group-committed: one thread takes every pending unit into one transaction
// (many appends per fsync). The transaction first takes a database-wide
// advisory lock, then reads max(seq); so seq is gap-free and commit order
// equals seq order across every server on the database (DESIGN.md #2).
//
// A unit that fails with a domain Error writes nothing. A unit whose SQL
// fails is taken out and the batch is re-run without it. If the connection
// drops, every unit of the batch gets UNAVAILABLE (the outcome is unknown:
// raises are idempotent, so callers retry).
//
// Thread-safety: Submit may be called from any thread; work and done run on
// the appender thread, done after the commit.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "domain/error.h"
#include "hall/v1/incident.pb.h"
#include "store/pg.h"

namespace hall::store {

class EventFeed;

// Drops the checklist's fixed texts (text_zh, text_en, citation) from an
// incident copy: a log row carries ids, states and deadlines; the texts live
// in the current-state row (GetIncident, ListIncidents). Keeps each raise's
// log row small, which is most of the cost of its commit.
void CompactChecklist(v1::Incident* incident);

// What a unit of work may do inside the appending transaction.
class AppendContext {
 public:
  AppendContext(PgConnection& conn, int64_t* next_seq, int64_t now_micros)
      : conn_(conn), next_seq_(next_seq), now_micros_(now_micros) {}
  PgConnection& conn() { return conn_; }
  int64_t now_micros() const { return now_micros_; }

  // Inserts a new incident row and its first event, setting seq and
  // last_seq; returns false (and writes nothing) when the hall or place does
  // not exist or the (reporter, request id) was seen before.
  bool InsertIncident(v1::Incident* incident, v1::IncidentEvent* event,
                      const std::string& reporter_key, const std::string& request_id);
  // Replaces the incident's current state and appends the event.
  void UpdateIncident(v1::Incident* incident, v1::IncidentEvent* event);

  // Events appended so far by the current unit (with seq).
  std::vector<v1::IncidentEvent>& appended() { return appended_; }

 private:
  void Stamp(v1::Incident* incident, v1::IncidentEvent* event);
  PgConnection& conn_;
  int64_t* next_seq_;
  int64_t now_micros_;
  std::vector<v1::IncidentEvent> appended_;
};

// A raise ready to insert as it is: the fast path. When every unit of a
// batch is one of these, the whole transaction — open, lock, the inserts
// (seq computed in the database), notify, commit — goes to the server in one
// libpq pipeline: one round trip and one fsync. On any trouble the batch
// runs the ordinary way, through each unit's Work.
struct PreparedRaise {
  v1::Incident incident;      // without seq: the database assigns it
  v1::IncidentEvent event;
  std::string reporter_key;
  std::string request_id;
  bool inserted = false;      // set when the fast path stored it (seq filled in)
};

class EventAppender {
 public:
  using Work = std::function<Status(AppendContext&)>;
  using Done = std::function<void(Status)>;

  // `feed` (may be null) receives the committed events.
  EventAppender(std::string conninfo, EventFeed* feed, int max_batch = 256);
  ~EventAppender();  // runs what was submitted, then stops

  void Submit(Work work, Done done);
  // The same, with a fast-path form of the unit (see PreparedRaise). `work`
  // must do the same thing the slow way; it runs when the fast path cannot.
  void Submit(Work work, Done done, std::shared_ptr<PreparedRaise> fast);
  // Runs one unit and waits (tools and tests).
  Status Run(Work work);

 private:
  struct Unit {
    Work work;
    Done done;
    Status result;
    std::vector<v1::IncidentEvent> events;
    std::shared_ptr<PreparedRaise> fast;
  };
  void Loop();
  void RunBatch(std::vector<Unit*> live);
  // True when the fast path committed the batch (units not inserted because
  // of a retry or a missing hall still need their Work).
  bool RunPipelined(std::vector<Unit>& batch);
  bool EnsureConnection();

  const std::string conninfo_;
  EventFeed* feed_;
  const int max_batch_;
  std::unique_ptr<PgConnection> conn_;  // appender thread only
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Unit> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;   // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace hall::store
