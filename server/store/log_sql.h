// The incident log's shared SQL, defined once: the lock that makes commit
// order equal seq order, the head query, and the notification other
// servers listen for.
#pragma once

#include "store/pg.h"

namespace hall::store {

// Every appending transaction takes this advisory lock first and holds it
// to commit; so on every server of the database seq is assigned, and rows
// become visible, in one order (DESIGN.md #2).
inline constexpr Sql kLockLog{"log_lock", "SELECT pg_advisory_xact_lock(7262002)"};
// The highest seq written (0 for an empty log).
inline constexpr Sql kLogHead{"log_head", "SELECT coalesce(max(seq), 0) FROM incident_events"};
// Tells every server's feed (LISTEN hall_events) that the log grew; sent
// inside the appending transaction, delivered at commit.
inline constexpr Sql kNotifyLog{"log_notify", "SELECT pg_notify('hall_events', '')"};
// Serialises concurrent migrators.
inline constexpr Sql kLockMigrations{"migrations_lock", "SELECT pg_advisory_xact_lock(7262001)"};

}  // namespace hall::store
