"""Issue 12, points 6-9: the first day in a real repository, as a new user meets it. Paths as users type them,
role-map mistakes shown by default, CODEOWNERS as GitHub users write it, and ``who`` saying whom to ask. Every
test runs the command line on a real temporary git repository and checks what the user sees."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest

FILES = {"src/a.py": "", "docs/x.md": "", "vendor/lib.js": "", "README.md": ""}

# --- 8. CODEOWNERS as GitHub users write it ---------------------------------------------------------------------

GITHUB_WAY = """\
* @RickWinter
/src/ @rickwinter
/docs/ @rickwinter
/vendor/
/docs/x.md @elastic.opex
"""


def test_a_line_without_owners_exempts_its_files_and_does_not_fail(repo: Callable[..., Path], run: Callable) -> None:
    """"A line without owners is GitHub's documented way to exempt files": explicitly unowned, shown, not
    failing, and distinct from a file no line matches."""
    top = repo({"CODEOWNERS": "* @a\n/vendor/\n", **FILES})
    assert run(["check"], cwd=top) == (0, (
        "vendor/lib.js: explicitly-unowned: the deciding line 2 '/vendor/' names no owner\n"
        "ok: 5 files checked, no problems; 1 warning (1 explicitly-unowned)\n"), "")
    # no line matching at all is still "unowned", and fails
    top = repo({"CODEOWNERS": "/src/ @a\n/vendor/\n", **FILES}, name="other")
    code, out, _ = run(["check"], cwd=top)
    assert code == 1 and "README.md: unowned: no line gives it an owner\n" in out
    assert "vendor/lib.js: explicitly-unowned:" in out
    # and it can be made to fail, or to be silent
    assert run(["check", "--fail-on", "unowned,explicitly-unowned"], cwd=repo({"CODEOWNERS": "* @a\n/vendor/\n",
                                                                             **FILES}, name="third"))[0] == 1


def test_explicitly_unowned_files_are_reported_apart_and_out_of_the_coverage(repo: Callable[..., Path],
                                                                             run: Callable) -> None:
    top = repo({"CODEOWNERS": "* @a\n/vendor/\n", **FILES})
    code, out, _ = run(["report"], cwd=top)
    assert "  unowned                  0\n" in out and "  explicitly unowned       1\n" in out
    assert "  coverage            100.0%\n" in out
    assert "Explicitly unowned files (1)\n  vendor/lib.js  CODEOWNERS:2:1  /vendor/\n" in out
    doc = json.loads(run(["report", "--format", "json"], cwd=top)[1])
    assert doc["summary"]["explicitly_unowned"] == 1 and doc["unowned"] == []
    findings = json.loads(run(["check", "--format", "json"], cwd=top)[1])["findings"]
    assert findings == [{"kind": "explicitly-unowned", "path": "vendor/lib.js", "pattern": "/vendor/", "line": 2,
                         "column": 1, "message": "the deciding line 2 '/vendor/' names no owner", "fails": False}]
    md = run(["check", "--format", "markdown"], cwd=top)[1]
    assert "| explicitly-unowned (warning) | `vendor/lib.js` | the deciding line 2 '/vendor/' names no owner |" in md
    gh = run(["check", "--format", "github"], cwd=top)[1]
    assert gh.startswith("::warning file=vendor/lib.js,title=Unowned on purpose::vendor/lib.js: explicitly-unowned:")
    sarif = json.loads(run(["check", "--format", "sarif"], cwd=top)[1])
    assert [(r["ruleId"], r["level"]) for r in sarif["runs"][0]["results"]] == [("explicitly-unowned-file", "note")]


def test_a_gitlab_exclusion_is_an_explicit_exemption(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({".gitlab/CODEOWNERS": "[Code]\n* @a\n!/vendor/\n", **FILES})
    code, out, _ = run(["check"], cwd=top)
    assert (code, out.splitlines()[0]) == (
        0, "vendor/lib.js: explicitly-unowned: line 3 '!/vendor/' excludes it from every section that matches it")


def test_owner_handles_group_case_insensitively_in_reports(repo: Callable[..., Path], run: Callable) -> None:
    """"@RickWinter and @rickwinter are one owner, as on GitHub": one row, under the first spelling."""
    top = repo({"CODEOWNERS": "* @RickWinter\n/src/ @rickwinter\n/docs/ @RICKWINTER @rickwinter\n", **FILES})
    doc = json.loads(run(["report", "--format", "json", "--list"], cwd=top)[1])
    assert [(r["role"], r["paths"]) for r in doc["roles"]] == [
        ("@RickWinter", ["CODEOWNERS", "README.md", "docs/x.md", "src/a.py", "vendor/lib.js"])]
    code, out, _ = run(["report"], cwd=top)
    assert "  @RickWinter      5  100.0%" in out and "@rickwinter" not in out


def test_a_malformed_owner_suggests_the_likely_handle(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"CODEOWNERS": GITHUB_WAY, **FILES})
    code, out, _ = run(["check"], cwd=top)
    assert code == 1 and out.splitlines()[0] == (
        "CODEOWNERS:5:12: error: invalid owner: '@elastic.opex' is not a valid owner: did you mean '@elastic/opex'?")
    finding = json.loads(run(["check", "--format", "json"], cwd=top)[1])["findings"][0]
    assert finding["suggestion"] == "write '@elastic/opex'"


def test_who_mentions_a_skipped_line_that_would_have_matched(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"CODEOWNERS": GITHUB_WAY, **FILES})
    assert run(["who", "docs/x.md"], cwd=top) == (0, """\
docs/x.md: owned by @rickwinter
     CODEOWNERS:1:1  @RickWinter    *
  *  CODEOWNERS:3:1  @rickwinter    /docs/      last match
  -  CODEOWNERS:5:1  @elastic.opex  /docs/x.md  skipped: invalid owner
""", "")
    doc = json.loads(run(["who", "--format", "json", "docs/x.md", "src/a.py"], cwd=top)[1])
    assert [p["skipped"] for p in doc["paths"]] == [
        [{"pattern": "/docs/x.md", "line": 5, "column": 1, "owners": ["@elastic.opex"]}], []]
    assert "skipped (invalid owner): @elastic.opex: `/docs/x.md` (CODEOWNERS:5:1)" in run(
        ["who", "--format", "markdown", "docs/x.md"], cwd=top)[1]


# --- 9. who answers "whom do I ask?" ----------------------------------------------------------------------------

ROLEMAP = """\
[roles.Platform]
owners = ["@acme/platform", "@alice"]
paths = ["*"]

[roles.Docs]
owners = ["@acme/docs"]
paths = ["docs/"]

[roles.Web]
paths = ["src/"]
"""


def test_who_shows_the_handles_behind_a_role(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"ownership.toml": ROLEMAP, **FILES})
    code, out, _ = run(["who", "docs/x.md", "src/a.py"], cwd=top)
    assert out.splitlines()[0] == "docs/x.md: owned by Docs (@acme/docs)"
    assert "src/a.py: owned by Web\n" in out  # a role without owners shows none
    doc = json.loads(run(["who", "--format", "json", "docs/x.md"], cwd=top)[1])
    assert doc["version"] == 1
    path = doc["paths"][0]
    assert (path["owners"], path["handles"]) == (["Docs"], ["@acme/docs"])
    assert path["candidates"] == [{"role": "Platform", "pattern": "*", "owners": ["@acme/platform", "@alice"]},
                                  {"role": "Docs", "pattern": "docs/", "owners": ["@acme/docs"]}]
    md = run(["who", "--format", "markdown", "docs/x.md"], cwd=top)[1]
    assert "| `docs/x.md` | owned | Docs (@acme/docs) |" in md


# --- 7. mistakes in the role map are shown by default -----------------------------------------------------------

TYPOS = """\
[roles.ML]
owners = ["@acme/ml"]
paths = ['src\\models', "src/"]

[roles.Docs]
paths = ["docs/", " README.md", "*"]

[roles.Web]
paths = ["src/models/*.py"]
"""
TYPO_FILES = {"src/models/a.py": "", "Docs/x.md": "", "README.md": "", "web/b.py": ""}


def test_role_map_typos_are_warnings_by_default_with_a_hint(repo: Callable[..., Path], run: Callable) -> None:
    """A pattern that matches no file is a warning in ``check`` by default (as for CODEOWNERS), with a hint where
    it is likely a typo: a backslash path, a case-only mismatch, a leading or trailing space (quoted)."""
    top = repo({"ownership.toml": TYPOS, **TYPO_FILES})
    code, out, err = run(["check"], cwd=top)
    assert (code, err) == (0, "")
    assert out == (
        "ownership.toml:3:10: unused: pattern 'src\\\\models' of role 'ML' matches no file: use '/' between "
        "directories, not '\\': did you mean 'src/models'?\n"
        "ownership.toml:6:10: unused: pattern 'docs/' of role 'Docs' matches no file: paths are case-sensitive: did "
        "you mean 'Docs/'?\n"
        "ownership.toml:6:19: unused: pattern ' README.md' of role 'Docs' matches no file: the pattern has a leading "
        "space: did you mean 'README.md'?\n"
        "ownership.toml:3:24: shadowed: pattern 'src/' of role 'ML' matches 1 file, but 'src/models/*.py' of role "
        "'Web' (line 9) decides it\n"
        "ok: 5 files checked, no problems; 4 warnings (3 unused, 1 shadowed)\n")
    findings = json.loads(run(["check", "--format", "json"], cwd=top)[1])["findings"]
    assert findings[1]["hint"] == "paths are case-sensitive: did you mean 'Docs/'?"
    assert findings[3] == {
        "kind": "shadowed", "role": "ML", "pattern": "src/", "line": 3, "column": 24, "files": 1,
        "decided_by": [{"role": "Web", "pattern": "src/models/*.py", "line": 9, "column": 10}],
        "message": "pattern 'src/' of role 'ML' matches 1 file, but 'src/models/*.py' of role 'Web' (line 9) "
                   "decides it",
        "fails": False}
    # still failing when asked, and silent when asked
    assert run(["check", "--fail-on", "unused"], cwd=top)[0] == 1
    assert run(["check", "--warn-on", ""], cwd=top) == (0, "ok: 5 files checked, no problems\n", "")
    # a pattern of the same role deciding instead is redundant, not a mistake: not shadowed
    top = repo({"ownership.toml": '[roles.A]\npaths = ["src/", "*"]\n', **TYPO_FILES}, name="same-role")
    assert run(["check"], cwd=top) == (0, "ok: 5 files checked, no problems\n", "")


def test_a_kind_that_cannot_arise_is_said(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["*"]\n', "a.py": ""})
    assert run(["check", "--fail-on", "unowned,duplicate", "--warn-on", "split-phase"], cwd=top) == (0, (
        "ok: 2 files checked, no problems\n"), (
        "ownership: warning: --fail-on duplicate: 'duplicate' is a CODEOWNERS finding and the rules are a role map, "
        "so it is never reported here\n"
        "ownership: warning: --warn-on split-phase: 'split-phase' is a RACI finding and the role map has no "
        "[phases], so it is never reported here\n"))
    top = repo({"CODEOWNERS": "* @a\n", "a.py": ""}, name="codeowners")
    assert run(["check", "--fail-on", "unowned,conflict"], cwd=top)[2] == (
        "ownership: warning: --fail-on conflict: 'conflict' is a role-map finding and the rules are a CODEOWNERS "
        "file, so it is never reported here\n")
    # the defaults are never warned about
    assert run(["check"], cwd=top)[2] == ""


# --- golden files of the new outputs ----------------------------------------------------------------------------

GOLDEN = Path(__file__).parent / "golden"
GOLDENS = {
    "first-day-rolemap-check-text": (TYPOS, TYPO_FILES, ["check"]),
    "first-day-rolemap-check-json": (TYPOS, TYPO_FILES, ["check", "--format", "json"]),
    "first-day-rolemap-check-markdown": (TYPOS, TYPO_FILES, ["check", "--format", "markdown"]),
    "first-day-rolemap-who-text": (TYPOS, TYPO_FILES, ["who", "src/models/a.py", "README.md"]),
    "first-day-codeowners-check-text": (GITHUB_WAY, FILES, ["check"]),
    "first-day-codeowners-report-text": (GITHUB_WAY, FILES, ["report"]),
    "first-day-codeowners-who-text": (GITHUB_WAY, FILES, ["who", "docs/x.md", "vendor/lib.js"]),
    "first-day-codeowners-who-json": (GITHUB_WAY, FILES, ["who", "--format", "json", "docs/x.md", "vendor/lib.js"]),
}


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_first_day_golden(name: str, repo: Callable[..., Path], run: Callable,
                          request: pytest.FixtureRequest) -> None:
    rules, files, args = GOLDENS[name]
    top = repo({("CODEOWNERS" if "codeowners" in name else "ownership.toml"): rules, **files})
    code, out, err = run(args, cwd=top)
    actual = f"$ ownership {' '.join(args)}\nexit {code}\n--- stdout\n{out}--- stderr\n{err}"
    golden = GOLDEN / f"{name}.txt"
    if request.config.getoption("--update-goldens"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run pytest --update-goldens"
    assert actual == golden.read_text(encoding="utf-8")


# --- 6. paths as users type them --------------------------------------------------------------------------------

PATHS_MAP = '[roles.A]\npaths = ["src/", "/ownership.toml", "README.md"]\n'
PATHS_FILES = {"ownership.toml": PATHS_MAP, "src/app/a.py": "", "src/b.py": "", "docs/x.md": "", "README.md": "",
               "we*ird.txt": ""}


def test_check_dir_covers_the_tracked_files_under_it(repo: Callable[..., Path], run: Callable) -> None:
    top = repo(PATHS_FILES)
    assert run(["check", "src"], cwd=top) == (0, "ok: 2 files checked, no problems\n", "")
    assert run(["check", "docs/"], cwd=top) == (1, (
        "docs/x.md: unowned: no rule matches\n1 problem (1 unowned) in 1 file checked\n"), "")
    assert run(["check", "."], cwd=top / "src") == (0, "ok: 2 files checked, no problems\n", "")
    # an untracked file under the directory is not the tree's, unless asked for
    (top / "src" / "new.py").write_text("")
    assert run(["check", "src"], cwd=top)[1] == "ok: 2 files checked, no problems\n"
    assert run(["check", "--untracked", "src"], cwd=top)[1] == "ok: 3 files checked, no problems\n"
    # a directory git lists nothing under is said, not "ok"
    (top / "empty").mkdir()
    assert run(["check", "empty"], cwd=top) == (2, "", (
        "ownership: error: empty: no file git lists under this directory (add --untracked for the files git does "
        "not track)\n"))


def test_check_dot_is_the_whole_tree(repo: Callable[..., Path], run: Callable) -> None:
    top = repo({**PATHS_FILES, "ownership.toml": PATHS_MAP.replace('"README.md"]', '"README.md", "gone/"]')})
    whole = run(["check"], cwd=top)
    assert run(["check", "."], cwd=top) == whole
    assert "unused: pattern 'gone/'" in whole[1]  # the whole tree: unused patterns are judged too


def test_a_path_neither_tracked_nor_on_disk_is_an_error_naming_it(repo: Callable[..., Path], run: Callable) -> None:
    top = repo(PATHS_FILES)
    assert run(["check", "src/b.py", "srcc/b.py"], cwd=top) == (
        2, "", "ownership: error: srcc/b.py: no such file: not tracked by git and not on disk\n")
    assert run(["check", "nope", "src/nope/"], cwd=top) == (
        2, "", "ownership: error: nope: no such file: not tracked by git and not on disk (and 1 more)\n")
    assert run(["check", "--rev", "HEAD", "nope"], cwd=top) == (
        2, "", "ownership: note: rules read from HEAD:ownership.toml, as they were in HEAD\n"
               "ownership: error: nope: no such file: not tracked in HEAD and not on disk\n")
    # names are names: a '*' in one is no wildcard
    assert run(["check", "we*ird.txt"], cwd=top)[0] == 1
    (top / "we*ird.txt").unlink()
    assert run(["check", "w*"], cwd=top)[0] == 2


def test_a_deleted_file_still_in_the_index_or_a_staged_deletion_is_not_an_error(repo: Callable[..., Path],
                                                                              run: Callable) -> None:
    from conftest import git

    top = repo(PATHS_FILES)
    (top / "src" / "b.py").unlink()  # deleted on disk, still in the index: still checked
    assert run(["check", "src/b.py"], cwd=top) == (0, "ok: 1 file checked, no problems\n", "")
    git(top, "rm", "-q", "--cached", "docs/x.md")
    (top / "docs" / "x.md").unlink()  # a staged deletion: nothing left to own
    assert run(["check", "docs/x.md", "README.md"], cwd=top) == (0, "ok: 1 file checked, no problems\n", "")


def test_who_dir_explains_the_tracked_files_under_it_and_a_new_path_still(repo: Callable[..., Path],
                                                                         run: Callable) -> None:
    top = repo(PATHS_FILES)
    code, out, err = run(["who", "src", "src/new/c.py"], cwd=top)
    assert (code, err) == (0, "")
    assert [line for line in out.splitlines() if not line.startswith(" ")] == [
        "src/app/a.py: owned by A", "src/b.py: owned by A", "src/new/c.py: owned by A"]
