"""The file list a report reads from git's index: each path once, even mid-merge."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Callable

from conftest import git


def test_a_path_in_conflict_is_counted_once(repo: Callable[..., Path], run: Callable) -> None:
    """An unmerged path sits in the index once per stage (base, ours, theirs); `git ls-files` lists it so."""
    top = repo({"ownership.toml": '[roles.dev]\npaths = ["*.txt"]\n', "a.txt": "base\n", "b.txt": "b\n"})
    git(top, "checkout", "-q", "-b", "other")
    (top / "a.txt").write_text("theirs\n")
    git(top, "commit", "-q", "-am", "theirs")
    git(top, "checkout", "-q", "main")
    (top / "a.txt").write_text("ours\n")
    git(top, "commit", "-q", "-am", "ours")
    merge = subprocess.run(["git", "merge", "-q", "other"], cwd=top, capture_output=True)
    assert merge.returncode != 0 and git(top, "ls-files", "-z").split("\0").count("a.txt") == 3
    code, out, err = run(["report", "--list"], cwd=top)
    assert (code, err) == (0, "")
    assert "\n  files          3\n" in out and "\ndev (2)\n  a.txt\n  b.txt\n" in out
    code, out, err = run(["report", "--format", "json"], cwd=top)
    assert json.loads(out)["summary"]["files"] == 3  # a.txt, b.txt and ownership.toml
