// Watch: replay then live, resume without gap or duplicate, scope, and two
// servers on one database.
#include <gtest/gtest.h>

#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::testing {
namespace {

std::vector<int64_t> Seqs(const std::vector<v1::IncidentEvent>& evs) {
  std::vector<int64_t> out;
  for (auto& e : evs) out.push_back(e.seq());
  return out;
}

class WatchTest : public ::testing::Test {
 protected:
  void SetUp() override { SeedBasic(db_.conninfo()); }
  TestDatabase db_;
};

TEST_F(WatchTest, ReplaysHistoryFromTheLogThenGoesLive) {
  // History written through a first server that is then gone: the second
  // server's ring starts empty, so the replay must come from the log.
  {
    TestServer first(db_.conninfo());
    Client duty(MakeChannel(first.port()));
    ASSERT_TRUE(duty.Login("duty-a").ok());
    v1::RaiseIncidentResponse r;
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(duty.RaiseNew("hall-a", "fire", &r).ok());
  }
  TestServer server(db_.conninfo());
  Client duty(MakeChannel(server.port()));
  ASSERT_TRUE(duty.Login("duty-a").ok());
  Watcher w(duty, 0);
  auto replay = w.Next(5);
  EXPECT_EQ(Seqs(replay), (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(w.AwaitCaughtUp(), 5);
  v1::RaiseIncidentResponse r;
  ASSERT_TRUE(duty.RaiseNew("hall-a", "crowding", &r).ok());
  auto live = w.Next(1);
  ASSERT_EQ(live.size(), 1u);
  EXPECT_EQ(live[0].seq(), 6);
  EXPECT_EQ(live[0].incident().category(), "crowding");
  EXPECT_EQ(live[0].incident().id(), r.incident().id());
}

// A client that reads batches gets a backlog several events to a message,
// the same events in the same order; one that does not, one a message.
TEST_F(WatchTest, ABacklogGoesToABatchReaderInFewMessagesInOrder) {
  TestServer server(db_.conninfo());
  Client duty(MakeChannel(server.port()));
  ASSERT_TRUE(duty.Login("duty-a").ok());
  v1::RaiseIncidentResponse r;
  const int kBacklog = 150;
  for (int i = 0; i < kBacklog; ++i) ASSERT_TRUE(duty.RaiseNew("hall-a", "fire", &r).ok());
  Watcher plain(duty, 0);
  Watcher batched(duty, 0, {}, /*batches=*/true);
  std::vector<int64_t> all;
  for (int i = 1; i <= kBacklog; ++i) all.push_back(i);
  EXPECT_EQ(Seqs(plain.Next(kBacklog)), all);
  auto got = batched.Next(kBacklog);
  EXPECT_EQ(Seqs(got), all);
  ASSERT_EQ(got.size(), all.size());
  EXPECT_EQ(got.back().incident().id(), r.incident().id());
  EXPECT_EQ(got.back().incident().category(), "fire");
  EXPECT_EQ(plain.AwaitCaughtUp(), kBacklog);
  EXPECT_EQ(batched.AwaitCaughtUp(), kBacklog);
  EXPECT_EQ(plain.messages(), kBacklog + 1) << "one event a message, and the marker";
  // At most 64 to a batch: three batches and the marker, give or take how
  // the ring was read.
  EXPECT_LE(batched.messages(), 10);
  EXPECT_GE(batched.messages(), 4);
  // Live, a lone event goes as itself.
  const int before = batched.messages();
  ASSERT_TRUE(duty.RaiseNew("hall-a", "crowding", &r).ok());
  auto live = batched.Next(1);
  ASSERT_EQ(live.size(), 1u);
  EXPECT_EQ(live[0].seq(), kBacklog + 1);
  EXPECT_EQ(batched.messages(), before + 1);
  EXPECT_EQ(Seqs(plain.Next(1)), (std::vector<int64_t>{kBacklog + 1}));
}

TEST_F(WatchTest, ResumeAfterDisconnectHasNoGapAndNoDuplicate) {
  TestServer server(db_.conninfo());
  Client duty(MakeChannel(server.port()));
  ASSERT_TRUE(duty.Login("duty-a").ok());
  v1::RaiseIncidentResponse r;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(duty.RaiseNew("hall-a", "fire", &r).ok());
  int64_t last = 0;
  {
    Watcher w(duty, 0);
    auto got = w.Next(3);
    ASSERT_EQ(got.size(), 3u);
    last = got.back().seq();
  }  // disconnect
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(duty.RaiseNew("hall-a", "fire", &r).ok());
  Watcher again(duty, last);
  auto rest = again.Next(4);
  EXPECT_EQ(Seqs(rest), (std::vector<int64_t>{4, 5, 6, 7}));
  EXPECT_TRUE(again.Next(1, 300).empty()) << "no duplicate after the resume";
}

TEST_F(WatchTest, AWatcherSeesOnlyItsHalls) {
  TestServer server(db_.conninfo());
  Client a(MakeChannel(server.port())), b(MakeChannel(server.port()));
  ASSERT_TRUE(a.Login("duty-a").ok());
  ASSERT_TRUE(b.Login("duty-b").ok());
  Watcher wb(b, 0);
  v1::RaiseIncidentResponse r;
  ASSERT_TRUE(a.RaiseNew("hall-a", "fire", &r).ok());
  ASSERT_TRUE(b.RaiseNew("hall-b", "fire", &r).ok());
  auto got = wb.Next(2, 1000);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].hall_id(), "hall-b");
  EXPECT_EQ(got[0].seq(), 2);
}

TEST_F(WatchTest, AnEventRaisedOnOneServerReachesAWatcherOnAnother) {
  TestServer server_a(db_.conninfo()), server_b(db_.conninfo());
  Client on_a(MakeChannel(server_a.port())), on_b(MakeChannel(server_b.port()));
  ASSERT_TRUE(on_a.Login("guide-a").ok());
  ASSERT_TRUE(on_b.Login("duty-a").ok());
  Watcher w(on_b, 0);
  // Interleave raises on both servers: the watcher sees one gap-free run.
  v1::RaiseIncidentResponse r;
  for (int i = 0; i < 20; ++i) {
    Client& c = i % 2 ? on_b : on_a;
    ASSERT_TRUE(c.RaiseNew("hall-a", "fire", &r).ok());
  }
  auto got = w.Next(20, 10000);
  ASSERT_EQ(got.size(), 20u);
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].seq(), static_cast<int64_t>(i + 1));
  EXPECT_EQ(got[0].actor_name(), "测试 guide-a");
}

TEST_F(WatchTest, ABoardLoadsAPageThenWatchesFromItsPositionWithoutGapOrDuplicate) {
  TestServer server(db_.conninfo());
  Client duty(MakeChannel(server.port()));
  ASSERT_TRUE(duty.Login("duty-a").ok());
  v1::RaiseIncidentResponse r;
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(duty.RaiseNew("hall-a", "fire", &r).ok());
  v1::ListIncidentsResponse page;
  ASSERT_TRUE(duty.incidents().ListIncidents(duty.Ctx().get(), {}, &page).ok());
  EXPECT_EQ(page.incidents_size(), 4);
  EXPECT_EQ(page.as_of_seq(), 4);
  ASSERT_TRUE(duty.RaiseNew("hall-a", "crowding", &r).ok());
  Watcher w(duty, page.as_of_seq());
  auto got = w.Next(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].seq(), 5);
  EXPECT_TRUE(w.Next(1, 300).empty());
}

TEST_F(WatchTest, EveryEventCarriesTheDrillFlag) {
  TestServer server(db_.conninfo());
  Client drill(MakeChannel(server.port()));
  ASSERT_TRUE(drill.Login("drill").ok());
  Watcher w(drill, 0);
  v1::RaiseIncidentResponse r;
  ASSERT_TRUE(drill.RaiseNew("hall-a", "fire", &r, true).ok());
  v1::AcknowledgeIncidentRequest ack;
  ack.set_incident_id(r.incident().id());
  v1::IncidentResponse ir;
  ASSERT_TRUE(drill.incidents().AcknowledgeIncident(drill.Ctx().get(), ack, &ir).ok());
  auto got = w.Next(2);
  ASSERT_EQ(got.size(), 2u);
  for (auto& e : got) {
    EXPECT_TRUE(e.drill());
    EXPECT_TRUE(e.incident().drill());
  }
}

}  // namespace
}  // namespace hall::testing
