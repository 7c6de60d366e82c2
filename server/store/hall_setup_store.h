// A hall's escalation set-up in PostgreSQL: tier members, contacts, the duty
// roster, notifiers, planned outages, its audit trail, and who is present
// on a desk — and the snapshot of all that the escalation engine resolves
// tiers against (domain::HallPeople).
//
// Free functions over a connection (one thread's at a time). Throw PgError
// on database failure. Every write runs in its own transaction, bumps the
// hall's setup_version and appends a setup_audit row (actor, before,
// after), or writes nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/error.h"
#include "domain/escalation.h"
#include "hall/v1/escalation.pb.h"
#include "hall/v1/incident.pb.h"
#include "hall/v1/playbook.pb.h"
#include "store/pg.h"

namespace hall::store {

// The people and facts the chain resolves an incident's tiers against, at
// now_us: members (zones defaulting to their plan position's), the duty
// officers on shift, who has a desk open (real time: presence is about live
// connections), the hall's active notifiers, the set-up version, the zone
// of the incident's place, and an announced planned outage it falls in.
domain::HallPeople LoadHallPeople(PgConnection& conn, const v1::Incident& incident,
                                  const v1::Plan* plan, int64_t now_us);
// The same for several incidents, in one round trip: each hall's staff
// read once, each incident's facts; plans[i] is incidents[i]'s plan.
std::vector<domain::HallPeople> LoadChainPeople(PgConnection& conn,
                                                const std::vector<const v1::Incident*>& incidents,
                                                const std::vector<const v1::Plan*>& plans,
                                                int64_t now_us);

// The whole set-up of a hall, with its roster over [from_us, to_us) and
// the problems found (roster gaps, empty tiers, unfilled positions, missing
// numbers). `plan` may be null.
v1::HallSetup LoadHallSetup(PgConnection& conn, const std::string& hall_id, const v1::Plan* plan,
                            int64_t from_us, int64_t to_us, int64_t now_us);

// Writes. `actor` is recorded in the audit row; now_us is the audit time.
// Each returns kOk, or an Error (NOT_FOUND / FAILED_PRECONDITION) with
// nothing written.
Status SetTierMember(PgConnection& conn, const v1::TierMember& member,
                     const domain::Principal& actor, int64_t now_us);
Status RemoveTierMember(PgConnection& conn, const std::string& hall_id,
                        const std::string& person_id, const std::string& tier,
                        const domain::Principal& actor, int64_t now_us);
Status UpsertContact(PgConnection& conn, const v1::Contact& contact, const domain::Principal& actor,
                     int64_t now_us);
Status DeleteContact(PgConnection& conn, const std::string& hall_id, const std::string& party,
                     const domain::Principal& actor, int64_t now_us);
// A shift of a duty officer or hall head of the hall; refused when it
// overlaps another shift of the same person. Sets shift->id on create.
Status UpsertShift(PgConnection& conn, v1::Shift* shift, const domain::Principal& actor,
                   int64_t now_us);
// The hall the shift belongs to, or NOT_FOUND (for the scope check).
Result<std::string> ShiftHall(PgConnection& conn, const std::string& shift_id);
Status DeleteShift(PgConnection& conn, const std::string& shift_id, const domain::Principal& actor,
                   int64_t now_us);
Status UpsertNotifier(PgConnection& conn, v1::Notifier* notifier, const domain::Principal& actor,
                      int64_t now_us);
Result<std::string> NotifierHall(PgConnection& conn, const std::string& notifier_id);
Status DeleteNotifier(PgConnection& conn, const std::string& notifier_id,
                      const domain::Principal& actor, int64_t now_us);
Status UpsertPlannedOutage(PgConnection& conn, v1::PlannedOutage* outage,
                           const domain::Principal& actor, int64_t now_us);
Result<std::string> PlannedOutageHall(PgConnection& conn, const std::string& outage_id);
Status CancelPlannedOutage(PgConnection& conn, const std::string& outage_id,
                           const std::string& reason, const domain::Principal& actor,
                           int64_t now_us);

std::vector<v1::SetupAuditEntry> ListSetupAudit(PgConnection& conn, const std::string& hall_id,
                                                int limit);

// Presence: this server's people with a desk open, refreshed (real time).
void WritePresence(PgConnection& conn, const std::string& server_id,
                   const std::vector<std::string>& person_ids);

}  // namespace hall::store
