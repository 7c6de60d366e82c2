// ServerCore: what every service of one server process shares, and the
// helper that runs an authenticated unary call.
//
// Thread-safety: every member is itself thread-safe.
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "domain/access.h"
#include "domain/error.h"
#include "playbook/playbook_set.h"
#include "store/db_workers.h"
#include "store/event_appender.h"
#include "store/event_feed.h"
#include "store/incident_reads.h"

namespace hall::api {

// Bearer token → Principal, cached for a few seconds so the hot path
// (raise, watch) does not read the database on every call.
class Authenticator {
 public:
  explicit Authenticator(store::DbWorkers* workers) : workers_(workers) {}
  // Calls `k` with the caller's principal, or UNAUTHENTICATED. Runs `k`
  // inline on a cache hit, else on a database worker thread.
  void Authenticate(const grpc::CallbackServerContext* ctx,
                    std::function<void(Result<domain::Principal>)> k);
  void Forget(const std::string& token_hash);
  static std::string BearerToken(const grpc::CallbackServerContext* ctx);

 private:
  struct Entry {
    domain::Principal principal;
    int64_t cached_at_us;
  };
  store::DbWorkers* workers_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> cache_;  // GUARDED_BY(mu_), by token hash
};

// Last contact of each kiosk, kept in memory and written in batches.
class HeartbeatBuffer {
 public:
  void Beat(const std::string& kiosk_id, int64_t at_us);
  // Takes what arrived since the last call.
  std::vector<std::pair<std::string, int64_t>> Drain();
  // The latest beat this server saw, or 0.
  int64_t LastSeen(const std::string& kiosk_id) const;

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, int64_t> dirty_;   // GUARDED_BY(mu_)
  std::unordered_map<std::string, int64_t> latest_;  // GUARDED_BY(mu_)
};

inline constexpr int kHeartbeatIntervalSeconds = 10;
// A kiosk silent for more than three heartbeats is offline.
inline constexpr int64_t kOfflineAfterUs = 3LL * kHeartbeatIntervalSeconds * 1000000;

// Which plan governs each hall, cached (halls change rarely). Entries
// expire after a minute so another server's edit is seen; this server's own
// edits invalidate at once.
class HallPlans {
 public:
  // The hall's plan id; reads the database on a miss. NOT_FOUND when the
  // hall does not exist. Throws PgError on database failure.
  Result<std::string> Get(store::PgConnection& conn, const std::string& hall_id);
  // The cached plan id, or nullopt (no database access).
  std::optional<std::string> Peek(const std::string& hall_id);
  void Forget(const std::string& hall_id);

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::pair<std::string, int64_t>> cache_;  // GUARDED_BY(mu_)
};

struct ServerCore {
  store::DbWorkers* workers = nullptr;
  store::EventAppender* appender = nullptr;
  store::EventFeed* feed = nullptr;
  Authenticator* auth = nullptr;
  HeartbeatBuffer* heartbeats = nullptr;
  playbook::PlaybookHolder* playbooks = nullptr;
  HallPlans* hall_plans = nullptr;
  std::string playbooks_dir;
  int64_t token_ttl_us = 12LL * 3600 * 1000000;  // a shift
};

// The halls a principal may read, as the store applies them.
inline store::HallScope ScopeOf(const domain::Principal& p) { return {p.all_halls, p.hall_ids}; }

// Runs an authenticated unary call: authenticates, then `body(principal,
// finish)`; `body` must call `finish` exactly once (from any thread). Logs
// the RPC, its status and latency.
using Finish = std::function<void(Status)>;
grpc::ServerUnaryReactor* RunUnary(
    ServerCore& core, grpc::CallbackServerContext* ctx, const char* rpc,
    std::function<void(const domain::Principal&, Finish)> body);

// The same without authentication (Login).
grpc::ServerUnaryReactor* RunUnaryAnonymous(grpc::CallbackServerContext* ctx, const char* rpc,
                                            std::function<void(Finish)> body);

}  // namespace hall::api
