#include "api/incident_service.h"

#include "api/watch_reactor.h"
#include "domain/checklist.h"
#include "domain/credentials.h"
#include "playbook/playbook_set.h"
#include "domain/incident_state.h"
#include "domain/validation.h"
#include "store/directory_store.h"
#include "store/incident_reads.h"

namespace hall::api {

using domain::Permission;
using domain::Principal;

namespace {

constexpr store::Sql kRaiseLookup{
    "raise_lookup",
    "SELECT (SELECT snapshot FROM incidents WHERE reporter_key = $1 AND request_id = $2),"
    " EXISTS (SELECT 1 FROM halls WHERE id = $3),"
    " (SELECT hall_id FROM locations WHERE id = $4),"
    " (SELECT last_seq FROM incidents WHERE reporter_key = $1 AND request_id = $2)"};
constexpr store::Sql kAssigneeLookup{
    "assignee_lookup",
    "SELECT p.display_name, p.active, (p.all_halls OR EXISTS (SELECT 1 FROM person_halls h"
    " WHERE h.person_id = p.id AND h.hall_id = $2)) FROM people p WHERE p.id = $1"};


Status CheckIncidentId(const std::string& id) { return domain::CheckUuid("incident_id", id); }

bool HasMetric(const v1::Playbook& pb, const std::string& metric) {
  for (const auto& g : pb.grading()) {
    if (g.metric() == metric) return true;
  }
  return false;
}

// What is known at the first report: the headcount (嘉祥: 5 or more
// petitioners is a group event), and an outage that has just begun.
void InitialMetrics(const v1::Playbook& pb, int headcount, v1::Incident* incident) {
  if (headcount > 0 && HasMetric(pb, "petitioner_count")) {
    (*incident->mutable_metrics())["petitioner_count"] = headcount;
  }
  if (HasMetric(pb, "outage_minutes")) (*incident->mutable_metrics())["outage_minutes"] = 0;
}

// A new incident under the hall's plan: severity (asked, else the
// playbook's, else the category's), the checklist with absolute deadlines,
// the first grading metrics and grade.
void BuildRaise(const playbook::PlaybookSet& set, const std::string& plan_id,
                const std::string& incident_id, const v1::RaiseIncidentRequest& req,
                const Principal& who, const std::string& hall_id, const std::string& location_id,
                v1::Severity category_severity, int64_t now_us, v1::Incident* incident,
                v1::IncidentEvent* event) {
  const v1::Plan* plan = set.FindPlan(plan_id);
  const v1::Playbook* pb = plan ? set.FindPlaybook(plan_id, req.category()) : nullptr;
  v1::Severity severity = req.severity();
  if (severity == v1::SEVERITY_UNSPECIFIED) {
    severity = pb && pb->default_severity() != v1::SEVERITY_UNSPECIFIED ? pb->default_severity()
                                                                       : category_severity;
  }
  domain::NewIncident(incident_id, req, who, hall_id, location_id, severity, now_us, incident, event);
  incident->set_plan_id(plan_id);
  incident->set_playbook_version(set.version());
  if (plan) {
    for (auto& it : domain::Instantiate(*plan, pb, now_us)) *incident->add_checklist() = std::move(it);
  }
  if (pb) {
    InitialMetrics(*pb, req.headcount(), incident);
    domain::Regrade(incident, *pb);
  }
}

}  // namespace

// ---------------------------------------------------------------- Raise

grpc::ServerUnaryReactor* IncidentServiceImpl::RaiseIncident(grpc::CallbackServerContext* ctx,
                                                             const v1::RaiseIncidentRequest* req,
                                                             v1::RaiseIncidentResponse* resp) {
  return RunUnary(*core_, ctx, "RaiseIncident", [this, req, resp](const Principal& who, Finish finish) {
    // Validate everything before touching the database.
    if (auto s = domain::CheckText("request_id", req->request_id(), 1, domain::kMaxIdChars)) return finish(s);
    if (auto s = domain::CheckText("summary", req->summary(), 0, domain::kMaxSummaryChars)) return finish(s);
    if (req->headcount() < 0 || req->headcount() > domain::kMaxHeadcount) {
      return finish(Error::InvalidArgument("headcount must be between 0 and 100000"));
    }
    if (!v1::Severity_IsValid(req->severity())) {
      return finish(Error::InvalidArgument("severity " + std::to_string(req->severity()) +
                                           " is not a known severity (0–4)"));
    }
    auto set = core_->playbooks->Get();
    const v1::Category* category = set->taxonomy().Find(req->category());
    if (req->category().empty()) return finish(Error::InvalidArgument("category is required"));
    if (category == nullptr) {
      return finish(Error::InvalidArgument("category '" + req->category().substr(0, 64) +
                                           "' is not in the taxonomy (playbooks/categories.textpb)"));
    }
    if (auto s = domain::CheckPermission(who, req->drill() ? Permission::kRaiseDrill : Permission::kRaise)) {
      return finish(s);
    }
    std::string hall_id = req->hall_id();
    std::string location_id = req->location_id();
    if (who.is_kiosk()) {  // a kiosk reports from where it is bound
      hall_id = who.hall_ids.empty() ? "" : who.hall_ids.front();
      location_id = who.location_id;
    } else {
      if (auto s = domain::CheckSlug("hall_id", hall_id)) return finish(s);
      if (!location_id.empty()) {
        if (auto s = domain::CheckSlug("location_id", location_id)) return finish(s);
      }
    }
    if (auto s = domain::CheckScope(who, hall_id)) return finish(s);
    v1::Severity category_severity = category->default_severity() != v1::SEVERITY_UNSPECIFIED
                                         ? category->default_severity()
                                         : v1::SEVERITY_MEDIUM;
    std::string incident_id = domain::NewUuid();
    auto hall_plans = core_->hall_plans;
    // With the hall's plan known, the raise can go down the one-round-trip
    // fast path; the work below is the same raise the ordinary way.
    std::shared_ptr<store::PreparedRaise> fast;
    if (auto plan_id = hall_plans->Peek(hall_id)) {
      fast = std::make_shared<store::PreparedRaise>();
      BuildRaise(*set, *plan_id, incident_id, *req, who, hall_id, location_id, category_severity,
                 store::NowMicros(), &fast->incident, &fast->event);
      fast->reporter_key = who.reporter_key();
      fast->request_id = req->request_id();
    }
    core_->appender->Submit(
        [=](store::AppendContext& ctx) -> Status {
          // The checklist comes from the plan that governs the hall.
          auto plan_id = hall_plans->Get(ctx.conn(), hall_id);
          if (!plan_id) return plan_id.error();
          v1::Incident incident;
          v1::IncidentEvent event;
          BuildRaise(*set, plan_id.value(), incident_id, *req, who, hall_id, location_id,
                     category_severity, ctx.now_micros(), &incident, &event);
          if (ctx.InsertIncident(&incident, &event, who.reporter_key(), req->request_id())) {
            *resp->mutable_incident() = incident;
            resp->set_created(true);
            return kOk;
          }
          // Not inserted: a retry, or a hall or place that does not exist.
          auto r = ctx.conn().Exec(kRaiseLookup, {who.reporter_key(), req->request_id(), hall_id,
                                                  store::PgParam::NullIfEmpty(location_id)});
          if (!r.null(0, 0)) {  // a retry: answer with the incident it made
            *resp->mutable_incident() = store::DecodeIncident(r.bytes(0, 0), r.int64(0, 3));
            resp->set_created(false);
            return kOk;
          }
          if (!r.boolean(0, 1)) return Error::NotFound("hall '" + hall_id + "' does not exist");
          return Error::InvalidArgument("location '" + location_id + "' is not a place in hall '" + hall_id + "'");
        },
        [fast, resp, finish](Status s) {
          if (!s && fast && fast->inserted) {  // stored by the fast path
            *resp->mutable_incident() = fast->incident;
            resp->set_created(true);
          }
          finish(s);
        },
        fast);
  });
}

// ---------------------------------------------------------------- Reads

grpc::ServerUnaryReactor* IncidentServiceImpl::GetIncident(grpc::CallbackServerContext* ctx,
                                                           const v1::GetIncidentRequest* req,
                                                           v1::GetIncidentResponse* resp) {
  return RunUnary(*core_, ctx, "GetIncident", [this, req, resp](const Principal& who, Finish finish) {
    if (auto s = CheckIncidentId(req->incident_id())) return finish(s);
    if (auto s = domain::CheckPermission(who, Permission::kRead)) return finish(s);
    core_->workers->Submit(
        [=](store::PgConnection& conn) -> Status {
          auto inc = store::LoadIncident(conn, req->incident_id());
          if (!inc) return Error::NotFound("no incident with id " + req->incident_id());
          if (auto s = domain::CheckScope(who, inc->hall_id())) return s;
          if (who.is_kiosk() && inc->reporter().kiosk_id() != who.id) {
            return Error::PermissionDenied("a kiosk may read only the reports it made");
          }
          *resp->mutable_incident() = std::move(*inc);
          for (auto& e : store::LoadTimeline(conn, req->incident_id())) {
            e.clear_incident();  // the timeline carries what happened, not N copies of state
            *resp->add_timeline() = std::move(e);
          }
          return kOk;
        },
        finish);
  });
}

grpc::ServerUnaryReactor* IncidentServiceImpl::ListIncidents(grpc::CallbackServerContext* ctx,
                                                             const v1::ListIncidentsRequest* req,
                                                             v1::ListIncidentsResponse* resp) {
  return RunUnary(*core_, ctx, "ListIncidents", [this, req, resp](const Principal& who, Finish finish) {
    if (auto s = domain::CheckPermission(who, Permission::kRead)) return finish(s);
    store::ListFilter f;
    if (req->hall_ids().empty()) {
      f.scope = ScopeOf(who);
    } else {
      for (const auto& h : req->hall_ids()) {
        if (auto s = domain::CheckSlug("hall_ids", h)) return finish(s);
        if (auto s = domain::CheckScope(who, h)) return finish(s);
        f.scope.halls.push_back(h);
      }
    }
    for (int st : req->statuses()) {
      if (!v1::IncidentStatus_IsValid(st) || st == 0) {
        return finish(Error::InvalidArgument("statuses holds an unknown status " + std::to_string(st)));
      }
      f.statuses.push_back(st);
    }
    if (!req->category().empty()) {
      if (auto s = domain::CheckText("category", req->category(), 1, domain::kMaxIdChars)) return finish(s);
    }
    if (!v1::Severity_IsValid(req->min_severity())) {
      return finish(Error::InvalidArgument("min_severity is not a known severity"));
    }
    if (!v1::ListIncidentsRequest::DrillFilter_IsValid(req->drill())) {
      return finish(Error::InvalidArgument("drill is not a known filter"));
    }
    f.category = req->category();
    if (who.is_kiosk()) f.reporter_key = who.reporter_key();  // its own reports only
    f.min_severity = req->min_severity();
    f.drill = req->drill();
    int size = req->page().page_size();
    if (size < 0) return finish(Error::InvalidArgument("page_size must not be negative"));
    f.page_size = size == 0 ? domain::kDefaultPageSize : std::min(size, domain::kMaxPageSize);
    const std::string& token = req->page().page_token();
    if (!token.empty()) {
      // Token: "<reported_at micros>_<incident id>".
      auto sep = token.find('_');
      bool ok = sep != std::string::npos && sep > 0 &&
                !domain::CheckUuid("page_token", token.substr(sep + 1));
      if (ok) {
        try {
          f.before_reported_us = std::stoll(token.substr(0, sep));
        } catch (...) {
          ok = false;
        }
      }
      if (!ok) return finish(Error::InvalidArgument("page_token is not one this server issued"));
      f.before_id = token.substr(sep + 1);
    }
    core_->workers->Submit(
        [f, resp](store::PgConnection& conn) -> Status {
          auto page = store::ListIncidents(conn, f);
          resp->set_as_of_seq(page.as_of_seq);
          for (auto& i : page.incidents) *resp->add_incidents() = std::move(i);
          if (page.more && resp->incidents_size() > 0) {
            const auto& last = resp->incidents(resp->incidents_size() - 1);
            resp->set_next_page_token(std::to_string(domain::ToMicros(last.reported_at())) + "_" + last.id());
          }
          return kOk;
        },
        finish);
  });
}

// ---------------------------------------------------------------- Changes

namespace {
// Fills what a command needs from the playbook set: the playbook for
// grading, and for a re-triage the new checklist and severity.
Status PrepareWithPlaybook(const playbook::PlaybookSet& set, const v1::Incident& current,
                           int64_t now_us, domain::Command* cmd) {
  (void)now_us;
  const v1::Plan* plan = set.FindPlan(current.plan_id());
  if (cmd->action == domain::Action::kRecategorize) {
    if (cmd->category == current.category()) {
      return Error::FailedPrecondition("the incident is already in category '" + cmd->category + "'");
    }
    cmd->playbook = plan ? set.FindPlaybook(current.plan_id(), cmd->category) : nullptr;
    if (plan) cmd->checklist = domain::Instantiate(*plan, cmd->playbook, domain::ToMicros(current.reported_at()));
    if (cmd->severity == v1::SEVERITY_UNSPECIFIED) {
      const v1::Category* c = set.taxonomy().Find(cmd->category);
      cmd->severity = cmd->playbook && cmd->playbook->default_severity() != v1::SEVERITY_UNSPECIFIED
                          ? cmd->playbook->default_severity()
                          : (c && c->default_severity() != v1::SEVERITY_UNSPECIFIED ? c->default_severity()
                                                                                     : current.severity());
    }
    return kOk;
  }
  if (plan) cmd->playbook = set.FindPlaybook(current.plan_id(), current.category());
  if (cmd->action == domain::Action::kUpdateMetric && cmd->playbook &&
      !HasMetric(*cmd->playbook, cmd->metric)) {
    return Error::FailedPrecondition("the " + current.category() + " playbook of plan " + current.plan_id() +
                                     " does not grade by " + cmd->metric);
  }
  return kOk;
}
}  // namespace

struct IncidentServiceImpl::Change {
  std::string incident_id;
  int64_t expected_seq = 0;
  domain::Permission permission;
  domain::Command command;
};

grpc::ServerUnaryReactor* IncidentServiceImpl::RunChange(grpc::CallbackServerContext* ctx,
                                                         const char* rpc, Change change,
                                                         v1::IncidentResponse* resp) {
  return RunUnary(*core_, ctx, rpc, [this, change = std::move(change), resp](const Principal& who, Finish finish) {
    if (auto s = CheckIncidentId(change.incident_id)) return finish(s);
    if (change.expected_seq < 0) return finish(Error::InvalidArgument("expected_seq must not be negative"));
    if (auto s = domain::CheckPermission(who, change.permission)) return finish(s);
    core_->appender->Submit(
        [this, change, who, resp](store::AppendContext& ctx) -> Status {
          auto current = store::LoadIncident(ctx.conn(), change.incident_id);
          if (!current) return Error::NotFound("no incident with id " + change.incident_id);
          if (auto s = domain::CheckIncidentAction(who, change.permission, current->hall_id(), current->drill())) return s;
          if (change.expected_seq != 0 && change.expected_seq != current->last_seq()) {
            return Error::Aborted("the incident changed since you loaded it (now at seq " +
                                  std::to_string(current->last_seq()) + "); reload and try again");
          }
          domain::Command cmd = change.command;
          auto set = core_->playbooks->Get();
          if (auto s = PrepareWithPlaybook(*set, *current, ctx.now_micros(), &cmd)) return s;
          if (cmd.action == domain::Action::kAssign) {
            auto r = ctx.conn().Exec(kAssigneeLookup, {cmd.assignee_id, current->hall_id()});
            if (r.rows() == 0) return Error::NotFound("no person with id " + cmd.assignee_id);
            if (!r.boolean(0, 1)) return Error::FailedPrecondition("person " + cmd.assignee_id + " is deactivated");
            if (!r.boolean(0, 2)) {
              return Error::FailedPrecondition("person " + cmd.assignee_id + " does not work in hall " + current->hall_id());
            }
            cmd.assignee_name = r.text(0, 0);
          }
          v1::Incident next;
          v1::IncidentEvent event;
          if (auto s = domain::Apply(*current, cmd, who, ctx.now_micros(), &next, &event)) return s;
          if (cmd.action == domain::Action::kResolve && cmd.playbook &&
              HasMetric(*cmd.playbook, "outage_minutes")) {
            // Graded by duration (湖南 6.3.1.2): the outage lasted until now.
            int64_t minutes = (ctx.now_micros() - domain::ToMicros(current->reported_at()) + 59'999'999) / 60'000'000;
            auto& m = (*next.mutable_metrics())["outage_minutes"];
            m = std::max(m, minutes);
            domain::Regrade(&next, *cmd.playbook);
          }
          ctx.UpdateIncident(&next, &event);
          *resp->mutable_incident() = next;
          return kOk;
        },
        finish);
  });
}

namespace {
Status CheckNote(const std::string& field, const std::string& note, bool required) {
  return domain::CheckText(field, note, required ? 1 : 0, domain::kMaxNoteChars);
}

// Validation that needs no database runs before RunChange; a failure
// finishes the call at once.
grpc::ServerUnaryReactor* Refuse(grpc::CallbackServerContext* ctx, const char* rpc, Status s) {
  return RunUnaryAnonymous(ctx, rpc, [s](Finish finish) { finish(s); });
}
}  // namespace

grpc::ServerUnaryReactor* IncidentServiceImpl::AcknowledgeIncident(
    grpc::CallbackServerContext* ctx, const v1::AcknowledgeIncidentRequest* req,
    v1::IncidentResponse* resp) {
  return RunChange(ctx, "AcknowledgeIncident",
                   {req->incident_id(), req->expected_seq(), Permission::kAcknowledge,
                    {domain::Action::kAcknowledge}},
                   resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::AssignIncident(grpc::CallbackServerContext* ctx,
                                                              const v1::AssignIncidentRequest* req,
                                                              v1::IncidentResponse* resp) {
  if (auto s = domain::CheckUuid("assignee_id", req->assignee_id())) return Refuse(ctx, "AssignIncident", s);
  domain::Command cmd{domain::Action::kAssign};
  cmd.assignee_id = req->assignee_id();
  return RunChange(ctx, "AssignIncident",
                   {req->incident_id(), req->expected_seq(), Permission::kAssign, cmd}, resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::AddNote(grpc::CallbackServerContext* ctx,
                                                       const v1::AddNoteRequest* req,
                                                       v1::IncidentResponse* resp) {
  if (auto s = CheckNote("note", req->note(), true)) return Refuse(ctx, "AddNote", s);
  domain::Command cmd{domain::Action::kAddNote};
  cmd.note = req->note();
  return RunChange(ctx, "AddNote", {req->incident_id(), 0, Permission::kNote, cmd}, resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::ResolveIncident(
    grpc::CallbackServerContext* ctx, const v1::ResolveIncidentRequest* req,
    v1::IncidentResponse* resp) {
  if (auto s = CheckNote("note", req->note(), false)) return Refuse(ctx, "ResolveIncident", s);
  if (!v1::Outcome_IsValid(req->outcome()) || req->outcome() == v1::OUTCOME_UNSPECIFIED) {
    return Refuse(ctx, "ResolveIncident",
                  Error::InvalidArgument("outcome is required: handled, false_alarm, handed_over or no_action"));
  }
  domain::Command cmd{domain::Action::kResolve};
  cmd.note = req->note();
  cmd.outcome = req->outcome();
  return RunChange(ctx, "ResolveIncident",
                   {req->incident_id(), req->expected_seq(), Permission::kResolve, cmd}, resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::CloseIncident(grpc::CallbackServerContext* ctx,
                                                             const v1::CloseIncidentRequest* req,
                                                             v1::IncidentResponse* resp) {
  if (auto s = CheckNote("note", req->note(), false)) return Refuse(ctx, "CloseIncident", s);
  domain::Command cmd{domain::Action::kClose};
  cmd.note = req->note();
  return RunChange(ctx, "CloseIncident",
                   {req->incident_id(), req->expected_seq(), Permission::kClose, cmd}, resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::ReopenIncident(grpc::CallbackServerContext* ctx,
                                                              const v1::ReopenIncidentRequest* req,
                                                              v1::IncidentResponse* resp) {
  if (auto s = CheckNote("reason", req->reason(), true)) return Refuse(ctx, "ReopenIncident", s);
  domain::Command cmd{domain::Action::kReopen};
  cmd.note = req->reason();
  return RunChange(ctx, "ReopenIncident",
                   {req->incident_id(), req->expected_seq(), Permission::kReopen, cmd}, resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::WithdrawIncident(
    grpc::CallbackServerContext* ctx, const v1::WithdrawIncidentRequest* req,
    v1::IncidentResponse* resp) {
  if (auto s = CheckNote("reason", req->reason(), true)) return Refuse(ctx, "WithdrawIncident", s);
  domain::Command cmd{domain::Action::kWithdraw};
  cmd.note = req->reason();
  return RunChange(ctx, "WithdrawIncident", {req->incident_id(), 0, Permission::kWithdraw, cmd},
                   resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::CompleteStep(grpc::CallbackServerContext* ctx,
                                                            const v1::CompleteStepRequest* req,
                                                            v1::IncidentResponse* resp) {
  if (auto s = domain::CheckText("step_id", req->step_id(), 1, domain::kMaxIdChars)) return Refuse(ctx, "CompleteStep", s);
  if (auto s = CheckNote("note", req->note(), false)) return Refuse(ctx, "CompleteStep", s);
  domain::Command cmd{domain::Action::kCompleteStep};
  cmd.step_id = req->step_id();
  cmd.note = req->note();
  return RunChange(ctx, "CompleteStep", {req->incident_id(), 0, Permission::kChecklist, cmd}, resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::SkipStep(grpc::CallbackServerContext* ctx,
                                                        const v1::SkipStepRequest* req,
                                                        v1::IncidentResponse* resp) {
  if (auto s = domain::CheckText("step_id", req->step_id(), 1, domain::kMaxIdChars)) return Refuse(ctx, "SkipStep", s);
  if (auto s = CheckNote("reason", req->reason(), true)) return Refuse(ctx, "SkipStep", s);
  domain::Command cmd{domain::Action::kSkipStep};
  cmd.step_id = req->step_id();
  cmd.note = req->reason();
  return RunChange(ctx, "SkipStep", {req->incident_id(), 0, Permission::kChecklist, cmd}, resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::RecategorizeIncident(
    grpc::CallbackServerContext* ctx, const v1::RecategorizeIncidentRequest* req,
    v1::IncidentResponse* resp) {
  if (auto s = CheckNote("reason", req->reason(), true)) return Refuse(ctx, "RecategorizeIncident", s);
  if (!core_->playbooks->Get()->taxonomy().Find(req->category())) {
    return Refuse(ctx, "RecategorizeIncident",
                  Error::InvalidArgument("category '" + req->category().substr(0, 64) + "' is not in the taxonomy"));
  }
  if (!v1::Severity_IsValid(req->severity())) {
    return Refuse(ctx, "RecategorizeIncident", Error::InvalidArgument("severity is not a known severity (0–4)"));
  }
  domain::Command cmd{domain::Action::kRecategorize};
  cmd.category = req->category();
  cmd.severity = req->severity();
  cmd.note = req->reason();
  return RunChange(ctx, "RecategorizeIncident", {req->incident_id(), 0, Permission::kTriage, cmd}, resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::UpdateMetric(grpc::CallbackServerContext* ctx,
                                                            const v1::UpdateMetricRequest* req,
                                                            v1::IncidentResponse* resp) {
  if (!playbook::IsKnownMetric(req->metric())) {
    return Refuse(ctx, "UpdateMetric",
                  Error::InvalidArgument("metric must be outage_minutes, petitioner_count or injured_count"));
  }
  if (req->value() < 0 || req->value() > 1'000'000'000) {
    return Refuse(ctx, "UpdateMetric", Error::InvalidArgument("value must be between 0 and 10^9"));
  }
  domain::Command cmd{domain::Action::kUpdateMetric};
  cmd.metric = req->metric();
  cmd.value = req->value();
  cmd.note = req->metric() + " = " + std::to_string(req->value());
  return RunChange(ctx, "UpdateMetric", {req->incident_id(), 0, Permission::kChecklist, cmd}, resp);
}

grpc::ServerWriteReactor<v1::WatchResponse>* IncidentServiceImpl::Watch(
    grpc::CallbackServerContext* ctx, const v1::WatchRequest* req) {
  return new WatchReactor(core_, ctx, *req);
}

}  // namespace hall::api
