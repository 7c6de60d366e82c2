// The metrics endpoint, scraped as Prometheus would: RPC counts and
// latency histograms per method and status, open watch streams, the
// appender's batches and events, the engine, the database workers and the
// kiosks by state — each line in the text format, the figures moving with
// what the server did. Off unless asked for.
#include <gtest/gtest.h>
#include <httplib.h>

#include <regex>

#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::testing {
namespace {

// The value of the sample `name{labels}` (exact line start), or -1.
double Sample(const std::string& text, const std::string& series) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  }
  return -1;
}

std::string Scrape(int port) {
  httplib::Client http("127.0.0.1", port);
  auto res = http.Get("/metrics");
  EXPECT_TRUE(res) << "no answer from the metrics port";
  if (!res) return "";
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  return res->body;
}

TEST(MetricsTest, AScrapeShowsWhatTheServerDid) {
  TestDatabase db;
  SeedBasic(db.conninfo());
  TestServerOptions o;
  o.engine = true;
  o.metrics_listen = "127.0.0.1:0";
  TestServer server(db.conninfo(), o);
  const int port = server.server().metrics_port();
  ASSERT_GT(port, 0);

  Client duty(MakeChannel(server.port()));
  ASSERT_TRUE(duty.Login("duty-a").ok());
  EXPECT_FALSE(duty.Login("duty-a", "wrong-password").ok());
  v1::RaiseIncidentResponse r;
  ASSERT_TRUE(duty.Raise("hall-a", "fire", &r).ok());
  Watcher watch(duty, 0);
  ASSERT_FALSE(watch.NextOfKind(v1::EVENT_KIND_RAISED, 1).empty());

  const std::string text = Scrape(port);
  // Every line is a comment or a sample in the text format.
  const std::regex sample(R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? -?[0-9.e+\-]+(Inf)?$)");
  std::istringstream lines(text);
  std::string line;
  int samples = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) continue;
    EXPECT_TRUE(std::regex_match(line, sample)) << line;
    ++samples;
  }
  EXPECT_GT(samples, 20);
  // RPCs by method and status, with a latency histogram.
  EXPECT_EQ(Sample(text, R"(hall_rpc_requests_total{method="RaiseIncident",code="OK"})"), 1);
  EXPECT_GE(Sample(text, R"(hall_rpc_requests_total{method="Login",code="OK"})"), 1);
  EXPECT_EQ(Sample(text, R"(hall_rpc_requests_total{method="Login",code="UNAUTHENTICATED"})"), 1);
  EXPECT_EQ(
      Sample(text,
             R"(hall_rpc_duration_seconds_bucket{method="RaiseIncident",code="OK",le="+Inf"})"),
      1);
  EXPECT_EQ(Sample(text, R"(hall_rpc_duration_seconds_count{method="RaiseIncident",code="OK"})"),
            1);
  EXPECT_NE(text.find("# TYPE hall_rpc_duration_seconds histogram"), std::string::npos);
  // Where the raise's time went, stage by stage; together no more than the
  // RPC's own latency.
  double stages = 0;
  for (const char* stage : {"prepare", "queue", "commit", "publish", "answer"}) {
    const std::string labels = std::string("{stage=\"") + stage + "\"}";
    EXPECT_EQ(Sample(text, "hall_raise_stage_seconds_count" + labels), 1) << stage;
    EXPECT_EQ(Sample(text, "hall_raise_stage_seconds_bucket{stage=\"" + std::string(stage) +
                               "\",le=\"+Inf\"}"),
              1)
        << stage;
    const double sum = Sample(text, "hall_raise_stage_seconds_sum" + labels);
    EXPECT_GE(sum, 0) << stage;
    stages += sum;
  }
  EXPECT_GT(Sample(text, R"(hall_raise_stage_seconds_sum{stage="commit"})"), 0)
      << "a commit takes time";
  EXPECT_LE(stages,
            Sample(text, R"(hall_rpc_duration_seconds_sum{method="RaiseIncident",code="OK"})"));
  // The parts read at scrape time.
  EXPECT_EQ(Sample(text, "hall_watch_streams"), 1);
  EXPECT_GE(Sample(text, "hall_appender_events_total"), 1);
  EXPECT_GE(Sample(text, "hall_appender_batches_total"), 1);
  EXPECT_GE(Sample(text, "hall_log_head_seq"), 1);
  EXPECT_EQ(Sample(text, "hall_db_up"), 1);
  EXPECT_EQ(Sample(text, R"(hall_kiosks{state="online"})") +
                Sample(text, R"(hall_kiosks{state="offline"})") +
                Sample(text, R"(hall_kiosks{state="inactive"})"),
            1);  // kiosk-a of the seed
  EXPECT_GE(Sample(text, "hall_engine_timers_fired_total"), 0);

  // A second raise moves the counters.
  ASSERT_TRUE(duty.RaiseNew("hall-a", "conflict", &r).ok());
  const std::string later = Scrape(port);
  EXPECT_EQ(Sample(later, R"(hall_rpc_requests_total{method="RaiseIncident",code="OK"})"), 2);
  EXPECT_EQ(Sample(later, R"(hall_raise_stage_seconds_count{stage="commit"})"), 2);
  EXPECT_GT(Sample(later, "hall_appender_events_total"),
            Sample(text, "hall_appender_events_total"));
  // The first raise's chain was started by its follow-up before the second
  // raise's batch ran: counted, and timed within the appender's busy time.
  EXPECT_GE(Sample(later, "hall_appender_follow_ups_total"), 1);
  EXPECT_GE(Sample(later, "hall_engine_chains_started_after_raise_total"), 1);
  EXPECT_GT(Sample(later, "hall_appender_follow_up_seconds_total"), 0);
  EXPECT_LE(Sample(later, "hall_appender_follow_up_seconds_total"),
            Sample(later, "hall_appender_busy_seconds_total"));
  // Its fan-out to the open watch stream, timed (a histogram of one series).
  EXPECT_NE(text.find("# TYPE hall_feed_fanout_seconds histogram"), std::string::npos);
  const double fanouts = Sample(later, "hall_feed_fanout_seconds_count");
  EXPECT_GT(fanouts, Sample(text, "hall_feed_fanout_seconds_count"));
  EXPECT_EQ(Sample(later, R"(hall_feed_fanout_seconds_bucket{le="+Inf"})"), fanouts);
  EXPECT_GE(Sample(later, "hall_feed_fanout_seconds_sum"), 0);
}

TEST(MetricsTest, OffUnlessAskedFor) {
  TestDatabase db;
  TestServer server(db.conninfo());
  EXPECT_EQ(server.server().metrics_port(), 0);
}

}  // namespace
}  // namespace hall::testing
