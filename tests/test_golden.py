"""Golden files: the exact output of every command and format on the bundled example.

Regenerate after an intended change with ``pytest tests/test_golden.py --update-goldens`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, List

import pytest

from conftest import EX

GOLDEN = Path(__file__).parent / "golden"
LX = "examples/codeowners-lint"
LINT = ["--root", LX, "--codeowners", f"{LX}/CODEOWNERS", "--owners-file", f"{LX}/owners.txt",
        "--warn-on", "explicitly-unowned,unused,duplicate,shadowed,undeclared,portability"]
GITLAB = [LX, "--codeowners", f"{LX}/.gitlab/CODEOWNERS"]

CASES = {
    "report-text": ["report", EX],
    "report-text-list": ["report", EX, "--list"],
    "report-text-color": ["report", EX, "--color", "always"],
    "report-json": ["report", EX, "--format", "json"],
    "report-json-list": ["report", EX, "--format", "json", "--list"],
    "report-markdown": ["report", EX, "--format", "markdown"],
    "check-text": ["check", "--root", EX],
    "check-text-unused": ["check", "--root", EX, "--fail-on", "unowned,conflict,unused"],
    "check-json": ["check", "--root", EX, "--format", "json"],
    "check-markdown": ["check", "--root", EX, "--format", "markdown"],
    "check-github": ["check", "--root", EX, "--format", "github", "--fail-on", "unowned,conflict,unused"],
    "check-sarif": ["check", "--root", EX, "--format", "sarif"],
    "report-github": ["report", EX, "--format", "github"],
    "report-sarif": ["report", EX, "--format", "sarif"],
    "check-files-clean": ["check", "--root", EX, f"{EX}/Dockerfile", f"{EX}/src/churn_mlops/models/train.py"],
    "who-text": ["who", "--root", EX, f"{EX}/config/monitoring.yaml", f"{EX}/src/churn_mlops/models/train.py",
                 f"{EX}/uv.lock", f"{EX}/Makefile"],
    "who-json": ["who", "--root", EX, "--format", "json", f"{EX}/config/monitoring.yaml",
                 f"{EX}/src/churn_mlops/models/train.py", f"{EX}/uv.lock", f"{EX}/Makefile"],
    "codeowners": ["codeowners", EX],
    "codeowners-gitlab": ["codeowners", EX, "--dialect", "gitlab"],
    "raci-text": ["raci", EX],
    "raci-markdown": ["raci", EX, "--format", "markdown"],
    "raci-json": ["raci", EX, "--format", "json"],
    "who-markdown": ["who", "--root", EX, "--format", "markdown", f"{EX}/config/monitoring.yaml",
                     f"{EX}/infra/k8s/k8s-manifests.yaml"],
    # CODEOWNERS: one of every finding (GitHub), and a GitLab file with sections
    "codeowners-check-text": ["check", *LINT],
    "codeowners-check-json": ["check", *LINT, "--format", "json"],
    "codeowners-check-markdown": ["check", *LINT, "--format", "markdown"],
    "codeowners-report-gitlab-text": ["report", *GITLAB],
    "codeowners-report-gitlab-json": ["report", *GITLAB, "--format", "json"],
    "codeowners-report-gitlab-markdown": ["report", *GITLAB, "--format", "markdown"],
}


def render(args: List[str], code: int, out: str, err: str) -> str:
    return f"$ ownership {' '.join(args)}\nexit {code}\n--- stdout\n{out}--- stderr\n{err}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, example_repo: Path, run: Callable, request: pytest.FixtureRequest) -> None:
    args = CASES[name]
    actual = render(args, *run(args, cwd=example_repo))
    golden = GOLDEN / f"{name}.txt"
    if request.config.getoption("--update-goldens"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run pytest --update-goldens"
    assert actual == golden.read_text(encoding="utf-8")
