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
  grpc::Slice slice = Slice(e);
  return grpc::ByteBuffer(&slice, 1);
}

grpc::Slice EventWireCache::Slice(const v1::IncidentEvent& e) {
  if (e.seq() > 0) {
    MutexLock lock(&mu_);
    auto it = by_seq_.find(e.seq());
    if (it != by_seq_.end()) return it->second;
  }
  // Serialized outside the lock; two streams racing on a new event both
  // serialize it, and the second's copy is dropped.
  v1::WatchResponse r;
  *r.mutable_event() = e;
  grpc::Slice slice;
  Serialized(r, &slice);
  if (e.seq() > 0) {
    MutexLock lock(&mu_);
    by_seq_.emplace(e.seq(), slice);
    while (by_seq_.size() > capacity_) by_seq_.erase(by_seq_.begin());
  }
  return slice;
}

grpc::ByteBuffer EventWireCache::Batch(const std::vector<grpc::Slice>& events) {
  size_t length = 0;
  for (const auto& s : events) length += s.size();
  // WatchResponse.batch: key (field 3, length-delimited), then the length.
  uint8_t header[11];
  size_t n = 0;
  header[n++] = (3 << 3) | 2;
  for (uint64_t v = length;; v >>= 7) {
    header[n++] = static_cast<uint8_t>(v < 0x80 ? v : (v & 0x7f) | 0x80);
    if (v < 0x80) break;
  }
  std::vector<grpc::Slice> slices;
  slices.reserve(events.size() + 1);
  slices.emplace_back(header, n);
  slices.insert(slices.end(), events.begin(), events.end());
  return grpc::ByteBuffer(slices.data(), slices.size());
}

grpc::ByteBuffer EventWireCache::CaughtUp(int64_t seq) {
  v1::WatchResponse r;
  r.set_caught_up_at_seq(seq);
  grpc::Slice slice;
  return Serialized(r, &slice);
}

}  // namespace hall::api
