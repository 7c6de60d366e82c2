// Metrics: what an operator scrapes (Prometheus text exposition format
// 0.0.4, on its own port: --metrics-listen). RPC counts and latency
// histograms per method and status are recorded as calls finish; the rest
// (open watch streams, the feed, the appender, the engine's timers, the
// database workers, kiosks online) is read at scrape time from the parts
// that own it, through the gauges the server registers.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/mutex.h"

namespace hall::api {

class Metrics {
 public:
  // A value read at scrape time: name, help, type ("gauge" or "counter"),
  // and the samples (label text such as `state="online"`, or "", → value).
  struct Family {
    std::string name;
    std::string help;
    std::string type;
    std::vector<std::pair<std::string, double>> samples;
  };
  using Collector = std::function<std::vector<Family>()>;

  // A finished RPC: its method ("RaiseIncident"), gRPC status code and
  // server-side latency.
  void ObserveRpc(std::string_view method, int code, int64_t micros);
  // A raise's stages inside the server ("queue", "commit" …, see
  // incident_service.cpp) and their µs, for hall_raise_stage_seconds: where
  // a press's time goes, which the RPC's total does not say. Called on the
  // appender's thread, so all of a raise's stages under one lock.
  void ObserveRaiseStages(std::initializer_list<std::pair<std::string_view, int64_t>> stages);
  // One wake of the feed's watch streams (EventFeed::OnWoken) and its µs,
  // for hall_feed_fanout_seconds: the server's side of a press reaching
  // every open desk, which grows with the streams open.
  void ObserveFanout(int64_t micros);
  // Adds families read at every scrape (registered at start-up).
  void AddCollector(Collector c);
  // The whole exposition, in the text format.
  std::string Render() const;

  // The latency buckets, seconds (the last, +Inf, is implied).
  static const std::vector<double>& Buckets();

 private:
  struct Histogram {
    // Per bucket, not cumulative; +1 for +Inf. Sized from the start, so a
    // histogram never observed renders as all-zero buckets.
    std::vector<uint64_t> counts = std::vector<uint64_t>(Buckets().size() + 1);
    uint64_t count = 0;
    double sum = 0;
  };
  mutable Mutex mu_;
  static void Observe(Histogram* h, int64_t micros);
  std::map<std::pair<std::string, int>, Histogram> rpcs_ GUARDED_BY(mu_);
  std::map<std::string, Histogram, std::less<>> raise_stages_ GUARDED_BY(mu_);
  Histogram fanout_ GUARDED_BY(mu_);
  std::vector<Collector> collectors_ GUARDED_BY(mu_);
};

// "OK", "INVALID_ARGUMENT" …: a gRPC status code's name, for labels.
const char* GrpcCodeName(int code);

}  // namespace hall::api
