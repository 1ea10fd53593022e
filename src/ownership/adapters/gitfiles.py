"""The only module that runs git: where the work tree is, which files it holds, and its history."""

from __future__ import annotations

import operator
import os
from itertools import islice
from typing import IO, Iterator, List, NamedTuple, Optional, Sequence, Tuple

from ownership.adapters.fspath import AnyPath, FsPath, ancestors, clean, join
from ownership.errors import GitError

# git's messages in English whatever the user's locale, as GitPython ran it: "not a git repository" is read.
_ENGLISH = {"LANGUAGE": "C", "LC_ALL": "C"}


def _run(cwd: AnyPath, *args: str) -> bytes:
    """Run ``git ARGS`` in ``cwd`` and return its raw standard output; failures become ``GitError``.

    Through ``subprocess``, not GitPython: importing GitPython cost more than a whole report of a 1,000-file
    tree (issue 14, start-up), and all this module ever asked of it was to run git and read its output."""
    import subprocess  # lazily, for start-up time: `check FILE...` runs no git, and needs no subprocess module

    try:
        done = subprocess.run(["git", *args], cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env={**os.environ, **_ENGLISH}, check=False)
    except OSError as err:
        if err.filename == "git":  # not found, or not executable
            raise GitError("git is not installed or not on PATH") from None
        raise GitError(f"cannot run git in {cwd}: {err.strerror or err}") from None  # cwd vanished or unreadable
    if done.returncode != 0:
        message = _first_line(_as_gitpython_put_it(done.stderr)) or f"git {args[0]} failed (exit {done.returncode})"
        if "not a git repository" in message:  # git's own words name neither the directory nor what to do
            raise GitError(f"not in a git repository: {cwd}") from None
        raise GitError(message)
    return done.stdout


def _as_gitpython_put_it(stderr: bytes) -> str:
    """git's standard error as GitPython's ``GitCommandError.stderr`` held it (the messages read from it keep
    the shape they had): one line end dropped, quoted after ``stderr:``."""
    if not stderr:
        return ""
    text = (stderr[:-1] if stderr.endswith(b"\n") else stderr).decode("utf-8", "surrogateescape")
    return f"\n  stderr: '{text}'"


def _first_line(stderr: object) -> str:
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else str(stderr or "")
    lines = [line.strip() for line in text.strip().strip("'").splitlines() if line.strip()]
    message = next((line for line in lines if line.startswith("fatal:")), lines[0] if lines else "")
    return message.replace("stderr: ", "").strip().strip("'")


def worktree_top(start: AnyPath) -> FsPath:
    """The top of the work tree that holds ``start``."""
    start = clean(start)
    if not os.path.isdir(start):
        raise GitError(f"not a directory: {start}")
    if not any(name in os.environ for name in ("GIT_DIR", "GIT_WORK_TREE")):
        # The common case costs no git process (a hook checking five files should not pay for one):
        # the nearest directory holding a .git entry, as git itself finds it.
        real = clean(os.path.realpath(start))
        for directory in (real, *ancestors(real)):
            if os.path.exists(join(directory, ".git")):
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
    return clean(top)


def list_files(base: AnyPath, rev: Optional[str] = None, untracked: bool = False,
               under: Sequence[str] = ()) -> List[str]:
    """Files under ``base``, relative to it, ``/``-separated, in git's (sorted) order.

    By default the index (what the next commit holds); with ``rev`` that commit's tree. ``untracked`` adds
    untracked files that are not ignored. ``under``: only these paths (relative to ``base``) and the files
    below them, the names taken literally (``*`` in a file name is no wildcard). Names are decoded with
    surrogateescape so any byte survives.
    """
    # --literal-pathspecs: the paths a user names are names, never git's pathspec patterns or magic
    scope = ["--literal-pathspecs"] if under else []
    if rev is not None:
        tree = _verify(base, rev)  # the object name, never the user's text, goes on to ls-tree
        paths = _split(_run(base, *scope, "ls-tree", "-r", "-z", "--name-only", tree, "--", *under))
    else:
        paths = _dedupe(_split(_run(base, *scope, "ls-files", "-z", "--cached", "--", *under)))
    if untracked:
        extra = _split(_run(base, *scope, "ls-files", "-z", "--others", "--exclude-standard", "--", *under))
        paths = sorted(set(paths).union(extra), key=os.fsencode)
    return paths


def has_commit(base: AnyPath, rev: str = "HEAD") -> bool:
    """Whether ``rev`` names a commit (``HEAD`` has none before the first commit)."""
    return _commit(base, rev) is not None


def tree_of(base: AnyPath, rev: str) -> str:
    """The object name of ``rev``'s tree (to read its files with ``read_file``), or a ``GitError``."""
    return _verify(base, rev)


def _verify(base: AnyPath, rev: str) -> str:
    tree = _commit(base, rev, "tree")
    if tree is None:
        raise GitError(f"unknown revision {rev!r}: no commit or tree by that name")
    return tree


def _commit(base: AnyPath, rev: str, kind: str = "commit") -> Optional[str]:
    """The object name ``rev`` peels to (a commit, or a tree with ``kind="tree"``), or None when there is none.

    Callers pass the returned name on, never ``rev`` itself, so a revision can never be read as an option.
    """
    return _object(base, f"{rev}^{{{kind}}}")


def _object(base: AnyPath, spec: str) -> Optional[str]:
    try:
        out = _run(base, "rev-parse", "--verify", "--quiet", "--end-of-options", spec)
    except GitError:
        return None
    return out.decode("ascii").strip() or None


def commit_day(base: AnyPath, rev: str) -> str:
    """The day ``rev``'s commit was made ("YYYY-MM-DD", its committer date in the committer's zone): the "now"
    of the history findings, so that checking one commit gives the same result on any day."""
    commit = _commit(base, rev)
    if commit is None:
        raise GitError(f"unknown revision {rev!r}: no commit by that name" if rev != "HEAD" else "HEAD has no commit yet")
    return _run(base, "show", "-s", "--format=%cI", commit).decode("ascii").strip()[:10]


class Change(NamedTuple):
    """One path that differs between two trees: git's status letter, the old and the new path."""

    status: str  # A added, C copied, D deleted, M modified, R renamed, T type changed, U unmerged
    old: str
    new: str


def merge_base(base: AnyPath, ref: str, rev: Optional[str] = None) -> str:
    """The commit where ``ref`` and ``rev`` (default HEAD) diverged, as ``git diff REF...`` compares from.

    A missing ``ref`` or a missing common ancestor (typical of shallow CI clones) is a ``GitError`` that
    says what to fetch.
    """
    shallow = _run(base, "rev-parse", "--is-shallow-repository").strip() == b"true"
    deepen = "git fetch --unshallow, or fetch-depth: 0 with actions/checkout"
    target = _commit(base, ref)
    if target is None:
        remote, _, branch = ref.partition("/") if "/" in ref else ("origin", "", ref)
        hint = f"fetch it first (git fetch {remote} {branch})"
        if shallow:
            hint += f"; this clone is shallow, so fetch its history too ({deepen})"
        raise GitError(f"unknown revision {ref!r} to compare with: {hint}")
    head = _commit(base, rev or "HEAD")
    if head is None:
        raise GitError(f"unknown revision {rev!r}: no commit by that name" if rev else "HEAD has no commit yet")
    try:
        return _run(base, "merge-base", target, head).decode("ascii").strip()
    except GitError:
        why = f"this clone is shallow: fetch more history ({deepen})" if shallow else "the histories are unrelated"
        raise GitError(f"no common ancestor of {ref!r} and {rev or 'HEAD'}: {why}") from None


def changes(base: AnyPath, commit: str, rev: Optional[str] = None) -> List[Change]:
    """Paths under ``base`` (relative to it) that differ between ``commit`` and ``rev``'s tree, or the
    index when ``rev`` is None; renames are detected, as a pull request shows them."""
    args = ["diff", "--name-status", "-z", "--no-color", "--no-ext-diff", "--find-renames", "--relative"]
    if rev is None:
        args += ["--cached", commit]
    else:
        tree = _commit(base, rev, "tree")
        if tree is None:
            raise GitError(f"unknown revision {rev!r}: no commit or tree by that name")
        args += [commit, tree]
    fields = _split(_run(base, *args, "--"))
    found: List[Change] = []
    i = 0
    while i < len(fields):
        status = fields[i][:1]
        if status in ("R", "C"):
            found.append(Change(status, fields[i + 1], fields[i + 2]))
            i += 3
        else:
            found.append(Change(status, fields[i + 1], fields[i + 1]))
            i += 2
    return found


class Commit(NamedTuple):
    """One non-merge commit of a history: its author's e-mail (after .mailmap), author date (YYYY-MM-DD), and
    the ``(status, old, new)`` of each path it changed (status A, M, D, R or T; old == new but for R)."""

    email: str
    date: str
    changes: List[Tuple[str, str, str]]


SHALLOW_HINT = "fetch the history first (git fetch --unshallow, or fetch-depth: 0 with actions/checkout)"
_CHUNK = 1 << 20


def log_history(top: AnyPath, rev: str = "HEAD", since: Optional[str] = None) -> Iterator[Commit]:
    """The non-merge commits reachable from ``rev``, oldest first, with renames as ``git log -M`` finds them:
    ONE streaming ``git log`` process, read as it writes (memory does not grow with the history).

    ``since`` (YYYY-MM-DD) keeps the commits from that day on. A shallow clone is a ``GitError``: its history
    is cut, so every count from it would be wrong.
    """
    commit = _commit(top, rev)
    if commit is None:
        raise GitError(f"unknown revision {rev!r}: no commit by that name" if rev != "HEAD" else "HEAD has no commit yet")
    if _run(top, "rev-parse", "--is-shallow-repository").strip() == b"true":
        raise GitError(f"this clone is shallow: its history is cut, so authorship cannot be read; {SHALLOW_HINT}")
    args = ["git", "-c", "diff.renames=true", "log", "--no-merges", "-M", "--name-status", "-z", "--reverse",
            "--root", "--no-color", "--no-show-signature", "--use-mailmap", "--date=short",
            "--format=%x01%aE%x00%ad%x00"]
    if since is not None:
        args.append(f"--since={since}T00:00:00")
    args += [commit, "--"]
    import subprocess  # lazily, as in _run
    import tempfile

    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: git can never block on it
        try:
            process = subprocess.Popen(args, cwd=str(top), stdout=subprocess.PIPE, stderr=errors,
                                       stdin=subprocess.DEVNULL, env={**os.environ, **_ENGLISH})
        except OSError as err:
            raise GitError(f"cannot run git in {top}: {err.strerror or err}") from None
        assert process.stdout is not None
        try:
            yield from _commits(process.stdout)
        finally:
            process.stdout.close()
            status = process.wait()
        if status != 0:
            errors.seek(0)
            raise GitError(_first_line(errors.read()) or f"git log failed (exit {status})")


def _commits(stream: IO[bytes]) -> Iterator[Commit]:
    """Parse ``\\x01EMAIL\\0DATE\\0`` headers, each followed by ``STATUS\\0PATH\\0`` entries (two paths for R
    and C). Paths are read by position, so no byte of a path name can be taken for a header."""
    rest = b""
    current: Optional[Commit] = None
    pending: List[str] = []  # the fields of the header or entry being read
    need = 0  # how many fields it has
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        data = rest + chunk
        cut = data.rfind(b"\0") + 1
        rest = data[cut:]
        # One decode per chunk (cut after a NUL, so never inside a character); a name that is not UTF-8
        # keeps its bytes as surrogates, as list_files decodes it.
        for field in data[:cut].decode("utf-8", "surrogateescape").split("\0")[:-1]:
            if pending:
                pending.append(field)
                if len(pending) < need:
                    continue
            elif field[:1] == "\x01":  # a header: e-mail, then date
                pending, need = ["", field[1:]], 3
                continue
            else:
                field = field.lstrip("\n")  # git ends the header line before the first entry
                if not field:
                    continue
                pending, need = [field], (3 if field[0] in "RC" else 2)
                continue
            if pending[0] == "":
                if current is not None:
                    yield current
                current = Commit(pending[1], pending[2], [])
            elif current is not None:
                current.changes.append((pending[0][0], pending[1], pending[-1]))
            pending = []
    if current is not None:
        yield current


def read_file(base: AnyPath, commit: str, path: str) -> Optional[bytes]:
    """The content of ``path`` (relative to ``base``) in ``commit``, or None when it has no such file."""
    blob = _object(base, f"{commit}:./{path}")
    if blob is None or _run(base, "cat-file", "-t", blob).strip() != b"blob":
        return None
    return _run(base, "cat-file", "blob", blob)


def _split(output: bytes) -> List[str]:
    names = output.decode("utf-8", "surrogateescape").split("\0")
    if names and not names[-1]:
        names.pop()
    return names


def _dedupe(paths: List[str]) -> List[str]:
    # An unmerged path is listed once per conflict stage; the listing is sorted, so twins are adjacent.
    if not any(map(operator.eq, paths, islice(paths, 1, None))):  # the usual index: one pass in C, no copy
        return paths
    return [p for i, p in enumerate(paths) if i == 0 or p != paths[i - 1]]
