// `hallctl drill run` against a real server on an accelerated clock (×120:
// the 30-minute fire drill takes 15 s): the coordinator starts Dongguan's
// fire drill, the scripted desk acknowledges at +10 s (on time, target
// 60 s) and calls 119 at +200 s (late, target 120 s), the rest is missed —
// and two runs with the same script give the same score.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <regex>

#include "store/directory_store.h"
#include "store/pg.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::testing {
namespace {

// Runs a command; returns its exit status and output (stdout and stderr).
int RunCommand(const std::string& cmd, std::string* out) {
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return -1;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out->append(buf.data(), n);
  return pclose(p);
}

TEST(DrillRunTest, TheSameScriptGivesTheSameScoreTwice) {
  TestDatabase db;
  SeedBasic(db.conninfo());
  {
    store::PgConnection c(db.conninfo());
    for (auto [id, name] :
         {std::pair{"hall-a-window-1", "1号窗口"}, std::pair{"hall-a-entrance", "主入口"}}) {
      v1::Location loc;
      loc.set_id(id);
      loc.set_hall_id("hall-a");
      loc.set_name(name);
      store::UpsertLocation(c, loc);
    }
  }
  domain::ScaledClock clock(120);
  TestServerOptions o;
  o.engine = true;
  o.clock = &clock;
  o.engine_options.kiosk_monitor = false;
  TestServer server(db.conninfo(), o);

  const std::string cmd = std::string("HALL_PASSWORD=") + kPassword + " " + HALLCTL_BIN +
                          " drill run dongguan_fire_evacuation --hall hall-a --server " +
                          server.address() + " --ca " + TestCerts::Get().ca +
                          " --user drill --desk duty-a --answer fire_acknowledged=10"
                          " --answer fire_service_called=200 --speed 120";
  const std::regex score(R"(score (\d+)%: (\d+) on time, (\d+) late, (\d+) missed)");
  std::vector<std::string> scores;
  for (int run = 0; run < 2; ++run) {
    std::string out;
    ASSERT_EQ(RunCommand(cmd, &out), 0) << out;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(out, m, score)) << out;
    EXPECT_EQ(m[2], "1") << out;  // the acknowledgement
    EXPECT_EQ(m[3], "1") << out;  // the 119 call
    EXPECT_NE(out.find("fire_acknowledged           on time"), std::string::npos) << out;
    EXPECT_NE(out.find("fire_service_called         LATE"), std::string::npos) << out;
    EXPECT_NE(out.find("hall_evacuated              MISSED"), std::string::npos) << out;
    EXPECT_NE(out.find("东莞 B.3.2.4"), std::string::npos) << out;  // each with its clause
    scores.push_back(m[0]);
  }
  EXPECT_EQ(scores[0], scores[1]);
}

}  // namespace
}  // namespace hall::testing
