"""Patterns crafted to be slow: matching stays linear in the path and the pattern (no backtracking regex).

These tests assert no time; with a backtracking matcher they would not finish (``*a*a…*c`` against a long
run of ``a`` is exponential for a backtracking regex, as pathspec's is).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ownership.codeowners import GITLAB, parse
from ownership.patterns import Pattern

LONG_NAME = "a" * 4095 + "b"  # one segment as long as a path may be
DEEP_PATH = "/".join(["a"] * 2047) + "/b"  # 4,096 bytes of segments


@pytest.mark.parametrize("glob, path, expected", [
    ("*a" * 40 + "*c", LONG_NAME, False),
    ("*a" * 40 + "*b", LONG_NAME, True),
    ("?a" * 100 + "*c", LONG_NAME, False),
    ("/".join(["**", "a"] * 40) + "/c", DEEP_PATH, False),
    ("/".join(["**", "a"] * 40) + "/b", DEEP_PATH, True),
    ("/".join(["*"] * 200) + "/c", DEEP_PATH, False),
    ("**/" + "*a*a*a*a*a*a*a*a*/" * 20 + "c", DEEP_PATH, False),
], ids=["stars in a segment", "stars that match", "question marks", "double-star segments",
        "double stars that match", "single-star segments", "stars at both levels"])
def test_crafted_patterns_finish(glob: str, path: str, expected: bool) -> None:
    assert Pattern(glob).matches(path) is expected


@pytest.mark.parametrize("glob", ["[a]*" * 30 + "c", "*[!b]" * 30 + "c", "**/" * 50 + "*a*a*a*c"])
def test_crafted_gitlab_patterns_finish(glob: str) -> None:
    codeowners = parse(f"{glob} @a\n", "CODEOWNERS", GITLAB)
    for entry in codeowners.entries:
        assert entry.rule.pattern.matches(LONG_NAME) is False
        assert entry.rule.pattern.matches(DEEP_PATH) is False


@settings(max_examples=50, deadline=None)
@given(pieces=st.lists(st.sampled_from(["*", "**", "a", "*a", "a*", "?", "/", "\\*"]), min_size=1, max_size=40))
def test_any_star_pattern_finishes_on_a_long_name(pieces: list) -> None:
    glob = "".join(pieces)
    try:
        pattern = Pattern(glob)
    except Exception:  # a rejected pattern (empty segment, ...) is fine: it never reaches a path
        return
    pattern.matches(LONG_NAME)
    pattern.matches(DEEP_PATH)


def test_ten_thousand_rules_that_all_match(repo: Callable[..., Path], run: Callable) -> None:
    """Every rule matches every file: one role, resolution last, so the report stays small."""
    globs = ["*", "**", "*.py", "d*/", "**/*.py", "/**/f*"]
    paths = ", ".join(f'"{globs[i % len(globs)]}"' for i in range(10_000))
    files = {f"d{i % 5}/f{i}.py": "" for i in range(50)}
    top = repo({**files, "ownership.toml": f'[settings]\nresolution = "last"\n[roles.a]\npaths = ["ownership.toml", {paths}]\n'})
    assert run(["check"], cwd=top) == (0, "ok: 51 files checked, no problems\n", "")
