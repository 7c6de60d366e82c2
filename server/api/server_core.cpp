#include "api/server_core.h"

#include <spdlog/spdlog.h>

#include "api/status.h"
#include "domain/credentials.h"
#include "domain/validation.h"
#include "store/directory_store.h"

namespace hall::api {
namespace {
constexpr auto kCacheFor = std::chrono::seconds(5);  // a revoked token lives ≤ 5 s elsewhere
}

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
  std::string token = BearerToken(ctx);
  if (token.empty() || token.size() > 200) {
    k(Error::Unauthenticated("sign in first: send 'authorization: Bearer <token>' from Login"));
    return;
  }
  std::string hash = domain::TokenHash(token);
  const int64_t now = clock_.NowMicros();
  const auto real_now = Steady::now();
  std::optional<domain::Principal> cached;
  {
    MutexLock lock(&mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && real_now - it->second.cached_at < kCacheFor &&
        it->second.principal.expires_micros > now) {
      cached = it->second.principal;
    }
  }
  if (cached) {  // outside the lock: the call may itself touch the cache (Logout)
    k(std::move(*cached));
    return;
  }
  auto principal = std::make_shared<std::optional<domain::Principal>>();
  workers_->Submit(
      [hash, principal, now](store::PgConnection& conn) -> Status {
        *principal = store::LookupSession(conn, hash, now);
        return kOk;
      },
      [this, hash, principal, real_now, k = std::move(k)](Status s) {
        if (s) {
          k(*s);
          return;
        }
        if (!principal->has_value()) {
          k(Error::Unauthenticated("the session has expired or was signed out; sign in again"));
          return;
        }
        {
          MutexLock lock(&mu_);
          if (cache_.size() > 100000) cache_.clear();
          cache_[hash] = Entry{**principal, real_now};
        }
        k(std::move(**principal));  // outside the lock, as above
      });
}

void Authenticator::Forget(const std::string& token_hash) {
  MutexLock lock(&mu_);
  cache_.erase(token_hash);
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
Finish MakeFinish(grpc::ServerUnaryReactor* reactor, const char* rpc, std::string peer) {
  auto start = std::chrono::steady_clock::now();
  return [reactor, rpc, peer = std::move(peer), start](Status s) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count();
    grpc::Status g = ToGrpc(s);
    if (g.ok()) {
      spdlog::debug("rpc {} OK {} us peer={}", rpc, us, peer);
    } else {
      spdlog::info("rpc {} {} {} us peer={}: {}", rpc, static_cast<int>(g.error_code()), us, peer,
                   g.error_message());
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
                                   std::function<void(const domain::Principal&, Finish)> body) {
  auto* reactor = ctx->DefaultReactor();
  Finish finish = MakeFinish(reactor, rpc, ctx->peer());
  // A request whose bytes did not decode: say so, whoever sent it.
  if (auto s = DecodeFailure()) {
    finish(s);
    return reactor;
  }
  core.auth->Authenticate(ctx, [finish, body = std::move(body)](Result<domain::Principal> p) {
    if (!p) {
      finish(p.error());
      return;
    }
    body(p.value(), finish);
  });
  return reactor;
}

grpc::ServerUnaryReactor* RunUnaryAnonymous(grpc::CallbackServerContext* ctx, const char* rpc,
                                            std::function<void(Finish)> body) {
  auto* reactor = ctx->DefaultReactor();
  Finish finish = MakeFinish(reactor, rpc, ctx->peer());
  if (auto s = DecodeFailure()) {
    finish(s);
    return reactor;
  }
  body(finish);
  return reactor;
}

}  // namespace hall::api
