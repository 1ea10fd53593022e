"""Pattern overlap (core/overlap.py), pure: ``Overlaps`` over many patterns and its ``pairs``. The pairwise
table and the property test against real paths stay with the importer's tests (test_import.py)."""

from __future__ import annotations

from typing import Dict, List

from ownership.core.overlap import Overlaps, overlap
from ownership.core.patterns import Pattern

GLOBS = ["/docs/", "*.md", "/src/app/", "/src/app/*.py", "/src/lib/", "**/test_*.py", "/README.md"]


def overlaps() -> Overlaps:
    return Overlaps([Pattern(g) for g in GLOBS])


def test_overlaps_is_symmetric_and_agrees_with_overlap() -> None:
    table = overlaps()
    for i, a in enumerate(GLOBS):
        for j, b in enumerate(GLOBS):
            assert table(i, j) is table(j, i) is overlap(Pattern(a), Pattern(b)), (a, b)


def test_different_literal_prefixes_never_overlap() -> None:
    table = overlaps()
    assert table(GLOBS.index("/docs/"), GLOBS.index("/src/app/")) is False
    assert table(GLOBS.index("/src/app/"), GLOBS.index("/src/lib/")) is False


def test_a_pattern_overlaps_what_it_contains() -> None:
    table = overlaps()
    assert table(GLOBS.index("/src/app/"), GLOBS.index("/src/app/*.py")) is True
    assert table(GLOBS.index("*.md"), GLOBS.index("/README.md")) is True
    assert table(GLOBS.index("**/test_*.py"), GLOBS.index("/src/app/*.py")) is True


def test_pairs_lists_for_each_pattern_the_earlier_ones_it_overlaps() -> None:
    found = overlaps().pairs(range(len(GLOBS)), lambda i, j: True)
    named: Dict[str, List[str]] = {GLOBS[j]: [GLOBS[i] for i in earlier] for j, earlier in found.items()}
    assert named == {
        "/docs/": [],
        "*.md": ["/docs/"],
        "/src/app/": ["*.md"],
        "/src/app/*.py": ["*.md", "/src/app/"],
        "/src/lib/": ["*.md"],
        "**/test_*.py": ["/docs/", "*.md", "/src/app/", "/src/app/*.py", "/src/lib/"],
        "/README.md": ["*.md", "**/test_*.py"],
    }


def test_pairs_agrees_with_the_pairwise_test_in_any_order() -> None:
    table = overlaps()
    order = [6, 2, 0, 5, 1, 4, 3]
    found = table.pairs(order, lambda i, j: True)
    for position, j in enumerate(order):
        assert found[j] == sorted(i for i in order[:position] if overlap(Pattern(GLOBS[i]), Pattern(GLOBS[j])))


def test_pairs_asks_only_about_the_pairs_it_is_told_to() -> None:
    found = overlaps().pairs(range(len(GLOBS)), lambda i, j: GLOBS[i] == "*.md")
    assert {GLOBS[j] for j, earlier in found.items() if earlier} == {"/src/app/", "/src/app/*.py", "/src/lib/",
                                                                      "**/test_*.py", "/README.md"}
