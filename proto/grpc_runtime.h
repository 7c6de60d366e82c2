// Process-wide settings of the gRPC runtime: every program that speaks the
// contract (server, desk, kiosk, hallctl, the load generator and floors)
// calls ConfigureGrpcRuntime() first thing in main(), before any thread.
#pragma once

namespace hall::proto {

// Turns off abseil's mutex deadlock detection. Debian builds gRPC and
// abseil without NDEBUG, so every absl::Mutex lock (gRPC takes dozens per
// call) is recorded in abseil's global lock-order graph: ~5 % of the
// server's CPU with 10,000 watch streams, as much again in the client. A
// release build of abseil has it off; a cycle it found would abort a server
// in service. In-process tests do not call this and keep the detection.
void ConfigureGrpcRuntime();

}  // namespace hall::proto
