"""Issue 10, reading and writing files: what a pull request can do with the files it controls (role map,
CODEOWNERS, baseline, owners file, the names of directories) to a CI run of ``ownership``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Callable, List

import pytest

from conftest import SRC
from ownership.adapters import reading

ROLEMAP = '[roles.a]\npaths = ["*"]\nowners = ["@a"]\n'
SECRET = "TOKEN=hunter2\n"


def _src() -> str:
    return str(SRC)


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "environ"
    secret.write_text(SECRET)
    return secret


def _fifo(path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(path)
    return path


# --- point 1: one guarded reader -----------------------------------------------------------------------------


def test_a_symlinked_role_map_beside_codeowners_is_not_read(repo: Callable[..., Path], run: Callable,
                                                            tmp_path: Path) -> None:
    """The reproduction: ``ownership.toml -> /outside/file`` beside a CODEOWNERS, then ``check --codeowners
    CODEOWNERS``: the role map (read for the declared owners) printed the outside file's text in an error."""
    secret = _secret(tmp_path)
    top = repo({"a.py": "", "CODEOWNERS": "* @a\n"})
    (top / "ownership.toml").symlink_to(secret)
    code, out, err = run(["check", "--codeowners", "CODEOWNERS"], cwd=top)
    assert (code, out, err) == (
        2, "", f"ownership: error: ownership.toml: is a symlink to {secret}, outside the repository; refusing to "
        "read it\n")
    assert "hunter2" not in out + err


def test_a_symlinked_role_map_inside_the_repository_is_read(repo: Callable[..., Path], run: Callable) -> None:
    """``sub/ownership.toml -> ../ownership.toml`` stays in the repository: it is not refused."""
    top = repo({"a.py": "", "sub/b.py": "", "ownership.toml": ROLEMAP})
    (top / "sub" / "ownership.toml").symlink_to("../ownership.toml")
    # The rules apply where the role map really is (the top): its three tracked files.
    assert run(["check", "--root", "sub"], cwd=top) == (0, "ok: 3 files checked, no problems\n", "")
    code, out, err = run(["codeowners", "sub"], cwd=top)
    assert (code, err) == (0, "")
    assert "* @a\n" in out


def test_a_named_config_that_leads_out_of_the_repository_is_not_read(repo: Callable[..., Path], run: Callable,
                                                                    tmp_path: Path) -> None:
    """A workflow's ``--config ownership.toml`` names a file the pull request can turn into a link."""
    secret = _secret(tmp_path)
    top = repo({"a.py": ""})
    (top / "ownership.toml").symlink_to(secret)
    assert run(["check", "--config", "ownership.toml"], cwd=top) == (
        2, "", f"ownership: error: ownership.toml: is a symlink to {secret}, outside the repository; refusing to "
        "read it\n")


def test_a_symlinked_pyproject_is_not_read(repo: Callable[..., Path], run: Callable, tmp_path: Path) -> None:
    secret = tmp_path / "pyproject.toml"
    secret.write_text("[tool.ownership]\n" + SECRET)
    top = repo({"a.py": ""})
    (top / "pyproject.toml").symlink_to(secret)
    assert run(["check"], cwd=top) == (
        2, "", f"ownership: error: {top / 'pyproject.toml'}: is a symlink to {secret}, outside the repository; "
        "refusing to read it\n")


def test_a_role_map_in_an_old_commit_is_bounded(repo: Callable[..., Path], run: Callable,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """``Project.at`` (``diff``) reads git's copy through the same size bound and UTF-8 decoder."""
    from ownership.adapters.project import open_project

    top = repo({"a.py": "", "ownership.toml": ROLEMAP + "# " + "x" * 2000 + "\n"})
    monkeypatch.chdir(top)
    project = open_project(None, None)
    monkeypatch.setattr(reading, "READ_LIMIT", 1024)
    with pytest.raises(reading.ConfigError) as info:
        project.at("HEAD", "HEAD")
    assert str(info.value) == "HEAD:ownership.toml: the role map is larger than 1024 bytes; refusing to read it"


# --- point 10: --baseline and --owners-file --------------------------------------------------------------------


def _baseline(repo: Callable[..., Path], data: bytes) -> Path:
    top = repo({"a.py": "", "ownership.toml": ROLEMAP})
    (top / "b.json").write_bytes(data)
    return top


@pytest.mark.parametrize("data, message", [
    (b"[" * 100_000, "invalid baseline: arrays or objects nested too deeply"),
    (b'{"version": ' + b"9" * 5000 + b', "findings": []}',
     "invalid baseline: a number with too many digits" if hasattr(sys, "get_int_max_str_digits")
     else "baseline version " + "9" * 39 + "… is not supported (expected 1): rewrite it with 'ownership baseline'"),
    (b'{"version": true, "findings": []}',
     "baseline version true is not supported (expected 1): rewrite it with 'ownership baseline'"),
    (b'{"version": 1.0, "findings": []}',
     "baseline version 1.0 is not supported (expected 1): rewrite it with 'ownership baseline'"),
], ids=["nested brackets", "5000 digits", "version true", "version 1.0"])
def test_a_hostile_baseline_is_one_error_line(repo: Callable[..., Path], run: Callable, data: bytes,
                                              message: str) -> None:
    top = _baseline(repo, data)
    assert run(["check", "--baseline", "b.json"], cwd=top) == (2, "", f"ownership: error: b.json: {message}\n")


def test_a_baseline_that_is_dev_zero_or_a_fifo_is_refused(repo: Callable[..., Path], run: Callable) -> None:
    """/dev/zero never ends and a FIFO with no writer blocks: neither is read (the run would hang)."""
    top = repo({"a.py": "", "ownership.toml": ROLEMAP})
    _fifo(top / "fifo.json")
    (top / "zero.json").symlink_to(os.devnull.replace("null", "zero"))
    assert run(["check", "--baseline", "fifo.json"], cwd=top) == (
        2, "", "ownership: error: fifo.json: cannot read the baseline: it is a FIFO, not a regular file\n")
    assert run(["check", "--baseline", "/dev/zero"], cwd=top) == (
        2, "", "ownership: error: /dev/zero: cannot read the baseline: it is a device or socket, not a regular file\n")
    # Committed as a link in the repository, it is refused before it is opened.
    assert run(["check", "--baseline", "zero.json"], cwd=top) == (
        2, "", "ownership: error: zero.json: is a symlink to /dev/zero, outside the repository; refusing to read "
        "it\n")


def test_a_baseline_over_the_limit_is_refused(repo: Callable[..., Path], run: Callable) -> None:
    top = _baseline(repo, b'{"version": 1, "findings": [' + b" " * (8 * 1024 * 1024) + b"]}")
    assert run(["check", "--baseline", "b.json"], cwd=top) == (
        2, "", "ownership: error: b.json: the baseline is larger than 8 MB; refusing to read it\n")


def test_a_baseline_symlinked_out_of_the_repository_is_refused(repo: Callable[..., Path], run: Callable,
                                                               tmp_path: Path) -> None:
    secret = _secret(tmp_path)
    top = repo({"a.py": "", "ownership.toml": ROLEMAP})
    (top / "b.json").symlink_to(secret)
    assert run(["check", "--baseline", "b.json"], cwd=top) == (
        2, "", f"ownership: error: b.json: is a symlink to {secret}, outside the repository; refusing to read it\n")
    # Named outside the repository, it is the user's own file: read as usual.
    assert run(["check", "--baseline", str(secret)], cwd=top) == (
        2, "", f"ownership: error: {secret}:1:1: invalid baseline: Expecting value\n")


def test_the_owners_file_is_read_by_the_guarded_reader(repo: Callable[..., Path], run: Callable,
                                                       tmp_path: Path) -> None:
    secret = _secret(tmp_path)
    top = repo({"a.py": "", "CODEOWNERS": "* @a\n", "big.txt": ""})
    (top / "big.txt").write_bytes(b"@a\n" * (3 * 1024 * 1024))
    _fifo(top / "fifo.txt")
    (top / "owners.txt").symlink_to(secret)
    base = ["check", "--codeowners", "CODEOWNERS", "--owners-file"]
    assert run([*base, "owners.txt"], cwd=top) == (
        2, "", f"ownership: error: owners.txt: is a symlink to {secret}, outside the repository; refusing to "
        "read it\n")
    assert run([*base, "fifo.txt"], cwd=top) == (
        2, "", "ownership: error: fifo.txt: cannot read the owners file: it is a FIFO, not a regular file\n")
    assert run([*base, "/dev/zero"], cwd=top) == (
        2, "", "ownership: error: /dev/zero: cannot read the owners file: it is a device or socket, not a regular "
        "file\n")
    assert run([*base, "big.txt"], cwd=top) == (
        2, "", "ownership: error: big.txt: the owners file is larger than 8 MB; refusing to read it\n")


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    """Opening a FIFO that has no writer would wait forever: it is opened non-blocking and refused. Run in a
    child process, so that a regression shows as a timeout rather than a hung test run."""
    fifo = _fifo(tmp_path / "f")
    code = ("from pathlib import Path; from ownership.adapters import reading\n"
            "try:\n"
            f"    reading.read_bytes(Path({str(fifo)!r}), 'f', 'the file')\n"
            "except reading.ConfigError as err:\n"
            "    print(err)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": _src()})
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "f: cannot read the file: it is a FIFO, not a regular file\n", "")


# --- point 5: writes through a directory symlink -------------------------------------------------------------


def _other_repository(repo: Callable[..., Path]) -> Path:
    return repo({"x.py": "", "ownership.toml": ROLEMAP}, name="other")


def test_init_through_a_directory_symlink_is_refused(repo: Callable[..., Path], run: Callable) -> None:
    """The reproduction: ``services -> /other/repo``, then ``init services``."""
    other = _other_repository(repo)
    (other / "ownership.toml").unlink()
    (other / "data").mkdir()
    (other / "data" / "a.csv").write_text("")
    top = repo({"a.py": ""})
    (top / "services").symlink_to(other)
    assert run(["init", "services"], cwd=top) == (
        2, "", f"ownership: error: services/ownership.toml: refusing to write through a symlink that leads out of "
        f"the repository ({top}/services -> {other})\n")
    assert not (other / "ownership.toml").exists()


def test_codeowners_write_through_a_directory_symlink_is_refused(repo: Callable[..., Path], run: Callable) -> None:
    """The reproduction: ``services -> /other/repo``, then ``codeowners services --write``."""
    other = _other_repository(repo)
    top = repo({"a.py": ""})
    (top / "services").symlink_to(other)
    for command in (["codeowners", "services", "--write"], ["codeowners", "services", "--check"]):
        assert run(command, cwd=top) == (
            2, "", f"ownership: error: services/ownership.toml: leads through a symlink to {other}/ownership.toml, "
            "outside the repository; refusing to read it\n")
    assert not (other / ".github").exists()


@pytest.mark.parametrize("command", [
    ["report", "-o", "out/report.html", "--format", "html"],
    ["baseline", "--baseline", "out/b.json"],
], ids=["report -o", "baseline"])
def test_outputs_through_a_directory_symlink_are_refused(repo: Callable[..., Path], run: Callable, tmp_path: Path,
                                                         command: List[str]) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    top = repo({"a.py": "", "ownership.toml": ROLEMAP})
    (top / "out").symlink_to(outside)
    name = command[2]
    assert run(command, cwd=top) == (
        2, "", f"ownership: error: {name}: refusing to write through a symlink that leads out of the repository "
        f"({top}/out -> {outside})\n")
    assert list(outside.iterdir()) == []


def test_escape_judges_the_whole_path(tmp_path: Path) -> None:
    """``reading.escape`` on a tree of links (no git needed): any component may lead out."""
    top = tmp_path / "repo"
    (top / "a").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (top / "out").symlink_to(outside)
    (top / "in").symlink_to(top / "a")
    (tmp_path / "link").symlink_to(top)
    assert reading.escape(top / "out" / "x", top) == str(outside / "x")
    assert reading.escape(top / "out" / "new" / "x", top) == str(outside / "new" / "x")
    assert reading.escape(top / "in" / "x", top) is None
    assert reading.escape(tmp_path / "link" / "out" / "x", top) == str(outside / "x")  # through a linked repository
    assert reading.escape(outside / "x", top) is None  # named outside: nothing to escape from
    assert reading.escape(top / "a" / ".." / ".." / "outside" / "x", top) is None  # lexically outside


# --- point 14: paths through symlinks ------------------------------------------------------------------------


def test_who_with_an_absolute_path_through_a_symlinked_repository(repo: Callable[..., Path], run: Callable,
                                                                  tmp_path: Path) -> None:
    """The reproduction: ``who "$PWD/a/f"`` where $PWD reaches the repository through a link."""
    top = repo({"a/f": "", "ownership.toml": ROLEMAP})
    link = tmp_path / "link"
    link.symlink_to(top)
    expected = run(["who", "a/f"], cwd=top)
    assert expected[0] == 0
    assert run(["who", str(link / "a" / "f")], cwd=link) == expected


def test_check_root_link_with_a_path_through_the_link(repo: Callable[..., Path], run: Callable,
                                                       tmp_path: Path) -> None:
    """The reproduction: ``check --root link link/a/f``."""
    top = repo({"a/f": "", "ownership.toml": ROLEMAP})
    (tmp_path / "link").symlink_to(top)
    assert run(["check", "--root", "link", "link/a/f"], cwd=tmp_path) == (0, "ok: 1 file checked, no problems\n", "")
    assert run(["check", "--root", "link", "elsewhere/f"], cwd=tmp_path) == (
        2, "", "ownership: error: elsewhere/f: path is outside repo, the directory the rules apply to\n")


# --- point 15: killed writes and other users' files ----------------------------------------------------------


def _killed_writer(target: Path, number: int, ignore: bool = False) -> subprocess.CompletedProcess:
    """A child that writes ``target`` and gets signal ``number`` in the middle (from fsync, so at a known
    moment, and a real signal)."""
    code = (
        "import os, signal; from pathlib import Path; from ownership.adapters import writing\n"
        + (f"signal.signal({number}, signal.SIG_IGN)\n" if ignore else "")
        + "real = os.fsync\n"
        f"def fsync(fd): os.kill(os.getpid(), {number}); real(fd)\n"
        "os.fsync = fsync\n"
        f"writing.write_atomically(Path({str(target)!r}), 'new\\n', force=True)\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": _src()})


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_terminated_write_leaves_no_temporary_file(tmp_path: Path, name: str) -> None:
    """The reproduction: a write killed by a catchable signal left ``.CODEOWNERS.*.tmp`` (mode 0600) beside the
    target. Now the temporary goes, the old file stays, and the process still dies of the signal. (SIGKILL
    cannot be caught: it may leave the temporary; ``test_a_killed_writer_leaves_the_old_file_intact``.)"""
    if not hasattr(__import__("signal"), name):
        pytest.skip(f"no {name} here")
    import signal

    number = getattr(signal, name)
    target = tmp_path / "CODEOWNERS"
    target.write_text("old\n")
    result = _killed_writer(target, number)
    assert (result.returncode, result.stderr) == (-number, "")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["CODEOWNERS"]


def test_an_ignored_sighup_lets_the_write_finish(tmp_path: Path) -> None:
    """Under ``nohup`` SIGHUP is ignored: the writer leaves that alone and finishes."""
    import signal

    if not hasattr(signal, "SIGHUP"):
        pytest.skip("no SIGHUP here")
    target = tmp_path / "CODEOWNERS"
    target.write_text("old\n")
    result = _killed_writer(target, signal.SIGHUP, ignore=True)
    assert (result.returncode, result.stderr) == (0, "")
    assert target.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["CODEOWNERS"]


def test_report_output_over_another_users_read_only_file_is_refused(repo: Callable[..., Path], run: Callable,
                                                                    tmp_path: Path) -> None:
    """The reproduction: ``report -o`` over a read-only file owned by another user replaced it (the rename
    needs only the directory). As root the file is given to another user; otherwise it is made read-only."""
    top = repo({"a.py": "", "ownership.toml": ROLEMAP})
    target = tmp_path / "report.txt"
    target.write_text("theirs\n")
    target.chmod(0o444)
    if os.geteuid() == 0:
        os.chown(target, 65534, 65534)
    status = target.stat()
    assert run(["report", "-o", str(target)], cwd=top) == (
        2, "", f"ownership: error: {target}: refusing to replace a file you could not write (mode 0444, owner uid "
        f"{status.st_uid})\n")
    assert target.read_text() == "theirs\n"


def test_report_output_over_another_users_writable_file_is_allowed(repo: Callable[..., Path], run: Callable,
                                                                   tmp_path: Path) -> None:
    """A file its mode bits let us write is replaced as before (its mode kept)."""
    top = repo({"a.py": "", "ownership.toml": ROLEMAP})
    target = tmp_path / "report.txt"
    target.write_text("theirs\n")
    target.chmod(0o666)
    if os.geteuid() == 0:
        os.chown(target, 65534, 65534)
    assert run(["report", "-o", str(target)], cwd=top) == (0, "", "")
    assert target.read_text().startswith("Ownership of . (role map ownership.toml")
    assert target.stat().st_mode & 0o777 == 0o666


def test_import_of_a_named_codeowners_that_leads_out_is_refused(repo: Callable[..., Path], run: Callable,
                                                                tmp_path: Path) -> None:
    """``import CODEOWNERS`` quotes skipped lines in warnings: a committed link out is not read."""
    secret = tmp_path / "environ"
    secret.write_text("TOKEN=hunter2 @a\n")
    top = repo({"a.py": ""})
    (top / "CODEOWNERS").symlink_to(secret)
    assert run(["import", "CODEOWNERS"], cwd=top) == (
        2, "", f"ownership: error: CODEOWNERS: is a symlink to {secret}, outside the repository; refusing to read "
        "it\n")
    assert not (top / "ownership.toml").exists()


def test_codeowners_check_reads_a_named_output_bounded(repo: Callable[..., Path], run: Callable) -> None:
    """``codeowners --check --output FILE`` reads FILE through the bounded reader."""
    top = repo({"a.py": "", "ownership.toml": ROLEMAP})
    with open(top / "CODEOWNERS", "wb") as handle:
        handle.truncate(9 * 1024 * 1024)
    assert run(["codeowners", "--check", "--output", "CODEOWNERS"], cwd=top) == (
        2, "", "ownership: error: CODEOWNERS: CODEOWNERS is larger than 8 MB; refusing to read it\n")


def test_a_role_map_in_an_old_commit_is_decoded_like_any_other(repo: Callable[..., Path], run: Callable,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """``Project.at`` decoded git's copy with replacement characters; now a bad byte is an error at its place,
    as it is in the work tree."""
    from ownership.adapters.project import open_project

    top = repo({"a.py": ""})
    (top / "ownership.toml").write_bytes(ROLEMAP.encode() + b"# caf\xe9\n")
    git_commit(top)
    (top / "ownership.toml").write_text(ROLEMAP)
    monkeypatch.chdir(top)
    with pytest.raises(reading.ConfigError) as info:
        open_project(None, None).at("HEAD", "HEAD")
    assert str(info.value) == "HEAD:ownership.toml:4:6: not UTF-8 text: invalid byte 0xe9"


def git_commit(top: Path) -> None:
    from conftest import git

    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "rules")


def test_rules_named_through_a_directory_symlink_out_of_the_repository_are_not_read(
        repo: Callable[..., Path], run: Callable) -> None:
    """``--root services``, ``--config services/ownership.toml`` and ``--codeowners services/CODEOWNERS`` with
    ``services -> /other/repo``: the other repository's files are not read (their text could reach the log)."""
    other = _other_repository(repo)
    (other / "CODEOWNERS").write_text("* @a\n")
    top = repo({"a.py": ""})
    (top / "services").symlink_to(other)
    for command, name in [(["check", "--root", "services"], "services/ownership.toml"),
                          (["check", "--config", "services/ownership.toml"], "services/ownership.toml"),
                          (["check", "--codeowners", "services/CODEOWNERS"], "services/CODEOWNERS")]:
        real = other / Path(name).name
        assert run(command, cwd=top) == (
            2, "", f"ownership: error: {name}: leads through a symlink to {real}, outside the repository; "
            "refusing to read it\n")
