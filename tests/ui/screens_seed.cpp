// screens_seed: puts demo incidents on a running server for the README's
// screenshots (scripts/screenshots.sh). Plain synchronous gRPC, no Qt.
//
//   screens_seed ADDR CA_FILE USER PASSWORD KIOSK_ID KIOSK_SECRET_FILE ack-latest CATEGORY
//   screens_seed ADDR CA_FILE USER PASSWORD KIOSK_ID KIOSK_SECRET_FILE panic
//   screens_seed ADDR CA_FILE USER PASSWORD KIOSK_ID KIOSK_SECRET_FILE checklist HALL
//     (a board for HALL and a power outage whose checklist is being worked:
//      one step done, one skipped; prints the outage's incident id)
//   screens_seed ADDR CA_FILE USER PASSWORD KIOSK_ID KIOSK_SECRET_FILE presence USER...
//     (signs each USER in with PASSWORD and keeps a watch open for each —
//      a desk left open — reconnecting after a server restart, until killed:
//      the escalation engine reaches only people who are at a desk)
//   screens_seed ADDR CA_FILE USER PASSWORD KIOSK_ID KIOSK_SECRET_FILE show ID
//     (prints ID's escalation state, to see where its chain stands)
//   screens_seed ADDR CA_FILE USER PASSWORD KIOSK_ID KIOSK_SECRET_FILE id CATEGORY
//     (prints the id of the newest open incident of CATEGORY)
//   screens_seed ADDR CA_FILE USER PASSWORD KIOSK_ID KIOSK_SECRET_FILE raise CATEGORY SUMMARY
//     (the kiosk reports CATEGORY; prints the incident's id; a second report
//      of the same kind while the first is open folds into it)
//   screens_seed ADDR CA_FILE USER PASSWORD KIOSK_ID KIOSK_SECRET_FILE report CATEGORY SUMMARY HALL
//   PLACE
//     (USER reports CATEGORY at PLACE; prints the incident's id)
//   screens_seed ADDR CA_FILE USER PASSWORD KIOSK_ID KIOSK_SECRET_FILE escalate ID REASON
//     (USER alerts the next stage of ID's chain by hand)
//   screens_seed ADDR CA_FILE USER PASSWORD KIOSK_ID KIOSK_SECRET_FILE start-drill HALL SCENARIO
//     (USER, a drill coordinator, starts SCENARIO in HALL now with every
//      kiosk of the hall; prints the drill's id)
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

#include "hall/v1/auth.grpc.pb.h"
#include "hall/v1/drill.grpc.pb.h"
#include "hall/v1/incident.grpc.pb.h"

namespace v1 = hall::v1;

namespace {
std::string Read(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  std::string out = s.str();
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == ' '))
    out.pop_back();
  return out;
}

std::string RequestId() {
  static std::mt19937_64 rng(std::random_device{}());
  return "seed-" + std::to_string(rng());
}

struct Session {
  std::unique_ptr<v1::IncidentService::Stub> incidents;
  std::string token;
  std::unique_ptr<grpc::ClientContext> Ctx() const {
    auto c = std::make_unique<grpc::ClientContext>();
    c->AddMetadata("authorization", "Bearer " + token);
    c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return c;
  }
};

Session Login(std::shared_ptr<grpc::Channel> ch, const v1::LoginRequest& req) {
  auto auth = v1::AuthService::NewStub(ch);
  grpc::ClientContext ctx;
  v1::LoginResponse resp;
  auto s = auth->Login(&ctx, req, &resp);
  if (!s.ok()) throw std::runtime_error("login: " + s.error_message());
  return Session{v1::IncidentService::NewStub(ch), resp.token()};
}

v1::Incident Raise(const Session& s, const std::string& category, const std::string& summary,
                   int headcount, bool drill, const std::string& hall = "",
                   const std::string& location = "") {
  v1::RaiseIncidentRequest req;
  req.set_location_id(location);
  req.set_request_id(RequestId());
  req.set_category(category);
  req.set_summary(summary);
  req.set_headcount(headcount);
  req.set_drill(drill);
  req.set_hall_id(hall);
  v1::RaiseIncidentResponse resp;
  auto ctx = s.Ctx();
  auto st = s.incidents->RaiseIncident(ctx.get(), req, &resp);
  if (!st.ok()) throw std::runtime_error("raise: " + st.error_message());
  return resp.incident();
}

void Step(const Session& s, const std::string& id, const std::string& step, const std::string& note,
          bool done) {
  v1::IncidentResponse resp;
  auto ctx = s.Ctx();
  grpc::Status st;
  if (done) {
    v1::CompleteStepRequest req;
    req.set_incident_id(id);
    req.set_step_id(step);
    req.set_note(note);
    st = s.incidents->CompleteStep(ctx.get(), req, &resp);
  } else {
    v1::SkipStepRequest req;
    req.set_incident_id(id);
    req.set_step_id(step);
    req.set_reason(note);
    st = s.incidents->SkipStep(ctx.get(), req, &resp);
  }
  if (!st.ok()) throw std::runtime_error("step " + step + ": " + st.error_message());
}

// Keeps a watch open as `user` until the process is killed; a stream that
// ends (a server restart) is opened again.
[[noreturn]] void Present(std::shared_ptr<grpc::Channel> ch, const std::string& user,
                          const std::string& password) {
  for (;;) {
    try {
      v1::LoginRequest req;
      req.mutable_password()->set_username(user);
      req.mutable_password()->set_password(password);
      Session s = Login(ch, req);
      for (;;) {
        grpc::ClientContext ctx;
        ctx.AddMetadata("authorization", "Bearer " + s.token);
        ctx.set_wait_for_ready(true);  // through a restart: wait, do not fail fast
        v1::WatchRequest w;
        w.set_from_now(true);
        auto reader = s.incidents->Watch(&ctx, w);
        v1::WatchResponse item;
        while (reader->Read(&item)) {
        }
        if (reader->Finish().error_code() == grpc::StatusCode::UNAUTHENTICATED) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
      }
    } catch (const std::exception& e) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));  // server not back yet
    }
  }
}

std::vector<v1::Incident> Open(const Session& s, const std::string& category) {
  v1::ListIncidentsRequest req;
  req.add_statuses(v1::INCIDENT_STATUS_REPORTED);
  req.add_statuses(v1::INCIDENT_STATUS_ACKNOWLEDGED);
  req.set_category(category);
  v1::ListIncidentsResponse resp;
  auto ctx = s.Ctx();
  auto st = s.incidents->ListIncidents(ctx.get(), req, &resp);
  if (!st.ok()) throw std::runtime_error("list: " + st.error_message());
  return {resp.incidents().begin(), resp.incidents().end()};
}

void Ack(const Session& s, const std::string& id) {
  v1::AcknowledgeIncidentRequest req;
  req.set_incident_id(id);
  v1::IncidentResponse resp;
  auto ctx = s.Ctx();
  auto st = s.incidents->AcknowledgeIncident(ctx.get(), req, &resp);
  if (!st.ok()) throw std::runtime_error("ack: " + st.error_message());
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 8) {
    std::cerr << "usage: screens_seed ADDR CA USER PASSWORD KIOSK_ID SECRET_FILE checklist "
                 "HALL|panic|ack-latest CATEGORY\n";
    return 2;
  }
  try {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = Read(argv[2]) + "\n";
    // Back quickly after a server restart (the open desks of `presence`).
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 300);
    args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 300);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
    auto ch = grpc::CreateCustomChannel(argv[1], grpc::SslCredentials(ssl), args);
    v1::LoginRequest person;
    person.mutable_password()->set_username(argv[3]);
    person.mutable_password()->set_password(argv[4]);
    v1::LoginRequest device;
    device.mutable_device()->set_kiosk_id(argv[5]);
    device.mutable_device()->set_secret(Read(argv[6]));
    const std::string cmd = argv[7];
    if (cmd == "presence") {
      std::vector<std::thread> desks;
      for (int i = 8; i < argc; ++i) desks.emplace_back(Present, ch, argv[i], argv[4]);
      for (auto& t : desks) t.join();  // never: killed by the script
      return 0;
    }
    Session duty = Login(ch, person);
    Session kiosk = Login(ch, device);
    if (cmd == "raise" && argc > 9) {
      std::cout << Raise(kiosk, argv[8], argv[9], 0, false).id() << "\n";
    } else if (cmd == "report" && argc > 11) {
      // USER reports at a place: not folded into the kiosk's own reports.
      std::cout << Raise(duty, argv[8], argv[9], 0, false, argv[10], argv[11]).id() << "\n";
    } else if (cmd == "escalate" && argc > 9) {
      v1::EscalateIncidentRequest req;
      req.set_incident_id(argv[8]);
      req.set_reason(argv[9]);
      v1::IncidentResponse resp;
      auto ctx = duty.Ctx();
      auto st = duty.incidents->EscalateIncident(ctx.get(), req, &resp);
      if (!st.ok()) throw std::runtime_error("escalate: " + st.error_message());
    } else if (cmd == "start-drill" && argc > 9) {
      auto drills = v1::DrillService::NewStub(ch);
      v1::StartDrillRequest req;
      req.set_request_id(RequestId());
      req.set_hall_id(argv[8]);
      req.set_scenario_id(argv[9]);
      v1::DrillResponse resp;
      auto ctx = duty.Ctx();
      auto st = drills->StartDrill(ctx.get(), req, &resp);
      if (!st.ok()) throw std::runtime_error("start drill: " + st.error_message());
      std::cout << resp.drill().id() << "\n";
    } else if (cmd == "show" && argc > 8) {
      v1::GetIncidentRequest req;
      req.set_incident_id(argv[8]);
      v1::GetIncidentResponse resp;
      auto ctx = duty.Ctx();
      auto st = duty.incidents->GetIncident(ctx.get(), req, &resp);
      if (!st.ok()) throw std::runtime_error("get: " + st.error_message());
      std::cout << resp.incident().escalation().DebugString();
    } else if (cmd == "id" && argc > 8) {
      auto open = Open(duty, argv[8]);
      if (open.empty()) throw std::runtime_error(std::string("no open ") + argv[8]);
      std::cout << open.front().id() << "\n";  // newest first
    } else if (cmd == "checklist" && argc > 8) {
      const std::string hall = argv[8];
      Raise(duty, "fire", "消防演练：二楼茶水间模拟起火", 0, true, hall);
      auto medical = Raise(kiosk, "medical_emergency", "12号窗口有老人晕倒", 1, false);
      Ack(duty, medical.id());
      Raise(kiosk, "crowding", "取号区排队人数激增", 60, false);
      Raise(kiosk, "conflict", "3号窗口群众情绪激动", 2, false);
      auto outage = Raise(kiosk, "power_outage", "大厅东区突然停电，窗口电脑黑屏", 0, false);
      Ack(duty, outage.id());
      Step(duty, outage.id(), "contact_property", "物业已派电工到配电间", true);
      Step(duty, outage.id(), "planned_outage_contact_utility", "系中心线路故障，非计划停电",
           false);
      Step(duty, outage.id(), "check_elevators", "电梯内无人被困", true);
      std::cout << outage.id() << "\n";
    } else if (cmd == "panic") {
      Raise(kiosk, "panic", "", 0, false);
    } else if (cmd == "ack-latest" && argc > 8) {
      v1::ListIncidentsRequest req;
      req.add_statuses(v1::INCIDENT_STATUS_REPORTED);
      req.set_category(argv[8]);
      v1::ListIncidentsResponse resp;
      auto ctx = duty.Ctx();
      auto st = duty.incidents->ListIncidents(ctx.get(), req, &resp);
      if (!st.ok() || resp.incidents().empty()) throw std::runtime_error("nothing to acknowledge");
      Ack(duty, resp.incidents(0).id());
    } else {
      std::cerr << "unknown command " << cmd << "\n";
      return 2;
    }
  } catch (const std::exception& e) {
    std::cerr << "screens_seed: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
