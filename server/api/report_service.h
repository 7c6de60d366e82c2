// ReportService: statistics over a period (the dashboard, the period
// report) and the archive export, for the halls the caller answers for.
// Needs kReport (duty officers and hall heads for their halls, leadership
// and the bureau for their regions); the scope is applied in SQL, and a
// region or hall outside it is refused, never silently emptied.
#pragma once

#include "api/server_core.h"
#include "hall/v1/report.grpc.pb.h"

namespace hall::api {

class ReportServiceImpl final : public v1::ReportService::CallbackService {
 public:
  explicit ReportServiceImpl(ServerCore* core) : core_(core) {}
  grpc::ServerUnaryReactor* GetStatistics(grpc::CallbackServerContext*,
                                          const v1::StatisticsRequest*, v1::Statistics*) override;
  grpc::ServerUnaryReactor* ExportIncidents(grpc::CallbackServerContext*,
                                            const v1::ExportIncidentsRequest*,
                                            v1::ExportIncidentsResponse*) override;

 private:
  ServerCore* core_;
};

}  // namespace hall::api
