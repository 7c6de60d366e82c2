// HallPlanCache: which plan governs each hall, cached (halls change
// rarely). Entries expire after a minute so another server's edit is seen;
// this server's own edits invalidate at once.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/mutex.h"
#include "domain/error.h"
#include "store/pg.h"

namespace hall::store {

// The hall's plan id straight from the database, or nullopt.
std::optional<std::string> HallPlanOf(PgConnection& conn, const std::string& hall_id);

class HallPlanCache {
 public:
  // The hall's plan id; reads the database on a miss. NOT_FOUND when the
  // hall does not exist. Throws PgError on database failure.
  Result<std::string> Get(PgConnection& conn, const std::string& hall_id);
  // The cached plan id, or nullopt (no database access).
  std::optional<std::string> Peek(const std::string& hall_id);
  void Forget(const std::string& hall_id);

 private:
  using Clock = std::chrono::steady_clock;  // a cache's age is real time
  Mutex mu_;
  std::unordered_map<std::string, std::pair<std::string, Clock::time_point>> cache_ GUARDED_BY(mu_);
};

}  // namespace hall::store
