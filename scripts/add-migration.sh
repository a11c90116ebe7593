#!/usr/bin/env bash
# Adds a migration for both databases after a model change: scripts/add-migration.sh AddTiers
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh <MigrationName>}"
cd "$(dirname "$0")/../src/Treu.Server"
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --context "${provider}TreuDbContext" \
    --output-dir "Storage/Migrations/$provider" --namespace "Treu.Server.Storage.Migrations.$provider"
  # The assembly is named "treu", so EF files the model snapshot under Treu/Server/…: put it back.
  if [[ -d Treu/Server/Storage/Migrations/$provider ]]; then
    mv Treu/Server/Storage/Migrations/$provider/*.cs "Storage/Migrations/$provider/"
  fi
done
rm -rf Treu design-time.db*
