// Notifier: carries an alert beyond the desks. The desk stream is the
// first notifier (every desk watching the hall sees ESCALATED events);
// this interface is for the others — an HTTP webhook ships here, and a
// deployment adds an SMS or voice gateway by implementing Deliver (see
// docs/operations.md, "Notifiers").
//
// Thread-safety: Deliver is called from the engine's delivery thread only,
// one delivery at a time; implementations need no locking of their own.
#pragma once

#include <string>

#include "store/engine_store.h"

namespace hall::engine {

class Notifier {
 public:
  virtual ~Notifier() = default;
  // Delivers one alert (d.payload, JSON) to d.url. Returns "" on success,
  // else what went wrong (kept on the delivery, shown in the NOTIFICATION
  // event). Blocks at most a few seconds; never throws.
  virtual std::string Deliver(const store::Delivery& d) = 0;
};

// POSTs the alert as JSON (Content-Type: application/json) with the
// headers X-Hall-Delivery (the delivery id: a receiver that sees the same
// id twice after a server crash drops the second) and X-Hall-Incident.
// Any 2xx answer is success; anything else, a time-out or a refused
// connection is a failure, retried by the engine with back-off.
class WebhookNotifier final : public Notifier {
 public:
  explicit WebhookNotifier(int timeout_ms = 5000) : timeout_ms_(timeout_ms) {}
  std::string Deliver(const store::Delivery& d) override;

 private:
  int timeout_ms_;
};

}  // namespace hall::engine
