#include "domain/raise.h"

#include "domain/checklist.h"
#include "domain/escalation.h"
#include "domain/incident_state.h"

namespace hall::domain {

v1::Severity DefaultSeverity(const v1::Playbook* playbook, const v1::Category* category) {
  if (playbook && playbook->default_severity() != v1::SEVERITY_UNSPECIFIED) {
    return playbook->default_severity();
  }
  if (category && category->default_severity() != v1::SEVERITY_UNSPECIFIED) {
    return category->default_severity();
  }
  return v1::SEVERITY_MEDIUM;
}

bool GradesBy(const v1::Playbook& playbook, const std::string& metric) {
  for (const auto& g : playbook.grading()) {
    if (g.metric() == metric) return true;
  }
  return false;
}

int64_t OutageMinutes(const v1::Incident& incident, int64_t now_us) {
  int64_t elapsed = now_us - ToMicros(incident.reported_at());
  if (elapsed <= 0) return 0;
  return (elapsed + 59'999'999) / 60'000'000;
}

RaisePlan PlanRaise(const RaiseInput& in) {
  RaisePlan out;
  const v1::RaiseIncidentRequest& req = *in.request;
  v1::Severity severity = req.severity() != v1::SEVERITY_UNSPECIFIED
                              ? req.severity()
                              : DefaultSeverity(in.playbook, in.category);
  NewIncident(in.incident_id, req, in.reporter, in.hall_id, in.location_id, severity, in.now_us,
              &out.incident, &out.event);
  out.incident.set_press_count(1);
  SetTimestamp(out.incident.mutable_last_press_at(), in.now_us);
  out.incident.set_plan_id(in.plan_id);
  out.incident.set_playbook_version(in.playbook_version);
  if (in.plan) {
    for (auto& it : Instantiate(*in.plan, in.playbook, in.now_us)) {
      *out.incident.add_checklist() = std::move(it);
    }
  }
  if (in.playbook) {
    // What is known at the first report: the headcount (嘉祥 四(八)1: five
    // or more petitioners is a group event), and an outage just begun.
    if (req.headcount() > 0 && GradesBy(*in.playbook, "petitioner_count")) {
      (*out.incident.mutable_metrics())["petitioner_count"] = req.headcount();
    }
    if (GradesBy(*in.playbook, "outage_minutes")) {
      (*out.incident.mutable_metrics())["outage_minutes"] = 0;
    }
    Regrade(&out.incident, *in.playbook);
    ArmRegradeOnRaise(&out.incident, in.playbook);
  }
  out.reporter_key = in.reporter.reporter_key();
  out.request_id = req.request_id();
  return out;
}

}  // namespace hall::domain
