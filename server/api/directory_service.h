// DirectoryService: halls, locations, people and kiosks. Reads are scoped to
// the caller's halls; writes need the admin role. Also the kiosks'
// heartbeat, kept in memory and written in batches.
#pragma once

#include <chrono>
#include <optional>
#include <unordered_map>

#include "api/server_core.h"
#include "base/mutex.h"
#include "hall/v1/directory.grpc.pb.h"
#include "store/drill_store.h"

namespace hall::api {

class DirectoryServiceImpl final : public v1::DirectoryService::CallbackService {
 public:
  explicit DirectoryServiceImpl(ServerCore* core) : core_(core) {}
  grpc::ServerUnaryReactor* ListHalls(grpc::CallbackServerContext*, const v1::ListHallsRequest*,
                                      v1::ListHallsResponse*) override;
  grpc::ServerUnaryReactor* UpsertHall(grpc::CallbackServerContext*, const v1::UpsertHallRequest*,
                                       v1::HallResponse*) override;
  grpc::ServerUnaryReactor* ListRegions(grpc::CallbackServerContext*, const v1::ListRegionsRequest*,
                                        v1::ListRegionsResponse*) override;
  grpc::ServerUnaryReactor* UpsertRegion(grpc::CallbackServerContext*,
                                         const v1::UpsertRegionRequest*,
                                         v1::RegionResponse*) override;
  grpc::ServerUnaryReactor* GetFloorPlan(grpc::CallbackServerContext*,
                                         const v1::GetFloorPlanRequest*, v1::FloorPlan*) override;
  grpc::ServerUnaryReactor* SetFloorPlan(grpc::CallbackServerContext*,
                                         const v1::SetFloorPlanRequest*,
                                         v1::SetFloorPlanResponse*) override;
  grpc::ServerUnaryReactor* ListLocations(grpc::CallbackServerContext*,
                                          const v1::ListLocationsRequest*,
                                          v1::ListLocationsResponse*) override;
  grpc::ServerUnaryReactor* UpsertLocation(grpc::CallbackServerContext*,
                                           const v1::UpsertLocationRequest*,
                                           v1::LocationResponse*) override;
  grpc::ServerUnaryReactor* ListPeople(grpc::CallbackServerContext*, const v1::ListPeopleRequest*,
                                       v1::ListPeopleResponse*) override;
  grpc::ServerUnaryReactor* UpsertPerson(grpc::CallbackServerContext*,
                                         const v1::UpsertPersonRequest*,
                                         v1::PersonResponse*) override;
  grpc::ServerUnaryReactor* ListKiosks(grpc::CallbackServerContext*, const v1::ListKiosksRequest*,
                                       v1::ListKiosksResponse*) override;
  grpc::ServerUnaryReactor* UpsertKiosk(grpc::CallbackServerContext*, const v1::UpsertKioskRequest*,
                                        v1::KioskResponse*) override;
  grpc::ServerUnaryReactor* IssueEnrollmentCode(grpc::CallbackServerContext*,
                                                const v1::IssueEnrollmentCodeRequest*,
                                                v1::EnrollmentCode*) override;
  grpc::ServerUnaryReactor* RevokeKiosk(grpc::CallbackServerContext*, const v1::RevokeKioskRequest*,
                                        v1::KioskResponse*) override;
  grpc::ServerUnaryReactor* Heartbeat(grpc::CallbackServerContext*, const v1::HeartbeatRequest*,
                                      v1::HeartbeatResponse*) override;

 private:
  // Each hall's live drill, as heartbeats tell kiosks (read at most every
  // few seconds per hall, not on every beat).
  struct LiveDrillEntry {
    std::optional<store::LiveDrill> live;
    std::chrono::steady_clock::time_point read_at;
  };
  ServerCore* core_;
  Mutex drills_mu_;
  std::unordered_map<std::string, LiveDrillEntry> live_drills_ GUARDED_BY(drills_mu_);
};

}  // namespace hall::api
