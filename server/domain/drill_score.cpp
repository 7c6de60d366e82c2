#include "domain/drill_score.h"

#include <algorithm>
#include <optional>

#include "domain/incident_state.h"
#include "domain/validation.h"

namespace hall::domain {
namespace {

constexpr int64_t kSecondUs = 1'000'000;

// When the incident did what `e` expects, or nullopt while it has not.
std::optional<int64_t> DoneAt(const v1::DrillExpectation& e, const v1::Incident& inc) {
  switch (e.kind()) {
    case v1::DrillExpectation::KIND_ACKNOWLEDGE:
      if (inc.has_acknowledged_at()) return ToMicros(inc.acknowledged_at());
      return std::nullopt;
    case v1::DrillExpectation::KIND_RESOLVE:
      if (inc.has_resolved_at()) return ToMicros(inc.resolved_at());
      return std::nullopt;
    case v1::DrillExpectation::KIND_STEP:
    case v1::DrillExpectation::KIND_CONTACT:
      for (const auto& step : inc.checklist()) {
        const bool match = e.kind() == v1::DrillExpectation::KIND_STEP
                               ? step.step_id() == e.step_id()
                               : (step.step_id() == e.step_id() ||
                                  (!e.party().empty() && step.contact_party() == e.party()));
        if (match && step.state() == v1::STEP_STATE_DONE && step.has_done_at())
          return ToMicros(step.done_at());
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace

v1::DrillScore ScoreDrill(const std::vector<v1::DrillExpectation>& expected, const DrillRun& run) {
  v1::DrillScore score;
  int points = 0;  // half points: on time 2, late 1
  for (const auto& e : expected) {
    v1::ExpectationResult* r = score.add_results();
    *r->mutable_expectation() = e;
    auto injected = run.injected_at_us.find(e.incident());
    auto inc = run.incidents.find(e.incident());
    if (injected == run.injected_at_us.end() || inc == run.incidents.end()) {
      // Its inject has not come (or the drill ended before it did).
      r->set_outcome(run.ended ? v1::ExpectationResult::OUTCOME_MISSED
                               : v1::ExpectationResult::OUTCOME_PENDING);
    } else {
      r->set_incident_id(inc->second.id());
      const int64_t due = injected->second + int64_t{e.within_seconds()} * kSecondUs;
      if (auto done = DoneAt(e, inc->second)) {
        r->set_took_seconds((*done - injected->second) / kSecondUs);
        if (*done <= due) {
          r->set_outcome(v1::ExpectationResult::OUTCOME_ON_TIME);
        } else {
          r->set_outcome(v1::ExpectationResult::OUTCOME_LATE);
          r->set_late_seconds((*done - due + kSecondUs - 1) / kSecondUs);
        }
      } else if (run.ended) {
        r->set_outcome(v1::ExpectationResult::OUTCOME_MISSED);
      } else if (run.now_us > due) {
        // Its time is up; a late answer can still come while the drill runs.
        r->set_outcome(v1::ExpectationResult::OUTCOME_OVERDUE);
        r->set_late_seconds((run.now_us - due) / kSecondUs);
      } else {
        r->set_outcome(v1::ExpectationResult::OUTCOME_PENDING);
      }
    }
    switch (r->outcome()) {
      case v1::ExpectationResult::OUTCOME_ON_TIME:
        score.set_on_time(score.on_time() + 1);
        points += 2;
        break;
      case v1::ExpectationResult::OUTCOME_LATE:
        score.set_late(score.late() + 1);
        points += 1;
        break;
      case v1::ExpectationResult::OUTCOME_MISSED:
        score.set_missed(score.missed() + 1);
        break;
      case v1::ExpectationResult::OUTCOME_OVERDUE:
        score.set_overdue(score.overdue() + 1);
        break;
      default:
        score.set_pending(score.pending() + 1);
    }
  }
  const int decided = score.on_time() + score.late() + score.missed() + score.overdue();
  score.set_percent(decided == 0 ? 0 : (points * 100 + decided) / (2 * decided));
  score.set_final(run.ended);
  return score;
}

v1::DrillScore ScoreDrillRun(const v1::Drill& drill,
                             const std::vector<v1::DrillExpectation>& expected, int64_t now_us) {
  DrillRun run;
  run.ended = drill.state() == v1::DRILL_STATE_ENDED || drill.state() == v1::DRILL_STATE_STOPPED;
  run.now_us = run.ended && drill.has_ended_at() ? ToMicros(drill.ended_at()) : now_us;
  std::map<std::string, const v1::Incident*> by_id;
  for (const auto& inc : drill.incidents()) by_id[inc.id()] = &inc;
  for (const auto& in : drill.injects()) {
    if (!in.has_fired_at() || in.incident_id().empty()) continue;
    auto it = by_id.find(in.incident_id());
    if (it == by_id.end()) continue;
    run.injected_at_us[in.inject_id()] = ToMicros(in.fired_at());
    run.incidents[in.inject_id()] = *it->second;
  }
  return ScoreDrill(expected, run);
}

Status CheckStartDrill(const v1::StartDrillRequest& req, int64_t now_us, int64_t* starts_us) {
  constexpr int kMaxKiosks = 200;
  constexpr int64_t kMaxAheadUs = 30LL * 86400 * kSecondUs;
  if (auto s = CheckText("request_id", req.request_id(), 1, kMaxIdChars)) return s;
  if (auto s = CheckSlug("hall_id", req.hall_id())) return s;
  if (req.has_scenario() == !req.scenario_id().empty())
    return Error::InvalidArgument(
        "give either scenario_id (a scenario of playbooks/drills) or scenario (a hand-built "
        "one), not both and not neither");
  if (auto s = CheckText("scenario_id", req.scenario_id(), 0, kMaxIdChars)) return s;
  if (auto s = CheckCount("kiosk_ids", req.kiosk_ids_size(), kMaxKiosks)) return s;
  for (const auto& k : req.kiosk_ids()) {
    if (auto s = CheckSlug("kiosk_ids", k)) return s;
  }
  *starts_us = now_us;
  if (req.has_starts_at()) {
    if (auto s = CheckTimestamp("starts_at", req.starts_at())) return s;
    *starts_us = std::max(now_us, ToMicros(req.starts_at()));
    if (*starts_us - now_us > kMaxAheadUs)
      return Error::InvalidArgument("starts_at is more than 30 days ahead");
  }
  return kOk;
}

Status CheckDrillReview(const v1::DrillReview& r) {
  constexpr size_t kMaxText = 2000, kMaxItem = 500;
  constexpr int kMaxItems = 20;
  if (auto s = CheckText("review.went_well", r.went_well(), 0, kMaxText)) return s;
  if (auto s = CheckText("review.went_badly", r.went_badly(), 0, kMaxText)) return s;
  if (auto s = CheckCount("review.improvements", r.improvements_size(), kMaxItems)) return s;
  for (const auto& i : r.improvements()) {
    if (auto s = CheckText("review.improvements", i, 1, kMaxItem)) return s;
  }
  return kOk;
}

}  // namespace hall::domain
