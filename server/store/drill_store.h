// Drill runs in PostgreSQL (schema/0006_drills.sql): the run, its injects
// as rows the engine fires by the clock, and the reads the console, the
// kiosks' heartbeats and the cadence view need.
//
// Free functions over a connection (one thread's at a time). Throw PgError
// on database failure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hall/v1/drill.pb.h"
#include "store/directory_store.h"
#include "store/event_appender.h"
#include "store/pg.h"

namespace hall::store {

// A run to insert: the scenario and the expected responses as they are now.
struct NewDrill {
  std::string id;
  std::string hall_id;
  std::string request_id;
  std::string started_by;
  std::string started_by_name;
  v1::DrillScenario scenario;
  std::vector<v1::DrillExpectation> expected;
  int64_t starts_at_us = 0;
  std::vector<std::string> kiosk_ids;
};

// Inserts the run and one inject row per inject (due at the start plus its
// time) and its end (inject id ""), in the caller's transaction. Returns
// false (and writes nothing) when the hall already has a live drill.
bool InsertDrill(PgConnection& conn, const NewDrill& d);

// The run started earlier with this request id by this person, if any.
std::optional<std::string> DrillByRequest(PgConnection& conn, const std::string& person_id,
                                          const std::string& request_id);

// A stored run: the Drill (without score and incidents) and what it
// expects. `lock` takes the row FOR UPDATE (a state change).
struct StoredDrill {
  v1::Drill drill;
  std::vector<v1::DrillExpectation> expected;
};
std::optional<StoredDrill> LoadDrill(PgConnection& conn, const std::string& drill_id,
                                     bool lock = false);
// Its injects, in scenario order (the end row left out).
std::vector<v1::DrillInjectRun> LoadDrillInjects(PgConnection& conn, const std::string& drill_id);
// Every incident of the run, oldest first.
std::vector<v1::Incident> LoadDrillIncidents(PgConnection& conn, const std::string& drill_id);

// Pause: injects held from now. Resume: every unfired inject (and the end)
// moved on by the time paused. Stop: unfired injects skipped, ended now.
void PauseDrill(PgConnection& conn, const std::string& drill_id, int64_t now_us);
void ResumeDrill(PgConnection& conn, const std::string& drill_id, int64_t paused_at_us,
                 int64_t now_us);
// Ends the run (ENDED or STOPPED) with its final score; unfired injects
// are skipped.
void EndDrill(PgConnection& conn, const std::string& drill_id, v1::DrillState state, int64_t now_us,
              const std::string& reason, const v1::DrillScore& score);
// Ends a live run at the batch's now: scores it (domain::ScoreDrillRun,
// judged at its end), stores the score, skips what had not fired, then
// winds down its incidents still on the board (domain::DrillWoundDown:
// resolved and closed by the system, their timers gone). nullopt when the
// run is not live (already ended or stopped).
std::optional<v1::DrillScore> FinishDrill(AppendContext& ctx, const std::string& drill_id,
                                          v1::DrillState state, const std::string& reason);
void SaveDrillReview(PgConnection& conn, const std::string& drill_id, const v1::DrillReview& r);

// Runs newest first (without injects), in scope, optionally of one scenario.
std::vector<v1::Drill> ListDrills(PgConnection& conn, const HallScope& scope,
                                  const std::string& scenario_id, int limit);

// The latest ended run of each scenario in each of the halls (cadence).
struct LastRun {
  std::string hall_id;
  std::string scenario_id;
  std::string drill_id;
  int64_t ended_at_us = 0;
  int percent = 0;
};
std::vector<LastRun> LastDrillRuns(PgConnection& conn, const std::vector<std::string>& hall_ids);

// The live run of a hall (running or paused), for kiosks and raises.
struct LiveDrill {
  std::string drill_id;
  std::string name_zh;
  std::string name_en;
  std::string message;
  bool paused = false;
  int64_t starts_at_us = 0;
  std::vector<std::string> kiosk_ids;
};
std::optional<LiveDrill> LiveDrillOfHall(PgConnection& conn, const std::string& hall_id);

// A due inject of a running drill, claimed (locked FOR UPDATE SKIP LOCKED)
// in the caller's transaction; mark it fired there.
struct DueInject {
  std::string drill_id;
  std::string inject_id;  // "" = the run's end
  int64_t due_us = 0;
};
std::vector<DueInject> ClaimDueInjects(PgConnection& conn, int64_t now_us, int limit);
void MarkInjectFired(PgConnection& conn, const DueInject& inject, int64_t now_us,
                     const std::string& incident_id);
void SetDrillMessage(PgConnection& conn, const std::string& drill_id, const std::string& message);
// The incident an earlier inject of the run raised, if it did.
std::optional<std::string> InjectIncident(PgConnection& conn, const std::string& drill_id,
                                          const std::string& inject_id);
// The earliest inject due of a running drill, or nullopt.
std::optional<int64_t> NextInjectDue(PgConnection& conn);

// The hall's place for a scenario's place role: its id is the role itself
// or ends with "-<role>" (entrance → dg-entrance). nullopt when none.
std::optional<std::string> PlaceOfRole(PgConnection& conn, const std::string& hall_id,
                                       const std::string& role);
// Of `roles`, those no active person of the hall (named in it, for every
// hall, or for a region it lies in) holds.
std::vector<v1::Role> RolesMissingInHall(PgConnection& conn, const std::string& hall_id,
                                         const std::vector<v1::Role>& roles);
// The hall's active kiosks' ids.
std::vector<std::string> ActiveKioskIds(PgConnection& conn, const std::string& hall_id);

}  // namespace hall::store
