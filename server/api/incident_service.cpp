#include "api/incident_service.h"

#include "api/watch_reactor.h"
#include "domain/close_out.h"
#include "domain/credentials.h"
#include "domain/incident_change.h"
#include "domain/incident_state.h"
#include "domain/raise.h"
#include "domain/validation.h"
#include "playbook/playbook_set.h"
#include "store/drill_store.h"
#include "store/hall_setup_store.h"
#include "store/incident_reads.h"

namespace hall::api {

using domain::Permission;
using domain::Principal;

namespace {

Status CheckIncidentId(const std::string& id) { return domain::CheckUuid("incident_id", id); }

Status CheckNote(const std::string& field, const std::string& note, bool required) {
  return domain::CheckText(field, note, required ? 1 : 0, domain::kMaxNoteChars);
}

// Where a created raise's time went, from the handler's start (signed in)
// to its answer, as hall_raise_stage_seconds.
void ObserveStages(Metrics* metrics, const store::RaiseUnit& u, int64_t begun_ns) {
  if (!metrics || u.taken_ns == 0) return;
  const int64_t now_ns = store::SteadyNowNs();
  metrics->ObserveRaiseStages({{"prepare", (u.submitted_ns - begun_ns) / 1000},
                               {"queue", (u.taken_ns - u.submitted_ns) / 1000},
                               {"commit", (u.committed_ns - u.taken_ns) / 1000},
                               {"publish", (u.published_ns - u.committed_ns) / 1000},
                               {"answer", (now_ns - u.published_ns) / 1000}});
}

// Everything a raise checks before it touches the database.
Status ValidateRaise(const v1::RaiseIncidentRequest& req, const Principal& who,
                     const playbook::PlaybookSet& set) {
  if (req.request_id().empty()) {
    return Error::InvalidArgument(
        "request_id is required: 1–64 characters the client makes once per report and reuses on "
        "every retry, so a retry never makes a second incident");
  }
  if (auto s = domain::CheckText("request_id", req.request_id(), 1, domain::kMaxIdChars)) return s;
  if (auto s = domain::CheckText("summary", req.summary(), 0, domain::kMaxSummaryChars)) return s;
  if (req.headcount() < 0 || req.headcount() > domain::kMaxHeadcount) {
    return Error::InvalidArgument("headcount must be between 0 and 100000");
  }
  if (!v1::Severity_IsValid(req.severity())) {
    return Error::InvalidArgument("severity " + std::to_string(req.severity()) +
                                  " is not a known severity (0–4)");
  }
  if (req.category().empty()) return Error::InvalidArgument("category is required");
  if (!set.taxonomy().Find(req.category())) {
    return Error::InvalidArgument("category '" + req.category().substr(0, 64) +
                                  "' is not in the taxonomy (playbooks/categories.textpb)");
  }
  if (!who.is_kiosk()) {
    if (auto s = domain::CheckSlug("hall_id", req.hall_id())) return s;
    if (!req.location_id().empty()) {
      if (auto s = domain::CheckSlug("location_id", req.location_id())) return s;
    }
  }
  return kOk;
}

// The hall's plan id: from the cache, else read on a database worker.
void WithHallPlan(ServerCore* core, const std::string& hall_id,
                  std::function<void(Result<std::string>)> k) {
  if (auto cached = core->hall_plans->Peek(hall_id)) return k(*cached);
  auto out = std::make_shared<std::string>();
  core->workers->Submit(
      [core, hall_id, out](store::PgConnection& conn) -> Status {
        auto plan = core->hall_plans->Get(conn, hall_id);
        if (!plan) return plan.error();
        *out = plan.value();
        return kOk;
      },
      [out, k = std::move(k)](Status s) {
        if (s) return k(*s);
        k(*out);
      });
}

}  // namespace

// ---------------------------------------------------------------- Raise

grpc::ServerUnaryReactor* IncidentServiceImpl::RaiseIncident(grpc::CallbackServerContext* ctx,
                                                             const v1::RaiseIncidentRequest* req,
                                                             v1::RaiseIncidentResponse* resp) {
  return RunUnary(
      *core_, ctx, "RaiseIncident",
      [this, req, resp](const Principal& who, Finish finish) {
        const int64_t begun_ns = store::SteadyNowNs();
        auto set = core_->playbooks->Get();
        if (auto s = ValidateRaise(*req, who, *set)) return finish(s);
        // A kiosk's drill press is allowed by its taking part in a running
        // drill (checked below), not by its role.
        if (auto s = domain::CheckPermission(who, req->drill() && !who.is_kiosk()
                                                      ? Permission::kRaiseDrill
                                                      : Permission::kRaise)) {
          return finish(s);
        }
        // A kiosk reports from where it is bound.
        std::string hall_id =
            who.is_kiosk() ? (who.hall_ids.empty() ? "" : who.hall_ids.front()) : req->hall_id();
        std::string location_id = who.is_kiosk() ? who.location_id : req->location_id();
        if (auto s = domain::CheckScope(who, hall_id)) return finish(s);
        ServerCore* core = core_;
        WithHallPlan(
            core_, hall_id,
            [core, set, req, resp, who, hall_id, location_id, finish,
             begun_ns](Result<std::string> plan_id) {
              if (!plan_id) return finish(plan_id.error());
              auto raise = [core, set, req, resp, who, hall_id, location_id, finish, begun_ns,
                            plan_id = plan_id.value()](const std::string& drill_id) {
                // Built once: this plan is what either write path stores.
                auto unit = std::make_shared<store::RaiseUnit>();
                domain::RaiseInput in;
                in.incident_id = domain::NewTimeOrderedUuid(core->now());
                in.request = req;
                in.reporter = who;
                in.hall_id = hall_id;
                in.location_id = location_id;
                in.category = set->taxonomy().Find(req->category());
                in.plan_id = plan_id;
                in.plan = set->FindPlan(in.plan_id);
                in.playbook = in.plan ? set->FindPlaybook(in.plan_id, req->category()) : nullptr;
                in.playbook_version = set->version();
                in.now_us = core->now();
                unit->plan = domain::PlanRaise(in);
                if (!drill_id.empty()) unit->plan.incident.set_drill_id(drill_id);
                core->appender->SubmitRaise(unit, [core, unit, resp, finish, begun_ns](Status s) {
                  if (!s && unit->created) ObserveStages(core->metrics, *unit, begun_ns);
                  if (!s) {
                    // Without the checklist's texts, as a Watch event: the
                    // kiosk shows none, the desk puts it on its board, and
                    // whoever shows the checklist reads it with GetIncident.
                    *resp->mutable_incident() = std::move(unit->incident);
                    store::CompactChecklist(resp->mutable_incident());
                    resp->set_created(unit->created);
                    resp->set_folded(unit->folded);
                  }
                  finish(s);
                });
              };
              if (!req->drill()) return raise("");
              // A drill press belongs to the hall's running drill. A kiosk
              // may send one only while it takes part in it (a drill press
              // from elsewhere would be mistaken for the drill's); a person's
              // drill entry outside a run stays an ad-hoc exercise.
              auto drill_id = std::make_shared<std::string>();
              core->workers->Submit(
                  [core, who, hall_id, drill_id](store::PgConnection& conn) -> Status {
                    auto live = store::LiveDrillOfHall(conn, hall_id);
                    const bool started = live && !live->paused && live->starts_at_us <= core->now();
                    if (who.is_kiosk()) {
                      if (!started) {
                        return Error::FailedPrecondition(
                            "no drill is running in this hall now: a drill press needs a running "
                            "drill; a real emergency is reported without the drill flag");
                      }
                      if (std::find(live->kiosk_ids.begin(), live->kiosk_ids.end(), who.id) ==
                          live->kiosk_ids.end()) {
                        return Error::PermissionDenied("kiosk " + who.id +
                                                       " does not take part in the running drill");
                      }
                    }
                    if (started) *drill_id = live->drill_id;
                    return kOk;
                  },
                  [raise, drill_id, finish](Status s) {
                    if (s) return finish(s);
                    raise(*drill_id);
                  });
            });
      },
      [resp] { return resp->incident().id(); });
}

// ---------------------------------------------------------------- Reads

grpc::ServerUnaryReactor* IncidentServiceImpl::GetIncident(grpc::CallbackServerContext* ctx,
                                                           const v1::GetIncidentRequest* req,
                                                           v1::GetIncidentResponse* resp) {
  return RunUnary(
      *core_, ctx, "GetIncident",
      [this, req, resp](const Principal& who, Finish finish) {
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
      },
      [req] { return req->incident_id(); });
}

grpc::ServerUnaryReactor* IncidentServiceImpl::ListIncidents(grpc::CallbackServerContext* ctx,
                                                             const v1::ListIncidentsRequest* req,
                                                             v1::ListIncidentsResponse* resp) {
  return RunUnary(
      *core_, ctx, "ListIncidents", [this, req, resp](const Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, Permission::kRead)) return finish(s);
        store::ListFilter f;
        if (auto s = domain::CheckCount("hall_ids", req->hall_ids_size(), domain::kMaxListItems))
          return finish(s);
        if (auto s = domain::CheckCount("statuses", req->statuses_size(), domain::kMaxFilterItems))
          return finish(s);
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
            return finish(
                Error::InvalidArgument("statuses holds an unknown status " + std::to_string(st)));
          }
          f.statuses.push_back(st);
        }
        if (!req->category().empty()) {
          if (auto s = domain::CheckText("category", req->category(), 1, domain::kMaxIdChars))
            return finish(s);
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
          if (!ok)
            return finish(Error::InvalidArgument("page_token is not one this server issued"));
          f.before_id = token.substr(sep + 1);
        }
        core_->workers->Submit(
            [f, resp](store::PgConnection& conn) -> Status {
              auto page = store::ListIncidents(conn, f);
              resp->set_as_of_seq(page.as_of_seq);
              for (auto& i : page.incidents) *resp->add_incidents() = std::move(i);
              if (page.more && resp->incidents_size() > 0) {
                const auto& last = resp->incidents(resp->incidents_size() - 1);
                resp->set_next_page_token(std::to_string(domain::ToMicros(last.reported_at())) +
                                          "_" + last.id());
              }
              return kOk;
            },
            finish);
      });
}

// ---------------------------------------------------------------- Changes

// What a change RPC brings: which incident, who may, what to check once
// the caller is known, and how to decide given the incident.
struct IncidentServiceImpl::Change {
  std::string incident_id;
  int64_t expected_seq = 0;
  domain::Permission permission;
  std::function<Status()> validate;  // input checks (after authentication)
  bool needs_people = false;         // the decision alerts people: load the hall's set-up
  // Reads what else it needs through `conn` (store functions), then
  // decides through the domain.
  std::function<Result<domain::Events>(store::PgConnection& conn, const v1::Incident& current,
                                       const Principal& who, const domain::ChangeInput& in,
                                       int64_t now_us)>
      decide;
};

grpc::ServerUnaryReactor* IncidentServiceImpl::RunChange(grpc::CallbackServerContext* ctx,
                                                         const char* rpc, Change change,
                                                         v1::IncidentResponse* resp) {
  std::string incident_id = change.incident_id;  // for the log line
  return RunUnary(
      *core_, ctx, rpc,
      [this, change = std::move(change), resp](const Principal& who, Finish finish) {
        if (auto s = CheckIncidentId(change.incident_id)) return finish(s);
        if (change.expected_seq < 0)
          return finish(Error::InvalidArgument("expected_seq must not be negative"));
        if (change.validate) {
          if (auto s = change.validate()) return finish(s);
        }
        if (auto s = domain::CheckPermission(who, change.permission)) return finish(s);
        core_->appender->Submit(
            [this, change, who, resp](store::AppendContext& ctx) -> Status {
              auto current = store::LoadIncident(ctx.conn(), change.incident_id);
              if (!current) return Error::NotFound("no incident with id " + change.incident_id);
              if (auto s = domain::CheckIncidentAction(who, change.permission, current->hall_id(),
                                                       current->drill()))
                return s;
              if (change.expected_seq != 0 && change.expected_seq != current->last_seq()) {
                return Error::Aborted("the incident changed since you loaded it (now at seq " +
                                      std::to_string(current->last_seq()) +
                                      "); reload and try again");
              }
              // The data the decision needs: the plan and playbook in force,
              // the chain, and the hall's people when it alerts anyone.
              auto set = core_->playbooks->Get();
              domain::ChangeInput in;
              in.plan = set->FindPlan(current->plan_id());
              in.playbook =
                  in.plan ? set->FindPlaybook(current->plan_id(), current->category()) : nullptr;
              in.chain.playbook = in.playbook;
              in.chain.policy =
                  in.plan ? &domain::PolicyFor(*in.plan, in.playbook, &in.chain.from_playbook)
                          : &domain::EmptyPolicy();
              domain::HallPeople people;
              if (change.needs_people) {
                people = store::LoadHallPeople(ctx.conn(), *current, in.plan, ctx.now_micros());
                in.chain.hall = &people;
              }
              auto events = change.decide(ctx.conn(), *current, who, in, ctx.now_micros());
              if (!events) return events.error();
              for (auto& e : events.value()) ctx.Append(&e);
              if (!events.value().empty()) {
                *resp->mutable_incident() = events.value().back().incident();
              }
              return kOk;
            },
            finish);
      },
      [incident_id] { return incident_id; });
}

namespace {

// A lifecycle command: validated input, then domain::ApplyCommand.
IncidentServiceImpl::Change LifecycleChange(const std::string& incident_id, int64_t expected_seq,
                                            Permission permission, domain::Command cmd,
                                            std::function<Status()> validate = nullptr) {
  IncidentServiceImpl::Change c;
  c.incident_id = incident_id;
  c.expected_seq = expected_seq;
  c.permission = permission;
  c.validate = std::move(validate);
  c.decide = [cmd](store::PgConnection&, const v1::Incident& cur, const Principal& who,
                   const domain::ChangeInput& in,
                   int64_t now) { return domain::ApplyCommand(cur, cmd, who, in, now); };
  return c;
}

}  // namespace

grpc::ServerUnaryReactor* IncidentServiceImpl::AcknowledgeIncident(
    grpc::CallbackServerContext* ctx, const v1::AcknowledgeIncidentRequest* req,
    v1::IncidentResponse* resp) {
  return RunChange(ctx, "AcknowledgeIncident",
                   LifecycleChange(req->incident_id(), req->expected_seq(),
                                   Permission::kAcknowledge, {domain::Action::kAcknowledge}),
                   resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::AssignIncident(grpc::CallbackServerContext* ctx,
                                                              const v1::AssignIncidentRequest* req,
                                                              v1::IncidentResponse* resp) {
  Change c;
  c.incident_id = req->incident_id();
  c.expected_seq = req->expected_seq();
  c.permission = Permission::kAssign;
  c.validate = [req] { return domain::CheckUuid("assignee_id", req->assignee_id()); };
  std::string assignee_id = req->assignee_id();
  c.decide = [assignee_id](store::PgConnection& conn, const v1::Incident& cur, const Principal& who,
                           const domain::ChangeInput& in, int64_t now) -> Result<domain::Events> {
    // The assignee must be an active person of the incident's hall.
    auto assignee = store::LoadAssignee(conn, assignee_id, cur.hall_id());
    if (!assignee) return Error::NotFound("no person with id " + assignee_id);
    if (!assignee->active)
      return Error::FailedPrecondition("person " + assignee_id + " is deactivated");
    if (!assignee->in_hall) {
      return Error::FailedPrecondition("person " + assignee_id + " does not work in hall " +
                                       cur.hall_id());
    }
    domain::Command cmd{domain::Action::kAssign};
    cmd.assignee_id = assignee_id;
    cmd.assignee_name = assignee->name;
    return domain::ApplyCommand(cur, cmd, who, in, now);
  };
  return RunChange(ctx, "AssignIncident", std::move(c), resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::AddNote(grpc::CallbackServerContext* ctx,
                                                       const v1::AddNoteRequest* req,
                                                       v1::IncidentResponse* resp) {
  domain::Command cmd{domain::Action::kAddNote};
  cmd.note = req->note();
  return RunChange(ctx, "AddNote",
                   LifecycleChange(req->incident_id(), 0, Permission::kNote, cmd,
                                   [req] { return CheckNote("note", req->note(), true); }),
                   resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::ResolveIncident(
    grpc::CallbackServerContext* ctx, const v1::ResolveIncidentRequest* req,
    v1::IncidentResponse* resp) {
  domain::Command cmd{domain::Action::kResolve};
  cmd.note = req->note();
  cmd.outcome = req->outcome();
  return RunChange(
      ctx, "ResolveIncident",
      LifecycleChange(
          req->incident_id(), req->expected_seq(), Permission::kResolve, cmd,
          [req]() -> Status {
            if (auto s = CheckNote("note", req->note(), false)) return s;
            if (!v1::Outcome_IsValid(req->outcome()) || req->outcome() == v1::OUTCOME_UNSPECIFIED) {
              return Error::InvalidArgument(
                  "outcome is required: handled, false_alarm, handed_over or no_action");
            }
            return kOk;
          }),
      resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::CloseIncident(grpc::CallbackServerContext* ctx,
                                                             const v1::CloseIncidentRequest* req,
                                                             v1::IncidentResponse* resp) {
  domain::Command cmd{domain::Action::kClose};
  cmd.note = req->note();
  return RunChange(ctx, "CloseIncident",
                   LifecycleChange(req->incident_id(), req->expected_seq(), Permission::kClose, cmd,
                                   [req] { return CheckNote("note", req->note(), false); }),
                   resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::ReopenIncident(grpc::CallbackServerContext* ctx,
                                                              const v1::ReopenIncidentRequest* req,
                                                              v1::IncidentResponse* resp) {
  domain::Command cmd{domain::Action::kReopen};
  cmd.note = req->reason();
  return RunChange(ctx, "ReopenIncident",
                   LifecycleChange(req->incident_id(), req->expected_seq(), Permission::kReopen,
                                   cmd, [req] { return CheckNote("reason", req->reason(), true); }),
                   resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::WithdrawIncident(
    grpc::CallbackServerContext* ctx, const v1::WithdrawIncidentRequest* req,
    v1::IncidentResponse* resp) {
  domain::Command cmd{domain::Action::kWithdraw};
  cmd.note = req->reason();
  return RunChange(ctx, "WithdrawIncident",
                   LifecycleChange(req->incident_id(), 0, Permission::kWithdraw, cmd,
                                   [req] { return CheckNote("reason", req->reason(), true); }),
                   resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::CompleteStep(grpc::CallbackServerContext* ctx,
                                                            const v1::CompleteStepRequest* req,
                                                            v1::IncidentResponse* resp) {
  domain::Command cmd{domain::Action::kCompleteStep};
  cmd.step_id = req->step_id();
  cmd.note = req->note();
  return RunChange(ctx, "CompleteStep",
                   LifecycleChange(req->incident_id(), 0, Permission::kChecklist, cmd,
                                   [req]() -> Status {
                                     if (auto s = domain::CheckText("step_id", req->step_id(), 1,
                                                                    domain::kMaxIdChars))
                                       return s;
                                     return CheckNote("note", req->note(), false);
                                   }),
                   resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::SkipStep(grpc::CallbackServerContext* ctx,
                                                        const v1::SkipStepRequest* req,
                                                        v1::IncidentResponse* resp) {
  domain::Command cmd{domain::Action::kSkipStep};
  cmd.step_id = req->step_id();
  cmd.note = req->reason();
  return RunChange(ctx, "SkipStep",
                   LifecycleChange(req->incident_id(), 0, Permission::kChecklist, cmd,
                                   [req]() -> Status {
                                     if (auto s = domain::CheckText("step_id", req->step_id(), 1,
                                                                    domain::kMaxIdChars))
                                       return s;
                                     return CheckNote("reason", req->reason(), true);
                                   }),
                   resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::RecategorizeIncident(
    grpc::CallbackServerContext* ctx, const v1::RecategorizeIncidentRequest* req,
    v1::IncidentResponse* resp) {
  Change c;
  c.incident_id = req->incident_id();
  c.permission = Permission::kTriage;
  auto playbooks = core_->playbooks;
  c.validate = [req, playbooks]() -> Status {
    if (auto s = CheckNote("reason", req->reason(), true)) return s;
    if (!playbooks->Get()->taxonomy().Find(req->category())) {
      return Error::InvalidArgument("category '" + req->category().substr(0, 64) +
                                    "' is not in the taxonomy");
    }
    if (!v1::Severity_IsValid(req->severity()))
      return Error::InvalidArgument("severity is not a known severity (0–4)");
    return kOk;
  };
  domain::Command cmd{domain::Action::kRecategorize};
  cmd.category = req->category();
  cmd.severity = req->severity();
  cmd.note = req->reason();
  c.decide = [cmd, playbooks](store::PgConnection&, const v1::Incident& cur, const Principal& who,
                              const domain::ChangeInput& base, int64_t now) {
    // The new category's playbook, chain and checklist.
    auto set = playbooks->Get();
    domain::ChangeInput in = base;
    in.category = set->taxonomy().Find(cmd.category);
    in.playbook = in.plan ? set->FindPlaybook(cur.plan_id(), cmd.category) : nullptr;
    in.chain.playbook = in.playbook;
    in.chain.policy = in.plan ? &domain::PolicyFor(*in.plan, in.playbook, &in.chain.from_playbook)
                              : &domain::EmptyPolicy();
    return domain::ApplyCommand(cur, cmd, who, in, now);
  };
  return RunChange(ctx, "RecategorizeIncident", std::move(c), resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::UpdateMetric(grpc::CallbackServerContext* ctx,
                                                            const v1::UpdateMetricRequest* req,
                                                            v1::IncidentResponse* resp) {
  domain::Command cmd{domain::Action::kUpdateMetric};
  cmd.metric = req->metric();
  cmd.value = req->value();
  cmd.note = req->metric() + " = " + std::to_string(req->value());
  return RunChange(
      ctx, "UpdateMetric",
      LifecycleChange(req->incident_id(), 0, Permission::kChecklist, cmd,
                      [req]() -> Status {
                        if (!playbook::IsKnownMetric(req->metric())) {
                          return Error::InvalidArgument(
                              "metric must be outage_minutes, petitioner_count or injured_count");
                        }
                        if (req->value() < 0 || req->value() > 1'000'000'000) {
                          return Error::InvalidArgument("value must be between 0 and 10^9");
                        }
                        return kOk;
                      }),
      resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::EscalateIncident(
    grpc::CallbackServerContext* ctx, const v1::EscalateIncidentRequest* req,
    v1::IncidentResponse* resp) {
  Change c;
  c.incident_id = req->incident_id();
  c.expected_seq = req->expected_seq();
  c.permission = Permission::kEscalate;
  c.validate = [req] { return CheckNote("reason", req->reason(), true); };
  c.needs_people = true;
  std::string reason = req->reason();
  c.decide = [reason](store::PgConnection&, const v1::Incident& cur, const Principal& who,
                      const domain::ChangeInput& in, int64_t now) {
    return domain::ApplyChain(cur, domain::ChainAction::kEscalate, reason, who, in.chain, now);
  };
  return RunChange(ctx, "EscalateIncident", std::move(c), resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::DeescalateIncident(
    grpc::CallbackServerContext* ctx, const v1::DeescalateIncidentRequest* req,
    v1::IncidentResponse* resp) {
  Change c;
  c.incident_id = req->incident_id();
  c.expected_seq = req->expected_seq();
  c.permission = Permission::kEscalate;
  c.validate = [req] { return CheckNote("reason", req->reason(), true); };
  c.needs_people = true;
  std::string reason = req->reason();
  c.decide = [reason](store::PgConnection&, const v1::Incident& cur, const Principal& who,
                      const domain::ChangeInput& in, int64_t now) {
    return domain::ApplyChain(cur, domain::ChainAction::kDeescalate, reason, who, in.chain, now);
  };
  return RunChange(ctx, "DeescalateIncident", std::move(c), resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::RecordContact(grpc::CallbackServerContext* ctx,
                                                             const v1::RecordContactRequest* req,
                                                             v1::IncidentResponse* resp) {
  Change c;
  c.incident_id = req->incident_id();
  c.permission = Permission::kChecklist;
  c.validate = [req]() -> Status {
    if (auto s = domain::CheckText("step_id", req->step_id(), 1, domain::kMaxIdChars)) return s;
    if (auto s = domain::CheckText("number", req->number(), 1, domain::kMaxPhoneChars)) {
      return Error::InvalidArgument("number is required: the number called, 1–32 characters");
    }
    if (!v1::ContactMethod_IsValid(req->method()) ||
        req->method() == v1::CONTACT_METHOD_UNSPECIFIED) {
      return Error::InvalidArgument("method is required: phone, in_person, message or radio");
    }
    if (auto s = domain::CheckText("reference", req->reference(), 0, domain::kMaxReferenceChars))
      return s;
    return CheckNote("note", req->note(), false);
  };
  v1::ContactRecord record;
  record.set_number(req->number());
  record.set_method(req->method());
  record.set_reference(req->reference());
  record.set_note(req->note());
  std::string step = req->step_id();
  c.decide = [record, step](store::PgConnection&, const v1::Incident& cur, const Principal& who,
                            const domain::ChangeInput&, int64_t now) {
    return domain::RecordContact(cur, step, record, who, now);
  };
  return RunChange(ctx, "RecordContact", std::move(c), resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::SetGrade(grpc::CallbackServerContext* ctx,
                                                        const v1::SetGradeRequest* req,
                                                        v1::IncidentResponse* resp) {
  Change c;
  c.incident_id = req->incident_id();
  c.permission = Permission::kTriage;
  c.validate = [req]() -> Status {
    if (auto s = domain::CheckText("grade", req->grade(), 1, 16)) return s;
    return CheckNote("reason", req->reason(), true);
  };
  c.needs_people = true;
  std::string grade = req->grade(), reason = req->reason();
  c.decide = [grade, reason](store::PgConnection&, const v1::Incident& cur, const Principal& who,
                             const domain::ChangeInput& in, int64_t now) {
    return domain::SetGrade(cur, grade, reason, who, in, now);
  };
  return RunChange(ctx, "SetGrade", std::move(c), resp);
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* IncidentServiceImpl::Watch(
    grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* req) {
  return new WatchReactor(core_, &wire_, ctx, req);
}

// ---------------------------------------------------------------- Close-out

namespace {

// A close-out duty: validated input, then one domain decision.
using CloseOutDecision = std::function<Result<domain::Events>(
    const v1::Incident& current, const Principal& who, int64_t now_us)>;
IncidentServiceImpl::Change CloseOutChange(const std::string& incident_id, int64_t expected_seq,
                                           Permission permission, std::function<Status()> validate,
                                           CloseOutDecision decide) {
  IncidentServiceImpl::Change c;
  c.incident_id = incident_id;
  c.expected_seq = expected_seq;
  c.permission = permission;
  c.validate = std::move(validate);
  c.decide = [decide = std::move(decide)](store::PgConnection&, const v1::Incident& cur,
                                          const Principal& who, const domain::ChangeInput&,
                                          int64_t now) { return decide(cur, who, now); };
  return c;
}

}  // namespace

grpc::ServerUnaryReactor* IncidentServiceImpl::DraftStatement(grpc::CallbackServerContext* ctx,
                                                              const v1::DraftStatementRequest* req,
                                                              v1::IncidentResponse* resp) {
  std::string text = req->text(), audience = req->audience();
  return RunChange(
      ctx, "DraftStatement",
      CloseOutChange(
          req->incident_id(), 0, Permission::kCloseOut,
          [req] { return domain::ValidateStatementText(req->text(), req->audience()); },
          [text, audience](const v1::Incident& cur, const Principal& who, int64_t now) {
            return domain::DraftStatement(cur, text, audience, who, now);
          }),
      resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::DecideStatement(
    grpc::CallbackServerContext* ctx, const v1::DecideStatementRequest* req,
    v1::IncidentResponse* resp) {
  std::string id = req->statement_id(), reason = req->reason();
  bool approve = req->approve();
  return RunChange(
      ctx, "DecideStatement",
      CloseOutChange(
          req->incident_id(), 0, Permission::kApproveStatement,
          [req]() -> Status {
            if (auto s =
                    domain::CheckText("statement_id", req->statement_id(), 1, domain::kMaxIdChars))
              return s;
            return CheckNote("reason", req->reason(), !req->approve());
          },
          [id, approve, reason](const v1::Incident& cur, const Principal& who, int64_t now) {
            return domain::DecideStatement(cur, id, approve, reason, who, now);
          }),
      resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::RecordSummary(grpc::CallbackServerContext* ctx,
                                                             const v1::RecordSummaryRequest* req,
                                                             v1::IncidentResponse* resp) {
  v1::AfterActionSummary summary = req->summary();
  return RunChange(ctx, "RecordSummary",
                   CloseOutChange(
                       req->incident_id(), req->expected_seq(), Permission::kCloseOut,
                       [req] { return domain::ValidateSummary(req->summary()); },
                       [summary](const v1::Incident& cur, const Principal& who, int64_t now) {
                         return domain::RecordSummary(cur, summary, who, now);
                       }),
                   resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::RecordFiling(grpc::CallbackServerContext* ctx,
                                                            const v1::RecordFilingRequest* req,
                                                            v1::IncidentResponse* resp) {
  v1::FilingRecord filing;
  filing.set_body(req->body());
  filing.set_method(req->method());
  filing.set_reference(req->reference());
  filing.set_note(req->note());
  return RunChange(ctx, "RecordFiling",
                   CloseOutChange(
                       req->incident_id(), 0, Permission::kCloseOut,
                       [filing] { return domain::ValidateFiling(filing); },
                       [filing](const v1::Incident& cur, const Principal& who, int64_t now) {
                         return domain::RecordFiling(cur, filing, who, now);
                       }),
                   resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::HandOverIncident(
    grpc::CallbackServerContext* ctx, const v1::HandOverIncidentRequest* req,
    v1::IncidentResponse* resp) {
  v1::Handover h;
  h.set_department(req->department());
  h.set_note(req->note());
  h.set_feedback(req->feedback());
  return RunChange(
      ctx, "HandOverIncident",
      CloseOutChange(
          req->incident_id(), 0, Permission::kCloseOut, [h] { return domain::ValidateHandover(h); },
          [h](const v1::Incident& cur, const Principal& who, int64_t now) {
            return domain::HandOver(cur, h, who, now);
          }),
      resp);
}

grpc::ServerUnaryReactor* IncidentServiceImpl::UpsertFollowUp(grpc::CallbackServerContext* ctx,
                                                              const v1::UpsertFollowUpRequest* req,
                                                              v1::IncidentResponse* resp) {
  v1::FollowUp f;
  f.set_id(req->follow_up_id());
  f.set_text(req->text());
  f.set_owner(req->owner());
  if (req->has_due_at()) *f.mutable_due_at() = req->due_at();
  f.set_done(req->done());
  return RunChange(ctx, "UpsertFollowUp",
                   CloseOutChange(
                       req->incident_id(), 0, Permission::kCloseOut,
                       [f] { return domain::ValidateFollowUp(f, f.id().empty()); },
                       [f](const v1::Incident& cur, const Principal& who, int64_t now) {
                         return domain::UpsertFollowUp(cur, f, who, now);
                       }),
                   resp);
}

}  // namespace hall::api
