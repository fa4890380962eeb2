#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Browser end-to-end tests: starts `aitp serve` on a free loopback port with a fresh data
# directory (demo data is generated on first start) and no AITP_ADMIN_PASSWORD, so the admin
# gets a printed one-time password that the browser must change at its first login; runs
# web/e2e/run.mjs (playwright-core driving Debian's chromium) against it, and stops the server.
# The browser tests only ever talk to the real server. Screenshots of every page at 390 and
# 1440 px are kept in test-artifacts/e2e/ (AITP_E2E_ARTIFACTS).
# Usage: scripts/e2e.sh path/to/aitp [script.mjs, default web/e2e/run.mjs]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AITP="${1:-$ROOT/build/bin/aitp}"
SCRIPT="$(realpath "${2:-$ROOT/web/e2e/run.mjs}")"
DATA="$(mktemp -d /tmp/aitp-e2e-data.XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
PASSWORD="e2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
LOG="$DATA/server.log"

env -u AITP_ADMIN_PASSWORD "$AITP" serve --data-dir "$DATA" --port "$PORT" \
    --web-dir "$ROOT/web/dist" --rate-limit 100000 --log-requests >"$LOG" 2>&1 &
SERVER=$!
cleanup() {
    kill -TERM "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    rm -rf "$DATA"
}
trap cleanup EXIT

for _ in $(seq 1 300); do
    if curl -fsS "http://127.0.0.1:$PORT/api/health/" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$SERVER" 2>/dev/null; then echo "e2e: server exited:"; cat "$LOG"; exit 1; fi
    sleep 0.2
done

ONE_TIME="$(sed -n 's/^  password: \([^ ]*\)$/\1/p' "$LOG" | head -1)"
if [ -z "$ONE_TIME" ]; then echo "e2e: no one-time password in the server log:"; cat "$LOG"; exit 1; fi

cd "$ROOT/web"
AITP_E2E_URL="http://127.0.0.1:$PORT" AITP_E2E_USER=admin AITP_E2E_PASSWORD="$PASSWORD" \
    AITP_E2E_ONE_TIME_PASSWORD="$ONE_TIME" AITP_E2E_FRESH_SERVER=1 \
    AITP_E2E_ARTIFACTS="${AITP_E2E_ARTIFACTS:-$ROOT/test-artifacts/e2e}" node "$SCRIPT" || {
    echo "e2e: failed; server log:"; tail -50 "$LOG"; exit 1; }
