// PlaybookService: read the plans, playbooks and categories in force (any
// signed-in person, so the desk can read a playbook without an incident),
// and reload them (admin).
#pragma once

#include "api/server_core.h"
#include "hall/v1/playbook.grpc.pb.h"

namespace hall::api {

class PlaybookServiceImpl final : public v1::PlaybookService::CallbackService {
 public:
  explicit PlaybookServiceImpl(ServerCore* core) : core_(core) {}
  grpc::ServerUnaryReactor* GetPlaybookSet(grpc::CallbackServerContext*,
                                           const v1::GetPlaybookSetRequest*,
                                           v1::PlaybookSetInfo*) override;
  grpc::ServerUnaryReactor* GetPlan(grpc::CallbackServerContext*, const v1::GetPlanRequest*,
                                    v1::GetPlanResponse*) override;
  grpc::ServerUnaryReactor* GetPlaybook(grpc::CallbackServerContext*, const v1::GetPlaybookRequest*,
                                        v1::GetPlaybookResponse*) override;
  grpc::ServerUnaryReactor* ListCategories(grpc::CallbackServerContext*,
                                           const v1::ListCategoriesRequest*,
                                           v1::Taxonomy*) override;
  grpc::ServerUnaryReactor* ReloadPlaybooks(grpc::CallbackServerContext*,
                                            const v1::ReloadPlaybooksRequest*,
                                            v1::PlaybookSetInfo*) override;

 private:
  ServerCore* core_;
};

// Re-reads core.playbooks_dir; swaps the set in only when all of it loads.
Status ReloadPlaybooks(ServerCore& core);

void ToProto(const playbook::PlaybookSet& set, v1::PlaybookSetInfo* out);

}  // namespace hall::api
