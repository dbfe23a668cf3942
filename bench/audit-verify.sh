#!/usr/bin/env bash
# Audit trail benchmarks (S7):
#  1. appends N synthetic entries (default 1,000,000) with a correct hash chain to a fresh SQLite database, through
#     the Development-only `spona audit generate-synthetic`, then times `spona audit verify` (whole chain + RFC 6962
#     root) and `spona audit verify --checkpoint` against a checkpoint of the full tree. Goal (issue 8): <= 3 s.
# The per-request cost of auditing is measured under load by bench/api-roles.sh (ADR 0017); the former per-write
# benchmark in the test project (which passed without measuring when SPONA_BENCH was unset) is gone.
# Usage: bench/audit-verify.sh [entries]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
dotnet build src/Spona.Web -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build-server shutdown >/dev/null 2>&1 || true
spona() { DOTNET_ENVIRONMENT=Development DataDirectory=$data dotnet src/Spona.Web/bin/Release/net10.0/spona.dll "$@"; }
spona migrate
spona audit generate-synthetic --count "$count"
echo "database: $(du -h "$data/spona.db" | cut -f1)"
start=$(date +%s%N)
spona audit verify
echo "wall time of 'spona audit verify' (process start included): $((($(date +%s%N) - start) / 1000000)) ms"
spona audit checkpoint >/dev/null
spona audit export-checkpoint --output "$data/checkpoints.jsonl"
start=$(date +%s%N)
spona audit verify --checkpoint "$data/checkpoints.jsonl"
echo "wall time of 'spona audit verify --checkpoint': $((($(date +%s%N) - start) / 1000000)) ms"
