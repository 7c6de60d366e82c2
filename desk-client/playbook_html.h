// Playbook pages (预案页面): a plan (应急预案) and one of its playbooks
// (处置措施) rendered as rich text for the desk's 预案 tab — steps in order
// with who does them, deadlines, outside parties, whether they are
// mandatory and the clause they cite; grading rules, the escalation chain,
// the after-action (善后) requirements, and the plan's readiness checklists.
//
// Pure functions over protobuf values; the labels come from the installed
// translators. Reentrant; call from any thread (the desk calls them on the
// GUI thread).
#pragma once

#include <QString>
#include <functional>

#include "hall/v1/playbook.pb.h"

namespace hall::desk {

// A category id → its display name in the wanted language.
using CategoryTitle = std::function<QString(const QString& categoryId)>;

// The plan's overview: title, issuing body, number, date, the set version,
// the categories it has playbooks for, its default escalation and
// close-out, and its readiness checklists (海南 has only those).
QString planHtml(const hall::v1::Plan& plan, const QString& setVersion, bool english,
                 const CategoryTitle& categoryTitle);

// One playbook as GetPlaybook returns it (with the effective escalation and
// close-out, and a note when the plan's general playbook stands in).
QString playbookHtml(const hall::v1::GetPlaybookResponse& response, const hall::v1::Plan* plan,
                     bool english, const CategoryTitle& categoryTitle);

// "5 分钟内" / "“<step>”完成后 5 分钟内" / "" for a step's deadline.
QString deadlineText(const hall::v1::Step& step, const hall::v1::Playbook& playbook, bool english);

}  // namespace hall::desk
