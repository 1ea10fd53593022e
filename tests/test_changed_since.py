"""Pull-request mode: ``check --changed-since REF`` checks only what the change adds, modifies or renames."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from conftest import git, write_tree

ROLEMAP = '[roles.Data]\npaths = ["data/"]\n\n[roles.Docs]\npaths = ["docs/", "/ownership.toml"]\n'


@pytest.fixture
def branched(repo: Callable[..., Path]) -> Path:
    """main holds an old unowned file; the branch ``feature`` (checked out) starts from it."""
    top = repo({"ownership.toml": ROLEMAP, "legacy.sh": "", "data/old.csv": "", "docs/a.md": ""})
    git(top, "checkout", "-q", "-b", "feature")
    return top


def commit(top: Path, message: str = "change") -> None:
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", message)


def test_only_files_the_change_adds_modifies_or_renames_must_be_owned(branched: Path, run: Callable) -> None:
    write_tree(branched, {"new.sh": "", "data/new.csv": "", "docs/a.md": "edited"})
    (branched / "tools").mkdir()
    git(branched, "mv", "data/old.csv", "tools/old.csv")
    commit(branched)
    code, out, err = run(["check", "--changed-since", "main"], cwd=branched)
    assert (code, err) == (1, "")
    assert out == (
        "new.sh: unowned: no rule matches\n"
        "tools/old.csv: unowned: no rule matches\n"
        "2 problems (2 unowned) in 4 files checked\n"
    )
    assert run(["check", "--base", "main"], cwd=branched) == (code, out, err)


def test_deleted_and_owned_changes_pass(branched: Path, run: Callable) -> None:
    git(branched, "rm", "-q", "legacy.sh")
    write_tree(branched, {"data/b.csv": ""})
    commit(branched)
    assert run(["check", "--changed-since", "main"], cwd=branched) == (0, "ok: 1 file checked, no problems\n", "")


def test_no_change_checks_nothing(branched: Path, run: Callable) -> None:
    assert run(["check", "--changed-since", "main"], cwd=branched) == (0, "ok: 0 files checked, no problems\n", "")


def test_a_changed_role_map_checks_the_whole_tree(branched: Path, run: Callable) -> None:
    (branched / "ownership.toml").write_text(ROLEMAP.replace('"docs/", ', ""))
    commit(branched)
    code, out, _ = run(["check", "--changed-since", "main"], cwd=branched)
    assert code == 1
    assert out.splitlines() == [
        "docs/a.md: unowned: no rule matches",
        "legacy.sh: unowned: no rule matches",
        "2 problems (2 unowned) in 4 files checked",
    ]


def test_staged_files_count_before_they_are_committed(branched: Path, run: Callable) -> None:
    write_tree(branched, {"staged.txt": "", "not-staged.txt": ""})
    git(branched, "add", "staged.txt")
    code, out, _ = run(["check", "--changed-since", "main"], cwd=branched)
    assert (code, out.splitlines()[0]) == (1, "staged.txt: unowned: no rule matches")
    assert "not-staged.txt" not in out
    code, out, _ = run(["check", "--changed-since", "main", "--untracked"], cwd=branched)
    assert "not-staged.txt: unowned" in out


def test_compares_from_the_merge_base_not_the_tip_of_ref(branched: Path, run: Callable) -> None:
    write_tree(branched, {"data/mine.csv": ""})
    commit(branched)
    git(branched, "checkout", "-q", "main")
    write_tree(branched, {"theirs.sh": ""})
    commit(branched, "main moves on")
    git(branched, "checkout", "-q", "feature")
    assert run(["check", "--changed-since", "main"], cwd=branched)[:2] == (0, "ok: 1 file checked, no problems\n")


def test_rev_checks_another_commit_against_ref(branched: Path, run: Callable) -> None:
    write_tree(branched, {"new.sh": ""})
    commit(branched)
    git(branched, "checkout", "-q", "main")
    code, out, _ = run(["check", "--rev", "feature", "--changed-since", "main"], cwd=branched)
    assert (code, out) == (1, "new.sh: unowned: no rule matches\n1 problem (1 unowned) in 1 file checked\n")


def test_root_below_the_top_sees_only_its_own_changes(repo: Callable, run: Callable) -> None:
    top = repo({"svc/ownership.toml": '[roles.A]\npaths = ["src/"]\n', "svc/src/a.py": "", "x": ""})
    git(top, "checkout", "-q", "-b", "feature")
    write_tree(top, {"elsewhere.txt": "", "svc/src/b.py": "", "svc/stray.txt": ""})
    commit(top)
    code, out, _ = run(["check", "--root", "svc", "--changed-since", "main"], cwd=top)
    assert (code, out.splitlines()) == (1, ["stray.txt: unowned: no rule matches",
                                            "1 problem (1 unowned) in 2 files checked"])


def test_files_and_changed_since_exclude_each_other(branched: Path, run: Callable) -> None:
    assert run(["check", "--changed-since", "main", "a.py"], cwd=branched) == (
        2, "", "ownership: error: give FILES or --base, not both\n")


def test_given_files_that_include_the_role_map_check_the_whole_tree(branched: Path, run: Callable) -> None:
    assert run(["check", "data/old.csv"], cwd=branched)[0] == 0
    code, out, _ = run(["check", "data/old.csv", "ownership.toml"], cwd=branched)
    assert (code, out.splitlines()[-1]) == (1, "1 problem (1 unowned) in 4 files checked")


def test_codeowners_change_checks_the_whole_tree(repo: Callable, run: Callable) -> None:
    top = repo({".github/CODEOWNERS": "/src/ @a\n", "src/x.py": "", "old.txt": ""})
    git(top, "checkout", "-q", "-b", "feature")
    write_tree(top, {"src/y.py": ""})
    commit(top)
    assert run(["check", "--changed-since", "main"], cwd=top)[0] == 0
    (top / ".github/CODEOWNERS").write_text("/src/ @a\n/docs/ @b\n")
    commit(top)
    code, out, _ = run(["check", "--changed-since", "main"], cwd=top)
    assert (code, out.splitlines()) == (1, [".github/CODEOWNERS: unowned: no line gives it an owner",
                                            "old.txt: unowned: no line gives it an owner",
                                            ".github/CODEOWNERS:2:1: unused: pattern '/docs/' matches no file",
                                            "2 problems (2 unowned) in 4 files checked; 1 warning (1 unused)"])


# --- what is missing, and what to fetch ------------------------------------------------------------------


def test_unknown_ref_says_what_to_fetch(branched: Path, run: Callable) -> None:
    assert run(["check", "--changed-since", "origin/main"], cwd=branched) == (
        2, "", "ownership: error: unknown revision 'origin/main' to compare with: fetch it first "
        "(git fetch origin main)\n")
    assert run(["check", "--changed-since", "--help"], cwd=branched)[2] == (
        "ownership: error: unknown revision '--help' to compare with: fetch it first (git fetch origin --help)\n")


def test_shallow_clone_without_the_base_branch(branched: Path, run: Callable, tmp_path: Path) -> None:
    write_tree(branched, {"new.sh": ""})
    commit(branched)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "--single-branch", "--branch", "feature",
        branched.as_uri(), str(clone))
    code, out, err = run(["check", "--changed-since", "origin/main"], cwd=clone)
    assert (code, out) == (2, "")
    assert err == (
        "ownership: error: unknown revision 'origin/main' to compare with: fetch it first (git fetch origin main); "
        "this clone is shallow, so fetch its history too (git fetch --unshallow, or fetch-depth: 0 with "
        "actions/checkout)\n")


def test_shallow_clone_without_a_common_ancestor(branched: Path, run: Callable, tmp_path: Path) -> None:
    write_tree(branched, {"new.sh": ""})
    commit(branched)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "--no-single-branch", "--branch", "feature",
        branched.as_uri(), str(clone))
    code, out, err = run(["check", "--changed-since", "origin/main"], cwd=clone)
    assert (code, out) == (2, "")
    assert err == (
        "ownership: error: no common ancestor of 'origin/main' and HEAD: this clone is shallow: fetch more "
        "history (git fetch --unshallow, or fetch-depth: 0 with actions/checkout)\n")
    git(clone, "fetch", "-q", "--unshallow")
    assert run(["check", "--changed-since", "origin/main"], cwd=clone)[:2] == (
        1, "new.sh: unowned: no rule matches\n1 problem (1 unowned) in 1 file checked\n")


def test_unrelated_histories(branched: Path, run: Callable) -> None:
    git(branched, "checkout", "-q", "--orphan", "other")
    commit(branched, "unrelated")
    code, _, err = run(["check", "--changed-since", "main"], cwd=branched)
    assert (code, err) == (2, "ownership: error: no common ancestor of 'main' and HEAD: the histories are unrelated\n")


def test_repository_without_commits(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": ROLEMAP}, commit=False)
    assert run(["check", "--changed-since", "main"], cwd=top)[2].startswith("ownership: error: unknown revision 'main'")
