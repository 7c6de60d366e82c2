#include "api/escalation_service.h"

#include "domain/directory_rules.h"
#include "domain/incident_state.h"
#include "domain/validation.h"
#include "playbook/playbook_set.h"
#include "store/hall_setup_store.h"

namespace hall::api {

using domain::Principal;

namespace {
constexpr int64_t kDay = 24LL * 3600 * 1'000'000;
}  // namespace

grpc::ServerUnaryReactor* EscalationServiceImpl::GetHallSetup(grpc::CallbackServerContext* ctx,
                                                              const v1::GetHallSetupRequest* req,
                                                              v1::HallSetup* resp) {
  return RunUnary(
      *core_, ctx, "GetHallSetup", [this, req, resp](const Principal& who, Finish finish) {
        if (auto s = domain::CheckSlug("hall_id", req->hall_id())) return finish(s);
        if (auto s = domain::CheckPermission(who, domain::Permission::kRead)) return finish(s);
        if (who.is_kiosk())
          return finish(Error::PermissionDenied("a kiosk may not read a hall's set-up"));
        if (auto s = domain::CheckScope(who, req->hall_id())) return finish(s);
        const int64_t now = core_->now();
        int64_t from = req->has_from() ? domain::ToMicros(req->from()) : now;
        int64_t to = req->has_to() ? domain::ToMicros(req->to()) : now + 7 * kDay;
        if (to <= from) return finish(Error::InvalidArgument("to must be after from"));
        if (to - from > 62 * kDay)
          return finish(Error::InvalidArgument("a roster window is at most 62 days"));
        ServerCore* core = core_;
        core_->workers->Submit(
            [core, req, resp, from, to, now](store::PgConnection& conn) -> Status {
              auto plan = core->hall_plans->Get(conn, req->hall_id());
              if (!plan) return plan.error();
              auto set = core->playbooks->Get();
              *resp = store::LoadHallSetup(conn, req->hall_id(), set->FindPlan(plan.value()), from,
                                           to, now);
              return kOk;
            },
            finish);
      });
}

grpc::ServerUnaryReactor* EscalationServiceImpl::RunWrite(
    grpc::CallbackServerContext* ctx, const char* rpc, std::function<Status()> validate,
    std::string hall_id, std::function<Result<std::string>(store::PgConnection&)> hall_of,
    Write write, v1::HallSetupResponse* resp) {
  return RunUnary(
      *core_, ctx, rpc,
      [this, validate = std::move(validate), hall_id = std::move(hall_id),
       hall_of = std::move(hall_of), write = std::move(write),
       resp](const Principal& who, Finish finish) {
        if (auto s = validate()) return finish(s);
        if (auto s = domain::CheckPermission(who, domain::Permission::kManageHall))
          return finish(s);
        if (!hall_id.empty()) {
          if (auto s = domain::CheckManageHall(who, hall_id)) return finish(s);
        }
        ServerCore* core = core_;
        core_->workers->Submit(
            [core, who, hall_id, hall_of, write, resp](store::PgConnection& conn) -> Status {
              std::string hall = hall_id;
              if (hall.empty()) {
                auto found = hall_of(conn);
                if (!found) return found.error();
                hall = found.value();
                if (auto s = domain::CheckManageHall(who, hall)) return s;
              }
              if (auto s = write(conn, who)) return s;
              if (core->on_setup_changed) core->on_setup_changed(hall);
              auto plan = core->hall_plans->Get(conn, hall);
              const int64_t now = core->now();
              *resp->mutable_setup() = store::LoadHallSetup(
                  conn, hall, plan ? core->playbooks->Get()->FindPlan(plan.value()) : nullptr, now,
                  now + 7 * kDay, now);
              return kOk;
            },
            finish);
      });
}

grpc::ServerUnaryReactor* EscalationServiceImpl::SetTierMember(grpc::CallbackServerContext* ctx,
                                                               const v1::SetTierMemberRequest* req,
                                                               v1::HallSetupResponse* resp) {
  ServerCore* core = core_;
  return RunWrite(
      ctx, "SetTierMember",
      [req, core]() -> Status {
        if (auto s = domain::ValidateTierMember(req->member())) return s;
        // A position must be one of the hall's plan's, for the same tier
        // (checked against the plan once the hall's plan is known below).
        (void)core;
        return kOk;
      },
      req->member().hall_id(), nullptr,
      [req, core](store::PgConnection& conn, const Principal& who) -> Status {
        const auto& m = req->member();
        if (!m.position_id().empty()) {
          auto plan_id = core->hall_plans->Get(conn, m.hall_id());
          if (!plan_id) return plan_id.error();
          const v1::Plan* plan = core->playbooks->Get()->FindPlan(plan_id.value());
          const v1::OrgPosition* pos = nullptr;
          if (plan) {
            for (const auto& p : plan->organisation()) {
              if (p.id() == m.position_id()) pos = &p;
            }
          }
          if (!pos) {
            return Error::InvalidArgument("member.position_id '" + m.position_id() +
                                          "' is not a position of the hall's plan " +
                                          plan_id.value());
          }
          if (pos->tier() != m.tier()) {
            return Error::InvalidArgument("position " + m.position_id() + " belongs to tier " +
                                          pos->tier() + ", not " + m.tier());
          }
        }
        return store::SetTierMember(conn, m, who, core->now());
      },
      resp);
}

grpc::ServerUnaryReactor* EscalationServiceImpl::RemoveTierMember(
    grpc::CallbackServerContext* ctx, const v1::RemoveTierMemberRequest* req,
    v1::HallSetupResponse* resp) {
  ServerCore* core = core_;
  return RunWrite(
      ctx, "RemoveTierMember",
      [req]() -> Status {
        if (auto s = domain::CheckSlug("hall_id", req->hall_id())) return s;
        if (auto s = domain::CheckUuid("person_id", req->person_id())) return s;
        if (!domain::IsInternalTier(req->tier()))
          return Error::InvalidArgument("tier is not an internal tier");
        return kOk;
      },
      req->hall_id(), nullptr,
      [req, core](store::PgConnection& conn, const Principal& who) {
        return store::RemoveTierMember(conn, req->hall_id(), req->person_id(), req->tier(), who,
                                       core->now());
      },
      resp);
}

grpc::ServerUnaryReactor* EscalationServiceImpl::UpsertContact(grpc::CallbackServerContext* ctx,
                                                               const v1::UpsertContactRequest* req,
                                                               v1::HallSetupResponse* resp) {
  ServerCore* core = core_;
  return RunWrite(
      ctx, "UpsertContact",
      [req]() -> Status {
        if (auto s = domain::ValidateContact(req->contact())) return s;
        if (!playbook::IsKnownParty(req->contact().party())) {
          return Error::InvalidArgument(
              "contact.party '" + req->contact().party().substr(0, 64) +
              "' is not a known outside party (police, fire_service, ambulance, …)");
        }
        return kOk;
      },
      req->contact().hall_id(), nullptr,
      [req, core](store::PgConnection& conn, const Principal& who) {
        return store::UpsertContact(conn, req->contact(), who, core->now());
      },
      resp);
}

grpc::ServerUnaryReactor* EscalationServiceImpl::DeleteContact(grpc::CallbackServerContext* ctx,
                                                               const v1::DeleteContactRequest* req,
                                                               v1::HallSetupResponse* resp) {
  ServerCore* core = core_;
  return RunWrite(
      ctx, "DeleteContact",
      [req]() -> Status {
        if (auto s = domain::CheckSlug("hall_id", req->hall_id())) return s;
        return domain::CheckText("party", req->party(), 1, domain::kMaxIdChars);
      },
      req->hall_id(), nullptr,
      [req, core](store::PgConnection& conn, const Principal& who) {
        return store::DeleteContact(conn, req->hall_id(), req->party(), who, core->now());
      },
      resp);
}

grpc::ServerUnaryReactor* EscalationServiceImpl::UpsertShift(grpc::CallbackServerContext* ctx,
                                                             const v1::UpsertShiftRequest* req,
                                                             v1::HallSetupResponse* resp) {
  ServerCore* core = core_;
  return RunWrite(
      ctx, "UpsertShift", [req] { return domain::ValidateShift(req->shift()); },
      req->shift().hall_id(), nullptr,
      [req, core](store::PgConnection& conn, const Principal& who) {
        v1::Shift shift = req->shift();
        return store::UpsertShift(conn, &shift, who, core->now());
      },
      resp);
}

grpc::ServerUnaryReactor* EscalationServiceImpl::DeleteShift(grpc::CallbackServerContext* ctx,
                                                             const v1::DeleteShiftRequest* req,
                                                             v1::HallSetupResponse* resp) {
  ServerCore* core = core_;
  std::string id = req->shift_id();
  return RunWrite(
      ctx, "DeleteShift", [id] { return domain::CheckUuid("shift_id", id); }, "",
      [id](store::PgConnection& conn) { return store::ShiftHall(conn, id); },
      [id, core](store::PgConnection& conn, const Principal& who) {
        return store::DeleteShift(conn, id, who, core->now());
      },
      resp);
}

grpc::ServerUnaryReactor* EscalationServiceImpl::UpsertNotifier(
    grpc::CallbackServerContext* ctx, const v1::UpsertNotifierRequest* req,
    v1::HallSetupResponse* resp) {
  ServerCore* core = core_;
  return RunWrite(
      ctx, "UpsertNotifier", [req] { return domain::ValidateNotifier(req->notifier()); },
      req->notifier().hall_id(), nullptr,
      [req, core](store::PgConnection& conn, const Principal& who) {
        v1::Notifier n = req->notifier();
        if (n.id().empty())
          n.set_active(true);  // proto3 cannot tell unset from false: new ones are on
        return store::UpsertNotifier(conn, &n, who, core->now());
      },
      resp);
}

grpc::ServerUnaryReactor* EscalationServiceImpl::DeleteNotifier(
    grpc::CallbackServerContext* ctx, const v1::DeleteNotifierRequest* req,
    v1::HallSetupResponse* resp) {
  ServerCore* core = core_;
  std::string id = req->notifier_id();
  return RunWrite(
      ctx, "DeleteNotifier", [id] { return domain::CheckUuid("notifier_id", id); }, "",
      [id](store::PgConnection& conn) { return store::NotifierHall(conn, id); },
      [id, core](store::PgConnection& conn, const Principal& who) {
        return store::DeleteNotifier(conn, id, who, core->now());
      },
      resp);
}

grpc::ServerUnaryReactor* EscalationServiceImpl::UpsertPlannedOutage(
    grpc::CallbackServerContext* ctx, const v1::UpsertPlannedOutageRequest* req,
    v1::HallSetupResponse* resp) {
  ServerCore* core = core_;
  auto playbooks = core_->playbooks;
  return RunWrite(
      ctx, "UpsertPlannedOutage",
      [req, playbooks]() -> Status {
        if (auto s = domain::ValidatePlannedOutage(req->outage())) return s;
        if (!playbooks->Get()->taxonomy().Find(req->outage().category())) {
          return Error::InvalidArgument("outage.category '" +
                                        req->outage().category().substr(0, 64) +
                                        "' is not in the taxonomy");
        }
        return kOk;
      },
      req->outage().hall_id(), nullptr,
      [req, core](store::PgConnection& conn, const Principal& who) {
        v1::PlannedOutage o = req->outage();
        return store::UpsertPlannedOutage(conn, &o, who, core->now());
      },
      resp);
}

grpc::ServerUnaryReactor* EscalationServiceImpl::CancelPlannedOutage(
    grpc::CallbackServerContext* ctx, const v1::CancelPlannedOutageRequest* req,
    v1::HallSetupResponse* resp) {
  ServerCore* core = core_;
  std::string id = req->outage_id(), reason = req->reason();
  return RunWrite(
      ctx, "CancelPlannedOutage",
      [id, reason]() -> Status {
        if (auto s = domain::CheckUuid("outage_id", id)) return s;
        return domain::CheckText("reason", reason, 1, domain::kMaxNoteChars);
      },
      "", [id](store::PgConnection& conn) { return store::PlannedOutageHall(conn, id); },
      [id, reason, core](store::PgConnection& conn, const Principal& who) {
        return store::CancelPlannedOutage(conn, id, reason, who, core->now());
      },
      resp);
}

grpc::ServerUnaryReactor* EscalationServiceImpl::ListSetupAudit(
    grpc::CallbackServerContext* ctx, const v1::ListSetupAuditRequest* req,
    v1::ListSetupAuditResponse* resp) {
  return RunUnary(*core_, ctx, "ListSetupAudit",
                  [this, req, resp](const Principal& who, Finish finish) {
                    if (auto s = domain::CheckSlug("hall_id", req->hall_id())) return finish(s);
                    if (req->limit() < 0)
                      return finish(Error::InvalidArgument("limit must not be negative"));
                    // Who changed the set-up: admins, hall heads and leadership of the hall.
                    bool may = who.role == v1::ROLE_ADMIN || who.role == v1::ROLE_HALL_HEAD ||
                               who.role == v1::ROLE_LEADERSHIP || who.role == v1::ROLE_BUREAU;
                    if (!may)
                      return finish(Error::PermissionDenied("role " + domain::RoleName(who.role) +
                                                            " may not read the set-up audit"));
                    if (auto s = domain::CheckScope(who, req->hall_id())) return finish(s);
                    int limit = req->limit() == 0 ? 100 : std::min(req->limit(), 500);
                    core_->workers->Submit(
                        [req, resp, limit](store::PgConnection& conn) -> Status {
                          for (auto& e : store::ListSetupAudit(conn, req->hall_id(), limit))
                            *resp->add_entries() = std::move(e);
                          return kOk;
                        },
                        finish);
                  });
}

}  // namespace hall::api
