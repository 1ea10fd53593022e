"""Hostile input: every bad role map, CODEOWNERS, repository state or argument gets one line on stderr and exit 2.

One case per row, the message asserted exactly; never a traceback (the ``run`` fixture calls ``main``
in-process, so an unexpected exception would fail the test with its own traceback).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, List, Optional

import pytest

from ownership.adapters import rulefiles as config
from ownership.adapters.writing import write_atomically
from conftest import SRC, git

VALID = '[roles.a]\npaths = ["a.py"]\n'

# --- the role map ---------------------------------------------------------------------------------------

ROLEMAPS = [
    ("empty", b"", 'ownership.toml:1:1: no roles: add a [roles."NAME"] table with paths = [...]'),
    ("whitespace only", b"  \n\t\n   \n", 'ownership.toml:1:1: no roles: add a [roles."NAME"] table with paths = [...]'),
    ("comment only", b"# nothing\n", 'ownership.toml:1:1: no roles: add a [roles."NAME"] table with paths = [...]'),
    ("unclosed table header", b"[roles\n",
     "ownership.toml:1:7: invalid TOML: expected ']' at the end of a table declaration"),
    ("unclosed string", b'[roles.a]\npaths = ["a.py]\n', "ownership.toml:2:16: invalid TOML: illegal character '\\n'"),
    ("unclosed array", b'[roles.a]\npaths = ["a.py"\n', "ownership.toml:3:1: invalid TOML: unclosed array"),
    ("duplicate key", b'[roles.a]\npaths = ["a"]\npaths = ["b"]\n', "ownership.toml:3:14: invalid TOML: cannot overwrite a value"),
    ("deep nesting", b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n",
     "ownership.toml: invalid TOML: arrays or inline tables nested too deeply"),
    ("roles is a string", b'roles = "a"\n', "ownership.toml:1:9: roles must be a table, not a string"),
    ("role is an array", b"roles = { a = [] }\n", "ownership.toml:1:15: role 'a' must be a table, not an array"),
    ("paths is a string", b'[roles.a]\npaths = "a.py"\n',
     "ownership.toml:2:9: role 'a': paths must be an array of strings, not a string"),
    ("paths item is a table", b'[roles.a]\npaths = [{x = 1}]\n',
     "ownership.toml:2:10: role 'a': paths: item 1 must be a string, not a table"),
    ("paths item is a date", b"[roles.a]\npaths = [1979-05-27]\n",
     "ownership.toml:2:10: role 'a': paths: item 1 must be a string, not date"),
    ("owners is a boolean", b'[roles.a]\npaths = ["a.py"]\nowners = true\n',
     "ownership.toml:3:10: role 'a': owners must be an array of strings, not a boolean"),
    ("owner is not a handle", b'[roles.a]\npaths = ["a.py"]\nowners = ["a b"]\n',
     "ownership.toml:3:11: role 'a': owner 'a b' is not @user, @org/team, @@role or an e-mail address"),
    ("description is a number", b'[roles.a]\npaths = ["a.py"]\ndescription = 1.5\n',
     "ownership.toml:3:15: role 'a': description must be a string"),
    ("settings is an array", b'settings = []\n' + VALID.encode(), "ownership.toml:1:12: settings must be a table, not an array"),
    ("resolution is a number", b"[settings]\nresolution = 3\n" + VALID.encode(),
     "ownership.toml:2:14: settings.resolution must be one of specific, last, strict; got 3"),
    ("resolution is unknown", b'[settings]\nresolution = "first"\n' + VALID.encode(),
     "ownership.toml:2:14: settings.resolution must be one of specific, last, strict; got 'first'"),
    ("ignore is a string", b'[settings]\nignore = "x"\n' + VALID.encode(),
     "ownership.toml:2:10: settings.ignore must be an array of strings, not a string"),
    ("phases is a string", b'phases = "x"\n' + VALID.encode(), "ownership.toml:1:10: phases must be a table, not a string"),
    ("phase is a number", b'[phases]\ntrain = 1\n' + VALID.encode(),
     "ownership.toml:2:9: phase 'train' must be an array of strings, not an integer"),
    ("accountable is a string", VALID.encode() + b'accountable = "x"\n',
     "ownership.toml:3:15: role 'a': accountable must be an array of strings, not a string"),
    ("unknown top-level key", b"[rules]\n" + VALID.encode(),
     "ownership.toml:1:1: unknown key 'rules' in top-level; did you mean 'roles'?"),
    ("unknown role key", VALID.encode() + b"owner = []\n",
     "ownership.toml:3:1: unknown key 'owner' in role 'a'; did you mean 'owners'?"),
    ("unknown settings key", b"[settings]\nmode = 1\n" + VALID.encode(),
     "ownership.toml:2:1: unknown key 'mode' in settings (known: resolution, ignore)"),
    ("role without paths", b"[roles.a]\n", "ownership.toml:1:1: role 'a' has no paths"),
    ("not UTF-8", b'[roles.a]\npaths = ["\xff"]\n', "ownership.toml:2:11: not UTF-8 text: invalid byte 0xff"),
    ("UTF-16", VALID.encode("utf-16"), "ownership.toml:1:1: not UTF-8 text: invalid byte 0xff"),
    ("NUL byte", b'[roles.a]\npaths = ["a\x00"]\n',
     "ownership.toml:2:12: invalid TOML: illegal character '\\x00'"),
    ("empty pattern", b'[roles.a]\npaths = [""]\n', "ownership.toml:2:10: empty pattern"),
    ("negated pattern", b'[roles.a]\npaths = ["!a.py"]\n',
     "ownership.toml:2:10: pattern '!a.py': negation with '!' is not supported by CODEOWNERS"),
    ("empty segment", b'[roles.a]\npaths = ["a//b"]\n',
     "ownership.toml:2:10: pattern 'a//b' has an empty segment ('//') and can never match"),
    ("unfinished escape", b'[roles.a]\npaths = ["a\\\\"]\n',
     "ownership.toml:2:10: pattern 'a\\\\' ends with an unfinished escape '\\'"),
]


@pytest.mark.parametrize("text, message", [case[1:] for case in ROLEMAPS], ids=[case[0] for case in ROLEMAPS])
def test_a_bad_role_map_is_one_line_and_exit_2(repo: Callable[..., Path], run: Callable, text: bytes,
                                               message: str) -> None:
    top = repo({"a.py": ""})
    (top / "ownership.toml").write_bytes(text)
    assert run(["check"], cwd=top) == (2, "", f"ownership: error: {message}\n")


def test_a_bom_is_read_as_utf8(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"a.py": ""})
    (top / "ownership.toml").write_bytes(b"\xef\xbb\xbf" + VALID.encode())
    assert run(["check"], cwd=top) == (0, "ok: 1 file checked, no problems\n", "")


def test_a_crlf_role_map_is_read(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"a.py": ""})
    (top / "ownership.toml").write_bytes(VALID.replace("\n", "\r\n").encode())
    assert run(["check"], cwd=top) == (0, "ok: 1 file checked, no problems\n", "")


def test_a_50_mb_role_map_is_refused_without_reading_it_all(repo: Callable[..., Path], run: Callable) -> None:
    """The limit is 8 MB (``config.READ_LIMIT``): 50 MB of TOML would take ~9 s and ~750 MB to parse."""
    top = repo({"a.py": ""})
    with open(top / "ownership.toml", "wb") as handle:
        handle.write(b'[roles.a]\npaths = [\n')
        line = b'  "' + b"x" * 60 + b'",\n'
        handle.write(line * (50 * 1024 * 1024 // len(line)))
        handle.write(b"]\n")
    assert run(["check"], cwd=top) == (
        2, "", "ownership: error: ownership.toml: the role map is larger than 8 MB; refusing to read it\n")


def test_a_role_map_that_never_ends_is_refused(repo: Callable[..., Path], run: Callable) -> None:
    """A device that reads forever is refused before a byte is read: it is not a regular file (issue 10).
    ``check --config /dev/zero`` says so too."""
    top = repo({"a.py": ""})
    with pytest.raises(config.ConfigError) as info:
        config.load_rolemap(Path("/dev/zero"), "zero")
    assert str(info.value) == "zero: cannot read the role map: it is a device or socket, not a regular file"
    assert run(["check", "--config", "/dev/zero"], cwd=top) == (
        2, "", "ownership: error: /dev/zero: cannot read the role map: it is a device or socket, not a regular file\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a mode-000 file")
def test_an_unreadable_role_map(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"a.py": "", "ownership.toml": VALID})
    (top / "ownership.toml").chmod(0)
    assert run(["check"], cwd=top) == (
        2, "", "ownership: error: ownership.toml: cannot read the role map: Permission denied\n")


def test_a_role_map_that_is_a_directory(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"a.py": ""})
    (top / "ownership.toml").mkdir()
    assert run(["check"], cwd=top) == (
        2, "", f"ownership: error: no ownership rules found: looked in {top} for ownership.toml, .ownership.toml, "
        "[tool.ownership] in pyproject.toml, .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS, .gitlab/CODEOWNERS "
        "(start with 'ownership init', or 'ownership import' an existing CODEOWNERS)\n")


def test_a_role_map_symlinked_out_of_the_repository_is_not_read(repo: Callable[..., Path], run: Callable,
                                                                 tmp_path: Path) -> None:
    """A pull request can commit ``ownership.toml -> /proc/self/environ``: its content must not reach the log."""
    secret = tmp_path / "secret.toml"
    secret.write_text(VALID)
    top = repo({"a.py": ""})
    (top / "ownership.toml").symlink_to(secret)
    assert run(["check"], cwd=top) == (
        2, "", f"ownership: error: ownership.toml: is a symlink to {secret}, outside the repository; refusing to "
        "read it\n")


# --- CODEOWNERS --------------------------------------------------------------------------------------------


def codeowners_check(repo: Callable[..., Path], run: Callable, data: bytes, *args: str) -> tuple:
    top = repo({"a.py": ""})
    (top / "CODEOWNERS").write_bytes(data)
    return run(["check", *args], cwd=top)


def test_codeowners_nul_byte_is_a_finding_not_a_crash(repo: Callable[..., Path], run: Callable) -> None:
    code, out, err = codeowners_check(repo, run, b"*.py @a\x00b\n* @c\n")
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == (
        "CODEOWNERS:1:6: error: \"invalid owner: '@a\\x00b' is not a valid owner: use @user, @org/team or an "
        "e-mail address\"")


def test_codeowners_crlf_is_read_as_lf(repo: Callable[..., Path], run: Callable) -> None:
    assert codeowners_check(repo, run, b"# owners\r\n*.py @a\r\n") == (0, "ok: 1 file checked, no problems\n", "")


def test_codeowners_bom_is_dropped(repo: Callable[..., Path], run: Callable) -> None:
    assert codeowners_check(repo, run, b"\xef\xbb\xbf*.py @a\n") == (0, "ok: 1 file checked, no problems\n", "")


def test_codeowners_not_utf8(repo: Callable[..., Path], run: Callable) -> None:
    assert codeowners_check(repo, run, b"* @a\n\xff @b\n") == (
        2, "", "ownership: error: CODEOWNERS:2:1: not UTF-8 text: invalid byte 0xff\n")


def test_codeowners_lines_of_1_mb(repo: Callable[..., Path], run: Callable) -> None:
    data = b"*" * 1_000_000 + b" @a\n" + b"a" * 1_000_000 + b"\n*.py @b\n"
    code, out, err = codeowners_check(repo, run, data)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "ok: 1 file checked, no problems; 2 warnings (1 unused, 1 shadowed)"


def test_codeowners_over_the_read_limit(repo: Callable[..., Path], run: Callable) -> None:
    assert codeowners_check(repo, run, b"# x\n" * (3 * 1024 * 1024)) == (
        2, "", "ownership: error: CODEOWNERS: CODEOWNERS is larger than 8 MB; refusing to read it\n")


@pytest.mark.parametrize("line, message", [
    ("[ @a", "both '[' and ']' must be escaped with '\\': GitHub has no character ranges"),
    ("!a.py @a", "negation with '!' is not supported"),
    ("a//b @a", "pattern 'a//b' has an empty segment ('//') and can never match"),
], ids=["range", "negation", "empty segment"])
def test_codeowners_invalid_pattern_is_a_finding(repo: Callable[..., Path], run: Callable, line: str,
                                                 message: str) -> None:
    code, out, err = codeowners_check(repo, run, f"* @z\n{line}\n".encode())
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == f"CODEOWNERS:2:1: error: invalid pattern: {message}"


def test_codeowners_symlinked_out_of_the_repository_is_not_read(repo: Callable[..., Path], run: Callable,
                                                                 tmp_path: Path) -> None:
    secret = tmp_path / "environ"
    secret.write_text("TOKEN=hunter2 @a\n")
    top = repo({"a.py": ""})
    (top / "CODEOWNERS").symlink_to(secret)
    assert run(["check"], cwd=top) == (
        2, "", f"ownership: error: CODEOWNERS: is a symlink to {secret}, outside the repository; refusing to "
        "read it\n")


# --- the repository ----------------------------------------------------------------------------------------


def test_not_a_git_repository(tmp_path: Path, run: Callable) -> None:
    (tmp_path / "ownership.toml").write_text(VALID)
    assert run(["check"], cwd=tmp_path) == (2, "", f"ownership: error: not in a git repository: {tmp_path}\n")


def test_config_outside_any_repository(tmp_path: Path, repo: Callable[..., Path], run: Callable) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "ownership.toml").write_text(VALID)
    top = repo({"a.py": ""})
    assert run(["check", "--config", str(outside / "ownership.toml")], cwd=top) == (
        2, "", f"ownership: error: not in a git repository: {outside}\n")


def test_a_repository_with_no_commits(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"a.py": "", "ownership.toml": '[roles.a]\npaths = ["*"]\n'}, commit=False)
    assert run(["check"], cwd=top) == (0, "ok: 2 files checked, no problems\n", "")
    assert run(["check", "--rev", "HEAD"], cwd=top) == (
        2, "", "ownership: error: unknown revision 'HEAD': no commit or tree by that name\n")
    assert run(["diff", "main"], cwd=top) == (
        2, "", "ownership: error: unknown revision 'main' to compare with: fetch it first (git fetch origin main)\n")


@pytest.mark.parametrize("command", [["check"], ["report"], ["init"], ["who", "a.py"], ["codeowners"], ["import"]])
def test_a_bare_repository(tmp_path: Path, run: Callable, command: List[str]) -> None:
    bare = tmp_path / "bare.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    assert run(command, cwd=bare) == (
        2, "", f"ownership: error: not in a git work tree (a bare repository?): {bare}\n")


def test_a_detached_head_is_checked_like_any_other(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"a.py": "", "ownership.toml": '[roles.a]\npaths = ["*"]\n'})
    git(top, "checkout", "-q", "--detach")
    assert run(["check", "--rev", "HEAD"], cwd=top) == (
        0, "ok: 2 files checked, no problems\n", "ownership: note: rules read from HEAD:ownership.toml, as they were in HEAD\n")


def test_a_shallow_clone_with_changed_since(repo: Callable[..., Path], run: Callable, tmp_path: Path) -> None:
    origin = repo({"a.py": "", "ownership.toml": '[roles.a]\npaths = ["*"]\n'}, name="origin")
    git(origin, "checkout", "-q", "-b", "feature")
    (origin / "b.py").write_text("")
    git(origin, "add", "b.py")
    git(origin, "commit", "-q", "-m", "b")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "feature", f"file://{origin}", str(clone))
    git(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    assert run(["check", "--changed-since", "origin/main"], cwd=clone) == (
        2, "", "ownership: error: no common ancestor of 'origin/main' and HEAD: this clone is shallow: fetch more "
        "history (git fetch --unshallow, or fetch-depth: 0 with actions/checkout)\n")


@pytest.mark.parametrize("rev", ["nothing", "--output=x", "-", "HEAD:a.py", "a" * 40, "HEAD~99"])
def test_rev_naming_nothing(repo: Callable[..., Path], run: Callable, rev: str) -> None:
    top = repo({"a.py": "", "ownership.toml": VALID})
    assert run(["check", "--rev", rev], cwd=top) == (
        2, "", f"ownership: error: unknown revision {rev!r}: no commit or tree by that name\n")


def test_changed_since_naming_nothing(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"a.py": "", "ownership.toml": VALID})
    assert run(["check", "--changed-since", "--help"], cwd=top) == (
        2, "", "ownership: error: unknown revision '--help' to compare with: fetch it first (git fetch origin "
        "--help)\n")


def test_git_missing_from_path(repo: Callable[..., Path], run: Callable, monkeypatch: pytest.MonkeyPatch,
                               tmp_path: Path) -> None:
    top = repo({"a.py": "", "ownership.toml": VALID})
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert run(["check"], cwd=top) == (2, "", "ownership: error: git is not installed or not on PATH\n")


@pytest.mark.parametrize("path", ["../elsewhere.py", "/etc/passwd", ".."])
def test_paths_outside_the_repository(repo: Callable[..., Path], run: Callable, path: str) -> None:
    top = repo({"a.py": "", "ownership.toml": VALID})
    for command in (["check", path], ["who", path]):
        assert run(command, cwd=top) == (
            2, "", f"ownership: error: {path}: path is outside ., the directory the rules apply to\n")


# --- commands that write -----------------------------------------------------------------------------------


def _read_only(path: Path) -> Optional[List[str]]:
    """A command prefix that runs with ``path`` read-only, or None when this machine cannot make it so.

    Not root: chmod is enough. Root ignores modes, so a read-only bind mount in a private mount namespace
    (``unshare``), which leaves the rest of the machine alone."""
    if os.geteuid() != 0:
        return []
    if shutil.which("unshare") is None:
        return None
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "mount", "--bind", "-o", "ro",
                            str(path), str(path)], capture_output=True)
    if probe.returncode != 0:
        return None
    script = 'mount --bind -o ro "$0" "$0" && shift 0 && exec "$@"'
    return ["unshare", "-m", "--propagation", "private", "sh", "-c", script, str(path)]


@pytest.mark.parametrize("command", [
    ["init", "--force"],
    ["import", "--force"],
    ["codeowners", "--write"],
], ids=["init", "import", "codeowners --write"])
def test_a_read_only_work_tree(repo: Callable[..., Path], command: List[str]) -> None:
    files = {"data/a.csv": "", "ownership.toml": '[roles.a]\npaths = ["*"]\nowners = ["@a"]\n'}
    if command[0] == "import":
        files = {"a.py": "", "CODEOWNERS": "* @a\n"}
    top = repo(files)
    prefix = _read_only(top)
    if prefix is None:
        pytest.skip("running as root without the means (unshare, mount) to make a directory read-only")
    if not prefix:
        top.chmod(0o555)
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "ownership", *command], cwd=top,
                                capture_output=True, text=True, env={**os.environ, "PYTHONPATH": _src()})
    finally:
        top.chmod(0o755)
    target = {"init": "ownership.toml", "import": "ownership.toml", "codeowners": ".github/CODEOWNERS"}[command[0]]
    assert (result.returncode, result.stdout) == (2, "")
    why = "Read-only file system" if prefix else "Permission denied"
    assert result.stderr == f"ownership: error: {top / target}: cannot write: {why}\n"


def _src() -> str:
    return str(SRC)


def test_codeowners_write_refuses_a_symlinked_directory_out_of_the_repository(
        repo: Callable[..., Path], run: Callable, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    top = repo({"a.py": "", "ownership.toml": '[roles.a]\npaths = ["*"]\nowners = ["@a"]\n'})
    (top / ".github").symlink_to(outside)
    assert run(["codeowners", "--write"], cwd=top) == (
        2, "", f"ownership: error: {top}/.github/CODEOWNERS: refusing to write through a symlink that leads out "
        f"of the repository ({top}/.github -> {outside})\n")
    assert list(outside.iterdir()) == []


def test_codeowners_check_does_not_print_a_symlinked_file(repo: Callable[..., Path], run: Callable,
                                                          tmp_path: Path) -> None:
    secret = tmp_path / "environ"
    secret.write_text("TOKEN=hunter2\n")
    top = repo({"a.py": "", "ownership.toml": '[roles.a]\npaths = ["*"]\nowners = ["@a"]\n'})
    (top / ".github").mkdir()
    (top / ".github" / "CODEOWNERS").symlink_to(secret)
    for command in (["codeowners", "--check"], ["codeowners", "--write", "--force"]):
        assert run(command, cwd=top) == (
            2, "", "ownership: error: .github/CODEOWNERS is a symlink; refusing to read or replace it\n")
    assert secret.read_text() == "TOKEN=hunter2\n"


@pytest.mark.parametrize("command", [["init", "--force"], ["import", "--force"]], ids=["init", "import"])
def test_a_symlinked_role_map_is_never_written_through(repo: Callable[..., Path], run: Callable, tmp_path: Path,
                                                       command: List[str]) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep me\n")
    top = repo({"data/a.csv": "", "CODEOWNERS": "* @a\n"})
    (top / "ownership.toml").symlink_to(victim)
    code, out, err = run(command, cwd=top)
    assert (code, out) == (2, "")
    note = "ownership: note: CODEOWNERS exists: importing it (as `ownership import` does) instead of guessing\n"
    if command[0] == "init":  # init imports the CODEOWNERS it finds (issue 12)
        assert err.startswith(note)
        err = err[len(note):]
    assert err in (
        f"ownership: error: {top / 'ownership.toml'}: refusing to write over something that is not a regular file\n",
        f"ownership: error: ownership.toml: is a symlink to {victim}, outside the repository; refusing to read it\n",
    )
    assert victim.read_text() == "keep me\n"


def test_an_interrupted_write_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "ownership.toml"
    target.write_text("old\n")
    target.chmod(0o640)

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, "new\n", force=True)
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ownership.toml"]  # no temporary left behind
    monkeypatch.undo()
    write_atomically(target, "new\n", force=True)
    assert (target.read_text(), target.stat().st_mode & 0o777) == ("new\n", 0o640)


def test_a_full_disk_is_an_error_and_the_old_file_stays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "CODEOWNERS"
    target.write_text("old\n")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(Exception) as info:
        write_atomically(target, "new\n", force=True)
    assert str(info.value) == f"{target}: cannot write: No space left on device"
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["CODEOWNERS"]


def test_a_killed_writer_leaves_the_old_file_intact(tmp_path: Path) -> None:
    """A process killed in the middle of writing 20 MB: the file is the old one, whole."""
    target = tmp_path / "CODEOWNERS"
    target.write_text("old\n")
    code = (
        "import os, signal, sys; from pathlib import Path; from ownership.adapters import writing\n"
        "real = os.fsync\n"
        "def die(fd): os.kill(os.getpid(), signal.SIGKILL)\n"
        "os.fsync = die\n"
        f"writing.write_atomically(Path({str(target)!r}), 'x' * 20_000_000, force=True)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": _src()})
    assert result.returncode == -9
    assert target.read_text() == "old\n"


def test_init_in_a_repository_without_commits_writes(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"data/a.csv": ""}, commit=False)
    code, out, err = run(["init"], cwd=top)
    assert (code, err) == (0, "")
    assert (top / "ownership.toml").is_file()


def test_init_with_no_ml_homes_writes_a_loadable_generic_starter(repo: Callable[..., Path], run: Callable) -> None:
    """It used to write a role map with every role commented out, which then failed to load (exit 2); then it
    wrote nothing, a dead end (issue 12). Now a tree with no usual home of an ML team gets the generic starter."""
    top = repo({"a.py": ""})
    code, out, err = run(["init"], cwd=top)
    assert (code, err) == (0, "")
    assert out.startswith("Wrote ownership.toml (a catch-all role): 1 role, 1 pattern, ")
    git(top, "add", "-A")
    assert run(["check"], cwd=top) == (0, "ok: 2 files checked, no problems\n", "")


@pytest.mark.parametrize("path", ["../new\nline", "../\x1b]0;pwned\x07"])
def test_an_error_quoting_a_hostile_argument_stays_one_line(repo: Callable[..., Path], run: Callable,
                                                            path: str) -> None:
    top = repo({"a.py": "", "ownership.toml": VALID})
    shown = path.replace("\n", "\\n").replace("\x1b", "\\x1b").replace("\x07", "\\x07")
    assert run(["who", path], cwd=top) == (
        2, "", f"ownership: error: {shown}: path is outside ., the directory the rules apply to\n")
