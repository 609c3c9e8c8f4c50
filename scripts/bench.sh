#!/usr/bin/env bash
# Every performance figure the README states, in one run: set-up, Azurite, one Release build, then bench/bench.py, which
# prints one markdown table (measure | baseline | this project | ratio | goal | machine) and writes artifacts/bench/bench.json.
# Arguments go to bench.py: --quick (tiny sizes, one run: checks the plumbing), --runs N, --only users,fanout,...,
# --update-readme (rewrites the README's table between the bench markers). Stops what it started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
prepare
dotnet build src/Local -c Release --no-restore -nologo -clp:ErrorsOnly
# The app the host measure runs under the Functions host.
dotnet build src/Functions -c Release --no-restore -nologo -clp:ErrorsOnly
python3 bench/bench.py "$@"
