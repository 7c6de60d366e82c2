// The escalation engine's pure core (升级): where an incident stands on its
// chain, what each durable timer does when it fires, and which timers an
// incident's state asks for.
//
// A chain is the playbook's EscalationPolicy (else the plan's default): an
// ordered list of stages. Stage 0 is alerted when the server starts the
// chain just after the raise; grave incidents (immediate_at) alert the
// immediate stage together with it. A stage alerts the people its internal
// tiers resolve to (roster, members, zone leaders) and names the outside
// parties a person must call (each becomes a required contact step — the
// system never dials). When a stage's time-out lapses with no
// acknowledgement the next stage is alerted; a stage nobody can receive (no
// one resolved or signed in, and no notifier) passes to the next at once.
// One acknowledgement stops every pending alert and timer of the incident.
//
// Everything here is a function of values and a time passed in; no I/O.
// Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/error.h"
#include "hall/v1/incident.pb.h"
#include "hall/v1/playbook.pb.h"

namespace hall::domain {

// The actor the server uses for what it does by itself.
inline constexpr const char* kSystemActorId = "system";
inline constexpr const char* kSystemActorName = "系统";

// One durable timer an incident's state asks for.
struct Timer {
  std::string kind;  // one of the kTimer* names
  std::string key;   // the step id for step_due; "" otherwise
  int64_t due_us = 0;
  bool operator==(const Timer&) const = default;
};
inline constexpr const char* kTimerStart = "start";            // start the chain
inline constexpr const char* kTimerEscalate = "escalate";      // a stage's time-out
inline constexpr const char* kTimerStepDue = "step_due";       // a step's deadline
inline constexpr const char* kTimerRegrade = "regrade";        // an outage-length boundary
inline constexpr const char* kTimerRemind = "remind";          // acknowledged, unresolved
inline constexpr const char* kTimerUnresolved = "unresolved";  // … escalate

// The timers `incident` asks for, derived from its state alone: the store
// rewrites an incident's timer rows from this in every transaction that
// changes the incident, so a timer never outlives the state it was set for.
std::vector<Timer> TimersOf(const v1::Incident& incident);

// The earliest timer (clock µs; 0 for none) of the incidents `events` leave
// behind, `events` in log order: only each incident's last event counts
// (a later event of the same incident rewrote its timers). A chain-start
// timer counts `start_grace_us` late: another server reading a raise from
// the log leaves the start to the raising server, which starts the chain
// in its follow-up a moment after the raise commits, and takes it up
// itself only if that has not happened by then.
int64_t EarliestTimerAfter(const std::vector<const v1::IncidentEvent*>& events,
                           int64_t start_grace_us);

// A hall's escalation set-up as the store read it at one moment.
struct HallPeople {
  struct Member {
    std::string person_id;
    std::string name;
    std::string tier;
    std::string position_id;
    std::string position_title;  // the plan's title for the position, if any
    std::string phone;
    std::vector<std::string> zones;  // zone_leader: the zones answered for
    bool notify_only = false;
  };
  struct OnDuty {
    std::string person_id;
    std::string name;
    std::string phone;
  };
  std::vector<Member> members;
  std::vector<OnDuty> on_duty;   // duty officers on shift now
  std::set<std::string> online;  // person ids with a desk open now
  // Each active notifier's tiers (empty = all tiers of the hall).
  std::vector<std::vector<std::string>> notifier_tiers;
  int64_t setup_version = 0;
  std::string zone;               // the incident's place's zone
  std::string planned_outage_id;  // set when the incident falls in an announced outage
};

// The people a tier resolves to now. first_responder: the duty officers on
// shift and the members of first_responder (the hall head); duty_officer:
// the roster; zone_leader: the members answering for the incident's zone;
// any other tier: its members.
std::vector<v1::AlertedPerson> ResolveTier(const HallPeople& hall, const std::string& tier);

// True when a notifier carries the tier's alerts.
bool NotifierCovers(const HallPeople& hall, const std::string& tier);

// What the chain needs besides the incident.
struct ChainInput {
  const v1::EscalationPolicy* policy = nullptr;  // never null where used
  bool from_playbook = false;
  const v1::Playbook* playbook = nullptr;  // grading; may be null
  const HallPeople* hall = nullptr;        // never null where used
};

// The policy an incident escalates under: the playbook's when it has one,
// else the plan's default (*from_playbook says which).
const v1::EscalationPolicy& PolicyFor(const v1::Plan& plan, const v1::Playbook* playbook,
                                      bool* from_playbook);

// Fires the timers of `current` that are due at now_us (the claim loop's
// batch for this incident). Returns the events to append in order, each
// carrying the incident's state after it; empty when nothing is due any
// more (the state moved on since the timer was set).
std::vector<v1::IncidentEvent> FireDue(const v1::Incident& current, const std::vector<Timer>& due,
                                       const ChainInput& in, int64_t now_us);

// A person's command on the chain.
enum class ChainAction {
  kAcknowledge,  // take the incident, or acknowledge a later alert
  kEscalate,     // alert the next stage now, by hand
  kDeescalate,   // hand back down one stage
};

// Applies a person's chain command. Returns the events (the command's own
// first, then any the chain moves on to at once), or FAILED_PRECONDITION
// naming why not (closed, last stage, nothing to acknowledge …).
Result<std::vector<v1::IncidentEvent>> ApplyChain(const v1::Incident& current, ChainAction action,
                                                  const std::string& reason, const Principal& actor,
                                                  const ChainInput& in, int64_t now_us);

// Updates the chain after another change of the incident by a person
// (`next` already holds the change): resolving, closing or withdrawing
// stops the chain; reopening clears the unresolved reminders so they are
// set again from the new acknowledgement.
void OnLifecycleChange(v1::Incident* next, const ChainInput* in, int64_t now_us);

// When `current` (just regraded to a graver severity) has reached its
// policy's immediate_at, alerts the immediate stage at once (reason
// "regrade") and returns the events; empty when nothing is to be done.
std::vector<v1::IncidentEvent> EscalateOnRegrade(const v1::Incident& current, const ChainInput& in,
                                                 const std::string& citation, int64_t now_us);

// Sets the first grading-by-length timer of a new incident (湖南 6.3.1.2).
void ArmRegradeOnRaise(v1::Incident* incident, const v1::Playbook* playbook);

// Records a notifier delivery's outcome; a failed delivery of the alert
// still waiting escalates at once to the next stage.
std::vector<v1::IncidentEvent> DeliveryOutcome(const v1::Incident& current,
                                               const v1::NotificationRecord& record,
                                               const ChainInput& in, int64_t now_us);

// "timeout" etc.: the text a reason stands for, in Chinese and English.
std::string ReasonText(const std::string& reason);

}  // namespace hall::domain
