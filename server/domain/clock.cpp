#include "domain/clock.h"

#include <chrono>

namespace hall::domain {
namespace {
int64_t RealNowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

int64_t Clock::RealWaitMicros(int64_t clock_us) const {
  if (clock_us <= 0) return 0;
  double s = speed();
  return s <= 0 ? clock_us : static_cast<int64_t>(clock_us / s);
}

int64_t SystemClock::NowMicros() const { return RealNowMicros(); }

const SystemClock& SystemClock::Get() {
  static const SystemClock clock;
  return clock;
}

ScaledClock::ScaledClock(double speed) : ScaledClock(speed, RealNowMicros(), RealNowMicros()) {}

ScaledClock::ScaledClock(double speed, int64_t anchor_real_us, int64_t anchor_clock_us)
    : speed_(speed > 0 ? speed : 1.0),
      anchor_real_us_(anchor_real_us),
      anchor_clock_us_(anchor_clock_us) {}

int64_t ScaledClock::NowMicros() const {
  int64_t real = RealNowMicros();
  return anchor_clock_us_ + static_cast<int64_t>((real - anchor_real_us_) * speed_);
}

ManualClock::ManualClock(int64_t start_us) : now_us_(start_us) {}

void ManualClock::Advance(int64_t us) {
  now_us_ += us;
  Moved();
}

void ManualClock::Set(int64_t us) {
  now_us_ = us;
  Moved();
}

int ManualClock::OnMove(std::function<void()> listener) {
  std::lock_guard lock(mu_);
  listeners_.emplace_back(++next_id_, std::move(listener));
  return next_id_;
}

void ManualClock::RemoveListener(int id) {
  std::lock_guard lock(mu_);
  std::erase_if(listeners_, [id](const auto& l) { return l.first == id; });
}

void ManualClock::Moved() {
  // Called under the lock, so a listener being removed never runs after
  // RemoveListener returns.
  std::lock_guard lock(mu_);
  for (auto& [_, l] : listeners_) l();
}

}  // namespace hall::domain
