// Drill runs through the real server (TLS, PostgreSQL, the engine on) in
// simulated time: a coordinator starts the Dongguan fire drill in hall-a;
// the engine fires its injects by the clock as drill incidents carrying the
// run's id; the duty officer answers one response on time and one late, the
// rest are missed, and the score says so with each clause; pause holds the
// injects; the kiosks taking part see the drill and may send drill presses,
// others may not; a real press during the drill stays real; bad starts are
// refused with nothing half-started.
#include <gtest/gtest.h>

#include <thread>

#include "domain/credentials.h"
#include "domain/incident_state.h"
#include "hall/v1/drill.grpc.pb.h"
#include "store/directory_store.h"
#include "store/pg.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::testing {
namespace {

constexpr const char* kScenario = "dongguan_fire_evacuation";

class DrillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SeedBasic(db_.conninfo());
    store::PgConnection c(db_.conninfo());
    // A second kiosk of hall-a, left out of the drill.
    v1::Kiosk k;
    k.set_id("kiosk-a2");
    k.set_hall_id("hall-a");
    k.set_location_id("hall-a-door");
    k.set_name("侧门终端");
    k.set_active(true);
    store::UpsertKiosk(c, k, domain::HashSecret(kKioskSecret));
  }

  // What the fire drill needs of hall-a: its places and a security guard.
  void AddDrillPlaces() { SeedFireDrillHall(db_.conninfo()); }

  TestServerOptions Options() {
    TestServerOptions o;
    o.engine = true;
    o.clock = &clock_;
    o.token_ttl_seconds = 48 * 3600;
    o.engine_options.kiosk_monitor = false;
    return o;
  }

  Client SignedIn(TestServer& s, const char* user) {
    Client c(MakeChannel(s.port()));
    EXPECT_TRUE(c.Login(user).ok()) << user;
    return c;
  }

  grpc::Status Start(TestServer& s, Client& who, v1::Drill* out, const std::string& request_id,
                     std::vector<std::string> kiosks = {"kiosk-a"}) {
    auto stub = v1::DrillService::NewStub(MakeChannel(s.port()));
    v1::StartDrillRequest req;
    req.set_request_id(request_id);
    req.set_hall_id("hall-a");
    req.set_scenario_id(kScenario);
    for (auto& k : kiosks) req.add_kiosk_ids(k);
    v1::DrillResponse resp;
    auto st = stub->StartDrill(who.Ctx().get(), req, &resp);
    if (out) *out = resp.drill();
    return st;
  }

  v1::Drill Get(TestServer& s, Client& who, const std::string& id) {
    auto stub = v1::DrillService::NewStub(MakeChannel(s.port()));
    v1::DrillRequest req;
    req.set_drill_id(id);
    v1::DrillResponse resp;
    auto st = stub->GetDrill(who.Ctx().get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return resp.drill();
  }

  // hall-a's cadence row for the fire drill (the test fails without one).
  v1::DrillCadence FireCadence(TestServer& s, Client& who) {
    auto stub = v1::DrillService::NewStub(MakeChannel(s.port()));
    v1::DrillCadenceRequest req;
    req.add_hall_ids("hall-a");
    v1::DrillCadenceResponse resp;
    auto st = stub->GetDrillCadence(who.Ctx().get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    for (const auto& row : resp.rows())
      if (row.scenario_id() == kScenario) return row;
    ADD_FAILURE() << "no cadence row for " << kScenario;
    return {};
  }

  // Moves the clock and waits (bounded) until the engine has fired all
  // that fell due by then.
  void Advance(TestServer& s, int64_t seconds) {
    clock_.AdvanceSeconds(seconds);
    const int64_t now = clock_.NowMicros();
    s.server().engine().Poke();
    for (int i = 0; i < 1000 && s.server().engine().settled_through() < now; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_GE(s.server().engine().settled_through(), now);
  }

  // Waits (bounded) for the run's inject to have fired.
  const v1::DrillInjectRun* WaitFired(TestServer& s, Client& who, const std::string& id,
                                      const std::string& inject, v1::Drill* d) {
    for (int i = 0; i < 500; ++i) {
      *d = Get(s, who, id);
      for (const auto& in : d->injects())
        if (in.inject_id() == inject && in.has_fired_at()) return &in;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return nullptr;
  }

  static const v1::ExpectationResult* Result(const v1::Drill& d, const std::string& id) {
    for (const auto& r : d.score().results())
      if (r.expectation().id() == id) return &r;
    return nullptr;
  }

  TestDatabase db_;
  domain::ManualClock clock_{domain::SystemClock::Get().NowMicros()};
};

TEST_F(DrillTest, BadStartsAreRefusedAndNothingIsHalfStarted) {
  TestServer server(db_.conninfo(), Options());
  Client coordinator = SignedIn(server, "drill");
  Client duty = SignedIn(server, "duty-a");
  // Not the coordinator's role.
  auto st = Start(server, duty, nullptr, "r1");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(st.error_message().find("drill coordinator"), std::string::npos) << st.error_message();
  // The hall lacks someone of a role the scenario names (保安).
  st = Start(server, coordinator, nullptr, "r2");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("no active person with role security"), std::string::npos)
      << st.error_message();
  SeedPerson(db_.conninfo(), "security-a", v1::ROLE_SECURITY, "hall-a");
  // The hall lacks the places the scenario names.
  st = Start(server, coordinator, nullptr, "r2b");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("window-1"), std::string::npos) << st.error_message();
  // A kiosk that is not the hall's.
  SeedFireDrillPlaces(db_.conninfo());
  st = Start(server, coordinator, nullptr, "r3", {"kiosk-zz"});
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // A scenario of another plan (songjiang's, in dongguan's hall-a).
  {
    auto stub = v1::DrillService::NewStub(MakeChannel(server.port()));
    v1::StartDrillRequest req;
    req.set_request_id("r4");
    req.set_hall_id("hall-a");
    req.set_scenario_id("no_such_scenario");
    v1::DrillResponse resp;
    EXPECT_EQ(stub->StartDrill(coordinator.Ctx().get(), req, &resp).error_code(),
              grpc::StatusCode::NOT_FOUND);
    req.set_request_id("");
    req.set_scenario_id(kScenario);
    EXPECT_EQ(stub->StartDrill(coordinator.Ctx().get(), req, &resp).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }
  store::PgConnection c(db_.conninfo());
  EXPECT_EQ(c.ExecSimple({"n", "SELECT count(*) FROM drills"}).int64(0, 0), 0);
  EXPECT_EQ(c.ExecSimple({"n", "SELECT count(*) FROM drill_injects"}).int64(0, 0), 0);

  // One live drill per hall; a retry of the same start is the same run.
  v1::Drill first, again;
  ASSERT_TRUE(Start(server, coordinator, &first, "r5").ok());
  ASSERT_TRUE(Start(server, coordinator, &again, "r5").ok());
  EXPECT_EQ(again.id(), first.id());
  st = Start(server, coordinator, nullptr, "r6");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("already has a drill"), std::string::npos);
  EXPECT_EQ(c.ExecSimple({"n", "SELECT count(*) FROM drills"}).int64(0, 0), 1);
}

// The coordinator's own injects: a power cut at the entrance, then a
// message, with an acknowledgement expected within a minute.
v1::DrillScenario HandBuilt() {
  v1::DrillScenario sc;
  sc.set_id("hand_power_cut");
  sc.set_name_zh("手工编排：入口停电");
  sc.set_name_en("Hand-built: power cut at the entrance");
  sc.set_plan_id("dongguan");
  sc.set_duration_seconds(600);
  sc.set_citation("东莞 B.2.2");
  sc.set_rehearses("停电处置");
  auto* in = sc.add_injects();
  in->set_id("power_cut");
  in->set_kind(v1::DrillInject::KIND_PRESS);
  in->set_category("power_outage");
  in->set_place("entrance");
  in->set_summary("（演练）入口停电");
  in = sc.add_injects();
  in->set_id("rumour");
  in->set_at_seconds(60);
  in->set_kind(v1::DrillInject::KIND_MESSAGE);
  in->set_message("（演练）群众询问何时恢复");
  auto* e = sc.add_expectations();
  e->set_id("power_cut_acknowledged");
  e->set_incident("power_cut");
  e->set_kind(v1::DrillExpectation::KIND_ACKNOWLEDGE);
  e->set_within_seconds(60);
  e->set_citation("东莞 B.2.2");
  e->set_text_zh("1分钟内确认接警");
  return sc;
}

TEST_F(DrillTest, AHandBuiltDrillIsCheckedLikeAFileAndRunsItsOwnInjects) {
  TestServer server(db_.conninfo(), Options());
  Client coordinator = SignedIn(server, "drill");
  Client duty = SignedIn(server, "duty-a");
  auto stub = v1::DrillService::NewStub(MakeChannel(server.port()));
  auto check = [&](Client& who, const v1::DrillScenario& sc, v1::ScenarioForHall* out) {
    v1::CheckDrillScenarioRequest req;
    req.set_hall_id("hall-a");
    *req.mutable_scenario() = sc;
    v1::ScenarioForHall resp;
    auto st = stub->CheckDrillScenario(who.Ctx().get(), req, &resp);
    if (out) *out = resp;
    return st;
  };
  // Only the coordinator checks; the hall lacks the entrance yet.
  EXPECT_EQ(check(duty, HandBuilt(), nullptr).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  auto st = check(coordinator, HandBuilt(), nullptr);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("no place 'entrance'"), std::string::npos)
      << st.error_message();
  AddDrillPlaces();
  // Mistakes are named by their field path, as a file's by file:line.
  v1::DrillScenario bad = HandBuilt();
  bad.mutable_injects(1)->set_at_seconds(900);
  bad.mutable_injects(0)->set_category("volcano");
  st = check(coordinator, bad, nullptr);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("scenario.injects[0].category: no category \"volcano\""),
            std::string::npos)
      << st.error_message();
  EXPECT_NE(st.error_message().find("scenario.injects[1].at_seconds: is after the scenario's end"),
            std::string::npos)
      << st.error_message();
  bad = HandBuilt();
  bad.set_id(kScenario);  // a file's id: its trend and cadence are the file's
  st = check(coordinator, bad, nullptr);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("an id of its own"), std::string::npos) << st.error_message();
  bad = HandBuilt();
  bad.set_plan_id("songjiang");
  bad.set_citation("松江 五");
  st = check(coordinator, bad, nullptr);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  // Roles: a kiosk is no participant; a role the hall lacks is named.
  bad = HandBuilt();
  bad.add_roles(v1::ROLE_KIOSK);
  st = check(coordinator, bad, nullptr);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("scenario.roles[0]: must be a person's role"),
            std::string::npos)
      << st.error_message();
  bad = HandBuilt();
  bad.add_roles(v1::ROLE_DUTY_OFFICER);
  bad.add_roles(v1::ROLE_WINDOW_STAFF);
  st = check(coordinator, bad, nullptr);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("no active person with role window_staff"), std::string::npos)
      << st.error_message();
  // Based on: a scenario of the files, of the same plan.
  bad = HandBuilt();
  bad.set_based_on("no_such_scenario");
  st = check(coordinator, bad, nullptr);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("scenario.based_on: no scenario \"no_such_scenario\""),
            std::string::npos)
      << st.error_message();
  bad.set_based_on("songjiang_medical_emergency");
  st = check(coordinator, bad, nullptr);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("rehearses the songjiang plan"), std::string::npos)
      << st.error_message();
  bad = HandBuilt();
  bad.mutable_injects(1)->set_message(std::string(501 * 3, 'x'));
  st = check(coordinator, bad, nullptr);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("scenario.injects[1].message: at most 500 characters"),
            std::string::npos)
      << st.error_message();

  // A clean one: what a run would expect, the author's acknowledgement last.
  v1::ScenarioForHall checked;
  st = check(coordinator, HandBuilt(), &checked);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_GT(checked.expected_size(), 0);
  EXPECT_EQ(checked.expected(checked.expected_size() - 1).id(), "power_cut_acknowledged");

  // StartDrill takes a scenario id or a hand-built scenario, not both.
  v1::StartDrillRequest req;
  req.set_request_id("hand-1");
  req.set_hall_id("hall-a");
  req.set_scenario_id(kScenario);
  *req.mutable_scenario() = HandBuilt();
  req.add_kiosk_ids("kiosk-a");
  v1::DrillResponse resp;
  st = stub->StartDrill(coordinator.Ctx().get(), req, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("not both"), std::string::npos) << st.error_message();
  req.clear_scenario_id();
  req.clear_scenario();  // … nor neither
  st = stub->StartDrill(coordinator.Ctx().get(), req, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("not neither"), std::string::npos) << st.error_message();
  {
    v1::CheckDrillScenarioRequest empty;  // a check needs the scenario
    empty.set_hall_id("hall-a");
    v1::ScenarioForHall out;
    st = stub->CheckDrillScenario(coordinator.Ctx().get(), empty, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(st.error_message().find("scenario is required"), std::string::npos);
  }
  store::PgConnection c(db_.conninfo());
  EXPECT_EQ(c.ExecSimple({"n", "SELECT count(*) FROM drills"}).int64(0, 0), 0);

  // Run, built from the fire drill: its press fires at once at the
  // entrance, acknowledged 20 s later.
  *req.mutable_scenario() = HandBuilt();
  req.mutable_scenario()->set_based_on(kScenario);
  req.mutable_scenario()->add_roles(v1::ROLE_DUTY_OFFICER);
  st = stub->StartDrill(coordinator.Ctx().get(), req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const v1::Drill started = resp.drill();
  EXPECT_EQ(started.scenario().id(), "hand_power_cut");
  EXPECT_EQ(started.score().results_size(), checked.expected_size());
  v1::Drill d;
  ASSERT_TRUE(WaitFired(server, coordinator, started.id(), "power_cut", &d));
  ASSERT_EQ(d.incidents_size(), 1);
  EXPECT_EQ(d.incidents(0).location_id(), "hall-a-entrance");
  // Whole, with the checklist's texts (stored once apart from the row).
  ASSERT_GT(d.incidents(0).checklist_size(), 0);
  EXPECT_FALSE(d.incidents(0).checklist(0).text_zh().empty());
  EXPECT_EQ(d.incidents(0).category(), "power_outage");
  EXPECT_TRUE(d.incidents(0).drill());
  ASSERT_NO_FATAL_FAILURE(Advance(server, 20));
  {
    v1::AcknowledgeIncidentRequest ack;
    ack.set_incident_id(d.incidents(0).id());
    v1::IncidentResponse ir;
    auto a = duty.incidents().AcknowledgeIncident(duty.Ctx().get(), ack, &ir);
    ASSERT_TRUE(a.ok()) << a.error_message();
  }
  ASSERT_NO_FATAL_FAILURE(Advance(server, 60));
  ASSERT_TRUE(WaitFired(server, coordinator, started.id(), "rumour", &d));
  EXPECT_EQ(d.last_message(), "（演练）群众询问何时恢复");
  const v1::ExpectationResult* ack = Result(d, "power_cut_acknowledged");
  ASSERT_NE(ack, nullptr);
  EXPECT_EQ(ack->outcome(), v1::ExpectationResult::OUTCOME_ON_TIME);
  EXPECT_EQ(ack->took_seconds(), 20);
  // The run keeps the scenario as started: a GetDrill later shows the same.
  EXPECT_EQ(Get(server, coordinator, started.id()).scenario().injects_size(), 2);

  // It runs out (10 min): its incident is wound down by the system. Built
  // from the fire drill but rehearsing far less (a power cut, no guard, a
  // third of the time), it leaves the fire drill due.
  // Advance waits until the engine has fired all that fell due: its end too.
  ASSERT_NO_FATAL_FAILURE(Advance(server, 600));
  d = Get(server, coordinator, started.id());
  ASSERT_EQ(d.state(), v1::DRILL_STATE_ENDED);
  ASSERT_EQ(d.incidents_size(), 1);
  EXPECT_EQ(d.incidents(0).status(), v1::INCIDENT_STATUS_CLOSED);
  v1::DrillCadence row = FireCadence(server, coordinator);
  EXPECT_TRUE(row.last_drill_id().empty());
  EXPECT_TRUE(row.overdue());

  // The fire drill's own injects, edited by hand (a changed message): it
  // rehearses all the file's does, so its run counts toward its cadence.
  v1::ListDrillScenariosRequest sreq;
  sreq.set_hall_id("hall-a");
  v1::ListDrillScenariosResponse scenarios;
  ASSERT_TRUE(stub->ListDrillScenarios(coordinator.Ctx().get(), sreq, &scenarios).ok());
  v1::DrillScenario fire;
  for (const auto& sf : scenarios.scenarios())
    if (sf.scenario().id() == kScenario) fire = sf.scenario();
  ASSERT_EQ(fire.id(), kScenario);
  fire.set_id(std::string("hand_") + kScenario);
  fire.set_based_on(kScenario);
  for (auto& in : *fire.mutable_injects())
    if (in.kind() == v1::DrillInject::KIND_MESSAGE) in.set_message("（演练）按东侧疏散路线撤离");
  req.set_request_id("hand-2");
  *req.mutable_scenario() = fire;
  st = stub->StartDrill(coordinator.Ctx().get(), req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const std::string second = resp.drill().id();
  // Advance waits until the engine has fired all that fell due: its end too.
  ASSERT_NO_FATAL_FAILURE(Advance(server, fire.duration_seconds() + 1));
  ASSERT_EQ(Get(server, coordinator, second).state(), v1::DRILL_STATE_ENDED);
  row = FireCadence(server, coordinator);
  EXPECT_EQ(row.last_drill_id(), second);
  EXPECT_FALSE(row.overdue());
  // Neither run is in the file scenario's score trend.
  v1::ListDrillsRequest lreq;
  lreq.set_scenario_id(kScenario);
  v1::ListDrillsResponse list;
  ASSERT_TRUE(stub->ListDrills(coordinator.Ctx().get(), lreq, &list).ok());
  EXPECT_EQ(list.drills_size(), 0);
}

TEST_F(DrillTest, AScriptedFireDrillScoresOneOnTimeOneLateAndTheRestMissed) {
  AddDrillPlaces();
  TestServer server(db_.conninfo(), Options());
  Client coordinator = SignedIn(server, "drill");
  Client duty = SignedIn(server, "duty-a");
  v1::Drill d;
  ASSERT_TRUE(Start(server, coordinator, &d, "fire-1").ok());
  ASSERT_EQ(d.state(), v1::DRILL_STATE_RUNNING);
  {
    auto stub = v1::DrillService::NewStub(MakeChannel(server.port()));
    v1::ListDrillScenariosRequest lr;
    lr.set_hall_id("hall-a");
    v1::ListDrillScenariosResponse ls;
    ASSERT_TRUE(stub->ListDrillScenarios(coordinator.Ctx().get(), lr, &ls).ok());
    ASSERT_GT(ls.scenarios_size(), 0);
    EXPECT_EQ(ls.scenarios(0).expected_size(), d.score().results_size());
  }
  ASSERT_GT(d.score().results_size(), 2);
  const std::string id = d.id();

  // The first inject fires at once: a drill incident at 1号窗口 of the run.
  ASSERT_TRUE(WaitFired(server, coordinator, id, "fire_at_window", &d));
  ASSERT_EQ(d.incidents_size(), 1);
  const v1::Incident fire = d.incidents(0);
  EXPECT_TRUE(fire.drill());
  EXPECT_EQ(fire.drill_id(), id);
  EXPECT_EQ(fire.location_id(), "hall-a-window-1");
  EXPECT_EQ(fire.category(), "fire");

  // Acknowledged at once: on time.
  {
    v1::AcknowledgeIncidentRequest req;
    req.set_incident_id(fire.id());
    v1::IncidentResponse resp;
    auto st = duty.incidents().AcknowledgeIncident(duty.Ctx().get(), req, &resp);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }
  // The first step of the fire with a deadline: done 30 s after it.
  const v1::ExpectationResult* step = nullptr;
  for (const auto& r : d.score().results()) {
    if (r.expectation().incident() == "fire_at_window" &&
        r.expectation().kind() == v1::DrillExpectation::KIND_STEP) {
      step = &r;
      break;
    }
  }
  ASSERT_NE(step, nullptr);
  const v1::DrillExpectation late_one = step->expectation();
  ASSERT_NO_FATAL_FAILURE(Advance(server, late_one.within_seconds() + 30));
  {
    v1::CompleteStepRequest req;
    req.set_incident_id(fire.id());
    req.set_step_id(late_one.step_id());
    v1::IncidentResponse resp;
    auto st = duty.incidents().CompleteStep(duty.Ctx().get(), req, &resp);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  // Stopped: what was not done is missed, each with its clause.
  auto stub = v1::DrillService::NewStub(MakeChannel(server.port()));
  v1::StopDrillRequest stop;
  stop.set_drill_id(id);
  stop.set_reason("演练结束");
  v1::DrillResponse stopped;
  auto st = stub->StopDrill(coordinator.Ctx().get(), stop, &stopped);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const v1::Drill& end = stopped.drill();
  EXPECT_EQ(end.state(), v1::DRILL_STATE_STOPPED);
  EXPECT_TRUE(end.score().final());

  const v1::ExpectationResult* ack = nullptr;
  for (const auto& r : end.score().results())
    if (r.expectation().incident() == "fire_at_window" &&
        r.expectation().kind() == v1::DrillExpectation::KIND_ACKNOWLEDGE)
      ack = &r;
  ASSERT_NE(ack, nullptr);
  EXPECT_EQ(ack->outcome(), v1::ExpectationResult::OUTCOME_ON_TIME);
  EXPECT_EQ(ack->took_seconds(), 0);
  const auto* late = Result(end, late_one.id());
  ASSERT_NE(late, nullptr);
  EXPECT_EQ(late->outcome(), v1::ExpectationResult::OUTCOME_LATE);
  EXPECT_EQ(late->late_seconds(), 30);
  EXPECT_FALSE(late->expectation().citation().empty());
  int missed = 0;
  for (const auto& r : end.score().results()) {
    if (&r == ack || r.expectation().id() == late_one.id()) continue;
    EXPECT_EQ(r.outcome(), v1::ExpectationResult::OUTCOME_MISSED) << r.expectation().id();
    EXPECT_FALSE(r.expectation().citation().empty()) << r.expectation().id();
    ++missed;
  }
  EXPECT_EQ(end.score().on_time(), 1);
  EXPECT_EQ(end.score().late(), 1);
  EXPECT_EQ(end.score().missed(), missed);
  const int n = end.score().results_size();
  EXPECT_EQ(end.score().percent(), (3 * 100 + n) / (2 * n));  // on time 2 + late 1 half-points

  // The score is kept as it stood at the end: a response after it changes nothing.
  v1::Drill later = Get(server, coordinator, id);
  EXPECT_EQ(later.score().percent(), end.score().percent());
  // Its incidents were wound down by the system after the score (the
  // resolutions it made count for nothing): closed, no timer left.
  ASSERT_GT(later.incidents_size(), 0);
  store::PgConnection c(db_.conninfo());
  for (const auto& inc : later.incidents()) {
    EXPECT_EQ(inc.status(), v1::INCIDENT_STATUS_CLOSED) << inc.id();
    EXPECT_EQ(
        c.Exec({"drill_timers", "SELECT count(*) FROM timers WHERE incident_id = $1"}, {inc.id()})
            .int64(0, 0),
        0)
        << inc.id();
  }
  // The hall is free for the next run.
  v1::Drill next;
  auto again = Start(server, coordinator, &next, "fire-2");
  ASSERT_TRUE(again.ok()) << again.error_message();
  EXPECT_NE(next.id(), id);
}

TEST_F(DrillTest, KiosksTakingPartSeeTheDrillAndOnlyTheyMaySendDrillPresses) {
  AddDrillPlaces();
  TestServer server(db_.conninfo(), Options());
  Client coordinator = SignedIn(server, "drill");
  Client kiosk(MakeChannel(server.port()));
  ASSERT_TRUE(kiosk.LoginKiosk("kiosk-a").ok());
  Client other(MakeChannel(server.port()));
  ASSERT_TRUE(other.LoginKiosk("kiosk-a2").ok());

  // No drill yet: a drill press is refused, a real one goes through.
  v1::RaiseIncidentResponse r;
  auto st = kiosk.Raise("hall-a", "medical_emergency", &r, "k1", /*drill=*/true);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();

  auto beat = [](Client& k) {
    v1::HeartbeatRequest req;
    v1::HeartbeatResponse resp;
    EXPECT_TRUE(k.directory().Heartbeat(k.Ctx().get(), req, &resp).ok());
    return resp;
  };
  // Scheduled a minute ahead: the kiosk is not told yet (a drill press
  // before the start would be refused).
  v1::Drill d;
  {
    auto stub = v1::DrillService::NewStub(MakeChannel(server.port()));
    v1::StartDrillRequest req;
    req.set_request_id("k-run");
    req.set_hall_id("hall-a");
    req.set_scenario_id(kScenario);
    req.add_kiosk_ids("kiosk-a");
    domain::SetTimestamp(req.mutable_starts_at(), clock_.NowMicros() + 60 * 1'000'000);
    v1::DrillResponse resp;
    ASSERT_TRUE(stub->StartDrill(coordinator.Ctx().get(), req, &resp).ok());
    d = resp.drill();
  }
  EXPECT_TRUE(beat(kiosk).drill_id().empty());
  st = kiosk.Raise("hall-a", "medical_emergency", &r, "k1b", /*drill=*/true);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  ASSERT_NO_FATAL_FAILURE(Advance(server, 61));
  // The cached notice is judged against the clock's now: told at once.
  v1::HeartbeatResponse hb = beat(kiosk);
  EXPECT_EQ(hb.drill_id(), d.id());
  EXPECT_EQ(hb.drill_name_zh(), "火灾疏散演练");
  EXPECT_TRUE(beat(other).drill_id().empty());

  // Taking part: its drill press is the run's.
  st = kiosk.Raise("hall-a", "medical_emergency", &r, "k2", /*drill=*/true);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_TRUE(r.incident().drill());
  EXPECT_EQ(r.incident().drill_id(), d.id());
  // Not taking part: refused.
  st = other.Raise("hall-a", "medical_emergency", &r, "k3", /*drill=*/true);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << st.error_message();
  // A real press during the drill is real: no drill flag, no run.
  st = kiosk.Raise("hall-a", "fire", &r, "k4", /*drill=*/false);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_FALSE(r.incident().drill());
  EXPECT_TRUE(r.incident().drill_id().empty());
  v1::Drill now = Get(server, coordinator, d.id());
  for (const auto& inc : now.incidents()) EXPECT_NE(inc.id(), r.incident().id());
}

TEST_F(DrillTest, ChangesInTheWrongStateAndOverlongTextsAreRefused) {
  AddDrillPlaces();
  TestServer server(db_.conninfo(), Options());
  Client coordinator = SignedIn(server, "drill");
  auto stub = v1::DrillService::NewStub(MakeChannel(server.port()));
  // A start more than 30 days ahead.
  {
    v1::StartDrillRequest req;
    req.set_request_id("far");
    req.set_hall_id("hall-a");
    req.set_scenario_id(kScenario);
    domain::SetTimestamp(req.mutable_starts_at(), clock_.NowMicros() + 31LL * 86400 * 1'000'000);
    v1::DrillResponse resp;
    auto st = stub->StartDrill(coordinator.Ctx().get(), req, &resp);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << st.error_message();
    EXPECT_NE(st.error_message().find("30 days"), std::string::npos) << st.error_message();
  }
  v1::Drill d;
  ASSERT_TRUE(Start(server, coordinator, &d, "w-run").ok());
  v1::DrillRequest req;
  req.set_drill_id(d.id());
  v1::DrillResponse resp;
  auto st = stub->ResumeDrill(coordinator.Ctx().get(), req, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("the drill is running; only a paused drill can be resumed"),
            std::string::npos)
      << st.error_message();
  ASSERT_TRUE(stub->PauseDrill(coordinator.Ctx().get(), req, &resp).ok());
  st = stub->PauseDrill(coordinator.Ctx().get(), req, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("the drill is paused; only a running drill can be paused"),
            std::string::npos)
      << st.error_message();
  // A stop reason over 500 characters; then a stop of a paused drill.
  v1::StopDrillRequest stop;
  stop.set_drill_id(d.id());
  stop.set_reason(std::string(501, 'x'));
  st = stub->StopDrill(coordinator.Ctx().get(), stop, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << st.error_message();
  EXPECT_NE(st.error_message().find("reason"), std::string::npos) << st.error_message();
  stop.set_reason("真实警情，中止演练");
  ASSERT_TRUE(stub->StopDrill(coordinator.Ctx().get(), stop, &resp).ok());
  EXPECT_EQ(resp.drill().state(), v1::DRILL_STATE_STOPPED);
  st = stub->StopDrill(coordinator.Ctx().get(), stop, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("already stopped"), std::string::npos) << st.error_message();
  for (bool pause : {true, false}) {
    st = pause ? stub->PauseDrill(coordinator.Ctx().get(), req, &resp)
               : stub->ResumeDrill(coordinator.Ctx().get(), req, &resp);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_NE(st.error_message().find("the drill is stopped"), std::string::npos)
        << st.error_message();
  }
  // Over-long review texts.
  v1::RecordDrillReviewRequest rev;
  rev.set_drill_id(d.id());
  rev.mutable_review()->set_went_well(std::string(2001, 'x'));
  st = stub->RecordDrillReview(coordinator.Ctx().get(), rev, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << st.error_message();
  rev.mutable_review()->set_went_well("ok");
  for (int i = 0; i < 21; ++i) rev.mutable_review()->add_improvements("改进");
  st = stub->RecordDrillReview(coordinator.Ctx().get(), rev, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << st.error_message();
  EXPECT_FALSE(Get(server, coordinator, d.id()).has_review());
}

TEST_F(DrillTest, StoppingADrillWindsDownItsIncidentsButNeverARealOne) {
  AddDrillPlaces();
  TestServer server(db_.conninfo(), Options());
  Client coordinator = SignedIn(server, "drill");
  Client kiosk(MakeChannel(server.port()));
  ASSERT_TRUE(kiosk.LoginKiosk("kiosk-a").ok());
  v1::Drill d;
  ASSERT_TRUE(Start(server, coordinator, &d, "s-run").ok());
  const std::string id = d.id();
  ASSERT_TRUE(WaitFired(server, coordinator, id, "fire_at_window", &d));
  ASSERT_EQ(d.incidents_size(), 1);
  // A real fire reported during the drill.
  v1::RaiseIncidentResponse real;
  ASSERT_TRUE(kiosk.Raise("hall-a", "fire", &real, "real-1", /*drill=*/false).ok());
  ASSERT_FALSE(real.incident().drill());
  // The coordinator stops the drill in one action.
  auto stub = v1::DrillService::NewStub(MakeChannel(server.port()));
  v1::StopDrillRequest stop;
  stop.set_drill_id(id);
  stop.set_reason("真实火情");
  v1::DrillResponse resp;
  ASSERT_TRUE(stub->StopDrill(coordinator.Ctx().get(), stop, &resp).ok());
  ASSERT_EQ(resp.drill().incidents_size(), 1);
  const v1::Incident& wound = resp.drill().incidents(0);
  EXPECT_EQ(wound.status(), v1::INCIDENT_STATUS_CLOSED);
  EXPECT_EQ(wound.outcome(), v1::OUTCOME_NO_ACTION);
  // Its log says who closed it and why; the real fire is untouched.
  Client duty = SignedIn(server, "duty-a");
  v1::GetIncidentRequest get;
  get.set_incident_id(wound.id());
  v1::GetIncidentResponse got;
  ASSERT_TRUE(duty.incidents().GetIncident(duty.Ctx().get(), get, &got).ok());
  ASSERT_GE(got.timeline_size(), 2);
  const auto& last = got.timeline(got.timeline_size() - 1);
  EXPECT_EQ(last.kind(), v1::EVENT_KIND_CLOSED);
  EXPECT_TRUE(last.drill());
  EXPECT_NE(last.note().find("演练已结束"), std::string::npos) << last.note();
  get.set_incident_id(real.incident().id());
  ASSERT_TRUE(duty.incidents().GetIncident(duty.Ctx().get(), get, &got).ok());
  EXPECT_EQ(got.incident().status(), v1::INCIDENT_STATUS_REPORTED);
}

TEST_F(DrillTest, PauseHoldsTheInjectsAndTheRunEndsByItselfCountingTowardCadence) {
  AddDrillPlaces();
  TestServer server(db_.conninfo(), Options());
  Client coordinator = SignedIn(server, "drill");
  auto stub = v1::DrillService::NewStub(MakeChannel(server.port()));
  v1::Drill d;
  ASSERT_TRUE(Start(server, coordinator, &d, "p-run").ok());
  const std::string id = d.id();
  ASSERT_TRUE(WaitFired(server, coordinator, id, "fire_at_window", &d));

  v1::DrillRequest req;
  req.set_drill_id(id);
  v1::DrillResponse resp;
  ASSERT_TRUE(stub->PauseDrill(coordinator.Ctx().get(), req, &resp).ok());
  EXPECT_EQ(resp.drill().state(), v1::DRILL_STATE_PAUSED);
  // Paused 10 minutes: the entrance inject (at 240 s) does not come.
  ASSERT_NO_FATAL_FAILURE(Advance(server, 600));
  d = Get(server, coordinator, id);
  for (const auto& in : d.injects()) {
    if (in.inject_id() == "crowd_at_entrance") {
      EXPECT_FALSE(in.has_fired_at());
    }
  }
  ASSERT_TRUE(stub->ResumeDrill(coordinator.Ctx().get(), req, &resp).ok());
  EXPECT_EQ(resp.drill().paused_seconds(), 600);
  ASSERT_NO_FATAL_FAILURE(Advance(server, 240));
  ASSERT_TRUE(WaitFired(server, coordinator, id, "crowd_at_entrance", &d));
  EXPECT_EQ(d.incidents_size(), 2);

  // Its duration (30 min) runs out: ended by itself, scored final.
  // Advance waits until the engine has fired all that fell due: its end too.
  ASSERT_NO_FATAL_FAILURE(Advance(server, 1800));
  d = Get(server, coordinator, id);
  ASSERT_EQ(d.state(), v1::DRILL_STATE_ENDED);
  EXPECT_TRUE(d.score().final());

  v1::DrillCadence row = FireCadence(server, coordinator);
  EXPECT_EQ(row.last_drill_id(), id);
  EXPECT_FALSE(row.overdue());
  EXPECT_EQ(row.interval_days(), 180);

  // The review after it, by the coordinator only.
  v1::RecordDrillReviewRequest rev;
  rev.set_drill_id(id);
  rev.mutable_review()->set_went_well("疏散路线清晰");
  rev.mutable_review()->add_improvements("入口增设引导员");
  ASSERT_TRUE(stub->RecordDrillReview(coordinator.Ctx().get(), rev, &resp).ok());
  EXPECT_EQ(resp.drill().review().improvements(0), "入口增设引导员");
  Client duty = SignedIn(server, "duty-a");
  EXPECT_EQ(stub->RecordDrillReview(duty.Ctx().get(), rev, &resp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Listed for the trend.
  v1::ListDrillsRequest lreq;
  lreq.set_scenario_id(kScenario);
  v1::ListDrillsResponse list;
  ASSERT_TRUE(stub->ListDrills(duty.Ctx().get(), lreq, &list).ok());
  ASSERT_EQ(list.drills_size(), 1);
  EXPECT_EQ(list.drills(0).score().percent(), d.score().percent());
}

}  // namespace
}  // namespace hall::testing
