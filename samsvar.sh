#!/usr/bin/env bash
# samsvar's one entry point for a fresh Debian 12 machine.
#   ./samsvar.sh demo   install what is missing, build, check a bundled example
#   ./samsvar.sh test   install what is missing, build, run every test
#   ./samsvar.sh deps   only install the Debian packages
#   ./samsvar.sh build  install and build
set -euo pipefail
cd "$(dirname "$0")"

# dpkg-dev and file: `cpack -G DEB` reads the package's dependencies off the
# binary with dpkg-shlibdeps (tests/install builds the package).
# libcpp-httplib-dev: `samsvar serve`; chromium, chromium-driver and
# python3-selenium: the browser tests of its page (tests/serve).
PACKAGES=(g++ make cmake pkg-config libz3-dev libboost-dev libspdlog-dev libgtest-dev
          libbenchmark-dev libcli11-dev nlohmann-json3-dev gringo hyperfine jq
          python3-jsonschema dpkg-dev file libcpp-httplib-dev
          chromium chromium-driver python3-selenium)
BUILD_DIR=${SAMSVAR_BUILD_DIR:-build}

deps() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "samsvar: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  deps
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD_DIR" -j"$(nproc)"
}

case "${1:-demo}" in
  deps) deps ;;
  build) build ;;
  demo)
    build
    # The main job: a procurer's tender checked against the bundled rules.
    set +e
    "$BUILD_DIR"/samsvar check examples/procurer/kritisk-info-helseforetak.case
    code=$?
    set -e
    # Exit code 1 means the example has violations, which is what it demonstrates.
    [ $code -le 1 ] || exit $code
    ;;
  test)
    build
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)"
    ;;
  *) echo "usage: $0 [demo|test|deps|build]" >&2; exit 2 ;;
esac
