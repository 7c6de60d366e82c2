// DrillService: drill runs (演练). A drill coordinator starts a scenario of
// playbooks/drills/ in one of their halls — checked to fit the hall (its
// plan, its places, its kiosks) — or a hand-built one (their own injects,
// checked as a file's is: CheckDrillScenario beforehand, StartDrill to run
// it), and pauses, resumes, stops and reviews it; the engine fires its
// injects by the clock. Reading runs, live scores and the cadence is open
// to the hall's duty officers, heads and leadership. Changes go through
// the appender (one transaction each; a start or resume wakes the engine's
// timer loop when its next inject is sooner than it planned to look) and
// into the audit log (written before the answer).
#pragma once

#include "api/server_core.h"
#include "hall/v1/drill.grpc.pb.h"

namespace hall::api {

class DrillServiceImpl final : public v1::DrillService::CallbackService {
 public:
  explicit DrillServiceImpl(ServerCore* core) : core_(core) {}
  grpc::ServerUnaryReactor* ListDrillScenarios(grpc::CallbackServerContext*,
                                               const v1::ListDrillScenariosRequest*,
                                               v1::ListDrillScenariosResponse*) override;
  grpc::ServerUnaryReactor* StartDrill(grpc::CallbackServerContext*, const v1::StartDrillRequest*,
                                       v1::DrillResponse*) override;
  grpc::ServerUnaryReactor* CheckDrillScenario(grpc::CallbackServerContext*,
                                               const v1::CheckDrillScenarioRequest*,
                                               v1::ScenarioForHall*) override;
  grpc::ServerUnaryReactor* PauseDrill(grpc::CallbackServerContext*, const v1::DrillRequest*,
                                       v1::DrillResponse*) override;
  grpc::ServerUnaryReactor* ResumeDrill(grpc::CallbackServerContext*, const v1::DrillRequest*,
                                        v1::DrillResponse*) override;
  grpc::ServerUnaryReactor* StopDrill(grpc::CallbackServerContext*, const v1::StopDrillRequest*,
                                      v1::DrillResponse*) override;
  grpc::ServerUnaryReactor* GetDrill(grpc::CallbackServerContext*, const v1::DrillRequest*,
                                     v1::DrillResponse*) override;
  grpc::ServerUnaryReactor* ListDrills(grpc::CallbackServerContext*, const v1::ListDrillsRequest*,
                                       v1::ListDrillsResponse*) override;
  grpc::ServerUnaryReactor* RecordDrillReview(grpc::CallbackServerContext*,
                                              const v1::RecordDrillReviewRequest*,
                                              v1::DrillResponse*) override;
  grpc::ServerUnaryReactor* GetDrillCadence(grpc::CallbackServerContext*,
                                            const v1::DrillCadenceRequest*,
                                            v1::DrillCadenceResponse*) override;

 private:
  // Pause or resume: the shared path.
  grpc::ServerUnaryReactor* Toggle(grpc::CallbackServerContext* ctx, const v1::DrillRequest* req,
                                   v1::DrillResponse* resp, bool pause);
  ServerCore* core_;
};

}  // namespace hall::api
