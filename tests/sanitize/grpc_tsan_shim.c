// Preloaded into the ThreadSanitizer slice (scripts/check-sanitizers.sh):
// tells TSan that a batch's tag is handed over when libgrpc takes the batch.
//
// scripts/tsan-grpc-headers.sh annotates the batches our own (header) code
// starts; libgrpc++ starts others from its uninstrumented code (a server
// context's completion op, for one), whose tags our header code then runs.
// Both end in libgrpc's grpc_call_start_batch, which libgrpc++ calls
// through the PLT, so a preloaded definition sees every one: it releases
// the tag and calls the real function. The tag's StaticRun acquires it.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>

// Weak: every process of the slice gets the preload (ctest, PostgreSQL),
// and only the instrumented ones have TSan's runtime.
void __tsan_release(void* addr) __attribute__((weak));

typedef int (*start_batch_fn)(void*, const void*, size_t, void*, void*);
static start_batch_fn real_start_batch;

__attribute__((constructor)) static void find_real(void) {
  real_start_batch = (start_batch_fn)dlsym(RTLD_NEXT, "grpc_call_start_batch");
}

int grpc_call_start_batch(void* call, const void* ops, size_t nops, void* tag, void* reserved) {
  if (__tsan_release) __tsan_release(tag);
  return real_start_batch(call, ops, nops, tag, reserved);
}
