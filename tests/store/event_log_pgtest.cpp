// The append-only incident log on a real PostgreSQL: append and replay,
// gap-free seq under concurrent appenders, immutability enforced by the
// database, idempotency key, the one raise statement on both write paths
// (pipelined batches, mixed batches, a refused raise in the middle, a
// connection lost mid-pipeline), the feed's two ways of learning of
// commits, and checksummed migrations.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "domain/credentials.h"
#include "domain/incident_state.h"
#include "playbook/playbook_set.h"
#include "store/event_appender.h"
#include "store/event_feed.h"
#include "store/incident_reads.h"
#include "store/migrator.h"
#include "store/report_reads.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::store {
namespace {

using testing::TestDatabase;

const domain::Clock& Clock() { return domain::SystemClock::Get(); }

// A raise by reporter `who_id` in `hall` (no checklist).
std::shared_ptr<RaiseUnit> MakeRaise(const std::string& hall, const std::string& request_id,
                                     const std::string& who_id = "") {
  domain::Principal who;
  // A reporter per request by default: one reporter's repeated report of
  // the same kind folds into its open incident.
  who.id = who_id.empty() ? "p-" + request_id : who_id;
  who.display_name = "tester";
  who.role = v1::ROLE_DUTY_OFFICER;
  v1::RaiseIncidentRequest req;
  req.set_request_id(request_id);
  req.set_category("fire");
  auto unit = std::make_shared<RaiseUnit>();
  domain::NewIncident(domain::NewUuid(), req, who, hall, "", v1::SEVERITY_HIGH, Clock().NowMicros(),
                      &unit->plan.incident, &unit->plan.event);
  unit->plan.reporter_key = who.reporter_key();
  unit->plan.request_id = request_id;
  return unit;
}

// Submits a raise and waits for it.
Status RaiseVia(EventAppender& app, const std::string& hall, const std::string& request_id,
                std::shared_ptr<RaiseUnit>* out = nullptr) {
  auto unit = MakeRaise(hall, request_id);
  std::promise<Status> p;
  app.SubmitRaise(unit, [&p](Status s) { p.set_value(s); });
  Status s = p.get_future().get();
  if (out) *out = unit;
  return s;
}

// Holds the appender's thread inside a unit until released, so the units
// queued meanwhile go into the next batch together.
class Gate {
 public:
  EventAppender::Work work() {
    return [this](AppendContext&) -> Status {
      entered_.set_value();
      open_.get_future().wait();
      return kOk;
    };
  }
  void WaitEntered() { entered_.get_future().wait(); }
  void Open() { open_.set_value(); }

 private:
  std::promise<void> entered_, open_;
};

// Submits `units` behind a gate, so that they go into one batch: pipelined
// when all are raises; `mixed` adds a unit of work first, so that the
// batch runs statement by statement. Returns their statuses in order.
std::vector<Status> InOneBatch(EventAppender& app,
                               const std::vector<std::shared_ptr<RaiseUnit>>& units,
                               bool mixed = false) {
  Gate gate;
  app.Submit(gate.work(), nullptr);
  gate.WaitEntered();
  if (mixed) app.Submit([](AppendContext&) -> Status { return kOk; }, nullptr);
  std::vector<std::promise<Status>> done(units.size());
  for (size_t i = 0; i < units.size(); ++i)
    app.SubmitRaise(units[i], [&done, i](Status s) { done[i].set_value(s); });
  gate.Open();
  std::vector<Status> out;
  for (auto& d : done) out.push_back(d.get_future().get());
  return out;
}

// Every event in the feed's ring (a handful in these tests), and the last
// seq it scanned.
std::vector<EventPtr> ReadAllInRing(const EventFeed& feed, int64_t* cursor) {
  std::vector<EventPtr> out;
  EXPECT_EQ(feed.ReadAfter(
                0, 100, 1000, [](const v1::IncidentEvent&) { return true; }, &out, cursor),
            EventFeed::Read::kOk);
  return out;
}

int64_t Count(PgConnection& c, const char* sql) { return c.ExecSimple({"count", sql}).int64(0, 0); }

class EventLogTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::SeedBasic(db_.conninfo()); }
  TestDatabase db_;
};

TEST_F(EventLogTest, AppendThenReplayInOrderWithFullState) {
  EventAppender app(db_.conninfo(), nullptr, Clock());
  for (int i = 0; i < 5; ++i)
    ASSERT_FALSE(RaiseVia(app, i % 2 ? "hall-a" : "hall-b", "r" + std::to_string(i)));
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

TEST_F(EventLogTest, StoredRowsCarryNoSeqTheColumnIsTheTruth) {
  EventAppender app(db_.conninfo(), nullptr, Clock());
  ASSERT_FALSE(RaiseVia(app, "hall-a", "r1"));  // pipelined (a batch of raises)
  Gate gate;
  app.Submit(gate.work(), nullptr);
  gate.WaitEntered();
  std::promise<Status> p;
  auto unit = MakeRaise("hall-a", "r2");
  app.SubmitRaise(unit, [&p](Status s) { p.set_value(s); });
  app.Submit([](AppendContext&) -> Status { return kOk; },
             nullptr);  // makes the batch mixed: statement by statement
  gate.Open();
  ASSERT_FALSE(p.get_future().get());
  PgConnection c(db_.conninfo());
  auto r = c.ExecSimple({"rows",
                         "SELECT e.payload, i.snapshot, e.seq FROM incident_events e"
                         " JOIN incidents i ON i.id = e.incident_id ORDER BY e.seq"});
  ASSERT_EQ(r.rows(), 2);
  for (int i = 0; i < 2; ++i) {
    v1::IncidentEvent e;
    ASSERT_TRUE(e.ParseFromString(r.bytes(i, 0)));
    v1::Incident inc;
    ASSERT_TRUE(inc.ParseFromString(r.bytes(i, 1)));
    EXPECT_EQ(e.seq(), 0) << "row " << i;
    EXPECT_EQ(e.incident().last_seq(), 0) << "row " << i;
    EXPECT_EQ(inc.last_seq(), 0) << "row " << i;
    EXPECT_EQ(r.int64(i, 2), i + 1);
  }
  // Both paths wrote the same shape: the timer row of each raise as well.
  EXPECT_EQ(Count(c, "SELECT count(*) FROM timers WHERE kind = 'start'"), 2);
}

// A fire in hall-a (東莞) planned as the raise RPC plans it: the plan's
// checklist, with its texts.
std::shared_ptr<RaiseUnit> PlannedFire(const playbook::PlaybookSet& set,
                                       const std::string& request_id) {
  domain::Principal who;
  who.id = "p-" + request_id;
  who.display_name = "tester";
  who.role = v1::ROLE_DUTY_OFFICER;
  static v1::RaiseIncidentRequest req;
  req.set_request_id(request_id);
  req.set_category("fire");
  domain::RaiseInput in;
  in.incident_id = domain::NewUuid();
  in.request = &req;
  in.reporter = who;
  in.hall_id = "hall-a";
  in.category = set.taxonomy().Find("fire");
  in.plan_id = "dongguan";
  in.plan = set.FindPlan("dongguan");
  in.playbook = set.FindPlaybook("dongguan", "fire");
  in.playbook_version = set.version();
  in.now_us = Clock().NowMicros();
  auto unit = std::make_shared<RaiseUnit>();
  unit->plan = domain::PlanRaise(in);
  return unit;
}

void ExpectSameTexts(const v1::Incident& got, const v1::Incident& want) {
  ASSERT_EQ(got.checklist_size(), want.checklist_size());
  for (int i = 0; i < want.checklist_size(); ++i) {
    EXPECT_EQ(got.checklist(i).text_zh(), want.checklist(i).text_zh()) << i;
    EXPECT_EQ(got.checklist(i).text_en(), want.checklist(i).text_en()) << i;
    EXPECT_EQ(got.checklist(i).citation(), want.checklist(i).citation()) << i;
  }
}

TEST_F(EventLogTest, ChecklistTextsAreStoredOnceAndEveryReadGetsThemBack) {
  std::vector<playbook::FileError> errors;
  auto set = playbook::LoadPlaybookSet(HALL_SOURCE_DIR "/playbooks", &errors);
  ASSERT_TRUE(set);
  EventAppender app(db_.conninfo(), nullptr, Clock());
  // Two fires, one pipelined batch each, then one statement by statement.
  std::vector<std::shared_ptr<RaiseUnit>> fires;
  for (const char* id : {"f1", "f2"}) {
    fires.push_back(PlannedFire(*set, id));
    std::promise<Status> p;
    app.SubmitRaise(fires.back(), [&p](Status s) { p.set_value(s); });
    ASSERT_FALSE(p.get_future().get());
  }
  {
    Gate gate;
    app.Submit(gate.work(), nullptr);
    gate.WaitEntered();
    fires.push_back(PlannedFire(*set, "f3"));
    std::promise<Status> p;
    app.SubmitRaise(fires.back(), [&p](Status s) { p.set_value(s); });
    app.Submit([](AppendContext&) -> Status { return kOk; }, nullptr);  // a mixed batch
    gate.Open();
    ASSERT_FALSE(p.get_future().get());
  }
  // The plan keeps its texts through the write (they are set aside while
  // the stored and published copies are taken, then put back); the
  // raise's answer carries none.
  const v1::Incident& want = fires[0]->plan.incident;
  ASSERT_GT(want.checklist_size(), 3);
  ASSERT_FALSE(want.checklist(0).text_zh().empty());
  for (const auto& f : fires) {
    ExpectSameTexts(f->plan.incident, want);
    ASSERT_EQ(f->incident.checklist_size(), want.checklist_size());
    EXPECT_TRUE(f->incident.checklist(0).text_zh().empty());
    EXPECT_EQ(f->incident.checklist(0).step_id(), want.checklist(0).step_id());
  }
  PgConnection c(db_.conninfo());
  // One row of texts for the three; the incident rows carry none.
  EXPECT_EQ(Count(c, "SELECT count(*) FROM checklist_texts"), 1);
  EXPECT_EQ(Count(c, "SELECT count(DISTINCT texts_digest) FROM incidents"), 1);
  auto rows = c.ExecSimple({"rows", "SELECT snapshot FROM incidents"});
  ASSERT_EQ(rows.rows(), 3);
  for (int i = 0; i < rows.rows(); ++i) {
    v1::Incident stored;
    ASSERT_TRUE(stored.ParseFromString(rows.bytes(i, 0)));
    ASSERT_EQ(stored.checklist_size(), want.checklist_size());
    EXPECT_TRUE(stored.checklist(0).text_zh().empty());
    EXPECT_EQ(stored.checklist(0).due_at().seconds(), want.checklist(0).due_at().seconds());
  }
  EXPECT_LT(Count(c, "SELECT max(octet_length(snapshot)) FROM incidents"),
            static_cast<int64_t>(want.ByteSizeLong()) / 2);

  // Every read gets them back: one incident, a board page, a retry's
  // answer, the period's incidents and the export.
  ExpectSameTexts(*LoadIncident(c, fires[0]->plan.incident.id()), want);
  ListFilter f;
  f.scope.all = true;
  auto page = ListIncidents(c, f);
  ASSERT_EQ(page.incidents.size(), 3u);
  for (const auto& inc : page.incidents) ExpectSameTexts(inc, want);
  auto retry = ExplainUninsertedRaise(c, fires[1]->plan);
  ASSERT_TRUE(retry);
  ExpectSameTexts(retry->incident, want);
  const int64_t now = Clock().NowMicros();
  for (const auto& inc : LoadPeriodIncidents(c, {true, {}}, now - 3'600'000'000, now + 1, true))
    ExpectSameTexts(inc, want);
  auto exported = ReadExportPage(c, {true, {}}, now - 3'600'000'000, now + 1, true, {}, 10);
  ASSERT_EQ(exported.incidents.size(), 3u);
  for (const auto& e : exported.incidents) ExpectSameTexts(e.incident(), want);

  // A change written from a compact copy (as a read that did not join the
  // texts would give) keeps them: nothing drops the texts.
  const std::string id = fires[0]->plan.incident.id();
  // A note appended on the incident's state as loaded (compacted first:
  // the state a write takes from an event or a read without the join).
  auto append_note = [&](const std::string& note, bool compact) {
    return app.Run([&](AppendContext& ctx) -> Status {
      v1::Incident state = *LoadIncident(ctx.conn(), id);
      if (compact) CompactChecklist(&state);
      v1::IncidentEvent e;
      e.set_incident_id(id);
      e.set_hall_id(state.hall_id());
      e.set_kind(v1::EVENT_KIND_NOTE_ADDED);
      e.set_note(note);
      *e.mutable_incident() = state;
      ctx.Append(&e);
      // The caller's event keeps what it had; the published one is compact.
      EXPECT_EQ(e.incident().checklist(0).text_zh().empty(), compact);
      EXPECT_TRUE(ctx.appended().back().incident().checklist(0).text_zh().empty());
      EXPECT_EQ(ctx.appended().back().incident().checklist_size(), want.checklist_size());
      return kOk;
    });
  };
  ASSERT_FALSE(append_note("现场已疏散", /*compact=*/true));
  ExpectSameTexts(*LoadIncident(c, id), want);
  EXPECT_EQ(Count(c, "SELECT count(*) FROM checklist_texts"), 1);

  // A row written before migration 0007 (texts inline, no digest) reads as
  // it is, and moves its texts out on its next change.
  v1::Incident old = want;
  old.clear_last_seq();
  c.Exec(Sql{"old_row", "UPDATE incidents SET snapshot = $2, texts_digest = NULL WHERE id = $1"},
         {id, PgParam::Bytes(old.SerializeAsString())});
  ExpectSameTexts(*LoadIncident(c, id), want);
  ASSERT_FALSE(append_note("再次确认", /*compact=*/false));
  EXPECT_EQ(Count(c, "SELECT count(*) FROM incidents WHERE texts_digest IS NULL"), 0);
  EXPECT_LT(Count(c, "SELECT max(octet_length(snapshot)) FROM incidents"),
            static_cast<int64_t>(want.ByteSizeLong()) / 2);
  ExpectSameTexts(*LoadIncident(c, id), want);
}

// A drill press whose run ended between its lookup and its insert (the
// engine's end, or a stop, committed in between) is refused under the log
// lock: it would otherwise stay on the board, never wound down.
TEST_F(EventLogTest, ADrillPressOfARunThatHasEndedIsRefused) {
  PgConnection c(db_.conninfo());
  const std::string coordinator =
      c.ExecSimple({"drill_coordinator", "SELECT id::text FROM people WHERE username = 'drill'"})
          .text(0, 0);
  auto drill = [&](const std::string& id, const std::string& hall, int state) {
    c.ExecSimple({"drill_row",
                  ("INSERT INTO drills (id, hall_id, scenario_id, scenario, expected, state,"
                   " starts_at, ended_at, started_by, request_id) VALUES ('" +
                   id + "', '" + hall + "', 's', '', '', " + std::to_string(state) + ", now(), " +
                   (state >= 3 ? "now()" : "NULL") + ", '" + coordinator + "', '" + id + "')")
                      .c_str()});
  };
  const std::string ended = domain::NewUuid(), live = domain::NewUuid();
  drill(ended, "hall-a", 3);
  drill(live, "hall-b", 1);
  EventAppender app(db_.conninfo(), nullptr, Clock());
  auto press = [&](const std::string& hall, const std::string& drill_id,
                   const std::string& request_id) {
    auto unit = MakeRaise(hall, request_id);
    unit->plan.incident.set_drill(true);
    unit->plan.incident.set_drill_id(drill_id);
    std::promise<Status> done;
    app.SubmitRaise(unit, [&done](Status s) { done.set_value(s); });
    return done.get_future().get();
  };
  Status refused = press("hall-a", ended, "late-press");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, ErrorCode::kFailedPrecondition) << refused->message;
  EXPECT_NE(refused->message.find("the drill has just ended"), std::string::npos)
      << refused->message;
  EXPECT_FALSE(press("hall-b", live, "live-press")) << "a live run's press is inserted";
  EXPECT_EQ(Count(c, "SELECT count(*) FROM incidents"), 1);
  const std::string of_live = "SELECT count(*) FROM incidents WHERE drill_id = '" + live + "'";
  EXPECT_EQ(Count(c, of_live.c_str()), 1);
}

TEST_F(EventLogTest, DatabaseRefusesUpdateDeleteAndTruncateOfTheLog) {
  EventAppender app(db_.conninfo(), nullptr, Clock());
  ASSERT_FALSE(RaiseVia(app, "hall-a", "r1"));
  PgConnection c(db_.conninfo());
  for (const char* sql : {"UPDATE incident_events SET hall_id = 'hall-b'",
                          "DELETE FROM incident_events", "TRUNCATE incident_events CASCADE"}) {
    try {
      c.ExecSimple({"tamper", sql});
      ADD_FAILURE() << "the database allowed: " << sql;
    } catch (const PgError& e) {
      EXPECT_NE(std::string(e.what()).find("append-only"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(Count(c, "SELECT count(*) FROM incident_events"), 1);
}

// A caller that caught a statement's failure and carried on cannot commit
// the aborted transaction as if it were saved.
TEST_F(EventLogTest, ATransactionAFailedStatementAbortedDoesNotCommitSilently) {
  PgConnection c(db_.conninfo());
  const Sql insert{"t_region", "INSERT INTO regions (id, name, level) VALUES ($1, $1, 1)"};
  {
    Transaction tx(c);
    c.Exec(insert, {"r-before"});
    try {
      c.ExecSimple({"broken", "SELECT no_such_column FROM regions"});
    } catch (const PgError&) {
      // caught and carried on: the transaction is aborted all the same
    }
    try {
      tx.Commit();
      ADD_FAILURE() << "an aborted transaction's commit reported success";
    } catch (const PgError& e) {
      EXPECT_EQ(e.sqlstate(), "25P02");
    }
  }
  EXPECT_FALSE(c.in_transaction());
  EXPECT_EQ(Count(c, "SELECT count(*) FROM regions WHERE id = 'r-before'"), 0);
  // The connection is usable after.
  {
    Transaction tx(c);
    c.Exec(insert, {"r-after"});
    tx.Commit();
  }
  EXPECT_EQ(Count(c, "SELECT count(*) FROM regions WHERE id = 'r-after'"), 1);
}

// A store function that keeps its own writes atomic can be one step of a
// larger change: inside another transaction it is a savepoint of it.
TEST_F(EventLogTest, ATransactionInsideAnotherIsASavepointOfIt) {
  PgConnection c(db_.conninfo());
  const Sql insert{"t_region", "INSERT INTO regions (id, name, level) VALUES ($1, $1, 1)"};
  {
    Transaction outer(c);
    c.Exec(insert, {"r-outer"});
    {
      Transaction inner(c);
      c.Exec(insert, {"r-inner-kept"});
      inner.Commit();  // released into the outer: not yet visible elsewhere
    }
    PgConnection other(db_.conninfo());
    EXPECT_EQ(Count(other, "SELECT count(*) FROM regions WHERE id LIKE 'r-%'"), 0);
    {
      Transaction inner(c);
      c.Exec(insert, {"r-inner-undone"});
      // Not committed: only this part is undone.
    }
    {
      Transaction inner(c);
      // A failed statement inside spoils only the savepoint.
      EXPECT_THROW(c.Exec(insert, {"r-outer"}), PgError);
    }
    EXPECT_TRUE(c.in_transaction());
    // An inner transaction cannot bring its own isolation.
    EXPECT_THROW(Transaction(c, TxOptions::Snapshot()), PgError);
    outer.Commit();
  }
  EXPECT_FALSE(c.in_transaction());
  EXPECT_EQ(Count(c, "SELECT count(*) FROM regions WHERE id IN ('r-outer', 'r-inner-kept')"), 2);
  EXPECT_EQ(Count(c, "SELECT count(*) FROM regions WHERE id = 'r-inner-undone'"), 0);
  // An outer rollback takes the committed inner part with it.
  {
    Transaction outer(c);
    {
      Transaction inner(c);
      c.Exec(insert, {"r-gone"});
      inner.Commit();
    }
  }
  EXPECT_EQ(Count(c, "SELECT count(*) FROM regions WHERE id = 'r-gone'"), 0);
}

TEST_F(EventLogTest, SameReporterAndRequestIdIsUniqueInTheDatabase) {
  EventAppender app(db_.conninfo(), nullptr, Clock());
  std::shared_ptr<RaiseUnit> first, second;
  ASSERT_FALSE(RaiseVia(app, "hall-a", "same", &first));
  ASSERT_FALSE(RaiseVia(app, "hall-a", "same", &second));
  EXPECT_TRUE(first->created);
  EXPECT_FALSE(second->created);  // a retry answers with the first incident
  EXPECT_EQ(second->incident.id(), first->incident.id());
  EXPECT_EQ(second->incident.last_seq(), 1);
  PgConnection c(db_.conninfo());
  EXPECT_EQ(Count(c, "SELECT count(*) FROM incidents"), 1);
  // The key is the database's own, not only the appender's check.
  try {
    c.ExecSimple({"dup",
                  "INSERT INTO incidents SELECT gen_random_uuid(), hall_id, location_id,"
                  " category, severity, status, drill, reporter_key, request_id, reported_at,"
                  " updated_at, last_seq, snapshot FROM incidents"});
    ADD_FAILURE() << "a second incident with the same reporter and request id was stored";
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "23505");
  }
  // Nothing half-written: the retry left no event and no seq gap.
  ASSERT_FALSE(RaiseVia(app, "hall-a", "next"));
  EXPECT_EQ(Count(c, "SELECT max(seq) FROM incident_events"), 2);
}

TEST_F(EventLogTest, PipelinedBatchWithARefusedRaiseInTheMiddle) {
  EventAppender app(db_.conninfo(), nullptr, Clock());
  // Queued together: one pipelined batch of three raises.
  std::vector<std::shared_ptr<RaiseUnit>> units = {
      MakeRaise("hall-a", "ok1"), MakeRaise("no-such-hall", "bad"), MakeRaise("hall-b", "ok2")};
  auto statuses = InOneBatch(app, units);
  Status s0 = statuses[0], s1 = statuses[1], s2 = statuses[2];
  EXPECT_FALSE(s0);
  ASSERT_TRUE(s1);
  EXPECT_EQ(s1->code, ErrorCode::kNotFound) << s1->message;
  EXPECT_FALSE(s2);
  EXPECT_TRUE(units[0]->created);
  EXPECT_TRUE(units[2]->created);
  EXPECT_EQ(units[0]->incident.last_seq() + 1, units[2]->incident.last_seq());
  PgConnection c(db_.conninfo());
  EXPECT_EQ(Count(c, "SELECT count(*) FROM incidents"), 2);
  EXPECT_EQ(Count(c, "SELECT max(seq) FROM incident_events"), 2);
}

TEST_F(EventLogTest, MixedBatchRunsInOrderAndDropsTheUnitWhoseSqlFails) {
  EventFeed feed(db_.conninfo());
  feed.Start();
  EventAppender app(db_.conninfo(), &feed, Clock());
  Gate gate;
  app.Submit(gate.work(), nullptr);
  gate.WaitEntered();
  auto r1 = MakeRaise("hall-a", "m1");
  auto r2 = MakeRaise("hall-a", "m2");
  std::promise<Status> p1, p2, pbad;
  app.SubmitRaise(r1, [&p1](Status s) { p1.set_value(s); });
  app.Submit(
      [](AppendContext& ctx) -> Status {
        ctx.conn().ExecSimple({"broken", "SELECT no_such_column FROM incidents"});
        return kOk;
      },
      [&pbad](Status s) { pbad.set_value(s); });
  app.SubmitRaise(r2, [&p2](Status s) { p2.set_value(s); });
  gate.Open();
  EXPECT_FALSE(p1.get_future().get());
  EXPECT_TRUE(pbad.get_future().get());
  EXPECT_FALSE(p2.get_future().get());
  EXPECT_EQ(r1->incident.last_seq(), 1);
  EXPECT_EQ(r2->incident.last_seq(), 2);
  // The feed was handed both, in seq order, before the callers heard back.
  EXPECT_EQ(feed.head(), 2);
  feed.Stop();
}

// A note on `inc`, as the engine's events are built: the state after it.
v1::IncidentEvent NoteOn(const v1::Incident& inc, const std::string& text, int64_t now) {
  v1::IncidentEvent e;
  e.set_incident_id(inc.id());
  e.set_hall_id(inc.hall_id());
  e.set_kind(v1::EVENT_KIND_NOTE_ADDED);
  e.set_actor_id("system");
  e.set_note(text);
  domain::SetTimestamp(e.mutable_at(), now);
  *e.mutable_incident() = inc;
  return e;
}

// A raise follow-up that notes each new incident (standing in for the
// engine's chain start), counting the incidents it was given.
EventAppender::RaiseFollowUp NoteFollowUp(std::atomic<int>* incidents) {
  return [incidents](AppendContext& ctx, const std::vector<const v1::Incident*>& raised) {
    for (const v1::Incident* inc : raised) {
      *incidents += 1;
      v1::IncidentEvent e = NoteOn(*inc, "follow-up", ctx.now_micros());
      ctx.Append(&e);
    }
  };
}

TEST_F(EventLogTest, AUnitThatCarriesOnAfterAFailedStatementIsLeftOutNotPublished) {
  EventFeed feed(db_.conninfo());
  feed.Start();
  EventAppender app(db_.conninfo(), &feed, Clock());
  std::shared_ptr<RaiseUnit> first;
  ASSERT_FALSE(RaiseVia(app, "hall-a", "c1", &first));
  Gate gate;
  app.Submit(gate.work(), nullptr);
  gate.WaitEntered();
  // Writes an event, then swallows a failed statement's error: the
  // transaction is aborted, so its event must neither be reported nor
  // handed to the feed, and the batch's other unit must still commit.
  std::promise<Status> pbad, pok;
  app.Submit(
      [&first](AppendContext& ctx) -> Status {
        v1::IncidentEvent e = NoteOn(first->incident, "lost", ctx.now_micros());
        ctx.Append(&e);
        try {
          ctx.conn().ExecSimple({"broken", "SELECT no_such_column FROM incidents"});
        } catch (const PgError&) {
        }
        return kOk;
      },
      [&pbad](Status s) { pbad.set_value(s); });
  auto second = MakeRaise("hall-a", "c2");
  app.SubmitRaise(second, [&pok](Status s) { pok.set_value(s); });
  gate.Open();
  Status bad = pbad.get_future().get();
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->code, ErrorCode::kInternal);
  EXPECT_FALSE(pok.get_future().get());
  EXPECT_EQ(second->incident.last_seq(), 2);
  PgConnection c(db_.conninfo());
  auto log = c.ExecSimple({"log", "SELECT seq, kind FROM incident_events ORDER BY seq"});
  ASSERT_EQ(log.rows(), 2);
  EXPECT_EQ(log.int64(1, 1), static_cast<int64_t>(v1::EVENT_KIND_RAISED));
  EXPECT_EQ(feed.head(), 2);
  int64_t cursor = 0;
  std::vector<EventPtr> out = ReadAllInRing(feed, &cursor);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1]->incident_id(), second->plan.incident.id());
  feed.Stop();
}

TEST_F(EventLogTest, RaiseFollowUpsRunRightAfterTheirBatchOnBothWritePaths) {
  EventFeed feed(db_.conninfo());
  feed.Start();
  EventAppender app(db_.conninfo(), &feed, Clock());
  std::atomic<int> calls{0};
  app.SetRaiseFollowUp(NoteFollowUp(&calls));
  // A pipelined batch of three raises (one refused), then a mixed batch.
  std::vector<std::shared_ptr<RaiseUnit>> units = {
      MakeRaise("hall-a", "f1"), MakeRaise("no-such-hall", "f-bad"), MakeRaise("hall-b", "f2")};
  auto statuses = InOneBatch(app, units);
  EXPECT_FALSE(statuses[0]);
  EXPECT_TRUE(statuses[1]);
  EXPECT_FALSE(statuses[2]);
  auto mixed = MakeRaise("hall-a", "f3");
  EXPECT_FALSE(InOneBatch(app, {mixed}, /*mixed=*/true)[0]);
  ASSERT_FALSE(app.Run([](AppendContext&) -> Status { return kOk; }));  // after the follow-ups
  // Given each new incident once, in a transaction of its own right after
  // its batch: the two raises, their two notes; the third raise, its note.
  EXPECT_EQ(calls.load(), 3);
  PgConnection c(db_.conninfo());
  auto log = c.ExecSimple(
      {"log", "SELECT seq, kind, incident_id::text FROM incident_events ORDER BY seq"});
  ASSERT_EQ(log.rows(), 6);
  const std::vector<int64_t> kinds = {1, 1, 4, 4, 1, 4};
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(log.int64(i, 0), i + 1);
    EXPECT_EQ(log.int64(i, 1), kinds[i]) << "seq " << i + 1;
  }
  EXPECT_EQ(log.text(2, 2), units[0]->plan.incident.id());
  EXPECT_EQ(log.text(3, 2), units[2]->plan.incident.id());
  EXPECT_EQ(log.text(5, 2), mixed->plan.incident.id());
  // The feed was handed all six, contiguous and in seq order, by the
  // appender itself.
  EXPECT_EQ(feed.head(), 6);
  int64_t cursor = 0;
  std::vector<EventPtr> out = ReadAllInRing(feed, &cursor);
  ASSERT_EQ(out.size(), 6u);
  for (size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i]->seq(), static_cast<int64_t>(i + 1));
  feed.Stop();
}

TEST_F(EventLogTest, AFailingRaiseFollowUpLeavesTheRaisesCommittedWithTheirStartTimers) {
  EventAppender app(db_.conninfo(), nullptr, Clock());
  std::atomic<int> calls{0};
  app.SetRaiseFollowUp([&calls](AppendContext& ctx, const std::vector<const v1::Incident*>&) {
    calls += 1;
    ctx.conn().ExecSimple({"broken", "SELECT no_such_column FROM incidents"});
  });
  // Both write paths: a pipelined batch of two, and a mixed batch of one.
  for (const Status& s : InOneBatch(app, {MakeRaise("hall-a", "x1"), MakeRaise("hall-b", "x2")}))
    EXPECT_FALSE(s);
  EXPECT_FALSE(InOneBatch(app, {MakeRaise("hall-a", "x3")}, /*mixed=*/true)[0]);
  ASSERT_FALSE(app.Run([](AppendContext&) -> Status { return kOk; }));  // after the follow-ups
  EXPECT_EQ(calls.load(), 2) << "once per batch";
  PgConnection c(db_.conninfo());
  EXPECT_EQ(Count(c, "SELECT count(*) FROM incidents"), 3);
  EXPECT_EQ(Count(c, "SELECT max(seq) FROM incident_events"), 3);
  // Each left its start timer for the engine's timer loop.
  EXPECT_EQ(Count(c, "SELECT count(*) FROM timers WHERE kind = 'start'"), 3);
  // Cleared, the follow-up is no longer called.
  app.SetRaiseFollowUp(nullptr);
  const int before = calls.load();
  EXPECT_FALSE(RaiseVia(app, "hall-a", "x4"));
  EXPECT_EQ(calls.load(), before);
}

// AppendAll writes many events in one pipeline, exactly as Append would
// one by one; a unit whose pipeline fails (a statement's SQL, or an
// incident that is not there) is dropped from its batch with nothing left
// behind, and the connection goes on serving the rest.
TEST_F(EventLogTest, AppendAllWritesInOrderAndAFailedPipelineDropsOnlyItsUnit) {
  EventFeed feed(db_.conninfo());
  feed.Start();
  EventAppender app(db_.conninfo(), &feed, Clock());
  std::shared_ptr<RaiseUnit> a, b;
  ASSERT_FALSE(RaiseVia(app, "hall-a", "all-a", &a));
  ASSERT_FALSE(RaiseVia(app, "hall-b", "all-b", &b));

  std::vector<v1::IncidentEvent> written;
  ASSERT_FALSE(app.Run([&](AppendContext& ctx) -> Status {
    std::vector<v1::IncidentEvent> events = {NoteOn(a->incident, "one", ctx.now_micros()),
                                             NoteOn(b->incident, "two", ctx.now_micros()),
                                             NoteOn(a->incident, "three", ctx.now_micros())};
    ctx.AppendAll(&events);
    written = events;
    return kOk;
  }));
  ASSERT_EQ(written.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(written[i].seq(), 3 + i);
    EXPECT_EQ(written[i].incident().last_seq(), 3 + i);
  }
  PgConnection c(db_.conninfo());
  EXPECT_EQ(LoadIncident(c, a->incident.id())->last_seq(), 5);
  EXPECT_EQ(LoadIncident(c, b->incident.id())->last_seq(), 4);

  // In one batch: a raise, a unit whose pipeline has a broken statement in
  // the middle, a unit appending to an incident that does not exist after
  // one that does, and another raise.
  Gate gate;
  app.Submit(gate.work(), nullptr);
  gate.WaitEntered();
  auto r1 = MakeRaise("hall-a", "all-r1");
  auto r2 = MakeRaise("hall-b", "all-r2");
  std::promise<Status> p1, p2, broken, vanished;
  app.SubmitRaise(r1, [&p1](Status s) { p1.set_value(s); });
  const Sql ok_sql{"test_one", "SELECT 1"};
  const Sql bad_sql{"test_broken", "SELECT no_such_column FROM incidents"};
  app.Submit(
      [&](AppendContext& ctx) -> Status {
        ctx.conn().ExecPipelined({{&ok_sql, {}}, {&bad_sql, {}}, {&ok_sql, {}}});
        return kOk;
      },
      [&broken](Status s) { broken.set_value(s); });
  app.Submit(
      [&](AppendContext& ctx) -> Status {
        v1::Incident ghost = a->incident;
        ghost.set_id(domain::NewUuid());
        std::vector<v1::IncidentEvent> events = {NoteOn(a->incident, "lost", ctx.now_micros()),
                                                 NoteOn(ghost, "ghost", ctx.now_micros())};
        ctx.AppendAll(&events);
        return kOk;
      },
      [&vanished](Status s) { vanished.set_value(s); });
  app.SubmitRaise(r2, [&p2](Status s) { p2.set_value(s); });
  gate.Open();
  EXPECT_FALSE(p1.get_future().get());
  EXPECT_FALSE(p2.get_future().get());
  Status bs = broken.get_future().get();
  ASSERT_TRUE(bs);
  EXPECT_NE(bs->message.find("no_such_column"), std::string::npos) << bs->message;
  Status vs = vanished.get_future().get();
  ASSERT_TRUE(vs);
  EXPECT_NE(vs->message.find("vanished"), std::string::npos) << vs->message;
  // The two raises took seq 6 and 7; the dropped units left nothing.
  EXPECT_EQ(r1->incident.last_seq(), 6);
  EXPECT_EQ(r2->incident.last_seq(), 7);
  EXPECT_EQ(Count(c, "SELECT max(seq) FROM incident_events"), 7);
  EXPECT_EQ(Count(c, "SELECT count(*) FROM incident_events WHERE kind = 4"), 3);
  EXPECT_EQ(LoadIncident(c, a->incident.id())->last_seq(), 5);
  // Several incidents read in one round trip, in order, an unknown id empty.
  auto loaded = LoadIncidents(c, {b->incident.id(), domain::NewUuid(), a->incident.id()});
  ASSERT_EQ(loaded.size(), 3u);
  ASSERT_TRUE(loaded[0] && loaded[2]);
  EXPECT_FALSE(loaded[1]);
  EXPECT_EQ(loaded[0]->id(), b->incident.id());
  EXPECT_EQ(loaded[2]->last_seq(), 5);
  // A state the caller holds comes back as it is while it is current (not
  // read again: the marker below was never stored), the stored one once
  // the incident moved on.
  v1::Incident held = *loaded[0];
  held.set_summary("held by the caller");
  v1::Incident stale = b->incident;  // seq 2; the stored state is at 4
  auto again = LoadIncidents(c, {b->incident.id(), b->incident.id()}, {&held, &stale});
  ASSERT_TRUE(again[0] && again[1]);
  EXPECT_EQ(again[0]->summary(), "held by the caller");
  EXPECT_EQ(again[1]->last_seq(), 4);
  EXPECT_EQ(again[1]->summary(), loaded[0]->summary());
  EXPECT_EQ(feed.head(), 7);
  feed.Stop();
}

TEST_F(EventLogTest, ConnectionLostMidPipelineLosesAndDoublesNothing) {
  EventAppender app(db_.conninfo(), nullptr, Clock());
  ASSERT_FALSE(RaiseVia(app, "hall-a", "warm"));  // the appender is connected
  PgConnection admin(db_.conninfo());
  // Cut the appender's session, then send a batch: the pipeline finds the
  // connection dead, and the batch runs again on a new one.
  auto killed = admin.ExecSimple({"kill",
                                  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                  " WHERE application_name = 'hall_appender'"});
  ASSERT_EQ(killed.rows(), 1);
  Gate gate;
  std::vector<std::shared_ptr<RaiseUnit>> units;
  std::vector<std::promise<Status>> done(20);
  for (int i = 0; i < 20; ++i) units.push_back(MakeRaise("hall-a", "after-" + std::to_string(i)));
  for (int i = 0; i < 20; ++i)
    app.SubmitRaise(units[i], [&done, i](Status s) { done[i].set_value(s); });
  int ok = 0, unavailable = 0;
  for (int i = 0; i < 20; ++i) {
    Status s = done[i].get_future().get();
    if (!s)
      ++ok;
    else if (s->code == ErrorCode::kUnavailable)
      ++unavailable;
  }
  EXPECT_EQ(ok + unavailable, 20);
  // Retried like a client does: every raise exists exactly once.
  for (int i = 0; i < 20; ++i) {
    if (units[i]->created) continue;
    std::shared_ptr<RaiseUnit> again;
    ASSERT_FALSE(RaiseVia(app, "hall-a", "after-" + std::to_string(i), &again));
  }
  EXPECT_EQ(Count(admin, "SELECT count(*) FROM incidents"), 21);
  EXPECT_EQ(Count(admin, "SELECT max(seq) FROM incident_events"), 21);
  EXPECT_EQ(Count(admin, "SELECT count(DISTINCT seq) FROM incident_events"), 21);
}

TEST_F(EventLogTest, TwoAppendersOnOneDatabaseStayGapFreeAndInCommitOrder) {
  // Two appenders stand for two servers. A reader polling "seq > last"
  // the whole time must see every event exactly once, in order.
  EventAppender a(db_.conninfo(), nullptr, Clock()), b(db_.conninfo(), nullptr, Clock());
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
    std::vector<std::promise<Status>> results(kEach);
    for (int i = 0; i < kEach; ++i) {
      // (a reporter each: one reporter's repeated fires would fold)
      app.SubmitRaise(MakeRaise("hall-a", std::to_string(i), prefix + std::to_string(i)),
                      [&results, i](Status s) { results[i].set_value(s); });
    }
    for (auto& r : results) EXPECT_FALSE(r.get_future().get());
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

// Waits (bounded) until the feed's head reaches `seq`.
bool WaitForHead(const EventFeed& feed, int64_t seq, int timeout_ms) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (feed.head() < seq) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// An ordinary (not all-raise) batch opens with the log's lock and closes
// with its notification, one pipeline each: other servers hear of what it
// wrote, and of nothing when it wrote nothing; what it wrote is in seq
// order after what the pipelined path wrote; a unit refused by the
// database leaves the connection usable for the next batch.
TEST_F(EventLogTest, AnOrdinaryBatchNotifiesOtherServersOnlyWhenItWrote) {
  PgConnection listener(db_.conninfo());
  listener.ExecSimple({"listen", "LISTEN hall_events"});
  // Notifications committed before a transaction of the listener's own
  // are handed to it when that transaction ends: a round trip collects
  // every one sent so far.
  auto notifications = [&listener] {
    listener.ExecSimple({"collect", "SELECT 1"});
    int n = 0;
    while (PGnotify* note = PQnotifies(listener.raw())) {
      EXPECT_STREQ(note->relname, "hall_events");
      PQfreemem(note);
      n += 1;
    }
    return n;
  };
  EventAppender app(db_.conninfo(), nullptr, Clock());
  std::shared_ptr<RaiseUnit> raised;
  ASSERT_FALSE(RaiseVia(app, "hall-a", "n1", &raised));
  EXPECT_EQ(notifications(), 1) << "the pipelined raise";
  ASSERT_FALSE(app.Run([](AppendContext&) -> Status { return kOk; }));
  EXPECT_EQ(notifications(), 0) << "a batch that wrote nothing";
  ASSERT_TRUE(app.Run([](AppendContext& ctx) -> Status {
    ctx.conn().ExecSimple({"broken", "SELECT no_such_column FROM incidents"});
    return kOk;
  }));
  EXPECT_EQ(notifications(), 0) << "a batch the database refused";
  ASSERT_FALSE(app.Run([&raised](AppendContext& ctx) -> Status {
    v1::IncidentEvent e = NoteOn(raised->incident, "noted", ctx.now_micros());
    ctx.Append(&e);
    return kOk;
  }));
  EXPECT_EQ(notifications(), 1) << "a change through an ordinary batch";
  PgConnection c(db_.conninfo());
  auto log = c.ExecSimple({"log", "SELECT seq, kind FROM incident_events ORDER BY seq"});
  ASSERT_EQ(log.rows(), 2);
  EXPECT_EQ(log.int64(1, 0), 2);
  EXPECT_EQ(log.int64(1, 1), static_cast<int64_t>(v1::EVENT_KIND_NOTE_ADDED));
  // Nothing left open on the appender's side: a raise still goes through.
  ASSERT_FALSE(RaiseVia(app, "hall-a", "n2"));
  EXPECT_EQ(notifications(), 1);
}

TEST_F(EventLogTest, FeedLearnsOfAnotherServersCommitThroughNotify) {
  // The safety net is an hour away: only the notification can tell the feed.
  FeedOptions o;
  o.safety_net_ms = 3'600'000;
  EventFeed feed(db_.conninfo(), o);
  feed.Start();
  EventAppender mine(db_.conninfo(), &feed, Clock()), theirs(db_.conninfo(), nullptr, Clock());
  ASSERT_FALSE(RaiseVia(mine, "hall-a", "m1"));
  ASSERT_FALSE(RaiseVia(theirs, "hall-b", "t1"));
  ASSERT_FALSE(RaiseVia(mine, "hall-a", "m2"));
  ASSERT_TRUE(WaitForHead(feed, 3, 10000)) << "head " << feed.head();
  int64_t cursor = 0;
  std::vector<EventPtr> out = ReadAllInRing(feed, &cursor);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[1]->hall_id(), "hall-b");
  EXPECT_EQ(cursor, 3);
  feed.Stop();
}

TEST_F(EventLogTest, FeedSkipsItsOwnServersNotificationsAndReadsAnothers) {
  FeedOptions o;
  o.safety_net_ms = 3'600'000;
  EventFeed feed(db_.conninfo(), o);
  feed.Start();
  EventAppender mine(db_.conninfo(), &feed, Clock()), theirs(db_.conninfo(), nullptr, Clock());
  // Once the feed has another server's first commit, its listener is
  // listening (it listens before its first read).
  ASSERT_FALSE(RaiseVia(theirs, "hall-b", "t0"));
  ASSERT_TRUE(WaitForHead(feed, 1, 10000));
  const int64_t reads = feed.log_reads();
  for (int i = 0; i < 10; ++i) ASSERT_FALSE(RaiseVia(mine, "hall-a", "own" + std::to_string(i)));
  ASSERT_FALSE(RaiseVia(theirs, "hall-b", "t1"));
  // Another server's commit is read from the log; notifications reach the
  // listener in commit order, so by then it has seen (and skipped) all ten
  // of its own.
  ASSERT_TRUE(WaitForHead(feed, 12, 10000)) << "head " << feed.head();
  EXPECT_EQ(feed.own_notifications(), 10);
  EXPECT_LE(feed.log_reads(), reads + 2) << "a read for the other server's commit, not eleven";
  feed.Stop();
}

TEST_F(EventLogTest, FeedSafetyNetReadsTheLogWithoutNotify) {
  // Not listening at all: the periodic re-read alone must catch up.
  FeedOptions o;
  o.listen = false;
  o.safety_net_ms = 50;
  EventFeed feed(db_.conninfo(), o);
  feed.Start();
  EventAppender theirs(db_.conninfo(), nullptr, Clock());
  ASSERT_FALSE(RaiseVia(theirs, "hall-b", "t1"));
  ASSERT_FALSE(RaiseVia(theirs, "hall-b", "t2"));
  EXPECT_TRUE(WaitForHead(feed, 2, 10000)) << "head " << feed.head();
  feed.Stop();
}

// A watch stream's stand-in: counts its wakes.
struct CountingSubscriber : FeedSubscriber {
  std::atomic<int> wakes{0};
  void OnFeedAdvanced() override { ++wakes; }
};

TEST_F(EventLogTest, FeedReportsEachWakeOfItsSubscribersWithItsDuration) {
  FeedOptions o;
  o.listen = false;
  o.safety_net_ms = 3'600'000;
  EventFeed feed(db_.conninfo(), o);
  feed.Start();
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::pair<int64_t, size_t>> woken;  // (µs, subscribers) per wake
  feed.OnWoken([&](int64_t micros, size_t n) {
    std::lock_guard lock(mu);
    woken.emplace_back(micros, n);
    cv.notify_all();
  });
  auto wait_for = [&](size_t wakes) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, std::chrono::seconds(10), [&] { return woken.size() >= wakes; });
  };
  EventAppender app(db_.conninfo(), &feed, Clock());

  // No subscriber: nothing to report.
  ASSERT_FALSE(RaiseVia(app, "hall-a", "r0"));
  // A few: woken on the appender's thread, reported before the raise is answered.
  std::vector<std::shared_ptr<CountingSubscriber>> subs;
  for (int i = 0; i < 3; ++i) {
    subs.push_back(std::make_shared<CountingSubscriber>());
    feed.Subscribe(subs.back());
  }
  ASSERT_FALSE(RaiseVia(app, "hall-a", "r1"));
  {
    std::lock_guard lock(mu);
    ASSERT_EQ(woken.size(), 1u) << "the raise without subscribers reported a wake";
    EXPECT_EQ(woken[0].second, 3u);
    EXPECT_GE(woken[0].first, 0);
  }
  // Many: woken on the dispatch thread, reported there once all are woken.
  for (int i = 0; i < 30; ++i) {
    subs.push_back(std::make_shared<CountingSubscriber>());
    feed.Subscribe(subs.back());
  }
  ASSERT_FALSE(RaiseVia(app, "hall-a", "r2"));
  ASSERT_TRUE(wait_for(2));
  {
    std::lock_guard lock(mu);
    EXPECT_EQ(woken[1].second, 33u);
  }
  for (auto& s : subs) EXPECT_GE(s->wakes.load(), 1);
  for (auto& s : subs) feed.Unsubscribe(s.get());
  feed.OnWoken(nullptr);
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
  for (auto& e : std::filesystem::directory_iterator(HALL_SOURCE_DIR "/schema"))
    shipped += e.path().extension() == ".sql";
  EXPECT_EQ(again.skipped.size(), shipped);
  std::ofstream(dir + "/0001_incident_log.sql", std::ios::app) << "\n-- edited\n";
  try {
    Migrate(c, dir);
    ADD_FAILURE() << "a changed migration was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("0001_incident_log.sql changed"), std::string::npos)
        << e.what();
  }
  // A failing new migration is rolled back whole.
  std::filesystem::copy_file(HALL_SOURCE_DIR "/schema/0001_incident_log.sql",
                             dir + "/0001_incident_log.sql",
                             std::filesystem::copy_options::overwrite_existing);
  std::ofstream(dir + "/0999_broken.sql")
      << "CREATE TABLE half_done (x int);\nSELECT no_such_function();\n";
  EXPECT_THROW(Migrate(c, dir), std::runtime_error);
  EXPECT_EQ(c.ExecSimple({"t", "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'"})
                .int64(0, 0),
            0);
}

}  // namespace
}  // namespace hall::store
