// AuditService: the security audit log, read. Admins read all of it;
// leadership, the bureau and hall heads read the entries of their halls.
#pragma once

#include "api/server_core.h"
#include "hall/v1/audit.grpc.pb.h"

namespace hall::api {

class AuditServiceImpl final : public v1::AuditService::CallbackService {
 public:
  explicit AuditServiceImpl(ServerCore* core) : core_(core) {}
  grpc::ServerUnaryReactor* ListAudit(grpc::CallbackServerContext*, const v1::ListAuditRequest*,
                                      v1::ListAuditResponse*) override;

 private:
  ServerCore* core_;
};

}  // namespace hall::api
