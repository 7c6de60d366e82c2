#include "store/db_workers.h"

#include <future>
#include <spdlog/spdlog.h>

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
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void DbWorkers::Submit(Job job, Done done) {
  {
    std::lock_guard lock(mu_);
    queue_.emplace_back(std::move(job), std::move(done));
  }
  cv_.notify_one();
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
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      item = std::move(queue_.front());
      queue_.pop_front();
    }
    Status result;
    if (!conn || !conn->ok()) {
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

}  // namespace hall::store
