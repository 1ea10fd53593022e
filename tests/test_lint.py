"""Tests for ownership.codeowners.lint and ownership.codeowners.portability: each kind of CODEOWNERS finding, on literals."""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

import pytest

from ownership.codeowners.syntax import GITHUB, GITLAB
from ownership.codeowners.parse import parse
from ownership.codeowners.match import resolve
from ownership.errors import ConfigError
from ownership.codeowners.lint import Declared, lint, parse_owners_file

Found = Tuple[int, int, str, str, str]


def findings(text: str, paths: Sequence[str], dialect: Optional[str] = None, kind: Optional[str] = None,
             declared: Optional[Declared] = None, whole_tree: bool = True) -> List[Found]:
    """(line, column, kind, message, suggestion) of every finding (of ``kind``), in line order."""
    codeowners = parse(text, "CODEOWNERS", dialect)
    ownerships, used = resolve(codeowners, list(paths))
    found = lint(codeowners, list(paths), ownerships, used, declared, whole_tree)
    return sorted((p.line, p.column, p.kind, p.message, p.suggestion) for p in found if kind in (None, p.kind))


# --- duplicate ----------------------------------------------------------------------------------------------


def test_duplicate_pattern_in_github_the_earlier_line_has_no_effect() -> None:
    assert findings("docs/ @a\n*.md @b\ndocs/ @c\n", ["docs/x"], kind="duplicate") == [
        (3, 1, "duplicate", "pattern 'docs/' repeats line 1: line 1 has no effect, this line wins",
         "keep one line for the pattern, with all its owners")]


def test_duplicate_pattern_in_gitlab_is_per_section_and_by_normalised_pattern() -> None:
    text = "docs/ @a\n[S]\ndocs/ @b\n/**/docs/ @c\n"  # GitLab normalises both to /**/docs/**/*
    assert findings(text, ["docs/x"], kind="duplicate") == [
        (4, 1, "duplicate", "pattern '/**/docs/' repeats line 3: this line's owners replace line 3's, in line 3's "
         "place in the order", "keep one line for the pattern, with all its owners")]


def test_same_pattern_anchored_and_not_is_no_duplicate_on_github() -> None:
    assert findings("docs/ @a\n/docs/ @b\n", ["docs/x"], kind="duplicate") == []


# --- unused -------------------------------------------------------------------------------------------------


def test_unused_lines_match_no_file_with_a_hint_when_one_helps() -> None:
    text = "* @a\n/legacy/ @b\n/Docs/ @c\n@acme/team\n"
    assert findings(text, ["docs/x.md", "y"], kind="unused") == [
        (2, 1, "unused", "pattern '/legacy/' matches no file", ""),
        (3, 1, "unused", "pattern '/Docs/' matches no file", "paths are case-sensitive: did you mean '/docs/'?"),
        (4, 1, "unused", "pattern '@acme/team' matches no file",
         "this looks like an owner: a rule starts with a pattern, as in '* @acme/team'"),
    ]


def test_unused_and_shadowed_need_the_whole_tree() -> None:
    text = "/src/ @a\n/src/ @b\n/gone/ @c\n"
    assert [f[2] for f in findings(text, ["src/x"], whole_tree=False)] == ["duplicate"]


# --- shadowed -----------------------------------------------------------------------------------------------


def test_shadowed_line_matches_files_but_a_later_line_decides_every_one() -> None:
    text = "/src/app/ @alice\n/src/ @team\n/src/lib/ @bob\n"
    assert findings(text, ["src/app/a.py", "src/app/b.py", "src/lib/c.py", "src/d.py"], kind="shadowed") == [
        (1, 1, "shadowed", "pattern '/src/app/' matches 2 files, but line 2 decides all of them",
         "delete the line, or move it below line 2 if it should win")]


def test_a_line_that_wins_for_one_file_is_not_shadowed() -> None:
    assert findings("*.py @a\n/src/ @b\n", ["src/x.py", "y.py"], kind="shadowed") == []


def test_shadowing_lines_are_all_named() -> None:
    text = "*.md @a\n/docs/ @b\nREADME.md @c\n"
    assert findings(text, ["docs/x.md", "README.md"], kind="shadowed") == [
        (1, 1, "shadowed", "pattern '*.md' matches 2 files, but lines 2, 3 decide all of them",
         "delete the line, or move it below line 3 if it should win")]


def test_gitlab_shadowing_is_within_the_section_and_exclusions_shadow() -> None:
    """GitLab docs: ``/special/*.rb @ruby-owner`` "won't take effect as *.rb is already excluded\"."""
    text = "* @default-owner\n!*.rb\n/special/*.rb @ruby-owner\n\n[Other]\n/special/ @x\n"
    assert findings(text, ["special/a.rb", "b.py"], kind="shadowed") == [
        (3, 1, "shadowed", "pattern '/special/*.rb' matches 1 file, but line 2 excludes it from section "
         "[codeowners]", "delete the line, or move it below line 2 if it should win")]


def test_gitlab_a_repeated_pattern_is_reported_once_as_duplicate_not_shadowed() -> None:
    text = "a/ @x\na/b/ @y\na/ @z\n"
    assert [f[:3] for f in findings(text, ["a/c", "a/b/c"], GITLAB) if f[2] != "portability"] == [(3, 1, "duplicate")]


# --- undeclared ---------------------------------------------------------------------------------------------


def test_undeclared_owners_are_reported_where_written_case_insensitively() -> None:
    declared = Declared("ownership.toml", ("@alice", "@bobby", "@acme/Docs"))
    text = "* @Alice @bob x@y.io\ndocs/ @acme/docs\n[S] @carol\nsrc/\n"
    assert findings(text, ["a", "docs/b", "src/c"], kind="undeclared", declared=declared) == [
        (1, 10, "undeclared", "owner '@bob' is not declared in ownership.toml", "did you mean '@bobby'?"),
        (1, 15, "undeclared", "owner 'x@y.io' is not declared in ownership.toml", "add 'x@y.io' to ownership.toml"),
        (3, 5, "undeclared", "owner '@carol' is not declared in ownership.toml", "add '@carol' to ownership.toml"),
    ]


def test_no_declared_owners_means_no_undeclared_check() -> None:
    assert findings("* @anyone\n", ["a"], kind="undeclared") == []


def test_owners_file_one_handle_a_line_with_comments() -> None:
    text = "# the team\n@alice\n@acme/docs   # docs team\n\nbob@example.com\n@@maintainer\n"
    assert parse_owners_file(text, "owners.txt") == Declared(
        "owners.txt", ("@alice", "@acme/docs", "bob@example.com", "@@maintainer"))


def test_owners_file_with_a_bad_handle_is_an_error_at_its_line_and_column() -> None:
    with pytest.raises(ConfigError) as err:
        parse_owners_file("@alice\n  alice bob\n", "owners.txt")
    assert str(err.value) == ("owners.txt:2:3: 'alice bob' is not an owner: write one @user, @org/team or e-mail "
                              "address a line")


# --- portability --------------------------------------------------------------------------------------------


def test_portability_of_github_constructs() -> None:
    text = "*.js @js # owners\n/apps/github\na?.md @q\npath\\ x/ @s\n"
    assert findings(text, ["a.js", "ab.md", "path x/y"], GITHUB, kind="portability") == [
        (1, 10, "portability", "inline comment: GitLab has no inline comments and takes the owners named after "
         "'#' as owners", ""),
        (2, 1, "portability", "no owners: GitHub leaves the files unowned; GitLab reports a line without owners, "
         "or gives it the default owners of its section", ""),
        (3, 2, "portability", "'?' (one character) is not in GitHub's documentation; GitLab and gitignore "
         "document it", ""),
        (4, 5, "portability", "'\\ ' (an escaped space) is not in GitHub's documentation; GitLab and gitignore "
         "document it", ""),
    ]


def test_portability_of_gitlab_constructs() -> None:
    text = "!gen/\n\\#x @a\n*.[ch] @b\n[S] @d\n*.md\n"
    assert findings(text, ["gen/a", "b.c", "c.md"], GITLAB, kind="portability") == [
        (1, 1, "portability", "'!' excludes paths from the section on GitLab; GitHub rejects the line and "
         "gitignore re-includes the paths", ""),
        (2, 1, "portability", "'\\#' escapes a leading '#' on GitLab; GitHub rejects the line", ""),
        (3, 3, "portability", "'[ ]' is a character class on GitLab and in gitignore; GitHub rejects unescaped "
         "brackets", ""),
        (5, 1, "portability", "no owners on the line: GitLab gives it the default owners of [S], GitHub would "
         "leave the files unowned", ""),
    ]


@pytest.mark.parametrize("dialect,line,message,suggestion", [
    (GITHUB, "src/*.py @b", "'src/*.py' is anchored at the root on GitHub and in gitignore, but GitLab matches it "
     "at any depth", "write '/src/*.py' (at the root) or '**/src/*.py' (at any depth) so both agree"),
    (GITLAB, "src/*.py @b", "'src/*.py' matches at any depth on GitLab, but GitHub and gitignore anchor it at the "
     "root", "write '/src/*.py' (at the root) or '**/src/*.py' (at any depth) so both agree"),
    (GITHUB, "/src/** @c", "'/src/**' covers everything beneath on GitHub and in gitignore, but only the direct "
     "children on GitLab", "write '/src/' for everything beneath"),
    (GITLAB, "/src/** @c", "'/src/**' covers only the direct children on GitLab ('**' not followed by '/' is "
     "'*'), but everything beneath on GitHub and in gitignore", "write '/src/' for everything beneath"),
    (GITHUB, "src @d", "'src' names a directory: GitHub and gitignore cover everything in it, but GitLab matches "
     "only files named 'src'", "write 'src/' for the directory"),
    (GITLAB, "src @d", "'src' names a directory: GitLab matches only files named 'src', but GitHub and gitignore "
     "also everything in the directory", "write 'src/' for the directory"),
])
def test_portability_of_patterns_that_match_other_files_on_the_other_platform(
    dialect: str, line: str, message: str, suggestion: str
) -> None:
    assert findings(line + "\n", ["src/x.py", "a"], dialect, kind="portability") == [
        (1, 1, "portability", message, suggestion)]


def test_portable_lines_have_no_warning() -> None:
    text = "* @a\n/docs/ @b\n*.md @c\n**/logs/ @d\n"
    assert findings(text, ["docs/x.md", "a/logs/b"], GITHUB, kind="portability") == []
    assert findings(text, ["docs/x.md", "a/logs/b"], GITLAB, kind="portability") == []
