#include "api/directory_service.h"

#include <algorithm>
#include <cmath>

#include "domain/credentials.h"
#include "domain/directory_rules.h"
#include "domain/incident_state.h"
#include "domain/validation.h"
#include "store/directory_store.h"
#include "store/security_store.h"

namespace hall::api {

namespace {
// A directory write and its audit row, in one transaction (AuditedJob).
store::DbWorkers::Job Audited(ServerCore* core, grpc::CallbackServerContext* ctx,
                              const domain::Principal& who, std::string action, std::string target,
                              std::string hall_id, store::DbWorkers::Job job,
                              std::string detail = "") {
  return AuditedJob(AuditEntryFor(*core, ctx, &who, std::move(action), std::move(target),
                                  std::move(hall_id), std::move(detail)),
                    std::move(job));
}

// NOT_FOUND naming the first of `ids` (empty ones skipped) that is no region.
Status RegionsExist(store::PgConnection& conn, const std::vector<std::string>& ids) {
  std::vector<std::string> wanted;
  for (const auto& id : ids) {
    if (!id.empty()) wanted.push_back(id);
  }
  auto missing = store::MissingRegions(conn, wanted);
  if (missing.empty()) return kOk;
  return Error::NotFound("region '" + missing[0] +
                         "' does not exist; create it first (hallctl region create)");
}
}  // namespace

using domain::Permission;
using domain::Principal;

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
  return RunUnary(
      *core_, ctx, "UpsertHall", [this, ctx, req, resp](const Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, Permission::kAdminDirectory)) return finish(s);
        if (auto s = domain::ValidateHall(req->hall(), core_->playbooks->Get()->plan_ids()))
          return finish(s);
        store::HallPlanCache* plans = core_->hall_plans;
        core_->workers->Submit(
            Audited(core_, ctx, who, "hall_changed", req->hall().id(), req->hall().id(),
                    [req, resp](store::PgConnection& conn) -> Status {
                      if (auto s = RegionsExist(conn, {req->hall().region_id()})) return s;
                      *resp->mutable_hall() = store::UpsertHall(conn, req->hall());
                      return kOk;
                    }),
            // Forgotten once committed: a plan re-read before then would be
            // the old one, cached again.
            [plans, id = req->hall().id(), finish](Status s) {
              if (!s) plans->Forget(id);
              finish(std::move(s));
            });
      });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::ListRegions(grpc::CallbackServerContext* ctx,
                                                            const v1::ListRegionsRequest*,
                                                            v1::ListRegionsResponse* resp) {
  // The region tree is public administrative geography: anyone signed in
  // may read it; what it scopes (halls, incidents) stays scoped.
  return RunUnary(*core_, ctx, "ListRegions", [this, resp](const Principal&, Finish finish) {
    core_->workers->Submit(
        [resp](store::PgConnection& conn) -> Status {
          for (auto& r : store::ListRegions(conn)) *resp->add_regions() = std::move(r);
          return kOk;
        },
        finish);
  });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::UpsertRegion(grpc::CallbackServerContext* ctx,
                                                             const v1::UpsertRegionRequest* req,
                                                             v1::RegionResponse* resp) {
  return RunUnary(
      *core_, ctx, "UpsertRegion", [this, ctx, req, resp](const Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, Permission::kAdminDirectory)) return finish(s);
        if (auto s = domain::ValidateRegion(req->region())) return finish(s);
        core_->workers->Submit(Audited(core_, ctx, who, "region_changed", req->region().id(), "",
                                       [req, resp](store::PgConnection& conn) -> Status {
                                         *resp->mutable_region() =
                                             store::UpsertRegion(conn, req->region());
                                         return kOk;
                                       }),
                               finish);
      });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::GetFloorPlan(grpc::CallbackServerContext* ctx,
                                                             const v1::GetFloorPlanRequest* req,
                                                             v1::FloorPlan* resp) {
  return RunUnary(*core_, ctx, "GetFloorPlan",
                  [this, req, resp](const Principal& who, Finish finish) {
                    if (auto s = domain::CheckSlug("hall_id", req->hall_id())) return finish(s);
                    if (auto s = domain::CheckPermission(who, Permission::kRead)) return finish(s);
                    if (auto s = domain::CheckScope(who, req->hall_id())) return finish(s);
                    core_->workers->Submit(
                        [req, resp](store::PgConnection& conn) -> Status {
                          auto fp = store::GetFloorPlan(conn, req->hall_id());
                          if (!fp) {
                            return Error::NotFound("hall '" + req->hall_id() +
                                                   "' has no floor plan; an admin sets one");
                          }
                          *resp = std::move(*fp);
                          return kOk;
                        },
                        finish);
                  });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::SetFloorPlan(grpc::CallbackServerContext* ctx,
                                                             const v1::SetFloorPlanRequest* req,
                                                             v1::SetFloorPlanResponse*) {
  return RunUnary(*core_, ctx, "SetFloorPlan",
                  [this, ctx, req](const Principal& who, Finish finish) {
                    if (auto s = domain::CheckPermission(who, Permission::kAdminDirectory))
                      return finish(s);
                    if (auto s = domain::ValidateFloorPlan(req->floor_plan())) return finish(s);
                    const std::string& hall = req->floor_plan().hall_id();
                    core_->workers->Submit(
                        Audited(core_, ctx, who, "floor_plan_changed", hall, hall,
                                [req, hall](store::PgConnection& conn) -> Status {
                                  if (!store::SetFloorPlan(conn, req->floor_plan())) {
                                    return Error::NotFound("hall '" + hall + "' does not exist");
                                  }
                                  return kOk;
                                }),
                        finish);
                  });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::ListLocations(grpc::CallbackServerContext* ctx,
                                                              const v1::ListLocationsRequest* req,
                                                              v1::ListLocationsResponse* resp) {
  return RunUnary(*core_, ctx, "ListLocations",
                  [this, req, resp](const Principal& who, Finish finish) {
                    if (auto s = domain::CheckSlug("hall_id", req->hall_id())) return finish(s);
                    if (auto s = domain::CheckScope(who, req->hall_id())) return finish(s);
                    core_->workers->Submit(
                        [req, resp](store::PgConnection& conn) -> Status {
                          for (auto& l : store::ListLocations(conn, req->hall_id()))
                            *resp->add_locations() = std::move(l);
                          return kOk;
                        },
                        finish);
                  });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::UpsertLocation(grpc::CallbackServerContext* ctx,
                                                               const v1::UpsertLocationRequest* req,
                                                               v1::LocationResponse* resp) {
  return RunUnary(
      *core_, ctx, "UpsertLocation", [this, ctx, req, resp](const Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, Permission::kAdminDirectory)) return finish(s);
        if (auto s = domain::ValidateLocation(req->location())) return finish(s);
        core_->workers->Submit(
            Audited(core_, ctx, who, "location_changed", req->location().id(),
                    req->location().hall_id(),
                    [req, resp](store::PgConnection& conn) -> Status {
                      if (!store::HallExists(conn, req->location().hall_id())) {
                        return Error::NotFound("hall '" + req->location().hall_id() +
                                               "' does not exist");
                      }
                      *resp->mutable_location() = store::UpsertLocation(conn, req->location());
                      return kOk;
                    }),
            finish);
      });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::ListPeople(grpc::CallbackServerContext* ctx,
                                                           const v1::ListPeopleRequest* req,
                                                           v1::ListPeopleResponse* resp) {
  return RunUnary(*core_, ctx, "ListPeople",
                  [this, req, resp](const Principal& who, Finish finish) {
                    if (who.is_kiosk())
                      return finish(Error::PermissionDenied("kiosks may not list people"));
                    if (!req->hall_id().empty()) {
                      if (auto s = domain::CheckSlug("hall_id", req->hall_id())) return finish(s);
                      if (auto s = domain::CheckScope(who, req->hall_id())) return finish(s);
                    }
                    core_->workers->Submit(
                        [who, req, resp](store::PgConnection& conn) -> Status {
                          for (auto& p : store::ListPeople(conn, ScopeOf(who), req->hall_id()))
                            *resp->add_people() = std::move(p);
                          return kOk;
                        },
                        finish);
                  });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::UpsertPerson(grpc::CallbackServerContext* ctx,
                                                             const v1::UpsertPersonRequest* req,
                                                             v1::PersonResponse* resp) {
  return RunUnary(
      *core_, ctx, "UpsertPerson", [this, ctx, req, resp](const Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, Permission::kAdminDirectory)) return finish(s);
        bool creating = req->person().id().empty();
        if (!creating) {
          if (auto s = domain::CheckUuid("person.id", req->person().id())) return finish(s);
        }
        if (auto s = domain::ValidatePerson(req->person(), req->password(), creating))
          return finish(s);
        core_->workers->Submit(
            Audited(core_, ctx, who, "person_changed", req->person().username(), "",
                    [req, resp](store::PgConnection& conn) -> Status {
                      for (const auto& h : req->person().hall_ids()) {
                        if (!store::HallExists(conn, h))
                          return Error::NotFound("hall '" + h + "' does not exist");
                      }
                      std::string hash =
                          req->password().empty() ? "" : domain::HashSecret(req->password());
                      v1::Person person = req->person();
                      if (person.id().empty()) person.set_active(true);  // new people can sign in
                      if (auto s = RegionsExist(
                              conn, {person.region_ids().begin(), person.region_ids().end()}))
                        return s;
                      *resp->mutable_person() = store::UpsertPerson(conn, person, hash);
                      // Deactivated: signed out everywhere at once, streams ended.
                      if (!person.active()) store::RevokePersonSessions(conn, resp->person().id());
                      return kOk;
                    }),
            finish);
      });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::ListKiosks(grpc::CallbackServerContext* ctx,
                                                           const v1::ListKiosksRequest* req,
                                                           v1::ListKiosksResponse* resp) {
  return RunUnary(
      *core_, ctx, "ListKiosks", [this, req, resp](const Principal& who, Finish finish) {
        if (!req->hall_id().empty()) {
          if (auto s = domain::CheckSlug("hall_id", req->hall_id())) return finish(s);
          if (auto s = domain::CheckScope(who, req->hall_id())) return finish(s);
        }
        HeartbeatBuffer* beats = core_->heartbeats;
        const int64_t now = core_->now();
        const int64_t offline_after = KioskOfflineAfterUs(core_->clock->speed());
        core_->workers->Submit(
            [who, req, resp, beats, now, offline_after](store::PgConnection& conn) -> Status {
              for (auto& k : store::ListKiosks(conn, ScopeOf(who), req->hall_id())) {
                // This server may have heard a beat the database has not yet.
                int64_t seen =
                    std::max(domain::ToMicros(k.last_seen_at()), beats->LastSeen(k.id()));
                if (seen) domain::SetTimestamp(k.mutable_last_seen_at(), seen);
                k.set_online(seen != 0 && now - seen <= offline_after);
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
  return RunUnary(
      *core_, ctx, "UpsertKiosk", [this, ctx, req, resp](const Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, Permission::kAdminDirectory)) return finish(s);
        if (auto s = domain::ValidateKiosk(req->kiosk())) return finish(s);
        bool rotate = req->rotate_secret();
        core_->workers->Submit(
            Audited(core_, ctx, who, "kiosk_changed", req->kiosk().id(), req->kiosk().hall_id(),
                    [req, resp, rotate](store::PgConnection& conn) -> Status {
                      const auto& k = req->kiosk();
                      if (!store::HallExists(conn, k.hall_id()))
                        return Error::NotFound("hall '" + k.hall_id() + "' does not exist");
                      if (!k.location_id().empty()) {
                        auto loc = store::LoadLocation(conn, k.location_id());
                        if (!loc || loc->hall_id() != k.hall_id()) {
                          return Error::InvalidArgument("location '" + k.location_id() +
                                                        "' is not a place in hall '" + k.hall_id() +
                                                        "'");
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
                      // Deactivated, or its secret replaced: its sessions end at once.
                      if (exists && (!kiosk.active() || rotate))
                        store::EndKioskSessions(conn, k.id());
                      return kOk;
                    }),
            finish);
      });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::Heartbeat(grpc::CallbackServerContext* ctx,
                                                          const v1::HeartbeatRequest* req,
                                                          v1::HeartbeatResponse* resp) {
  return RunUnary(*core_, ctx, "Heartbeat", [this, req, resp](const Principal& who, Finish finish) {
    if (!who.is_kiosk()) return finish(Error::PermissionDenied("only kiosks send heartbeats"));
    if (req->queued_presses() < 0)
      return finish(Error::InvalidArgument("queued_presses must not be negative"));
    if (auto s = domain::CheckText("app_version", req->app_version(), 0, 64)) return finish(s);
    const int64_t now = core_->now();
    core_->heartbeats->Beat({who.id, now, req->queued_presses(), req->app_version()});
    resp->set_interval_seconds(domain::kHeartbeatIntervalSeconds);
    domain::SetTimestamp(resp->mutable_server_time(), now);
    resp->set_clock_speed(core_->clock->speed());
    // The drill the kiosk takes part in, so it shows 演练.
    const std::string hall = who.hall_ids.empty() ? "" : who.hall_ids.front();
    // Only once it has begun: before its start a drill press is refused, so
    // a scheduled drill is not offered yet.
    auto answer = [resp, who, now, finish](const std::optional<store::LiveDrill>& live) {
      if (live && live->starts_at_us <= now &&
          std::find(live->kiosk_ids.begin(), live->kiosk_ids.end(), who.id) !=
              live->kiosk_ids.end()) {
        resp->set_drill_id(live->drill_id);
        resp->set_drill_name_zh(live->name_zh);
        resp->set_drill_name_en(live->name_en);
        resp->set_drill_message(live->message);
        resp->set_drill_paused(live->paused);
      }
      finish(kOk);
    };
    constexpr auto kFresh = std::chrono::seconds(3);
    {
      MutexLock lock(&drills_mu_);
      auto it = live_drills_.find(hall);
      if (it != live_drills_.end() &&
          std::chrono::steady_clock::now() - it->second.read_at < kFresh)
        return answer(it->second.live);
    }
    auto live = std::make_shared<std::optional<store::LiveDrill>>();
    core_->workers->Submit(
        [hall, live](store::PgConnection& conn) -> Status {
          *live = store::LiveDrillOfHall(conn, hall);
          return kOk;
        },
        [this, hall, live, answer, finish](Status s) {
          if (s) return finish(kOk);  // the beat counted; the drill notice waits for the next
          {
            MutexLock lock(&drills_mu_);
            live_drills_[hall] = {*live, std::chrono::steady_clock::now()};
          }
          answer(*live);
        });
  });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::IssueEnrollmentCode(
    grpc::CallbackServerContext* ctx, const v1::IssueEnrollmentCodeRequest* req,
    v1::EnrollmentCode* resp) {
  return RunUnary(
      *core_, ctx, "IssueEnrollmentCode",
      [this, ctx, req, resp](const Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, Permission::kAdminDirectory)) return finish(s);
        v1::Kiosk k;
        k.set_id(req->kiosk_id());
        k.set_hall_id(req->hall_id());
        k.set_location_id(req->location_id());
        k.set_name(req->name());
        if (auto s = domain::ValidateKiosk(k)) return finish(s);
        if (req->location_id().empty())
          return finish(Error::InvalidArgument("location_id is required: where the kiosk stands"));
        ServerCore* core = core_;
        core_->workers->Submit(
            Audited(
                core_, ctx, who, "enrollment_issued", k.id(), k.hall_id(),
                [core, who, k, resp](store::PgConnection& conn) -> Status {
                  if (!store::HallExists(conn, k.hall_id()))
                    return Error::NotFound("hall '" + k.hall_id() + "' does not exist");
                  auto loc = store::LoadLocation(conn, k.location_id());
                  if (!loc || loc->hall_id() != k.hall_id()) {
                    return Error::InvalidArgument("location '" + k.location_id() +
                                                  "' is not a place in hall '" + k.hall_id() + "'");
                  }
                  std::string code = domain::NewEnrollmentCode();
                  const int64_t expires = core->now() + domain::kEnrollmentCodeTtlUs;
                  store::InsertEnrollmentCode(conn, domain::TokenHash(code), k.id(), k.hall_id(),
                                              k.location_id(), k.name(), who.id, expires);
                  resp->set_code(code);
                  domain::SetTimestamp(resp->mutable_expires_at(), expires);
                  resp->set_kiosk_id(k.id());
                  resp->set_qr_text("hallkiosk:enroll?kiosk=" + k.id() + "&code=" + code);
                  return kOk;
                },
                "for " + k.location_id()),
            finish);
      });
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::RevokeKiosk(grpc::CallbackServerContext* ctx,
                                                            const v1::RevokeKioskRequest* req,
                                                            v1::KioskResponse* resp) {
  return RunUnary(
      *core_, ctx, "RevokeKiosk", [this, ctx, req, resp](const Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, Permission::kAdminDirectory)) return finish(s);
        if (auto s = domain::CheckSlug("kiosk_id", req->kiosk_id())) return finish(s);
        if (auto s = domain::CheckText("reason", req->reason(), 1, domain::kMaxNoteChars))
          return finish(s);
        ServerCore* core = core_;
        core_->workers->Submit(
            AuditedJob(AuditEntryFor(*core_, ctx, &who, "kiosk_revoked", req->kiosk_id(), "",
                                     req->reason()),
                       [core, req, resp](store::PgConnection& conn, v1::AuditEntry& row) -> Status {
                         if (!store::RevokeKiosk(conn, req->kiosk_id(), core->now())) {
                           return Error::NotFound("no kiosk " + req->kiosk_id());
                         }
                         if (auto k = store::FindKioskLogin(conn, req->kiosk_id()))
                           *resp->mutable_kiosk() = k->first;
                         row.set_hall_id(resp->kiosk().hall_id());  // known once read
                         return kOk;
                       }),
            finish);
      });
}

}  // namespace hall::api
