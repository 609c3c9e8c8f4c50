#!/usr/bin/env python3
"""Every performance figure docs/benchmarks.md states, in one run: one markdown table and artifacts/bench/bench.json.

Run it through scripts/bench.sh, which builds Release once and has Azurite running. Measures:
  users       user fetch at demo size (50 users, 200 ms, cap 20), default batching, both engines, against ideal and the Python seed
  fanout      user fetch at 1,000 users (100 ms, cap 50), batch 1 and default batching, against ideal and the Python seed; 10,000 users default
  throughput  engine throughput in trivial activities per second (latency 0), batch 1 against batch 50
  memory      100,000 users (1 ms, cap 200, batch 100, chunk 5,000): peak memory and largest history
  nlp         terminology engine on the Inspec validation abstracts: speed-up 1 vs N workers, orchestration overhead
  nlp-seed    the Python seed's ProcessPoolExecutor (bench/seed_nlp.py) against the runner over the same 40 abstracts
  scale       several Functions hosts on one task hub: 2,000 users (latency 0, cap 20) and 100 abstracts (1 worker per
              instance) on 1 vs 2 instances; skipped without a host
  host        user fetch through the real Functions host over HTTP (POST, then GET until Completed), default settings:
              50 users (200 ms, cap 20) and 1,000 users (100 ms, cap 50); skipped without func or the host build
Python baselines: bench/seed_fetch.py (ThreadPoolExecutor) and bench/seed_nlp.py (ProcessPoolExecutor). Figures are
medians of --runs runs; the runner's in-process repeats drop their first (start-up and JIT) run. --quick runs every
measure at tiny sizes once, to check the plumbing; its output says so and cannot go into the docs.
Data from the Inspec Database kindly supplied by The IET (read from ../shared/data/inspec, never copied into the repo).
Standard library only.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = "bin/Release/net10.0"
RUNNER = ROOT / "src/Local" / BIN / "Serverless.Local"
SIMULATOR = ROOT / "src/Simulator" / BIN / "Serverless.Simulator"
DEFAULT_DATA = ROOT.parent / "shared/data/inspec/Validation.zip"
OUT = ROOT / "artifacts/bench"
MEASURES = ("users", "fanout", "throughput", "memory", "nlp", "nlp-seed", "host", "scale")
FUNCTIONS_APP = ROOT / "src/Functions" / BIN
HOST_DIR = Path(os.environ.get("FUNCTIONS_HOST_DIR") or ROOT.parent / "shared/functions-host/bin")
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
BENCH_DOC = ROOT / "docs" / "benchmarks.md"
# A runner process's 50-user runs keep getting faster over its first dozen (tiered compilation): in four series of 25 runs on
# fresh stores, runs 2-8 had medians of 0.75-0.78 s and runs 9-25 0.73-0.74 s, and medians of 7 moved by 0.03 s between
# series. Short runs take at least this many, after the untimed first.
SHORT_RUNS = 21
SHORT_RUN_USERS = 50  # user runs this small last under a second
IET = "Data from the Inspec Database kindly supplied by The IET."

# Sizes of each measure; --quick swaps in the second set (same shape, seconds instead of minutes).
FULL = dict(users=(50, 200, 20), fanout=(1000, 100, 50, 0), fanout_large=(10_000, 100, 50), throughput=(2000, 200, 50), memory=(100_000, 1, 200, 100, 5000),
            nlp_limit=None, seed_articles=40, host=((50, 200, 20), (1000, 100, 50)),
            scale=(2000, 100))
QUICK = dict(users=(10, 50, 5), fanout=(40, 20, 10, 0), fanout_large=(80, 20, 10), throughput=(100, 50, 10), memory=(2000, 1, 50, 100, 500),
             nlp_limit=4, seed_articles=4, host=((10, 50, 5),), scale=(100, 4))


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = re.sub(r"\s+", " ", line.split(":", 1)[1]).strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}"


def clean_env() -> dict:
    env = dict(os.environ)
    env.pop("CONTAINER_NAME", None)  # makes Durable components think they run on Linux Consumption
    return env


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def fresh_store() -> None:
    """Restarts the Azurite scripts/bench.sh started on an empty folder, so no measure runs on what the ones before it left:
    Azurite rewrites a whole table store on every save, and the 43 MB left by the 100,000-user and article runs made the host's
    50-user runs after them 1.73 x ideal instead of 1.38 x, and one 2-instance scale-out run 8.2 s instead of 2.1 s.
    An Azurite that was already running when the script started is left alone (the script warns when its store is large)."""
    location = os.environ.get("BENCH_AZURITE_LOCATION")
    if not location:
        return
    azurite = str(ROOT / "scripts/azurite.sh")
    subprocess.run([azurite, "stop"], check=True, capture_output=True)
    shutil.rmtree(location, ignore_errors=True)
    subprocess.run([azurite, "start"], check=True, capture_output=True, env={**os.environ, "AZURITE_LOCATION": location})


def median(values: list[float]) -> float:
    return statistics.median(values)


def hub_name(tag: str) -> str:
    """A fresh task hub per runner process (letters and digits), so runs never meet another's leftovers on a shared Azurite."""
    return f"bench{tag}{int(time.time() * 1000) % 10**9}"


def run_runner(args: list[str], tag: str) -> str:
    done = subprocess.run([str(RUNNER), *args, "--task-hub", hub_name(tag)], capture_output=True, text=True,
                          cwd=RUNNER.parent, env=clean_env())
    if done.returncode != 0:
        raise SystemExit(f"runner {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}{done.stdout[-2000:]}")
    return done.stdout


# ---------- user fetches ----------

class Simulator:
    """The standalone simulator for the Python seed (the runner's bench-fanout starts its own, in process, with the same settings)."""

    def __init__(self, latency_ms: int, limit: int):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.proc = subprocess.Popen([str(SIMULATOR), "--port", str(port), "--latency-ms", str(latency_ms), "--limit", str(limit)],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=clean_env())
        self.url = self.proc.stdout.readline().strip().rstrip("/")

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.proc.terminate()
        self.proc.wait(timeout=10)

    def reset(self) -> None:
        urllib.request.urlopen(urllib.request.Request(f"{self.url}/admin/reset", method="POST")).read()


def seed_fetch(users: int, latency_ms: int, cap: int, runs: int) -> dict:
    """bench/seed_fetch.py, ThreadPoolExecutor(cap), against a simulator whose limit is the cap; median of runs."""
    times = []
    with Simulator(latency_ms, cap) as sim:
        # Like the runner's repeats, one untimed run first when repeating: the simulator's own start-up is nobody's cost.
        for run in range(runs + 1 if runs > 1 else 1):
            sim.reset()
            out = subprocess.run([sys.executable, str(ROOT / "bench/seed_fetch.py"), "--api", sim.url, "--count", str(users),
                                  "--workers", str(cap)], check=True, capture_output=True, text=True).stdout
            result = json.loads(out)
            if result["failed"]:
                raise SystemExit(f"the Python seed lost {result['failed']} of {users} users; the comparison would be unfair")
            times.append(result["seconds"])
    timed = times[1:] if runs > 1 else times
    return {"runs": times, "warmUpDropped": runs > 1, "medianSeconds": median(timed)}


def fanout(users: int, latency_ms: int, cap: int, batch: int, runs: int, engine: str = "AzureStorage",
           chunk: int | None = None, tag: str = "fan") -> dict:
    """bench-fanout with one warm-up run more than asked when repeating; the median leaves the warm-up out."""
    repeat = runs + 1 if runs > 1 else 1
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "fanout.json"
        args = ["bench-fanout", "--users", str(users), "--latency-ms", str(latency_ms), "--cap", str(cap), "--batch-size", str(batch),
                "--repeat", str(repeat), "--engine", engine, "--output", str(out)]
        if chunk:
            args += ["--chunk-size", str(chunk)]
        run_runner(args, tag)
        figures = json.loads(out.read_text())
    timed = figures["runs"][1:] if repeat > 1 else figures["runs"]
    m = median(timed)
    ideal = figures["idealSeconds"]
    figures.update(warmUpDropped=repeat > 1, medianSeconds=m, ratioToIdeal=m / ideal if ideal else None,
                   activitiesPerSecond=figures["activities"] / m, usersPerSecond=users / m)
    return figures



# ---------- the Functions host ----------

class FunctionsHost:
    """The built Functions app under the real host (func, or the host build in FUNCTIONS_HOST_DIR), with keys of its own."""

    def __init__(self, api_url: str, cap: int, tag: str, hub: str | None = None, name: str = "", extra: dict | None = None):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.dir = Path(tempfile.mkdtemp(prefix="bench-host-"))
        self.key = os.urandom(24).hex()
        (self.dir / "host.json").write_text(json.dumps({
            "masterKey": {"name": "master", "value": os.urandom(24).hex(), "encrypted": False},
            "functionKeys": [{"name": "default", "value": self.key, "encrypted": False}], "systemKeys": [],
            "hostName": f"127.0.0.1:{self.port}", "instanceId": "local", "source": "runtime", "decryptionKeyId": ""}))
        env = clean_env()
        # local.settings.json's Values, then what this measure sets: default settings otherwise, as a user gets them.
        env.update(json.loads((ROOT / "local.settings.json").read_text())["Values"])
        env.update({"AzureWebJobsScriptRoot": str(FUNCTIONS_APP), "languageWorkers__dotnet-isolated__workerDirectory": str(FUNCTIONS_APP),
                    "AzureWebJobsSecretStorageType": "files", "FUNCTIONS_SECRETS_PATH": str(self.dir),
                    "AZURE_FUNCTIONS_ENVIRONMENT": "Development", "ASPNETCORE_ENVIRONMENT": "Development",
                    "AzureFunctionsJobHost__Logging__Console__IsEnabled": "true",
                    "WEBSITE_HOSTNAME": f"127.0.0.1:{self.port}", "ASPNETCORE_URLS": f"http://127.0.0.1:{self.port}",
                    "TaskHubName": hub or hub_name(tag), "UserApi__BaseUrl": api_url, "UserApi__MaxConcurrency": str(cap)})
        if name:  # one of several instances on one task hub: its own lease owner name (else all are the machine name)
            env.update({"WEBSITE_CURRENT_STAMPNAME": "local", "RoleInstanceId": f"{name}-{self.port}"})
        env.update(extra or {})
        if shutil.which("func"):
            cmd, cwd = ["func", "start", "--port", str(self.port), "--enableAuth"], FUNCTIONS_APP
        else:
            cmd, cwd = ["dotnet", "Microsoft.Azure.WebJobs.Script.WebHost.dll"], HOST_DIR
        self.log = self.dir / "host.log"
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 180
        while "Job host started" not in self.log.read_text(errors="replace"):
            if self.proc.poll() is not None or time.time() > deadline:
                self.close()
                raise SystemExit(f"the Functions host did not start: {self.log.read_text(errors='replace')[-1500:]}")
            time.sleep(0.2)
        while time.time() < deadline:  # it logs that a moment before it takes the port
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/api/{path}", method=method,
                                         data=json.dumps(body).encode() if body is not None else None,
                                         headers={"x-functions-key": self.key, "Content-Type": "application/json"})
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())

    def fetch(self, users: int) -> dict:
        """POST /api/users/fetch, then GET the status every 50 ms until it has finished: wall time as a caller sees it."""
        seconds, run = self.run_to_end("users/fetch", {"from": 1, "count": users}, users, poll=0.05)
        return {"seconds": seconds, "runElapsedSeconds": run["elapsedSeconds"]}

    def run_to_end(self, route: str, body: dict, total: int, poll: float, timeout: float = 600) -> tuple[float, dict]:
        """Starts a run and polls its status until it has finished: seconds from POST to finished, and the last status.
        Anything but Completed with every item succeeded ends the benchmark."""
        started = time.perf_counter()
        status, accepted = self.call("POST", route, body)
        if status != 202:
            raise SystemExit(f"the host answered {status} to {route}")
        while True:
            _, run = self.call("GET", f"runs/{accepted['runId']}")
            if run["isFinished"]:
                seconds = time.perf_counter() - started
                break
            if time.perf_counter() - started > timeout:
                raise SystemExit(f"run {run['id']} not finished after {timeout:.0f} s")
            time.sleep(poll)
        if run["status"] != "Completed" or run["succeeded"] != total:
            raise SystemExit(f"host run {run['id']} ended {run['status']} with {run['succeeded']}/{total}")
        return seconds, run

    def close(self) -> None:
        try:
            os.killpg(self.proc.pid, 9)  # the host and its worker process (its child)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


def host_fetch(users: int, latency_ms: int, cap: int, runs: int) -> dict:
    """One host per size (the cap is a host setting), one untimed warm-up run first when repeating, like the runner's repeats.
    The clock starts once the host owns every partition of its task hub (half a second on a fresh hub), so no timed run waits
    for a partition not taken yet. The host is still warming up after its first run: 50 users took 1.33, 1.17, 1.02 s in turn."""
    with Simulator(latency_ms, cap) as sim:
        hub = hub_name("hst")
        host = FunctionsHost(sim.url, cap, "hst", hub=hub)
        try:
            log(f"  host owns every partition after {wait_partitions_shared(hub, 1):.1f} s")
            figures = [host.fetch(users) for _ in range(runs + 1 if runs > 1 else 1)]
        finally:
            host.close()
    timed = [f["seconds"] for f in (figures[1:] if runs > 1 else figures)]
    ideal = -(-users // cap) * latency_ms / 1000
    m = median(timed)
    return {"runs": figures, "warmUpDropped": runs > 1, "medianSeconds": m, "idealSeconds": ideal, "ratioToIdeal": m / ideal}

# ---------- scale-out: several hosts on one task hub ----------

def azurite_put(path: str, body: bytes = b"", query: dict | None = None) -> None:
    """PUT to Azurite's blob service with its well-known development key (Shared Key), stdlib only."""
    import base64, hashlib, hmac, urllib.parse
    account = "devstoreaccount1"
    key = base64.b64decode("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==")
    headers = {"x-ms-date": time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime()), "x-ms-version": "2021-12-02"}
    if query is None:
        headers["x-ms-blob-type"] = "BlockBlob"
    canonical = "".join(f"{k}:{v}\n" for k, v in sorted(headers.items()))
    resource = f"/{account}/{account}/{path}" + "".join(f"\n{k}:{v}" for k, v in sorted((query or {}).items()))
    # urllib would add a form Content-Type to a body; an explicit one is signed.
    to_sign = "\n".join(["PUT", "", "", str(len(body)) if body else "", "", "application/octet-stream", "", "", "", "", "", ""]) + "\n" + canonical + resource
    headers["Authorization"] = f"SharedKey {account}:" + base64.b64encode(hmac.new(key, to_sign.encode(), hashlib.sha256).digest()).decode()
    headers["Content-Type"] = "application/octet-stream"
    url = f"http://127.0.0.1:10000/{account}/{urllib.parse.quote(path)}" + ("?" + urllib.parse.urlencode(query) if query else "")
    urllib.request.urlopen(urllib.request.Request(url, data=body, method="PUT", headers=headers)).read()


def azurite_table(table: str) -> list[dict]:
    """Every row of an Azurite table (Shared Key Lite, the development account's well-known key), stdlib only."""
    import base64, hashlib, hmac
    account = "devstoreaccount1"
    key = base64.b64decode("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==")
    date = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime())
    path = f"/{account}/{table}()"
    signature = base64.b64encode(hmac.new(key, f"{date}\n/{account}{path}".encode(), hashlib.sha256).digest()).decode()
    request = urllib.request.Request(f"http://127.0.0.1:10002{path}", headers={
        "x-ms-date": date, "x-ms-version": "2019-02-02", "Accept": "application/json;odata=nometadata",
        "Authorization": f"SharedKeyLite {account}:{signature}"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())["value"]


def wait_partitions_shared(hub: str, instances: int, timeout: float = 180) -> float:
    """Waits until every partition has an owner, every instance owns one and none is being handed over (the task hub's
    Partitions table); seconds it took."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            rows = azurite_table(f"{hub}Partitions")
        except urllib.error.HTTPError:
            rows = []  # not made yet
        owners = [r.get("CurrentOwner") for r in rows]
        handing_over = any(r.get("NextOwner") or r.get("IsDraining") for r in rows)
        if rows and all(owners) and len(set(owners)) == instances and not handing_over:
            return time.perf_counter() - started
        time.sleep(0.5)
    raise SystemExit(f"task hub {hub}: the partitions were not shared by {instances} instances within {timeout:.0f} s")


def scale_run(instances: int, route: str, body: dict, total: int, latency_ms: int, cap: int, extra: dict | None = None,
              warm_up: dict | None = None) -> dict:
    """`instances` hosts on one fresh task hub and one simulator; the run is started on the first: POST to Completed, seconds.
    The clock starts once the hosts have shared the partitions out and an untimed `warm_up` run has loaded the workers: a
    partition that moves while a run is in flight can hold the messages its old owner had dequeued for the visibility
    timeout (1 minute); a steady scaled-out app is what this measures, not its first minute."""
    hub = hub_name(f"sc{instances}")
    with Simulator(latency_ms, cap) as sim:
        hosts = []
        try:
            for i in range(instances):
                hosts.append(FunctionsHost(sim.url, cap, "scl", hub=hub, name=f"i{i + 1}", extra=extra))
            log(f"  partitions shared by {instances} instance(s) after {wait_partitions_shared(hub, instances):.1f} s")
            if warm_up is not None:
                hosts[0].run_to_end(route, warm_up[0], warm_up[1], poll=0.1)
            # Activities only: the status polls are HTTP functions of the first host.
            activities = lambda h: sum(h.log.read_text(errors="replace").count(f"Executed 'Functions.{a}'")
                                       for a in ("FetchUserBatchActivity", "AnalyzeArticleActivity"))
            before = [activities(h) for h in hosts]
            seconds, _ = hosts[0].run_to_end(route, body, total, poll=0.1)
            shares = [activities(h) - b for h, b in zip(hosts, before)]
        finally:
            for h in hosts:
                h.close()
    return {"instances": instances, "seconds": seconds, "activitiesPerInstance": shares}


def scale(zip_path: Path, users: int, articles: int) -> dict:
    """2,000 users at latency 0 (default batching) and the NLP run (1 worker each, batch 1) on 1 and on 2 instances."""
    out = {}
    for n in (1, 2):
        log(f"scale: {users} users, latency 0, cap 20 on {n} instance(s)")
        out[f"users{n}"] = scale_run(n, "users/fetch", {"from": 1, "count": users}, users, 0, 20,
                                     warm_up=({"from": 1, "count": 100}, 100))
    if zip_path.exists():
        z, names, ids = inspec_ids(zip_path)
        container = f"benchscale{int(time.time()) % 10**8}"
        azurite_put(container, query={"restype": "container"})
        blobs = [f"{i}.txt" for i in ids[:articles]]
        for i, blob in zip(ids[:articles], blobs):
            azurite_put(f"{container}/{blob}", z.read(names[f"{i}.abstr"]))
        extra = {"Articles__Container": container, "Articles__MaxWorkers": "1"}
        for n in (1, 2):
            log(f"scale: {len(blobs)} Inspec abstracts, Articles:MaxWorkers=1, batch 1 on {n} instance(s)")
            # The warm-up loads the model into the workers that analyse it (each worker loads it once).
            out[f"nlp{n}"] = scale_run(n, "articles/analyze", {"blobNames": blobs, "batchSize": 1}, len(blobs), 0, 20, extra,
                                       warm_up=({"blobNames": blobs[:2 * n], "batchSize": 1}, 2 * n))
    return out


# ---------- NLP ----------

def inspec_ids(zip_path: Path) -> tuple[zipfile.ZipFile, dict, list[str]]:
    """The labelled abstracts in the order the runner's InspecDataset reads them (numeric ids, numeric order)."""
    z = zipfile.ZipFile(zip_path)
    names = {n.rsplit("/", 1)[-1]: n for n in z.namelist()}
    ids = {k[:-len(".abstr")] for k in names if k.endswith(".abstr")} & {k[:-len(".uncontr")] for k in names if k.endswith(".uncontr")}
    return z, names, sorted(ids, key=lambda i: (len(i), i))


def bench_nlp(zip_path: Path, limit: int | None, runs: int, tag: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "nlp.json"
        args = ["bench-nlp", "--data", str(zip_path), "--repeat", str(runs), "--output", str(out)]
        if limit:
            args += ["--limit", str(limit)]
        run_runner(args, tag)
        figures = json.loads(out.read_text())
    # bench-nlp prints its rows in a fixed order; name them so the table does not depend on the wording.
    keys = ("one", "many", "storage", "orchestrated", "batched", "batchedBare", "model")
    rows = figures["rows"]
    if len(rows) != len(keys) or "1 worker" not in rows[0]["measure"] or "raw ONNX" not in rows[-1]["measure"]:
        raise SystemExit(f"bench-nlp's rows changed; update bench.py: {[r['measure'] for r in rows]}")
    figures["byKey"] = dict(zip(keys, rows))
    return figures


def nlp_seed(zip_path: Path, articles: int, runs: int) -> dict:
    """bench/seed_nlp.py (ProcessPoolExecutor, one `terms` process per article) against one `terms` process, same files, same workers."""
    workers = os.cpu_count() or 1
    z, names, ids = inspec_ids(zip_path)
    scratch = Path(tempfile.mkdtemp(prefix="bench-inspec-"))  # outside the repo, deleted below
    try:
        docs = scratch / "abstracts"
        docs.mkdir()
        for i in ids[:articles]:
            (docs / f"{i}.abstr").write_bytes(z.read(names[f"{i}.abstr"]))
        seed_times, project_times = [], []
        seed_terms, project_terms = scratch / "seed.jsonl", scratch / "project.jsonl"
        for _ in range(runs):
            out = subprocess.run([sys.executable, str(ROOT / "bench/seed_nlp.py"), "--runner", str(RUNNER), "--input", str(docs),
                                  "--workers", str(workers), "--terms-out", str(seed_terms)],
                                 check=True, capture_output=True, text=True, env=clean_env()).stdout
            result = json.loads(out)
            if result["failed"]:
                raise SystemExit(f"the Python NLP seed failed on {result['failed']} articles")
            seed_times.append(result["seconds"])
            started = time.perf_counter()
            with open(project_terms, "w") as sink:
                subprocess.run([str(RUNNER), "terms", "--input", str(docs), "--workers", str(workers)], check=True, stdout=sink,
                               cwd=RUNNER.parent, env=clean_env())
            project_times.append(time.perf_counter() - started)
        same = seed_terms.read_text() == project_terms.read_text()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return {"articles": articles, "workers": workers, "seedRuns": seed_times, "seedMedianSeconds": median(seed_times),
            "termsRuns": project_times, "termsMedianSeconds": median(project_times), "sameTerms": same}


# ---------- table ----------

def s(x: float) -> str:
    return f"{x:.2f} s"


def batch_label(batch: int) -> str:
    return f"batch {batch}" if batch else "default batching"


def rows_for(results: dict, sizes: dict) -> list[dict]:
    rows = []

    def add(measure, baseline, project, ratio, goal, met=None):
        rows.append({"measure": measure, "baseline": baseline, "project": project, "ratio": round(ratio, 2), "goal": goal, "met": met})

    if "users" in results:
        n, lat, cap = sizes["users"]
        seed = results["users"]["seed"]["medianSeconds"]
        ideal = results["users"]["AzureStorage"]["idealSeconds"]
        for engine in ("AzureStorage", "InMemory"):
            f = results["users"][engine]
            label = f"User fetch, {n} users, {lat} ms, cap {cap}, default batching, {engine} engine"
            add(f"{label}: wall / ideal", f"ideal {s(ideal)}", s(f["medianSeconds"]), f["ratioToIdeal"], "≤ 1.25", f["ratioToIdeal"] <= 1.25)
            add(f"{label}: wall / Python seed (ThreadPoolExecutor({cap}))", s(seed), s(f["medianSeconds"]), f["medianSeconds"] / seed,
                "≤ 1.00", f["medianSeconds"] <= seed)
    if "fanout" in results:
        n, lat, cap, batch = sizes["fanout"]
        seed = results["fanout"]["seed"]["medianSeconds"]
        for b in (1, batch):
            f = results["fanout"][f"batch{b}"]
            label = f"User fetch, {n:,} users, {lat} ms, cap {cap}, {batch_label(b)}, AzureStorage engine"
            add(f"{label}: wall / ideal", f"ideal {s(f['idealSeconds'])}", s(f["medianSeconds"]), f["ratioToIdeal"], "≤ 1.15",
                f["ratioToIdeal"] <= 1.15)
            add(f"{label}: wall / Python seed (ThreadPoolExecutor({cap}))", s(seed), s(f["medianSeconds"]), f["medianSeconds"] / seed,
                "≤ 1.05", f["medianSeconds"] <= 1.05 * seed)
        big, big_lat, big_cap = sizes["fanout_large"]
        f = results["fanout"]["large"]
        add(f"User fetch, {big:,} users, {big_lat} ms, cap {big_cap}, default batching, AzureStorage engine: wall / ideal",
            f"ideal {s(f['idealSeconds'])}", s(f["medianSeconds"]), f["ratioToIdeal"], "≤ 1.10", f["ratioToIdeal"] <= 1.10)
    if "throughput" in results:
        n, cap, batch = sizes["throughput"]
        one, many = results["throughput"]["batch1"], results["throughput"][f"batch{batch}"]
        add(f"Engine throughput, {n:,} trivial activities (latency 0, cap {cap}), AzureStorage engine, one process",
            "100 activities/s (Durable Functions docs: fan-out per instance)", f"{one['activitiesPerSecond']:.0f} activities/s",
            one["activitiesPerSecond"] / 100, "≥ 300/s", one["activitiesPerSecond"] >= 300)
        add(f"Users per second, {n:,} users (latency 0, cap {cap}): batch {batch} / batch 1", f"{one['usersPerSecond']:.0f} users/s",
            f"{many['usersPerSecond']:.0f} users/s", many["usersPerSecond"] / one["usersPerSecond"], "-")
    if "memory" in results:
        n, lat, cap, batch, chunk = sizes["memory"]
        f = results["memory"]
        label = f"{n:,} users ({lat} ms, cap {cap}, batch {batch}, chunk {chunk:,}), AzureStorage engine"
        add(f"{label}: peak working set of the runner process (engine and simulator in it)", "1024 MiB (goal)", f"{f['peakWorkingSetMiB']:.0f} MiB",
            f["peakWorkingSetMiB"] / 1024, "≤ 1 GiB", f["peakWorkingSetMiB"] <= 1024)
        events = f.get("largestHistoryEvents") or 0
        add(f"{label}: largest orchestration history", "10,000 events (goal)", f"{events:,} events", events / 10_000, "≤ 10,000",
            events <= 10_000)
    if "nlp" in results:
        f = results["nlp"]
        k, cores, docs = f["byKey"], f["cores"], f["documents"]
        label = f"Terminology, {docs} Inspec abstracts"
        add(f"{label}: speed-up, {cores} workers / 1 worker (docs/s)", f"{k['one']['docsPerSecond']:.1f} docs/s",
            f"{k['many']['docsPerSecond']:.1f} docs/s", k["one"]["seconds"] / k["many"]["seconds"], "≥ 1.85",
            k["one"]["seconds"] / k["many"]["seconds"] >= 1.85)
        add(f"{label}: orchestrated run, one activity per article / bare engine ({cores} workers)", s(k["many"]["seconds"]),
            s(k["orchestrated"]["seconds"]), k["orchestrated"]["seconds"] / k["many"]["seconds"], "≤ 1.10",
            k["orchestrated"]["seconds"] / k["many"]["seconds"] <= 1.10)
        # The bare engine timed again, in turns with the orchestrated runs: minutes after its first timing the machine's speed
        # has often drifted by more than this goal's margin.
        batched_ratio = k["batched"]["seconds"] / k["batchedBare"]["seconds"]
        add(f"{label}: orchestrated run, default batching / bare engine (timed in turns with it)", s(k["batchedBare"]["seconds"]),
            s(k["batched"]["seconds"]), batched_ratio, "≤ 1.15", batched_ratio <= 1.15)
        add(f"{label}: bare engine reading each text from Blob Storage (Azurite, same cores) / bare engine", s(k["many"]["seconds"]),
            s(k["storage"]["seconds"]), k["storage"]["seconds"] / k["many"]["seconds"], "-")
        add(f"{label}: bare engine / raw ONNX Runtime inference, each text once ({cores} threads)", s(k["model"]["seconds"]),
            s(k["many"]["seconds"]), k["many"]["seconds"] / k["model"]["seconds"], "≤ 1.6",
            k["many"]["seconds"] / k["model"]["seconds"] <= 1.6)
    if "nlp-seed" in results:
        f = results["nlp-seed"]
        same = "same terms" if f["sameTerms"] else "TERMS DIFFER"
        label = f"Terminology, first {f['articles']} Inspec abstracts, {f['workers']} workers ({same})"
        add(f"{label}: one `terms` process / Python seed (ProcessPoolExecutor({f['workers']}), one `terms` process per article, "
            f"each loading the model)", s(f["seedMedianSeconds"]), s(f["termsMedianSeconds"]),
            f["termsMedianSeconds"] / f["seedMedianSeconds"], "≤ 1.00", f["termsMedianSeconds"] <= f["seedMedianSeconds"])
        if "nlp-subset" in results:
            bare = results["nlp-subset"]["byKey"]["many"]["seconds"]
            add(f"{label}: runner's bare engine, model loaded (bench-nlp) / Python seed", s(f["seedMedianSeconds"]), s(bare),
                bare / f["seedMedianSeconds"], "≤ 1.00", bare <= f["seedMedianSeconds"])
    if "host" in results:
        for (n, lat, cap), goal in zip(sizes["host"], (1.5, 1.2)):
            f = results["host"][f"users{n}"]
            add(f"User fetch, {n:,} users, {lat} ms, cap {cap}, Functions host over HTTP (POST to Completed seen), default settings: "
                "wall / ideal", f"ideal {s(f['idealSeconds'])}", s(f["medianSeconds"]), f["ratioToIdeal"], f"≤ {goal:.2f}",
                f["ratioToIdeal"] <= goal)
    if "scale" in results:
        users, articles = sizes["scale"]
        f = results["scale"]
        why = "2 cores shared by every host, worker and Azurite"
        for kind, label in (("users", f"User fetch, {users:,} users, latency 0, cap 20, default batching"),
                            ("nlp", f"Article run, {articles} Inspec abstracts, Articles:MaxWorkers=1 per instance, batch 1")):
            if f"{kind}1" in f:
                one, two = f[f"{kind}1"]["seconds"], f[f"{kind}2"]["seconds"]
                add(f"{label}, Functions host: 2 instances / 1 instance (throughput ratio = {one / two:.2f}; {why})",
                    s(one), s(two), two / one, "report")
    return rows


def markdown(rows: list[dict], meta: dict) -> str:
    where = meta["machine"]
    lines = []
    if meta["quick"]:
        lines.append("**QUICK RUN: tiny sizes; checks the plumbing, these are not benchmark figures.**\n")
    short = f" ({meta['shortRuns']} for the 50-user rows, under a second each)" if meta["shortRuns"] != meta["runs"] else ""
    lines.append(f"`scripts/bench.sh` on {meta['date']} (commit {meta['commit']}); median of {meta['runs']} run(s) per measure{short}. "
                 "Ratio = this project / baseline (for speed-up and throughput rows, higher is better).\n")
    lines.append("| measure | baseline | this project | ratio | goal | machine |")
    lines.append("|---|---|---|---|---|---|")
    for r in rows:
        goal = r["goal"] if r["met"] is None else f"{r['goal']} ({'met' if r['met'] else 'not met'})"
        lines.append(f"| {r['measure']} | {r['baseline']} | {r['project']} | {r['ratio']:.2f} | {goal} | {where} |")
    for note in meta["skipped"]:
        lines.append(f"\nSkipped: {note}")
    for note in meta["failed"]:
        lines.append(f"\nFAILED: {note}")
    if any(m in meta["measured"] for m in ("nlp", "nlp-seed", "scale")):
        lines.append(f"\n{IET}")
    return "\n".join(lines) + "\n"


def update_docs(block: str, doc: Path = BENCH_DOC) -> None:
    """Replaces the table between the bench markers of docs/benchmarks.md; the text around it stays as it is."""
    text = doc.read_text()
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise SystemExit(f"{doc.relative_to(ROOT) if doc.is_relative_to(ROOT) else doc} needs one {START} ... {END} pair")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(f"{head}{START}\n{block}{END}{tail}")


def main() -> int:
    parser = argparse.ArgumentParser(description="Every performance figure of docs/benchmarks.md in one run (see scripts/bench.sh).")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run each: checks the plumbing, not figures")
    parser.add_argument("--runs", type=int, help="runs per measure (default 5; --quick: 1)")
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(MEASURES)}")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="Inspec Validation.zip (default ../shared/data/inspec/Validation.zip)")
    # --update-readme is the option's old name, from when the table was in the README.
    parser.add_argument("--update-docs", "--update-readme", dest="update_docs", action="store_true",
                        help="rewrite docs/benchmarks.md between the bench markers with the table")
    args = parser.parse_args()
    runs = args.runs or (1 if args.quick else 5)
    # A 50-user run lasts under a second and varies by 10-20 % from one run to the next (0.77-0.99 s for the same host run
    # eight times in a row), so a median of 3 moves with luck; such runs are cheap, so they take at least SHORT_RUNS.
    short_runs = runs if args.quick else max(runs, SHORT_RUNS)
    only = args.only.split(",") if args.only else list(MEASURES)
    if unknown := set(only) - set(MEASURES):
        parser.error(f"unknown measures {sorted(unknown)}; choose from {','.join(MEASURES)}")
    if args.update_docs and (args.quick or args.only):
        parser.error("--update-docs takes only a full run of every measure (no --quick, no --only)")
    for exe in (RUNNER, SIMULATOR):
        if not exe.exists():
            raise SystemExit(f"{exe.relative_to(ROOT)} is missing: run scripts/bench.sh, which builds Release first")

    sizes = QUICK if args.quick else FULL
    results, skipped, failed = {}, [], []
    started = time.time()
    def users():
        n, lat, cap = sizes["users"]
        log(f"users: {n} users, {lat} ms, cap {cap}: Python seed, then both engines")
        out = {"seed": seed_fetch(n, lat, cap, short_runs)}
        for engine in ("AzureStorage", "InMemory"):
            out[engine] = fanout(n, lat, cap, 0, short_runs, engine, tag="usr")
        return out

    def fan():
        n, lat, cap, batch = sizes["fanout"]
        log(f"fanout: {n} users, {lat} ms, cap {cap}: Python seed, batch 1, {batch_label(batch)}")
        out = {"seed": seed_fetch(n, lat, cap, runs)}
        for b in (1, batch):
            out[f"batch{b}"] = fanout(n, lat, cap, b, runs, tag="fan")
        big, big_lat, big_cap = sizes["fanout_large"]
        log(f"fanout: {big} users, {big_lat} ms, cap {big_cap}, default batching")
        out["large"] = fanout(big, big_lat, big_cap, 0, min(runs, 2), tag="big")
        return out

    def throughput():
        n, cap, batch = sizes["throughput"]
        log(f"throughput: {n} users, latency 0, cap {cap}: batch 1, batch {batch}")
        return {f"batch{b}": fanout(n, 0, cap, b, runs, tag="thr") for b in (1, batch)}

    def memory():
        n, lat, cap, batch, chunk = sizes["memory"]
        log(f"memory: {n} users, {lat} ms, cap {cap}, batch {batch}, chunk {chunk}")
        # Peak memory and largest history are maxima over the runs, so two (after the warm-up) are enough.
        return fanout(n, lat, cap, batch, min(runs, 2), chunk=chunk, tag="mem")

    def nlp():
        log(f"nlp: bench-nlp over {sizes['nlp_limit'] or 'all'} abstracts")
        return bench_nlp(args.data.resolve(), sizes["nlp_limit"], runs, "nlp")

    def seed_nlp():
        k = sizes["seed_articles"]
        log(f"nlp-seed: Python ProcessPoolExecutor seed against `terms` over the first {k} abstracts")
        out = nlp_seed(args.data.resolve(), k, runs)
        if results.get("nlp", {}).get("documents") == k:
            results["nlp-subset"] = results["nlp"]
        else:
            log(f"nlp-seed: bench-nlp over the same {k} abstracts, for the bare engine's time")
            results["nlp-subset"] = bench_nlp(args.data.resolve(), k, runs, "nls")
        return out

    def host():
        log(f"host: user fetch through the Functions host at {', '.join(f'{n} users ({lat} ms, cap {cap})' for n, lat, cap in sizes['host'])}")
        return {f"users{n}": host_fetch(n, lat, cap, short_runs if n <= SHORT_RUN_USERS else runs) for n, lat, cap in sizes["host"]}

    def scale_out():
        return scale(args.data.resolve(), *sizes["scale"])

    steps = {"users": users, "fanout": fan, "throughput": throughput, "memory": memory, "nlp": nlp, "nlp-seed": seed_nlp, "host": host,
             "scale": scale_out}
    for name in MEASURES:
        if name not in only:
            continue
        if name.startswith("nlp") and not args.data.exists():
            skipped.append(f"{name}: {args.data} not found (the Inspec data lives in ../shared/data/inspec/)")
            log(f"skipping {skipped[-1]}")
            continue
        if name in ("host", "scale") and not (shutil.which("func") or (HOST_DIR / "Microsoft.Azure.WebJobs.Script.WebHost.dll").exists()):
            skipped.append(f"{name}: no Functions host (neither func on PATH nor {HOST_DIR})")
            log(f"skipping {skipped[-1]}")
            continue
        try:
            fresh_store()
            results[name] = steps[name]()
        except (SystemExit, subprocess.CalledProcessError) as failure:
            # One broken measure should not throw away the others' minutes of work; the table says what failed.
            failed.append(f"{name}: {str(failure).strip().splitlines()[0] if str(failure).strip() else type(failure).__name__}")
            log(f"FAILED {name}: {failure}")

    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout.strip()
    meta = {"quick": args.quick, "date": datetime.date.today().isoformat(), "commit": commit + ("+changes" if dirty else ""),
            "runs": runs, "shortRuns": short_runs, "machine": machine(), "platform": platform.platform(), "measured": list(results), "skipped": skipped, "failed": failed,
            "seconds": round(time.time() - started, 1)}
    rows = rows_for(results, sizes)
    block = markdown(rows, meta)
    print(block)
    OUT.mkdir(parents=True, exist_ok=True)
    name = "bench-quick" if args.quick else "bench"
    (OUT / f"{name}.json").write_text(json.dumps({**meta, "rows": rows, "results": results, "sizes": sizes}, indent=2) + "\n")
    (OUT / f"{name}.md").write_text(block)
    log(f"wrote {(OUT / f'{name}.json').relative_to(ROOT)} and {name}.md in {meta['seconds']} s")
    if args.update_docs and failed:
        log(f"{BENCH_DOC.relative_to(ROOT)} left alone: a measure failed")
    elif args.update_docs:
        update_docs(block)
        log(f"{BENCH_DOC.relative_to(ROOT)} updated between the bench markers")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
