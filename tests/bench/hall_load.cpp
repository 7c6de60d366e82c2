// hall-load: a load generator for a running hall-server (a separate
// process, so the figures are the server's, not a benchmark's own threads).
//
//   hall-load --target 127.0.0.1:7443 --ca ca.pem --database-url URL
//             [--halls 1] [--kiosks 100] [--desks 100] [--leadership 0]
//             [--rate 0] [--seconds 10] [--warmup 2] [--places 50]
//             [--heartbeat-seconds 10] [--server-pid PID] [--pg-pid PID]
//
// N simulated kiosks spread over H halls: each a kiosk device that sends
// heartbeats, with a floor guide (导引员) signed in on it who presses — at
// the given total rate (paced, round robin) or, with --rate 0, in a closed
// loop (each kiosk presses again as soon as its last press is answered).
// Presses cycle over the hall's places and the categories, so each is a new
// incident rather than a press folded into the guide's open one. M hall
// desks each watch one hall (round robin) and L leadership desks watch all.
//
// Built on gRPC's callback API: every kiosk and desk has its own TLS
// channel (its own connection, as on a real floor) and gRPC's few threads
// multiplex them all.
//
// Sign-in is not what this measures (argon2id costs ~70 ms a try, on
// purpose), so the generator seeds its halls, people and kiosks with
// --database-url and mints their sessions there. After the run it checks
// every desk saw every acknowledged press of its scope exactly once, and
// that the database holds every acknowledged press exactly once.
//
// Prints a human table, then one `RESULT name value` line per figure for
// scripts/bench.sh. Exit status 0 unless the run could not be set up or a
// press was lost or doubled.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "domain/credentials.h"
#include "hall/grpc_runtime.h"
#include "hall/v1/directory.grpc.pb.h"
#include "hall/v1/incident.grpc.pb.h"
#include "hall/v1/playbook.grpc.pb.h"
#include "store/directory_store.h"
#include "store/pg.h"

using namespace hall;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  std::string target = "127.0.0.1:7443";
  std::string desk_target;  // desks on another server (same database); empty = target
  int desks_per_channel = 1;
  std::string ca;
  std::string database_url;
  int halls = 1;
  int kiosks = 100;
  int desks = 100;
  int leadership = 0;
  double rate = 0;  // presses per second in all; 0 = closed loop
  int seconds = 10;
  int warmup = 2;
  int places = 50;
  int heartbeat_seconds = 10;
  int server_pid = 0;
  int pg_pid = 0;
  std::vector<std::string> plans = {"dongguan", "songjiang", "jiaxiang", "hunan", "hainan"};
};

[[noreturn]] void Usage(const std::string& why) {
  std::fprintf(stderr,
               "hall-load: %s\n"
               "usage: hall-load --target HOST:PORT --ca CA.pem --database-url URL\n"
               "  [--halls N] [--kiosks N] [--desks N] [--leadership N] [--rate PER_S]\n"
               "  [--seconds N] [--warmup N] [--places N] [--heartbeat-seconds N]\n"
               "  [--server-pid PID] [--pg-pid PID] [--desk-target HOST:PORT]\n"
               "  [--desks-per-channel N]\n",
               why.c_str());
  std::exit(2);
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) Usage(a + " needs a value");
    std::string v = argv[++i];
    auto num = [&] {
      char* end = nullptr;
      double d = std::strtod(v.c_str(), &end);
      if (end == v.c_str() || *end != '\0' || d < 0) Usage(a + ": not a number: " + v);
      return d;
    };
    if (a == "--target")
      o.target = v;
    else if (a == "--desk-target")
      o.desk_target = v;
    else if (a == "--desks-per-channel")
      o.desks_per_channel = std::max(1, static_cast<int>(num()));
    else if (a == "--ca")
      o.ca = v;
    else if (a == "--database-url")
      o.database_url = v;
    else if (a == "--halls")
      o.halls = static_cast<int>(num());
    else if (a == "--kiosks")
      o.kiosks = static_cast<int>(num());
    else if (a == "--desks")
      o.desks = static_cast<int>(num());
    else if (a == "--leadership")
      o.leadership = static_cast<int>(num());
    else if (a == "--rate")
      o.rate = num();
    else if (a == "--seconds")
      o.seconds = static_cast<int>(num());
    else if (a == "--warmup")
      o.warmup = static_cast<int>(num());
    else if (a == "--places")
      o.places = static_cast<int>(num());
    else if (a == "--heartbeat-seconds")
      o.heartbeat_seconds = static_cast<int>(num());
    else if (a == "--server-pid")
      o.server_pid = static_cast<int>(num());
    else if (a == "--pg-pid")
      o.pg_pid = static_cast<int>(num());
    else
      Usage("unknown option " + a);
  }
  if (o.ca.empty()) Usage("--ca is required");
  if (o.database_url.empty()) Usage("--database-url is required (seeding and the check)");
  if (o.halls < 1 || o.kiosks < 1 || o.places < 1) Usage("halls, kiosks and places must be ≥ 1");
  if (o.seconds < 1 || o.seconds > 3600) Usage("--seconds must be 1–3600");
  return o;
}

std::string HallId(int h) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "load-h%03d", h);
  return buf;
}
std::string PlaceId(int h, int p) { return HallId(h) + "-p" + std::to_string(p); }

// CPU seconds (user + system) of a process, and of its direct children
// (PostgreSQL's backends are the postmaster's children).
double ProcessCpuSeconds(int pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string s((std::istreambuf_iterator<char>(f)), {});
  auto close = s.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream rest(s.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}
double TreeCpuSeconds(int pid) {
  if (pid <= 0) return 0;
  double total = ProcessCpuSeconds(pid);
  std::string children;
  std::ifstream f("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  int child;
  while (f >> child) total += ProcessCpuSeconds(child);
  return total;
}
double SelfCpuSeconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
long ResidentKiB(int pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

double Percentile(std::vector<uint32_t>& v, double p) {
  if (v.empty()) return 0;
  size_t k = static_cast<size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

// What the seed made: one session token per kiosk device, guide and desk.
struct Seeded {
  std::vector<std::string> kiosk_tokens, guide_tokens, desk_tokens, leader_tokens;
};

// Halls load-h000…, their places, one guide and kiosk per simulated kiosk,
// one duty officer per hall and one leadership person; sessions minted for
// two hours. Idempotent: a second run reuses the rows.
Seeded Seed(const Options& o, const std::string& run) {
  store::PgConnection c(o.database_url);
  // Nobody signs in with it: a random secret's hash.
  const std::string unusable = domain::HashSecret(domain::NewToken());
  const int64_t expires =
      std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::system_clock::now().time_since_epoch() + std::chrono::hours(2))
          .count();
  auto mint = [&](const domain::Principal& p) {
    std::string token = domain::NewToken();
    store::InsertSession(c, domain::TokenHash(token), p, expires);
    return token;
  };
  auto person = [&](const std::string& username, v1::Role role, const std::string& hall) {
    v1::Person p;
    if (auto found = store::FindLogin(c, username)) p = found->first;
    p.set_username(username);
    p.set_display_name("负载 " + username);
    p.set_role(role);
    p.set_active(true);
    p.clear_hall_ids();
    if (hall.empty())
      p.set_all_halls(true);
    else
      p.add_hall_ids(hall);
    return store::UpsertPerson(c, p, unusable);
  };
  c.ExecSimple({"load_begin", "BEGIN"});
  for (int h = 0; h < o.halls; ++h) {
    v1::Hall hall;
    hall.set_id(HallId(h));
    hall.set_name("负载测试大厅 " + std::to_string(h));
    hall.set_plan_id(o.plans[static_cast<size_t>(h) % o.plans.size()]);
    store::UpsertHall(c, hall);
    for (int p = 0; p < o.places; ++p) {
      v1::Location l;
      l.set_id(PlaceId(h, p));
      l.set_hall_id(HallId(h));
      l.set_name("位置 " + std::to_string(p));
      store::UpsertLocation(c, l);
    }
  }
  c.ExecSimple({"load_commit", "COMMIT"});
  Seeded s;
  for (int k = 0; k < o.kiosks; ++k) {
    int h = k % o.halls;
    v1::Kiosk kiosk;
    kiosk.set_id("load-k" + std::to_string(k));
    kiosk.set_hall_id(HallId(h));
    kiosk.set_location_id(PlaceId(h, 0));
    kiosk.set_name("负载终端 " + std::to_string(k));
    kiosk.set_active(true);
    s.kiosk_tokens.push_back(mint(store::PrincipalOf(store::UpsertKiosk(c, kiosk, unusable))));
    // A guide of this run's own: an earlier run's guides still have their
    // incidents open, and the same press of theirs would fold into them.
    auto guide =
        person("load-guide-" + run + "-" + std::to_string(k), v1::ROLE_FLOOR_GUIDE, HallId(h));
    s.guide_tokens.push_back(mint(store::PersonPrincipal(c, guide)));
  }
  // Desks: one duty officer per hall, one leadership person; a session
  // each (in one transaction: 10,000 desks are 10,000 sessions).
  std::map<int, domain::Principal> duty;
  for (int d = 0; d < std::min(o.desks, o.halls); ++d) {
    duty[d] = store::PersonPrincipal(
        c, person("load-duty-" + std::to_string(d), v1::ROLE_DUTY_OFFICER, HallId(d)));
  }
  domain::Principal leader;
  if (o.leadership > 0)
    leader = store::PersonPrincipal(c, person("load-leader", v1::ROLE_LEADERSHIP, ""));
  c.ExecSimple({"load_begin", "BEGIN"});
  for (int d = 0; d < o.desks; ++d) s.desk_tokens.push_back(mint(duty[d % o.halls]));
  for (int l = 0; l < o.leadership; ++l) s.leader_tokens.push_back(mint(leader));
  c.ExecSimple({"load_commit", "COMMIT"});
  return s;
}

std::shared_ptr<grpc::Channel> Channel(const std::string& target, const std::string& ca_pem) {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ca_pem;
  grpc::ChannelArguments args;
  // Each kiosk and desk its own connection, as on a real floor.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetMaxReceiveMessageSize(64 << 20);
  return grpc::CreateCustomChannel(target, grpc::SslCredentials(ssl), args);
}

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

// The shared record of presses: index → send time; filled by the pressing
// side, read by the desks (atomics: no lock on the hot path).
struct PressBook {
  explicit PressBook(size_t capacity) : sent_ns(capacity), hall(capacity, -1) {}
  std::vector<std::atomic<int64_t>> sent_ns;
  std::vector<int> hall;  // written before the press is sent
  std::atomic<size_t> next{0};
};

// The few fields a desk here needs, read straight from the wire: a
// WatchResponse's event (1), batch (3) or caught-up marker (2); an event's kind (4)
// and incident (9); the incident's summary (10). Parsing whole events with
// their checklists made the generator, not the server, the bottleneck of
// the 100-desk runs (each press arrives a hundred times).
struct WireEvent {
  uint64_t kind = 0;
  std::string_view summary;
};
bool Varint(const uint8_t*& p, const uint8_t* end, uint64_t* v) {
  *v = 0;
  for (int shift = 0; p < end && shift < 64; shift += 7) {
    uint8_t b = *p++;
    *v |= uint64_t{b & 0x7fu} << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}
// Calls f(field, wire type, varint value, bytes) for each field of a message.
template <typename F>
bool Fields(const uint8_t* p, const uint8_t* end, F f) {
  while (p < end) {
    uint64_t key, v = 0;
    if (!Varint(p, end, &key)) return false;
    std::string_view bytes;
    switch (key & 7) {
      case 0:
        if (!Varint(p, end, &v)) return false;
        break;
      case 1:
        p += 8;
        break;
      case 2:
        if (!Varint(p, end, &v) || v > static_cast<uint64_t>(end - p)) return false;
        bytes = {reinterpret_cast<const char*>(p), v};
        p += v;
        break;
      case 5:
        p += 4;
        break;
      default:
        return false;
    }
    if (p > end) return false;
    f(key >> 3, key & 7, v, bytes);
  }
  return true;
}
// Calls on_event(WireEvent) for each event of a WatchResponse: its event
// (1), or each of its batch's events (3, an EventBatch whose events are
// field 1); sets *caught_up for the marker (2).
template <typename F>
bool ParseWatchResponse(std::string_view msg, bool* caught_up, F on_event) {
  auto begin = [](std::string_view b) { return reinterpret_cast<const uint8_t*>(b.data()); };
  auto event = [&](std::string_view bytes) {
    WireEvent out;
    Fields(begin(bytes), begin(bytes) + bytes.size(),
           [&](uint64_t ef, uint64_t ewt, uint64_t ev, std::string_view incident) {
             if (ef == 4 && ewt == 0) out.kind = ev;
             if (ef != 9 || ewt != 2) return;
             Fields(begin(incident), begin(incident) + incident.size(),
                    [&](uint64_t inf, uint64_t, uint64_t, std::string_view b) {
                      if (inf == 10) out.summary = b;
                    });
           });
    on_event(out);
  };
  return Fields(begin(msg), begin(msg) + msg.size(),
                [&](uint64_t f, uint64_t wt, uint64_t, std::string_view bytes) {
                  if (f == 2 && wt == 0) *caught_up = true;
                  if (wt != 2) return;
                  if (f == 1) event(bytes);
                  if (f != 3) return;
                  Fields(begin(bytes), begin(bytes) + bytes.size(),
                         [&](uint64_t bf, uint64_t bwt, uint64_t, std::string_view e) {
                           if (bf == 1 && bwt == 2) event(e);
                         });
                });
}

// One desk: a Watch stream that records, for each of this run's presses it
// receives, the press's index and the latency since it was sent. gRPC calls
// OnReadDone one at a time per stream, so its vectors need no lock.
class Desk : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  Desk(grpc::GenericStub* stub, const std::string& token, std::vector<std::string> halls,
       const std::string& prefix, PressBook* book)
      : prefix_(prefix), book_(book) {
    ctx_.AddMetadata("authorization", "Bearer " + token);
    v1::WatchRequest req;
    req.set_from_now(true);
    req.set_batches(true);  // as the desk application asks
    for (auto& h : halls) req.add_hall_ids(h);
    std::string bytes = req.SerializeAsString();
    grpc::Slice slice(bytes);
    req_ = grpc::ByteBuffer(&slice, 1);
    stub->PrepareBidiStreamingCall(&ctx_, "/hall.v1.IncidentService/Watch", grpc::StubOptions(),
                                   this);
    StartWriteLast(&req_, grpc::WriteOptions());
    StartRead(&msg_);
    StartCall();
  }
  void OnReadDone(bool ok) override {
    if (!ok) return;
    grpc::Slice slice;
    bool caught_up = false;
    if (msg_.DumpToSingleSlice(&slice).ok()) {
      ParseWatchResponse({reinterpret_cast<const char*>(slice.begin()), slice.size()}, &caught_up,
                         [&](const WireEvent& e) { Record(e); });
    }
    if (caught_up) live = true;
    StartRead(&msg_);
  }
  void OnDone(const grpc::Status& s) override {
    std::lock_guard lock(mu_);
    status = s;
    done = true;
    cv_.notify_all();
  }
  void Cancel() { ctx_.TryCancel(); }
  void AwaitDone() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return done; });
  }

  // A press of this run: its index, and the latency since it was sent.
  void Record(const WireEvent& e) {
    if (e.kind != v1::EVENT_KIND_RAISED || e.summary.substr(0, prefix_.size()) != prefix_) return;
    size_t index = 0;
    for (char ch : e.summary.substr(prefix_.size())) index = index * 10 + (ch - '0');
    if (index >= book_->sent_ns.size()) return;
    int64_t sent = book_->sent_ns[index].load(std::memory_order_acquire);
    seen.push_back(static_cast<uint32_t>(index));
    latency_us.push_back(
        sent > 0 ? static_cast<uint32_t>(std::max<int64_t>(0, (NowNs() - sent) / 1000)) : 0);
  }

  std::vector<uint32_t> seen;        // press indexes, in arrival order
  std::vector<uint32_t> latency_us;  // press → this desk, same order
  std::atomic<bool> live{false};
  bool done = false;
  grpc::Status status;

 private:
  grpc::ClientContext ctx_;
  grpc::ByteBuffer req_, msg_;
  std::string prefix_;
  PressBook* book_;
  std::mutex mu_;
  std::condition_variable cv_;
};

struct Kiosk {
  int index = 0;
  int hall = 0;
  std::string guide_token, device_token;
  std::unique_ptr<v1::IncidentService::Stub> incidents;
  std::unique_ptr<v1::DirectoryService::Stub> directory;
  uint32_t presses = 0;  // this kiosk's own count: chooses place and category
};

// A press's answer: none (failed or still out), a new incident, or folded
// into the guide's open one (only when a guide's cycle of places and
// categories wraps; a folded press makes no incident and no RAISED event).
enum : uint8_t { kNotAcked = 0, kCreated = 1, kFolded = 2 };

struct Totals {
  std::atomic<int64_t> sent{0}, acked{0}, acked_in_window{0}, created{0}, folded{0}, failed{0},
      heartbeats{0}, heartbeat_failures{0}, in_flight{0};
  std::mutex mu;
  std::map<std::string, int64_t> errors;  // status code → count
  std::vector<uint8_t> acked_index;       // per press index: kNotAcked, kCreated, kFolded
  std::vector<uint32_t> ack_latency_us;   // press → its answer
};

}  // namespace

int main(int argc, char** argv) {
  hall::proto::ConfigureGrpcRuntime();  // as the programs measured
  Options o = Parse(argc, argv);
  spdlog::set_level(spdlog::level::warn);
  std::string ca_pem;
  {
    std::ifstream f(o.ca);
    if (!f) Usage("cannot read --ca " + o.ca);
    ca_pem.assign(std::istreambuf_iterator<char>(f), {});
  }
  const std::string run = std::to_string(std::chrono::system_clock::now().time_since_epoch() /
                                         std::chrono::milliseconds(1));
  const std::string prefix = "load " + run + " ";
  std::fprintf(stderr, "hall-load: seeding %d halls, %d kiosks, %d desks, %d leadership…\n",
               o.halls, o.kiosks, o.desks, o.leadership);
  Seeded seeded;
  try {
    seeded = Seed(o, run);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hall-load: seeding failed: %s\n", e.what());
    return 2;
  }

  // Categories: every one the server knows (one taxonomy for all plans).
  std::vector<std::string> categories;
  {
    auto ch = Channel(o.target, ca_pem);
    auto stub = v1::PlaybookService::NewStub(ch);
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + seeded.guide_tokens[0]);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::Taxonomy tax;
    auto s = stub->ListCategories(&ctx, v1::ListCategoriesRequest{}, &tax);
    if (!s.ok()) {
      std::fprintf(stderr, "hall-load: the server at %s does not answer: %s\n", o.target.c_str(),
                   s.error_message().c_str());
      return 2;
    }
    for (auto& c : tax.categories()) categories.push_back(c.id());
  }
  if (categories.empty()) {
    std::fprintf(stderr, "hall-load: the server lists no categories\n");
    return 2;
  }

  // Room for every press the run can make (closed loop: bounded by a
  // generous 20,000 a second).
  const double max_rate = o.rate > 0 ? o.rate * 1.5 : 20000;
  PressBook book(static_cast<size_t>(max_rate * (o.seconds + o.warmup)) + 1000);
  Totals totals;
  totals.acked_index.assign(book.sent_ns.size(), 0);

  // Desks first, each live before the first press.
  std::vector<std::unique_ptr<grpc::GenericStub>> desk_stubs;
  std::vector<std::unique_ptr<Desk>> desks;
  std::vector<int> desk_hall;  // -1: watches every hall
  for (size_t d = 0; d < seeded.desk_tokens.size() + seeded.leader_tokens.size(); ++d) {
    bool leader = d >= seeded.desk_tokens.size();
    int hall = leader ? -1 : static_cast<int>(d) % o.halls;
    // Desks share a connection in groups of --desks-per-channel (10,000
    // watchers need not be 10,000 TLS connections from one process).
    if (d % static_cast<size_t>(o.desks_per_channel) == 0) {
      desk_stubs.push_back(std::make_unique<grpc::GenericStub>(
          Channel(o.desk_target.empty() ? o.target : o.desk_target, ca_pem)));
    }
    std::vector<std::string> halls;
    if (!leader) halls.push_back(HallId(hall));
    const std::string& token =
        leader ? seeded.leader_tokens[d - seeded.desk_tokens.size()] : seeded.desk_tokens[d];
    desks.push_back(std::make_unique<Desk>(desk_stubs.back().get(), token, halls, prefix, &book));
    desk_hall.push_back(hall);
  }
  for (auto& d : desks) {
    for (int i = 0; i < 3000 && !d->live && !d->done; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!d->live) {
      std::fprintf(stderr, "hall-load: a desk's watch did not start: %s\n",
                   d->status.error_message().c_str());
      return 2;
    }
  }

  std::vector<std::unique_ptr<Kiosk>> kiosks;
  for (int k = 0; k < o.kiosks; ++k) {
    auto kiosk = std::make_unique<Kiosk>();
    kiosk->index = k;
    kiosk->hall = k % o.halls;
    kiosk->guide_token = seeded.guide_tokens[static_cast<size_t>(k)];
    kiosk->device_token = seeded.kiosk_tokens[static_cast<size_t>(k)];
    auto ch = Channel(o.target, ca_pem);
    kiosk->incidents = v1::IncidentService::NewStub(ch);
    kiosk->directory = v1::DirectoryService::NewStub(ch);
    kiosks.push_back(std::move(kiosk));
  }

  const int64_t start_ns = NowNs();
  const int64_t window_start_ns = start_ns + int64_t{o.warmup} * 1'000'000'000;
  const int64_t end_ns = window_start_ns + int64_t{o.seconds} * 1'000'000'000;
  std::atomic<bool> stopping{false};

  // One press from kiosk k: a new request id, the next place and category
  // in the kiosk's cycle, the run's prefix and the press index as summary.
  std::function<void(Kiosk*)> press = [&](Kiosk* k) {
    size_t index = book.next.fetch_add(1);
    if (index >= book.sent_ns.size()) return;  // the book is full: stop pressing
    struct Call {
      grpc::ClientContext ctx;
      v1::RaiseIncidentRequest req;
      v1::RaiseIncidentResponse resp;
    };
    auto* call = new Call;
    call->ctx.AddMetadata("authorization", "Bearer " + k->guide_token);
    call->ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    uint32_t n = k->presses++;
    int place = static_cast<int>(n % static_cast<uint32_t>(o.places));
    const std::string& category =
        categories[(n / static_cast<uint32_t>(o.places) + static_cast<uint32_t>(k->index)) %
                   categories.size()];
    call->req.set_request_id(run + "-" + std::to_string(index));
    call->req.set_hall_id(HallId(k->hall));
    call->req.set_location_id(PlaceId(k->hall, place));
    call->req.set_category(category);
    call->req.set_summary(prefix + std::to_string(index));
    book.hall[index] = k->hall;
    ++totals.sent;
    ++totals.in_flight;
    const int64_t sent = NowNs();
    book.sent_ns[index].store(sent, std::memory_order_release);
    k->incidents->async()->RaiseIncident(
        &call->ctx, &call->req, &call->resp, [&, k, call, index, sent](grpc::Status s) {
          const int64_t now = NowNs();
          --totals.in_flight;
          if (s.ok()) {
            ++totals.acked;
            if (now >= window_start_ns && now < end_ns) ++totals.acked_in_window;
            (call->resp.created() ? totals.created : totals.folded)++;
            std::lock_guard lock(totals.mu);
            totals.acked_index[index] = call->resp.created() ? kCreated : kFolded;
            if (sent >= window_start_ns) {
              totals.ack_latency_us.push_back(static_cast<uint32_t>((now - sent) / 1000));
            }
          } else {
            ++totals.failed;
            std::lock_guard lock(totals.mu);
            ++totals.errors[std::to_string(s.error_code()) + " " + s.error_message()];
          }
          delete call;
          // Closed loop: the next press as soon as this one is answered.
          if (o.rate == 0 && !stopping && now < end_ns) press(k);
        });
  };

  auto heartbeat = [&](Kiosk* k) {
    struct Call {
      grpc::ClientContext ctx;
      v1::HeartbeatRequest req;
      v1::HeartbeatResponse resp;
    };
    auto* call = new Call;
    call->ctx.AddMetadata("authorization", "Bearer " + k->device_token);
    call->ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    call->req.set_app_version("hall-load");
    k->directory->async()->Heartbeat(&call->ctx, &call->req, &call->resp,
                                     [&, call](grpc::Status s) {
                                       (s.ok() ? totals.heartbeats : totals.heartbeat_failures)++;
                                       delete call;
                                     });
  };

  const double self_cpu0 = SelfCpuSeconds();
  double server_cpu0 = 0, pg_cpu0 = 0;
  std::fprintf(stderr, "hall-load: pressing for %d s (+%d s warm-up)…\n", o.seconds, o.warmup);
  // The pacer: heartbeats spread over their interval, and with a rate the
  // presses, round robin over the kiosks.
  {
    bool window_open = false;
    size_t next_kiosk = 0, next_beat = 0;
    int64_t presses_due = 0;
    const double beat_rate = static_cast<double>(o.kiosks) / std::max(1, o.heartbeat_seconds);
    int64_t beats_due = 0;
    // When the n-th event of a stream of per_s a second is due.
    auto due_ns = [&](int64_t n, double per_s) {
      return start_ns + static_cast<int64_t>(std::ceil(static_cast<double>(n) / per_s * 1e9));
    };
    if (o.rate == 0) {
      for (auto& k : kiosks) press(k.get());
    }
    for (;;) {
      const int64_t now = NowNs();
      if (now >= end_ns) break;
      if (!window_open && now >= window_start_ns) {
        window_open = true;
        server_cpu0 = TreeCpuSeconds(o.server_pid);
        pg_cpu0 = TreeCpuSeconds(o.pg_pid);
      }
      const double elapsed = static_cast<double>(now - start_ns) / 1e9;
      for (int64_t due = static_cast<int64_t>(elapsed * beat_rate); beats_due < due; ++beats_due) {
        heartbeat(kiosks[next_beat++ % kiosks.size()].get());
      }
      if (o.rate > 0) {
        for (int64_t due = static_cast<int64_t>(elapsed * o.rate); presses_due < due;
             ++presses_due) {
          press(kiosks[next_kiosk++ % kiosks.size()].get());
        }
      }
      // Asleep until the next heartbeat or press is due (or the window
      // opens, or the run ends): waking every 200 µs "just in case" took
      // nearly half the generator's CPU in the paced runs.
      int64_t wake = end_ns;
      if (!window_open) wake = std::min(wake, window_start_ns);
      if (beat_rate > 0) wake = std::min(wake, due_ns(beats_due + 1, beat_rate));
      if (o.rate > 0) wake = std::min(wake, due_ns(presses_due + 1, o.rate));
      std::this_thread::sleep_until(Clock::time_point(std::chrono::nanoseconds(wake)));
    }
  }
  stopping = true;
  const double server_cpu = TreeCpuSeconds(o.server_pid) - server_cpu0;
  const double pg_cpu = TreeCpuSeconds(o.pg_pid) - pg_cpu0;
  const double self_cpu = SelfCpuSeconds() - self_cpu0;
  const long server_rss = o.server_pid > 0 ? ResidentKiB(o.server_pid) : 0;
  // Let the last answers come in (bounded).
  for (int i = 0; i < 600 && totals.in_flight > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }

  // Every desk must see every acknowledged press of its scope: wait for
  // the streams to drain (bounded), then count.
  const size_t pressed = std::min(book.next.load(), book.sent_ns.size());
  std::vector<size_t> expected_per_hall(static_cast<size_t>(o.halls), 0);
  size_t expected_all = 0;
  {
    std::lock_guard lock(totals.mu);
    for (size_t i = 0; i < pressed; ++i) {
      if (totals.acked_index[i] == kCreated) {
        ++expected_per_hall[static_cast<size_t>(book.hall[i])];
        ++expected_all;
      }
    }
  }
  for (int i = 0; i < 600; ++i) {  // up to 30 s
    bool drained = true;
    for (size_t d = 0; d < desks.size(); ++d) {
      size_t want =
          desk_hall[d] < 0 ? expected_all : expected_per_hall[static_cast<size_t>(desk_hall[d])];
      drained = drained && desks[d]->seen.size() >= want;
    }
    if (drained) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  for (auto& d : desks) d->Cancel();
  for (auto& d : desks) d->AwaitDone();

  int64_t lost = 0, duplicated = 0, unexpected = 0;
  std::vector<uint32_t> delivery_us;
  {
    std::lock_guard lock(totals.mu);
    for (size_t d = 0; d < desks.size(); ++d) {
      std::vector<uint8_t> count(pressed, 0);
      const auto& desk = *desks[d];
      for (size_t j = 0; j < desk.seen.size(); ++j) {
        uint32_t i = desk.seen[j];
        if (i >= pressed) continue;
        if (count[i] < 255) ++count[i];
        if (book.sent_ns[i].load() >= window_start_ns) delivery_us.push_back(desk.latency_us[j]);
      }
      for (size_t i = 0; i < pressed; ++i) {
        bool in_scope = desk_hall[d] < 0 || book.hall[i] == desk_hall[d];
        if (totals.acked_index[i] == kCreated && in_scope && count[i] == 0) ++lost;
        if (count[i] > 1) duplicated += count[i] - 1;
        if (count[i] > 0 && !in_scope) ++unexpected;
      }
    }
  }

  // The database: every acknowledged press there exactly once.
  int64_t db_missing = 0, db_doubled = 0, db_unacknowledged = 0;
  try {
    store::PgConnection c(o.database_url);
    auto r = c.Exec({"load_check",
                     "SELECT request_id, count(*) FROM incidents WHERE request_id LIKE $1 "
                     "GROUP BY request_id"},
                    {run + "-%"});
    std::vector<uint8_t> in_db(pressed, 0);
    for (int i = 0; i < r.rows(); ++i) {
      std::string id = r.text(i, 0);
      size_t index = std::strtoull(id.c_str() + run.size() + 1, nullptr, 10);
      if (index < pressed) in_db[index] = 1;
      if (r.int64(i, 1) > 1) db_doubled += r.int64(i, 1) - 1;
    }
    std::lock_guard lock(totals.mu);
    for (size_t i = 0; i < pressed; ++i) {
      if (totals.acked_index[i] == kCreated && !in_db[i]) ++db_missing;
      if (totals.acked_index[i] == kNotAcked && in_db[i]) ++db_unacknowledged;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hall-load: the database check failed: %s\n", e.what());
    db_missing = -1;
  }

  const double rate = static_cast<double>(totals.acked_in_window) / o.seconds;
  std::vector<uint32_t> ack_us;
  {
    std::lock_guard lock(totals.mu);
    ack_us = totals.ack_latency_us;
  }
  auto ms = [](double us) { return us / 1000.0; };
  std::printf(
      "\nhall-load: %d kiosks in %d halls, %d hall desks, %d leadership desks, %s, %d s\n\n",
      o.kiosks, o.halls, o.desks, o.leadership,
      o.rate > 0 ? ("paced at " + std::to_string(static_cast<int>(o.rate)) + "/s").c_str()
                 : "closed loop",
      o.seconds);
  std::printf("| measurement | value |\n| --- | ---: |\n");
  std::printf("| presses answered per second | %.0f |\n", rate);
  std::printf("| new incidents / folded presses | %lld / %lld |\n",
              static_cast<long long>(totals.created.load()),
              static_cast<long long>(totals.folded.load()));
  std::printf("| press → answer p50 / p99 ms | %.2f / %.2f |\n", ms(Percentile(ack_us, 0.5)),
              ms(Percentile(ack_us, 0.99)));
  std::printf("| press → every desk p50 / p99 / max ms | %.2f / %.2f / %.2f |\n",
              ms(Percentile(delivery_us, 0.5)), ms(Percentile(delivery_us, 0.99)),
              ms(Percentile(delivery_us, 1.0)));
  std::printf("| deliveries measured | %zu |\n", delivery_us.size());
  std::printf("| presses failed | %lld |\n", static_cast<long long>(totals.failed.load()));
  std::printf("| heartbeats ok / failed | %lld / %lld |\n",
              static_cast<long long>(totals.heartbeats.load()),
              static_cast<long long>(totals.heartbeat_failures.load()));
  std::printf("| lost / duplicated on desks | %lld / %lld |\n", static_cast<long long>(lost),
              static_cast<long long>(duplicated));
  std::printf("| acknowledged but not in the database / doubled | %lld / %lld |\n",
              static_cast<long long>(db_missing), static_cast<long long>(db_doubled));
  std::printf("| CPU s: server / PostgreSQL / generator | %.1f / %.1f / %.1f |\n", server_cpu,
              pg_cpu, self_cpu);
  if (server_rss > 0) std::printf("| server resident memory MiB | %.0f |\n", server_rss / 1024.0);
  for (auto& [what, n] : totals.errors) {
    std::printf("  error ×%lld: %s\n", static_cast<long long>(n), what.c_str());
  }
  std::printf("\n");
  auto result = [](const char* name, double v) { std::printf("RESULT %s %.3f\n", name, v); };
  result("rate", rate);
  result("created", static_cast<double>(totals.created));
  result("folded", static_cast<double>(totals.folded));
  result("failed", static_cast<double>(totals.failed));
  result("ack_p50_ms", ms(Percentile(ack_us, 0.5)));
  result("ack_p99_ms", ms(Percentile(ack_us, 0.99)));
  result("desk_p50_ms", ms(Percentile(delivery_us, 0.5)));
  result("desk_p99_ms", ms(Percentile(delivery_us, 0.99)));
  result("desk_max_ms", ms(Percentile(delivery_us, 1.0)));
  result("deliveries", static_cast<double>(delivery_us.size()));
  result("lost", static_cast<double>(lost));
  result("duplicated", static_cast<double>(duplicated));
  result("unexpected", static_cast<double>(unexpected));
  result("db_missing", static_cast<double>(db_missing));
  result("db_doubled", static_cast<double>(db_doubled));
  result("db_unacknowledged", static_cast<double>(db_unacknowledged));
  result("server_cpu_s", server_cpu);
  result("pg_cpu_s", pg_cpu);
  result("load_cpu_s", self_cpu);
  result("server_rss_mib", server_rss / 1024.0);
  result("heartbeat_failures", static_cast<double>(totals.heartbeat_failures));
  bool sound =
      lost == 0 && duplicated == 0 && unexpected == 0 && db_missing == 0 && db_doubled == 0;
  if (!sound) std::fprintf(stderr, "hall-load: a press was lost or doubled (see above)\n");
  // Leave without tearing down a thousand channels (and any answer still
  // on its way after the bounded wait would find its kiosk gone).
  std::fflush(stdout);
  std::_Exit(sound ? 0 : 1);
}
