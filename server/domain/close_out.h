// Close-out duties (善后) the plans end every incident with, decided whole:
// public statements and their approval (舆情, 东莞 B.4.2, 松江 一.1), the
// after-action summary (总结, 湖南 7) and its filing (备案) with the bodies
// the playbook's CloseOut names, a hand-over to another department (转办,
// 松江), improvement follow-ups; and what still stands between an incident
// and closing.
//
// Each function returns the one event to append (carrying the incident's
// state after it) or an Error and nothing. Pure (no I/O, time passed in).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/error.h"
#include "domain/incident_change.h"
#include "hall/v1/incident.pb.h"
#include "hall/v1/playbook.pb.h"

namespace hall::domain {

// Input checks for the requests (field names in the messages).
Status ValidateStatementText(const std::string& text, const std::string& audience);
Status ValidateSummary(const v1::AfterActionSummary& s);
Status ValidateFiling(const v1::FilingRecord& f);
Status ValidateHandover(const v1::Handover& h);
Status ValidateFollowUp(const v1::FollowUp& f, bool adding);

// A draft of what is said in public: pending until approved.
Result<Events> DraftStatement(const v1::Incident& current, const std::string& text,
                              const std::string& audience, const Principal& actor, int64_t now_us);

// Approves or refuses a pending statement. Nobody decides their own draft;
// a refusal needs a reason.
Result<Events> DecideStatement(const v1::Incident& current, const std::string& statement_id,
                               bool approve, const std::string& reason, const Principal& actor,
                               int64_t now_us);

// Writes (or revises) the after-action summary.
Result<Events> RecordSummary(const v1::Incident& current, v1::AfterActionSummary summary,
                             const Principal& actor, int64_t now_us);

// Records that the summary was filed with a body: needs the summary first.
Result<Events> RecordFiling(const v1::Incident& current, v1::FilingRecord filing,
                            const Principal& actor, int64_t now_us);

// Records the hand-over to another department and what those involved were told.
Result<Events> HandOver(const v1::Incident& current, v1::Handover handover, const Principal& actor,
                        int64_t now_us);

// Adds (empty id) or changes a follow-up; marking it done records who and when.
Result<Events> UpsertFollowUp(const v1::Incident& current, v1::FollowUp follow_up,
                              const Principal& actor, int64_t now_us);

// What still stands between the incident and closing under its playbook's
// close-out duties (CloseOutOf, checklist.h), in words a duty officer acts
// on; empty = it may close. `close_out` may be null (then only pending
// statements and mandatory close-out steps on the checklist count).
std::vector<std::string> CloseOutBlockers(const v1::Incident& current,
                                          const v1::CloseOut* close_out);

}  // namespace hall::domain
