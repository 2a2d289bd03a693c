#!/usr/bin/env bash
# Installs the Debian packages storepulse needs, only those that are missing.
# Idempotent and quiet when everything is present.
#   scripts/install-deps.sh           build + test dependencies
#   scripts/install-deps.sh bench     also what the benchmarks and their peers need
#   scripts/install-deps.sh fuzz      also clang's libFuzzer runtime
set -euo pipefail

build_pkgs=(
  build-essential cmake pkg-config
  libfmt-dev libspdlog-dev libcli11-dev nlohmann-json3-dev
  libtbb-dev libfast-float-dev libabsl-dev libroaring-dev
  libgtest-dev libgmock-dev
  libsqlite3-dev libpqxx-dev postgresql
  python3-pandas
  libxgboost-dev
  libcpp-httplib-dev
)
bench_pkgs=(libbenchmark-dev hyperfine time wrk python3-flask python3-sklearn)
fuzz_pkgs=(clang libclang-rt-14-dev)

want=("${build_pkgs[@]}")
for group in "$@"; do
  case "$group" in
    bench) want+=("${bench_pkgs[@]}") ;;
    fuzz) want+=("${fuzz_pkgs[@]}") ;;
    asan) ;;
    *) echo "install-deps: unknown group '$group' (bench, fuzz, asan)" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${want[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# An apt list older than a day (or none) is refreshed once before installing.
if [[ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1)" ]]; then
  $sudo apt-get update -qq >/dev/null
fi
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
