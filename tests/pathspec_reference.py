"""The reference matcher for the tests: pathspec's gitignore pattern, read in GitHub's dialect.

GitHub CODEOWNERS has no ``[ ]`` character ranges, so before a glob goes to pathspec every unescaped
``[`` and ``]`` is escaped; apart from that one twist, pathspec's ``GitIgnoreBasicPattern`` is the
meaning of a pattern that ``ownership.core.patterns.Pattern`` must reproduce.
"""

from __future__ import annotations

from pathspec.patterns.gitignore.basic import GitIgnoreBasicPattern


def escape_brackets(glob: str) -> str:
    """``glob`` with every unescaped ``[`` and ``]`` escaped (``\\x`` pairs are copied as they are)."""
    out = []
    i = 0
    while i < len(glob):
        char = glob[i]
        if char == "\\":
            out.append(glob[i : i + 2])
            i += 2
            continue
        out.append("\\" + char if char in "[]" else char)
        i += 1
    return "".join(out)


def raw_pathspec_matches(glob: str, path: str) -> bool:
    """Whether pathspec, reading ``glob`` as gitignore (brackets as ranges), matches ``path``."""
    return _matches(GitIgnoreBasicPattern(glob), glob, path)


def reference_matches(glob: str, path: str) -> bool:
    """Whether ``glob``, read as CODEOWNERS (brackets literal), matches the file ``path``, per pathspec.

    Raises pathspec's ``GitIgnorePatternError`` (a ``ValueError``) for a glob pathspec rejects, and
    ``ValueError`` for one it reads as a comment, a blank line or a negation.
    """
    return _matches(GitIgnoreBasicPattern(escape_brackets(glob)), glob, path)


def _matches(pattern: GitIgnoreBasicPattern, glob: str, path: str) -> bool:
    if pattern.include is not True or pattern.regex is None:
        raise ValueError(f"pathspec reads {glob!r} as a no-op or a negation, not as a pattern")
    return pattern.regex.search(path) is not None
