#!/usr/bin/env bash
# Issue 8 / ADR 0019: the cost of auditing reads. `GET /api/v1/users/{id}` (an audited read of an account: one read
# entry per request, sealed into the hash chain by the group commit that writes it, ADR 0017) with an API token,
# measured on the same published build (ReadyToRun, framework-dependent) and the same database twice in one run: with
# read auditing (the default) and with `Audit__RecordReads=false` (a benchmark-only switch that logs a warning).
# 16 clients, wrk on loopback, after a warm-up of each (bench/lib.sh). Goal: audited >= 70 % of unaudited.
# SQLite by default; PostgreSQL with SPONA_BENCH_POSTGRES (bench/lib.sh).
# Usage: bench/audited-read.sh [duration, default 20s]
source "$(dirname "$0")/lib.sh"
duration=${1:-20s}
publish_spona
stop_build_servers
prepare_database
make_token
base="http://127.0.0.1:$(free_port)"
start() {
  stop_spawned
  Audit__RecordReads=$1 RateLimits__ApiPerMinute=100000000 Logging__LogLevel__Default=Warning \
    spawn dotnet "$work/spona/spona.dll" --urls "$base" >>"$work/spona.log" 2>&1
  wait_ready "$base/health/live"
}
get() { curl -s -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $token" "$@"; }
start true
id=$(get "$base/api/v1/users?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
url="$base/api/v1/users/$id"
status=$(get -o /dev/null -w '%{http_code}' "$url")
[ "$status" = 200 ] || { echo "GET /api/v1/users/{id} answered $status" >&2; exit 1; }
declare -A result
for reads in false true; do
  start "$reads"
  wrk -t2 -c16 -d"$warmup" -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $token" "$url" >/dev/null
  echo "== Audit:RecordReads=$reads (${Database__Provider:-Sqlite}): wrk -t2 -c16 -d$duration --latency -H 'X-Forwarded-Proto: https' -H 'Authorization: Bearer \$TOKEN' http://127.0.0.1:PORT/api/v1/users/ID"
  result[$reads]=$(wrk -t2 -c16 -d"$duration" --latency -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $token" "$url" | tee /dev/stderr | rate)
done
stop_spawned
echo "reads off: ${result[false]} req/s; reads audited: ${result[true]} req/s; ratio: $(python3 -c "print(f'{${result[true]} / ${result[false]}:.3f}')") (goal >= 0.70)"
