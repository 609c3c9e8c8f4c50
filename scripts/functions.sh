#!/usr/bin/env bash
# The Functions app under the real Azure Functions host: `func start` when Core Tools is installed, else the host
# in FUNCTIONS_HOST_DIR (default ../shared/functions-host/bin next to the repo). Set-up, Azurite, a Release build,
# the bundled user API simulator (unless --api-url or UserApi__BaseUrl names one), then the host on --port (7071).
# Prints the base URL, the routes and a function key, then the host's log from then on (the start-up log stays in
# .functions/host.log); Ctrl+C stops what it started.
#   scripts/functions.sh [--port P] [--api-url URL]
#   scripts/functions.sh upload FILE [NAME]   -> uploads to Azurite's articles container and delivers the
#                                               BlobCreated event to the running host, as Event Grid does in Azure
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
state="$root/.functions"
app="$root/src/Functions/bin/Release/net10.0"

upload() {
  local file="${1:-}" name="${2:-}"
  [ -n "$file" ] && [ -f "$file" ] || { echo "usage: $0 upload FILE [NAME]  (FILE must exist)" >&2; exit 2; }
  [ -f "$state/host.env" ] || { echo "functions: no running host found ($state/host.env); start it with scripts/functions.sh first." >&2; exit 1; }
  # Azurite takes Shared Key auth with its well-known development account key; python3's stdlib signs it.
  python3 - "$state/host.env" "$file" "${name:-$(basename "$file")}" <<'PY'
import base64, datetime, hashlib, hmac, json, sys, urllib.error, urllib.parse, urllib.request, uuid
env = dict(line.strip().split("=", 1) for line in open(sys.argv[1]) if "=" in line)
path, name = sys.argv[2], sys.argv[3]
account = "devstoreaccount1"
key = base64.b64decode("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==")
blob_url = f"http://127.0.0.1:10000/{account}/articles/{urllib.parse.quote(name)}"

def call(method, url, body=b"", headers=None, query=None):
    headers = {"x-ms-date": datetime.datetime.now(datetime.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT"),
               "x-ms-version": "2021-12-02", **(headers or {})}
    canonical_headers = "".join(f"{k}:{v}\n" for k, v in sorted(headers.items()) if k.startswith("x-ms-"))
    resource = f"/{account}{urllib.parse.urlparse(url).path}" + "".join(f"\n{k}:{v}" for k, v in sorted((query or {}).items()))
    to_sign = "\n".join([method, "", "", str(len(body)) if body else "", "", headers.get("Content-Type", ""), "", "", "", "", "", ""]) + "\n" + canonical_headers + resource
    headers["Authorization"] = f"SharedKey {account}:" + base64.b64encode(hmac.new(key, to_sign.encode(), hashlib.sha256).digest()).decode()
    full = url + ("?" + urllib.parse.urlencode(query) if query else "")
    return urllib.request.urlopen(urllib.request.Request(full, data=body if method == "PUT" else None, method=method, headers=headers))

try:
    call("PUT", f"http://127.0.0.1:10000/{account}/articles", headers={"Content-Type": "application/octet-stream"}, query={"restype": "container"})
except urllib.error.HTTPError as e:
    if e.code != 409: raise
content = open(path, "rb").read()
md5 = call("PUT", blob_url, content, {"x-ms-blob-type": "BlockBlob", "Content-Type": "text/plain"}).headers.get("Content-MD5")
print(f"uploaded {path} -> articles/{name} ({len(content)} bytes)")
# The run id the app gives an upload: article-<SHA-256 of the name>-<the service's MD5 of the content>, 16 hex digits each.
run_id = f"article-{hashlib.sha256(name.encode()).hexdigest()[:16]}-{base64.b64decode(md5).hex()[:16]}" if md5 else None

event = [{"id": str(uuid.uuid4()), "eventType": "Microsoft.Storage.BlobCreated", "subject": f"/blobServices/default/containers/articles/blobs/{name}",
          "eventTime": datetime.datetime.now(datetime.timezone.utc).isoformat(), "dataVersion": "", "metadataVersion": "1",
          "topic": f"/subscriptions/local/resourceGroups/local/providers/Microsoft.Storage/storageAccounts/{account}",
          "data": {"api": "PutBlob", "url": blob_url, "contentType": "text/plain", "contentLength": len(content), "blobType": "BlockBlob"}}]
webhook = f"{env['base']}/runtime/webhooks/blobs?functionName=Host.Functions.ArticleUploaded&code={urllib.parse.quote(env['blobs_key'])}"
request = urllib.request.Request(webhook, data=json.dumps(event).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "aeg-event-type": "Notification"})
try:
    with urllib.request.urlopen(request) as response:
        print(f"BlobCreated delivered to the host: HTTP {response.status}")
    if run_id:
        print(f"run: {run_id}  (status: GET {env['base']}/api/runs/{run_id}; the same content again is not analysed again)")
except urllib.error.HTTPError as e:
    sys.exit(f"functions: the host refused the BlobCreated event: HTTP {e.code} {e.read().decode(errors='replace')}")
PY
}

if [ "${1:-}" = "upload" ]; then shift; upload "$@"; exit; fi

port=7071
api_url="${UserApi__BaseUrl:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --api-url) api_url="$2"; shift 2 ;;
    *) echo "usage: $0 [--port P] [--api-url URL] | upload FILE [NAME]" >&2; exit 2 ;;
  esac
done

host_dir="${FUNCTIONS_HOST_DIR:-$root/../shared/functions-host/bin}"
if command -v func >/dev/null; then
  mode=func
elif [ -f "$host_dir/Microsoft.Azure.WebJobs.Script.WebHost.dll" ]; then
  mode=host; host_dir="$(cd "$host_dir" && pwd)"
else
  echo "functions: no Functions host: install Core Tools v4 (npm i -g azure-functions-core-tools@4, see https://learn.microsoft.com/azure/azure-functions/functions-run-local), or set FUNCTIONS_HOST_DIR to a host build." >&2
  exit 1
fi

source "$root/scripts/lib.sh"
prepare
# lib.sh's EXIT trap stops Azurite when it started it; keep it and run it after stopping ours.
eval "set -- $(trap -p EXIT)"; azurite_exit="${3:-}"
dotnet build src/Functions -c Release --no-restore -nologo -clp:ErrorsOnly

mkdir -p "$state/secrets"
pids=()
stop_all() {
  trap - EXIT INT TERM
  # The host first (SIGTERM lets it drain, ~15 s), then its process group (the worker is its child), then the rest.
  if [ -n "${host_pid:-}" ] && kill -0 "$host_pid" 2>/dev/null; then
    echo "functions: stopping the host (it drains for up to ~15 s)"
    kill -TERM "$host_pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$host_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 -- "-$host_pid" 2>/dev/null || true
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -f "$state/host.env"
  eval "$azurite_exit"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

if [ -z "$api_url" ]; then
  sim_log="$state/simulator.log"
  dotnet build src/Simulator -c Release --no-restore -nologo -clp:ErrorsOnly
  dotnet src/Simulator/bin/Release/net10.0/Serverless.Simulator.dll --port 0 --latency-ms 200 --limit 20 >"$sim_log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do api_url="$(head -n 1 "$sim_log" | grep -o 'http://[^ ]*' || true)"; [ -n "$api_url" ] && break; sleep 0.1; done
  [ -n "$api_url" ] || { echo "functions: the simulator did not start; see $sim_log" >&2; cat "$sim_log" >&2; exit 1; }
  echo "simulator: $api_url (latency 200 ms, limit 20; log $sim_log)"
fi

# Keys the host reads from files (it writes them with a UTF-8 BOM); made once, kept across starts.
keys="$state/secrets/host.json"
[ -f "$keys" ] || python3 - "$keys" "127.0.0.1:$port" <<'PY'
import json, secrets, sys
key = lambda name: {"name": name, "value": secrets.token_urlsafe(32), "encrypted": False}
json.dump({"masterKey": key("master"), "functionKeys": [key("default")], "systemKeys": [key("blobs_extension")],
           "hostName": sys.argv[2], "instanceId": "local", "source": "runtime", "decryptionKeyId": ""}, open(sys.argv[1], "w"))
PY
read_key() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1],encoding="utf-8-sig")); print(next(k["value"] for k in d[sys.argv[2]] if k["name"]==sys.argv[3]))' "$keys" "$@"; }
function_key="$(read_key functionKeys default)"
blobs_key="$(read_key systemKeys blobs_extension)"

# As func does: local.settings.json Values become environment variables, unless the environment already has them.
settings=()
while IFS= read -r -d '' pair; do
  name="${pair%%=*}"
  if ! printenv "$name" >/dev/null; then settings+=("$pair"); fi
done < <(python3 -c 'import json,sys; [print(f"{k}={v}", end="\0") for k,v in json.load(open(sys.argv[1]))["Values"].items()]' local.settings.json)

log="$state/host.log"
: >"$log"
if [ "$mode" = func ]; then
  # func runs the built output (its local.settings.json is copied there); it does not check keys locally.
  (cd "$app" && exec setsid env -u CONTAINER_NAME "${settings[@]}" UserApi__BaseUrl="$api_url" func start --port "$port") >"$log" 2>&1 &
else
  (cd "$host_dir" && exec setsid env -u CONTAINER_NAME "${settings[@]}" \
    UserApi__BaseUrl="$api_url" \
    AzureWebJobsScriptRoot="$app" "languageWorkers__dotnet-isolated__workerDirectory=$app" \
    AzureWebJobsSecretStorageType=files FUNCTIONS_SECRETS_PATH="$state/secrets" \
    AZURE_FUNCTIONS_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development \
    AzureFunctionsJobHost__Logging__Console__IsEnabled=true \
    WEBSITE_HOSTNAME="127.0.0.1:$port" ASPNETCORE_URLS="http://127.0.0.1:$port" \
    dotnet Microsoft.Azure.WebJobs.Script.WebHost.dll) >"$log" 2>&1 &
fi
host_pid=$!

echo "functions: starting the host ($mode) on port $port; log $log"
for _ in $(seq 1 1200); do
  grep -q 'Job host started' "$log" && break
  kill -0 "$host_pid" 2>/dev/null || { echo "functions: the host exited at start; see $log" >&2; tail -n 40 "$log" >&2; exit 1; }
  sleep 0.1
done
grep -q 'Job host started' "$log" || { echo "functions: the host did not start within 120 s; see $log" >&2; exit 1; }
# It logs that a moment before it takes the port.
for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

base="http://127.0.0.1:$port"
printf 'base=%s\nblobs_key=%s\n' "$base" "$blobs_key" >"$state/host.env"
# The banner comes after the host's start-up log, which stays in the file: only lines logged from here on are shown, so
# the key is not scrolled away by the start-up log.
shown="$(wc -c <"$log")"
echo "functions: the host's start-up log is in $log"
echo
echo "Functions host ready: $base  (user API: $api_url)"
echo "function key: $function_key   (send as header x-functions-key, or ?code=)"
python3 - "$app/functions.metadata" "$base" <<'PY'
import json, sys
for f in json.load(open(sys.argv[1])):
    for b in f["bindings"]:
        if b.get("type") == "httpTrigger":
            print(f"  {'/'.join(m.upper() for m in b.get('methods', [])):<5} {sys.argv[2]}/api/{b['route']}")
PY
echo "  upload an article: scripts/functions.sh upload FILE [NAME]"
echo "Ctrl+C stops the host, the simulator and what else this script started."
echo
tail -c +"$((shown + 1))" -f "$log" &
pids+=($!)
wait "$host_pid" || true
