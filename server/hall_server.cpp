#include "hall_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <csignal>
#include <fstream>
#include <sstream>

#include "api/audit_service.h"
#include "api/auth_service.h"
#include "api/directory_service.h"
#include "api/escalation_service.h"
#include "api/incident_service.h"
#include "api/playbook_service.h"
#include "api/report_service.h"
#include "domain/credentials.h"
#include "store/directory_store.h"
#include "store/embedded_postgres.h"
#include "store/engine_store.h"
#include "store/hall_setup_store.h"
#include "store/migrator.h"

namespace hall {

namespace {
// Wakes the engine when the feed learns of another server's commit: it may
// have set a timer due sooner than this server knew.
class EngineWake final : public store::FeedSubscriber {
 public:
  explicit EngineWake(engine::Engine* e) : engine_(e) {}
  void OnFeedAdvanced() override {
    engine_->Poke();
    engine_->PokeDeliveries();
  }

 private:
  engine::Engine* engine_;
};
}  // namespace

void CheckPrivateFile(const std::string& path, const std::string& what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw std::runtime_error("cannot read " + what + " " + path);
  if (st.st_mode & (S_IRWXG | S_IRWXO)) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%03o", static_cast<unsigned>(st.st_mode & 0777));
    throw std::runtime_error(what + " " + path + " can be read by others (mode " + mode +
                             "); make it private: chmod 600 " + path);
  }
}

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
  if (options_.clock_speed != 1.0 && !(options_.clock_speed > 0 && options_.clock_speed <= 3600)) {
    throw std::runtime_error("--clock-speed must be between 0 and 3600");
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
    SetUpClock(conn);
  }

  // Playbooks: the whole set loads, or the server does not start.
  playbooks_ = std::make_unique<playbook::PlaybookHolder>();
  hall_plans_ = std::make_unique<store::HallPlanCache>();
  std::vector<playbook::FileError> errors;
  auto set = playbook::LoadPlaybookSet(options_.playbooks_dir, &errors);
  if (!set) {
    std::string msg = "the playbooks in " + options_.playbooks_dir + " do not load:";
    for (auto& e : errors) msg += "\n  " + e.ToString();
    throw std::runtime_error(msg);
  }
  spdlog::info("playbooks: {} plans, version {}", set->plan_ids().size(),
               set->version().substr(0, 12));
  playbooks_->Set(std::move(set));

  // The log: feed first (it learns the head), then the one writer.
  feed_ = std::make_unique<store::EventFeed>(conninfo_, options_.feed);
  feed_->Start();
  workers_ = std::make_unique<store::DbWorkers>(conninfo_, options_.db_workers);
  appender_ = std::make_unique<store::EventAppender>(conninfo_, feed_.get(), *clock_);
  auth_ = std::make_unique<api::Authenticator>(workers_.get(), *clock_);
  heartbeats_ = std::make_unique<api::HeartbeatBuffer>();
  presence_ = std::make_unique<api::PresenceTracker>();
  streams_ = std::make_unique<api::StreamRegistry>();
  // A revoked kiosk or deactivated person, on any server: no more cached
  // sign-ins here, and its open streams end now.
  api::Authenticator* auth = auth_.get();
  api::StreamRegistry* streams = streams_.get();
  feed_->OnRevocation([auth, streams](const std::string& who) {
    auto colon = who.find(':');
    if (colon == std::string::npos) return;
    std::string id = who.substr(colon + 1);
    auth->ForgetPrincipal(id);
    streams->EndAll(id, Error::Unauthenticated(
                            "this sign-in was revoked (device revoked or person deactivated)"));
  });

  // The engine: timers, the kiosk monitor, notifier deliveries.
  notifier_ = std::make_unique<engine::WebhookNotifier>();
  engine::EngineOptions eo = options_.engine;
  eo.kiosk_offline_after_us = api::KioskOfflineAfterUs(clock_->speed());
  engine_ = std::make_unique<engine::Engine>(conninfo_, appender_.get(), playbooks_.get(), *clock_,
                                             notifier_.get(), eo);
  engine::Engine* eng = engine_.get();
  appender_->SetCommitListener([eng] {
    eng->Poke();
    eng->PokeDeliveries();
  });
  engine_wake_ = std::make_shared<EngineWake>(eng);
  feed_->Subscribe(engine_wake_);
  if (eo.enabled) {
    engine_->Start();
  } else {
    spdlog::warn("escalation engine OFF (test server): no timers, kiosk monitor or notifiers");
  }
  core_.presence = presence_.get();
  core_.streams = streams_.get();
  core_.clock = clock_;
  core_.server_id = domain::NewUuid();
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
  services_.push_back(std::make_unique<api::EscalationServiceImpl>(&core_));
  services_.push_back(std::make_unique<api::AuditServiceImpl>(&core_));
  services_.push_back(std::make_unique<api::ReportServiceImpl>(&core_));

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  std::shared_ptr<grpc::ServerCredentials> creds;
  if (options_.plaintext) {
    spdlog::warn("serving WITHOUT TLS (--plaintext): for tests and local tools only");
    creds = grpc::InsecureServerCredentials();
  } else {
    // A private key others can read is not private: refuse to start.
    CheckPrivateFile(options_.tls_key, "--tls-key");
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

void HallServer::SetUpClock(store::PgConnection& conn) {
  if (options_.clock) {
    clock_ = options_.clock;
    return;
  }
  const int64_t real_now = domain::SystemClock::Get().NowMicros();
  if (options_.clock_speed == 1.0) {
    clock_ = &domain::SystemClock::Get();
    if (auto anchor = store::StoredClockAnchor(conn)) {
      int64_t ahead = anchor->anchor_clock_us +
                      static_cast<int64_t>((real_now - anchor->anchor_real_us) * anchor->speed) -
                      real_now;
      spdlog::warn(
          "this database ran on an accelerated clock (x{}); its times are up to {} s ahead of real "
          "time, "
          "so some deadlines it set will fire late",
          anchor->speed, ahead / 1'000'000);
    }
    return;
  }
  // One accelerated time for every server on the database, across restarts.
  auto anchor = store::AnchorClock(conn, options_.clock_speed, real_now);
  own_clock_ = std::make_unique<domain::ScaledClock>(anchor.speed, anchor.anchor_real_us,
                                                     anchor.anchor_clock_us);
  clock_ = own_clock_.get();
  spdlog::warn("************************************************************************");
  spdlog::warn("* ACCELERATED CLOCK x{}: every time-out fires {} times sooner.",
               options_.clock_speed, options_.clock_speed);
  spdlog::warn("* For dry runs, drills and demonstrations only - never for a live hall.");
  spdlog::warn("************************************************************************");
}

HallServer::~HallServer() { Shutdown(); }

void HallServer::Shutdown() {
  {
    MutexLock lock(&mu_);
    if (stopped_) return;
    stopped_ = true;
  }
  cv_.SignalAll();
  spdlog::info("shutting down");
  if (server_) {
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(3));
    server_->Wait();
  }
  if (housekeeper_.joinable()) housekeeper_.join();
  if (feed_ && engine_wake_) feed_->Unsubscribe(engine_wake_.get());
  if (feed_) feed_->OnRevocation(nullptr);
  if (engine_) engine_->Stop();  // before the appender it submits to
  if (workers_) {
    // This server's desks are gone: alerts must not count on them.
    std::string server_id = core_.server_id;
    workers_->Run([server_id](store::PgConnection& conn) -> Status {
      store::WritePresence(conn, server_id, {});
      return kOk;
    });
  }
  appender_.reset();  // drains what was submitted
  if (feed_) feed_->Stop();
  workers_.reset();
  feed_.reset();
  embedded_.reset();  // stops the embedded database if we started it
  spdlog::info("stopped");
}

Status HallServer::ReloadPlaybooks() { return api::ReloadPlaybooks(core_); }

void HallServer::Wait() {
  MutexLock lock(&mu_);
  while (!stopped_) cv_.Wait(&mu_);
}

void HallServer::Housekeeping() {
  int ticks = 0;
  for (;;) {
    {
      MutexLock lock(&mu_);
      if (!stopped_) cv_.WaitFor(&mu_, std::chrono::milliseconds(500));
      if (stopped_) return;
    }
    ++ticks;
    // Presence: at once when someone opened a desk, else every 5 s (an
    // alert counts a desk as open while refreshed within 20 s).
    bool presence = presence_->TakeArrivals() || ticks % 10 == 0;
    // Heartbeats: one write for everything heard in the last two seconds.
    std::vector<store::Heartbeat> beats;
    if (ticks % 4 == 0) beats = heartbeats_->Drain();
    bool sweep = ticks % 120 == 0;
    if (!presence && beats.empty() && !sweep) continue;
    std::vector<std::string> present = presence ? presence_->Present() : std::vector<std::string>{};
    std::string server_id = core_.server_id;
    int64_t now = clock_->NowMicros();
    workers_->Submit(
        [beats = std::move(beats), sweep, presence, present = std::move(present), server_id,
         now](store::PgConnection& conn) -> Status {
          store::WriteHeartbeats(conn, beats);
          if (presence) store::WritePresence(conn, server_id, present);
          if (sweep) store::SweepSessions(conn, now);
          return kOk;
        },
        nullptr);
  }
}

}  // namespace hall
