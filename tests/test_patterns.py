"""Tests for ownership.core.patterns: the meaning of one CODEOWNERS pattern, checked against pathspec."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pathspec.patterns.gitignore import GitIgnorePatternError
from pathspec.patterns.gitignore.basic import GitIgnoreBasicPattern

from ownership.errors import PatternError
from ownership.core.matcher import OWNED, decide, matching_rules
from ownership.core.patterns import DIFFERENCES_FROM_GITIGNORE, Pattern, specificity
from ownership.core.rules import Origin, Rule
from pathspec_reference import raw_pathspec_matches, reference_matches

TABLE = json.loads((Path(__file__).parent / "data" / "patterns.json").read_text(encoding="utf-8"))
DIVERGENCE = "divergence:"


def table_rows(include_divergences: bool = True) -> List[Any]:
    """(pattern, path, expected) for every path of every case in the matching table, named by case."""
    return [
        pytest.param(case["pattern"], path, expected, id=f"{case['name']} | {case['pattern']} | {path}")
        for case in TABLE
        if include_divergences or not case["name"].startswith(DIVERGENCE)
        for path, expected in case["paths"].items()
    ]


# --- the matching table ------------------------------------------------------------------------------


def test_table_is_well_formed() -> None:
    names = [case["name"] for case in TABLE]
    assert len(names) == len(set(names)), "case names must be unique"
    assert len(TABLE) >= 60
    for case in TABLE:
        assert set(case) == {"name", "pattern", "paths"}
        assert case["paths"], case["name"]
        assert any(case["paths"].values()) or case["name"].startswith(DIVERGENCE), case["name"]
        for path in case["paths"]:
            assert path and not path.startswith("/") and not path.endswith("/"), (case["name"], path)


@pytest.mark.parametrize(("glob", "path", "expected"), table_rows())
def test_pattern_matches_table(glob: str, path: str, expected: bool) -> None:
    assert Pattern(glob).matches(path) is expected


@pytest.mark.parametrize(("glob", "path", "expected"), table_rows(include_divergences=False))
def test_pathspec_agrees_with_table_outside_divergences(glob: str, path: str, expected: bool) -> None:
    assert raw_pathspec_matches(glob, path) is expected


@pytest.mark.parametrize("case", [c for c in TABLE if c["name"].startswith(DIVERGENCE)], ids=lambda c: c["name"])
def test_divergence_cases_really_differ_from_pathspec(case: Dict) -> None:
    disagreements = [p for p, expected in case["paths"].items() if raw_pathspec_matches(case["pattern"], p) != expected]
    assert disagreements, f"{case['name']!r} is marked as a divergence but pathspec agrees on every path"


@pytest.mark.parametrize(("glob", "path", "expected"), table_rows())
def test_reference_with_literal_brackets_agrees_with_table(glob: str, path: str, expected: bool) -> None:
    assert reference_matches(glob, path) is expected


# --- specificity ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("glob", "expected"),
    [
        ("src/models/", (2, 2)),
        ("src/*/data/", (2, 3)),
        ("**/logs", (1, 1)),
        ("*.sql", (0, 1)),
        ("/docs/", (1, 1)),
        ("docs", (1, 1)),
        ("/src/app/main.py", (3, 3)),
        ("src/**/test_?.py", (1, 2)),
        ("*", (0, 1)),
    ],
)
def test_specificity_counts_literal_and_non_double_star_segments(glob: str, expected: Tuple[int, int]) -> None:
    assert specificity(glob) == expected
    assert Pattern(glob).specificity == expected


def test_deeper_directory_is_more_specific_than_its_parent() -> None:
    assert specificity("src/models/") > specificity("src/")
    assert specificity("models/") > specificity("*.sql")


# --- invalid patterns ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("glob", "message"),
    [
        ("", "empty pattern"),
        ("   ", "empty pattern"),
        ("#x", "pattern '#x' starts with '#': CODEOWNERS reads such a line as a comment"),
        ("!x", "pattern '!x': negation with '!' is not supported by CODEOWNERS"),
        ("/", "pattern '/' names no path: use '*' for every file"),
        ("a//b", "pattern 'a//b' has an empty segment ('//') and can never match"),
        ("./a", "pattern './a': git paths never contain '.' segments"),
        ("a/../b", "pattern 'a/../b': git paths never contain '..' segments"),
        ("docs\\", "pattern 'docs\\\\' ends with an unfinished escape '\\'"),
    ],
)
def test_invalid_pattern_raises_pattern_error(glob: str, message: str) -> None:
    with pytest.raises(PatternError) as raised:
        Pattern(glob)
    assert raised.value.message == message
    assert str(raised.value) == message


# --- one test per difference from gitignore --------------------------------------------------------------


def test_difference_negation_is_an_error() -> None:
    # gitignore would re-include docs/keep.md; CODEOWNERS has no negation at all.
    assert GitIgnoreBasicPattern("!docs/keep.md").include is False  # a re-include, to gitignore
    with pytest.raises(PatternError, match="negation"):
        Pattern("!docs/keep.md")


def test_difference_brackets_match_themselves() -> None:
    assert raw_pathspec_matches("file[0-9].md", "file1.md")
    assert not Pattern("file[0-9].md").matches("file1.md")
    assert Pattern("file[0-9].md").matches("file[0-9].md")
    # Next.js-style dynamic route directories are the everyday case.
    assert Pattern("app/[slug]/").matches("app/[slug]/page.tsx")
    assert not Pattern("app/[slug]/").matches("app/s/page.tsx")


def test_difference_leading_hash_is_a_comment_not_a_pattern() -> None:
    with pytest.raises(PatternError, match="cannot escape a leading '#'"):
        Pattern("\\#notes")  # gitignore would read a file named "#notes"
    with pytest.raises(PatternError, match="comment"):
        Pattern("#generated")


def test_difference_matching_is_case_sensitive() -> None:
    assert not Pattern("README.md").matches("readme.md")
    assert not Pattern("*.PY").matches("src/a.py")
    assert not Pattern("/Docs/").matches("docs/index.md")
    assert Pattern("/Docs/").matches("Docs/index.md")


def test_difference_directory_pattern_owns_everything_beneath_it() -> None:
    assert Pattern("apps/").matches("apps/web/src/deep/index.js")
    assert Pattern("/build/logs").matches("build/logs/2024/01/app.log")
    assert Pattern("logs").matches("a/b/logs/c/d.txt")
    # There is no way to take a file below it back out again.
    with pytest.raises(PatternError):
        Pattern("!apps/web/keep.js")


def test_difference_every_file_is_decided_on_its_own() -> None:
    # gitignore's docs/* excludes the directory docs/guides and never looks inside it ...
    assert raw_pathspec_matches("docs/*", "docs/guides/")
    # ... but CODEOWNERS matches files: docs/* owns no file below docs/guides.
    assert not Pattern("docs/*").matches("docs/guides/setup.md")
    # And a file below a matched directory is still looked at: a later rule can claim it.
    rules = [
        Rule(0, "build", "build/", Origin("ownership.toml", 1, 1), Pattern("build/")),
        Rule(1, "release", "build/keep.txt", Origin("ownership.toml", 2, 1), Pattern("build/keep.txt")),
    ]
    outcome = decide(matching_rules(rules, "build/keep.txt"), "last")
    assert outcome.status == OWNED and outcome.owner == "release"


DIFFERENCE_TESTS: Dict[str, Callable[[], None]] = {
    "'!' negation": test_difference_negation_is_an_error,
    "'[ ]'": test_difference_brackets_match_themselves,
    "'\\#'": test_difference_leading_hash_is_a_comment_not_a_pattern,
    "case-sensitive": test_difference_matching_is_case_sensitive,
    "names a directory": test_difference_directory_pattern_owns_everything_beneath_it,
    "decided per file": test_difference_every_file_is_decided_on_its_own,
}


def test_every_difference_from_gitignore_has_a_named_test() -> None:
    for difference in DIFFERENCES_FROM_GITIGNORE:
        keys = [key for key in DIFFERENCE_TESTS if key in difference]
        assert len(keys) == 1, f"no (or more than one) test for: {difference}"
    assert len(DIFFERENCE_TESTS) == len(DIFFERENCES_FROM_GITIGNORE)


# --- linear time ---------------------------------------------------------------------------------------


def test_many_stars_in_one_segment_do_not_backtrack() -> None:
    # pathspec's regex for this glob backtracks exponentially on a long name; ours must simply say no.
    assert Pattern("*a*a*a*a*a*a*a*a*a*a*c").matches("a" * 5000) is False
    assert Pattern("*a*a*a*a*a*a*a*a*a*a*c").matches("a" * 5000 + "c") is True


def test_many_double_stars_do_not_backtrack() -> None:
    path = "/".join(["a"] * 2000)
    assert Pattern("**/a/**/a/**/a/**/a/**/b").matches(path) is False
    assert Pattern("**/a/**/a/**/a/**/a/**/b").matches(path + "/b") is True


# --- case, escapes and whitespace ----------------------------------------------------------------------


def test_matching_is_case_sensitive_for_globs_too() -> None:
    assert Pattern("*.md").matches("a.md")
    assert not Pattern("*.md").matches("a.MD")
    assert not Pattern("Makefile").matches("makefile")
    assert not Pattern("src/?ODELS/").matches("src/models/a.py")


def test_escaped_star_matches_only_a_star() -> None:
    assert Pattern("\\*").matches("*")
    assert Pattern("\\*").matches("dir/*")
    assert not Pattern("\\*").matches("a")
    assert Pattern("a\\*b").matches("a*b")
    assert not Pattern("a\\*b").matches("axb")


def test_escaped_double_star_is_a_literal_name() -> None:
    assert Pattern("\\*\\*").matches("**")
    assert not Pattern("\\*\\*").matches("a/b")
    assert Pattern("\\*\\*/x").matches("**/x")
    assert not Pattern("\\*\\*/x").matches("a/x")


def test_escaped_question_mark_matches_only_a_question_mark() -> None:
    assert Pattern("what\\?").matches("what?")
    assert not Pattern("what\\?").matches("whats")


def test_escaped_trailing_space_is_kept() -> None:
    assert Pattern("notes\\ ").matches("notes ")
    assert not Pattern("notes\\ ").matches("notes")
    assert Pattern("notes ").matches("notes")  # an unescaped trailing space is dropped
    assert not Pattern("notes ").matches("notes ")


def test_trailing_whitespace_edge_cases_follow_pathspec_not_git() -> None:
    # pathspec (our reference) and git disagree on these; we follow pathspec. Git keeps the tab in
    # "c<TAB>", strips the space after an escaped backslash in "a\\\\ ", and reads "b\\  " as "b ".
    assert Pattern("c\t").matches("c") and reference_matches("c\t", "c")
    assert Pattern("a\\\\ ").matches("a\\ ") and reference_matches("a\\\\ ", "a\\ ")
    with pytest.raises(PatternError, match="unfinished escape"):
        Pattern("b\\  ")
    with pytest.raises(GitIgnorePatternError):
        reference_matches("b\\  ", "b ")


# --- property: the reference decides -------------------------------------------------------------------

GLOB_PIECES = ["a", "b", "c", "*", "?", "/", "**", ".", "[", "]", "\\", " "]
NAME_CHARACTERS = "abc.*?[]\\ "
glob_pieces = st.lists(st.sampled_from(GLOB_PIECES), min_size=1, max_size=10)
path_segments = st.text(alphabet=NAME_CHARACTERS, min_size=1, max_size=4).filter(lambda s: s not in (".", ".."))
random_paths = st.lists(path_segments, min_size=1, max_size=5).map("/".join)


@st.composite
def glob_and_path(draw: st.DrawFn) -> Tuple[str, str]:
    """A random glob, and either a random path or one made from the glob (so that many of them match)."""
    pieces = draw(glob_pieces)
    glob = "".join(pieces)
    if draw(st.booleans()):
        return glob, draw(random_paths)
    out = [draw(st.sampled_from(["", "a/", "b/a/"]))]
    for piece in pieces:
        if piece == "*":
            out.append(draw(st.text(alphabet=NAME_CHARACTERS, max_size=3)))
        elif piece == "**":
            out.append(draw(st.sampled_from(["", "a", "a/b", "/x/", "b/"])))
        elif piece == "?":
            out.append(draw(st.sampled_from(NAME_CHARACTERS)))
        elif piece == "\\":
            out.append(draw(st.sampled_from(["", "\\"])))
        else:
            out.append(piece)
    out.append(draw(st.sampled_from(["", "/a", "/b/c"])))
    segments = [s for s in "".join(out).split("/") if s and s not in (".", "..")]
    return glob, "/".join(segments) or "a"


@settings(max_examples=1000, deadline=None)
@given(glob_and_path())
@example(("[ab]", "a"))
@example(("[ab]", "[ab]"))
@example(("a/**/b/", "a/b/c"))
@example(("\\[a]", "[a]"))
@example(("a\\ ", "a "))
def test_pattern_agrees_with_pathspec_reference(glob_path: Tuple[str, str]) -> None:
    glob, path = glob_path
    try:
        pattern = Pattern(glob)
    except PatternError:
        return
    assert "\n" not in path
    assert pattern.matches(path) == reference_matches(glob, path)
