#include "support/test_server.h"

#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <thread>

#include "domain/credentials.h"
#include "store/directory_store.h"
#include "support/test_database.h"

namespace hall::testing {

const TestCerts& TestCerts::Get() {
  static const TestCerts certs = [] {
    std::string dir = TempDir("hall-tls");
    std::string cmd = std::string(HALL_SOURCE_DIR "/scripts/make-certs.sh ") + dir + " >/dev/null";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("make-certs.sh failed");
    return TestCerts{dir + "/ca.crt", dir + "/server.crt", dir + "/server.key"};
  }();
  return certs;
}

void SeedBasic(const std::string& conninfo) {
  // One argon2id hash per process: hashing is deliberately slow.
  static const std::string pw_hash = domain::HashSecret(kPassword);
  static const std::string kiosk_hash = domain::HashSecret(kKioskSecret);
  store::PgConnection c(conninfo);
  for (auto [id, plan] : {std::pair{"hall-a", "dongguan"}, std::pair{"hall-b", "songjiang"}}) {
    v1::Hall h;
    h.set_id(id);
    h.set_name(std::string("测试大厅 ") + id);
    h.set_plan_id(plan);
    store::UpsertHall(c, h);
    v1::Location l;
    l.set_id(std::string(id) + "-door");
    l.set_hall_id(id);
    l.set_name("入口");
    store::UpsertLocation(c, l);
    // Places for tests that raise many separate incidents: one reporter's
    // repeated report of the same kind at the same place folds.
    for (int i = 0; i < kTestPlaces; ++i) {
      l.set_id(std::string(id) + "-p" + std::to_string(i));
      l.set_name("测试位置 " + std::to_string(i));
      store::UpsertLocation(c, l);
    }
  }
  struct P {
    const char* user;
    v1::Role role;
    const char* hall;  // nullptr = all halls
  };
  for (const P& p :
       {P{"duty-a", v1::ROLE_DUTY_OFFICER, "hall-a"}, P{"duty-b", v1::ROLE_DUTY_OFFICER, "hall-b"},
        P{"guide-a", v1::ROLE_FLOOR_GUIDE, "hall-a"}, P{"head-a", v1::ROLE_HALL_HEAD, "hall-a"},
        P{"leader", v1::ROLE_LEADERSHIP, nullptr}, P{"drill", v1::ROLE_DRILL_COORDINATOR, nullptr},
        P{"admin", v1::ROLE_ADMIN, nullptr}}) {
    v1::Person person;
    person.set_username(p.user);
    person.set_display_name(std::string("测试 ") + p.user);
    person.set_role(p.role);
    person.set_active(true);
    if (p.hall)
      person.add_hall_ids(p.hall);
    else
      person.set_all_halls(true);
    store::UpsertPerson(c, person, pw_hash);
  }
  v1::Kiosk k;
  k.set_id("kiosk-a");
  k.set_hall_id("hall-a");
  k.set_location_id("hall-a-door");
  k.set_name("入口终端");
  k.set_active(true);
  store::UpsertKiosk(c, k, kiosk_hash);
}

void SeedPerson(const std::string& conninfo, const std::string& user, v1::Role role,
                const std::string& hall) {
  static const std::string pw_hash = domain::HashSecret(kPassword);
  store::PgConnection c(conninfo);
  v1::Person person;
  person.set_username(user);
  person.set_display_name("测试 " + user);
  person.set_role(role);
  person.set_active(true);
  if (hall.empty())
    person.set_all_halls(true);
  else
    person.add_hall_ids(hall);
  store::UpsertPerson(c, person, pw_hash);
}

void SeedFireDrillPlaces(const std::string& conninfo) {
  store::PgConnection c(conninfo);
  for (auto [id, name] :
       {std::pair{"hall-a-window-1", "1号窗口"}, std::pair{"hall-a-entrance", "主入口"}}) {
    v1::Location loc;
    loc.set_id(id);
    loc.set_hall_id("hall-a");
    loc.set_name(name);
    store::UpsertLocation(c, loc);
  }
}

void SeedFireDrillHall(const std::string& conninfo) {
  SeedFireDrillPlaces(conninfo);
  SeedPerson(conninfo, "security-a", v1::ROLE_SECURITY, "hall-a");
}

TestServer::TestServer(const std::string& conninfo, int token_ttl_seconds,
                       const std::string& playbooks_dir)
    : TestServer(conninfo, [&] {
        TestServerOptions o;
        o.token_ttl_seconds = token_ttl_seconds;
        o.playbooks_dir = playbooks_dir;
        return o;
      }()) {}

TestServer::TestServer(const std::string& conninfo, const TestServerOptions& options) {
  ServerOptions o;
  o.listen = "127.0.0.1:0";
  o.database_url = conninfo;
  o.schema_dir = HALL_SOURCE_DIR "/schema";
  o.playbooks_dir = options.playbooks_dir;
  o.tls_cert = TestCerts::Get().cert;
  o.tls_key = TestCerts::Get().key;
  o.db_workers = 2;
  o.token_ttl_seconds = options.token_ttl_seconds;
  o.clock = options.clock;
  o.engine = options.engine_options;
  o.engine.enabled = options.engine;
  o.metrics_listen = options.metrics_listen;
  server_ = std::make_unique<HallServer>(o);
  if (auto* manual = dynamic_cast<const domain::ManualClock*>(options.clock)) {
    // Moving a test clock wakes the engine at once (no polling for time).
    manual_clock_ = const_cast<domain::ManualClock*>(manual);
    auto* engine = &server_->engine();
    listener_ = manual_clock_->OnMove([engine] { engine->Poke(); });
  }
}

TestServer::~TestServer() {
  if (manual_clock_) manual_clock_->RemoveListener(listener_);
  server_.reset();
}

bool Eventually(const std::function<bool()>& done, int timeout_ms) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

std::shared_ptr<grpc::Channel> MakeChannel(int port) {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadFileOrThrow(TestCerts::Get().ca);
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 500);
  // A fresh connection per channel (tests count on independent channels).
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(port), grpc::SslCredentials(ssl),
                                   args);
}

Client::Client(std::shared_ptr<grpc::Channel> ch)
    : ch_(std::move(ch)),
      incidents_(v1::IncidentService::NewStub(ch_)),
      auth_(v1::AuthService::NewStub(ch_)),
      directory_(v1::DirectoryService::NewStub(ch_)),
      escalation_(v1::EscalationService::NewStub(ch_)),
      playbooks_(v1::PlaybookService::NewStub(ch_)),
      reports_(v1::ReportService::NewStub(ch_)) {}

grpc::Status Client::CompleteCloseOutSteps(const std::string& incident_id) {
  v1::GetIncidentRequest get;
  get.set_incident_id(incident_id);
  v1::GetIncidentResponse got;
  if (auto s = incidents_->GetIncident(Ctx().get(), get, &got); !s.ok()) return s;
  v1::IncidentResponse r;
  for (const auto& it : got.incident().checklist()) {
    if (!it.close_out() || !it.mandatory() || it.not_applicable() ||
        it.state() != v1::STEP_STATE_PENDING)
      continue;
    v1::CompleteStepRequest step;
    step.set_incident_id(incident_id);
    step.set_step_id(it.step_id());
    if (auto s = incidents_->CompleteStep(Ctx().get(), step, &r); !s.ok()) return s;
  }
  return grpc::Status::OK;
}

grpc::Status Client::FulfilCloseOut(const std::string& incident_id) {
  if (auto s = CompleteCloseOutSteps(incident_id); !s.ok()) return s;
  v1::GetIncidentRequest get;
  get.set_incident_id(incident_id);
  v1::GetIncidentResponse got;
  if (auto s = incidents_->GetIncident(Ctx().get(), get, &got); !s.ok()) return s;
  const v1::Incident& inc = got.incident();
  v1::IncidentResponse r;
  v1::GetPlaybookRequest pb;
  pb.set_hall_id(inc.hall_id());
  pb.set_category(inc.category());
  v1::GetPlaybookResponse playbook;
  if (auto s = playbooks_->GetPlaybook(Ctx().get(), pb, &playbook); !s.ok()) return s;
  if (!playbook.close_out().summary_required()) return grpc::Status::OK;
  v1::RecordSummaryRequest sum;
  sum.set_incident_id(incident_id);
  sum.mutable_summary()->set_cause("测试原因");
  sum.mutable_summary()->set_course("测试经过");
  sum.mutable_summary()->set_went_well("响应及时");
  sum.mutable_summary()->set_improvements("加强巡查");
  if (auto s = incidents_->RecordSummary(Ctx().get(), sum, &r); !s.ok()) return s;
  for (const auto& body : playbook.close_out().report_to()) {
    v1::RecordFilingRequest file;
    file.set_incident_id(incident_id);
    file.set_body(body);
    file.set_method(v1::CONTACT_METHOD_MESSAGE);
    if (auto s = incidents_->RecordFiling(Ctx().get(), file, &r); !s.ok()) return s;
  }
  return grpc::Status::OK;
}

std::unique_ptr<grpc::ClientContext> Client::Ctx() const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  if (!token_.empty()) ctx->AddMetadata("authorization", "Bearer " + token_);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return ctx;
}

grpc::Status Client::Login(const std::string& user, const std::string& password) {
  v1::LoginRequest req;
  req.mutable_password()->set_username(user);
  req.mutable_password()->set_password(password);
  v1::LoginResponse resp;
  auto ctx = Ctx();
  auto s = auth_->Login(ctx.get(), req, &resp);
  if (s.ok()) token_ = resp.token();
  return s;
}

grpc::Status Client::LoginKiosk(const std::string& kiosk_id, const std::string& secret) {
  v1::LoginRequest req;
  req.mutable_device()->set_kiosk_id(kiosk_id);
  req.mutable_device()->set_secret(secret);
  v1::LoginResponse resp;
  auto ctx = Ctx();
  auto s = auth_->Login(ctx.get(), req, &resp);
  if (s.ok()) token_ = resp.token();
  return s;
}

grpc::Status Client::RaiseNew(const std::string& hall, const std::string& category,
                              v1::RaiseIncidentResponse* out, bool drill) {
  std::string place = hall + "-p" + std::to_string(next_place_++ % kTestPlaces);
  return RaiseAt(hall, place, category, out, "", drill);
}

grpc::Status Client::RaiseAt(const std::string& hall, const std::string& location,
                             const std::string& category, v1::RaiseIncidentResponse* out,
                             const std::string& request_id, bool drill) {
  v1::RaiseIncidentRequest req;
  req.set_request_id(request_id.empty() ? domain::NewUuid() : request_id);
  req.set_hall_id(hall);
  req.set_location_id(location);
  req.set_category(category);
  req.set_drill(drill);
  req.set_summary("测试事件");
  auto ctx = Ctx();
  return incidents_->RaiseIncident(ctx.get(), req, out);
}

grpc::Status Client::Raise(const std::string& hall, const std::string& category,
                           v1::RaiseIncidentResponse* out, const std::string& request_id,
                           bool drill) {
  v1::RaiseIncidentRequest req;
  req.set_request_id(request_id.empty() ? domain::NewUuid() : request_id);
  req.set_hall_id(hall);
  req.set_category(category);
  req.set_drill(drill);
  req.set_summary("测试事件");
  auto ctx = Ctx();
  return incidents_->RaiseIncident(ctx.get(), req, out);
}

struct Watcher::State {
  grpc::ClientContext ctx;
  std::unique_ptr<grpc::ClientReader<v1::WatchResponse>> reader;
  std::mutex mu;
  std::condition_variable cv;
  std::deque<v1::IncidentEvent> events;
  int64_t caught_up_at = -1;
  int messages = 0;
  bool ended = false;
  grpc::Status status;
  std::thread thread;
};

Watcher::Watcher(Client& client, int64_t after_seq, std::vector<std::string> halls, bool batches)
    : state_(std::make_shared<State>()) {
  v1::WatchRequest req;
  req.set_after_seq(after_seq);
  req.set_batches(batches);
  for (auto& h : halls) req.add_hall_ids(h);
  state_->ctx.AddMetadata("authorization", "Bearer " + client.token());
  state_->reader = client.incidents().Watch(&state_->ctx, req);
  auto st = state_;
  st->thread = std::thread([st] {
    v1::WatchResponse msg;
    while (st->reader->Read(&msg)) {
      std::lock_guard lock(st->mu);
      st->messages += 1;
      if (msg.has_event()) {
        st->events.push_back(msg.event());
      } else if (msg.has_batch()) {
        for (const auto& e : msg.batch().events()) st->events.push_back(e);
      } else {
        st->caught_up_at = msg.caught_up_at_seq();
      }
      st->cv.notify_all();
    }
    auto s = st->reader->Finish();
    std::lock_guard lock(st->mu);
    st->status = s;
    st->ended = true;
    st->cv.notify_all();
  });
}

Watcher::~Watcher() { Finish(); }

int Watcher::messages() const {
  std::lock_guard lock(state_->mu);
  return state_->messages;
}

std::vector<v1::IncidentEvent> Watcher::Next(size_t n, int timeout_ms) {
  std::unique_lock lock(state_->mu);
  state_->cv.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [&] { return state_->events.size() >= n || state_->ended; });
  std::vector<v1::IncidentEvent> out;
  while (!state_->events.empty() && out.size() < n) {
    out.push_back(std::move(state_->events.front()));
    state_->events.pop_front();
  }
  return out;
}

std::vector<v1::IncidentEvent> Watcher::NextOfKind(v1::EventKind kind, size_t n, int timeout_ms) {
  std::unique_lock lock(state_->mu);
  auto count = [&] {
    size_t c = 0;
    for (const auto& e : state_->events) c += e.kind() == kind;
    return c;
  };
  state_->cv.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [&] { return count() >= n || state_->ended; });
  std::vector<v1::IncidentEvent> out;
  size_t seen = 0;
  while (!state_->events.empty() && seen < n) {
    seen += state_->events.front().kind() == kind;
    out.push_back(std::move(state_->events.front()));
    state_->events.pop_front();
  }
  return out;
}

int64_t Watcher::caught_up_at() const {
  std::lock_guard lock(state_->mu);
  return state_->caught_up_at;
}

int64_t Watcher::AwaitCaughtUp(int timeout_ms) {
  std::unique_lock lock(state_->mu);
  state_->cv.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [&] { return state_->caught_up_at >= 0 || state_->ended; });
  return state_->caught_up_at;
}

grpc::Status Watcher::AwaitEnd(int timeout_ms) {
  {
    std::unique_lock lock(state_->mu);
    state_->cv.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return state_->ended; });
  }
  return Finish();
}

grpc::Status Watcher::Finish() {
  if (state_->thread.joinable()) {
    state_->ctx.TryCancel();
    state_->thread.join();
  }
  std::lock_guard lock(state_->mu);
  return state_->status;
}

}  // namespace hall::testing
