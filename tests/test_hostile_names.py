"""Adversarial file names in every output format: each medium gets them escaped for itself.

The names come from a pull request: a name must not recolour or retitle the terminal, end a GitHub
annotation and start another workflow command, break JSON or SARIF, split a Markdown table row, or inject
HTML. The repository holds each name twice: unowned at the top, and contested (a conflict) under ``both/``.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Callable, List

import pytest

from conftest import GIT_ENV, git

NAMES: List[bytes] = [
    b"with space.py",
    b"quote\"d'.py",
    b"new\nline.py",
    b"tab\there.py",
    b"back\\slash.py",
    b"100%.py",
    b"%0A::error file=x::owned.py",
    b"a::b,c:d.py",
    b"-rf",
    b"--help",
    b"\x1b[31mred\x1b[0m.py",
    b"\x1b]8;;https:evil.example\x1b\\link\x1b]8;;\x1b\\.py",
    b"\x1b]0;pwned\x07title.py",
    b"carriage\rreturn.py",
    b"bad-\xff\xfe.py",
    b"pipe|in|name.py",
    b"back`tick`.py",
    b"<img src=x onerror=alert(1)>.py",
    b"&amp;.py",
    unicodedata.normalize("NFC", "caf\u00e9.py").encode(),
    unicodedata.normalize("NFD", "caf\u00e9.py").encode(),
    b"Twin.py",
    b"twin.py",
    b"\xe2\x80\xaeevil.py",  # RIGHT-TO-LEFT OVERRIDE
    b"line\xe2\x80\xa8sep.py",  # U+2028, a line break to JavaScript and some viewers
    b"c1\xc2\x9bcsi.py",  # U+009B, the one-byte CSI of 8-bit terminals
]
ROLEMAP = '[settings]\nresolution = "strict"\n[roles.a]\npaths = ["both/"]\n[roles.b]\npaths = ["both/"]\n'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    top = tmp_path_factory.mktemp("hostile") / "repo"
    top.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        for key, value in GIT_ENV.items():
            patch.setenv(key, value)
        _build(top)
    return top


def _build(top: Path) -> None:
    git(top, "init", "-q")
    (top / "both").mkdir()
    for name in NAMES:
        for directory in (os.fsencode(top), os.fsencode(top / "both")):
            with open(os.path.join(directory, name), "wb") as handle:
                handle.write(b"x\n")
    (top / "ownership.toml").write_text(ROLEMAP)
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "hostile names")


def _names() -> List[str]:
    return [os.fsdecode(n) for n in NAMES]


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202e]")


def _run_in(run: Callable, top: Path, *args: str) -> tuple:
    """Run ``args`` in ``top``; options after a ``--`` move before it (the names after it are paths)."""
    if "--" in args:
        cut = args.index("--")
        names = [a for a in args[cut + 1:] if a.encode("utf-8", "surrogateescape") in NAMES]
        options = [a for a in args[cut + 1:] if a not in names]
        args = (*args[:cut], *options, "--", *names)
    return run(list(args), cwd=top)


@pytest.mark.parametrize("command", [["report", "--list"], ["check", "--list"], ["who", "--", *_names()]])
def test_text_escapes_control_characters(hostile: Path, run: Callable, command: List[str]) -> None:
    code, out, err = _run_in(run, hostile, *command, "--format", "text", "--color", "always")
    assert code in (0, 1) and err == ""
    # Colour comes from us (--color always): strip our own SGR sequences, then nothing may be left.
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "\x1b" not in plain and not CONTROL.search(plain), [line for line in plain.splitlines() if CONTROL.search(line)]
    assert '"\\x1b[31mred\\x1b[0m.py"' in out
    if command[0] == "who":
        return
    assert '"\\x1b]0;pwned\\x07title.py"' in out
    assert '"new\\nline.py"' in out
    assert '"bad-\\xff\\xfe.py"' in out


def test_text_keeps_a_name_on_one_line(hostile: Path, run: Callable) -> None:
    code, out, err = _run_in(run, hostile, "check", "--format", "text", "--list")
    problems = [line for line in out.splitlines() if ": unowned:" in line or ": conflict:" in line]
    assert len(problems) == 2 * len(NAMES) + 1  # and ownership.toml, unowned


_COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


@pytest.mark.parametrize("command", [["report"], ["check"]])
def test_github_annotations_cannot_start_another_command(hostile: Path, run: Callable, command: List[str]) -> None:
    code, out, err = _run_in(run, hostile, *command, "--format", "github")
    assert err == ""
    lines = out.split("\n")
    assert "\r" not in out
    stop_token = None
    annotations = 0
    for line in lines:
        if stop_token is not None:  # inside ::stop-commands::, nothing is a command until the token
            if line == f"::{stop_token}::":
                stop_token = None
            continue
        if line.startswith("::stop-commands::"):
            stop_token = line[len("::stop-commands::"):]
            assert len(stop_token) == 64 and stop_token not in out.replace(f"::{stop_token}::", "").replace(
                f"::stop-commands::{stop_token}", "")
            continue
        if line.startswith("::group::") or line == "::endgroup::":
            continue
        if not line.startswith("::"):
            continue  # the closing verdict line: plain text
        match = _COMMAND.match(line)
        assert match, line
        annotations += 1
        if match.group(2):
            for prop in match.group(2).split(","):
                key, _, value = prop.partition("=")
                assert key in ("file", "line", "col", "title"), (key, line)
                assert not re.search(r"[,:\r\n]", value)
    assert stop_token is None
    assert annotations >= 10
    assert "%0A%3A%3Aerror file=x%3A%3Aowned.py" in out or "%250A%3A%3Aerror file=x%3A%3Aowned.py" in out


@pytest.mark.parametrize("command", [["report"], ["check"], ["who", "--", *_names()]])
def test_json_stays_valid(hostile: Path, run: Callable, command: List[str]) -> None:
    code, out, err = _run_in(run, hostile, *command, "--format", "json")
    assert err == ""
    document = json.loads(out)
    text = json.dumps(document, ensure_ascii=False)
    assert "new\\nline.py" in text and "bad-\\\\xff\\\\xfe.py" in text


@pytest.mark.parametrize("command", [["report"], ["check"]])
def test_sarif_stays_valid(hostile: Path, run: Callable, command: List[str]) -> None:
    code, out, err = _run_in(run, hostile, *command, "--format", "sarif")
    assert err == ""
    log = json.loads(out)
    results = log["runs"][0]["results"]
    assert len(results) >= 2 * len(NAMES)
    for result in results:
        for location in result["locations"]:
            uri = location["physicalLocation"]["artifactLocation"]["uri"]
            # A URI: no raw spaces, controls, quotes or non-ASCII.
            assert re.fullmatch(r"[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*", uri), uri


def _pipes(row: str) -> int:
    """Unescaped ``|`` outside inline code spans are cell separators; escaped ones are text."""
    return len(re.findall(r"(?<!\\)\|", row))


@pytest.mark.parametrize("command", [["report", "--list"], ["check", "--list"], ["who", "--", *_names()]])
def test_markdown_tables_stay_tables(hostile: Path, run: Callable, command: List[str]) -> None:
    code, out, err = _run_in(run, hostile, *command, "--format", "markdown")
    assert err == ""
    assert not CONTROL.search(out), [line for line in out.splitlines() if CONTROL.search(line)]
    table: List[str] = []
    for line in out.splitlines() + [""]:
        if line.startswith("|"):
            table.append(line)
            continue
        if table:
            counts = {_pipes(row) for row in table}
            assert len(counts) == 1, table
            table = []
    # Every name is shown somewhere, each on its own line.
    assert out.count("pipe\\|in\\|name.py") >= 1


def test_html_escapes_names(hostile: Path, run: Callable, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    code, out, err = _run_in(run, hostile, "report", "--format", "html", "-o", str(page))
    assert (code, err) == (0, "")
    html = page.read_text(encoding="utf-8")
    assert "<img" not in html and "\x1b" not in html
    # Names inside the page's data stay data: no name can close the script element that holds them.
    assert html.count("<script") == html.count("</script>")


def test_case_twins_and_normalisation_forms_are_distinct_files(hostile: Path, run: Callable) -> None:
    code, out, err = _run_in(run, hostile, "report", "--format", "json")
    files = json.loads(out)["unowned"]
    names = [f if isinstance(f, str) else f.get("path") for f in files]
    assert "Twin.py" in names and "twin.py" in names
    assert unicodedata.normalize("NFC", "caf\u00e9.py") in names
    assert unicodedata.normalize("NFD", "caf\u00e9.py") in names


def test_leading_dashes_are_paths_not_options(hostile: Path, run: Callable) -> None:
    code, out, err = _run_in(run, hostile, "who", "--", "-rf", "--help")
    assert (code, err) == (0, "")
    assert "-rf" in out and "--help" in out and "Usage" not in out


# --- names from the rules: roles, phases, descriptions, owners ------------------------------------------


EVIL_ROLES = (
    '[roles."evil\\u001b]0;pwned\\u0007\\n| x | y |\\u202e"]\npaths = ["a.py"]\n'
    '[roles.b]\npaths = ["a.py", "zz"]\n'
    '[phases]\n"ph\\u001b[31m\\n|" = ["a.py"]\n'
)


@pytest.mark.parametrize("command", [["report", "--list"], ["check", "--fail-on", "conflict,unused"], ["who", "a.py"],
                                     ["raci"]])
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_role_and_phase_names_are_escaped_in_every_format(repo: Callable[..., Path], run: Callable,
                                                          command: List[str], fmt: str) -> None:
    """Role and phase names come from the role map, which a pull request controls as much as file names."""
    top = repo({"a.py": "", "ownership.toml": EVIL_ROLES})
    code, out, err = run([command[0], "--format", fmt, *command[1:]], cwd=top)
    assert code in (0, 1) and err == ""
    assert not CONTROL.search(out), [line for line in out.splitlines() if CONTROL.search(line)]
    if fmt == "json":
        json.loads(out)
    if fmt == "markdown":
        rows = [line for line in out.splitlines() if line.startswith("|")]
        assert all(row.endswith("|") for row in rows)


def test_a_description_cannot_break_a_markdown_table(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"a.py": "", "ownership.toml":
                '[roles.a]\ndescription = "d\\n| injected |\\u001b[31m"\npaths = ["*"]\n'})
    code, out, err = run(["report", "--format", "markdown"], cwd=top)
    assert (code, err) == (0, "")
    assert "| a | 2 | 100.0% | d\\\\n\\| injected \\|\\\\x1b\\[31m |" in out.splitlines()


@pytest.mark.parametrize("dialect", ["github", "gitlab"])
def test_an_email_owner_with_control_characters_is_invalid(repo: Callable[..., Path], run: Callable,
                                                           dialect: str) -> None:
    top = repo({"a.py": "", "CODEOWNERS": "* a\x1b]0;x\x07@b.co\n"})
    code, out, err = run(["check", "--dialect", dialect], cwd=top)
    assert (code, err) == (1, "")
    assert "\x1b" not in out
    assert "invalid owner: 'a\\x1b]0;x\\x07@b.co'" in out.splitlines()[0]
