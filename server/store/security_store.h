// Security records in PostgreSQL: sign-in throttling per key, the audit
// log, kiosk enrollment codes and revocation.
//
// Free functions over a connection (one thread's at a time). Throw PgError
// on database failure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/sign_in_policy.h"
#include "hall/v1/audit.pb.h"
#include "hall/v1/directory.pb.h"
#include "store/pg.h"

namespace hall::store {

// 'user:<name>', 'kiosk:<id>', 'addr:<address>'.
domain::ThrottleState LoadThrottle(PgConnection& conn, const std::string& key);
void SaveThrottle(PgConnection& conn, const std::string& key, const domain::ThrottleState& s);
// Forgets a key's failures; true when it was locked at now_us.
bool ClearThrottle(PgConnection& conn, const std::string& key, int64_t now_us);

// Appends to the audit log (its `id` is ignored, `at` must be set).
void AppendAudit(PgConnection& conn, const v1::AuditEntry& e);

struct AuditFilter {
  bool all_halls = false;
  std::vector<std::string> halls;  // entries of these halls (and no hall, when all_halls)
  std::vector<std::string> actions;
  std::string hall_id;
  std::string target;
  int64_t before_id = 0;  // 0 = from the newest
  int limit = 50;
};
std::vector<v1::AuditEntry> ListAudit(PgConnection& conn, const AuditFilter& f);

// Stores a new enrollment code (its hash) for a kiosk at a place.
void InsertEnrollmentCode(PgConnection& conn, const std::string& code_hash,
                          const std::string& kiosk_id, const std::string& hall_id,
                          const std::string& location_id, const std::string& name,
                          const std::string& issued_by, int64_t expires_us);
// Takes a code once: the kiosk it was issued for, or nullopt when unknown,
// used or expired at now_us. The code is marked used in the same statement.
std::optional<v1::Kiosk> TakeEnrollmentCode(PgConnection& conn, const std::string& code_hash,
                                            int64_t now_us);

// Revokes a kiosk: inactive, revoked now, every session of it gone, and the
// other servers told (NOTIFY hall_revocations). False when no such kiosk.
bool RevokeKiosk(PgConnection& conn, const std::string& kiosk_id, int64_t now_us);
// After a person is deactivated: their sessions gone, the servers told.
void RevokePersonSessions(PgConnection& conn, const std::string& person_id);
// After a kiosk is deactivated or its secret replaced: the same.
void EndKioskSessions(PgConnection& conn, const std::string& kiosk_id);

}  // namespace hall::store
