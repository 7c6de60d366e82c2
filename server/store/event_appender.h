// EventAppender: the one writer of the incident log on this server.
//
// Every change to the log goes through here, as a unit: a raise (a
// domain::RaisePlan, built once by the caller) or a piece of work that
// reads the incident it changes, decides through the pure domain core, and
// appends events through an AppendContext. Units are group-committed: one
// thread takes every pending unit into one transaction (many appends per
// fsync). The transaction first takes the log's advisory lock (log_sql.h);
// every insert computes its seq as the log's head + 1 inside the statement,
// so seq is gap-free and commit order equals seq order across every server
// on the database (DESIGN.md #2).
//
// One write path: a raise is written by one statement (incident row, RAISED
// event, its timers, and its checklist's texts unless that set is stored
// already) whichever way its batch goes. When every unit of a batch is a
// raise, the whole transaction — open, lock, the inserts, notify, commit —
// goes to the server in one libpq pipeline: one round trip, one fsync.
// Otherwise (or when the pipeline fails) the batch runs statement by
// statement. Stored rows carry no seq; the seq columns are the one truth.
//
// Every write of an incident also rewrites its durable timers from its new
// state (domain::TimersOf), in the same statement: a timer never outlives
// the state it was set for.
//
// Failure: a unit that fails with a domain Error writes nothing. A unit
// whose SQL fails is taken out and the batch is re-run without it. If the
// connection drops, every unit of the batch gets UNAVAILABLE (the outcome
// is unknown: raises are idempotent, so callers retry).
//
// The feed (if any) is handed each batch's committed events in seq order,
// by construction (units run in order and each insert takes the next seq),
// before any caller hears back.
//
// Thread-safety: Submit* may be called from any thread; work and done run
// on the appender thread, done after the commit.
#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/mutex.h"
#include "domain/clock.h"
#include "domain/error.h"
#include "domain/raise.h"
#include "hall/v1/incident.pb.h"
#include "store/pg.h"

namespace hall::store {

class EventFeed;

// Drops the checklist's fixed texts (text_zh, text_en, citation) from an
// incident copy: log rows and incident rows carry ids, states and
// deadlines; the texts are written once per distinct set (checklist_texts,
// schema 0007, named by digest from the incident row) and joined back by
// every read of incidents (incident_reads.h). Keeps each raise's rows
// small, which is most of the cost of its commit.
void CompactChecklist(v1::Incident* incident);

// What a committed batch set in motion, for whoever acts on it (the timer
// loop, the notifier outbox).
struct CommitSummary {
  // The earliest due time (clock µs) among the timers the batch wrote; 0
  // when it wrote none.
  int64_t earliest_timer_us = 0;
  bool deliveries_queued = false;  // notifier deliveries were queued
};

// What a unit of work may do inside the appending transaction.
class AppendContext {
 public:
  AppendContext(PgConnection& conn, int64_t now_us) : conn_(conn), now_us_(now_us) {}
  PgConnection& conn() { return conn_; }
  // The clock's now for this batch.
  int64_t now_micros() const { return now_us_; }

  // Inserts a planned raise — incident row, RAISED event and timers, in one
  // statement. Returns false (and writes nothing) when the (reporter,
  // request id) was seen before or the hall or place does not exist. On
  // success sets the seq on the plan's incident and event.
  bool Insert(domain::RaisePlan* raise);
  // Appends `event`, whose `incident` is the incident's state after it:
  // replaces the current-state row, writes the log row and rewrites the
  // incident's timers. Sets the seq on the event (and its incident).
  void Append(v1::IncidentEvent* event);
  // Append on each of `events`, in order, in one round trip (a libpq
  // pipeline): for a unit that decides many changes before writing any,
  // such as the timers of a batch of incidents.
  void AppendAll(std::vector<v1::IncidentEvent>* events);

  // Events appended so far by the current unit (with seq, compact).
  std::vector<v1::IncidentEvent>& appended() { return appended_; }
  // The timers and deliveries the current unit's writes set.
  const CommitSummary& summary() const { return summary_; }
  // A unit that set something due without events (a drill's injects) says
  // so, for the timer loop to be woken if it is sooner than it planned.
  void NoteDue(int64_t due_us) {
    if (summary_.earliest_timer_us == 0 || due_us < summary_.earliest_timer_us)
      summary_.earliest_timer_us = due_us;
  }

 private:
  // Append's two halves: the statement, and what follows its result.
  Statement AppendStatement(v1::IncidentEvent* event, int64_t* earliest_timer);
  void Appended(v1::IncidentEvent* event, const PgResult& r, int64_t earliest_timer);

  PgConnection& conn_;
  int64_t now_us_;
  std::vector<v1::IncidentEvent> appended_;
  CommitSummary summary_;
};

// The steady clock's now in ns: when a RaiseUnit passed each step.
int64_t SteadyNowNs();

// A raise waiting for the appender, and what became of it.
struct RaiseUnit {
  domain::RaisePlan plan;
  bool created = false;  // this unit inserted it
  bool folded = false;   // a repeated press, counted on the reporter's open incident
  // The stored incident: the new one, a retry's, or the one folded into;
  // a new one without its checklist's texts (the answer carries none).
  v1::Incident incident;
  // When it passed each step, steady-clock ns (for the stage metrics):
  // submitted, taken into a batch, committed, handed to the feed.
  int64_t submitted_ns = 0, taken_ns = 0, committed_ns = 0, published_ns = 0;
};

class EventAppender {
 public:
  using Work = std::function<Status(AppendContext&)>;
  using Done = std::function<void(Status)>;

  // `feed` (may be null) receives the committed events; `clock` gives each
  // batch its now and must outlive the appender.
  EventAppender(std::string conninfo, EventFeed* feed, const domain::Clock& clock,
                int max_batch = 256);
  ~EventAppender();  // runs what was submitted, then stops

  void Submit(Work work, Done done);
  // A raise. OK with unit->created and unit->incident set (a retry of a
  // known request id answers with the incident it made; a repeated press of
  // the same kind while the reporter's incident is open folds into it,
  // unit->folded); NOT_FOUND for a hall that does not exist,
  // INVALID_ARGUMENT for a place not in it, RESOURCE_EXHAUSTED for presses
  // folding faster than domain::kMaxFoldsPerMinute.
  void SubmitRaise(std::shared_ptr<RaiseUnit> unit, Done done);
  // Runs one unit and waits (tools and tests).
  Status Run(Work work);
  // Called on the appender thread after every commit that wrote events,
  // with the earliest timer it wrote and whether it queued deliveries (the
  // timer loop looks again only when a timer is due sooner than it planned).
  void SetCommitListener(std::function<void(const CommitSummary&)> listener);

  // What the server does for every new incident as soon as it exists: the
  // engine starts its chain (alerts the first stage), as the incident's
  // start timer would. Runs on the appender thread once per batch that
  // inserted incidents (not for retries or folded presses), right after
  // the batch was committed, published and answered — so a press's path is
  // the one commit, as without it — in a transaction of its own, before
  // the next batch; it appends through `ctx`. Doing it here rather than in
  // the timer loop spares the engine's wake, its claim and re-read of the
  // incident, and its next pass. Should it fail, the start timer each
  // raise wrote is offered to the timer loop, which fires it as it would
  // without this. Setting it (or clearing it, with nullptr) waits for a
  // batch in progress, so whoever clears it may then go away.
  using RaiseFollowUp =
      std::function<void(AppendContext&, const std::vector<const v1::Incident*>&)>;
  void SetRaiseFollowUp(RaiseFollowUp follow_up);

  // Figures for metrics: batches committed, units and events in them, and
  // the real time spent running them (µs).
  int64_t batches() const { return batches_.load(); }
  int64_t units() const { return units_.load(); }
  int64_t events() const { return events_.load(); }
  int64_t busy_us() const { return busy_us_.load(); }
  // Of that, the raise follow-ups (the new incidents' chain starts): how
  // many ran, and their time (µs) — what a press costs beyond its insert.
  int64_t follow_ups() const { return follow_ups_.load(); }
  int64_t follow_up_us() const { return follow_up_us_.load(); }
  // Units waiting for the appender thread now.
  size_t queued();

 private:
  struct Unit {
    Work work;
    Done done;
    std::shared_ptr<RaiseUnit> raise;
    Status result;
    std::vector<v1::IncidentEvent> events;
    CommitSummary summary;  // of its writes, once they committed
  };
  void Loop();
  void RunBatch(std::vector<Unit*> live);
  // True when the pipeline committed; raises it did not insert (retries,
  // a missing hall or place) are left with raise->created false.
  bool RunPipelined(std::vector<Unit>& batch);
  // Hands committed events (in seq order) to the feed and the commit's
  // summary to the listener.
  void Publish(std::vector<v1::IncidentEvent> committed, const CommitSummary& summary,
               const std::function<void(const CommitSummary&)>& on_commit);
  // Runs the raise follow-up for the units that inserted an incident, in a
  // transaction of its own, and publishes what it wrote with the timers
  // left to the timer loop.
  void FollowUp(const std::vector<Unit*>& raised,
                const std::function<void(const CommitSummary&)>& on_commit);
  bool EnsureConnection();
  // Drops the connection after a failure whose outcome is unknown; the feed
  // re-reads the log, in case the batch committed after all.
  void DropConnection();

  const std::string conninfo_;
  EventFeed* feed_;
  const domain::Clock& clock_;
  const int max_batch_;
  std::unique_ptr<PgConnection> conn_;  // appender thread only
  Mutex mu_;
  CondVar cv_;
  std::function<void(const CommitSummary&)> on_commit_ GUARDED_BY(mu_);
  std::deque<Unit> queue_ GUARDED_BY(mu_);
  // Held by the appender thread while it runs a batch or a follow-up.
  Mutex batch_mu_;
  RaiseFollowUp follow_up_ GUARDED_BY(batch_mu_);
  bool stopping_ GUARDED_BY(mu_) = false;
  std::thread thread_;
  std::atomic<int64_t> batches_{0}, units_{0}, events_{0}, busy_us_{0};
  std::atomic<int64_t> follow_ups_{0}, follow_up_us_{0};
};

}  // namespace hall::store
