#include "api/playbook_service.h"

#include <spdlog/spdlog.h>

#include "domain/validation.h"

namespace hall::api {

using domain::Principal;

void ToProto(const playbook::PlaybookSet& set, v1::PlaybookSetInfo* out) {
  out->set_version(set.version());
  for (auto& id : set.plan_ids()) out->add_plan_ids(id);
  out->set_loaded_at_unix_ms(set.loaded_at_ms());
}

Status ReloadPlaybooks(ServerCore& core) {
  std::vector<playbook::FileError> errors;
  auto set = playbook::LoadPlaybookSet(core.playbooks_dir, &errors);
  if (!set) {
    std::string msg = "the playbooks were not reloaded; the set in force stays. Errors:";
    for (auto& e : errors) msg += "\n" + e.ToString();
    return Error::FailedPrecondition(msg);
  }
  spdlog::info("playbooks reloaded: version {}", set->version().substr(0, 12));
  core.playbooks->Set(std::move(set));
  return kOk;
}

namespace {

// Resolves "plan_id or hall_id" to a plan id, reading the hall on a worker.
void ResolvePlan(ServerCore* core, const Principal& who, const std::string& plan_id,
                 const std::string& hall_id, std::function<void(Result<std::string>)> k) {
  if (!plan_id.empty()) {
    if (auto s = domain::CheckSlug("plan_id", plan_id)) return k(*s);
    return k(plan_id);
  }
  if (auto s = domain::CheckSlug("hall_id", hall_id)) return k(*s);
  if (auto s = domain::CheckScope(who, hall_id)) return k(*s);
  auto out = std::make_shared<std::string>();
  core->workers->Submit(
      [core, hall_id, out](store::PgConnection& conn) -> Status {
        auto plan = core->hall_plans->Get(conn, hall_id);
        if (!plan) return plan.error();
        *out = plan.value();
        return kOk;
      },
      [out, k](Status s) {
        if (s) return k(*s);
        k(*out);
      });
}

}  // namespace

grpc::ServerUnaryReactor* PlaybookServiceImpl::GetPlaybookSet(grpc::CallbackServerContext* ctx,
                                                              const v1::GetPlaybookSetRequest*,
                                                              v1::PlaybookSetInfo* resp) {
  return RunUnary(*core_, ctx, "GetPlaybookSet", [this, resp](const Principal&, Finish finish) {
    ToProto(*core_->playbooks->Get(), resp);
    finish(kOk);
  });
}

grpc::ServerUnaryReactor* PlaybookServiceImpl::GetPlan(grpc::CallbackServerContext* ctx,
                                                       const v1::GetPlanRequest* req,
                                                       v1::GetPlanResponse* resp) {
  return RunUnary(*core_, ctx, "GetPlan", [this, req, resp](const Principal& who, Finish finish) {
    ResolvePlan(
        core_, who, req->plan_id(), req->hall_id(), [this, resp, finish](Result<std::string> id) {
          if (!id) return finish(id.error());
          auto set = core_->playbooks->Get();
          const v1::Plan* plan = set->FindPlan(id.value());
          if (!plan)
            return finish(Error::NotFound("no plan '" + id.value() + "' in the playbook set"));
          *resp->mutable_plan() = *plan;
          resp->set_version(set->version());
          finish(kOk);
        });
  });
}

grpc::ServerUnaryReactor* PlaybookServiceImpl::GetPlaybook(grpc::CallbackServerContext* ctx,
                                                           const v1::GetPlaybookRequest* req,
                                                           v1::GetPlaybookResponse* resp) {
  return RunUnary(
      *core_, ctx, "GetPlaybook", [this, req, resp](const Principal& who, Finish finish) {
        auto set = core_->playbooks->Get();
        if (!set->taxonomy().Find(req->category())) {
          return finish(Error::InvalidArgument("category '" + req->category().substr(0, 64) +
                                               "' is not in the taxonomy"));
        }
        ResolvePlan(
            core_, who, req->plan_id(), req->hall_id(),
            [set, req, resp, finish](Result<std::string> id) {
              if (!id) return finish(id.error());
              const v1::Plan* plan = set->FindPlan(id.value());
              if (!plan)
                return finish(Error::NotFound("no plan '" + id.value() + "' in the playbook set"));
              bool falls_back = false;
              const v1::Playbook* pb = set->FindPlaybook(id.value(), req->category(), &falls_back);
              if (!pb)
                return finish(Error::NotFound("plan '" + id.value() + "' has no playbook for '" +
                                              req->category() + "'"));
              *resp->mutable_playbook() = *pb;
              resp->set_plan_id(id.value());
              resp->set_falls_back(falls_back);
              *resp->mutable_escalation() =
                  pb->has_escalation() ? pb->escalation() : plan->default_escalation();
              *resp->mutable_close_out() =
                  pb->has_close_out() ? pb->close_out() : plan->default_close_out();
              finish(kOk);
            });
      });
}

grpc::ServerUnaryReactor* PlaybookServiceImpl::ListCategories(grpc::CallbackServerContext* ctx,
                                                              const v1::ListCategoriesRequest*,
                                                              v1::Taxonomy* resp) {
  return RunUnary(*core_, ctx, "ListCategories", [this, resp](const Principal&, Finish finish) {
    *resp = core_->playbooks->Get()->taxonomy().data();
    finish(kOk);
  });
}

grpc::ServerUnaryReactor* PlaybookServiceImpl::ReloadPlaybooks(grpc::CallbackServerContext* ctx,
                                                               const v1::ReloadPlaybooksRequest*,
                                                               v1::PlaybookSetInfo* resp) {
  return RunUnary(
      *core_, ctx, "ReloadPlaybooks", [this, ctx, resp](const Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, domain::Permission::kAdminDirectory))
          return finish(s);
        core_->workers->Submit(  // file I/O off the gRPC thread
            [this, resp](store::PgConnection&) -> Status {
              if (auto s = api::ReloadPlaybooks(*core_)) return s;
              ToProto(*core_->playbooks->Get(), resp);
              return kOk;
            },
            [this, ctx, who, resp, finish](Status s) {
              // Every playbook change is audited, refused ones too.
              Audit(*core_, ctx, &who, s ? "playbooks_refused" : "playbooks_reloaded", "playbooks",
                    "", s ? s->message.substr(0, 1000) : "version " + resp->version(),
                    [finish, s] { finish(s); });
            });
      });
}

}  // namespace hall::api
