#include "api/auth_service.h"

#include "domain/credentials.h"
#include "domain/incident_state.h"
#include "domain/validation.h"
#include "store/directory_store.h"

namespace hall::api {

void ToProto(const domain::Principal& p, v1::Principal* out) {
  out->set_id(p.id);
  out->set_display_name(p.display_name);
  out->set_role(p.role);
  for (const auto& h : p.hall_ids) out->add_hall_ids(h);
  out->set_all_halls(p.all_halls);
  out->set_location_id(p.location_id);
  for (auto& id : domain::PermissionIds(p.role)) out->add_permissions(id);
}

grpc::ServerUnaryReactor* AuthServiceImpl::Login(grpc::CallbackServerContext* ctx,
                                                 const v1::LoginRequest* req,
                                                 v1::LoginResponse* resp) {
  return RunUnaryAnonymous(ctx, "Login", [this, req, resp](Finish finish) {
    // The same answer for "no such user" and "wrong password".
    const Error bad = Error::Unauthenticated("wrong user name or password");
    if (req->has_password()) {
      const auto& c = req->password();
      if (auto s = domain::CheckText("username", c.username(), 1, 64)) return finish(s);
      if (auto s = domain::CheckText("password", c.password(), 1, 256)) return finish(s);
    } else if (req->has_device()) {
      const auto& c = req->device();
      if (auto s = domain::CheckSlug("kiosk_id", c.kiosk_id())) return finish(s);
      if (auto s = domain::CheckText("secret", c.secret(), 1, 256)) return finish(s);
    } else {
      return finish(Error::InvalidArgument("give a password or a device credential"));
    }
    int64_t ttl = core_->token_ttl_us;
    ServerCore* core = core_;
    core_->workers->Submit(
        [req, resp, bad, ttl, core](store::PgConnection& conn) -> Status {
          domain::Principal who;
          if (req->has_password()) {
            auto found = store::FindLogin(conn, req->password().username());
            if (!found || !found->first.active() ||
                !domain::VerifySecret(found->second, req->password().password())) {
              return bad;
            }
            who = store::PrincipalOf(found->first);
          } else {
            auto found = store::FindKioskLogin(conn, req->device().kiosk_id());
            if (!found || !found->first.active() ||
                !domain::VerifySecret(found->second, req->device().secret())) {
              return Error::Unauthenticated("unknown kiosk or wrong device secret");
            }
            who = store::PrincipalOf(found->first);
          }
          std::string token = domain::NewToken();
          int64_t expires = core->now() + ttl;
          store::InsertSession(conn, domain::TokenHash(token), who, expires);
          resp->set_token(token);
          domain::SetTimestamp(resp->mutable_expires_at(), expires);
          ToProto(who, resp->mutable_principal());
          *resp->mutable_server() = ServerInfoOf(*core);
          return kOk;
        },
        finish);
  });
}

grpc::ServerUnaryReactor* AuthServiceImpl::WhoAmI(grpc::CallbackServerContext* ctx,
                                                  const v1::WhoAmIRequest*,
                                                  v1::WhoAmIResponse* resp) {
  return RunUnary(*core_, ctx, "WhoAmI", [this, resp](const domain::Principal& who, Finish finish) {
    ToProto(who, resp->mutable_principal());
    *resp->mutable_server() = ServerInfoOf(*core_);
    domain::SetTimestamp(resp->mutable_expires_at(), who.expires_micros);
    finish(kOk);
  });
}

grpc::ServerUnaryReactor* AuthServiceImpl::Logout(grpc::CallbackServerContext* ctx,
                                                  const v1::LogoutRequest*, v1::LogoutResponse*) {
  std::string hash = domain::TokenHash(Authenticator::BearerToken(ctx));
  return RunUnary(*core_, ctx, "Logout", [this, hash](const domain::Principal&, Finish finish) {
    core_->auth->Forget(hash);
    core_->workers->Submit(
        [hash](store::PgConnection& conn) -> Status {
          store::DeleteSession(conn, hash);
          return kOk;
        },
        finish);
  });
}

grpc::ServerUnaryReactor* AuthServiceImpl::GetServerInfo(grpc::CallbackServerContext* ctx,
                                                         const v1::GetServerInfoRequest*,
                                                         v1::ServerInfo* resp) {
  return RunUnaryAnonymous(ctx, "GetServerInfo", [this, resp](Finish finish) {
    *resp = ServerInfoOf(*core_);
    finish(kOk);
  });
}

}  // namespace hall::api
