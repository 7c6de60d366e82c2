// Load for fault tests: client threads raising reports the way a kiosk
// does — each report with its own request id, retried with the same id on
// UNAVAILABLE (or a deadline) until the server acknowledges it, moving to
// the next server address meanwhile — and watchers that resume their
// stream after the last seq they saw, as the desk does. Afterwards a test
// compares what was acknowledged and what was watched with the log.
//
// Thread-safety: the classes' methods are for the test's main thread; each
// runs threads of its own, joined by Stop() or the destructor.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/test_server.h"

namespace hall::testing {

// Places <hall>-q0 … <hall>-q<count-1>, so that every raise of a load can
// have a place of its own (one reporter's repeated report of a kind at a
// place folds into its open incident).
void MakeLoadPlaces(const std::string& conninfo, const std::string& hall, int count);

struct RaiseLoadOptions {
  std::vector<int> ports;  // server ports; thread i starts on ports[i % n]
  int threads = 4;
  std::string user = "duty-a";  // signs in once; the session is in the database
  std::string hall = "hall-a";
  int per_thread = 500;  // raises at most; thread t uses places q[t*per_thread …]
  int pause_ms = 10;     // between acknowledged raises
  int retry_ms = 100;    // between attempts of one raise
  std::string id_prefix = "load";
};

class RaiseLoad {
 public:
  // Signs in (bounded retries) and starts the threads.
  explicit RaiseLoad(RaiseLoadOptions options);
  ~RaiseLoad();
  // Raises acknowledged so far.
  int64_t acknowledged() const { return acked_count_.load(); }
  // Waits until at least `n` raises are acknowledged in all; false on time-out.
  bool WaitForAcknowledged(int64_t n, int timeout_ms);
  // Attempts answered UNAVAILABLE or DEADLINE_EXCEEDED (then retried).
  int64_t refused() const { return refused_count_.load(); }
  // The last refusal's code and message (diagnostics).
  std::string LastRefusal() const;
  // Waits until at least `n` attempts were refused in all; false on time-out.
  bool WaitForRefused(int64_t n, int timeout_ms);
  // Stops raising. A raise not yet acknowledged is retried (same request
  // id) for at most `settle_ms` more; then the threads end.
  void Stop(int settle_ms = 60000);
  // request id → incident id, every acknowledged raise.
  std::map<std::string, std::string> Acknowledged() const;
  // Request ids sent but never acknowledged (outcome unknown): empty when
  // Stop settled everything.
  std::vector<std::string> Unsettled() const;
  // Answers other than OK / UNAVAILABLE / DEADLINE_EXCEEDED, one line each.
  std::vector<std::string> Errors() const;
  // The longest time one raise took from its first attempt to its
  // acknowledgement (how long the fault held reports up), in ms.
  int64_t LongestWaitMs() const { return longest_ms_.load(); }

 private:
  void Run(int thread_index);

  RaiseLoadOptions o_;
  std::string token_;
  std::atomic<bool> stopping_{false};
  std::atomic<int64_t> settle_until_ms_{0};  // steady clock, once stopping
  std::atomic<int64_t> acked_count_{0};
  std::atomic<int64_t> refused_count_{0};
  std::atomic<int64_t> longest_ms_{0};
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, std::string> acked_;  // under mu_
  std::vector<std::string> unsettled_;        // under mu_
  std::vector<std::string> errors_;           // under mu_
  std::string last_refusal_;                  // under mu_
  std::vector<std::thread> threads_;
};

// A watch stream that, when it ends, opens again after the last seq it saw
// (on the next port of its list), until stopped — a desk's IncidentWatch
// in miniature. Keeps every event.
class ResumingWatcher {
 public:
  ResumingWatcher(std::vector<int> ports, std::string token, int64_t after_seq = 0);
  ~ResumingWatcher();
  // Waits until an event with seq ≥ `seq` arrived; false on time-out.
  bool WaitForSeq(int64_t seq, int timeout_ms);
  std::vector<v1::IncidentEvent> events() const;
  int64_t last_seq() const;
  // Streams opened after the first.
  int resumes() const;
  void Stop();

 private:
  void Loop();

  std::vector<int> ports_;
  std::string token_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<v1::IncidentEvent> events_;  // under mu_
  int64_t last_seq_;                       // under mu_
  int resumes_ = 0;                        // under mu_
  bool stopping_ = false;                  // under mu_
  grpc::ClientContext* ctx_ = nullptr;     // the open stream's, under mu_
  std::thread thread_;
};

// Empty when `events` are exactly seq after+1, after+2, … (no gap, no
// duplicate, in order); else the first place where they are not.
std::string CheckContiguous(const std::vector<v1::IncidentEvent>& events, int64_t after);

// Compares acknowledged raises with the database: each request id has its
// incident with the acknowledged id and exactly one RAISED event; nothing
// of the load (request ids starting with `id_prefix`) is there that was not
// acknowledged or left unsettled; the log has no seq gap. Empty when all
// holds; else what does not.
std::string CheckAgainstLog(const std::string& conninfo,
                            const std::map<std::string, std::string>& acked,
                            const std::vector<std::string>& unsettled,
                            const std::string& id_prefix = "load");

// A Client on 127.0.0.1:port signed in as `user`, retrying (bounded) while
// the server answers UNAVAILABLE.
std::unique_ptr<Client> SignedInClient(int port, const std::string& user, int timeout_ms = 30000);

}  // namespace hall::testing
