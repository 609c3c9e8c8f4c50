#!/usr/bin/env bash
# All tests: set-up, Azurite, the whole xunit suite, then stops what it started.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# This machine sets CONTAINER_NAME, which makes Durable components believe they run on Linux Consumption.
unset CONTAINER_NAME
scripts/setup.sh
scripts/azurite.sh start
trap 'scripts/azurite.sh stop' EXIT
# The in-process engines size their dispatchers by the processor count; 2 cores make them stall.
export DOTNET_PROCESSOR_COUNT="${DOTNET_PROCESSOR_COUNT:-8}"
mkdir -p artifacts/test-results
dotnet test Serverless.sln -c Release --no-restore \
  --logger "console;verbosity=normal" --logger "trx;LogFileName=tests.trx" \
  --results-directory artifacts/test-results "$@"
