#include "api/event_wire_cache.h"

#include <string>

namespace hall::api {
namespace {
grpc::ByteBuffer Serialized(const v1::WatchResponse& r, grpc::Slice* slice) {
  *slice = grpc::Slice(r.SerializeAsString());
  return grpc::ByteBuffer(slice, 1);
}
}  // namespace

grpc::ByteBuffer EventWireCache::Get(const v1::IncidentEvent& e) {
  if (e.seq() > 0) {
    MutexLock lock(&mu_);
    auto it = by_seq_.find(e.seq());
    if (it != by_seq_.end()) return grpc::ByteBuffer(&it->second, 1);
  }
  // Serialized outside the lock; two streams racing on a new event both
  // serialize it, and the second's copy is dropped.
  v1::WatchResponse r;
  *r.mutable_event() = e;
  grpc::Slice slice;
  grpc::ByteBuffer out = Serialized(r, &slice);
  if (e.seq() > 0) {
    MutexLock lock(&mu_);
    by_seq_.emplace(e.seq(), slice);
    while (by_seq_.size() > capacity_) by_seq_.erase(by_seq_.begin());
  }
  return out;
}

grpc::ByteBuffer EventWireCache::CaughtUp(int64_t seq) {
  v1::WatchResponse r;
  r.set_caught_up_at_seq(seq);
  grpc::Slice slice;
  return Serialized(r, &slice);
}

}  // namespace hall::api
