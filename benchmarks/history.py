#!/usr/bin/env python3
"""Benchmark `ownership history` against the `git log` it stands on (issue 13: at most 1.5x).

Times, in one run and alternating, `ownership history --format json` and
`git log --no-merges -M --name-status` over the same history (output to /dev/null), several times each,
and prints a Markdown table of the median wall time, the ratio and the peak memory (the largest process of
each command: for `ownership history` that is git, which runs inside it; the Python process's own peak is
given apart), and the CPU time of each (user + system, git included), which a busy machine disturbs less than
the wall time. Histories:

- a real one: --repo PATH (a clone with a work tree; a role map is written into it unless it has one);
  for example a clone of github.com/git/git (about 82,000 commits, 61,000 of them not merges);
- a synthetic one of --commits N (default 100,000) commits by 300 authors over 5,000 files, with adds,
  modifications, renames, deletions and re-adds, written with `git fast-import` (cached in --work).

    python benchmarks/history.py --repo /tmp/git                # real history + the synthetic one
    python benchmarks/history.py --commits 10000 --runs 3       # quicker

Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROLE_MAP = """\
[roles.docs]
paths = ["Documentation/", "docs/", "*.md"]

[roles.tests]
paths = ["t/", "tests/", "test/"]

[roles.code]
paths = ["*.c", "*.h", "*.py", "src/", "lib/"]
"""


def synthetic(dest: Path, commits: int, seed: int = 13) -> Path:
    """A repository of ``commits`` commits written with git fast-import (built once, then reused)."""
    marker = dest / f".built-{commits}"
    if marker.exists():
        return dest
    subprocess.run(["rm", "-rf", str(dest)], check=True)
    dest.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(dest)], check=True)
    rng = random.Random(seed)
    authors = [f"dev{i:03d}@example.com" for i in range(300)]
    weights = [1.0 / (i + 1) for i in range(len(authors))]  # a few do most of the work, as in real projects
    dirs = ["src", "src/core", "src/web", "lib", "docs", "tests", "tests/unit", "tools"]
    live: List[str] = []
    gone: List[str] = []
    serial = 0
    start = 1_400_000_000
    process = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=dest, stdin=subprocess.PIPE)
    assert process.stdin is not None
    out = process.stdin
    for n in range(commits):
        who = rng.choices(authors, weights)[0]
        when = start + n * 600
        ops: List[str] = []
        roll = rng.random()
        if not live or (roll < 0.08 and len(live) < 5000):
            serial += 1
            path = f"{rng.choice(dirs)}/file{serial}.txt"
            live.append(path)
            ops.append(f"M 100644 inline {path}\ndata <<EOF\n{path} {n}\n{'x' * 200}\nEOF\n")
        elif roll < 0.10:
            old = rng.choice(live)
            serial += 1
            new = f"{rng.choice(dirs)}/moved{serial}.txt"
            live[live.index(old)] = new
            ops.append(f"R {old} {new}\n")
        elif roll < 0.11 and len(live) > 100:
            old = live.pop(rng.randrange(len(live)))
            gone.append(old)
            ops.append(f"D {old}\n")
        elif roll < 0.115 and gone:
            back = gone.pop(rng.randrange(len(gone)))
            live.append(back)
            ops.append(f"M 100644 inline {back}\ndata <<EOF\n{back} back {n}\n{'y' * 200}\nEOF\n")
        else:
            for path in rng.sample(live, min(len(live), rng.randint(1, 3))):
                ops.append(f"M 100644 inline {path}\ndata <<EOF\n{path} {n}\n{'z' * 200}\nEOF\n")
        header = (f"commit refs/heads/main\nauthor {who.split('@')[0]} <{who}> {when} +0000\n"
                  f"committer {who.split('@')[0]} <{who}> {when} +0000\ndata <<EOF\nchange {n}\nEOF\n")
        out.write((header + "".join(ops) + "\n").encode())
    out.close()
    if process.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=dest, check=True)
    marker.write_text("")
    return dest


def timed(args: List[str], cwd: Path) -> Tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system, the command and the processes it ran) and peak RSS (KiB, the
    largest process) of one run, output discarded."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(args, cwd=cwd, stdout=sink, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(args)} failed in {cwd}: {process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def python_peak(repo: Path) -> float:
    """The Python process's own peak memory (MiB) while reading the history."""
    code = ("import resource, sys; from pathlib import Path; from ownership.adapters.history import read_authorship;"
            " read_authorship(Path('.')); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], cwd=repo, check=True, capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024


def measure(name: str, repo: Path, runs: int) -> Dict[str, object]:
    if not any((repo / n).exists() for n in ("ownership.toml", ".ownership.toml", "CODEOWNERS")):
        (repo / "ownership.toml").write_text(ROLE_MAP)
    commits = subprocess.run(["git", "rev-list", "--no-merges", "--count", "HEAD"], cwd=repo, check=True,
                             capture_output=True, text=True).stdout.strip()
    ours = [sys.executable, "-m", "ownership", "history", "--format", "json"]
    theirs = ["git", "log", "--no-merges", "-M", "--name-status"]
    timed(theirs, repo)  # warm the caches once
    times: Dict[str, List[float]] = {"ours": [], "git": []}
    cpu: Dict[str, List[float]] = {"ours": [], "git": []}
    peaks: Dict[str, int] = {"ours": 0, "git": 0}
    for _ in range(runs):
        for key, args in (("git", theirs), ("ours", ours)):
            seconds, used, peak = timed(args, repo)
            times[key].append(seconds)
            cpu[key].append(used)
            peaks[key] = max(peaks[key], peak)
    ratios = [o / g for o, g in zip(times["ours"], times["git"])]
    cpu_ratios = [o / g for o, g in zip(cpu["ours"], cpu["git"])]
    return {
        "name": name, "commits": int(commits), "git": statistics.median(times["git"]),
        "ours": statistics.median(times["ours"]), "ratio": statistics.median(ratios),
        "git_cpu": statistics.median(cpu["git"]), "ours_cpu": statistics.median(cpu["ours"]),
        "cpu_ratio": statistics.median(cpu_ratios),
        "git_peak": peaks["git"] / 1024, "ours_peak": peaks["ours"] / 1024, "python_peak": python_peak(repo),
    }


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", action="append", default=[], help="a real repository (with a work tree)")
    parser.add_argument("--commits", type=int, default=100_000, help="commits of the synthetic history")
    parser.add_argument("--no-synthetic", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default="/tmp/ownership-history-bench")
    args = parser.parse_args(argv)
    rows = [measure(Path(r).name, Path(r), args.runs) for r in args.repo]
    if not args.no_synthetic:
        repo = synthetic(Path(args.work) / f"synthetic-{args.commits}", args.commits)
        rows.append(measure(f"synthetic ({args.commits:,} commits, fast-import)", repo, args.runs))
    print("| history | non-merge commits | `git log --no-merges -M --name-status` | `ownership history` | ratio "
          "| CPU: git log / ownership | CPU ratio | peak memory: git log / ownership (its git) / its Python |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        print(f"| {row['name']} | {row['commits']:,} | {row['git']:.2f} s | {row['ours']:.2f} s | "
              f"{row['ratio']:.2f}x | {row['git_cpu']:.2f} s / {row['ours_cpu']:.2f} s | {row['cpu_ratio']:.2f}x | "
              f"{row['git_peak']:.0f} / {row['ours_peak']:.0f} / {row['python_peak']:.0f} MiB |")
    print(f"\nMedians of {args.runs} alternating runs; ratio: the median of the per-pair ratios. "
          f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
