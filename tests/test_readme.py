"""The README's sample outputs are the real outputs: each ``$ ownership ...`` block equals its golden."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from test_golden import CASES, GOLDEN

BLOCKS = re.findall(r"```\n\$ ownership ([^\n]*)\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("command,shown", BLOCKS, ids=[b[0] for b in BLOCKS])
def test_readme_sample_is_the_golden_output(command: str, shown: str) -> None:
    name = next(name for name, args in CASES.items() if " ".join(args) == command)
    golden = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    assert shown == golden.split("--- stdout\n", 1)[1].split("--- stderr\n", 1)[0]


def test_the_readme_has_samples() -> None:
    assert [b[0] for b in BLOCKS] == ["report examples/churn-mlops", "raci examples/churn-mlops"]
