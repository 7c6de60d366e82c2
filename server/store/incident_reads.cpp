#include "store/incident_reads.h"

#include <map>

#include "domain/digest.h"
#include "domain/incident_state.h"
#include "store/log_sql.h"

namespace hall::store {
namespace {

// The texts an incident row names (schema 0007), as a third column.
#define TEXTS_OF(row) "(SELECT texts FROM checklist_texts WHERE digest = " row ".texts_digest)"

constexpr Sql kLoad{"incident_load",
                    "SELECT snapshot, last_seq, " TEXTS_OF("i") " FROM incidents i WHERE id = $1"};
// The same, but only the seq when it is still $2 (the caller has that state).
constexpr Sql kLoadIfChanged{
    "incident_load_if_changed",
    "SELECT CASE WHEN last_seq = $2 THEN NULL ELSE snapshot END, last_seq,"
    " CASE WHEN last_seq = $2 THEN NULL ELSE " TEXTS_OF("i") " END FROM incidents i WHERE id = $1"};
constexpr Sql kDrillLive{
    "raise_drill_live",
    "SELECT EXISTS (SELECT 1 FROM drills WHERE id = $1::uuid AND state IN (1, 2))"};
constexpr Sql kTimeline{
    "incident_timeline",
    "SELECT payload, seq FROM incident_events WHERE incident_id = $1 ORDER BY seq"};
// $1 all halls, $2 hall ids, $3 statuses (empty = any), $4 category, $5 min
// severity, $6 drill filter, $7/$8 keyset cursor, $9 limit, $10 reporter.
constexpr Sql kList{
    "incident_list",
    "SELECT i.snapshot, i.last_seq, t.texts FROM incidents i"
    " LEFT JOIN checklist_texts t ON t.digest = i.texts_digest"
    " WHERE ($1 OR hall_id = ANY($2::text[]))"
    "   AND (cardinality($3::int[]) = 0 OR status = ANY($3::int[]))"
    "   AND ($4 = '' OR category = $4)"
    "   AND severity >= $5"
    "   AND ($6 = 0 OR ($6 = 1 AND NOT drill) OR ($6 = 2 AND drill))"
    "   AND ($7::bigint = 0 OR (reported_at, id) <"
    "        (timestamptz 'epoch' + $7::bigint * interval '1 microsecond', $8::uuid))"
    "   AND ($10 = '' OR reporter_key = $10)"
    " ORDER BY reported_at DESC, id DESC LIMIT $9"};
constexpr Sql kLog{"log_read",
                   "SELECT payload, seq FROM incident_events"
                   " WHERE seq > $1 AND seq <= $2 AND ($3 OR hall_id = ANY($4::text[]))"
                   " ORDER BY seq LIMIT $5"};

constexpr Sql kRaiseLookup{
    "raise_lookup",
    "SELECT (SELECT snapshot FROM incidents WHERE reporter_key = $1 AND request_id = $2),"
    " (SELECT last_seq FROM incidents WHERE reporter_key = $1 AND request_id = $2),"
    " EXISTS (SELECT 1 FROM halls WHERE id = $3),"
    " (SELECT i.snapshot FROM folded_presses f JOIN incidents i ON i.id = f.incident_id"
    "   WHERE f.reporter_key = $1 AND f.request_id = $2),"
    " (SELECT i.last_seq FROM folded_presses f JOIN incidents i ON i.id = f.incident_id"
    "   WHERE f.reporter_key = $1 AND f.request_id = $2),"
    " (SELECT snapshot FROM incidents o WHERE o.reporter_key = $1 AND o.category = $4"
    "   AND o.drill = $5 AND o.location_id IS NOT DISTINCT FROM $6::text AND o.status IN (1, 2)"
    "   ORDER BY o.reported_at LIMIT 1),"
    " (SELECT last_seq FROM incidents o WHERE o.reporter_key = $1 AND o.category = $4"
    "   AND o.drill = $5 AND o.location_id IS NOT DISTINCT FROM $6::text AND o.status IN (1, 2)"
    "   ORDER BY o.reported_at LIMIT 1),"
    // The texts of each of the three (columns 7, 8, 9).
    " (SELECT " TEXTS_OF("i") " FROM incidents i WHERE reporter_key = $1 AND request_id = $2),"
    " (SELECT " TEXTS_OF("i") " FROM folded_presses f JOIN incidents i ON i.id = f.incident_id"
    "   WHERE f.reporter_key = $1 AND f.request_id = $2),"
    " (SELECT " TEXTS_OF("o") " FROM incidents o WHERE o.reporter_key = $1 AND o.category = $4"
    "   AND o.drill = $5 AND o.location_id IS NOT DISTINCT FROM $6::text AND o.status IN (1, 2)"
    "   ORDER BY o.reported_at LIMIT 1)"};

// Where an item's texts are found: its source category and step id.
std::string TextKey(const v1::ChecklistItem& it) { return it.from_category() + '|' + it.step_id(); }

bool HasText(const v1::ChecklistItem& it) {
  return !it.text_zh().empty() || !it.text_en().empty() || !it.citation().empty();
}

}  // namespace

std::optional<std::string> TextsColumn(const PgResult& r, int row, int col) {
  if (r.null(row, col)) return std::nullopt;
  return r.bytes(row, col);
}

v1::Incident DecodeIncident(std::string_view bytes, int64_t last_seq) {
  v1::Incident inc;
  if (!inc.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    throw PgError("undecodable incident snapshot", "XX001", false);
  }
  inc.set_last_seq(last_seq);
  return inc;
}

v1::Incident DecodeIncident(std::string_view bytes, int64_t last_seq,
                            const std::optional<std::string>& texts) {
  v1::Incident inc = DecodeIncident(bytes, last_seq);
  if (texts) FillTexts(&inc, *texts);
  return inc;
}

ChecklistTexts TextsOf(const v1::Incident& incident) {
  v1::Incident texts;
  bool any = false;
  for (const auto& it : incident.checklist()) {
    v1::ChecklistItem* t = texts.add_checklist();
    t->set_step_id(it.step_id());
    t->set_from_category(it.from_category());
    t->set_text_zh(it.text_zh());
    t->set_text_en(it.text_en());
    t->set_citation(it.citation());
    any = any || HasText(it);
  }
  ChecklistTexts out;
  if (!any) return out;
  texts.SerializeToString(&out.blob);
  out.digest = domain::Sha256Hex(out.blob);
  return out;
}

void FillTexts(v1::Incident* incident, std::string_view blob) {
  v1::Incident texts;
  if (!texts.ParseFromArray(blob.data(), static_cast<int>(blob.size()))) {
    throw PgError("undecodable checklist texts", "XX001", false);
  }
  std::map<std::string, const v1::ChecklistItem*> by_key;
  for (int i = 0; i < incident->checklist_size(); ++i) {
    v1::ChecklistItem* it = incident->mutable_checklist(i);
    if (HasText(*it)) continue;
    // Stored in checklist order; by key should the order ever differ.
    const v1::ChecklistItem* t = nullptr;
    if (i < texts.checklist_size() && texts.checklist(i).step_id() == it->step_id() &&
        texts.checklist(i).from_category() == it->from_category()) {
      t = &texts.checklist(i);
    } else {
      if (by_key.empty()) {
        for (const auto& s : texts.checklist()) by_key.emplace(TextKey(s), &s);
      }
      auto found = by_key.find(TextKey(*it));
      if (found != by_key.end()) t = found->second;
    }
    if (!t) continue;
    it->set_text_zh(t->text_zh());
    it->set_text_en(t->text_en());
    it->set_citation(t->citation());
  }
}

bool LacksTexts(const v1::Incident& incident) {
  for (const auto& it : incident.checklist()) {
    if (!HasText(it)) return true;
  }
  return false;
}

v1::IncidentEvent DecodeEvent(std::string_view bytes, int64_t seq) {
  v1::IncidentEvent e;
  if (!e.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    throw PgError("undecodable log payload at seq " + std::to_string(seq), "XX001", false);
  }
  e.set_seq(seq);
  if (e.has_incident()) e.mutable_incident()->set_last_seq(seq);
  return e;
}

std::optional<v1::Incident> LoadIncident(PgConnection& conn, const std::string& id) {
  auto r = conn.Exec(kLoad, {id});
  if (r.rows() == 0) return std::nullopt;
  return DecodeIncident(r.bytes(0, 0), r.int64(0, 1), TextsColumn(r, 0, 2));
}

std::vector<std::optional<v1::Incident>> LoadIncidents(
    PgConnection& conn, const std::vector<std::string>& ids,
    const std::vector<const v1::Incident*>& known) {
  std::vector<Statement> loads;
  loads.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i < known.size() && known[i]) {
      loads.push_back({&kLoadIfChanged, {ids[i], known[i]->last_seq()}});
    } else {
      loads.push_back({&kLoad, {ids[i]}});
    }
  }
  std::vector<std::optional<v1::Incident>> out;
  out.reserve(ids.size());
  auto results = conn.ExecPipelined(loads);
  for (size_t i = 0; i < results.size(); ++i) {
    const PgResult& r = results[i];
    if (r.rows() == 0) {
      out.emplace_back();
    } else if (r.null(0, 0)) {
      out.push_back(*known[i]);  // unchanged: the caller's copy is the stored state
    } else {
      out.push_back(DecodeIncident(r.bytes(0, 0), r.int64(0, 1), TextsColumn(r, 0, 2)));
    }
  }
  return out;
}

Result<UninsertedRaise> ExplainUninsertedRaise(PgConnection& conn, const domain::RaisePlan& raise) {
  const v1::Incident& inc = raise.incident;
  auto r =
      conn.Exec(kRaiseLookup, {raise.reporter_key, raise.request_id, inc.hall_id(), inc.category(),
                               inc.drill(), PgParam::NullIfEmpty(inc.location_id())});
  if (!r.null(0, 0)) {
    return UninsertedRaise{UninsertedRaise::kRetry, false,
                           DecodeIncident(r.bytes(0, 0), r.int64(0, 1), TextsColumn(r, 0, 7))};
  }
  if (!r.null(0, 3)) {
    return UninsertedRaise{UninsertedRaise::kRetry, true,
                           DecodeIncident(r.bytes(0, 3), r.int64(0, 4), TextsColumn(r, 0, 8))};
  }
  if (!r.boolean(0, 2)) return Error::NotFound("hall '" + inc.hall_id() + "' does not exist");
  if (!inc.drill_id().empty() && !conn.Exec(kDrillLive, {inc.drill_id()}).boolean(0, 0)) {
    return Error::FailedPrecondition(
        "the drill has just ended: a drill press needs a running drill; a real emergency is "
        "reported without the drill flag");
  }
  if (!r.null(0, 5)) {
    return UninsertedRaise{UninsertedRaise::kFold, false,
                           DecodeIncident(r.bytes(0, 5), r.int64(0, 6), TextsColumn(r, 0, 9))};
  }
  return Error::InvalidArgument("location '" + inc.location_id() + "' is not a place in hall '" +
                                inc.hall_id() + "'");
}

std::vector<v1::IncidentEvent> LoadTimeline(PgConnection& conn, const std::string& id) {
  auto r = conn.Exec(kTimeline, {id});
  std::vector<v1::IncidentEvent> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(DecodeEvent(r.bytes(i, 0), r.int64(i, 1)));
  return out;
}

ListPage ListIncidents(PgConnection& conn, const ListFilter& f) {
  // One snapshot for the rows and the head: commit order equals seq order,
  // so this snapshot holds exactly the events up to the head.
  Transaction tx(conn, TxOptions::Snapshot());
  int64_t head = tx.Exec(kLogHead).int64(0, 0);
  auto r =
      conn.Exec(kList, {f.scope.all, ToPgArray(f.scope.halls),
                        ToPgIntArray(std::vector<int64_t>(f.statuses.begin(), f.statuses.end())),
                        f.category, f.min_severity, f.drill, f.before_reported_us,
                        f.before_id.empty() ? PgParam(std::nullopt) : PgParam(f.before_id),
                        f.page_size + 1, f.reporter_key});
  ListPage page;
  page.as_of_seq = head;
  int n = std::min(r.rows(), f.page_size);
  page.more = r.rows() > f.page_size;
  for (int i = 0; i < n; ++i)
    page.incidents.push_back(DecodeIncident(r.bytes(i, 0), r.int64(i, 1), TextsColumn(r, i, 2)));
  return page;
}

std::vector<v1::IncidentEvent> ReadLog(PgConnection& conn, const HallScope& scope, int64_t after,
                                       int64_t upto, int limit, int64_t* covered_to) {
  auto r = conn.Exec(kLog, {after, upto, scope.all, ToPgArray(scope.halls), limit});
  std::vector<v1::IncidentEvent> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(DecodeEvent(r.bytes(i, 0), r.int64(i, 1)));
  *covered_to = (r.rows() < limit) ? upto : out.back().seq();
  return out;
}

}  // namespace hall::store
