#include "store/report_reads.h"

namespace hall::store {
namespace {

constexpr Sql kRegionExists{"report_region_exists", "SELECT 1 FROM regions WHERE id = $1"};
constexpr Sql kHallsInRegion{"report_region_halls",
                             "WITH RECURSIVE r(id) AS ("
                             "  SELECT id FROM regions WHERE id = $1"
                             "  UNION SELECT g.id FROM regions g JOIN r ON g.parent_id = r.id)"
                             " SELECT h.id FROM halls h WHERE h.region_id IN (SELECT id FROM r)"
                             " ORDER BY h.id"};
constexpr Sql kHallLabels{"report_hall_labels",
                          "SELECT id, name, plan_id FROM halls"
                          " WHERE ($1 OR id = ANY($2::text[])) ORDER BY id"};
// $1 all, $2 halls, $3/$4 period in µs, $5 include drills.
constexpr Sql kPeriod{
    "report_period",
    "SELECT i.snapshot, i.last_seq, t.texts FROM incidents i"
    " LEFT JOIN checklist_texts t ON t.digest = i.texts_digest"
    " WHERE ($1 OR hall_id = ANY($2::text[]))"
    "   AND reported_at >= timestamptz 'epoch' + $3::bigint * interval '1 microsecond'"
    "   AND reported_at < timestamptz 'epoch' + $4::bigint * interval '1 microsecond'"
    "   AND ($5 OR NOT drill)"
    " ORDER BY reported_at, id"};
constexpr Sql kPeriodCount{
    "report_period_count",
    "SELECT count(*) FROM incidents"
    " WHERE ($1 OR hall_id = ANY($2::text[]))"
    "   AND reported_at >= timestamptz 'epoch' + $3::bigint * interval '1 microsecond'"
    "   AND reported_at < timestamptz 'epoch' + $4::bigint * interval '1 microsecond'"
    "   AND ($5 OR NOT drill)"};
// … after the keyset cursor ($6 µs, $7 id), at most $8 rows.
constexpr Sql kExportPage{
    "report_export_page",
    "SELECT i.snapshot, i.last_seq, i.id, t.texts FROM incidents i"
    " LEFT JOIN checklist_texts t ON t.digest = i.texts_digest"
    " WHERE ($1 OR hall_id = ANY($2::text[]))"
    "   AND reported_at >= timestamptz 'epoch' + $3::bigint * interval '1 microsecond'"
    "   AND reported_at < timestamptz 'epoch' + $4::bigint * interval '1 microsecond'"
    "   AND ($5 OR NOT drill)"
    "   AND ($6::bigint = 0 OR (reported_at, id) >"
    "        (timestamptz 'epoch' + $6::bigint * interval '1 microsecond', $7::uuid))"
    " ORDER BY reported_at, id LIMIT $8"};

}  // namespace

std::optional<std::vector<std::string>> HallsInRegion(PgConnection& conn,
                                                      const std::string& region_id) {
  if (conn.Exec(kRegionExists, {region_id}).rows() == 0) return std::nullopt;
  auto r = conn.Exec(kHallsInRegion, {region_id});
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
  return out;
}

HallLabels LoadHallLabels(PgConnection& conn, const HallScope& scope) {
  auto r = conn.Exec(kHallLabels, {scope.all, ToPgArray(scope.halls)});
  HallLabels out;
  for (int i = 0; i < r.rows(); ++i) {
    out.names[r.text(i, 0)] = r.text(i, 1);
    out.plans[r.text(i, 0)] = r.text(i, 2);
  }
  return out;
}

std::vector<v1::Incident> LoadPeriodIncidents(PgConnection& conn, const HallScope& halls,
                                              int64_t from_us, int64_t to_us, bool include_drills) {
  auto r = conn.Exec(kPeriod, {halls.all, ToPgArray(halls.halls), from_us, to_us, include_drills});
  std::vector<v1::Incident> out;
  out.reserve(r.rows());
  for (int i = 0; i < r.rows(); ++i) {
    out.push_back(DecodeIncident(r.bytes(i, 0), r.int64(i, 1), TextsColumn(r, i, 2)));
  }
  return out;
}

ExportPage ReadExportPage(PgConnection& conn, const HallScope& halls, int64_t from_us,
                          int64_t to_us, bool include_drills, const ExportCursor& after,
                          int limit) {
  // The count, the page and the timelines from one snapshot.
  Transaction tx(conn, TxOptions::Snapshot());
  ExportPage page;
  page.total = static_cast<int>(
      tx.Exec(kPeriodCount, {halls.all, ToPgArray(halls.halls), from_us, to_us, include_drills})
          .int64(0, 0));
  auto r =
      tx.Exec(kExportPage,
              {halls.all, ToPgArray(halls.halls), from_us, to_us, include_drills, after.reported_us,
               after.id.empty() ? PgParam(std::nullopt) : PgParam(after.id), limit + 1});
  int n = std::min(r.rows(), limit);
  page.more = r.rows() > limit;
  for (int i = 0; i < n; ++i) {
    v1::ExportedIncident e;
    *e.mutable_incident() = DecodeIncident(r.bytes(i, 0), r.int64(i, 1), TextsColumn(r, i, 3));
    for (auto& ev : LoadTimeline(conn, r.text(i, 2))) *e.add_timeline() = std::move(ev);
    page.incidents.push_back(std::move(e));
  }
  tx.Commit();
  return page;
}

}  // namespace hall::store
