#include "hall_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include <csignal>
#include <fstream>
#include <spdlog/spdlog.h>
#include <sstream>

#include "api/auth_service.h"
#include "api/directory_service.h"
#include "api/incident_service.h"
#include "api/playbook_service.h"
#include "domain/credentials.h"
#include "store/directory_store.h"
#include "store/embedded_postgres.h"
#include "store/migrator.h"

namespace hall {

std::string ReadFileOrThrow(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

HallServer::HallServer(ServerOptions options) : options_(std::move(options)) {
  // A write to a connection the database has just closed must be an error
  // we handle (UNAVAILABLE), not a signal that kills the process.
  std::signal(SIGPIPE, SIG_IGN);
  if (!domain::InitCrypto()) throw std::runtime_error("libsodium failed to initialise");
  if (!options_.plaintext && (options_.tls_cert.empty() || options_.tls_key.empty())) {
    throw std::runtime_error("TLS needs --tls-cert and --tls-key (or --plaintext, for tests only)");
  }

  // Database.
  if (options_.database_url.empty()) {
    embedded_ = std::make_unique<store::EmbeddedPostgres>(options_.data_dir);
    conninfo_ = embedded_->conninfo();
  } else {
    conninfo_ = options_.database_url;
  }
  {
    store::PgConnection conn(conninfo_);
    auto report = store::Migrate(conn, options_.schema_dir);
    spdlog::info("schema: {} migration(s) applied, {} already in place", report.applied.size(),
                 report.skipped.size());
  }

  // Playbooks: the whole set loads, or the server does not start.
  playbooks_ = std::make_unique<playbook::PlaybookHolder>();
  hall_plans_ = std::make_unique<api::HallPlans>();
  std::vector<playbook::FileError> errors;
  auto set = playbook::LoadPlaybookSet(options_.playbooks_dir, &errors);
  if (!set) {
    std::string msg = "the playbooks in " + options_.playbooks_dir + " do not load:";
    for (auto& e : errors) msg += "\n  " + e.ToString();
    throw std::runtime_error(msg);
  }
  spdlog::info("playbooks: {} plans, version {}", set->plan_ids().size(), set->version().substr(0, 12));
  playbooks_->Set(std::move(set));

  // The log: feed first (it learns the head), then the one writer.
  feed_ = std::make_unique<store::EventFeed>(conninfo_);
  feed_->Start();
  workers_ = std::make_unique<store::DbWorkers>(conninfo_, options_.db_workers);
  appender_ = std::make_unique<store::EventAppender>(conninfo_, feed_.get());
  auth_ = std::make_unique<api::Authenticator>(workers_.get());
  heartbeats_ = std::make_unique<api::HeartbeatBuffer>();
  core_.workers = workers_.get();
  core_.appender = appender_.get();
  core_.feed = feed_.get();
  core_.auth = auth_.get();
  core_.heartbeats = heartbeats_.get();
  core_.playbooks = playbooks_.get();
  core_.hall_plans = hall_plans_.get();
  core_.playbooks_dir = options_.playbooks_dir;
  core_.token_ttl_us = int64_t{options_.token_ttl_seconds} * 1000000;

  services_.push_back(std::make_unique<api::IncidentServiceImpl>(&core_));
  services_.push_back(std::make_unique<api::AuthServiceImpl>(&core_));
  services_.push_back(std::make_unique<api::DirectoryServiceImpl>(&core_));
  services_.push_back(std::make_unique<api::PlaybookServiceImpl>(&core_));

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  std::shared_ptr<grpc::ServerCredentials> creds;
  if (options_.plaintext) {
    spdlog::warn("serving WITHOUT TLS (--plaintext): for tests and local tools only");
    creds = grpc::InsecureServerCredentials();
  } else {
    grpc::SslServerCredentialsOptions ssl;
    ssl.pem_key_cert_pairs.push_back(
        {ReadFileOrThrow(options_.tls_key), ReadFileOrThrow(options_.tls_cert)});
    creds = grpc::SslServerCredentials(ssl);
  }
  builder.AddListeningPort(options_.listen, creds, &port_);
  builder.SetMaxReceiveMessageSize(1 << 20);
  for (auto& s : services_) builder.RegisterService(s.get());
  server_ = builder.BuildAndStart();
  if (!server_ || port_ == 0) {
    throw std::runtime_error("cannot listen on " + options_.listen + " (address in use?)");
  }
  housekeeper_ = std::thread([this] { Housekeeping(); });
  spdlog::info("hall server listening on {} (port {}, {})", options_.listen, port_,
               options_.plaintext ? "plaintext" : "TLS");
}

HallServer::~HallServer() { Shutdown(); }

void HallServer::Shutdown() {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    stopped_ = true;
  }
  cv_.notify_all();
  spdlog::info("shutting down");
  if (server_) {
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(3));
    server_->Wait();
  }
  if (housekeeper_.joinable()) housekeeper_.join();
  appender_.reset();  // drains what was submitted
  if (feed_) feed_->Stop();
  workers_.reset();
  feed_.reset();
  embedded_.reset();  // stops the embedded database if we started it
  spdlog::info("stopped");
}

Status HallServer::ReloadPlaybooks() { return api::ReloadPlaybooks(core_); }

void HallServer::Wait() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return stopped_; });
}

void HallServer::Housekeeping() {
  int ticks = 0;
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, std::chrono::seconds(2), [&] { return stopped_; })) {
    lock.unlock();
    // Heartbeats: one write for everything heard in the last two seconds.
    auto beats = heartbeats_->Drain();
    bool sweep = ++ticks % 30 == 0;
    if (!beats.empty() || sweep) {
      workers_->Submit(
          [beats = std::move(beats), sweep](store::PgConnection& conn) -> Status {
            store::WriteHeartbeats(conn, beats);
            if (sweep) {
              conn.ExecSimple("sessions_sweep", "DELETE FROM sessions WHERE expires_at < now()");
            }
            return kOk;
          },
          nullptr);
    }
    lock.lock();
  }
}

}  // namespace hall
