"""Issue 12: the first day in a real repository, from an existing CODEOWNERS (or none) to a green hook and Action.

One test per point of the adoption path (rules discovery, init, import, --rev, diff across the adoption
commit), each on a real repository, and the scripted adoption story at the end."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Callable, Dict, Tuple

import pytest

from conftest import git, write_tree
from test_action import installed, action  # noqa: F401  (fixtures: the Action installed once, run in a faked runner)
from test_precommit import hooks  # noqa: F401  (fixture: the real pre-commit, offline, from a clone of this tree)

CODEOWNERS = """\
# Everyone
* @org/all
/src/ @org/Dev @bob
/docs/ @docs
/docs/generated.md
.github/ @org/admins
"""
FILES = {".github/CODEOWNERS": CODEOWNERS, "src/a.py": "a\n", "docs/b.md": "b\n", "docs/generated.md": "g\n",
         "README.md": "r\n"}


def commit(top: Path, message: str = "change") -> None:
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", message)


# Point 5: `diff` across the adoption commit


def test_diff_across_the_import_of_codeowners_shows_no_change(repo: Callable, run: Callable) -> None:
    top = repo(FILES)
    git(top, "checkout", "-q", "-b", "adopt")
    assert run(["import"], cwd=top)[0] == 0
    git(top, "add", "-A")
    base = git(top, "rev-parse", "main").strip()
    code, out, err = run(["diff", "main"], cwd=top)
    assert (code, err) == (0, "")
    assert out == (f"Ownership changes since main (merge base {base[:12]}, ownership.toml): 0 files change owner\n"
                   "(before: main:.github/CODEOWNERS; the two kinds of rules are compared by the handles that "
                   "review)\n")  # the pattern naming the baseline, written later, is not "matching no file"
    doc = json.loads(run(["diff", "main", "--format", "json"], cwd=top)[1])
    assert (doc["config_before"], doc["config"], doc["compared_as"]) == (
        "main:.github/CODEOWNERS", "ownership.toml", "handles")
    assert doc["gained"] == doc["lost"] == doc["moved"] == []


def test_diff_compares_a_role_with_the_codeowners_handles_it_replaces(repo: Callable, run: Callable) -> None:
    top = repo(FILES)
    git(top, "checkout", "-q", "-b", "adopt")
    write_tree(top, {"ownership.toml": """\
[roles.Everyone]
owners = ["@ORG/ALL"]
paths = ["*"]

[roles.Dev]
owners = ["@bob", "@org/dev"]
paths = ["/src/"]

[roles.Docs]
owners = ["@writers"]
paths = ["/docs/"]

[roles.Admins]
paths = [".github/"]
"""})
    commit(top, "adopt a role map")
    code, out, err = run(["diff", "main", "--format", "markdown"], cwd=top)
    assert (code, err) == (0, "")
    base = git(top, "rev-parse", "main").strip()
    # handles compare case-insensitively, as GitHub's do; a role without owners says so
    assert out == f"""\
## Ownership changes since `main`

Merge base `{base[:12]}`, rules from `ownership.toml`: 3 files change owner.

Before: `main:.github/CODEOWNERS`; the two kinds of rules are compared by the handles that review.

### Gained an owner (1)

| file | before | after |
| --- | --- | --- |
| `docs/generated.md` | unowned | @writers |

### Lost their owner (1)

| file | before | after |
| --- | --- | --- |
| `.github/CODEOWNERS` | @org/admins | Admins (no owners) |

### Moved to another owner (1)

| file | before | after |
| --- | --- | --- |
| `docs/b.md` | @docs | @writers |
"""


def test_diff_with_a_named_role_map_new_in_the_change_reads_the_base_codeowners(repo: Callable, run: Callable) -> None:
    top = repo(FILES)
    git(top, "checkout", "-q", "-b", "adopt")
    run(["import"], cwd=top)
    commit(top)
    doc = json.loads(run(["diff", "main", "--config", "ownership.toml", "--format", "json"], cwd=top)[1])
    assert (doc["config_before"], doc["gained"], doc["lost"], doc["moved"]) == ("main:.github/CODEOWNERS", [], [], [])


def test_diff_back_from_a_role_map_to_codeowners(repo: Callable, run: Callable) -> None:
    top = repo(FILES)
    run(["import"], cwd=top)
    commit(top, "adopt")
    git(top, "checkout", "-q", "-b", "back")
    git(top, "rm", "-q", "ownership.toml")
    doc = json.loads(run(["diff", "main", "--format", "json"], cwd=top)[1])
    assert (doc["config_before"], doc["config"], doc["compared_as"]) == (
        "main:ownership.toml", ".github/CODEOWNERS", "handles")
    assert doc["gained"] == doc["lost"] == doc["moved"] == []


def test_diff_between_two_role_maps_still_compares_roles(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\nowners = ["@x"]\npaths = ["*"]\n', "a.txt": "", **FILES})
    git(top, "checkout", "-q", "-b", "rename")
    (top / "ownership.toml").write_text('[roles.B]\nowners = ["@x"]\npaths = ["*"]\n')
    doc = json.loads(run(["diff", "main", "--format", "json"], cwd=top)[1])
    assert (doc["config_before"], doc["compared_as"]) == ("main:ownership.toml", "owners")
    assert {(c["before"]["owners"][0], c["after"]["owners"][0]) for c in doc["moved"]} == {("A", "B")}


# Point 1: the tool's own files are owned


def test_import_gives_the_role_map_and_baseline_to_whoever_owned_codeowners(repo: Callable, run: Callable) -> None:
    top = repo(FILES)
    code, out, err = run(["import"], cwd=top)
    assert (code, err) == (0, "")
    assert out == ("Wrote ownership.toml: 5 roles for 5 owner sets from 5 lines of .github/CODEOWNERS.\n"
                   "ownership.toml and .ownership-baseline.json are owned by @org/admins, as .github/CODEOWNERS was.\n")
    assert (top / "ownership.toml").read_text().endswith(
        'owners = ["@org/admins"]\npaths = [".github/", "/ownership.toml", '
        '"/.ownership-baseline.json"]\n')
    git(top, "add", "-A")
    assert run(["check"], cwd=top) == (0, "ok: 6 files checked, no problems\n", "")
    assert run(["baseline"], cwd=top)[1] == "Wrote .ownership-baseline.json: no problems in 7 files.\n"
    git(top, "add", "-A")
    assert run(["check", "--fail-on", "unowned,unused"], cwd=top) == (0, "ok: 7 files checked, no problems\n", "")
    assert run(["who", "ownership.toml", ".ownership-baseline.json"], cwd=top)[1].count("owned by org/admins") == 2


def test_import_adds_nothing_when_a_line_already_gives_the_tool_files_those_owners(repo: Callable,
                                                                                      run: Callable) -> None:
    top = repo({"CODEOWNERS": "* @all\n", "a.py": ""})
    code, out, _ = run(["import"], cwd=top)
    assert out.endswith("\nownership.toml and .ownership-baseline.json are owned by @all, as CODEOWNERS was.\n")
    assert (top / "ownership.toml").read_text().endswith('[roles."all"]\nowners = ["@all"]\npaths = ["*"]\n')


def test_import_says_when_codeowners_itself_has_no_owner(repo: Callable, run: Callable) -> None:
    top = repo({"CODEOWNERS": "*.py @py\n", "a.py": ""})
    code, out, err = run(["import"], cwd=top)
    assert (code, out) == (0, "Wrote ownership.toml: 1 roles for 1 owner sets from 1 lines of CODEOWNERS.\n")
    assert err == ("ownership: note: no line of CODEOWNERS gives it an owner, so ownership.toml and "
                   ".ownership-baseline.json have none either: add them to a role's paths\n")


# Point 3: rules are found where the user stands


def test_the_nearest_role_map_from_the_current_directory_wins(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.Top]\npaths = ["*"]\n', "a.py": "",
                "services/api/ownership.toml": '[roles.Api]\npaths = ["*.py"]\n', "services/api/x.py": "",
                "services/api/deep/y.py": "", "services/api/README.md": ""})
    code, out, err = run(["check", "--format", "json"], cwd=top / "services/api/deep")
    doc = json.loads(out)
    assert (code, doc["config"], [f["path"] for f in doc["findings"]]) == (
        1, "../ownership.toml", ["README.md", "ownership.toml"])
    assert run(["who", "y.py"], cwd=top / "services/api/deep")[1].startswith("deep/y.py: owned by Api")
    assert run(["who", "a.py"], cwd=top)[1].startswith("a.py: owned by Top")
    assert run(["check"], cwd=top / "services") == (0, "ok: 6 files checked, no problems\n", "")


def test_without_rules_the_error_says_what_was_looked_for_and_where(repo: Callable, run: Callable) -> None:
    top = repo({"src/app/a.py": ""})
    code, out, err = run(["check"], cwd=top / "src/app")
    assert (code, out) == (2, "")
    assert err == (f"ownership: error: no ownership rules found: looked for ownership.toml, .ownership.toml, "
                   f"[tool.ownership] in pyproject.toml in {top}/src/app and each directory above it up to {top}, "
                   f"and for .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS, .gitlab/CODEOWNERS in {top} (start "
                   "with 'ownership init', or 'ownership import' an existing CODEOWNERS)\n")


def test_codeowners_at_the_top_is_found_from_a_subdirectory(repo: Callable, run: Callable) -> None:
    top = repo({".github/CODEOWNERS": "* @all\n", "src/a.py": ""})
    assert run(["who", "a.py"], cwd=top / "src")[1].startswith("src/a.py: owned by @all")


def _pipe(text: bytes) -> str:
    """A pipe holding ``text`` and closed for writing, named as process substitution names it."""
    read, write = os.pipe()
    os.write(write, text)
    os.close(write)
    return f"/dev/fd/{read}"


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="no /dev/fd on this platform")
@pytest.mark.parametrize("option, text, owner", [
    ("--config", b'[roles.Piped]\npaths = ["*.py"]\n', "Piped"),
    ("--codeowners", b"*.py @piped\n", "@piped"),
])
def test_rules_from_a_pipe_are_read(repo: Callable, run: Callable, option: str, text: bytes, owner: str) -> None:
    top = repo({"a.py": "", "b.md": ""})
    name = _pipe(text)
    code, out, err = run(["report", "--format", "json", option, name], cwd=top)
    doc = json.loads(out)
    assert (code, err, doc["config"], doc["unowned"]) == (0, "", name, ["b.md"])


def test_process_substitution_in_a_real_shell(repo: Callable) -> None:
    top = repo({"a.py": "", "b.md": ""})
    script = (f"{shlex.quote(sys.executable)} -m ownership check --config <(printf '[roles.P]\\npaths = [\"*\"]\\n') && "
              f"{shlex.quote(sys.executable)} -m ownership who b.md --codeowners <(echo '*.md @docs')")
    result = subprocess.run(["bash", "-c", script], cwd=top, capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("ok: 2 files checked, no problems\nb.md: owned by @docs")


def test_an_endless_pipe_is_cut_at_the_size_limit(repo: Callable, run: Callable) -> None:
    top = repo({"a.py": ""})
    endless = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    assert endless.stdout is not None
    try:
        name = f"/dev/fd/{endless.stdout.fileno()}"
        assert run(["check", "--config", name], cwd=top) == (
            2, "", f"ownership: error: {name}: the role map is larger than 8 MB; refusing to read it\n")
    finally:
        endless.kill()
        endless.wait()


def test_a_fifo_in_the_repository_is_still_refused_when_named(repo: Callable, run: Callable) -> None:
    top = repo({"a.py": ""})
    os.mkfifo(top / "rules.toml")
    assert run(["check", "--config", "rules.toml"], cwd=top) == (
        2, "", "ownership: error: rules.toml: cannot read the role map: it is a FIFO, not a regular file\n")
    os.mkfifo(top / "ownership.toml")  # found by discovery: not a file, so not a role map
    assert run(["check"], cwd=top)[2].startswith("ownership: error: no ownership rules found: ")


# Point 4: a revision means its own rules


@pytest.fixture
def adopted(repo: Callable, run: Callable) -> Path:
    """main holds CODEOWNERS only (tagged v1); the next commit adds an imported role map that moves docs/."""
    top = repo(FILES)
    git(top, "tag", "v1")
    run(["import"], cwd=top)
    text = (top / "ownership.toml").read_text().replace('owners = ["@docs"]', 'owners = ["@writers"]')
    (top / "ownership.toml").write_text(text)
    commit(top, "adopt a role map")
    return top


def test_rev_reads_the_codeowners_of_that_revision_and_says_so(adopted: Path, run: Callable) -> None:
    assert run(["check", "--rev", "v1"], cwd=adopted) == (
        0, "docs/generated.md: explicitly-unowned: the deciding line 5 '/docs/generated.md' names no owner\n"
           "ok: 5 files checked, no problems; 1 warning (1 explicitly-unowned)\n",
        "ownership: note: rules read from v1:.github/CODEOWNERS, as they were in v1\n")
    doc = json.loads(run(["report", "--rev", "v1", "--format", "json"], cwd=adopted)[1])
    assert doc["config"] == "v1:.github/CODEOWNERS"
    assert run(["report", "--rev", "v1"], cwd=adopted)[1].startswith(
        "Ownership of . (CODEOWNERS v1:.github/CODEOWNERS, github semantics)\n")


def test_rev_reads_the_role_map_of_that_revision(adopted: Path, run: Callable) -> None:
    (adopted / "ownership.toml").write_text('[roles.Nobody]\npaths = ["nothing/"]\n')  # not what HEAD holds
    code, out, err = run(["check", "--rev", "HEAD", "--format", "json"], cwd=adopted)
    assert (code, json.loads(out)["config"], err) == (
        0, "HEAD:ownership.toml", "ownership: note: rules read from HEAD:ownership.toml, as they were in HEAD\n")


def test_a_named_rules_file_is_read_from_disk_whatever_the_revision(adopted: Path, run: Callable) -> None:
    code, out, err = run(["check", "--rev", "v1", "--config", "ownership.toml", "--format", "json"], cwd=adopted)
    assert (code, json.loads(out)["config"], err) == (0, "ownership.toml", "")


def test_diff_with_rev_reads_each_side_at_its_own_revision(adopted: Path, run: Callable) -> None:
    (adopted / "ownership.toml").unlink()  # the work tree's state is not what HEAD holds
    doc = json.loads(run(["diff", "v1", "--rev", "HEAD", "--format", "json"], cwd=adopted)[1])
    assert (doc["config_before"], doc["config"]) == ("v1:.github/CODEOWNERS", "HEAD:ownership.toml")
    assert [(c["path"], c["before"]["owners"], c["after"]["owners"]) for c in doc["moved"]] == [
        ("docs/b.md", ["@docs"], ["@writers"])]


def test_a_revision_without_rules_says_what_was_looked_for(repo: Callable, run: Callable) -> None:
    top = repo({"a.py": ""})
    write_tree(top, {"ownership.toml": '[roles.A]\npaths = ["*"]\n'})
    code, out, err = run(["check", "--rev", "HEAD"], cwd=top)
    assert (code, out) == (2, "")
    assert err.startswith(f"ownership: error: no ownership rules in HEAD: looked in {top} for ownership.toml")


# Point 2: init respects what exists; point 1 for init


def test_init_imports_an_existing_codeowners_instead_of_guessing(repo: Callable, run: Callable) -> None:
    top = repo({**FILES, "data/x.csv": ""})  # an ML home, which used to get the ML guess
    code, out, err = run(["init"], cwd=top)
    assert (code, err) == (0, "ownership: note: .github/CODEOWNERS exists: importing it (as `ownership import` "
                              "does) instead of guessing\n")
    assert out == ("Wrote ownership.toml: 5 roles for 5 owner sets from 5 lines of .github/CODEOWNERS.\n"
                   "ownership.toml and .ownership-baseline.json are owned by @org/admins, as .github/CODEOWNERS was.\n")
    assert (top / "ownership.toml").read_text().startswith("# Role map imported from .github/CODEOWNERS")
    git(top, "add", "-A")
    assert run(["check"], cwd=top) == (0, "ok: 7 files checked, no problems\n", "")


GENERIC = '''\
# Role map for `ownership`: which role owns which files.
# Written by `ownership init`: this tree holds none of the usual homes of an ML team's work, so this is
# one role per top-level directory, and "Maintainers" for everything else (ownership.toml and the
# baseline included). Rename the roles freely; replace each placeholder with the handles that review
# the role's files (as in CODEOWNERS: "@org/team", "@user"), and `ownership codeowners --write`
# writes CODEOWNERS from them. Patterns use CODEOWNERS syntax, relative to this file's directory.

[settings]
# "specific": the most specific pattern wins, so a directory's role beats the catch-all "*".
resolution = "specific"
# ignore = ["vendor/**", "*.lock"]

[roles."Maintainers"]
description = "Everything no other role owns: top-level files, CI, and ownership's own files"
# owners = ["@org/maintainers"]  # placeholder: who reviews these files
paths = ["*"]

[roles."src"]
description = "The src/ directory (2 files)"
# owners = ["@org/src-team"]  # placeholder: who reviews src/
paths = ["/src/"]

[roles."web_app"]
description = "The web_app/ directory (1 file)"
# owners = ["@org/web-app-team"]  # placeholder: who reviews web_app/
paths = ["/web_app/"]

# Lifecycle phases and the files their work lives in: `ownership raci` shows who is Responsible (owns
# the files), Accountable, Consulted (`consulted = [...]` in a role) and Informed (`informed = [...]`).
# [phases]
# "Model training" = ["training/"]
'''
GENERIC_TREE = {"src/a.go": "", "src/b.go": "", "web_app/index.ts": "", "go.mod": "", ".github/workflows/ci.yml": "",
                "odd name/x": ""}


def test_init_outside_ml_writes_one_role_per_top_level_area_and_a_catch_all(repo: Callable, run: Callable) -> None:
    top = repo(GENERIC_TREE)
    code, out, err = run(["init"], cwd=top)
    assert (code, err) == (0, "")
    assert out == (
        "Wrote ownership.toml (a role for each of 2 top-level directories, and a catch-all one): 3 roles, 3 patterns, "
        "0 phases; 6 of 6 files owned (100.0%).\n"
        "ownership.toml, .ownership-baseline.json and a generated .github/CODEOWNERS are owned by Maintainers.\n"
        "Replace the placeholders: give each role the handles that review its files (`owners = [...]`).\n")
    assert (top / "ownership.toml").read_text() == GENERIC
    git(top, "add", "-A")
    assert run(["check"], cwd=top) == (0, "ok: 7 files checked, no problems\n", "")
    assert run(["baseline"], cwd=top)[0] == 0
    git(top, "add", "-A")
    assert run(["check"], cwd=top) == (0, "ok: 8 files checked, no problems\n", "")


def test_init_dry_run_prints_the_role_map_and_writes_nothing(repo: Callable, run: Callable) -> None:
    top = repo(GENERIC_TREE)
    code, out, err = run(["init", "--dry-run"], cwd=top)
    assert (code, out) == (0, GENERIC)
    assert err.startswith("Would write ownership.toml (a role for each of 2 top-level directories")
    assert not (top / "ownership.toml").exists()
    (top / "ownership.toml").write_text("keep me\n")  # --dry-run writes nothing, so it needs no --force
    assert run(["init", "--dry-run"], cwd=top)[:2] == (0, GENERIC)
    assert (top / "ownership.toml").read_text() == "keep me\n"


def test_import_dry_run_prints_the_role_map_and_writes_nothing(repo: Callable, run: Callable) -> None:
    top = repo(FILES)
    code, out, err = run(["import", "--dry-run"], cwd=top)
    assert (code, err) == (0, "Would write ownership.toml: 5 roles for 5 owner sets from 5 lines of .github/CODEOWNERS.\n"
                              "ownership.toml and .ownership-baseline.json are owned by @org/admins, as "
                              ".github/CODEOWNERS was.\n")
    assert out.startswith("# Role map imported from .github/CODEOWNERS") and not (top / "ownership.toml").exists()


def test_init_of_an_ml_tree_gives_its_own_files_to_mlops(repo: Callable, run: Callable) -> None:
    top = repo({"data/raw.csv": "", "notebooks/a.ipynb": "", "README.md": ""})
    code, out, err = run(["init"], cwd=top)
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == ("ownership.toml, .ownership-baseline.json and a generated .github/CODEOWNERS are "
                                   "owned by MLOps Engineer.")
    assert ('paths = ["/ownership.toml", "/.ownership-baseline.json", "/.github/CODEOWNERS"]'
            in (top / "ownership.toml").read_text())
    git(top, "add", "-A")
    assert run(["check"], cwd=top) == (0, "ok: 4 files checked, no problems\n", "")
    run(["baseline"], cwd=top)
    git(top, "add", "-A")
    assert run(["check"], cwd=top) == (0, "ok: 5 files checked, no problems\n", "")


# The adoption story, end to end with the real pre-commit and the Action's script in the faked runner


STORY_CODEOWNERS = """\
# Platform team
/src/ @org/dev
/docs/ @org/docs
*.md @org/docs

# The rules themselves
/.github/ @org/admins
/.pre-commit-config.yaml @org/admins
"""


@pytest.mark.integration
def test_the_adoption_story(tmp_path: Path, run: Callable, hooks: Tuple[Dict[str, str], str],
                            action: Callable) -> None:
    env, config = hooks
    top = tmp_path / "legacy"
    top.mkdir()

    def shell(*args: str) -> Tuple[int, str]:
        result = subprocess.run(args, cwd=top, env=env, capture_output=True, text=True)
        return result.returncode, result.stdout + result.stderr

    def commit_all(message: str) -> Tuple[int, str]:
        assert shell("git", "add", "-A")[0] == 0
        return shell("git", "-c", "commit.gpgSign=false", "commit", "-q", "-m", message)

    # A repository that has lived with CODEOWNERS for a while.
    assert shell("git", "-c", "init.defaultBranch=main", "init", "-q")[0] == 0
    write_tree(top, {".github/CODEOWNERS": STORY_CODEOWNERS, ".pre-commit-config.yaml": config, "src/app.py": "app\n",
                     "docs/index.md": "docs\n", "README.md": "readme\n"})
    assert commit_all("legacy")[0] == 0
    assert shell("git", "checkout", "-q", "-b", "adopt-ownership")[0] == 0

    # import, git add -A, check: nothing to report, not even about the new role map
    code, out, err = run(["import"], cwd=top)
    assert (code, err) == (0, "")
    assert out.endswith("ownership.toml and .ownership-baseline.json are owned by @org/admins, as "
                        ".github/CODEOWNERS was.\n")
    assert shell("git", "add", "-A")[0] == 0
    assert run(["check"], cwd=top) == (0, "ok: 6 files checked, no problems\n", "")

    # the hook, installed by the real pre-commit: the adoption commit passes, an owned file passes, an unowned one fails
    code, out = shell(sys.executable, "-m", "pre_commit", "install")
    assert code == 0, out
    code, out = commit_all("adopt a role map")
    assert code == 0, out
    write_tree(top, {"src/feature.py": "f\n"})
    code, out = commit_all("an owned file")
    assert code == 0 and "ownership check" in out and "Passed" in out, out
    write_tree(top, {"scripts/deploy.sh": "deploy\n"})
    code, out = commit_all("an unowned file")
    assert code == 1, out
    assert "scripts/deploy.sh: unowned: no rule matches\n1 problem (1 unowned) in 1 file checked\n" in out, out
    assert shell("git", "reset", "-q", "HEAD", "scripts/deploy.sh")[0] == 0
    (top / "scripts/deploy.sh").unlink()

    # baseline: written, committed through the hook, and still nothing to report
    assert run(["baseline"], cwd=top) == (0, "Wrote .ownership-baseline.json: no problems in 8 files.\n", "")
    code, out = commit_all("record the baseline")
    assert code == 0, out
    assert run(["check"], cwd=top) == (0, "ok: 8 files checked, no problems\n", "")

    # the Action on the pull request that adopts the role map: green, and no owner changes in its summary
    result = action(top, base="main")
    assert (result.code, result.stdout) == (0, "ok: 8 files checked, no problems\n"), result.stderr
    assert result.outputs == {"unowned": "0", "conflicts": "0", "coverage": "100.0"}
    base = shell("git", "rev-parse", "main")[1].strip()
    assert result.summary.split("## Ownership changes since `main`\n\n", 1)[1] == (
        f"Merge base `{base[:12]}`, rules from `ownership.toml`: 0 files change owner.\n\n"
        "Before: `main:.github/CODEOWNERS`; the two kinds of rules are compared by the handles that review.\n")


def test_baseline_says_when_it_will_itself_have_no_owner(repo: Callable, run: Callable) -> None:
    top = repo({"CODEOWNERS": "*.py @py\n", "a.py": "", "legacy.sh": ""})
    assert run(["baseline"], cwd=top) == (
        0, "Wrote .ownership-baseline.json: 2 unowned in 3 files.\n",
        "ownership: note: .ownership-baseline.json has no owner under CODEOWNERS: give it one before committing it, "
        "or `check` will report it\n")


def test_diff_of_a_role_map_adopted_in_a_subdirectory_compares_with_the_top_codeowners(repo: Callable,
                                                                                       run: Callable) -> None:
    top = repo({"CODEOWNERS": "* @all\n/svc/ @svc-team\n/svc/api/ @api\n", "svc/a.py": "", "svc/api/b.py": "",
                "other.py": ""})
    git(top, "checkout", "-q", "-b", "adopt")
    write_tree(top, {"svc/ownership.toml": '[settings]\nresolution = "last"\n\n[roles.Svc]\nowners = ["@svc-team"]\n'
                                           'paths = ["*"]\n\n[roles.Api]\nowners = ["@API"]\npaths = ["/api/"]\n'})
    git(top, "add", "-A")
    doc = json.loads(run(["diff", "main", "--format", "json"], cwd=top / "svc")[1])
    assert (doc["config_before"], doc["config"], doc["compared_as"]) == ("main:CODEOWNERS", "ownership.toml", "handles")
    assert doc["gained"] == doc["lost"] == doc["moved"] == []
    (top / "svc/ownership.toml").write_text('[roles.Svc]\nowners = ["@svc-team"]\npaths = ["*"]\n')
    doc = json.loads(run(["diff", "main", "--format", "json"], cwd=top / "svc")[1])
    assert [(c["path"], c["before"]["owners"], c["after"]["owners"]) for c in doc["moved"]] == [
        ("api/b.py", ["@api"], ["@svc-team"])]


def test_import_of_a_gitlab_file_gives_the_tool_files_to_its_owners_without_a_note(repo: Callable,
                                                                                  run: Callable) -> None:
    top = repo({".gitlab/CODEOWNERS": "* @a\n/.gitlab/ @admins\n", "x.md": ""})
    assert run(["import"], cwd=top) == (
        0, "Wrote ownership.toml: 2 roles for 2 owner sets from 2 lines of .gitlab/CODEOWNERS.\n"
           "ownership.toml and .ownership-baseline.json are owned by @admins, as .gitlab/CODEOWNERS was.\n", "")
    git(top, "add", "-A")
    assert run(["check"], cwd=top) == (0, "ok: 3 files checked, no problems\n", "")


def test_an_ml_word_deep_in_the_tree_does_not_make_it_an_ml_project(repo: Callable, run: Callable) -> None:
    """RIOT-OS has pkg/etl/ and config/ directories: the ML starter owned 45 of its 16,083 files and made a conflict."""
    top = repo({"pkg/etl/config/profile.h": "", "pkg/etl/Makefile": "", "core/main.c": "", "Makefile": ""})
    code, out, err = run(["init"], cwd=top)
    assert (code, err) == (0, "")
    assert out.startswith("Wrote ownership.toml (a role for each of 2 top-level directories, and a catch-all one): "
                          "3 roles, 3 patterns, 0 phases; 4 of 4 files owned (100.0%).\n")
    git(top, "add", "-A")
    assert run(["check"], cwd=top) == (0, "ok: 5 files checked, no problems\n", "")


# Golden files for the new outputs: diff across the adoption commit, in each format


GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_golden_diff_across_the_adoption_commit(repo: Callable, run: Callable, fmt: str,
                                                request: pytest.FixtureRequest) -> None:
    top = repo(FILES)
    git(top, "checkout", "-q", "-b", "adopt")
    run(["import"], cwd=top)
    text = (top / "ownership.toml").read_text()
    # one real change among the imported rules: docs/ goes to another team, the CODEOWNERS file to no one
    text = text.replace('owners = ["@docs"]', 'owners = ["@writers"]').replace(
        'owners = ["@org/admins"]', "owners = []")
    (top / "ownership.toml").write_text(text)
    commit(top, "adopt a role map")
    args = ["diff", "main", "--format", fmt]
    code, out, err = run(args, cwd=top)
    rendered = f"$ ownership {' '.join(args)}\nexit {code}\n--- stdout\n{out}--- stderr\n{err}"
    golden = GOLDEN / f"diff-adoption-{fmt}.txt"
    if request.config.getoption("--update-goldens"):
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run pytest --update-goldens"
    assert rendered == golden.read_text(encoding="utf-8")


def test_init_counts_read_as_english_for_one(repo: Callable, run: Callable) -> None:
    top = repo({"src/a.py": ""})
    code, _, err = run(["init", "--dry-run"], cwd=top)
    assert (code, err.splitlines()[0]) == (0, "Would write ownership.toml (a role for each of 1 top-level directory, "
                                              "and a catch-all one): 2 roles, 2 patterns, 0 phases; 1 of 1 file owned "
                                              "(100.0%).")
