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
// request type of every service must be listed below (a unit test checks
// the list against the services' descriptors).
#pragma once

#include <grpcpp/impl/codegen/proto_utils.h>

#include <string>

#include "hall/v1/audit.pb.h"
#include "hall/v1/auth.pb.h"
#include "hall/v1/directory.pb.h"
#include "hall/v1/escalation.pb.h"
#include "hall/v1/incident.pb.h"
#include "hall/v1/playbook.pb.h"

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

// The names of every request type listed below (for the test).
inline const char* const kCheckedRequestTypes[] = {
    "hall.v1.AcknowledgeIncidentRequest",
    "hall.v1.AddNoteRequest",
    "hall.v1.AssignIncidentRequest",
    "hall.v1.CancelPlannedOutageRequest",
    "hall.v1.CloseIncidentRequest",
    "hall.v1.CompleteStepRequest",
    "hall.v1.DecideStatementRequest",
    "hall.v1.DeescalateIncidentRequest",
    "hall.v1.DeleteContactRequest",
    "hall.v1.DeleteNotifierRequest",
    "hall.v1.DeleteShiftRequest",
    "hall.v1.DraftStatementRequest",
    "hall.v1.EnrollKioskRequest",
    "hall.v1.EscalateIncidentRequest",
    "hall.v1.GetFloorPlanRequest",
    "hall.v1.GetHallSetupRequest",
    "hall.v1.GetIncidentRequest",
    "hall.v1.GetPlanRequest",
    "hall.v1.GetPlaybookRequest",
    "hall.v1.GetPlaybookSetRequest",
    "hall.v1.GetServerInfoRequest",
    "hall.v1.HandOverIncidentRequest",
    "hall.v1.HeartbeatRequest",
    "hall.v1.IssueEnrollmentCodeRequest",
    "hall.v1.ListAuditRequest",
    "hall.v1.ListCategoriesRequest",
    "hall.v1.ListHallsRequest",
    "hall.v1.ListIncidentsRequest",
    "hall.v1.ListKiosksRequest",
    "hall.v1.ListLocationsRequest",
    "hall.v1.ListPeopleRequest",
    "hall.v1.ListRegionsRequest",
    "hall.v1.ListSetupAuditRequest",
    "hall.v1.LoginRequest",
    "hall.v1.LogoutRequest",
    "hall.v1.RaiseIncidentRequest",
    "hall.v1.RecategorizeIncidentRequest",
    "hall.v1.RecordContactRequest",
    "hall.v1.RecordFilingRequest",
    "hall.v1.RecordSummaryRequest",
    "hall.v1.ReloadPlaybooksRequest",
    "hall.v1.RemoveTierMemberRequest",
    "hall.v1.ReopenIncidentRequest",
    "hall.v1.ResolveIncidentRequest",
    "hall.v1.RevokeKioskRequest",
    "hall.v1.SetFloorPlanRequest",
    "hall.v1.SetGradeRequest",
    "hall.v1.SetTierMemberRequest",
    "hall.v1.SkipStepRequest",
    "hall.v1.UnlockSignInRequest",
    "hall.v1.UpdateMetricRequest",
    "hall.v1.UpsertContactRequest",
    "hall.v1.UpsertFollowUpRequest",
    "hall.v1.UpsertHallRequest",
    "hall.v1.UpsertKioskRequest",
    "hall.v1.UpsertLocationRequest",
    "hall.v1.UpsertNotifierRequest",
    "hall.v1.UpsertPersonRequest",
    "hall.v1.UpsertPlannedOutageRequest",
    "hall.v1.UpsertRegionRequest",
    "hall.v1.UpsertShiftRequest",
    "hall.v1.WatchRequest",
    "hall.v1.WhoAmIRequest",
    "hall.v1.WithdrawIncidentRequest",
};

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

HALL_CHECKED_DECODE(hall::v1::AcknowledgeIncidentRequest)
HALL_CHECKED_DECODE(hall::v1::AddNoteRequest)
HALL_CHECKED_DECODE(hall::v1::AssignIncidentRequest)
HALL_CHECKED_DECODE(hall::v1::CancelPlannedOutageRequest)
HALL_CHECKED_DECODE(hall::v1::CloseIncidentRequest)
HALL_CHECKED_DECODE(hall::v1::CompleteStepRequest)
HALL_CHECKED_DECODE(hall::v1::DecideStatementRequest)
HALL_CHECKED_DECODE(hall::v1::DeescalateIncidentRequest)
HALL_CHECKED_DECODE(hall::v1::DeleteContactRequest)
HALL_CHECKED_DECODE(hall::v1::DeleteNotifierRequest)
HALL_CHECKED_DECODE(hall::v1::DeleteShiftRequest)
HALL_CHECKED_DECODE(hall::v1::DraftStatementRequest)
HALL_CHECKED_DECODE(hall::v1::EnrollKioskRequest)
HALL_CHECKED_DECODE(hall::v1::EscalateIncidentRequest)
HALL_CHECKED_DECODE(hall::v1::GetFloorPlanRequest)
HALL_CHECKED_DECODE(hall::v1::GetHallSetupRequest)
HALL_CHECKED_DECODE(hall::v1::GetIncidentRequest)
HALL_CHECKED_DECODE(hall::v1::GetPlanRequest)
HALL_CHECKED_DECODE(hall::v1::GetPlaybookRequest)
HALL_CHECKED_DECODE(hall::v1::GetPlaybookSetRequest)
HALL_CHECKED_DECODE(hall::v1::GetServerInfoRequest)
HALL_CHECKED_DECODE(hall::v1::HandOverIncidentRequest)
HALL_CHECKED_DECODE(hall::v1::HeartbeatRequest)
HALL_CHECKED_DECODE(hall::v1::IssueEnrollmentCodeRequest)
HALL_CHECKED_DECODE(hall::v1::ListAuditRequest)
HALL_CHECKED_DECODE(hall::v1::ListCategoriesRequest)
HALL_CHECKED_DECODE(hall::v1::ListHallsRequest)
HALL_CHECKED_DECODE(hall::v1::ListIncidentsRequest)
HALL_CHECKED_DECODE(hall::v1::ListKiosksRequest)
HALL_CHECKED_DECODE(hall::v1::ListLocationsRequest)
HALL_CHECKED_DECODE(hall::v1::ListPeopleRequest)
HALL_CHECKED_DECODE(hall::v1::ListRegionsRequest)
HALL_CHECKED_DECODE(hall::v1::ListSetupAuditRequest)
HALL_CHECKED_DECODE(hall::v1::LoginRequest)
HALL_CHECKED_DECODE(hall::v1::LogoutRequest)
HALL_CHECKED_DECODE(hall::v1::RaiseIncidentRequest)
HALL_CHECKED_DECODE(hall::v1::RecategorizeIncidentRequest)
HALL_CHECKED_DECODE(hall::v1::RecordContactRequest)
HALL_CHECKED_DECODE(hall::v1::RecordFilingRequest)
HALL_CHECKED_DECODE(hall::v1::RecordSummaryRequest)
HALL_CHECKED_DECODE(hall::v1::ReloadPlaybooksRequest)
HALL_CHECKED_DECODE(hall::v1::RemoveTierMemberRequest)
HALL_CHECKED_DECODE(hall::v1::ReopenIncidentRequest)
HALL_CHECKED_DECODE(hall::v1::ResolveIncidentRequest)
HALL_CHECKED_DECODE(hall::v1::RevokeKioskRequest)
HALL_CHECKED_DECODE(hall::v1::SetFloorPlanRequest)
HALL_CHECKED_DECODE(hall::v1::SetGradeRequest)
HALL_CHECKED_DECODE(hall::v1::SetTierMemberRequest)
HALL_CHECKED_DECODE(hall::v1::SkipStepRequest)
HALL_CHECKED_DECODE(hall::v1::UnlockSignInRequest)
HALL_CHECKED_DECODE(hall::v1::UpdateMetricRequest)
HALL_CHECKED_DECODE(hall::v1::UpsertContactRequest)
HALL_CHECKED_DECODE(hall::v1::UpsertFollowUpRequest)
HALL_CHECKED_DECODE(hall::v1::UpsertHallRequest)
HALL_CHECKED_DECODE(hall::v1::UpsertKioskRequest)
HALL_CHECKED_DECODE(hall::v1::UpsertLocationRequest)
HALL_CHECKED_DECODE(hall::v1::UpsertNotifierRequest)
HALL_CHECKED_DECODE(hall::v1::UpsertPersonRequest)
HALL_CHECKED_DECODE(hall::v1::UpsertPlannedOutageRequest)
HALL_CHECKED_DECODE(hall::v1::UpsertRegionRequest)
HALL_CHECKED_DECODE(hall::v1::UpsertShiftRequest)
HALL_CHECKED_DECODE(hall::v1::WatchRequest)
HALL_CHECKED_DECODE(hall::v1::WhoAmIRequest)
HALL_CHECKED_DECODE(hall::v1::WithdrawIncidentRequest)

#undef HALL_CHECKED_DECODE
