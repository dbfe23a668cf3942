#!/usr/bin/env bash
# Issue 8 / ADR 0017: the fixed cost of an authenticated API request. `GET /api/v1/roles` (reads no data) with an API
# token against a bare `dotnet new web` app's `GET /`, both published the same way (ReadyToRun, framework-dependent),
# measured in the same run with the same wrk line on loopback, after a 5 s warm-up each. Goal: Spona >= 1/3 of bare.
# SQLite by default; set SPONA_BENCH_POSTGRES to an Npgsql connection string WITHOUT Database= to run on PostgreSQL
# (a database spona_bench_<pid> is created by `spona migrate` and dropped at the end with psql if available).
# Usage: bench/api-roles.sh [duration, default 20s]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20s}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
publish=(-c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -nologo -v quiet -clp:ErrorsOnly)
dotnet publish src/Spona.Web "${publish[@]}" -o "$work/spona"
dotnet new web -o "$work/bare-src" -n Bare --no-restore >/dev/null
dotnet publish "$work/bare-src" "${publish[@]}" -o "$work/bare"
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
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
sp=$(port); bp=$(port)
RateLimits__ApiPerMinute=100000000 Logging__LogLevel__Default=Warning dotnet "$work/spona/spona.dll" --urls "http://127.0.0.1:$sp" >"$work/spona.log" 2>&1 &
pids+=($!)
Logging__LogLevel__Default=Warning dotnet "$work/bare/Bare.dll" --urls "http://127.0.0.1:$bp" >"$work/bare.log" 2>&1 &
pids+=($!)
for url in "http://127.0.0.1:$sp/health/live" "http://127.0.0.1:$bp/"; do
  for _ in $(seq 300); do curl -sf -o /dev/null -H 'X-Forwarded-Proto: https' "$url" && break; sleep 0.1; done
done
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $token" "http://127.0.0.1:$sp/api/v1/roles")
[ "$status" = 200 ] || { echo "GET /api/v1/roles answered $status" >&2; exit 1; }
run() { wrk -t2 -c16 -d"$2" --latency "${@:3}" "$1"; }
rate() { awk '/Requests\/sec/ {print $2}'; }
run "http://127.0.0.1:$bp/" 5s >/dev/null
run "http://127.0.0.1:$sp/api/v1/roles" 5s -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $token" >/dev/null
echo "== bare ASP.NET Core (dotnet new web), GET /"
echo "wrk -t2 -c16 -d$duration --latency http://127.0.0.1:PORT/"
bare=$(run "http://127.0.0.1:$bp/" "$duration" | tee /dev/stderr | rate)
echo "== Spona, GET /api/v1/roles with an API token (${Database__Provider:-Sqlite})"
echo "wrk -t2 -c16 -d$duration --latency -H 'X-Forwarded-Proto: https' -H 'Authorization: Bearer \$TOKEN' http://127.0.0.1:PORT/api/v1/roles"
spona_rate=$(run "http://127.0.0.1:$sp/api/v1/roles" "$duration" -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $token" | tee /dev/stderr | rate)
echo "bare: $bare req/s; spona /api/v1/roles: $spona_rate req/s; ratio: $(python3 -c "print(f'{$spona_rate / $bare:.3f}')") (goal >= 0.333)"
if [ -n "${SPONA_BENCH_POSTGRES:-}" ] && command -v psql >/dev/null; then
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=()
  psql "$(python3 -c "import sys; print(' '.join(p.replace('Host','host').replace('Port','port').replace('Username','user') for p in sys.argv[1].split(';') if p.split('=')[0] in ('Host','Port','Username')))" "$SPONA_BENCH_POSTGRES") dbname=postgres" -qc "DROP DATABASE IF EXISTS spona_bench_$$" || true
fi
