#!/usr/bin/env bash
# Builds jobfit (installing what it needs) and runs it on the bundled sample resume and
# job ad. Usage: scripts/demo.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}

scripts/bootstrap.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DJOBFIT_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target jobfit_cli >/dev/null

jobfit="$build/src/cli/jobfit"
echo "\$ jobfit extract examples/sample_resume.txt examples/sample_job.txt"
"$jobfit" extract examples/sample_resume.txt examples/sample_job.txt
echo
echo "\$ jobfit check examples/sample_resume.txt --job examples/sample_job.txt"
"$jobfit" check examples/sample_resume.txt --job examples/sample_job.txt
