#!/usr/bin/env bash
# Installs the Debian 12 packages jobfit builds, tests and benchmarks with.
# Idempotent: asks apt only for what is missing, and says nothing when all is present.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git clang-format
  libre2-dev libicu-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libpoppler-cpp-dev libzip-dev libpugixml-dev libgumbo-dev
  libgoogle-perftools-dev  # tcmalloc for the jobfit program
  python3  # tests/install runs examples/python (ctypes) against the installed library
)
if [[ "${1:-}" == "--with-bench-peers" ]]; then
  packages+=(ripgrep grep python3 python3-ahocorasick libvectorscan-dev hyperfine)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "bootstrap: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { $sudo apt-get update -qq && \
       $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "bootstrap: apt-get failed" >&2
  exit 1
fi
