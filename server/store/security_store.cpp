#include "store/security_store.h"

#include "domain/incident_state.h"

namespace hall::store {
namespace {

constexpr Sql kLoadThrottle{
    "throttle_load",
    "SELECT failures, (extract(epoch FROM last_failure_at) * 1000000)::bigint,"
    " coalesce((extract(epoch FROM locked_until) * 1000000)::bigint, 0) FROM sign_in_throttle "
    "WHERE key = $1"};
constexpr Sql kSaveThrottle{
    "throttle_save",
    "INSERT INTO sign_in_throttle (key, failures, last_failure_at, locked_until) VALUES ($1, $2, "
    "$3, $4)"
    " ON CONFLICT (key) DO UPDATE SET failures = $2, last_failure_at = $3, locked_until = $4"};
constexpr Sql kClearThrottle{
    "throttle_clear",
    "DELETE FROM sign_in_throttle WHERE key = $1 RETURNING coalesce(locked_until > $2, false)"};

constexpr Sql kAppendAudit{"audit_append",
                           "INSERT INTO audit_log (at, action, actor_id, actor_name, "
                           "source_address, target, hall_id, detail)"
                           " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"};
constexpr Sql kListAudit{"audit_list",
                         "SELECT id, (extract(epoch FROM at) * 1000000)::bigint, action, actor_id, "
                         "actor_name, source_address,"
                         " target, hall_id, detail FROM audit_log"
                         " WHERE ($1 OR hall_id = ANY($2::text[]))"
                         "   AND (cardinality($3::text[]) = 0 OR action = ANY($3::text[]))"
                         "   AND ($4 = '' OR hall_id = $4) AND ($5 = '' OR target = $5)"
                         "   AND ($6::bigint = 0 OR id < $6::bigint)"
                         " ORDER BY id DESC LIMIT $7"};

constexpr Sql kInsertCode{"enroll_insert",
                          "INSERT INTO enrollment_codes (code_hash, kiosk_id, hall_id, "
                          "location_id, name, issued_by, expires_at)"
                          " VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr Sql kTakeCode{"enroll_take",
                        "UPDATE enrollment_codes SET used_at = $2 WHERE code_hash = $1 AND used_at "
                        "IS NULL AND expires_at > $2"
                        " RETURNING kiosk_id, hall_id, location_id, name"};

constexpr Sql kRevokeKiosk{
    "kiosk_revoke", "UPDATE kiosks SET active = false, revoked_at = $2 WHERE id = $1 RETURNING id"};
constexpr Sql kDeleteKioskSessions{"kiosk_sessions_delete",
                                   "DELETE FROM sessions WHERE kiosk_id = $1"};
constexpr Sql kDeletePersonSessions{"person_sessions_delete",
                                    "DELETE FROM sessions WHERE person_id = $1::uuid"};
// Tells every server (their feeds LISTEN) to drop the principal's cached
// sign-ins and end its open streams.
constexpr Sql kNotifyRevoked{"revocation_notify", "SELECT pg_notify('hall_revocations', $1)"};

}  // namespace

domain::ThrottleState LoadThrottle(PgConnection& conn, const std::string& key) {
  auto r = conn.Exec(kLoadThrottle, {key});
  if (r.rows() == 0) return {};
  return {static_cast<int>(r.int64(0, 0)), r.int64(0, 1), r.int64(0, 2)};
}

void SaveThrottle(PgConnection& conn, const std::string& key, const domain::ThrottleState& s) {
  conn.Exec(kSaveThrottle, {key, s.failures, MicrosToPgText(s.last_failure_us),
                            s.locked_until_us ? PgParam(MicrosToPgText(s.locked_until_us))
                                              : PgParam(std::nullopt)});
}

bool ClearThrottle(PgConnection& conn, const std::string& key, int64_t now_us) {
  auto r = conn.Exec(kClearThrottle, {key, MicrosToPgText(now_us)});
  return r.rows() > 0 && r.boolean(0, 0);
}

void AppendAudit(PgConnection& conn, const v1::AuditEntry& e) {
  conn.Exec(kAppendAudit,
            {MicrosToPgText(domain::ToMicros(e.at())), e.action(), e.actor_id(), e.actor_name(),
             e.source_address(), e.target(), e.hall_id(), e.detail()});
}

std::vector<v1::AuditEntry> ListAudit(PgConnection& conn, const AuditFilter& f) {
  auto r = conn.Exec(kListAudit, {f.all_halls, ToPgArray(f.halls), ToPgArray(f.actions), f.hall_id,
                                  f.target, f.before_id, f.limit});
  std::vector<v1::AuditEntry> out;
  for (int i = 0; i < r.rows(); ++i) {
    v1::AuditEntry e;
    e.set_id(r.int64(i, 0));
    domain::SetTimestamp(e.mutable_at(), r.int64(i, 1));
    e.set_action(r.text(i, 2));
    e.set_actor_id(r.text(i, 3));
    e.set_actor_name(r.text(i, 4));
    e.set_source_address(r.text(i, 5));
    e.set_target(r.text(i, 6));
    e.set_hall_id(r.text(i, 7));
    e.set_detail(r.text(i, 8));
    out.push_back(std::move(e));
  }
  return out;
}

void InsertEnrollmentCode(PgConnection& conn, const std::string& code_hash,
                          const std::string& kiosk_id, const std::string& hall_id,
                          const std::string& location_id, const std::string& name,
                          const std::string& issued_by, int64_t expires_us) {
  conn.Exec(kInsertCode, {PgParam::Bytes(code_hash), kiosk_id, hall_id, location_id, name,
                          issued_by, MicrosToPgText(expires_us)});
}

std::optional<v1::Kiosk> TakeEnrollmentCode(PgConnection& conn, const std::string& code_hash,
                                            int64_t now_us) {
  auto r = conn.Exec(kTakeCode, {PgParam::Bytes(code_hash), MicrosToPgText(now_us)});
  if (r.rows() == 0) return std::nullopt;
  v1::Kiosk k;
  k.set_id(r.text(0, 0));
  k.set_hall_id(r.text(0, 1));
  k.set_location_id(r.text(0, 2));
  k.set_name(r.text(0, 3));
  return k;
}

bool RevokeKiosk(PgConnection& conn, const std::string& kiosk_id, int64_t now_us) {
  Transaction tx(conn);
  if (tx.Exec(kRevokeKiosk, {kiosk_id, MicrosToPgText(now_us)}).rows() == 0) return false;
  tx.Exec(kDeleteKioskSessions, {kiosk_id});
  tx.Exec(kNotifyRevoked, {"kiosk:" + kiosk_id});
  tx.Commit();
  return true;
}

void EndKioskSessions(PgConnection& conn, const std::string& kiosk_id) {
  Transaction tx(conn);
  tx.Exec(kDeleteKioskSessions, {kiosk_id});
  tx.Exec(kNotifyRevoked, {"kiosk:" + kiosk_id});
  tx.Commit();
}

void RevokePersonSessions(PgConnection& conn, const std::string& person_id) {
  Transaction tx(conn);
  tx.Exec(kDeletePersonSessions, {person_id});
  tx.Exec(kNotifyRevoked, {"person:" + person_id});
  tx.Commit();
}

}  // namespace hall::store
