// Sign-in throttling: how long a key (an account, a kiosk, a source
// address) is locked after repeated failures. Pure; thread-safe.
//
// An account or kiosk gets 5 tries, an address (shared by everyone behind
// it) 20; each failure beyond locks it for 30 s, doubling, at most 15 min.
// A key with no failure for an hour starts afresh. The lock applies to
// names that do not exist as well, so the answer never tells whether an
// account exists.
#pragma once

#include <cstdint>

namespace hall::domain {

struct ThrottleState {
  int failures = 0;
  int64_t last_failure_us = 0;
  int64_t locked_until_us = 0;  // 0 = not locked
};

enum class ThrottleKey { kAccount, kAddress };

// True while the key is locked at now_us.
bool IsLocked(const ThrottleState& s, int64_t now_us);
// The state after one more failure at now_us.
ThrottleState AfterFailure(ThrottleState s, ThrottleKey key, int64_t now_us);

}  // namespace hall::domain
