// Every legal and illegal transition of the incident lifecycle.
#include "domain/incident_state.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>

namespace hall::domain {
namespace {

using S = v1::IncidentStatus;
constexpr int64_t kT0 = 1'700'000'000'000'000;

const S kStatuses[] = {v1::INCIDENT_STATUS_REPORTED, v1::INCIDENT_STATUS_ACKNOWLEDGED,
                       v1::INCIDENT_STATUS_RESOLVED, v1::INCIDENT_STATUS_CLOSED,
                       v1::INCIDENT_STATUS_WITHDRAWN};
const Action kLifecycle[] = {Action::kAcknowledge, Action::kAssign, Action::kAddNote,
                             Action::kResolve,     Action::kClose,  Action::kReopen,
                             Action::kWithdraw};
const Action kActions[] = {Action::kAcknowledge,  Action::kAssign,       Action::kAddNote,
                           Action::kResolve,      Action::kClose,        Action::kReopen,
                           Action::kWithdraw,     Action::kCompleteStep, Action::kSkipStep,
                           Action::kRecategorize, Action::kUpdateMetric};

// The whole table: (from, action) → to; absent = refused.
std::optional<S> Expected(S from, Action a) {
  static const std::map<std::pair<S, Action>, S> kLegal = {
      {{v1::INCIDENT_STATUS_REPORTED, Action::kAcknowledge}, v1::INCIDENT_STATUS_ACKNOWLEDGED},
      {{v1::INCIDENT_STATUS_REPORTED, Action::kAssign}, v1::INCIDENT_STATUS_REPORTED},
      {{v1::INCIDENT_STATUS_REPORTED, Action::kAddNote}, v1::INCIDENT_STATUS_REPORTED},
      {{v1::INCIDENT_STATUS_REPORTED, Action::kWithdraw}, v1::INCIDENT_STATUS_WITHDRAWN},
      {{v1::INCIDENT_STATUS_ACKNOWLEDGED, Action::kAssign}, v1::INCIDENT_STATUS_ACKNOWLEDGED},
      {{v1::INCIDENT_STATUS_ACKNOWLEDGED, Action::kAddNote}, v1::INCIDENT_STATUS_ACKNOWLEDGED},
      {{v1::INCIDENT_STATUS_ACKNOWLEDGED, Action::kResolve}, v1::INCIDENT_STATUS_RESOLVED},
      {{v1::INCIDENT_STATUS_ACKNOWLEDGED, Action::kWithdraw}, v1::INCIDENT_STATUS_WITHDRAWN},
      {{v1::INCIDENT_STATUS_RESOLVED, Action::kAddNote}, v1::INCIDENT_STATUS_RESOLVED},
      {{v1::INCIDENT_STATUS_RESOLVED, Action::kClose}, v1::INCIDENT_STATUS_CLOSED},
      {{v1::INCIDENT_STATUS_RESOLVED, Action::kReopen}, v1::INCIDENT_STATUS_ACKNOWLEDGED},
      {{v1::INCIDENT_STATUS_CLOSED, Action::kReopen}, v1::INCIDENT_STATUS_ACKNOWLEDGED},
      // Checklist work and metrics: open or resolved (after-action steps).
      {{v1::INCIDENT_STATUS_REPORTED, Action::kCompleteStep}, v1::INCIDENT_STATUS_REPORTED},
      {{v1::INCIDENT_STATUS_ACKNOWLEDGED, Action::kCompleteStep}, v1::INCIDENT_STATUS_ACKNOWLEDGED},
      {{v1::INCIDENT_STATUS_RESOLVED, Action::kCompleteStep}, v1::INCIDENT_STATUS_RESOLVED},
      {{v1::INCIDENT_STATUS_REPORTED, Action::kSkipStep}, v1::INCIDENT_STATUS_REPORTED},
      {{v1::INCIDENT_STATUS_ACKNOWLEDGED, Action::kSkipStep}, v1::INCIDENT_STATUS_ACKNOWLEDGED},
      {{v1::INCIDENT_STATUS_RESOLVED, Action::kSkipStep}, v1::INCIDENT_STATUS_RESOLVED},
      {{v1::INCIDENT_STATUS_REPORTED, Action::kUpdateMetric}, v1::INCIDENT_STATUS_REPORTED},
      {{v1::INCIDENT_STATUS_ACKNOWLEDGED, Action::kUpdateMetric}, v1::INCIDENT_STATUS_ACKNOWLEDGED},
      {{v1::INCIDENT_STATUS_RESOLVED, Action::kUpdateMetric}, v1::INCIDENT_STATUS_RESOLVED},
      // Re-triage: open incidents only.
      {{v1::INCIDENT_STATUS_REPORTED, Action::kRecategorize}, v1::INCIDENT_STATUS_REPORTED},
      {{v1::INCIDENT_STATUS_ACKNOWLEDGED, Action::kRecategorize}, v1::INCIDENT_STATUS_ACKNOWLEDGED},
  };
  auto it = kLegal.find({from, a});
  if (it == kLegal.end()) return std::nullopt;
  return it->second;
}

Principal Officer() {
  Principal p;
  p.id = "officer-1";
  p.display_name = "值班员";
  p.role = v1::ROLE_DUTY_OFFICER;
  p.hall_ids = {"hall-a"};
  return p;
}

v1::Incident IncidentIn(S status, const Principal& reporter) {
  v1::RaiseIncidentRequest req;
  req.set_category("fire");
  req.set_summary("烟雾");
  v1::Incident inc;
  v1::IncidentEvent ev;
  NewIncident("00000000-0000-4000-8000-000000000001", req, reporter, "hall-a", "",
              v1::SEVERITY_HIGH, kT0, &inc, &ev);
  inc.set_status(status);
  return inc;
}

TEST(IncidentStateTest, EveryTransitionMatchesTheTable) {
  int legal = 0;
  for (S from : kStatuses) {
    for (Action a : kActions) {
      auto got = NextStatus(from, a);
      auto want = Expected(from, a);
      SCOPED_TRACE("from " + StatusName(from) + " action " + std::to_string(static_cast<int>(a)));
      if (want) {
        ASSERT_TRUE(got.ok()) << got.error().message;
        EXPECT_EQ(got.value(), *want);
        ++legal;
      } else {
        ASSERT_FALSE(got.ok());
        EXPECT_EQ(got.error().code, ErrorCode::kFailedPrecondition);
        // The message names the current state so a person knows why.
        EXPECT_NE(got.error().message.find(StatusName(from)), std::string::npos)
            << got.error().message;
      }
    }
  }
  EXPECT_EQ(legal, 23);
}

TEST(IncidentStateTest, ApplyRecordsWhoAndWhenForEachLegalStep) {
  Principal officer = Officer();
  for (S from : kStatuses) {
    for (Action a : kLifecycle) {
      if (!Expected(from, a)) continue;
      v1::Incident cur = IncidentIn(from, officer);  // officer is also the reporter
      Command cmd{a};
      cmd.note = "说明";
      cmd.outcome = v1::OUTCOME_HANDLED;
      cmd.assignee_id = "p-2";
      cmd.assignee_name = "张三";
      v1::Incident next;
      v1::IncidentEvent ev;
      auto s = Apply(cur, cmd, officer, kT0 + 1000, &next, &ev);
      ASSERT_FALSE(s) << s->message;
      EXPECT_EQ(next.status(), *Expected(from, a));
      EXPECT_EQ(ev.actor_id(), "officer-1");
      EXPECT_EQ(ev.actor_name(), "值班员");
      EXPECT_EQ(ToMicros(ev.at()), kT0 + 1000);
      EXPECT_EQ(ev.incident_id(), cur.id());
      EXPECT_EQ(ev.hall_id(), "hall-a");
      EXPECT_EQ(ev.note(), "说明");
      EXPECT_EQ(ToMicros(next.updated_at()), kT0 + 1000);
      if (a == Action::kAcknowledge) {
        EXPECT_EQ(next.acknowledged_by(), "officer-1");
        EXPECT_EQ(ToMicros(next.acknowledged_at()), kT0 + 1000);
      }
      if (a == Action::kAssign) {
        EXPECT_EQ(next.assignee_name(), "张三");
      }
      if (a == Action::kResolve) {
        EXPECT_EQ(next.outcome(), v1::OUTCOME_HANDLED);
      }
      if (a == Action::kReopen) {
        EXPECT_EQ(next.outcome(), v1::OUTCOME_UNSPECIFIED);
        EXPECT_FALSE(next.has_closed_at());
      }
      if (a == Action::kWithdraw) {
        EXPECT_EQ(next.outcome(), v1::OUTCOME_FALSE_ALARM);
      }
    }
  }
}

TEST(IncidentStateTest, IllegalApplyLeavesOutputsUntouched) {
  Principal officer = Officer();
  v1::Incident cur = IncidentIn(v1::INCIDENT_STATUS_CLOSED, officer);
  v1::Incident next;
  next.set_id("sentinel");
  v1::IncidentEvent ev;
  auto s = Apply(cur, Command{Action::kAcknowledge}, officer, kT0, &next, &ev);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(next.id(), "sentinel");
}

TEST(IncidentStateTest, ResolveNeedsAnOutcome) {
  Principal officer = Officer();
  v1::Incident cur = IncidentIn(v1::INCIDENT_STATUS_ACKNOWLEDGED, officer);
  v1::Incident next;
  v1::IncidentEvent ev;
  auto s = Apply(cur, Command{Action::kResolve}, officer, kT0, &next, &ev);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->code, ErrorCode::kInvalidArgument);
}

TEST(IncidentStateTest, OnlyTheReporterWithdrawsAndOnlyInsideTheWindow) {
  Principal kiosk;
  kiosk.id = "kiosk-a";
  kiosk.role = v1::ROLE_KIOSK;
  v1::Incident cur = IncidentIn(v1::INCIDENT_STATUS_REPORTED, kiosk);
  v1::Incident next;
  v1::IncidentEvent ev;
  Command withdraw{Action::kWithdraw};
  withdraw.note = "误触";

  auto other = Apply(cur, withdraw, Officer(), kT0 + 1, &next, &ev);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->code, ErrorCode::kPermissionDenied);

  auto late = Apply(cur, withdraw, kiosk, kT0 + kWithdrawWindowMicros + 1, &next, &ev);
  ASSERT_TRUE(late);
  EXPECT_EQ(late->code, ErrorCode::kFailedPrecondition);

  auto ok = Apply(cur, withdraw, kiosk, kT0 + kWithdrawWindowMicros, &next, &ev);
  ASSERT_FALSE(ok) << ok->message;
  EXPECT_EQ(next.status(), v1::INCIDENT_STATUS_WITHDRAWN);
  EXPECT_EQ(ev.kind(), v1::EVENT_KIND_WITHDRAWN);
}

TEST(IncidentStateTest, NewIncidentCarriesTheDrillFlagOnItsEvent) {
  Principal officer = Officer();
  v1::RaiseIncidentRequest req;
  req.set_category("fire");
  req.set_drill(true);
  v1::Incident inc;
  v1::IncidentEvent ev;
  NewIncident("id-1", req, officer, "hall-a", "loc-1", v1::SEVERITY_CRITICAL, kT0, &inc, &ev);
  EXPECT_TRUE(inc.drill());
  EXPECT_TRUE(ev.drill());
  EXPECT_EQ(inc.status(), v1::INCIDENT_STATUS_REPORTED);
  EXPECT_EQ(inc.reporter().person_id(), "officer-1");
  EXPECT_EQ(ev.kind(), v1::EVENT_KIND_RAISED);
  EXPECT_EQ(inc.location_id(), "loc-1");
}

}  // namespace
}  // namespace hall::domain
