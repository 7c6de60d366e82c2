#include "api/auth_service.h"

#include "domain/credentials.h"
#include "domain/incident_state.h"
#include "domain/sign_in_policy.h"
#include "domain/validation.h"
#include "store/directory_store.h"
#include "store/security_store.h"

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

namespace {

// One sign-in attempt's keys: the account (or kiosk) and the address.
struct Attempt {
  std::string account_key;  // "user:<name>" or "kiosk:<id>"
  std::string address_key;  // "addr:<address>"
  std::string target;       // the name tried, for the audit log
};

// The lock's answer: the same whether or not the account exists.
Error Locked(int64_t until_us, int64_t now_us) {
  int64_t seconds = std::max<int64_t>(1, (until_us - now_us + 999'999) / 1'000'000);
  return Error::ResourceExhausted(
      "too many failed sign-ins for this account or from this address; try again in " +
      std::to_string(seconds) + " s (or ask an administrator to unlock it)");
}

// A hash to verify against when the account does not exist, so a wrong
// name takes as long as a wrong password.
const std::string& DummyHash() {
  static const std::string hash = domain::HashSecret("no such account: a dummy to spend the time");
  return hash;
}

}  // namespace

grpc::ServerUnaryReactor* AuthServiceImpl::Login(grpc::CallbackServerContext* ctx,
                                                 const v1::LoginRequest* req,
                                                 v1::LoginResponse* resp) {
  return RunUnaryAnonymous(*core_, ctx, "Login", [this, ctx, req, resp](Finish finish) {
    Attempt at;
    if (req->has_password()) {
      const auto& c = req->password();
      if (auto s = domain::CheckText("username", c.username(), 1, 64)) return finish(s);
      if (auto s = domain::CheckText("password", c.password(), 1, 256)) return finish(s);
      at.account_key = "user:" + c.username();
      at.target = c.username();
    } else if (req->has_device()) {
      const auto& c = req->device();
      if (auto s = domain::CheckSlug("kiosk_id", c.kiosk_id())) return finish(s);
      if (auto s = domain::CheckText("secret", c.secret(), 1, 256)) return finish(s);
      at.account_key = "kiosk:" + c.kiosk_id();
      at.target = c.kiosk_id();
    } else {
      return finish(Error::InvalidArgument("give a password or a device credential"));
    }
    const std::string address = SourceAddress(ctx);
    at.address_key = "addr:" + address;
    int64_t ttl = core_->token_ttl_us;
    ServerCore* core = core_;
    core_->workers->Submit(
        [req, resp, ttl, core, at, address](store::PgConnection& conn) -> Status {
          const int64_t now = core->now();
          auto record = [&](const char* action, const std::string& actor_id,
                            const std::string& actor_name, const std::string& detail) {
            v1::AuditEntry e;
            domain::SetTimestamp(e.mutable_at(), now);
            e.set_action(action);
            e.set_actor_id(actor_id);
            e.set_actor_name(actor_name);
            e.set_source_address(address);
            e.set_target(at.target);
            e.set_detail(detail);
            store::AppendAudit(conn, e);
          };
          // Locked: refused before any secret is checked.
          domain::ThrottleState account = store::LoadThrottle(conn, at.account_key);
          domain::ThrottleState from = store::LoadThrottle(conn, at.address_key);
          if (domain::IsLocked(account, now)) return Locked(account.locked_until_us, now);
          if (domain::IsLocked(from, now)) return Locked(from.locked_until_us, now);

          domain::Principal who;
          bool ok = false;
          std::string why;
          if (req->has_password()) {
            auto found = store::FindLogin(conn, req->password().username());
            bool right = domain::VerifySecret(found ? found->second : DummyHash(),
                                              req->password().password());
            ok = found && found->first.active() && right;
            why = !found                   ? "no such user"
                  : !found->first.active() ? "deactivated"
                                           : "wrong password";
            if (ok) who = store::PersonPrincipal(conn, found->first);
          } else {
            auto found = store::FindKioskLogin(conn, req->device().kiosk_id());
            bool right =
                domain::VerifySecret(found ? found->second : DummyHash(), req->device().secret());
            ok = found && found->first.active() && right;
            why = !found                   ? "no such kiosk"
                  : !found->first.active() ? "revoked or deactivated"
                                           : "wrong device secret";
            if (ok) who = store::PrincipalOf(found->first);
          }
          if (!ok) {
            // Counted on the account and on the address; either may lock.
            auto next_account = domain::AfterFailure(account, domain::ThrottleKey::kAccount, now);
            auto next_from = domain::AfterFailure(from, domain::ThrottleKey::kAddress, now);
            store::SaveThrottle(conn, at.account_key, next_account);
            store::SaveThrottle(conn, at.address_key, next_from);
            record("sign_in_failed", "", "",
                   why + " (failure " + std::to_string(next_account.failures) + ")");
            if (domain::IsLocked(next_account, now)) {
              record("locked", "", "",
                     "account locked for " +
                         std::to_string((next_account.locked_until_us - now) / 1'000'000) + " s");
            }
            if (domain::IsLocked(next_from, now) && !domain::IsLocked(from, now)) {
              record("locked", "", "", "address " + address + " locked");
            }
            // The same answer for a wrong name, a wrong secret and a lock
            // that just began.
            return req->has_password()
                       ? Error::Unauthenticated("wrong user name or password")
                       : Error::Unauthenticated("unknown kiosk or wrong device secret");
          }
          store::ClearThrottle(conn, at.account_key, now);
          std::string token = domain::NewToken();
          int64_t expires = now + ttl;
          store::InsertSession(conn, domain::TokenHash(token), who, expires);
          record("sign_in", who.id, who.display_name, domain::RoleName(who.role));
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
  return RunUnary(*core_, ctx, "Logout",
                  [this, ctx, hash](const domain::Principal& who, Finish finish) {
                    core_->auth->Forget(hash);
                    core_->workers->Submit(
                        AuditedJob(AuditEntryFor(*core_, ctx, &who, "signed_out", who.id, "", ""),
                                   [hash](store::PgConnection& conn) -> Status {
                                     store::DeleteSession(conn, hash);
                                     return kOk;
                                   }),
                        finish);
                  });
}

grpc::ServerUnaryReactor* AuthServiceImpl::GetServerInfo(grpc::CallbackServerContext* ctx,
                                                         const v1::GetServerInfoRequest*,
                                                         v1::ServerInfo* resp) {
  return RunUnaryAnonymous(*core_, ctx, "GetServerInfo", [this, resp](Finish finish) {
    *resp = ServerInfoOf(*core_);
    finish(kOk);
  });
}

grpc::ServerUnaryReactor* AuthServiceImpl::UnlockSignIn(grpc::CallbackServerContext* ctx,
                                                        const v1::UnlockSignInRequest* req,
                                                        v1::UnlockSignInResponse* resp) {
  return RunUnary(
      *core_, ctx, "UnlockSignIn",
      [this, ctx, req, resp](const domain::Principal& who, Finish finish) {
        if (auto s = domain::CheckPermission(who, domain::Permission::kAdminDirectory))
          return finish(s);
        std::string key, target;
        if (req->has_username()) {
          if (auto s = domain::CheckText("username", req->username(), 1, 64)) return finish(s);
          key = "user:" + req->username();
          target = req->username();
        } else if (req->has_kiosk_id()) {
          if (auto s = domain::CheckSlug("kiosk_id", req->kiosk_id())) return finish(s);
          key = "kiosk:" + req->kiosk_id();
          target = req->kiosk_id();
        } else if (req->has_address()) {
          if (auto s = domain::CheckText("address", req->address(), 1, 64)) return finish(s);
          key = "addr:" + req->address();
          target = req->address();
        } else {
          return finish(
              Error::InvalidArgument("name a username, a kiosk_id or an address to unlock"));
        }
        ServerCore* core = core_;
        core_->workers->Submit(
            AuditedJob(AuditEntryFor(*core_, ctx, &who, "unlocked", target, "", ""),
                       [key, core, resp](store::PgConnection& conn, v1::AuditEntry& row) -> Status {
                         const bool was = store::ClearThrottle(conn, key, core->now());
                         row.set_detail(was ? "lock lifted" : "was not locked");
                         resp->set_was_locked(was);
                         return kOk;
                       }),
            finish);
      });
}

grpc::ServerUnaryReactor* AuthServiceImpl::EnrollKiosk(grpc::CallbackServerContext* ctx,
                                                       const v1::EnrollKioskRequest* req,
                                                       v1::EnrollKioskResponse* resp) {
  return RunUnaryAnonymous(*core_, ctx, "EnrollKiosk", [this, ctx, req, resp](Finish finish) {
    if (!domain::IsEnrollmentCodeShape(req->code())) {
      return finish(Error::InvalidArgument(
          "an enrollment code is 12 letters and digits, as the desk shows it"));
    }
    if (auto s = domain::CheckText("app_version", req->app_version(), 0, 64)) return finish(s);
    const std::string address = SourceAddress(ctx);
    ServerCore* core = core_;
    core_->workers->Submit(
        [req, resp, core, address](store::PgConnection& conn) -> Status {
          const int64_t now = core->now();
          // Guessing codes is throttled like guessing passwords.
          const std::string key = "addr:" + address;
          domain::ThrottleState from = store::LoadThrottle(conn, key);
          if (domain::IsLocked(from, now)) return Locked(from.locked_until_us, now);
          // The code taken, the kiosk enrolled and the audit row: one commit
          // (a crash in between must not burn a code without a kiosk).
          store::Transaction tx(conn);
          v1::AuditEntry e;
          domain::SetTimestamp(e.mutable_at(), now);
          e.set_source_address(address);
          auto kiosk = store::TakeEnrollmentCode(conn, domain::TokenHash(req->code()), now);
          if (!kiosk) {
            store::SaveThrottle(conn, key,
                                domain::AfterFailure(from, domain::ThrottleKey::kAddress, now));
            e.set_action("sign_in_failed");
            e.set_detail("unknown, used or expired enrollment code");
            store::AppendAudit(conn, e);
            tx.Commit();
            return Error::Unauthenticated(
                "the enrollment code is unknown, already used or expired; ask for a new one");
          }
          std::string secret = domain::NewDeviceSecret();
          kiosk->set_active(true);
          store::UpsertKiosk(conn, *kiosk, domain::HashSecret(secret));
          e.set_action("kiosk_enrolled");
          e.set_actor_id(kiosk->id());
          e.set_actor_name(kiosk->name());
          e.set_target(kiosk->id());
          e.set_hall_id(kiosk->hall_id());
          e.set_detail("at " + kiosk->location_id() +
                       (req->app_version().empty() ? "" : ", app " + req->app_version()));
          store::AppendAudit(conn, e);
          tx.Commit();
          resp->set_kiosk_id(kiosk->id());
          resp->set_secret(secret);
          resp->set_hall_id(kiosk->hall_id());
          resp->set_location_id(kiosk->location_id());
          resp->set_name(kiosk->name());
          return kOk;
        },
        finish);
  });
}

}  // namespace hall::api
