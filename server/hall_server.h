// HallServer: one server process's wiring — database (embedded or
// external), migrations, taxonomy, the log's appender and feed, and the
// gRPC server with health and reflection. main() and the tests use it.
//
// Thread-safety: construct, Shutdown and destroy from one thread.
#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "api/server_core.h"
#include "engine/engine.h"

namespace httplib {
class Server;
}

namespace hall {

namespace store {
class EmbeddedPostgres;
}

struct ServerOptions {
  std::string listen = "127.0.0.1:7443";  // host:port; port 0 picks a free one
  std::string database_url;               // empty: run an embedded PostgreSQL
  std::string data_dir = "var/db";        // the embedded database's folder
  std::string schema_dir;                 // schema/ migrations
  std::string playbooks_dir;              // playbooks/ (categories.textpb …)
  std::string tls_cert, tls_key;          // PEM files; required unless plaintext
  bool plaintext = false;                 // only with an explicit flag
  int db_workers = 4;
  int token_ttl_seconds = 12 * 3600;  // a shift
  // The server's clock: speed > 1 runs every time-out that many times
  // sooner (--clock-speed, for dry runs and demonstrations). Tests pass a
  // clock of their own instead (it must outlive the server).
  double clock_speed = 1.0;
  const domain::Clock* clock = nullptr;
  // Where to serve /metrics (Prometheus text format) over plain HTTP,
  // host:port ("127.0.0.1:9464"; port 0 picks a free one); "" = off.
  std::string metrics_listen;
  engine::EngineOptions engine;  // kiosk_offline_after_us is set from the clock
  store::FeedOptions feed;
};

class HallServer {
 public:
  // Starts everything. Throws std::runtime_error naming what failed.
  explicit HallServer(ServerOptions options);
  ~HallServer();  // Shutdown() if not yet

  int port() const { return port_; }
  int metrics_port() const { return metrics_port_; }  // 0 when off
  const domain::Clock& clock() const { return *clock_; }
  engine::Engine& engine() { return *engine_; }
  const std::string& conninfo() const { return conninfo_; }
  // Stops accepting, ends streams, drains work, stops the embedded database.
  void Shutdown();
  // Blocks until Shutdown() is called from another thread.
  void Wait();
  // Re-reads playbooks/; on any error keeps the set in force and returns
  // the errors ("file:line: field: message" each).
  Status ReloadPlaybooks();

 private:
  void Housekeeping();
  // The server's clock: the test's, the system's, or an accelerated one
  // anchored in the database.
  void SetUpClock(store::PgConnection& conn);
  // Serves /metrics on options_.metrics_listen; what each scrape reads.
  void StartMetrics();

  ServerOptions options_;
  std::unique_ptr<domain::Clock> own_clock_;
  const domain::Clock* clock_ = nullptr;
  std::unique_ptr<store::EmbeddedPostgres> embedded_;
  std::string conninfo_;
  std::unique_ptr<store::EventFeed> feed_;
  std::unique_ptr<store::DbWorkers> workers_;
  std::unique_ptr<store::EventAppender> appender_;
  std::unique_ptr<api::Authenticator> auth_;
  std::unique_ptr<api::HeartbeatBuffer> heartbeats_;
  std::unique_ptr<api::PresenceTracker> presence_;
  std::unique_ptr<api::StreamRegistry> streams_;
  std::unique_ptr<playbook::PlaybookHolder> playbooks_;
  std::unique_ptr<store::HallPlanCache> hall_plans_;
  std::unique_ptr<engine::WebhookNotifier> notifier_;
  std::unique_ptr<engine::Engine> engine_;
  api::ServerCore core_;
  std::vector<std::unique_ptr<grpc::Service>> services_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;

  Mutex mu_;
  CondVar cv_;
  bool stopped_ GUARDED_BY(mu_) = false;
  std::thread housekeeper_;
  std::unique_ptr<api::Metrics> metrics_;
  std::unique_ptr<httplib::Server> metrics_http_;
  std::thread metrics_thread_;
  int metrics_port_ = 0;
};

// Reads a whole file; throws std::runtime_error naming it when it cannot.
std::string ReadFileOrThrow(const std::string& path);
// Throws std::runtime_error (naming `what`, the file and the fix) when a
// secret file (a private key) can be read by anyone but its owner.
void CheckPrivateFile(const std::string& path, const std::string& what);

}  // namespace hall
