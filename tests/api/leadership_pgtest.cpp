// Leadership across halls, tried from outside: a region tree (湖南省 → 长沙市
// → 岳麓区 / 芙蓉区) scopes every read of a county leader to that county's
// halls and a city leader's to the city; close-out duties (statements and
// their approval, the summary and its filing, hand-over, follow-ups) hold
// an incident open until its plan's duties are done; floor plans are
// images of bounded size, read in scope.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <set>

#include "domain/credentials.h"
#include "store/directory_store.h"
#include "store/pg.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::testing {
namespace {

class LeadershipTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SeedBasic(db_.conninfo());
    server_ = std::make_unique<TestServer>(db_.conninfo());
    admin_ = SignedIn("admin");
    Region("hunan", "湖南省", v1::REGION_LEVEL_PROVINCE, "");
    Region("changsha", "长沙市", v1::REGION_LEVEL_CITY, "hunan");
    Region("yuelu", "岳麓区", v1::REGION_LEVEL_COUNTY, "changsha");
    Region("furong", "芙蓉区", v1::REGION_LEVEL_COUNTY, "changsha");
    Hall("yl-1", "yuelu");
    Hall("yl-2", "yuelu");
    Hall("fr-1", "furong");
    Person("duty-yl", v1::ROLE_DUTY_OFFICER, {"yl-1", "yl-2"}, {});
    Person("duty-fr", v1::ROLE_DUTY_OFFICER, {"fr-1"}, {});
    Person("leader-yl", v1::ROLE_LEADERSHIP, {}, {"yuelu"});
    Person("leader-yl2", v1::ROLE_LEADERSHIP, {}, {"yuelu"});
    Person("leader-cs", v1::ROLE_LEADERSHIP, {}, {"changsha"});
    Person("bureau-hn", v1::ROLE_BUREAU, {}, {"hunan"});
  }

  Client SignedIn(const char* user) {
    Client c(MakeChannel(server_->port()));
    EXPECT_TRUE(c.Login(user).ok()) << user;
    return c;
  }
  grpc::Status Region(const char* id, const char* name, v1::RegionLevel level, const char* parent) {
    v1::UpsertRegionRequest req;
    req.mutable_region()->set_id(id);
    req.mutable_region()->set_name(name);
    req.mutable_region()->set_level(level);
    req.mutable_region()->set_parent_id(parent);
    v1::RegionResponse resp;
    auto s = admin_->directory().UpsertRegion(admin_->Ctx().get(), req, &resp);
    return s;
  }
  void Hall(const char* id, const char* region) {
    v1::UpsertHallRequest req;
    req.mutable_hall()->set_id(id);
    req.mutable_hall()->set_name(std::string("政务服务中心 ") + id);
    req.mutable_hall()->set_plan_id("hunan");
    req.mutable_hall()->set_region_id(region);
    v1::HallResponse resp;
    ASSERT_TRUE(admin_->directory().UpsertHall(admin_->Ctx().get(), req, &resp).ok());
    v1::UpsertLocationRequest loc;
    loc.mutable_location()->set_id(std::string(id) + "-door");
    loc.mutable_location()->set_hall_id(id);
    loc.mutable_location()->set_name("入口");
    v1::LocationResponse lr;
    ASSERT_TRUE(admin_->directory().UpsertLocation(admin_->Ctx().get(), loc, &lr).ok());
  }
  void Person(const char* user, v1::Role role, std::vector<std::string> halls,
              std::vector<std::string> regions) {
    v1::UpsertPersonRequest req;
    auto* p = req.mutable_person();
    p->set_username(user);
    p->set_display_name(std::string("测试 ") + user);
    p->set_role(role);
    for (auto& h : halls) p->add_hall_ids(h);
    for (auto& r : regions) p->add_region_ids(r);
    req.set_password(kPassword);
    v1::PersonResponse resp;
    auto s = admin_->directory().UpsertPerson(admin_->Ctx().get(), req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  std::string RaiseIn(Client& c, const std::string& hall) {
    v1::RaiseIncidentResponse r;
    auto s = c.RaiseAt(hall, hall + "-door", "fire", &r);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return r.incident().id();
  }
  std::set<std::string> HallsListedFor(Client& c) {
    v1::ListIncidentsRequest req;
    v1::ListIncidentsResponse resp;
    auto s = c.incidents().ListIncidents(c.Ctx().get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::set<std::string> halls;
    for (auto& i : resp.incidents()) halls.insert(i.hall_id());
    return halls;
  }

  TestDatabase db_;
  std::unique_ptr<TestServer> server_;
  std::optional<Client> admin_;
};

TEST_F(LeadershipTest, TheRegionTreeRefusesCyclesBadLevelsAndUnknownParents) {
  EXPECT_EQ(Region("x", "某区", v1::REGION_LEVEL_COUNTY, "nowhere").error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  // A city below a county, and a province re-parented below its own city.
  EXPECT_EQ(Region("y", "某市", v1::REGION_LEVEL_CITY, "yuelu").error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  auto cycle = Region("hunan", "湖南省", v1::REGION_LEVEL_PROVINCE, "changsha");
  EXPECT_EQ(cycle.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Region("z", "", v1::REGION_LEVEL_COUNTY, "").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // A hall in a region that does not exist is refused by name.
  v1::UpsertHallRequest h;
  h.mutable_hall()->set_id("nowhere-1");
  h.mutable_hall()->set_name("无处大厅");
  h.mutable_hall()->set_plan_id("hunan");
  h.mutable_hall()->set_region_id("atlantis");
  v1::HallResponse hr;
  auto s = admin_->directory().UpsertHall(admin_->Ctx().get(), h, &hr);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(s.error_message().find("atlantis"), std::string::npos);

  Client leader = SignedIn("leader-yl");
  v1::ListRegionsResponse regions;
  ASSERT_TRUE(leader.directory().ListRegions(leader.Ctx().get(), {}, &regions).ok());
  ASSERT_EQ(regions.regions_size(), 4);
  EXPECT_EQ(regions.regions(0).id(), "hunan");  // parents first
  v1::UpsertRegionRequest mine;
  v1::RegionResponse rr;
  EXPECT_EQ(leader.directory().UpsertRegion(leader.Ctx().get(), mine, &rr).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(LeadershipTest, ACountyLeaderSeesTheirCountyAndNoOtherOnEveryReadPath) {
  Client duty_yl = SignedIn("duty-yl");
  Client duty_fr = SignedIn("duty-fr");
  Client county = SignedIn("leader-yl");
  Client city = SignedIn("leader-cs");
  Client province = SignedIn("bureau-hn");
  Watcher county_watch(county, 0);
  std::string a = RaiseIn(duty_yl, "yl-1");
  std::string b = RaiseIn(duty_yl, "yl-2");
  std::string c = RaiseIn(duty_fr, "fr-1");

  // List.
  EXPECT_EQ(HallsListedFor(county), (std::set<std::string>{"yl-1", "yl-2"}));
  EXPECT_EQ(HallsListedFor(city), (std::set<std::string>{"yl-1", "yl-2", "fr-1"}));
  EXPECT_EQ(HallsListedFor(province), (std::set<std::string>{"yl-1", "yl-2", "fr-1"}));
  v1::ListIncidentsRequest other;
  other.add_hall_ids("fr-1");
  v1::ListIncidentsResponse lr;
  EXPECT_EQ(county.incidents().ListIncidents(county.Ctx().get(), other, &lr).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Get.
  v1::GetIncidentRequest get;
  v1::GetIncidentResponse got;
  get.set_incident_id(a);
  EXPECT_TRUE(county.incidents().GetIncident(county.Ctx().get(), get, &got).ok());
  get.set_incident_id(c);
  EXPECT_EQ(county.incidents().GetIncident(county.Ctx().get(), get, &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(city.incidents().GetIncident(city.Ctx().get(), get, &got).ok());
  // Watch: the county's two raises arrive, the other county's never does.
  auto seen = county_watch.NextOfKind(v1::EVENT_KIND_RAISED, 2);
  std::set<std::string> ids;
  for (auto& e : seen) ids.insert(e.incident_id());
  EXPECT_TRUE(ids.count(a) && ids.count(b));
  EXPECT_FALSE(ids.count(c));
  Watcher denied(county, 0, {"fr-1"});
  EXPECT_EQ(denied.AwaitEnd().error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // Halls and who-am-I show the same scope.
  v1::ListHallsResponse halls;
  ASSERT_TRUE(county.directory().ListHalls(county.Ctx().get(), {}, &halls).ok());
  ASSERT_EQ(halls.halls_size(), 2);
  EXPECT_EQ(halls.halls(0).region_id(), "yuelu");
  v1::WhoAmIResponse who;
  ASSERT_TRUE(county.auth().WhoAmI(county.Ctx().get(), {}, &who).ok());
  EXPECT_EQ(who.principal().hall_ids_size(), 2);
}

TEST_F(LeadershipTest, AnIncidentClosesOnlyWhenItsPlansCloseOutDutiesAreDone) {
  Client duty = SignedIn("duty-yl");
  Client leader = SignedIn("leader-yl");
  Client other_leader = SignedIn("leader-yl2");
  std::string id = RaiseIn(duty, "yl-1");
  v1::IncidentResponse r;

  // Filing needs a summary to file.
  v1::RecordFilingRequest file;
  file.set_incident_id(id);
  file.set_body("leadership_group");
  file.set_method(v1::CONTACT_METHOD_MESSAGE);
  EXPECT_EQ(duty.incidents().RecordFiling(duty.Ctx().get(), file, &r).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  // 舆情: the duty officer drafts, may not approve; a leader approves, but
  // never their own draft; a refusal needs a reason.
  v1::DraftStatementRequest draft;
  draft.set_incident_id(id);
  draft.set_text("今日上午大厅发生小范围火情，已及时处置，无人员伤亡。");
  draft.set_audience("媒体");
  ASSERT_TRUE(duty.incidents().DraftStatement(duty.Ctx().get(), draft, &r).ok());
  ASSERT_EQ(r.incident().statements_size(), 1);
  EXPECT_EQ(r.incident().statements(0).state(), v1::STATEMENT_STATE_PENDING);
  v1::DecideStatementRequest decide;
  decide.set_incident_id(id);
  decide.set_statement_id("s1");
  decide.set_approve(true);
  EXPECT_EQ(duty.incidents().DecideStatement(duty.Ctx().get(), decide, &r).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(leader.incidents().DraftStatement(leader.Ctx().get(), draft, &r).ok());
  decide.set_statement_id("s2");
  auto own = leader.incidents().DecideStatement(leader.Ctx().get(), decide, &r);
  EXPECT_EQ(own.error_code(), grpc::StatusCode::PERMISSION_DENIED) << own.error_message();
  decide.set_approve(false);
  EXPECT_EQ(
      other_leader.incidents().DecideStatement(other_leader.Ctx().get(), decide, &r).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT)
      << "a refusal needs its reason";
  decide.set_reason("措辞需与通报口径一致");
  ASSERT_TRUE(other_leader.incidents().DecideStatement(other_leader.Ctx().get(), decide, &r).ok());
  EXPECT_EQ(r.incident().statements(1).state(), v1::STATEMENT_STATE_REFUSED);

  // Resolved, but the close waits: a statement pending, no summary, not filed.
  v1::AcknowledgeIncidentRequest ack;
  ack.set_incident_id(id);
  ASSERT_TRUE(duty.incidents().AcknowledgeIncident(duty.Ctx().get(), ack, &r).ok());
  v1::ResolveIncidentRequest resolve;
  resolve.set_incident_id(id);
  resolve.set_outcome(v1::OUTCOME_HANDLED);
  ASSERT_TRUE(duty.incidents().ResolveIncident(duty.Ctx().get(), resolve, &r).ok());
  ASSERT_TRUE(duty.CompleteCloseOutSteps(id).ok());
  v1::CloseIncidentRequest close;
  close.set_incident_id(id);
  auto early = duty.incidents().CloseIncident(duty.Ctx().get(), close, &r);
  ASSERT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  for (const char* why : {"statement s1 awaits approval", "after-action summary",
                          "not yet filed with leadership_group"}) {
    EXPECT_NE(early.error_message().find(why), std::string::npos) << early.error_message();
  }
  decide.set_statement_id("s1");
  decide.set_approve(true);
  decide.set_reason("");
  ASSERT_TRUE(leader.incidents().DecideStatement(leader.Ctx().get(), decide, &r).ok());
  EXPECT_EQ(r.incident().statements(0).decided_by_name(), "测试 leader-yl");

  // The summary must be whole.
  v1::RecordSummaryRequest sum;
  sum.set_incident_id(id);
  sum.mutable_summary()->set_cause("配电箱老化短路");
  EXPECT_EQ(duty.incidents().RecordSummary(duty.Ctx().get(), sum, &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  sum.mutable_summary()->set_course("值班员两分钟内确认，疏散并使用灭火器扑灭");
  sum.mutable_summary()->set_went_well("响应及时");
  sum.mutable_summary()->set_improvements("更换老化配电箱");
  ASSERT_TRUE(duty.incidents().RecordSummary(duty.Ctx().get(), sum, &r).ok());
  EXPECT_EQ(r.incident().after_action().written_by_name(), "测试 duty-yl");
  // Hand-over and a follow-up, each recorded.
  v1::HandOverIncidentRequest hand;
  hand.set_incident_id(id);
  hand.set_department("区住建局");
  EXPECT_EQ(duty.incidents().HandOverIncident(duty.Ctx().get(), hand, &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT)
      << "feedback to those involved is required";
  hand.set_feedback("已告知报告人由区住建局跟进");
  ASSERT_TRUE(duty.incidents().HandOverIncident(duty.Ctx().get(), hand, &r).ok());
  v1::UpsertFollowUpRequest fu;
  fu.set_incident_id(id);
  fu.set_text("更换三楼配电箱");
  fu.set_owner("后勤科");
  fu.mutable_due_at()->set_seconds(1900000000);
  ASSERT_TRUE(duty.incidents().UpsertFollowUp(duty.Ctx().get(), fu, &r).ok());
  ASSERT_EQ(r.incident().follow_ups_size(), 1);
  fu.set_follow_up_id("f1");
  fu.set_done(true);
  ASSERT_TRUE(duty.incidents().UpsertFollowUp(duty.Ctx().get(), fu, &r).ok());
  EXPECT_TRUE(r.incident().follow_ups(0).done());

  ASSERT_TRUE(duty.incidents().RecordFiling(duty.Ctx().get(), file, &r).ok());
  EXPECT_FALSE(r.incident().filings(0).simulated());
  ASSERT_TRUE(duty.incidents().CloseIncident(duty.Ctx().get(), close, &r).ok());
  EXPECT_EQ(r.incident().status(), v1::INCIDENT_STATUS_CLOSED);
  // Closed: close-out is frozen until reopened.
  EXPECT_EQ(duty.incidents().DraftStatement(duty.Ctx().get(), draft, &r).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  // Every duty is an event on the timeline.
  v1::GetIncidentRequest get;
  get.set_incident_id(id);
  v1::GetIncidentResponse got;
  ASSERT_TRUE(leader.incidents().GetIncident(leader.Ctx().get(), get, &got).ok());
  std::multiset<int> kinds;
  for (auto& e : got.timeline()) kinds.insert(e.kind());
  EXPECT_EQ(kinds.count(v1::EVENT_KIND_STATEMENT_DRAFTED), 2u);
  EXPECT_EQ(kinds.count(v1::EVENT_KIND_STATEMENT_APPROVED), 1u);
  EXPECT_EQ(kinds.count(v1::EVENT_KIND_STATEMENT_REFUSED), 1u);
  EXPECT_EQ(kinds.count(v1::EVENT_KIND_SUMMARY_RECORDED), 1u);
  EXPECT_EQ(kinds.count(v1::EVENT_KIND_FILED), 1u);
  EXPECT_EQ(kinds.count(v1::EVENT_KIND_HANDED_OVER), 1u);
  EXPECT_EQ(kinds.count(v1::EVENT_KIND_FOLLOW_UP_CHANGED), 2u);
}

TEST_F(LeadershipTest, FloorPlansAreImagesOfBoundedSizeReadInScope) {
  v1::SetFloorPlanRequest set;
  auto* fp = set.mutable_floor_plan();
  fp->set_hall_id("yl-1");
  fp->set_content_type("image/svg+xml");
  fp->set_image(
      "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" "
      "width=\"800\" height=\"600\"><rect width=\"800\" height=\"600\"/></svg>");
  v1::SetFloorPlanResponse ok;
  ASSERT_TRUE(admin_->directory().SetFloorPlan(admin_->Ctx().get(), set, &ok).ok());
  fp->set_image("GIF89a not a floor plan");
  EXPECT_EQ(admin_->directory().SetFloorPlan(admin_->Ctx().get(), set, &ok).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  fp->set_content_type("image/png");
  std::string too_big("\x89PNG\r\n\x1a\n", 8);  // a PNG's signature, then 1 MB
  too_big.append(1000 * 1000, 'x');
  fp->set_image(too_big);
  auto big = admin_->directory().SetFloorPlan(admin_->Ctx().get(), set, &ok);
  EXPECT_EQ(big.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(big.error_message().find("limit"), std::string::npos) << big.error_message();

  Client county = SignedIn("leader-yl");
  v1::GetFloorPlanRequest get;
  get.set_hall_id("yl-1");
  v1::FloorPlan got;
  ASSERT_TRUE(county.directory().GetFloorPlan(county.Ctx().get(), get, &got).ok());
  EXPECT_EQ(got.content_type(), "image/svg+xml");
  EXPECT_NE(got.image().find("<svg"), std::string::npos);
  get.set_hall_id("yl-2");
  EXPECT_EQ(county.directory().GetFloorPlan(county.Ctx().get(), get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
  get.set_hall_id("fr-1");
  EXPECT_EQ(county.directory().GetFloorPlan(county.Ctx().get(), get, &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// ---- reports: statistics and the archive export, scoped like every read.

v1::ReportScope Around(int64_t days_before = 1, int64_t days_after = 1) {
  v1::ReportScope s;
  auto now = std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  s.mutable_from()->set_seconds(now - days_before * 86400);
  s.mutable_to()->set_seconds(now + days_after * 86400);
  return s;
}

std::set<std::string> HallsOf(const v1::Statistics& s) {
  std::set<std::string> out;
  for (const auto& r : s.per_hall()) out.insert(r.key());
  return out;
}

TEST_F(LeadershipTest, StatisticsAndExportsAreScopedToTheCallersRegion) {
  Client duty_yl = SignedIn("duty-yl");
  Client duty_fr = SignedIn("duty-fr");
  Client county = SignedIn("leader-yl");
  Client city = SignedIn("leader-cs");
  RaiseIn(duty_yl, "yl-1");
  RaiseIn(duty_yl, "yl-2");
  RaiseIn(duty_fr, "fr-1");
  v1::RaiseIncidentResponse drill;
  ASSERT_TRUE(duty_fr.RaiseAt("fr-1", "fr-1-door", "power_outage", &drill, "", true).ok());

  auto stats = [](Client& c, v1::ReportScope scope, v1::Statistics* out) {
    v1::StatisticsRequest req;
    *req.mutable_scope() = std::move(scope);
    return c.reports().GetStatistics(c.Ctx().get(), req, out);
  };
  v1::Statistics s;
  ASSERT_TRUE(stats(county, Around(), &s).ok());
  EXPECT_EQ(HallsOf(s), (std::set<std::string>{"yl-1", "yl-2"}));
  EXPECT_EQ(s.total(), 2);
  ASSERT_TRUE(stats(city, Around(), &s).ok());
  EXPECT_EQ(HallsOf(s), (std::set<std::string>{"yl-1", "yl-2", "fr-1"}));
  EXPECT_EQ(s.total(), 3);
  EXPECT_EQ(s.drills_excluded(), 1);  // drills stay out unless asked for
  auto with_drills = Around();
  with_drills.set_include_drills(true);
  ASSERT_TRUE(stats(city, with_drills, &s).ok());
  EXPECT_EQ(s.total(), 4);
  EXPECT_EQ(s.time_to_acknowledge().measured(), 0);  // nobody acknowledged yet
  ASSERT_GT(s.per_day_size(), 0);

  // A city leader may narrow to one county; a county leader may not widen
  // to the city or look at the other county, by region or by hall.
  auto furong = Around();
  furong.set_region_id("furong");
  ASSERT_TRUE(stats(city, furong, &s).ok());
  EXPECT_EQ(HallsOf(s), (std::set<std::string>{"fr-1"}));
  auto r = stats(county, furong, &s);
  EXPECT_EQ(r.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(r.error_message().find("outside your scope"), std::string::npos) << r.error_message();
  auto changsha = Around();
  changsha.set_region_id("changsha");
  EXPECT_EQ(stats(county, changsha, &s).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  auto fr_hall = Around();
  fr_hall.add_hall_ids("fr-1");
  EXPECT_EQ(stats(county, fr_hall, &s).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  auto nowhere = Around();
  nowhere.set_region_id("nowhere");
  EXPECT_EQ(stats(city, nowhere, &s).error_code(), grpc::StatusCode::NOT_FOUND);

  // A report for ten years is refused with a reason, as is a missing end.
  r = stats(city, Around(3650, 1), &s);
  EXPECT_EQ(r.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(r.error_message().find("at most 366 days"), std::string::npos) << r.error_message();
  auto bad_region = Around();
  bad_region.set_region_id("Not A Region!");
  r = stats(city, bad_region, &s);
  EXPECT_EQ(r.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(r.error_message().find("scope.region_id"), std::string::npos) << r.error_message();
  auto open_ended = Around();
  open_ended.clear_to();
  EXPECT_EQ(stats(city, open_ended, &s).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // Floor guides have no reports; drill coordinators neither.
  Person("guide-yl", v1::ROLE_FLOOR_GUIDE, {"yl-1"}, {});
  Client guide = SignedIn("guide-yl");
  EXPECT_EQ(stats(guide, Around(), &s).error_code(), grpc::StatusCode::PERMISSION_DENIED);

  // The export pages through the same scope, oldest first, with progress.
  v1::ExportIncidentsRequest ex;
  *ex.mutable_scope() = Around();
  ex.set_page_size(1);
  std::set<std::string> exported_halls;
  int pages = 0;
  for (;;) {
    v1::ExportIncidentsResponse page;
    auto st = county.reports().ExportIncidents(county.Ctx().get(), ex, &page);
    ASSERT_TRUE(st.ok()) << st.error_message();
    ++pages;
    EXPECT_EQ(page.total(), 2);
    EXPECT_EQ(page.done(), pages);
    for (const auto& e : page.incidents()) {
      exported_halls.insert(e.incident().hall_id());
      ASSERT_GT(e.timeline_size(), 0);
      EXPECT_EQ(e.timeline(0).kind(), v1::EVENT_KIND_RAISED);
    }
    if (page.next_page_token().empty()) break;
    ex.set_page_token(page.next_page_token());
    ASSERT_LT(pages, 5);
  }
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(exported_halls, (std::set<std::string>{"yl-1", "yl-2"}));
  ex.set_page_size(-1);
  v1::ExportIncidentsResponse refused;
  EXPECT_EQ(county.reports().ExportIncidents(county.Ctx().get(), ex, &refused).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  ex.set_page_size(1);
  ex.set_page_token("forged:token");
  v1::ExportIncidentsResponse page;
  EXPECT_EQ(county.reports().ExportIncidents(county.Ctx().get(), ex, &page).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  ex.clear_page_token();
  *ex.mutable_scope() = furong;
  EXPECT_EQ(county.reports().ExportIncidents(county.Ctx().get(), ex, &page).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace hall::testing
