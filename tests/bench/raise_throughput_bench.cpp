// Benchmark (reports figures; never fails on a slow machine): sustained
// raises from 100 kiosks with 100 desks watching, against pgbench's
// single-row insert rate with 16 clients on the same database in the same
// run. Checks that every watcher saw every raise exactly once.
//
//   build/tests/raise_throughput_bench [seconds=10] [kiosks=100] [desks=100]
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <thread>

#include "domain/credentials.h"
#include "hall/grpc_runtime.h"
#include "store/directory_store.h"
#include "store/embedded_postgres.h"
#include "store/pg.h"
#include "support/test_database.h"
#include "support/test_server.h"

using namespace hall;
using Clock = std::chrono::steady_clock;

namespace {

// pgbench -c 16 on a one-row insert; returns transactions per second.
double PgbenchInsertTps(const std::string& conninfo, int seconds) {
  store::PgConnection c(conninfo);
  c.ExecSimple({"pgb_table",
                "CREATE TABLE IF NOT EXISTS pgb_insert (id bigserial PRIMARY KEY, payload text)"});
  std::string dir = testing::TempDir("hall-pgbench");
  std::string script = dir + "/insert.sql";
  FILE* f = std::fopen(script.c_str(), "w");
  std::fprintf(f, "INSERT INTO pgb_insert (payload) VALUES (repeat('x', 300));\n");
  std::fclose(f);
  std::string out = dir + "/out.txt";
  std::string cmd = store::FindPostgresBinDir() + "/pgbench -n -c 16 -j 2 -T " +
                    std::to_string(seconds) + " -f " + script + " \"" + conninfo + "\" > " + out +
                    " 2>&1";
  if (std::system(cmd.c_str()) != 0) {
    std::fprintf(stderr, "pgbench failed; see %s\n", out.c_str());
    return 0;
  }
  FILE* in = std::fopen(out.c_str(), "r");
  char line[512];
  double tps = 0;
  while (std::fgets(line, sizeof line, in)) {
    if (std::sscanf(line, "tps = %lf", &tps) == 1) break;
  }
  std::fclose(in);
  return tps;
}

}  // namespace

int main(int argc, char** argv) {
  hall::proto::ConfigureGrpcRuntime();  // as the programs measured
  int seconds = argc > 1 ? std::atoi(argv[1]) : 10;
  int kiosks = argc > 2 ? std::atoi(argv[2]) : 100;
  int desks = argc > 3 ? std::atoi(argv[3]) : 100;
  spdlog::set_level(spdlog::level::warn);
  testing::TestDatabase db;
  testing::SeedBasic(db.conninfo());
  {
    store::PgConnection c(db.conninfo());
    std::string hash = domain::HashSecret(testing::kKioskSecret);
    for (int i = 0; i < kiosks; ++i) {
      v1::Kiosk k;
      k.set_id("bench-" + std::to_string(i));
      k.set_hall_id("hall-a");
      k.set_location_id("hall-a-door");
      k.set_name("bench kiosk " + std::to_string(i));
      k.set_active(true);
      store::UpsertKiosk(c, k, hash);
    }
  }
  double pgbench_tps = PgbenchInsertTps(db.conninfo(), seconds);

  testing::TestServer server(db.conninfo());
  // Desks: each watches hall-a from now and records the incident ids it sees.
  struct Desk {
    std::unique_ptr<testing::Client> client;
    std::unique_ptr<grpc::ClientContext> ctx;
    std::unique_ptr<grpc::ClientReader<v1::WatchResponse>> reader;
    std::thread thread;
    std::vector<std::string> seen;
    std::atomic<bool> live{false};
  };
  std::vector<std::unique_ptr<Desk>> watchers;
  auto channel = testing::MakeChannel(server.port());
  for (int i = 0; i < desks; ++i) {
    auto d = std::make_unique<Desk>();
    d->client = std::make_unique<testing::Client>(channel);
    if (!d->client->Login("duty-a").ok()) return 1;
    d->ctx = std::make_unique<grpc::ClientContext>();
    d->ctx->AddMetadata("authorization", "Bearer " + d->client->token());
    v1::WatchRequest req;
    req.set_from_now(true);
    d->reader = d->client->incidents().Watch(d->ctx.get(), req);
    Desk* raw = d.get();
    d->thread = std::thread([raw] {
      v1::WatchResponse msg;
      while (raw->reader->Read(&msg)) {
        if (msg.has_event())
          raw->seen.push_back(msg.event().incident_id());
        else
          raw->live = true;
      }
    });
    watchers.push_back(std::move(d));
  }
  for (auto& d : watchers) {
    while (!d->live) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }

  // Kiosks: closed loop, each on its own channel, for `seconds`.
  std::atomic<int64_t> raised{0}, failed{0};
  std::vector<std::thread> presses;
  std::vector<std::vector<std::string>> ids(kiosks);
  auto deadline = Clock::now() + std::chrono::seconds(seconds);
  auto start = Clock::now();
  for (int i = 0; i < kiosks; ++i) {
    presses.emplace_back([&, i] {
      testing::Client k(testing::MakeChannel(server.port()));
      if (!k.LoginKiosk("bench-" + std::to_string(i)).ok()) {
        ++failed;
        return;
      }
      int n = 0;
      while (Clock::now() < deadline) {
        v1::RaiseIncidentResponse resp;
        auto s = k.Raise("", "panic", &resp, "b" + std::to_string(i) + "-" + std::to_string(n++));
        if (s.ok()) {
          ++raised;
          ids[i].push_back(resp.incident().id());
        } else {
          ++failed;
        }
      }
    });
  }
  for (auto& t : presses) t.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  // Let the streams drain, then check every desk saw every raise once.
  std::set<std::string> all;
  for (auto& v : ids) all.insert(v.begin(), v.end());
  for (int wait = 0; wait < 1200; ++wait) {  // up to 60 s
    bool done = true;
    for (auto& d : watchers) done = done && d->seen.size() >= all.size();
    if (done) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  int64_t lost = 0, duplicated = 0;
  for (auto& d : watchers) {
    d->ctx->TryCancel();
    d->thread.join();
    std::set<std::string> seen(d->seen.begin(), d->seen.end());
    duplicated += static_cast<int64_t>(d->seen.size() - seen.size());
    for (auto& id : all) lost += seen.count(id) == 0;
  }
  double rate = raised / elapsed;
  std::printf("\nsustained raises: %d kiosks, %d watching desks, %d s, loopback TLS\n\n", kiosks,
              desks, seconds);
  std::printf("| measurement                                  |      value |\n");
  std::printf("|----------------------------------------------|-----------:|\n");
  std::printf("| pgbench single-row insert, 16 clients (tps)  | %10.0f |\n", pgbench_tps);
  std::printf("| raises committed per second                  | %10.0f |\n", rate);
  std::printf("| ratio to pgbench (target ≥ 0.50)             | %10.2f |\n",
              pgbench_tps > 0 ? rate / pgbench_tps : 0.0);
  std::printf("| raises failed                                | %10lld |\n",
              static_cast<long long>(failed.load()));
  std::printf("| events lost across all desks                 | %10lld |\n",
              static_cast<long long>(lost));
  std::printf("| events duplicated across all desks           | %10lld |\n",
              static_cast<long long>(duplicated));
  return 0;
}
