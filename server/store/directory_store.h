// The directory in PostgreSQL: halls, locations, people, kiosks, sessions.
//
// Free functions over a connection (one thread's at a time). Throw PgError
// on database failure; return nullopt / false for "no such row".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/access.h"
#include "hall/v1/directory.pb.h"
#include "store/incident_reads.h"
#include "store/pg.h"

namespace hall::store {

v1::Hall UpsertHall(PgConnection& conn, const v1::Hall& hall);
std::vector<v1::Hall> ListHalls(PgConnection& conn, const HallScope& scope);
bool HallExists(PgConnection& conn, const std::string& id);

// The region tree (省 → 市 → 县/区). Upsert checks the parent exists, is at a
// shallower level and is not below the region (PgError otherwise).
v1::Region UpsertRegion(PgConnection& conn, const v1::Region& region);
std::vector<v1::Region> ListRegions(PgConnection& conn);  // parents before children
// Those of `ids` that name no region.
std::vector<std::string> MissingRegions(PgConnection& conn, const std::vector<std::string>& ids);

// A hall's floor plan image; nullopt when it has none. Set returns false
// when no such hall.
std::optional<v1::FloorPlan> GetFloorPlan(PgConnection& conn, const std::string& hall_id);
bool SetFloorPlan(PgConnection& conn, const v1::FloorPlan& floor_plan);

v1::Location UpsertLocation(PgConnection& conn, const v1::Location& loc);
std::vector<v1::Location> ListLocations(PgConnection& conn, const std::string& hall_id);
std::optional<v1::Location> LoadLocation(PgConnection& conn, const std::string& id);

// Creates (empty id) or updates a person; `password_hash` empty keeps the
// old one on update. Replaces the person's hall links.
v1::Person UpsertPerson(PgConnection& conn, const v1::Person& person,
                        const std::string& password_hash);
std::vector<v1::Person> ListPeople(PgConnection& conn, const HallScope& scope,
                                   const std::string& hall_id);
std::optional<v1::Person> LoadPerson(PgConnection& conn, const std::string& id);
// The person and their password hash, for sign-in.
std::optional<std::pair<v1::Person, std::string>> FindLogin(PgConnection& conn,
                                                            const std::string& username);

v1::Kiosk UpsertKiosk(PgConnection& conn, const v1::Kiosk& kiosk, const std::string& secret_hash);
std::vector<v1::Kiosk> ListKiosks(PgConnection& conn, const HallScope& scope,
                                  const std::string& hall_id);
std::optional<std::pair<v1::Kiosk, std::string>> FindKioskLogin(PgConnection& conn,
                                                                const std::string& kiosk_id);
// A kiosk's latest heartbeat, as buffered between batched writes.
struct Heartbeat {
  std::string kiosk_id;
  int64_t at_us = 0;  // the server clock's time
  int queued_presses = 0;
  std::string app_version;
};
// Writes many heartbeats in one statement.
void WriteHeartbeats(PgConnection& conn, const std::vector<Heartbeat>& beats);

// Sessions (bearer tokens, stored hashed).
void InsertSession(PgConnection& conn, const std::string& token_hash, const domain::Principal& p,
                   int64_t expires_micros);
// The session's principal, or nullopt when unknown, expired at now_us, or
// its person or kiosk is deactivated.
std::optional<domain::Principal> LookupSession(PgConnection& conn, const std::string& token_hash,
                                               int64_t now_us);
// Deletes sessions expired at now_us.
void SweepSessions(PgConnection& conn, int64_t now_us);
void DeleteSession(PgConnection& conn, const std::string& token_hash);

// What an assignment needs to know of a person, for an incident's hall.
struct AssigneeInfo {
  std::string name;
  bool active = false;
  bool in_hall = false;  // the hall is in the person's scope
};
std::optional<AssigneeInfo> LoadAssignee(PgConnection& conn, const std::string& person_id,
                                         const std::string& hall_id);

domain::Principal PrincipalOf(const v1::Person& p);  // direct halls only
// A person as the server scopes them: their halls and every hall in their
// regions or below (read afresh at each session lookup).
domain::Principal PersonPrincipal(PgConnection& conn, const v1::Person& p);
domain::Principal PrincipalOf(const v1::Kiosk& k);

}  // namespace hall::store
