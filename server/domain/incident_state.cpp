#include "domain/incident_state.h"

#include "domain/checklist.h"

namespace hall::domain {

std::string StatusName(v1::IncidentStatus s) {
  switch (s) {
    case v1::INCIDENT_STATUS_REPORTED:
      return "reported";
    case v1::INCIDENT_STATUS_ACKNOWLEDGED:
      return "acknowledged";
    case v1::INCIDENT_STATUS_RESOLVED:
      return "resolved";
    case v1::INCIDENT_STATUS_CLOSED:
      return "closed";
    case v1::INCIDENT_STATUS_WITHDRAWN:
      return "withdrawn";
    default:
      return "unknown";
  }
}

void SetTimestamp(google::protobuf::Timestamp* ts, int64_t micros) {
  ts->set_seconds(micros / 1000000);
  ts->set_nanos(static_cast<int32_t>((micros % 1000000) * 1000));
}

int64_t ToMicros(const google::protobuf::Timestamp& ts) {
  return ts.seconds() * 1000000 + ts.nanos() / 1000;
}

Result<v1::IncidentStatus> NextStatus(v1::IncidentStatus from, Action action) {
  using S = v1::IncidentStatus;
  auto refuse = [&](const char* what, const char* hint) -> Result<S> {
    return Error::FailedPrecondition(std::string("cannot ") + what + " an incident that is " +
                                     StatusName(from) + "; " + hint);
  };
  switch (action) {
    case Action::kAcknowledge:
      if (from == v1::INCIDENT_STATUS_REPORTED) return v1::INCIDENT_STATUS_ACKNOWLEDGED;
      return refuse("acknowledge", "only a reported incident can be acknowledged");
    case Action::kAssign:
      if (from == v1::INCIDENT_STATUS_REPORTED || from == v1::INCIDENT_STATUS_ACKNOWLEDGED) {
        return from;
      }
      return refuse("assign", "only an open incident can be assigned; reopen it first");
    case Action::kAddNote:
      if (from == v1::INCIDENT_STATUS_CLOSED || from == v1::INCIDENT_STATUS_WITHDRAWN) {
        return refuse("add a note to", "reopen it first");
      }
      return from;
    case Action::kResolve:
      if (from == v1::INCIDENT_STATUS_ACKNOWLEDGED) return v1::INCIDENT_STATUS_RESOLVED;
      if (from == v1::INCIDENT_STATUS_REPORTED) return refuse("resolve", "acknowledge it first");
      return refuse("resolve", "only an acknowledged incident can be resolved");
    case Action::kClose:
      if (from == v1::INCIDENT_STATUS_RESOLVED) return v1::INCIDENT_STATUS_CLOSED;
      return refuse("close", "resolve it first");
    case Action::kReopen:
      if (from == v1::INCIDENT_STATUS_RESOLVED || from == v1::INCIDENT_STATUS_CLOSED) {
        return v1::INCIDENT_STATUS_ACKNOWLEDGED;
      }
      return refuse("reopen", "only a resolved or closed incident can be reopened");
    case Action::kWithdraw:
      if (from == v1::INCIDENT_STATUS_REPORTED || from == v1::INCIDENT_STATUS_ACKNOWLEDGED) {
        return v1::INCIDENT_STATUS_WITHDRAWN;
      }
      return refuse("withdraw", "only an open report can be withdrawn");
    case Action::kCompleteStep:
    case Action::kSkipStep:
    case Action::kUpdateMetric:
      if (from == v1::INCIDENT_STATUS_REPORTED || from == v1::INCIDENT_STATUS_ACKNOWLEDGED ||
          from == v1::INCIDENT_STATUS_RESOLVED) {
        return from;
      }
      return refuse(
          action == Action::kUpdateMetric ? "update a metric of" : "work the checklist of",
          "reopen it first");
    case Action::kRecategorize:
      if (from == v1::INCIDENT_STATUS_REPORTED || from == v1::INCIDENT_STATUS_ACKNOWLEDGED) {
        return from;
      }
      return refuse("re-triage", "only an open incident can change category");
  }
  return Error::Internal("unknown action");
}

namespace {
v1::EventKind KindOf(Action a) {
  switch (a) {
    case Action::kAcknowledge:
      return v1::EVENT_KIND_ACKNOWLEDGED;
    case Action::kAssign:
      return v1::EVENT_KIND_ASSIGNED;
    case Action::kAddNote:
      return v1::EVENT_KIND_NOTE_ADDED;
    case Action::kResolve:
      return v1::EVENT_KIND_RESOLVED;
    case Action::kClose:
      return v1::EVENT_KIND_CLOSED;
    case Action::kReopen:
      return v1::EVENT_KIND_REOPENED;
    case Action::kWithdraw:
      return v1::EVENT_KIND_WITHDRAWN;
    case Action::kCompleteStep:
      return v1::EVENT_KIND_STEP_DONE;
    case Action::kSkipStep:
      return v1::EVENT_KIND_STEP_SKIPPED;
    case Action::kRecategorize:
      return v1::EVENT_KIND_RECATEGORIZED;
    case Action::kUpdateMetric:
      return v1::EVENT_KIND_METRIC_UPDATED;
  }
  return v1::EVENT_KIND_UNSPECIFIED;
}

bool IsReporter(const v1::Incident& inc, const Principal& who) {
  return who.is_kiosk() ? inc.reporter().kiosk_id() == who.id
                        : inc.reporter().person_id() == who.id;
}
}  // namespace

Status Apply(const v1::Incident& current, const Command& cmd, const Principal& actor,
             int64_t now_micros, v1::Incident* next, v1::IncidentEvent* event) {
  auto status = NextStatus(current.status(), cmd.action);
  if (!status) return status.error();

  if (cmd.action == Action::kWithdraw) {
    if (!IsReporter(current, actor)) {
      return Error::PermissionDenied("only the reporter may withdraw a report");
    }
    if (now_micros - ToMicros(current.reported_at()) > kWithdrawWindowMicros) {
      return Error::FailedPrecondition(
          "the withdraw window (2 minutes after reporting) has passed; ask the duty officer "
          "to resolve it as a false alarm");
    }
  }
  if (cmd.action == Action::kResolve && cmd.outcome == v1::OUTCOME_UNSPECIFIED) {
    return Error::InvalidArgument("outcome is required to resolve an incident");
  }

  *next = current;
  next->set_status(*status);
  SetTimestamp(next->mutable_updated_at(), now_micros);
  switch (cmd.action) {
    case Action::kAcknowledge:
      SetTimestamp(next->mutable_acknowledged_at(), now_micros);
      next->set_acknowledged_by(actor.id);
      next->set_acknowledged_by_name(actor.display_name);
      break;
    case Action::kAssign:
      next->set_assignee_id(cmd.assignee_id);
      next->set_assignee_name(cmd.assignee_name);
      break;
    case Action::kResolve:
      next->set_outcome(cmd.outcome);
      SetTimestamp(next->mutable_resolved_at(), now_micros);
      break;
    case Action::kClose:
      SetTimestamp(next->mutable_closed_at(), now_micros);
      break;
    case Action::kReopen:
      next->set_outcome(v1::OUTCOME_UNSPECIFIED);
      next->clear_resolved_at();
      next->clear_closed_at();
      break;
    case Action::kWithdraw:
      next->set_outcome(v1::OUTCOME_FALSE_ALARM);
      SetTimestamp(next->mutable_resolved_at(), now_micros);
      break;
    case Action::kAddNote:
      break;
    case Action::kCompleteStep:
    case Action::kSkipStep:
      if (auto st = MarkStep(next, cmd.step_id, cmd.action == Action::kCompleteStep, actor,
                             now_micros, cmd.note)) {
        return st;
      }
      break;
    case Action::kRecategorize:
      next->set_category(cmd.category);
      next->set_severity(cmd.severity);
      next->set_grade("");
      Recategorize(next, cmd.checklist, current.category());
      if (cmd.playbook) Regrade(next, *cmd.playbook);
      break;
    case Action::kUpdateMetric:
      (*next->mutable_metrics())[cmd.metric] = cmd.value;
      if (cmd.playbook) Regrade(next, *cmd.playbook);
      break;
  }

  event->Clear();
  event->set_incident_id(current.id());
  event->set_hall_id(current.hall_id());
  event->set_kind(KindOf(cmd.action));
  event->set_actor_id(actor.id);
  event->set_actor_name(actor.display_name);
  SetTimestamp(event->mutable_at(), now_micros);
  event->set_note(cmd.note);
  event->set_drill(current.drill());
  event->set_step_id(cmd.step_id);
  if (cmd.action == Action::kRecategorize) {
    event->set_from_category(current.category());
    event->set_to_category(cmd.category);
  }
  return kOk;
}

void NewIncident(const std::string& id, const v1::RaiseIncidentRequest& req,
                 const Principal& reporter, const std::string& hall_id,
                 const std::string& location_id, v1::Severity severity, int64_t now_micros,
                 v1::Incident* incident, v1::IncidentEvent* event) {
  incident->Clear();
  incident->set_id(id);
  incident->set_hall_id(hall_id);
  incident->set_location_id(location_id);
  incident->set_category(req.category());
  incident->set_severity(severity);
  incident->set_status(v1::INCIDENT_STATUS_REPORTED);
  incident->set_drill(req.drill());
  if (reporter.system) {
    incident->mutable_reporter()->set_system(reporter.id);
  } else if (reporter.is_kiosk()) {
    incident->mutable_reporter()->set_kiosk_id(reporter.id);
  } else {
    incident->mutable_reporter()->set_person_id(reporter.id);
  }
  incident->mutable_reporter()->set_display_name(reporter.display_name);
  incident->set_summary(req.summary());
  incident->set_headcount(req.headcount());
  incident->set_silent(req.silent());
  SetTimestamp(incident->mutable_reported_at(), now_micros);
  SetTimestamp(incident->mutable_updated_at(), now_micros);

  event->Clear();
  event->set_incident_id(id);
  event->set_hall_id(hall_id);
  event->set_kind(v1::EVENT_KIND_RAISED);
  event->set_actor_id(reporter.id);
  event->set_actor_name(reporter.display_name);
  SetTimestamp(event->mutable_at(), now_micros);
  event->set_note(req.summary());
  event->set_drill(req.drill());
}

}  // namespace hall::domain
