// The permission matrix of docs/security.md, tried cell by cell against a
// running server, so the page cannot drift from the code.
//
// The test reads the table from the page itself (HALL_SECURITY_DOC), checks
// that it has one row for every RPC of every service of the contract (from
// the protobuf descriptors: a new RPC without a row fails here) and one
// column for every role, then, for each row, signs in a caller of every
// column — once scoped to hall-a and once with all halls — and tries the
// RPC in the situations the cell's symbol speaks of (its own hall, another
// hall, no hall named; its own report, someone else's; a drill, a real
// incident). What each symbol promises is written next to the table.
//
// "Allowed" means the call got past authentication, request validation,
// permission and scope: it answers OK, or refuses for the state of the data
// (NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION, ABORTED). Every probe
// sends a valid request, so INVALID_ARGUMENT in an allowed cell is a failure
// too: it would mean validation, which runs first, hid the permission check.
// "Denied" means PERMISSION_DENIED, nothing else.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "domain/access.h"
#include "domain/credentials.h"
#include "domain/incident_state.h"
#include "hall/v1/audit.grpc.pb.h"
#include "hall/v1/drill.grpc.pb.h"
#include "hall/v1/playbook.grpc.pb.h"
#include "hall/v1/report.grpc.pb.h"
#include "store/directory_store.h"
#include "store/drill_store.h"
#include "store/pg.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::testing {
namespace {

// ------------------------------------------------------------------ the table

enum class Symbol {
  kAnyone,           // ✓*    allowed; the call concerns no hall
  kOwn,              // own   own halls allowed, another hall denied, listings hold own halls
  kAny,              // any   every hall allowed, scope not checked
  kSelf,             // self  only the caller's own reports
  kDrill,            // drill drill incidents of its own halls only
  kBound,            // bound a kiosk raises where it is bound, whatever hall it names
  kOwnUnscopedList,  // own†  as own, but a listing naming no hall is not limited to scope
  kDenied,           // ✗     PERMISSION_DENIED
  kUnauthenticated,  // 401   UNAUTHENTICATED
};

std::optional<Symbol> ParseSymbol(const std::string& s) {
  static const std::map<std::string, Symbol> kSymbols = {{"✓*", Symbol::kAnyone},
                                                         {"own", Symbol::kOwn},
                                                         {"any", Symbol::kAny},
                                                         {"self", Symbol::kSelf},
                                                         {"drill", Symbol::kDrill},
                                                         {"bound", Symbol::kBound},
                                                         {"own†", Symbol::kOwnUnscopedList},
                                                         {"✗", Symbol::kDenied},
                                                         {"401", Symbol::kUnauthenticated}};
  auto it = kSymbols.find(s);
  if (it == kSymbols.end()) return std::nullopt;
  return it->second;
}

struct Row {
  std::string rpc;  // "IncidentService/RaiseIncident"
  int line = 0;     // in docs/security.md
  std::vector<std::string> cells;
};

struct Table {
  std::vector<std::string> columns;  // role names and "anonymous"
  std::vector<Row> rows;
  std::string error;  // why the page could not be read as a table
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// "| a | b |" → {"a", "b"}.
std::vector<std::string> SplitRow(const std::string& line) {
  std::vector<std::string> out;
  std::string t = Trim(line);
  if (t.size() < 2 || t.front() != '|' || t.back() != '|') return out;
  std::stringstream ss(t.substr(1, t.size() - 2));
  std::string cell;
  while (std::getline(ss, cell, '|')) out.push_back(Trim(cell));
  return out;
}

// The table that starts with the header "| RPC | <role> | …".
Table ReadTable(const std::string& path) {
  Table t;
  std::ifstream in(path);
  if (!in) {
    t.error = "cannot read " + path;
    return t;
  }
  std::string line;
  int n = 0;
  bool in_table = false, saw_separator = false;
  while (std::getline(in, line)) {
    ++n;
    auto cells = SplitRow(line);
    if (!in_table) {
      if (!cells.empty() && cells[0] == "RPC") {
        in_table = true;
        t.columns.assign(cells.begin() + 1, cells.end());
      }
      continue;
    }
    if (cells.empty()) break;  // the table ends at the first line that is not a row
    if (!saw_separator) {
      saw_separator = true;
      continue;  // | --- | --- |
    }
    Row r;
    r.line = n;
    r.rpc = cells[0];
    r.rpc.erase(std::remove(r.rpc.begin(), r.rpc.end(), '`'), r.rpc.end());
    r.cells.assign(cells.begin() + 1, cells.end());
    if (r.cells.size() != t.columns.size()) {
      t.error = path + ":" + std::to_string(n) + ": " + std::to_string(r.cells.size()) +
                " cells for " + std::to_string(t.columns.size()) + " columns";
      return t;
    }
    t.rows.push_back(std::move(r));
  }
  if (!in_table) t.error = path + ": no table with the header '| RPC | …'";
  return t;
}

const Table& TheTable() {
  static const Table table = ReadTable(HALL_SECURITY_DOC);
  return table;
}

// Every "Service/Method" of the contract, from the descriptors of every
// .proto file in proto/hall/v1.
std::set<std::string> ContractRpcs(std::string* error) {
  // Referenced so the linker keeps each file's descriptor.
  (void)v1::LoginRequest::descriptor();
  (void)v1::ListHallsRequest::descriptor();
  (void)v1::RaiseIncidentRequest::descriptor();
  (void)v1::GetPlanRequest::descriptor();
  (void)v1::GetHallSetupRequest::descriptor();
  (void)v1::ListAuditRequest::descriptor();
  (void)v1::StatisticsRequest::descriptor();
  (void)v1::DrillScenario::descriptor();
  std::set<std::string> out;
  auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const auto& f : std::filesystem::directory_iterator(HALL_SOURCE_DIR "/proto/hall/v1")) {
    if (f.path().extension() != ".proto") continue;
    std::string name = "hall/v1/" + f.path().filename().string();
    const auto* file = pool->FindFileByName(name);
    if (!file) {
      *error += name + " is not linked into the test; reference one of its messages above. ";
      continue;
    }
    for (int s = 0; s < file->service_count(); ++s) {
      const auto* service = file->service(s);
      for (int m = 0; m < service->method_count(); ++m)
        out.insert(service->name() + "/" + service->method(m)->name());
    }
  }
  return out;
}

TEST(PermissionMatrixPage, HasARowForEveryRpcAndAColumnForEveryRole) {
  const Table& t = TheTable();
  ASSERT_EQ(t.error, "");
  std::string error;
  std::set<std::string> contract = ContractRpcs(&error);
  EXPECT_EQ(error, "");
  ASSERT_GT(contract.size(), 50u);
  std::set<std::string> documented;
  for (const Row& r : t.rows) {
    EXPECT_TRUE(documented.insert(r.rpc).second) << "line " << r.line << ": " << r.rpc << " twice";
    EXPECT_TRUE(contract.count(r.rpc))
        << "line " << r.line << ": " << r.rpc << " is not an RPC of the contract";
    for (size_t i = 0; i < r.cells.size(); ++i) {
      EXPECT_TRUE(ParseSymbol(r.cells[i]).has_value())
          << "line " << r.line << ", column " << t.columns[i] << ": unknown symbol '" << r.cells[i]
          << "'";
    }
  }
  for (const auto& rpc : contract) {
    EXPECT_TRUE(documented.count(rpc))
        << rpc << " is in the contract but not in the permission matrix of docs/security.md";
  }
  std::set<std::string> columns(t.columns.begin(), t.columns.end());
  for (int r = v1::Role_MIN; r <= v1::Role_MAX; ++r) {
    if (!v1::Role_IsValid(r) || r == v1::ROLE_UNSPECIFIED) continue;
    std::string name = domain::RoleName(static_cast<v1::Role>(r));
    EXPECT_TRUE(columns.count(name)) << "role " << name << " has no column";
  }
  EXPECT_TRUE(columns.count("anonymous"));
  EXPECT_EQ(columns.size(), t.columns.size()) << "a column appears twice";
}

// ------------------------------------------------------------------ callers

constexpr const char* kHallA = "hall-a";  // the scoped callers' hall
constexpr const char* kHallB = "hall-b";  // another hall
constexpr int kPlaces = 1500;             // fresh places per hall, so raises never fold

struct Caller {
  // A constructor, not aggregate initialisation: GCC warns about the
  // fields a brace list leaves out (id, token) even when they are meant to
  // start empty.
  explicit Caller(std::string column_, v1::Role role_ = v1::ROLE_UNSPECIFIED,
                  bool all_halls_ = false, std::string username_ = {})
      : column(std::move(column_)),
        role(role_),
        all_halls(all_halls_),
        username(std::move(username_)) {}
  std::string column;  // role name or "anonymous"
  v1::Role role = v1::ROLE_UNSPECIFIED;
  bool all_halls = false;
  std::string username;  // people
  std::string id;        // person id or kiosk id
  std::string token;     // empty: anonymous
  bool anonymous() const { return column == "anonymous"; }
  bool kiosk() const { return role == v1::ROLE_KIOSK; }
  bool InScope(const std::string& hall) const { return all_halls || hall == kHallA; }
  std::string Label() const {
    if (anonymous()) return "anonymous";
    return column + (kiosk() ? " (bound to hall-a)" : all_halls ? " (all halls)" : " (hall-a)");
  }
};

// What a probe is about, besides the caller.
struct Target {
  std::string hall;  // "" = the request names no hall
  bool own_report = false;
  bool drill = false;
  std::string Label() const {
    std::string s = hall.empty() ? "no hall named" : hall;
    if (own_report) s += ", its own report";
    if (drill) s += ", a drill";
    return s;
  }
};

// What a probe saw.
struct Outcome {
  grpc::Status status;
  // Listings: the halls of each entry ("*" for a person with all halls, ""
  // for an entry of no hall) and, where known, who reported it.
  std::vector<std::vector<std::string>> entry_halls;
  std::vector<std::string> entry_reporters;
  bool has_reporters = false;
  std::string raised_hall;  // RaiseIncident: where the incident was raised
};

// How an RPC relates to halls, which decides the situations tried.
enum class Kind {
  kGlobal,       // concerns no hall
  kHall,         // names one hall
  kListing,      // names a hall, or none for every hall in scope
  kListingOnly,  // names no hall: a listing of every hall in scope
  kIncident,     // acts on one incident
};

class Env;
using ProbeFn = std::function<Outcome(Env&, const Caller&, const Target&, const v1::Incident*)>;
struct Probe {
  Kind kind;
  ProbeFn run;
};

class Env {
 public:
  Env() {
    SeedBasic(db_.conninfo());
    store::PgConnection c(db_.conninfo());
    // Both halls under the Hunan plan: its network_outage playbook has
    // grades, checklist steps and contacts, so every incident RPC has
    // something real to act on.
    for (const char* h : {kHallA, kHallB}) {
      v1::Hall hall;
      hall.set_id(h);
      hall.set_name(std::string("测试大厅 ") + h);
      hall.set_plan_id("hunan");
      store::UpsertHall(c, hall);
      for (int i = 0; i < kPlaces; ++i) {
        v1::Location l;
        l.set_id(std::string(h) + "-mx" + std::to_string(i));
        l.set_hall_id(h);
        l.set_name("矩阵位置 " + std::to_string(i));
        store::UpsertLocation(c, l);
      }
      v1::Kiosk k;  // one to revoke
      k.set_id(std::string("spare-") + h);
      k.set_hall_id(h);
      k.set_location_id(std::string(h) + "-door");
      k.set_name("备用终端");
      k.set_active(true);
      store::UpsertKiosk(c, k, domain::HashSecret(kKioskSecret));
    }
    const std::string pw_hash = domain::HashSecret(kPassword);
    for (const auto& column : TheTable().columns) {
      if (column == "anonymous") {
        callers_[column].push_back(Caller{column});
        continue;
      }
      if (column == "kiosk") {
        Caller k{column, v1::ROLE_KIOSK};
        k.id = "kiosk-a";
        callers_[column].push_back(k);
        continue;
      }
      v1::Role role = domain::ParseRole(column);
      if (role == v1::ROLE_UNSPECIFIED) continue;  // reported by the row test
      for (bool all : {false, true}) {
        Caller p{column, role, all};
        p.username = "mx-" + column + (all ? "-all" : "-a");
        v1::Person person;
        person.set_username(p.username);
        person.set_display_name("矩阵 " + p.username);
        person.set_role(role);
        person.set_active(true);
        if (all)
          person.set_all_halls(true);
        else
          person.add_hall_ids(kHallA);
        p.id = store::UpsertPerson(c, person, pw_hash).id();
        callers_[column].push_back(p);
      }
    }
    for (const char* u : {"duty-a", "duty-b"}) ids_[u] = store::FindLogin(c, u)->first.id();

    server_ = std::make_unique<TestServer>(db_.conninfo());
    ch_ = MakeChannel(server_->port());
    auth_ = v1::AuthService::NewStub(ch_);
    directory_ = v1::DirectoryService::NewStub(ch_);
    incidents_ = v1::IncidentService::NewStub(ch_);
    playbooks_ = v1::PlaybookService::NewStub(ch_);
    escalation_ = v1::EscalationService::NewStub(ch_);
    audit_ = v1::AuditService::NewStub(ch_);
    reports_ = v1::ReportService::NewStub(ch_);
    drills_ = v1::DrillService::NewStub(ch_);

    for (auto& [_, list] : callers_) {
      for (auto& caller : list) {
        if (!caller.anonymous()) caller.token = SignIn(caller);
      }
    }
    admin_ = SignIn(Caller{"admin", v1::ROLE_ADMIN, true, "admin"});
    reporter_ = SignIn(Caller{"leadership", v1::ROLE_LEADERSHIP, true, "leader"});
    drill_reporter_ =
        SignIn(Caller{"drill_coordinator", v1::ROLE_DRILL_COORDINATOR, true, "drill"});

    // Something of another hall in every listing, so "limited to its own
    // halls" is not true only because there is nothing else: an incident
    // and an audited change in hall-b (duty-b and spare-hall-b exist).
    v1::Incident ignored;
    EXPECT_TRUE(Raise(reporter_, kHallB, false, "network_outage", &ignored).ok());
    v1::UpsertLocationRequest loc;
    loc.mutable_location()->set_id("hall-b-audited");
    loc.mutable_location()->set_hall_id(kHallB);
    loc.mutable_location()->set_name("审计");
    v1::LocationResponse lr;
    EXPECT_TRUE(directory_->UpsertLocation(Ctx(admin_).get(), loc, &lr).ok());
  }

  const std::vector<Caller>& CallersOf(const std::string& column) { return callers_[column]; }

  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) const {
    auto ctx = std::make_unique<grpc::ClientContext>();
    if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    return ctx;
  }
  std::unique_ptr<grpc::ClientContext> Ctx(const Caller& c) const { return Ctx(c.token); }

  // A fresh session of the caller (its own for Logout).
  std::string SignIn(const Caller& c) {
    v1::LoginRequest req;
    if (c.kiosk()) {
      req.mutable_device()->set_kiosk_id(c.id);
      req.mutable_device()->set_secret(kKioskSecret);
    } else {
      req.mutable_password()->set_username(c.username);
      req.mutable_password()->set_password(kPassword);
    }
    v1::LoginResponse resp;
    auto s = auth_->Login(Ctx("").get(), req, &resp);
    EXPECT_TRUE(s.ok()) << c.Label() << ": " << s.error_message();
    return resp.token();
  }

  grpc::Status Raise(const std::string& token, const std::string& hall, bool drill,
                     const std::string& category, v1::Incident* out) {
    v1::RaiseIncidentRequest req;
    req.set_request_id(domain::NewUuid());
    req.set_hall_id(hall);
    req.set_location_id(hall + "-mx" + std::to_string(next_place_++ % kPlaces));
    req.set_category(category);
    req.set_drill(drill);
    req.set_summary("权限矩阵");
    v1::RaiseIncidentResponse resp;
    auto s = incidents_->RaiseIncident(Ctx(token).get(), req, &resp);
    *out = resp.incident();
    return s;
  }

  // The incident a probe acts on: the caller's own report, or one raised
  // by someone else (leadership for real incidents, a drill coordinator
  // for drills). nullopt when the caller cannot report one (with why).
  std::optional<v1::Incident> MakeIncident(const Caller& c, const Target& t, std::string* why) {
    v1::Incident inc;
    grpc::Status s;
    if (!t.own_report) {
      s = Raise(t.drill ? drill_reporter_ : reporter_, t.hall, t.drill, "network_outage", &inc);
    } else if (c.kiosk()) {
      // A kiosk reports from its place; another kind each time, so the
      // reports do not fold into one.
      static const char* kKinds[] = {
          "network_outage",    "fire",         "panic",        "crowding",        "conflict",
          "medical_emergency", "power_outage", "water_outage", "equipment_fault", "other",
          "suspicious_object"};
      s = Raise(c.token, t.hall, false, kKinds[kiosk_reports_++ % std::size(kKinds)], &inc);
    } else {
      s = Raise(c.token, t.hall, t.drill, "network_outage", &inc);
    }
    if (!s.ok()) {
      *why = "could not raise it: " + s.error_message();
      return std::nullopt;
    }
    return inc;
  }

  const std::string& admin() const { return admin_; }
  std::string DutyOf(const std::string& hall) { return ids_[hall == kHallB ? "duty-b" : "duty-a"]; }
  int Next() { return ++counter_; }
  // Close-out set up by someone other than the caller (leadership, or the
  // drill coordinator on a drill): a pending statement (returns its id), or
  // the after-action summary.
  std::string DraftStatementBySomeoneElse(const v1::Incident& inc) {
    v1::DraftStatementRequest req;
    req.set_incident_id(inc.id());
    req.set_text("矩阵通报草稿");
    v1::IncidentResponse resp;
    auto s = incidents_->DraftStatement(Ctx(inc.drill() ? drill_reporter_ : reporter_).get(), req,
                                        &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.incident().statements_size() ? resp.incident().statements(0).id() : "";
  }
  void SummaryBySomeoneElse(const v1::Incident& inc) {
    v1::RecordSummaryRequest req;
    req.set_incident_id(inc.id());
    FillSummary(req.mutable_summary());
    v1::IncidentResponse resp;
    auto s =
        incidents_->RecordSummary(Ctx(inc.drill() ? drill_reporter_ : reporter_).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }
  static void FillSummary(v1::AfterActionSummary* s) {
    s->set_cause("矩阵原因");
    s->set_course("矩阵经过");
    s->set_went_well("矩阵");
    s->set_improvements("矩阵改进");
  }

  // A shift's start: each an hour and a quarter after the last, so none
  // overlaps and all fall in the week a set-up answer shows.
  int64_t NextShiftStart() { return Now() + (60 + 75 * shifts_++) * 60LL * 1'000'000; }
  int64_t Now() const { return domain::SystemClock::Get().NowMicros(); }

  v1::AuthService::Stub& auth() { return *auth_; }
  v1::DirectoryService::Stub& directory() { return *directory_; }
  v1::IncidentService::Stub& incidents() { return *incidents_; }
  v1::PlaybookService::Stub& playbooks() { return *playbooks_; }
  v1::EscalationService::Stub& escalation() { return *escalation_; }
  v1::AuditService::Stub& audit() { return *audit_; }
  v1::ReportService::Stub& reports() { return *reports_; }
  v1::DrillService::Stub& drills() { return *drills_; }

  // A drill run of the hall for the drill RPCs to act on, written straight
  // to the store (the engine is off here): made once; a probe that stops it
  // leaves it stopped, and later tries answer FAILED_PRECONDITION — still
  // past permission and scope.
  std::string DrillIn(const std::string& hall) {
    auto& id = drills_of_[hall];
    if (!id.empty()) return id;
    store::NewDrill d;
    d.id = domain::NewUuid();
    d.hall_id = hall;
    d.request_id = "matrix-" + hall;
    store::PgConnection c(db_.conninfo());
    d.started_by = store::FindLogin(c, "drill")->first.id();
    d.started_by_name = "矩阵";
    d.scenario.set_id("matrix_drill");
    d.scenario.set_name_zh("矩阵演练");
    d.scenario.set_plan_id("hunan");
    d.scenario.set_duration_seconds(3600);
    d.starts_at_us = Now();
    EXPECT_TRUE(store::InsertDrill(c, d));
    id = d.id;
    return id;
  }

 private:
  TestDatabase db_;
  std::unique_ptr<TestServer> server_;
  std::shared_ptr<grpc::Channel> ch_;
  std::unique_ptr<v1::AuthService::Stub> auth_;
  std::unique_ptr<v1::DirectoryService::Stub> directory_;
  std::unique_ptr<v1::IncidentService::Stub> incidents_;
  std::unique_ptr<v1::PlaybookService::Stub> playbooks_;
  std::unique_ptr<v1::EscalationService::Stub> escalation_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
  std::unique_ptr<v1::ReportService::Stub> reports_;
  std::unique_ptr<v1::DrillService::Stub> drills_;
  std::map<std::string, std::string> drills_of_;
  std::map<std::string, std::vector<Caller>> callers_;
  std::map<std::string, std::string> ids_;
  std::string admin_, reporter_, drill_reporter_;
  int next_place_ = 0;
  int kiosk_reports_ = 0;
  int counter_ = 0;
  int shifts_ = 0;
};

// ------------------------------------------------------------------ probes
// One per RPC: a valid request for the target, sent as the caller.

Outcome Of(grpc::Status s) {
  Outcome o;
  o.status = std::move(s);
  return o;
}

std::string FirstStep(const v1::Incident* inc) {
  return inc && inc->checklist_size() > 0 ? inc->checklist(0).step_id() : "no-such-step";
}

// The write RPCs that delete or cancel by id need a thing of the target
// hall: made by the (all-halls) admin first.
v1::HallSetupResponse SetupAsAdmin(
    Env& env, const std::function<grpc::Status(grpc::ClientContext*, v1::HallSetupResponse*)>& f) {
  v1::HallSetupResponse resp;
  auto s = f(env.Ctx(env.admin()).get(), &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp;
}

Outcome WatchProbe(Env& env, const Caller& c, const Target& t) {
  v1::WatchRequest req;
  if (!t.hall.empty()) {
    req.add_hall_ids(t.hall);
    req.set_from_now(true);  // the answer to the hall is all that is asked
  }
  auto ctx = env.Ctx(c);
  auto reader = env.incidents().Watch(ctx.get(), req);
  Outcome out;
  v1::WatchResponse msg;
  bool opened = false;
  while (reader->Read(&msg)) {
    opened = true;
    if (!msg.has_event()) break;  // caught up: the replay is complete
    out.entry_halls.push_back({msg.event().hall_id()});
  }
  if (opened) {
    ctx->TryCancel();
    reader->Finish();
    out.status = grpc::Status::OK;
  } else {
    out.status = reader->Finish();
  }
  return out;
}

// A report period around the test run: the last 300 days and the next one.
v1::ReportScope RecentPeriod() {
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  v1::ReportScope s;
  s.mutable_from()->set_seconds(now - 300 * 86400);
  s.mutable_to()->set_seconds(now + 86400);
  return s;
}

const std::map<std::string, Probe>& Probes() {
  using C = const Caller&;
  using T = const Target&;
  using I = const v1::Incident*;
  static const std::map<std::string, Probe> probes = {
      // ---- AuthService
      {"AuthService/Login",
       {Kind::kGlobal,
        [](Env& env, C c, T, I) {
          v1::LoginRequest req;
          if (c.kiosk()) {
            req.mutable_device()->set_kiosk_id(c.id);
            req.mutable_device()->set_secret(kKioskSecret);
          } else {
            req.mutable_password()->set_username(c.anonymous() ? "duty-a" : c.username);
            req.mutable_password()->set_password(kPassword);
          }
          v1::LoginResponse resp;
          return Of(env.auth().Login(env.Ctx(c).get(), req, &resp));
        }}},
      {"AuthService/WhoAmI",
       {Kind::kGlobal,
        [](Env& env, C c, T, I) {
          v1::WhoAmIResponse resp;
          return Of(env.auth().WhoAmI(env.Ctx(c).get(), {}, &resp));
        }}},
      {"AuthService/Logout",
       {Kind::kGlobal,
        [](Env& env, C c, T, I) {
          // Its own second session, so the caller's token lives on.
          std::string token = c.anonymous() ? "" : env.SignIn(c);
          v1::LogoutResponse resp;
          return Of(env.auth().Logout(env.Ctx(token).get(), {}, &resp));
        }}},
      {"AuthService/GetServerInfo",
       {Kind::kGlobal,
        [](Env& env, C c, T, I) {
          v1::ServerInfo resp;
          return Of(env.auth().GetServerInfo(env.Ctx(c).get(), {}, &resp));
        }}},
      {"AuthService/UnlockSignIn",
       {Kind::kGlobal,
        [](Env& env, C c, T, I) {
          v1::UnlockSignInRequest req;
          req.set_username("nobody-locked");
          v1::UnlockSignInResponse resp;
          return Of(env.auth().UnlockSignIn(env.Ctx(c).get(), req, &resp));
        }}},
      {"AuthService/EnrollKiosk",
       {Kind::kGlobal,
        [](Env& env, C c, T, I) {
          v1::IssueEnrollmentCodeRequest issue;
          issue.set_kiosk_id("mx-enrolled-" + std::to_string(env.Next()));
          issue.set_hall_id(kHallA);
          issue.set_location_id("hall-a-door");
          issue.set_name("登记终端");
          v1::EnrollmentCode code;
          auto s = env.directory().IssueEnrollmentCode(env.Ctx(env.admin()).get(), issue, &code);
          if (!s.ok()) return Of(grpc::Status(grpc::StatusCode::INTERNAL, "issue: " + s.error_message()));
          v1::EnrollKioskRequest req;
          req.set_code(code.code());
          v1::EnrollKioskResponse resp;
          return Of(env.auth().EnrollKiosk(env.Ctx(c).get(), req, &resp));
        }}},
      // ---- DirectoryService
      {"DirectoryService/ListHalls",
       {Kind::kListingOnly,
        [](Env& env, C c, T, I) {
          v1::ListHallsResponse resp;
          Outcome out = Of(env.directory().ListHalls(env.Ctx(c).get(), {}, &resp));
          for (const auto& h : resp.halls()) out.entry_halls.push_back({h.id()});
          return out;
        }}},
      {"DirectoryService/UpsertHall",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::UpsertHallRequest req;
          req.mutable_hall()->set_id(t.hall);
          req.mutable_hall()->set_name("测试大厅 " + t.hall);
          req.mutable_hall()->set_plan_id("hunan");
          v1::HallResponse resp;
          return Of(env.directory().UpsertHall(env.Ctx(c).get(), req, &resp));
        }}},
      {"DirectoryService/ListRegions",
       {Kind::kGlobal,
        [](Env& env, C c, T, I) {
          v1::ListRegionsResponse resp;
          return Of(env.directory().ListRegions(env.Ctx(c).get(), {}, &resp));
        }}},
      {"DirectoryService/UpsertRegion",
       {Kind::kGlobal,
        [](Env& env, C c, T, I) {
          v1::UpsertRegionRequest req;
          req.mutable_region()->set_id("mx-region");
          req.mutable_region()->set_name("矩阵区");
          req.mutable_region()->set_level(v1::REGION_LEVEL_COUNTY);
          v1::RegionResponse resp;
          return Of(env.directory().UpsertRegion(env.Ctx(c).get(), req, &resp));
        }}},
      {"DirectoryService/GetFloorPlan",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::GetFloorPlanRequest req;
          req.set_hall_id(t.hall);
          v1::FloorPlan resp;
          return Of(env.directory().GetFloorPlan(env.Ctx(c).get(), req, &resp));
        }}},
      {"DirectoryService/SetFloorPlan",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::SetFloorPlanRequest req;
          req.mutable_floor_plan()->set_hall_id(t.hall);
          req.mutable_floor_plan()->set_content_type("image/svg+xml");
          req.mutable_floor_plan()->set_image(
              "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>");
          v1::SetFloorPlanResponse resp;
          return Of(env.directory().SetFloorPlan(env.Ctx(c).get(), req, &resp));
        }}},
      {"DirectoryService/ListLocations",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::ListLocationsRequest req;
          req.set_hall_id(t.hall);
          v1::ListLocationsResponse resp;
          return Of(env.directory().ListLocations(env.Ctx(c).get(), req, &resp));
        }}},
      {"DirectoryService/UpsertLocation",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::UpsertLocationRequest req;
          req.mutable_location()->set_id(t.hall + "-matrix");
          req.mutable_location()->set_hall_id(t.hall);
          req.mutable_location()->set_name("矩阵");
          v1::LocationResponse resp;
          return Of(env.directory().UpsertLocation(env.Ctx(c).get(), req, &resp));
        }}},
      {"DirectoryService/ListPeople",
       {Kind::kListing,
        [](Env& env, C c, T t, I) {
          v1::ListPeopleRequest req;
          req.set_hall_id(t.hall);
          v1::ListPeopleResponse resp;
          Outcome out = Of(env.directory().ListPeople(env.Ctx(c).get(), req, &resp));
          for (const auto& p : resp.people()) {
            if (p.all_halls())
              out.entry_halls.push_back({"*"});
            else
              out.entry_halls.push_back({p.hall_ids().begin(), p.hall_ids().end()});
          }
          return out;
        }}},
      {"DirectoryService/UpsertPerson",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::UpsertPersonRequest req;
          auto* p = req.mutable_person();
          p->set_username("mx-made-" + std::to_string(env.Next()));
          p->set_display_name("矩阵新人");
          p->set_role(v1::ROLE_FLOOR_GUIDE);
          p->add_hall_ids(t.hall);
          req.set_password(kPassword);
          v1::PersonResponse resp;
          return Of(env.directory().UpsertPerson(env.Ctx(c).get(), req, &resp));
        }}},
      {"DirectoryService/ListKiosks",
       {Kind::kListing,
        [](Env& env, C c, T t, I) {
          v1::ListKiosksRequest req;
          req.set_hall_id(t.hall);
          v1::ListKiosksResponse resp;
          Outcome out = Of(env.directory().ListKiosks(env.Ctx(c).get(), req, &resp));
          for (const auto& k : resp.kiosks()) out.entry_halls.push_back({k.hall_id()});
          return out;
        }}},
      {"DirectoryService/UpsertKiosk",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::UpsertKioskRequest req;
          req.mutable_kiosk()->set_id("mx-kiosk-" + std::to_string(env.Next()));
          req.mutable_kiosk()->set_hall_id(t.hall);
          req.mutable_kiosk()->set_location_id(t.hall + "-door");
          req.mutable_kiosk()->set_name("矩阵终端");
          v1::KioskResponse resp;
          return Of(env.directory().UpsertKiosk(env.Ctx(c).get(), req, &resp));
        }}},
      {"DirectoryService/Heartbeat",
       {Kind::kGlobal,
        [](Env& env, C c, T, I) {
          v1::HeartbeatRequest req;
          req.set_app_version("matrix");
          v1::HeartbeatResponse resp;
          return Of(env.directory().Heartbeat(env.Ctx(c).get(), req, &resp));
        }}},
      {"DirectoryService/IssueEnrollmentCode",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::IssueEnrollmentCodeRequest req;
          req.set_kiosk_id("mx-code-" + std::to_string(env.Next()));
          req.set_hall_id(t.hall);
          req.set_location_id(t.hall + "-door");
          req.set_name("矩阵终端");
          v1::EnrollmentCode resp;
          return Of(env.directory().IssueEnrollmentCode(env.Ctx(c).get(), req, &resp));
        }}},
      {"DirectoryService/RevokeKiosk",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::RevokeKioskRequest req;
          req.set_kiosk_id("spare-" + t.hall);
          req.set_reason("权限矩阵");
          v1::KioskResponse resp;
          return Of(env.directory().RevokeKiosk(env.Ctx(c).get(), req, &resp));
        }}},
      // ---- IncidentService
      {"IncidentService/RaiseIncident",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::Incident inc;
          Outcome out = Of(env.Raise(c.token, t.hall, t.drill, "network_outage", &inc));
          out.raised_hall = inc.hall_id();
          return out;
        }}},
      {"IncidentService/GetIncident",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::GetIncidentRequest req;
          req.set_incident_id(inc->id());
          v1::GetIncidentResponse resp;
          return Of(env.incidents().GetIncident(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/ListIncidents",
       {Kind::kListing,
        [](Env& env, C c, T t, I) {
          v1::ListIncidentsRequest req;
          if (!t.hall.empty()) req.add_hall_ids(t.hall);
          req.mutable_page()->set_page_size(500);
          v1::ListIncidentsResponse resp;
          Outcome out = Of(env.incidents().ListIncidents(env.Ctx(c).get(), req, &resp));
          out.has_reporters = true;
          for (const auto& i : resp.incidents()) {
            out.entry_halls.push_back({i.hall_id()});
            out.entry_reporters.push_back(i.reporter().kiosk_id().empty()
                                              ? i.reporter().person_id()
                                              : i.reporter().kiosk_id());
          }
          return out;
        }}},
      {"IncidentService/AcknowledgeIncident",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::AcknowledgeIncidentRequest req;
          req.set_incident_id(inc->id());
          v1::IncidentResponse resp;
          return Of(env.incidents().AcknowledgeIncident(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/AssignIncident",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::AssignIncidentRequest req;
          req.set_incident_id(inc->id());
          req.set_assignee_id(env.DutyOf(inc->hall_id()));
          v1::IncidentResponse resp;
          return Of(env.incidents().AssignIncident(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/AddNote",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::AddNoteRequest req;
          req.set_incident_id(inc->id());
          req.set_note("权限矩阵");
          v1::IncidentResponse resp;
          return Of(env.incidents().AddNote(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/ResolveIncident",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::ResolveIncidentRequest req;
          req.set_incident_id(inc->id());
          req.set_outcome(v1::OUTCOME_HANDLED);
          v1::IncidentResponse resp;
          return Of(env.incidents().ResolveIncident(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/CloseIncident",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::CloseIncidentRequest req;
          req.set_incident_id(inc->id());
          v1::IncidentResponse resp;
          return Of(env.incidents().CloseIncident(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/ReopenIncident",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::ReopenIncidentRequest req;
          req.set_incident_id(inc->id());
          req.set_reason("权限矩阵");
          v1::IncidentResponse resp;
          return Of(env.incidents().ReopenIncident(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/WithdrawIncident",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::WithdrawIncidentRequest req;
          req.set_incident_id(inc->id());
          req.set_reason("权限矩阵");
          v1::IncidentResponse resp;
          return Of(env.incidents().WithdrawIncident(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/CompleteStep",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::CompleteStepRequest req;
          req.set_incident_id(inc->id());
          req.set_step_id(FirstStep(inc));
          v1::IncidentResponse resp;
          return Of(env.incidents().CompleteStep(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/SkipStep",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::SkipStepRequest req;
          req.set_incident_id(inc->id());
          req.set_step_id(FirstStep(inc));
          req.set_reason("权限矩阵");
          v1::IncidentResponse resp;
          return Of(env.incidents().SkipStep(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/RecategorizeIncident",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::RecategorizeIncidentRequest req;
          req.set_incident_id(inc->id());
          req.set_category("fire");
          req.set_reason("权限矩阵");
          v1::IncidentResponse resp;
          return Of(env.incidents().RecategorizeIncident(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/UpdateMetric",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::UpdateMetricRequest req;
          req.set_incident_id(inc->id());
          req.set_metric("outage_minutes");
          req.set_value(5);
          v1::IncidentResponse resp;
          return Of(env.incidents().UpdateMetric(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/EscalateIncident",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::EscalateIncidentRequest req;
          req.set_incident_id(inc->id());
          req.set_reason("权限矩阵");
          v1::IncidentResponse resp;
          return Of(env.incidents().EscalateIncident(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/DeescalateIncident",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::DeescalateIncidentRequest req;
          req.set_incident_id(inc->id());
          req.set_reason("权限矩阵");
          v1::IncidentResponse resp;
          return Of(env.incidents().DeescalateIncident(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/RecordContact",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::RecordContactRequest req;
          req.set_incident_id(inc->id());
          req.set_step_id(FirstStep(inc));
          req.set_number("110");
          req.set_method(v1::CONTACT_METHOD_PHONE);
          v1::IncidentResponse resp;
          return Of(env.incidents().RecordContact(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/SetGrade",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::SetGradeRequest req;
          req.set_incident_id(inc->id());
          req.set_grade("III");
          req.set_reason("权限矩阵");
          v1::IncidentResponse resp;
          return Of(env.incidents().SetGrade(env.Ctx(c).get(), req, &resp));
        }}},
      // ---- Close-out duties
      {"IncidentService/DraftStatement",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::DraftStatementRequest req;
          req.set_incident_id(inc->id());
          req.set_text("权限矩阵通报");
          v1::IncidentResponse resp;
          return Of(env.incidents().DraftStatement(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/DecideStatement",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::DecideStatementRequest req;
          req.set_incident_id(inc->id());
          req.set_statement_id(env.DraftStatementBySomeoneElse(*inc));
          req.set_approve(true);
          v1::IncidentResponse resp;
          return Of(env.incidents().DecideStatement(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/RecordSummary",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::RecordSummaryRequest req;
          req.set_incident_id(inc->id());
          Env::FillSummary(req.mutable_summary());
          v1::IncidentResponse resp;
          return Of(env.incidents().RecordSummary(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/RecordFiling",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          env.SummaryBySomeoneElse(*inc);
          v1::RecordFilingRequest req;
          req.set_incident_id(inc->id());
          req.set_body("leadership_group");
          req.set_method(v1::CONTACT_METHOD_MESSAGE);
          v1::IncidentResponse resp;
          return Of(env.incidents().RecordFiling(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/HandOverIncident",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::HandOverIncidentRequest req;
          req.set_incident_id(inc->id());
          req.set_department("矩阵部门");
          req.set_feedback("已告知");
          v1::IncidentResponse resp;
          return Of(env.incidents().HandOverIncident(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/UpsertFollowUp",
       {Kind::kIncident,
        [](Env& env, C c, T, I inc) {
          v1::UpsertFollowUpRequest req;
          req.set_incident_id(inc->id());
          req.set_text("矩阵改进");
          req.set_owner("后勤科");
          req.mutable_due_at()->set_seconds(1900000000);
          v1::IncidentResponse resp;
          return Of(env.incidents().UpsertFollowUp(env.Ctx(c).get(), req, &resp));
        }}},
      {"IncidentService/Watch",
       {Kind::kListing, [](Env& env, C c, T t, I) { return WatchProbe(env, c, t); }}},
      // ---- PlaybookService
      {"PlaybookService/GetPlaybookSet",
       {Kind::kGlobal,
        [](Env& env, C c, T, I) {
          v1::PlaybookSetInfo resp;
          return Of(env.playbooks().GetPlaybookSet(env.Ctx(c).get(), {}, &resp));
        }}},
      {"PlaybookService/GetPlan",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::GetPlanRequest req;
          req.set_hall_id(t.hall);
          v1::GetPlanResponse resp;
          return Of(env.playbooks().GetPlan(env.Ctx(c).get(), req, &resp));
        }}},
      {"PlaybookService/GetPlaybook",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::GetPlaybookRequest req;
          req.set_hall_id(t.hall);
          req.set_category("network_outage");
          v1::GetPlaybookResponse resp;
          return Of(env.playbooks().GetPlaybook(env.Ctx(c).get(), req, &resp));
        }}},
      {"PlaybookService/ListCategories",
       {Kind::kGlobal,
        [](Env& env, C c, T, I) {
          v1::Taxonomy resp;
          return Of(env.playbooks().ListCategories(env.Ctx(c).get(), {}, &resp));
        }}},
      {"PlaybookService/ReloadPlaybooks",
       {Kind::kGlobal,
        [](Env& env, C c, T, I) {
          v1::PlaybookSetInfo resp;
          return Of(env.playbooks().ReloadPlaybooks(env.Ctx(c).get(), {}, &resp));
        }}},
      // ---- EscalationService
      {"EscalationService/GetHallSetup",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::GetHallSetupRequest req;
          req.set_hall_id(t.hall);
          v1::HallSetup resp;
          return Of(env.escalation().GetHallSetup(env.Ctx(c).get(), req, &resp));
        }}},
      {"EscalationService/SetTierMember",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::SetTierMemberRequest req;
          req.mutable_member()->set_hall_id(t.hall);
          req.mutable_member()->set_person_id(env.DutyOf(t.hall));
          req.mutable_member()->set_tier("first_responder");
          v1::HallSetupResponse resp;
          return Of(env.escalation().SetTierMember(env.Ctx(c).get(), req, &resp));
        }}},
      {"EscalationService/RemoveTierMember",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::RemoveTierMemberRequest req;
          req.set_hall_id(t.hall);
          req.set_person_id(env.DutyOf(t.hall));
          req.set_tier("first_responder");
          v1::HallSetupResponse resp;
          return Of(env.escalation().RemoveTierMember(env.Ctx(c).get(), req, &resp));
        }}},
      {"EscalationService/UpsertContact",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::UpsertContactRequest req;
          req.mutable_contact()->set_hall_id(t.hall);
          req.mutable_contact()->set_party("police");
          req.mutable_contact()->set_name("城区派出所");
          req.mutable_contact()->set_phone("110");
          v1::HallSetupResponse resp;
          return Of(env.escalation().UpsertContact(env.Ctx(c).get(), req, &resp));
        }}},
      {"EscalationService/DeleteContact",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::DeleteContactRequest req;
          req.set_hall_id(t.hall);
          req.set_party("police");
          v1::HallSetupResponse resp;
          return Of(env.escalation().DeleteContact(env.Ctx(c).get(), req, &resp));
        }}},
      {"EscalationService/UpsertShift",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::UpsertShiftRequest req;
          auto* sh = req.mutable_shift();
          sh->set_hall_id(t.hall);
          sh->set_person_id(env.DutyOf(t.hall));
          int64_t start = env.NextShiftStart();
          domain::SetTimestamp(sh->mutable_starts_at(), start);
          domain::SetTimestamp(sh->mutable_ends_at(), start + 3600LL * 1'000'000);
          v1::HallSetupResponse resp;
          return Of(env.escalation().UpsertShift(env.Ctx(c).get(), req, &resp));
        }}},
      {"EscalationService/DeleteShift",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::UpsertShiftRequest make;
          auto* sh = make.mutable_shift();
          sh->set_hall_id(t.hall);
          sh->set_person_id(env.DutyOf(t.hall));
          int64_t start = env.NextShiftStart();
          domain::SetTimestamp(sh->mutable_starts_at(), start);
          domain::SetTimestamp(sh->mutable_ends_at(), start + 3600LL * 1'000'000);
          auto setup = SetupAsAdmin(env, [&](grpc::ClientContext* ctx, v1::HallSetupResponse* r) {
            return env.escalation().UpsertShift(ctx, make, r);
          });
          v1::DeleteShiftRequest req;
          for (const auto& s : setup.setup().shifts()) {
            if (domain::ToMicros(s.starts_at()) == start) req.set_shift_id(s.id());
          }
          v1::HallSetupResponse resp;
          return Of(env.escalation().DeleteShift(env.Ctx(c).get(), req, &resp));
        }}},
      {"EscalationService/UpsertNotifier",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::UpsertNotifierRequest req;
          req.mutable_notifier()->set_hall_id(t.hall);
          req.mutable_notifier()->set_name("mx-" + std::to_string(env.Next()));
          req.mutable_notifier()->set_url("https://alerts.example/matrix");
          v1::HallSetupResponse resp;
          return Of(env.escalation().UpsertNotifier(env.Ctx(c).get(), req, &resp));
        }}},
      {"EscalationService/DeleteNotifier",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::UpsertNotifierRequest make;
          std::string name = "mx-del-" + std::to_string(env.Next());
          make.mutable_notifier()->set_hall_id(t.hall);
          make.mutable_notifier()->set_name(name);
          make.mutable_notifier()->set_url("https://alerts.example/matrix");
          auto setup = SetupAsAdmin(env, [&](grpc::ClientContext* ctx, v1::HallSetupResponse* r) {
            return env.escalation().UpsertNotifier(ctx, make, r);
          });
          v1::DeleteNotifierRequest req;
          for (const auto& n : setup.setup().notifiers()) {
            if (n.name() == name) req.set_notifier_id(n.id());
          }
          v1::HallSetupResponse resp;
          return Of(env.escalation().DeleteNotifier(env.Ctx(c).get(), req, &resp));
        }}},
      {"EscalationService/UpsertPlannedOutage",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::UpsertPlannedOutageRequest req;
          auto* o = req.mutable_outage();
          o->set_hall_id(t.hall);
          o->set_category("power_outage");
          o->set_note("权限矩阵");
          int64_t start = env.Now() + 3600LL * 1'000'000;
          domain::SetTimestamp(o->mutable_starts_at(), start);
          domain::SetTimestamp(o->mutable_ends_at(), start + 3600LL * 1'000'000);
          v1::HallSetupResponse resp;
          return Of(env.escalation().UpsertPlannedOutage(env.Ctx(c).get(), req, &resp));
        }}},
      {"EscalationService/CancelPlannedOutage",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::UpsertPlannedOutageRequest make;
          auto* o = make.mutable_outage();
          std::string note = "mx-cancel-" + std::to_string(env.Next());
          o->set_hall_id(t.hall);
          o->set_category("power_outage");
          o->set_note(note);
          int64_t start = env.Now() + 3600LL * 1'000'000;
          domain::SetTimestamp(o->mutable_starts_at(), start);
          domain::SetTimestamp(o->mutable_ends_at(), start + 3600LL * 1'000'000);
          auto setup = SetupAsAdmin(env, [&](grpc::ClientContext* ctx, v1::HallSetupResponse* r) {
            return env.escalation().UpsertPlannedOutage(ctx, make, r);
          });
          v1::CancelPlannedOutageRequest req;
          for (const auto& po : setup.setup().planned_outages()) {
            if (po.note() == note) req.set_outage_id(po.id());
          }
          req.set_reason("权限矩阵");
          v1::HallSetupResponse resp;
          return Of(env.escalation().CancelPlannedOutage(env.Ctx(c).get(), req, &resp));
        }}},
      {"EscalationService/ListSetupAudit",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::ListSetupAuditRequest req;
          req.set_hall_id(t.hall);
          v1::ListSetupAuditResponse resp;
          return Of(env.escalation().ListSetupAudit(env.Ctx(c).get(), req, &resp));
        }}},
      // ---- AuditService
      {"AuditService/ListAudit",
       {Kind::kListing,
        [](Env& env, C c, T t, I) {
          v1::ListAuditRequest req;
          req.set_hall_id(t.hall);
          req.mutable_page()->set_page_size(500);
          v1::ListAuditResponse resp;
          Outcome out = Of(env.audit().ListAudit(env.Ctx(c).get(), req, &resp));
          for (const auto& e : resp.entries()) out.entry_halls.push_back({e.hall_id()});
          return out;
        }}},
      // ---- ReportService (a period of the last 300 days and the next one)
      {"ReportService/GetStatistics",
       {Kind::kListing,
        [](Env& env, C c, T t, I) {
          v1::StatisticsRequest req;
          *req.mutable_scope() = RecentPeriod();
          req.mutable_scope()->set_include_drills(true);
          if (!t.hall.empty()) req.mutable_scope()->add_hall_ids(t.hall);
          v1::Statistics resp;
          Outcome out = Of(env.reports().GetStatistics(env.Ctx(c).get(), req, &resp));
          for (const auto& h : resp.per_hall()) out.entry_halls.push_back({h.key()});
          return out;
        }}},
      {"ReportService/ExportIncidents",
       {Kind::kListing,
        [](Env& env, C c, T t, I) {
          v1::ExportIncidentsRequest req;
          *req.mutable_scope() = RecentPeriod();
          req.mutable_scope()->set_include_drills(true);
          if (!t.hall.empty()) req.mutable_scope()->add_hall_ids(t.hall);
          req.set_page_size(200);
          v1::ExportIncidentsResponse resp;
          Outcome out = Of(env.reports().ExportIncidents(env.Ctx(c).get(), req, &resp));
          for (const auto& e : resp.incidents()) out.entry_halls.push_back({e.incident().hall_id()});
          return out;
        }}},
      // ---- DrillService (a run made in each hall by DrillIn)
      {"DrillService/ListDrillScenarios",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::ListDrillScenariosRequest req;
          req.set_hall_id(t.hall);
          v1::ListDrillScenariosResponse resp;
          return Of(env.drills().ListDrillScenarios(env.Ctx(c).get(), req, &resp));
        }}},
      {"DrillService/StartDrill",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          env.DrillIn(t.hall);  // the hall's live run: a start is refused for it, past the checks
          v1::StartDrillRequest req;
          req.set_request_id("mx-start-" + std::to_string(env.Next()));
          req.set_hall_id(t.hall);
          req.set_scenario_id("hunan_fire_evacuation");
          v1::DrillResponse resp;
          return Of(env.drills().StartDrill(env.Ctx(c).get(), req, &resp));
        }}},
      {"DrillService/CheckDrillScenario",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          // A hand-built press at a place every hall of the matrix has.
          v1::CheckDrillScenarioRequest req;
          req.set_hall_id(t.hall);
          auto* sc = req.mutable_scenario();
          sc->set_id("mx_hand_built");
          sc->set_name_zh("手工编排演练");
          sc->set_name_en("Hand-built drill");
          sc->set_plan_id("hunan");
          sc->set_duration_seconds(600);
          sc->set_citation("湖南 DB43/T 2422.4 5.4.2");
          sc->set_rehearses("火情处置");
          auto* in = sc->add_injects();
          in->set_id("fire");
          in->set_kind(v1::DrillInject::KIND_PRESS);
          in->set_category("fire");
          in->set_place("self-service");
          v1::ScenarioForHall resp;
          return Of(env.drills().CheckDrillScenario(env.Ctx(c).get(), req, &resp));
        }}},
      {"DrillService/PauseDrill",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::DrillRequest req;
          req.set_drill_id(env.DrillIn(t.hall));
          v1::DrillResponse resp;
          return Of(env.drills().PauseDrill(env.Ctx(c).get(), req, &resp));
        }}},
      {"DrillService/ResumeDrill",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::DrillRequest req;
          req.set_drill_id(env.DrillIn(t.hall));
          v1::DrillResponse resp;
          return Of(env.drills().ResumeDrill(env.Ctx(c).get(), req, &resp));
        }}},
      {"DrillService/StopDrill",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::StopDrillRequest req;
          req.set_drill_id(env.DrillIn(t.hall));
          req.set_reason("权限矩阵");
          v1::DrillResponse resp;
          return Of(env.drills().StopDrill(env.Ctx(c).get(), req, &resp));
        }}},
      {"DrillService/GetDrill",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::DrillRequest req;
          req.set_drill_id(env.DrillIn(t.hall));
          v1::DrillResponse resp;
          return Of(env.drills().GetDrill(env.Ctx(c).get(), req, &resp));
        }}},
      {"DrillService/RecordDrillReview",
       {Kind::kHall,
        [](Env& env, C c, T t, I) {
          v1::RecordDrillReviewRequest req;
          req.set_drill_id(env.DrillIn(t.hall));
          req.mutable_review()->set_went_well("权限矩阵");
          v1::DrillResponse resp;
          return Of(env.drills().RecordDrillReview(env.Ctx(c).get(), req, &resp));
        }}},
      {"DrillService/ListDrills",
       {Kind::kListing,
        [](Env& env, C c, T t, I) {
          env.DrillIn(kHallA);
          env.DrillIn(kHallB);
          v1::ListDrillsRequest req;
          if (!t.hall.empty()) req.add_hall_ids(t.hall);
          v1::ListDrillsResponse resp;
          Outcome out = Of(env.drills().ListDrills(env.Ctx(c).get(), req, &resp));
          for (const auto& d : resp.drills()) out.entry_halls.push_back({d.hall_id()});
          return out;
        }}},
      {"DrillService/GetDrillCadence",
       {Kind::kListing,
        [](Env& env, C c, T t, I) {
          v1::DrillCadenceRequest req;
          if (!t.hall.empty()) req.add_hall_ids(t.hall);
          v1::DrillCadenceResponse resp;
          Outcome out = Of(env.drills().GetDrillCadence(env.Ctx(c).get(), req, &resp));
          for (const auto& r : resp.rows()) out.entry_halls.push_back({r.hall_id()});
          return out;
        }}},
  };
  return probes;
}

// ------------------------------------------------------------------ cells

enum class Expect { kAllowed, kDenied, kUnauthenticated };
enum class Check {
  kNone,
  kLimitedToScope,     // every entry is of a hall in the caller's scope
  kNotLimitedToScope,  // some entry is of a hall outside it
  kOwnReportsOnly,     // every entry is the caller's own report
  kRaisedAtBoundHall,  // the incident was raised at hall-a, the kiosk's hall
};

struct Case {
  Target target;
  Expect expect;
  Check check = Check::kNone;
};

// The situations a cell's symbol speaks of, for this caller and this kind
// of RPC; an error when the symbol makes no sense for the kind.
std::vector<Case> CasesFor(Symbol sym, Kind kind, const Caller& c, std::string* error) {
  const Expect other = c.all_halls ? Expect::kAllowed : Expect::kDenied;
  const Expect A = Expect::kAllowed, D = Expect::kDenied;
  const Check limited = c.all_halls ? Check::kNone : Check::kLimitedToScope;
  switch (sym) {
    case Symbol::kUnauthenticated:
      if (kind == Kind::kIncident) return {{{kHallA}, Expect::kUnauthenticated}};
      return {{{kind == Kind::kHall ? kHallA : ""}, Expect::kUnauthenticated}};
    case Symbol::kAnyone:
      if (kind == Kind::kGlobal) return {{{""}, A}};
      break;
    case Symbol::kDenied:
      switch (kind) {
        case Kind::kGlobal:
        case Kind::kListingOnly:
          return {{{""}, D}};
        case Kind::kHall:
          return {{{kHallA}, D}, {{kHallB}, D}, {{kHallA, false, true}, D}};
        case Kind::kListing:
          return {{{kHallA}, D}, {{kHallB}, D}, {{""}, D}};
        case Kind::kIncident:
          return {{{kHallA}, D},
                  {{kHallB}, D},
                  {{kHallA, false, true}, D},
                  {{kHallA, true, c.role == v1::ROLE_DRILL_COORDINATOR}, D}};
      }
      break;
    case Symbol::kOwn:
    case Symbol::kOwnUnscopedList:
      switch (kind) {
        case Kind::kHall:
          if (sym == Symbol::kOwn) return {{{kHallA}, A}, {{kHallB}, other}};
          break;
        case Kind::kListingOnly:
          if (sym == Symbol::kOwn) return {{{""}, A, limited}};
          break;
        case Kind::kListing:
          return {{{kHallA}, A},
                  {{kHallB}, other},
                  {{""},
                   A,
                   sym == Symbol::kOwn ? limited
                   : c.all_halls       ? Check::kNone
                                       : Check::kNotLimitedToScope}};
        case Kind::kIncident:
          if (sym == Symbol::kOwn)
            return {{{kHallA}, A}, {{kHallA, false, true}, A}, {{kHallB}, other}};
          break;
        case Kind::kGlobal:
          break;
      }
      break;
    case Symbol::kAny:
      if (kind == Kind::kHall) return {{{kHallA}, A}, {{kHallB}, A}};
      break;
    case Symbol::kSelf: {
      const bool drill = c.role == v1::ROLE_DRILL_COORDINATOR;  // it reports drills only
      if (kind == Kind::kIncident) {
        return {
            {{kHallA, true, drill}, A}, {{kHallA, false, drill}, D}, {{kHallB, false, drill}, D}};
      }
      if (kind == Kind::kListing) {
        return {{{kHallA}, A}, {{kHallB}, other}, {{""}, A, Check::kOwnReportsOnly}};
      }
      break;
    }
    case Symbol::kDrill:
      if (kind == Kind::kIncident || kind == Kind::kHall) {
        return {{{kHallA, false, true}, A},
                {{kHallA, false, false}, D},
                {{kHallB, false, true}, other}};
      }
      break;
    case Symbol::kBound:
      if (kind == Kind::kHall) {
        return {{{kHallA}, A, Check::kRaisedAtBoundHall}, {{kHallB}, A, Check::kRaisedAtBoundHall}};
      }
      break;
  }
  *error = "the symbol does not apply to this kind of RPC";
  return {};
}

// "" when the outcome is what the case expects, else why not.
std::string Judge(const Case& k, const Caller& c, const Outcome& o) {
  const auto code = o.status.error_code();
  auto got = [&] {
    return "got " + std::to_string(static_cast<int>(code)) + " '" + o.status.error_message() + "'";
  };
  switch (k.expect) {
    case Expect::kDenied:
      if (code != grpc::StatusCode::PERMISSION_DENIED)
        return "expected PERMISSION_DENIED, " + got();
      return "";
    case Expect::kUnauthenticated:
      if (code != grpc::StatusCode::UNAUTHENTICATED) return "expected UNAUTHENTICATED, " + got();
      return "";
    case Expect::kAllowed:
      break;
  }
  static const std::set<grpc::StatusCode> kAllowedCodes = {
      grpc::StatusCode::OK, grpc::StatusCode::NOT_FOUND, grpc::StatusCode::ALREADY_EXISTS,
      grpc::StatusCode::FAILED_PRECONDITION, grpc::StatusCode::ABORTED};
  if (!kAllowedCodes.count(code)) return "expected to be allowed, " + got();
  auto in_scope = [&](const std::vector<std::string>& halls) {
    for (const auto& h : halls) {
      if (h == "*" || (!h.empty() && c.InScope(h))) return true;
    }
    return false;
  };
  switch (k.check) {
    case Check::kNone:
      break;
    case Check::kLimitedToScope:
      for (const auto& halls : o.entry_halls) {
        if (!in_scope(halls)) return "the listing holds an entry of hall '" + halls[0] + "'";
      }
      break;
    case Check::kNotLimitedToScope: {
      bool outside = false;
      for (const auto& halls : o.entry_halls) outside |= !in_scope(halls);
      if (!outside) return "the listing holds only the caller's halls (the page says it does not)";
      break;
    }
    case Check::kOwnReportsOnly:
      if (!o.has_reporters) break;  // the stream does not say who reported
      for (const auto& r : o.entry_reporters) {
        if (r != c.id) return "the listing holds a report of '" + r + "'";
      }
      break;
    case Check::kRaisedAtBoundHall:
      if (code == grpc::StatusCode::OK && o.raised_hall != kHallA)
        return "raised at '" + o.raised_hall + "', not at the kiosk's hall";
      break;
  }
  return "";
}

// ------------------------------------------------------------------ the rows

class PermissionMatrixTest : public ::testing::TestWithParam<size_t> {
 protected:
  static void SetUpTestSuite() { env_ = new Env(); }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }
  static Env* env_;
};
Env* PermissionMatrixTest::env_ = nullptr;

TEST_P(PermissionMatrixTest, EveryCellHolds) {
  const Table& t = TheTable();
  ASSERT_EQ(t.error, "");
  const Row& row = t.rows[GetParam()];
  auto probe = Probes().find(row.rpc);
  ASSERT_NE(probe, Probes().end())
      << "no probe for " << row.rpc << ": add one to Probes() in this file";
  int tried = 0;
  for (size_t col = 0; col < t.columns.size(); ++col) {
    const std::string where = "docs/security.md:" + std::to_string(row.line) + " " + row.rpc +
                              ", column " + t.columns[col] + " ('" + row.cells[col] + "')";
    auto sym = ParseSymbol(row.cells[col]);
    if (!sym) {
      ADD_FAILURE() << where << ": unknown symbol";
      continue;
    }
    const auto& callers = env_->CallersOf(t.columns[col]);
    if (callers.empty()) {
      ADD_FAILURE() << where << ": no caller for this column (not a role?)";
      continue;
    }
    for (const Caller& c : callers) {
      std::string error;
      auto cases = CasesFor(*sym, probe->second.kind, c, &error);
      if (!error.empty()) {
        ADD_FAILURE() << where << ": " << error;
        continue;
      }
      for (const Case& k : cases) {
        std::optional<v1::Incident> inc;
        if (probe->second.kind == Kind::kIncident) {
          std::string why;
          inc = env_->MakeIncident(c, k.target, &why);
          if (!inc) {
            // Only "its own report" of a caller that cannot report: no case.
            EXPECT_TRUE(k.target.own_report && k.expect == Expect::kDenied)
                << where << ", " << c.Label() << ", " << k.target.Label() << ": " << why;
            continue;
          }
        }
        Outcome o = probe->second.run(*env_, c, k.target, inc ? &*inc : nullptr);
        std::string verdict = Judge(k, c, o);
        EXPECT_EQ(verdict, "") << where << "; as " << c.Label() << ", " << k.target.Label();
        ++tried;
      }
    }
  }
  EXPECT_GT(tried, 0);
}

std::string RowName(const ::testing::TestParamInfo<size_t>& info) {
  std::string name = TheTable().rows[info.param].rpc;
  std::replace(name.begin(), name.end(), '/', '_');
  return name;
}

std::vector<size_t> RowIndexes() {
  std::vector<size_t> out(TheTable().rows.size());
  for (size_t i = 0; i < out.size(); ++i) out[i] = i;
  return out;
}

INSTANTIATE_TEST_SUITE_P(Rows, PermissionMatrixTest, ::testing::ValuesIn(RowIndexes()), RowName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PermissionMatrixTest);

}  // namespace
}  // namespace hall::testing
