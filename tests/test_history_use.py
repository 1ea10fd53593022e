"""What uses the history (issue 13): ``check``'s drift, inactive-owner and low-truck-factor findings,
``ownership suggest`` (and ``--write``), and the HTML report's alignment view, on real histories: several
authors, dates set with GIT_AUTHOR_DATE, a rename, a .mailmap."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Callable, Dict, Sequence

import pytest

from browser import Browser
from conftest import make_repo, write_tree
from test_browser import browser, open_report, show  # noqa: F401 - browser is a fixture
from test_golden import GOLDEN, render

ALICE = ("Alice", "alice@acme.io")
ALICE_OLD = ("A. Old", "alice@old.example")  # .mailmap makes her alice@acme.io
BOB = ("Bob", "12+bob@users.noreply.github.com")  # GitHub's noreply address of @bob
CAROL = ("Carol", "carol@acme.io")  # in no role
DAN = ("Dan", "dan@acme.io")  # in two roles
BOB_ID = "12+bob@users.noreply.github.com"

ROLEMAP = """\
# Who owns what at Acme
[roles.Data]
description = "pipelines and datasets"
members = ["alice@acme.io", "dan@acme.io"]
paths = [
    "pipelines/",  # batch jobs
]

[roles.ML]
members = ["@bob", "erin@acme.io"]
paths = ["notebooks/"]

[roles.Ops]
members = ["dan@acme.io"]
paths = ["infra/"]

[roles.Platform]
owners = ["@acme/platform"]  # a team: no member known offline
paths = ["platform/"]
"""


def commit(root: Path, who: Sequence[str], day: str, files: Dict[str, str] = {}, message: str = "work") -> None:
    """Commit ``files`` (written) as ``who`` (name, e-mail) on ``day`` (YYYY-MM-DD)."""
    write_tree(root, files)
    env = {**os.environ, "GIT_AUTHOR_NAME": who[0], "GIT_AUTHOR_EMAIL": who[1],
           "GIT_AUTHOR_DATE": f"{day}T12:00:00Z", "GIT_COMMITTER_DATE": f"{day}T12:00:00Z"}
    for args in (["add", "-A"], ["commit", "-q", "--no-gpg-sign", "-m", message]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def build_team(root: Path) -> Path:
    make_repo(root, {}, commit=False)
    commit(root, ALICE, "2024-01-10", {"ownership.toml": ROLEMAP, "pipelines/etl.py": "etl\n",
                                       ".mailmap": "Alice <alice@acme.io> <alice@old.example>\n"})
    commit(root, ALICE, "2024-02-01", {"data/a.csv": "a\n", "data/raw/b.csv": "b\n"})
    commit(root, BOB, "2025-03-01", {"models/train.py": "t\n", "models/eval.py": "e\n", "pipelines/load.py": "l\n",
                                     "notebooks/explore.ipynb": "{}\n", "platform/x.py": "x\n"})
    commit(root, ALICE_OLD, "2025-04-01", {"docs/guide.md": "guide\n"})
    commit(root, CAROL, "2025-05-01", {"notes/todo.md": "todo\n"})
    commit(root, DAN, "2025-06-01", {"scripts/run.sh": "run\n", "infra/main.tf": "tf\n"})
    subprocess.run(["git", "mv", "data/raw/b.csv", "data/raw/c.csv"], cwd=root, check=True)
    commit(root, CAROL, "2025-06-15", message="rename")  # HEAD's date: the "now" of inactive-owner
    return root


@pytest.fixture(scope="module")
def team_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    mp = pytest.MonkeyPatch()
    from conftest import GIT_ENV

    for key, value in GIT_ENV.items():
        mp.setenv(key, value)
    try:
        return build_team(tmp_path_factory.mktemp("team") / "team")
    finally:
        mp.undo()


@pytest.fixture
def team(team_template: Path, tmp_path: Path) -> Path:
    """A copy of the team's repository for one test (tests may write to it)."""
    import shutil

    copy = tmp_path / "team"
    shutil.copytree(team_template, copy, symlinks=True)
    return copy


def golden(name: str, args: Sequence[str], result: tuple, request: pytest.FixtureRequest) -> None:
    actual = render(list(args), *result)
    path = GOLDEN / f"{name}.txt"
    if request.config.getoption("--update-goldens"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


# --- suggest ------------------------------------------------------------------------------------------------

SUGGESTIONS = [
    {"role": "Data", "pattern": "/.mailmap", "files": [".mailmap"]},
    {"role": "Data", "pattern": "/data/", "files": ["data/a.csv", "data/raw/c.csv"]},
    {"role": "Data", "pattern": "/docs/guide.md", "files": ["docs/guide.md"]},
    {"role": "Data", "pattern": "/ownership.toml", "files": ["ownership.toml"]},
    {"role": "ML", "pattern": "/models/", "files": ["models/eval.py", "models/train.py"]},
]


def test_suggest_gives_unowned_files_the_role_whose_members_author_them(team: Path, run: Callable) -> None:
    # The issue: "for unowned files, the role whose members author them, as compact patterns (a directory
    # pattern when its files agree); --format json gives {"version": 1, "suggestions": [{"role", "pattern",
    # "files": [...]}]}". data/raw/c.csv was renamed by Carol (in no role): its history follows the rename back
    # to Alice's b.csv. docs/guide.md is Alice's under her old address, which .mailmap maps.
    code, out, err = run(["suggest", "--format", "json"], cwd=team)
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["version"] == 1
    assert document["suggestions"] == SUGGESTIONS
    assert document["undecided"] == [
        {"path": "notes/todo.md", "reason": "its authors (carol@acme.io) are members of no role"},
        {"path": "scripts/run.sh", "reason": "its authors (dan@acme.io) are members of several roles: Data, Ops"},
    ]
    assert (document["unowned"], document["rev"], document["since"]) == (9, "HEAD", None)


def test_suggest_text_and_markdown(team: Path, run: Callable, request: pytest.FixtureRequest) -> None:
    golden("suggest-text", ["suggest"], run(["suggest"], cwd=team), request)
    golden("suggest-markdown-list", ["suggest", "--format", "markdown", "--list"],
           run(["suggest", "--format", "markdown", "--list"], cwd=team), request)


def test_suggest_write_keeps_the_role_map_and_check_then_finds_the_files_owned(team: Path, run: Callable) -> None:
    assert run(["check"], cwd=team)[0] == 1  # nine unowned files
    code, out, err = run(["suggest", "--write"], cwd=team)
    assert code == 0
    assert err == "ownership: added 5 patterns to ownership.toml (7 files now owned)\n"
    assert (team / "ownership.toml").read_text(encoding="utf-8") == ROLEMAP.replace(
        '    "pipelines/",  # batch jobs\n', '    "pipelines/",  # batch jobs\n    "/.mailmap",\n    "/data/",\n'
        '    "/docs/guide.md",\n    "/ownership.toml",\n').replace(
        'paths = ["notebooks/"]', 'paths = ["notebooks/", "/models/"]')
    code, out, _ = run(["check", "--format", "json"], cwd=team)
    assert code == 1
    assert [(f["kind"], f["path"]) for f in json.loads(out)["findings"]] == [
        ("unowned", "notes/todo.md"), ("unowned", "scripts/run.sh")]  # the two it could not decide
    # Asked again, nothing is left to suggest, and nothing is written twice.
    code, out, err = run(["suggest", "--write"], cwd=team)
    assert (code, err) == (0, "ownership: nothing to write\n")
    assert "Suggested owners for 0 of 2 unowned files" in out


def test_suggest_write_into_pyproject(team: Path, run: Callable) -> None:
    (team / "ownership.toml").rename(team / "moved.toml")
    text = (team / "moved.toml").read_text(encoding="utf-8").replace("[roles.", "[tool.ownership.roles.")
    (team / "moved.toml").unlink()
    (team / "pyproject.toml").write_text('[project]\nname = "acme"\n\n' + text, encoding="utf-8")
    assert run(["suggest", "--write"], cwd=team)[0] == 0
    written = (team / "pyproject.toml").read_text(encoding="utf-8")
    assert written.startswith('[project]\nname = "acme"\n\n# Who owns what at Acme\n[tool.ownership.roles.Data]')
    assert 'paths = ["notebooks/", "/models/"]' in written
    assert json.loads(run(["check", "--format", "json", "--fail-on", "unowned"], cwd=team)[1])["summary"]["owned"] == 12


def test_suggest_without_unowned_files_reads_no_history(team: Path, tmp_path: Path, run: Callable) -> None:
    # A shallow clone has no history to read: suggest says so only when it needs it.
    (team / "ownership.toml").write_text(ROLEMAP.replace('"notebooks/"]', '"notebooks/", "*"]'), encoding="utf-8")
    commit(team, ALICE, "2025-06-16")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", team.as_uri(), str(shallow)], check=True)
    assert run(["suggest"], cwd=shallow) == (0, "No unowned files in . (ownership.toml): nothing to suggest.\n", "")
    (shallow / "new.txt").write_text("x\n", encoding="utf-8")
    (shallow / "ownership.toml").write_text(ROLEMAP, encoding="utf-8")
    code, out, err = run(["suggest"], cwd=shallow)
    assert (code, out) == (2, "")
    assert err.startswith("ownership: error: this clone is shallow") and "fetch-depth: 0" in err


def test_suggest_write_refuses_codeowners(team: Path, run: Callable) -> None:
    (team / "ownership.toml").unlink()
    (team / "CODEOWNERS").write_text("/pipelines/ alice@acme.io\n", encoding="utf-8")
    code, out, err = run(["suggest", "--write"], cwd=team)
    assert (code, out) == (2, "")
    assert err == ("ownership: error: suggest --write edits a role map, and these rules are a CODEOWNERS file "
                   "(turn it into one with 'ownership import')\n")


def test_suggest_since_reads_only_recent_commits(team: Path, run: Callable) -> None:
    document = json.loads(run(["suggest", "--format", "json", "--history-since", "2025-01-01"], cwd=team)[1])
    # Alice's 2024 files have no author since then; Bob's models and her mapped 2025 guide still do.
    assert document["since"] == "2025-01-01"
    assert [(s["role"], s["pattern"]) for s in document["suggestions"]] == [("Data", "/docs/guide.md"), ("ML", "/models/")]
    assert {"path": "data/a.csv", "reason": "no author in the history read"} in document["undecided"]


# --- check: drift, inactive-owner, low-truck-factor -----------------------------------------------------------

HISTORY_KINDS = "drift,inactive-owner,low-truck-factor"


def test_drift_is_one_finding_per_file_in_the_issues_json(team: Path, run: Callable) -> None:
    # "drift, a file owned by a role none of whose members authors it while a member of another role does,
    # one finding per file in JSON {"kind": "drift", "path", "role", "authors": [...]}". platform/x.py is Bob's
    # too, but Platform's only owner is a team: no member known, so never drift.
    code, out, err = run(["check", "--fail-on", "drift", "--format", "json"], cwd=team)
    assert (code, err) == (1, "ownership: note: no members known for Platform: their files are never reported as "
                              "drift (give the role members = [...], or list its team in a people file)\n")
    assert json.loads(out)["findings"] == [
        {"kind": "drift", "path": "pipelines/load.py", "role": "Data", "authors": [BOB_ID], "roles": ["ML"],
         "fails": True}]


def test_inactive_owner_counts_back_from_the_checked_commit(team: Path, run: Callable) -> None:
    # "now" is HEAD's commit date (2025-06-15), whatever today is. Alice's last commit is her .mailmap-ped one
    # of 2025-04-01; Erin never committed.
    code, out, _ = run(["check", "--fail-on", "inactive-owner", "--format", "json"], cwd=team)
    assert code == 1
    assert [{k: f[k] for k in ("kind", "role", "member", "last_commit", "since")} for f in json.loads(out)["findings"]] == [
        {"kind": "inactive-owner", "role": "ML", "member": "erin@acme.io", "last_commit": None, "since": "2024-06-15"}]
    code, out, _ = run(["check", "--fail-on", "inactive-owner", "--inactive-after", "3m"], cwd=team)
    assert out == (
        "ownership.toml:9:1: inactive-owner: @bob of role 'ML' has no commit since 2025-03-15 (last commit 2025-03-01)\n"
        "ownership.toml:9:1: inactive-owner: erin@acme.io of role 'ML' has no commit since 2025-03-15 "
        "(no commit in the history read)\n"
        "2 problems (2 inactive-owner) in 14 files checked\n")
    # An older revision has an older "now": at the third commit (2025-03-01), Alice's last commit (2024-02-01)
    # is more than 12 months old, and Dan has none yet.
    third = subprocess.run(["git", "rev-list", "--skip=4", "-1", "HEAD"], cwd=team, capture_output=True,
                           text=True, check=True).stdout.strip()
    out = run(["check", "--rev", third, "--fail-on", "inactive-owner", "--format", "json"], cwd=team)[1]
    # (the role map's unused pattern at that revision, infra/, is a warning by default: left out here)
    assert [(f["member"], f["last_commit"], f["since"]) for f in json.loads(out)["findings"]
            if f["kind"] == "inactive-owner"] == [
        ("alice@acme.io", "2024-02-01", "2024-03-01"), ("dan@acme.io", None, "2024-03-01"),
        ("erin@acme.io", None, "2024-03-01"), ("dan@acme.io", None, "2024-03-01")]


def test_inactive_after_takes_days_weeks_months_years(team: Path, run: Callable) -> None:
    def since(window: str) -> str:
        out = run(["check", "--fail-on", "inactive-owner", "--inactive-after", window, "--format", "json"], cwd=team)[1]
        return json.loads(out)["findings"][0]["since"]

    assert [since(w) for w in ("30d", "2w", "1y", "4M")] == ["2025-05-16", "2025-06-01", "2024-06-15", "2025-02-15"]
    code, out, err = run(["check", "--fail-on", "inactive-owner", "--inactive-after", "soon"], cwd=team)
    assert (code, out) == (2, "")
    assert "Invalid value for '--inactive-after': 'soon' is not a duration such as 12m, 365d, 8w or 1y" in err
    code, out, err = run(["check", "--fail-on", "inactive-owner", "--inactive-after", "9999y"], cwd=team)
    assert code == 2 and "'9999y' is longer than 100 years" in err


def test_the_window_counts_calendar_months() -> None:
    from ownership.analysis.alignment import cutoff

    assert [cutoff("2024-03-31", w) for w in ("1m", "13m", "1y", "1d", "1w")] == [
        "2024-02-29", "2023-02-28", "2023-03-31", "2024-03-30", "2024-03-24"]


def test_low_truck_factor_with_its_threshold(team: Path, run: Callable) -> None:
    def flagged(*extra: str) -> list:
        out = run(["check", "--fail-on", "low-truck-factor", "--format", "json", *extra], cwd=team)[1]
        return [(f["role"], f["truck_factor"]) for f in json.loads(out)["findings"]]

    assert flagged() == [("ML", {"value": 1, "authors": [BOB_ID]}), ("Ops", {"value": 1, "authors": ["dan@acme.io"]}),
                         ("Platform", {"value": 1, "authors": [BOB_ID]})]
    # Data: etl.py is Alice's, load.py Bob's: losing one leaves half the files with an author, so it takes two.
    assert flagged("--truck-factor", "2")[0] == ("Data", {"value": 2, "authors": [BOB_ID, "alice@acme.io"]})
    assert flagged("--truck-factor", "0") == []


def test_history_findings_in_every_format(team: Path, run: Callable, request: pytest.FixtureRequest) -> None:
    for fmt in ("text", "json", "markdown", "github", "sarif"):
        args = ["check", "--fail-on", "unowned", "--warn-on", HISTORY_KINDS, "--format", fmt]
        golden(f"check-history-{fmt}", args, run(args, cwd=team), request)


def test_the_hook_never_reads_history(team: Path, tmp_path: Path, run: Callable) -> None:
    # A shallow clone (CI's fetch-depth: 1) has no history: the default check works; one that asks for a
    # history kind is one clear error saying to fetch it.
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", team.as_uri(), str(shallow)], check=True)
    code, out, err = run(["check", "--fail-on", "conflict"], cwd=shallow)
    assert (code, err) == (0, "")
    code, out, err = run(["check", "--warn-on", "drift"], cwd=shallow)
    assert (code, out) == (2, "")
    assert err.startswith("ownership: error: this clone is shallow") and "fetch-depth: 0" in err


def test_history_kinds_are_off_by_default_and_named_in_help(team: Path, run: Callable) -> None:
    code, out, _ = run(["check", "--format", "json"], cwd=team)
    assert {f["kind"] for f in json.loads(out)["findings"]} == {"unowned"}
    help_text = run(["check", "--help"])[1]
    for kind in HISTORY_KINDS.split(","):
        assert f"\n    {kind} " in help_text
    assert "ownership check --warn-on drift,inactive-owner,low-truck-factor --inactive-after 6m" in help_text


# --- the HTML alignment view ----------------------------------------------------------------------------------

def _data(page: str) -> dict:
    return json.loads(page.split('<script type="application/json" id="ownership-data">', 1)[1].split("</script>")[0])


def test_html_history_adds_the_alignment_view(team: Path, run: Callable) -> None:
    code, page, err = run(["report", "--format", "html", "--history"], cwd=team)
    assert (code, err) == (0, "")
    data = _data(page)
    names = data["alignment"]["names"]
    states = {data["dirs"][row[0]][0] + "/" + row[1]: names[k] if k >= 0 else None
              for row, k in zip(data["files"], data["alignment"]["keys"])}
    assert {p: s for p, s in states.items() if s} == {
        "pipelines/etl.py": "aligned", "pipelines/load.py": "drifted", "notebooks/explore.ipynb": "aligned",
        "infra/main.tf": "aligned", "platform/x.py": "unknown"}
    assert '<h2>Files authored outside their role (1)</h2>' in page
    assert '<input type="radio" name="view" value="alignment">' in page
    # Without --history: no view, no history read.
    plain = run(["report", "--format", "html"], cwd=team)[1]
    assert "alignment" not in _data(plain) and 'id="view"' not in plain


def test_report_history_is_for_html(team: Path, run: Callable) -> None:
    assert run(["report", "--history"], cwd=team) == (
        2, "", "ownership: error: --history is for --format html (for the other formats, see 'ownership history')\n")


def test_the_alignment_view_in_a_browser(browser: Browser, team: Path, run: Callable, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert run(["report", "--format", "html", "--history", "-o", str(page)], cwd=team) == (0, "", "")
    open_report(browser, page)
    background = "document.querySelector('.tile.file[data-path=\"pipelines/load.py\"]').style.background"
    assert browser.evaluate(background) == "rgb(78, 121, 167)"  # the owner view: Data's colour
    browser.click('#view input[value="alignment"]')
    browser.wait("document.body.dataset.view === 'alignment'")
    assert browser.evaluate(background) == "rgb(142, 68, 173)"  # drifted
    colours = browser.evaluate("Object.fromEntries([...document.querySelectorAll('.tile.file')]"
                               ".map(t => [t.dataset.path, t.style.background || t.className]))")
    assert colours["pipelines/etl.py"] == colours["infra/main.tf"] == "rgb(46, 158, 91)"  # aligned
    assert colours["platform/x.py"] == "rgb(184, 184, 184)"  # unknown: Platform has no known member
    assert "unowned" in colours["notes/todo.md"]  # not owned: as in the owner view
    assert "alignment\ndrifted" in show(browser, "pipelines/load.py")["text"]
    assert browser.evaluate("[...document.querySelectorAll('#alignment-legend li')]"
                            ".map(li => [li.dataset.role, +li.dataset.count])") == [
        ["aligned", 3], ["drifted", 1], ["unknown", 1]]
    browser.click('#alignment-legend li[data-role="drifted"]')
    browser.wait("document.getElementById('match-count').textContent === '1 file matches'")
    browser.click('#view input[value="owner"]')
    browser.wait("document.body.dataset.view === 'owner'")
    assert browser.evaluate(background) == "rgb(78, 121, 167)"
    assert browser.exceptions() == []


def test_codeowners_logins_and_people_file_teams_are_people(team: Path, run: Callable) -> None:
    # With CODEOWNERS each owner is a role: @bob is Bob (his noreply address); @acme/data is whoever the people
    # file says. Without the people file the team has no known member, and so no drift.
    (team / "ownership.toml").unlink()
    (team / "CODEOWNERS").write_text("/pipelines/ @acme/data\n/notebooks/ @bob\n", encoding="utf-8")
    args = ["check", "--fail-on", "drift", "--format", "json"]
    assert json.loads(run(args, cwd=team)[1])["findings"] == []
    (team / "ownership-people.toml").write_text('[teams]\n"@acme/data" = ["alice@acme.io"]\n', encoding="utf-8")
    assert json.loads(run(args, cwd=team)[1])["findings"] == [
        {"kind": "drift", "path": "pipelines/load.py", "role": "@acme/data", "authors": [BOB_ID], "roles": ["@bob"],
         "fails": True}]
    suggestions = json.loads(run(["suggest", "--format", "json"], cwd=team)[1])["suggestions"]
    assert [(s["role"], s["pattern"]) for s in suggestions] == [
        ("@acme/data", "/.mailmap"), ("@acme/data", "/data/"), ("@acme/data", "/docs/guide.md"),
        ("@acme/data", "/ownership.toml"), ("@bob", "/models/"), ("@bob", "/platform/x.py")]


def test_suggest_for_a_role_map_in_a_subdirectory(tmp_path: Path, run: Callable) -> None:
    # History paths start at the top of the repository, the role map's patterns at its own directory.
    root = make_repo(tmp_path / "mono", {}, commit=False)
    commit(root, ALICE, "2025-01-01", {"svc/ownership.toml": '[roles.A]\nmembers = ["alice@acme.io"]\npaths = ["keep/"]\n',
                                       "svc/keep/k": "k\n", "svc/api/x.py": "x\n", "svc/api/y.py": "y\n",
                                       "other/o.txt": "o\n"})
    code, out, err = run(["suggest", "svc", "--write", "--format", "json"], cwd=root)
    assert code == 0 and err == "ownership: added 2 patterns to svc/ownership.toml (3 files now owned)\n"
    assert [(s["pattern"], s["files"]) for s in json.loads(out)["suggestions"]] == [
        ("/api/", ["api/x.py", "api/y.py"]), ("/ownership.toml", ["ownership.toml"])]
    assert run(["check", "--root", "svc"], cwd=root) == (0, "ok: 4 files checked, no problems\n", "")
