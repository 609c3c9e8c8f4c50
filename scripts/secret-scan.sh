#!/usr/bin/env bash
# Fails when a file looks like it holds an Azure credential: a storage account key (AccountKey=…, or any
# bare 88-character base64 string ending in ==), a SAS signature, a SharedAccessKey, an Application Insights
# InstrumentationKey GUID. Azurite's published development key and UseDevelopmentStorage=true are allowed.
#   scripts/secret-scan.sh          scans the repository's tracked files (git ls-files)
#   scripts/secret-scan.sh DIR      scans DIR (its tracked files if it is a git work tree, else every file)
# Prints file:line and the kind of finding, never the secret itself.
set -euo pipefail
target="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
exec python3 - "$target" <<'PY'
import os, re, subprocess, sys

root = os.path.abspath(sys.argv[1])

# Azurite's well-known account key: public, documented, and what local.settings-style strings use.
ALLOWED = {"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="}
ZERO_GUID = "00000000-0000-0000-0000-000000000000"
GUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

RULES = [
    ("storage account key (AccountKey=)", re.compile(r"AccountKey\s*=\s*([A-Za-z0-9+/]{20,}={0,2})")),
    ("shared access key (SharedAccessKey=)", re.compile(r"SharedAccessKey\s*=\s*([A-Za-z0-9+/]{20,}={0,2})")),
    ("SAS in a connection string (SharedAccessSignature=)", re.compile(r"SharedAccessSignature\s*=\s*([^;\s\"']{10,})")),
    ("SAS token signature (sig=)", re.compile(r"[?&]sig=([A-Za-z0-9%+/=]{20,})")),
    ("Application Insights key (InstrumentationKey=)", re.compile(r"InstrumentationKey\s*=\s*(" + GUID + ")")),
    # A storage account key is 64 random bytes: 88 base64 characters ending in ==. Package-lock integrity
    # hashes (sha512-…) have the same shape and are skipped.
    ("88-character base64 string (storage account key shape)",
     re.compile(r"(?<![A-Za-z0-9+/=-])(?<!sha512-)([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])")),
]

def files():
    inside_git = subprocess.run(["git", "-C", root, "rev-parse", "--show-toplevel"],
                                capture_output=True, text=True)
    if inside_git.returncode == 0:
        listed = subprocess.run(["git", "-C", root, "ls-files", "-z"], capture_output=True, check=True).stdout
        for name in listed.decode().split("\0"):
            if name:
                yield name
    else:
        for folder, _, names in os.walk(root):
            for name in names:
                yield os.path.relpath(os.path.join(folder, name), root)

def allowed(value):
    return value in ALLOWED or value == ZERO_GUID

findings = 0
for name in files():
    path = os.path.join(root, name)
    if not os.path.isfile(path):
        continue  # deleted in the work tree, or a submodule
    with open(path, "rb") as f:
        data = f.read()
    if b"\0" in data[:8192]:
        continue  # binary
    for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        for kind, pattern in RULES:
            for match in pattern.finditer(line):
                if not allowed(match.group(1)):
                    print(f"{name}:{number}: {kind}")
                    findings += 1

if findings:
    print(f"secret-scan: {findings} finding(s) under {root}. Remove the secret (and rotate it if it was real); "
          "use identity-based connections or local.settings.user.json (ignored) instead.", file=sys.stderr)
    sys.exit(1)
print(f"secret-scan: no secrets in {root}")
PY
