# Sourced by scripts/check-static.sh, check-sanitizers.sh and fuzz.sh: configures
# the clang builds they share. Not a program of its own.
#
#   build-asan/  AddressSanitizer + UndefinedBehaviorSanitizer, with the
#                libFuzzer targets (HALL_FUZZ: every object also carries
#                libFuzzer's coverage, so the tests and the fuzzers share one
#                build instead of two) and clang's thread-safety analysis
#                as errors (scripts/check-static.sh builds the server here).
#   build-tsan/  ThreadSanitizer, server and its tests only.
# Both are server-only (no Qt clients): the Qt libraries are not
# instrumented, and the budget is the server's.

HALL_ASAN_DIR="${HALL_ASAN_DIR:-build-asan}"
HALL_TSAN_DIR="${HALL_TSAN_DIR:-build-tsan}"
HALL_JOBS="${HALL_BUILD_JOBS:-2}"
# -O1: fast enough to run the suites, clear enough stacks to read. Line
# tables (compressed) are all a sanitizer's stack needs, at a fraction of
# full -g's disk (CMakeLists.txt: HALL_FULL_DEBUG_INFO says why it matters).
HALL_SAN_COMMON="-O1 -gline-tables-only -gz -fno-omit-frame-pointer"
# clang's thread-safety analysis (scripts/check-static.sh) rides on the ASan
# build: a GUARDED_BY member touched without its mutex fails the compile.
HALL_THREAD_SAFETY="-Wthread-safety -Werror=thread-safety"
# The generated contract code (protoc's) at -O0: every access still checked
# by the sanitizer, but it compiles three times faster (incident.pb.cc: 65 s
# at -O1 with ASan, UBSan and the fuzzer's coverage; 19 s at -O0), and it
# was a third of the sanitizer builds' compile time.
HALL_SAN_PROTO="-DHALL_PROTO_COMPILE_OPTIONS=-O0"

configure_asan() {
  # A build-asan/ from before the analysis, -O0 or these flags came here is
  # configured again.
  if [[ ! -f "$HALL_ASAN_DIR/build.ninja" ]] ||
    ! grep -q -- "-Werror=thread-safety" "$HALL_ASAN_DIR/CMakeCache.txt" ||
    ! grep -qF -- "$HALL_SAN_COMMON" "$HALL_ASAN_DIR/CMakeCache.txt" ||
    ! grep -q -- "^HALL_PROTO_COMPILE_OPTIONS:STRING=-O0" "$HALL_ASAN_DIR/CMakeCache.txt"; then
    cmake -S . -B "$HALL_ASAN_DIR" -G Ninja -DCMAKE_BUILD_TYPE=None \
      -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
      -DHALL_BUILD_CLIENTS=OFF -DHALL_BUILD_TESTS=ON -DHALL_FUZZ=ON "$HALL_SAN_PROTO" \
      "-DCMAKE_C_FLAGS=$HALL_SAN_COMMON -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
      "-DCMAKE_CXX_FLAGS=$HALL_SAN_COMMON $HALL_THREAD_SAFETY -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
      "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined" >/dev/null
  fi
}

configure_tsan() {
  # gRPC's callback headers with their hand-off annotated, first on the
  # include path (scripts/tsan-grpc-headers.sh says why).
  local annotated="$PWD/$HALL_TSAN_DIR/grpc-annotated"
  scripts/tsan-grpc-headers.sh "$annotated"
  # A copy that is new shadows a header the objects were built against, and
  # no depfile names it: when the set of copies changes, build from clean.
  local copies
  copies=$(cd "$annotated" && find . -name '*.h' | sort)
  if [[ -f "$HALL_TSAN_DIR/build.ninja" &&
    "$copies" != "$(cat "$HALL_TSAN_DIR/grpc-annotated.list" 2>/dev/null)" ]]; then
    echo "    annotated gRPC headers changed: rebuilding $HALL_TSAN_DIR/ from clean"
    cmake --build "$HALL_TSAN_DIR" --target clean
  fi
  echo "$copies" >"$HALL_TSAN_DIR/grpc-annotated.list"
  # … and libgrpc++'s own batches, through a preloaded grpc_call_start_batch.
  local shim="$HALL_TSAN_DIR/libgrpc_tsan_shim.so"
  mkdir -p "$HALL_TSAN_DIR"
  if [[ ! -f "$shim" || tests/sanitize/grpc_tsan_shim.c -nt "$shim" ]]; then
    clang -shared -fPIC -O1 -o "$shim" tests/sanitize/grpc_tsan_shim.c -ldl
  fi
  if [[ ! -f "$HALL_TSAN_DIR/build.ninja" ]] ||
    ! grep -q "grpc-annotated" "$HALL_TSAN_DIR/CMakeCache.txt" ||
    ! grep -qF -- "$HALL_SAN_COMMON" "$HALL_TSAN_DIR/CMakeCache.txt" ||
    ! grep -q -- "^HALL_PROTO_COMPILE_OPTIONS:STRING=-O0" "$HALL_TSAN_DIR/CMakeCache.txt"; then
    cmake -S . -B "$HALL_TSAN_DIR" -G Ninja -DCMAKE_BUILD_TYPE=None \
      -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
      -DHALL_BUILD_CLIENTS=OFF -DHALL_BUILD_TESTS=ON "$HALL_SAN_PROTO" \
      "-DCMAKE_C_FLAGS=$HALL_SAN_COMMON -fsanitize=thread" \
      "-DCMAKE_CXX_FLAGS=$HALL_SAN_COMMON -fsanitize=thread -I$annotated" \
      "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread" >/dev/null
  fi
}

# Runtime options: stop at the first report, with a symbolized stack.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=0:halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/tests/sanitize/lsan.supp:print_suppressions=0}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/sanitize/tsan.supp}"
if command -v llvm-symbolizer-14 >/dev/null; then
  export ASAN_SYMBOLIZER_PATH="${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14)}"
  export TSAN_OPTIONS="$TSAN_OPTIONS:external_symbolizer_path=$(command -v llvm-symbolizer-14)"
fi
