// The append-only incident log on a real PostgreSQL: append and replay,
// gap-free seq under concurrent appenders, immutability enforced by the
// database, idempotency key, migrations checksummed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "domain/credentials.h"
#include "domain/incident_state.h"
#include "store/event_appender.h"
#include "store/event_feed.h"
#include "store/incident_reads.h"
#include "store/migrator.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::store {
namespace {

using testing::TestDatabase;

// Appends one RAISED event for a new incident in `hall`.
Status RaiseVia(EventAppender& app, const std::string& hall, const std::string& request_id,
                std::string* id_out = nullptr) {
  return app.Run([&](AppendContext& ctx) -> Status {
    domain::Principal who;
    who.id = "p1";
    who.display_name = "tester";
    who.role = v1::ROLE_DUTY_OFFICER;
    v1::RaiseIncidentRequest req;
    req.set_request_id(request_id);
    req.set_category("fire");
    v1::Incident inc;
    v1::IncidentEvent ev;
    std::string id = domain::NewUuid();
    domain::NewIncident(id, req, who, hall, "", v1::SEVERITY_HIGH, ctx.now_micros(), &inc, &ev);
    if (!ctx.InsertIncident(&inc, &ev, who.reporter_key(), request_id)) {
      return Error::AlreadyExists("not inserted");
    }
    if (id_out) *id_out = id;
    return kOk;
  });
}

class EventLogTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::SeedBasic(db_.conninfo()); }
  TestDatabase db_;
};

TEST_F(EventLogTest, AppendThenReplayInOrderWithFullState) {
  EventAppender app(db_.conninfo(), nullptr);
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(RaiseVia(app, i % 2 ? "hall-a" : "hall-b", "r" + std::to_string(i)));
  PgConnection c(db_.conninfo());
  int64_t covered = 0;
  auto all = ReadLog(c, {true, {}}, 0, 1000, 100, &covered);
  ASSERT_EQ(all.size(), 5u);
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].seq(), static_cast<int64_t>(i + 1));
    EXPECT_EQ(all[i].incident().last_seq(), all[i].seq());
    EXPECT_EQ(all[i].kind(), v1::EVENT_KIND_RAISED);
  }
  EXPECT_EQ(covered, 1000);
  // Scope: only hall-a's events, and resuming after seq 2 skips nothing.
  auto a = ReadLog(c, {false, {"hall-a"}}, 2, 1000, 100, &covered);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].seq(), 4);
  // A limit reports how far it read.
  auto first2 = ReadLog(c, {true, {}}, 0, 1000, 2, &covered);
  EXPECT_EQ(first2.size(), 2u);
  EXPECT_EQ(covered, 2);
}

TEST_F(EventLogTest, DatabaseRefusesUpdateDeleteAndTruncateOfTheLog) {
  EventAppender app(db_.conninfo(), nullptr);
  ASSERT_FALSE(RaiseVia(app, "hall-a", "r1"));
  PgConnection c(db_.conninfo());
  for (const char* sql : {"UPDATE incident_events SET hall_id = 'hall-b'",
                          "DELETE FROM incident_events", "TRUNCATE incident_events CASCADE"}) {
    try {
      c.ExecSimple("tamper", sql);
      ADD_FAILURE() << "the database allowed: " << sql;
    } catch (const PgError& e) {
      EXPECT_NE(std::string(e.what()).find("append-only"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(c.ExecSimple("count", "SELECT count(*) FROM incident_events").int64(0, 0), 1);
}

TEST_F(EventLogTest, SameReporterAndRequestIdIsUniqueInTheDatabase) {
  EventAppender app(db_.conninfo(), nullptr);
  ASSERT_FALSE(RaiseVia(app, "hall-a", "same"));
  auto again = RaiseVia(app, "hall-a", "same");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->code, ErrorCode::kAlreadyExists);
  PgConnection c(db_.conninfo());
  EXPECT_EQ(c.ExecSimple("count", "SELECT count(*) FROM incidents").int64(0, 0), 1);
  // The key is the database's own, not only the appender's check.
  try {
    c.ExecSimple("dup", "INSERT INTO incidents SELECT gen_random_uuid(), hall_id, location_id,"
                        " category, severity, status, drill, reporter_key, request_id, reported_at,"
                        " updated_at, last_seq, snapshot FROM incidents");
    ADD_FAILURE() << "a second incident with the same reporter and request id was stored";
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "23505");
  }
  // Nothing half-written: the failed unit left no event and no seq gap.
  ASSERT_FALSE(RaiseVia(app, "hall-a", "next"));
  EXPECT_EQ(c.ExecSimple("max", "SELECT max(seq) FROM incident_events").int64(0, 0), 2);
}

TEST_F(EventLogTest, TwoAppendersOnOneDatabaseStayGapFreeAndInCommitOrder) {
  // Two appenders stand for two servers. A reader polling "seq > last"
  // the whole time must see every event exactly once, in order.
  EventAppender a(db_.conninfo(), nullptr), b(db_.conninfo(), nullptr);
  constexpr int kEach = 300;
  std::atomic<bool> done{false};
  std::vector<int64_t> seen;
  std::thread reader([&] {
    PgConnection c(db_.conninfo());
    int64_t last = 0;
    for (;;) {
      bool finished = done.load();
      int64_t covered;
      auto evs = ReadLog(c, {true, {}}, last, INT64_MAX, 1000, &covered);
      for (auto& e : evs) {
        seen.push_back(e.seq());
        last = e.seq();
      }
      if (finished && evs.empty()) break;
    }
  });
  auto run = [&](EventAppender& app, const char* prefix) {
    std::atomic<int> pending{kEach};
    for (int i = 0; i < kEach; ++i) {
      app.Submit(
          [&, i](AppendContext& ctx) -> Status {
            domain::Principal who;
            who.id = prefix;
            v1::RaiseIncidentRequest req;
            req.set_category("fire");
            v1::Incident inc;
            v1::IncidentEvent ev;
            domain::NewIncident(domain::NewUuid(), req, who, "hall-a", "", v1::SEVERITY_LOW,
                                ctx.now_micros(), &inc, &ev);
            if (!ctx.InsertIncident(&inc, &ev, who.reporter_key(), std::to_string(i))) {
              return Error::AlreadyExists("not inserted");
            }
            return kOk;
          },
          [&](Status s) {
            EXPECT_FALSE(s);
            --pending;
          });
    }
    while (pending > 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  };
  std::thread ta([&] { run(a, "a"); });
  std::thread tb([&] { run(b, "b"); });
  ta.join();
  tb.join();
  done = true;
  reader.join();
  ASSERT_EQ(seen.size(), 2u * kEach);
  for (size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i], static_cast<int64_t>(i + 1));
}

TEST_F(EventLogTest, FeedDeliversLocalAndForeignCommitsContiguously) {
  EventFeed feed(db_.conninfo());
  feed.Start();
  EventAppender mine(db_.conninfo(), &feed), theirs(db_.conninfo(), nullptr);
  ASSERT_FALSE(RaiseVia(mine, "hall-a", "m1"));
  ASSERT_FALSE(RaiseVia(theirs, "hall-b", "t1"));  // only NOTIFY tells the feed
  ASSERT_FALSE(RaiseVia(mine, "hall-a", "m2"));
  for (int i = 0; i < 200 && feed.head() < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(feed.head(), 3);
  std::vector<EventPtr> out;
  int64_t cursor;
  ASSERT_EQ(feed.ReadAfter(0, 10, 100, [](const v1::IncidentEvent&) { return true; }, &out, &cursor),
            EventFeed::Read::kOk);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[1]->hall_id(), "hall-b");
  EXPECT_EQ(cursor, 3);
  feed.Stop();
}

TEST(MigratorTest, AppliesOnceAndRefusesAChangedMigration) {
  TestDatabase db;  // already migrated once
  std::string dir = testing::TempDir("hall-schema");
  std::filesystem::copy(HALL_SOURCE_DIR "/schema", dir, std::filesystem::copy_options::recursive);
  PgConnection c(db.conninfo());
  auto again = Migrate(c, dir);
  EXPECT_TRUE(again.applied.empty());
  size_t shipped = 0;
  for (auto& e : std::filesystem::directory_iterator(HALL_SOURCE_DIR "/schema")) shipped += e.path().extension() == ".sql";
  EXPECT_EQ(again.skipped.size(), shipped);
  std::ofstream(dir + "/0001_incident_log.sql", std::ios::app) << "\n-- edited\n";
  try {
    Migrate(c, dir);
    ADD_FAILURE() << "a changed migration was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("0001_incident_log.sql changed"), std::string::npos) << e.what();
  }
  // A failing new migration is rolled back whole.
  std::filesystem::copy_file(HALL_SOURCE_DIR "/schema/0001_incident_log.sql",
                             dir + "/0001_incident_log.sql",
                             std::filesystem::copy_options::overwrite_existing);
  std::ofstream(dir + "/0999_broken.sql") << "CREATE TABLE half_done (x int);\nSELECT no_such_function();\n";
  EXPECT_THROW(Migrate(c, dir), std::runtime_error);
  EXPECT_EQ(c.ExecSimple("t", "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'").int64(0, 0), 0);
}

}  // namespace
}  // namespace hall::store
