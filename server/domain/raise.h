// PlanRaise: a new incident under the hall's plan, built once, with the
// clock's time passed in — severity (asked, else the playbook's, else the
// category's), the checklist with absolute deadlines, the first grading
// metrics and grade, and its RAISED event. Both write paths of the store
// insert exactly what this returns.
//
// Pure (no I/O); thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "domain/access.h"
#include "hall/v1/incident.pb.h"
#include "hall/v1/playbook.pb.h"

namespace hall::domain {

struct RaiseInput {
  std::string incident_id;  // a fresh UUID
  const v1::RaiseIncidentRequest* request = nullptr;
  Principal reporter;
  std::string hall_id;                     // for kiosks: their bound hall
  std::string location_id;                 // for kiosks: their bound place
  const v1::Category* category = nullptr;  // from the taxonomy, never null
  std::string plan_id;                     // the plan governing the hall
  const v1::Plan* plan = nullptr;          // may be null (plan not in the set)
  const v1::Playbook* playbook = nullptr;  // the plan's for the category, may be null
  std::string playbook_version;
  int64_t now_us = 0;
};

struct RaisePlan {
  v1::Incident incident;
  // The RAISED event without its incident: the appender adds the incident
  // as stored, with its seq, so changes to `incident` before then need
  // no copy here.
  v1::IncidentEvent event;
  std::string reporter_key;  // the idempotency key's owner
  std::string request_id;
};

RaisePlan PlanRaise(const RaiseInput& in);

// Severity for a category under a playbook: the playbook's default, else
// the category's, else MEDIUM.
v1::Severity DefaultSeverity(const v1::Playbook* playbook, const v1::Category* category);

// True when the playbook grades by `metric`.
bool GradesBy(const v1::Playbook& playbook, const std::string& metric);

// Outage minutes elapsed at now_us, rounded up (a fault that has lasted
// 20 min 1 s has lasted 21 minutes for grading).
int64_t OutageMinutes(const v1::Incident& incident, int64_t now_us);

}  // namespace hall::domain
