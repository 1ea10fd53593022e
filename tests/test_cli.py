"""The command line against real git repositories: commands, modes, exit codes and error messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from conftest import git, write_tree

ROLEMAP = """\
[settings]
resolution = "{mode}"
ignore = ["*.lock"]

[roles."Data Engineer"]
owners = ["@acme/data"]
paths = ["data/", "*.sql"]

[roles."ML Engineer"]
paths = ["models/", "src/*/models/"]

[roles."Product Manager"]
paths = ["README.md", "/ownership.toml"]

[roles."Technical Writer"]
paths = ["docs/"]
"""

FILES = {
    "README.md": "",
    "data/raw/events.csv": "",
    "models/q.sql": "",
    "src/app/models/train.py": "",
    "docs/README.md": "",
    "docs/guide.md": "",
    "scripts/run.sh": "",
    "poetry.lock": "",
}


@pytest.fixture
def project(repo: Callable[..., Path]) -> Callable[..., Path]:
    def build(mode: str = "specific", **extra: str) -> Path:
        return repo({"ownership.toml": ROLEMAP.format(mode=mode), **FILES, **extra})

    return build


def report_json(run: Callable, cwd: Path, *args: str) -> dict:
    code, out, err = run(["report", "--format", "json", "--list", *args], cwd=cwd)
    assert (code, err) == (0, "")
    return json.loads(out)


def owners(document: dict) -> dict:
    return {p: r["role"] for r in document["roles"] for p in r["paths"]}


# --- resolution modes -------------------------------------------------------------------------------


def test_specific_mode_most_specific_wins_and_ties_conflict(project: Callable, run: Callable) -> None:
    doc = report_json(run, project("specific"))
    assert owners(doc)["models/q.sql"] == "ML Engineer"  # models/ (1,1) beats *.sql (0,1)
    assert owners(doc)["src/app/models/train.py"] == "ML Engineer"
    assert [c["path"] for c in doc["conflicts"]] == ["docs/README.md"]  # docs/ vs README.md: both (1,1)
    assert [(c["role"], c["pattern"]) for c in doc["conflicts"][0]["candidates"]] == [
        ("Product Manager", "README.md"), ("Technical Writer", "docs/"),
    ]
    assert doc["unowned"] == ["scripts/run.sh"]
    assert doc["ignored"] == ["poetry.lock"]
    assert doc["summary"] == {"files": 9, "owned": 6, "unowned": 1, "conflicts": 1, "ignored": 1, "coverage": 75.0}


def test_last_mode_last_matching_rule_wins(project: Callable, run: Callable) -> None:
    doc = report_json(run, project("last"))
    assert owners(doc)["models/q.sql"] == "ML Engineer"
    assert owners(doc)["docs/README.md"] == "Technical Writer"
    assert doc["conflicts"] == []


def test_strict_mode_any_overlap_between_roles_conflicts(project: Callable, run: Callable) -> None:
    doc = report_json(run, project("strict"))
    assert sorted(c["path"] for c in doc["conflicts"]) == ["docs/README.md", "models/q.sql"]
    assert owners(doc)["data/raw/events.csv"] == "Data Engineer"


def test_unused_rules_are_reported_with_their_line(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["a/", "nothing/"]\n', "a/x": ""})
    doc = report_json(run, top)
    assert doc["unused_rules"] == [{"role": "A", "pattern": "nothing/", "line": 2, "column": 16}]


# --- finding the root and the role map ----------------------------------------------------------------


def test_report_from_a_subdirectory_uses_the_work_tree_top(project: Callable, run: Callable) -> None:
    top = project()
    doc = report_json(run, top / "docs")
    assert doc["root"] == ".."
    assert doc["summary"]["files"] == 9


def test_root_argument_analyses_only_that_directory(repo: Callable, run: Callable) -> None:
    top = repo({
        "svc/ownership.toml": '[roles.A]\npaths = ["/src/"]\n',
        "svc/src/a.py": "", "svc/other.py": "", "elsewhere/src/b.py": "",
    })
    doc = report_json(run, top, "svc")
    assert doc["root"] == "svc"
    assert doc["config"] == "svc/ownership.toml"
    assert owners(doc) == {"src/a.py": "A"}
    assert doc["unowned"] == ["other.py", "ownership.toml"]


def test_dot_ownership_toml_and_pyproject_are_found(repo: Callable, run: Callable) -> None:
    top = repo({".ownership.toml": '[roles.A]\npaths = ["*"]\n', "x": ""})
    assert report_json(run, top)["config"] == ".ownership.toml"
    top = repo({"pyproject.toml": '[project]\nname = "x"\n\n[tool.ownership.roles.B]\npaths = ["*"]\n'}, name="py")
    doc = report_json(run, top)
    assert (doc["config"], owners(doc)) == ("pyproject.toml", {"pyproject.toml": "B"})


def test_config_option_overrides_and_patterns_are_relative_to_it(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["*"]\n', "team/map.toml": '[roles.B]\npaths = ["x/"]\n',
                "team/x/y": ""})
    doc = report_json(run, top, "--config", "team/map.toml")
    assert (doc["config"], owners(doc)) == ("team/map.toml", {"x/y": "B"})


# --- listing the tree -----------------------------------------------------------------------------------


def test_index_rev_and_untracked_listings(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["*"]\n', "committed": ""})
    write_tree(top, {"staged": "", "untracked": "", "ignored.log": "", ".gitignore": "*.log\n"})
    git(top, "add", "staged")
    files = lambda *args: [p for r in report_json(run, top, *args)["roles"] for p in r["paths"]]  # noqa: E731
    assert files() == ["committed", "ownership.toml", "staged"]
    assert files("--rev", "HEAD") == ["committed", "ownership.toml"]
    assert files("--untracked") == [".gitignore", "committed", "ownership.toml", "staged", "untracked"]


def test_odd_file_names_are_listed_and_shown_escaped(repo: Callable, run: Callable) -> None:
    names = ["with space.txt", 'quote".txt', "tab\there.txt", "new\nline.txt", "-leading-dash", "café.md",
             "100%::x,y.txt", "\x1b[31mred.txt", 'x", "y.txt']
    top = repo({"ownership.toml": '[roles.A]\npaths = ["/ownership.toml"]\n', **{n: "" for n in names}})
    raw = top / b"bad-\xff-byte.txt".decode("utf-8", "surrogateescape")
    raw.write_bytes(b"")
    git(top, "add", "-A")
    code, out, err = run(["report"], cwd=top)
    assert (code, err) == (0, "")
    assert "\x1b" not in out and "\t" not in out
    for shown in ['"tab\\there.txt"', '"new\\nline.txt"', '"\\x1b[31mred.txt"', '"bad-\\xff-byte.txt"',
                  "with space.txt", 'quote".txt', "-leading-dash", "café.md", "100%::x,y.txt", 'x", "y.txt']:
        assert f"\n  {shown}\n" in out
    doc = report_json(run, top)
    assert sorted(doc["unowned"]) == sorted(names + ["bad-\\xff-byte.txt"])


def test_symlinks_and_submodules_are_one_entry_each(repo: Callable, run: Callable, tmp_path: Path) -> None:
    sub = repo({"inner.txt": ""}, name="sub")
    top = repo({"ownership.toml": '[roles.A]\npaths = ["*"]\n', "target.txt": ""})
    (top / "link").symlink_to("target.txt")
    git(top, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(sub), "vendored")
    git(top, "add", "-A")
    files = [p for r in report_json(run, top)["roles"] for p in r["paths"]]
    assert files == [".gitmodules", "link", "ownership.toml", "target.txt", "vendored"]


# --- check ------------------------------------------------------------------------------------------------


def test_check_prints_only_problems_and_exits_1(project: Callable, run: Callable) -> None:
    code, out, err = run(["check"], cwd=project())
    assert (code, err) == (1, "")
    assert out == (
        "scripts/run.sh: unowned: no rule matches\n"
        "docs/README.md: conflict: Product Manager (README.md, ownership.toml:13:10) and "
        "Technical Writer (docs/, ownership.toml:16:10) claim it\n"
        "ownership.toml:7:19: shadowed: pattern '*.sql' of role 'Data Engineer' matches 1 file, but 'models/' of "
        "role 'ML Engineer' (line 10) decides it\n"
        "2 problems (1 unowned, 1 conflict) in 9 files checked; 1 warning (1 shadowed)\n"
    )


def test_check_clean_tree_exits_0(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["*"]\n', "a": ""})
    assert run(["check"], cwd=top) == (0, "ok: 2 files checked, no problems\n", "")


def test_fail_on_selects_the_findings_that_fail(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["*", "gone/"]\n', "a": ""})
    assert run(["check"], cwd=top)[0] == 0
    code, out, _ = run(["check", "--fail-on", "unused"], cwd=top)
    assert (code, out.splitlines()[0]) == (1, "ownership.toml:2:15: unused: pattern 'gone/' of role 'A' matches no file")
    code, out, err = run(["check", "--fail-on", "unowned,bogus"], cwd=top)
    assert code == 2 and "'bogus' is not one of error, unowned, explicitly-unowned, conflict, unused" in err


def test_check_files_checks_only_those_relative_to_the_current_directory(project: Callable, run: Callable) -> None:
    top = project()
    assert run(["check", "guide.md"], cwd=top / "docs") == (0, "ok: 1 file checked, no problems\n", "")
    # a file that is not tracked yet is checked when it is on disk; one that is neither is an error (issue 12)
    assert run(["check", "README.md", "../scripts/new.sh"], cwd=top / "docs") == (
        2, "", "ownership: error: ../scripts/new.sh: no such file: not tracked by git and not on disk\n")
    (top / "scripts" / "new.sh").write_text("")
    code, out, _ = run(["check", "README.md", "../scripts/new.sh"], cwd=top / "docs")
    assert code == 1
    assert out.splitlines() == [
        "scripts/new.sh: unowned: no rule matches",
        "docs/README.md: conflict: Product Manager (README.md, ../ownership.toml:13:10) and "
        "Technical Writer (docs/, ../ownership.toml:16:10) claim it",
        "2 problems (1 unowned, 1 conflict) in 2 files checked",
    ]


def test_check_files_outside_the_root_is_an_error(project: Callable, run: Callable, tmp_path: Path) -> None:
    top = project()
    code, out, err = run(["check", str(tmp_path / "elsewhere.py")], cwd=top)
    assert (code, out) == (2, "")
    assert err == f"ownership: error: {tmp_path / 'elsewhere.py'}: path is outside ., the directory the rules apply to\n"


# --- who --------------------------------------------------------------------------------------------------


def test_who_json_has_the_documented_shape(project: Callable, run: Callable) -> None:
    top = project()
    code, out, err = run(["who", "--format", "json", "models/q.sql", "docs/README.md", "nowhere/x", "a.lock"],
                         cwd=top)
    assert (code, err) == (0, "")
    assert json.loads(out) == {"version": 1, "paths": [
        {"path": "models/q.sql", "status": "owned", "owners": ["ML Engineer"], "handles": [],
         "rule": {"pattern": "models/", "line": 10},
         "candidates": [{"role": "Data Engineer", "pattern": "*.sql", "owners": ["@acme/data"]},
                        {"role": "ML Engineer", "pattern": "models/", "owners": []}], "skipped": []},
        {"path": "docs/README.md", "status": "conflict", "owners": [], "handles": [], "rule": None,
         "candidates": [{"role": "Product Manager", "pattern": "README.md", "owners": []},
                        {"role": "Technical Writer", "pattern": "docs/", "owners": []}], "skipped": []},
        {"path": "nowhere/x", "status": "unowned", "owners": [], "handles": [], "rule": None, "candidates": [],
         "skipped": []},
        {"path": "a.lock", "status": "ignored", "owners": [], "handles": [], "rule": {"pattern": "*.lock", "line": 3},
         "candidates": [], "skipped": []},
    ]}
    # issue 12: whom to ask is the role's owners
    code, out, err = run(["who", "--format", "json", "data/x.csv"], cwd=top)
    assert json.loads(out)["paths"][0]["handles"] == ["@acme/data"]
    assert run(["who", "data/x.csv"], cwd=top)[1].splitlines()[0] == \
        "data/x.csv: owned by Data Engineer (@acme/data)"


def test_who_strict_conflict_lists_every_matching_rule(project: Callable, run: Callable) -> None:
    code, out, _ = run(["who", "--format", "json", "models/q.sql"], cwd=project("strict"))
    assert json.loads(out)["paths"][0]["candidates"] == [
        {"role": "Data Engineer", "pattern": "*.sql", "owners": ["@acme/data"]},
        {"role": "ML Engineer", "pattern": "models/", "owners": []}]


def test_who_text_marks_the_winner_and_says_why(project: Callable, run: Callable) -> None:
    code, out, err = run(["who", "models/q.sql"], cwd=project())
    assert (code, err) == (0, "")
    assert out == (
        "models/q.sql: owned by ML Engineer\n"
        "     ownership.toml:7:19   Data Engineer  *.sql    (0, 1)\n"
        "  *  ownership.toml:10:10  ML Engineer    models/  (1, 1)  most specific\n"
    )


# --- errors: one line, exit 2, never a traceback -----------------------------------------------------------


def test_not_a_git_repository(tmp_path: Path, run: Callable) -> None:
    assert run(["report"], cwd=tmp_path) == (2, "", f"ownership: error: not in a git repository: {tmp_path}\n")


def test_no_role_map(repo: Callable, run: Callable) -> None:
    top = repo({"a": ""})
    code, out, err = run(["report"], cwd=top)
    assert (code, out) == (2, "")
    assert err.startswith(f"ownership: error: no ownership rules found: looked in {top} for ownership.toml, "
                          ".ownership.toml")


def test_invalid_role_map_names_file_line_and_column(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["ok/", "a//b"]\n'})
    assert run(["check"], cwd=top) == (
        2, "", "ownership: error: ownership.toml:2:17: pattern 'a//b' has an empty segment ('//') and can never match\n")


def test_unknown_revision(project: Callable, run: Callable) -> None:
    code, out, err = run(["report", "--rev", "no-such-tag"], cwd=project())
    assert (code, out, err) == (2, "", "ownership: error: unknown revision 'no-such-tag': no commit or tree by that name\n")


def test_repository_without_commits_lists_the_index(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["*"]\n'}, commit=False)
    assert run(["check"], cwd=top)[0] == 0
    assert run(["check", "--rev", "HEAD"], cwd=top)[0] == 2


def test_missing_root_and_missing_config(project: Callable, run: Callable) -> None:
    top = project()
    assert run(["report", "nope"], cwd=top) == (2, "", "ownership: error: nope: no such directory\n")
    assert run(["report", "--config", "nope.toml"], cwd=top) == (2, "", "ownership: error: nope.toml: no such role map file\n")


def test_usage_errors_exit_2(run: Callable) -> None:
    code, _, err = run(["report", "--format", "xml"])
    assert code == 2 and "Invalid value for '--format'" in err
    assert run(["who"])[0] == 2


# --- init -------------------------------------------------------------------------------------------------


def test_init_writes_a_starter_map_with_only_matching_homes(repo: Callable, run: Callable) -> None:
    top = repo({"data/x.csv": "", "notebooks/a.ipynb": "", "Dockerfile": "", "README.md": "", "setup.py": ""})
    code, out, err = run(["init"], cwd=top)
    assert (code, err) == (0, "")
    assert out == (
        "Wrote ownership.toml (an ML team's roles): 5 roles, 7 patterns, 2 phases; 4 of 5 files owned (80.0%).\n"
        "ownership.toml, .ownership-baseline.json and a generated .github/CODEOWNERS are owned by MLOps Engineer.\n"
        "Still unowned (1):\n  setup.py\n"
    )
    text = (top / "ownership.toml").read_text()
    assert 'paths = ["data/"]' in text and 'paths = ["Dockerfile"]' in text and 'paths = ["/README.md"]' in text
    assert '# [roles."SRE"]' in text  # a role with nothing in this tree stays a comment
    git(top, "add", "ownership.toml")
    assert run(["report"], cwd=top)[0] == 0


def test_init_refuses_to_overwrite_without_force(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": "keep me", "data/x": ""})
    assert run(["init"], cwd=top) == (2, "", f"ownership: error: {top / 'ownership.toml'} exists; use --force to overwrite it\n")
    assert (top / "ownership.toml").read_text() == "keep me"
    assert run(["init", "--force"], cwd=top)[0] == 0
    assert "[roles.\"Data Engineer\"]" in (top / "ownership.toml").read_text()


# --- the command line itself ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["report", "check", "who", "init", "raci"])
def test_every_command_help_has_an_example(command: str, run: Callable) -> None:
    code, out, _ = run([command, "--help"])
    assert code == 0 and "Examples:" in out and f"ownership {command}" in out


def test_help_does_not_import_gitpython() -> None:
    script = "import sys; from ownership.cli import main; main(['--help']); print('git' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "False"


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "ownership", "--version"], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "ownership, version 0.1.0\n")


def test_no_colour_unless_asked(project: Callable, run: Callable) -> None:
    top = project()
    assert "\x1b[" not in run(["report"], cwd=top)[1]  # not a terminal
    assert "\x1b[" in run(["report", "--color", "always"], cwd=top)[1]


def test_git_missing_from_path_is_a_clear_error(project: Callable, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    result = subprocess.run([str(bin_dir / "python"), "-m", "ownership", "report"], cwd=project(),
                            env={"PATH": str(bin_dir), "PYTHONPATH": ":".join(sys.path)}, capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", "ownership: error: git is not installed or not on PATH\n")


def test_bare_repository_is_a_clear_error(tmp_path: Path, run: Callable) -> None:
    git(tmp_path, "init", "-q", "--bare", "bare.git")
    code, out, err = run(["report"], cwd=tmp_path / "bare.git")
    assert (code, out, err) == (2, "", f"ownership: error: not in a git work tree (a bare repository?): {tmp_path / 'bare.git'}\n")


def test_detached_head_and_tags_work(project: Callable, run: Callable) -> None:
    top = project()
    git(top, "tag", "v1")
    git(top, "checkout", "-q", "--detach", "HEAD")
    assert run(["check", "--rev", "v1"], cwd=top)[0] == 1
    assert run(["check"], cwd=top)[0] == 1


@pytest.mark.parametrize("tty,no_color,choice,expected", [
    (True, "", "auto", True), (True, "1", "auto", False), (False, "", "auto", False),
    (False, "1", "always", True), (True, "", "never", False),
])
def test_colour_only_on_a_terminal_and_never_with_no_color(
    monkeypatch: pytest.MonkeyPatch, tty: bool, no_color: str, choice: str, expected: bool
) -> None:
    from ownership.cli.options import use_color

    monkeypatch.setattr(sys.stdout, "isatty", lambda: tty)
    monkeypatch.setenv("NO_COLOR", no_color)
    assert use_color(choice) is expected
