#!/usr/bin/env bash
# Writes annotated copies of three gRPC headers for the ThreadSanitizer build
# (scripts/sanitize-common.sh puts OUT first on the include path).
#
# Why: gRPC's callback API is header code, compiled into our binaries and
# instrumented, but the hand-off that orders it is not. A callback tag is
# built on one thread, handed to libgrpc with grpc_call_start_batch and run
# on a gRPC thread when the batch completes; the queue between the two is
# inside Debian's uninstrumented libgrpc, so TSan sees the writes and the
# reads and no synchronisation, and reports a race on every call. The
# copies tell TSan what the queue does: a release of the tag when it is
# handed over, an acquire of it when it runs. Nothing is suppressed, so our
# own code — handlers, reactors, what they touch — is checked in full.
#
#   scripts/tsan-grpc-headers.sh OUT
# Writes a file only when its content changes (no needless rebuilds);
# fails when a header no longer has the lines it patches.
set -euo pipefail
out="$1"
src=/usr/include/grpcpp
decl='extern "C" void __tsan_acquire(void* addr);\nextern "C" void __tsan_release(void* addr);'

patch() {  # patch RELATIVE_PATH GUARD SED_EXPRESSION EXPECTED_COUNT
  local rel="$1" guard="$2" expr="$3" want="$4"
  local tmp
  tmp=$(mktemp)
  sed -e "s|^#define $guard\$|#define $guard\n// Annotated for ThreadSanitizer by scripts/tsan-grpc-headers.sh.\n$decl|" \
    -e "$expr" "$src/$rel" >"$tmp"
  local got
  got=$(grep -c '__tsan_\(acquire\|release\)(' "$tmp" || true)
  if [[ "$got" != "$want" ]]; then
    echo "tsan-grpc-headers: $src/$rel changed: expected $want annotations, made $got" >&2
    rm -f "$tmp"
    exit 1
  fi
  mkdir -p "$(dirname "$out/grpcpp/$rel")"
  if ! cmp -s "$tmp" "$out/grpcpp/$rel"; then
    mv "$tmp" "$out/grpcpp/$rel"
  else
    rm -f "$tmp"
  fi
}

# The run side: each callback tag acquires itself before it runs.
# (2 declarations + 2 StaticRun bodies.)
patch support/callback_common.h GRPCPP_SUPPORT_CALLBACK_COMMON_H \
  's|static_cast<\(CallbackWith[A-Za-z]*Tag\)\*>(cb)->Run(|__tsan_acquire(cb); static_cast<\1*>(cb)->Run(|' 4
# A server call's two counters (callbacks outstanding, conditions before
# OnCancel): our header code and libgrpc++'s own copy of these inline
# functions both count down, and whichever reaches zero runs OnDone or
# OnCancel, often on another thread. libgrpc++'s decrements are invisible,
# so each of ours releases the call, and the out-of-line ScheduleOnDone /
# CallOnCancel that the last one calls acquires it (the preloaded shim,
# tests/sanitize/grpc_tsan_shim.c, wraps both).
# (2 declarations + UnblockCancellation + Unref.)
patch support/server_callback.h GRPCPP_SUPPORT_SERVER_CALLBACK_H \
  's/return \(on_cancel_conditions_remaining_\|callbacks_outstanding_\)\.fetch_sub(/return __tsan_release(this), \1.fetch_sub(/' 4
# The hand-over: the tag of a batch is released as the batch starts.
# (2 declarations + the two grpc_call_start_batch calls.)
patch impl/call_op_set.h GRPCPP_IMPL_CALL_OP_SET_H \
  's|g_core_codegen_interface->grpc_call_start_batch(|(__tsan_release(core_cq_tag()), g_core_codegen_interface)->grpc_call_start_batch(|' 4
