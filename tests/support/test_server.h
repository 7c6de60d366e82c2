// Test servers and clients: a HallServer in-process on a free loopback
// port behind real TLS (a CA made for the test run), seed data, and a
// client with a signed-in token.
//
// Thread-safety: as HallServer; clients are per-thread.
#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>

#include "hall/v1/auth.grpc.pb.h"
#include "hall/v1/directory.grpc.pb.h"
#include "hall/v1/escalation.grpc.pb.h"
#include "hall/v1/incident.grpc.pb.h"
#include "hall/v1/playbook.grpc.pb.h"
#include "hall/v1/report.grpc.pb.h"
#include "hall_server.h"

namespace hall::testing {

// The test run's TLS material (made once per process with scripts/make-certs.sh).
struct TestCerts {
  std::string ca, cert, key;  // file paths
  static const TestCerts& Get();
};

// Seed data: halls hall-a (dongguan) and hall-b (songjiang), each with a
// location <hall>-door; people duty-a, duty-b, guide-a, head-a, leader (all
// halls), drill (all), admin (all); kiosk-a at hall-a-door. Every password
// is kPassword; kiosk-a's secret is kKioskSecret.
inline constexpr const char* kPassword = "password-123";
inline constexpr const char* kKioskSecret = "kiosk-secret-123";
// Places hall-a-p0 … hall-a-p199 (and hall-b-…) for tests that raise many.
inline constexpr int kTestPlaces = 200;
void SeedBasic(const std::string& conninfo);
// One more person (password kPassword) of `hall`, or of every hall when
// `hall` is empty.
void SeedPerson(const std::string& conninfo, const std::string& user, v1::Role role,
                const std::string& hall);
// What Dongguan's fire drill (dongguan_fire_evacuation) needs of hall-a
// beyond SeedBasic: its places window-1 and entrance (hall-a-window-1,
// hall-a-entrance) and a security guard, security-a (保安 is among the
// roles it names).
void SeedFireDrillPlaces(const std::string& conninfo);
void SeedFireDrillHall(const std::string& conninfo);

struct TestServerOptions {
  int token_ttl_seconds = 3600;
  std::string playbooks_dir = HALL_SOURCE_DIR "/playbooks";
  // The escalation engine (timers, kiosk monitor, notifiers) adds events of
  // its own. Tests of the log's and the streams' mechanics, which count
  // events exactly, run without it; everything about escalation runs with.
  bool engine = false;
  // The server's clock (must outlive the server); the system clock if null.
  const domain::Clock* clock = nullptr;
  engine::EngineOptions engine_options;
  // "127.0.0.1:0" serves /metrics on a free port (HallServer::metrics_port).
  std::string metrics_listen;
};

class TestServer {
 public:
  explicit TestServer(const std::string& conninfo, int token_ttl_seconds = 3600,
                      const std::string& playbooks_dir = HALL_SOURCE_DIR "/playbooks");
  TestServer(const std::string& conninfo, const TestServerOptions& options);
  ~TestServer();
  int port() const { return server_->port(); }
  std::string address() const { return "127.0.0.1:" + std::to_string(port()); }
  HallServer& server() { return *server_; }
  void Shutdown() { server_->Shutdown(); }

 private:
  std::unique_ptr<HallServer> server_;
  domain::ManualClock* manual_clock_ = nullptr;
  int listener_ = 0;
};

// A TLS channel to 127.0.0.1:port that trusts the test CA.
std::shared_ptr<grpc::Channel> MakeChannel(int port);

// Waits (bounded) for a condition another thread or server brings about.
bool Eventually(const std::function<bool()>& done, int timeout_ms = 10000);

class Client {
 public:
  explicit Client(std::shared_ptr<grpc::Channel> ch);
  // Signs in; returns the gRPC status (token kept on success).
  grpc::Status Login(const std::string& user, const std::string& password = kPassword);
  grpc::Status LoginKiosk(const std::string& kiosk_id, const std::string& secret = kKioskSecret);
  void SetToken(std::string token) { token_ = std::move(token); }
  const std::string& token() const { return token_; }
  // A context carrying the bearer token and a 10 s deadline.
  std::unique_ptr<grpc::ClientContext> Ctx() const;

  // Raises with the given request id (a fresh one when empty).
  grpc::Status Raise(const std::string& hall, const std::string& category,
                     v1::RaiseIncidentResponse* out, const std::string& request_id = "",
                     bool drill = false);
  // Raises at a place of its own (each call a new place of the hall): for
  // tests that want separate incidents — the same reporter's report of the
  // same kind at the same place while one is open folds into it.
  grpc::Status RaiseNew(const std::string& hall, const std::string& category,
                        v1::RaiseIncidentResponse* out, bool drill = false);
  grpc::Status RaiseAt(const std::string& hall, const std::string& location,
                       const std::string& category, v1::RaiseIncidentResponse* out,
                       const std::string& request_id = "", bool drill = false);

  v1::IncidentService::Stub& incidents() { return *incidents_; }
  v1::AuthService::Stub& auth() { return *auth_; }
  v1::DirectoryService::Stub& directory() { return *directory_; }
  v1::EscalationService::Stub& escalation() { return *escalation_; }
  v1::PlaybookService::Stub& playbooks() { return *playbooks_; }
  v1::ReportService::Stub& reports() { return *reports_; }

  // Does a resolved incident's close-out duties the way its playbook
  // requires (mandatory close-out steps, the summary, its filing with every
  // body named), so that it may close; returns the first failure.
  grpc::Status FulfilCloseOut(const std::string& incident_id);
  // Only its mandatory close-out steps (恢复服务 …), checked off.
  grpc::Status CompleteCloseOutSteps(const std::string& incident_id);

 private:
  std::shared_ptr<grpc::Channel> ch_;
  std::unique_ptr<v1::IncidentService::Stub> incidents_;
  std::unique_ptr<v1::AuthService::Stub> auth_;
  std::unique_ptr<v1::DirectoryService::Stub> directory_;
  std::unique_ptr<v1::EscalationService::Stub> escalation_;
  std::unique_ptr<v1::PlaybookService::Stub> playbooks_;
  std::unique_ptr<v1::ReportService::Stub> reports_;
  std::string token_;
  int next_place_ = 0;
};

// Reads a watch stream until `n` events arrived or `timeout_ms` passed.
struct WatchResult {
  std::vector<v1::IncidentEvent> events;
  int64_t caught_up_at = -1;
  grpc::Status status;
};
class Watcher {
 public:
  // `batches`: ask for several events to a message (WatchRequest.batches).
  Watcher(Client& client, int64_t after_seq, std::vector<std::string> halls = {},
          bool batches = false);
  ~Watcher();
  // Stream messages read so far (events, batches and the caught-up marker).
  int messages() const;
  // Waits for `n` more events (or the timeout); returns what arrived.
  std::vector<v1::IncidentEvent> Next(size_t n, int timeout_ms = 5000);
  // Waits until `n` more events of `kind` arrived (or the timeout); returns
  // every event taken meanwhile, of any kind (the engine's among them).
  std::vector<v1::IncidentEvent> NextOfKind(v1::EventKind kind, size_t n, int timeout_ms = 5000);
  int64_t caught_up_at() const;
  // Waits until the caught-up marker arrived (or the timeout); its seq, or -1.
  int64_t AwaitCaughtUp(int timeout_ms = 5000);
  grpc::Status Finish();  // cancels and returns the final status
  // Waits for the server to end the stream (or the timeout, then cancels);
  // returns the final status.
  grpc::Status AwaitEnd(int timeout_ms = 5000);

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace hall::testing
