"""The README's sample outputs are the real outputs: each ``$ ownership ...`` block equals its golden."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from test_golden import CASES as EXAMPLE_CASES
from test_golden import GOLDEN
from test_rollup import CASES as ROLLUP_CASES

CASES = {**EXAMPLE_CASES, **ROLLUP_CASES}  # the bundled example, and the legacy tree of the big-trees sample

BLOCKS = re.findall(r"```\n\$ ownership ([^\n]*)\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("command,shown", BLOCKS, ids=[b[0] for b in BLOCKS])
def test_readme_sample_is_the_golden_output(command: str, shown: str) -> None:
    name = next(name for name, args in CASES.items() if " ".join(args) == command)
    golden = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    assert shown == golden.split("--- stdout\n", 1)[1].split("--- stderr\n", 1)[0]


def test_the_readme_has_samples() -> None:
    assert [b[0] for b in BLOCKS] == ["report examples/churn-mlops", "raci examples/churn-mlops", "check"]


def test_coverage_is_explained_next_to_the_first_sample_with_its_own_figures() -> None:
    # Issue 12, point 14: the first sample's coverage, explained right after it (ignored files left out).
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = " ".join(readme.split("```\n$ ownership report examples/churn-mlops\n", 1)[1].split("```", 1)[1]
                     .split("\n\n")[1].split())
    golden = (GOLDEN / "report-text.txt").read_text(encoding="utf-8")
    figure = {name: value for name, value in re.findall(r"^  (files|owned|ignored|coverage) +(\S+)$", golden, re.M)}
    counted = int(figure["files"]) - int(figure["ignored"])
    assert after.startswith("**Coverage** is the owned files' share of the files that are *not ignored*")
    assert (f"{figure['owned']} owned of {figure['files']} - {figure['ignored']} = {counted} files is "
            f"{figure['coverage']}") in after


def test_the_quick_start_says_what_its_commands_took() -> None:
    quick = (ROOT / "README.md").read_text(encoding="utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"Measured in a fresh virtual environment .*`pip install \.` took [\d.]+ s", " ".join(quick.split()))
    assert re.search(r"`python -m pytest` [\d ,mins]+ for [\d,]+ tests", " ".join(quick.split()))
