#include "api/drill_service.h"

#include <algorithm>
#include <map>

#include "domain/credentials.h"
#include "domain/drill_score.h"
#include "domain/incident_state.h"
#include "domain/validation.h"
#include "playbook/drill_scenarios.h"
#include "store/directory_store.h"
#include "store/drill_store.h"
#include "store/hall_plans.h"
#include "store/security_store.h"

namespace hall::api {
namespace {

using domain::Permission;
using domain::Principal;

constexpr int64_t kDayUs = 86400LL * 1'000'000;
constexpr size_t kMaxReasonChars = 500;

// The scenarios of playbooks/drills/ checked against the set in force; an
// error in the files is the server's problem, not the caller's.
Result<std::vector<v1::DrillScenario>> Scenarios(const ServerCore& core,
                                                 const playbook::PlaybookSet& set) {
  std::vector<playbook::FileError> errors;
  auto out = playbook::LoadDrillScenarios(core.playbooks_dir + "/drills", set, &errors);
  if (!errors.empty()) {
    return Error::Internal("the drill scenarios do not load (" + errors.front().ToString() +
                           "); run `hallctl playbook check`");
  }
  return out;
}

bool Fits(const v1::DrillScenario& s, const std::string& plan_id, const std::string& hall_id) {
  if (s.plan_id() != plan_id) return false;
  return s.hall_ids().empty() ||
         std::find(s.hall_ids().begin(), s.hall_ids().end(), hall_id) != s.hall_ids().end();
}

// A run with everything the console shows: injects, incidents, the score
// (live, or as it stood at the end).
Result<v1::Drill> FullDrill(store::PgConnection& conn, const std::string& id, int64_t now_us) {
  auto stored = store::LoadDrill(conn, id);
  if (!stored) return Error::NotFound("no drill with id " + id);
  v1::Drill d = std::move(stored->drill);
  for (auto& in : store::LoadDrillInjects(conn, id)) *d.add_injects() = std::move(in);
  for (auto& inc : store::LoadDrillIncidents(conn, id)) *d.add_incidents() = std::move(inc);
  const bool ended = d.state() == v1::DRILL_STATE_ENDED || d.state() == v1::DRILL_STATE_STOPPED;
  if (!ended || d.score().results_size() == 0) {
    *d.mutable_score() = domain::ScoreDrillRun(d, stored->expected, now_us);
  }
  return d;
}

// Answers with the run as it stands now (read on a database worker).
void ReplyWithDrill(ServerCore* core, const std::string& id, v1::DrillResponse* resp,
                    Finish finish) {
  core->workers->Submit(
      [core, id, resp](store::PgConnection& conn) -> Status {
        auto full = FullDrill(conn, id, core->now());
        if (!full) return full.error();
        *resp->mutable_drill() = std::move(full.value());
        return kOk;
      },
      std::move(finish));
}

// The scenario a start or a check names: a file's by its id, or a
// hand-built one checked as a file's is (its errors by field path).
Result<v1::DrillScenario> ResolveScenario(const ServerCore& core, const playbook::PlaybookSet& set,
                                          const std::string& id,
                                          const v1::DrillScenario* hand_built) {
  auto scenarios = Scenarios(core, set);
  if (!scenarios) return scenarios.error();
  if (hand_built) {
    auto errors = playbook::CheckHandBuiltScenario(*hand_built, set, scenarios.value());
    if (errors.empty()) return *hand_built;
    std::string msg = "the hand-built scenario is not valid: ";
    for (size_t i = 0; i < errors.size() && i < 3; ++i)
      msg += (i ? "; " : "") + errors[i].field + ": " + errors[i].message;
    if (errors.size() > 3) msg += " (and " + std::to_string(errors.size() - 3) + " more)";
    return Error::InvalidArgument(msg);
  }
  for (const auto& sc : scenarios.value())
    if (sc.id() == id) return sc;
  return Error::NotFound("no drill scenario '" + id +
                         "' in playbooks/drills (ListDrillScenarios lists them)");
}

// A scenario fits the hall: it rehearses the hall's plan (in its named
// halls, if any), the hall has someone of each role it names, and every
// place it names is a place of the hall.
Status CheckFitsHall(const ServerCore& core, store::PgConnection& conn,
                     const v1::DrillScenario& scenario, const std::string& hall_id) {
  auto plan_id = core.hall_plans->Get(conn, hall_id);
  if (!plan_id) return plan_id.error();
  if (!Fits(scenario, plan_id.value(), hall_id)) {
    return Error::FailedPrecondition(
        "scenario '" + scenario.id() + "' rehearses the " + scenario.plan_id() + " plan" +
        (scenario.hall_ids().empty() ? "" : " in its named halls") + "; hall '" + hall_id +
        "' runs under '" + plan_id.value() + "'");
  }
  std::vector<v1::Role> roles;
  for (int r : scenario.roles()) roles.push_back(static_cast<v1::Role>(r));
  auto missing = store::RolesMissingInHall(conn, hall_id, roles);
  if (!missing.empty()) {
    std::string names;
    for (v1::Role r : missing) names += (names.empty() ? "" : ", ") + domain::RoleName(r);
    return Error::FailedPrecondition("hall '" + hall_id + "' has no active person with role " +
                                     names + ", whom scenario '" + scenario.id() +
                                     "' needs; add one to the hall (人员) first");
  }
  for (const auto& in : scenario.injects()) {
    if (in.place().empty()) continue;
    if (!store::PlaceOfRole(conn, hall_id, in.place())) {
      return Error::FailedPrecondition("hall '" + hall_id + "' has no place '" + in.place() +
                                       "' (inject '" + in.id() +
                                       "'); add it to the hall or pick another place");
    }
  }
  return kOk;
}

Status CheckDrillId(const std::string& id) { return domain::CheckUuid("drill_id", id); }

// Loads a run for a change by `who`: it exists, is in scope, and `who` may
// run drills.
Result<store::StoredDrill> DrillForChange(store::PgConnection& conn, const Principal& who,
                                          const std::string& id) {
  auto stored = store::LoadDrill(conn, id, /*lock=*/true);
  if (!stored) return Error::NotFound("no drill with id " + id);
  if (auto s = domain::CheckScope(who, stored->drill.hall_id())) return *s;
  return std::move(*stored);
}

std::string StateWord(v1::DrillState s) {
  switch (s) {
    case v1::DRILL_STATE_RUNNING:
      return "running";
    case v1::DRILL_STATE_PAUSED:
      return "paused";
    case v1::DRILL_STATE_ENDED:
      return "ended";
    case v1::DRILL_STATE_STOPPED:
      return "stopped";
    default:
      return "unknown";
  }
}

}  // namespace

grpc::ServerUnaryReactor* DrillServiceImpl::ListDrillScenarios(
    grpc::CallbackServerContext* ctx, const v1::ListDrillScenariosRequest* req,
    v1::ListDrillScenariosResponse* resp) {
  return RunUnary(*core_, ctx, "ListDrillScenarios",
                  [this, req, resp](const Principal& who, Finish finish) {
                    if (auto s = domain::CheckPermission(who, Permission::kReadDrills))
                      return finish(s);
                    if (auto s = domain::CheckSlug("hall_id", req->hall_id())) return finish(s);
                    if (auto s = domain::CheckScope(who, req->hall_id())) return finish(s);
                    ServerCore* core = core_;
                    core_->workers->Submit(
                        [core, req, resp](store::PgConnection& conn) -> Status {
                          auto plan_id = core->hall_plans->Get(conn, req->hall_id());
                          if (!plan_id) return plan_id.error();
                          auto set = core->playbooks->Get();
                          auto scenarios = Scenarios(*core, *set);
                          if (!scenarios) return scenarios.error();
                          for (const auto& sc : scenarios.value()) {
                            if (!Fits(sc, plan_id.value(), req->hall_id())) continue;
                            auto* out = resp->add_scenarios();
                            *out->mutable_scenario() = sc;
                            for (auto& e : playbook::ExpectedResponses(sc, *set))
                              *out->add_expected() = std::move(e);
                          }
                          return kOk;
                        },
                        finish);
                  });
}

grpc::ServerUnaryReactor* DrillServiceImpl::StartDrill(grpc::CallbackServerContext* ctx,
                                                       const v1::StartDrillRequest* req,
                                                       v1::DrillResponse* resp) {
  return RunUnary(
      *core_, ctx, "StartDrill", [this, ctx, req, resp](const Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, Permission::kRunDrill)) return finish(s);
        const int64_t now = core_->now();
        int64_t starts = now;
        if (auto s = domain::CheckStartDrill(*req, now, &starts)) return finish(s);
        if (auto s = domain::CheckScope(who, req->hall_id())) return finish(s);
        auto set = core_->playbooks->Get();
        auto scenario = ResolveScenario(*core_, *set, req->scenario_id(),
                                        req->has_scenario() ? &req->scenario() : nullptr);
        if (!scenario) return finish(scenario.error());
        auto d = std::make_shared<store::NewDrill>();
        d->id = domain::NewUuid();
        d->hall_id = req->hall_id();
        d->request_id = req->request_id();
        d->started_by = who.id;
        d->started_by_name = who.display_name;
        d->scenario = std::move(scenario.value());
        d->expected = playbook::ExpectedResponses(d->scenario, *set);
        d->starts_at_us = starts;
        d->kiosk_ids.assign(req->kiosk_ids().begin(), req->kiosk_ids().end());
        auto drill_id = std::make_shared<std::string>();
        ServerCore* core = core_;
        // Audited in the run's own transaction (not on a retry: the first
        // press of Start was).
        v1::AuditEntry audit =
            AuditEntryFor(*core_, ctx, &who, "drill_started", d->id, d->hall_id, d->scenario.id());
        core_->appender->Submit(
            [core, d, drill_id, audit](store::AppendContext& ctx) -> Status {
              store::PgConnection& conn = ctx.conn();
              if (auto seen = store::DrillByRequest(conn, d->started_by, d->request_id)) {
                *drill_id = *seen;  // a retry: the run it started
                return kOk;
              }
              if (auto s = CheckFitsHall(*core, conn, d->scenario, d->hall_id)) return s;
              auto active = store::ActiveKioskIds(conn, d->hall_id);
              if (d->kiosk_ids.empty()) {
                d->kiosk_ids = active;
              } else {
                for (const auto& k : d->kiosk_ids) {
                  if (std::find(active.begin(), active.end(), k) == active.end()) {
                    return Error::InvalidArgument(
                        "kiosk '" + k + "' is not an active kiosk of hall '" + d->hall_id + "'");
                  }
                }
              }
              if (!store::InsertDrill(conn, *d)) {
                auto live = store::LiveDrillOfHall(conn, d->hall_id);
                return Error::FailedPrecondition(
                    "hall '" + d->hall_id + "' already has a drill" +
                    (live ? " (" + live->name_zh + ", " + live->drill_id + ")" : std::string()) +
                    " scheduled, running or paused; stop it before starting another");
              }
              *drill_id = d->id;
              ctx.NoteDue(d->starts_at_us);  // its first inject: the timer loop looks then
              store::AppendAudit(conn, audit);
              return kOk;
            },
            [core, drill_id, resp, finish](Status s) {
              if (s) return finish(s);
              ReplyWithDrill(core, *drill_id, resp, finish);
            });
      });
}

grpc::ServerUnaryReactor* DrillServiceImpl::CheckDrillScenario(
    grpc::CallbackServerContext* ctx, const v1::CheckDrillScenarioRequest* req,
    v1::ScenarioForHall* resp) {
  return RunUnary(*core_, ctx, "CheckDrillScenario",
                  [this, req, resp](const Principal& who, Finish finish) {
                    if (auto s = domain::CheckPermission(who, Permission::kRunDrill))
                      return finish(s);
                    if (auto s = domain::CheckSlug("hall_id", req->hall_id())) return finish(s);
                    if (auto s = domain::CheckScope(who, req->hall_id())) return finish(s);
                    if (!req->has_scenario())
                      return finish(Error::InvalidArgument("scenario is required"));
                    auto set = core_->playbooks->Get();
                    auto scenario = ResolveScenario(*core_, *set, "", &req->scenario());
                    if (!scenario) return finish(scenario.error());
                    ServerCore* core = core_;
                    core_->workers->Submit(
                        [core, req, resp, set](store::PgConnection& conn) -> Status {
                          if (auto s = CheckFitsHall(*core, conn, req->scenario(), req->hall_id()))
                            return s;
                          *resp->mutable_scenario() = req->scenario();
                          for (auto& e : playbook::ExpectedResponses(req->scenario(), *set))
                            *resp->add_expected() = std::move(e);
                          return kOk;
                        },
                        std::move(finish));
                  });
}

grpc::ServerUnaryReactor* DrillServiceImpl::Toggle(grpc::CallbackServerContext* ctx,
                                                   const v1::DrillRequest* req,
                                                   v1::DrillResponse* resp, bool pause) {
  return RunUnary(
      *core_, ctx, pause ? "PauseDrill" : "ResumeDrill",
      [this, ctx, req, resp, pause](const Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, Permission::kRunDrill)) return finish(s);
        if (auto s = CheckDrillId(req->drill_id())) return finish(s);
        ServerCore* core = core_;
        v1::AuditEntry audit = AuditEntryFor(
            *core_, ctx, &who, pause ? "drill_paused" : "drill_resumed", req->drill_id(), "", "");
        core_->appender->Submit(
            [req, who, pause, audit](store::AppendContext& ctx) mutable -> Status {
              auto stored = DrillForChange(ctx.conn(), who, req->drill_id());
              if (!stored) return stored.error();
              const v1::Drill& d = stored->drill;
              const auto want = pause ? v1::DRILL_STATE_RUNNING : v1::DRILL_STATE_PAUSED;
              if (d.state() != want) {
                return Error::FailedPrecondition("the drill is " + StateWord(d.state()) +
                                                 (pause ? "; only a running drill can be paused"
                                                        : "; only a paused drill can be resumed"));
              }
              if (pause) {
                store::PauseDrill(ctx.conn(), d.id(), ctx.now_micros());
              } else {
                store::ResumeDrill(ctx.conn(), d.id(), domain::ToMicros(d.paused_at()),
                                   ctx.now_micros());
                ctx.NoteDue(ctx.now_micros());  // the timer loop re-reads the injects now
              }
              audit.set_hall_id(d.hall_id());
              store::AppendAudit(ctx.conn(), audit);
              return kOk;
            },
            [core, req, resp, finish](Status s) {
              if (s) return finish(s);
              ReplyWithDrill(core, req->drill_id(), resp, finish);
            });
      });
}

grpc::ServerUnaryReactor* DrillServiceImpl::PauseDrill(grpc::CallbackServerContext* ctx,
                                                       const v1::DrillRequest* req,
                                                       v1::DrillResponse* resp) {
  return Toggle(ctx, req, resp, true);
}

grpc::ServerUnaryReactor* DrillServiceImpl::ResumeDrill(grpc::CallbackServerContext* ctx,
                                                        const v1::DrillRequest* req,
                                                        v1::DrillResponse* resp) {
  return Toggle(ctx, req, resp, false);
}

grpc::ServerUnaryReactor* DrillServiceImpl::StopDrill(grpc::CallbackServerContext* ctx,
                                                      const v1::StopDrillRequest* req,
                                                      v1::DrillResponse* resp) {
  return RunUnary(
      *core_, ctx, "StopDrill", [this, ctx, req, resp](const Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, Permission::kRunDrill)) return finish(s);
        if (auto s = CheckDrillId(req->drill_id())) return finish(s);
        if (auto s = domain::CheckText("reason", req->reason(), 0, kMaxReasonChars))
          return finish(s);
        ServerCore* core = core_;
        v1::AuditEntry audit =
            AuditEntryFor(*core_, ctx, &who, "drill_stopped", req->drill_id(), "", req->reason());
        core_->appender->Submit(
            [req, who, audit](store::AppendContext& ctx) mutable -> Status {
              auto stored = DrillForChange(ctx.conn(), who, req->drill_id());
              if (!stored) return stored.error();
              if (!store::FinishDrill(ctx, req->drill_id(), v1::DRILL_STATE_STOPPED,
                                      req->reason())) {
                return Error::FailedPrecondition("the drill has already " +
                                                 StateWord(stored->drill.state()));
              }
              audit.set_hall_id(stored->drill.hall_id());
              store::AppendAudit(ctx.conn(), audit);
              return kOk;
            },
            [core, req, resp, finish](Status s) {
              if (s) return finish(s);
              ReplyWithDrill(core, req->drill_id(), resp, finish);
            });
      });
}

grpc::ServerUnaryReactor* DrillServiceImpl::GetDrill(grpc::CallbackServerContext* ctx,
                                                     const v1::DrillRequest* req,
                                                     v1::DrillResponse* resp) {
  return RunUnary(*core_, ctx, "GetDrill", [this, req, resp](const Principal& who, Finish finish) {
    if (auto s = domain::CheckPermission(who, Permission::kReadDrills)) return finish(s);
    if (auto s = CheckDrillId(req->drill_id())) return finish(s);
    ServerCore* core = core_;
    core_->workers->Submit(
        [core, who, req, resp](store::PgConnection& conn) -> Status {
          auto full = FullDrill(conn, req->drill_id(), core->now());
          if (!full) return full.error();
          if (auto s = domain::CheckScope(who, full->hall_id())) return s;
          *resp->mutable_drill() = std::move(full.value());
          return kOk;
        },
        finish);
  });
}

grpc::ServerUnaryReactor* DrillServiceImpl::ListDrills(grpc::CallbackServerContext* ctx,
                                                       const v1::ListDrillsRequest* req,
                                                       v1::ListDrillsResponse* resp) {
  return RunUnary(
      *core_, ctx, "ListDrills", [this, req, resp](const Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, Permission::kReadDrills)) return finish(s);
        if (auto s = domain::CheckCount("hall_ids", req->hall_ids_size(), domain::kMaxFilterItems))
          return finish(s);
        store::HallScope scope = ScopeOf(who);
        if (req->hall_ids_size() > 0) {
          scope = {false, {}};
          for (const auto& h : req->hall_ids()) {
            if (auto s = domain::CheckSlug("hall_ids", h)) return finish(s);
            if (auto s = domain::CheckScope(who, h)) return finish(s);
            scope.halls.push_back(h);
          }
        }
        if (auto s = domain::CheckText("scenario_id", req->scenario_id(), 0, domain::kMaxIdChars))
          return finish(s);
        if (req->limit() < 0) return finish(Error::InvalidArgument("limit must not be negative"));
        const int limit = req->limit() == 0 ? 50 : std::min(req->limit(), 500);
        core_->workers->Submit(
            [req, resp, scope, limit](store::PgConnection& conn) -> Status {
              for (auto& d : store::ListDrills(conn, scope, req->scenario_id(), limit))
                *resp->add_drills() = std::move(d);
              return kOk;
            },
            finish);
      });
}

grpc::ServerUnaryReactor* DrillServiceImpl::RecordDrillReview(
    grpc::CallbackServerContext* ctx, const v1::RecordDrillReviewRequest* req,
    v1::DrillResponse* resp) {
  return RunUnary(
      *core_, ctx, "RecordDrillReview",
      [this, ctx, req, resp](const Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, Permission::kRunDrill)) return finish(s);
        if (auto s = CheckDrillId(req->drill_id())) return finish(s);
        const v1::DrillReview& r = req->review();
        if (auto s = domain::CheckDrillReview(r)) return finish(s);
        auto review = std::make_shared<v1::DrillReview>(r);
        review->set_reviewed_by(who.id);
        review->set_reviewed_by_name(who.display_name);
        domain::SetTimestamp(review->mutable_reviewed_at(), core_->now());
        ServerCore* core = core_;
        core_->workers->Submit(
            AuditedJob(AuditEntryFor(*core_, ctx, &who, "drill_reviewed", req->drill_id(), "", ""),
                       [core, req, resp, who, review](store::PgConnection& conn,
                                                      v1::AuditEntry& row) -> Status {
                         auto stored = DrillForChange(conn, who, req->drill_id());
                         if (!stored) return stored.error();
                         const auto st = stored->drill.state();
                         if (st != v1::DRILL_STATE_ENDED && st != v1::DRILL_STATE_STOPPED) {
                           return Error::FailedPrecondition(
                               "the drill is " + StateWord(st) +
                               "; review it once it has ended or stopped");
                         }
                         store::SaveDrillReview(conn, req->drill_id(), *review);
                         row.set_hall_id(stored->drill.hall_id());
                         auto full = FullDrill(conn, req->drill_id(), core->now());
                         if (!full) return full.error();
                         *resp->mutable_drill() = std::move(full.value());
                         return kOk;
                       }),
            finish);
      });
}

grpc::ServerUnaryReactor* DrillServiceImpl::GetDrillCadence(grpc::CallbackServerContext* ctx,
                                                            const v1::DrillCadenceRequest* req,
                                                            v1::DrillCadenceResponse* resp) {
  return RunUnary(
      *core_, ctx, "GetDrillCadence", [this, req, resp](const Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, Permission::kReadDrills)) return finish(s);
        if (auto s = domain::CheckCount("hall_ids", req->hall_ids_size(), domain::kMaxFilterItems))
          return finish(s);
        for (const auto& h : req->hall_ids()) {
          if (auto s = domain::CheckSlug("hall_ids", h)) return finish(s);
          if (auto s = domain::CheckScope(who, h)) return finish(s);
        }
        ServerCore* core = core_;
        core_->workers->Submit(
            [core, who, req, resp](store::PgConnection& conn) -> Status {
              std::vector<std::string> halls(req->hall_ids().begin(), req->hall_ids().end());
              if (halls.empty()) {
                for (const auto& h : store::ListHalls(conn, ScopeOf(who))) halls.push_back(h.id());
              }
              auto set = core->playbooks->Get();
              auto scenarios = Scenarios(*core, *set);
              if (!scenarios) return scenarios.error();
              // The latest run counting toward each (hall, file scenario):
              // its own, or a hand-built one's based on it.
              std::map<std::pair<std::string, std::string>, store::LastRun> last;
              for (auto& r : store::LastDrillRuns(conn, halls)) {
                std::string key = r.scenario_id;
                const bool from_file =
                    std::any_of(scenarios.value().begin(), scenarios.value().end(),
                                [&](const v1::DrillScenario& f) { return f.id() == key; });
                if (!from_file) {
                  // A hand-built run counts for the scenario it was built
                  // from only when it rehearses at least what that one does.
                  auto run = store::LoadDrill(conn, r.drill_id);
                  if (!run) continue;
                  const v1::DrillScenario& sc = run->drill.scenario();
                  auto base = std::find_if(
                      scenarios.value().begin(), scenarios.value().end(),
                      [&](const v1::DrillScenario& f) { return f.id() == sc.based_on(); });
                  if (base == scenarios.value().end() || !playbook::CoversForCadence(sc, *base))
                    continue;
                  key = sc.based_on();
                }
                auto [it, fresh] = last.try_emplace({r.hall_id, key}, r);
                if (!fresh && r.ended_at_us > it->second.ended_at_us) it->second = r;
              }
              const int64_t now = core->now();
              for (const auto& h : halls) {
                auto plan_id = core->hall_plans->Get(conn, h);
                if (!plan_id) continue;  // a hall named but gone: nothing due
                for (const auto& sc : scenarios.value()) {
                  if (!Fits(sc, plan_id.value(), h)) continue;
                  v1::DrillCadence* row = resp->add_rows();
                  row->set_hall_id(h);
                  row->set_scenario_id(sc.id());
                  row->set_scenario_name_zh(sc.name_zh());
                  row->set_scenario_name_en(sc.name_en());
                  row->set_interval_days(sc.interval_days());
                  row->set_citation(sc.citation());
                  auto it = last.find({h, sc.id()});
                  if (it != last.end()) {
                    domain::SetTimestamp(row->mutable_last_run_at(), it->second.ended_at_us);
                    row->set_last_drill_id(it->second.drill_id);
                    row->set_last_percent(it->second.percent);
                  }
                  if (sc.interval_days() <= 0) continue;  // as the hall decides: never overdue
                  if (it == last.end()) {
                    row->set_overdue(true);  // never run: due now
                    continue;
                  }
                  const int64_t due = it->second.ended_at_us + int64_t{sc.interval_days()} * kDayUs;
                  domain::SetTimestamp(row->mutable_due_at(), due);
                  row->set_overdue(due < now);
                }
              }
              return kOk;
            },
            finish);
      });
}

}  // namespace hall::api
