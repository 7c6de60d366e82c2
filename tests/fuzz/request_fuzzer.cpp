// Fuzz target: bytes as a request of the contract → the server's checked
// decoding (proto/checked_decode.h) → the checks and decisions a handler
// would run on it (domain validators, PlanRaise, ApplyCommand, …).
//
// The first byte picks the request type (every type of kCheckedRequestTypes),
// the rest are its wire bytes. Contracts checked, beyond "no crash, no
// sanitizer report": decoding never fails the call, and bytes that do not
// decode leave the request empty with a reason recorded.
#include <google/protobuf/stubs/logging.h>
#include <grpc/grpc.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/grpc_library.h>

#include <cstdlib>
#include <set>

#include "domain/close_out.h"
#include "domain/credentials.h"
#include "domain/directory_rules.h"
#include "domain/drill_score.h"
#include "domain/escalation.h"
#include "domain/incident_change.h"
#include "domain/raise.h"
#include "domain/statistics.h"
#include "domain/validation.h"
#include "playbook/drill_scenarios.h"
#include "playbook/playbook_set.h"

namespace hall {
namespace {

#define FUZZ_CHECK(cond)                                                               \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)

// The world a handler decides in: the real playbook set, one hall under
// the Hunan plan, a reported and an acknowledged incident.
struct World {
  std::shared_ptr<const playbook::PlaybookSet> set;
  const v1::Plan* plan = nullptr;
  const v1::Playbook* playbook = nullptr;
  domain::Principal who;
  domain::HallPeople people;
  domain::ChangeInput in;
  v1::Incident reported, acknowledged;
};

const World& TheWorld() {
  static const World* w = [] {
    auto* w = new World;
    std::vector<playbook::FileError> errors;
    w->set = playbook::LoadPlaybookSet(HALL_SOURCE_DIR "/playbooks", &errors);
    FUZZ_CHECK(w->set != nullptr);
    w->plan = w->set->FindPlan("hunan");
    w->playbook = w->set->FindPlaybook("hunan", "network_outage");
    FUZZ_CHECK(w->plan && w->playbook);
    w->who.id = "00000000-0000-4000-8000-000000000001";
    w->who.display_name = "值班员";
    w->who.role = v1::ROLE_DUTY_OFFICER;
    w->who.hall_ids = {"hall-a"};
    w->in.plan = w->plan;
    w->in.playbook = w->playbook;
    w->in.chain.playbook = w->playbook;
    w->in.chain.policy = &domain::PolicyFor(*w->plan, w->playbook, &w->in.chain.from_playbook);
    w->in.chain.hall = &w->people;
    v1::RaiseIncidentRequest req;
    req.set_request_id("fuzz");
    req.set_category("network_outage");
    domain::RaiseInput ri;
    ri.incident_id = "00000000-0000-4000-8000-000000000002";
    ri.request = &req;
    ri.reporter = w->who;
    ri.hall_id = "hall-a";
    ri.category = w->set->taxonomy().Find("network_outage");
    ri.plan_id = "hunan";
    ri.plan = w->plan;
    ri.playbook = w->playbook;
    ri.now_us = 1'700'000'000'000'000;
    w->reported = domain::PlanRaise(ri).incident;
    auto ack = domain::ApplyCommand(w->reported, {domain::Action::kAcknowledge}, w->who, w->in,
                                    ri.now_us + 1'000'000);
    FUZZ_CHECK(ack.ok() && !ack.value().empty());
    w->acknowledged = ack.value().back().incident();
    return w;
  }();
  return *w;
}

constexpr int64_t kNow = 1'700'000'060'000'000;

bool Note(const std::string& s, bool required) {
  return !domain::CheckText("note", s, required ? 1 : 0, domain::kMaxNoteChars);
}
bool Step(const std::string& s) { return !domain::CheckText("step_id", s, 1, domain::kMaxIdChars); }

// The incident decisions, on a reported and on an acknowledged incident,
// once the handler's own checks passed (the domain trusts those).
void Decide(domain::Command cmd) {
  const World& w = TheWorld();
  for (const v1::Incident* inc : {&w.reported, &w.acknowledged}) {
    auto r = domain::ApplyCommand(*inc, cmd, w.who, w.in, kNow);
    if (r.ok()) {
      for (const auto& e : r.value()) FUZZ_CHECK(e.incident_id() == inc->id());
    }
  }
}

// Every string field of the request, through the generic text checks.
void CheckStrings(const google::protobuf::Message& m) {
  const auto* d = m.GetDescriptor();
  const auto* r = m.GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const auto* f = d->field(i);
    if (f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
      auto check = [&](const std::string& s) {
        (void)domain::CheckText(f->name(), s, 0, domain::kMaxNoteChars);
        (void)domain::CheckSlug(f->name(), s);
        (void)domain::CheckUuid(f->name(), s);
        if (domain::IsValidUtf8(s)) FUZZ_CHECK(domain::CodePoints(s) <= s.size());
      };
      if (f->is_repeated()) {
        for (int k = 0; k < r->FieldSize(m, f); ++k) check(r->GetRepeatedString(m, f, k));
      } else {
        check(r->GetString(m, f));
      }
    } else if (f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
      if (f->is_repeated()) {
        for (int k = 0; k < r->FieldSize(m, f); ++k) CheckStrings(r->GetRepeatedMessage(m, f, k));
      } else if (r->HasField(m, f)) {
        CheckStrings(r->GetMessage(m, f));
      }
    }
  }
}

// What a handler checks and decides, per request type; most types have
// nothing beyond the text checks.
template <class T>
void Handle(const T&) {}

void Handle(const v1::UpsertHallRequest& r) {
  (void)domain::ValidateHall(r.hall(), TheWorld().set->plan_ids());
}
void Handle(const v1::UpsertLocationRequest& r) { (void)domain::ValidateLocation(r.location()); }
void Handle(const v1::UpsertPersonRequest& r) {
  (void)domain::ValidatePerson(r.person(), r.password(), r.person().id().empty());
}
void Handle(const v1::UpsertKioskRequest& r) { (void)domain::ValidateKiosk(r.kiosk()); }
void Handle(const v1::IssueEnrollmentCodeRequest& r) {
  v1::Kiosk k;
  k.set_id(r.kiosk_id());
  k.set_hall_id(r.hall_id());
  k.set_location_id(r.location_id());
  k.set_name(r.name());
  (void)domain::ValidateKiosk(k);
}
void Handle(const v1::EnrollKioskRequest& r) { (void)domain::IsEnrollmentCodeShape(r.code()); }
void Handle(const v1::SetTierMemberRequest& r) { (void)domain::ValidateTierMember(r.member()); }
void Handle(const v1::UpsertContactRequest& r) { (void)domain::ValidateContact(r.contact()); }
void Handle(const v1::UpsertShiftRequest& r) { (void)domain::ValidateShift(r.shift()); }
void Handle(const v1::UpsertNotifierRequest& r) { (void)domain::ValidateNotifier(r.notifier()); }
void Handle(const v1::UpsertPlannedOutageRequest& r) {
  (void)domain::ValidatePlannedOutage(r.outage());
}

void Handle(const v1::RaiseIncidentRequest& r) {
  const World& w = TheWorld();
  // The handler's checks (api/incident_service.cpp ValidateRaise).
  if (domain::CheckText("request_id", r.request_id(), 1, domain::kMaxIdChars)) return;
  if (domain::CheckText("summary", r.summary(), 0, domain::kMaxSummaryChars)) return;
  if (r.headcount() < 0 || r.headcount() > domain::kMaxHeadcount) return;
  if (!v1::Severity_IsValid(r.severity())) return;
  const v1::Category* category = w.set->taxonomy().Find(r.category());
  if (!category) return;
  domain::RaiseInput ri;
  ri.incident_id = "00000000-0000-4000-8000-000000000003";
  ri.request = &r;
  ri.reporter = w.who;
  ri.hall_id = "hall-a";
  ri.location_id = r.location_id();
  ri.category = category;
  ri.plan_id = "hunan";
  ri.plan = w.plan;
  ri.playbook = w.set->FindPlaybook("hunan", r.category());
  ri.now_us = kNow;
  auto plan = domain::PlanRaise(ri);
  FUZZ_CHECK(plan.incident.id() == ri.incident_id);
  FUZZ_CHECK(plan.incident.hall_id() == "hall-a");
  (void)domain::FoldPress(w.reported, w.who, r.summary(), kNow);
}

void Handle(const v1::AcknowledgeIncidentRequest&) { Decide({domain::Action::kAcknowledge}); }
void Handle(const v1::AssignIncidentRequest& r) {
  if (domain::CheckUuid("assignee_id", r.assignee_id())) return;
  domain::Command c{domain::Action::kAssign};
  c.assignee_id = r.assignee_id();
  c.assignee_name = "值班员";
  Decide(c);
}
void Handle(const v1::AddNoteRequest& r) {
  if (!Note(r.note(), true)) return;
  domain::Command c{domain::Action::kAddNote};
  c.note = r.note();
  Decide(c);
}
void Handle(const v1::ResolveIncidentRequest& r) {
  if (!Note(r.note(), false)) return;
  if (!v1::Outcome_IsValid(r.outcome()) || r.outcome() == v1::OUTCOME_UNSPECIFIED) return;
  domain::Command c{domain::Action::kResolve};
  c.note = r.note();
  c.outcome = r.outcome();
  Decide(c);
}
void Handle(const v1::CloseIncidentRequest& r) {
  if (!Note(r.note(), false)) return;
  domain::Command c{domain::Action::kClose};
  c.note = r.note();
  Decide(c);
}
void Handle(const v1::ReopenIncidentRequest& r) {
  if (!Note(r.reason(), true)) return;
  domain::Command c{domain::Action::kReopen};
  c.note = r.reason();
  Decide(c);
}
void Handle(const v1::WithdrawIncidentRequest& r) {
  if (!Note(r.reason(), true)) return;
  domain::Command c{domain::Action::kWithdraw};
  c.note = r.reason();
  Decide(c);
}
void Handle(const v1::CompleteStepRequest& r) {
  if (!Step(r.step_id()) || !Note(r.note(), false)) return;
  domain::Command c{domain::Action::kCompleteStep};
  c.step_id = r.step_id();
  c.note = r.note();
  Decide(c);
}
void Handle(const v1::SkipStepRequest& r) {
  if (!Step(r.step_id()) || !Note(r.reason(), true)) return;
  domain::Command c{domain::Action::kSkipStep};
  c.step_id = r.step_id();
  c.note = r.reason();
  Decide(c);
}
void Handle(const v1::UpdateMetricRequest& r) {
  if (!playbook::IsKnownMetric(r.metric()) || r.value() < 0 || r.value() > 1'000'000'000) return;
  domain::Command c{domain::Action::kUpdateMetric};
  c.metric = r.metric();
  c.value = r.value();
  Decide(c);
}
void Handle(const v1::RecategorizeIncidentRequest& r) {
  const World& w = TheWorld();
  if (!Note(r.reason(), true) || !v1::Severity_IsValid(r.severity())) return;
  const v1::Category* category = w.set->taxonomy().Find(r.category());
  if (!category) return;
  domain::ChangeInput in = w.in;
  in.category = category;
  in.playbook = w.set->FindPlaybook("hunan", r.category());
  in.chain.playbook = in.playbook;
  in.chain.policy = &domain::PolicyFor(*w.plan, in.playbook, &in.chain.from_playbook);
  domain::Command c{domain::Action::kRecategorize};
  c.category = r.category();
  c.severity = r.severity();
  c.note = r.reason();
  for (const v1::Incident* inc : {&w.reported, &w.acknowledged})
    (void)domain::ApplyCommand(*inc, c, w.who, in, kNow);
}
void Handle(const v1::RecordContactRequest& r) {
  const World& w = TheWorld();
  if (!Step(r.step_id()) || !Note(r.note(), false)) return;
  if (domain::CheckText("number", r.number(), 1, domain::kMaxPhoneChars)) return;
  if (!v1::ContactMethod_IsValid(r.method()) || r.method() == v1::CONTACT_METHOD_UNSPECIFIED)
    return;
  if (domain::CheckText("reference", r.reference(), 0, domain::kMaxReferenceChars)) return;
  v1::ContactRecord rec;
  rec.set_number(r.number());
  rec.set_method(r.method());
  rec.set_reference(r.reference());
  rec.set_note(r.note());
  for (const v1::Incident* inc : {&w.reported, &w.acknowledged})
    (void)domain::RecordContact(*inc, r.step_id(), rec, w.who, kNow);
}
void Handle(const v1::SetGradeRequest& r) {
  const World& w = TheWorld();
  if (domain::CheckText("grade", r.grade(), 1, 16) || !Note(r.reason(), true)) return;
  for (const v1::Incident* inc : {&w.reported, &w.acknowledged})
    (void)domain::SetGrade(*inc, r.grade(), r.reason(), w.who, w.in, kNow);
}
void Chain(domain::ChainAction action, const std::string& reason) {
  const World& w = TheWorld();
  if (!Note(reason, true)) return;
  for (const v1::Incident* inc : {&w.reported, &w.acknowledged})
    (void)domain::ApplyChain(*inc, action, reason, w.who, w.in.chain, kNow);
}
void Handle(const v1::EscalateIncidentRequest& r) {
  Chain(domain::ChainAction::kEscalate, r.reason());
}
void Handle(const v1::DeescalateIncidentRequest& r) {
  Chain(domain::ChainAction::kDeescalate, r.reason());
}

void Handle(const v1::UpsertRegionRequest& r) { (void)domain::ValidateRegion(r.region()); }
void Handle(const v1::SetFloorPlanRequest& r) { (void)domain::ValidateFloorPlan(r.floor_plan()); }
// Close-out duties: the handler's checks, then the decision on a reported
// and an acknowledged incident.
template <class Decide>
void CloseOut(bool valid, Decide decide) {
  if (!valid) return;
  const World& w = TheWorld();
  for (const v1::Incident* inc : {&w.reported, &w.acknowledged}) (void)decide(*inc);
}
void Handle(const v1::DraftStatementRequest& r) {
  CloseOut(!domain::ValidateStatementText(r.text(), r.audience()), [&](const v1::Incident& inc) {
    return domain::DraftStatement(inc, r.text(), r.audience(), TheWorld().who, kNow);
  });
}
void Handle(const v1::DecideStatementRequest& r) {
  CloseOut(Note(r.reason(), !r.approve()), [&](const v1::Incident& inc) {
    auto drafted = domain::DraftStatement(inc, "草稿", "", TheWorld().who, kNow);
    FUZZ_CHECK(drafted.ok());
    return domain::DecideStatement(drafted.value()[0].incident(), r.statement_id(), r.approve(),
                                   r.reason(), TheWorld().who, kNow);
  });
}
void Handle(const v1::RecordSummaryRequest& r) {
  CloseOut(!domain::ValidateSummary(r.summary()), [&](const v1::Incident& inc) {
    return domain::RecordSummary(inc, r.summary(), TheWorld().who, kNow);
  });
}
void Handle(const v1::RecordFilingRequest& r) {
  v1::FilingRecord f;
  f.set_body(r.body());
  f.set_method(r.method());
  f.set_reference(r.reference());
  f.set_note(r.note());
  CloseOut(!domain::ValidateFiling(f), [&](const v1::Incident& inc) {
    return domain::RecordFiling(inc, f, TheWorld().who, kNow);
  });
}
void Handle(const v1::HandOverIncidentRequest& r) {
  v1::Handover h;
  h.set_department(r.department());
  h.set_note(r.note());
  h.set_feedback(r.feedback());
  CloseOut(!domain::ValidateHandover(h),
           [&](const v1::Incident& inc) { return domain::HandOver(inc, h, TheWorld().who, kNow); });
}
void Handle(const v1::UpsertFollowUpRequest& r) {
  v1::FollowUp f;
  f.set_id(r.follow_up_id());
  f.set_text(r.text());
  f.set_owner(r.owner());
  if (r.has_due_at()) *f.mutable_due_at() = r.due_at();
  f.set_done(r.done());
  CloseOut(!domain::ValidateFollowUp(f, f.id().empty()), [&](const v1::Incident& inc) {
    return domain::UpsertFollowUp(inc, f, TheWorld().who, kNow);
  });
}

// A report's period, then the figures over one incident of the Hunan plan
// reported at its start (days, buckets and breaches at any valid time).
void Report(const v1::ReportScope& scope) {
  if (domain::CheckReportPeriod(scope)) return;
  domain::StatisticsInput in;
  in.from_us = domain::ToMicros(scope.from());
  in.to_us = domain::ToMicros(scope.to());
  in.now_us = kNow;
  in.include_drills = scope.include_drills();
  in.targets = [](const v1::Incident&) {
    return domain::StatisticsInput::Targets{300, "", 600, ""};
  };
  v1::Incident inc = TheWorld().reported;
  *inc.mutable_reported_at() = scope.from();
  auto stats = domain::ComputeStatistics({inc}, {inc}, in);
  FUZZ_CHECK(stats.total() + stats.drills_excluded() == 1);
  FUZZ_CHECK(stats.per_day_size() == (stats.total() == 1 ? 1 : 0));
}
void Handle(const v1::StatisticsRequest& r) { Report(r.scope()); }

// A drill start passes its checks only with a start within 30 days of now.
void Handle(const v1::StartDrillRequest& r) {
  int64_t starts = 0;
  if (domain::CheckStartDrill(r, kNow, &starts)) return;
  FUZZ_CHECK(starts >= kNow && starts - kNow <= 30LL * 86400 * 1'000'000);
}
// A hand-built scenario: refused by field path from "scenario", or clean —
// then every response it expects is about one of its own presses, in time.
void Handle(const v1::CheckDrillScenarioRequest& r) {
  auto errors = playbook::CheckHandBuiltScenario(r.scenario(), *TheWorld().set, {});
  for (const auto& e : errors) FUZZ_CHECK(e.field.rfind("scenario", 0) == 0 && e.line == 0);
  if (!errors.empty()) return;
  std::set<std::string> presses;
  for (const auto& in : r.scenario().injects())
    if (in.kind() == v1::DrillInject::KIND_PRESS) presses.insert(in.id());
  FUZZ_CHECK(!presses.empty());
  for (const auto& e : playbook::ExpectedResponses(r.scenario(), *TheWorld().set)) {
    FUZZ_CHECK(presses.count(e.incident()) == 1);
    FUZZ_CHECK(e.within_seconds() > 0);
  }
}
// A review that passes its checks, recorded on a run, scores it the same.
void Handle(const v1::RecordDrillReviewRequest& r) {
  if (domain::CheckDrillReview(r.review())) return;
  v1::Drill d;
  d.set_state(v1::DRILL_STATE_ENDED);
  domain::SetTimestamp(d.mutable_ended_at(), kNow);
  *d.mutable_review() = r.review();
  FUZZ_CHECK(domain::ScoreDrillRun(d, {}, kNow).final());
}
void Handle(const v1::ExportIncidentsRequest& r) { Report(r.scope()); }

template <class T>
void Run(const uint8_t* data, size_t size) {
  grpc::Slice slice(data, size);
  grpc::ByteBuffer buffer(&slice, 1);
  T msg;
  grpc::Status s = grpc::SerializationTraits<T>::Deserialize(&buffer, &msg);
  std::string why = proto::TakeDecodeError();
  FUZZ_CHECK(s.ok());  // never a failed call: the handler answers INVALID_ARGUMENT
  if (!why.empty()) {
    FUZZ_CHECK(msg.ByteSizeLong() == 0);  // a request that did not decode is empty
    FUZZ_CHECK(why.find(T::descriptor()->full_name()) != std::string::npos);
    return;
  }
  CheckStrings(msg);
  Handle(msg);
}

template <class... Ts>
struct Types {
  static constexpr size_t kCount = sizeof...(Ts);
  static void Dispatch(size_t index, const uint8_t* data, size_t size) {
    size_t i = 0;
    ((i++ == index ? Run<Ts>(data, size) : void()), ...);
  }
};

// Every request type of proto/checked_decode.h.
using AllRequests = Types<
    v1::AcknowledgeIncidentRequest, v1::AddNoteRequest, v1::AssignIncidentRequest,
    v1::CancelPlannedOutageRequest, v1::CheckDrillScenarioRequest, v1::CloseIncidentRequest,
    v1::CompleteStepRequest, v1::DecideStatementRequest, v1::DeescalateIncidentRequest,
    v1::DeleteContactRequest, v1::DeleteNotifierRequest, v1::DeleteShiftRequest,
    v1::DraftStatementRequest, v1::DrillCadenceRequest, v1::DrillRequest, v1::EnrollKioskRequest,
    v1::EscalateIncidentRequest, v1::ExportIncidentsRequest, v1::GetFloorPlanRequest,
    v1::GetHallSetupRequest, v1::GetIncidentRequest, v1::GetPlanRequest, v1::GetPlaybookRequest,
    v1::GetPlaybookSetRequest, v1::GetServerInfoRequest, v1::HandOverIncidentRequest,
    v1::HeartbeatRequest, v1::IssueEnrollmentCodeRequest, v1::ListAuditRequest,
    v1::ListCategoriesRequest, v1::ListDrillScenariosRequest, v1::ListDrillsRequest,
    v1::ListHallsRequest, v1::ListIncidentsRequest, v1::ListKiosksRequest, v1::ListLocationsRequest,
    v1::ListPeopleRequest, v1::ListRegionsRequest, v1::ListSetupAuditRequest, v1::LoginRequest,
    v1::LogoutRequest, v1::RaiseIncidentRequest, v1::RecategorizeIncidentRequest,
    v1::RecordContactRequest, v1::RecordDrillReviewRequest, v1::RecordFilingRequest,
    v1::RecordSummaryRequest, v1::ReloadPlaybooksRequest, v1::RemoveTierMemberRequest,
    v1::ReopenIncidentRequest, v1::ResolveIncidentRequest, v1::RevokeKioskRequest,
    v1::SetFloorPlanRequest, v1::SetGradeRequest, v1::SetTierMemberRequest, v1::SkipStepRequest,
    v1::StartDrillRequest, v1::StatisticsRequest, v1::StopDrillRequest, v1::UnlockSignInRequest,
    v1::UpdateMetricRequest, v1::UpsertContactRequest, v1::UpsertFollowUpRequest,
    v1::UpsertHallRequest, v1::UpsertKioskRequest, v1::UpsertLocationRequest,
    v1::UpsertNotifierRequest, v1::UpsertPersonRequest, v1::UpsertPlannedOutageRequest,
    v1::UpsertRegionRequest, v1::UpsertShiftRequest, v1::WatchRequest, v1::WhoAmIRequest,
    v1::WithdrawIncidentRequest>;
static_assert(AllRequests::kCount == std::size(proto::kCheckedRequestTypes),
              "every request type of checked_decode.h is fuzzed");

}  // namespace
}  // namespace hall

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);  // invalid UTF-8 is expected here, not news
  static grpc::internal::GrpcLibraryInitializer init;
  init.summon();
  grpc_init();
  (void)hall::TheWorld();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  hall::AllRequests::Dispatch(data[0] % hall::AllRequests::kCount, data + 1, size - 1);
  return 0;
}
