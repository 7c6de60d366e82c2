#include "store/directory_store.h"

#include <algorithm>
#include <sstream>

#include "domain/credentials.h"
#include "domain/incident_state.h"

namespace hall::store {
namespace {

constexpr Sql kUpsertHall{
    "hall_upsert",
    "INSERT INTO halls (id, name, plan_id, address, region_id) VALUES ($1, $2, $3, $4, $5)"
    " ON CONFLICT (id) DO UPDATE SET name = $2, plan_id = $3, address = $4, region_id = $5"};
constexpr Sql kListHalls{"hall_list",
                         "SELECT id, name, plan_id, address, coalesce(region_id, ''),"
                         " floor_plan IS NOT NULL FROM halls"
                         " WHERE $1 OR id = ANY($2::text[]) ORDER BY id"};
constexpr Sql kUpsertRegion{
    "region_upsert",
    "INSERT INTO regions (id, name, level, parent_id) VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (id) DO UPDATE SET name = $2, level = $3, parent_id = $4"};
// Parents before children (depth-first by level, then id).
constexpr Sql kListRegions{"region_list",
                           "SELECT id, name, level, coalesce(parent_id, '') FROM regions"
                           " ORDER BY level, id"};
// The region's ancestors, nearest first (a cycle check for a new parent).
constexpr Sql kRegionAncestors{
    "region_ancestors",
    "WITH RECURSIVE up(id, parent_id, level, depth) AS ("
    "  SELECT id, parent_id, level, 0 FROM regions WHERE id = $1"
    "  UNION ALL SELECT r.id, r.parent_id, r.level, up.depth + 1"
    "  FROM regions r JOIN up ON r.id = up.parent_id WHERE up.depth < 16)"
    " SELECT id, level FROM up ORDER BY depth"};
// Every hall in a person's regions or below them.
constexpr Sql kRegionHalls{"region_halls",
                           "WITH RECURSIVE r(id) AS ("
                           "  SELECT region_id FROM person_regions WHERE person_id = $1"
                           "  UNION SELECT g.id FROM regions g JOIN r ON g.parent_id = r.id)"
                           " SELECT h.id FROM halls h WHERE h.region_id IN (SELECT id FROM r)"
                           " ORDER BY h.id"};
constexpr Sql kClearPersonRegions{"person_regions_clear",
                                  "DELETE FROM person_regions WHERE person_id = $1"};
constexpr Sql kAddPersonRegion{"person_regions_add",
                               "INSERT INTO person_regions (person_id, region_id) VALUES ($1, $2)"};
constexpr Sql kGetFloorPlan{"floor_plan_get",
                            "SELECT floor_plan_type, floor_plan FROM halls"
                            " WHERE id = $1 AND floor_plan IS NOT NULL"};
constexpr Sql kSetFloorPlan{"floor_plan_set",
                            "UPDATE halls SET floor_plan_type = $2, floor_plan = $3 WHERE id = $1"};
constexpr Sql kHallExists{"hall_exists", "SELECT 1 FROM halls WHERE id = $1"};
constexpr Sql kMissingRegions{"regions_missing",
                              "SELECT x FROM unnest($1::text[]) x"
                              " WHERE NOT EXISTS (SELECT 1 FROM regions WHERE id = x)"};

constexpr Sql kUpsertLocation{
    "location_upsert",
    "INSERT INTO locations (id, hall_id, name, zone, floor, x, y) VALUES ($1,$2,$3,$4,$5,$6,$7)"
    " ON CONFLICT (id) DO UPDATE SET name = $3, zone = $4, floor = $5, x = $6, y = $7"
    " WHERE locations.hall_id = $2 RETURNING id"};
constexpr Sql kListLocations{"location_list",
                             "SELECT id, hall_id, name, zone, floor, x, y FROM locations"
                             " WHERE hall_id = $1 ORDER BY floor, id"};
constexpr Sql kLoadLocation{
    "location_load", "SELECT id, hall_id, name, zone, floor, x, y FROM locations WHERE id = $1"};

constexpr const char* kPersonCols =
    "p.id, p.username, p.display_name, p.role, p.all_halls, p.active, p.phone,"
    " coalesce((SELECT array_agg(hall_id ORDER BY hall_id) FROM person_halls h"
    " WHERE h.person_id = p.id), '{}')::text, p.password_hash,"
    " coalesce((SELECT array_agg(region_id ORDER BY region_id) FROM person_regions r"
    " WHERE r.person_id = p.id), '{}')::text";
constexpr Sql kInsertPerson{
    "person_insert",
    "INSERT INTO people (username, display_name, role, all_halls, active, phone, password_hash)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
constexpr Sql kUpdatePerson{
    "person_update",
    "UPDATE people SET username = $2, display_name = $3, role = $4, all_halls = $5,"
    " active = $6, phone = $7, password_hash = coalesce($8, password_hash) WHERE id = $1"};
constexpr Sql kClearPersonHalls{"person_halls_clear",
                                "DELETE FROM person_halls WHERE person_id = $1"};
constexpr Sql kAddPersonHall{"person_halls_add",
                             "INSERT INTO person_halls (person_id, hall_id) VALUES ($1, $2)"};

constexpr Sql kUpsertKiosk{
    "kiosk_upsert",
    "INSERT INTO kiosks (id, hall_id, location_id, name, active, secret_hash)"
    " VALUES ($1, $2, $3, $4, $5, coalesce($6, ''))"
    " ON CONFLICT (id) DO UPDATE SET hall_id = $2, location_id = $3, name = $4, active = $5,"
    " secret_hash = coalesce($6, kiosks.secret_hash)"};
constexpr const char* kKioskCols =
    "id, hall_id, coalesce(location_id, ''), name, active,"
    " coalesce((extract(epoch FROM last_seen_at) * 1000000)::bigint, 0), secret_hash,"
    " queued_presses, app_version,"
    " coalesce((SELECT i.id::text FROM incidents i WHERE i.subject_kiosk_id = kiosks.id"
    "   AND i.status IN (1, 2) ORDER BY i.reported_at DESC LIMIT 1), '')";
constexpr Sql kWriteBeats{
    "kiosk_heartbeats",
    "UPDATE kiosks k SET last_seen_at = greatest(k.last_seen_at,"
    " timestamptz 'epoch' + b.us * interval '1 microsecond'),"
    " queued_presses = b.queued, app_version = b.version"
    " FROM unnest($1::text[], $2::bigint[], $3::int[], $4::text[]) AS b(id, us, queued, version)"
    " WHERE k.id = b.id"};
constexpr Sql kAssignee{
    "assignee_lookup",
    "SELECT p.display_name, p.active, (p.all_halls OR EXISTS (SELECT 1 FROM person_halls h"
    " WHERE h.person_id = p.id AND h.hall_id = $2)) FROM people p WHERE p.id = $1"};
constexpr Sql kSweepSessions{"sessions_sweep", "DELETE FROM sessions WHERE expires_at < $1"};

constexpr Sql kInsertSession{"session_insert",
                             "INSERT INTO sessions (token_hash, person_id, kiosk_id, expires_at)"
                             " VALUES ($1, $2, $3, $4)"};
constexpr Sql kLookupSession{"session_lookup",
                             "SELECT person_id::text, kiosk_id,"
                             " (extract(epoch FROM expires_at) * 1000000)::bigint FROM sessions"
                             " WHERE token_hash = $1 AND expires_at > $2"};
constexpr Sql kDeleteSession{"session_delete", "DELETE FROM sessions WHERE token_hash = $1"};

v1::Person PersonRow(const PgResult& r, int i) {
  v1::Person p;
  p.set_id(r.text(i, 0));
  p.set_username(r.text(i, 1));
  p.set_display_name(r.text(i, 2));
  p.set_role(static_cast<v1::Role>(r.int64(i, 3)));
  p.set_all_halls(r.boolean(i, 4));
  p.set_active(r.boolean(i, 5));
  p.set_phone(r.text(i, 6));
  for (auto& h : FromPgArray(r.view(i, 7))) p.add_hall_ids(h);
  for (auto& g : FromPgArray(r.view(i, 9))) p.add_region_ids(g);
  return p;
}

v1::Location LocationRow(const PgResult& r, int i) {
  v1::Location l;
  l.set_id(r.text(i, 0));
  l.set_hall_id(r.text(i, 1));
  l.set_name(r.text(i, 2));
  l.set_zone(r.text(i, 3));
  l.set_floor(static_cast<int>(r.int64(i, 4)));
  l.set_x(std::stod(r.text(i, 5)));
  l.set_y(std::stod(r.text(i, 6)));
  return l;
}

v1::Kiosk KioskRow(const PgResult& r, int i) {
  v1::Kiosk k;
  k.set_id(r.text(i, 0));
  k.set_hall_id(r.text(i, 1));
  k.set_location_id(r.text(i, 2));
  k.set_name(r.text(i, 3));
  k.set_active(r.boolean(i, 4));
  int64_t seen = r.int64(i, 5);
  if (seen) domain::SetTimestamp(k.mutable_last_seen_at(), seen);
  k.set_queued_presses(static_cast<int32_t>(r.int64(i, 7)));
  k.set_app_version(r.text(i, 8));
  k.set_silent_incident_id(r.text(i, 9));
  return k;
}

}  // namespace

v1::Hall UpsertHall(PgConnection& conn, const v1::Hall& hall) {
  conn.Exec(kUpsertHall, {hall.id(), hall.name(), hall.plan_id(), hall.address(),
                          PgParam::NullIfEmpty(hall.region_id())});
  return hall;
}

std::vector<v1::Hall> ListHalls(PgConnection& conn, const HallScope& scope) {
  auto r = conn.Exec(kListHalls, {scope.all, ToPgArray(scope.halls)});
  std::vector<v1::Hall> out(r.rows());
  for (int i = 0; i < r.rows(); ++i) {
    out[i].set_id(r.text(i, 0));
    out[i].set_name(r.text(i, 1));
    out[i].set_plan_id(r.text(i, 2));
    out[i].set_address(r.text(i, 3));
    out[i].set_region_id(r.text(i, 4));
    out[i].set_has_floor_plan(r.boolean(i, 5));
  }
  return out;
}

std::vector<std::string> MissingRegions(PgConnection& conn, const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  auto r = conn.Exec(kMissingRegions, {ToPgArray(ids)});
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
  return out;
}

v1::Region UpsertRegion(PgConnection& conn, const v1::Region& region) {
  Transaction tx(conn);
  if (!region.parent_id().empty()) {
    // The parent exists, is shallower, and is not the region itself or
    // below it (a cycle would hide halls from everyone above it).
    auto up = conn.Exec(kRegionAncestors, {region.parent_id()});
    if (up.rows() == 0) {
      throw PgError("no region '" + region.parent_id() + "' to be the parent", "23503", false);
    }
    if (up.int64(0, 1) >= region.level()) {
      throw PgError("region '" + region.id() + "' must be below its parent's level", "23514",
                    false);
    }
    for (int i = 0; i < up.rows(); ++i) {
      if (up.text(i, 0) == region.id()) {
        throw PgError("region '" + region.parent_id() + "' lies below '" + region.id() +
                          "'; a region cannot be its own ancestor",
                      "23514", false);
      }
    }
  }
  conn.Exec(kUpsertRegion, {region.id(), region.name(), static_cast<int>(region.level()),
                            PgParam::NullIfEmpty(region.parent_id())});
  tx.Commit();
  return region;
}

std::vector<v1::Region> ListRegions(PgConnection& conn) {
  auto r = conn.Exec(kListRegions, {});
  std::vector<v1::Region> out(r.rows());
  for (int i = 0; i < r.rows(); ++i) {
    out[i].set_id(r.text(i, 0));
    out[i].set_name(r.text(i, 1));
    out[i].set_level(static_cast<v1::RegionLevel>(r.int64(i, 2)));
    out[i].set_parent_id(r.text(i, 3));
  }
  return out;
}

std::optional<v1::FloorPlan> GetFloorPlan(PgConnection& conn, const std::string& hall_id) {
  auto r = conn.Exec(kGetFloorPlan, {hall_id});
  if (r.rows() == 0) return std::nullopt;
  v1::FloorPlan fp;
  fp.set_hall_id(hall_id);
  fp.set_content_type(r.text(0, 0));
  fp.set_image(r.bytes(0, 1));
  return fp;
}

bool SetFloorPlan(PgConnection& conn, const v1::FloorPlan& fp) {
  return conn.Exec(kSetFloorPlan, {fp.hall_id(), fp.content_type(), PgParam::Bytes(fp.image())})
             .affected() > 0;
}

bool HallExists(PgConnection& conn, const std::string& id) {
  return conn.Exec(kHallExists, {id}).rows() > 0;
}

v1::Location UpsertLocation(PgConnection& conn, const v1::Location& l) {
  auto r = conn.Exec(kUpsertLocation, {l.id(), l.hall_id(), l.name(), l.zone(), l.floor(),
                                       std::to_string(l.x()), std::to_string(l.y())});
  if (r.rows() == 0) {
    throw PgError("location '" + l.id() + "' belongs to another hall", "23503", false);
  }
  return l;
}

std::vector<v1::Location> ListLocations(PgConnection& conn, const std::string& hall_id) {
  auto r = conn.Exec(kListLocations, {hall_id});
  std::vector<v1::Location> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(LocationRow(r, i));
  return out;
}

std::optional<v1::Location> LoadLocation(PgConnection& conn, const std::string& id) {
  auto r = conn.Exec(kLoadLocation, {id});
  if (r.rows() == 0) return std::nullopt;
  return LocationRow(r, 0);
}

v1::Person UpsertPerson(PgConnection& conn, const v1::Person& in, const std::string& hash) {
  Transaction tx(conn);
  v1::Person p = in;
  if (p.id().empty()) {
    auto r = conn.Exec(kInsertPerson, {p.username(), p.display_name(), static_cast<int>(p.role()),
                                       p.all_halls(), p.active(), p.phone(), hash});
    p.set_id(r.text(0, 0));
  } else {
    auto r = conn.Exec(kUpdatePerson,
                       {p.id(), p.username(), p.display_name(), static_cast<int>(p.role()),
                        p.all_halls(), p.active(), p.phone(), PgParam::NullIfEmpty(hash)});
    if (r.affected() == 0) throw PgError("no person with id " + p.id(), "P0002", false);
    conn.Exec(kClearPersonHalls, {p.id()});
  }
  for (const auto& h : p.hall_ids()) conn.Exec(kAddPersonHall, {p.id(), h});
  conn.Exec(kClearPersonRegions, {p.id()});
  for (const auto& g : p.region_ids()) conn.Exec(kAddPersonRegion, {p.id(), g});
  tx.Commit();
  return p;
}

std::vector<v1::Person> ListPeople(PgConnection& conn, const HallScope& scope,
                                   const std::string& hall_id) {
  static const std::string sql =
      std::string("SELECT ") + kPersonCols +
      " FROM people p WHERE ($1 OR p.all_halls OR EXISTS (SELECT 1 FROM person_halls h"
      " WHERE h.person_id = p.id AND h.hall_id = ANY($2::text[])))"
      " AND ($3 = '' OR p.all_halls OR EXISTS (SELECT 1 FROM person_halls h"
      " WHERE h.person_id = p.id AND h.hall_id = $3)) ORDER BY p.username";
  auto r = conn.Exec({"person_list", sql.c_str()}, {scope.all, ToPgArray(scope.halls), hall_id});
  std::vector<v1::Person> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(PersonRow(r, i));
  return out;
}

std::optional<v1::Person> LoadPerson(PgConnection& conn, const std::string& id) {
  static const std::string sql =
      std::string("SELECT ") + kPersonCols + " FROM people p WHERE p.id = $1";
  auto r = conn.Exec({"person_load", sql.c_str()}, {id});
  if (r.rows() == 0) return std::nullopt;
  return PersonRow(r, 0);
}

std::optional<std::pair<v1::Person, std::string>> FindLogin(PgConnection& conn,
                                                            const std::string& username) {
  static const std::string sql =
      std::string("SELECT ") + kPersonCols + " FROM people p WHERE p.username = $1";
  auto r = conn.Exec({"person_login", sql.c_str()}, {username});
  if (r.rows() == 0) return std::nullopt;
  return std::make_pair(PersonRow(r, 0), r.text(0, 8));
}

v1::Kiosk UpsertKiosk(PgConnection& conn, const v1::Kiosk& k, const std::string& secret_hash) {
  conn.Exec(kUpsertKiosk, {k.id(), k.hall_id(), PgParam::NullIfEmpty(k.location_id()), k.name(),
                           k.active(), PgParam::NullIfEmpty(secret_hash)});
  return k;
}

std::vector<v1::Kiosk> ListKiosks(PgConnection& conn, const HallScope& scope,
                                  const std::string& hall_id) {
  static const std::string sql = std::string("SELECT ") + kKioskCols +
                                 " FROM kiosks WHERE ($1 OR hall_id = ANY($2::text[]))"
                                 " AND ($3 = '' OR hall_id = $3) ORDER BY hall_id, id";
  auto r = conn.Exec({"kiosk_list", sql.c_str()}, {scope.all, ToPgArray(scope.halls), hall_id});
  std::vector<v1::Kiosk> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(KioskRow(r, i));
  return out;
}

std::optional<std::pair<v1::Kiosk, std::string>> FindKioskLogin(PgConnection& conn,
                                                                const std::string& kiosk_id) {
  static const std::string sql = std::string("SELECT ") + kKioskCols + " FROM kiosks WHERE id = $1";
  auto r = conn.Exec({"kiosk_login", sql.c_str()}, {kiosk_id});
  if (r.rows() == 0) return std::nullopt;
  return std::make_pair(KioskRow(r, 0), r.text(0, 6));
}

void WriteHeartbeats(PgConnection& conn, const std::vector<Heartbeat>& beats) {
  if (beats.empty()) return;
  std::vector<std::string> ids, versions;
  std::vector<int64_t> us, queued;
  for (const auto& b : beats) {
    ids.push_back(b.kiosk_id);
    us.push_back(b.at_us);
    queued.push_back(b.queued_presses);
    versions.push_back(b.app_version);
  }
  conn.Exec(kWriteBeats,
            {ToPgArray(ids), ToPgIntArray(us), ToPgIntArray(queued), ToPgArray(versions)});
}

void SweepSessions(PgConnection& conn, int64_t now_us) {
  conn.Exec(kSweepSessions, {MicrosToPgText(now_us)});
}

std::optional<AssigneeInfo> LoadAssignee(PgConnection& conn, const std::string& person_id,
                                         const std::string& hall_id) {
  auto r = conn.Exec(kAssignee, {person_id, hall_id});
  if (r.rows() == 0) return std::nullopt;
  return AssigneeInfo{r.text(0, 0), r.boolean(0, 1), r.boolean(0, 2)};
}

domain::Principal PrincipalOf(const v1::Person& p) {
  domain::Principal out;
  out.id = p.id();
  out.display_name = p.display_name();
  out.role = p.role();
  out.all_halls = p.all_halls();
  out.hall_ids.assign(p.hall_ids().begin(), p.hall_ids().end());
  return out;
}

domain::Principal PersonPrincipal(PgConnection& conn, const v1::Person& p) {
  domain::Principal out = PrincipalOf(p);
  if (p.region_ids_size() == 0 || p.all_halls()) return out;
  auto r = conn.Exec(kRegionHalls, {p.id()});
  for (int i = 0; i < r.rows(); ++i) {
    std::string h = r.text(i, 0);
    if (std::find(out.hall_ids.begin(), out.hall_ids.end(), h) == out.hall_ids.end()) {
      out.hall_ids.push_back(std::move(h));
    }
  }
  return out;
}

domain::Principal PrincipalOf(const v1::Kiosk& k) {
  domain::Principal out;
  out.id = k.id();
  out.display_name = k.name();
  out.role = v1::ROLE_KIOSK;
  out.hall_ids = {k.hall_id()};
  out.location_id = k.location_id();
  return out;
}

void InsertSession(PgConnection& conn, const std::string& token_hash, const domain::Principal& p,
                   int64_t expires_micros) {
  conn.Exec(kInsertSession,
            {PgParam::Bytes(token_hash), p.is_kiosk() ? PgParam(std::nullopt) : PgParam(p.id),
             p.is_kiosk() ? PgParam(p.id) : PgParam(std::nullopt), MicrosToPgText(expires_micros)});
}

std::optional<domain::Principal> LookupSession(PgConnection& conn, const std::string& token_hash,
                                               int64_t now_us) {
  auto r = conn.Exec(kLookupSession, {PgParam::Bytes(token_hash), MicrosToPgText(now_us)});
  if (r.rows() == 0) return std::nullopt;
  int64_t expires = r.int64(0, 2);
  std::optional<domain::Principal> out;
  if (!r.null(0, 0)) {
    auto p = LoadPerson(conn, r.text(0, 0));
    if (!p || !p->active()) return std::nullopt;
    out = PersonPrincipal(conn, *p);
  } else {
    auto k = FindKioskLogin(conn, r.text(0, 1));
    if (!k || !k->first.active()) return std::nullopt;
    out = PrincipalOf(k->first);
  }
  out->expires_micros = expires;
  return out;
}

void DeleteSession(PgConnection& conn, const std::string& token_hash) {
  conn.Exec(kDeleteSession, {PgParam::Bytes(token_hash)});
}

}  // namespace hall::store
