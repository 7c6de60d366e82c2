// EventWireCache: each event serialized once, as the WatchResponse that
// carries it, and shared by every watch stream that sends it.
//
// A press watched by a hundred desks used to be copied and serialized a
// hundred times (a deep copy of the incident and its checklist each time:
// a third of the server's CPU in the 100-desk benchmark). The Watch method
// is served raw (grpc::ByteBuffer), so a write is a reference to these
// bytes. Keyed by seq (an event never changes); keeps the newest
// `capacity` events, about the feed's ring.
//
// Thread-safe.
#pragma once

#include <grpcpp/grpcpp.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "base/mutex.h"
#include "hall/v1/incident.pb.h"

namespace hall::api {

class EventWireCache {
 public:
  explicit EventWireCache(size_t capacity = 8192) : capacity_(capacity) {}
  // The WatchResponse carrying `e`, serialized.
  grpc::ByteBuffer Get(const v1::IncidentEvent& e);
  // The same bytes as a slice (shared, not copied), for Batch.
  grpc::Slice Slice(const v1::IncidentEvent& e);
  // One WatchResponse carrying several events (each a Slice above) as an
  // EventBatch, without copying or re-serializing them: a WatchResponse's
  // `event` and an EventBatch's `events` are both field 1, so their bytes
  // are alike; the batch is a field-3 header and then those slices.
  static grpc::ByteBuffer Batch(const std::vector<grpc::Slice>& events);
  // A WatchResponse carrying the caught-up marker, serialized.
  static grpc::ByteBuffer CaughtUp(int64_t seq);

 private:
  const size_t capacity_;
  Mutex mu_;
  std::map<int64_t, grpc::Slice> by_seq_ GUARDED_BY(mu_);
};

}  // namespace hall::api
