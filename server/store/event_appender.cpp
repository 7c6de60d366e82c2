#include "store/event_appender.h"

#include <future>
#include <spdlog/spdlog.h>

#include "domain/incident_state.h"
#include "store/event_feed.h"

namespace hall::store {
namespace {

// One round trip: open the transaction, take the log lock, read the head.
// The advisory lock is held until commit, which is what makes commit order
// equal seq order for every server on this database.
constexpr const char* kBeginSql =
    "BEGIN; SELECT pg_advisory_xact_lock(7262002); "
    "SELECT coalesce(max(seq), 0) FROM incident_events";
constexpr const char* kCommitSql = "NOTIFY hall_events; COMMIT";

// Raise in one round trip: the incident row only if the hall (and place)
// exist and the (reporter, request id) is new, and its event with it.
constexpr Sql kInsertIncident{
    "append_insert_incident",
    "WITH i AS ("
    " INSERT INTO incidents (id, hall_id, location_id, category, severity, status, drill,"
    "  reporter_key, request_id, reported_at, updated_at, last_seq, snapshot)"
    " SELECT $1, $2, $3::text, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12"
    " WHERE EXISTS (SELECT 1 FROM halls WHERE id = $2)"
    "   AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM locations WHERE id = $3 AND hall_id = $2))"
    " ON CONFLICT (reporter_key, request_id) DO NOTHING RETURNING id)"
    " INSERT INTO incident_events (seq, incident_id, hall_id, kind, actor_id, at, drill, payload)"
    " SELECT $11, id, $2, $13, $14, $10, $7, $15 FROM i RETURNING seq"};
// A change in one round trip: the new current state and its event.
constexpr Sql kUpdateIncident{
    "append_update_incident",
    "WITH u AS (UPDATE incidents SET category = $2, severity = $3, status = $4, updated_at = $5,"
    " last_seq = $6, snapshot = $7 WHERE id = $1 RETURNING id, hall_id)"
    " INSERT INTO incident_events (seq, incident_id, hall_id, kind, actor_id, at, drill, payload)"
    " SELECT $6, id, hall_id, $8, $9, $5, $10, $11 FROM u RETURNING seq"};

std::string Serialize(const google::protobuf::Message& m) {
  std::string s;
  m.SerializeToString(&s);
  return s;
}

}  // namespace

void CompactChecklist(v1::Incident* incident) {
  for (auto& it : *incident->mutable_checklist()) {
    it.clear_text_zh();
    it.clear_text_en();
    it.clear_citation();
  }
}

void AppendContext::Stamp(v1::Incident* incident, v1::IncidentEvent* event) {
  int64_t seq = (*next_seq_)++;
  incident->set_last_seq(seq);
  event->set_seq(seq);
  *event->mutable_incident() = *incident;
  CompactChecklist(event->mutable_incident());
}

bool AppendContext::InsertIncident(v1::Incident* incident, v1::IncidentEvent* event,
                                   const std::string& reporter_key,
                                   const std::string& request_id) {
  Stamp(incident, event);
  auto r = conn_.Exec(
      kInsertIncident,
      {incident->id(), incident->hall_id(), PgParam::NullIfEmpty(incident->location_id()),
       incident->category(), static_cast<int>(incident->severity()),
       static_cast<int>(incident->status()), incident->drill(), reporter_key, request_id,
       MicrosToPgText(domain::ToMicros(incident->reported_at())), incident->last_seq(),
       PgParam::Bytes(Serialize(*incident)), static_cast<int>(event->kind()), event->actor_id(),
       PgParam::Bytes(Serialize(*event))});
  if (r.rows() == 0) {
    --*next_seq_;  // nothing written: the seq goes back, the log stays gap-free
    return false;
  }
  appended_.push_back(*event);
  return true;
}

void AppendContext::UpdateIncident(v1::Incident* incident, v1::IncidentEvent* event) {
  Stamp(incident, event);
  auto r = conn_.Exec(
      kUpdateIncident,
      {incident->id(), incident->category(), static_cast<int>(incident->severity()),
       static_cast<int>(incident->status()),
       MicrosToPgText(domain::ToMicros(incident->updated_at())), incident->last_seq(),
       PgParam::Bytes(Serialize(*incident)), static_cast<int>(event->kind()), event->actor_id(),
       event->drill(), PgParam::Bytes(Serialize(*event))});
  if (r.rows() != 1) throw PgError("append_update_incident: incident vanished", "P0002", false);
  appended_.push_back(*event);
}

EventAppender::EventAppender(std::string conninfo, EventFeed* feed, int max_batch)
    : conninfo_(std::move(conninfo)), feed_(feed), max_batch_(max_batch) {
  thread_ = std::thread([this] { Loop(); });
}

EventAppender::~EventAppender() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void EventAppender::Submit(Work work, Done done) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(Unit{std::move(work), std::move(done), kOk, {}});
  }
  cv_.notify_one();
}

Status EventAppender::Run(Work work) {
  std::promise<Status> p;
  auto f = p.get_future();
  Submit(std::move(work), [&p](Status s) { p.set_value(std::move(s)); });
  return f.get();
}

void EventAppender::Loop() {
  for (;;) {
    std::vector<Unit> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      while (!queue_.empty() && static_cast<int>(batch.size()) < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
    std::vector<v1::IncidentEvent> committed;
    for (auto& u : batch) {
      if (!u.result) {
        for (auto& e : u.events) committed.push_back(std::move(e));
      }
    }
    // Publish to local watchers first, then answer the callers.
    if (feed_ && !committed.empty()) feed_->OnLocalCommit(std::move(committed));
    for (auto& u : batch) {
      if (u.done) u.done(std::move(u.result));
    }
  }
}

void EventAppender::RunBatch(std::vector<Unit>& batch) {
  // Units still in the running; a unit whose SQL failed drops out and the
  // batch is re-run without it.
  std::vector<Unit*> live;
  for (auto& u : batch) live.push_back(&u);
  while (!live.empty()) {
    if (!conn_ || !conn_->ok()) {
      conn_.reset();
      try {
        conn_ = std::make_unique<PgConnection>(conninfo_);
      } catch (const PgError& e) {
        spdlog::warn("appender: {}", e.what());
        for (Unit* u : live) u->result = Error::Unavailable("the database is unavailable; try again shortly");
        return;
      }
    }
    Unit* current = nullptr;
    try {
      auto head = conn_->ExecSimple("append_begin", kBeginSql);
      int64_t next_seq = head.int64(0, 0) + 1;
      int64_t now = NowMicros();
      for (Unit* u : live) {
        current = u;
        u->events.clear();
        AppendContext ctx(*conn_, &next_seq, now);
        u->result = u->work(ctx);
        if (u->result) {
          // A domain refusal must not leave writes behind.
          if (!ctx.appended().empty()) {
            u->result = Error::Internal("a refused change wrote events; nothing was saved");
            throw PgError("appender: unit wrote before refusing", "", false);
          }
        } else {
          u->events = std::move(ctx.appended());
        }
      }
      current = nullptr;
      conn_->ExecSimple("append_commit", kCommitSql);
      return;
    } catch (const PgError& e) {
      if (!conn_->ok() || e.connection_lost() || current == nullptr) {
        // Lost connection or a failed commit: the outcome is unknown.
        spdlog::warn("appender: batch of {} failed: {}", live.size(), e.what());
        PGresult* r = conn_->ok() ? PQexec(conn_->raw(), "ROLLBACK") : nullptr;
        if (r) PQclear(r);
        Error err = e.ToError();
        if (err.code != ErrorCode::kUnavailable) err = Error::Unavailable("the change could not be saved; try again");
        for (Unit* u : live) {
          u->result = err;
          u->events.clear();
        }
        conn_.reset();
        return;
      }
      PGresult* r = PQexec(conn_->raw(), "ROLLBACK");
      if (r) PQclear(r);
      if (!current->result) current->result = e.ToError();
      current->events.clear();
      std::erase(live, current);
      for (Unit* u : live) u->events.clear();
    }
  }
}

}  // namespace hall::store
