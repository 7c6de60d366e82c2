#include "api/report_service.h"

#include <algorithm>

#include "domain/escalation.h"
#include "domain/incident_state.h"
#include "domain/statistics.h"
#include "domain/validation.h"
#include "store/report_reads.h"

namespace hall::api {
namespace {

constexpr int kDefaultExportPage = 50;
constexpr int kMaxExportPage = 200;
constexpr int64_t kDayUs = 86400LL * 1000000;

// Checks the parts of a report scope that need no database.
Status CheckScopeRequest(const domain::Principal& who, const v1::ReportScope& scope) {
  if (auto s = domain::CheckPermission(who, domain::Permission::kReport)) return s;
  if (auto s = domain::CheckReportPeriod(scope)) return s;
  if (!scope.region_id().empty()) {
    if (auto s = domain::CheckSlug("scope.region_id", scope.region_id())) return s;
  }
  if (auto s = domain::CheckCount("scope.hall_ids", scope.hall_ids_size(), domain::kMaxFilterItems))
    return s;
  for (const auto& h : scope.hall_ids()) {
    if (auto s = domain::CheckSlug("scope.hall_ids", h)) return s;
    if (auto s = domain::CheckScope(who, h)) return s;
  }
  return kOk;
}

// The halls a report covers: the caller's scope, narrowed by the region
// (every hall of which must be in scope) and the named halls.
Result<store::HallScope> ResolveHalls(store::PgConnection& conn, const domain::Principal& who,
                                      const v1::ReportScope& scope) {
  store::HallScope halls = ScopeOf(who);
  if (!scope.region_id().empty()) {
    auto in_region = store::HallsInRegion(conn, scope.region_id());
    if (!in_region) return Error::NotFound("region '" + scope.region_id() + "' does not exist");
    for (const auto& h : *in_region) {
      if (domain::CheckScope(who, h)) {
        return Error::PermissionDenied("region '" + scope.region_id() + "' includes hall '" + h +
                                       "', which is outside your scope; ask for a region or "
                                       "halls you answer for");
      }
    }
    halls = {false, *in_region};
  }
  if (scope.hall_ids_size() > 0) {
    std::vector<std::string> named(scope.hall_ids().begin(), scope.hall_ids().end());
    if (!scope.region_id().empty()) {
      std::erase_if(named, [&](const std::string& h) {
        return std::find(halls.halls.begin(), halls.halls.end(), h) == halls.halls.end();
      });
    }
    halls = {false, named};
  }
  return halls;
}

// The page token: "<reported µs>:<incident id>:<exported so far>".
std::string CursorToken(const v1::Incident& last, int done) {
  return std::to_string(domain::ToMicros(last.reported_at())) + ":" + last.id() + ":" +
         std::to_string(done);
}
Result<store::ExportCursor> ParseCursor(const std::string& token) {
  store::ExportCursor c;
  if (token.empty()) return c;
  auto bad = Error::InvalidArgument("page_token is not one this server issued");
  auto a = token.find(':');
  auto b = token.rfind(':');
  if (a == std::string::npos || b == a) return bad;
  try {
    c.reported_us = std::stoll(token.substr(0, a));
    c.done = std::stoi(token.substr(b + 1));
  } catch (...) {
    return bad;
  }
  c.id = token.substr(a + 1, b - a - 1);
  if (c.reported_us <= 0 || c.done < 0 || domain::CheckUuid("page_token", c.id)) return bad;
  return c;
}

}  // namespace

grpc::ServerUnaryReactor* ReportServiceImpl::GetStatistics(grpc::CallbackServerContext* ctx,
                                                           const v1::StatisticsRequest* req,
                                                           v1::Statistics* resp) {
  return RunUnary(
      *core_, ctx, "GetStatistics", [this, req, resp](const domain::Principal& who, Finish finish) {
        if (auto s = CheckScopeRequest(who, req->scope())) return finish(s);
        const v1::ReportScope scope = req->scope();
        auto set = core_->playbooks->Get();
        const int64_t now = core_->now();
        core_->workers->Submit(
            [who, scope, set, now, resp](store::PgConnection& conn) -> Status {
              auto halls = ResolveHalls(conn, who, scope);
              if (!halls.ok()) return halls.error();
              domain::StatisticsInput in;
              in.from_us = domain::ToMicros(scope.from());
              in.to_us = domain::ToMicros(scope.to());
              in.now_us = now;
              in.include_drills = scope.include_drills();
              in.event_class = [set](const std::string& category) {
                const v1::Category* c = set->taxonomy().Find(category);
                return c ? c->event_class() : v1::EVENT_CLASS_UNSPECIFIED;
              };
              in.targets = [set](const v1::Incident& inc) {
                domain::StatisticsInput::Targets t;
                const v1::Plan* plan = set->FindPlan(inc.plan_id());
                if (!plan) return t;
                bool from_playbook = false;
                const auto& policy = domain::PolicyFor(
                    *plan, set->FindPlaybook(inc.plan_id(), inc.category()), &from_playbook);
                if (policy.tiers_size() > 0) {
                  t.ack_seconds = policy.tiers(0).ack_timeout_seconds();
                  t.ack_citation = policy.tiers(0).citation();
                }
                t.resolve_seconds = policy.unresolved_escalate_seconds();
                t.resolve_citation = policy.citation();
                return t;
              };
              auto labels = store::LoadHallLabels(conn, *halls);
              in.hall_names = labels.names;
              for (const auto& id : set->plan_ids()) {
                if (const v1::Plan* p = set->FindPlan(id)) in.plan_names[id] = p->short_name();
              }
              // One read covers the period and the year before its end (the
              // open follow-ups); ComputeStatistics picks the period out.
              const int64_t window_from =
                  std::min(in.from_us, in.to_us - domain::kMaxReportDays * kDayUs);
              auto incidents =
                  store::LoadPeriodIncidents(conn, *halls, window_from, in.to_us, true);
              *resp = domain::ComputeStatistics(incidents, incidents, in);
              return kOk;
            },
            finish);
      });
}

grpc::ServerUnaryReactor* ReportServiceImpl::ExportIncidents(grpc::CallbackServerContext* ctx,
                                                             const v1::ExportIncidentsRequest* req,
                                                             v1::ExportIncidentsResponse* resp) {
  return RunUnary(
      *core_, ctx, "ExportIncidents",
      [this, req, resp](const domain::Principal& who, Finish finish) {
        if (auto s = CheckScopeRequest(who, req->scope())) return finish(s);
        if (req->page_size() < 0)
          return finish(Error::InvalidArgument("page_size must not be negative"));
        const int limit =
            req->page_size() == 0 ? kDefaultExportPage : std::min(req->page_size(), kMaxExportPage);
        auto cursor = ParseCursor(req->page_token());
        if (!cursor.ok()) return finish(cursor.error());
        const v1::ReportScope scope = req->scope();
        core_->workers->Submit(
            [who, scope, limit, after = *cursor, resp](store::PgConnection& conn) -> Status {
              auto halls = ResolveHalls(conn, who, scope);
              if (!halls.ok()) return halls.error();
              auto page = store::ReadExportPage(conn, *halls, domain::ToMicros(scope.from()),
                                                domain::ToMicros(scope.to()),
                                                scope.include_drills(), after, limit);
              const int done = after.done + static_cast<int>(page.incidents.size());
              resp->set_total(page.total);
              resp->set_done(done);
              if (page.more)
                resp->set_next_page_token(CursorToken(page.incidents.back().incident(), done));
              for (auto& e : page.incidents) *resp->add_incidents() = std::move(e);
              return kOk;
            },
            finish);
      });
}

}  // namespace hall::api
