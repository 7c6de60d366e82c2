// The load generator itself, run briefly against a real server (with its
// engine) on a test database: it must finish, find every press on every
// desk of its scope and in the database exactly once, and say so — so the
// figures scripts/bench.sh prints come from a tool that is checked here.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <map>
#include <string>

#include "support/test_database.h"
#include "support/test_server.h"

namespace hall::testing {
namespace {

struct LoadRun {
  int exit_code = -1;
  std::map<std::string, double> results;  // the RESULT lines
  std::string output;
};

LoadRun RunLoad(const std::string& args) {
  LoadRun r;
  // Appended in place: GCC 12 warns (-Warray-bounds, a false positive)
  // about a chain of operator+ on temporaries here.
  std::string cmd = HALL_LOAD_BIN;
  cmd.append(" ").append(args).append(" 2>&1");
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 512> line{};
  while (std::fgets(line.data(), line.size(), p)) {
    r.output += line.data();
    char key[64];
    double value;
    if (std::sscanf(line.data(), "RESULT %63s %lf", key, &value) == 2) r.results[key] = value;
  }
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(HallLoadTest, ClosedLoopAcrossHallsIsCountedAndCheckedExactly) {
  TestDatabase db;
  TestServerOptions options;
  options.engine = true;  // the real server: its own events on the streams too
  TestServer server(db.conninfo(), options);
  std::string common = "--target " + server.address() + " --ca " + TestCerts::Get().ca +
                       " --database-url '" + db.conninfo() + "' --seconds 2 --warmup 1";
  LoadRun closed = RunLoad(common + " --halls 3 --kiosks 6 --desks 6 --leadership 2");
  ASSERT_EQ(closed.exit_code, 0) << closed.output;
  EXPECT_GT(closed.results["created"], 0) << closed.output;
  EXPECT_EQ(closed.results["failed"], 0) << closed.output;
  // Each press reached its hall's two desks and both leadership desks.
  EXPECT_EQ(closed.results["lost"], 0);
  EXPECT_EQ(closed.results["duplicated"], 0);
  EXPECT_EQ(closed.results["unexpected"], 0) << "a hall desk saw another hall's press";
  EXPECT_EQ(closed.results["db_missing"], 0);
  EXPECT_EQ(closed.results["db_doubled"], 0);
  EXPECT_GT(closed.results["deliveries"], closed.results["created"] / 2) << closed.output;

  // Paced, on the same database again (its own guides: no folding into
  // the first run's open incidents), desks sharing one connection.
  LoadRun paced =
      RunLoad(common + " --halls 1 --kiosks 2 --desks 4 --desks-per-channel 4 --rate 50");
  ASSERT_EQ(paced.exit_code, 0) << paced.output;
  EXPECT_NEAR(paced.results["rate"], 50, 15) << paced.output;
  EXPECT_EQ(paced.results["folded"], 0);
  EXPECT_EQ(paced.results["lost"], 0);
  EXPECT_EQ(paced.results["db_missing"], 0);
}

TEST(HallLoadTest, ABadTargetIsAClearErrorNotAHang) {
  TestDatabase db;
  LoadRun r = RunLoad("--target 127.0.0.1:1 --ca " + TestCerts::Get().ca + " --database-url '" +
                      db.conninfo() + "' --seconds 1 --kiosks 1 --desks 1");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("does not answer"), std::string::npos) << r.output;
  LoadRun usage = RunLoad("--kiosks");
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_NE(usage.output.find("usage: hall-load"), std::string::npos) << usage.output;
}

}  // namespace
}  // namespace hall::testing
