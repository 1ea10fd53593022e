#!/usr/bin/env python3
"""Benchmark `ownership report --format json` as a whole process on real and synthetic trees.

Builds git repositories with ../shared/bench/make-repo (from the real corpora in ../shared/corpora and
from ../shared/bench/make-synthetic), writes a role map for each from its CODEOWNERS (one role per
distinct owner set, every valid pattern kept), runs whole commands several times and prints a Markdown
table of median wall time and peak memory: `ownership report --format json` with the role map and with
the CODEOWNERS file, `ownership check` of five files (what a hook does), the PyPI `codeowners` library
resolving every file `git ls-files` lists (benchmarks/pypi_codeowners.py; `pip install codeowners`), and
`git ls-files` itself.

    python benchmarks/run.py                 # the real corpora and 100,000 files x 1,000 rules
    python benchmarks/run.py --size 1m       # adds 1,000,000 files x 5,000 rules (minutes to build)
    python benchmarks/run.py --size 200k --size 400k   # growth: doubling files and rules
    python benchmarks/run.py --quick         # one small synthetic tree: what CI runs to keep this working
    python benchmarks/run.py --floor         # only `who` and the report against the floor (issue 14):
                                             # `who` with 2,000 paths as a ratio to one `report`, and
                                             # `report` as a ratio to the Python floor (benchmarks/floor.py)
    python benchmarks/run.py --adversarial   # only the worst patterns found: 10,000 files x 10,000 rules
                                             # that all match, star-heavy globs, 4,096-byte paths; and one
                                             # 4,001-byte path x 10 or 40 rules of `**/a/` x 1,000 (issue 10)
    python benchmarks/run.py --waits         # only where a person waits (issue 14): start-up, and a hook's
                                             # check of 5 files against 5,000 rules, as ratios

Trees are cached in --work (default: /tmp/ownership-bench). Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Tuple

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
SYNTHETIC = {
    "1k": (1_000, 50),
    "quick": (10_000, 200),
    "100k": (100_000, 1_000),
    "200k": (200_000, 2_000),
    "400k": (400_000, 4_000),
    "1m": (1_000_000, 5_000),
}
COMPETITOR_LIMIT = 200_000  # files: past this the PyPI library takes minutes per run


def build_repo(corpus: Path, dest: Path) -> Path:
    """A repository holding the corpus's file list (cached), with a role map from its CODEOWNERS."""
    if not (dest / ".git").is_dir():
        shutil.rmtree(dest, ignore_errors=True)
        subprocess.run([str(SHARED / "bench" / "make-repo"), "--fast-import", str(corpus), str(dest)],
                       check=True, stdout=subprocess.DEVNULL)
    (dest / "ownership.toml").write_text(rolemap_from_codeowners((corpus / "CODEOWNERS").read_text()))
    shutil.copyfile(corpus / "CODEOWNERS", dest / "CODEOWNERS.bench")
    return dest


def rolemap_from_codeowners(text: str) -> str:
    """A role map with one role per distinct owner set; lines our patterns reject are left out."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from ownership.errors import PatternError
    from ownership.core.patterns import Pattern

    roles: Dict[str, List[str]] = {}
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) < 2:
            continue
        try:
            Pattern(fields[0])
        except PatternError:
            continue
        roles.setdefault(" ".join(fields[1:]), []).append(fields[0])
    out = ['[settings]\nresolution = "specific"\n']
    for name, globs in roles.items():
        out.append(f"[roles.{json.dumps(name)}]\npaths = {json.dumps(globs)}\n")
    return "\n".join(out)


ADVERSARIAL_GLOBS = (
    "*", "**", "*.py", "a/", "**/a/**/f*", "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*c",
    "/".join(["**", "a"] * 20) + "/**", "?a?a?a?a*a*a*a*a*a*?",
)


def build_adversarial(dest: Path, files: int = 10_000, rules: int = 10_000) -> Path:
    """A repository whose every path is 4,096 bytes deep and whose role map's rules all match every file
    (one role, resolution last, so the report stays small and only matching is measured)."""
    if not (dest / ".git").is_dir():
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        subprocess.run(["git", "init", "-q", "--initial-branch=main"], cwd=dest, check=True)
        prefix = "/".join(["a"] * 2030)  # 4,059 bytes, then a name of up to 37
        stream = [b"blob\nmark :1\ndata 0\n", b"commit refs/heads/main\ncommitter b <b@b> 0 +0000\ndata 0\n"]
        for i in range(files):
            stream.append(f"M 100644 :1 {prefix}/f{'a' * 24}{i:05d}.py\n".encode())
        subprocess.run(["git", "fast-import", "--quiet"], cwd=dest, input=b"".join(stream), check=True)
        subprocess.run(["git", "reset", "-q"], cwd=dest, check=True)
    globs = [ADVERSARIAL_GLOBS[i % len(ADVERSARIAL_GLOBS)] for i in range(rules)]
    (dest / "ownership.toml").write_text(
        '[settings]\nresolution = "last"\n\n[roles."Everyone"]\npaths = ' + json.dumps(globs) + "\n")
    (dest / "CODEOWNERS.bench").write_text("".join(f"{glob} @everyone\n" for glob in globs))
    return dest


def build_deep(dest: Path, rules: int = 40) -> Path:
    """Issue 10, point 7: one committed 4,001-character path ``a/a/…/f`` and ``rules`` distinct rules of
    ``**/a/`` x 1,000 (each a few ``a/`` longer), every one of which owns the file."""
    if not (dest / ".git").is_dir():
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        subprocess.run(["git", "init", "-q", "--initial-branch=main"], cwd=dest, check=True)
        stream = [b"blob\nmark :1\ndata 0\n", b"commit refs/heads/main\ncommitter b <b@b> 0 +0000\ndata 0\n",
                  f"M 100644 :1 {'a/' * 2000}f\n".encode()]
        subprocess.run(["git", "fast-import", "--quiet"], cwd=dest, input=b"".join(stream), check=True)
        subprocess.run(["git", "reset", "-q"], cwd=dest, check=True)
    globs = ["**/a/" * 1000 + "a/" * i for i in range(rules)]
    (dest / "ownership.toml").write_text('[settings]\nresolution = "last"\n\n' + "".join(
        f'[roles."r{i}"]\npaths = {json.dumps([glob])}\n' for i, glob in enumerate(globs)))
    (dest / "CODEOWNERS.bench").write_text("".join(f"{glob} @r{i}\n" for i, glob in enumerate(globs)))
    return dest


def waits(work: Path, runs: int) -> None:
    """Issue 14: what a person waits for, as ratios measured side by side (each round runs every command once,
    so a busy machine slows them alike): ``ownership --version`` to ``python -c pass``; a hook's ``check`` of 5
    files against the 5,000-line CODEOWNERS of the million-file corpus, against the role map made from it (one
    role per owner set, paths only) and against the one ``ownership import`` writes from it, and a report of
    a 1,000-file tree with 50 rules, to ``ownership --version``. Medians of wall and CPU time."""
    corpus = synthetic_corpus(work, "1m")
    big = build_repo(corpus, work / "synthetic-1m")
    five = [line for line in (corpus / "files.txt").read_text().splitlines()][:: 1_000_000 // 5][:5]
    alone = work / "hook-codeowners"  # the CODEOWNERS file with no role map beside it, as most repositories have
    if not (alone / ".git").is_dir():
        alone.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "init", "-q", str(alone)], check=True)
    (alone / ".github").mkdir(exist_ok=True)
    shutil.copyfile(corpus / "CODEOWNERS", alone / ".github" / "CODEOWNERS")
    # The role map `ownership import` writes from that CODEOWNERS: a description and owners on every role
    # (681 KB against the 345 KB of the one above, for the same patterns), beside the CODEOWNERS file.
    imported = work / "hook-imported"
    if not (imported / "ownership.toml").exists():
        shutil.rmtree(imported, ignore_errors=True)
        imported.mkdir(parents=True)
        subprocess.run(["git", "init", "-q", str(imported)], check=True)
        (imported / ".github").mkdir()
        shutil.copyfile(corpus / "CODEOWNERS", imported / ".github" / "CODEOWNERS")
        subprocess.run([sys.executable, "-m", "ownership", "import"], cwd=imported, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for tree in (alone, big, imported):  # on disk, as a hook's staged files are: a stat each, no `git ls-files`
        for name in five:
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            (tree / name).touch()
    small = build_repo(synthetic_corpus(work, "1k"), work / "synthetic-1k")
    # Byte-compile the package first: with PYTHONDONTWRITEBYTECODE set, every run would otherwise compile each
    # module changed since its last .pyc, which an installed package never does.
    compileall.compile_dir(str(HERE.parent / "src"), quiet=1)
    script = Path(sys.executable).parent / "ownership"
    ownership = [str(script)] if script.exists() else [sys.executable, "-m", "ownership"]
    commands = {
        "`python -c pass`": ([sys.executable, "-c", "pass"], small),
        "`python -c 'import click'` (the floor of any click command)": ([sys.executable, "-c", "import click"], small),
        "`ownership --version`": ([*ownership, "--version"], small),
        "hook: `check` 5 files, CODEOWNERS of 5,000 lines": ([*ownership, "check", *five], alone),
        "hook: `check` 5 files, role map of 5,000 patterns": ([*ownership, "check", *five], big),
        "hook: `check` 5 files, the role map `ownership import` writes from that CODEOWNERS": (
            [*ownership, "check", *five], imported),
        "`report` of 1,000 files, 50 rules": ([*ownership, "report"], small),
    }
    walls: Dict[str, List[float]] = {name: [] for name in commands}
    cpus: Dict[str, List[float]] = {name: [] for name in commands}
    for _ in range(max(runs, 3)):
        for name, (command, cwd) in commands.items():
            start = time.perf_counter()
            process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(process.pid, 0)
            walls[name].append(time.perf_counter() - start)
            cpus[name].append(usage.ru_utime + usage.ru_stime)
            if os.waitstatus_to_exitcode(status) not in (0, 1):
                raise SystemExit(f"{' '.join(command)} failed in {cwd}: {process.stderr.read().decode()}")
    wall = {name: statistics.median(times) for name, times in walls.items()}
    cpu = {name: statistics.median(times) for name, times in cpus.items()}
    print(f"| where a person waits (median of {max(runs, 3)}) | wall | ratio | CPU | ratio | to |")
    print("|---|---:|---:|---:|---:|---|")
    for name in commands:
        to = "`python -c pass`" if name.startswith(("`ownership --version`", "`python -c 'import")) else "`ownership --version`"
        if name == "`python -c pass`":
            print(f"| {name} | {wall[name] * 1000:.0f} ms | | {cpu[name] * 1000:.0f} ms | | |")
            continue
        print(f"| {name} | {wall[name] * 1000:.0f} ms | {wall[name] / wall[to]:.2f}x | {cpu[name] * 1000:.0f} ms "
              f"| {cpu[name] / cpu[to]:.2f}x | {to} |", flush=True)


def synthetic_corpus(work: Path, size: str) -> Path:
    """The synthetic corpus of ``size`` (files x rules), written once into ``work``."""
    files, rules = SYNTHETIC[size]
    corpus = work / f"synthetic-{size}-corpus"
    if not (corpus / "CODEOWNERS").exists():
        subprocess.run([sys.executable, str(SHARED / "bench" / "make-synthetic"), "-n", str(files), "-r",
                        str(rules), str(corpus)], check=True, stdout=subprocess.DEVNULL)
    return corpus


def measure(command: List[str], cwd: Path, runs: int) -> Tuple[float, float]:
    """Median wall seconds and the largest peak resident memory (MiB) over ``runs`` runs."""
    walls, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed in {cwd}: exit {code}: {process.stderr.read().decode()}")
    return statistics.median(walls), max(peaks)


# Runs a command and reports its own wall time, CPU and peak memory on its last stderr line. A child's peak
# (ru_maxrss) counts the memory of the process it was forked from until its exec: measured from this small
# launcher, not from run.py (which holds a million paths), the peak is the command's.
LAUNCHER = """
import os, subprocess, sys, time
start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(process.pid, 0)
wall = time.perf_counter() - start
sys.stderr.write(f"\\n{wall} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}\\n")
raise SystemExit(os.waitstatus_to_exitcode(status))
"""


def side_by_side(commands: Dict[str, List[str]], cwd: Path, runs: int) -> Dict[str, Tuple[float, float, float]]:
    """Each command ``runs`` times, taking turns (so a noisy machine slows them alike): per command the median
    wall seconds, the median CPU seconds (user + system, git's included) and the largest peak memory (MiB)."""
    samples: Dict[str, List[Tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            done = subprocess.run([sys.executable, "-c", LAUNCHER, *command], cwd=cwd, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
            if done.returncode not in (0, 1):
                raise SystemExit(f"{name} failed in {cwd}: exit {done.returncode}: {done.stderr.decode()}")
            wall, cpu, peak = map(float, done.stderr.decode().rsplit("\n", 2)[-2].split())
            samples[name].append((wall, cpu, peak / 1024))
    return {name: (statistics.median(s[0] for s in runs_), statistics.median(s[1] for s in runs_),
                   max(s[2] for s in runs_)) for name, runs_ in samples.items()}


def where_people_wait(trees: List[Tuple[str, Path]], runs: int) -> None:
    """Issue 14: `who` with 2,000 paths of a tree as a ratio to one whole report of it (role map and
    CODEOWNERS), and the whole-tree report as a ratio to the Python floor (benchmarks/floor.py: `git ls-files
    -z` read, split and grouped by directory), in time and peak memory, side by side in one run."""
    ownership = [sys.executable, "-m", "ownership"]
    print("\n| tree | files | `report` | `who` 2,000 paths | ratio | CODEOWNERS `report` | `who` 2,000 paths | ratio |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, repo in trees:
        files = subprocess.run(["git", "ls-files"], cwd=repo, capture_output=True, text=True).stdout.split("\n")[:-1]
        if len(files) < 2_000:
            continue
        paths = files[:: len(files) // 2_000][:2_000]
        row = []
        for rules in ([], ["--codeowners", "CODEOWNERS.bench"]):
            found = side_by_side({"report": [*ownership, "report", *rules, "--format", "json"],
                                  "who": [*ownership, "who", *rules, "--format", "json", *paths]}, repo, runs)
            (report, _, _), (who, _, _) = found["report"], found["who"]
            row.append(f"{report:.2f} s | {who:.2f} s | {who / report:.2f}x")
        print(f"| {name} | {len(files):,} | {' | '.join(row)} |", flush=True)
    print("\n| tree | floor | `report` | time ratio | floor CPU | `report` CPU | CPU ratio "
          "| floor peak | `report` peak | memory ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, repo in trees:
        found = side_by_side({"floor": [sys.executable, str(HERE / "floor.py")],
                              "report": [*ownership, "report", "--format", "json"]}, repo, runs)
        (floor, floor_cpu, floor_peak), (report, cpu, peak) = found["floor"], found["report"]
        print(f"| {name} | {floor:.2f} s | {report:.2f} s | {report / floor:.1f}x | {floor_cpu:.2f} s | {cpu:.2f} s "
              f"| {cpu / floor_cpu:.1f}x | {floor_peak:.0f} MiB | {peak:.0f} MiB | {peak / floor_peak:.2f}x |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", action="append", choices=sorted(SYNTHETIC), help="synthetic sizes to add")
    parser.add_argument("--quick", action="store_true", help="only the small synthetic tree, one run each")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/ownership-bench"))
    parser.add_argument("--adversarial", action="store_true",
                        help="only the adversarial tree: rules that all match, star-heavy globs, 4,096-byte paths")
    parser.add_argument("--floor", action="store_true",
                        help="only `who` against `report`, and `report` against the Python floor (synthetic trees)")
    parser.add_argument("--waits", action="store_true",
                        help="only where a person waits: start-up and a hook against 5,000 rules, as ratios")
    args = parser.parse_args()
    if not args.adversarial and not (SHARED / "bench" / "make-repo").exists():
        print(f"skipped: {SHARED} (corpora and bench tools) is not here")
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    if args.waits:
        waits(args.work, 1 if args.quick else max(args.runs, 11))
        return 0
    ownership = [sys.executable, "-m", "ownership"]
    sizes = ["quick"] if args.quick else ["100k", *(args.size or [])]
    runs = 1 if args.quick else args.runs

    trees: List[Tuple[str, Path]] = []
    if args.adversarial:
        sizes = []
        trees.append(("adversarial: every rule matches every 4 KB path", build_adversarial(args.work / "adversarial")))
        for rules in (10, 40):
            trees.append((f"adversarial: one 4,001-byte path, {rules} rules of `**/a/` x 1,000",
                           build_deep(args.work / f"deep-{rules}", rules)))
    elif not args.quick and not args.floor:
        for corpus in sorted((SHARED / "corpora").iterdir()):
            trees.append((corpus.name, build_repo(corpus, args.work / corpus.name)))
    for size in dict.fromkeys(sizes):
        files, rules = SYNTHETIC[size]
        corpus = args.work / f"synthetic-{size}-corpus"
        if not (corpus / "CODEOWNERS").exists():
            subprocess.run([sys.executable, str(SHARED / "bench" / "make-synthetic"), "-n", str(files), "-r",
                            str(rules), str(corpus)], check=True, stdout=subprocess.DEVNULL)
        trees.append((f"synthetic {files:,} x {rules:,}", build_repo(corpus, args.work / f"synthetic-{size}")))
    if args.floor:
        where_people_wait(trees, runs)
        return 0

    try:
        import codeowners  # noqa: F401
        competitor = [sys.executable, str(HERE / "pypi_codeowners.py"), "CODEOWNERS.bench"]
    except ImportError:
        competitor = []
        print("(the PyPI codeowners library is not installed: pip install codeowners to compare)\n")
    report = [*ownership, "report", "--format", "json"]
    print("| tree | files | rules | role map | CODEOWNERS | peak memory | check 5 files "
          "| PyPI `codeowners` | ratio | `git ls-files` |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, repo in trees:
        summary = json.loads(subprocess.run(report, cwd=repo, capture_output=True, check=True).stdout)["summary"]
        rules = sum(len(line.split('", "')) for line in (repo / "ownership.toml").read_text().splitlines()
                    if line.startswith("paths = "))
        wall, peak = measure(report, repo, runs)
        co_wall, co_peak = measure([*report, "--codeowners", "CODEOWNERS.bench"], repo, runs)
        five = subprocess.run(["git", "ls-files"], cwd=repo, capture_output=True, text=True).stdout.split("\n")[:-1]
        hook_wall, _ = measure([*ownership, "check", *five[:: max(1, len(five) // 5)][:5]], repo, runs)
        git_wall, _ = measure(["git", "ls-files", "-z"], repo, runs)
        if competitor and summary["files"] <= COMPETITOR_LIMIT and "`**/a/`" not in name:  # regexes: no end
            other, _ = measure(competitor, repo, max(1, runs // 2))
            versus = f"{other:.2f} s | {other / co_wall:.0f}x"
        else:
            versus = "not run | "
        print(f"| {name} | {summary['files']:,} | {rules:,} | {wall:.2f} s | {co_wall:.2f} s "
              f"| {max(peak, co_peak):.0f} MiB | {hook_wall:.2f} s | {versus} | {git_wall:.3f} s |", flush=True)
    if not args.adversarial:
        where_people_wait([(name, repo) for name, repo in trees if name.startswith("synthetic")], runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
