// The engine's queries: durable timers (claim the due ones, find the next),
// kiosks gone silent or back, and the notifier outbox.
//
// Free functions over a connection (one thread's at a time). Throw PgError
// on database failure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/escalation.h"
#include "hall/v1/incident.pb.h"
#include "store/pg.h"

namespace hall::store {

// The accelerated clock's anchor shared by every server on the database:
// the one stored when its speed is `speed`, else a new one continuing the
// stored clock's time at the new speed (or real time when none is stored).
struct ClockAnchor {
  double speed = 1;
  int64_t anchor_real_us = 0;
  int64_t anchor_clock_us = 0;
};
ClockAnchor AnchorClock(PgConnection& conn, double speed, int64_t real_now_us);
// The stored anchor, if a server ran this database on an accelerated clock.
std::optional<ClockAnchor> StoredClockAnchor(PgConnection& conn);

struct DueTimer {
  int64_t id = 0;
  std::string incident_id;
  domain::Timer timer;
};

// Takes up to `limit` timers due at now_us — locked FOR UPDATE SKIP LOCKED
// so servers never take the same row, and deleted in the caller's
// transaction: they fire exactly once, with whatever the transaction
// appends. Oldest first.
std::vector<DueTimer> ClaimDueTimers(PgConnection& conn, int64_t now_us, int limit);

// The earliest timer's due time, or nullopt when none is pending.
std::optional<int64_t> NextTimerDue(PgConnection& conn);

// Clears the rows of fired timers out of the table and its index (a claim
// otherwise wades through every dead entry before the first live one).
// Skips when another server is vacuuming it. Not inside a transaction.
void VacuumTimers(PgConnection& conn);

// A kiosk the monitor acts on.
struct KioskSilence {
  std::string kiosk_id;
  std::string hall_id;
  std::string location_id;
  std::string name;
  int64_t last_seen_us = 0;
};
// Active kiosks not heard from since before `silent_before_us` (clock µs)
// that have no silent incident for this outage yet (at most `limit`).
std::vector<KioskSilence> FindSilentKiosks(PgConnection& conn, int64_t silent_before_us, int limit);
// Open "kiosk went silent" incidents whose kiosk has been heard from since
// `heard_after_us` (it is back).
std::vector<std::string> FindReturnedKioskIncidents(PgConnection& conn, int64_t heard_after_us,
                                                    int limit);
// The idempotency key of a silence incident: one per outage (the kiosk's
// last beat before it went silent).
inline constexpr const char* kKioskMonitorId = "kiosk_monitor";
std::string SilenceRequestId(const KioskSilence& k);

// A notifier delivery taken from the outbox.
struct Delivery {
  int64_t id = 0;
  std::string incident_id;
  std::string hall_id;
  std::string notifier_id;
  std::string url;
  int alert_stage = 0;
  std::string payload;  // JSON
  int attempts = 0;     // including this one
};
// Queues one delivery per active notifier of the hall that carries any of
// `tiers` (empty tiers on a notifier = all), inside the alert's
// transaction. Returns how many were queued.
int EnqueueDeliveries(PgConnection& conn, const std::string& incident_id,
                      const std::string& hall_id, const std::vector<std::string>& tiers,
                      int alert_stage, const std::string& payload);
// Leases up to `limit` due deliveries for `lease_s` seconds (real time;
// FOR UPDATE SKIP LOCKED, committed at once): another server takes one
// only if this one died holding it.
std::vector<Delivery> LeaseDeliveries(PgConnection& conn, int limit, int lease_s);
// Marks a delivery done; false when it was not pending any more.
bool MarkDelivered(PgConnection& conn, int64_t id);
// Marks a delivery failed for good; false when it was not pending.
bool MarkFailed(PgConnection& conn, int64_t id, const std::string& error);
// Schedules another attempt after `delay_ms` (real time).
void Retry(PgConnection& conn, int64_t id, const std::string& error, int delay_ms);

}  // namespace hall::store
