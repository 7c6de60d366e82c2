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
// The fast path's raise: like kInsertIncident, but the seq is the log's
// head + 1 read inside the statement (the transaction holds the log lock).
constexpr Sql kPipelinedInsert{
    "append_pipelined_insert",
    "WITH s AS (SELECT coalesce(max(seq), 0) + 1 AS seq FROM incident_events),"
    " i AS ("
    " INSERT INTO incidents (id, hall_id, location_id, category, severity, status, drill,"
    "  reporter_key, request_id, reported_at, updated_at, last_seq, snapshot)"
    " SELECT $1, $2, $3::text, $4, $5, $6, $7, $8, $9, $10, $10, s.seq, $11 FROM s"
    " WHERE EXISTS (SELECT 1 FROM halls WHERE id = $2)"
    "   AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM locations WHERE id = $3 AND hall_id = $2))"
    " ON CONFLICT (reporter_key, request_id) DO NOTHING RETURNING id, last_seq)"
    " INSERT INTO incident_events (seq, incident_id, hall_id, kind, actor_id, at, drill, payload)"
    " SELECT i.last_seq, i.id, $2, $12, $13, $10, $7, $14 FROM i RETURNING seq"};
constexpr Sql kPipelineBegin{"append_pipeline_begin", "BEGIN"};
constexpr Sql kPipelineLock{"append_pipeline_lock", "SELECT pg_advisory_xact_lock(7262002)"};
constexpr Sql kPipelineNotify{"append_pipeline_notify", "SELECT pg_notify('hall_events', '')"};
constexpr Sql kPipelineCommit{"append_pipeline_commit", "COMMIT"};

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

void EventAppender::Submit(Work work, Done done) { Submit(std::move(work), std::move(done), nullptr); }

void EventAppender::Submit(Work work, Done done, std::shared_ptr<PreparedRaise> fast) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(Unit{std::move(work), std::move(done), kOk, {}, std::move(fast)});
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
    bool all_fast = true;
    for (auto& u : batch) all_fast = all_fast && u.fast != nullptr;
    std::vector<Unit*> slow;
    if (all_fast && RunPipelined(batch)) {
      for (auto& u : batch) {
        if (!u.fast->inserted) slow.push_back(&u);  // a retry, or a missing hall
      }
    } else {
      for (auto& u : batch) slow.push_back(&u);
    }
    if (!slow.empty()) RunBatch(slow);
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

bool EventAppender::EnsureConnection() {
  if (conn_ && conn_->ok()) return true;
  conn_.reset();
  try {
    conn_ = std::make_unique<PgConnection>(conninfo_);
    // The appender runs the same few statements thousands of times: plan
    // them once. (Left to itself PostgreSQL keeps re-planning statements
    // whose custom plans look cheaper, which cost more than executing them.)
    conn_->ExecSimple("appender_plan_mode", "SET plan_cache_mode = force_generic_plan");
    return true;
  } catch (const PgError& e) {
    spdlog::warn("appender: {}", e.what());
    return false;
  }
}

bool EventAppender::RunPipelined(std::vector<Unit>& batch) {
  if (!EnsureConnection()) return false;
  PgConnection& c = *conn_;
  try {
    for (const Sql* q : {&kPipelineBegin, &kPipelineLock, &kPipelinedInsert, &kPipelineNotify,
                         &kPipelineCommit}) {
      c.Prepare(*q);
    }
  } catch (const PgError&) {
    return false;
  }
  PGconn* raw = c.raw();
  if (PQenterPipelineMode(raw) != 1) return false;
  bool sent = c.SendPrepared(kPipelineBegin, {}) && c.SendPrepared(kPipelineLock, {});
  for (auto& u : batch) {
    PreparedRaise& r = *u.fast;
    const v1::Incident& inc = r.incident;
    v1::IncidentEvent stored = r.event;  // seq and last_seq: the columns, on read
    *stored.mutable_incident() = inc;
    CompactChecklist(stored.mutable_incident());
    sent = sent && c.SendPrepared(
        kPipelinedInsert,
        {inc.id(), inc.hall_id(), PgParam::NullIfEmpty(inc.location_id()), inc.category(),
         static_cast<int>(inc.severity()), static_cast<int>(inc.status()), inc.drill(),
         r.reporter_key, r.request_id, MicrosToPgText(domain::ToMicros(inc.reported_at())),
         PgParam::Bytes(Serialize(inc)), static_cast<int>(r.event.kind()), r.event.actor_id(),
         PgParam::Bytes(Serialize(stored))});
  }
  sent = sent && c.SendPrepared(kPipelineNotify, {}) && c.SendPrepared(kPipelineCommit, {}) &&
         PQpipelineSync(raw) == 1;

  // Read every query's result, then the sync; any failure means the batch
  // runs again the ordinary way (raises are idempotent, so a commit whose
  // answer was lost is found there as a retry).
  bool ok = sent;
  std::vector<int64_t> seqs(batch.size(), 0);
  size_t queries = batch.size() + 4;
  for (size_t q = 0; sent && q < queries; ++q) {
    PGresult* r = PQgetResult(raw);
    if (r == nullptr) {
      ok = false;
      break;
    }
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) ok = false;
    if (ok && q >= 2 && q < 2 + batch.size() && PQntuples(r) == 1) {
      seqs[q - 2] = std::strtoll(PQgetvalue(r, 0, 0), nullptr, 10);
    }
    PQclear(r);
    PGresult* end = PQgetResult(raw);  // each query's results end with NULL
    if (end) PQclear(end);
  }
  // Drain to the sync point.
  for (int guard = 0; guard < 10000; ++guard) {
    PGresult* r = PQgetResult(raw);
    if (r == nullptr) {
      if (PQstatus(raw) != CONNECTION_OK) break;
      continue;
    }
    bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
    PQclear(r);
    if (sync) break;
  }
  if (PQexitPipelineMode(raw) != 1) {
    conn_.reset();  // results left over: start clean
    return false;
  }
  if (!ok || PQstatus(raw) != CONNECTION_OK || PQtransactionStatus(raw) != PQTRANS_IDLE) {
    if (PQstatus(raw) == CONNECTION_OK && PQtransactionStatus(raw) != PQTRANS_IDLE) {
      PGresult* r = PQexec(raw, "ROLLBACK");
      if (r) PQclear(r);
    }
    if (PQstatus(raw) != CONNECTION_OK) conn_.reset();
    return false;
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    if (seqs[i] == 0) continue;
    PreparedRaise& r = *batch[i].fast;
    r.inserted = true;
    r.incident.set_last_seq(seqs[i]);
    r.event.set_seq(seqs[i]);
    *r.event.mutable_incident() = r.incident;
    CompactChecklist(r.event.mutable_incident());
    batch[i].events = {r.event};
    batch[i].result = kOk;
  }
  return true;
}

void EventAppender::RunBatch(std::vector<Unit*> live) {
  // Units still in the running; a unit whose SQL failed drops out and the
  // batch is re-run without it.
  while (!live.empty()) {
    if (!EnsureConnection()) {
      for (Unit* u : live) u->result = Error::Unavailable("the database is unavailable; try again shortly");
      return;
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
