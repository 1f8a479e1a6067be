#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 60):
# the readers, the lexicon loader and compiler, the scanner, the tokenizer's two paths
# against each other, and scoring (a resume against an ad and the profile, and the input
# as an ad). Not part of the default
# test run. Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scripts/bootstrap.sh
if ! command -v clang++ >/dev/null; then
  apt-get install -y -qq clang libclang-rt-dev >/dev/null
fi
cmake -S . -B build/fuzz -DJOBFIT_BUILD_FUZZ=ON -DJOBFIT_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
  >/dev/null
cmake --build build/fuzz -j"$(nproc)" --target read_fuzzer lexicon_fuzzer scan_fuzzer \
  tokenizer_fuzzer check_fuzzer >/dev/null

status=0
run() {
  local target=$1 seeds=$2
  local corpus log
  corpus=$(mktemp -d)
  log=$(mktemp)
  cp -r "$seeds"/. "$corpus"/
  echo "== $target for ${seconds}s"
  if build/fuzz/fuzz/"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
       -print_final_stats=1 "$corpus" >"$log" 2>&1; then
    grep -E "^stat::number_of_executed_units|^#[0-9]+ +DONE" "$log" || true
  else
    tail -40 "$log"
    echo "== $target FAILED (the crashing input is saved in the current directory)"
    status=1
  fi
  rm -rf "$corpus" "$log"
}
run read_fuzzer tests/read/data
run lexicon_fuzzer fuzz/lexicon_seeds
run scan_fuzzer corpora/resumes
run tokenizer_fuzzer corpora/resumes
run check_fuzzer corpora  # resumes and ads: the input is scored as both
exit $status
