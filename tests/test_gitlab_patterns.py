"""Tests for ownership.codeowners.gitlab_patterns: GitLab's pattern semantics, against a regex reading of Ruby's fnmatch.

GitLab matches ``File.fnmatch?(normalize_pattern(p), "/" + path, FNM_DOTMATCH | FNM_PATHNAME)``. The
reference below translates the normalised pattern to a regular expression the way Ruby documents fnmatch
with FNM_PATHNAME: ``**/`` is zero or more directories, ``*`` and ``?`` stay within a segment, ``[...]`` is
a class, ``\\x`` is ``x``, and with FNM_DOTMATCH a leading dot is not special.
"""

from __future__ import annotations

import re
from typing import List

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ownership.errors import PatternError
from ownership.codeowners.gitlab_patterns import compile_gitlab, normalise
from ownership.core.matcher import OWNED
from ownership.core.resolver import Resolver
from ownership.core.rules import Origin, Rule


def fnmatch_regex(pattern: str) -> "re.Pattern[str]":
    """Ruby's File.fnmatch with FNM_PATHNAME | FNM_DOTMATCH, as a regex over the whole string."""
    out: List[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i) and (i == 0 or pattern[i - 1] == "/"):
            out.append("(?:[^/]*/)*")
            i += 3
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
        elif pattern[i] == "[":
            end = pattern.index("]", i + 2 if pattern[i + 1 : i + 2] in ("!", "^") else i + 1)
            body = pattern[i + 1 : end]
            negate = body[:1] in ("!", "^")
            out.append("[" + ("^/" if negate else "") + (body[1:] if negate else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def reference(glob: str, path: str) -> bool:
    return fnmatch_regex(normalise(glob)).match("/" + path) is not None


# GitLab's docs ("Syntax of CODEOWNERS file": path matching) and normalize_pattern, case by case.
CASES = {
    "/README.md": {"README.md": True, "docs/README.md": False},
    "/docs/README.md": {"docs/README.md": True, "README.md": False, "x/docs/README.md": False},
    "README.md": {"README.md": True, "internal/README.md": True, "app/lib/README.md": True, "README.mdx": False},
    "internal/README.md": {"internal/README.md": True, "docs/internal/README.md": True,
                           "docs/api/internal/README.md": True, "internal/x/README.md": False},
    "/docs/": {"docs/a.md": True, "docs/api/b.md": True, "docs": False, "x/docs/a.md": False},
    "docs/": {"docs/a.md": True, "x/docs/a.md": True, "docs": False},
    "docs": {"docs": True, "x/docs": True, "docs/a.md": False},
    "/docs/*.md": {"docs/a.md": True, "docs/api/a.md": False},
    "/docs/index.*": {"docs/index.md": True, "docs/index.html": True, "docs/api/index.md": False},
    "/docs/*spec*": {"docs/qa_specs.rb": True, "docs/spec_helpers.rb": True, "docs/runtime.spec": True,
                     "docs/x/spec": False},
    "/docs/*/README.md": {"docs/api/README.md": True, "docs/README.md": False, "docs/a/b/README.md": False},
    "/docs/**/index.md": {"docs/index.md": True, "docs/api/index.md": True, "docs/api/graphql/index.md": True},
    "/docs/*": {"docs/a": True, "docs/a/b": False},
    "docs/*": {"docs/a": True, "x/docs/a": True, "docs/a/b": False},
    "/docs/**": {"docs/a": True, "docs/a/b": False},
    "*": {"a": True, "a/b/c": True, ".hidden/x": True},
    "/": {"a": True, "a/b": True},
    "*.rb": {"a.rb": True, "app/x/a.rb": True, "a.rbx": False, ".rb": True},
    "**/logs": {"logs": True, "a/logs": True, "a/logs/x": False},
    "/config/**/*.rb": {"config/routes.rb": True, "config/a/b/c.rb": True, "app/config/x.rb": False},
    "*.[ch]": {"a.c": True, "a.h": True, "a.o": False, "a.[ch]": False},
    "file[!0-9].txt": {"filea.txt": True, "file1.txt": False},
    "file[^a].txt": {"fileb.txt": True, "filea.txt": False},
    "a?c": {"abc": True, "ac": False, "a/c": False},
    "\\*.md": {"*.md": True, "a.md": False},
    "#file_with_pound.rb": {"#file_with_pound.rb": True, "x/#file_with_pound.rb": True},
    "path with spaces/": {"path with spaces/a.md": True, "path/a.md": False},
    ".github/": {".github/CODEOWNERS": True},
}


@pytest.mark.parametrize("glob", sorted(CASES))
def test_gitlab_pattern_table(glob: str) -> None:
    pattern = compile_gitlab(glob)
    for path, expected in CASES[glob].items():
        assert reference(glob, path) is expected, (glob, path, "reference")
        assert pattern.matches(path) is expected, (glob, path)


def test_a_pattern_with_an_inner_slash_is_not_anchored_on_gitlab() -> None:
    """GitLab docs, "Relative paths": ``internal/README.md`` matches ``/docs/internal/README.md``."""
    assert compile_gitlab("internal/README.md").matches("docs/api/internal/README.md")


def test_a_name_without_trailing_slash_matches_only_files_of_that_name_on_gitlab() -> None:
    """GitLab adds ``**/*`` only to a pattern ending in ``/`` ("Directory paths")."""
    assert not compile_gitlab("docs").matches("docs/a.md")
    assert compile_gitlab("docs/").matches("docs/a.md")


@pytest.mark.parametrize("glob,message", [
    ("a//b", "pattern 'a//b' has an empty segment ('//') and can never match"),
    ("a[bc", "pattern 'a[bc' has an unclosed '[' and can never match"),
])
def test_patterns_that_never_match_are_errors(glob: str, message: str) -> None:
    with pytest.raises(PatternError) as err:
        compile_gitlab(glob)
    assert err.value.message == message


SEGMENTS = st.sampled_from(["a", "b", "docs", ".x", "*", "**", "?", "a*", "*.md", "[ab]", "[!a]"])
NAMES = st.sampled_from(["a", "b", "docs", ".x", "c.md", "ab"])


@settings(max_examples=300, deadline=None)
@given(st.lists(SEGMENTS, min_size=1, max_size=4), st.booleans(), st.booleans(),
       st.lists(st.lists(NAMES, min_size=1, max_size=4), min_size=1, max_size=8))
def test_matcher_and_resolver_agree_with_the_fnmatch_reference(
    parts: List[str], lead: bool, trail: bool, paths: List[List[str]]
) -> None:
    glob = ("/" if lead else "") + "/".join(parts) + ("/" if trail else "")
    pattern = compile_gitlab(glob)
    files = sorted({"/".join(p) for p in paths})
    rule = Rule(0, "x", glob, Origin("CODEOWNERS", 1, 1), pattern)
    resolved = [o.status == OWNED for o in Resolver([rule], "last").resolve(files)]
    for path, by_resolver in zip(files, resolved):
        expected = reference(glob, path)
        assert pattern.matches(path) is expected, (glob, path)
        assert by_resolver is expected, (glob, path, "resolver")
