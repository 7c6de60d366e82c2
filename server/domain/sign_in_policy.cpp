#include "domain/sign_in_policy.h"

#include <algorithm>

namespace hall::domain {
namespace {
constexpr int64_t kSecond = 1'000'000;
constexpr int64_t kForgetAfter = 3600 * kSecond;
constexpr int64_t kFirstLock = 30 * kSecond;
constexpr int64_t kLongestLock = 15 * 60 * kSecond;
}  // namespace

bool IsLocked(const ThrottleState& s, int64_t now_us) { return s.locked_until_us > now_us; }

ThrottleState AfterFailure(ThrottleState s, ThrottleKey key, int64_t now_us) {
  if (s.last_failure_us && now_us - s.last_failure_us > kForgetAfter) s = ThrottleState{};
  ++s.failures;
  s.last_failure_us = now_us;
  const int free_tries = key == ThrottleKey::kAccount ? 5 : 20;
  if (s.failures >= free_tries) {
    int doublings = std::min(s.failures - free_tries, 10);
    int64_t lock = std::min(kFirstLock << doublings, kLongestLock);
    s.locked_until_us = now_us + lock;
  }
  return s;
}

}  // namespace hall::domain
