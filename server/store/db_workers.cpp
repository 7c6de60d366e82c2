#include "store/db_workers.h"

#include <spdlog/spdlog.h>

#include <future>

namespace hall::store {

Status RunGuarded(PgConnection& conn, const DbWorkers::Job& job) {
  try {
    return job(conn);
  } catch (const PgError& e) {
    Error err = e.ToError();
    if (err.code == ErrorCode::kInternal || err.code == ErrorCode::kUnavailable) {
      spdlog::warn("database: {}", e.what());
    }
    return err;
  }
}

DbWorkers::DbWorkers(std::string conninfo, int threads) : conninfo_(std::move(conninfo)) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
}

DbWorkers::~DbWorkers() {
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  cv_.SignalAll();
  for (auto& t : threads_) t.join();
}

void DbWorkers::Submit(Job job, Done done) {
  {
    MutexLock lock(&mu_);
    queue_.emplace_back(std::move(job), std::move(done));
  }
  cv_.Signal();
}

Status DbWorkers::Run(Job job) {
  std::promise<Status> p;
  auto f = p.get_future();
  Submit(std::move(job), [&p](Status s) { p.set_value(std::move(s)); });
  return f.get();
}

void DbWorkers::Loop() {
  std::unique_ptr<PgConnection> conn;
  for (;;) {
    std::pair<Job, Done> item;
    {
      MutexLock lock(&mu_);
      while (!stopping_ && queue_.empty()) cv_.Wait(&mu_);
      if (queue_.empty()) return;  // stopping and drained
      item = std::move(queue_.front());
      queue_.pop_front();
    }
    Status result;
    // A connection the database closed while idle (a restart) is replaced
    // before the job, not discovered by failing it.
    if (!conn || !conn->Alive()) {
      conn.reset();
      try {
        conn = std::make_unique<PgConnection>(conninfo_);
      } catch (const PgError& e) {
        spdlog::warn("database: {}", e.what());
        result = Error::Unavailable("the database is unavailable; try again shortly");
      }
    }
    if (conn) result = RunGuarded(*conn, item.first);
    if (conn && !conn->ok()) conn.reset();
    if (item.second) item.second(std::move(result));
  }
}

size_t DbWorkers::queued() {
  MutexLock lock(&mu_);
  return queue_.size();
}

}  // namespace hall::store
