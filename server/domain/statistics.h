// Statistics over a period (the dashboard, the period report): counts per
// day, hall, plan, class and severity; how long acknowledging and resolving
// took against each plan's targets; mandatory steps on time, late or
// missed; the breaches and the open follow-ups. Pure: the incidents, the
// targets and "now" are passed in; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "domain/error.h"
#include "hall/v1/incident.pb.h"
#include "hall/v1/report.pb.h"

namespace hall::domain {

// Reports cover at most this many days (a year, with a leap day).
inline constexpr int kMaxReportDays = 366;
// At most this many breaches are listed (the counts still cover all).
inline constexpr int kMaxBreaches = 500;
// Days are counted in China Standard Time (UTC+8, no daylight saving).
inline constexpr int64_t kReportUtcOffsetUs = 8LL * 3600 * 1000000;

// kOk, or INVALID_ARGUMENT naming what is wrong with the period: both ends
// required, from before to, at most kMaxReportDays.
Status CheckReportPeriod(const v1::ReportScope& scope);

// "2026-11-30": the day (UTC+8) of a clock time.
std::string ReportDay(int64_t us);

// What the figures need besides the incidents.
struct StatisticsInput {
  int64_t from_us = 0;
  int64_t to_us = 0;
  int64_t now_us = 0;  // a step undone past its deadline is missed by now
  bool include_drills = false;
  // The event class of a category (0 when unknown).
  std::function<v1::EventClass(const std::string& category)> event_class;
  // An incident's targets under its plan's escalation policy for its
  // category (0 = none set): the first stage's ack time-out and the
  // unresolved-escalation time, with their clauses.
  struct Targets {
    int64_t ack_seconds = 0;
    std::string ack_citation;
    int64_t resolve_seconds = 0;
    std::string resolve_citation;
  };
  std::function<Targets(const v1::Incident&)> targets;
  std::map<std::string, std::string> hall_names;  // hall id → name
  std::map<std::string, std::string> plan_names;  // plan id → name
};

// The figures for `incidents` (those reported in the period, in scope);
// `follow_up_sources` are the incidents whose open follow-ups are listed.
v1::Statistics ComputeStatistics(const std::vector<v1::Incident>& incidents,
                                 const std::vector<v1::Incident>& follow_up_sources,
                                 const StatisticsInput& in);

// The histogram buckets (upper bounds in seconds; 0 = open-ended).
const std::vector<int64_t>& DurationBuckets();

}  // namespace hall::domain
