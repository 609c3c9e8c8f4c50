#!/usr/bin/env python3
"""Baseline: the seed's process-pool approach to article NLP, reproduced for comparison.

A ProcessPoolExecutor of N workers goes over the same article files the project analyses. The seed ran its Python
extraction in each worker; that code is not in this repository, so each task calls the project's own extraction
through the runner's `terms` command (`Serverless.Local terms --input <one article> --workers 1`). Both sides
therefore compute the same terms, and the comparison measures only the execution model: one process (a .NET start and
a model load) per task, against one long-lived process that loads the model once. `--per-task K` hands K articles to
each `terms` call (the closest a pool of short-lived workers gets to amortising the model load); the default is one
article per task, like the seed.

Prints one JSON object on stdout:
  {"articles": .., "workers": .., "perTask": .., "tasks": .., "ok": .., "failed": .., "seconds": ..}
and with --terms-out writes the extracted terms as JSON lines in file-name order (what `terms` itself prints), so a
caller can check both sides agree. Standard library only.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

EXTENSIONS = (".txt", ".abstr")


def extract(runner: str, directory: str, top: int) -> list[str]:
    """One task: the runner's `terms` over a directory holding this task's articles; its JSON lines, or [] on failure."""
    done = subprocess.run([runner, "terms", "--input", directory, "--top", str(top), "--workers", "1"],
                          capture_output=True, text=True, cwd=str(Path(runner).parent))
    if done.returncode != 0:
        return []
    return [line for line in done.stdout.splitlines() if line.startswith("{")]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runner", required=True, help="path to the built Serverless.Local executable")
    parser.add_argument("--input", required=True, help="directory of .txt/.abstr articles")
    parser.add_argument("--workers", type=int, default=2, help="process pool size")
    parser.add_argument("--per-task", type=int, default=1, help="articles per `terms` call (1 = one process per article)")
    parser.add_argument("--top", type=int, default=10, help="key phrases per article")
    parser.add_argument("--terms-out", help="write the terms here as JSON lines, in file-name order")
    args = parser.parse_args(argv)
    if args.workers < 1 or args.per_task < 1:
        parser.error("--workers and --per-task must be >= 1")

    runner = str(Path(args.runner).resolve())
    files = sorted((f for f in Path(args.input).iterdir() if f.suffix.lower() in EXTENSIONS), key=lambda f: f.name)
    groups = [files[i:i + args.per_task] for i in range(0, len(files), args.per_task)]
    # `terms` reads a directory, so each task gets one holding only its articles; built before the clock starts.
    scratch = Path(tempfile.mkdtemp(prefix="seed-nlp-"))
    try:
        dirs = []
        for n, group in enumerate(groups):
            d = scratch / f"task{n:05d}"
            d.mkdir()
            for f in group:
                (d / f.name).symlink_to(f.resolve())
            dirs.append(str(d))

        lines: dict[int, list[str]] = {}
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            futures = {pool.submit(extract, runner, d, args.top): n for n, d in enumerate(dirs)}
            for future in as_completed(futures):
                lines[futures[future]] = future.result()
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    ok = sum(len(v) for v in lines.values())
    if args.terms_out:
        with open(args.terms_out, "w", encoding="utf-8") as out:
            for n in range(len(groups)):
                for line in lines[n]:
                    out.write(line + "\n")
    json.dump({"articles": len(files), "workers": args.workers, "perTask": args.per_task, "tasks": len(groups),
               "ok": ok, "failed": len(files) - ok, "seconds": round(seconds, 3)}, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
