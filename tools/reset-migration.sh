#!/usr/bin/env bash
# Removes the newest migration NAME from both providers and restores the model snapshots to the given commit,
# so that tools/add-migration.sh can make one migration again (used while a change is still unmerged).
# Usage: tools/reset-migration.sh NAME COMMIT
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1 commit=$2
for provider in Sqlite Postgres; do
  rm -f src/Spona.Migrations.$provider/Migrations/*_"$name".cs src/Spona.Migrations.$provider/Migrations/*_"$name".Designer.cs
  git checkout "$commit" -- src/Spona.Migrations.$provider/Migrations/AppDbContextModelSnapshot.cs
done
echo "Removed migration $name; snapshots as of $commit."
