// Backoff (退避): the delays between reconnect attempts — exponential from
// an initial delay up to a cap, with ±20 % jitter so that a hall full of
// kiosks does not reconnect in lock-step after a server restart.
//
// Thread-safety: a plain value; use from one thread.
#pragma once

#include <QRandomGenerator>
#include <algorithm>

namespace hall::client {

class Backoff {
 public:
  explicit Backoff(int initialMs = 500, int maxMs = 10000, double factor = 2.0)
      : m_initialMs(initialMs), m_maxMs(maxMs), m_factor(factor) {}

  // Returns the delay before the next attempt and counts the attempt:
  // about initial, initial·factor, … never above the cap (jitter included).
  int nextDelayMs() {
    double base = m_initialMs;
    for (int i = 0; i < m_attempts && base < m_maxMs; ++i) base *= m_factor;
    base = std::min<double>(base, m_maxMs);
    ++m_attempts;
    double jitter = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    return std::clamp(static_cast<int>(base * jitter), 1, m_maxMs);
  }
  // Starts again from the initial delay (call after a success).
  void reset() { m_attempts = 0; }
  int attempts() const { return m_attempts; }

 private:
  int m_initialMs;
  int m_maxMs;
  double m_factor;
  int m_attempts = 0;
};

}  // namespace hall::client
