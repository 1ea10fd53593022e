"""Portability warnings: CODEOWNERS constructs whose meaning depends on the platform. Pure.

Each construct that means one thing in the dialect in use and another on the other platform or in
gitignore is reported with its line and column.

The differences, from GitHub's "About code owners", GitLab's "Syntax of CODEOWNERS file" (and its
``normalize_pattern``) and git's gitignore documentation:

- ``!``: GitLab excludes the paths from the section; GitHub rejects the line; gitignore re-includes them.
- ``[ ]``: a character class on GitLab and in gitignore; GitHub rejects unescaped brackets.
- ``\\#`` at the start: escapes ``#`` on GitLab and in gitignore; GitHub rejects it.
- ``?``: one character on GitLab and in gitignore; not in GitHub's documentation.
- ``\\ ``: a space on GitLab and in gitignore; not in GitHub's documentation.
- an inline ``#``: a comment on GitHub; GitLab reads the words after it as owners; gitignore has none.
- an owner word that is not exactly one reference (``@a,@b``, ``(@a)``, ``@bob's``, ``@x.git``): GitLab
  reads every reference its regexes find in it (``@a``, ``@b`` and the "e-mail" ``a,@b``); GitHub rejects it.
- a line without owners: GitHub leaves the files unowned; GitLab uses the section's default owners, or
  reports the line.
- ``a/b`` (a slash inside, none in front): anchored at the root on GitHub and in gitignore, any depth on
  GitLab; ``docs`` naming a directory: the directory's files on GitHub and in gitignore, only files named
  ``docs`` on GitLab; ``docs/**``: everything beneath on GitHub and in gitignore, direct children on GitLab.
"""

from __future__ import annotations

from typing import Callable, List

from ownership.codeowners.syntax import GITHUB, GITLAB, OWNER, CodeOwners, Entry, Problem
from ownership.core.candidates import Names
from ownership.codeowners.lexer import owner_references, split_line

Warn = Callable[[int, str, str], None]  # (column offset in the pattern, message, suggestion)


def _unescaped(text: str, chars: str) -> int:
    """The index of the first of ``chars`` in ``text`` that no ``\\`` escapes, or -1."""
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in chars:
            return i
        i += 1
    return -1


def portability(codeowners: CodeOwners, names: Names) -> List[Problem]:
    """Every construct of ``codeowners`` whose meaning depends on the platform."""
    found: List[Problem] = []
    for entry in codeowners.entries:
        if not entry.text.startswith("@"):  # an owner where a pattern should be: "unused" says so
            found += _entry(codeowners, entry, names)
    return found


def _entry(codeowners: CodeOwners, entry: Entry, names: Names) -> List[Problem]:
    line = codeowners.lines[entry.line - 1]
    column = entry.rule.origin.column
    gitlab = codeowners.dialect == GITLAB
    found: List[Problem] = []

    def warn(offset: int, message: str, suggestion: str = "") -> None:  # noqa: E306
        found.append(Problem(codeowners.source, entry.line, column + offset, "portability", message, line, suggestion))

    text = entry.text
    body = text[1:] if entry.exclusion else text
    start = len(text) - len(body)
    if gitlab:
        if entry.exclusion:
            warn(0, "'!' excludes paths from the section on GitLab; GitHub rejects the line and gitignore "
                    "re-includes the paths")
        if text.startswith("\\#"):
            warn(0, "'\\#' escapes a leading '#' on GitLab; GitHub rejects the line")
        bracket = _unescaped(body, "[")
        if bracket >= 0:
            warn(start + bracket, "'[ ]' is a character class on GitLab and in gitignore; GitHub rejects unescaped "
                                  "brackets")
        for offset, token in split_line(line, GITLAB)[0][1:] if not entry.exclusion else ():
            refs = owner_references(token)
            if refs and refs != (token,):  # issue 15: GitLab scans the token for references
                read = ", ".join(f"'{ref}'" for ref in refs)
                clean = [ref for ref in refs if OWNER[GITHUB].match(ref) and ref in token.replace(",", " ").split()]
                warn(offset + 1 - column, f"owner '{token}': GitLab reads {read} from it (it scans the words "
                     "for references); GitHub rejects the line",
                     f"separate owners with spaces: '{' '.join(clean)}'" if clean else "")
        if entry.defaulted:
            warn(0, f"no owners on the line: GitLab gives it the default owners of [{entry.section}], GitHub would "
                    "leave the files unowned")
    else:
        comment = split_line(line, GITHUB)[1]
        if comment is not None:
            warn(comment + 1 - column, "inline comment: GitLab has no inline comments and takes the owners "
                                       "named after '#' as owners")
        if not entry.owners:
            warn(0, "no owners: GitHub leaves the files unowned; GitLab reports a line without owners, or gives "
                    "it the default owners of its section")
        space = text.find("\\ ")
        if space >= 0:
            warn(space, "'\\ ' (an escaped space) is not in GitHub's documentation; GitLab and gitignore document it")
    mark = _unescaped(body, "?")
    if mark >= 0:
        warn(start + mark, "'?' (one character) is not in GitHub's documentation; GitLab and gitignore document it")
    _meaning(body, start, gitlab, names, warn)
    return found


def _meaning(body: str, start: int, gitlab: bool, names: Names, warn: Warn) -> None:
    """Patterns whose files differ between GitHub (gitignore's rules) and GitLab (fnmatch after its
    ``normalize_pattern``)."""
    if "/" in body.rstrip("/") and not body.startswith(("/", "**/")):
        if gitlab:
            message = f"'{body}' matches at any depth on GitLab, but GitHub and gitignore anchor it at the root"
        else:
            message = f"'{body}' is anchored at the root on GitHub and in gitignore, but GitLab matches it at any depth"
        warn(start, message, f"write '/{body}' (at the root) or '**/{body}' (at any depth) so both agree")
    if body.endswith("/**"):
        if gitlab:
            message = f"'{body}' covers only the direct children on GitLab ('**' not followed by '/' is '*'), " \
                      "but everything beneath on GitHub and in gitignore"
        else:
            message = f"'{body}' covers everything beneath on GitHub and in gitignore, but only the direct " \
                      "children on GitLab"
        warn(start, message, f"write '{body[:-2]}' for everything beneath")
    last = body.rsplit("/", 1)[-1]
    if last and not any(c in last for c in "*?[\\") and last in names.dirs:
        if gitlab:
            message = f"'{body}' names a directory: GitLab matches only files named '{last}', but GitHub and " \
                      "gitignore also everything in the directory"
        else:
            message = f"'{body}' names a directory: GitHub and gitignore cover everything in it, but GitLab " \
                      f"matches only files named '{last}'"
        warn(start, message, f"write '{body}/' for the directory")
