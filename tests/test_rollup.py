"""Issue 12, point 10: big trees stay readable. ``report`` and ``check`` roll unowned files up by directory
(counts, the biggest first) in text and markdown, ``--list`` shows every file, ``--limit`` bounds the rows;
JSON, SARIF and github output stay complete."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Dict

import pytest

from ownership.model.rollup import Directory, RollUp, roll_up, rolled_up
from test_golden import GOLDEN, render

ROLEMAP = '[roles.Platform]\npaths = ["/ownership.toml", "src/core/"]\n'


def legacy_tree() -> Dict[str, str]:
    """A legacy tree: 30 unowned files under src/legacy/, 12 under tools/, 3 at the top, one deep file."""
    files = {"ownership.toml": ROLEMAP, "src/core/a.py": ""}
    files.update({f"src/legacy/m{i:02}.py": "" for i in range(30)})
    files.update({f"tools/t{i:02}.sh": "" for i in range(12)})
    files.update({"Makefile": "", "setup.cfg": "", "tox.ini": "", "docs/api/v1/index.md": ""})
    return files


# --- the roll-up itself --------------------------------------------------------------------------------------


def test_the_deepest_level_that_fits_biggest_first() -> None:
    paths = ["src/a/x", "src/a/y", "src/b/z", "docs/i", "top"]
    assert roll_up(paths, limit=3) == RollUp(5, (Directory("src/", 3), Directory("./", 1), Directory("docs/", 1)))
    assert roll_up(paths, limit=4).directories == (
        Directory("src/a/", 2), Directory("./", 1), Directory("docs/", 1), Directory("src/b/", 1))


def test_top_level_directories_cut_to_the_limit_with_the_rest_counted() -> None:
    paths = [f"d{i}/f" for i in range(5)] + ["d0/g"]
    assert roll_up(paths, limit=2) == RollUp(6, (Directory("d0/", 2), Directory("d1/", 1)), 3, 3)


def test_one_directory_says_nothing_its_subdirectories_are_shown() -> None:
    paths = [f"legacy/part{i % 5}/f{i}" for i in range(12)]
    assert roll_up(paths, limit=3) == RollUp(12, (Directory("legacy/part0/", 3), Directory("legacy/part1/", 3),
                                                  Directory("legacy/part2/", 2)), 2, 4)


def test_short_lists_and_list_files_are_not_rolled_up() -> None:
    assert not rolled_up(["a"] * 20, 20, False)
    assert rolled_up(["a"] * 21, 20, False)
    assert not rolled_up(["a"] * 21, 20, True)
    assert not rolled_up(["a"] * 21, 0, False)


# --- end to end ------------------------------------------------------------------------------------------------

CASES = {
    "rollup-report-text": ["report"],
    "rollup-report-markdown": ["report", "--format", "markdown", "--limit", "3"],
    "rollup-check-text": ["check"],
    "rollup-check-markdown": ["check", "--format", "markdown", "--limit", "2"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_roll_up(name: str, repo: Callable, run: Callable, request: pytest.FixtureRequest) -> None:
    top = repo(legacy_tree())
    args = CASES[name]
    actual = render(args, *run(args, cwd=top))
    golden = GOLDEN / f"{name}.txt"
    if request.config.getoption("--update-goldens"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


def test_report_rolls_up_the_biggest_directories_first(repo: Callable, run: Callable) -> None:
    code, out, err = run(["report"], cwd=repo(legacy_tree()))
    assert (code, err) == (0, "")
    tail = out.split("Unowned files", 1)[1].splitlines()
    assert tail[:6] == [
        " (46) by directory, the biggest first (--list shows each file)",
        "  src/legacy/   30",
        "  tools/        12",
        "  ./             3",
        "  docs/api/v1/   1",
        "",
    ]


def test_list_shows_every_unowned_file(repo: Callable, run: Callable) -> None:
    top = repo(legacy_tree())
    for command in (["report", "--list"], ["check", "--list"], ["report", "--limit", "0"]):
        code, out, _ = run(command, cwd=top)
        assert "src/legacy/m29.py" in out and "tools/t11.sh" in out and "by directory" not in out, command


def test_check_keeps_the_hook_line_shape_and_the_verdict_counts_every_file(repo: Callable, run: Callable) -> None:
    code, out, err = run(["check"], cwd=repo(legacy_tree()))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "src/legacy/: unowned: 30 files",
        "tools/: unowned: 12 files",
        "./: unowned: 3 files",
        "docs/api/v1/: unowned: 1 file",
        "(unowned files by directory; --list shows each one)",
        "46 problems (46 unowned) in 48 files checked",
    ]


def test_the_limit_bounds_the_rows_and_says_what_is_left_out(repo: Callable, run: Callable) -> None:
    code, out, _ = run(["check", "--limit", "2"], cwd=repo(legacy_tree()))
    assert out.splitlines() == [
        "src/: unowned: 30 files",
        "tools/: unowned: 12 files",
        "(2 more directories with 4 files; --list shows each unowned file)",
        "46 problems (46 unowned) in 48 files checked",
    ]


def test_a_few_unowned_files_are_listed_as_before(repo: Callable, run: Callable) -> None:
    code, out, _ = run(["check"], cwd=repo({"ownership.toml": ROLEMAP, "a.txt": "", "b/c.txt": ""}))
    assert out.splitlines() == ["a.txt: unowned: no rule matches", "b/c.txt: unowned: no rule matches",
                                "ownership.toml:2:29: unused: pattern 'src/core/' of role 'Platform' matches no file",
                                "2 problems (2 unowned) in 3 files checked; 1 warning (1 unused)"]


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_machine_formats_stay_complete(fmt: str, repo: Callable, run: Callable) -> None:
    top = repo(legacy_tree())
    code, out, _ = run(["check", "--format", fmt, "--limit", "1"], cwd=top)
    assert code == 1
    if fmt == "json":
        assert len([f for f in json.loads(out)["findings"] if f["kind"] == "unowned"]) == 46
    elif fmt == "sarif":
        assert len(json.loads(out)["runs"][0]["results"]) == 46
    else:
        assert "46 problems" in out  # ten annotations, then the pointer, whatever the limit
    code, out, _ = run(["report", "--format", "json", "--limit", "1"], cwd=top)
    assert len(json.loads(out)["unowned"]) == 46


def test_a_bad_limit_is_a_usage_error(repo: Callable, run: Callable) -> None:
    code, _, err = run(["check", "--limit", "-1"], cwd=repo(legacy_tree()))
    assert code == 2 and "Invalid value for '--limit'" in err


def test_baselined_files_are_not_counted_in_the_roll_up(repo: Callable, run: Callable) -> None:
    top = repo(legacy_tree())
    assert run(["baseline"], cwd=top)[0] == 0
    (top / "tools" / "new.sh").write_text("")
    from conftest import git

    git(top, "add", "-A")
    code, out, _ = run(["check", "--baseline", ".ownership-baseline.json", "--limit", "1"], cwd=top)
    assert out.splitlines()[:2] == ["./: unowned: 1 file", "(1 more directory with 1 file; --list shows each unowned file)"]
    code, out, _ = run(["check", "--baseline", ".ownership-baseline.json"], cwd=top)
    assert out.splitlines()[:2] == [".ownership-baseline.json: unowned: no rule matches",
                                    "tools/new.sh: unowned: no rule matches"]


def test_big_tree_report_is_short(repo: Callable, run: Callable, tmp_path: Path) -> None:
    files = {"ownership.toml": ROLEMAP, **{f"pkg{i % 40}/sub{i % 7}/f{i}.c": "" for i in range(3000)}}
    code, out, _ = run(["report", "--format", "markdown"], cwd=repo(files))
    unowned = out.split("## Unowned files (3000)", 1)[1]
    assert unowned.count("\n| `pkg") == 20
    assert "20 more directories with 1500 files. `ownership report --list` lists every file." in unowned


def test_the_options_default_is_the_models() -> None:
    from ownership.cli.check import check_command
    from ownership.cli.report import report_command
    from ownership.model.rollup import DEFAULT_LIMIT

    for command in (check_command, report_command):
        assert next(p.default for p in command.params if p.name == "limit") == DEFAULT_LIMIT
