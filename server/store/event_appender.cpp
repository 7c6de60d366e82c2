#include "store/event_appender.h"

#include <google/protobuf/util/json_util.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <future>
#include <set>

#include "domain/escalation.h"
#include "domain/incident_change.h"
#include "domain/incident_state.h"
#include "store/engine_store.h"
#include "store/event_feed.h"
#include "store/incident_reads.h"
#include "store/log_sql.h"

namespace hall::store {
namespace {

// The raise, in one statement: the incident row only if the hall (and
// place) exist and the (reporter, request id) is new; its RAISED event with
// seq = the log's head + 1 (the transaction holds the log lock); its timers.
// $1 id, $2 hall, $3 location|null, $4 category, $5 severity, $6 status,
// $7 drill, $8 reporter key, $9 request id, $10 reported at, $11 snapshot,
// $12 event kind, $13 actor, $14 payload, $15 subject kiosk|null,
// $16/$17/$18 timer kinds / keys / due (µs), $19 drill|null, $20/$21 the
// checklist's texts' digest and texts (null: none), stored once (0007).
// (The texts' row is checked by the incident row's foreign key at the end
// of the statement, when the sibling insert is visible.)
constexpr Sql kInsertRaise{
    "append_raise",
    "WITH s AS (SELECT coalesce(max(seq), 0) + 1 AS seq FROM incident_events),"
    " x AS (INSERT INTO checklist_texts (digest, texts) SELECT $20::text, $21::bytea"
    "  WHERE $20::text IS NOT NULL ON CONFLICT (digest) DO NOTHING),"
    " i AS ("
    " INSERT INTO incidents (id, hall_id, location_id, category, severity, status, drill,"
    "  reporter_key, request_id, reported_at, updated_at, last_seq, snapshot, subject_kiosk_id,"
    "  drill_id, texts_digest)"
    " SELECT $1, $2, $3::text, $4, $5, $6, $7, $8, $9, $10, $10, s.seq, $11, $15::text,"
    "  $19::uuid, $20::text FROM s"
    " WHERE EXISTS (SELECT 1 FROM halls WHERE id = $2)"
    "   AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM locations WHERE id = $3 AND hall_id = $2))"
    // A drill's press only while its run is live: checked under the log
    // lock, so a press racing the run's end (and its wind-down) is refused
    // rather than left behind on the board.
    "   AND ($19::uuid IS NULL OR EXISTS (SELECT 1 FROM drills WHERE id = $19::uuid"
    "        AND state IN (1, 2)))"
    // Not a retry of a press that folded, and no open incident of the same
    // kind at the same place by the same reporter (a repeated press folds
    // into it instead; the server's own reports never fold).
    "   AND NOT EXISTS (SELECT 1 FROM folded_presses WHERE reporter_key = $8 AND request_id = $9)"
    "   AND ($8 LIKE 'system:%' OR NOT EXISTS (SELECT 1 FROM incidents o WHERE o.reporter_key = $8"
    "        AND o.category = $4 AND o.drill = $7 AND o.location_id IS NOT DISTINCT FROM $3::text"
    "        AND o.status IN (1, 2)))"
    " ON CONFLICT (reporter_key, request_id) DO NOTHING RETURNING id, last_seq),"
    " e AS (INSERT INTO incident_events (seq, incident_id, hall_id, kind, actor_id, at, drill, "
    "payload)"
    " SELECT i.last_seq, i.id, $2, $12, $13, $10, $7, $14 FROM i RETURNING seq),"
    " t AS (INSERT INTO timers (incident_id, kind, key, due_at)"
    " SELECT i.id, x.k, x.key, timestamptz 'epoch' + x.due * interval '1 microsecond'"
    " FROM i, unnest($16::text[], $17::text[], $18::bigint[]) AS x(k, key, due))"
    " SELECT seq FROM e"};

// A change, in one statement: the new current state, its event with the
// next seq, and the incident's timers rewritten from that state. $1 id,
// $2 category, $3 severity, $4 status, $5 at, $6 snapshot, $7 kind,
// $8 actor, $9 drill, $10 payload, $11/$12/$13 timer kinds / keys / due,
// $14/$15 the checklist's texts' digest and texts (null: none).
constexpr Sql kAppendChange{
    "append_change",
    "WITH s AS (SELECT coalesce(max(seq), 0) + 1 AS seq FROM incident_events),"
    " x AS (INSERT INTO checklist_texts (digest, texts) SELECT $14::text, $15::bytea"
    "  WHERE $14::text IS NOT NULL ON CONFLICT (digest) DO NOTHING),"
    " u AS (UPDATE incidents SET category = $2, severity = $3, status = $4, updated_at = $5,"
    " last_seq = s.seq, snapshot = $6, texts_digest = $14::text FROM s WHERE id = $1"
    " RETURNING incidents.id, incidents.hall_id, s.seq),"
    " e AS (INSERT INTO incident_events (seq, incident_id, hall_id, kind, actor_id, at, drill, "
    "payload)"
    " SELECT u.seq, u.id, u.hall_id, $7, $8, $5, $9, $10 FROM u RETURNING seq),"
    " d AS (DELETE FROM timers WHERE incident_id = $1 AND EXISTS (SELECT 1 FROM u)),"
    " t AS (INSERT INTO timers (incident_id, kind, key, due_at)"
    " SELECT $1, x.k, x.key, timestamptz 'epoch' + x.due * interval '1 microsecond'"
    " FROM unnest($11::text[], $12::text[], $13::bigint[]) AS x(k, key, due) WHERE EXISTS (SELECT "
    "1 FROM u))"
    " SELECT seq FROM e"};

constexpr Sql kBegin{"append_begin", "BEGIN"};
constexpr Sql kCommit{"append_commit", "COMMIT"};
constexpr Sql kPlanMode{"appender_plan_mode", "SET plan_cache_mode = force_generic_plan"};
// Names the appender's session (pg_stat_activity), for operators and tests.
constexpr Sql kAppName{"appender_app_name", "SET application_name = 'hall_appender'"};

// A batch's transaction with the log's lock: begun with its lock, and
// committed with its notification, in one round trip each (a pipeline)
// rather than two — a batch's fixed cost, paid by every desk command and
// engine pass, and under load mostly waiting for PostgreSQL to be given a
// core. Rolls back unless committed; throws PgError as Exec does.
class LockedBatch {
 public:
  explicit LockedBatch(PgConnection& c) : c_(c) {
    c_.ExecPipelined({{&kBegin, {}}, {&kLockLog, {}}});
  }
  ~LockedBatch() {
    if (!committed_) c_.RollbackQuietly();
  }
  LockedBatch(const LockedBatch&) = delete;
  LockedBatch& operator=(const LockedBatch&) = delete;
  // With `notify`, tells every server's feed that the log grew.
  void Commit(bool notify) {
    committed_ = true;
    if (notify) {
      c_.ExecPipelined({{&kNotifyLog, {}}, {&kCommit, {}}});
    } else {
      c_.ExecPipelined({{&kCommit, {}}});
    }
  }

 private:
  PgConnection& c_;
  bool committed_ = false;
};

std::string Serialize(const google::protobuf::Message& m) {
  std::string s;
  m.SerializeToString(&s);
  return s;
}

// The incident's timers as three array parameters.
struct TimerParams {
  explicit TimerParams(const v1::Incident& incident) {
    std::vector<std::string> k, key;
    std::vector<int64_t> due;
    for (const auto& t : domain::TimersOf(incident)) {
      k.push_back(t.kind);
      key.push_back(t.key);
      due.push_back(t.due_us);
      if (earliest == 0 || t.due_us < earliest) earliest = t.due_us;
    }
    kinds = ToPgArray(k);
    keys = ToPgArray(key);
    dues = ToPgIntArray(due);
  }
  std::string kinds, keys, dues;
  int64_t earliest = 0;  // 0: none
};

// Folds `from` into `into`: the earlier timer, any deliveries.
void Merge(CommitSummary* into, const CommitSummary& from) {
  if (from.earliest_timer_us != 0 &&
      (into->earliest_timer_us == 0 || from.earliest_timer_us < into->earliest_timer_us)) {
    into->earliest_timer_us = from.earliest_timer_us;
  }
  into->deliveries_queued = into->deliveries_queued || from.deliveries_queued;
}

// The checklist's texts as two parameters: digest and texts, or nulls.
std::pair<PgParam, PgParam> TextsParams(const ChecklistTexts& t) {
  if (t.digest.empty()) return {PgParam(std::nullopt), PgParam(std::nullopt)};
  return {PgParam(t.digest), PgParam::Bytes(t.blob)};
}

// An incident's checklist texts moved aside, and put back when this goes:
// a copy taken meanwhile is compact without copying the texts only to
// clear them. The appender copies an incident several times per write
// (its row, its log payload, the event it publishes); copying the texts
// and freeing them again was a large part of its allocations
// (docs/performance.md, step 17). The checklist must keep its items and
// their order meanwhile: only copy.
class TextsAside {
 public:
  explicit TextsAside(v1::Incident* incident) : incident_(incident) {
    held_.resize(static_cast<size_t>(incident->checklist_size()) * 3);
    Swap();
  }
  ~TextsAside() { Swap(); }
  TextsAside(const TextsAside&) = delete;
  TextsAside& operator=(const TextsAside&) = delete;

 private:
  void Swap() {
    size_t k = 0;
    for (auto& it : *incident_->mutable_checklist()) {
      if (k + 3 > held_.size()) break;
      it.mutable_text_zh()->swap(held_[k++]);
      it.mutable_text_en()->swap(held_[k++]);
      it.mutable_citation()->swap(held_[k++]);
    }
  }
  v1::Incident* incident_;
  std::vector<std::string> held_;
};

// The stored forms of a write: the incident row's snapshot and the log
// row's payload (`event` carrying `incident`), both without seq and
// compact (the texts go once to checklist_texts). `incident` may be the
// event's own.
struct StoredForms {
  StoredForms(v1::Incident* incident, const v1::IncidentEvent& event) {
    TextsAside aside(incident);
    v1::Incident stored_incident = *incident;
    stored_incident.clear_last_seq();
    snapshot = Serialize(stored_incident);
    v1::IncidentEvent stored_event = event;
    stored_event.clear_seq();
    *stored_event.mutable_incident() = std::move(stored_incident);
    payload = Serialize(stored_event);
  }
  std::string snapshot, payload;
};

// The raise's statement parameters. Sets *earliest_timer to its earliest
// timer (0: none).
std::vector<PgParam> RaiseParams(domain::RaisePlan* r, int64_t* earliest_timer) {
  v1::Incident& inc = r->incident;
  auto texts = TextsParams(TextsOf(inc));
  TimerParams timers(inc);
  *earliest_timer = timers.earliest;
  StoredForms stored(&inc, r->event);
  return {inc.id(),
          inc.hall_id(),
          PgParam::NullIfEmpty(inc.location_id()),
          inc.category(),
          static_cast<int>(inc.severity()),
          static_cast<int>(inc.status()),
          inc.drill(),
          r->reporter_key,
          r->request_id,
          MicrosToPgText(domain::ToMicros(inc.reported_at())),
          PgParam::Bytes(std::move(stored.snapshot)),
          static_cast<int>(r->event.kind()),
          r->event.actor_id(),
          PgParam::Bytes(std::move(stored.payload)),
          PgParam::NullIfEmpty(inc.subject_kiosk_id()),
          timers.kinds,
          timers.keys,
          timers.dues,
          PgParam::NullIfEmpty(inc.drill_id()),
          std::move(texts.first),
          std::move(texts.second)};
}

// Sets seq on a stored raise and makes the event the feed publishes.
v1::IncidentEvent Stamped(domain::RaisePlan* r, int64_t seq) {
  r->incident.set_last_seq(seq);
  r->event.set_seq(seq);
  TextsAside aside(&r->incident);
  *r->event.mutable_incident() = r->incident;
  return r->event;
}

// The raise's incident as the unit answers with it: without the texts
// (as the published event; the caller's answer carries none).
v1::Incident Answered(domain::RaisePlan* r) {
  TextsAside aside(&r->incident);
  return r->incident;
}

// The JSON a notifier receives for an alert: what happened, where, who is
// asked to act (with their numbers, for an SMS or voice gateway), and why.
std::string AlertPayload(const v1::IncidentEvent& e) {
  const v1::Incident& inc = e.incident();
  v1::IncidentEvent envelope;
  envelope.set_seq(e.seq());
  envelope.set_incident_id(e.incident_id());
  envelope.set_hall_id(e.hall_id());
  envelope.set_kind(e.kind());
  *envelope.mutable_at() = e.at();
  envelope.set_note(e.note());
  envelope.set_citation(e.citation());
  *envelope.mutable_alert() = e.alert();
  v1::Incident* brief = envelope.mutable_incident();
  brief->set_id(inc.id());
  brief->set_hall_id(inc.hall_id());
  brief->set_location_id(inc.location_id());
  brief->set_category(inc.category());
  brief->set_severity(inc.severity());
  brief->set_status(inc.status());
  brief->set_summary(inc.summary());
  brief->set_grade(inc.grade());
  *brief->mutable_reported_at() = inc.reported_at();
  std::string json;
  google::protobuf::util::JsonPrintOptions o;
  o.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(envelope, &json, o);
  return json;
}

}  // namespace

int64_t SteadyNowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void CompactChecklist(v1::Incident* incident) {
  for (auto& it : *incident->mutable_checklist()) {
    it.clear_text_zh();
    it.clear_text_en();
    it.clear_citation();
  }
}

bool AppendContext::Insert(domain::RaisePlan* raise) {
  CommitSummary written;
  auto r = conn_.Exec(kInsertRaise, RaiseParams(raise, &written.earliest_timer_us));
  if (r.rows() == 0) return false;
  Merge(&summary_, written);
  appended_.push_back(Stamped(raise, r.int64(0, 0)));
  return true;
}

Statement AppendContext::AppendStatement(v1::IncidentEvent* event, int64_t* earliest_timer) {
  v1::Incident* inc = event->mutable_incident();
  // The texts stored for the new state. A state built from a compact copy
  // (an event, or a read that did not join the texts) takes the texts it
  // lacks from the stored row, so that no write drops them.
  ChecklistTexts texts;
  if (LacksTexts(*inc)) {
    v1::Incident whole = *inc;
    if (auto stored = LoadIncident(conn_, inc->id())) FillTexts(&whole, TextsOf(*stored).blob);
    texts = TextsOf(whole);
  } else {
    texts = TextsOf(*inc);
  }
  TimerParams timers(*inc);
  *earliest_timer = timers.earliest;
  StoredForms stored(inc, *event);
  auto texts_params = TextsParams(texts);
  return Statement{
      &kAppendChange,
      {inc->id(), inc->category(), static_cast<int>(inc->severity()),
       static_cast<int>(inc->status()), MicrosToPgText(domain::ToMicros(event->at())),
       PgParam::Bytes(std::move(stored.snapshot)), static_cast<int>(event->kind()),
       event->actor_id(), event->drill(), PgParam::Bytes(std::move(stored.payload)), timers.kinds,
       timers.keys, timers.dues, std::move(texts_params.first), std::move(texts_params.second)}};
}

void AppendContext::Appended(v1::IncidentEvent* event, const PgResult& r, int64_t earliest_timer) {
  const v1::Incident& inc = event->incident();
  if (r.rows() != 1)
    throw PgError("append_change: incident " + inc.id() + " vanished", "P0002", false);
  int64_t seq = r.int64(0, 0);
  event->set_seq(seq);
  event->mutable_incident()->set_last_seq(seq);
  Merge(&summary_, CommitSummary{earliest_timer, false});
  // An alert goes to the hall's notifiers in the same transaction (never
  // for a drill: drills reach no real notifier). Its payload names the seq.
  if (event->kind() == v1::EVENT_KIND_ESCALATED && !event->drill() &&
      event->alert().webhook_deliveries() > 0) {
    std::vector<std::string> tiers(event->alert().tiers().begin(), event->alert().tiers().end());
    EnqueueDeliveries(conn_, inc.id(), inc.hall_id(), tiers, event->alert().stage(),
                      AlertPayload(*event));
    summary_.deliveries_queued = true;
  }
  v1::IncidentEvent published;
  {
    TextsAside aside(event->mutable_incident());
    published = *event;
  }
  appended_.push_back(std::move(published));
}

void AppendContext::Append(v1::IncidentEvent* event) {
  int64_t earliest = 0;
  Statement st = AppendStatement(event, &earliest);
  Appended(event, conn_.Exec(*st.q, st.params), earliest);
}

void AppendContext::AppendAll(std::vector<v1::IncidentEvent>* events) {
  std::vector<Statement> statements;
  std::vector<int64_t> earliest(events->size(), 0);
  statements.reserve(events->size());
  for (size_t i = 0; i < events->size(); ++i)
    statements.push_back(AppendStatement(&(*events)[i], &earliest[i]));
  auto results = conn_.ExecPipelined(statements);
  for (size_t i = 0; i < events->size(); ++i) Appended(&(*events)[i], results[i], earliest[i]);
}

EventAppender::EventAppender(std::string conninfo, EventFeed* feed, const domain::Clock& clock,
                             int max_batch)
    : conninfo_(std::move(conninfo)), feed_(feed), clock_(clock), max_batch_(max_batch) {
  thread_ = std::thread([this] { Loop(); });
}

EventAppender::~EventAppender() {
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  cv_.SignalAll();
  thread_.join();
}

void EventAppender::SetCommitListener(std::function<void(const CommitSummary&)> listener) {
  MutexLock lock(&mu_);
  on_commit_ = std::move(listener);
}

void EventAppender::SetRaiseFollowUp(RaiseFollowUp follow_up) {
  MutexLock lock(&batch_mu_);
  follow_up_ = std::move(follow_up);
}

void EventAppender::Submit(Work work, Done done) {
  {
    MutexLock lock(&mu_);
    queue_.push_back(Unit{std::move(work), std::move(done), nullptr, kOk, {}, {}});
  }
  cv_.Signal();
}

void EventAppender::SubmitRaise(std::shared_ptr<RaiseUnit> unit, Done done) {
  unit->submitted_ns = SteadyNowNs();
  {
    MutexLock lock(&mu_);
    queue_.push_back(Unit{nullptr, std::move(done), std::move(unit), kOk, {}, {}});
  }
  cv_.Signal();
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
    std::function<void(const CommitSummary&)> on_commit;
    {
      MutexLock lock(&mu_);
      while (!stopping_ && queue_.empty()) cv_.Wait(&mu_);
      if (queue_.empty()) return;
      while (!queue_.empty() && static_cast<int>(batch.size()) < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      on_commit = on_commit_;
    }
    const int64_t taken_ns = SteadyNowNs();
    bool all_raises = true;
    for (auto& u : batch) all_raises = all_raises && u.raise != nullptr;
    bool follow_up = false;
    {
      MutexLock batch_lock(&batch_mu_);
      follow_up = follow_up_ != nullptr;
      std::vector<Unit*> rest;
      if (all_raises && RunPipelined(batch)) {
        for (auto& u : batch) {
          if (!u.raise->created) rest.push_back(&u);  // a retry, or a missing hall: explained below
        }
      } else {
        for (auto& u : batch) rest.push_back(&u);
      }
      if (!rest.empty()) RunBatch(rest);
    }
    const int64_t committed_ns = SteadyNowNs();
    // Units ran in order and each insert took the next seq: concatenating
    // their events gives the batch in seq order. The timers of the raises a
    // follow-up is about to take up are offered once it has.
    std::vector<v1::IncidentEvent> committed;
    CommitSummary summary;
    std::vector<Unit*> raised;
    for (auto& u : batch) {
      if (!u.result) {
        for (auto& e : u.events) committed.push_back(std::move(e));
        if (follow_up && u.raise && u.raise->created) {
          raised.push_back(&u);
        } else if (!u.events.empty() || u.summary.earliest_timer_us != 0) {
          Merge(&summary, u.summary);
        }
      }
    }
    batches_ += 1;
    units_ += static_cast<int64_t>(batch.size());
    events_ += static_cast<int64_t>(committed.size());
    busy_us_ += (SteadyNowNs() - taken_ns) / 1000;
    Publish(std::move(committed), summary, on_commit);
    const int64_t published_ns = SteadyNowNs();
    for (auto& u : batch) {
      if (u.raise) {
        u.raise->taken_ns = taken_ns;
        u.raise->committed_ns = committed_ns;
        u.raise->published_ns = published_ns;
      }
      if (u.done) u.done(std::move(u.result));
    }
    if (!raised.empty()) FollowUp(raised, on_commit);
  }
}

void EventAppender::Publish(std::vector<v1::IncidentEvent> committed, const CommitSummary& summary,
                            const std::function<void(const CommitSummary&)>& on_commit) {
  for (size_t i = 1; i < committed.size(); ++i) {
    if (committed[i].seq() != committed[i - 1].seq() + 1) {
      spdlog::critical("appender: batch events out of seq order ({} after {})", committed[i].seq(),
                       committed[i - 1].seq());
    }
  }
  // Publish to local watchers first, then answer the callers.
  if (!committed.empty() && feed_) feed_->OnLocalCommit(std::move(committed));
  if (on_commit && (summary.earliest_timer_us != 0 || summary.deliveries_queued))
    on_commit(summary);
}

void EventAppender::FollowUp(const std::vector<Unit*>& raised,
                             const std::function<void(const CommitSummary&)>& on_commit) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<const v1::Incident*> incidents;
  for (Unit* u : raised) incidents.push_back(&u->raise->plan.incident);
  Unit unit;
  bool tried = false;
  bool ran = false;  // and committed
  {
    MutexLock batch_lock(&batch_mu_);
    if (follow_up_) {
      tried = true;
      RaiseFollowUp follow_up = follow_up_;  // (a copy: used inside the unit's lambda)
      unit.work = [&follow_up, &incidents](AppendContext& ctx) -> Status {
        follow_up(ctx, incidents);
        return kOk;
      };
      RunBatch({&unit});
      ran = !unit.result;
    }
  }
  if (unit.result) {
    spdlog::warn(
        "appender: the raises' follow-up failed ({}); their start timers remain for the "
        "timer loop",
        unit.result->message);
  }
  // The timers it rewrote are the ones left of the incidents it touched;
  // the others (all of them, had it failed) keep what their raise wrote.
  std::set<std::string> touched;
  CommitSummary summary;
  if (ran) {
    for (const auto& e : unit.events) touched.insert(e.incident_id());
    summary = unit.summary;
    batches_ += 1;
    units_ += 1;
    events_ += static_cast<int64_t>(unit.events.size());
  } else {
    unit.events.clear();
  }
  for (Unit* u : raised) {
    if (!touched.count(u->raise->plan.incident.id())) Merge(&summary, u->summary);
  }
  const int64_t spent_us = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::steady_clock::now() - started)
                               .count();
  busy_us_ += spent_us;
  if (tried) {
    follow_ups_ += 1;
    follow_up_us_ += spent_us;
  }
  Publish(std::move(unit.events), summary, on_commit);
}

bool EventAppender::EnsureConnection() {
  if (conn_ && conn_->ok()) return true;
  conn_.reset();
  try {
    conn_ = std::make_unique<PgConnection>(conninfo_);
    // The appender runs the same few statements thousands of times: plan
    // them once. (Left to itself PostgreSQL keeps re-planning statements
    // whose custom plans look cheaper, which cost more than executing them.)
    conn_->ExecSimple(kPlanMode);
    conn_->ExecSimple(kAppName);
    // The feed skips the log's notifications this connection sends: what
    // it commits is handed over directly.
    if (feed_) feed_->SetLocalWriter(PQbackendPID(conn_->raw()));
    return true;
  } catch (const PgError& e) {
    spdlog::warn("appender: {}", e.what());
    return false;
  }
}

void EventAppender::DropConnection() {
  conn_.reset();
  if (feed_) feed_->CatchUp();
}

bool EventAppender::RunPipelined(std::vector<Unit>& batch) {
  if (!EnsureConnection()) return false;
  PgConnection& c = *conn_;
  try {
    for (const Sql* q : {&kBegin, &kLockLog, &kInsertRaise, &kNotifyLog, &kCommit}) c.Prepare(*q);
  } catch (const PgError&) {
    return false;
  }
  std::vector<int64_t> seqs(batch.size(), 0);
  std::vector<int64_t> earliest(batch.size(), 0);
  bool ok = false;
  {
    PgPipeline p(c);
    if (!p.entered()) return false;
    bool sent = p.Send(kBegin) && p.Send(kLockLog);
    for (size_t i = 0; i < batch.size(); ++i) {
      sent = sent && p.Send(kInsertRaise, RaiseParams(&batch[i].raise->plan, &earliest[i]));
    }
    sent = sent && p.Send(kNotifyLog) && p.Send(kCommit) && p.Sync();
    // Read every statement's result, then the sync. Any failure means the
    // batch runs again the ordinary way (raises are idempotent, so a commit
    // whose answer was lost is found there as a retry).
    ok = sent;
    const size_t statements = batch.size() + 4;
    for (size_t q = 0; sent && q < statements; ++q) {
      PgPipeline::Outcome out;
      if (!p.Next(&out)) {
        ok = false;
        break;
      }
      if (!out.ok) {
        if (ok) spdlog::debug("appender: pipelined batch failed: {}", out.error);
        ok = false;
      }
      if (ok && q >= 2 && q < 2 + batch.size() && out.rows == 1) {
        seqs[q - 2] = std::strtoll(out.first.c_str(), nullptr, 10);
      }
    }
    if (!p.Finish()) ok = false;
  }  // leaves pipeline mode
  if (!c.ok()) {
    DropConnection();
    return false;
  }
  if (!ok || c.in_transaction()) {
    c.RollbackQuietly();
    return false;
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    if (seqs[i] == 0) continue;
    RaiseUnit& r = *batch[i].raise;
    r.created = true;
    batch[i].events = {Stamped(&r.plan, seqs[i])};
    batch[i].summary = CommitSummary{earliest[i], false};
    r.incident = Answered(&r.plan);
    batch[i].result = kOk;
  }
  return true;
}

namespace {
constexpr Sql kRecordFold{"append_record_fold",
                          "INSERT INTO folded_presses (reporter_key, request_id, incident_id, at)"
                          " VALUES ($1, $2, $3, $4)"};
constexpr Sql kRecentFolds{
    "append_recent_folds",
    "SELECT count(*) FROM folded_presses WHERE incident_id = $1 AND at > $2"};

// The ordinary way for a raise: the same statement; when it writes nothing,
// find out why — a retry answers with its incident; a repeated press of
// the same kind folds into the reporter's open incident (within a rate).
Status RunRaise(AppendContext& ctx, RaiseUnit& r) {
  if (ctx.Insert(&r.plan)) {
    r.created = true;
    r.incident = Answered(&r.plan);
    return kOk;
  }
  auto why = ExplainUninsertedRaise(ctx.conn(), r.plan);
  if (!why) return why.error();
  r.created = false;
  if (why->kind == UninsertedRaise::kRetry) {
    r.folded = why->folded;
    r.incident = std::move(why->incident);
    return kOk;
  }
  // A repeated press: counted on the open incident, once per request id.
  const int64_t now = ctx.now_micros();
  auto recent =
      ctx.conn().Exec(kRecentFolds, {why->incident.id(), MicrosToPgText(now - 60'000'000)});
  if (recent.int64(0, 0) >= domain::kMaxFoldsPerMinute) {
    return Error::ResourceExhausted(
        "this report is already open and has been pressed " +
        std::to_string(domain::kMaxFoldsPerMinute) +
        " times in the last minute; further presses are not counted for now");
  }
  domain::Principal reporter;
  reporter.id = r.plan.event.actor_id();
  reporter.display_name = r.plan.event.actor_name();
  v1::IncidentEvent e = domain::FoldPress(why->incident, reporter, r.plan.incident.summary(), now);
  ctx.conn().Exec(kRecordFold, {r.plan.reporter_key, r.plan.request_id, why->incident.id(),
                                MicrosToPgText(now)});
  ctx.Append(&e);
  r.folded = true;
  r.incident = e.incident();
  return kOk;
}
}  // namespace

void EventAppender::RunBatch(std::vector<Unit*> live) {
  // Units still in the running; a unit whose SQL failed drops out and the
  // batch is re-run without it.
  while (!live.empty()) {
    if (!EnsureConnection()) {
      for (Unit* u : live)
        u->result = Error::Unavailable("the database is unavailable; try again shortly");
      return;
    }
    Unit* current = nullptr;
    try {
      LockedBatch tx(*conn_);
      const int64_t now = clock_.NowMicros();
      for (Unit* u : live) {
        current = u;
        u->events.clear();
        AppendContext ctx(*conn_, now);
        u->result = u->raise ? RunRaise(ctx, *u->raise) : u->work(ctx);
        // A unit that caught a statement's failure and carried on has left
        // the transaction aborted: COMMIT would roll it back without an
        // error, and the batch's writes be reported (and published) as made.
        if (conn_->in_failed_transaction()) {
          u->result = Error::Internal("a statement of this change failed; nothing was saved");
          throw PgError("appender: a unit carried on after a failed statement", "", false);
        }
        if (u->result) {
          // A domain refusal must not leave writes behind.
          if (!ctx.appended().empty()) {
            u->result = Error::Internal("a refused change wrote events; nothing was saved");
            throw PgError("appender: unit wrote before refusing", "", false);
          }
        } else {
          u->events = std::move(ctx.appended());
          u->summary = ctx.summary();
        }
      }
      current = nullptr;
      // Only a batch that grew the log tells the other servers. A batch
      // that wrote no event (a timer pass that found its timers taken by
      // another server) would otherwise send every feed to read nothing,
      // and NOTIFY alone makes PostgreSQL give the transaction an id and
      // flush a commit record to disk.
      const bool grew =
          std::any_of(live.begin(), live.end(), [](const Unit* u) { return !u->events.empty(); });
      tx.Commit(grew);
      return;
    } catch (const PgError& e) {
      if (!conn_->ok() || e.connection_lost() || current == nullptr) {
        // Lost connection or a failed commit: the outcome is unknown.
        spdlog::warn("appender: batch of {} failed: {}", live.size(), e.what());
        Error err = e.ToError();
        if (err.code != ErrorCode::kUnavailable)
          err = Error::Unavailable("the change could not be saved; try again");
        for (Unit* u : live) {
          u->result = err;
          u->events.clear();
          if (u->raise) u->raise->created = false;
        }
        DropConnection();
        return;
      }
      // The transaction rolled back when `tx` went out of scope.
      spdlog::warn("appender: a change failed and was left out of its batch: {}", e.what());
      if (!current->result) current->result = e.ToError();
      current->events.clear();
      std::erase(live, current);
      for (Unit* u : live) {
        u->events.clear();
        if (u->raise) u->raise->created = false;
      }
    }
  }
}

size_t EventAppender::queued() {
  MutexLock lock(&mu_);
  return queue_.size();
}

}  // namespace hall::store
