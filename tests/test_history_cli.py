"""``ownership history`` end to end on a real history: who does the work per role, aligned shares, truck
factors, active and inactive members, in text, json and markdown (goldens), CODEOWNERS with a people file,
and the errors a user can meet (shallow clone, bad --since, bad people file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, List

import pytest

from conftest import git
from test_history_engine import commit

GOLDEN = Path(__file__).parent / "golden"

ROLE_MAP = """\
[roles.web]
owners = ["@acme/web"]
members = ["ann@example.com", "@bob"]
paths = ["web/"]

[roles.api]
owners = ["@acme/api"]
paths = ["api/"]

[roles.docs]
owners = ["old@example.com"]
paths = ["docs/"]
"""


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """A project: ann and bob (under his GitHub noreply address) build web/, zed does api/ and most of
    docs/, whose owner old@ wrote it two years ago and left; a merge, a rename and a .mailmap."""
    root = tmp_path / "team"
    root.mkdir()
    git(root, "init", "-q")
    commit(root, "old@example.com", "2024-01-05", {"ownership.toml": ROLE_MAP, "docs/guide.md": "guide\n",
                                                    "docs/faq.md": "faq\n"})
    commit(root, "ann@laptop.local", "2026-01-10", {"web/app.js": "app\n", "web/style.css": "css\n"})
    commit(root, "123+bob@users.noreply.github.com", "2026-02-01", {"web/app.js": "app 2\n"})
    commit(root, "123+bob@users.noreply.github.com", "2026-02-02", {"web/index.html": "<html>\n"})
    git(root, "checkout", "-q", "-b", "api")
    commit(root, "zed@example.com", "2026-03-01", {"api/server.py": "serve\n", "api/db.py": "db\n"})
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "-m", "merge api", "api")
    for day in range(1, 5):
        commit(root, "zed@example.com", f"2026-04-0{day}", {"docs/guide.md": f"guide {day}\n"})
    commit(root, "zed@example.com", "2026-04-10", moves={"docs/faq.md": "docs/questions.md"})
    (root / ".mailmap").write_text("Ann <ann@example.com> <ann@laptop.local>\n", encoding="utf-8")
    commit(root, "ann@example.com", "2026-05-01", {".mailmap": (root / ".mailmap").read_text()})
    return root


def golden(name: str, actual: str, request: pytest.FixtureRequest) -> None:
    path = GOLDEN / f"{name}.txt"
    if request.config.getoption("--update-goldens"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing {path}; run pytest --update-goldens"
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name, args", [
    ("history-text", ["history"]),
    ("history-text-list", ["history", "--list"]),
    ("history-json-list", ["history", "--format", "json", "--list"]),
    ("history-markdown", ["history", "--format", "markdown", "--list"]),
])
def test_history_golden(name: str, args: List[str], team: Path, run: Callable, request: pytest.FixtureRequest) -> None:
    code, out, err = run(args, cwd=team)
    assert (code, err) == (0, "")
    golden(name, f"$ ownership {' '.join(args)}\n{out}", request)


def test_json_has_the_fields_the_issue_asks_for(team: Path, run: Callable) -> None:
    code, out, err = run(["history", "--format", "json", "--list"], cwd=team)
    document = json.loads(out)
    assert document["version"] == 1
    # Whole tree: zed authors 4 files, ann and old 3 each, bob 2. Without zed 7 of 9 files keep an author,
    # without ann (before old: the smaller identity) 5 of 9, without old 2 of 9: under half.
    assert document["truck_factor"] == {"value": 3, "authors": ["zed@example.com", "ann@example.com",
                                                                "old@example.com"]}
    web, api, docs = document["roles"]
    assert web["truck_factor"] == {"value": 2, "authors": ["123+bob@users.noreply.github.com", "ann@example.com"]}
    assert (web["aligned"], web["aligned_share"], web["members_known"]) == (3, 1.0, True)
    assert (api["aligned"], api["members_known"], api["members"]) == (None, False, [])
    # old@ (an e-mail owner, so a member) still authors docs/ by DOA, but has not committed for two years
    assert docs["aligned"] == 2 and docs["inactive"] == [{"member": "old@example.com", "last_commit": "2024-01-05"}]
    assert {"path": "web/app.js", "role": "web", "authors": ["ann@example.com",
                                                             "123+bob@users.noreply.github.com"]} in document["files"]


def test_since_says_so_and_reads_less(team: Path, run: Callable) -> None:
    code, out, err = run(["history", "--since", "2026-04-01", "--format", "json"], cwd=team)
    document = json.loads(out)
    assert (code, document["since"], document["commits"]) == (0, "2026-04-01", 6)
    code, out, err = run(["history", "--since", "2026-04-01"], cwd=team)
    assert out.splitlines()[0] == "History of . (ownership.toml): 6 non-merge commits reachable from HEAD, since 2026-04-01 only"


def test_codeowners_owners_are_roles_and_a_people_file_names_a_team(team: Path, run: Callable) -> None:
    (team / "ownership.toml").unlink()
    (team / "CODEOWNERS").write_text("web/ @acme/web\napi/ @zed-gh\ndocs/ old@example.com\n", encoding="utf-8")
    (team / "ownership-people.toml").write_text('[teams]\n"@acme/web" = ["ann@example.com", "@bob"]\n')
    code, out, err = run(["history", "--format", "json"], cwd=team)
    roles = {r["role"]: r for r in json.loads(out)["roles"]}
    assert code == 0, err
    assert roles["@acme/web"]["members"] == ["ann@example.com", "@bob"]
    assert roles["@acme/web"]["aligned"] == 3
    assert roles["@zed-gh"]["members"] == ["@zed-gh"] and roles["@zed-gh"]["aligned"] == 0
    assert roles["old@example.com"]["members"] == ["old@example.com"]
    # The same with the file named, and an unknown team without it: no members known, never drift.
    (team / "ownership-people.toml").rename(team / "people.toml")
    code, out, err = run(["history", "--format", "json", "--people", "people.toml"], cwd=team)
    assert {r["role"]: r for r in json.loads(out)["roles"]}["@acme/web"]["aligned"] == 3
    code, out, err = run(["history"], cwd=team)
    assert "Role @acme/web (3 files)\n  aligned       no members known\n" in out


def test_a_bad_people_file_is_one_error_line(team: Path, run: Callable) -> None:
    (team / "people.toml").write_text('[teams]\n"@acme/web" = ["ann@example.com", "ann"]\n')
    assert run(["history", "--people", "people.toml"], cwd=team) == (
        2, "", "ownership: error: people.toml:2:35: team '@acme/web': member 'ann' is not an e-mail address or a "
        "GitHub @login\n")
    assert run(["history", "--people", "nope.toml"], cwd=team) == (
        2, "", "ownership: error: nope.toml: no such people file\n")


def test_a_shallow_clone_says_to_fetch_the_history(team: Path, tmp_path: Path, run: Callable) -> None:
    clone = tmp_path / "ci"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{team}", str(clone))
    assert run(["history"], cwd=clone) == (
        2, "", "ownership: error: this clone is shallow: its history is cut, so authorship cannot be read; fetch "
        "the history first (git fetch --unshallow, or fetch-depth: 0 with actions/checkout)\n")


@pytest.mark.parametrize("value", ["last year", "2026-13-01", "2026-1-1"])
def test_since_must_be_a_date(value: str, team: Path, run: Callable) -> None:
    assert run(["history", "--since", value], cwd=team) == (
        2, "", f"ownership: error: --since: expected a date as YYYY-MM-DD, got {value!r}\n")


def test_an_unknown_revision(team: Path, run: Callable) -> None:
    code, out, err = run(["history", "--rev", "v9"], cwd=team)
    assert (code, out) == (2, "")
    assert err.startswith("ownership: error: unknown revision 'v9'")


def test_help_has_examples(run: Callable) -> None:
    code, out, err = run(["history", "--help"])
    assert code == 0 and "Examples:\n    ownership history\n" in out


def test_a_repository_without_commits(tmp_path: Path, run: Callable) -> None:
    root = tmp_path / "new"
    root.mkdir()
    git(root, "init", "-q")
    (root / "ownership.toml").write_text('[roles.a]\npaths = ["*"]\n')
    assert run(["history"], cwd=root) == (2, "", "ownership: error: HEAD has no commit yet\n")


def test_a_role_map_in_a_subdirectory_reads_its_files_history(team: Path, run: Callable) -> None:
    (team / "web" / "ownership.toml").write_text('[roles.front]\nmembers = ["@bob"]\npaths = ["*.js", "*.html"]\n')
    code, out, err = run(["history", "web", "--format", "json", "--list"], cwd=team)
    document = json.loads(out)
    assert (code, err) == (0, "")
    assert document["roles"][0]["aligned"] == 2
    assert document["files"] == [
        {"path": "app.js", "role": "front", "authors": ["ann@example.com", "123+bob@users.noreply.github.com"]},
        {"path": "index.html", "role": "front", "authors": ["123+bob@users.noreply.github.com"]},
        {"path": "style.css", "role": None, "authors": ["ann@example.com"]},
    ]


@pytest.mark.parametrize("text, message", [
    ('[teams]\n"@acme/web" = ["a@x.io",\n  "bob"]\n',
     "people.toml:3:3: team '@acme/web': member 'bob' is not an e-mail address or a GitHub @login"),
    ('[teams]\n"@acme/web" = ["@acme/api"]\n',
     "people.toml:2:16: team '@acme/web': member '@acme/api' is not an e-mail address or a GitHub @login"),
    ("[people]\n", "people.toml:1:1: unknown key 'people' in the people file (known: teams)"),
    ('[teams]\n"web" = []\n', "people.toml:2:1: team 'web' is not @org/team"),
    ("teams = 3\n", "people.toml:1:9: teams must be a table"),
    ('[teams]\n"@a/b" = "x"\n', "people.toml:2:10: team '@a/b' must be an array of members"),
    ("[teams\n", "people.toml:1:7: invalid TOML: expected ']' at the end of a table declaration"),
])
def test_people_file_errors(text: str, message: str) -> None:
    from ownership.errors import ConfigError
    from ownership.rolemap.people import parse_people

    with pytest.raises(ConfigError) as caught:
        parse_people(text, "people.toml")
    assert str(caught.value) == message


def test_people_file_teams_are_found_whatever_their_case() -> None:
    from ownership.rolemap.people import parse_people

    assert parse_people('[teams]\n"@Acme/Web" = ["A@x.io", "@bob"]\n', "p") == {"@acme/web": ("A@x.io", "@bob")}


def test_text_shows_a_role_s_ten_first_authors_and_counts_the_rest(tmp_path: Path, run: Callable) -> None:
    root = tmp_path / "many"
    root.mkdir()
    git(root, "init", "-q")
    commit(root, "lead@example.com", "2026-01-01", {"ownership.toml": '[roles.all]\npaths = ["*"]\n'})
    for i in range(12):
        commit(root, f"dev{i:02d}@example.com", "2026-02-01", {f"f{i:02d}.txt": "x\n"})
    code, out, err = run(["history"], cwd=root)
    line = next(l for l in out.splitlines() if l.startswith("  authors"))
    assert line == ("  authors       dev00@example.com 1, dev01@example.com 1, dev02@example.com 1, dev03@example.com 1, "
                    "dev04@example.com 1, dev05@example.com 1, dev06@example.com 1, dev07@example.com 1, "
                    "dev08@example.com 1, dev09@example.com 1 and 3 more (--format json lists all)")
    code, out, err = run(["history", "--format", "json"], cwd=root)
    assert len(json.loads(out)["roles"][0]["authors"]) == 13
