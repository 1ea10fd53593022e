"""Authorship read from real git histories: authors and dates, renames, .mailmap, merges, re-adds, --since,
and the one clear error of a shallow clone."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, Optional

import pytest

from conftest import git
from ownership.adapters.history import read_authorship
from ownership.core.authorship import truck_factor
from ownership.errors import GitError


def commit(root: Path, who: str, date: str, files: Optional[Dict[str, Optional[str]]] = None,
           message: str = "change", moves: Optional[Dict[str, str]] = None) -> None:
    """Commit as ``who`` on ``date``: write (or, for None, delete) ``files``, rename ``moves``."""
    for old, new in (moves or {}).items():
        git(root, "mv", old, new)
    for name, text in (files or {}).items():
        path = root / name
        if text is None:
            git(root, "rm", "-q", name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        git(root, "add", name)
    env = {"GIT_AUTHOR_EMAIL": who, "GIT_AUTHOR_NAME": who.split("@")[0], "GIT_AUTHOR_DATE": f"{date}T12:00:00Z",
           "GIT_COMMITTER_DATE": f"{date}T12:00:00Z"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        git(root, "commit", "-q", "--allow-empty", "-m", message)
    finally:
        for key, value in saved.items():
            if value is not None:
                os.environ[key] = value


LINES = "".join(f"line {i}\n" for i in range(40))


@pytest.fixture
def history(tmp_path: Path) -> Path:
    root = tmp_path / "h"
    root.mkdir()
    git(root, "init", "-q")
    commit(root, "ann@example.com", "2024-01-10", {"src/app.py": LINES, "README.md": "hi\n"})
    for day in range(11, 14):
        commit(root, "Bob@Example.com", f"2024-02-{day}", {"src/app.py": LINES + f"bob {day}\n"})
    commit(root, "ann@example.com", "2024-03-01", moves={"src/app.py": "src/main.py"})
    commit(root, "cy@example.com", "2024-04-01", {"docs/guide.md": "guide\n"})
    return root


def test_authors_follow_renames_and_dates_are_author_dates(history: Path) -> None:
    found = read_authorship(history)
    # main.py: ann added it (FA) and renamed it (DL 1); bob modified it three times (DL 3): ann 4.391 + 0.164
    # - 0.321 ln 4 = 4.110, bob 3.785 - 0.321 ln 2 = 3.5625; 3.5625 / 4.110 = 0.867 > 0.75
    assert found.authors == {
        "README.md": ("ann@example.com",),
        "docs/guide.md": ("cy@example.com",),
        "src/main.py": ("ann@example.com", "bob@example.com"),
    }
    assert round(found.doa["src/main.py"]["ann@example.com"], 4) == 4.11
    assert found.last_commit == {"ann@example.com": "2024-03-01", "bob@example.com": "2024-02-13",
                                 "cy@example.com": "2024-04-01"}
    assert found.commits == 6
    # ann authors two files; without her, bob and cy still cover 2 of 3; without bob, 1 of 3 is under half
    assert truck_factor(found.authors, found.authors).authors == ("ann@example.com", "bob@example.com")


def test_mailmap_joins_two_addresses_into_one_identity(history: Path) -> None:
    commit(history, "ann@old.example", "2024-05-01", {"docs/guide.md": "guide 2\n"})
    (history / ".mailmap").write_text("Ann <ann@example.com> <ANN@old.example>\n", encoding="utf-8")
    git(history, "add", ".mailmap")
    commit(history, "cy@example.com", "2024-05-02")
    found = read_authorship(history)
    assert "ann@old.example" not in found.last_commit
    assert found.last_commit["ann@example.com"] == "2024-05-01"
    # guide.md: cy FA (4.391 - 0.321 ln 2 = 4.1685), ann one delivery (3.457): 0.829 > 0.75
    assert found.authors["docs/guide.md"] == ("cy@example.com", "ann@example.com")


def test_merge_commits_count_for_nothing(history: Path) -> None:
    git(history, "checkout", "-q", "-b", "side")
    commit(history, "dee@example.com", "2024-06-01", {"side.txt": "side\n"})
    git(history, "checkout", "-q", "main")
    commit(history, "cy@example.com", "2024-06-02", {"docs/guide.md": "guide 3\n"})
    os.environ["GIT_AUTHOR_EMAIL"] = "merger@example.com"
    git(history, "merge", "-q", "--no-ff", "-m", "merge", "side")
    found = read_authorship(history)
    assert "merger@example.com" not in found.last_commit
    assert found.authors["side.txt"] == ("dee@example.com",)
    assert found.commits == 8


def test_a_readd_after_a_deletion_continues_the_file(history: Path) -> None:
    commit(history, "bob@example.com", "2024-07-01", {"README.md": None})
    commit(history, "dee@example.com", "2024-07-02", {"README.md": "back\n"})
    found = read_authorship(history)
    assert found.authors["README.md"] == ("ann@example.com", "dee@example.com")
    assert "bob@example.com" not in found.doa["README.md"]  # a deletion is no delivery


def test_since_reads_only_the_recent_commits(history: Path) -> None:
    found = read_authorship(history, since="2024-03-01")
    assert found.since == "2024-03-01"
    assert found.commits == 2
    assert found.authors["src/main.py"] == ("ann@example.com",)  # the rename: a delivery, no first add
    assert found.authors["README.md"] == ()


def test_a_revision_reads_the_history_up_to_it(history: Path) -> None:
    found = read_authorship(history, rev="HEAD~1")
    assert sorted(found.authors) == ["README.md", "src/main.py"]


def test_unknown_revision(history: Path) -> None:
    with pytest.raises(GitError, match="unknown revision 'nope'"):
        read_authorship(history, rev="nope")


def test_a_shallow_clone_is_one_clear_error(history: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history}", str(clone))
    with pytest.raises(GitError) as caught:
        read_authorship(clone)
    assert caught.value.message == (
        "this clone is shallow: its history is cut, so authorship cannot be read; fetch the history first "
        "(git fetch --unshallow, or fetch-depth: 0 with actions/checkout)"
    )


def test_names_with_newlines_and_bytes_that_are_not_utf8(history: Path) -> None:
    odd = "\nodd\x01name.txt"
    latin = os.fsdecode(b"caf\xe9.txt")
    commit(history, "dee@example.com", "2024-08-01", {odd: "x\n", latin: "y\n"})
    commit(history, "dee@example.com", "2024-08-02", moves={odd: "plain.txt"})
    found = read_authorship(history)
    assert found.authors["plain.txt"] == ("dee@example.com",)
    assert found.authors[latin] == ("dee@example.com",)
    assert round(found.doa["plain.txt"]["dee@example.com"], 3) == 4.555  # FA and one rename
