// Checks on directory and hall set-up records, shared by the RPCs and
// hallctl: kOk or INVALID_ARGUMENT naming the field and the rule.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/error.h"
#include "hall/v1/directory.pb.h"
#include "hall/v1/escalation.pb.h"
#include "hall/v1/playbook.pb.h"

namespace hall::domain {

// A hall's plan must be one of `known_plans` (the set in force).
Status ValidateHall(const v1::Hall& h, const std::vector<std::string>& known_plans);
Status ValidateLocation(const v1::Location& l);
Status ValidateRegion(const v1::Region& r);
// A floor plan image: PNG (by its signature) or SVG (an <svg> document),
// the content type matching, at most kMaxFloorPlanBytes.
inline constexpr size_t kMaxFloorPlanBytes = 1000 * 1000;
Status ValidateFloorPlan(const v1::FloorPlan& fp);
Status ValidatePerson(const v1::Person& p, const std::string& password, bool creating);
Status ValidateKiosk(const v1::Kiosk& k);

// The internal tiers: people of the hall's own organisation, alerted by
// the system when a chain reaches them (the one list; playbooks use it).
const std::vector<std::string>& InternalTiers();
bool IsInternalTier(const std::string& tier);
Status ValidateTierMember(const v1::TierMember& m);
// The party id's shape only; whether it is a known outside party is the
// playbook vocabulary's to say (playbook::IsKnownParty).
Status ValidateContact(const v1::Contact& c);
// A shift: a person, a start before its end, at most 24 hours.
Status ValidateShift(const v1::Shift& s);
// A webhook: an http(s) URL without spaces, ≤ 500 chars; internal tiers.
Status ValidateNotifier(const v1::Notifier& n);
Status ValidatePlannedOutage(const v1::PlannedOutage& o);

// The gaps in a roster over [from_us, to_us): each stretch nobody is on
// shift, as (start, end) pairs. `shifts` in any order.
std::vector<std::pair<int64_t, int64_t>> RosterGaps(const std::vector<v1::Shift>& shifts,
                                                    int64_t from_us, int64_t to_us);

// A position the duty roster fills (the duty officer on shift, 值班人员),
// not a named person.
bool FilledByRoster(const v1::OrgPosition& position);

// What is wrong with a hall's set-up for its plan (`plan` may be null):
// roster gaps over [from_us, to_us); internal tiers the plan's chains use
// with nobody in them; positions of the plan's organisation nobody fills;
// outside parties its chains or steps name with no number.
std::vector<v1::SetupProblem> FindSetupProblems(const v1::Plan* plan, const v1::HallSetup& setup,
                                                int64_t from_us, int64_t to_us);

}  // namespace hall::domain
