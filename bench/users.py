#!/usr/bin/env python3
"""User-fetch benchmark: the durable runner against the seed's thread pool, same simulator, same script.

50 users, simulator latency 200 ms and concurrency limit 20, client cap 20. The ideal is 3 waves x 200 ms.
For each engine the runner offers (durable Azure Storage provider on Azurite, in-memory) it runs the same
orchestration several times in one process (the first run, which pays for JIT and start-up, is dropped) and
reports the median run time (orchestration created -> results written). The baseline is bench/seed_fetch.py
(ThreadPoolExecutor(max_workers=20) + as_completed + urllib), median of as many runs.

Prints a markdown table and writes artifacts/bench/users.json. Standard library only.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = "Release"


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} logical cores, {model}, {platform.system()}"


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_simulator(latency_ms: int, limit: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    exe = ROOT / "src/Simulator/bin" / CONFIG / "net10.0/Serverless.Simulator"
    proc = subprocess.Popen([str(exe), "--port", str(port), "--latency-ms", str(latency_ms), "--limit", str(limit)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=clean_env())
    url = proc.stdout.readline().strip()
    return proc, url.rstrip("/")


def clean_env() -> dict:
    env = dict(os.environ)
    env.pop("CONTAINER_NAME", None)  # makes Durable components think they run on Linux Consumption
    return env


def reset(api: str) -> None:
    urllib.request.urlopen(urllib.request.Request(f"{api}/admin/reset", method="POST")).read()


def stats(api: str) -> dict:
    return json.loads(urllib.request.urlopen(f"{api}/stats").read())


def python_baseline(api: str, count: int, workers: int, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        reset(api)
        out = subprocess.run([sys.executable, str(ROOT / "bench/seed_fetch.py"), "--api", api, "--count", str(count),
                              "--workers", str(workers)], check=True, capture_output=True, text=True).stdout
        result = json.loads(out)
        if result["failed"]:
            raise SystemExit(f"baseline lost {result['failed']} users; the comparison would be unfair")
        times.append(result["seconds"])
    return times


def runner(api: str, engine: str, count: int, cap: int, runs: int) -> tuple[list[float], dict]:
    reset(api)
    exe = ROOT / "src/Local/bin" / CONFIG / "net10.0/Serverless.Local"
    hub = f"bench{int(time.time())}{engine[:3].lower()}"
    out = subprocess.run([str(exe), "users", "--count", str(count), "--api", api, "--engine", engine, "--task-hub", hub,
                          "--max-concurrency", str(cap), "--repeat", str(runs + 1), "--json"],
                         check=True, capture_output=True, text=True, cwd=exe.parent, env=clean_env()).stdout
    finished = [json.loads(l) for l in out.splitlines() if l.startswith("{") and '"event":"finished"' in l]
    if any(f["status"] != "Completed" or f["succeeded"] != count for f in finished):
        raise SystemExit(f"a {engine} run did not fetch every user: {finished}")
    return [f["elapsedSeconds"] for f in finished[1:]], stats(api)


def main() -> int:
    parser = argparse.ArgumentParser(description="User-fetch benchmark (durable runner vs Python seed).")
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--latency-ms", type=int, default=200)
    parser.add_argument("--cap", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    subprocess.run(["dotnet", "build", str(ROOT / "Serverless.sln"), "-c", CONFIG, "--nologo", "-v", "q"], check=True,
                   stdout=subprocess.DEVNULL, env=clean_env())
    started = subprocess.run([str(ROOT / "scripts/azurite.sh"), "start"], check=True, capture_output=True, text=True).stdout
    sim, api = start_simulator(args.latency_ms, args.cap)
    try:
        waves = -(-args.count // args.cap)
        ideal = waves * args.latency_ms / 1000
        rows = [("Python seed (ThreadPoolExecutor, 20 workers)", python_baseline(api, args.count, args.cap, args.runs), None)]
        for engine in ("AzureStorage", "InMemory"):
            times, api_stats = runner(api, engine, args.count, args.cap, args.runs)
            rows.append((f"Durable runner, {engine} engine", times, api_stats))
    finally:
        sim.terminate()
        if "started" in started:
            subprocess.run([str(ROOT / "scripts/azurite.sh"), "stop"], check=False)

    baseline = statistics.median(rows[0][1])
    report = {"machine": machine(), "count": args.count, "latencyMs": args.latency_ms, "cap": args.cap,
              "idealSeconds": ideal, "rows": []}
    print(f"\n{args.count} users, latency {args.latency_ms} ms, cap {args.cap}; ideal {ideal:.2f} s ({waves} waves); "
          f"median of {args.runs} runs; {machine()}\n")
    print("| measure | median s | / ideal | / Python seed | max in flight at API | 429s |")
    print("|---|---|---|---|---|---|")
    for name, times, api_stats in rows:
        median = statistics.median(times)
        in_flight = api_stats["maxInFlight"] if api_stats else "-"
        rejected = api_stats["tooManyRequests"] if api_stats else "-"
        print(f"| {name} | {median:.3f} | {median / ideal:.2f} | {median / baseline:.2f} | {in_flight} | {rejected} |")
        report["rows"].append({"measure": name, "seconds": times, "median": median, "ratioToIdeal": median / ideal,
                               "ratioToBaseline": median / baseline})
    out = ROOT / "artifacts/bench/users.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(f"\nwrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
