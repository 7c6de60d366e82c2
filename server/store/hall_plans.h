// HallPlanCache: which plan governs each hall, cached (halls change
// rarely) until told otherwise: this server's own edits forget at once,
// and the database tells every server of any change to a hall's plan
// (schema/0008, through the feed's OnDirectoryChange). No expiry: a press
// after a quiet hour finds its hall's plan here.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
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
  void ForgetAll();

 private:
  Mutex mu_;
  std::unordered_map<std::string, std::string> cache_ GUARDED_BY(mu_);  // hall → plan
  uint64_t generation_ GUARDED_BY(mu_) = 0;                             // bumped by every Forget*
};

}  // namespace hall::store
