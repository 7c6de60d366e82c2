// Faults: a PostgreSQL streaming standby promoted after the primary dies.
//
// A primary on loopback with a synchronous streaming standby made by
// pg_basebackup -R (so an acknowledged commit is on the standby's disk);
// two hall-servers on the libpq multi-host URL
// postgresql://hall@P1,P2/hall?target_session_attrs=read-write; kiosks'
// worth of client threads raising, retrying with the same request id on
// UNAVAILABLE; a desk watching. The primary is killed as a machine dies
// (SIGKILL to every process) and the standby promoted (pg_ctl promote):
// the servers find the new primary by themselves, raises are acknowledged
// again within a bounded time, every raise acknowledged before (and after)
// the kill is in the promoted database exactly once, and the desk's stream
// — and one resumed afterwards — has every event once, in order, no gap.
#include <gtest/gtest.h>

#include <chrono>

#include "store/migrator.h"
#include "store/pg.h"
#include "support/fault_load.h"
#include "support/pg_node.h"
#include "support/server_process.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::testing {
namespace {

using Steady = std::chrono::steady_clock;

int64_t LogHead(const std::string& conninfo) {
  store::PgConnection c(conninfo);
  return c.ExecSimple({"head", "SELECT coalesce(max(seq), 0) FROM incident_events"}).int64(0, 0);
}

TEST(StandbyFaultTest, PrimaryKilled_StandbyPromoted_ServersCarryOn_NothingAcknowledgedLost) {
  auto primary = PgNode::StartPrimary();
  {
    store::PgConnection c(primary->conninfo());
    store::Migrate(c, HALL_SOURCE_DIR "/schema");
  }
  SeedBasic(primary->conninfo());
  RaiseLoadOptions o;
  o.threads = 4;
  o.per_thread = 400;
  MakeLoadPlaces(primary->conninfo(), "hall-a", o.threads * o.per_thread);
  auto standby = PgNode::StartStandby(*primary, "standby1");
  primary->MakeSynchronousStandby("standby1");

  const std::string url = MultiHostUrl({primary.get(), standby.get()});
  ServerProcess a(url, FreeLoopbackPort());
  ServerProcess b(url, FreeLoopbackPort());
  ASSERT_TRUE(a.ready() && b.ready());

  // A leadership desk (every hall: every event is in its scope) on b.
  auto leader = SignedInClient(b.port(), "leader");
  ResumingWatcher desk({b.port(), a.port()}, leader->token(), 0);
  o.ports = {a.port(), b.port()};
  RaiseLoad load(o);
  ASSERT_TRUE(load.WaitForAcknowledged(100, 30000)) << "the load did not get going";

  const auto acked_before = load.Acknowledged();
  const int64_t desk_seq_before = desk.last_seq();
  const int64_t refused_before = load.refused();
  primary->Kill9();
  const auto killed = Steady::now();
  // While nobody has promoted the standby the servers answer UNAVAILABLE
  // (the standby refuses read-write sessions) and the kiosks retry.
  ASSERT_TRUE(load.WaitForRefused(refused_before + 8, 30000))
      << "raises went on with the primary dead?";
  const int64_t count_at_kill = load.acknowledged();
  standby->Promote();
  const auto promoted = Steady::now();

  // The servers carry on by themselves: raises are acknowledged again.
  ASSERT_TRUE(load.WaitForAcknowledged(count_at_kill + 100, 60000))
      << "no raise acknowledged within 60 s of the promotion";
  const auto recovered = Steady::now();
  load.Stop();
  auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  std::printf(
      "%zu raises acknowledged before the kill, %lld in all; %lld attempts refused; promoted "
      "%lld ms after the kill; raises acknowledged again %lld ms after the promotion; longest "
      "raise %lld ms\n",
      acked_before.size(), static_cast<long long>(load.acknowledged()),
      static_cast<long long>(load.refused()), static_cast<long long>(ms(promoted - killed)),
      static_cast<long long>(ms(recovered - promoted)),
      static_cast<long long>(load.LongestWaitMs()));

  EXPECT_TRUE(load.Errors().empty()) << load.Errors().front();
  EXPECT_TRUE(load.Unsettled().empty()) << load.Unsettled().size() << " raises never acknowledged";
  const auto acked = load.Acknowledged();
  for (auto& [rid, id] : acked_before) ASSERT_EQ(acked.at(rid), id);
  // Every acknowledged raise — before the kill and after — is in the
  // promoted database, once; nothing else of the load; no hole in the log.
  EXPECT_EQ(CheckAgainstLog(standby->conninfo(), acked, load.Unsettled()), "");

  // The desk saw every event of the log once, in order, without a gap.
  const int64_t head = LogHead(standby->conninfo());
  ASSERT_TRUE(desk.WaitForSeq(head, 20000))
      << "the desk reached " << desk.last_seq() << " of " << head;
  desk.Stop();
  std::printf("the desk saw %zu events (log head %lld), resumed its stream %d time(s)\n",
              desk.events().size(), static_cast<long long>(head), desk.resumes());
  EXPECT_EQ(CheckContiguous(desk.events(), 0), "");
  // A stream resumed afterwards from where the desk stood at the kill,
  // on the other server: the rest of the log, no gap, no duplicate.
  ResumingWatcher resumed({a.port()}, leader->token(), desk_seq_before);
  ASSERT_TRUE(resumed.WaitForSeq(head, 20000));
  resumed.Stop();
  auto got = resumed.events();
  EXPECT_EQ(CheckContiguous(got, desk_seq_before), "");
  EXPECT_GE(got.size(), static_cast<size_t>(head - desk_seq_before));

  EXPECT_EQ(a.Ended(), "") << "server a must survive the fail-over";
  EXPECT_EQ(b.Ended(), "") << "server b must survive the fail-over";
  EXPECT_EQ(a.Term(), 0);
  EXPECT_EQ(b.Term(), 0);
}

}  // namespace
}  // namespace hall::testing
