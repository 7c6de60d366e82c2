// Checklists: a playbook's steps instantiated on an incident with absolute
// deadlines, checked off or skipped, carried over on re-triage; and grading
// by the playbook's rules.
//
// Pure functions over values (no I/O, time passed in); thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/error.h"
#include "hall/v1/incident.pb.h"
#include "hall/v1/playbook.pb.h"

namespace hall::domain {

// The checklist for `playbook` under `plan`: its steps, then its close-out
// steps (or the plan's default close-out). A deadline from the incident's
// start becomes start_us + minutes; one that counts from another step waits
// until that step is done. `playbook` may be null (no checklist).
// The close-out duties in force for a playbook: its own, or the plan's
// default when it names none.
const v1::CloseOut& CloseOutOf(const v1::Plan& plan, const v1::Playbook& playbook);

std::vector<v1::ChecklistItem> Instantiate(const v1::Plan& plan, const v1::Playbook* playbook,
                                           int64_t start_us);

// Replaces the checklist for a new category: the new playbook's steps, with
// the state of any step already done or skipped carried over by id; done or
// skipped steps the new playbook lacks are kept, marked with from_category.
void Recategorize(v1::Incident* incident, std::vector<v1::ChecklistItem> fresh,
                  const std::string& old_category);

// Checks a step off (done = true) or skips it (done = false) by `who` at
// now_us with `note`. NOT_FOUND for an unknown step id; FAILED_PRECONDITION
// when the step is not pending (naming who did it and when) or the incident
// is closed or withdrawn. Steps whose deadline counts from this one get
// their due time.
Status MarkStep(v1::Incident* incident, const std::string& step_id, bool done, const Principal& who,
                int64_t now_us, const std::string& note);

// True when the step is pending, applies, and its due time has passed.
bool IsOverdue(const v1::ChecklistItem& item, int64_t now_us);

// Marks steps for given grades only (湖南 6.3.2) as not applicable while the
// incident's grade is outside them; they are then neither mandatory nor
// watched by a deadline timer.
void ApplyGradeConditions(v1::Incident* incident);

// The grading rule the metrics select (first match in file order), or
// nullptr. Rules without a metric are manual and never selected here.
const v1::GradingRule* SelectGrade(const v1::Playbook& playbook,
                                   const google::protobuf::Map<std::string, int64_t>& metrics);

// Applies SelectGrade to the incident: sets grade, raises severity to the
// rule's when graver, and re-applies grade conditions. Returns true when
// the grade changed.
bool Regrade(v1::Incident* incident, const v1::Playbook& playbook);

}  // namespace hall::domain
