#include "store/engine_store.h"

#include <algorithm>

namespace hall::store {
namespace {

// The due rows locked by the inner select, then deleted by primary key (an
// id array keeps the delete an index lookup per row, never a join over the
// whole table).
constexpr Sql kClaimTimers{
    "timers_claim",
    "DELETE FROM timers WHERE id = ANY (ARRAY("
    " SELECT id FROM timers WHERE due_at <= $1 ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP "
    "LOCKED))"
    " RETURNING id, incident_id::text, kind, key, (extract(epoch FROM due_at) * 1000000)::bigint"};
constexpr Sql kVacuum{"timers_vacuum", "VACUUM (SKIP_LOCKED) timers"};
constexpr Sql kNextDue{"timers_next",
                       "SELECT (extract(epoch FROM min(due_at)) * 1000000)::bigint FROM timers"};

constexpr Sql kSilentKiosks{
    "kiosks_silent",
    "SELECT k.id, k.hall_id, coalesce(k.location_id, ''), k.name,"
    " (extract(epoch FROM k.last_seen_at) * 1000000)::bigint AS seen"
    " FROM kiosks k WHERE k.active AND k.last_seen_at IS NOT NULL AND k.last_seen_at < $1"
    " AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.reporter_key = 'system:kiosk_monitor'"
    "   AND i.request_id = 'silent:' || k.id || ':' || (extract(epoch FROM k.last_seen_at) * "
    "1000000)::bigint)"
    " ORDER BY k.last_seen_at LIMIT $2"};
constexpr Sql kReturnedKiosks{
    "kiosks_returned",
    "SELECT i.id::text FROM incidents i JOIN kiosks k ON k.id = i.subject_kiosk_id"
    " WHERE i.status IN (1, 2) AND k.last_seen_at > i.reported_at AND k.last_seen_at > $1"
    " ORDER BY i.reported_at LIMIT $2"};

constexpr Sql kEnqueue{
    "outbox_enqueue",
    "INSERT INTO notification_outbox (incident_id, hall_id, notifier_id, url, alert_stage, "
    "payload, next_at,"
    " created_at)"
    " SELECT $1, $2, n.id, n.url, $4, $5, now(), now() FROM notifiers n"
    " WHERE n.hall_id = $2 AND n.active AND (cardinality(n.tiers) = 0 OR n.tiers && $3::text[])"};
constexpr Sql kLease{"outbox_lease",
                     "UPDATE notification_outbox o SET next_at = now() + $2 * interval '1 second', "
                     "attempts = o.attempts + 1"
                     " WHERE o.id IN (SELECT id FROM notification_outbox WHERE state = 'pending' "
                     "AND next_at <= now()"
                     "   ORDER BY next_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)"
                     " RETURNING o.id, o.incident_id::text, o.hall_id, o.notifier_id::text, o.url, "
                     "o.alert_stage, o.payload,"
                     " o.attempts"};
constexpr Sql kDelivered{
    "outbox_delivered",
    "UPDATE notification_outbox SET state = 'delivered' WHERE id = $1 AND state = 'pending'"};
constexpr Sql kFailed{"outbox_failed",
                      "UPDATE notification_outbox SET state = 'failed', last_error = $2"
                      " WHERE id = $1 AND state = 'pending'"};
constexpr Sql kRetry{
    "outbox_retry",
    "UPDATE notification_outbox SET next_at = now() + $3 * interval '1 millisecond',"
    " last_error = $2 WHERE id = $1 AND state = 'pending'"};

constexpr Sql kAnchorRead{
    "clock_anchor_read",
    "SELECT speed, anchor_real, anchor_clock FROM clock_anchor WHERE id = 1 FOR UPDATE"};
constexpr Sql kAnchorWrite{
    "clock_anchor_write",
    "INSERT INTO clock_anchor (id, speed, anchor_real, anchor_clock) VALUES (1, $1, $2, $3)"
    " ON CONFLICT (id) DO UPDATE SET speed = $1, anchor_real = $2, anchor_clock = $3"};
constexpr Sql kAnchorPeek{"clock_anchor_peek",
                          "SELECT speed, anchor_real, anchor_clock FROM clock_anchor WHERE id = 1"};

}  // namespace

ClockAnchor AnchorClock(PgConnection& conn, double speed, int64_t real_now_us) {
  Transaction tx(conn);
  auto r = tx.Exec(kAnchorRead);
  ClockAnchor a{speed, real_now_us, real_now_us};
  if (r.rows() > 0) {
    ClockAnchor old{std::stod(r.text(0, 0)), r.int64(0, 1), r.int64(0, 2)};
    if (old.speed == speed) return old;
    // Another speed: go on from where the stored clock is now.
    a.anchor_clock_us =
        old.anchor_clock_us + static_cast<int64_t>((real_now_us - old.anchor_real_us) * old.speed);
  }
  tx.Exec(kAnchorWrite, {std::to_string(speed), a.anchor_real_us, a.anchor_clock_us});
  tx.Commit();
  return a;
}

std::optional<ClockAnchor> StoredClockAnchor(PgConnection& conn) {
  auto r = conn.Exec(kAnchorPeek);
  if (r.rows() == 0) return std::nullopt;
  return ClockAnchor{std::stod(r.text(0, 0)), r.int64(0, 1), r.int64(0, 2)};
}

std::vector<DueTimer> ClaimDueTimers(PgConnection& conn, int64_t now_us, int limit) {
  // Planned for this now: only the few due rows, by the index.
  auto r = conn.ExecPlannedEachTime(kClaimTimers, {MicrosToPgText(now_us), limit});
  std::vector<DueTimer> out;
  for (int i = 0; i < r.rows(); ++i) {
    DueTimer t;
    t.id = r.int64(i, 0);
    t.incident_id = r.text(i, 1);
    t.timer = {r.text(i, 2), r.text(i, 3), r.int64(i, 4)};
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(), [](const DueTimer& a, const DueTimer& b) {
    return a.timer.due_us != b.timer.due_us ? a.timer.due_us < b.timer.due_us : a.id < b.id;
  });
  return out;
}

void VacuumTimers(PgConnection& conn) { conn.ExecSimple(kVacuum); }

std::optional<int64_t> NextTimerDue(PgConnection& conn) {
  auto r = conn.Exec(kNextDue);
  if (r.rows() == 0 || r.null(0, 0)) return std::nullopt;
  return r.int64(0, 0);
}

std::vector<KioskSilence> FindSilentKiosks(PgConnection& conn, int64_t silent_before_us,
                                           int limit) {
  auto r = conn.Exec(kSilentKiosks, {MicrosToPgText(silent_before_us), limit});
  std::vector<KioskSilence> out;
  for (int i = 0; i < r.rows(); ++i) {
    out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.int64(i, 4)});
  }
  return out;
}

std::vector<std::string> FindReturnedKioskIncidents(PgConnection& conn, int64_t heard_after_us,
                                                    int limit) {
  auto r = conn.Exec(kReturnedKiosks, {MicrosToPgText(heard_after_us), limit});
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
  return out;
}

std::string SilenceRequestId(const KioskSilence& k) {
  return "silent:" + k.kiosk_id + ":" + std::to_string(k.last_seen_us);
}

int EnqueueDeliveries(PgConnection& conn, const std::string& incident_id,
                      const std::string& hall_id, const std::vector<std::string>& tiers,
                      int alert_stage, const std::string& payload) {
  return static_cast<int>(
      conn.Exec(kEnqueue, {incident_id, hall_id, ToPgArray(tiers), alert_stage, payload})
          .affected());
}

std::vector<Delivery> LeaseDeliveries(PgConnection& conn, int limit, int lease_s) {
  auto r = conn.Exec(kLease, {limit, lease_s});
  std::vector<Delivery> out;
  for (int i = 0; i < r.rows(); ++i) {
    Delivery d;
    d.id = r.int64(i, 0);
    d.incident_id = r.text(i, 1);
    d.hall_id = r.text(i, 2);
    d.notifier_id = r.text(i, 3);
    d.url = r.text(i, 4);
    d.alert_stage = static_cast<int>(r.int64(i, 5));
    d.payload = r.text(i, 6);
    d.attempts = static_cast<int>(r.int64(i, 7));
    out.push_back(std::move(d));
  }
  return out;
}

bool MarkDelivered(PgConnection& conn, int64_t id) {
  return conn.Exec(kDelivered, {id}).affected() == 1;
}

bool MarkFailed(PgConnection& conn, int64_t id, const std::string& error) {
  return conn.Exec(kFailed, {id, error}).affected() == 1;
}

void Retry(PgConnection& conn, int64_t id, const std::string& error, int delay_ms) {
  conn.Exec(kRetry, {id, error, delay_ms});
}

}  // namespace hall::store
