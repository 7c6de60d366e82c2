// Faults: a mistake in the database, undone by a point-in-time restore.
//
// Exactly what docs/operations.md ("Backups and point-in-time restore")
// tells an operator to do: a primary archiving its WAL with the documented
// archive_command; a base backup taken with the documented pg_basebackup
// line before the day's reports; reports raised through a hall-server;
// the moment noted; more reports, then the mistake (a bad migration drops
// the incident log); the primary stopped; a new node made from the base
// backup with restore_command and recovery_target_time and promoted.
// Every report acknowledged before the moment is there once, nothing
// after it is, the log has no gap, and a hall-server started on the
// restored database takes new reports where the log left off.
#include <gtest/gtest.h>

#include <cstdio>

#include "store/migrator.h"
#include "store/pg.h"
#include "support/fault_load.h"
#include "support/pg_node.h"
#include "support/server_process.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::testing {
namespace {

int64_t LogHead(store::PgConnection& c) {
  return c.ExecSimple({"head", "SELECT coalesce(max(seq), 0) FROM incident_events"}).int64(0, 0);
}

// Raises `threads` × `per_thread` reports in `hall` as `user`, every one
// acknowledged; returns request id → incident id.
std::map<std::string, std::string> RaiseAll(int port, const std::string& hall,
                                            const std::string& user, const std::string& prefix) {
  RaiseLoadOptions o;
  o.ports = {port};
  o.threads = 2;
  o.per_thread = 30;
  o.pause_ms = 0;
  o.hall = hall;
  o.user = user;
  o.id_prefix = prefix;
  RaiseLoad load(o);
  EXPECT_TRUE(load.WaitForAcknowledged(o.threads * o.per_thread, 60000))
      << "only " << load.acknowledged() << " raises acknowledged in " << hall;
  load.Stop();
  EXPECT_TRUE(load.Errors().empty()) << load.Errors().front();
  EXPECT_TRUE(load.Unsettled().empty());
  return load.Acknowledged();
}

TEST(RestoreFaultTest, AMistakeUndone_RestoredToTheMomentBefore_NothingAcknowledgedLost) {
  auto primary = PgNode::StartPrimary(/*archive_wal=*/true);
  {
    store::PgConnection c(primary->conninfo());
    store::Migrate(c, HALL_SOURCE_DIR "/schema");
  }
  SeedBasic(primary->conninfo());
  MakeLoadPlaces(primary->conninfo(), "hall-a", 60);
  MakeLoadPlaces(primary->conninfo(), "hall-b", 60);
  // Last night's base backup: everything after it comes from the archive.
  const std::string base = primary->TakeBaseBackup();

  std::map<std::string, std::string> before;
  int64_t head_before = 0;
  std::string moment;
  {
    ServerProcess server(primary->conninfo(), FreeLoopbackPort());
    ASSERT_TRUE(server.ready());
    before = RaiseAll(server.port(), "hall-a", "duty-a", "before");
    ASSERT_EQ(before.size(), 60u);
    store::PgConnection c(primary->conninfo());
    head_before = LogHead(c);
    // The moment to go back to; whatever commits from here on is later.
    moment = c.ExecSimple({"moment", "SELECT clock_timestamp()::text"}).text(0, 0);
    auto after = RaiseAll(server.port(), "hall-b", "duty-b", "after");
    ASSERT_EQ(after.size(), 60u);
    ASSERT_EQ(server.Term(), 0);
    // The mistake: a bad migration drops the incident log.
    c.ExecSimple({"mistake", "DROP TABLE incident_events CASCADE"});
  }
  primary->ArchiveCurrentWal();
  primary->Stop();
  std::printf("restoring to %s: %zu reports before it, log head %lld\n", moment.c_str(),
              before.size(), static_cast<long long>(head_before));

  auto restored = PgNode::RestoreToTime(base, primary->wal_archive(), moment);
  {
    store::PgConnection c(restored->conninfo());
    // Every report acknowledged before the moment, once, with its incident;
    // the log without a gap, ending where it stood.
    EXPECT_EQ(CheckAgainstLog(restored->conninfo(), before, {}, "before"), "");
    EXPECT_EQ(LogHead(c), head_before);
    // Nothing after the moment: none of the later reports.
    EXPECT_EQ(CheckAgainstLog(restored->conninfo(), {}, {}, "after"), "");
  }

  // A server on the restored database takes reports where the log left off.
  ServerProcess server(restored->conninfo(), FreeLoopbackPort());
  ASSERT_TRUE(server.ready());
  auto duty = SignedInClient(server.port(), "duty-a");
  v1::RaiseIncidentResponse r;
  auto s = duty->RaiseAt("hall-a", "hall-a-door", "fire", &r, "after-restore");
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(r.created());
  store::PgConnection c(restored->conninfo());
  auto first = c.Exec({"first_seq", "SELECT min(seq) FROM incident_events WHERE incident_id = $1"},
                      {r.incident().id()});
  EXPECT_EQ(first.int64(0, 0), head_before + 1) << "the new report's event follows the log";
  EXPECT_EQ(server.Term(), 0);
}

}  // namespace
}  // namespace hall::testing
