#!/usr/bin/env bash
# The test suite under sanitizers, as CI runs it after the normal build:
#   address: every test, built with AddressSanitizer + UndefinedBehaviorSanitizer
#   thread:  the tests that run cases on several threads, with ThreadSanitizer
# Usage: tests/sanitize.sh [address|thread]...   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
kinds=("$@")
[ ${#kinds[@]} -eq 0 ] && kinds=(address thread)
for kind in "${kinds[@]}"; do
  dir=${SAMSVAR_BUILD_DIR:-build}-$kind
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSAMSVAR_SANITIZE="$kind" -DSAMSVAR_BENCH=OFF >/dev/null
  case "$kind" in
    address)
      cmake --build "$dir" -j"$(nproc)"
      # Z3 is not instrumented; leaks it keeps until exit are not ours.
      ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir "$dir" --output-on-failure -j"$(nproc)" --timeout 900
      ;;
    thread)
      # Only the thread tests' own binary (tests/CMakeLists.txt): the whole
      # suite under TSan would take about 30 minutes to build on two cores.
      cmake --build "$dir" -j"$(nproc)" --target samsvar_thread_tests samsvar
      TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/tests/tsan.supp" \
        "$dir"/tests/samsvar_thread_tests --gtest_filter='Batch*:Parallel*:*Concurrent*:*Determinis*'
      ;;
  esac
done
