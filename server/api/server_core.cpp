#include "api/server_core.h"

#include <spdlog/spdlog.h>

#include "api/status.h"
#include "domain/credentials.h"
#include "domain/incident_state.h"
#include "domain/validation.h"
#include "store/directory_store.h"
#include "store/security_store.h"

namespace hall::api {

std::string Authenticator::BearerToken(const grpc::CallbackServerContext* ctx) {
  const auto& md = ctx->client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) return "";
  std::string v(it->second.data(), it->second.size());
  if (v.size() > 7 && (v.starts_with("Bearer ") || v.starts_with("bearer "))) return v.substr(7);
  return "";
}

void Authenticator::Authenticate(const grpc::CallbackServerContext* ctx,
                                 std::function<void(Result<domain::Principal>)> k) {
  AuthenticateToken(BearerToken(ctx), std::move(k));
}

void Authenticator::AuthenticateToken(const std::string& token,
                                      std::function<void(Result<domain::Principal>)> k) {
  if (token.empty() || token.size() > 200) {
    k(Error::Unauthenticated("sign in first: send 'authorization: Bearer <token>' from Login"));
    return;
  }
  std::string hash = domain::TokenHash(token);
  const int64_t now = clock_.NowMicros();
  const auto real_now = steady_now_();
  std::optional<domain::Principal> cached;
  bool recheck = false;
  {
    MutexLock lock(&mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && real_now - it->second.checked_at < kCacheFor &&
        it->second.principal.expires_micros > now) {
      cached = it->second.principal;
      // In use and not read for a while: read it again behind this call.
      if (real_now - it->second.checked_at >= kRecheckAfter && !it->second.rechecking) {
        it->second.rechecking = recheck = true;
      }
    }
  }
  if (cached) {  // outside the lock: the call may itself touch the cache (Logout)
    k(std::move(*cached));
    if (recheck) Lookup(hash, now, nullptr);
    return;
  }
  Lookup(hash, now, std::move(k));
}

void Authenticator::Lookup(const std::string& hash, int64_t now,
                           std::function<void(Result<domain::Principal>)> k) {
  uint64_t generation;
  {
    MutexLock lock(&mu_);
    generation = generation_;
  }
  const auto read_at = steady_now_();
  auto principal = std::make_shared<std::optional<domain::Principal>>();
  workers_->Submit(
      [hash, principal, now](store::PgConnection& conn) -> Status {
        *principal = store::LookupSession(conn, hash, now);
        return kOk;
      },
      [this, hash, principal, generation, read_at, k = std::move(k)](Status s) {
        {
          MutexLock lock(&mu_);
          lookups_ += 1;
          auto it = cache_.find(hash);
          if (s) {
            // The database is away: a re-check tries again on a later call.
            if (it != cache_.end()) it->second.rechecking = false;
          } else if (!principal->has_value()) {
            if (it != cache_.end()) cache_.erase(it);
          } else if (generation == generation_) {
            if (cache_.size() > 100000) cache_.clear();
            cache_[hash] = Entry{**principal, read_at, false};
          } else if (it != cache_.end()) {
            it->second.rechecking = false;  // forgotten meanwhile: not kept
          }
        }
        if (!k) return;  // a re-check behind a call already answered
        if (s) return k(*s);
        if (!principal->has_value()) {
          return k(
              Error::Unauthenticated("the session has expired or was signed out; sign in again"));
        }
        k(std::move(**principal));  // outside the lock, as above
      });
}

void Authenticator::Forget(const std::string& token_hash) {
  MutexLock lock(&mu_);
  cache_.erase(token_hash);
  ++generation_;
}

void Authenticator::ForgetPrincipal(const std::string& principal_id) {
  MutexLock lock(&mu_);
  std::erase_if(cache_, [&](const auto& e) { return e.second.principal.id == principal_id; });
  ++generation_;
}

void Authenticator::ForgetAll() {
  MutexLock lock(&mu_);
  cache_.clear();
  ++generation_;
}

int StreamRegistry::Add(const std::string& principal_id, Ender end) {
  MutexLock lock(&mu_);
  streams_.emplace(++next_, std::make_pair(principal_id, std::move(end)));
  return next_;
}

void StreamRegistry::Remove(int handle) {
  MutexLock lock(&mu_);
  streams_.erase(handle);
}

size_t StreamRegistry::size() {
  MutexLock lock(&mu_);
  return streams_.size();
}

void StreamRegistry::EndAll(const std::string& principal_id, const Error& why) {
  std::vector<Ender> enders;
  {
    MutexLock lock(&mu_);
    for (auto& [_, s] : streams_) {
      if (s.first == principal_id) enders.push_back(s.second);
    }
  }
  for (auto& end : enders) end(why);
}

std::string SourceAddress(const grpc::CallbackServerContext* ctx) {
  std::string peer = ctx ? ctx->peer() : "";
  auto colon = peer.find(':');
  if (colon == std::string::npos) return peer;
  std::string rest = peer.substr(colon + 1);  // "127.0.0.1:5000" or "[::1]:5000"
  if (!rest.empty() && rest[0] == '[') {
    auto end = rest.find(']');
    return end == std::string::npos ? rest : rest.substr(1, end - 1);
  }
  auto port = rest.rfind(':');
  return port == std::string::npos ? rest : rest.substr(0, port);
}

v1::AuditEntry AuditEntryFor(const ServerCore& core, const grpc::CallbackServerContext* ctx,
                             const domain::Principal* who, std::string action, std::string target,
                             std::string hall_id, std::string detail) {
  v1::AuditEntry e;
  domain::SetTimestamp(e.mutable_at(), core.now());
  e.set_action(std::move(action));
  if (who) {
    e.set_actor_id(who->id);
    e.set_actor_name(who->display_name);
  }
  e.set_source_address(SourceAddress(ctx));
  e.set_target(std::move(target));
  e.set_hall_id(std::move(hall_id));
  e.set_detail(std::move(detail));
  return e;
}

store::DbWorkers::Job AuditedJob(v1::AuditEntry entry, AuditedWork job) {
  return [entry = std::move(entry), job = std::move(job)](store::PgConnection& conn) -> Status {
    v1::AuditEntry row = entry;
    store::Transaction tx(conn);
    if (auto s = job(conn, row)) return s;  // refused: nothing written, nothing audited
    store::AppendAudit(conn, row);
    tx.Commit();
    return kOk;
  };
}

store::DbWorkers::Job AuditedJob(v1::AuditEntry entry, store::DbWorkers::Job job) {
  return AuditedJob(
      std::move(entry),
      [job = std::move(job)](store::PgConnection& conn, v1::AuditEntry&) { return job(conn); });
}

void Audit(ServerCore& core, const grpc::CallbackServerContext* ctx, const domain::Principal* who,
           std::string action, std::string target, std::string hall_id, std::string detail,
           std::function<void()> then) {
  v1::AuditEntry e = AuditEntryFor(core, ctx, who, std::move(action), std::move(target),
                                   std::move(hall_id), std::move(detail));
  core.workers->Submit(
      [e](store::PgConnection& conn) -> Status {
        store::AppendAudit(conn, e);
        return kOk;
      },
      [action = e.action(), then = std::move(then)](Status s) {
        if (s) spdlog::warn("audit: could not record {}: {}", action, s->message);
        if (then) then();
      });
}

void HeartbeatBuffer::Beat(store::Heartbeat beat) {
  MutexLock lock(&mu_);
  std::string id = beat.kiosk_id;
  latest_[id] = beat.at_us;
  dirty_[id] = std::move(beat);
}

int64_t HeartbeatBuffer::LastSeen(const std::string& kiosk_id) {
  MutexLock lock(&mu_);
  auto it = latest_.find(kiosk_id);
  return it == latest_.end() ? 0 : it->second;
}

std::vector<store::Heartbeat> HeartbeatBuffer::Drain() {
  MutexLock lock(&mu_);
  std::vector<store::Heartbeat> out;
  out.reserve(dirty_.size());
  for (auto& [_, b] : dirty_) out.push_back(std::move(b));
  dirty_.clear();
  return out;
}

void PresenceTracker::Enter(const std::string& person_id) {
  MutexLock lock(&mu_);
  if (streams_[person_id]++ == 0) arrived_ = true;
}

void PresenceTracker::Leave(const std::string& person_id) {
  MutexLock lock(&mu_);
  auto it = streams_.find(person_id);
  if (it != streams_.end() && --it->second <= 0) streams_.erase(it);
}

std::vector<std::string> PresenceTracker::Present() const {
  MutexLock lock(&mu_);
  std::vector<std::string> out;
  for (auto& [id, _] : streams_) out.push_back(id);
  return out;
}

bool PresenceTracker::TakeArrivals() {
  MutexLock lock(&mu_);
  bool a = arrived_;
  arrived_ = false;
  return a;
}

int64_t KioskOfflineAfterUs(double clock_speed) {
  return static_cast<int64_t>(3.0 * domain::kHeartbeatIntervalSeconds * 1'000'000 *
                              std::max(1.0, clock_speed));
}

v1::ServerInfo ServerInfoOf(const ServerCore& core) {
  v1::ServerInfo info;
  *info.mutable_limits() = domain::LimitsForClients();
  info.set_clock_speed(core.clock->speed());
  info.set_server_time_unix_ms(core.now() / 1000);
  info.set_version("0.2.0");
  return info;
}

namespace {
Finish MakeFinish(grpc::ServerUnaryReactor* reactor, const char* rpc, std::string peer,
                  Metrics* metrics, std::function<std::string()> incident = nullptr) {
  auto start = std::chrono::steady_clock::now();
  return [reactor, rpc, peer = std::move(peer), start, metrics,
          incident = std::move(incident)](Status s) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count();
    grpc::Status g = ToGrpc(s);
    if (metrics) metrics->ObserveRpc(rpc, static_cast<int>(g.error_code()), us);
    // One key=value line per call (logfmt): rpc, code, latency, peer, and
    // the incident when the call concerns one.
    std::string id = incident ? incident() : std::string();
    std::string about = id.empty() ? std::string() : " incident=" + id;
    if (g.ok()) {
      spdlog::debug("rpc={} code=OK us={} peer={}{}", rpc, us, peer, about);
    } else {
      spdlog::info("rpc={} code={} us={} peer={}{} message=\"{}\"", rpc,
                   static_cast<int>(g.error_code()), us, peer, about, g.error_message());
    }
    reactor->Finish(g);
  };
}
}  // namespace

Status DecodeFailure() {
  std::string why = proto::TakeDecodeError();
  if (why.empty()) return kOk;
  return Error::InvalidArgument(why);
}

grpc::ServerUnaryReactor* RunUnary(ServerCore& core, grpc::CallbackServerContext* ctx,
                                   const char* rpc,
                                   std::function<void(const domain::Principal&, Finish)> body,
                                   std::function<std::string()> incident) {
  auto* reactor = ctx->DefaultReactor();
  Finish finish = MakeFinish(reactor, rpc, ctx->peer(), core.metrics, std::move(incident));
  // A request whose bytes did not decode: say so, whoever sent it.
  if (auto s = DecodeFailure()) {
    finish(s);
    return reactor;
  }
  ServerCore* c = &core;
  core.auth->Authenticate(
      ctx, [c, ctx, rpc, finish, body = std::move(body)](Result<domain::Principal> p) {
        if (!p) {
          finish(p.error());
          return;
        }
        // A refusal for lack of permission or scope is audited.
        domain::Principal who = p.value();
        Finish audited = [c, ctx, rpc, who, finish](Status s) {
          if (s && s->code == ErrorCode::kPermissionDenied) {
            Audit(*c, ctx, &who, "permission_denied", rpc, "", s->message);
          }
          finish(s);
        };
        body(p.value(), audited);
      });
  return reactor;
}

grpc::ServerUnaryReactor* RunUnaryAnonymous(ServerCore& core, grpc::CallbackServerContext* ctx,
                                            const char* rpc, std::function<void(Finish)> body) {
  auto* reactor = ctx->DefaultReactor();
  Finish finish = MakeFinish(reactor, rpc, ctx->peer(), core.metrics);
  if (auto s = DecodeFailure()) {
    finish(s);
    return reactor;
  }
  body(finish);
  return reactor;
}

}  // namespace hall::api
