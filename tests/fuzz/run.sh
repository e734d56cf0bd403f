#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (address + undefined sanitizers) and
# runs each for N seconds (default 60):
#   samsvar_fuzz_parse  the parser, on a corpus of every rule module and case
#   samsvar_fuzz_check  the checker: a structure-aware generator steered by the
#                       fuzz input, against the oracle in check_oracle.hpp
# The corpora kept in the repository (tests/fuzz/corpus/<target>) seed the
# runs; new inputs go to the build folder, crashes to its artifacts/.
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(samsvar_fuzz_parse samsvar_fuzz_check)
dir=${SAMSVAR_FUZZ_DIR:-build-fuzz}
cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSAMSVAR_FUZZ=ON -DSAMSVAR_TESTS=OFF -DSAMSVAR_BENCH=OFF >/dev/null
cmake --build "$dir" -j"$(nproc)" --target "${targets[@]}"
mkdir -p "$dir/artifacts"
for t in "${targets[@]}"; do
  corpus="$dir/corpus/$t"
  mkdir -p "$corpus"
  [ -d "tests/fuzz/corpus/$t" ] && cp tests/fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
  if [ "$t" = samsvar_fuzz_parse ]; then
    find rules examples tests -type f \( -name '*.rules' -o -name '*.case' \) -exec cp {} "$corpus"/ \; 2>/dev/null || true
  fi
  # Z3 keeps memory until exit by design: leaks are not checked.
  ASAN_OPTIONS=detect_leaks=0 "$dir/$t" "$corpus" -max_total_time="$secs" -max_len=4096 -timeout=30 \
    -rss_limit_mb=4096 -artifact_prefix="$dir/artifacts/$t-" -print_final_stats=1
done
