#!/usr/bin/env python3
"""Growth on the hostile inputs of issue 10 (parsing): each at size N and 2N, as whole processes.

    python benchmarks/hostile_parsing.py              # N = 100,000
    python benchmarks/hostile_parsing.py --n 20000    # quicker

Prints a Markdown table of wall time and peak memory per input and size, and the ratio 2N/N: about 2 means
linear, about 4 quadratic. Inputs: a role map holding one dotted key of N parts (refused at once now), a
GitLab CODEOWNERS of N sections (`*.py` shadowed by `*` in each: 3N lines), and `report --format html` on
a file N/100 directories deep (a recursion limit before). Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict, List, Tuple

GIT = ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgSign=false", "-c", "user.name=bench",
       "-c", "user.email=bench@example.invalid"]


def git(cwd: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def dotted_key(top: Path, n: int) -> List[str]:
    (top / "ownership.toml").write_text("a." * (n - 1) + "a = 1\n")
    return ["check"]


def gitlab_sections(top: Path, n: int) -> List[str]:
    (top / ".gitlab").mkdir()
    (top / ".gitlab" / "CODEOWNERS").write_text("".join(f"[S{i}]\n*.py @a\n* @b\n" for i in range(n)))
    return ["check"]


def deep_path(top: Path, n: int) -> List[str]:
    (top / "ownership.toml").write_text('[roles.A]\npaths = ["d/"]\n')
    blob = git(top, "hash-object", "-w", "/dev/null").strip()
    git(top, "update-index", "--add", "--cacheinfo", f"100644,{blob},{'d/' * (n // 100)}f.txt")
    return ["report", "--format", "html"]


INPUTS: Dict[str, Callable[[Path, int], List[str]]] = {
    "role map: one dotted key of N parts": dotted_key,
    "GitLab CODEOWNERS: N sections (3N lines)": gitlab_sections,
    "report --format html: a file N/100 deep": deep_path,
}


def measure(build: Callable[[Path, int], List[str]], n: int) -> Tuple[float, int, int]:
    """Wall seconds, peak RSS in KB and exit status of one whole ``ownership`` process."""
    with tempfile.TemporaryDirectory() as tmp:
        top = Path(tmp)
        git(top, "init", "-q")
        (top / "a.py").write_text("")
        args = build(top, n)
        git(top, "add", "-A")
        git(top, "commit", "-q", "-m", "hostile")
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "ownership", *args], cwd=top,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        return time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    n = parser.parse_args().n
    print("| input | N | wall N | wall 2N | ratio | peak RSS 2N | exit |")
    print("|---|---|---|---|---|---|---|")
    for name, build in INPUTS.items():
        small, big = measure(build, n), measure(build, 2 * n)
        print(f"| {name} | {n:,} | {small[0]:.2f} s | {big[0]:.2f} s | {big[0] / small[0]:.1f} | "
              f"{big[1] / 1024:.0f} MB | {big[2]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
