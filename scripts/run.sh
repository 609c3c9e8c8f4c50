#!/usr/bin/env bash
# The main job: set-up, Azurite, then the local runner on the durable engine
#  1. fetches 50 users (cap 20) from the bundled API simulator,
#  2. uploads samples/articles and extracts their terminology,
# and prints where the results are. Stops what it started.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
unset CONTAINER_NAME
scripts/setup.sh
source scripts/lib.sh
with_azurite
dotnet build src/Local -c Release --no-restore -v q -nologo >/dev/null
runner="src/Local/bin/Release/net10.0/Serverless.Local"
"$runner" users --count 50 "$@"
"$runner" articles --input samples/articles
