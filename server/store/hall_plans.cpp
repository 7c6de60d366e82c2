#include "store/hall_plans.h"

namespace hall::store {
namespace {
constexpr Sql kPlanOf{"hall_plan_of", "SELECT plan_id FROM halls WHERE id = $1"};
constexpr auto kTtl = std::chrono::seconds(60);
}  // namespace

std::optional<std::string> HallPlanOf(PgConnection& conn, const std::string& hall_id) {
  auto r = conn.Exec(kPlanOf, {hall_id});
  if (r.rows() == 0) return std::nullopt;
  return r.text(0, 0);
}

Result<std::string> HallPlanCache::Get(PgConnection& conn, const std::string& hall_id) {
  if (auto cached = Peek(hall_id)) return *cached;
  auto r = conn.Exec(kPlanOf, {hall_id});
  if (r.rows() == 0) return Error::NotFound("hall '" + hall_id + "' does not exist");
  std::string plan = r.text(0, 0);
  MutexLock lock(&mu_);
  cache_[hall_id] = {plan, Clock::now()};
  return plan;
}

std::optional<std::string> HallPlanCache::Peek(const std::string& hall_id) {
  MutexLock lock(&mu_);
  auto it = cache_.find(hall_id);
  if (it == cache_.end() || Clock::now() - it->second.second >= kTtl) return std::nullopt;
  return it->second.first;
}

void HallPlanCache::Forget(const std::string& hall_id) {
  MutexLock lock(&mu_);
  cache_.erase(hall_id);
}

}  // namespace hall::store
