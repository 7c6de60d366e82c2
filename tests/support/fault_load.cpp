#include "support/fault_load.h"

#include <chrono>
#include <set>

#include "store/pg.h"

namespace hall::testing {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool Retryable(const grpc::Status& s) {
  return s.error_code() == grpc::StatusCode::UNAVAILABLE ||
         s.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
}

}  // namespace

void MakeLoadPlaces(const std::string& conninfo, const std::string& hall, int count) {
  store::PgConnection c(conninfo);
  c.Exec({"load_places",
          "INSERT INTO locations (id, hall_id, name)"
          " SELECT $1 || '-q' || g, $1, 'load ' || g FROM generate_series(0, $2::int - 1) g"
          " ON CONFLICT (id) DO NOTHING"},
         {hall, std::to_string(count)});
}

std::unique_ptr<Client> SignedInClient(int port, const std::string& user, int timeout_ms) {
  auto c = std::make_unique<Client>(MakeChannel(port));
  auto until = NowMs() + timeout_ms;
  for (;;) {
    auto s = c->Login(user);
    if (s.ok()) return c;
    if (!Retryable(s) || NowMs() > until) {
      throw std::runtime_error("sign-in of " + user + " failed: " + s.error_message());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

// ---- RaiseLoad ----

RaiseLoad::RaiseLoad(RaiseLoadOptions options) : o_(std::move(options)) {
  token_ = SignedInClient(o_.ports.at(0), o_.user)->token();
  for (int t = 0; t < o_.threads; ++t) threads_.emplace_back([this, t] { Run(t); });
}

RaiseLoad::~RaiseLoad() { Stop(0); }

void RaiseLoad::Run(int t) {
  std::vector<std::unique_ptr<Client>> clients;
  for (int port : o_.ports) {
    clients.push_back(std::make_unique<Client>(MakeChannel(port)));
    clients.back()->SetToken(token_);
  }
  size_t at = static_cast<size_t>(t) % clients.size();
  for (int i = 0; i < o_.per_thread && !stopping_; ++i) {
    const std::string rid = o_.id_prefix + "-" + std::to_string(t) + "-" + std::to_string(i);
    const std::string place = o_.hall + "-q" + std::to_string(t * o_.per_thread + i);
    const int64_t first = NowMs();
    int refusals_in_a_row = 0;
    for (;;) {
      v1::RaiseIncidentResponse r;
      auto s = clients[at]->RaiseAt(o_.hall, place, "fire", &r, rid);
      if (s.ok()) {
        {
          std::lock_guard lock(mu_);
          acked_[rid] = r.incident().id();
        }
        acked_count_ += 1;
        cv_.notify_all();
        int64_t took = NowMs() - first;
        int64_t prev = longest_ms_.load();
        while (took > prev && !longest_ms_.compare_exchange_weak(prev, took)) {
        }
        break;
      }
      if (!Retryable(s)) {
        std::lock_guard lock(mu_);
        errors_.push_back(rid + ": " + std::to_string(s.error_code()) + " " + s.error_message());
        break;
      }
      {
        std::lock_guard lock(mu_);
        last_refusal_ = std::to_string(s.error_code()) + " " + s.error_message();
      }
      refused_count_ += 1;
      cv_.notify_all();
      if (stopping_ && NowMs() > settle_until_ms_.load()) {
        std::lock_guard lock(mu_);
        unsettled_.push_back(rid);
        return;
      }
      // A channel that keeps failing is made afresh: under this load a
      // gRPC 1.51 channel whose server was SIGKILLed and restarted on the
      // same port was seen to fail every TLS handshake for a minute
      // ("tcp handshaker shutdown") while a new channel connected at once.
      if (++refusals_in_a_row % 20 == 0) {
        clients[at] = std::make_unique<Client>(MakeChannel(o_.ports[at]));
        clients[at]->SetToken(token_);
      }
      at = (at + 1) % clients.size();  // the next server, if there is one
      std::this_thread::sleep_for(std::chrono::milliseconds(o_.retry_ms));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(o_.pause_ms));
  }
}

bool RaiseLoad::WaitForAcknowledged(int64_t n, int timeout_ms) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [&] { return acked_count_.load() >= n; });
}

bool RaiseLoad::WaitForRefused(int64_t n, int timeout_ms) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [&] { return refused_count_.load() >= n; });
}

void RaiseLoad::Stop(int settle_ms) {
  settle_until_ms_ = NowMs() + settle_ms;
  stopping_ = true;
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

std::map<std::string, std::string> RaiseLoad::Acknowledged() const {
  std::lock_guard lock(mu_);
  return acked_;
}

std::vector<std::string> RaiseLoad::Unsettled() const {
  std::lock_guard lock(mu_);
  return unsettled_;
}

std::string RaiseLoad::LastRefusal() const {
  std::lock_guard lock(mu_);
  return last_refusal_;
}

std::vector<std::string> RaiseLoad::Errors() const {
  std::lock_guard lock(mu_);
  return errors_;
}

// ---- ResumingWatcher ----

ResumingWatcher::ResumingWatcher(std::vector<int> ports, std::string token, int64_t after_seq)
    : ports_(std::move(ports)), token_(std::move(token)), last_seq_(after_seq) {
  thread_ = std::thread([this] { Loop(); });
}

ResumingWatcher::~ResumingWatcher() { Stop(); }

void ResumingWatcher::Loop() {
  std::vector<std::unique_ptr<v1::IncidentService::Stub>> stubs;
  for (int port : ports_) stubs.push_back(v1::IncidentService::NewStub(MakeChannel(port)));
  size_t at = 0;
  for (bool first = true;; first = false) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + token_);
    v1::WatchRequest req;
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      if (!first) resumes_ += 1;
      req.set_after_seq(last_seq_);
      ctx_ = &ctx;
    }
    auto reader = stubs[at]->Watch(&ctx, req);
    v1::WatchResponse msg;
    while (reader->Read(&msg)) {
      if (!msg.has_event()) continue;
      std::lock_guard lock(mu_);
      last_seq_ = std::max(last_seq_, msg.event().seq());
      events_.push_back(msg.event());
      cv_.notify_all();
    }
    reader->Finish();
    {
      std::unique_lock lock(mu_);
      ctx_ = nullptr;
      // A short pause before resuming, cut short by Stop().
      if (cv_.wait_for(lock, std::chrono::milliseconds(100), [&] { return stopping_; })) return;
    }
    at = (at + 1) % stubs.size();
  }
}

bool ResumingWatcher::WaitForSeq(int64_t seq, int timeout_ms) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [&] { return last_seq_ >= seq; });
}

std::vector<v1::IncidentEvent> ResumingWatcher::events() const {
  std::lock_guard lock(mu_);
  return events_;
}

int64_t ResumingWatcher::last_seq() const {
  std::lock_guard lock(mu_);
  return last_seq_;
}

int ResumingWatcher::resumes() const {
  std::lock_guard lock(mu_);
  return resumes_;
}

void ResumingWatcher::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    if (ctx_) ctx_->TryCancel();
    cv_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
}

// ---- checks ----

std::string CheckContiguous(const std::vector<v1::IncidentEvent>& events, int64_t after) {
  int64_t want = after + 1;
  for (size_t i = 0; i < events.size(); ++i, ++want) {
    if (events[i].seq() != want) {
      return "event #" + std::to_string(i) + " has seq " + std::to_string(events[i].seq()) +
             ", expected " + std::to_string(want) +
             (events[i].seq() < want ? " (a duplicate or out of order)" : " (a gap)");
    }
  }
  return "";
}

std::string CheckAgainstLog(const std::string& conninfo,
                            const std::map<std::string, std::string>& acked,
                            const std::vector<std::string>& unsettled,
                            const std::string& id_prefix) {
  store::PgConnection c(conninfo);
  auto rows = c.Exec({"load_incidents",
                      "SELECT i.request_id, i.id::text,"
                      " (SELECT count(*) FROM incident_events e"
                      "   WHERE e.incident_id = i.id AND e.kind = 1)"
                      " FROM incidents i WHERE starts_with(i.request_id, $1)"},
                     {id_prefix + "-"});
  std::map<std::string, std::string> in_log;
  std::string problems;
  for (int i = 0; i < rows.rows(); ++i) {
    in_log[rows.text(i, 0)] = rows.text(i, 1);
    if (rows.int64(i, 2) != 1) {
      problems += rows.text(i, 0) + " has " + rows.text(i, 2) + " RAISED events; ";
    }
  }
  int missing = 0;
  for (auto& [rid, id] : acked) {
    auto it = in_log.find(rid);
    if (it == in_log.end()) {
      if (++missing <= 5) problems += "acknowledged " + rid + " is not in the log; ";
    } else if (it->second != id) {
      problems += rid + " was acknowledged as " + id + " but the log has " + it->second + "; ";
    }
  }
  if (missing > 5) problems += std::to_string(missing) + " acknowledged raises missing in all; ";
  std::set<std::string> maybe(unsettled.begin(), unsettled.end());
  for (auto& [rid, id] : in_log) {
    if (!acked.count(rid) && !maybe.count(rid)) problems += rid + " is in the log, never sent; ";
  }
  auto gap =
      c.ExecSimple({"log_gap", "SELECT coalesce(max(seq), 0) - count(*) FROM incident_events"});
  if (gap.int64(0, 0) != 0) problems += "the log's seq has " + gap.text(0, 0) + " hole(s); ";
  return problems;
}

}  // namespace hall::testing
