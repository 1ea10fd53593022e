"""The pre-commit hooks, run by the real pre-commit from a clone of this working tree.

A module fixture commits this project's working tree into a temporary repository (so uncommitted edits are
what is tested) and lets pre-commit build the hook's environment once, under a PRE_COMMIT_HOME in a temporary
directory (pre-commit pip-installs the project there: a few seconds). Each test then commits into a fresh
repository whose .pre-commit-config.yaml is examples/pre-commit-config.yaml pointed at that clone, through
the git hook that `pre-commit install` writes.

`ownership-codeowners` runs `ownership codeowners --check`, a command built on another branch: only its
manifest entry is tested here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Tuple

import pytest
import yaml

from conftest import GIT_ENV, ROOT, write_tree

pytestmark = pytest.mark.integration

ROLEMAP = '[roles.Data]\npaths = ["data/"]\n\n[roles.Docs]\npaths = ["docs/", "/ownership.toml", "/.pre-commit-config.yaml"]\n'


def run(cwd: Path, env: Dict[str, str], *args: str) -> Tuple[int, str]:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def git(cwd: Path, env: Dict[str, str], *args: str) -> str:
    code, out = run(cwd, env, "git", "-c", "init.defaultBranch=main", "-c", "commit.gpgSign=false", *args)
    assert code == 0, out
    return out


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> Tuple[Dict[str, str], str]:
    """(environment for git and pre-commit, the config text that points at a clone of this project)."""
    tmp = tmp_path_factory.mktemp("pre-commit")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp / "home"), "PRE_COMMIT_COLOR": "never"}
    env.pop("GITHUB_ACTIONS", None)
    env.pop("PYTHONPATH", None)  # the hook must run the project pre-commit installed, not this tree
    clone = tmp / "ownership"
    shutil.copytree(ROOT / "src", clone / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, clone / name)
    git(clone, env, "init", "-q")
    git(clone, env, "add", "-A")
    git(clone, env, "commit", "-q", "-m", "ownership under test")
    rev = git(clone, env, "rev-parse", "HEAD").strip()
    example = (ROOT / "examples" / "pre-commit-config.yaml").read_text(encoding="utf-8")
    config = re.sub(r"repo: \S+", f"repo: {clone.as_posix()}", re.sub(r"rev: \S+", f"rev: {rev}", example))
    config = config.replace("      - id: ownership-codeowners\n", "")  # not on this branch: see the docstring
    scratch = tmp / "scratch"
    scratch.mkdir()
    git(scratch, env, "init", "-q")
    (scratch / ".pre-commit-config.yaml").write_text(config)
    code, out = run(scratch, env, sys.executable, "-m", "pre_commit", "install-hooks")
    assert code == 0, out
    return env, config


@pytest.fixture
def user_repo(tmp_path: Path, hooks: Tuple[Dict[str, str], str]) -> Path:
    env, config = hooks
    top = tmp_path / "user"
    top.mkdir()
    git(top, env, "init", "-q")
    write_tree(top, {".pre-commit-config.yaml": config, "ownership.toml": ROLEMAP, "docs/a.md": "a\n"})
    code, out = run(top, env, sys.executable, "-m", "pre_commit", "install")
    assert code == 0, out
    return top


def commit(top: Path, env: Dict[str, str], *files: str) -> Tuple[int, str]:
    git(top, env, "add", *files)
    return run(top, env, "git", "-c", "commit.gpgSign=false", "commit", "-q", "-m", "change")


def test_hook_passes_owned_files_and_fails_unowned_ones_with_the_tools_message(
    user_repo: Path, hooks: Tuple[Dict[str, str], str]
) -> None:
    env = hooks[0]
    code, out = commit(user_repo, env, "-A")  # the role map itself: the whole tree is checked
    assert code == 0, out
    write_tree(user_repo, {"data/events.csv": "x\n"})
    code, out = commit(user_repo, env, "data/events.csv")
    assert code == 0, out
    assert re.search(r"^ownership check\.+Passed$", out, re.M)

    write_tree(user_repo, {"scripts/run.sh": "echo\n"})
    code, out = commit(user_repo, env, "scripts/run.sh")
    assert code == 1
    assert re.search(r"^ownership check\.+Failed$", out, re.M)
    assert "scripts/run.sh: unowned: no rule matches\n1 problem (1 unowned) in 1 file checked\n" in out, out
    assert git(user_repo, env, "log", "--oneline", "--", "scripts/run.sh") == ""  # the commit was refused


def test_a_role_map_change_that_orphans_another_file_fails(user_repo: Path, hooks: Tuple[Dict[str, str], str]) -> None:
    env = hooks[0]
    assert commit(user_repo, env, "-A")[0] == 0
    (user_repo / "ownership.toml").write_text(ROLEMAP.replace('"docs/", ', ""))
    code, out = commit(user_repo, env, "ownership.toml")
    assert code == 1
    assert "docs/a.md: unowned: no rule matches\n" in out
    # the rules changed, so the whole tree is checked, and the role map's own mistakes are shown (issue 12)
    assert "ownership.toml:2:10: unused: pattern 'data/' of role 'Data' matches no file\n" \
           "1 problem (1 unowned) in 3 files checked; 1 warning (1 unused)\n" in out


def test_the_manifest_and_the_example_are_valid() -> None:
    for command in (["validate-manifest", ".pre-commit-hooks.yaml"],
                    ["validate-config", "examples/pre-commit-config.yaml"]):
        result = subprocess.run([sys.executable, "-m", "pre_commit", *command], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_manifest_hooks() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    check, codeowners = hooks["ownership-check"], hooks["ownership-codeowners"]
    assert (check["entry"], check["language"], check["pass_filenames"]) == ("ownership check", "python", True)
    assert "files" not in check  # every staged file must be owned
    assert (codeowners["entry"], codeowners["pass_filenames"], codeowners["require_serial"]) == (
        "ownership codeowners --check", False, True)
    runs_on = re.compile(codeowners["files"])
    for name in ("CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS", "ownership.toml",
                 ".ownership.toml", "pyproject.toml", "svc/ownership.toml"):
        assert runs_on.search(name), name
    for name in ("src/app.py", "CODEOWNERS.md", "my-ownership.toml", "README.md"):
        assert not runs_on.search(name), name


def test_a_staged_deletion_or_rename_never_becomes_an_error(user_repo: Path, hooks: Tuple[Dict[str, str], str]) -> None:
    """Issue 12, point 6: ``check FILE`` errs on a path that is neither tracked nor on disk, but what pre-commit
    passes for a commit that deletes or renames files must pass, and ``pre-commit run --files`` a deleted
    file too (it is in HEAD, no longer in the index: nothing is left to own)."""
    env = hooks[0]
    write_tree(user_repo, {"docs/b.md": "b\n", "docs/c.md": "c\n"})
    assert commit(user_repo, env, "-A")[0] == 0
    git(user_repo, env, "rm", "-q", "docs/b.md")
    git(user_repo, env, "mv", "docs/c.md", "docs/d.md")
    code, out = run(user_repo, env, "git", "-c", "commit.gpgSign=false", "commit", "-q", "-m", "delete and rename")
    assert code == 0, out
    git(user_repo, env, "rm", "-q", "docs/d.md")
    code, out = run(user_repo, env, sys.executable, "-m", "pre_commit", "run", "ownership-check", "--files",
                    "docs/d.md", "docs/a.md")
    assert code == 0 and re.search(r"^ownership check\.+Passed$", out, re.M), out
    # the same names given to the command itself (as a hook that does not filter them would): the deletion is
    # left out, a name that never existed is an error naming it
    code, out = run(user_repo, env, sys.executable, "-m", "ownership", "check", "docs/d.md", "docs/a.md")
    assert (code, out) == (0, "ok: 1 file checked, no problems\n")
    code, out = run(user_repo, env, sys.executable, "-m", "ownership", "check", "docs/d.md", "docs/nowhere.md")
    assert (code, out) == (2, "ownership: error: docs/nowhere.md: no such file: not tracked by git and not on disk\n")
