#include "api/directory_service.h"

#include <cmath>

#include "domain/credentials.h"
#include "domain/incident_state.h"
#include "domain/validation.h"
#include "store/directory_store.h"

namespace hall::api {

using domain::Permission;
using domain::Principal;

namespace {

}  // namespace

Status ValidateHall(const v1::Hall& h, const playbook::PlaybookSet& plans) {
  if (auto s = domain::CheckSlug("hall.id", h.id())) return s;
  if (auto s = domain::CheckText("hall.name", h.name(), 1, domain::kMaxNameChars)) return s;
  if (auto s = domain::CheckText("hall.address", h.address(), 0, domain::kMaxNameChars)) return s;
  if (!plans.FindPlan(h.plan_id())) {
    std::string known;
    for (auto& id : plans.plan_ids()) known += (known.empty() ? "" : ", ") + id;
    return Error::InvalidArgument("hall.plan_id '" + h.plan_id().substr(0, 64) +
                                  "' is not a known plan: " + known);
  }
  return kOk;
}

Status ValidateLocation(const v1::Location& l) {
  if (auto s = domain::CheckSlug("location.id", l.id())) return s;
  if (auto s = domain::CheckSlug("location.hall_id", l.hall_id())) return s;
  if (auto s = domain::CheckText("location.name", l.name(), 1, domain::kMaxNameChars)) return s;
  if (auto s = domain::CheckText("location.zone", l.zone(), 0, domain::kMaxNameChars)) return s;
  if (!(l.x() >= 0 && l.x() <= 1 && l.y() >= 0 && l.y() <= 1)) {
    return Error::InvalidArgument("location.x and location.y are fractions of the floor plan, 0 to 1");
  }
  if (l.floor() < -10 || l.floor() > 200) return Error::InvalidArgument("location.floor is out of range");
  return kOk;
}

Status ValidatePerson(const v1::Person& p, const std::string& password, bool creating) {
  if (auto s = domain::CheckText("person.username", p.username(), 1, 64)) return s;
  for (char c : p.username()) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '.' || c == '_' || c == '-')) {
      return Error::InvalidArgument("person.username may hold lower-case letters, digits, '.', '_' and '-'");
    }
  }
  if (auto s = domain::CheckText("person.display_name", p.display_name(), 1, 100)) return s;
  if (auto s = domain::CheckText("person.phone", p.phone(), 0, 32)) return s;
  if (!v1::Role_IsValid(p.role()) || p.role() == v1::ROLE_UNSPECIFIED || p.role() == v1::ROLE_KIOSK) {
    return Error::InvalidArgument("person.role must be a person's role (floor_guide … admin)");
  }
  for (const auto& h : p.hall_ids()) {
    if (auto s = domain::CheckSlug("person.hall_ids", h)) return s;
  }
  if (!p.all_halls() && p.hall_ids().empty()) {
    return Error::InvalidArgument("person needs at least one hall, or all_halls");
  }
  if (creating || !password.empty()) {
    if (auto s = domain::CheckText("password", password, 8, 256)) {
      return Error::InvalidArgument("password must be 8 to 256 characters");
    }
  }
  return kOk;
}

Status ValidateKiosk(const v1::Kiosk& k) {
  if (auto s = domain::CheckSlug("kiosk.id", k.id())) return s;
  if (auto s = domain::CheckSlug("kiosk.hall_id", k.hall_id())) return s;
  if (!k.location_id().empty()) {
    if (auto s = domain::CheckSlug("kiosk.location_id", k.location_id())) return s;
  }
  if (auto s = domain::CheckText("kiosk.name", k.name(), 1, domain::kMaxNameChars)) return s;
  return kOk;
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::ListHalls(grpc::CallbackServerContext* ctx,
                                                          const v1::ListHallsRequest*,
                                                          v1::ListHallsResponse* resp) {
  return RunUnary(*core_, ctx, "ListHalls", [this, resp](const Principal& who, Finish finish) {
    core_->workers->Submit(
        [who, resp](store::PgConnection& conn) -> Status {
          for (auto& h : store::ListHalls(conn, ScopeOf(who))) *resp->add_halls() = std::move(h);
          return kOk;
        },
        finish);
  });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::UpsertHall(grpc::CallbackServerContext* ctx,
                                                           const v1::UpsertHallRequest* req,
                                                           v1::HallResponse* resp) {
  return RunUnary(*core_, ctx, "UpsertHall", [this, req, resp](const Principal& who, Finish finish) {
    if (auto s = domain::CheckPermission(who, Permission::kAdminDirectory)) return finish(s);
    if (auto s = ValidateHall(req->hall(), *core_->playbooks->Get())) return finish(s);
    HallPlans* plans = core_->hall_plans;
    core_->workers->Submit(
        [req, resp, plans](store::PgConnection& conn) -> Status {
          *resp->mutable_hall() = store::UpsertHall(conn, req->hall());
          plans->Forget(req->hall().id());
          return kOk;
        },
        finish);
  });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::ListLocations(grpc::CallbackServerContext* ctx,
                                                              const v1::ListLocationsRequest* req,
                                                              v1::ListLocationsResponse* resp) {
  return RunUnary(*core_, ctx, "ListLocations", [this, req, resp](const Principal& who, Finish finish) {
    if (auto s = domain::CheckSlug("hall_id", req->hall_id())) return finish(s);
    if (auto s = domain::CheckScope(who, req->hall_id())) return finish(s);
    core_->workers->Submit(
        [req, resp](store::PgConnection& conn) -> Status {
          for (auto& l : store::ListLocations(conn, req->hall_id())) *resp->add_locations() = std::move(l);
          return kOk;
        },
        finish);
  });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::UpsertLocation(grpc::CallbackServerContext* ctx,
                                                               const v1::UpsertLocationRequest* req,
                                                               v1::LocationResponse* resp) {
  return RunUnary(*core_, ctx, "UpsertLocation", [this, req, resp](const Principal& who, Finish finish) {
    if (auto s = domain::CheckPermission(who, Permission::kAdminDirectory)) return finish(s);
    if (auto s = ValidateLocation(req->location())) return finish(s);
    core_->workers->Submit(
        [req, resp](store::PgConnection& conn) -> Status {
          if (!store::HallExists(conn, req->location().hall_id())) {
            return Error::NotFound("hall '" + req->location().hall_id() + "' does not exist");
          }
          *resp->mutable_location() = store::UpsertLocation(conn, req->location());
          return kOk;
        },
        finish);
  });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::ListPeople(grpc::CallbackServerContext* ctx,
                                                           const v1::ListPeopleRequest* req,
                                                           v1::ListPeopleResponse* resp) {
  return RunUnary(*core_, ctx, "ListPeople", [this, req, resp](const Principal& who, Finish finish) {
    if (who.is_kiosk()) return finish(Error::PermissionDenied("kiosks may not list people"));
    if (!req->hall_id().empty()) {
      if (auto s = domain::CheckSlug("hall_id", req->hall_id())) return finish(s);
      if (auto s = domain::CheckScope(who, req->hall_id())) return finish(s);
    }
    core_->workers->Submit(
        [who, req, resp](store::PgConnection& conn) -> Status {
          for (auto& p : store::ListPeople(conn, ScopeOf(who), req->hall_id())) *resp->add_people() = std::move(p);
          return kOk;
        },
        finish);
  });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::UpsertPerson(grpc::CallbackServerContext* ctx,
                                                             const v1::UpsertPersonRequest* req,
                                                             v1::PersonResponse* resp) {
  return RunUnary(*core_, ctx, "UpsertPerson", [this, req, resp](const Principal& who, Finish finish) {
    if (auto s = domain::CheckPermission(who, Permission::kAdminDirectory)) return finish(s);
    bool creating = req->person().id().empty();
    if (!creating) {
      if (auto s = domain::CheckUuid("person.id", req->person().id())) return finish(s);
    }
    if (auto s = ValidatePerson(req->person(), req->password(), creating)) return finish(s);
    core_->workers->Submit(
        [req, resp](store::PgConnection& conn) -> Status {
          for (const auto& h : req->person().hall_ids()) {
            if (!store::HallExists(conn, h)) return Error::NotFound("hall '" + h + "' does not exist");
          }
          std::string hash = req->password().empty() ? "" : domain::HashSecret(req->password());
          v1::Person person = req->person();
          if (person.id().empty()) person.set_active(true);  // new people can sign in
          *resp->mutable_person() = store::UpsertPerson(conn, person, hash);
          return kOk;
        },
        finish);
  });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::ListKiosks(grpc::CallbackServerContext* ctx,
                                                           const v1::ListKiosksRequest* req,
                                                           v1::ListKiosksResponse* resp) {
  return RunUnary(*core_, ctx, "ListKiosks", [this, req, resp](const Principal& who, Finish finish) {
    if (!req->hall_id().empty()) {
      if (auto s = domain::CheckSlug("hall_id", req->hall_id())) return finish(s);
      if (auto s = domain::CheckScope(who, req->hall_id())) return finish(s);
    }
    HeartbeatBuffer* beats = core_->heartbeats;
    core_->workers->Submit(
        [who, req, resp, beats](store::PgConnection& conn) -> Status {
          int64_t now = store::NowMicros();
          for (auto& k : store::ListKiosks(conn, ScopeOf(who), req->hall_id())) {
            // This server may have heard a beat the database has not yet.
            int64_t seen = std::max(domain::ToMicros(k.last_seen_at()), beats->LastSeen(k.id()));
            if (seen) domain::SetTimestamp(k.mutable_last_seen_at(), seen);
            k.set_online(seen != 0 && now - seen <= kOfflineAfterUs);
            *resp->add_kiosks() = std::move(k);
          }
          return kOk;
        },
        finish);
  });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::UpsertKiosk(grpc::CallbackServerContext* ctx,
                                                            const v1::UpsertKioskRequest* req,
                                                            v1::KioskResponse* resp) {
  return RunUnary(*core_, ctx, "UpsertKiosk", [this, req, resp](const Principal& who, Finish finish) {
    if (auto s = domain::CheckPermission(who, Permission::kAdminDirectory)) return finish(s);
    if (auto s = ValidateKiosk(req->kiosk())) return finish(s);
    bool rotate = req->rotate_secret();
    core_->workers->Submit(
        [req, resp, rotate](store::PgConnection& conn) -> Status {
          const auto& k = req->kiosk();
          if (!store::HallExists(conn, k.hall_id())) return Error::NotFound("hall '" + k.hall_id() + "' does not exist");
          if (!k.location_id().empty()) {
            auto loc = store::LoadLocation(conn, k.location_id());
            if (!loc || loc->hall_id() != k.hall_id()) {
              return Error::InvalidArgument("location '" + k.location_id() + "' is not a place in hall '" + k.hall_id() + "'");
            }
          }
          bool exists = store::FindKioskLogin(conn, k.id()).has_value();
          std::string secret, hash;
          if (rotate || !exists) {
            secret = domain::NewDeviceSecret();
            hash = domain::HashSecret(secret);
          }
          v1::Kiosk kiosk = k;
          if (!exists) kiosk.set_active(true);  // a new kiosk can sign in
          *resp->mutable_kiosk() = store::UpsertKiosk(conn, kiosk, hash);
          resp->set_secret(secret);
          return kOk;
        },
        finish);
  });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::Heartbeat(grpc::CallbackServerContext* ctx,
                                                          const v1::HeartbeatRequest* req,
                                                          v1::HeartbeatResponse* resp) {
  return RunUnary(*core_, ctx, "Heartbeat", [this, req, resp](const Principal& who, Finish finish) {
    if (!who.is_kiosk()) return finish(Error::PermissionDenied("only kiosks send heartbeats"));
    if (req->queued_presses() < 0) return finish(Error::InvalidArgument("queued_presses must not be negative"));
    if (auto s = domain::CheckText("app_version", req->app_version(), 0, 64)) return finish(s);
    int64_t now = store::NowMicros();
    core_->heartbeats->Beat(who.id, now);
    resp->set_interval_seconds(kHeartbeatIntervalSeconds);
    domain::SetTimestamp(resp->mutable_server_time(), now);
    finish(kOk);
  });
}

}  // namespace hall::api
