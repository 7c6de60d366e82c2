// Requests that do not decode get INVALID_ARGUMENT, not UNIMPLEMENTED.
//
// gRPC 1.51's callback handlers answer a request whose bytes do not parse
// (garbage, a truncated message, invalid UTF-8 in a proto3 string) with
// UNIMPLEMENTED and no message, before the service sees the call — a client
// author then looks for a missing method, not for their own bad request.
// gRPC decodes through SerializationTraits<T>; for every request type of
// the contract this header supplies one whose Deserialize never fails the
// call: it leaves the request empty and records why in a thread-local, and
// the server's handlers (api::RunUnary, the watch reactor), which gRPC runs
// on the same thread right after decoding, answer INVALID_ARGUMENT with it.
//
// Force-included (-include) into every translation unit that links
// hall_proto, so client and server see the same SerializationTraits; every
// request type of every service must be in HALL_CHECKED_REQUEST_TYPES (a
// unit test checks the list against the services' descriptors).
#pragma once

#include <grpcpp/impl/codegen/proto_utils.h>

#include <string>

#include "hall/v1/audit.pb.h"
#include "hall/v1/auth.pb.h"
#include "hall/v1/directory.pb.h"
#include "hall/v1/drill.pb.h"
#include "hall/v1/escalation.pb.h"
#include "hall/v1/incident.pb.h"
#include "hall/v1/playbook.pb.h"
#include "hall/v1/report.pb.h"

// Every request type of the contract, once: X(Type) for each.
#define HALL_CHECKED_REQUEST_TYPES(X) \
  X(AcknowledgeIncidentRequest)       \
  X(AddNoteRequest)                   \
  X(AssignIncidentRequest)            \
  X(CancelPlannedOutageRequest)       \
  X(CheckDrillScenarioRequest)        \
  X(CloseIncidentRequest)             \
  X(CompleteStepRequest)              \
  X(DecideStatementRequest)           \
  X(DeescalateIncidentRequest)        \
  X(DeleteContactRequest)             \
  X(DeleteNotifierRequest)            \
  X(DeleteShiftRequest)               \
  X(DraftStatementRequest)            \
  X(DrillCadenceRequest)              \
  X(DrillRequest)                     \
  X(EnrollKioskRequest)               \
  X(EscalateIncidentRequest)          \
  X(ExportIncidentsRequest)           \
  X(GetFloorPlanRequest)              \
  X(GetHallSetupRequest)              \
  X(GetIncidentRequest)               \
  X(GetPlanRequest)                   \
  X(GetPlaybookRequest)               \
  X(GetPlaybookSetRequest)            \
  X(GetServerInfoRequest)             \
  X(HandOverIncidentRequest)          \
  X(HeartbeatRequest)                 \
  X(IssueEnrollmentCodeRequest)       \
  X(ListAuditRequest)                 \
  X(ListCategoriesRequest)            \
  X(ListDrillScenariosRequest)        \
  X(ListDrillsRequest)                \
  X(ListHallsRequest)                 \
  X(ListIncidentsRequest)             \
  X(ListKiosksRequest)                \
  X(ListLocationsRequest)             \
  X(ListPeopleRequest)                \
  X(ListRegionsRequest)               \
  X(ListSetupAuditRequest)            \
  X(LoginRequest)                     \
  X(LogoutRequest)                    \
  X(RaiseIncidentRequest)             \
  X(RecategorizeIncidentRequest)      \
  X(RecordContactRequest)             \
  X(RecordDrillReviewRequest)         \
  X(RecordFilingRequest)              \
  X(RecordSummaryRequest)             \
  X(ReloadPlaybooksRequest)           \
  X(RemoveTierMemberRequest)          \
  X(ReopenIncidentRequest)            \
  X(ResolveIncidentRequest)           \
  X(RevokeKioskRequest)               \
  X(SetFloorPlanRequest)              \
  X(SetGradeRequest)                  \
  X(SetTierMemberRequest)             \
  X(SkipStepRequest)                  \
  X(StartDrillRequest)                \
  X(StatisticsRequest)                \
  X(StopDrillRequest)                 \
  X(UnlockSignInRequest)              \
  X(UpdateMetricRequest)              \
  X(UpsertContactRequest)             \
  X(UpsertFollowUpRequest)            \
  X(UpsertHallRequest)                \
  X(UpsertKioskRequest)               \
  X(UpsertLocationRequest)            \
  X(UpsertNotifierRequest)            \
  X(UpsertPersonRequest)              \
  X(UpsertPlannedOutageRequest)       \
  X(UpsertRegionRequest)              \
  X(UpsertShiftRequest)               \
  X(WatchRequest)                     \
  X(WhoAmIRequest)                    \
  X(WithdrawIncidentRequest)

namespace hall::proto {

// Why the request being handled on this thread did not decode; "" when it
// did. Set by each request's decoding, on gRPC's thread.
inline thread_local std::string t_decode_error;

// Takes (and clears) this thread's decode error.
inline std::string TakeDecodeError() {
  std::string e;
  e.swap(t_decode_error);
  return e;
}

template <class T>
grpc::Status CheckedDeserialize(grpc::ByteBuffer* buffer, grpc::protobuf::MessageLite* msg) {
  grpc::Status s = grpc::GenericDeserialize<grpc::ProtoBufferReader, T>(buffer, msg);
  if (s.ok()) {
    t_decode_error.clear();
    return s;
  }
  msg->Clear();
  t_decode_error = "the request is not a valid " + T::descriptor()->full_name() +
                   " (malformed bytes, or text that is not valid UTF-8): " + s.error_message();
  return grpc::Status::OK;
}

// Their full names (for the test that checks the list against the services).
#define HALL_CHECKED_NAME(T) "hall.v1." #T,
inline const char* const kCheckedRequestTypes[] = {HALL_CHECKED_REQUEST_TYPES(HALL_CHECKED_NAME)};
#undef HALL_CHECKED_NAME

}  // namespace hall::proto

#define HALL_CHECKED_DECODE(T)                                                                    \
  template <>                                                                                     \
  class grpc::SerializationTraits<T, void> {                                                      \
   public:                                                                                        \
    static grpc::Status Serialize(const grpc::protobuf::MessageLite& msg, grpc::ByteBuffer* bb,   \
                                  bool* own_buffer) {                                             \
      return grpc::GenericSerialize<grpc::ProtoBufferWriter, T>(msg, bb, own_buffer);             \
    }                                                                                             \
    static grpc::Status Deserialize(grpc::ByteBuffer* buffer, grpc::protobuf::MessageLite* msg) { \
      return hall::proto::CheckedDeserialize<T>(buffer, msg);                                     \
    }                                                                                             \
  };

#define HALL_CHECKED_DECODE_V1(T) HALL_CHECKED_DECODE(hall::v1::T)
HALL_CHECKED_REQUEST_TYPES(HALL_CHECKED_DECODE_V1)
#undef HALL_CHECKED_DECODE_V1
#undef HALL_CHECKED_DECODE
