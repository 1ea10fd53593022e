"""The only module that runs git: where the work tree is, and which files it holds (via GitPython)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

from ownership.errors import GitError

if TYPE_CHECKING:  # GitPython is imported lazily: `ownership --help` must not pay for it
    from types import ModuleType


def _gitpython() -> "ModuleType":
    try:
        import git
    except ImportError:  # GitPython refuses to import when it finds no git executable
        raise GitError("git is not installed or not on PATH") from None
    return git


def _run(cwd: Path, *args: str) -> bytes:
    """Run ``git ARGS`` in ``cwd`` and return its raw standard output; failures become ``GitError``."""
    git = _gitpython()
    try:
        output = git.Git(str(cwd)).execute(["git", *args], stdout_as_string=False, strip_newline_in_stdout=False)
    except git.GitCommandNotFound:
        raise GitError("git is not installed or not on PATH") from None
    except git.GitCommandError as err:
        raise GitError(_first_line(err.stderr) or f"git {args[0]} failed (exit {err.status})") from None
    assert isinstance(output, bytes)
    return output


def _first_line(stderr: object) -> str:
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else str(stderr or "")
    lines = [line.strip() for line in text.strip().strip("'").splitlines() if line.strip()]
    message = next((line for line in lines if line.startswith("fatal:")), lines[0] if lines else "")
    return message.replace("stderr: ", "").strip().strip("'")


def worktree_top(start: Path) -> Path:
    """The top of the work tree that holds ``start``."""
    if not start.is_dir():
        raise GitError(f"not a directory: {start}")
    if not any(name in os.environ for name in ("GIT_DIR", "GIT_WORK_TREE")):
        # The common case costs no git process (a hook checking five files should not pay for one):
        # the nearest directory holding a .git entry, as git itself finds it.
        for directory in (start.resolve(), *start.resolve().parents):
            if (directory / ".git").exists():
                return directory
    try:
        out = _run(start, "rev-parse", "--show-toplevel")
    except GitError as err:
        if "not a git repository" in err.message:
            raise GitError(f"not in a git repository: {start}") from None
        if "must be run in a work tree" in err.message:
            raise GitError(f"not in a git work tree (a bare repository?): {start}") from None
        raise
    top = os.fsdecode(out.strip(b"\n"))
    if not top:
        raise GitError(f"not in a git work tree: {start}")
    return Path(top)


def list_files(base: Path, rev: Optional[str] = None, untracked: bool = False) -> List[str]:
    """Files under ``base``, relative to it, ``/``-separated, in git's (sorted) order.

    By default the index (what the next commit holds); with ``rev`` that commit's tree. ``untracked`` adds
    untracked files that are not ignored. Names are decoded with surrogateescape so any byte survives.
    """
    if rev is not None:
        _verify(base, rev)
        paths = _split(_run(base, "ls-tree", "-r", "-z", "--name-only", f"{rev}^{{tree}}", "--"))
    else:
        paths = _dedupe(_split(_run(base, "ls-files", "-z", "--cached", "--")))
    if untracked:
        extra = _split(_run(base, "ls-files", "-z", "--others", "--exclude-standard", "--"))
        paths = sorted(set(paths).union(extra), key=os.fsencode)
    return paths


def _verify(base: Path, rev: str) -> None:
    try:
        _run(base, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{tree}}")
    except GitError:
        raise GitError(f"unknown revision {rev!r}: no commit or tree by that name") from None


def _split(output: bytes) -> List[str]:
    names = output.decode("utf-8", "surrogateescape").split("\0")
    if names and not names[-1]:
        names.pop()
    return names


def _dedupe(paths: List[str]) -> List[str]:
    # An unmerged path is listed once per conflict stage; the listing is sorted, so twins are adjacent.
    return [p for i, p in enumerate(paths) if i == 0 or p != paths[i - 1]]
