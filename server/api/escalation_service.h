// EscalationService: who is who per hall — tier members, the duty roster,
// outside contacts, notifiers, planned outages — and their audit trail.
// Reads need the hall in scope; writes need kManageHall (admins; hall heads
// for their own halls). Every write answers with the hall's set-up after it.
#pragma once

#include "api/server_core.h"
#include "hall/v1/escalation.grpc.pb.h"

namespace hall::api {

class EscalationServiceImpl final : public v1::EscalationService::CallbackService {
 public:
  explicit EscalationServiceImpl(ServerCore* core) : core_(core) {}
  grpc::ServerUnaryReactor* GetHallSetup(grpc::CallbackServerContext*,
                                         const v1::GetHallSetupRequest*, v1::HallSetup*) override;
  grpc::ServerUnaryReactor* SetTierMember(grpc::CallbackServerContext*,
                                          const v1::SetTierMemberRequest*,
                                          v1::HallSetupResponse*) override;
  grpc::ServerUnaryReactor* RemoveTierMember(grpc::CallbackServerContext*,
                                             const v1::RemoveTierMemberRequest*,
                                             v1::HallSetupResponse*) override;
  grpc::ServerUnaryReactor* UpsertContact(grpc::CallbackServerContext*,
                                          const v1::UpsertContactRequest*,
                                          v1::HallSetupResponse*) override;
  grpc::ServerUnaryReactor* DeleteContact(grpc::CallbackServerContext*,
                                          const v1::DeleteContactRequest*,
                                          v1::HallSetupResponse*) override;
  grpc::ServerUnaryReactor* UpsertShift(grpc::CallbackServerContext*, const v1::UpsertShiftRequest*,
                                        v1::HallSetupResponse*) override;
  grpc::ServerUnaryReactor* DeleteShift(grpc::CallbackServerContext*, const v1::DeleteShiftRequest*,
                                        v1::HallSetupResponse*) override;
  grpc::ServerUnaryReactor* UpsertNotifier(grpc::CallbackServerContext*,
                                           const v1::UpsertNotifierRequest*,
                                           v1::HallSetupResponse*) override;
  grpc::ServerUnaryReactor* DeleteNotifier(grpc::CallbackServerContext*,
                                           const v1::DeleteNotifierRequest*,
                                           v1::HallSetupResponse*) override;
  grpc::ServerUnaryReactor* UpsertPlannedOutage(grpc::CallbackServerContext*,
                                                const v1::UpsertPlannedOutageRequest*,
                                                v1::HallSetupResponse*) override;
  grpc::ServerUnaryReactor* CancelPlannedOutage(grpc::CallbackServerContext*,
                                                const v1::CancelPlannedOutageRequest*,
                                                v1::HallSetupResponse*) override;
  grpc::ServerUnaryReactor* ListSetupAudit(grpc::CallbackServerContext*,
                                           const v1::ListSetupAuditRequest*,
                                           v1::ListSetupAuditResponse*) override;

 private:
  using Write = std::function<Status(store::PgConnection&, const domain::Principal&)>;
  // Checks kManageHall on `hall_id` (when known up front), runs `write`,
  // then answers with the hall's set-up.
  grpc::ServerUnaryReactor* RunWrite(
      grpc::CallbackServerContext* ctx, const char* rpc, std::function<Status()> validate,
      std::string hall_id, std::function<Result<std::string>(store::PgConnection&)> hall_of,
      Write write, v1::HallSetupResponse* resp);
  ServerCore* core_;
};

}  // namespace hall::api
