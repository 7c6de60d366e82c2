// Reads for reports (statistics, the archive export): incidents of a period
// in a set of halls, applied in SQL like every incident read.
//
// Free functions over a connection; a connection is one thread's at a time.
// Throw PgError on database failure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hall/v1/report.pb.h"
#include "store/incident_reads.h"
#include "store/pg.h"

namespace hall::store {

// Every hall in the region or below it, sorted; nullopt when no such region.
std::optional<std::vector<std::string>> HallsInRegion(PgConnection& conn,
                                                      const std::string& region_id);

// Hall id → name, and hall id → plan id, for the halls in scope.
struct HallLabels {
  std::map<std::string, std::string> names;
  std::map<std::string, std::string> plans;
};
HallLabels LoadHallLabels(PgConnection& conn, const HallScope& scope);

// Incidents in the halls reported in [from_us, to_us), oldest first.
std::vector<v1::Incident> LoadPeriodIncidents(PgConnection& conn, const HallScope& halls,
                                              int64_t from_us, int64_t to_us, bool include_drills);

// One page of the archive: incidents after the keyset cursor (reported_us,
// id), oldest first, each with its timeline; `total` counts the whole scope.
struct ExportCursor {
  int64_t reported_us = 0;  // 0 = from the start
  std::string id;
  int done = 0;  // incidents exported before this page
};
struct ExportPage {
  std::vector<v1::ExportedIncident> incidents;
  bool more = false;
  int total = 0;
};
ExportPage ReadExportPage(PgConnection& conn, const HallScope& halls, int64_t from_us,
                          int64_t to_us, bool include_drills, const ExportCursor& after, int limit);

}  // namespace hall::store
