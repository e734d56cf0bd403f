#!/usr/bin/env bash
# Builds the libFuzzer target with clang (address + undefined sanitizers) and
# runs it for N seconds (default 60) on a seed corpus made of the test inputs.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
dir=${SAMSVAR_FUZZ_DIR:-build-fuzz}
cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSAMSVAR_FUZZ=ON -DSAMSVAR_TESTS=OFF -DSAMSVAR_BENCH=OFF >/dev/null
cmake --build "$dir" -j"$(nproc)" --target samsvar_fuzz_parse
corpus="$dir/corpus"
mkdir -p "$corpus"
find rules examples tests -type f \( -name '*.rules' -o -name '*.case' \) -exec cp {} "$corpus"/ \; 2>/dev/null || true
mkdir -p "$dir/artifacts"
"$dir"/samsvar_fuzz_parse "$corpus" -max_total_time="$secs" -max_len=65536 -timeout=10 \
  -rss_limit_mb=4096 -artifact_prefix="$dir/artifacts/" -print_final_stats=1
