#!/usr/bin/env bash
# The one test command (README). Builds with warnings as errors, starts a throw-away PostgreSQL cluster from this
# machine's own binaries, installs Debian's Chromium if it is missing, runs every test suite on SQLite and on
# PostgreSQL, then the browser journeys, and ends with one line: "N passed, N failed[, N skipped]".
# Nothing is skipped silently: if PostgreSQL or Chromium cannot be provided, the run fails and says why.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
artifacts=$root/.test-artifacts
rm -rf "$artifacts"
mkdir -p "$artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export SPONA_TEST_ARTIFACTS=$artifacts

fail() {
  echo "test.sh: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

# --- PostgreSQL: a cluster of its own in a temporary folder, on a free loopback port --------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || fail "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (install the 'postgresql' package)."
pg_dir=$(mktemp -d /tmp/spona-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
run_pg=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: run it as the 'postgres' system user (created if the package did not).
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  chown postgres "$pg_dir"
  run_pg=(runuser -u postgres --)
fi
cleanup() {
  "${run_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap cleanup EXIT
"${run_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U spona --auth=trust -E UTF8 --locale=C.UTF-8 >"$artifacts/initdb.log" 2>&1 \
  || fail "initdb failed: $(tail -n 3 "$artifacts/initdb.log")"
"${run_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c full_page_writes=off" start >/dev/null \
  || fail "PostgreSQL did not start: $(tail -n 5 "$pg_dir/server.log")"
export SPONA_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=spona;Database=postgres;Timeout=30;Command Timeout=120"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

# --- Chromium for the journeys, LibreOffice to open generated documents: Debian's packages, never a download --------
# Installed in the background while the build runs; the suites wait for it.
apt_pid=
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || fail "${missing[*]} missing and only root can install: apt-get install -y --no-install-recommends ${missing[*]}"
  echo "Installing ${missing[*]} from Debian's packages (in the background)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >"$artifacts/apt.log" 2>&1 &
  apt_pid=$!
fi

# --- Build once; warnings are errors ---------------------------------------------------------------------------------
dotnet build Spona.slnx -c Release -nologo -v quiet -clp:ErrorsOnly || fail "the build failed."

if [ -n "$apt_pid" ]; then
  wait "$apt_pid" || fail "apt-get install ${missing[*]} failed: $(tail -n 3 "$artifacts/apt.log")"
fi
command -v chromium >/dev/null 2>&1 || fail "chromium is still missing after apt-get install"
command -v soffice >/dev/null 2>&1 || fail "soffice (LibreOffice) is still missing after apt-get install"
export SPONA_CHROMIUM=$(command -v chromium) SPONA_SOFFICE=$(command -v soffice)

# --- Suites -------------------------------------------------------------------------------------------------------------
suite_failed=0
run_suite() { # name project [env...]
  local name=$1 project=$2
  shift 2
  echo "== $name"
  # Benchmarks (Category=Benchmark) measure time on a quiet machine: they run from bench/, not here.
  if ! env "$@" dotnet test "$project" -c Release --no-build --nologo --filter "Category!=Benchmark" \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$artifacts"; then
    suite_failed=1
  fi
}
run_suite sqlite tests/Spona.Tests SPONA_TEST_PROVIDER=Sqlite
run_suite postgres tests/Spona.Tests SPONA_TEST_PROVIDER=Postgres
run_suite browser tests/Spona.EndToEndTests

# --- One line that totals every suite --------------------------------------------------------------------------------
passed=0 failed=0 skipped=0
for name in sqlite postgres browser; do
  trx=$artifacts/$name.trx
  if [ ! -f "$trx" ]; then
    echo "$name: no results (the test host crashed?)"
    failed=$((failed + 1))
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(get passed) f=$(get failed) t=$(get total) e=$(get executed)
  s=$((t - e))
  echo "$name: $p passed, $f failed, $s skipped"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done
if [ "$suite_failed" = 1 ] && [ "$failed" = 0 ]; then
  failed=1 # a suite failed without a failing test (crash, timeout): never report green
fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
