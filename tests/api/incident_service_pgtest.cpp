// The incident, auth and directory services through a real TLS channel on
// a real database: lifecycle, idempotency, scope, and every bad input.
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include "domain/credentials.h"
#include "store/pg.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::testing {
namespace {

class IncidentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SeedBasic(db_.conninfo());
    server_ = std::make_unique<TestServer>(db_.conninfo());
  }
  Client SignedIn(const std::string& user) {
    Client c(MakeChannel(server_->port()));
    auto s = c.Login(user);
    EXPECT_TRUE(s.ok()) << user << ": " << s.error_message();
    return c;
  }
  int64_t Count(const char* table) {
    store::PgConnection c(db_.conninfo());
    return c.ExecSimple({"count", (std::string("SELECT count(*) FROM ") + table).c_str()})
        .int64(0, 0);
  }
  TestDatabase db_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(IncidentServiceTest, HealthAndReflectionAnswer) {
  auto ch = MakeChannel(server_->port());
  grpc::ClientContext ctx;
  grpc::ByteBuffer out;
  // The standard health service: a generic client sees SERVING.
  grpc::GenericStub stub(ch);
  grpc::ClientContext hctx;
  hctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  std::string empty_req;  // HealthCheckRequest{service: ""} is the empty message
  grpc::Slice slice(empty_req);
  grpc::ByteBuffer req(&slice, 1);
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  grpc::Status status;
  stub.UnaryCall(&hctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &req, &out,
                 [&](grpc::Status s) {
                   std::lock_guard l(mu);
                   status = s;
                   done = true;
                   cv.notify_all();
                 });
  std::unique_lock l(mu);
  cv.wait(l, [&] { return done; });
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(out.Dump(&slices).ok());
  std::string bytes;
  for (auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  EXPECT_EQ(bytes, std::string("\x08\x01", 2));  // status: SERVING
}

TEST_F(IncidentServiceTest, FullLifecycleWritesOneEventPerChange) {
  Client duty = SignedIn("duty-a");
  v1::RaiseIncidentResponse raised;
  ASSERT_TRUE(duty.Raise("hall-a", "fire", &raised).ok());
  EXPECT_TRUE(raised.created());
  const auto id = raised.incident().id();
  EXPECT_EQ(raised.incident().status(), v1::INCIDENT_STATUS_REPORTED);
  EXPECT_EQ(raised.incident().severity(), v1::SEVERITY_CRITICAL) << "fire's default severity";

  v1::IncidentResponse r;
  v1::AcknowledgeIncidentRequest ack;
  ack.set_incident_id(id);
  ASSERT_TRUE(duty.incidents().AcknowledgeIncident(duty.Ctx().get(), ack, &r).ok());
  EXPECT_EQ(r.incident().acknowledged_by_name(), "测试 duty-a");

  // Acknowledging twice names the current state.
  auto twice = duty.incidents().AcknowledgeIncident(duty.Ctx().get(), ack, &r);
  EXPECT_EQ(twice.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(twice.error_message().find("acknowledged"), std::string::npos);

  v1::ListPeopleRequest lp;
  lp.set_hall_id("hall-a");
  v1::ListPeopleResponse people;
  ASSERT_TRUE(duty.directory().ListPeople(duty.Ctx().get(), lp, &people).ok());
  std::string guide_id;
  for (auto& p : people.people())
    if (p.username() == "guide-a") guide_id = p.id();
  ASSERT_FALSE(guide_id.empty());

  v1::AssignIncidentRequest assign;
  assign.set_incident_id(id);
  assign.set_assignee_id(guide_id);
  ASSERT_TRUE(duty.incidents().AssignIncident(duty.Ctx().get(), assign, &r).ok());
  EXPECT_EQ(r.incident().assignee_name(), "测试 guide-a");

  v1::AddNoteRequest note;
  note.set_incident_id(id);
  note.set_note("已疏散三楼");
  ASSERT_TRUE(duty.incidents().AddNote(duty.Ctx().get(), note, &r).ok());

  v1::ResolveIncidentRequest resolve;
  resolve.set_incident_id(id);
  resolve.set_outcome(v1::OUTCOME_HANDLED);
  resolve.set_expected_seq(r.incident().last_seq());
  ASSERT_TRUE(duty.incidents().ResolveIncident(duty.Ctx().get(), resolve, &r).ok());

  v1::CloseIncidentRequest close;
  close.set_incident_id(id);
  // The plan's close-out duties come first (东莞 B.4).
  auto early = duty.incidents().CloseIncident(duty.Ctx().get(), close, &r);
  EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(early.error_message().find("after-action summary"), std::string::npos)
      << early.error_message();
  ASSERT_TRUE(duty.FulfilCloseOut(id).ok());
  ASSERT_TRUE(duty.incidents().CloseIncident(duty.Ctx().get(), close, &r).ok());
  EXPECT_EQ(r.incident().status(), v1::INCIDENT_STATUS_CLOSED);

  v1::ReopenIncidentRequest reopen;
  reopen.set_incident_id(id);
  reopen.set_reason("复燃");
  ASSERT_TRUE(duty.incidents().ReopenIncident(duty.Ctx().get(), reopen, &r).ok());
  EXPECT_EQ(r.incident().status(), v1::INCIDENT_STATUS_ACKNOWLEDGED);

  v1::GetIncidentRequest get;
  get.set_incident_id(id);
  v1::GetIncidentResponse got;
  ASSERT_TRUE(duty.incidents().GetIncident(duty.Ctx().get(), get, &got).ok());
  // The lifecycle, one event per change; between resolve and close, the
  // close-out duties (steps, summary, filings), each an event too.
  std::vector<v1::EventKind> kinds;
  int close_out = 0;
  for (auto& e : got.timeline()) {
    bool duty = e.kind() == v1::EVENT_KIND_STEP_DONE || e.kind() == v1::EVENT_KIND_FILED ||
                e.kind() == v1::EVENT_KIND_SUMMARY_RECORDED;
    close_out += duty;
    if (!duty) kinds.push_back(e.kind());
  }
  EXPECT_EQ(kinds, (std::vector<v1::EventKind>{v1::EVENT_KIND_RAISED, v1::EVENT_KIND_ACKNOWLEDGED,
                                               v1::EVENT_KIND_ASSIGNED, v1::EVENT_KIND_NOTE_ADDED,
                                               v1::EVENT_KIND_RESOLVED, v1::EVENT_KIND_CLOSED,
                                               v1::EVENT_KIND_REOPENED}));
  EXPECT_GE(close_out, 3);  // at least the summary and two filings (东莞 B.4)
  EXPECT_EQ(got.timeline(3).note(), "已疏散三楼");
  EXPECT_EQ(got.incident().last_seq(), got.timeline(got.timeline_size() - 1).seq());
  EXPECT_EQ(Count("incident_events"), got.timeline_size());
}

TEST_F(IncidentServiceTest, StaleExpectedSeqIsAborted) {
  Client duty = SignedIn("duty-a");
  v1::RaiseIncidentResponse raised;
  ASSERT_TRUE(duty.Raise("hall-a", "fire", &raised).ok());
  v1::AcknowledgeIncidentRequest ack;
  ack.set_incident_id(raised.incident().id());
  ack.set_expected_seq(raised.incident().last_seq() + 7);
  v1::IncidentResponse r;
  auto s = duty.incidents().AcknowledgeIncident(duty.Ctx().get(), ack, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
}

TEST_F(IncidentServiceTest, RetriedRaiseReturnsTheSameIncident) {
  Client kiosk(MakeChannel(server_->port()));
  ASSERT_TRUE(kiosk.LoginKiosk("kiosk-a").ok());
  v1::RaiseIncidentResponse first, second;
  ASSERT_TRUE(kiosk.Raise("ignored", "panic", &first, "press-0001").ok());
  ASSERT_TRUE(kiosk.Raise("ignored", "panic", &second, "press-0001").ok());
  EXPECT_TRUE(first.created());
  EXPECT_FALSE(second.created());
  EXPECT_EQ(first.incident().id(), second.incident().id());
  // The kiosk's binding decides hall and place, not the request.
  EXPECT_EQ(first.incident().hall_id(), "hall-a");
  EXPECT_EQ(first.incident().location_id(), "hall-a-door");
  EXPECT_EQ(first.incident().reporter().kiosk_id(), "kiosk-a");
  EXPECT_EQ(Count("incidents"), 1);
  EXPECT_EQ(Count("incident_events"), 1);
}

TEST_F(IncidentServiceTest, AKioskSeesOnlyItsOwnReports) {
  Client duty = SignedIn("duty-a");
  v1::RaiseIncidentResponse officers;
  ASSERT_TRUE(duty.Raise("hall-a", "conflict", &officers).ok());
  Client kiosk(MakeChannel(server_->port()));
  ASSERT_TRUE(kiosk.LoginKiosk("kiosk-a").ok());
  v1::RaiseIncidentResponse own;
  ASSERT_TRUE(kiosk.Raise("", "panic", &own).ok());

  v1::GetIncidentRequest get;
  get.set_incident_id(officers.incident().id());
  v1::GetIncidentResponse got;
  EXPECT_EQ(kiosk.incidents().GetIncident(kiosk.Ctx().get(), get, &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  get.set_incident_id(own.incident().id());
  EXPECT_TRUE(kiosk.incidents().GetIncident(kiosk.Ctx().get(), get, &got).ok());

  v1::ListIncidentsResponse listed;
  ASSERT_TRUE(kiosk.incidents().ListIncidents(kiosk.Ctx().get(), {}, &listed).ok());
  ASSERT_EQ(listed.incidents_size(), 1);
  EXPECT_EQ(listed.incidents(0).id(), own.incident().id());

  Watcher w(kiosk, 0);
  auto events = w.Next(2, 1000);
  ASSERT_EQ(events.size(), 1u) << "the officer's incident is not the kiosk's to see";
  EXPECT_EQ(events[0].incident_id(), own.incident().id());
}

TEST_F(IncidentServiceTest, KioskWithdrawsItsOwnFalseAlarmAndItIsKept) {
  Client kiosk(MakeChannel(server_->port()));
  ASSERT_TRUE(kiosk.LoginKiosk("kiosk-a").ok());
  v1::RaiseIncidentResponse raised;
  ASSERT_TRUE(kiosk.Raise("", "fire", &raised).ok());
  v1::WithdrawIncidentRequest w;
  w.set_incident_id(raised.incident().id());
  v1::IncidentResponse r;
  EXPECT_EQ(kiosk.incidents().WithdrawIncident(kiosk.Ctx().get(), w, &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT)
      << "a reason is required";
  w.set_reason("误触");
  ASSERT_TRUE(kiosk.incidents().WithdrawIncident(kiosk.Ctx().get(), w, &r).ok());
  EXPECT_EQ(r.incident().status(), v1::INCIDENT_STATUS_WITHDRAWN);
  EXPECT_EQ(Count("incidents"), 1);
}

TEST_F(IncidentServiceTest, CrossHallAccessIsRefusedEverywhere) {
  Client a = SignedIn("duty-a");
  Client b = SignedIn("duty-b");
  v1::RaiseIncidentResponse raised;
  ASSERT_TRUE(a.Raise("hall-a", "fire", &raised).ok());
  const auto id = raised.incident().id();

  v1::GetIncidentRequest get;
  get.set_incident_id(id);
  v1::GetIncidentResponse got;
  EXPECT_EQ(b.incidents().GetIncident(b.Ctx().get(), get, &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::AcknowledgeIncidentRequest ack;
  ack.set_incident_id(id);
  v1::IncidentResponse r;
  EXPECT_EQ(b.incidents().AcknowledgeIncident(b.Ctx().get(), ack, &r).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::ListIncidentsRequest list;
  list.add_hall_ids("hall-a");
  v1::ListIncidentsResponse listed;
  EXPECT_EQ(b.incidents().ListIncidents(b.Ctx().get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  list.clear_hall_ids();  // own scope: sees nothing of hall-a
  ASSERT_TRUE(b.incidents().ListIncidents(b.Ctx().get(), list, &listed).ok());
  EXPECT_EQ(listed.incidents_size(), 0);

  v1::RaiseIncidentResponse into_a;
  EXPECT_EQ(b.Raise("hall-a", "fire", &into_a).error_code(), grpc::StatusCode::PERMISSION_DENIED);

  Watcher w(b, 0, {"hall-a"});
  EXPECT_TRUE(w.Next(1, 2000).empty());
  EXPECT_EQ(w.AwaitEnd().error_code(), grpc::StatusCode::PERMISSION_DENIED);

  // Leadership sees every hall.
  Client leader = SignedIn("leader");
  ASSERT_TRUE(leader.incidents().GetIncident(leader.Ctx().get(), get, &got).ok());
}

TEST_F(IncidentServiceTest, ListFiltersAndPages) {
  Client duty = SignedIn("duty-a");
  Client drill = SignedIn("drill");
  v1::RaiseIncidentResponse r;
  for (int i = 0; i < 7; ++i)
    ASSERT_TRUE(duty.RaiseNew("hall-a", i % 2 ? "fire" : "crowding", &r).ok());
  ASSERT_TRUE(drill.RaiseNew("hall-a", "fire", &r, true).ok());
  v1::ListIncidentsRequest req;
  req.mutable_page()->set_page_size(3);
  std::set<std::string> ids;
  int pages = 0;
  for (;;) {
    v1::ListIncidentsResponse resp;
    ASSERT_TRUE(duty.incidents().ListIncidents(duty.Ctx().get(), req, &resp).ok());
    ++pages;
    for (auto& i : resp.incidents())
      EXPECT_TRUE(ids.insert(i.id()).second) << "duplicate across pages";
    if (resp.next_page_token().empty()) break;
    req.mutable_page()->set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(ids.size(), 8u);
  EXPECT_EQ(pages, 3);
  v1::ListIncidentsRequest f;
  f.set_category("fire");
  f.set_drill(v1::ListIncidentsRequest::DRILL_FILTER_REAL_ONLY);
  v1::ListIncidentsResponse resp;
  ASSERT_TRUE(duty.incidents().ListIncidents(duty.Ctx().get(), f, &resp).ok());
  EXPECT_EQ(resp.incidents_size(), 3);
  f.set_drill(v1::ListIncidentsRequest::DRILL_FILTER_DRILL_ONLY);
  ASSERT_TRUE(duty.incidents().ListIncidents(duty.Ctx().get(), f, &resp).ok());
  ASSERT_EQ(resp.incidents_size(), 1);
  EXPECT_TRUE(resp.incidents(0).drill());
}

TEST_F(IncidentServiceTest, BadInputGetsAClearStatusAndWritesNothing) {
  Client duty = SignedIn("duty-a");
  auto raise = [&](auto mutate) {
    v1::RaiseIncidentRequest req;
    req.set_request_id("r-1");
    req.set_hall_id("hall-a");
    req.set_category("fire");
    mutate(req);
    v1::RaiseIncidentResponse resp;
    return duty.incidents().RaiseIncident(duty.Ctx().get(), req, &resp);
  };
  struct Case {
    const char* what;
    std::function<void(v1::RaiseIncidentRequest&)> mutate;
    grpc::StatusCode code;
    const char* says;
  };
  std::vector<Case> cases = {
      {"no request id", [](auto& r) { r.clear_request_id(); }, grpc::StatusCode::INVALID_ARGUMENT,
       "request_id is required"},
      {"long request id", [](auto& r) { r.set_request_id(std::string(65, 'x')); },
       grpc::StatusCode::INVALID_ARGUMENT, "request_id is too long"},
      {"no category", [](auto& r) { r.clear_category(); }, grpc::StatusCode::INVALID_ARGUMENT,
       "category is required"},
      {"unknown category", [](auto& r) { r.set_category("meteor"); },
       grpc::StatusCode::INVALID_ARGUMENT, "'meteor' is not in the taxonomy"},
      {"bad severity", [](auto& r) { r.set_severity(static_cast<v1::Severity>(42)); },
       grpc::StatusCode::INVALID_ARGUMENT, "severity 42"},
      {"oversize summary", [](auto& r) { r.set_summary(std::string(501, 'a')); },
       grpc::StatusCode::INVALID_ARGUMENT, "limit is 500"},
      {"negative headcount", [](auto& r) { r.set_headcount(-1); },
       grpc::StatusCode::INVALID_ARGUMENT, "headcount"},
      {"bad hall id", [](auto& r) { r.set_hall_id("Hall A"); }, grpc::StatusCode::INVALID_ARGUMENT,
       "hall_id must be"},
      {"other hall", [](auto& r) { r.set_hall_id("hall-b"); }, grpc::StatusCode::PERMISSION_DENIED,
       "outside your scope"},
      {"foreign location", [](auto& r) { r.set_location_id("hall-b-door"); },
       grpc::StatusCode::INVALID_ARGUMENT, "not a place in hall"},
      {"unknown location", [](auto& r) { r.set_location_id("nowhere"); },
       grpc::StatusCode::INVALID_ARGUMENT, "not a place in hall"},
  };
  for (auto& c : cases) {
    auto s = raise(c.mutate);
    EXPECT_EQ(s.error_code(), c.code) << c.what << ": " << s.error_message();
    EXPECT_NE(s.error_message().find(c.says), std::string::npos)
        << c.what << ": " << s.error_message();
  }
  // Invalid UTF-8 in a string field: protobuf cannot decode the request;
  // the server says so (proto/checked_decode.h), and writes nothing.
  auto utf8 = raise([](auto& r) { r.set_summary("\xff\xfe"); });
  EXPECT_EQ(utf8.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << utf8.error_message();
  EXPECT_NE(utf8.error_message().find("hall.v1.RaiseIncidentRequest"), std::string::npos)
      << utf8.error_message();
  EXPECT_EQ(Count("incidents"), 0);
  EXPECT_EQ(Count("incident_events"), 0);

  v1::IncidentResponse r;
  v1::AcknowledgeIncidentRequest ack;
  ack.set_incident_id("not-an-id");
  EXPECT_EQ(duty.incidents().AcknowledgeIncident(duty.Ctx().get(), ack, &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  ack.set_incident_id(domain::NewUuid());
  auto missing = duty.incidents().AcknowledgeIncident(duty.Ctx().get(), ack, &r);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(missing.error_message().find(ack.incident_id()), std::string::npos);

  v1::AddNoteRequest note;
  note.set_incident_id(ack.incident_id());
  EXPECT_EQ(duty.incidents().AddNote(duty.Ctx().get(), note, &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  note.set_note(std::string(2001, 'n'));
  EXPECT_EQ(duty.incidents().AddNote(duty.Ctx().get(), note, &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::ResolveIncidentRequest res;
  res.set_incident_id(ack.incident_id());
  res.set_outcome(static_cast<v1::Outcome>(99));
  EXPECT_EQ(duty.incidents().ResolveIncident(duty.Ctx().get(), res, &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::ListIncidentsRequest list;
  list.mutable_page()->set_page_token("garbage");
  v1::ListIncidentsResponse lr;
  EXPECT_EQ(duty.incidents().ListIncidents(duty.Ctx().get(), list, &lr).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Count("incident_events"), 0);
}

TEST_F(IncidentServiceTest, AuthFailuresAreUnauthenticatedOrDenied) {
  Client anon(MakeChannel(server_->port()));
  v1::RaiseIncidentResponse r;
  auto s = anon.Raise("hall-a", "fire", &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(s.error_message().find("sign in"), std::string::npos);
  EXPECT_EQ(anon.Login("duty-a", "wrong-password").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(anon.Login("nobody").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(anon.LoginKiosk("kiosk-a", "wrong").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  anon.SetToken("forged-token");
  EXPECT_EQ(anon.Raise("hall-a", "fire", &r).error_code(), grpc::StatusCode::UNAUTHENTICATED);

  // A guide may raise but not resolve; an admin may not raise.
  Client guide = SignedIn("guide-a");
  ASSERT_TRUE(guide.Raise("hall-a", "conflict", &r).ok());
  v1::ResolveIncidentRequest res;
  res.set_incident_id(r.incident().id());
  res.set_outcome(v1::OUTCOME_HANDLED);
  v1::IncidentResponse ir;
  EXPECT_EQ(guide.incidents().ResolveIncident(guide.Ctx().get(), res, &ir).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  Client admin = SignedIn("admin");
  EXPECT_EQ(admin.Raise("hall-a", "fire", &r).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // Only a drill coordinator's drills: a real raise is refused.
  Client drill = SignedIn("drill");
  EXPECT_EQ(drill.Raise("hall-a", "fire", &r).error_code(), grpc::StatusCode::PERMISSION_DENIED);

  // Logout revokes the token, also when the token is warm in the cache
  // (a call right before it) — the path a desk's sign-out takes.
  Client duty = SignedIn("duty-a");
  v1::WhoAmIResponse warm;
  ASSERT_TRUE(duty.auth().WhoAmI(duty.Ctx().get(), {}, &warm).ok());
  v1::LogoutResponse out;
  ASSERT_TRUE(duty.auth().Logout(duty.Ctx().get(), {}, &out).ok());
  v1::WhoAmIResponse who;
  EXPECT_EQ(duty.auth().WhoAmI(duty.Ctx().get(), {}, &who).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // And the server still answers everyone else.
  Client other = SignedIn("duty-b");
  ASSERT_TRUE(other.auth().WhoAmI(other.Ctx().get(), {}, &who).ok());
}

// Sends raw bytes to a method, as a careless or hostile client might.
grpc::Status RawCall(std::shared_ptr<grpc::Channel> ch, const std::string& method,
                     const std::string& bytes, const std::string& token) {
  grpc::GenericStub stub(ch);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
  grpc::Slice slice(bytes);
  grpc::ByteBuffer req(&slice, 1), out;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  grpc::Status status;
  stub.UnaryCall(&ctx, method, grpc::StubOptions(), &req, &out, [&](grpc::Status s) {
    std::lock_guard l(mu);
    status = s;
    done = true;
    cv.notify_all();
  });
  std::unique_lock l(mu);
  cv.wait(l, [&] { return done; });
  return status;
}

TEST_F(IncidentServiceTest, GarbageBytesGetInvalidArgumentAndTheServerKeepsServing) {
  Client duty = SignedIn("duty-a");
  auto ch = MakeChannel(server_->port());
  static constexpr char kGarbage[] = "\xff\xff\xff\xff\x0f garbage \x00\x01";
  const std::string garbage(kGarbage, sizeof kGarbage - 1);  // the NULs included
  for (const char* method :
       {"/hall.v1.IncidentService/RaiseIncident", "/hall.v1.AuthService/Login",
        "/hall.v1.DirectoryService/UpsertPerson", "/hall.v1.EscalationService/UpsertShift",
        // served raw (its events serialized once for all streams): decoded
        // the same way
        "/hall.v1.IncidentService/Watch"}) {
    auto s = RawCall(ch, method, garbage, duty.token());
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << method << ": " << s.error_message();
    EXPECT_NE(s.error_message().find("is not a valid hall.v1."), std::string::npos)
        << s.error_message();
  }
  // Unauthenticated garbage is still a bad request, not a missing method.
  EXPECT_EQ(RawCall(ch, "/hall.v1.IncidentService/GetIncident", garbage, "").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // An unknown method is still UNIMPLEMENTED.
  EXPECT_EQ(RawCall(ch, "/hall.v1.IncidentService/NoSuchMethod", "", duty.token()).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(Count("incidents"), 0);
  // And the server goes on serving well-formed calls.
  v1::RaiseIncidentResponse r;
  EXPECT_TRUE(duty.Raise("hall-a", "fire", &r).ok());
}

TEST_F(IncidentServiceTest, AKioskPressedFiveHundredTimesIsOneIncidentWithItsCount) {
  Client kiosk(MakeChannel(server_->port()));
  ASSERT_TRUE(kiosk.LoginKiosk("kiosk-a").ok());
  Client duty = SignedIn("duty-a");
  Watcher desk(duty, 0);
  v1::RaiseIncidentResponse first;
  ASSERT_TRUE(kiosk.Raise("", "panic", &first, "p-0").ok());
  EXPECT_TRUE(first.created());
  int folded = 0, limited = 0;
  for (int i = 1; i < 500; ++i) {
    v1::RaiseIncidentResponse r;
    auto s = kiosk.Raise("", "panic", &r, "p-" + std::to_string(i));
    if (s.ok()) {
      EXPECT_TRUE(r.folded());
      EXPECT_FALSE(r.created());
      EXPECT_EQ(r.incident().id(), first.incident().id());
      ++folded;
    } else {
      EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
      ++limited;
    }
  }
  EXPECT_EQ(folded, 20) << "presses folding beyond the rate are refused";
  EXPECT_EQ(limited, 479);
  EXPECT_EQ(Count("incidents"), 1);
  // A retried press is counted once.
  v1::RaiseIncidentResponse again;
  ASSERT_TRUE(kiosk.Raise("", "panic", &again, "p-1").ok());
  EXPECT_TRUE(again.folded());
  EXPECT_EQ(again.incident().press_count(), 21);
  // The desk sees one raise (one ring) and the folds as counts.
  auto got = desk.NextOfKind(v1::EVENT_KIND_RAISED, 1);
  auto more = desk.Next(20);
  got.insert(got.end(), more.begin(), more.end());
  int raised = 0, folds = 0;
  for (auto& e : got) {
    raised += e.kind() == v1::EVENT_KIND_RAISED;
    folds += e.kind() == v1::EVENT_KIND_PRESS_FOLDED;
  }
  EXPECT_EQ(raised, 1);
  EXPECT_EQ(folds, 20);
  EXPECT_EQ(got.back().incident().press_count(), 21);
  // The first press of another kind always goes through.
  v1::RaiseIncidentResponse fire;
  ASSERT_TRUE(kiosk.Raise("", "fire", &fire, "f-0").ok());
  EXPECT_TRUE(fire.created());
  // Once the panic is closed, a new press is a new incident.
  for (auto [rpc, note] : {std::pair{"ack", ""}, std::pair{"resolve", ""}}) {
    v1::IncidentResponse r;
    if (std::string(rpc) == "ack") {
      v1::AcknowledgeIncidentRequest a;
      a.set_incident_id(first.incident().id());
      ASSERT_TRUE(duty.incidents().AcknowledgeIncident(duty.Ctx().get(), a, &r).ok());
    } else {
      v1::ResolveIncidentRequest res;
      res.set_incident_id(first.incident().id());
      res.set_outcome(v1::OUTCOME_FALSE_ALARM);
      ASSERT_TRUE(duty.incidents().ResolveIncident(duty.Ctx().get(), res, &r).ok());
    }
  }
  v1::RaiseIncidentResponse fresh;
  ASSERT_TRUE(kiosk.Raise("", "panic", &fresh, "p-after").ok());
  EXPECT_TRUE(fresh.created());
  EXPECT_NE(fresh.incident().id(), first.incident().id());
  EXPECT_EQ(fresh.incident().press_count(), 1);
}

TEST(TokenExpiryTest, AnExpiredTokenIsRefused) {
  TestDatabase db;
  SeedBasic(db.conninfo());
  // Expiry runs on the server's clock: a test clock moved past the shift.
  domain::ManualClock clock(domain::SystemClock::Get().NowMicros());
  TestServerOptions o;
  o.token_ttl_seconds = 3600;
  o.clock = &clock;
  TestServer server(db.conninfo(), o);
  Client duty(MakeChannel(server.port()));
  ASSERT_TRUE(duty.Login("duty-a").ok());
  v1::WhoAmIResponse who;
  ASSERT_TRUE(duty.auth().WhoAmI(duty.Ctx().get(), {}, &who).ok());
  EXPECT_EQ(who.principal().role(), v1::ROLE_DUTY_OFFICER);
  clock.AdvanceSeconds(3599);
  ASSERT_TRUE(duty.auth().WhoAmI(duty.Ctx().get(), {}, &who).ok()) << "expired a second early";
  clock.AdvanceSeconds(2);
  auto s = duty.auth().WhoAmI(duty.Ctx().get(), {}, &who);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(s.error_message().find("expired"), std::string::npos);
}

TEST_F(IncidentServiceTest, DirectoryWritesNeedAdminAndValidate) {
  Client duty = SignedIn("duty-a");
  Client admin = SignedIn("admin");
  v1::UpsertHallRequest h;
  h.mutable_hall()->set_id("hall-c");
  h.mutable_hall()->set_name("新大厅");
  h.mutable_hall()->set_plan_id("hunan");
  v1::HallResponse hr;
  EXPECT_EQ(duty.directory().UpsertHall(duty.Ctx().get(), h, &hr).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(admin.directory().UpsertHall(admin.Ctx().get(), h, &hr).ok());
  h.mutable_hall()->set_plan_id("atlantis");
  auto bad = admin.directory().UpsertHall(admin.Ctx().get(), h, &hr);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(bad.error_message().find("not a known plan"), std::string::npos);

  v1::UpsertKioskRequest k;
  k.mutable_kiosk()->set_id("kiosk-c");
  k.mutable_kiosk()->set_hall_id("hall-c");
  k.mutable_kiosk()->set_location_id("hall-a-door");
  k.mutable_kiosk()->set_name("终端");
  k.mutable_kiosk()->set_active(true);
  v1::KioskResponse kr;
  EXPECT_EQ(admin.directory().UpsertKiosk(admin.Ctx().get(), k, &kr).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  k.mutable_kiosk()->clear_location_id();
  ASSERT_TRUE(admin.directory().UpsertKiosk(admin.Ctx().get(), k, &kr).ok());
  ASSERT_FALSE(kr.secret().empty());
  Client kiosk(MakeChannel(server_->port()));
  ASSERT_TRUE(kiosk.LoginKiosk("kiosk-c", kr.secret()).ok());
  v1::HeartbeatRequest hb;
  hb.set_queued_presses(2);
  v1::HeartbeatResponse hbr;
  ASSERT_TRUE(kiosk.directory().Heartbeat(kiosk.Ctx().get(), hb, &hbr).ok());
  EXPECT_EQ(hbr.interval_seconds(), 10);
  v1::ListKiosksRequest lk;
  lk.set_hall_id("hall-c");
  v1::ListKiosksResponse kl;
  ASSERT_TRUE(admin.directory().ListKiosks(admin.Ctx().get(), lk, &kl).ok());
  ASSERT_EQ(kl.kiosks_size(), 1);
  EXPECT_TRUE(kl.kiosks(0).online());
  // People: the directory checks what an admin types.
  v1::UpsertPersonRequest person;
  person.mutable_person()->set_username("New User");
  person.mutable_person()->set_display_name("新人");
  person.mutable_person()->set_role(v1::ROLE_FLOOR_GUIDE);
  person.mutable_person()->add_hall_ids("hall-c");
  person.set_password("long-enough-1");
  v1::PersonResponse pr;
  auto bad_user = admin.directory().UpsertPerson(admin.Ctx().get(), person, &pr);
  EXPECT_EQ(bad_user.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(bad_user.error_message().find("username"), std::string::npos);
  person.mutable_person()->set_username("new.user");
  person.set_password("short");
  EXPECT_EQ(admin.directory().UpsertPerson(admin.Ctx().get(), person, &pr).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  person.set_password("long-enough-1");
  person.mutable_person()->set_role(v1::ROLE_KIOSK);
  EXPECT_EQ(admin.directory().UpsertPerson(admin.Ctx().get(), person, &pr).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  person.mutable_person()->set_role(v1::ROLE_FLOOR_GUIDE);
  person.mutable_person()->set_hall_ids(0, "hall-zz");
  EXPECT_EQ(admin.directory().UpsertPerson(admin.Ctx().get(), person, &pr).error_code(),
            grpc::StatusCode::NOT_FOUND);
  person.mutable_person()->set_hall_ids(0, "hall-c");
  ASSERT_TRUE(admin.directory().UpsertPerson(admin.Ctx().get(), person, &pr).ok());
  Client newcomer(MakeChannel(server_->port()));
  EXPECT_TRUE(newcomer.Login("new.user", "long-enough-1").ok());
  EXPECT_EQ(duty.directory().UpsertPerson(duty.Ctx().get(), person, &pr).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // The kiosk of another hall is not listed to hall-a's officer.
  EXPECT_EQ(duty.directory().ListKiosks(duty.Ctx().get(), lk, &kl).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace hall::testing
