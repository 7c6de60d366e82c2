// Playbooks through the RPCs on a real database: each hall runs under its
// plan, raising instantiates the checklist, the desk checks steps off or
// skips them, re-triage keeps what was done, grading by metric and by
// duration, playbooks readable without an incident, and a broken reload
// keeps the set in force.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "domain/credentials.h"
#include "hall/v1/playbook.grpc.pb.h"
#include "store/directory_store.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::testing {
namespace {

namespace fs = std::filesystem;

class ChecklistTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SeedBasic(db_.conninfo());
    store::PgConnection c(db_.conninfo());
    for (auto [id, plan] : {std::pair{"hall-j", "jiaxiang"}, std::pair{"hall-h", "hunan"}}) {
      v1::Hall h;
      h.set_id(id);
      h.set_name(id);
      h.set_plan_id(plan);
      store::UpsertHall(c, h);
    }
    v1::Person p;
    p.set_username("duty-jh");
    p.set_display_name("嘉湖值班员");
    p.set_role(v1::ROLE_DUTY_OFFICER);
    p.set_active(true);
    p.add_hall_ids("hall-j");
    p.add_hall_ids("hall-h");
    store::UpsertPerson(c, p, domain::HashSecret(kPassword));
  }
  void Start(const std::string& playbooks = HALL_SOURCE_DIR "/playbooks") {
    server_ = std::make_unique<TestServer>(db_.conninfo(), 3600, playbooks);
    duty_ = std::make_unique<Client>(MakeChannel(server_->port()));
    ASSERT_TRUE(duty_->Login("duty-jh").ok());
  }
  v1::Incident Raise(const std::string& hall, const std::string& category, int headcount = 0) {
    v1::RaiseIncidentRequest req;
    req.set_request_id(domain::NewUuid());
    req.set_hall_id(hall);
    req.set_category(category);
    req.set_headcount(headcount);
    v1::RaiseIncidentResponse resp;
    auto s = duty_->incidents().RaiseIncident(duty_->Ctx().get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return Get(resp.incident().id());
  }
  // The incident whole (its checklist with texts), as GetIncident answers.
  v1::Incident Get(const std::string& id) {
    v1::GetIncidentRequest get;
    get.set_incident_id(id);
    v1::GetIncidentResponse got;
    auto s = duty_->incidents().GetIncident(duty_->Ctx().get(), get, &got);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return got.incident();
  }
  const v1::ChecklistItem* Find(const v1::Incident& inc, const std::string& step) {
    for (const auto& it : inc.checklist()) {
      if (it.step_id() == step) return &it;
    }
    return nullptr;
  }
  grpc::Status Complete(const std::string& id, const std::string& step, v1::IncidentResponse* r,
                        const std::string& note = "") {
    v1::CompleteStepRequest req;
    req.set_incident_id(id);
    req.set_step_id(step);
    req.set_note(note);
    return duty_->incidents().CompleteStep(duty_->Ctx().get(), req, r);
  }
  TestDatabase db_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Client> duty_;
};

TEST_F(ChecklistTest, AJiaxiangPowerFaultCarriesTheFiveMinuteReport) {
  Start();
  v1::Incident inc = Raise("hall-j", "power_outage");
  EXPECT_EQ(inc.plan_id(), "jiaxiang");
  EXPECT_EQ(inc.playbook_version().size(), 64u);
  const auto* report = Find(inc, "report_emergency_office");
  ASSERT_NE(report, nullptr);
  EXPECT_EQ(report->citation(), "嘉祥 四(一)1");
  EXPECT_EQ(report->deadline_minutes(), 5);
  EXPECT_EQ(report->due_at().seconds() - inc.reported_at().seconds(), 300);
  // The after-action steps of the plan come last.
  EXPECT_TRUE(inc.checklist(inc.checklist_size() - 1).close_out());
}

TEST_F(ChecklistTest, TheRaiseAnswersWithoutTheTextsWhichEveryReaderStillGets) {
  Start();
  v1::RaiseIncidentRequest req;
  req.set_request_id(domain::NewUuid());
  req.set_hall_id("hall-j");
  req.set_category("power_outage");
  v1::RaiseIncidentResponse raised;
  ASSERT_TRUE(duty_->incidents().RaiseIncident(duty_->Ctx().get(), req, &raised).ok());
  // The answer: states, ids and deadlines, no fixed texts (a kiosk shows none).
  const v1::Incident& small = raised.incident();
  ASSERT_GT(small.checklist_size(), 0);
  for (const auto& it : small.checklist()) {
    EXPECT_FALSE(it.step_id().empty());
    EXPECT_TRUE(it.text_zh().empty() && it.text_en().empty() && it.citation().empty())
        << it.step_id();
  }
  // A retry of the same request answers the same way.
  v1::RaiseIncidentResponse again;
  ASSERT_TRUE(duty_->incidents().RaiseIncident(duty_->Ctx().get(), req, &again).ok());
  EXPECT_FALSE(again.created());
  EXPECT_TRUE(again.incident().checklist(0).text_zh().empty());
  // GetIncident and ListIncidents carry every text, after a change too.
  v1::Incident whole = Get(small.id());
  ASSERT_EQ(whole.checklist_size(), small.checklist_size());
  for (const auto& it : whole.checklist()) {
    EXPECT_FALSE(it.text_zh().empty()) << it.step_id();
    EXPECT_FALSE(it.citation().empty()) << it.step_id();
  }
  v1::IncidentResponse r;
  ASSERT_TRUE(Complete(small.id(), "report_emergency_office", &r, "已电话报告").ok());
  EXPECT_EQ(r.incident().checklist(0).text_zh(), whole.checklist(0).text_zh());
  v1::ListIncidentsRequest list;
  list.add_hall_ids("hall-j");
  v1::ListIncidentsResponse listed;
  ASSERT_TRUE(duty_->incidents().ListIncidents(duty_->Ctx().get(), list, &listed).ok());
  ASSERT_EQ(listed.incidents_size(), 1);
  for (int i = 0; i < whole.checklist_size(); ++i) {
    EXPECT_EQ(listed.incidents(0).checklist(i).text_zh(), whole.checklist(i).text_zh());
    EXPECT_EQ(listed.incidents(0).checklist(i).citation(), whole.checklist(i).citation());
  }
}

TEST_F(ChecklistTest, CheckOffSkipAndTheirRefusals) {
  Start();
  v1::Incident inc = Raise("hall-j", "power_outage");
  v1::IncidentResponse r;
  ASSERT_TRUE(Complete(inc.id(), "report_emergency_office", &r, "已电话报告").ok());
  const auto* done = Find(r.incident(), "report_emergency_office");
  EXPECT_EQ(done->state(), v1::STEP_STATE_DONE);
  EXPECT_EQ(done->done_by_name(), "嘉湖值班员");
  EXPECT_EQ(done->note(), "已电话报告");

  auto twice = Complete(inc.id(), "report_emergency_office", &r);
  EXPECT_EQ(twice.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(twice.error_message().find("already done"), std::string::npos);
  auto missing = Complete(inc.id(), "no_such_step", &r);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(missing.error_message().find("no_such_step"), std::string::npos);

  v1::SkipStepRequest skip;
  skip.set_incident_id(inc.id());
  skip.set_step_id("contact_property");
  EXPECT_EQ(duty_->incidents().SkipStep(duty_->Ctx().get(), skip, &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT)
      << "a skip needs its reason";
  skip.set_reason("物业已在现场");
  ASSERT_TRUE(duty_->incidents().SkipStep(duty_->Ctx().get(), skip, &r).ok());
  EXPECT_EQ(Find(r.incident(), "contact_property")->state(), v1::STEP_STATE_SKIPPED);

  // Through to closed: the checklist is then frozen.
  v1::AcknowledgeIncidentRequest ack;
  ack.set_incident_id(inc.id());
  ASSERT_TRUE(duty_->incidents().AcknowledgeIncident(duty_->Ctx().get(), ack, &r).ok());
  v1::ResolveIncidentRequest res;
  res.set_incident_id(inc.id());
  res.set_outcome(v1::OUTCOME_HANDLED);
  ASSERT_TRUE(duty_->incidents().ResolveIncident(duty_->Ctx().get(), res, &r).ok());
  ASSERT_TRUE(duty_->FulfilCloseOut(inc.id()).ok());
  v1::CloseIncidentRequest close;
  close.set_incident_id(inc.id());
  ASSERT_TRUE(duty_->incidents().CloseIncident(duty_->Ctx().get(), close, &r).ok());
  auto closed = Complete(inc.id(), "inform_everyone", &r);
  EXPECT_EQ(closed.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // Every check-off is an event in the log.
  v1::GetIncidentRequest get;
  get.set_incident_id(inc.id());
  v1::GetIncidentResponse got;
  ASSERT_TRUE(duty_->incidents().GetIncident(duty_->Ctx().get(), get, &got).ok());
  int step_events = 0;
  for (auto& e : got.timeline()) {
    if (e.kind() == v1::EVENT_KIND_CLOSED) break;  // then the close-out steps
    if ((e.kind() == v1::EVENT_KIND_STEP_DONE || e.kind() == v1::EVENT_KIND_STEP_SKIPPED) &&
        !Find(got.incident(), e.step_id())->close_out()) {
      ++step_events;
      EXPECT_FALSE(e.step_id().empty());
    }
  }
  EXPECT_EQ(step_events, 2);
}

TEST_F(ChecklistTest, RetriageReinstantiatesAndKeepsWhatWasDone) {
  Start();
  v1::Incident inc = Raise("hall-j", "power_outage");
  v1::IncidentResponse r;
  ASSERT_TRUE(Complete(inc.id(), "report_emergency_office", &r).ok());
  v1::RecategorizeIncidentRequest req;
  req.set_incident_id(inc.id());
  req.set_category("fire");
  req.set_reason("现场确认为电气火灾");
  ASSERT_TRUE(duty_->incidents().RecategorizeIncident(duty_->Ctx().get(), req, &r).ok());
  EXPECT_EQ(r.incident().category(), "fire");
  v1::GetIncidentRequest get;
  get.set_incident_id(inc.id());
  v1::GetIncidentResponse got;
  ASSERT_TRUE(duty_->incidents().GetIncident(duty_->Ctx().get(), get, &got).ok());
  const auto& last = got.timeline(got.timeline_size() - 1);
  EXPECT_EQ(last.kind(), v1::EVENT_KIND_RECATEGORIZED);
  EXPECT_EQ(last.from_category(), "power_outage");
  EXPECT_EQ(last.to_category(), "fire");
  EXPECT_EQ(last.note(), "现场确认为电气火灾");
  const auto* kept = Find(r.incident(), "report_emergency_office");
  ASSERT_NE(kept, nullptr);
  EXPECT_EQ(kept->state(), v1::STEP_STATE_DONE);
  int fire_steps = 0;
  for (auto& it : r.incident().checklist())
    fire_steps += it.citation().find("嘉祥 四(") == 0 && it.from_category().empty();
  EXPECT_GT(fire_steps, 0);
  auto same = duty_->incidents().RecategorizeIncident(duty_->Ctx().get(), req, &r);
  EXPECT_EQ(same.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  req.set_category("meteor");
  EXPECT_EQ(duty_->incidents().RecategorizeIncident(duty_->Ctx().get(), req, &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ChecklistTest, GradesByPetitionersAndByOutageDuration) {
  Start();
  v1::Incident group = Raise("hall-j", "group_petition", 6);
  EXPECT_EQ(group.metrics().at("petitioner_count"), 6);
  EXPECT_FALSE(group.grade().empty()) << "five or more petitioners grade a group event";

  v1::Incident outage = Raise("hall-h", "information_system_fault");
  EXPECT_EQ(outage.grade(), "III") << "an outage that has just begun";
  v1::UpdateMetricRequest m;
  m.set_incident_id(outage.id());
  m.set_metric("outage_minutes");
  m.set_value(75);
  v1::IncidentResponse r;
  ASSERT_TRUE(duty_->incidents().UpdateMetric(duty_->Ctx().get(), m, &r).ok());
  EXPECT_EQ(r.incident().grade(), "I");
  EXPECT_EQ(r.incident().severity(), v1::SEVERITY_HIGH);
  m.set_metric("petitioner_count");
  EXPECT_EQ(duty_->incidents().UpdateMetric(duty_->Ctx().get(), m, &r).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION)
      << "this playbook does not grade by petitioners";
  m.set_metric("temperature");
  EXPECT_EQ(duty_->incidents().UpdateMetric(duty_->Ctx().get(), m, &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ChecklistTest, PlaybooksAreReadableWithoutAnIncident) {
  Start();
  auto stub = v1::PlaybookService::NewStub(MakeChannel(server_->port()));
  v1::GetPlaybookRequest req;
  req.set_hall_id("hall-j");
  req.set_category("power_outage");
  v1::GetPlaybookResponse resp;
  ASSERT_TRUE(stub->GetPlaybook(duty_->Ctx().get(), req, &resp).ok());
  EXPECT_EQ(resp.plan_id(), "jiaxiang");
  EXPECT_FALSE(resp.falls_back());
  EXPECT_GT(resp.playbook().steps_size(), 3);
  EXPECT_GT(resp.close_out().steps_size(), 0);
  req.set_hall_id("hall-a");  // outside this officer's scope
  EXPECT_EQ(stub->GetPlaybook(duty_->Ctx().get(), req, &resp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::GetPlanRequest plan;
  plan.set_hall_id("hall-h");
  v1::GetPlanResponse pr;
  ASSERT_TRUE(stub->GetPlan(duty_->Ctx().get(), plan, &pr).ok());
  EXPECT_EQ(pr.plan().short_name(), "湖南");
  v1::PlaybookSetInfo info;
  ASSERT_TRUE(stub->GetPlaybookSet(duty_->Ctx().get(), {}, &info).ok());
  EXPECT_EQ(info.plan_ids_size(), 5);
}

TEST_F(ChecklistTest, PlaybookReadsRefuseBadInputClearly) {
  Start();
  auto stub = v1::PlaybookService::NewStub(MakeChannel(server_->port()));
  v1::GetPlaybookRequest req;
  req.set_hall_id("hall-j");
  req.set_category("meteor");
  v1::GetPlaybookResponse resp;
  auto s = stub->GetPlaybook(duty_->Ctx().get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("meteor"), std::string::npos);
  req.set_category("fire");
  req.set_hall_id("No Such Hall");
  EXPECT_EQ(stub->GetPlaybook(duty_->Ctx().get(), req, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::GetPlanRequest plan;
  plan.set_plan_id("atlantis");
  v1::GetPlanResponse pr;
  s = stub->GetPlan(duty_->Ctx().get(), plan, &pr);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(s.error_message().find("atlantis"), std::string::npos);
  Client anon(MakeChannel(server_->port()));
  EXPECT_EQ(stub->GetPlan(anon.Ctx().get(), plan, &pr).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(ChecklistTest, ABrokenReloadKeepsTheSetInForce) {
  std::string dir = TempDir("hall-reload");
  fs::copy(HALL_SOURCE_DIR "/playbooks", dir, fs::copy_options::recursive);
  Start(dir);
  Client admin(MakeChannel(server_->port()));
  ASSERT_TRUE(admin.Login("admin").ok());
  auto stub = v1::PlaybookService::NewStub(MakeChannel(server_->port()));
  v1::PlaybookSetInfo before, after;
  ASSERT_TRUE(stub->GetPlaybookSet(admin.Ctx().get(), {}, &before).ok());

  std::ofstream(dir + "/jiaxiang.textpb", std::ios::app)
      << "\nplaybooks { category: \"meteor\" }\n";
  auto s = stub->ReloadPlaybooks(admin.Ctx().get(), {}, &after);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("jiaxiang.textpb:"), std::string::npos) << s.error_message();
  EXPECT_NE(s.error_message().find("meteor"), std::string::npos);
  ASSERT_TRUE(stub->GetPlaybookSet(admin.Ctx().get(), {}, &after).ok());
  EXPECT_EQ(after.version(), before.version());
  // And incidents still get their checklists from the good set.
  EXPECT_NE(Find(Raise("hall-j", "power_outage"), "report_emergency_office"), nullptr);
  // Only an admin may reload.
  EXPECT_EQ(stub->ReloadPlaybooks(duty_->Ctx().get(), {}, &after).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace hall::testing
