#!/usr/bin/env bash
# Measures start-up to the first served page (the sign-in page) and idle memory (RSS) on the SQLite default, for
#  - "build": the framework-dependent build output, as `dotnet run` starts it (JIT only), and
#  - "publish": the ReadyToRun publish that the README's deployment section uses.
# Each run: a first start on an empty data folder (creates, migrates, seeds) and a second start on the same folder.
# Usage: bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
publish=$(mktemp -d)
trap 'rm -rf "$publish"' EXIT
dotnet build src/Spona.Web -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet publish src/Spona.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$publish" -nologo -v quiet -clp:ErrorsOnly
dotnet build-server shutdown >/dev/null 2>&1 || true # build servers would compete for the two cores
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
measure() { # data-dir command... -> prints "ms rss_kib"
  local data=$1 start pid ms rss tries=0
  shift
  start=$(date +%s%N)
  DataDirectory=$data "$@" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  pid=$!
  # As behind the TLS-terminating reverse proxy (loopback is a trusted proxy by default).
  until curl -sf -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$port/account/sign-in"; do
    tries=$((tries + 1))
    [ "$tries" -lt 3000 ] || { kill "$pid"; echo "no page after 60 s" >&2; exit 1; }
    sleep 0.02
  done
  ms=$((($(date +%s%N) - start) / 1000000))
  sleep 10
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$ms $rss"
}
for kind in build publish; do
  for i in $(seq "$runs"); do
    data=$(mktemp -d)
    if [ "$kind" = build ]; then
      cmd=(dotnet src/Spona.Web/bin/Release/net10.0/spona.dll)
    else
      cmd=("$publish/spona")
    fi
    read -r first_ms first_rss < <(measure "$data" "${cmd[@]}")
    read -r second_ms second_rss < <(measure "$data" "${cmd[@]}")
    rm -rf "$data"
    echo "$kind run $i: first start ${first_ms} ms (idle RSS $((first_rss / 1024)) MiB); second start ${second_ms} ms (idle RSS $((second_rss / 1024)) MiB)"
  done
done
