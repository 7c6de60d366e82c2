// Preloaded into the ThreadSanitizer slice (scripts/check-sanitizers.sh):
// tells TSan about the synchronisation inside Debian's uninstrumented gRPC
// that orders the work it hands to our (instrumented) code.
//
// 1. Batches. scripts/tsan-grpc-headers.sh annotates the batches our own
//    (header) code starts; libgrpc++ starts others from its uninstrumented
//    code (a server context's completion op, for one), whose tags our header
//    code then runs. Both end in libgrpc's grpc_call_start_batch, which
//    libgrpc++ calls through the PLT, so a preloaded definition sees every
//    one: it releases the tag and calls the real function. The tag's
//    StaticRun acquires it.
// 2. Mutexes. gRPC moves work between its threads (the executor's queue,
//    completion queues, timers) under absl::Mutex and absl::CondVar, which
//    TSan cannot see: Abseil is not instrumented either, and its mutex is
//    built on atomics and futexes, not on the pthread calls TSan intercepts.
//    So a request object that one thread allocates and another runs our
//    handler on looks unordered. libgrpc, libgpr and libgrpc++ call the
//    mutex through the PLT (Debian's Abseil is a shared library), so the
//    wrappers below tell TSan what TSan's own pthread_mutex interceptors
//    would: an unlock releases the mutex, a lock acquires it, a condition
//    wait does both. These are real happens-before edges, exactly those of
//    the mutex; nothing is suppressed or ignored.
//    (Readers and writers are not told apart: libgrpc imports no reader
//    lock — see `objdump -R` of it — so there is nothing to tell apart.)
// 3. A server's request object, handed from the thread that took the call
//    in to the one that runs it, not always under a mutex (below).
// 4. A server call's counters, counted down partly in libgrpc++'s own
//    uninstrumented code (below).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <stdint.h>

// Weak: every process of the slice gets the preload (ctest, PostgreSQL),
// and only the instrumented ones have TSan's runtime.
void __tsan_acquire(void* addr) __attribute__((weak));
void __tsan_release(void* addr) __attribute__((weak));

static void acquire(void* addr) {
  if (__tsan_acquire) __tsan_acquire(addr);
}
static void release(void* addr) {
  if (__tsan_release) __tsan_release(addr);
}

// The next definition of NAME (the real one), looked up on first use
// (threads that race here store the same pointer).
#define REAL(type, var, name) \
  static type var;            \
  if (!var) var = (type)dlsym(RTLD_NEXT, name)

// --- 1. grpc_call_start_batch --------------------------------------------

typedef int (*start_batch_fn)(void*, const void*, size_t, void*, void*);

int grpc_call_start_batch(void* call, const void* ops, size_t nops, void* tag, void* reserved) {
  REAL(start_batch_fn, real, "grpc_call_start_batch");
  release(tag);
  return real(call, ops, nops, tag, reserved);
}

// --- 2. absl::Mutex and absl::CondVar (Debian's inline namespace debian3) --
// Mangled names as libgrpc, libgpr and libgrpc++ import them. An
// absl::Duration or absl::Time passed by value is two integer registers
// (it is trivially copyable); the wrappers pass both words on unchanged.

#define ABSL(sym) "_ZN4absl7debian3" sym
typedef void (*void_fn)(void*);
typedef _Bool (*bool_fn)(void*);
typedef void (*wait_fn)(void*, void*);
typedef _Bool (*timed_wait_fn)(void*, void*, uint64_t, uint64_t);

void absl_mutex_lock(void* mu) __asm__("_ZN4absl7debian35Mutex4LockEv");
void absl_mutex_lock(void* mu) {
  REAL(void_fn, real, ABSL("5Mutex4LockEv"));
  real(mu);
  acquire(mu);
}

_Bool absl_mutex_try_lock(void* mu) __asm__("_ZN4absl7debian35Mutex7TryLockEv");
_Bool absl_mutex_try_lock(void* mu) {
  REAL(bool_fn, real, ABSL("5Mutex7TryLockEv"));
  _Bool locked = real(mu);
  if (locked) acquire(mu);
  return locked;
}

void absl_mutex_unlock(void* mu) __asm__("_ZN4absl7debian35Mutex6UnlockEv");
void absl_mutex_unlock(void* mu) {
  REAL(void_fn, real, ABSL("5Mutex6UnlockEv"));
  release(mu);
  real(mu);
}

// ReleasableMutexLock { Mutex* mu_; }: Release() unlocks mu_ inside Abseil.
void absl_releasable_release(void* lock) __asm__("_ZN4absl7debian319ReleasableMutexLock7ReleaseEv");
void absl_releasable_release(void* lock) {
  REAL(void_fn, real, ABSL("19ReleasableMutexLock7ReleaseEv"));
  release(*(void**)lock);
  real(lock);
}

// A wait unlocks the mutex and locks it again before it returns.
void absl_condvar_wait(void* cv, void* mu) __asm__("_ZN4absl7debian37CondVar4WaitEPNS0_5MutexE");
void absl_condvar_wait(void* cv, void* mu) {
  REAL(wait_fn, real, ABSL("7CondVar4WaitEPNS0_5MutexE"));
  release(mu);
  real(cv, mu);
  acquire(mu);
}

_Bool absl_condvar_wait_timeout(void* cv, void* mu, uint64_t a, uint64_t b) __asm__(
    "_ZN4absl7debian37CondVar15WaitWithTimeoutEPNS0_5MutexENS0_8DurationE");
_Bool absl_condvar_wait_timeout(void* cv, void* mu, uint64_t a, uint64_t b) {
  REAL(timed_wait_fn, real, ABSL("7CondVar15WaitWithTimeoutEPNS0_5MutexENS0_8DurationE"));
  release(mu);
  _Bool timed_out = real(cv, mu, a, b);
  acquire(mu);
  return timed_out;
}

_Bool absl_condvar_wait_deadline(void* cv, void* mu, uint64_t a, uint64_t b) __asm__(
    "_ZN4absl7debian37CondVar16WaitWithDeadlineEPNS0_5MutexENS0_4TimeE");
_Bool absl_condvar_wait_deadline(void* cv, void* mu, uint64_t a, uint64_t b) {
  REAL(timed_wait_fn, real, ABSL("7CondVar16WaitWithDeadlineEPNS0_5MutexENS0_4TimeE"));
  release(mu);
  _Bool timed_out = real(cv, mu, a, b);
  acquire(mu);
  return timed_out;
}

// --- 3. A server's request object -----------------------------------------
// For a callback method, libgrpc++ allocates a request object when a call
// arrives (grpc_core::Server's call allocator, on whichever thread took the
// call in), and gRPC later runs it — on another thread, after a hand-off
// that is not always a mutex — where it binds the call to its server
// context and runs our header code (Deserialize, the method handler) on
// the object. Both ends pass the object's metadata array through the PLT:
// grpc_metadata_array_init as the request is set up, then
// ServerContextBase::BindDeadlineAndMetadata as it is run. Release and
// acquire that address: the hand-over of the object, nothing broader.

typedef void (*array_init_fn)(void*);

void grpc_metadata_array_init(void* array) {
  REAL(array_init_fn, real, "grpc_metadata_array_init");
  real(array);
  release(array);
}

// BindDeadlineAndMetadata(this, gpr_timespec deadline, grpc_metadata_array*):
// the 16-byte deadline is two integer registers, passed on unchanged.
typedef void (*bind_fn)(void*, uint64_t, uint64_t, void*);

void grpc_bind_deadline_and_metadata(void* ctx, uint64_t a, uint64_t b, void* array) __asm__(
    "_ZN4grpc17ServerContextBase23BindDeadlineAndMetadataE12gpr_timespecP19grpc_metadata_array");
void grpc_bind_deadline_and_metadata(void* ctx, uint64_t a, uint64_t b, void* array) {
  REAL(bind_fn, real,
       "_ZN4grpc17ServerContextBase23BindDeadlineAndMetadataE12gpr_timespecP19grpc_metadata_array");
  acquire(array);
  real(ctx, a, b, array);
}

// --- 4. A server call's counters ------------------------------------------
// grpc::internal::ServerCallbackCall counts down with inline atomics, some
// of them in libgrpc++'s uninstrumented copy; whichever decrement reaches
// zero calls ScheduleOnDone (then OnDone, and the call's end) or
// CallOnCancel (then OnCancel), through the PLT. scripts/tsan-grpc-headers.sh
// makes each decrement of our header code release the call; these acquire
// it before the last one's work begins.

typedef void (*on_done_fn)(void*, _Bool);
typedef void (*call_member_fn)(void*, void*);

void grpc_schedule_on_done(void* call, _Bool inline_ondone) __asm__(
    "_ZN4grpc8internal18ServerCallbackCall14ScheduleOnDoneEb");
void grpc_schedule_on_done(void* call, _Bool inline_ondone) {
  REAL(on_done_fn, real, "_ZN4grpc8internal18ServerCallbackCall14ScheduleOnDoneEb");
  acquire(call);
  real(call, inline_ondone);
}

void grpc_call_on_cancel(void* call, void* reactor) __asm__(
    "_ZN4grpc8internal18ServerCallbackCall12CallOnCancelEPNS0_13ServerReactorE");
void grpc_call_on_cancel(void* call, void* reactor) {
  REAL(call_member_fn, real,
       "_ZN4grpc8internal18ServerCallbackCall12CallOnCancelEPNS0_13ServerReactorE");
  acquire(call);
  real(call, reactor);
}
