#include "store/drill_store.h"

#include "domain/drill_score.h"
#include "domain/incident_change.h"
#include "domain/incident_state.h"
#include "store/incident_reads.h"

namespace hall::store {
namespace {

constexpr Sql kInsert{
    "drill_insert",
    "INSERT INTO drills (id, hall_id, scenario_id, scenario, expected, state, starts_at,"
    " kiosk_ids, started_by, started_by_name, request_id)"
    " VALUES ($1, $2, $3, $4, $5, 1, $6, $7::text[], $8, $9, $10)"
    " ON CONFLICT DO NOTHING"};
constexpr Sql kInsertInjects{
    "drill_insert_injects",
    "INSERT INTO drill_injects (drill_id, inject_id, ord, due_at)"
    " SELECT $1, x.id, x.ord, timestamptz 'epoch' + x.due * interval '1 microsecond'"
    " FROM unnest($2::text[], $3::int[], $4::bigint[]) AS x(id, ord, due)"};
constexpr Sql kByRequest{"drill_by_request",
                         "SELECT id::text FROM drills WHERE started_by = $1 AND request_id = $2"};

#define DRILL_COLUMNS                                                                       \
  "d.id::text, d.hall_id, d.scenario, d.expected, d.state,"                                 \
  " (extract(epoch FROM d.starts_at) * 1000000)::bigint,"                                   \
  " (extract(epoch FROM d.paused_at) * 1000000)::bigint, d.paused_us,"                      \
  " (extract(epoch FROM d.ended_at) * 1000000)::bigint, d.kiosk_ids, d.started_by::text,"   \
  " d.started_by_name, d.stop_reason, d.review, coalesce(d.final_percent, -1), d.message, " \
  "d.final_score"

constexpr Sql kLoad{"drill_load", "SELECT " DRILL_COLUMNS " FROM drills d WHERE d.id = $1"};
constexpr Sql kLoadLocked{"drill_load_locked",
                          "SELECT " DRILL_COLUMNS " FROM drills d WHERE d.id = $1 FOR UPDATE"};
constexpr Sql kList{"drill_list",
                    "SELECT " DRILL_COLUMNS
                    " FROM drills d"
                    " WHERE ($1 OR d.hall_id = ANY($2::text[])) AND ($3 = '' OR d.scenario_id = $3)"
                    " ORDER BY d.starts_at DESC, d.id LIMIT $4"};
constexpr Sql kInjects{
    "drill_injects_load",
    "SELECT inject_id, (extract(epoch FROM due_at) * 1000000)::bigint,"
    " (extract(epoch FROM fired_at) * 1000000)::bigint, coalesce(incident_id::text, ''), skipped"
    " FROM drill_injects WHERE drill_id = $1 AND inject_id <> '' ORDER BY ord"};
// With the checklist's texts, stored once apart (schema 0007).
constexpr Sql kIncidents{"drill_incidents",
                         "SELECT i.snapshot, i.last_seq, t.texts FROM incidents i"
                         " LEFT JOIN checklist_texts t ON t.digest = i.texts_digest"
                         " WHERE i.drill_id = $1 ORDER BY i.reported_at, i.id"};
constexpr Sql kPause{"drill_pause",
                     "UPDATE drills SET state = 2, paused_at = $2 WHERE id = $1 AND state = 1"};
constexpr Sql kResume{"drill_resume",
                      "UPDATE drills SET state = 1, paused_at = NULL, paused_us = paused_us + $2"
                      " WHERE id = $1 AND state = 2"};
constexpr Sql kShift{"drill_shift_injects",
                     "UPDATE drill_injects SET due_at = due_at + $2 * interval '1 microsecond'"
                     " WHERE drill_id = $1 AND fired_at IS NULL AND NOT skipped"};
constexpr Sql kEnd{
    "drill_end",
    "UPDATE drills SET state = $2, ended_at = $3, paused_at = NULL,"
    " paused_us = paused_us + CASE WHEN paused_at IS NULL THEN 0 ELSE"
    "   (extract(epoch FROM $3::timestamptz - paused_at) * 1000000)::bigint END,"
    " stop_reason = $4, final_percent = $5, final_score = $6 WHERE id = $1 AND state IN (1, 2)"};
constexpr Sql kSkipRest{"drill_skip_rest",
                        "UPDATE drill_injects SET skipped = true"
                        " WHERE drill_id = $1 AND fired_at IS NULL"};
constexpr Sql kReview{"drill_review", "UPDATE drills SET review = $2 WHERE id = $1"};
constexpr Sql kLastRuns{
    "drill_last_runs",
    "SELECT DISTINCT ON (hall_id, scenario_id) hall_id, scenario_id, id::text,"
    " (extract(epoch FROM ended_at) * 1000000)::bigint, coalesce(final_percent, 0)"
    " FROM drills WHERE hall_id = ANY($1::text[]) AND state = 3"
    " ORDER BY hall_id, scenario_id, ended_at DESC"};
constexpr Sql kLive{"drill_live",
                    "SELECT id::text, scenario, message, state = 2,"
                    " (extract(epoch FROM starts_at) * 1000000)::bigint, kiosk_ids"
                    " FROM drills WHERE hall_id = $1 AND state IN (1, 2)"};
// Injects of running drills only: a paused drill holds its injects.
constexpr Sql kClaim{
    "drill_injects_claim",
    "SELECT i.drill_id::text, i.inject_id, (extract(epoch FROM i.due_at) * 1000000)::bigint"
    " FROM drill_injects i JOIN drills d ON d.id = i.drill_id"
    " WHERE i.fired_at IS NULL AND NOT i.skipped AND i.due_at <= $1 AND d.state = 1"
    " ORDER BY i.due_at, i.ord LIMIT $2 FOR UPDATE OF i SKIP LOCKED"};
constexpr Sql kFired{"drill_inject_fired",
                     "UPDATE drill_injects SET fired_at = $3, incident_id = $4::uuid"
                     " WHERE drill_id = $1 AND inject_id = $2"};
constexpr Sql kMessage{"drill_message", "UPDATE drills SET message = $2 WHERE id = $1"};
constexpr Sql kInjectIncident{
    "drill_inject_incident",
    "SELECT incident_id::text FROM drill_injects"
    " WHERE drill_id = $1 AND inject_id = $2 AND incident_id IS NOT NULL"};
constexpr Sql kNextDue{"drill_injects_next",
                       "SELECT (extract(epoch FROM min(i.due_at)) * 1000000)::bigint"
                       " FROM drill_injects i JOIN drills d ON d.id = i.drill_id"
                       " WHERE i.fired_at IS NULL AND NOT i.skipped AND d.state = 1"};
constexpr Sql kPlace{"drill_place",
                     "SELECT id FROM locations WHERE hall_id = $1"
                     " AND (id = $2 OR right(id, length($2) + 1) = '-' || $2)"
                     " ORDER BY length(id), id LIMIT 1"};
// An active person of the role who answers for the hall: named in it, for
// every hall, or for a region the hall lies in (scope as sign-in gives it).
constexpr Sql kHasRole{
    "drill_hall_has_role",
    "WITH RECURSIVE up(id) AS (SELECT region_id FROM halls WHERE id = $1"
    "  UNION SELECT g.parent_id FROM regions g JOIN up ON g.id = up.id"
    "  WHERE g.parent_id IS NOT NULL)"
    " SELECT EXISTS (SELECT 1 FROM people p WHERE p.role = $2 AND p.active AND (p.all_halls"
    " OR EXISTS (SELECT 1 FROM person_halls h WHERE h.person_id = p.id AND h.hall_id = $1)"
    " OR EXISTS (SELECT 1 FROM person_regions r WHERE r.person_id = p.id"
    "            AND r.region_id IN (SELECT id FROM up))))"};
constexpr Sql kKiosks{"drill_kiosks",
                      "SELECT id FROM kiosks WHERE hall_id = $1 AND active ORDER BY id"};

template <typename M>
M Decode(std::string_view bytes, const char* what) {
  M m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    throw PgError(std::string("undecodable stored ") + what, "XX001", false);
  return m;
}

StoredDrill DrillFromRow(const PgResult& r, int row) {
  StoredDrill s;
  v1::Drill& d = s.drill;
  d.set_id(r.text(row, 0));
  d.set_hall_id(r.text(row, 1));
  *d.mutable_scenario() = Decode<v1::DrillScenario>(r.bytes(row, 2), "drill scenario");
  auto expected = Decode<v1::DrillScore>(r.bytes(row, 3), "drill expectations");
  for (const auto& e : expected.results()) s.expected.push_back(e.expectation());
  d.set_state(static_cast<v1::DrillState>(r.int64(row, 4)));
  domain::SetTimestamp(d.mutable_starts_at(), r.int64(row, 5));
  if (!r.null(row, 6)) domain::SetTimestamp(d.mutable_paused_at(), r.int64(row, 6));
  d.set_paused_seconds(r.int64(row, 7) / 1'000'000);
  if (!r.null(row, 8)) domain::SetTimestamp(d.mutable_ended_at(), r.int64(row, 8));
  for (auto& k : FromPgArray(r.view(row, 9))) d.add_kiosk_ids(std::move(k));
  d.set_started_by(r.text(row, 10));
  d.set_started_by_name(r.text(row, 11));
  d.set_stop_reason(r.text(row, 12));
  if (!r.null(row, 13)) *d.mutable_review() = Decode<v1::DrillReview>(r.bytes(row, 13), "review");
  if (!r.null(row, 16)) {
    *d.mutable_score() = Decode<v1::DrillScore>(r.bytes(row, 16), "drill score");
  } else if (const int64_t pct = r.int64(row, 14); pct >= 0) {
    d.mutable_score()->set_percent(static_cast<int>(pct));
  }
  d.set_last_message(r.text(row, 15));
  return s;
}

}  // namespace

bool InsertDrill(PgConnection& conn, const NewDrill& d) {
  v1::DrillScore expected;  // a carrier for the expectations
  for (const auto& e : d.expected) *expected.add_results()->mutable_expectation() = e;
  auto r = conn.Exec(
      kInsert, {d.id, d.hall_id, d.scenario.id(), PgParam::Bytes(d.scenario.SerializeAsString()),
                PgParam::Bytes(expected.SerializeAsString()), MicrosToPgText(d.starts_at_us),
                ToPgArray(d.kiosk_ids), d.started_by, d.started_by_name, d.request_id});
  if (r.affected() == 0) return false;
  std::vector<std::string> ids;
  std::vector<int64_t> ords, dues;
  int ord = 0;
  for (const auto& in : d.scenario.injects()) {
    ids.push_back(in.id());
    ords.push_back(ord++);
    dues.push_back(d.starts_at_us + int64_t{in.at_seconds()} * 1'000'000);
  }
  ids.emplace_back();  // the end
  ords.push_back(ord);
  dues.push_back(d.starts_at_us + int64_t{d.scenario.duration_seconds()} * 1'000'000);
  conn.Exec(kInsertInjects, {d.id, ToPgArray(ids), ToPgIntArray(ords), ToPgIntArray(dues)});
  return true;
}

std::optional<std::string> DrillByRequest(PgConnection& conn, const std::string& person_id,
                                          const std::string& request_id) {
  auto r = conn.Exec(kByRequest, {person_id, request_id});
  if (r.rows() == 0) return std::nullopt;
  return r.text(0, 0);
}

std::optional<StoredDrill> LoadDrill(PgConnection& conn, const std::string& drill_id, bool lock) {
  auto r = conn.Exec(lock ? kLoadLocked : kLoad, {drill_id});
  if (r.rows() == 0) return std::nullopt;
  return DrillFromRow(r, 0);
}

std::vector<v1::DrillInjectRun> LoadDrillInjects(PgConnection& conn, const std::string& drill_id) {
  auto r = conn.Exec(kInjects, {drill_id});
  std::vector<v1::DrillInjectRun> out;
  for (int i = 0; i < r.rows(); ++i) {
    v1::DrillInjectRun run;
    run.set_inject_id(r.text(i, 0));
    domain::SetTimestamp(run.mutable_due_at(), r.int64(i, 1));
    if (!r.null(i, 2)) domain::SetTimestamp(run.mutable_fired_at(), r.int64(i, 2));
    run.set_incident_id(r.text(i, 3));
    run.set_skipped(r.boolean(i, 4));
    out.push_back(std::move(run));
  }
  return out;
}

std::vector<v1::Incident> LoadDrillIncidents(PgConnection& conn, const std::string& drill_id) {
  auto r = conn.Exec(kIncidents, {drill_id});
  std::vector<v1::Incident> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back(DecodeIncident(r.bytes(i, 0), r.int64(i, 1), TextsColumn(r, i, 2)));
  return out;
}

void PauseDrill(PgConnection& conn, const std::string& drill_id, int64_t now_us) {
  conn.Exec(kPause, {drill_id, MicrosToPgText(now_us)});
}

void ResumeDrill(PgConnection& conn, const std::string& drill_id, int64_t paused_at_us,
                 int64_t now_us) {
  const int64_t paused = std::max<int64_t>(0, now_us - paused_at_us);
  if (conn.Exec(kResume, {drill_id, paused}).affected() == 0) return;
  conn.Exec(kShift, {drill_id, paused});
}

void EndDrill(PgConnection& conn, const std::string& drill_id, v1::DrillState state, int64_t now_us,
              const std::string& reason, const v1::DrillScore& score) {
  conn.Exec(kEnd, {drill_id, static_cast<int>(state), MicrosToPgText(now_us), reason,
                   score.percent(), PgParam::Bytes(score.SerializeAsString())});
  conn.Exec(kSkipRest, {drill_id});
}

std::optional<v1::DrillScore> FinishDrill(AppendContext& ctx, const std::string& drill_id,
                                          v1::DrillState state, const std::string& reason) {
  PgConnection& conn = ctx.conn();
  const int64_t now_us = ctx.now_micros();
  auto stored = LoadDrill(conn, drill_id, /*lock=*/true);
  if (!stored) return std::nullopt;
  v1::Drill& d = stored->drill;
  if (d.state() != v1::DRILL_STATE_RUNNING && d.state() != v1::DRILL_STATE_PAUSED)
    return std::nullopt;
  for (auto& in : LoadDrillInjects(conn, drill_id)) *d.add_injects() = std::move(in);
  for (auto& inc : LoadDrillIncidents(conn, drill_id)) *d.add_incidents() = std::move(inc);
  d.set_state(state);
  domain::SetTimestamp(d.mutable_ended_at(), now_us);
  v1::DrillScore score = domain::ScoreDrillRun(d, stored->expected, now_us);
  EndDrill(conn, drill_id, state, now_us, reason, score);
  // Scored first, then wound down: the system's closing is no response.
  for (const auto& inc : d.incidents()) {
    auto events = domain::DrillWoundDown(inc, now_us);
    if (!events) continue;  // already closed or withdrawn
    for (auto& e : events.value()) ctx.Append(&e);
  }
  return score;
}

void SaveDrillReview(PgConnection& conn, const std::string& drill_id, const v1::DrillReview& r) {
  conn.Exec(kReview, {drill_id, PgParam::Bytes(r.SerializeAsString())});
}

std::vector<v1::Drill> ListDrills(PgConnection& conn, const HallScope& scope,
                                  const std::string& scenario_id, int limit) {
  auto r = conn.Exec(kList, {scope.all, ToPgArray(scope.halls), scenario_id, limit});
  std::vector<v1::Drill> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(DrillFromRow(r, i).drill);
  return out;
}

std::vector<LastRun> LastDrillRuns(PgConnection& conn, const std::vector<std::string>& hall_ids) {
  auto r = conn.Exec(kLastRuns, {ToPgArray(hall_ids)});
  std::vector<LastRun> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back(
        {r.text(i, 0), r.text(i, 1), r.text(i, 2), r.int64(i, 3), static_cast<int>(r.int64(i, 4))});
  return out;
}

std::optional<LiveDrill> LiveDrillOfHall(PgConnection& conn, const std::string& hall_id) {
  auto r = conn.Exec(kLive, {hall_id});
  if (r.rows() == 0) return std::nullopt;
  auto scenario = Decode<v1::DrillScenario>(r.bytes(0, 1), "drill scenario");
  LiveDrill live;
  live.drill_id = r.text(0, 0);
  live.name_zh = scenario.name_zh();
  live.name_en = scenario.name_en();
  live.message = r.text(0, 2);
  live.paused = r.boolean(0, 3);
  live.starts_at_us = r.int64(0, 4);
  live.kiosk_ids = FromPgArray(r.view(0, 5));
  return live;
}

std::vector<DueInject> ClaimDueInjects(PgConnection& conn, int64_t now_us, int limit) {
  auto r = conn.Exec(kClaim, {MicrosToPgText(now_us), limit});
  std::vector<DueInject> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, 0), r.text(i, 1), r.int64(i, 2)});
  return out;
}

void MarkInjectFired(PgConnection& conn, const DueInject& inject, int64_t now_us,
                     const std::string& incident_id) {
  conn.Exec(kFired, {inject.drill_id, inject.inject_id, MicrosToPgText(now_us),
                     PgParam::NullIfEmpty(incident_id)});
}

void SetDrillMessage(PgConnection& conn, const std::string& drill_id, const std::string& message) {
  conn.Exec(kMessage, {drill_id, message});
}

std::optional<std::string> InjectIncident(PgConnection& conn, const std::string& drill_id,
                                          const std::string& inject_id) {
  auto r = conn.Exec(kInjectIncident, {drill_id, inject_id});
  if (r.rows() == 0) return std::nullopt;
  return r.text(0, 0);
}

std::optional<int64_t> NextInjectDue(PgConnection& conn) {
  auto r = conn.Exec(kNextDue);
  if (r.rows() == 0 || r.null(0, 0)) return std::nullopt;
  return r.int64(0, 0);
}

std::optional<std::string> PlaceOfRole(PgConnection& conn, const std::string& hall_id,
                                       const std::string& role) {
  auto r = conn.Exec(kPlace, {hall_id, role});
  if (r.rows() == 0) return std::nullopt;
  return r.text(0, 0);
}

std::vector<std::string> ActiveKioskIds(PgConnection& conn, const std::string& hall_id) {
  auto r = conn.Exec(kKiosks, {hall_id});
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
  return out;
}

std::vector<v1::Role> RolesMissingInHall(PgConnection& conn, const std::string& hall_id,
                                         const std::vector<v1::Role>& roles) {
  std::vector<v1::Role> missing;
  for (v1::Role r : roles) {
    auto res = conn.Exec(kHasRole, {hall_id, static_cast<int>(r)});
    if (res.rows() == 0 || !res.boolean(0, 0)) missing.push_back(r);
  }
  return missing;
}

}  // namespace hall::store
