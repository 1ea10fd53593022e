"""Issue 12, points 6-9: the first day in a real repository, as a new user meets it. Paths as users type them,
role-map mistakes shown by default, CODEOWNERS as GitHub users write it, and ``who`` saying whom to ask. Every
test runs the command line on a real temporary git repository and checks what the user sees."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

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
