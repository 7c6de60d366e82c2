#include "domain/close_out.h"

#include <algorithm>

#include "domain/incident_state.h"
#include "domain/validation.h"

namespace hall::domain {
namespace {

// Close-out work belongs to an incident that is still open or resolved.
Status CheckOpen(const v1::Incident& current, const char* what) {
  if (current.status() == v1::INCIDENT_STATUS_CLOSED ||
      current.status() == v1::INCIDENT_STATUS_WITHDRAWN) {
    return Error::FailedPrecondition("the incident is " + StatusName(current.status()) +
                                     "; reopen it to " + what);
  }
  return kOk;
}

// The event for `next`, a close-out change of `current` by `actor`.
v1::IncidentEvent EventOf(const v1::Incident& current, v1::Incident next, v1::EventKind kind,
                          const Principal& actor, int64_t now_us) {
  SetTimestamp(next.mutable_updated_at(), now_us);
  v1::IncidentEvent e;
  e.set_incident_id(current.id());
  e.set_hall_id(current.hall_id());
  e.set_kind(kind);
  e.set_actor_id(actor.id);
  e.set_actor_name(actor.display_name);
  SetTimestamp(e.mutable_at(), now_us);
  e.set_drill(current.drill());
  *e.mutable_incident() = std::move(next);
  return e;
}

}  // namespace

Status ValidateStatementText(const std::string& text, const std::string& audience) {
  if (auto s = CheckText("text", text, 1, kMaxNoteChars)) return s;
  return CheckText("audience", audience, 0, kMaxNameChars);
}

Status ValidateSummary(const v1::AfterActionSummary& s) {
  if (auto e = CheckText("summary.cause", s.cause(), 1, kMaxNoteChars)) return e;
  if (auto e = CheckText("summary.course", s.course(), 1, kMaxNoteChars)) return e;
  if (auto e = CheckText("summary.losses", s.losses(), 0, kMaxNoteChars)) return e;
  if (auto e = CheckText("summary.went_well", s.went_well(), 1, kMaxNoteChars)) return e;
  if (auto e = CheckText("summary.went_badly", s.went_badly(), 0, kMaxNoteChars)) return e;
  return CheckText("summary.improvements", s.improvements(), 1, kMaxNoteChars);
}

Status ValidateFiling(const v1::FilingRecord& f) {
  if (auto s = CheckText("body", f.body(), 1, kMaxIdChars)) return s;
  if (!v1::ContactMethod_IsValid(f.method()) || f.method() == v1::CONTACT_METHOD_UNSPECIFIED) {
    return Error::InvalidArgument("method is required: phone, in_person, message or radio");
  }
  if (auto s = CheckText("reference", f.reference(), 0, kMaxReferenceChars)) return s;
  return CheckText("note", f.note(), 0, kMaxNoteChars);
}

Status ValidateHandover(const v1::Handover& h) {
  if (auto s = CheckText("department", h.department(), 1, kMaxNameChars)) return s;
  if (auto s = CheckText("note", h.note(), 0, kMaxNoteChars)) return s;
  if (h.feedback().empty()) {
    return Error::InvalidArgument(
        "feedback is required: what those involved (the reporter, the petitioner) were told");
  }
  return CheckText("feedback", h.feedback(), 1, kMaxNoteChars);
}

Status ValidateFollowUp(const v1::FollowUp& f, bool adding) {
  if (!adding) {
    if (auto s = CheckText("follow_up_id", f.id(), 1, kMaxIdChars)) return s;
  }
  if (auto s = CheckText("text", f.text(), adding ? 1 : 0, kMaxNoteChars)) return s;
  if (auto s = CheckText("owner", f.owner(), adding ? 1 : 0, kMaxNameChars)) return s;
  if (adding && !f.has_due_at()) {
    return Error::InvalidArgument("due_at is required: when the improvement is due");
  }
  if (f.has_due_at()) {
    if (auto s = CheckTimestamp("due_at", f.due_at())) return s;
  }
  return kOk;
}

Result<Events> DraftStatement(const v1::Incident& current, const std::string& text,
                              const std::string& audience, const Principal& actor, int64_t now_us) {
  if (auto s = CheckOpen(current, "draft a statement")) return *s;
  v1::Incident next = current;
  auto* st = next.add_statements();
  st->set_id("s" + std::to_string(next.statements_size()));
  st->set_text(text);
  st->set_audience(audience);
  st->set_state(v1::STATEMENT_STATE_PENDING);
  st->set_drafted_by(actor.id);
  st->set_drafted_by_name(actor.display_name);
  SetTimestamp(st->mutable_drafted_at(), now_us);
  auto e = EventOf(current, next, v1::EVENT_KIND_STATEMENT_DRAFTED, actor, now_us);
  e.set_statement_id(st->id());
  e.set_note(text);
  return Events{std::move(e)};
}

Result<Events> DecideStatement(const v1::Incident& current, const std::string& statement_id,
                               bool approve, const std::string& reason, const Principal& actor,
                               int64_t now_us) {
  if (auto s = CheckOpen(current, "decide on a statement")) return *s;
  v1::Incident next = current;
  v1::PublicStatement* st = nullptr;
  for (auto& s : *next.mutable_statements()) {
    if (s.id() == statement_id) st = &s;
  }
  if (!st) return Error::NotFound("no statement '" + statement_id + "' on this incident");
  if (st->state() != v1::STATEMENT_STATE_PENDING) {
    return Error::FailedPrecondition(
        "statement " + statement_id + " was already " +
        (st->state() == v1::STATEMENT_STATE_APPROVED ? "approved" : "refused"));
  }
  if (st->drafted_by() == actor.id) {
    return Error::PermissionDenied(
        "nobody approves or refuses their own draft; another leader must decide");
  }
  if (!approve && reason.empty()) {
    return Error::InvalidArgument("reason is required to refuse a statement");
  }
  st->set_state(approve ? v1::STATEMENT_STATE_APPROVED : v1::STATEMENT_STATE_REFUSED);
  st->set_decided_by(actor.id);
  st->set_decided_by_name(actor.display_name);
  SetTimestamp(st->mutable_decided_at(), now_us);
  st->set_reason(reason);
  auto e = EventOf(current, next,
                   approve ? v1::EVENT_KIND_STATEMENT_APPROVED : v1::EVENT_KIND_STATEMENT_REFUSED,
                   actor, now_us);
  e.set_statement_id(statement_id);
  e.set_note(reason);
  return Events{std::move(e)};
}

Result<Events> RecordSummary(const v1::Incident& current, v1::AfterActionSummary summary,
                             const Principal& actor, int64_t now_us) {
  if (auto s = CheckOpen(current, "revise its summary")) return *s;
  summary.set_written_by(actor.id);
  summary.set_written_by_name(actor.display_name);
  SetTimestamp(summary.mutable_written_at(), now_us);
  v1::Incident next = current;
  *next.mutable_after_action() = std::move(summary);
  return Events{EventOf(current, next, v1::EVENT_KIND_SUMMARY_RECORDED, actor, now_us)};
}

Result<Events> RecordFiling(const v1::Incident& current, v1::FilingRecord filing,
                            const Principal& actor, int64_t now_us) {
  if (auto s = CheckOpen(current, "record a filing")) return *s;
  if (!current.has_after_action()) {
    return Error::FailedPrecondition("write the after-action summary (总结) before filing it");
  }
  filing.set_filed_by(actor.id);
  filing.set_filed_by_name(actor.display_name);
  SetTimestamp(filing.mutable_filed_at(), now_us);
  filing.set_simulated(current.drill());
  v1::Incident next = current;
  *next.add_filings() = filing;
  auto e = EventOf(current, next, v1::EVENT_KIND_FILED, actor, now_us);
  *e.mutable_filing() = std::move(filing);
  return Events{std::move(e)};
}

Result<Events> HandOver(const v1::Incident& current, v1::Handover handover, const Principal& actor,
                        int64_t now_us) {
  if (auto s = CheckOpen(current, "hand it over")) return *s;
  handover.set_by(actor.id);
  handover.set_by_name(actor.display_name);
  SetTimestamp(handover.mutable_at(), now_us);
  v1::Incident next = current;
  *next.mutable_handover() = handover;
  auto e = EventOf(current, next, v1::EVENT_KIND_HANDED_OVER, actor, now_us);
  e.set_note(handover.department() + ": " + handover.feedback());
  return Events{std::move(e)};
}

Result<Events> UpsertFollowUp(const v1::Incident& current, v1::FollowUp follow_up,
                              const Principal& actor, int64_t now_us) {
  if (auto s = CheckOpen(current, "change its follow-ups")) return *s;
  v1::Incident next = current;
  v1::FollowUp* f = nullptr;
  if (follow_up.id().empty()) {
    f = next.add_follow_ups();
    f->set_id("f" + std::to_string(next.follow_ups_size()));
  } else {
    for (auto& x : *next.mutable_follow_ups()) {
      if (x.id() == follow_up.id()) f = &x;
    }
    if (!f) return Error::NotFound("no follow-up '" + follow_up.id() + "' on this incident");
  }
  if (!follow_up.text().empty()) f->set_text(follow_up.text());
  if (!follow_up.owner().empty()) f->set_owner(follow_up.owner());
  if (follow_up.has_due_at()) *f->mutable_due_at() = follow_up.due_at();
  if (follow_up.done() && !f->done()) {
    SetTimestamp(f->mutable_done_at(), now_us);
    f->set_done_by_name(actor.display_name);
  } else if (!follow_up.done()) {
    f->clear_done_at();
    f->clear_done_by_name();
  }
  f->set_done(follow_up.done());
  auto e = EventOf(current, next, v1::EVENT_KIND_FOLLOW_UP_CHANGED, actor, now_us);
  e.set_follow_up_id(f->id());
  e.set_note(f->text());
  return Events{std::move(e)};
}

std::vector<std::string> CloseOutBlockers(const v1::Incident& current,
                                          const v1::CloseOut* close_out) {
  std::vector<std::string> out;
  for (const auto& it : current.checklist()) {
    if (it.close_out() && it.mandatory() && !it.not_applicable() &&
        it.state() == v1::STEP_STATE_PENDING) {
      out.push_back("close-out step '" + it.step_id() + "' (" + it.text_zh() + ", " +
                    it.citation() + ") is not done");
    }
  }
  for (const auto& st : current.statements()) {
    if (st.state() == v1::STATEMENT_STATE_PENDING) {
      out.push_back("public statement " + st.id() + " awaits approval by leadership");
    }
  }
  if (close_out && close_out->summary_required()) {
    const auto& co = *close_out;
    if (!current.has_after_action()) {
      out.push_back("the after-action summary (总结) is required (" + co.citation() + ")");
    }
    for (const auto& body : co.report_to()) {
      bool filed = std::any_of(current.filings().begin(), current.filings().end(),
                               [&](const v1::FilingRecord& f) { return f.body() == body; });
      if (!filed) {
        out.push_back("the summary is not yet filed with " + body + " (" + co.citation() + ")");
      }
    }
  }
  return out;
}

}  // namespace hall::domain
