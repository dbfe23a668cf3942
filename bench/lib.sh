# Shared by the throughput benchmarks (bench/api-roles.sh, bench/audited-read.sh); sourced, not run.
# After `source bench/lib.sh`: $work (a temporary folder, removed on exit with every process started through
# `spawn`), `publish_spona` (the ReadyToRun build in $work/spona), `prepare_database` (SQLite in $work/data, or
# PostgreSQL when SPONA_BENCH_POSTGRES is set: an Npgsql connection string WITHOUT Database=, a database
# spona_bench_<pid> made by `spona migrate` and dropped on exit), `make_token` (an administrator with a random
# password and an API token: $token), `free_port`, `spawn CMD...` (in the background, stopped on exit),
# `stop_spawned`, `wait_ready URL`, and `rate` (the req/s of wrk's output on stdin).
# Each measured process is first warmed up for $warmup (SPONA_BENCH_WARMUP, default 30s): on two busy cores the runtime
# needs 20-30 s to compile the hot paths at full optimisation, and an audited read costs 8 ms of CPU before that and
# 3 ms after (measured 2026-12-03), so a shorter warm-up measures the compiler, not the application.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work=$(mktemp -d)
warmup=${SPONA_BENCH_WARMUP:-30s}
pids=()
stop_spawned() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=(); }
drop_database() {
  if [ -n "${SPONA_BENCH_POSTGRES:-}" ] && command -v psql >/dev/null; then
    psql "$(python3 -c "import sys; print(' '.join(p.replace('Host','host').replace('Port','port').replace('Username','user') for p in sys.argv[1].split(';') if p.split('=')[0] in ('Host','Port','Username')))" "$SPONA_BENCH_POSTGRES") dbname=postgres" \
      -qc "DROP DATABASE IF EXISTS spona_bench_$$" || true
  fi
}
cleanup() { stop_spawned; drop_database; rm -rf "$work"; }
trap cleanup EXIT
publish_args=(-c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -nologo -v quiet -clp:ErrorsOnly)
publish_spona() {
  dotnet publish src/Spona.Web "${publish_args[@]}" -o "$work/spona"
}
# Build servers would compete for the two cores during the measurement.
stop_build_servers() { dotnet build-server shutdown >/dev/null 2>&1 || true; }
spona() { dotnet "$work/spona/spona.dll" "$@"; }
prepare_database() {
  export DataDirectory=$work/data
  mkdir -p "$DataDirectory"
  if [ -n "${SPONA_BENCH_POSTGRES:-}" ]; then
    export Database__Provider=Postgres Database__ConnectionString="$SPONA_BENCH_POSTGRES;Database=spona_bench_$$"
  fi
  spona migrate >/dev/null
}
make_token() {
  openssl rand -base64 24 > "$work/password" # random: a fixed phrase may be refused as too common
  spona admin create --email bench@example.test --password-file "$work/password" >/dev/null
  token=$(spona token create --email bench@example.test --name bench --expires-days 1 | grep -o 'spona_[0-9a-f]*_[A-Za-z0-9._-]*' | head -1)
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
spawn() { "$@" & pids+=($!); }
wait_ready() { for _ in $(seq 300); do curl -sf -o /dev/null -H 'X-Forwarded-Proto: https' "$1" && return 0; sleep 0.1; done; echo "$1 did not answer" >&2; return 1; }
rate() { awk '/Requests\/sec/ {print $2}'; }
