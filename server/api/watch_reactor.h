// WatchReactor: one server-streaming Watch call.
//
// Sends every event after the requested seq in the caller's scope: first
// from the log (database) while the cursor is older than the in-memory
// ring, then from the ring, then live as the feed advances; then a
// caught-up marker once. One write in flight at a time; the rest waits in
// the feed, not in this object, so a slow reader costs a cursor, not memory.
// A client that reads batches (WatchRequest.batches) gets what is waiting,
// up to 64 events, in one message: a replay, or a leadership desk of many
// halls in a surge, costs one write per batch instead of one per event.
//
// Served raw (grpc::ByteBuffer): the request is decoded here, and each
// event is written as bytes serialized once for every stream (EventWireCache).
//
// Thread-safety: reactions arrive on gRPC threads, feed wake-ups on the
// feed's dispatch thread, log reads on database workers; all state is behind
// the session's mutex, and StartWrite/Finish are called outside it.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>

#include "api/event_wire_cache.h"
#include "api/server_core.h"
#include "hall/v1/incident.pb.h"

namespace hall::api {

class WatchSession;

class WatchReactor : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  // `request` is a WatchRequest's bytes; `wire` outlives the call.
  WatchReactor(ServerCore* core, EventWireCache* wire, grpc::CallbackServerContext* ctx,
               const grpc::ByteBuffer* request);
  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  ServerCore* core_;
  std::shared_ptr<WatchSession> session_;
};

}  // namespace hall::api
