#!/usr/bin/env bash
# Per-operation cost of field encryption: AES-256-GCM encrypt + decrypt of a 40-character value, and a blind index.
# Usage: bench/field-encryption.sh   (builds the tests once, then runs the one benchmark test and prints ns/op)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Spona.Tests -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet test tests/Spona.Tests --no-build --filter "Category=Benchmark" --logger "console;verbosity=detailed" 2>&1 | grep -E "ns/op|Passed!|Failed!"
