#!/usr/bin/env bash
# Adds a migration NAME to both providers' migrations projects.
# The generated [DbContext(typeof(AppDbContext))] attributes are rewritten to each project's marker type, because the
# migrations projects cannot reference the web project (docs/adr/0003-migrations-projects.md).
set -euo pipefail
name=${1:?usage: tools/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project=src/Spona.Migrations.$provider
  SPONA_MIGRATIONS_PROVIDER=$provider dotnet ef migrations add "$name" \
    --project "$project" --startup-project src/Spona.Web \
    --output-dir Migrations --namespace "Spona.Migrations.$provider.Migrations" \
    --context AppDbContext
  # EF places a first snapshot in a folder named after the namespace; keep everything in Migrations/.
  find "$project" -path "$project/Migrations" -prune -o -name '*ModelSnapshot.cs' -print | while read -r snapshot; do
    mv "$snapshot" "$project/Migrations/"
  done
  find "$project" -mindepth 1 -type d -empty -not -path '*/obj/*' -not -path '*/bin/*' -delete
  for file in "$project"/Migrations/*.cs; do
    sed -i \
      -e "s/typeof(AppDbContext)/typeof(Spona.Migrations.$provider.${provider}MigrationsMarker)/" \
      -e '/^using Spona\.Web/d' \
      "$file"
  done
done
echo "Added migration $name for SQLite and PostgreSQL."
