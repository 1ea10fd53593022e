"""Issue 12, point 12: options are one language. ``--root`` works with every command that takes a root (the
positional ROOT too where it was), every command that writes a file takes ``-o/--output``, the pull request's
base is ``--base`` everywhere, hints name a command that works, and counts read as English."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest

from conftest import git

SVC = '[roles.Svc]\nowners = ["@org/svc"]\npaths = ["*"]\n'


@pytest.fixture
def top(repo: Callable) -> Path:
    return repo({"svc/ownership.toml": SVC, "svc/a.py": "", "b.txt": ""})


COMMANDS = ["report", "check", "who", "diff", "baseline", "raci", "init", "codeowners", "history", "suggest"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_with_a_root_takes_root_and_shows_an_example(command: str, run: Callable, top: Path) -> None:
    code, out, err = run([command, "--help"], cwd=top)
    assert code == 0 and "--root DIR" in out and "Examples:" in out


@pytest.mark.parametrize("args", [["report", "--format", "json"], ["check", "--format", "json"],
                                  ["codeowners"], ["baseline", "-o", "-"]])
def test_root_as_argument_or_option_means_the_same(args: list, run: Callable, top: Path) -> None:
    if args[0] == "baseline":  # no ROOT argument (its arguments would be files): --root only
        assert run(["baseline", "--root", "svc", "-o", "svc/base.json"], cwd=top)[:2] == (
            0, "Wrote svc/base.json: no problems in 3 files.\n")
        return
    by_option = run([*args, "--root", "svc"], cwd=top)
    assert by_option[0] in (0, 1) and by_option[2] == ""
    if args[0] != "check":
        assert run([*args, "svc"], cwd=top) == by_option
        assert run([*args, "svc", "--root", "svc"], cwd=top) == by_option


def test_root_given_twice_differently_is_one_error(run: Callable, top: Path) -> None:
    assert run(["report", "svc", "--root", "."], cwd=top) == (
        2, "", "ownership: error: ROOT 'svc' and --root '.' differ: give the root once\n")


def test_raci_and_init_take_root_too(repo: Callable, run: Callable) -> None:
    top = repo({"svc/ownership.toml": SVC + '[phases]\nBuild = ["*.py"]\n', "svc/a.py": "", "ml/data/x.csv": ""})
    code, out, err = run(["raci", "--root", "svc"], cwd=top)
    assert (code, err) == (0, "")
    assert out.splitlines()[1].startswith("1 phase covers 1 of 2 files.")
    code, out, err = run(["init", "--root", "ml"], cwd=top)
    assert (code, err) == (0, "") and (top / "ml" / "ownership.toml").is_file()


def test_every_command_that_writes_a_file_takes_output(repo: Callable, run: Callable, top: Path) -> None:
    for command in (["report"], ["codeowners"], ["import"], ["init"], ["baseline"]):
        code, out, _ = run([*command, "--help"], cwd=top)
        assert "-o, --output" in out, command
    assert run(["baseline", "--root", "svc", "-o", "svc/b1.json"], cwd=top)[0] == 0
    assert run(["baseline", "--root", "svc", "--output", "svc/b2.json"], cwd=top)[0] == 0
    assert run(["baseline", "--root", "svc", "--baseline", "svc/b3.json"], cwd=top)[0] == 0  # the old name
    texts = {(top / "svc" / f"b{i}.json").read_text() for i in (1, 2, 3)}
    assert len(texts) == 1 and json.loads(texts.pop())["version"] == 1
    ml = repo({"data/x.csv": "", "notebooks/a.ipynb": ""}, name="ml")
    code, out, err = run(["init", "-o", "proposed.toml"], cwd=ml)
    assert (code, err) == (0, "") and out.startswith("Wrote proposed.toml (an ML team's roles): ")
    assert (ml / "proposed.toml").is_file() and not (ml / "ownership.toml").exists()


def test_the_pull_request_base_is_base_for_check_and_diff(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["/ownership.toml", "a/"]\n', "a/x": ""})
    git(top, "checkout", "-q", "-b", "feature")
    (top / "new.sh").write_text("")
    git(top, "add", "-A")
    assert run(["check", "--base", "main"], cwd=top) == (
        1, "new.sh: unowned: no rule matches\n1 problem (1 unowned) in 1 file checked\n", "")
    assert run(["check", "--changed-since", "main"], cwd=top)[1] == run(["check", "--base", "main"], cwd=top)[1]
    assert run(["diff", "--base", "main"], cwd=top) == run(["diff", "main"], cwd=top)
    code, out, err = run(["diff"], cwd=top)
    assert (code, out, err) == (2, "", "ownership: error: give the revision to compare with: REF or --base REF\n")
    code, out, _ = run(["check", "--help"], cwd=top)
    assert "--base, --changed-since REF" in out and "ownership check --base origin/main" in out


def test_the_hint_for_a_hand_written_codeowners_is_a_command_that_works(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\nowners = ["@a"]\npaths = ["*"]\n', "CODEOWNERS": "* @someone\n"})
    code, out, err = run(["codeowners", "--check"], cwd=top)
    assert code == 1
    assert err == ("ownership: CODEOWNERS differs from the role map; run `ownership codeowners --write --force` (it "
                   "was not generated by ownership: `ownership import` turns it into a role map first)\n")
    assert run(["codeowners", "--write"], cwd=top)[0] == 2  # what the hint said before: refused
    assert run(["codeowners", "--write", "--force"], cwd=top)[0] == 0
    assert run(["codeowners", "--check"], cwd=top)[:2] == (0, "ok: CODEOWNERS matches the role map\n")


def test_counts_read_as_english(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\nowners = ["@a"]\npaths = ["/ownership.toml"]\n'})
    assert run(["check"], cwd=top) == (0, "ok: 1 file checked, no problems\n", "")
    assert run(["check", "--format", "markdown"], cwd=top)[1].endswith("No problems in 1 file.\n")
    assert run(["baseline"], cwd=top)[1] == "Wrote .ownership-baseline.json: no problems in 1 file.\n"
    assert run(["codeowners", "-o", "CODEOWNERS"], cwd=top)[1] == "Wrote CODEOWNERS: 1 pattern of 1 role.\n"


def test_baseline_hints_name_the_command_that_writes_that_file(repo: Callable, run: Callable) -> None:
    top = repo({"svc/ownership.toml": SVC, "svc/a.py": "", "b.txt": ""})
    code, _, err = run(["check", "--root", "svc", "--baseline", "svc/accepted.json"], cwd=top)
    assert (code, err) == (2, "ownership: error: svc/accepted.json: no such baseline file (write one with "
                              "'ownership baseline --root svc -o svc/accepted.json')\n")
    assert run(["baseline", "--root", "svc", "-o", "svc/accepted.json"], cwd=top)[0] == 0
    (top / "svc" / "ownership.toml").write_text(SVC.replace('["*"]', '["*.py"]'))
    git(top, "add", "-A")
    assert run(["baseline", "--root", "svc", "-o", "svc/accepted.json"], cwd=top)[0] == 0  # 1 unowned recorded
    (top / "svc" / "ownership.toml").write_text(SVC)
    git(top, "add", "-A")
    code, out, err = run(["check", "--root", "svc", "--baseline", "svc/accepted.json"], cwd=top)
    assert (code, err) == (0, "")
    assert out == ("ok: 3 files checked, no new problems (0 known in the baseline; 2 of its entries are gone: lower "
                   "it with 'ownership baseline --root svc -o svc/accepted.json')\n")
