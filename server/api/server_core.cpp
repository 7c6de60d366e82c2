#include "api/server_core.h"

#include <spdlog/spdlog.h>

#include "api/status.h"
#include "domain/credentials.h"
#include "store/directory_store.h"

namespace hall::api {
namespace {
constexpr int64_t kCacheUs = 5LL * 1000000;  // a revoked token lives ≤ 5 s elsewhere
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
  int64_t now = store::NowMicros();
  std::optional<domain::Principal> cached;
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && now - it->second.cached_at_us < kCacheUs &&
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
      [hash, principal](store::PgConnection& conn) -> Status {
        *principal = store::LookupSession(conn, hash);
        return kOk;
      },
      [this, hash, principal, now, k = std::move(k)](Status s) {
        if (s) {
          k(*s);
          return;
        }
        if (!principal->has_value()) {
          k(Error::Unauthenticated("the session has expired or was signed out; sign in again"));
          return;
        }
        {
          std::lock_guard lock(mu_);
          if (cache_.size() > 100000) cache_.clear();
          cache_[hash] = Entry{**principal, now};
        }
        k(std::move(**principal));  // outside the lock, as above
      });
}

void Authenticator::Forget(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  cache_.erase(token_hash);
}

Result<std::string> HallPlans::Get(store::PgConnection& conn, const std::string& hall_id) {
  int64_t now = store::NowMicros();
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(hall_id);
    if (it != cache_.end() && now - it->second.second < 60LL * 1000000) return it->second.first;
  }
  static constexpr store::Sql kPlanOf{"hall_plan_of", "SELECT plan_id FROM halls WHERE id = $1"};
  auto r = conn.Exec(kPlanOf, {hall_id});
  if (r.rows() == 0) return Error::NotFound("hall '" + hall_id + "' does not exist");
  std::string plan = r.text(0, 0);
  std::lock_guard lock(mu_);
  cache_[hall_id] = {plan, now};
  return plan;
}

std::optional<std::string> HallPlans::Peek(const std::string& hall_id) {
  std::lock_guard lock(mu_);
  auto it = cache_.find(hall_id);
  if (it == cache_.end() || store::NowMicros() - it->second.second >= 60LL * 1000000) return std::nullopt;
  return it->second.first;
}

void HallPlans::Forget(const std::string& hall_id) {
  std::lock_guard lock(mu_);
  cache_.erase(hall_id);
}

void HeartbeatBuffer::Beat(const std::string& kiosk_id, int64_t at_us) {
  std::lock_guard lock(mu_);
  dirty_[kiosk_id] = at_us;
  latest_[kiosk_id] = at_us;
}

std::vector<std::pair<std::string, int64_t>> HeartbeatBuffer::Drain() {
  std::lock_guard lock(mu_);
  std::vector<std::pair<std::string, int64_t>> out(dirty_.begin(), dirty_.end());
  dirty_.clear();
  return out;
}

int64_t HeartbeatBuffer::LastSeen(const std::string& kiosk_id) const {
  std::lock_guard lock(mu_);
  auto it = latest_.find(kiosk_id);
  return it == latest_.end() ? 0 : it->second;
}

namespace {
Finish MakeFinish(grpc::ServerUnaryReactor* reactor, const char* rpc, std::string peer) {
  auto start = std::chrono::steady_clock::now();
  return [reactor, rpc, peer = std::move(peer), start](Status s) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                  std::chrono::steady_clock::now() - start).count();
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

grpc::ServerUnaryReactor* RunUnary(ServerCore& core, grpc::CallbackServerContext* ctx,
                                   const char* rpc,
                                   std::function<void(const domain::Principal&, Finish)> body) {
  auto* reactor = ctx->DefaultReactor();
  Finish finish = MakeFinish(reactor, rpc, ctx->peer());
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
  body(MakeFinish(reactor, rpc, ctx->peer()));
  return reactor;
}

}  // namespace hall::api
