"""CODEOWNERS end to end: report, check and who on real git repositories, discovery, dialects, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest

from conftest import write_tree

FILES = {
    "README.md": "", "docs/index.md": "", "docs/guide/setup.md": "", "src/app/main.py": "", "src/lib/core.py": "",
    "scripts/build.sh": "",
}
GITHUB_FILE = """\
# owners
*               @acme/platform
*.md            @acme/docs
/src/app/       @alice @bob
/scripts/
"""


@pytest.fixture
def github_repo(repo: Callable[..., Path]) -> Path:
    return repo({".github/CODEOWNERS": GITHUB_FILE, **FILES})


# --- report ----------------------------------------------------------------------------------------------------


def test_report_counts_a_file_for_each_of_its_owners_with_unowned_and_coverage(github_repo: Path, run: Callable) -> None:
    code, out, err = run(["report"], cwd=github_repo)
    assert (code, err) == (0, "")
    assert out == """\
Ownership of . (CODEOWNERS .github/CODEOWNERS, github semantics)

  files                    7
  owned                    6
  unowned                  0
  conflicts                0
  ignored                  0
  explicitly unowned       1
  coverage            100.0%

Files per owner
  OWNER           FILES  SHARE
  @acme/platform      2  33.3%  ██████▋
  @acme/docs          3  50.0%  ██████████
  @alice              1  16.7%  ███▍
  @bob                1  16.7%  ███▍

Unowned files (0)
  none

Explicitly unowned files (1)
  scripts/build.sh  .github/CODEOWNERS:5:1  /scripts/

Lines that match nothing (0)
  none
"""


def test_report_json_lists_files_per_owner(github_repo: Path, run: Callable) -> None:
    code, out, _ = run(["report", "--format", "json", "--list"], cwd=github_repo)
    doc = json.loads(out)
    assert {r["role"]: r["paths"] for r in doc["roles"]} == {
        "@acme/platform": [".github/CODEOWNERS", "src/lib/core.py"],
        "@acme/docs": ["README.md", "docs/guide/setup.md", "docs/index.md"],
        "@alice": ["src/app/main.py"], "@bob": ["src/app/main.py"]}
    assert doc["summary"] == {"files": 7, "owned": 6, "unowned": 0, "conflicts": 0, "ignored": 0,
                              "explicitly_unowned": 1, "coverage": 100.0}
    # issue 12: a line without owners is GitHub's way to exempt files, told apart from files no line matches
    assert doc["explicitly_unowned"] == [{"path": "scripts/build.sh", "pattern": "/scripts/", "line": 5, "column": 1}]
    assert (doc["config"], doc["resolution"], doc["sections"]) == (".github/CODEOWNERS", "github", [])


GITLAB_FILE = """\
* @admin
!*.lock

[Docs][2] @docs-team
docs/
README.md

^[Code]
/src/ @dev @lead
!*.rb

[DOCS]
setup.md @writer
"""


def test_gitlab_report_lists_sections_with_their_files(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({".gitlab/CODEOWNERS": GITLAB_FILE, **FILES, "src/app/x.rb": "", "uv.lock": ""})
    code, out, err = run(["report"], cwd=top)
    assert (code, err) == (0, "")
    assert out.split("Sections")[1] == """\
 (3)
  SECTION     LINE  FILES   SHARE  APPROVALS      DEFAULT OWNERS
  codeowners     -      8  100.0%  1
  Docs           4      3   37.5%  2, line 13: 1  @docs-team
  Code           8      2   25.0%  optional

Unowned files (0)
  none

Explicitly unowned files (1)
  uv.lock  .gitlab/CODEOWNERS:2:1  !*.lock

Lines that match nothing (0)
  none
"""
    doc = json.loads(run(["report", "--format", "json"], cwd=top)[1])
    assert doc["sections"] == [
        {"name": "codeowners", "line": None, "optional": False, "approvals": 1, "default_owners": [], "files": 8},
        {"name": "Docs", "line": 4, "optional": False, "approvals": 2, "default_owners": ["@docs-team"], "files": 3,
         "entry_approvals": [{"line": 13, "approvals": 1}]},  # [DOCS] asks for 1 (issue 15)
        {"name": "Code", "line": 8, "optional": True, "approvals": 1, "default_owners": [], "files": 2},
    ]
    assert {r["role"]: r["files"] for r in doc["roles"]} == {
        "@admin": 8, "@docs-team": 2, "@dev": 2, "@lead": 2, "@writer": 1}


# --- who -------------------------------------------------------------------------------------------------------


def test_who_json_has_the_role_map_shape_with_the_winning_lines_owners(github_repo: Path, run: Callable) -> None:
    code, out, err = run(["who", "--codeowners", ".github/CODEOWNERS", "--format", "json",
                          "src/app/main.py", "scripts/new.sh", "docs/x.md"], cwd=github_repo)
    assert (code, err) == (0, "")
    assert json.loads(out) == {"version": 1, "paths": [
        {"path": "src/app/main.py", "status": "owned", "owners": ["@alice", "@bob"], "handles": ["@alice", "@bob"],
         "rule": {"pattern": "/src/app/", "line": 4},
         "candidates": [{"role": "@acme/platform", "pattern": "*", "owners": ["@acme/platform"]},
                        {"role": "@alice @bob", "pattern": "/src/app/", "owners": ["@alice", "@bob"]}],
         "skipped": []},
        {"path": "scripts/new.sh", "status": "unowned", "owners": [], "handles": [],
         "rule": {"pattern": "/scripts/", "line": 5}, "candidates": [], "skipped": []},
        {"path": "docs/x.md", "status": "owned", "owners": ["@acme/docs"], "handles": ["@acme/docs"],
         "rule": {"pattern": "*.md", "line": 3},
         "candidates": [{"role": "@acme/platform", "pattern": "*", "owners": ["@acme/platform"]},
                        {"role": "@acme/docs", "pattern": "*.md", "owners": ["@acme/docs"]}], "skipped": []},
    ]}


def test_who_text_marks_the_deciding_line_of_each_gitlab_section(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({".gitlab/CODEOWNERS": GITLAB_FILE, **FILES, "src/app/x.rb": ""})
    code, out, err = run(["who", "README.md", "src/app/x.rb", "uv.lock", "nowhere/x"], cwd=top)
    assert (code, err) == (0, "")
    assert out == """\
README.md: owned by @admin @docs-team
  *  .gitlab/CODEOWNERS:1:1  @admin      *          last match in [codeowners]
  *  .gitlab/CODEOWNERS:6:1  @docs-team  README.md  last match in [Docs]
src/app/x.rb: owned by @admin
  *  .gitlab/CODEOWNERS:1:1   @admin       *      last match in [codeowners]
     .gitlab/CODEOWNERS:9:1   @dev @lead   /src/
  x  .gitlab/CODEOWNERS:10:1  (no owners)  !*.rb  excluded from [Code]
uv.lock: unowned: excluded from every section that matches
     .gitlab/CODEOWNERS:1:1  @admin       *
  x  .gitlab/CODEOWNERS:2:1  (no owners)  !*.lock  excluded from [codeowners]
nowhere/x: owned by @admin
  *  .gitlab/CODEOWNERS:1:1  @admin  *  last match in [codeowners]
"""


def test_who_json_on_gitlab_has_the_combined_owners_and_the_first_sections_line(
    repo: Callable[..., Path], run: Callable
) -> None:
    top = repo({".gitlab/CODEOWNERS": GITLAB_FILE, **FILES})
    code, out, _ = run(["who", "--format", "json", "README.md", "uv.lock"], cwd=top)
    assert json.loads(out) == {"version": 1, "paths": [
        {"path": "README.md", "status": "owned", "owners": ["@admin", "@docs-team"],
         "handles": ["@admin", "@docs-team"], "rule": {"pattern": "*", "line": 1},
         "candidates": [{"role": "@admin", "pattern": "*", "owners": ["@admin"]},
                        {"role": "@docs-team", "pattern": "README.md", "owners": ["@docs-team"]}], "skipped": []},
        {"path": "uv.lock", "status": "unowned", "owners": [], "handles": [], "rule": None, "candidates": [],
         "skipped": []},
    ]}


def test_who_text_on_github_says_an_owner_less_line_decides(github_repo: Path, run: Callable) -> None:
    assert run(["who", "scripts/x"], cwd=github_repo) == (0, """\
scripts/x: unowned: the deciding line names no owner
     .github/CODEOWNERS:2:1  @acme/platform  *
  *  .github/CODEOWNERS:5:1  (no owners)     /scripts/  last match
""", "")


# --- discovery and dialects ------------------------------------------------------------------------------------


@pytest.mark.parametrize("present,found", [
    ((".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"), ".github/CODEOWNERS"),
    (("CODEOWNERS", "docs/CODEOWNERS"), "CODEOWNERS"),
    (("docs/CODEOWNERS", ".gitlab/CODEOWNERS"), "docs/CODEOWNERS"),
    ((".gitlab/CODEOWNERS",), ".gitlab/CODEOWNERS"),
])
def test_discovery_follows_githubs_order(repo: Callable[..., Path], run: Callable, present: tuple, found: str) -> None:
    """GitHub: ".github/, root, or docs/ ... in that order"; .gitlab/ only GitLab reads, so it comes last."""
    top = repo({name: "* @x\n" for name in present})
    assert json.loads(run(["report", "--format", "json"], cwd=top)[1])["config"] == found


@pytest.mark.parametrize("present,found", [
    ((".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"), "CODEOWNERS"),
    (("docs/CODEOWNERS", ".gitlab/CODEOWNERS"), "docs/CODEOWNERS"),
    ((".github/CODEOWNERS", ".gitlab/CODEOWNERS"), ".gitlab/CODEOWNERS"),
])
def test_discovery_follows_gitlabs_order_with_the_gitlab_dialect(
    repo: Callable[..., Path], run: Callable, present: tuple, found: str
) -> None:
    """GitLab looks in the root, then docs/, then .gitlab/."""
    top = repo({name: "* @x\n" for name in present})
    doc = json.loads(run(["report", "--format", "json", "--dialect", "gitlab"], cwd=top)[1])
    assert (doc["config"], doc["resolution"]) == (found, "gitlab")


def test_dialect_is_gitlab_for_section_headers_or_the_gitlab_directory(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"CODEOWNERS": "[Docs]\n* @x\n", "other/CODEOWNERS": "* @x\n", ".gitlab/CODEOWNERS": "* @x\n"})
    dialect = lambda *args: json.loads(run(["report", "--format", "json", *args], cwd=top)[1])["resolution"]  # noqa: E731
    assert dialect() == "gitlab"
    assert dialect("--codeowners", "other/CODEOWNERS") == "github"
    assert dialect("--codeowners", ".gitlab/CODEOWNERS") == "gitlab"
    assert dialect("--codeowners", ".gitlab/CODEOWNERS", "--dialect", "github") == "github"
    assert dialect("--codeowners", "CODEOWNERS", "--dialect", "github") == "github"


def test_a_role_map_in_the_root_comes_before_codeowners(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["*"]\n', "CODEOWNERS": "* @x\n"})
    assert json.loads(run(["report", "--format", "json"], cwd=top)[1])["config"] == "ownership.toml"
    assert json.loads(run(["report", "--format", "json", "--codeowners", "CODEOWNERS"], cwd=top)[1])["config"] \
        == "CODEOWNERS"


# --- errors: one line, exit 2 ----------------------------------------------------------------------------------


def test_a_github_codeowners_of_3_mb_or_more_is_an_error(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"a": ""})
    (top / "CODEOWNERS").write_text("* @x\n" + "#" * (3 * 1024 * 1024), encoding="utf-8")
    assert run(["check"], cwd=top) == (
        2, "", "ownership: error: CODEOWNERS: 3,145,733 bytes: GitHub ignores a CODEOWNERS file of 3 MB or more\n")
    assert run(["check", "--dialect", "gitlab"], cwd=top)[0] == 0  # GitLab documents no such limit


def test_codeowners_that_is_not_utf8_is_an_error_at_its_line_and_column(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"a": ""})
    (top / "CODEOWNERS").write_bytes(b"* @x\n/d\xff/ @y\n")
    assert run(["report"], cwd=top) == (2, "", "ownership: error: CODEOWNERS:2:3: not UTF-8 text: invalid byte 0xff\n")


def test_missing_codeowners_and_conflicting_sources(github_repo: Path, run: Callable) -> None:
    assert run(["report", "--codeowners", "nope"], cwd=github_repo) == (
        2, "", "ownership: error: nope: no such CODEOWNERS file\n")
    write_tree(github_repo, {"ownership.toml": '[roles.A]\npaths = ["*"]\n'})
    assert run(["report", "--codeowners", ".github/CODEOWNERS", "--config", "ownership.toml"], cwd=github_repo) == (
        2, "", "ownership: error: --config and --codeowners exclude each other: give one source of ownership\n")


# --- check -----------------------------------------------------------------------------------------------------


def test_check_fails_on_errors_and_unowned_and_warns_about_lint(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"CODEOWNERS": "* @a\n/gone/ @b\n!x @c\n/scripts/\n", **FILES})
    code, out, err = run(["check"], cwd=top)
    assert (code, err) == (1, "")
    assert out == """\
CODEOWNERS:3:1: error: invalid pattern: negation with '!' is not supported
scripts/build.sh: explicitly-unowned: the deciding line 4 '/scripts/' names no owner
CODEOWNERS:2:1: unused: pattern '/gone/' matches no file
1 problem (1 error) in 7 files checked; 2 warnings (1 explicitly-unowned, 1 unused)
"""
    # a file no line matches is still unowned, and fails
    top = repo({"CODEOWNERS": "/src/ @a\n/scripts/\n", **FILES})
    code, out, err = run(["check"], cwd=top)
    assert (code, out.splitlines()[-1]) == (1, "4 problems (4 unowned) in 7 files checked; 1 warning "
                                               "(1 explicitly-unowned)")


def test_portability_is_shown_when_asked_for(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"CODEOWNERS": "* @a\n/scripts/\n", **FILES})
    code, out, _ = run(["check", "--warn-on", "portability", "--fail-on", "error"], cwd=top)
    assert (code, out) == (0, """\
CODEOWNERS:2:1: portability: no owners: GitHub leaves the files unowned; GitLab reports a line without owners, or gives it the default owners of its section
ok: 7 files checked, no problems; 1 warning (1 portability)
""")


def test_check_help_documents_every_kind_and_the_defaults(run: Callable) -> None:
    from ownership.cli.check import KINDS, LINT
    from ownership.model.findings import DEFAULT_WARN_ON, FINDING_KINDS

    code, out, _ = run(["check", "--help"])
    assert code == 0 and LINT == ",".join(DEFAULT_WARN_ON) and KINDS == FINDING_KINDS
    assert all(f"\n    {kind} " in out for kind in KINDS)
    assert "with a CODEOWNERS file explicitly-unowned, unused, duplicate, shadowed and undeclared are shown as " \
           "warnings (exit 0), with a role map unused and shadowed. A kind asked for that the rules in use cannot " \
           "produce is said on stderr. " \
           "Portability is only looked at when asked for" in " ".join(out.split())


def test_check_with_only_warnings_exits_0(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"CODEOWNERS": "/src/app/ @a\n* @b\n", **FILES})
    assert run(["check"], cwd=top) == (0, """\
CODEOWNERS:1:1: shadowed: pattern '/src/app/' matches 1 file, but line 2 decides it
ok: 7 files checked, no problems; 1 warning (1 shadowed)
""", "")


def test_fail_on_and_warn_on_take_the_lint_kinds(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"CODEOWNERS": "/src/app/ @a\n* @b\n* @c\n", **FILES})
    code, out, _ = run(["check", "--fail-on", "shadowed,duplicate", "--warn-on", ""], cwd=top)
    assert (code, out) == (1, """\
CODEOWNERS:3:1: duplicate: pattern '*' repeats line 2: line 2 has no effect, this line wins
CODEOWNERS:1:1: shadowed: pattern '/src/app/' matches 1 file, but line 3 decides it
2 problems (1 duplicate, 1 shadowed) in 7 files checked
""")
    assert run(["check", "--warn-on", ""], cwd=top) == (0, "ok: 7 files checked, no problems\n", "")
    code, _, err = run(["check", "--warn-on", "shadow"], cwd=top)
    assert code == 2 and "Invalid value for '--warn-on': 'shadow' is not one of error, unowned, explicitly-unowned, conflict" in err


def test_check_files_reports_line_findings_but_not_unused_or_shadowed(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"CODEOWNERS": "/src/app/ @a\n* @b\n/gone/ @c\n/gone/ @d\nbad owner\n", **FILES})
    code, out, _ = run(["check", "src/app/main.py"], cwd=top)
    assert (code, out) == (1, """\
CODEOWNERS:5:5: error: invalid owner: 'owner' is not a valid owner: did you mean '@owner'?
CODEOWNERS:4:1: duplicate: pattern '/gone/' repeats line 3: line 3 has no effect, this line wins
1 problem (1 error) in 1 file checked; 1 warning (1 duplicate)
""")


def test_owners_file_declares_the_owners_codeowners_may_name(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"CODEOWNERS": "* @acme/platform\n*.md @acme/docs @carol\n", "owners.txt": "@acme/platform\n@acme/doc\n",
                **FILES})
    code, out, _ = run(["check", "--owners-file", "owners.txt"], cwd=top)
    assert (code, out) == (0, """\
CODEOWNERS:2:6: undeclared: owner '@acme/docs' is not declared in owners.txt
CODEOWNERS:2:17: undeclared: owner '@carol' is not declared in owners.txt
ok: 8 files checked, no problems; 2 warnings (2 undeclared)
""")
    doc = json.loads(run(["check", "--owners-file", "owners.txt", "--format", "json"], cwd=top)[1])
    assert doc["findings"][0] == {
        "kind": "undeclared", "path": "CODEOWNERS", "line": 2, "column": 6, "source": "*.md @acme/docs @carol",
        "suggestion": "did you mean '@acme/doc'?", "message": "owner '@acme/docs' is not declared in owners.txt",
        "fails": False}


def test_the_role_maps_owners_are_the_declared_owners(repo: Callable[..., Path], run: Callable) -> None:
    rolemap = '[roles.Docs]\nowners = ["@acme/docs"]\npaths = ["*"]\n'
    top = repo({"ownership.toml": rolemap, "CODEOWNERS": "* @acme/docs\n*.md @bob\n", **FILES})
    code, out, _ = run(["check", "--codeowners", "CODEOWNERS", "--fail-on", "undeclared"], cwd=top)
    assert (code, out) == (1, """\
CODEOWNERS:2:6: undeclared: owner '@bob' is not declared in ownership.toml
1 problem (1 undeclared) in 8 files checked
""")


def test_a_bad_owners_file_is_an_error(github_repo: Path, run: Callable) -> None:
    write_tree(github_repo, {"owners.txt": "@ok\nnot an owner\n"})
    assert run(["check", "--owners-file", "owners.txt"], cwd=github_repo) == (
        2, "", "ownership: error: owners.txt:2:1: 'not an owner' is not an owner: write one @user, @org/team or "
               "e-mail address a line\n")
    assert run(["check", "--owners-file", "none.txt"], cwd=github_repo) == (
        2, "", "ownership: error: none.txt: cannot read the owners file: No such file or directory\n")


def test_check_json_findings_carry_githubs_codeowners_error_fields(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"CODEOWNERS": "* @a\npages/[id].tsx @web\n", **FILES})
    doc = json.loads(run(["check", "--format", "json"], cwd=top)[1])
    assert (doc["fail_on"], doc["warn_on"]) == (
        ["error", "unowned", "conflict", "no-accountable", "several-accountable", "no-responsible"],
        ["explicitly-unowned", "unused", "duplicate", "shadowed", "undeclared"])
    assert doc["findings"] == [{
        "kind": "error", "path": "CODEOWNERS", "line": 2, "column": 7, "source": "pages/[id].tsx @web",
        "suggestion": "to match the brackets literally: 'pages/\\[id\\].tsx'",
        "message": "invalid pattern: both '[' and ']' must be escaped with '\\': GitHub has no character ranges",
        "fails": True}]


def test_codeowners_bad_byte_after_a_bom_and_accents_is_placed_by_character(repo: Callable[..., Path],
                                                                               run: Callable) -> None:
    top = repo({"a": ""})
    (top / "CODEOWNERS").write_bytes(b"\xef\xbb\xbf/d\xc3\xa9\xff/ @y\n")
    assert run(["report"], cwd=top) == (2, "", "ownership: error: CODEOWNERS:1:4: not UTF-8 text: invalid byte 0xff\n")
