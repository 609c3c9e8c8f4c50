#!/usr/bin/env bash
# The main job: set-up, Azurite, then the local runner's demo command on the durable engine, in one process:
#  1. fetches 50 users (cap 20) from the bundled API simulator (latency 200 ms, limit 20),
#  2. uploads samples/articles and extracts their terminology,
# and prints a summary (counts, wall time, ideal and ratio, where the results are) checked against the blobs written.
# Extra arguments go to demo (e.g. --users 200, --json). Stops what it started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
prepare
dotnet build src/Local -c Release --no-restore -nologo -clp:ErrorsOnly
runner="src/Local/bin/Release/net10.0/Serverless.Local"
"$runner" demo "$@"
