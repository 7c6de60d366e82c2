#include "domain/statistics.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>

#include "domain/incident_state.h"
#include "domain/validation.h"

namespace hall::domain {
namespace {

constexpr int64_t kSecondUs = 1000000;
constexpr int64_t kDayUs = 86400 * kSecondUs;

bool IsOpen(const v1::Incident& inc) {
  return inc.status() == v1::INCIDENT_STATUS_REPORTED ||
         inc.status() == v1::INCIDENT_STATUS_ACKNOWLEDGED;
}

// Accumulates one table (per hall, per plan …) keyed by its row key.
struct Table {
  std::map<std::string, v1::CountRow> rows;
  void Add(const std::string& key, const std::string& label, bool open, bool breached) {
    v1::CountRow& r = rows[key];
    r.set_key(key);
    if (!label.empty()) r.set_label(label);
    r.set_count(r.count() + 1);
    if (open) r.set_open(r.open() + 1);
    if (breached) r.set_breached(r.breached() + 1);
  }
  // Most incidents first, then by key (a stable order for tests and print).
  void MoveTo(google::protobuf::RepeatedPtrField<v1::CountRow>* out) {
    std::vector<v1::CountRow> v;
    for (auto& [k, r] : rows) v.push_back(std::move(r));
    std::stable_sort(v.begin(), v.end(),
                     [](const auto& a, const auto& b) { return a.count() > b.count(); });
    for (auto& r : v) *out->Add() = std::move(r);
  }
};

// Collects durations (seconds) against per-plan targets.
struct Durations {
  std::vector<int64_t> seconds;
  int within = 0;
  int with_target = 0;
  std::map<std::pair<std::string, int64_t>, v1::Target> targets;  // by plan and value

  void Add(int64_t s, const std::string& plan, int64_t target_s, const std::string& citation) {
    seconds.push_back(s);
    if (target_s <= 0) return;
    ++with_target;
    if (s <= target_s) ++within;
    v1::Target& t = targets[{plan, target_s}];
    t.set_plan_id(plan);
    t.set_seconds(target_s);
    t.set_citation(citation);
  }

  void MoveTo(v1::Distribution* d) {
    const auto& buckets = DurationBuckets();
    std::vector<int32_t> counts(buckets.size(), 0);
    for (int64_t s : seconds) {
      size_t i = 0;
      while (i + 1 < buckets.size() && s > buckets[i]) ++i;
      ++counts[i];
    }
    for (size_t i = 0; i < buckets.size(); ++i) {
      d->add_bucket_upper_seconds(buckets[i]);
      d->add_counts(counts[i]);
    }
    d->set_measured(static_cast<int32_t>(seconds.size()));
    d->set_within_target(within);
    d->set_with_target(with_target);
    if (!seconds.empty()) {
      std::sort(seconds.begin(), seconds.end());
      // Nearest-rank percentiles: the smallest value with at least p% at or below it.
      auto rank = [&](int p) {
        size_t n = seconds.size();
        size_t k = (static_cast<size_t>(p) * n + 99) / 100;
        return seconds[std::max<size_t>(k, 1) - 1];
      };
      d->set_median_seconds(rank(50));
      d->set_p90_seconds(rank(90));
    }
    for (auto& [key, t] : targets) *d->add_targets() = std::move(t);
  }
};

}  // namespace

const std::vector<int64_t>& DurationBuckets() {
  // 1, 2, 5, 10, 15, 30 minutes; 1, 2, 4, 8, 24 hours; longer.
  static const std::vector<int64_t> kBuckets = {60,   120,  300,   600,   900,   1800,
                                                3600, 7200, 14400, 28800, 86400, 0};
  return kBuckets;
}

Status CheckReportPeriod(const v1::ReportScope& scope) {
  if (!scope.has_from() || !scope.has_to())
    return Error::InvalidArgument(
        "scope.from and scope.to are both required (a period [from, to))");
  if (auto s = CheckTimestamp("scope.from", scope.from())) return s;
  if (auto s = CheckTimestamp("scope.to", scope.to())) return s;
  int64_t from = ToMicros(scope.from());
  int64_t to = ToMicros(scope.to());
  if (to <= from) return Error::InvalidArgument("scope.to must be after scope.from");
  int64_t days = (to - from + kDayUs - 1) / kDayUs;
  if (days > kMaxReportDays) {
    return Error::InvalidArgument(
        "the period is " + std::to_string(days) + " days; a report covers at most " +
        std::to_string(kMaxReportDays) + " days — ask for one report per year");
  }
  return kOk;
}

std::string ReportDay(int64_t us) {
  // Floor division: times before the epoch still land on the right day.
  int64_t local = us + kReportUtcOffsetUs;
  int64_t day = local / kDayUs - (local % kDayUs < 0 ? 1 : 0);
  std::time_t t = static_cast<std::time_t>(day * 86400);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];  // room for any int the compiler imagines; real dates need 11
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

v1::Statistics ComputeStatistics(const std::vector<v1::Incident>& incidents,
                                 const std::vector<v1::Incident>& follow_up_sources,
                                 const StatisticsInput& in) {
  v1::Statistics out;
  SetTimestamp(out.mutable_from(), in.from_us);
  SetTimestamp(out.mutable_to(), in.to_us);
  SetTimestamp(out.mutable_computed_at(), in.now_us);
  // A missed step is late by the time up to the period's end, or now if
  // the period has not ended.
  const int64_t horizon_us = std::min(in.to_us, in.now_us);

  std::map<std::pair<std::string, int>, int> per_day;
  Table halls, plans, classes, severities;
  Durations ack, resolve;
  std::vector<v1::Incident> sorted = incidents;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    int64_t ta = ToMicros(a.reported_at()), tb = ToMicros(b.reported_at());
    return ta != tb ? ta < tb : a.id() < b.id();
  });

  for (const v1::Incident& inc : sorted) {
    const int64_t reported = ToMicros(inc.reported_at());
    if (reported < in.from_us || reported >= in.to_us) continue;
    if (inc.drill() && !in.include_drills) {
      out.set_drills_excluded(out.drills_excluded() + 1);
      continue;
    }
    const bool open = IsOpen(inc);
    out.set_total(out.total() + 1);
    if (open) out.set_open(out.open() + 1);
    const StatisticsInput::Targets targets =
        in.targets ? in.targets(inc) : StatisticsInput::Targets{};

    // Breaches of this incident.
    std::vector<v1::Breach> breaches;
    auto breach = [&](v1::Breach::Kind kind, int64_t late_us, const std::string& citation,
                      const v1::ChecklistItem* step) {
      v1::Breach b;
      b.set_incident_id(inc.id());
      b.set_hall_id(inc.hall_id());
      b.set_category(inc.category());
      *b.mutable_reported_at() = inc.reported_at();
      b.set_drill(inc.drill());
      b.set_kind(kind);
      b.set_citation(citation);
      b.set_late_seconds(late_us / kSecondUs);
      if (step) {
        b.set_step_id(step->step_id());
        b.set_step_text_zh(step->text_zh());
        b.set_step_text_en(step->text_en());
      }
      breaches.push_back(std::move(b));
    };

    // Reported → acknowledged, against the first stage's time-out. A
    // planned-outage incident never escalates, so it has no ack target.
    const int64_t ack_target = inc.planned_outage_id().empty() ? targets.ack_seconds : 0;
    if (inc.has_acknowledged_at()) {
      int64_t s = std::max<int64_t>(0, ToMicros(inc.acknowledged_at()) - reported) / kSecondUs;
      ack.Add(s, inc.plan_id(), ack_target, targets.ack_citation);
      if (ack_target > 0 && s > ack_target)
        breach(v1::Breach::KIND_ACK_LATE, (s - ack_target) * kSecondUs, targets.ack_citation,
               nullptr);
    } else if (inc.status() == v1::INCIDENT_STATUS_REPORTED && ack_target > 0 &&
               horizon_us - reported > ack_target * kSecondUs) {
      breach(v1::Breach::KIND_UNACKNOWLEDGED, horizon_us - reported - ack_target * kSecondUs,
             targets.ack_citation, nullptr);
    }
    // Acknowledged → resolved, against the unresolved-escalation time.
    if (inc.has_acknowledged_at() && inc.has_resolved_at()) {
      int64_t s =
          std::max<int64_t>(0, ToMicros(inc.resolved_at()) - ToMicros(inc.acknowledged_at())) /
          kSecondUs;
      resolve.Add(s, inc.plan_id(), targets.resolve_seconds, targets.resolve_citation);
    }

    // Mandatory steps with a deadline.
    for (const v1::ChecklistItem& step : inc.checklist()) {
      if (!step.mandatory() || step.not_applicable() || !step.has_due_at()) continue;
      const int64_t due = ToMicros(step.due_at());
      if (step.state() == v1::STEP_STATE_DONE) {
        const int64_t done = ToMicros(step.done_at());
        if (done <= due) {
          out.set_steps_on_time(out.steps_on_time() + 1);
        } else {
          out.set_steps_late(out.steps_late() + 1);
          breach(v1::Breach::KIND_STEP_LATE, done - due, step.citation(), &step);
        }
      } else if (step.state() == v1::STEP_STATE_PENDING) {
        // An undone step of a closed incident stopped counting when it closed.
        const int64_t end =
            inc.has_closed_at() ? std::min(horizon_us, ToMicros(inc.closed_at())) : horizon_us;
        if (end > due) {
          out.set_steps_missed(out.steps_missed() + 1);
          breach(v1::Breach::KIND_STEP_MISSED, end - due, step.citation(), &step);
        } else {
          out.set_steps_pending(out.steps_pending() + 1);
        }
      }
      // Skipped steps (with their reason) are neither on time nor late.
    }

    const bool breached = !breaches.empty();
    per_day[{ReportDay(reported), in.event_class ? in.event_class(inc.category()) : 0}]++;
    auto hall_name = in.hall_names.find(inc.hall_id());
    halls.Add(inc.hall_id(), hall_name == in.hall_names.end() ? "" : hall_name->second, open,
              breached);
    auto plan_name = in.plan_names.find(inc.plan_id());
    plans.Add(inc.plan_id(), plan_name == in.plan_names.end() ? "" : plan_name->second, open,
              breached);
    classes.Add(std::to_string(in.event_class ? in.event_class(inc.category()) : 0), "", open,
                breached);
    severities.Add(std::to_string(inc.severity()), "", open, breached);
    for (auto& b : breaches) {
      if (out.breaches_size() >= kMaxBreaches) {
        out.set_breaches_truncated(true);
        break;
      }
      *out.add_breaches() = std::move(b);
    }
  }

  for (const auto& [key, n] : per_day) {
    v1::DayClassCount* d = out.add_per_day();
    d->set_day(key.first);
    d->set_event_class(static_cast<v1::EventClass>(key.second));
    d->set_count(n);
  }
  halls.MoveTo(out.mutable_per_hall());
  plans.MoveTo(out.mutable_per_plan());
  classes.MoveTo(out.mutable_per_class());
  severities.MoveTo(out.mutable_per_severity());
  ack.MoveTo(out.mutable_time_to_acknowledge());
  resolve.MoveTo(out.mutable_time_to_resolve());

  // Open follow-ups, soonest due first (those without a date last).
  std::set<std::string> seen;
  std::vector<v1::OpenFollowUp> open_follow_ups;
  for (const v1::Incident& inc : follow_up_sources) {
    if (inc.drill() && !in.include_drills) continue;
    if (!seen.insert(inc.id()).second) continue;
    for (const v1::FollowUp& f : inc.follow_ups()) {
      if (f.done()) continue;
      v1::OpenFollowUp o;
      o.set_incident_id(inc.id());
      o.set_hall_id(inc.hall_id());
      *o.mutable_follow_up() = f;
      open_follow_ups.push_back(std::move(o));
    }
  }
  std::stable_sort(
      open_follow_ups.begin(), open_follow_ups.end(), [](const auto& a, const auto& b) {
        bool ha = a.follow_up().has_due_at(), hb = b.follow_up().has_due_at();
        if (ha != hb) return ha;
        return ha && ToMicros(a.follow_up().due_at()) < ToMicros(b.follow_up().due_at());
      });
  for (auto& o : open_follow_ups) *out.add_open_follow_ups() = std::move(o);
  return out;
}

}  // namespace hall::domain
