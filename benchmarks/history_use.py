#!/usr/bin/env python3
"""Benchmark what uses the history (issue 13): `check` with the history kinds, `suggest` and
`report --format html --history`, against `git log --no-merges -M --name-status` over the same history and
against `ownership history`; and the plain `check` (the hook), which must not read the history at all.

Runs alternate in one process tree and the table gives medians and ratios to git log (never absolute
thresholds). The history is the synthetic one of benchmarks/history.py (git fast-import, 300 authors), with
a role map whose roles name members and leave lib/ and tools/ unowned, so that every command has work.

    python benchmarks/history_use.py --commits 20000 --runs 3
    python benchmarks/history_use.py --repo /path/to/clone      # a real history (its own role map, if any)

Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from history import synthetic, timed  # noqa: E402 - the sibling benchmark's history and timer

ROLE_MAP = """\
[roles.docs]
members = ["dev001@example.com", "dev002@example.com", "dev003@example.com"]
paths = ["docs/"]

[roles.tests]
members = ["dev004@example.com", "dev005@example.com", "dev006@example.com"]
paths = ["tests/"]

[roles.code]
members = ["dev000@example.com", "dev007@example.com", "dev008@example.com", "dev009@example.com"]
paths = ["src/"]
"""

KINDS = "drift,inactive-owner,low-truck-factor"


def commands() -> Dict[str, List[str]]:
    me = [sys.executable, "-m", "ownership"]
    return {
        "git log --no-merges -M --name-status": ["git", "log", "--no-merges", "-M", "--name-status"],
        "ownership history --format json": [*me, "history", "--format", "json"],
        f"ownership check --warn-on {KINDS}": [*me, "check", "--warn-on", KINDS, "--fail-on", ""],
        "ownership suggest --format json": [*me, "suggest", "--format", "json"],
        "ownership report --format html --history": [*me, "report", "--format", "html", "--history"],
        "ownership check (the hook: no history)": [*me, "check", "--fail-on", ""],
    }


def measure(repo: Path, runs: int) -> List[List[str]]:
    if not any((repo / n).exists() for n in ("ownership.toml", ".ownership.toml")):
        (repo / "ownership.toml").write_text(ROLE_MAP)
        subprocess.run(["git", "add", "ownership.toml"], cwd=repo, check=True)
    table = commands()
    timed(table["git log --no-merges -M --name-status"], repo)  # warm the caches once
    times: Dict[str, List[float]] = {name: [] for name in table}
    for _ in range(runs):
        for name, args in table.items():
            times[name].append(timed(args, repo)[0])
    git = times["git log --no-merges -M --name-status"]
    rows = []
    for name in table:
        ratio = statistics.median(t / g for t, g in zip(times[name], git))
        rows.append([name, f"{statistics.median(times[name]):.2f}", f"{ratio:.2f}x"])
    return rows


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", help="a real repository (with a work tree) instead of the synthetic history")
    parser.add_argument("--commits", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default="/tmp/ownership-history-use-bench")
    args = parser.parse_args(argv)
    repo = Path(args.repo) if args.repo else synthetic(Path(args.work) / f"synthetic-{args.commits}", args.commits)
    commits = subprocess.run(["git", "rev-list", "--no-merges", "--count", "HEAD"], cwd=repo, check=True,
                             capture_output=True, text=True).stdout.strip()
    print(f"{repo}: {commits} commits, median of {args.runs} runs (seconds; ratio to git log in the same run)\n")
    print("| command | seconds | vs git log |\n|---|---:|---:|")
    for row in measure(repo, args.runs):
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
