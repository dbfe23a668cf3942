#!/usr/bin/env bash
# Issue 8 / ADR 0017, 0025: the fixed cost of an authenticated API request. `GET /api/v1/roles` (reads no data) with an
# API token against a bare `dotnet new web` app's `GET /`, both published the same way (ReadyToRun,
# framework-dependent), measured in the same run with the same wrk line on loopback, after a warm-up of each (bench/lib.sh).
# Goal: Spona >= 1/3 of bare. SQLite by default; PostgreSQL with SPONA_BENCH_POSTGRES (bench/lib.sh).
# Usage: bench/api-roles.sh [duration, default 20s]
source "$(dirname "$0")/lib.sh"
duration=${1:-20s}
publish_spona
dotnet new web -o "$work/bare-src" -n Bare --no-restore >/dev/null
dotnet publish "$work/bare-src" "${publish_args[@]}" -o "$work/bare"
stop_build_servers
prepare_database
make_token
sp=$(free_port); bp=$(free_port)
RateLimits__ApiPerMinute=100000000 Logging__LogLevel__Default=Warning spawn dotnet "$work/spona/spona.dll" --urls "http://127.0.0.1:$sp" >"$work/spona.log" 2>&1
Logging__LogLevel__Default=Warning spawn dotnet "$work/bare/Bare.dll" --urls "http://127.0.0.1:$bp" >"$work/bare.log" 2>&1
wait_ready "http://127.0.0.1:$sp/health/live"
wait_ready "http://127.0.0.1:$bp/"
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $token" "http://127.0.0.1:$sp/api/v1/roles")
[ "$status" = 200 ] || { echo "GET /api/v1/roles answered $status" >&2; exit 1; }
run() { wrk -t2 -c16 -d"$2" --latency "${@:3}" "$1"; }
run "http://127.0.0.1:$bp/" "$warmup" >/dev/null
run "http://127.0.0.1:$sp/api/v1/roles" "$warmup" -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $token" >/dev/null
echo "== bare ASP.NET Core (dotnet new web), GET /"
echo "wrk -t2 -c16 -d$duration --latency http://127.0.0.1:PORT/"
bare=$(run "http://127.0.0.1:$bp/" "$duration" | tee /dev/stderr | rate)
echo "== Spona, GET /api/v1/roles with an API token (${Database__Provider:-Sqlite})"
echo "wrk -t2 -c16 -d$duration --latency -H 'X-Forwarded-Proto: https' -H 'Authorization: Bearer \$TOKEN' http://127.0.0.1:PORT/api/v1/roles"
spona_rate=$(run "http://127.0.0.1:$sp/api/v1/roles" "$duration" -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $token" | tee /dev/stderr | rate)
echo "bare: $bare req/s; spona /api/v1/roles: $spona_rate req/s; ratio: $(python3 -c "print(f'{$spona_rate / $bare:.3f}')") (goal >= 0.333)"
