// Clock: where the server's "now" comes from. Domain and store code take a
// Clock (or a time read from one) instead of reading the system clock, so
// tests of deadlines, time-outs and expiry run in simulated time, and a
// server can run on an accelerated clock for dry runs and demonstrations.
//
// Thread-safety: every Clock may be read from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

namespace hall::domain {

class Clock {
 public:
  virtual ~Clock() = default;
  // Microseconds since the Unix epoch.
  virtual int64_t NowMicros() const = 0;
  // How many clock microseconds pass per real microsecond (1 in service).
  virtual double speed() const { return 1.0; }
  // Real microseconds to wait for `clock_us` of this clock to pass; a
  // waiting thread also wakes when the clock is moved (ManualClock).
  int64_t RealWaitMicros(int64_t clock_us) const;
};

// The system clock.
class SystemClock final : public Clock {
 public:
  int64_t NowMicros() const override;
  // The process-wide instance.
  static const SystemClock& Get();
};

// The system clock sped up `speed` times from the moment it is made
// (`--clock-speed 60`: a 2-minute time-out passes in 2 real seconds). Its
// now starts at the real now and runs faster from there.
class ScaledClock final : public Clock {
 public:
  explicit ScaledClock(double speed);
  // Continues a clock anchored earlier: at real time anchor_real_us it read
  // anchor_clock_us (a restarted server goes on where it was).
  ScaledClock(double speed, int64_t anchor_real_us, int64_t anchor_clock_us);
  int64_t NowMicros() const override;
  double speed() const override { return speed_; }

 private:
  const double speed_;
  const int64_t anchor_real_us_;
  const int64_t anchor_clock_us_;
};

// A clock that moves only when told (tests). Listeners run after each move,
// on the moving thread, so a waiting loop wakes at once instead of polling.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_us);
  int64_t NowMicros() const override { return now_us_.load(); }
  void Advance(int64_t us);
  void AdvanceSeconds(int64_t s) { Advance(s * 1'000'000); }
  void Set(int64_t us);
  // Calls `listener` after every move (it must not block). Returns an id
  // for RemoveListener.
  int OnMove(std::function<void()> listener);
  void RemoveListener(int id);

 private:
  void Moved();
  std::atomic<int64_t> now_us_;
  std::mutex mu_;
  int next_id_ = 0;                                               // guarded by mu_
  std::vector<std::pair<int, std::function<void()>>> listeners_;  // guarded by mu_
};

}  // namespace hall::domain
