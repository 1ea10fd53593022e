"""Which patterns can match a few paths, read from their literal segments alone. Pure; no I/O.

A hook checks a handful of files against thousands of rules; building the resolver's automaton over every
pattern would cost more than the check (issue 14). Most patterns start with literal directories
(``/services/api/``) or name one (``**/BUILD.bazel``): a path that lacks them cannot match, and the pattern is
left out before it is even compiled. The filter only ever drops patterns that match none of the paths, so the
outcome of every path is the same with or without it.
"""

from __future__ import annotations

import re
from itertools import chain, repeat
from typing import Dict, Iterable, Optional, Sequence, Set

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


class Names:
    """The file and directory names of the tree, gathered on first use (most files need neither)."""

    def __init__(self, paths: Sequence[str]) -> None:
        self._paths = paths
        self._exact: Optional[Set[str]] = None
        self._dirs: Optional[Set[str]] = None
        self._folded: Optional[Dict[str, str]] = None

    @property
    def exact(self) -> Set[str]:
        if self._exact is None:
            self._exact = set(chain.from_iterable(map(str.split, self._paths, repeat("/"))))
        return self._exact

    @property
    def dirs(self) -> Set[str]:
        if self._dirs is None:
            self._dirs = {name for path in self._paths for name in path.split("/")[:-1]}
        return self._dirs

    def case_fix(self, text: str) -> str:
        """``text`` with its literal segments spelled as the tree spells them, or "" if nothing changes."""
        parts = text.split("/")
        if self._folded is None:
            self._folded = {name.casefold(): name for name in sorted(self.exact)}
        folded = self._folded
        fixed = [folded[p.casefold()] if p and p not in self.exact and not any(c in p for c in "*?[\\!")
                 and p.casefold() in folded else p for p in parts]
        return "/".join(fixed) if fixed != parts else ""
