"""Shared fixtures: real git repositories in temporary directories, isolated from the user's git config."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple, Union

import pytest

from ownership.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "churn-mlops"
LINT_EXAMPLE = ROOT / "examples" / "codeowners-lint"
SHARED = ROOT.parent / "shared"
SRC = ROOT / "src"
EX = "examples/churn-mlops"  # EXAMPLE as tests name it inside a copy of the repository (``--root EX``)
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
# The real trees of shared/corpora (each a CODEOWNERS and its files.txt), when shared/ is beside the checkout
CORPORA = sorted(p.parent for p in (SHARED / "corpora").glob("*/CODEOWNERS")) if SHARED.is_dir() else []
needs_corpora = pytest.mark.skipif(not CORPORA, reason=f"no corpora in {SHARED / 'corpora'}")

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="Rewrite tests/golden/ from the current output.")


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def git(cwd: Path, *args: Union[str, bytes]) -> str:
    """Run git in ``cwd`` and return its output (test set-up only)."""
    result = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgSign=false", *args],
        cwd=cwd, check=True, capture_output=True,
    )
    return result.stdout.decode("utf-8", "surrogateescape")


def write_tree(root: Path, files: Dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def make_repo(root: Path, files: Dict[str, str], commit: bool = True) -> Path:
    """A git repository at ``root`` holding ``files`` (added to the index, and committed if asked)."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    write_tree(root, files)
    git(root, "add", "-A")
    if commit:
        git(root, "commit", "-q", "-m", "initial")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Callable[..., Path]:
    """Build a repository: ``repo({"ownership.toml": ..., "a.py": ""})``."""

    def build(files: Dict[str, str], commit: bool = True, name: str = "repo") -> Path:
        return make_repo(tmp_path / name, files, commit)

    return build


@pytest.fixture
def example_repo(tmp_path: Path) -> Path:
    """A repository whose examples/ are copies of the bundled examples (committed)."""
    top = tmp_path / "project"
    shutil.copytree(EXAMPLE, top / "examples" / "churn-mlops")
    shutil.copytree(LINT_EXAMPLE, top / "examples" / "codeowners-lint")
    return make_repo(top, {})


Result = Tuple[int, str, str]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the command line in ``cwd`` through ``main`` and return (exit status, stdout, stderr)."""

    def invoke(args: Sequence[str], cwd: Optional[Path] = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def lines(text: str) -> List[str]:
    return text.splitlines()
