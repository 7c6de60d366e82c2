#include "api/metrics.h"

#include <cstdio>
#include <sstream>

namespace hall::api {
namespace {

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

// One histogram's series: cumulative buckets, sum and count. `labels` may
// be empty (a histogram of one series).
void RenderHistogram(std::ostringstream& out, const std::string& name, const std::string& labels,
                     const std::vector<uint64_t>& counts, double sum, uint64_t count) {
  const auto& b = Metrics::Buckets();
  const std::string braced = labels.empty() ? "" : "{" + labels + "}";
  const std::string bucket_prefix = labels.empty() ? "{" : "{" + labels + ",";
  uint64_t cumulative = 0;
  for (size_t i = 0; i <= b.size(); ++i) {
    cumulative += counts[i];
    out << name << "_bucket" << bucket_prefix << "le=\"" << (i < b.size() ? Number(b[i]) : "+Inf")
        << "\"} " << cumulative << "\n";
  }
  out << name << "_sum" << braced << " " << Number(sum) << "\n";
  out << name << "_count" << braced << " " << count << "\n";
}

}  // namespace

const char* GrpcCodeName(int code) {
  static const char* kNames[] = {"OK",
                                 "CANCELLED",
                                 "UNKNOWN",
                                 "INVALID_ARGUMENT",
                                 "DEADLINE_EXCEEDED",
                                 "NOT_FOUND",
                                 "ALREADY_EXISTS",
                                 "PERMISSION_DENIED",
                                 "RESOURCE_EXHAUSTED",
                                 "FAILED_PRECONDITION",
                                 "ABORTED",
                                 "OUT_OF_RANGE",
                                 "UNIMPLEMENTED",
                                 "INTERNAL",
                                 "UNAVAILABLE",
                                 "DATA_LOSS",
                                 "UNAUTHENTICATED"};
  return code >= 0 && code < 17 ? kNames[code] : "UNKNOWN";
}

const std::vector<double>& Metrics::Buckets() {
  static const std::vector<double> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                               0.05,   0.1,   0.25,   0.5,   1,    2.5};
  return kBuckets;
}

void Metrics::Observe(Histogram* h, int64_t micros) {
  const double s = static_cast<double>(micros) / 1e6;
  const auto& b = Buckets();
  size_t i = 0;
  while (i < b.size() && s > b[i]) ++i;
  ++h->counts[i];
  ++h->count;
  h->sum += s;
}

void Metrics::ObserveRpc(std::string_view method, int code, int64_t micros) {
  MutexLock lock(&mu_);
  Observe(&rpcs_[{std::string(method), code}], micros);
}

void Metrics::ObserveRaiseStages(
    std::initializer_list<std::pair<std::string_view, int64_t>> stages) {
  MutexLock lock(&mu_);
  for (const auto& [stage, micros] : stages) {
    auto it = raise_stages_.find(stage);
    if (it == raise_stages_.end())
      it = raise_stages_.emplace(std::string(stage), Histogram{}).first;
    Observe(&it->second, micros);
  }
}

void Metrics::ObserveFanout(int64_t micros) {
  MutexLock lock(&mu_);
  Observe(&fanout_, micros);
}

void Metrics::AddCollector(Collector c) {
  MutexLock lock(&mu_);
  collectors_.push_back(std::move(c));
}

std::string Metrics::Render() const {
  std::map<std::pair<std::string, int>, Histogram> rpcs;
  std::map<std::string, Histogram, std::less<>> stages;
  Histogram fanout;
  std::vector<Collector> collectors;
  {
    MutexLock lock(&mu_);
    rpcs = rpcs_;
    stages = raise_stages_;
    fanout = fanout_;
    collectors = collectors_;
  }
  std::ostringstream out;
  out << "# HELP hall_rpc_requests_total RPCs finished, by method and status.\n"
         "# TYPE hall_rpc_requests_total counter\n";
  for (const auto& [key, h] : rpcs) {
    out << "hall_rpc_requests_total{method=\"" << key.first << "\",code=\""
        << GrpcCodeName(key.second) << "\"} " << h.count << "\n";
  }
  out << "# HELP hall_rpc_duration_seconds Server-side latency of finished RPCs.\n"
         "# TYPE hall_rpc_duration_seconds histogram\n";
  for (const auto& [key, h] : rpcs) {
    RenderHistogram(out, "hall_rpc_duration_seconds",
                    "method=\"" + key.first + "\",code=\"" + GrpcCodeName(key.second) + "\"",
                    h.counts, h.sum, h.count);
  }
  out << "# HELP hall_raise_stage_seconds Where a raise's time goes inside the server: prepare"
         " (checks and plan), queue (waiting for the appender), commit (its batch's transaction),"
         " publish (handed to the watchers), answer (its batch's earlier callers answered first).\n"
         "# TYPE hall_raise_stage_seconds histogram\n";
  for (const auto& [stage, h] : stages) {
    RenderHistogram(out, "hall_raise_stage_seconds", "stage=\"" + stage + "\"", h.counts, h.sum,
                    h.count);
  }
  out << "# HELP hall_feed_fanout_seconds Time to hand one advance of the log to every watch"
         " stream of this server (each starts its write in it): the server's side of a press"
         " reaching every open desk.\n"
         "# TYPE hall_feed_fanout_seconds histogram\n";
  RenderHistogram(out, "hall_feed_fanout_seconds", "", fanout.counts, fanout.sum, fanout.count);
  for (const auto& collect : collectors) {
    for (const Family& f : collect()) {
      out << "# HELP " << f.name << " " << f.help << "\n# TYPE " << f.name << " " << f.type << "\n";
      for (const auto& [labels, value] : f.samples) {
        out << f.name << (labels.empty() ? "" : "{" + labels + "}") << " " << Number(value) << "\n";
      }
    }
  }
  return out.str();
}

}  // namespace hall::api
