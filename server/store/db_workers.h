// DbWorkers: a fixed pool of threads, each owning one PostgreSQL connection,
// that runs database reads and small writes off the gRPC threads.
//
// Thread-safety: Submit may be called from any thread. Jobs run on a worker
// thread; `done` is called on that worker thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/mutex.h"
#include "domain/error.h"
#include "store/pg.h"

namespace hall::store {

class DbWorkers {
 public:
  using Job = std::function<Status(PgConnection&)>;
  using Done = std::function<void(Status)>;

  DbWorkers(std::string conninfo, int threads);
  ~DbWorkers();  // finishes queued jobs, then joins

  // Runs `job` with a live connection, then `done` with its status. A
  // connection the database closed while it sat idle (a restart) is
  // replaced first; one lost during the job, or a database that cannot be
  // reached, gives UNAVAILABLE and the next job reconnects. Other PgErrors
  // are mapped by PgError::ToError.
  void Submit(Job job, Done done);

  // Runs `job` and waits for it (for start-up and tools, not RPC paths).
  Status Run(Job job);
  // Jobs waiting for a worker now (metrics).
  size_t queued();

 private:
  void Loop();

  const std::string conninfo_;
  Mutex mu_;
  CondVar cv_;
  std::deque<std::pair<Job, Done>> queue_ GUARDED_BY(mu_);
  bool stopping_ GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

// Runs `job` on `conn`, turning PgError into an Error (shared by DbWorkers
// and the appender so the mapping lives in one place).
Status RunGuarded(PgConnection& conn, const DbWorkers::Job& job);

}  // namespace hall::store
