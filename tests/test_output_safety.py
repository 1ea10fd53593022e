"""What a pull request can do to ``ownership`` in CI, on the output side (issue 10, points 2, 3, 4, 11, 13).

The role map, CODEOWNERS, baseline and file names come from the pull request. Inside GitHub Actions nothing of
theirs may reach standard output or error as a workflow command; nothing may drive a terminal or hide as
another name; nothing may render as live HTML in a job summary; output that cannot be written is exit 2 with
one line; JSON and SARIF never carry a byte that is not UTF-8.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Callable, List, Optional, Tuple

import pytest

from conftest import GIT_ENV, git

from ownership.formatters.escape import for_markdown, for_terminal, inline, markdown_text


def runner_commands(text: str) -> List[Tuple[str, str]]:
    """The workflow commands the Actions runner would run from ``text``, as (command, line), the way
    actions/runner's ActionCommandManager reads a step's output: lines split at CR, LF or CRLF; ``::name``
    after leading white space (ActionCommand.TryParseV2), else ``##[name`` anywhere in the line (the legacy
    ActionCommand.TryParse); nothing between ``::stop-commands::TOKEN`` and ``::TOKEN::``."""
    found: List[Tuple[str, str]] = []
    stop: Optional[str] = None
    for line in re.split(r"\r\n|\r|\n", text):
        v2 = re.match(r"::([^\s:]+)[^:]*::(.*)", line.lstrip())
        name, data = (v2.group(1), v2.group(2)) if v2 else (None, "")
        if name is None:
            legacy = re.search(r"##\[([^\s\]]+)[^\]]*\]", line)
            name = legacy.group(1) if legacy else None
        if name is None:
            continue
        if stop is not None:
            if name.lower() == stop.lower():
                stop = None
            continue
        if name == "stop-commands":
            stop = data
            continue
        found.append((name, line))
    return found


def test_the_runner_model_reads_what_the_runner_reads() -> None:
    assert runner_commands("  ::warning title=x::y\nok\nsee ##[set-output name=a]b\n") == [
        ("warning", "  ::warning title=x::y"), ("set-output", "see ##[set-output name=a]b")]
    assert runner_commands("a\r::error::x") == [("error", "::error::x")]
    assert runner_commands("::stop-commands::T\n::error::x\n##[add-mask]y\n::T::\n::debug::z") == [("debug", "::debug::z")]


@pytest.fixture
def actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")


# --- 2. workflow-command injection ------------------------------------------------------------------------

COMMAND_NAMES = ["::warning title=x::y", "  ::error::indented", "a##[set-output name=coverage]$(curl x)"]


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif", "github"])
def test_file_names_that_are_workflow_commands_run_nothing_in_any_format(repo: Callable, run: Callable, actions: None,
                                                                        fmt: str) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["/ownership.toml"]\n', **{n: "" for n in COMMAND_NAMES}})
    code, out, err = run(["check", "--format", fmt], cwd=top)
    assert code == 1
    allowed = {"error", "notice", "group", "endgroup"} if fmt == "github" else set()
    assert {name for name, _ in runner_commands(out + err)} <= allowed, runner_commands(out + err)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif", "github", "html"])
def test_the_report_runs_no_command_in_any_format(repo: Callable, run: Callable, actions: None, fmt: str) -> None:
    top = repo({"ownership.toml": '[roles."##[set-output name=coverage]0"]\ndescription = "##[add-mask]x"\n'
                'paths = ["/ownership.toml", "gone/"]\n[roles."  ::warning::r"]\npaths = ["/ownership.toml"]\n',
                **{n: "" for n in COMMAND_NAMES}})
    code, out, err = run(["report", "--format", fmt, "--list"], cwd=top)
    assert code == 0
    allowed = {"notice", "warning", "group", "endgroup"} if fmt == "github" else set()
    assert {name for name, _ in runner_commands(out + err)} <= allowed, runner_commands(out + err)
    # Escaping alone does it; only HTML (role names as the page shows them) may need the guard's wrapping.
    assert ("::stop-commands::" in out) == (fmt == "html")


def test_a_file_named_like_a_command_is_quoted_in_the_text_report(repo: Callable, run: Callable, actions: None) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["/ownership.toml"]\n', **{n: "" for n in COMMAND_NAMES}})
    code, out, err = run(["report"], cwd=top)
    assert (code, err) == (0, "")
    unowned = out.split("Unowned files (3)\n")[1].split("\n\n")[0].splitlines()
    assert unowned == ['  "  ::error::indented"', '  "::warning title=x::y"',
                       '  "a##\\x5bset-output name=coverage]$(curl x)"']
    assert runner_commands(out) == []


def test_json_writes_the_legacy_prefix_escaped_and_reads_back_the_same_name(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["/ownership.toml"]\n', **{n: "" for n in COMMAND_NAMES}})
    code, out, _ = run(["report", "--format", "json"], cwd=top)
    assert code == 0
    assert '"a##\\u005bset-output name=coverage]$(curl x)"' in out
    assert sorted(json.loads(out)["unowned"]) == sorted(COMMAND_NAMES)
    assert runner_commands(out) == []


def test_a_pattern_echoed_in_an_error_is_no_command(repo: Callable, run: Callable, actions: None) -> None:
    top = repo({"a.txt": "", "ownership.toml": '[roles.A]\npaths = ["##[set-output name=coverage]$(curl x)"]\n'})
    code, out, err = run(["check"], cwd=top)
    assert (code, out) == (2, "")
    assert err == ("ownership: error: ownership.toml:2:10: pattern '##\\x5bset-output name=coverage]$(curl x)' "
                   "starts with '#': CODEOWNERS reads such a line as a comment\n")
    assert runner_commands(err) == []


def test_an_error_message_never_starts_a_command() -> None:
    assert inline("  ::warning::x") == "  \\x3a:warning::x"
    assert runner_commands(inline("  ::warning::x")) == []


def test_codeowners_check_prints_the_pull_requests_lines_escaped(repo: Callable, run: Callable, actions: None) -> None:
    stale = "##[set-output name=coverage]0\n::warning title=t::from the PR\n\x1b[31mred\u200b @x\n"
    top = repo({"a.txt": "", ".github/CODEOWNERS": stale,
                "ownership.toml": '[roles.A]\nowners = ["@a"]\npaths = ["*"]\n'})
    code, out, err = run(["codeowners", "--check"], cwd=top)
    assert code == 1
    removed = [line for line in out.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert removed == ["-##\\x5bset-output name=coverage]0", "-::warning title=t::from the PR",
                       "-\\x1b[31mred\\u200b @x"]
    assert runner_commands(out + err) == []


def test_codeowners_check_keeps_a_diff_line_per_line_when_the_file_has_a_lone_cr(repo: Callable, run: Callable) -> None:
    top = repo({"a.txt": "", ".github/CODEOWNERS": "* @x\r::error::cr\n",
                "ownership.toml": '[roles.A]\nowners = ["@a"]\npaths = ["*"]\n'})
    code, out, _ = run(["codeowners", "--check"], cwd=top)
    assert code == 1
    assert "-* @x\\r::error::cr\n" in out  # one line: lines end at \n only (issue 10, point 12)
    assert runner_commands(out) == []


def test_raw_file_content_on_a_pipe_is_wrapped_in_stop_commands(repo: Callable, run: Callable, actions: None) -> None:
    top = repo({"a.txt": "", "ownership.toml": '[roles.A]\nowners = ["@a"]\npaths = ["::warning::z"]\n[roles.B]\n'
                'owners = ["@b"]\npaths = ["*"]\n'})
    code, out, _ = run(["codeowners"], cwd=top)
    assert code == 0
    lines = out.splitlines()
    token = re.fullmatch(r"::stop-commands::([0-9a-f]{32})", lines[0]).group(1)  # type: ignore[union-attr]
    assert lines[-1] == f"::{token}::"
    assert "::warning::z @a" in lines
    assert runner_commands(out) == []


def test_outside_actions_the_generated_file_is_printed_as_it_is(repo: Callable, run: Callable) -> None:
    top = repo({"a.txt": "", "ownership.toml": '[roles.A]\nowners = ["@a"]\npaths = ["::warning::z"]\n'})
    code, out, _ = run(["codeowners"], cwd=top)
    assert code == 0 and "::warning::z @a" in out.splitlines() and "stop-commands" not in out


# --- 3. terminal escapes ----------------------------------------------------------------------------------

def test_zero_width_and_arabic_letter_mark_are_escaped() -> None:
    assert for_terminal("README\u200b.md") == '"README\\u200b.md"'
    assert for_terminal("a\u061cb") == '"a\\u061cb"'
    assert for_terminal("bom\ufeff") == '"bom\\ufeff"'
    assert for_terminal("tag\U000e0041") == '"tag\\U000e0041"'
    assert for_terminal("README.md") == "README.md"
    assert for_terminal("café-日本.md") == "café-日本.md"


def test_a_zero_width_name_does_not_look_like_another_in_the_report(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["/ownership.toml", "/README.md"]\n', "README.md": "",
                "README\u200b.md": ""})
    code, out, _ = run(["check"], cwd=top)
    assert code == 1
    assert out.splitlines()[0] == '"README\\u200b.md": unowned: no rule matches'


def test_who_escapes_role_names_owners_and_gitlab_sections(repo: Callable, run: Callable) -> None:
    top = repo({"a.txt": "", "ownership.toml": '[roles."r\\u001b[2J"]\npaths = ["*"]\n[roles.B]\npaths = ["*"]\n',
                "CODEOWNERS": "[Docs\x1b[31m]\n* @b\n"})
    code, out, _ = run(["who", "a.txt"], cwd=top)
    assert code == 0
    assert out.splitlines()[0] == 'a.txt: conflict: "r\\x1b[2J" vs B'
    code, out, _ = run(["who", "--codeowners", "CODEOWNERS", "a.txt"], cwd=top)
    assert code == 0
    assert out.splitlines()[1].split("  ")[-1] == "last match in [Docs\\x1b[31m]"
    assert "\x1b" not in out


def test_codeowners_conflict_warning_escapes_role_names(repo: Callable, run: Callable) -> None:
    top = repo({"a.txt": "", "ownership.toml": '[roles."r\\u001b[2J"]\nowners = ["@r"]\npaths = ["*"]\n'
                '[roles.B]\nowners = ["@b"]\npaths = ["*"]\n'})
    code, _, err = run(["codeowners"], cwd=top)
    assert code == 0
    assert 'ownership: warning: a.txt: claimed by "r\\x1b[2J" and B (a conflict): written with no owners' in err.splitlines()
    assert "\x1b" not in err


def test_import_warnings_escape_what_they_quote(repo: Callable, run: Callable, tmp_path: Path) -> None:
    top = repo({"a.txt": "", "CODEOWNERS": "* @ok\n/x\x1b[[ @a\n"})
    code, _, err = run(["import", "CODEOWNERS", "--output", str(tmp_path / "out.toml")], cwd=top)
    assert code == 0
    assert err.splitlines()[0].startswith("ownership: warning: CODEOWNERS:2:")
    assert "\x1b" not in err


def test_github_file_property_escapes_esc_and_c1(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["/ownership.toml"]\n', "\x1b[31mred\u009b.py": ""})
    code, out, _ = run(["check", "--format", "github"], cwd=top)
    assert code == 1
    assert out.splitlines()[0] == ('::error file=\\x1b[31mred\\x9b.py,title=Unowned file::'
                                   '"\\x1b[31mred\\x9b.py": unowned: no rule matches')


# --- 4. Markdown injection --------------------------------------------------------------------------------

def test_a_backtick_run_cannot_close_the_code_span() -> None:
    assert for_markdown("x``<img src=x onerror=alert(1)>``y.txt") == "```x``<img src=x onerror=alert(1)>``y.txt```"
    assert for_markdown("`tick") == "`` `tick ``"
    assert for_markdown("plain.py") == "`plain.py`"
    assert for_markdown(" spaced ") == "`  spaced  `"  # GFM strips one space each side: both are kept


def test_json_text_is_the_same_value_with_nothing_raw() -> None:
    from ownership.formatters.escape import json_text

    for value in ["a###[b\x7f", "\udcff##[\u200b\x85\U000e0041", "plain/ascii.py", "café.py"]:
        text = json_text(json.dumps([value], ensure_ascii=False))
        assert "##[" not in text and not re.search("[\x7f-\x9f\u200b\udc80-\udcff]", text)
        assert json.loads(text) == [value.replace("\udcff", "\\xff")]


def test_markdown_file_names_role_names_and_descriptions_render_as_text(repo: Callable, run: Callable) -> None:
    name = "x``<img src=x onerror=alert(1)>``y.txt"
    top = repo({name: "", "a.py": "", "ownership.toml":
                '[roles."<img src=x onerror=alert(1)>"]\ndescription = "[click](https://evil.example) <b>&"\n'
                'paths = ["/a.py", "/ownership.toml"]\n'})
    code, out, _ = run(["report", "--format", "markdown"], cwd=top)
    assert code == 0
    lines = out.splitlines()
    assert "- ```x``<img src=x onerror=alert(1)>``y.txt```" in lines
    assert ("| &lt;img src=x onerror=alert(1)&gt; | 2 | 66.7% | \\[click\\](https://evil.example) &lt;b&gt;&amp; |"
            in lines)


def test_markdown_text_escapes_what_starts_html_code_links_and_cells() -> None:
    assert markdown_text("a|b`c[d]e<f>&g\\h") == "a\\|b\\`c\\[d\\]e&lt;f&gt;&amp;g\\\\h"
    assert markdown_text("data-eng team's files (R&D)") == "data-eng team's files (R&amp;D)"


# --- 11. output failures ----------------------------------------------------------------------------------

def _cli(args: List[str], cwd: Path, **kw) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    env = {**os.environ, **GIT_ENV, **kw.pop("env", {})}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "ownership", *args], cwd=cwd, env=env, **kw)


@pytest.fixture
def tree(repo: Callable) -> Path:
    return repo({"a.txt": "", "ownership.toml": '[roles.A]\npaths = ["*"]\n'})


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_report_to_a_full_disk_is_exit_2_and_one_line(tree: Path) -> None:
    with open("/dev/full", "w") as full:
        done = _cli(["report"], tree, stdout=full, stderr=subprocess.PIPE, text=True)
    assert (done.returncode, done.stderr) == (2, "ownership: error: cannot write standard output: No space left on device\n")


def test_a_closed_standard_output_is_exit_2_and_one_line(tree: Path) -> None:
    done = subprocess.run(f"'{sys.executable}' -m ownership report >&-", shell=True, cwd=tree, capture_output=True,
                          text=True, env={**os.environ, **GIT_ENV})
    assert (done.returncode, done.stderr) == (2, "ownership: error: cannot write standard output: it is closed\n")


def test_a_reader_that_has_gone_is_exit_2_and_one_line(tree: Path) -> None:
    # `true` exits long before Python has started, so the write meets a pipe with no reader.
    done = subprocess.run(f"'{sys.executable}' -m ownership report | true; exit ${{PIPESTATUS[0]}}",
                          shell=True, executable="bash", cwd=tree, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV})
    assert done.returncode == 2
    assert done.stderr == "ownership: error: cannot write standard output: the reader has gone (broken pipe)\n"


def test_a_latin_1_terminal_gets_bars_of_hashes(tree: Path) -> None:
    done = _cli(["report"], tree, capture_output=True, env={"PYTHONIOENCODING": "latin-1"})
    assert (done.returncode, done.stderr) == (0, b"")
    assert b"  A         2  100.0%  ####################\n" in done.stdout


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_an_error_while_printing_an_error_is_still_exit_2(tree: Path) -> None:
    with open("/dev/full", "w") as full:
        done = _cli(["check", "--config", "missing.toml"], tree, stdout=subprocess.PIPE, stderr=full)
    assert (done.returncode, done.stdout) == (2, b"")


# --- 13. JSON and SARIF under a root that is not UTF-8 ----------------------------------------------------

@pytest.mark.parametrize("args", [["report", "--format", "json", "--"], ["check", "--format", "json", "--root"],
                                  ["check", "--format", "sarif", "--root"], ["report", "--format", "sarif", "--"]])
def test_a_root_that_is_not_utf8_is_escaped_in_json_and_sarif(tmp_path: Path, args: List[str]) -> None:
    root = os.fsencode(tmp_path) + b"/bad-\xff"
    os.mkdir(root)
    git(Path(os.fsdecode(root)), "init", "-q")
    Path(os.fsdecode(root), "ownership.toml").write_text('[roles.A]\npaths = ["/ownership.toml"]\n')
    Path(os.fsdecode(root), "x.txt").write_text("")
    git(Path(os.fsdecode(root)), "add", "-A")
    done = subprocess.run([sys.executable, "-m", "ownership", *args, "bad-\udcff"], cwd=tmp_path, capture_output=True,
                          env={**os.environ, **GIT_ENV})
    assert done.returncode in (0, 1), done.stderr
    assert b"\xff" not in done.stdout
    document = json.loads(done.stdout.decode("utf-8"))
    root_value = document["root"] if "root" in document else document["runs"][0]["properties"]["root"]
    assert root_value == "bad-\\xff"
