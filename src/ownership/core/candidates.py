"""Which patterns can match a few paths, read from their literal segments alone. Pure; no I/O.

A hook checks a handful of files against thousands of rules; building the resolver's automaton over every
pattern would cost more than the check (issue 14). Most patterns start with literal directories
(``/services/api/``) or name one (``**/BUILD.bazel``): a path that lacks them cannot match, and the pattern is
left out before it is even compiled. The filter only ever drops patterns that match none of the paths, so the
outcome of every path is the same with or without it.
"""

from __future__ import annotations

import re
from typing import Iterable, Set

from ownership.core.patterns import NAME_ANCHOR, PREFIX_ANCHOR, Anchor, Pattern


# A glob anchored at the root whose first segment is a literal name ("/a", "/a/*.py", "a/b"; not "a", "a/",
# "*/b"): it matches only paths under that name (``Pattern.anchor`` starts with it).
_ANCHORED_UNDER_FIRST = re.compile(r"/[^/*?]+(?:/|\Z)|[^/*?]+/.")
_ANCHORED_UNDER_TWO = re.compile(r"/?[^/*?]+/[^/*?]+(?:/|\Z)")  # the same, under two literal names


class PathKeys:
    """The literal keys of a few paths: every path and each directory above it, and every name in them."""

    __slots__ = ("prefixes", "names", "_starts", "_starts2")

    def __init__(self, paths: Iterable[str]) -> None:
        self.prefixes: Set[str] = set()
        self.names: Set[str] = set()
        for path in paths:
            self.names.update(path.split("/"))
            self.prefixes.add(path)
            cut = path.find("/")
            while cut >= 0:
                self.prefixes.add(path[:cut])
                cut = path.find("/", cut + 1)
        firsts = [prefix for prefix in self.prefixes if "/" not in prefix]  # each path's first name
        self._starts = tuple(firsts + ["/" + name for name in firsts])
        seconds = [prefix for prefix in self.prefixes if prefix.count("/") == 1]  # and its first two
        self._starts2 = tuple(seconds + ["/" + names for names in seconds])

    def could_hold(self, glob: str) -> bool:
        """False only when ``glob`` (``core.patterns``' syntax, not GitLab's) matches none of the paths, told
        from its text alone: a glob anchored at the root under literal first names (``/a/b/…``, ``/a/*.py``,
        ``a/b``) can only match a path starting with those names. True whenever the text cannot tell."""
        if "\\" in glob:
            return True
        if _ANCHORED_UNDER_TWO.match(glob):
            return glob.startswith(self._starts2)
        return glob.startswith(self._starts) or not _ANCHORED_UNDER_FIRST.match(glob)

    def may_match(self, pattern: Pattern) -> bool:
        """False only when ``pattern`` matches none of the paths."""
        return self.may_hold(pattern.anchor)

    def may_hold(self, anchor: Anchor) -> bool:
        """False only when no path holds ``anchor`` (a pattern's literal part)."""
        kind, literal = anchor
        if kind == PREFIX_ANCHOR:
            return literal in self.prefixes
        if kind == NAME_ANCHOR:
            return literal in self.names
        return True
