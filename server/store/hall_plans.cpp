#include "store/hall_plans.h"

namespace hall::store {
namespace {
constexpr Sql kPlanOf{"hall_plan_of", "SELECT plan_id FROM halls WHERE id = $1"};
}  // namespace

std::optional<std::string> HallPlanOf(PgConnection& conn, const std::string& hall_id) {
  auto r = conn.Exec(kPlanOf, {hall_id});
  if (r.rows() == 0) return std::nullopt;
  return r.text(0, 0);
}

Result<std::string> HallPlanCache::Get(PgConnection& conn, const std::string& hall_id) {
  uint64_t generation;
  {
    MutexLock lock(&mu_);
    auto it = cache_.find(hall_id);
    if (it != cache_.end()) return it->second;
    generation = generation_;
  }
  auto r = conn.Exec(kPlanOf, {hall_id});
  if (r.rows() == 0) return Error::NotFound("hall '" + hall_id + "' does not exist");
  std::string plan = r.text(0, 0);
  MutexLock lock(&mu_);
  // Forgotten while we read: what we read may be older than the change.
  if (generation == generation_) cache_[hall_id] = plan;
  return plan;
}

std::optional<std::string> HallPlanCache::Peek(const std::string& hall_id) {
  MutexLock lock(&mu_);
  auto it = cache_.find(hall_id);
  if (it == cache_.end()) return std::nullopt;
  return it->second;
}

void HallPlanCache::Forget(const std::string& hall_id) {
  MutexLock lock(&mu_);
  cache_.erase(hall_id);
  ++generation_;
}

void HallPlanCache::ForgetAll() {
  MutexLock lock(&mu_);
  cache_.clear();
  ++generation_;
}

}  // namespace hall::store
