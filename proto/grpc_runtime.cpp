#include "hall/grpc_runtime.h"

#include <absl/synchronization/mutex.h>

namespace hall::proto {

void ConfigureGrpcRuntime() { absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore); }

}  // namespace hall::proto
