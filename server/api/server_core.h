// ServerCore: what every service of one server process shares, and the
// helper that runs an authenticated unary call.
//
// Thread-safety: every member is itself thread-safe.
#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>

#include "api/metrics.h"
#include "base/mutex.h"
#include "domain/access.h"
#include "domain/clock.h"
#include "domain/error.h"
#include "hall/v1/audit.pb.h"
#include "playbook/playbook_set.h"
#include "store/db_workers.h"
#include "store/directory_store.h"
#include "store/event_appender.h"
#include "store/event_feed.h"
#include "store/hall_plans.h"
#include "store/incident_reads.h"

namespace hall::api {

// Bearer token → Principal, cached so the hot path (raise, watch) does not
// read the database: a press after a quiet hour included. The database tells
// every server when a sign-in's facts change (schema/0008, through the
// feed's OnDirectoryChange: ForgetPrincipal, ForgetAll), so an entry stays
// until told; while in use it is re-read in the background after
// kRecheckAfter, and never served past kCacheFor without one. Expiry is
// judged by the server's clock; a cache's age by real (steady) time.
class Authenticator {
 public:
  using Steady = std::chrono::steady_clock;
  static constexpr auto kRecheckAfter = std::chrono::seconds(60);
  static constexpr auto kCacheFor = std::chrono::minutes(10);

  // `steady_now` for tests that age the cache; defaults to Steady::now.
  Authenticator(store::DbWorkers* workers, const domain::Clock& clock,
                std::function<Steady::time_point()> steady_now = {})
      : workers_(workers),
        clock_(clock),
        steady_now_(steady_now ? std::move(steady_now) : [] { return Steady::now(); }) {}
  // Calls `k` with the caller's principal, or UNAUTHENTICATED. Runs `k`
  // inline on a cache hit, else on a database worker thread.
  void Authenticate(const grpc::CallbackServerContext* ctx,
                    std::function<void(Result<domain::Principal>)> k);
  // The same for a bare token (what Authenticate reads from the call).
  void AuthenticateToken(const std::string& token,
                         std::function<void(Result<domain::Principal>)> k);
  void Forget(const std::string& token_hash);
  // Drops every cached sign-in of a principal (revoked, changed).
  void ForgetPrincipal(const std::string& principal_id);
  void ForgetAll();
  // Session reads finished so far (misses and re-checks).
  int64_t lookups() const { return lookups_.load(); }
  static std::string BearerToken(const grpc::CallbackServerContext* ctx);

 private:
  struct Entry {
    domain::Principal principal;
    Steady::time_point checked_at;  // read from the database then
    bool rechecking = false;
  };
  // Reads the session; on success caches it unless something was forgotten
  // meanwhile (the read may predate the change that made us forget).
  void Lookup(const std::string& hash, int64_t now,
              std::function<void(Result<domain::Principal>)> k);

  store::DbWorkers* workers_;
  const domain::Clock& clock_;
  const std::function<Steady::time_point()> steady_now_;
  std::atomic<int64_t> lookups_{0};
  Mutex mu_;
  std::unordered_map<std::string, Entry> cache_ GUARDED_BY(mu_);  // by token hash
  uint64_t generation_ GUARDED_BY(mu_) = 0;                       // bumped by every Forget*
};

// Last contact of each kiosk, kept in memory and written in batches.
class HeartbeatBuffer {
 public:
  void Beat(store::Heartbeat beat);
  // Takes what arrived since the last call.
  std::vector<store::Heartbeat> Drain();
  // The latest beat this server heard from the kiosk (clock µs), or 0.
  int64_t LastSeen(const std::string& kiosk_id);

 private:
  Mutex mu_;
  std::unordered_map<std::string, store::Heartbeat> dirty_ GUARDED_BY(mu_);
  std::unordered_map<std::string, int64_t> latest_ GUARDED_BY(mu_);
};

// Who has a desk open on this server now (an open watch stream), written
// to the database in batches so an alert knows whether anyone of a tier
// can receive it (escalation: an alert nobody can receive moves on at once).
class PresenceTracker {
 public:
  void Enter(const std::string& person_id);
  void Leave(const std::string& person_id);
  // The people with at least one open stream.
  std::vector<std::string> Present() const;
  // True once after someone new arrived (write presence at once, not at
  // the next batch).
  bool TakeArrivals();

 private:
  mutable Mutex mu_;
  std::unordered_map<std::string, int> streams_ GUARDED_BY(mu_);
  bool arrived_ GUARDED_BY(mu_) = false;
};

// The open watch streams by principal, so revoking a kiosk or deactivating
// a person ends its streams at once, on every server (each server hears of
// it through the feed's LISTEN on hall_revocations).
class StreamRegistry {
 public:
  using Ender = std::function<void(const Error&)>;
  // Registers an open stream; returns a handle for Remove.
  int Add(const std::string& principal_id, Ender end);
  void Remove(int handle);
  // Ends every open stream of the principal with `why` (outside the lock).
  void EndAll(const std::string& principal_id, const Error& why);
  // Streams open now (metrics).
  size_t size();

 private:
  Mutex mu_;
  int next_ GUARDED_BY(mu_) = 0;
  std::unordered_map<int, std::pair<std::string, Ender>> streams_ GUARDED_BY(mu_);
};

// A kiosk silent for more than three heartbeat periods is offline. On an
// accelerated clock the kiosks still beat in real seconds, so the period
// is counted in real time.
int64_t KioskOfflineAfterUs(double clock_speed);

struct ServerCore {
  store::DbWorkers* workers = nullptr;
  store::EventAppender* appender = nullptr;
  store::EventFeed* feed = nullptr;
  Authenticator* auth = nullptr;
  HeartbeatBuffer* heartbeats = nullptr;
  PresenceTracker* presence = nullptr;
  StreamRegistry* streams = nullptr;
  playbook::PlaybookHolder* playbooks = nullptr;
  Metrics* metrics = nullptr;  // may be null (no --metrics-listen)
  store::HallPlanCache* hall_plans = nullptr;
  const domain::Clock* clock = &domain::SystemClock::Get();
  std::string playbooks_dir;
  std::string server_id;                         // unique per process: presence rows
  int64_t token_ttl_us = 12LL * 3600 * 1000000;  // a shift
  // Called after the escalation set-up of a hall changed (the engine's
  // caches); may be empty.
  std::function<void(const std::string& hall_id)> on_setup_changed;

  int64_t now() const { return clock->NowMicros(); }
};

// The caller's address, without the port ("127.0.0.1", "::1"), for the
// audit log and sign-in throttling.
std::string SourceAddress(const grpc::CallbackServerContext* ctx);

// An audit-log row: `action` by `who` (may be null) from the caller's
// address, at the server's now.
v1::AuditEntry AuditEntryFor(const ServerCore& core, const grpc::CallbackServerContext* ctx,
                             const domain::Principal* who, std::string action, std::string target,
                             std::string hall_id, std::string detail);

// `job` and its audit row in one transaction, for a change that must be
// audited: one the caller saw succeed is in the audit log, and one whose
// row could not be written did not happen. Not written when `job` refuses.
// The second form lets the job complete the row with what it found (the
// hall of a kiosk it revoked, whether there was a lock to lift).
using AuditedWork = std::function<Status(store::PgConnection&, v1::AuditEntry&)>;
store::DbWorkers::Job AuditedJob(v1::AuditEntry entry, AuditedWork job);
store::DbWorkers::Job AuditedJob(v1::AuditEntry entry, store::DbWorkers::Job job);

// Appends to the security audit log, off the calling thread (a lost audit
// row is logged, never fails the call): for what records no change of its
// own — a sign-in attempt, a refusal, a playbook reload. `who` may be null.
// `then`, when given, runs once the row is written (or failed).
void Audit(ServerCore& core, const grpc::CallbackServerContext* ctx, const domain::Principal* who,
           std::string action, std::string target, std::string hall_id, std::string detail,
           std::function<void()> then = nullptr);

// The halls a principal may read, as the store applies them.
inline store::HallScope ScopeOf(const domain::Principal& p) { return {p.all_halls, p.hall_ids}; }

// What the server tells clients about itself (limits, clock speed).
v1::ServerInfo ServerInfoOf(const ServerCore& core);

// Runs an authenticated unary call: authenticates first (an unauthenticated
// caller always gets UNAUTHENTICATED, whatever it sent), then
// `body(principal, finish)`; `body` validates, checks permission and scope,
// and must call `finish` exactly once (from any thread). Logs the RPC, its
// status and latency as one key=value line; `incident`, when given, names
// the incident it concerns (read when the call finishes, so a raise can
// name the incident it made), so an operator can grep one incident's calls.
using Finish = std::function<void(Status)>;
grpc::ServerUnaryReactor* RunUnary(ServerCore& core, grpc::CallbackServerContext* ctx,
                                   const char* rpc,
                                   std::function<void(const domain::Principal&, Finish)> body,
                                   std::function<std::string()> incident = nullptr);

// kOk, or INVALID_ARGUMENT when the request being handled on this thread
// did not decode (proto/checked_decode.h). RunUnary checks it first.
Status DecodeFailure();

// The same without authentication (Login, GetServerInfo).
grpc::ServerUnaryReactor* RunUnaryAnonymous(ServerCore& core, grpc::CallbackServerContext* ctx,
                                            const char* rpc, std::function<void(Finish)> body);

}  // namespace hall::api
