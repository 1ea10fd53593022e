"""Degree of authorship (DOA) and truck factor, as Avelino et al. (ICPC 2016) define them and their tool
(aserg-ufmg/Truck-Factor) computes them. Pure: a history goes in as commits, oldest first; no I/O."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

# The model's weights (AuthorshipInfo.getDoaMultAuthor) and thresholds (isDOAAuthor, GreedyTruckFactor).
BASE = 3.293
FIRST_AUTHORSHIP = 1.098
DELIVERIES = 0.164
ACCEPTANCES = 0.321
NORMALIZED = 0.75  # an author's DOA exceeds 75% of the file's best
COVERAGE = 0.5  # the truck factor stops when fewer than half of the files keep an author


def doa(first: bool, deliveries: int, acceptances: int) -> float:
    """DOA = 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC)."""
    return BASE + FIRST_AUTHORSHIP * first + DELIVERIES * deliveries - ACCEPTANCES * math.log(1 + acceptances)


def authors_by_doa(values: Mapping[str, float], adders: Iterable[str]) -> Tuple[str, ...]:
    """The authors among developers with these DOA values: DOA/max > 0.75 and (DOA >= 3.293 or FA = 1);
    highest DOA first, ties by identity (isDOAAuthor)."""
    best = max(values.values(), default=0.0)
    if best <= 0:  # the tool's best starts at 0: a file whose every DOA is negative has no author
        return ()
    first = set(adders)
    found = [d for d, v in values.items() if v / best > NORMALIZED and (v >= BASE or d in first)]
    return tuple(sorted(found, key=lambda d: (-values[d], d)))


class _File:
    """One file's lineage across renames: who added it (FA), each developer's deliveries (DL), all changes."""

    __slots__ = ("adders", "deliveries", "changes")

    def __init__(self) -> None:
        self.adders: List[str] = []  # the first add and the re-adds by others: FA = 1 (getDoaMultAuthor)
        self.deliveries: Dict[str, int] = {}  # modifications and renames (an add creates the entry at 0)
        self.changes = 0  # every developer's modifications and renames: AC = changes - DL

    def touch(self, who: str) -> None:
        self.deliveries.setdefault(who, 0)

    def deliver(self, who: str) -> None:
        self.deliveries[who] = self.deliveries.get(who, 0) + 1
        self.changes += 1

    def absorb(self, other: "_File") -> None:
        """Join a lineage renamed onto a path that already had one (a file deleted there earlier)."""
        for who in other.adders:
            if who not in self.adders:
                self.adders.append(who)
        for who, count in other.deliveries.items():
            self.deliveries[who] = self.deliveries.get(who, 0) + count
        self.changes += other.changes

    def values(self) -> Dict[str, float]:
        adders = set(self.adders)
        return {who: doa(who in adders, dl, self.changes - dl) for who, dl in self.deliveries.items()}


class Ledger:
    """The fold of a history, fed one commit at a time, oldest first (DOACalculator.setFileHistory).

    Memory is one entry per file and developer who touched it, never per commit. A rename carries the old
    name's lineage to the new name (expandCommitFileList) and counts as a delivery; a deletion ends nothing,
    so a later add at that path continues the lineage, and an add by someone else gives them FA too.
    """

    def __init__(self) -> None:
        self._files: Dict[str, _File] = {}
        self.last_commit: Dict[str, str] = {}
        self.commits = 0

    def commit(self, who: str, date: str, changes: Iterable[Tuple[str, str, str]]) -> None:
        """One commit by ``who`` (an identity) on ``date`` (YYYY-MM-DD): its ``(status, old, new)`` changes,
        status ``A``, ``M``, ``R`` or ``D`` as ``git log --name-status`` gives them (others are skipped, as the
        tool skips them)."""
        self.commits += 1
        if date > self.last_commit.get(who, ""):
            self.last_commit[who] = date
        files = self._files
        for status, old, new in changes:
            if status == "M":
                lineage = files.get(new)
                if lineage is None:
                    lineage = files[new] = _File()
                lineage.deliver(who)
            elif status == "A":
                lineage = files.get(new)
                if lineage is None:
                    lineage = files[new] = _File()
                if who not in lineage.adders:  # an add after the first counts for FA only, never as DL or AC
                    lineage.adders.append(who)
                lineage.touch(who)
            elif status == "R":
                moved = files.pop(old, None) or _File()
                there = files.get(new)
                if there is not None and there is not moved:
                    there.absorb(moved)
                    moved = there
                files[new] = moved
                moved.deliver(who)

    def doa(self, path: str) -> Dict[str, float]:
        """Every developer who touched ``path``'s lineage, with their DOA."""
        lineage = self._files.get(path)
        return lineage.values() if lineage is not None else {}

    def authorship(self, paths: Iterable[str], since: Optional[str] = None) -> "Authorship":
        """The authors of each of ``paths`` (the files of the tree the history leads to)."""
        authors: Dict[str, Tuple[str, ...]] = {}
        values: Dict[str, Dict[str, float]] = {}
        for path in paths:
            lineage = self._files.get(path)
            if lineage is None:
                authors[path] = ()
                continue
            values[path] = lineage.values()
            authors[path] = authors_by_doa(values[path], lineage.adders)
        return Authorship(authors, dict(self.last_commit), since, values, self.commits)


@dataclass(frozen=True)
class Authorship:
    """Who authors each file of a tree (path -> authors, highest DOA first, ties by identity), each
    identity's latest commit date (YYYY-MM-DD) in the history read, and the ``--since`` limit of that read."""

    authors: Mapping[str, Tuple[str, ...]]
    last_commit: Mapping[str, str]
    since: Optional[str] = None
    doa: Mapping[str, Mapping[str, float]] = field(default_factory=dict)  # path -> identity -> DOA
    commits: int = 0  # the commits read


@dataclass(frozen=True)
class TruckFactor:
    """How many developers must leave before fewer than half of the files keep an author, and who they are
    (in the order the greedy algorithm removes them)."""

    value: int
    authors: Tuple[str, ...]


def truck_factor(files: Iterable[str], authors: Mapping[str, Sequence[str]]) -> TruckFactor:
    """GreedyTruckFactor: while at least half of ``files`` have an author left, remove the developer who
    authors the most of them (ties: the smallest identity). Files missing from ``authors`` have none."""
    paths = list(dict.fromkeys(files))
    total = len(paths)
    owned: Dict[str, Set[str]] = {}
    left: Dict[str, int] = {}  # path -> how many of its authors are still there
    for path in paths:
        names = set(authors.get(path, ()))
        if names:
            left[path] = len(names)
            for name in names:
                owned.setdefault(name, set()).add(path)
    covered = len(left)
    # The order of removal depends only on each author's own count, which removals never change.
    order = sorted(owned, key=lambda name: (-len(owned[name]), name))
    removed: List[str] = []
    for name in order:
        if covered < COVERAGE * total:
            break
        removed.append(name)
        for path in owned[name]:
            left[path] -= 1
            if left[path] == 0:
                covered -= 1
    return TruckFactor(len(removed), tuple(removed))
