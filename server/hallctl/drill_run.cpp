// `hallctl drill run`: plays a drill scenario against a running server the
// way real clients would — the coordinator and each role the scenario names
// sign in (--as ROLE=USER), the coordinator starts it, the duty officer as
// a scripted desk answers the expected responses at the times it is told —
// follows it to its end and prints the score. For
// dry runs of a scenario and the end-to-end tests; on a server started with
// --clock-speed N a 30-minute drill takes 30/N minutes.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "domain/access.h"
#include "domain/incident_state.h"
#include "hall/v1/auth.grpc.pb.h"
#include "hall/v1/directory.grpc.pb.h"
#include "hall/v1/drill.grpc.pb.h"
#include "hall/v1/incident.grpc.pb.h"
#include "hallctl/common.h"

namespace hall::hallctl {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw UsageError("cannot read " + path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// A signed-in caller on the shared channel.
struct Caller {
  std::shared_ptr<grpc::Channel> ch;
  std::string token;
  std::unique_ptr<grpc::ClientContext> Ctx() const {
    auto c = std::make_unique<grpc::ClientContext>();
    c->AddMetadata("authorization", "Bearer " + token);
    c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return c;
  }
};

Caller SignIn(std::shared_ptr<grpc::Channel> ch, const std::string& user,
              const std::string& password, v1::Principal* who = nullptr) {
  auto auth = v1::AuthService::NewStub(ch);
  v1::LoginRequest req;
  req.mutable_password()->set_username(user);
  req.mutable_password()->set_password(password);
  v1::LoginResponse resp;
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  auto s = auth->Login(&ctx, req, &resp);
  if (!s.ok()) throw std::runtime_error("sign-in as " + user + ": " + s.error_message());
  if (who) *who = resp.principal();
  return {ch, resp.token()};
}

// A kiosk taking part, signed in with its device secret: it beats as a
// real one does and reports when its drill notice (the 演练 banner) comes
// and goes.
struct KioskPart {
  Caller caller;
  std::string id;
  bool told = false;
  std::chrono::steady_clock::time_point next_beat{};

  // One heartbeat (at most a second apart); reports the notice's arrival.
  void Beat(const std::string& drill_id) {
    if (std::chrono::steady_clock::now() < next_beat) return;
    next_beat = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    v1::HeartbeatResponse resp;
    if (!BeatOnce(&resp)) return;
    if (!told && resp.drill_id() == drill_id) {
      told = true;
      std::cout << "  kiosk " << id << " shows the drill: " << resp.drill_name_zh()
                << (resp.drill_paused() ? " (paused)" : "") << "\n";
    }
  }
  // After the end: beats until the notice is gone (servers cache a hall's
  // drill for up to 3 s), at most 10 s.
  void BeatUntilGone() {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    v1::HeartbeatResponse resp;
    bool ok = false;
    while ((ok = BeatOnce(&resp)) && !resp.drill_id().empty() &&
           std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    if (!ok) return;  // BeatOnce said why; nothing to conclude
    std::cout << "  kiosk " << id
              << (resp.drill_id().empty() ? ": drill banner gone" : ": still shows a drill")
              << "\n";
  }
  bool BeatOnce(v1::HeartbeatResponse* resp) {
    auto dir = v1::DirectoryService::NewStub(caller.ch);
    v1::HeartbeatRequest req;
    req.set_app_version("hallctl-drill-run");
    auto st = dir->Heartbeat(caller.Ctx().get(), req, resp);
    if (!st.ok())
      std::cout << "  kiosk " << id << ": heartbeat refused: " << st.error_message() << "\n";
    return st.ok();
  }
};

void Ok(const grpc::Status& s, const std::string& what) {
  if (!s.ok()) throw std::runtime_error(what + ": " + s.error_message());
}

// The server clock's now (ms), from its own answer.
int64_t ServerNowMs(const std::shared_ptr<grpc::Channel>& ch, double* speed) {
  auto auth = v1::AuthService::NewStub(ch);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::ServerInfo info;
  Ok(auth->GetServerInfo(&ctx, v1::GetServerInfoRequest(), &info), "server info");
  if (speed) *speed = info.clock_speed();
  return info.server_time_unix_ms();
}

// The scripted desk does what `e` expects on `incident_id`; the status.
grpc::Status Answer(const Caller& desk, const v1::DrillExpectation& e,
                    const std::string& incident_id) {
  auto stub = v1::IncidentService::NewStub(desk.ch);
  v1::IncidentResponse resp;
  switch (e.kind()) {
    case v1::DrillExpectation::KIND_ACKNOWLEDGE: {
      v1::AcknowledgeIncidentRequest r;
      r.set_incident_id(incident_id);
      return stub->AcknowledgeIncident(desk.Ctx().get(), r, &resp);
    }
    case v1::DrillExpectation::KIND_STEP: {
      v1::CompleteStepRequest r;
      r.set_incident_id(incident_id);
      r.set_step_id(e.step_id());
      return stub->CompleteStep(desk.Ctx().get(), r, &resp);
    }
    case v1::DrillExpectation::KIND_CONTACT: {
      v1::RecordContactRequest r;
      r.set_incident_id(incident_id);
      r.set_step_id(e.step_id());
      r.set_number("000");  // a drill: recorded as simulated, nobody is called
      r.set_method(v1::CONTACT_METHOD_PHONE);
      r.set_note("演练脚本 / drill script");
      return stub->RecordContact(desk.Ctx().get(), r, &resp);
    }
    case v1::DrillExpectation::KIND_RESOLVE: {
      v1::ResolveIncidentRequest r;
      r.set_incident_id(incident_id);
      r.set_outcome(v1::OUTCOME_HANDLED);
      r.set_note("演练脚本 / drill script");
      return stub->ResolveIncident(desk.Ctx().get(), r, &resp);
    }
    default:
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "unknown expectation kind");
  }
}

const char* OutcomeWord(v1::ExpectationResult::Outcome o) {
  switch (o) {
    case v1::ExpectationResult::OUTCOME_ON_TIME:
      return "on time";
    case v1::ExpectationResult::OUTCOME_LATE:
      return "LATE";
    case v1::ExpectationResult::OUTCOME_MISSED:
      return "MISSED";
    case v1::ExpectationResult::OUTCOME_OVERDUE:
      return "overdue";
    default:
      return "pending";
  }
}

void PrintScore(const v1::Drill& d) {
  const v1::DrillScore& s = d.score();
  std::cout << "drill " << d.id() << " — " << d.scenario().name_zh() << " (" << d.scenario().id()
            << ") in " << d.hall_id() << "\n";
  for (const auto& r : s.results()) {
    std::cout << "  " << std::left << std::setw(28) << r.expectation().id() << std::setw(9)
              << OutcomeWord(r.outcome());
    if (r.outcome() == v1::ExpectationResult::OUTCOME_LATE)
      std::cout << " by " << r.late_seconds() << " s";
    if (r.took_seconds() > 0 || r.outcome() == v1::ExpectationResult::OUTCOME_ON_TIME)
      std::cout << " (took " << r.took_seconds() << " s of " << r.expectation().within_seconds()
                << ")";
    std::cout << "  " << r.expectation().citation() << "\n";
  }
  std::cout << "score " << s.percent() << "%: " << s.on_time() << " on time, " << s.late()
            << " late, " << s.missed() << " missed" << (s.final() ? "" : " (not final)") << "\n";
}

}  // namespace

int DrillCommand(const Args& a) {
  if (Arg(a, 1, "run") != "run") throw UsageError("drill: the command is `drill run`");
  const std::string scenario = Arg(a, 2, "SCENARIO");
  Args rest;
  auto hall = Options(a, 3, "--hall", &rest);
  auto server = Options(a, 3, "--server");
  auto ca = Options(a, 3, "--ca");
  auto user = Options(a, 3, "--user");
  auto desk_user = Options(a, 3, "--desk");
  auto as = Options(a, 3, "--as");
  auto kiosk_id = Options(a, 3, "--kiosk");
  auto kiosk_secret = Options(a, 3, "--kiosk-secret-file");
  auto answers = Options(a, 3, "--answer");
  auto speed_opt = Options(a, 3, "--speed");
  if (hall.size() != 1) throw UsageError("drill run needs --hall HALL");
  const std::string address = server.empty() ? "127.0.0.1:7443" : server.front();
  const std::string ca_file = ca.empty() ? "var/tls/ca.crt" : ca.front();
  const char* password = std::getenv("HALL_PASSWORD");
  if (!password || !*password) throw UsageError("set HALL_PASSWORD to the users' password");
  // --answer EXPECTATION=SECONDS: the scripted desk does it that many
  // (server-clock) seconds after its inject.
  std::map<std::string, int64_t> script;
  for (const auto& s : answers) {
    auto eq = s.find('=');
    if (eq == std::string::npos) throw UsageError("--answer takes EXPECTATION=SECONDS");
    script[s.substr(0, eq)] = std::atoll(s.c_str() + eq + 1);
  }
  // --as ROLE=USER: who signs in for each role the scenario names;
  // --desk USER is the duty officer (the scripted desk answers as them).
  std::map<v1::Role, std::string> people;
  for (const auto& s : as) {
    auto eq = s.find('=');
    const v1::Role role =
        eq == std::string::npos ? v1::ROLE_UNSPECIFIED : domain::ParseRole(s.substr(0, eq));
    if (role == v1::ROLE_UNSPECIFIED)
      throw UsageError(
          "--as takes ROLE=USER with ROLE one of duty_officer, security, "
          "floor_guide, window_staff, hall_head …, got \"" +
          s + "\"");
    people[role] = s.substr(eq + 1);
  }
  if (!desk_user.empty()) people[v1::ROLE_DUTY_OFFICER] = desk_user.front();
  if (!script.empty() && !people.count(v1::ROLE_DUTY_OFFICER))
    throw UsageError("--answer needs --desk USER (or --as duty_officer=USER)");

  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadFile(ca_file);
  auto ch = grpc::CreateChannel(address, grpc::SslCredentials(ssl));
  double speed = 1;
  (void)ServerNowMs(ch, &speed);
  if (!speed_opt.empty() && std::atof(speed_opt.front().c_str()) != speed) {
    throw std::runtime_error("the server runs at clock speed " + std::to_string(speed) +
                             "; start it with --clock-speed " + speed_opt.front() +
                             " for a run at that speed");
  }
  Caller coordinator = SignIn(ch, user.empty() ? "drill" : user.front(), password);
  auto drills = v1::DrillService::NewStub(ch);

  // Everyone the scenario names signs in before it starts: a participant
  // who cannot take part stops the run before anything is raised.
  v1::ListDrillScenariosRequest list;
  list.set_hall_id(hall.front());
  v1::ListDrillScenariosResponse listed;
  Ok(drills->ListDrillScenarios(coordinator.Ctx().get(), list, &listed), "list scenarios");
  const v1::DrillScenario* named = nullptr;
  for (const auto& sf : listed.scenarios())
    if (sf.scenario().id() == scenario) named = &sf.scenario();
  if (!named)
    throw std::runtime_error("no scenario '" + scenario + "' fits hall " + hall.front() +
                             " (hallctl playbook check lists the files)");
  std::string missing;
  for (int r : named->roles())
    if (!people.count(static_cast<v1::Role>(r)))
      missing += (missing.empty() ? "" : ", ") + domain::RoleName(static_cast<v1::Role>(r));
  if (!missing.empty())
    throw UsageError("scenario " + scenario + " names roles " + missing +
                     " — give --as ROLE=USER for each (--desk USER for the duty officer)");
  if (kiosk_id.size() > 1 || kiosk_id.size() != kiosk_secret.size())
    throw UsageError("--kiosk ID goes with --kiosk-secret-file FILE (one kiosk)");
  std::optional<KioskPart> kiosk;
  if (!kiosk_id.empty()) {
    auto auth = v1::AuthService::NewStub(ch);
    v1::LoginRequest req;
    req.mutable_device()->set_kiosk_id(kiosk_id.front());
    std::string secret = ReadFile(kiosk_secret.front());
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    req.mutable_device()->set_secret(secret);
    v1::LoginResponse resp;
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    Ok(auth->Login(&ctx, req, &resp), "sign-in as kiosk " + kiosk_id.front());
    kiosk = KioskPart{{ch, resp.token()}, kiosk_id.front()};
    std::cout << "signed in: kiosk " << kiosk_id.front() << "\n";
  }
  std::optional<Caller> desk;
  for (const auto& [role, name] : people) {
    v1::Principal who;
    Caller c = SignIn(ch, name, password, &who);
    const bool in_hall = who.all_halls() || std::find(who.hall_ids().begin(), who.hall_ids().end(),
                                                      hall.front()) != who.hall_ids().end();
    if (who.role() != role || !in_hall)
      throw std::runtime_error(name + " is " + domain::RoleName(who.role()) +
                               (in_hall ? "" : " outside hall " + hall.front()) + ", not " +
                               domain::RoleName(role) + " of the hall");
    std::cout << "signed in: " << domain::RoleName(role) << " " << name << " ("
              << who.display_name() << ")\n";
    if (role == v1::ROLE_DUTY_OFFICER) desk = c;
  }

  v1::StartDrillRequest start;
  std::mt19937_64 rng(std::random_device{}());
  start.set_request_id("hallctl-" + std::to_string(rng()));
  start.set_hall_id(hall.front());
  start.set_scenario_id(scenario);
  if (kiosk) start.add_kiosk_ids(kiosk->id);  // it takes part (else every active kiosk does)
  v1::DrillResponse resp;
  Ok(drills->StartDrill(coordinator.Ctx().get(), start, &resp), "start");
  const std::string id = resp.drill().id();
  std::cout << "started drill " << id << " (" << resp.drill().scenario().duration_seconds()
            << " s of drill time at clock speed " << speed << ")\n";

  std::set<std::string> answered;
  v1::Drill d = resp.drill();
  // Bounded: the drill's length in real time, plus a minute.
  const auto give_up = std::chrono::steady_clock::now() +
                       std::chrono::milliseconds(
                           static_cast<int64_t>(d.scenario().duration_seconds() * 1000 / speed)) +
                       std::chrono::minutes(1);
  while (d.state() == v1::DRILL_STATE_RUNNING || d.state() == v1::DRILL_STATE_PAUSED) {
    if (std::chrono::steady_clock::now() > give_up)
      throw std::runtime_error("the drill did not end in time; is the server's engine running?");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    v1::DrillRequest get;
    get.set_drill_id(id);
    Ok(drills->GetDrill(coordinator.Ctx().get(), get, &resp), "get drill");
    d = resp.drill();
    if (kiosk) kiosk->Beat(id);
    if (!desk) continue;
    const int64_t now_ms = ServerNowMs(ch, nullptr);
    std::map<std::string, const v1::DrillInjectRun*> fired;
    for (const auto& in : d.injects())
      if (in.has_fired_at() && !in.incident_id().empty()) fired[in.inject_id()] = &in;
    for (const auto& r : d.score().results()) {
      const auto& e = r.expectation();
      auto when = script.find(e.id());
      if (when == script.end() || answered.count(e.id())) continue;
      auto in = fired.find(e.incident());
      if (in == fired.end()) continue;
      const int64_t due_ms = domain::ToMicros(in->second->fired_at()) / 1000 + when->second * 1000;
      if (now_ms < due_ms) continue;
      answered.insert(e.id());
      auto s = Answer(*desk, e, in->second->incident_id());
      std::cout << "  desk: " << e.id() << " at +" << when->second << " s"
                << (s.ok() ? "" : " — refused: " + s.error_message()) << "\n";
    }
  }
  if (kiosk) kiosk->BeatUntilGone();
  PrintScore(d);
  return 0;
}

}  // namespace hall::hallctl
