// hall-floor: the floors the product is measured against — what the parts
// it is built on cost on their own, on this machine, in the same run.
//
//   hall-floor --serve 127.0.0.1:PORT --tls-cert C --tls-key K
//       a bare gRPC server (no database, no logic) on the same kind of TLS
//       channel hall-server uses; prints "READY port=N".
//   hall-floor --target 127.0.0.1:PORT --ca CA [--database-url URL]
//              [--samples 2000] [--pace-us 2000]
//       measures, paced, one at a time, after 200 warm-up each:
//       - a libpq single-row insert-commit (300 bytes) on the database;
//       - a gRPC unary round trip (300 bytes each way);
//       - a server-stream message: a unary call (300 bytes) whose handler
//         writes it to an open stream, until it arrives on that stream —
//         a press reaching a desk, with nothing in between.
//
// Prints a table and `RESULT name value` lines (µs) for scripts/bench.sh.
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "hall/grpc_runtime.h"
#include "store/pg.h"

using Clock = std::chrono::steady_clock;

namespace {

constexpr size_t kPayload = 300;  // about a raise request's size

std::string ReadFile(const std::string& path) {
  std::ifstream f(path);
  if (!f) {
    std::fprintf(stderr, "hall-floor: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  return {std::istreambuf_iterator<char>(f), {}};
}

grpc::ByteBuffer Buffer(const std::string& s) {
  grpc::Slice slice(s);
  return grpc::ByteBuffer(&slice, 1);
}

// --- the server ---------------------------------------------------------

class StreamReactor;
std::mutex g_streams_mu;
std::set<StreamReactor*> g_streams;  // GUARDED_BY(g_streams_mu)

// /floor/Stream: reads the subscription, then writes whatever a poke sends,
// until the client goes.
class StreamReactor : public grpc::ServerGenericBidiReactor {
 public:
  StreamReactor() { StartRead(&in_); }
  void OnReadDone(bool ok) override {
    if (!ok) {
      End();
      return;
    }
    {
      std::lock_guard lock(g_streams_mu);
      g_streams.insert(this);
    }
    Send(in_);  // subscribed: the client starts measuring once this arrives
  }
  // Queues a message; writes it now unless a write is in flight.
  void Send(const grpc::ByteBuffer& b) {
    std::lock_guard lock(mu_);
    if (ending_) return;
    queue_.push_back(b);
    if (!writing_) WriteNext();
  }
  void OnWriteDone(bool ok) override {
    std::lock_guard lock(mu_);
    writing_ = false;
    if (ending_) {
      Finish(grpc::Status::OK);
    } else if (ok && !queue_.empty()) {
      WriteNext();
    }
  }
  void OnCancel() override { End(); }
  void OnDone() override { delete this; }

 private:
  void WriteNext() {  // REQUIRES(mu_)
    out_ = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    StartWrite(&out_);
  }
  // No more sends; finishes once (after a write in flight completes).
  void End() {
    {
      std::lock_guard lock(g_streams_mu);
      g_streams.erase(this);
    }
    std::lock_guard lock(mu_);
    if (ending_) return;
    ending_ = true;
    if (!writing_) Finish(grpc::Status::OK);
  }
  grpc::ByteBuffer in_, out_;
  std::mutex mu_;
  std::deque<grpc::ByteBuffer> queue_;  // GUARDED_BY(mu_)
  bool writing_ = false;                // GUARDED_BY(mu_)
  bool ending_ = false;                 // GUARDED_BY(mu_)
};

// /floor/Echo and /floor/Poke: one message in, one out (the poke also
// hands it to every open stream).
class UnaryReactor : public grpc::ServerGenericBidiReactor {
 public:
  explicit UnaryReactor(bool poke) : poke_(poke) { StartRead(&msg_); }
  void OnReadDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "no request"));
      return;
    }
    if (poke_) {
      std::lock_guard lock(g_streams_mu);
      for (auto* s : g_streams) s->Send(msg_);
    }
    StartWriteAndFinish(&msg_, grpc::WriteOptions(), grpc::Status::OK);
  }
  void OnDone() override { delete this; }

 private:
  bool poke_;
  grpc::ByteBuffer msg_;
};

class FloorService : public grpc::CallbackGenericService {
  grpc::ServerGenericBidiReactor* CreateReactor(grpc::GenericCallbackServerContext* ctx) override {
    if (ctx->method() == "/floor/Stream") return new StreamReactor;
    if (ctx->method() == "/floor/Echo") return new UnaryReactor(false);
    if (ctx->method() == "/floor/Poke") return new UnaryReactor(true);
    return grpc::CallbackGenericService::CreateReactor(ctx);  // UNIMPLEMENTED
  }
};

int Serve(const std::string& listen, const std::string& cert, const std::string& key) {
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({ReadFile(key), ReadFile(cert)});
  FloorService service;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(listen, grpc::SslServerCredentials(ssl), &port);
  builder.RegisterCallbackGenericService(&service);
  auto server = builder.BuildAndStart();
  if (!server) {
    std::fprintf(stderr, "hall-floor: cannot listen on %s\n", listen.c_str());
    return 2;
  }
  std::cout << "READY port=" << port << std::endl;
  // Until stdin closes or the process is killed (the bench script kills it).
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
  return 0;
}

// --- the client ---------------------------------------------------------

double Us(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

void Pace(Clock::time_point start, int i, int pace_us) {
  std::this_thread::sleep_until(start + std::chrono::microseconds(int64_t{i} * pace_us));
}

struct Stats {
  double p50, p99, max;
};
Stats Summarize(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double p) { return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))]; };
  return {at(0.5), at(0.99), v.back()};
}

// Waits for one callback's result.
struct Waiter {
  std::mutex mu;
  std::condition_variable cv;
  int pending = 0;
  grpc::Status status;
  void Add(int n) {
    std::lock_guard l(mu);
    pending += n;
  }
  void Done(const grpc::Status& s = grpc::Status::OK) {
    std::lock_guard l(mu);
    if (!s.ok()) status = s;
    --pending;
    cv.notify_all();
  }
  void Wait() {
    std::unique_lock l(mu);
    cv.wait(l, [&] { return pending <= 0; });
  }
};

// The client end of /floor/Stream: each message's arrival time.
class StreamReader : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  StreamReader(grpc::GenericStub& stub, Waiter* arrivals) : arrivals_(arrivals) {
    hello_ = Buffer("subscribe");
    stub.PrepareBidiStreamingCall(&ctx_, "/floor/Stream", grpc::StubOptions(), this);
    StartWrite(&hello_);
    StartRead(&in_);
    StartCall();
  }
  void OnReadDone(bool ok) override {
    if (!ok) return;
    arrived = Clock::now();
    arrivals_->Done();
    StartRead(&in_);
  }
  void OnDone(const grpc::Status&) override {
    std::lock_guard l(mu_);
    done_ = true;
    cv_.notify_all();
  }
  void Stop() {
    ctx_.TryCancel();
    std::unique_lock l(mu_);
    cv_.wait(l, [&] { return done_; });
  }
  Clock::time_point arrived;  // written before arrivals_->Done()

 private:
  grpc::ClientContext ctx_;
  grpc::ByteBuffer hello_, in_;
  Waiter* arrivals_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
};

int Measure(const std::string& target, const std::string& ca, const std::string& database_url,
            int samples, int pace_us) {
  std::vector<std::pair<std::string, Stats>> rows;
  const std::string payload(kPayload, 'x');
  if (!database_url.empty()) {
    hall::store::PgConnection c(database_url);
    c.ExecSimple({"floor_table",
                  "CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, payload "
                  "bytea)"});
    hall::store::Sql ins{"floor_insert", "INSERT INTO bench_floor (payload) VALUES ($1)"};
    for (int i = 0; i < 200; ++i) c.Exec(ins, {hall::store::PgParam::Bytes(payload)});
    std::vector<double> us;
    auto start = Clock::now();
    for (int i = 0; i < samples; ++i) {
      Pace(start, i, pace_us);
      auto t0 = Clock::now();
      c.Exec(ins, {hall::store::PgParam::Bytes(payload)});
      us.push_back(Us(Clock::now() - t0));
    }
    rows.emplace_back("libpq_insert", Summarize(us));
  }
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadFile(ca);
  auto ch = grpc::CreateChannel(target, grpc::SslCredentials(ssl));
  grpc::GenericStub stub(ch);
  auto unary = [&](const std::string& method, Waiter& w) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    grpc::ByteBuffer req = Buffer(payload), resp;
    w.Add(1);
    stub.UnaryCall(&ctx, method, grpc::StubOptions(), &req, &resp,
                   [&w](grpc::Status s) { w.Done(s); });
    w.Wait();
    return w.status;
  };
  {
    std::vector<double> us;
    Waiter w;
    for (int i = 0; i < 200; ++i) unary("/floor/Echo", w);
    if (!w.status.ok()) {
      std::fprintf(stderr, "hall-floor: %s\n", w.status.error_message().c_str());
      return 2;
    }
    auto start = Clock::now();
    for (int i = 0; i < samples; ++i) {
      Pace(start, i, pace_us);
      auto t0 = Clock::now();
      unary("/floor/Echo", w);
      us.push_back(Us(Clock::now() - t0));
    }
    rows.emplace_back("grpc_unary", Summarize(us));
  }
  {
    Waiter arrivals;
    arrivals.Add(1);
    StreamReader reader(stub, &arrivals);
    arrivals.Wait();  // the server's echo of the subscription: it is registered
    std::vector<double> us;
    Waiter w;
    auto start = Clock::now();
    for (int i = -200; i < samples; ++i) {
      if (i >= 0) Pace(start, i, pace_us);
      arrivals.Add(1);
      auto t0 = Clock::now();
      unary("/floor/Poke", w);
      arrivals.Wait();
      if (i >= 0) us.push_back(Us(reader.arrived - t0));
    }
    reader.Stop();
    rows.emplace_back("grpc_stream", Summarize(us));
  }
  std::printf("\nfloors: %d samples each, paced every %d µs, loopback TLS\n\n", samples, pace_us);
  std::printf("| floor | p50 µs | p99 µs | max µs |\n| --- | ---: | ---: | ---: |\n");
  for (auto& [name, s] : rows) {
    std::printf("| %s | %.0f | %.0f | %.0f |\n", name.c_str(), s.p50, s.p99, s.max);
  }
  std::printf("\n");
  for (auto& [name, s] : rows) {
    std::printf("RESULT %s_p50_us %.1f\nRESULT %s_p99_us %.1f\n", name.c_str(), s.p50, name.c_str(),
                s.p99);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  hall::proto::ConfigureGrpcRuntime();  // as the programs measured
  std::string serve, cert, key, target, ca, database_url;
  int samples = 2000, pace_us = 2000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], v = argv[i + 1];
    if (a == "--serve")
      serve = v;
    else if (a == "--tls-cert")
      cert = v;
    else if (a == "--tls-key")
      key = v;
    else if (a == "--target")
      target = v;
    else if (a == "--ca")
      ca = v;
    else if (a == "--database-url")
      database_url = v;
    else if (a == "--samples")
      samples = std::max(10, std::atoi(v.c_str()));
    else if (a == "--pace-us")
      pace_us = std::max(0, std::atoi(v.c_str()));
    else {
      std::fprintf(stderr, "hall-floor: unknown option %s\n", a.c_str());
      return 2;
    }
  }
  if (!serve.empty()) return Serve(serve, cert, key);
  if (target.empty() || ca.empty()) {
    std::fprintf(stderr,
                 "usage: hall-floor --serve HOST:PORT --tls-cert C --tls-key K\n"
                 "       hall-floor --target HOST:PORT --ca CA [--database-url URL]"
                 " [--samples N] [--pace-us N]\n");
    return 2;
  }
  return Measure(target, ca, database_url, samples, pace_us);
}
