#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Load measurement (issue 16), not part of `make test`: `wrk -c1000` on /api/health/ while two
# heavy jobs (a screen of every strategy and a backtest over a large series) and large indicator
# requests run. Prints health latency (p50/p99/max), wrk errors, the server's peak RSS and the
# configured cache budget. Figures go to bench/RESULTS.md by hand.
#
#   scripts/load_test.sh [path/to/aitp]          (default build/bin/aitp, the release build)
#   BARS=2000000 CACHE_MB=256 CONNS=1000 DURATION=30 JOBS=1 scripts/load_test.sh
# (JOBS=0 leaves the two jobs out, to tell their memory from the caches'.)
set -euo pipefail

AITP=${1:-build/bin/aitp}
BARS=${BARS:-2000000}
CACHE_MB=${CACHE_MB:-256}
CONNS=${CONNS:-1000}
DURATION=${DURATION:-30}
JOBS=${JOBS:-1}
PORT=${PORT:-18765}
PASSWORD=load-test-password-1

command -v wrk >/dev/null || { echo "wrk is missing: run scripts/bootstrap.sh" >&2; exit 1; }
[[ -x $AITP ]] || { echo "no $AITP: run make build (or pass the binary)" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "generating $BARS 1m bars ..."
"$AITP" data gen --data-dir "$work" --source sample --symbol BTC/USDT --timeframe 1m \
    --bars "$BARS" --seed 1 >/dev/null
AITP_ADMIN_PASSWORD=$PASSWORD "$AITP" serve --data-dir "$work" --port "$PORT" --no-demo \
    --workers 2 --rate-limit 100000000 --cache-mb "$CACHE_MB" --max-request-bars "$BARS" \
    >"$work/server.log" 2>&1 &
server=$!
pids+=("$server")
base=http://127.0.0.1:$PORT
for _ in $(seq 100); do curl -sf "$base/api/health/" >/dev/null && break; sleep 0.1; done

jar=$work/cookies
# Login wants a JSON body and a same-origin Origin (issue 16, item 13).
csrf=$(curl -sf -c "$jar" -H 'Content-Type: application/json' -H "Origin: $base" \
    -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$base/api/auth/login/" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
post() { curl -sf -b "$jar" -H "X-CSRFToken: $csrf" -H "Origin: $base" -H 'Content-Type: application/json' -d "$2" "$base$1"; }

# The peak resident set of the server, sampled every 100 ms.
(peak=0; while kill -0 "$server" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status" 2>/dev/null || echo 0)
    ((rss > peak)) && peak=$rss && echo "$peak" >"$work/rss_peak"
    sleep 0.1
done) &
pids+=("$!")

if [[ $JOBS == 1 ]]; then
    echo "two heavy jobs: $(post /api/screening/run/ '{"symbol":"BTC/USDT","timeframe":"1m","strategy":"all"}') \
$(post /api/backtest/run/ '{"symbol":"BTC/USDT","timeframe":"1m","strategy":"sma_cross"}')"
fi

# Two clients asking for 100,000 rows of indicators each, cycling through column sets so that
# the cache both hits and computes.
sets=("rsi_14,macd" "sma_21,bb_upper" "atr_14,obv" "ema_14,stoch_k" "cci_20,mfi_14")
for c in 0 1; do
    (i=$c; while :; do
        curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "$jar" \
            "$base/api/indicators/sample/BTC-USDT/1m/?limit=100000&indicators=${sets[$((i % 5))]}" \
            >>"$work/indicators.txt"
        i=$((i + 1))
    done) &
    pids+=("$!")
done
sleep 2

echo "wrk -t2 -c$CONNS -d${DURATION}s on /api/health/ ..."
wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency --timeout 10s "$base/api/health/" >"$work/wrk.txt"
cat "$work/wrk.txt"

echo "--- summary ---"
awk '/^ +50%/ {print "health p50:", $2} /^ +99%/ {print "health p99:", $2}
     /Latency +[0-9]/ {print "health max:", $4} /Requests\/sec/ {print "health req/s:", $2}
     /Socket errors|Non-2xx/ {print}' "$work/wrk.txt"
grep -q 'Socket errors\|Non-2xx' "$work/wrk.txt" || echo "wrk errors: none"
awk '{n++; if ($1 != 200) bad++; t += $2} END {printf "indicator requests: %d (%d not 200), mean %.2f s\n", n, bad, n ? t / n : 0}' \
    "$work/indicators.txt"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (other processes included)"
echo "jobs: $(curl -sf -b "$jar" "$base/api/jobs/" | python3 -c 'import json,sys; print(", ".join(j["job_type"] + " " + j["status"] for j in json.load(sys.stdin)))')"
echo "peak RSS: $(( $(cat "$work/rss_peak") / 1024 )) MiB (cache budget ${CACHE_MB} MiB, series ${BARS} bars)"
