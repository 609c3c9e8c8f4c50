#!/usr/bin/env bash
# The main job: set-up, Azurite, then the local runner on the durable engine
#  1. fetches 50 users (cap 20) from the bundled API simulator,
#  2. uploads samples/articles and extracts their terminology,
# and prints where the results are. Stops what it started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
prepare
dotnet build src/Local -c Release --no-restore -nologo -clp:ErrorsOnly
runner="src/Local/bin/Release/net10.0/Serverless.Local"
"$runner" users --count 50 "$@"
"$runner" articles --input samples/articles
