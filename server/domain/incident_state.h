// The incident lifecycle (突发事件处置流程) as a pure state machine.
//
//   REPORTED ──acknowledge──▶ ACKNOWLEDGED ──resolve──▶ RESOLVED ──close──▶ CLOSED
//      │                          │    ▲                    │                 │
//      └──withdraw──▶ WITHDRAWN ◀─┘    └──────reopen────────┴─────────────────┘
//
// Assign and notes leave the status as it is. Every applied command yields
// the incident's next state and the event that records it; nothing here does
// I/O, and time comes in as an argument. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/error.h"
#include "domain/validation.h"
#include "hall/v1/incident.pb.h"
#include "hall/v1/playbook.pb.h"

namespace hall::domain {

// How long after reporting a reporter may still withdraw a false alarm.
inline constexpr int64_t kWithdrawWindowMicros = int64_t{kWithdrawWindowSeconds} * 1000 * 1000;

enum class Action {
  kAcknowledge,
  kAssign,
  kAddNote,
  kResolve,
  kClose,
  kReopen,
  kWithdraw,
  kCompleteStep,
  kSkipStep,      // checklist work
  kRecategorize,  // re-triage to another category
  kUpdateMetric,  // a grading metric (may regrade)
};

// A command on an existing incident.
struct Command {
  Command(Action a) : action(a) {}  // NOLINT: implicit, so {Action::kX} reads well
  Action action;
  std::string note;         // note / reason text (validated by the caller)
  std::string assignee_id;  // kAssign
  std::string assignee_name;
  v1::Outcome outcome = v1::OUTCOME_UNSPECIFIED;  // kResolve
  std::string step_id;                            // kCompleteStep, kSkipStep
  std::string category;                           // kRecategorize
  v1::Severity severity = v1::SEVERITY_UNSPECIFIED;
  std::vector<v1::ChecklistItem> checklist;  // kRecategorize: the new one
  std::string metric;                        // kUpdateMetric
  int64_t value = 0;
  // The incident's playbook after the command (for grading); may be null.
  const v1::Playbook* playbook = nullptr;
};

// Returns the status `action` leads to from `from`, or FAILED_PRECONDITION
// naming the current state and what is allowed instead.
Result<v1::IncidentStatus> NextStatus(v1::IncidentStatus from, Action action);

// Applies `cmd` by `actor` at `now_micros` to `current`. On success
// `*next` holds the new state and `*event` the event (without seq; the
// store assigns it). Checks lifecycle rules and the withdraw window and
// ownership; permissions and scope are checked by the caller.
Status Apply(const v1::Incident& current, const Command& cmd, const Principal& actor,
             int64_t now_micros, v1::Incident* next, v1::IncidentEvent* event);

// Builds a new incident and its RAISED event.
void NewIncident(const std::string& id, const v1::RaiseIncidentRequest& req,
                 const Principal& reporter, const std::string& hall_id,
                 const std::string& location_id, v1::Severity severity, int64_t now_micros,
                 v1::Incident* incident, v1::IncidentEvent* event);

// "reported" etc.: a state's name in messages.
std::string StatusName(v1::IncidentStatus s);

void SetTimestamp(google::protobuf::Timestamp* ts, int64_t micros);
int64_t ToMicros(const google::protobuf::Timestamp& ts);

}  // namespace hall::domain
