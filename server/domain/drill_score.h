// Scoring a drill (演练评分): each response the scenario expects, judged
// against the incidents the drill's injects raised — done on time, late (by
// how much) or missed, with the clause that sets its time — and the whole.
// Deterministic: the same incidents and times give the same score.
//
// Pure (no I/O, time passed in); thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/error.h"
#include "hall/v1/drill.pb.h"
#include "hall/v1/incident.pb.h"

namespace hall::domain {

// What the score needs of a running or ended drill.
struct DrillRun {
  // The clock time each fired press inject was injected, by inject id.
  std::map<std::string, int64_t> injected_at_us;
  // The incident each fired press inject raised, by inject id (its
  // current state).
  std::map<std::string, v1::Incident> incidents;
  int64_t now_us = 0;
  bool ended = false;  // stopped or past its duration: pending becomes missed
};

// Scores `expected` (playbook::ExpectedResponses) against the run.
v1::DrillScore ScoreDrill(const std::vector<v1::DrillExpectation>& expected, const DrillRun& run);

// Scores a run as stored (DrillService): its injects' fired times and
// incidents, its incidents' current state; ended when the run ended or
// stopped (then judged at its end), else live at now_us.
v1::DrillScore ScoreDrillRun(const v1::Drill& drill,
                             const std::vector<v1::DrillExpectation>& expected, int64_t now_us);

// The checks of a StartDrill request that need no database: its request id,
// hall, scenario id or hand-built scenario (one of the two) and kiosk ids, and when it starts
// (unset or past = now, at most 30 days ahead); sets *starts_us.
Status CheckStartDrill(const v1::StartDrillRequest& req, int64_t now_us, int64_t* starts_us);
// A drill review's limits: texts ≤ 2000 chars, ≤ 20 improvements of 1–500.
Status CheckDrillReview(const v1::DrillReview& review);

}  // namespace hall::domain
