#!/usr/bin/env python3
"""Baseline: the project's original seed approach, reproduced for comparison.

A thread pool of N workers fetches GET {api}/users/{id} for ids 1..count with
urllib and collects results via as_completed. Like the seed it does not retry;
unlike the seed it counts failures (any non-2xx status or transport error) so
the comparison with the durable implementation is honest about lost users.

Prints one JSON object on stdout:
  {"count": .., "ok": .., "failed": .., "seconds": ..}
Standard library only.
"""

import argparse
import json
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed


def fetch_user(base: str, user_id: int, timeout: float) -> bool:
    """True when the user came back 2xx with a JSON body; any failure is False."""
    try:
        with urllib.request.urlopen(f"{base}/users/{user_id}", timeout=timeout) as response:
            json.loads(response.read())
            return 200 <= response.status < 300
    except (urllib.error.URLError, OSError, ValueError):
        # HTTPError (429/403/5xx/404) is a URLError; timeouts and resets are OSError.
        return False


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", default="http://127.0.0.1:5080", help="base URL of the user API")
    parser.add_argument("--count", type=int, default=50, help="fetch ids 1..count")
    parser.add_argument("--workers", type=int, default=20, help="thread pool size")
    parser.add_argument("--timeout", type=float, default=30.0, help="per-request timeout, seconds")
    args = parser.parse_args(argv)
    if args.count < 0 or args.workers < 1:
        parser.error("--count must be >= 0 and --workers >= 1")

    base = args.api.rstrip("/")
    ok = failed = 0
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        futures = [pool.submit(fetch_user, base, i, args.timeout) for i in range(1, args.count + 1)]
        for future in as_completed(futures):
            if future.result():
                ok += 1
            else:
                failed += 1
    seconds = time.perf_counter() - started

    json.dump({"count": args.count, "ok": ok, "failed": failed, "seconds": round(seconds, 3)}, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
