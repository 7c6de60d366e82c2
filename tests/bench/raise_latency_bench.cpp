// Benchmark (reports figures; never fails on a slow machine):
// panic press → desk screen data. One raise RPC, durably committed, until
// the event arrives on a watch stream, over loopback TLS, paced. Compared
// with the floor measured in the same run: a bare libpq single-row
// insert-commit plus a bare gRPC unary round trip (the health check).
//
//   build/tests/raise_latency_bench [samples=2000] [pace_us=2000] [engine=1]
#include <grpcpp/generic/generic_stub.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "domain/credentials.h"
#include "hall/grpc_runtime.h"
#include "store/directory_store.h"
#include "store/pg.h"
#include "support/test_database.h"
#include "support/test_server.h"

using namespace hall;
using Clock = std::chrono::steady_clock;

namespace {

struct Stats {
  double p50, p99, max, mean;
};

Stats Summarise(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  double sum = 0;
  for (double x : v) sum += x;
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<size_t>(q * v.size()))]; };
  return {at(0.50), at(0.99), v.back(), sum / v.size()};
}

double Us(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

void Pace(Clock::time_point start, int i, int pace_us) {
  std::this_thread::sleep_until(start + std::chrono::microseconds(int64_t{pace_us} * (i + 1)));
}

std::string Machine() {
  std::ifstream cpu("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpu, line)) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown CPU";
}

}  // namespace

int main(int argc, char** argv) {
  hall::proto::ConfigureGrpcRuntime();  // as the programs measured
  int samples = argc > 1 ? std::atoi(argv[1]) : 2000;
  int pace_us = argc > 2 ? std::atoi(argv[2]) : 2000;
  // 1: the engine as deployed; 0: off; 2: on, but chains started by the
  // timer loop (woken for each raise's start timer), as they were before
  // the appender's follow-up.
  const int engine = argc > 3 ? std::atoi(argv[3]) : 1;
  spdlog::set_level(spdlog::level::warn);
  testing::TestDatabase db;
  testing::SeedBasic(db.conninfo());
  // Each press at a place of its own: the same reporter's repeated press of
  // one kind at one place folds into its open incident (and is limited),
  // which is not the path measured here.
  constexpr int kWarmUp = 200;
  {
    store::PgConnection c(db.conninfo());
    for (int i = 0; i < kWarmUp + samples; ++i) {
      v1::Location l;
      l.set_id("hall-a-lat-" + std::to_string(i));
      l.set_hall_id("hall-a");
      l.set_name("测量位置 " + std::to_string(i));
      store::UpsertLocation(c, l);
    }
  }
  // The server as deployed: the escalation engine on (the appender starts
  // a raise's chain, alerting the first stage, right after its commit),
  // the kiosk monitor off (nothing beats here). engine=0 leaves it off, to
  // see what the chain costs.
  testing::TestServerOptions options;
  options.engine = engine != 0;
  options.engine_options.kiosk_monitor = false;
  options.engine_options.start_chains_after_raise = engine != 2;
  testing::TestServer server(db.conninfo(), options);

  // Floor 1: a bare libpq single-row insert-commit on the same database.
  std::vector<double> insert_us;
  {
    store::PgConnection c(db.conninfo());
    c.ExecSimple(
        {"floor_table", "CREATE TABLE bench_floor (id bigserial PRIMARY KEY, payload bytea)"});
    store::Sql ins{"floor_insert", "INSERT INTO bench_floor (payload) VALUES ($1)"};
    std::string payload(300, 'x');  // about the size of an event row
    for (int i = 0; i < 200; ++i) c.Exec(ins, {store::PgParam::Bytes(payload)});  // warm-up
    auto start = Clock::now();
    for (int i = 0; i < samples; ++i) {
      Pace(start, i, pace_us);
      auto t0 = Clock::now();
      c.Exec(ins, {store::PgParam::Bytes(payload)});
      insert_us.push_back(Us(Clock::now() - t0));
    }
  }

  // Floor 2: a bare gRPC unary round trip (health check) on the same TLS channel kind.
  std::vector<double> rpc_us;
  {
    auto ch = testing::MakeChannel(server.port());
    grpc::GenericStub stub(ch);
    auto call = [&] {
      grpc::ClientContext ctx;
      grpc::Slice empty("");
      grpc::ByteBuffer req(&empty, 1), out;
      std::mutex mu;
      std::condition_variable cv;
      bool done = false;
      stub.UnaryCall(&ctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &req, &out,
                     [&](grpc::Status) {
                       std::lock_guard l(mu);
                       done = true;
                       cv.notify_all();
                     });
      std::unique_lock l(mu);
      cv.wait(l, [&] { return done; });
    };
    for (int i = 0; i < 200; ++i) call();
    auto start = Clock::now();
    for (int i = 0; i < samples; ++i) {
      Pace(start, i, pace_us);
      auto t0 = Clock::now();
      call();
      rpc_us.push_back(Us(Clock::now() - t0));
    }
  }

  // The product path: raise → durable commit → watch stream.
  std::vector<double> deliver_us, raise_rpc_us;
  {
    testing::Client reporter(testing::MakeChannel(server.port()));
    testing::Client desk(testing::MakeChannel(server.port()));
    // A floor guide reports (a kiosk reports at its own bound place only).
    if (!reporter.Login("guide-a").ok() || !desk.Login("duty-a").ok()) {
      std::fprintf(stderr, "sign-in failed\n");
      return 1;
    }
    std::mutex mu;
    std::condition_variable cv;
    std::map<std::string, Clock::time_point> arrived;  // incident id → arrival
    grpc::ClientContext wctx;
    wctx.AddMetadata("authorization", "Bearer " + desk.token());
    v1::WatchRequest wreq;
    wreq.set_from_now(true);
    auto reader = desk.incidents().Watch(&wctx, wreq);
    std::thread watcher([&] {
      v1::WatchResponse msg;
      while (reader->Read(&msg)) {
        auto now = Clock::now();
        // The press itself (its chain's alert follows as events of its own).
        if (!msg.has_event() || msg.event().kind() != v1::EVENT_KIND_RAISED) continue;
        std::lock_guard l(mu);
        arrived.emplace(msg.event().incident_id(), now);
        cv.notify_all();
      }
    });
    int place = 0;
    auto raise_one = [&](bool record) {
      v1::RaiseIncidentResponse resp;
      const std::string where = "hall-a-lat-" + std::to_string(place++);
      auto t0 = Clock::now();
      auto s = reporter.RaiseAt("hall-a", where, "panic", &resp);
      auto t1 = Clock::now();
      if (!s.ok()) {
        std::fprintf(stderr, "raise failed: %s\n", s.error_message().c_str());
        std::exit(1);
      }
      std::unique_lock l(mu);
      cv.wait(l, [&] { return arrived.count(resp.incident().id()) > 0; });
      if (record) {
        deliver_us.push_back(Us(arrived[resp.incident().id()] - t0));
        raise_rpc_us.push_back(Us(t1 - t0));
      }
      arrived.erase(resp.incident().id());
    };
    for (int i = 0; i < kWarmUp; ++i) raise_one(false);
    auto start = Clock::now();
    for (int i = 0; i < samples; ++i) {
      Pace(start, i, pace_us);
      raise_one(true);
    }
    wctx.TryCancel();
    watcher.join();
  }

  Stats ins = Summarise(insert_us), rpc = Summarise(rpc_us), del = Summarise(deliver_us),
        rr = Summarise(raise_rpc_us);
  double floor_p50 = ins.p50 + rpc.p50;
  std::printf("\nraise → watch delivery, %d samples paced every %d µs, loopback TLS, engine %s\n",
              samples, pace_us,
              engine == 0   ? "off"
              : engine == 2 ? "on, chains started by the timer loop"
                            : "on");
  std::printf("machine: %s, %u cores\n\n", Machine().c_str(), std::thread::hardware_concurrency());
  std::printf("| measurement                          |   p50 µs |   p99 µs |   max µs |\n");
  std::printf("|--------------------------------------|---------:|---------:|---------:|\n");
  std::printf("| floor: libpq insert-commit           | %8.0f | %8.0f | %8.0f |\n", ins.p50,
              ins.p99, ins.max);
  std::printf("| floor: gRPC unary round trip (TLS)   | %8.0f | %8.0f | %8.0f |\n", rpc.p50,
              rpc.p99, rpc.max);
  std::printf("| floor: sum                           | %8.0f |          |          |\n",
              floor_p50);
  std::printf("| raise RPC (durable commit)           | %8.0f | %8.0f | %8.0f |\n", rr.p50, rr.p99,
              rr.max);
  std::printf("| raise → event on watch stream        | %8.0f | %8.0f | %8.0f |\n", del.p50,
              del.p99, del.max);
  std::printf(
      "\nratio delivery p50 / floor p50: %.2f (target ≤ 2.0); p99 %.2f ms (target ≤ 2 ms)\n",
      del.p50 / floor_p50, del.p99 / 1000.0);
  return 0;
}
