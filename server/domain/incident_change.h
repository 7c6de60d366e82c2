// A person's change to an existing incident, decided whole: the lifecycle
// command (incident_state.h), what it means for the checklist, the grade
// and the escalation chain, and the events that record it.
//
// The api layer looks up data (the incident, the plan and playbook in
// force, the hall's people when the chain needs them) and calls one of
// these; each returns the events to append in order, every one carrying the
// incident's state after it, or an Error and nothing.
//
// Pure (no I/O, time passed in); thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/error.h"
#include "domain/escalation.h"
#include "domain/incident_state.h"
#include "hall/v1/incident.pb.h"
#include "hall/v1/playbook.pb.h"

namespace hall::domain {

using Events = std::vector<v1::IncidentEvent>;

// What a change may need besides the incident. `chain.hall` is needed only
// for escalate, de-escalate and set-grade (they alert people).
struct ChangeInput {
  const v1::Plan* plan = nullptr;          // the plan the incident runs under; may be null
  const v1::Playbook* playbook = nullptr;  // its playbook for the (new) category; may be null
  const v1::Category* category = nullptr;  // re-triage: the new category
  ChainInput chain;                        // policy always set
};

// Applies a lifecycle command (assign, note, resolve, close, reopen,
// withdraw, check-off, skip, re-triage, metric; acknowledge goes through the
// chain). Checks the rules that need the playbook: a re-triage to the same
// category, a metric the playbook does not grade by.
Result<Events> ApplyCommand(const v1::Incident& current, Command cmd, const Principal& actor,
                            const ChangeInput& in, int64_t now_us);

// Records a contact with an outside party on its contact step: the step is
// done, with who called which number how and when (simulated on a drill).
Result<Events> RecordContact(const v1::Incident& current, const std::string& step_id,
                             v1::ContactRecord record, const Principal& actor, int64_t now_us);

// Sets the grade by hand (湖南 6.3.1.1): one of the playbook's grades. A
// graver grade may alert a higher stage at once (immediate_at).
Result<Events> SetGrade(const v1::Incident& current, const std::string& grade,
                        const std::string& reason, const Principal& actor, const ChangeInput& in,
                        int64_t now_us);

// The reporter pressed the same kind again while its incident is open:
// counted on the incident (press_count, last_press_at) as one
// PRESS_FOLDED event — the desk shows "×N" and does not ring again.
v1::IncidentEvent FoldPress(const v1::Incident& current, const Principal& reporter,
                            const std::string& summary, int64_t now_us);

// How many repeated presses a reporter may fold into one incident per
// minute; beyond it they are refused (RESOURCE_EXHAUSTED). The first press
// of each kind is never limited.
inline constexpr int kMaxFoldsPerMinute = 20;

// A silent kiosk came back: its open "kiosk went silent" incident is
// resolved by the system (no action needed), whatever its status.
Result<Events> KioskBack(const v1::Incident& current, int64_t now_us);

// A drill ended or was stopped (演练结束): its incident, if still on the
// board, is wound down by the system — resolved (no action) if open, then
// closed — so a rehearsal leaves nothing to handle and no timer running.
// Close-out duties of a drill incident are rehearsal, not owed. Refused
// for a real incident, or one already closed or withdrawn.
Result<Events> DrillWoundDown(const v1::Incident& current, int64_t now_us);

// An empty chain, for incidents whose plan is not in the set.
const v1::EscalationPolicy& EmptyPolicy();

}  // namespace hall::domain
