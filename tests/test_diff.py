"""``ownership diff REF``: files that gain, lose or change owner between the merge base of REF and the tree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest

from conftest import git, write_tree

BEFORE = '[roles.Data]\npaths = ["data/"]\n\n[roles.Docs]\npaths = ["docs/", "/ownership.toml"]\n\n[roles.Ops]\npaths = ["*.sh"]\n'
AFTER = """\
[roles.Data]
paths = ["data/", "x.txt", "gone/"]

[roles.Docs]
paths = ["/ownership.toml", "docs/a.md"]

[roles.Ops]
paths = ["*.sh", "scripts/"]

[roles.Scripts]
paths = ["scripts/"]
"""


def commit(top: Path, message: str = "change") -> None:
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", message)


@pytest.fixture
def changed(repo: Callable[..., Path]) -> Path:
    """On branch feature: a new role map, a renamed file, a new file; main holds the old role map."""
    files = ["data/a.csv", "docs/a.md", "docs/b.md", "scripts/run.sh", "old.sh", "x.txt"]
    top = repo({"ownership.toml": BEFORE, **{name: f"content of {name}\n" for name in files}})
    git(top, "checkout", "-q", "-b", "feature")
    (top / "ownership.toml").write_text(AFTER)
    git(top, "mv", "old.sh", "data/old.sh")
    write_tree(top, {"data/new.csv": "new\n"})
    commit(top)
    return top


def test_text_groups_gained_lost_and_moved_then_idle_rules(changed: Path, run: Callable) -> None:
    base = git(changed, "rev-parse", "main").strip()
    code, out, err = run(["diff", "main"], cwd=changed)
    assert (code, err) == (0, "")
    assert out == f"""\
Ownership changes since main (merge base {base[:12]}, ownership.toml): 4 files change owner

Gained an owner (1)
  x.txt  unowned  ->  Data

Lost their owner (2)
  docs/b.md       Docs  ->  unowned
  scripts/run.sh  Ops   ->  conflict

Moved to another owner (1)
  old.sh -> data/old.sh  Ops  ->  Data

Rules now matching no file (1)
  ownership.toml:2:28  Data  gone/

Rules now shadowed: they match files but decide none (1)
  ownership.toml:8:10  Ops  *.sh
"""


def test_json_has_both_sides_of_every_change(changed: Path, run: Callable) -> None:
    code, out, _ = run(["diff", "main", "--format", "json"], cwd=changed)
    doc = json.loads(out)
    assert (doc["ref"], doc["config"], doc["config_before"]) == ("main", "ownership.toml", "main:ownership.toml")
    assert doc["moved"] == [{"path": "data/old.sh", "old_path": "old.sh",
                             "before": {"status": "owned", "owners": ["Ops"]},
                             "after": {"status": "owned", "owners": ["Data"]}}]
    assert [c["path"] for c in doc["gained"]] == ["x.txt"]
    assert doc["unused_rules"] == [{"role": "Data", "pattern": "gone/", "line": 2, "column": 28}]
    assert doc["shadowed_rules"] == [{"role": "Ops", "pattern": "*.sh", "line": 8, "column": 10}]


def test_markdown_for_the_job_summary(changed: Path, run: Callable) -> None:
    out = run(["diff", "main", "--format", "markdown"], cwd=changed)[1]
    assert out.startswith("## Ownership changes since `main`\n\nMerge base `")
    assert "| `old.sh` → `data/old.sh` | Ops | Data |" in out
    assert "### Rules now shadowed: they match files but decide none (1)" in out


def test_no_change_says_so(changed: Path, run: Callable) -> None:
    code, out, _ = run(["diff", "HEAD"], cwd=changed)
    assert (code, out.split(": ")[-1]) == (0, "0 files change owner\n")


def test_the_index_by_default_or_the_tree_of_rev(changed: Path, run: Callable) -> None:
    git(changed, "mv", "x.txt", "y.txt")  # staged only: unowned before and after
    gained = lambda *args: [c["path"] for c in json.loads(run(["diff", "main", "--format", "json", *args],  # noqa: E731
                                                                cwd=changed)[1])["gained"]]
    assert gained() == []
    assert gained("--rev", "HEAD") == ["x.txt"]


def test_a_role_map_new_in_the_change_gives_files_their_first_owner(repo: Callable, run: Callable) -> None:
    top = repo({"data/a.csv": "", "b.txt": ""})
    git(top, "checkout", "-q", "-b", "adopt")
    write_tree(top, {"ownership.toml": '[roles.Data]\npaths = ["data/"]\n'})
    git(top, "add", "-A")
    doc = json.loads(run(["diff", "main", "--format", "json"], cwd=top)[1])
    assert [(c["path"], c["after"]["owners"]) for c in doc["gained"]] == [("data/a.csv", ["Data"])]


def test_codeowners_owner_changes_and_a_moved_codeowners_file(repo: Callable, run: Callable) -> None:
    header = "".join(f"# line {i} of the header that stays\n" for i in range(10))
    top = repo({"CODEOWNERS": header + "*.py @a @b\n/docs/ @d\n", "x.py": "", "docs/i.md": "docs\n"})
    git(top, "checkout", "-q", "-b", "feature")
    (top / ".github").mkdir()
    git(top, "mv", "CODEOWNERS", ".github/CODEOWNERS")
    (top / ".github/CODEOWNERS").write_text(header + "*.py @b @a\n/docs/ @e\n")
    commit(top)
    doc = json.loads(run(["diff", "main", "--format", "json"], cwd=top)[1])
    assert doc["config_before"] == "main:CODEOWNERS"
    assert doc["gained"] == doc["lost"] == []
    assert [(c["path"], c["before"]["owners"], c["after"]["owners"]) for c in doc["moved"]] == [
        ("docs/i.md", ["@d"], ["@e"])]


def test_unknown_ref_is_an_error(changed: Path, run: Callable) -> None:
    code, out, err = run(["diff", "nope"], cwd=changed)
    assert (code, out, err) == (2, "", "ownership: error: unknown revision 'nope' to compare with: fetch it first "
                                       "(git fetch origin nope)\n")

def test_a_broken_role_map_at_the_merge_base_is_an_error_naming_it(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["a//b"]\n'})
    git(top, "checkout", "-q", "-b", "fix")
    (top / "ownership.toml").write_text('[roles.A]\npaths = ["a/b"]\n')
    code, _, err = run(["diff", "main"], cwd=top)
    assert (code, err) == (2, "ownership: error: main:ownership.toml:2:10: pattern 'a//b' has an empty segment "
                              "('//') and can never match\n")


def test_diff_help_has_examples(run: Callable) -> None:
    code, out, _ = run(["diff", "--help"])
    assert code == 0 and "Examples:" in out and "ownership diff origin/main" in out


def test_codeowners_outside_the_tree_has_no_past(repo: Callable, run: Callable, tmp_path: Path) -> None:
    outside = tmp_path / "CODEOWNERS"
    outside.write_text("*.py @a\n")
    top = repo({"x.py": "x\n"})
    doc = json.loads(run(["diff", "HEAD", "--codeowners", str(outside), "--format", "json"], cwd=top)[1])
    assert (doc["config_before"], [c["path"] for c in doc["gained"]]) == ("HEAD", ["x.py"])
