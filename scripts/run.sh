#!/usr/bin/env bash
# The main job: set-up, Azurite, then the local runner fetches 50 users (cap 20) from the bundled API simulator
# on the durable engine and prints where the results are. Extra arguments go to `users`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
unset CONTAINER_NAME
scripts/setup.sh
source scripts/lib.sh
with_azurite
dotnet run --project src/Local -c Release --no-restore -- users --count 50 "$@"
