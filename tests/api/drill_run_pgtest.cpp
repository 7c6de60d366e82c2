// `hallctl drill run` against a real server on an accelerated clock (×120:
// the 30-minute fire drill takes 15 s): the coordinator starts Dongguan's
// fire drill, the scripted desk acknowledges at +10 s (on time, target
// 60 s) and calls 119 at +200 s (late, target 120 s), the rest is missed —
// and two runs with the same script give the same score.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
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
  SeedFireDrillHall(db.conninfo());
  domain::ScaledClock clock(120);
  TestServerOptions o;
  o.engine = true;
  o.clock = &clock;
  o.engine_options.kiosk_monitor = false;
  TestServer server(db.conninfo(), o);

  // The kiosk taking part signs in with its device secret, as a real one.
  const std::string secret_file = ::testing::TempDir() + "/drill-run-kiosk-a.secret";
  { std::ofstream(secret_file) << kKioskSecret << "\n"; }
  const std::string cmd =
      std::string("HALL_PASSWORD=") + kPassword + " " + HALLCTL_BIN +
      " drill run dongguan_fire_evacuation --hall hall-a --server " + server.address() + " --ca " +
      TestCerts::Get().ca +
      " --user drill --desk duty-a --as floor_guide=guide-a --as security=security-a"
      " --answer fire_acknowledged=10"
      " --answer fire_service_called=200 --speed 120 --kiosk kiosk-a --kiosk-secret-file " +
      secret_file;
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
    EXPECT_NE(out.find("signed in: security security-a"), std::string::npos) << out;
    EXPECT_NE(out.find("kiosk kiosk-a shows the drill: 火灾疏散演练"), std::string::npos) << out;
    EXPECT_NE(out.find("kiosk kiosk-a: drill banner gone"), std::string::npos) << out;
    scores.push_back(m[0]);
  }
  EXPECT_EQ(scores[0], scores[1]);

  // A role the scenario names with nobody for it: refused before a start.
  std::string out;
  const std::string without = std::regex_replace(cmd, std::regex(" --as security=security-a"), "");
  EXPECT_NE(RunCommand(without, &out), 0) << out;
  EXPECT_NE(out.find("names roles security"), std::string::npos) << out;
  store::PgConnection c(db.conninfo());
  EXPECT_EQ(c.ExecSimple({"n", "SELECT count(*) FROM drills"}).int64(0, 0), 2);
}

}  // namespace
}  // namespace hall::testing
