"""Baselines: ``ownership baseline`` records today's problems; ``check --baseline`` fails only on new ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest

from conftest import EX, git, write_tree

BASELINE = """\
{"version": 1, "source": "examples/churn-mlops/ownership.toml", "counts": {"error": 0, "unowned": 1, "conflict": 1, "unused": 1}, "findings": [
  {"kind": "conflict", "path": "config/monitoring.yaml", "roles": ["MLOps Engineer", "SRE"]},
  {"kind": "unowned", "path": "Makefile"},
  {"kind": "unused", "role": "DevOps Engineer", "pattern": "terraform/"}
]}
"""


@pytest.fixture
def baselined(example_repo: Path, run: Callable) -> Path:
    assert run(["baseline", "--root", EX], cwd=example_repo) == (
        0, "Wrote .ownership-baseline.json: 1 unowned, 1 conflict, 1 unused in 21 files.\n", "")
    return example_repo


def test_baseline_records_every_problem_one_entry_a_line(baselined: Path) -> None:
    assert (baselined / ".ownership-baseline.json").read_text(encoding="utf-8") == BASELINE


def test_check_with_the_baseline_passes_and_says_what_it_accepts(baselined: Path, run: Callable) -> None:
    args = ["check", "--root", EX, "--baseline", ".ownership-baseline.json"]
    assert run(args, cwd=baselined) == (0, "ok: 21 files checked, no new problems (2 known in the baseline)\n", "")
    assert run([*args, "--fail-on", "unowned,conflict,unused"], cwd=baselined)[1] == (
        "ok: 21 files checked, no new problems (3 known in the baseline)\n")
    assert run(["check", "--root", EX], cwd=baselined)[0] == 1


def test_a_file_added_to_the_problems_fails(baselined: Path, run: Callable) -> None:
    write_tree(baselined / EX, {"setup.cfg": ""})
    git(baselined, "add", "-A")
    code, out, _ = run(["check", "--root", EX, "--baseline", ".ownership-baseline.json"], cwd=baselined)
    assert (code, out) == (1, "setup.cfg: unowned: no rule matches\n"
                              "1 new problem (1 unowned) in 22 files checked (2 known in the baseline)\n")


def test_fixed_problems_say_the_baseline_can_go_down(baselined: Path, run: Callable) -> None:
    git(baselined, "rm", "-q", f"{EX}/Makefile")
    code, out, _ = run(["check", "--root", EX, "--baseline", ".ownership-baseline.json", "--format", "json"],
                       cwd=baselined)
    assert (code, json.loads(out)["baseline"]) == (0, {"known": 1, "gone": 1})
    assert run(["check", "--root", EX, "--baseline", ".ownership-baseline.json"], cwd=baselined)[1] == (
        "ok: 20 files checked, no new problems (1 known in the baseline; "
        "1 of its entries is gone: lower it with 'ownership baseline --root examples/churn-mlops')\n")


def test_a_conflict_with_another_role_is_a_new_problem(baselined: Path, run: Callable) -> None:
    rolemap = baselined / EX / "ownership.toml"
    rolemap.write_text(rolemap.read_text() + '\n[roles."Data Scientist 2"]\npaths = ["config/"]\n')
    code, out, _ = run(["check", "--root", EX, "--baseline", ".ownership-baseline.json"], cwd=baselined)
    assert code == 1
    assert [line.split(" (")[0] for line in out.splitlines()] == [
        "config/config.yaml: conflict: MLOps Engineer",
        "config/monitoring.yaml: conflict: MLOps Engineer",  # a third role joins: not the conflict recorded
        "2 new problems",
    ]
    assert out.endswith("(1 known in the baseline; 1 of its entries is gone: lower it with "
                        "'ownership baseline --root examples/churn-mlops')\n")


def test_markdown_mentions_the_baseline(baselined: Path, run: Callable) -> None:
    out = run(["check", "--root", EX, "--baseline", ".ownership-baseline.json", "--format", "markdown"],
              cwd=baselined)[1]
    assert out.endswith("No problems in 21 files.\n\n2 known problems accepted by the baseline.\n")


def test_names_that_are_not_utf8_survive_the_round_trip(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["/ownership.toml"]\n', "café.txt": ""})
    (top / b"bad-\xff.txt".decode("utf-8", "surrogateescape")).write_bytes(b"")
    git(top, "add", "-A")
    assert run(["baseline", "--baseline", "b.json"], cwd=top)[0] == 0
    text = (top / "b.json").read_text(encoding="utf-8")
    assert '"path": "bad-\\udcff.txt"' in text and '"path": "café.txt"' in text
    assert run(["check", "--baseline", "b.json"], cwd=top)[:2] == (
        0, "ok: 3 files checked, no new problems (2 known in the baseline)\n")


def test_codeowners_lines_are_kept_by_their_text(repo: Callable, run: Callable) -> None:
    top = repo({".github/CODEOWNERS": "* @a\n!x.py @b\n", "x.py": ""})
    # the baseline counts itself, a file of the tree once committed (issue 12)
    assert run(["baseline"], cwd=top)[1] == "Wrote .ownership-baseline.json: 1 error in 3 files.\n"
    assert '{"kind": "error", "file": ".github/CODEOWNERS", "type": "invalid pattern", "text": "!x.py @b"}' in (
        top / ".ownership-baseline.json").read_text()
    (top / ".github/CODEOWNERS").write_text("# a comment moves it down\n* @a\n!x.py @b\n")
    assert run(["check", "--baseline", ".ownership-baseline.json"], cwd=top)[0] == 0


def test_baseline_of_a_clean_tree(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["*"]\n'})
    # the baseline counts itself, a file of the tree once committed (issue 12)
    assert run(["baseline"], cwd=top)[1] == "Wrote .ownership-baseline.json: no problems in 2 files.\n"
    assert json.loads((top / ".ownership-baseline.json").read_text())["findings"] == []


@pytest.mark.parametrize("text,message", [
    (None, "b.json: no such baseline file (write one with 'ownership baseline -o b.json')"),
    ('{"version": 1,\n "findings": [}', "b.json:2:15: invalid baseline: Expecting value"),
    ("[]", "b.json: not an ownership baseline (write one with 'ownership baseline')"),
    ('{"version": 2, "findings": []}',
     "b.json: baseline version 2 is not supported (expected 1): rewrite it with 'ownership baseline'"),
    ('{"version": 1}', "b.json: baseline has no 'findings' list"),
    ('{"version": 1, "findings": [{"kind": "unowned", "path": "a"}, {"kind": "unowned"}]}',
     "b.json: baseline finding 2 is malformed: expected a finding kind and that "
     "kind's fields, as 'ownership baseline' writes them"),
    ('{"version": 1, "findings": [{"kind": "conflict", "path": "a", "roles": "A"}]}',
     "b.json: baseline finding 1 is malformed: expected a finding kind and that "
     "kind's fields, as 'ownership baseline' writes them"),
])
def test_bad_baselines_are_one_line_errors(repo: Callable, run: Callable, text: str, message: str) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["*"]\n'})
    if text is not None:
        (top / "b.json").write_text(text)
    assert run(["check", "--baseline", "b.json"], cwd=top) == (2, "", f"ownership: error: {message}\n")


def test_baseline_help_has_examples(run: Callable) -> None:
    code, out, _ = run(["baseline", "--help"])
    assert code == 0 and "Examples:" in out and "ownership baseline" in out
    assert "--baseline FILE" in run(["check", "--help"])[1]


@pytest.mark.parametrize("kind", ["codeowners", "raci"])
def test_lint_and_raci_findings_round_trip_through_the_baseline(example_repo: Path, run: Callable, kind: str) -> None:
    """Every kind of finding can be recorded and is then accepted: CODEOWNERS lint lines and RACI phases."""
    root = "examples/codeowners-lint" if kind == "codeowners" else EX
    args = ["--root", root] + (["--codeowners", f"{root}/CODEOWNERS"] if kind == "codeowners" else [])
    if kind == "raci":  # a phase that matches nothing: an empty-phase finding
        toml = example_repo / EX / "ownership.toml"
        toml.write_text(toml.read_text().replace("[phases]", '[phases]\n"Nowhere" = ["nothing/"]'))
    code, out, err = run(["baseline", *args], cwd=example_repo)
    assert (code, err) == (0, "") and out.startswith("Wrote ")
    fail_on = "error,unowned,conflict,unused,duplicate,shadowed,undeclared,empty-phase"
    code, out, err = run(["check", *args, "--fail-on", fail_on, "--warn-on", "", "--baseline", ".ownership-baseline.json"],
                         cwd=example_repo)
    # the kinds the rules in use cannot produce are said (issue 12), on standard error
    impossible = ["conflict", "empty-phase"] if kind == "codeowners" else ["error", "duplicate", "undeclared"]
    assert [line.split(":")[2] for line in err.splitlines()] == [f" --fail-on {k}" for k in impossible]
    assert code == 0 and "no new problems" in out


def test_entries_of_kinds_not_shown_are_not_gone(repo: Callable, run: Callable) -> None:
    # Issue 12 (the Action's baseline and warn-on inputs together): a baseline recording shadowed lines, read
    # by a check that shows only unused ones, said its shadowed entries were gone.
    top = repo({"CODEOWNERS": "/a/ @x\n* @y\n/gone/ @z\n", "a/f": "", "b": ""})
    assert run(["baseline"], cwd=top)[0] == 0
    git(top, "add", "-A")
    code, out, err = run(["check", "--baseline", ".ownership-baseline.json", "--warn-on", "unused"], cwd=top)
    assert (code, err) == (0, "")
    assert out == "ok: 4 files checked, no new problems (0 known in the baseline)\n"
