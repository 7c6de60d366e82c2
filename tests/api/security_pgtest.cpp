// Security, tried from outside as an attacker or a careless client would:
// guessing passwords is slowed and then locked (the same for names that do
// not exist), an admin lifts a lock; kiosk enrollment codes work once and
// expire; a revoked kiosk or a deactivated person is cut off at once,
// streams already open included, on every server; every one of these is in
// the append-only audit log, which only the right people read.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <future>

#include "api/server_core.h"
#include "domain/credentials.h"
#include "domain/incident_state.h"
#include "hall/v1/audit.grpc.pb.h"
#include "store/db_workers.h"
#include "store/directory_store.h"
#include "store/pg.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::testing {
namespace {

class SecurityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SeedBasic(db_.conninfo());
    TestServerOptions o;
    o.clock = &clock_;
    server_ = std::make_unique<TestServer>(db_.conninfo(), o);
  }
  Client New() { return Client(MakeChannel(server_->port())); }
  Client SignedIn(const char* user) {
    Client c = New();
    EXPECT_TRUE(c.Login(user).ok()) << user;
    return c;
  }
  std::vector<v1::AuditEntry> AuditOf(Client& reader, const std::string& action) {
    v1::ListAuditRequest req;
    req.add_actions(action);
    req.mutable_page()->set_page_size(500);
    v1::ListAuditResponse resp;
    auto s = grpc::Status::OK;
    auto stub = v1::AuditService::NewStub(MakeChannel(server_->port()));
    s = stub->ListAudit(reader.Ctx().get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {resp.entries().begin(), resp.entries().end()};
  }
  int64_t Count(const std::string& sql) {
    store::PgConnection c(db_.conninfo());
    return c.ExecSimple({"n", sql.c_str()}).int64(0, 0);
  }

  TestDatabase db_;
  domain::ManualClock clock_{domain::SystemClock::Get().NowMicros()};
  std::unique_ptr<TestServer> server_;
};

TEST_F(SecurityTest, GuessingPasswordsIsLockedOutAndAnAdminCanLiftIt) {
  Client attacker = New();
  for (int i = 0; i < 5; ++i) {
    auto s = attacker.Login("duty-a", "wrong-password");
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << i;
    EXPECT_EQ(s.error_message(), "wrong user name or password");
  }
  // Locked now — even the right password waits.
  auto locked = attacker.Login("duty-a");
  EXPECT_EQ(locked.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(locked.error_message().find("try again in 30 s"), std::string::npos)
      << locked.error_message();
  // A name that does not exist is answered the same way: no leak.
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(attacker.Login("nobody-here", "x").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  auto ghost = attacker.Login("nobody-here", "x");
  EXPECT_EQ(ghost.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  // The lock runs out on the server's clock; the next failure locks longer.
  clock_.AdvanceSeconds(31);
  EXPECT_EQ(attacker.Login("duty-a", "wrong-again").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  auto longer = attacker.Login("duty-a");
  EXPECT_NE(longer.error_message().find("try again in 60 s"), std::string::npos)
      << longer.error_message();
  // An admin lifts it.
  Client admin = SignedIn("admin");
  auto stub = v1::AuthService::NewStub(MakeChannel(server_->port()));
  v1::UnlockSignInRequest unlock;
  unlock.set_username("duty-a");
  v1::UnlockSignInResponse ur;
  ASSERT_TRUE(stub->UnlockSignIn(admin.Ctx().get(), unlock, &ur).ok());
  EXPECT_TRUE(ur.was_locked());
  EXPECT_TRUE(attacker.Login("duty-a").ok());
  // Only an admin may unlock.
  Client duty = SignedIn("duty-b");
  EXPECT_EQ(stub->UnlockSignIn(duty.Ctx().get(), unlock, &ur).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // All of it is in the audit log, with the address and never a password.
  EXPECT_GE(AuditOf(admin, "sign_in_failed").size(), 11u);
  EXPECT_EQ(AuditOf(admin, "locked").size(), 3u);  // duty-a twice, nobody-here once
  auto unlocked = AuditOf(admin, "unlocked");
  ASSERT_EQ(unlocked.size(), 1u);
  EXPECT_EQ(unlocked[0].target(), "duty-a");
  EXPECT_EQ(unlocked[0].source_address(), "127.0.0.1");
  EXPECT_EQ(unlocked[0].detail(), "lock lifted");  // completed by the lift itself
  EXPECT_EQ(
      Count("SELECT count(*) FROM audit_log WHERE detail LIKE '%wrong-password%' OR detail LIKE '%"
            "password-123%'"),
      0);
}

TEST_F(SecurityTest, OneAddressGuessingManyAccountsIsLockedToo) {
  Client attacker = New();
  for (int i = 0; i < 20; ++i) attacker.Login("user" + std::to_string(i), "x");
  auto s = attacker.Login("duty-a");  // a real account, from the same address
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
}

TEST_F(SecurityTest, KioskSecretsAreThrottledLikePasswords) {
  Client kiosk = New();
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(kiosk.LoginKiosk("kiosk-a", "not-the-secret").ok());
  EXPECT_EQ(kiosk.LoginKiosk("kiosk-a").error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(SecurityTest, AnEnrollmentCodeWorksOnceAndExpires) {
  Client admin = SignedIn("admin");
  v1::IssueEnrollmentCodeRequest issue;
  issue.set_kiosk_id("kiosk-new");
  issue.set_hall_id("hall-a");
  issue.set_location_id("hall-a-door");
  issue.set_name("新终端");
  v1::EnrollmentCode code;
  ASSERT_TRUE(admin.directory().IssueEnrollmentCode(admin.Ctx().get(), issue, &code).ok());
  ASSERT_EQ(code.code().size(), 12u);
  EXPECT_NE(code.qr_text().find(code.code()), std::string::npos);
  // Only admins issue codes.
  Client duty = SignedIn("duty-a");
  v1::EnrollmentCode other;
  EXPECT_EQ(duty.directory().IssueEnrollmentCode(duty.Ctx().get(), issue, &other).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  auto auth = v1::AuthService::NewStub(MakeChannel(server_->port()));
  v1::EnrollKioskRequest enroll;
  enroll.set_code(code.code());
  v1::EnrollKioskResponse creds;
  grpc::ClientContext c1;
  ASSERT_TRUE(auth->EnrollKiosk(&c1, enroll, &creds).ok());
  EXPECT_EQ(creds.kiosk_id(), "kiosk-new");
  EXPECT_EQ(creds.location_id(), "hall-a-door");
  Client kiosk = New();
  ASSERT_TRUE(kiosk.LoginKiosk("kiosk-new", creds.secret()).ok());
  // Once only.
  grpc::ClientContext c2;
  auto twice = auth->EnrollKiosk(&c2, enroll, &creds);
  EXPECT_EQ(twice.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(twice.error_message().find("already used or expired"), std::string::npos);
  // Expired after ten minutes.
  ASSERT_TRUE(admin.directory().IssueEnrollmentCode(admin.Ctx().get(), issue, &code).ok());
  clock_.AdvanceSeconds(601);
  enroll.set_code(code.code());
  grpc::ClientContext c3;
  EXPECT_EQ(auth->EnrollKiosk(&c3, enroll, &creds).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // A malformed code is a bad request.
  enroll.set_code("not a code");
  grpc::ClientContext c4;
  EXPECT_EQ(auth->EnrollKiosk(&c4, enroll, &creds).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(AuditOf(admin, "kiosk_enrolled").size(), 1u);
  EXPECT_EQ(AuditOf(admin, "enrollment_issued").size(), 2u);
}

TEST_F(SecurityTest, ARevokedKioskIsCutOffMidStreamOnEveryServer) {
  TestServerOptions o;
  o.clock = &clock_;
  TestServer second(db_.conninfo(), o);
  Client kiosk(MakeChannel(second.port()));
  ASSERT_TRUE(kiosk.LoginKiosk("kiosk-a").ok());
  Watcher stream(kiosk, 0);  // open on the second server
  v1::RaiseIncidentResponse r;
  ASSERT_TRUE(kiosk.Raise("", "panic", &r).ok());
  ASSERT_EQ(stream.NextOfKind(v1::EVENT_KIND_RAISED, 1).size(), 1u);

  Client admin = SignedIn("admin");  // on the first
  v1::RevokeKioskRequest revoke;
  revoke.set_kiosk_id("kiosk-a");
  revoke.set_reason("设备丢失");
  v1::KioskResponse kr;
  ASSERT_TRUE(admin.directory().RevokeKiosk(admin.Ctx().get(), revoke, &kr).ok());
  EXPECT_FALSE(kr.kiosk().active());
  // The stream on the other server ends at once, UNAUTHENTICATED.
  auto ended = stream.AwaitEnd();
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::UNAUTHENTICATED) << ended.error_message();
  // Its token and its secret stop working.
  EXPECT_EQ(kiosk.Raise("", "fire", &r).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(kiosk.LoginKiosk("kiosk-a").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  auto revoked = AuditOf(admin, "kiosk_revoked");
  ASSERT_EQ(revoked.size(), 1u);
  EXPECT_EQ(revoked[0].detail(), "设备丢失");
  EXPECT_EQ(revoked[0].hall_id(), "hall-a");  // read in the revoking transaction
}

TEST_F(SecurityTest, ADeactivatedPersonIsSignedOutEverywhereAtOnce) {
  Client duty = SignedIn("duty-a");
  Watcher desk(duty, 0);
  ASSERT_GE(desk.caught_up_at(), -1);
  Client admin = SignedIn("admin");
  v1::ListPeopleRequest lp;
  v1::ListPeopleResponse people;
  ASSERT_TRUE(admin.directory().ListPeople(admin.Ctx().get(), lp, &people).ok());
  v1::UpsertPersonRequest up;
  for (auto& p : people.people()) {
    if (p.username() == "duty-a") *up.mutable_person() = p;
  }
  up.mutable_person()->set_active(false);
  v1::PersonResponse pr;
  ASSERT_TRUE(admin.directory().UpsertPerson(admin.Ctx().get(), up, &pr).ok());
  EXPECT_EQ(desk.AwaitEnd().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  v1::WhoAmIResponse who;
  EXPECT_EQ(duty.auth().WhoAmI(duty.Ctx().get(), {}, &who).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(AuditOf(admin, "person_changed").size(), 1u);
}

// A sign-in stays cached until the database says it changed, so a press
// after a quiet hour does not wait on reading who pressed. While in use it
// is read again behind the call after a minute — which also catches what
// no notification told, here a session deleted behind the server's back —
// and it is never served ten minutes past its last reading.
TEST_F(SecurityTest, ASignInIsCachedUntilToldAndReadAgainBehindTheCall) {
  Client duty = SignedIn("duty-a");
  store::DbWorkers workers(db_.conninfo(), 1);
  std::atomic<int64_t> seconds{0};  // the cache's (simulated) real time
  api::Authenticator auth(&workers, clock_, [&] {
    return api::Authenticator::Steady::time_point(std::chrono::seconds(seconds.load()));
  });
  // Whom the token signs in as ("" when refused), once answered.
  auto who = [&](const std::string& token) {
    std::promise<std::string> answer;
    auth.AuthenticateToken(
        token, [&](Result<domain::Principal> p) { answer.set_value(p ? p.value().id : ""); });
    return answer.get_future().get();
  };
  const std::string id = who(duty.token());
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(auth.lookups(), 1);
  seconds = 59;  // cached: no reading
  EXPECT_EQ(who(duty.token()), id);
  EXPECT_EQ(auth.lookups(), 1);
  seconds = 61;  // answered from the cache, then read again behind the call
  EXPECT_EQ(who(duty.token()), id);
  ASSERT_TRUE(Eventually([&] { return auth.lookups() == 2; }));
  seconds = 120;  // read at 61: fresh again
  EXPECT_EQ(who(duty.token()), id);
  EXPECT_EQ(auth.lookups(), 2);

  // The session deleted with nobody told (this cache hears no feed): the
  // next re-check finds it gone, and the token stops working.
  store::PgConnection(db_.conninfo()).ExecSimple({"end", "DELETE FROM sessions"});
  seconds = 125;
  EXPECT_EQ(who(duty.token()), id);
  ASSERT_TRUE(Eventually([&] { return auth.lookups() == 3; }));
  EXPECT_EQ(who(duty.token()), "");

  // Never past ten minutes without a reading: then it is a plain miss.
  Client again = SignedIn("duty-a");
  EXPECT_EQ(who(again.token()), id);
  const int64_t read = auth.lookups();
  seconds += 601;
  EXPECT_EQ(who(again.token()), id);
  EXPECT_EQ(auth.lookups(), read + 1);  // read before answering

  // Forgotten while a reading is under way: that reading is not kept, since
  // it may predate the change that made us forget.
  std::promise<void> release;
  workers.Submit(
      [&](store::PgConnection&) -> Status {
        release.get_future().wait();  // holds the one worker
        return kOk;
      },
      nullptr);
  auth.ForgetAll();
  std::promise<std::string> late;
  auth.AuthenticateToken(
      again.token(), [&](Result<domain::Principal> p) { late.set_value(p ? p.value().id : ""); });
  auth.ForgetPrincipal(id);  // while the reading waits behind the held worker
  release.set_value();
  EXPECT_EQ(late.get_future().get(), id);
  const int64_t before = auth.lookups();
  EXPECT_EQ(who(again.token()), id);
  EXPECT_EQ(auth.lookups(), before + 1);  // not cached: read again
}

// What a sign-in or a hall's plan is made of, changed through one server,
// is seen by the other at once (the database's NOTIFY, schema/0008) — not
// a minute later at the other's next re-check. Signing out too.
TEST_F(SecurityTest, AChangedSignInOrHallPlanReachesEveryServerAtOnce) {
  TestServerOptions o;
  o.clock = &clock_;
  TestServer second(db_.conninfo(), o);
  Client duty = SignedIn("duty-a");  // signed in on the first …
  Client there(MakeChannel(second.port()));
  there.SetToken(duty.token());  // … and calling the second
  auto scope_there = [&] {
    v1::WhoAmIResponse me;
    auto s = there.auth().WhoAmI(there.Ctx().get(), {}, &me);
    if (!s.ok())
      return std::string(s.error_code() == grpc::StatusCode::UNAUTHENTICATED ? "refused" : "error");
    std::string halls;
    for (const auto& h : me.principal().hall_ids()) halls += h + " ";
    return halls;
  };
  ASSERT_EQ(scope_there(), "hall-a ");  // now cached there

  Client admin = SignedIn("admin");
  v1::ListPeopleResponse people;
  ASSERT_TRUE(admin.directory().ListPeople(admin.Ctx().get(), {}, &people).ok());
  v1::UpsertPersonRequest up;
  for (auto& p : people.people()) {
    if (p.username() == "duty-a") *up.mutable_person() = p;
  }
  up.mutable_person()->add_hall_ids("hall-b");
  v1::PersonResponse pr;
  ASSERT_TRUE(admin.directory().UpsertPerson(admin.Ctx().get(), up, &pr).ok());
  EXPECT_TRUE(Eventually([&] { return scope_there() == "hall-a hall-b "; }, 5000)) << scope_there();

  // A hall's plan, cached on the second by a press, changed on the first:
  // the second's next press is under the new plan.
  auto plan_there = [&] {
    v1::RaiseIncidentResponse r;
    auto s = there.RaiseNew("hall-a", "panic", &r);
    return s.ok() ? r.incident().plan_id() : s.error_message();
  };
  ASSERT_EQ(plan_there(), "dongguan");
  v1::ListHallsResponse halls;
  ASSERT_TRUE(admin.directory().ListHalls(admin.Ctx().get(), {}, &halls).ok());
  v1::UpsertHallRequest hall;
  for (auto& h : halls.halls()) {
    if (h.id() == "hall-a") *hall.mutable_hall() = h;
  }
  hall.mutable_hall()->set_plan_id("songjiang");
  v1::HallResponse hr;
  ASSERT_TRUE(admin.directory().UpsertHall(admin.Ctx().get(), hall, &hr).ok());
  EXPECT_TRUE(Eventually([&] { return plan_there() == "songjiang"; }, 5000)) << plan_there();

  // Signed out on the first: refused on the second.
  v1::LogoutResponse out;
  ASSERT_TRUE(duty.auth().Logout(duty.Ctx().get(), {}, &out).ok());
  EXPECT_TRUE(Eventually([&] { return scope_there() == "refused"; }, 5000)) << scope_there();
}

TEST_F(SecurityTest, TheAuditLogIsAppendOnlyAndReadByTheRightPeople) {
  Client duty = SignedIn("duty-a");
  // A permission denial is audited.
  v1::UpsertHallRequest h;
  h.mutable_hall()->set_id("hall-x");
  h.mutable_hall()->set_name("x");
  h.mutable_hall()->set_plan_id("dongguan");
  v1::HallResponse hr;
  EXPECT_EQ(duty.directory().UpsertHall(duty.Ctx().get(), h, &hr).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  Client admin = SignedIn("admin");
  auto denied = AuditOf(admin, "permission_denied");
  ASSERT_EQ(denied.size(), 1u);
  EXPECT_EQ(denied[0].target(), "UpsertHall");
  EXPECT_EQ(denied[0].actor_name(), "测试 duty-a");
  EXPECT_FALSE(AuditOf(admin, "sign_in").empty());
  // A duty officer may not read it.
  auto stub = v1::AuditService::NewStub(MakeChannel(server_->port()));
  v1::ListAuditRequest req;
  v1::ListAuditResponse resp;
  EXPECT_EQ(stub->ListAudit(duty.Ctx().get(), req, &resp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // The database refuses changes to it, whoever asks.
  store::PgConnection c(db_.conninfo());
  EXPECT_THROW(c.ExecSimple({"t", "UPDATE audit_log SET detail = 'edited'"}), store::PgError);
  EXPECT_THROW(c.ExecSimple({"t", "DELETE FROM audit_log"}), store::PgError);
}

// A change the caller saw succeed is in the audit log, and a change whose
// audit row could not be written did not happen: one commit for both.
TEST_F(SecurityTest, AChangeAndItsAuditRowAreOneCommit) {
  store::DbWorkers workers(db_.conninfo(), 1);
  auto region = [](const char* id) {
    return [id](store::PgConnection& conn) -> Status {
      v1::Region r;
      r.set_id(id);
      r.set_name(id);
      r.set_level(v1::REGION_LEVEL_PROVINCE);
      store::UpsertRegion(conn, r);
      return kOk;
    };
  };
  v1::AuditEntry entry;
  domain::SetTimestamp(entry.mutable_at(), clock_.NowMicros());
  entry.set_action("region_changed");
  entry.set_target("r-audited");
  EXPECT_FALSE(workers.Run(api::AuditedJob(entry, region("r-audited"))));
  // The row cannot be written (text PostgreSQL refuses): the change is undone.
  v1::AuditEntry bad = entry;
  bad.set_target("r-unaudited");
  bad.set_detail("\xff\xfe not UTF-8");
  EXPECT_TRUE(workers.Run(api::AuditedJob(bad, region("r-unaudited"))));
  // A refused change writes no audit row.
  v1::AuditEntry refused = entry;
  refused.set_target("r-refused");
  EXPECT_EQ(workers
                .Run(api::AuditedJob(refused,
                                     [](store::PgConnection&) -> Status {
                                       return Error::NotFound("no such thing");
                                     }))
                ->code,
            ErrorCode::kNotFound);
  EXPECT_EQ(Count("SELECT count(*) FROM regions WHERE id = 'r-audited'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE target = 'r-audited'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM regions WHERE id = 'r-unaudited'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE target IN ('r-unaudited', 'r-refused')"),
            0);
  // Through the API: the admin's change and its row, answered after both.
  Client admin = SignedIn("admin");
  v1::UpsertRegionRequest req;
  req.mutable_region()->set_id("hunan");
  req.mutable_region()->set_name("湖南省");
  req.mutable_region()->set_level(v1::REGION_LEVEL_PROVINCE);
  v1::RegionResponse resp;
  auto s = admin.directory().UpsertRegion(admin.Ctx().get(), req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  auto rows = AuditOf(admin, "region_changed");
  ASSERT_EQ(rows.size(), 2u);  // newest first
  EXPECT_EQ(rows[0].target(), "hunan");
  EXPECT_EQ(rows[0].actor_name(), "测试 admin");
}

TEST_F(SecurityTest, OversizedRepeatedFieldsAreRefusedByName) {
  Client duty = SignedIn("duty-a");
  v1::ListIncidentsRequest req;
  for (int i = 0; i < 501; ++i) req.add_hall_ids("hall-" + std::to_string(i));
  v1::ListIncidentsResponse resp;
  auto s = duty.incidents().ListIncidents(duty.Ctx().get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("hall_ids holds 501 items; the limit is 500"), std::string::npos)
      << s.error_message();
}

}  // namespace
}  // namespace hall::testing

namespace hall::testing {
namespace {

TEST(SecretFilesTest, APrivateKeyOthersCanReadStopsTheServer) {
  std::string dir = TempDir("hall-key");
  std::string key = dir + "/server.key";
  std::ofstream(key) << "-----BEGIN PRIVATE KEY-----\n";
  ::chmod(key.c_str(), 0644);
  try {
    CheckPrivateFile(key, "--tls-key");
    ADD_FAILURE() << "a world-readable key was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("chmod 600"), std::string::npos) << e.what();
  }
  ::chmod(key.c_str(), 0600);
  EXPECT_NO_THROW(CheckPrivateFile(key, "--tls-key"));
  // The test certificates are made private, as a deployment's must be.
  EXPECT_NO_THROW(CheckPrivateFile(TestCerts::Get().key, "--tls-key"));
}

}  // namespace
}  // namespace hall::testing
