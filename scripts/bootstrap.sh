#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs everything aitp needs on a Debian 12 machine, and nothing that is already there.
# Idempotent: a second run only checks. Uses sudo only when not root.
# Versions are pinned here (Debian packages follow the release; DuckDB is pinned below).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DUCKDB_VERSION="1.4.4"            # duckdb.h from npm `duckdb@1.4.4`
DUCKDB_BINDINGS="1.4.4-r.1"       # libduckdb.so from npm `@duckdb/node-bindings-linux-x64`
DUCKDB_DIR="$ROOT/third_party/duckdb"

# Debian packages the build, the tests and the tools use.
APT_PACKAGES=(
    build-essential cmake ninja-build pkg-config git ca-certificates
    libgtest-dev libgmock-dev libbenchmark-dev
    libfmt-dev libspdlog-dev libcli11-dev nlohmann-json3-dev libexpected-dev
    libboost-dev libcurl4-openssl-dev libssl-dev libsqlite3-dev libsodium-dev
    libsimdjson-dev libxgboost-dev pybind11-dev python3 python3-dev python3-numpy python3-pandas
    chromium wrk curl clang-format clang-tidy
)
NODE_MIN="20.19"                  # vite 8 needs Node >= 20.19

log() { printf 'bootstrap: %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing_packages() {
    local p
    for p in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            printf '%s\n' "$p"
        fi
    done
}

install_apt() {
    local missing
    mapfile -t missing < <(missing_packages "$@")
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -q
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
}

install_node() {
    # The machine may ship its own Node.js; only fall back to Debian's when there is none.
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        install_apt nodejs npm
    fi
    local have
    have="$(node -e 'process.stdout.write(process.versions.node)')"
    if ! node -e "const [a,b]=process.versions.node.split('.').map(Number); const [c,d]='$NODE_MIN'.split('.').map(Number); process.exit(a>c||(a===c&&b>=d)?0:1)"; then
        log "Node.js $have is older than $NODE_MIN, which the dashboard build (vite 8) needs"
        exit 1
    fi
}

install_npm_dir() {
    # npm ci in $1 only when its package-lock.json changed since the last install there.
    local dir="$1" what="$2" stamp="$1/node_modules/.aitp-lock"
    [ -f "$dir/package-lock.json" ] || return 0
    if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
        return 0
    fi
    log "installing $what"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
}

install_web() {
    install_npm_dir "$ROOT/web" "the dashboard's npm packages"
    # Test-only: ccxt, the independent exchange client the venue-simulator tests drive.
    install_npm_dir "$ROOT/tests/ccxt" "the test-only npm packages (ccxt)"
}

install_duckdb() {
    local stamp="$DUCKDB_DIR/VERSION"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$DUCKDB_BINDINGS" ] \
        && [ -f "$DUCKDB_DIR/lib/libduckdb.so" ] && [ -f "$DUCKDB_DIR/include/duckdb.h" ]; then
        return 0
    fi
    log "fetching DuckDB $DUCKDB_BINDINGS from the npm registry"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "@duckdb/node-bindings-linux-x64@$DUCKDB_BINDINGS" \
        "duckdb@$DUCKDB_VERSION" >/dev/null 2>&1)
    mkdir -p "$tmp/bindings" "$tmp/header"
    tar -xzf "$tmp"/duckdb-node-bindings-linux-x64-*.tgz -C "$tmp/bindings"
    tar -xzf "$tmp/duckdb-$DUCKDB_VERSION.tgz" -C "$tmp/header" \
        package/src/duckdb/src/include/duckdb.h
    rm -rf "$DUCKDB_DIR"
    mkdir -p "$DUCKDB_DIR/lib" "$DUCKDB_DIR/include"
    cp "$tmp/bindings/package/libduckdb.so" "$DUCKDB_DIR/lib/"
    cp "$tmp/header/package/src/duckdb/src/include/duckdb.h" "$DUCKDB_DIR/include/"
    cp "$tmp/bindings/package/LICENSE" "$DUCKDB_DIR/LICENSE" 2>/dev/null || true
    printf '%s' "$DUCKDB_BINDINGS" >"$stamp"
    rm -rf "$tmp"
}

main() {
    install_apt "${APT_PACKAGES[@]}"
    install_node
    install_duckdb
    install_web
    log "ok"
}

main "$@"
