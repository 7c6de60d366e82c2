#include "api/audit_service.h"

#include "domain/validation.h"
#include "store/security_store.h"

namespace hall::api {

grpc::ServerUnaryReactor* AuditServiceImpl::ListAudit(grpc::CallbackServerContext* ctx,
                                                      const v1::ListAuditRequest* req,
                                                      v1::ListAuditResponse* resp) {
  return RunUnary(
      *core_, ctx, "ListAudit", [this, req, resp](const domain::Principal& who, Finish finish) {
        const bool admin = who.role == v1::ROLE_ADMIN;
        const bool reviewer = who.role == v1::ROLE_LEADERSHIP || who.role == v1::ROLE_BUREAU ||
                              who.role == v1::ROLE_HALL_HEAD;
        if (!admin && !reviewer) {
          return finish(Error::PermissionDenied("role " + domain::RoleName(who.role) +
                                                " may not read the audit log"));
        }
        store::AuditFilter f;
        // Admins see everything, sign-ins without a hall included; reviewers
        // the entries of the halls they cover.
        f.all_halls = admin || (who.all_halls && who.role != v1::ROLE_HALL_HEAD);
        f.halls = who.hall_ids;
        if (auto s = domain::CheckCount("actions", req->actions_size(), domain::kMaxFilterItems))
          return finish(s);
        for (const auto& a : req->actions()) {
          if (auto s = domain::CheckText("actions", a, 1, domain::kMaxIdChars)) return finish(s);
          f.actions.push_back(a);
        }
        if (!req->hall_id().empty()) {
          if (auto s = domain::CheckSlug("hall_id", req->hall_id())) return finish(s);
          if (auto s = domain::CheckScope(who, req->hall_id())) return finish(s);
          f.hall_id = req->hall_id();
        }
        if (auto s = domain::CheckText("target", req->target(), 0, domain::kMaxNameChars))
          return finish(s);
        f.target = req->target();
        int size = req->page().page_size();
        if (size < 0) return finish(Error::InvalidArgument("page_size must not be negative"));
        f.limit = size == 0 ? domain::kDefaultPageSize : std::min(size, domain::kMaxPageSize);
        if (!req->page().page_token().empty()) {
          try {
            f.before_id = std::stoll(req->page().page_token());
          } catch (...) {
            return finish(Error::InvalidArgument("page_token is not one this server issued"));
          }
        }
        core_->workers->Submit(
            [f, resp](store::PgConnection& conn) -> Status {
              store::AuditFilter q = f;
              q.limit = f.limit + 1;
              auto entries = store::ListAudit(conn, q);
              bool more = static_cast<int>(entries.size()) > f.limit;
              if (more) entries.resize(f.limit);
              for (auto& e : entries) *resp->add_entries() = std::move(e);
              if (more)
                resp->set_next_page_token(
                    std::to_string(resp->entries(resp->entries_size() - 1).id()));
              return kOk;
            },
            finish);
      });
}

}  // namespace hall::api
