#include "hall_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <csignal>
#include <fstream>
#include <sstream>

#include "api/audit_service.h"
#include "api/auth_service.h"
#include "api/directory_service.h"
#include "api/drill_service.h"
#include "api/escalation_service.h"
#include "api/incident_service.h"
#include "api/playbook_service.h"
#include "api/report_service.h"
#include "domain/credentials.h"
#include "domain/escalation.h"
#include "domain/incident_state.h"
#include "store/directory_store.h"
#include "store/embedded_postgres.h"
#include "store/engine_store.h"
#include "store/hall_setup_store.h"
#include "store/migrator.h"

namespace hall {

namespace {
// How long this server leaves the start of another server's new chain to
// that server (its follow-up starts it a moment after the raise commits).
// Longer than the timer loop's longest sleep (EngineOptions::max_sleep_ms,
// 1 s), so an offer of it never wakes a loop that will look anyway: were
// the raising server to die before its follow-up, this loop's next look
// finds the start timer due and fires it.
constexpr int64_t kOthersChainStartGraceUs = 2'000'000;

// What another server's commits, read from the log, set in motion: each
// event carries its incident's state after it, and the timers of each
// incident's last state are what the committing statements left.
store::CommitSummary SummarizeLogEvents(const std::vector<store::EventPtr>& events) {
  store::CommitSummary c;
  std::vector<const v1::IncidentEvent*> in_order;
  in_order.reserve(events.size());
  for (const auto& e : events) in_order.push_back(e.get());
  c.earliest_timer_us = domain::EarliestTimerAfter(in_order, kOthersChainStartGraceUs);
  for (const auto& e : events) {
    if (e->kind() == v1::EVENT_KIND_ESCALATED && !e->drill() &&
        e->alert().webhook_deliveries() > 0) {
      c.deliveries_queued = true;
    }
  }
  return c;
}

// Wakes the engine for a commit only when it needs waking: a timer due
// sooner than the timer loop planned to look, or deliveries to send.
void WakeEngineFor(engine::Engine* engine, const store::CommitSummary& c) {
  if (c.earliest_timer_us != 0) engine->OfferDue(c.earliest_timer_us);
  if (c.deliveries_queued) engine->PokeDeliveries();
}
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
  // A sign-in's facts or a hall's plan changed, by whoever: forget them here.
  store::HallPlanCache* plans = hall_plans_.get();
  feed_->OnDirectoryChange([auth, plans](const std::string& what) {
    if (what == "*") {
      auth->ForgetAll();
      plans->ForgetAll();
    } else if (what.starts_with("hall:")) {
      plans->Forget(what.substr(5));
    } else if (auto colon = what.find(':'); colon != std::string::npos) {
      auth->ForgetPrincipal(what.substr(colon + 1));
    }
  });

  // The engine: timers, the kiosk monitor, notifier deliveries.
  notifier_ = std::make_unique<engine::WebhookNotifier>();
  engine::EngineOptions eo = options_.engine;
  eo.kiosk_offline_after_us = api::KioskOfflineAfterUs(clock_->speed());
  engine_ = std::make_unique<engine::Engine>(conninfo_, appender_.get(), playbooks_.get(), *clock_,
                                             notifier_.get(), eo);
  // The engine learns of new timers from this server's commits and, through
  // the feed, from other servers'; the loop is woken only for a timer due
  // sooner than it planned to look (a raise's chain start always is).
  engine::Engine* eng = engine_.get();
  appender_->SetCommitListener([eng](const store::CommitSummary& c) { WakeEngineFor(eng, c); });
  feed_->OnLogEvents([eng](const std::vector<store::EventPtr>& events) {
    WakeEngineFor(eng, SummarizeLogEvents(events));
  });
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
  if (!options_.metrics_listen.empty()) {
    metrics_ = std::make_unique<api::Metrics>();
    core_.metrics = metrics_.get();
    feed_->OnWoken([m = metrics_.get()](int64_t micros, size_t) { m->ObserveFanout(micros); });
  }
  core_.token_ttl_us = int64_t{options_.token_ttl_seconds} * 1000000;

  services_.push_back(std::make_unique<api::IncidentServiceImpl>(&core_));
  services_.push_back(std::make_unique<api::AuthServiceImpl>(&core_));
  services_.push_back(std::make_unique<api::DirectoryServiceImpl>(&core_));
  services_.push_back(std::make_unique<api::PlaybookServiceImpl>(&core_));
  services_.push_back(std::make_unique<api::EscalationServiceImpl>(&core_));
  services_.push_back(std::make_unique<api::AuditServiceImpl>(&core_));
  services_.push_back(std::make_unique<api::ReportServiceImpl>(&core_));
  services_.push_back(std::make_unique<api::DrillServiceImpl>(&core_));

  // Before the gRPC server: a metrics port that cannot be had stops the
  // start while nothing serves yet.
  if (metrics_) StartMetrics();
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
  // Clients ping every 10 s, even with no call open (an idle kiosk), to
  // notice a dead link at once; allow it (gRPC's default would answer such
  // pings with GOAWAY too_many_pings). The server pings its side too, so a
  // desk that vanished without a FIN releases its watch stream.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 5000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 0);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
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
  if (metrics_http_) {
    metrics_http_->stop();
    if (metrics_thread_.joinable()) metrics_thread_.join();
  }
  if (server_) {
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(3));
    server_->Wait();
  }
  if (housekeeper_.joinable()) housekeeper_.join();
  if (feed_) feed_->OnLogEvents(nullptr);
  if (feed_) feed_->OnWoken(nullptr);
  if (feed_) feed_->OnRevocation(nullptr);
  if (feed_) feed_->OnDirectoryChange(nullptr);
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

void HallServer::StartMetrics() {
  using Family = api::Metrics::Family;
  metrics_->AddCollector([this] {
    const int64_t now = clock_->NowMicros();
    std::vector<Family> f;
    f.push_back({"hall_watch_streams",
                 "Watch streams open on this server.",
                 "gauge",
                 {{"", static_cast<double>(streams_->size())}}});
    f.push_back({"hall_desks_present",
                 "People with a desk open on this server.",
                 "gauge",
                 {{"", static_cast<double>(presence_->Present().size())}}});
    f.push_back({"hall_log_head_seq",
                 "The incident log's head as this server's feed knows it.",
                 "gauge",
                 {{"", static_cast<double>(feed_->head())}}});
    const int64_t first = feed_->ring_first();
    f.push_back({"hall_feed_ring_events",
                 "Events kept in the feed's ring for watch streams.",
                 "gauge",
                 {{"", first > 0 ? static_cast<double>(feed_->head() - first + 1) : 0.0}}});
    f.push_back({"hall_feed_subscribers",
                 "Streams and listeners the feed hands events to.",
                 "gauge",
                 {{"", static_cast<double>(feed_->subscribers())}}});
    f.push_back({"hall_feed_log_reads_total",
                 "Reads of the log by the feed (other servers' commits, catch-ups, the safety "
                 "net).",
                 "counter",
                 {{"", static_cast<double>(feed_->log_reads())}}});
    f.push_back({"hall_feed_own_notifications_total",
                 "Notifications of this server's own commits, skipped (handed over directly).",
                 "counter",
                 {{"", static_cast<double>(feed_->own_notifications())}}});
    f.push_back({"hall_appender_batches_total",
                 "Log batches committed (group commit).",
                 "counter",
                 {{"", static_cast<double>(appender_->batches())}}});
    f.push_back({"hall_appender_units_total",
                 "Units (raises, changes) run in those batches.",
                 "counter",
                 {{"", static_cast<double>(appender_->units())}}});
    f.push_back({"hall_appender_events_total",
                 "Events appended to the log.",
                 "counter",
                 {{"", static_cast<double>(appender_->events())}}});
    f.push_back({"hall_appender_busy_seconds_total",
                 "Real time the appender spent running batches (open to commit).",
                 "counter",
                 {{"", static_cast<double>(appender_->busy_us()) / 1e6}}});
    f.push_back({"hall_appender_follow_ups_total",
                 "Raise follow-ups run: the new incidents' chain starts, one a batch of raises.",
                 "counter",
                 {{"", static_cast<double>(appender_->follow_ups())}}});
    f.push_back({"hall_appender_follow_up_seconds_total",
                 "Of the appender's busy time, the raise follow-ups' (chain starts).",
                 "counter",
                 {{"", static_cast<double>(appender_->follow_up_us()) / 1e6}}});
    f.push_back({"hall_appender_queued",
                 "Units waiting for the appender.",
                 "gauge",
                 {{"", static_cast<double>(appender_->queued())}}});
    f.push_back({"hall_db_worker_queue",
                 "Database jobs waiting for a worker.",
                 "gauge",
                 {{"", static_cast<double>(workers_->queued())}}});
    f.push_back({"hall_engine_timers_fired_total",
                 "Durable timers fired by this server.",
                 "counter",
                 {{"", static_cast<double>(engine_->timers_fired())}}});
    f.push_back({"hall_engine_chains_started_after_raise_total",
                 "Escalation chains started by the appender just after their raise committed.",
                 "counter",
                 {{"", static_cast<double>(engine_->chains_started_after_raise())}}});
    f.push_back({"hall_engine_wakes_total",
                 "Commits that set a timer, by whether the timer loop had to be woken for it "
                 "(sooner than it planned to look) or not.",
                 "counter",
                 {{"outcome=\"woken\"", static_cast<double>(engine_->offers_woken())},
                  {"outcome=\"not_needed\"", static_cast<double>(engine_->offers_skipped())}}});
    f.push_back({"hall_engine_passes_total",
                 "Passes of the timer loop (each reads the earliest due time).",
                 "counter",
                 {{"", static_cast<double>(engine_->passes())}}});
    f.push_back({"hall_engine_busy_seconds_total",
                 "Real time spent firing timers.",
                 "counter",
                 {{"", static_cast<double>(engine_->fire_busy_us()) / 1e6}}});
    // How far behind the clock the timer loop last settled: large means
    // timers are firing late (or the engine is stuck).
    const int64_t settled = engine_->settled_through();
    f.push_back({"hall_engine_settled_lag_seconds",
                 "Clock time since the timer loop last found nothing due.",
                 "gauge",
                 {{"", settled > 0 ? static_cast<double>(now - settled) / 1e6 : 0.0}}});
    // Kiosks by state, as the desk's kiosk list judges them.
    double online = 0, offline = 0, inactive = 0;
    const int64_t offline_after = api::KioskOfflineAfterUs(clock_->speed());
    api::HeartbeatBuffer* beats = heartbeats_.get();
    Status s = workers_->Run([&](store::PgConnection& conn) -> Status {
      for (const auto& k : store::ListKiosks(conn, {true, {}}, "")) {
        int64_t seen = std::max(domain::ToMicros(k.last_seen_at()), beats->LastSeen(k.id()));
        if (!k.active()) {
          ++inactive;
        } else if (seen != 0 && now - seen <= offline_after) {
          ++online;
        } else {
          ++offline;
        }
      }
      return kOk;
    });
    if (!s) {
      f.push_back({"hall_kiosks",
                   "Kiosks by state.",
                   "gauge",
                   {{"state=\"online\"", online},
                    {"state=\"offline\"", offline},
                    {"state=\"inactive\"", inactive}}});
    }
    f.push_back({"hall_db_up",
                 "1 when this scrape could read the database.",
                 "gauge",
                 {{"", s ? 0.0 : 1.0}}});
    return f;
  });
  metrics_http_ = std::make_unique<httplib::Server>();
  api::Metrics* metrics = metrics_.get();
  metrics_http_->Get("/metrics", [metrics](const httplib::Request&, httplib::Response& res) {
    res.set_content(metrics->Render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  const std::string& listen = options_.metrics_listen;
  const auto colon = listen.rfind(':');
  const std::string host = colon == std::string::npos ? "127.0.0.1" : listen.substr(0, colon);
  const int port = colon == std::string::npos ? 0 : std::atoi(listen.c_str() + colon + 1);
  metrics_port_ = port == 0 ? metrics_http_->bind_to_any_port(host)
                            : (metrics_http_->bind_to_port(host, port) ? port : -1);
  if (metrics_port_ <= 0) {
    throw std::runtime_error("cannot serve metrics on " + listen + " (address in use?)");
  }
  metrics_thread_ = std::thread([this] { metrics_http_->listen_after_bind(); });
  spdlog::info("metrics on http://{}:{}/metrics", host, metrics_port_);
}

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
