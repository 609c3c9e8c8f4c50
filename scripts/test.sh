#!/usr/bin/env bash
# All tests: set-up, Azurite, the whole xunit suite, then stops what it started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
prepare
results="artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
status=0
dotnet test Serverless.sln -c Release --no-restore \
  --logger "console;verbosity=normal" --logger "trx;LogFileName=tests.trx" \
  --results-directory "$results" "$@" || status=$?
# One plain closing line for whoever reads the log last.
if [ -f "$results/tests.trx" ]; then
  python3 - "$results/tests.trx" <<'PY'
import re, sys
c = re.search(r'<Counters [^>]*', open(sys.argv[1]).read()).group(0)
n = {k: int(v) for k, v in re.findall(r'(\w+)="(\d+)"', c)}
passed, failed = n.get('passed', 0), n.get('failed', 0) + n.get('error', 0) + n.get('timeout', 0) + n.get('aborted', 0)
print(f"tests: {passed} passed, {failed} failed, {n.get('total', 0) - passed - failed} skipped")
# The console log prints a failure where it happens, often far above the tail a reader sees: name each one again here.
import xml.etree.ElementTree as ET
ns = {'t': 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010'}
for r in ET.parse(sys.argv[1]).getroot().iterfind('.//t:UnitTestResult', ns):
    if r.get('outcome') in ('Failed', 'Error', 'Timeout', 'Aborted'):
        message = r.findtext('.//t:Message', default='', namespaces=ns).strip().splitlines()
        print(f"failed: {r.get('testName')}")
        for line in message[:12]:
            print(f"  {line}")
PY
fi
exit $status
