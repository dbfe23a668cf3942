#!/usr/bin/env bash
# Issue 8 / ADR 0019: the cost of auditing reads. `GET /api/v1/users/{id}` (an audited read of an account: one read
# entry per request, written in the request's transaction and sealed into the chain by the sealer) with an API token,
# measured on the same published build (ReadyToRun, framework-dependent) and the same database twice in one run: with
# read auditing (the default) and with `Audit__RecordReads=false` (a benchmark-only switch that logs a warning).
# 16 clients, wrk on loopback, after a 5 s warm-up each. Goal: audited >= 70 % of unaudited.
# SQLite by default; set SPONA_BENCH_POSTGRES to an Npgsql connection string WITHOUT Database= to run on PostgreSQL
# (a database spona_bench_<pid> is created by `spona migrate` and dropped at the end with psql if available).
# Usage: bench/audited-read.sh [duration, default 20s]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20s}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
publish=(-c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -nologo -v quiet -clp:ErrorsOnly)
dotnet publish src/Spona.Web "${publish[@]}" -o "$work/spona"
dotnet build-server shutdown >/dev/null 2>&1 || true # build servers would compete for the two cores
export DataDirectory=$work/data
mkdir -p "$DataDirectory"
if [ -n "${SPONA_BENCH_POSTGRES:-}" ]; then
  export Database__Provider=Postgres Database__ConnectionString="$SPONA_BENCH_POSTGRES;Database=spona_bench_$$"
fi
spona() { dotnet "$work/spona/spona.dll" "$@"; }
spona migrate >/dev/null
openssl rand -base64 24 > "$work/password" # random: a fixed phrase may be refused as too common
spona admin create --email bench@example.test --password-file "$work/password" >/dev/null
token=$(spona token create --email bench@example.test --name bench --expires-days 1 | grep -o 'spona_[0-9a-f]*_[A-Za-z0-9._-]*' | head -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
start() {
  Audit__RecordReads=$1 RateLimits__ApiPerMinute=100000000 Logging__LogLevel__Default=Warning \
    dotnet "$work/spona/spona.dll" --urls "$base" >>"$work/spona.log" 2>&1 &
  pids=($!)
  for _ in $(seq 300); do curl -sf -o /dev/null -H 'X-Forwarded-Proto: https' "$base/health/live" && break; sleep 0.1; done
}
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=(); }
get() { curl -s -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $token" "$@"; }
rate() { awk '/Requests\/sec/ {print $2}'; }
start true
id=$(get "$base/api/v1/users?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
url="$base/api/v1/users/$id"
status=$(get -o /dev/null -w '%{http_code}' "$url")
[ "$status" = 200 ] || { echo "GET /api/v1/users/{id} answered $status" >&2; exit 1; }
declare -A result
for reads in false true; do
  stop
  start "$reads"
  wrk -t2 -c16 -d5s -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $token" "$url" >/dev/null
  echo "== Audit:RecordReads=$reads (${Database__Provider:-Sqlite}): wrk -t2 -c16 -d$duration --latency -H 'X-Forwarded-Proto: https' -H 'Authorization: Bearer \$TOKEN' http://127.0.0.1:PORT/api/v1/users/ID"
  result[$reads]=$(wrk -t2 -c16 -d"$duration" --latency -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $token" "$url" | tee /dev/stderr | rate)
done
stop
echo "reads off: ${result[false]} req/s; reads audited: ${result[true]} req/s; ratio: $(python3 -c "print(f'{${result[true]} / ${result[false]}:.3f}')") (goal >= 0.70)"
if [ -n "${SPONA_BENCH_POSTGRES:-}" ] && command -v psql >/dev/null; then
  psql "$(python3 -c "import sys; print(' '.join(p.replace('Host','host').replace('Port','port').replace('Username','user') for p in sys.argv[1].split(';') if p.split('=')[0] in ('Host','Port','Username')))" "$SPONA_BENCH_POSTGRES") dbname=postgres" -qc "DROP DATABASE IF EXISTS spona_bench_$$" || true
fi
