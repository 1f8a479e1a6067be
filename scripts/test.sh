#!/usr/bin/env bash
# Builds jobfit with warnings as errors and runs every test, then does the same under
# AddressSanitizer + UndefinedBehaviorSanitizer. Installs what it needs first.
# Usage: scripts/test.sh [--fast]   (--fast skips the sanitizer build)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

scripts/bootstrap.sh

echo "== format check"
git ls-files -- '*.cc' '*.h' | xargs clang-format --dry-run --Werror

run_suite() {
  local dir=$1
  shift
  echo "== $dir: configure and build"
  cmake -S . -B "$dir" -DJOBFIT_WERROR=ON "$@" >/dev/null
  if ! cmake --build "$dir" -j"$jobs" >"$dir/build.log" 2>&1; then
    cat "$dir/build.log"
    exit 1
  fi
  echo "== $dir: tests"
  ctest --test-dir "$dir" -j"$jobs" --output-on-failure --timeout 300
}

run_suite build/ci -DCMAKE_BUILD_TYPE=Release
if [[ "${1:-}" != "--fast" ]]; then
  # -O1 with line tables only: sanitizer reports keep file:line, and the build takes far
  # less time than -O2 -g.
  run_suite build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJOBFIT_SANITIZE=ON \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1"
fi
echo "== all tests passed"
