"""ARCHITECTURE.md stays true: every module it names exists, and its table of layers states the import rules
that test_architecture.py checks."""

from __future__ import annotations

import re
from typing import Dict, Set

from conftest import ROOT, SRC
from test_architecture import LAYERS

CODEMAP = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")


def test_every_module_named_exists() -> None:
    named = set(re.findall(r"`([\w/]+\.py)`", CODEMAP))
    places = [SRC / "ownership", *(p for p in (SRC / "ownership").iterdir() if p.is_dir()), ROOT, ROOT / "tests"]
    missing = sorted(name for name in named if not any((place / name).is_file() for place in places))
    assert missing == []


def test_the_table_of_layers_states_the_tested_rules() -> None:
    stated: Dict[str, Set[str]] = {}
    for layer, allowed in re.findall(r"^\| `(\w+)/` \|.*\| ([^|]+) \|$", CODEMAP, re.MULTILINE):
        names = set(re.findall(r"`([\w.]+)`", allowed))
        if allowed.strip() == "everything":
            names = {name for name in LAYERS if name not in ("__main__", layer)}
        elif allowed.strip() == "everything above":
            names = {name for name in LAYERS if name in ("core", "rolemap", "codeowners", "model", "analysis")}
        stated[layer] = names | {layer}
    assert stated == {name: rules for name, rules in LAYERS.items() if name != "__main__"}
