"""Who owns a path under a CODEOWNERS file: GitHub's last matching line, GitLab's per-section one. Pure.

GitHub ("About code owners"): the last matching line wins; if it names no owner, the path is unowned.
GitLab ("Syntax of CODEOWNERS file", ``Gitlab::CodeOwners::File#entries_for_path``): each section is read on
its own; in a section the last matching line wins, a matching ``!`` exclusion takes the path out of the
section, and a repeated pattern keeps the place of its first line with the owners of its last; the owners
of every section that keeps the path are combined, in section order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Dict, List, Optional, Sequence, Set, Tuple

from ownership.codeowners import GITLAB, CodeOwners, Entry


@dataclass(frozen=True)
class Ownership:
    """The owners one path has, the line deciding it in each section, and (GitLab) the exclusion lines
    that take it out of a section."""

    owners: Tuple[str, ...]
    deciding: Tuple[Entry, ...]
    excluded: Tuple[Entry, ...] = ()


def sections(codeowners: CodeOwners) -> Dict[str, List[Entry]]:
    """The entries of each section in line order (GitHub: one section)."""
    grouped: Dict[str, List[Entry]] = {}
    for entry in codeowners.entries:
        grouped.setdefault(entry.section, []).append(entry)
    return grouped


def effective(entries: Sequence[Entry], dialect: str) -> List[Entry]:
    """The entries that take part in matching, in matching order. GitLab keys a section's entries by
    pattern: a repeated pattern replaces the earlier entry in the earlier entry's place."""
    if dialect != GITLAB:
        return list(entries)
    by_key: Dict[str, Entry] = {}
    for entry in entries:
        by_key[entry.key] = entry  # a dict keeps the first insertion's position
    return list(by_key.values())


def resolve(codeowners: CodeOwners, paths: Sequence[str]) -> Tuple[List[Ownership], Set[int]]:
    """The ownership of every path, and the indexes of the entries whose pattern matches at least one."""
    used: Set[int] = set()
    columns: List[Tuple[List[Optional[Entry]], List[Optional[Entry]]]] = []
    for entries in sections(codeowners).values():
        live = effective(entries, codeowners.dialect)
        exclusions = [e for e in live if e.exclusion]
        columns.append((_winners([e for e in live if not e.exclusion], paths, used),
                        _winners(exclusions, paths, used) if exclusions else []))
        keys = {e.key for e in live if e.rule.index in used}
        used.update(e.rule.index for e in entries if e.key in keys)  # a replaced line matches what its twin does
    cache: Dict[Tuple[int, ...], Ownership] = {}  # one object per distinct combination of lines
    results = []
    for row in range(len(paths)):
        deciding: List[Entry] = []
        excluded: List[Entry] = []
        for winners, removers in columns:
            out = removers[row] if removers else None
            win = winners[row]
            if out is not None:
                excluded.append(out)
            elif win is not None:
                deciding.append(win)
        key = tuple(id(e) for e in deciding) + (0,) + tuple(id(e) for e in excluded)
        found = cache.get(key)
        if found is None:
            owners = tuple(dict.fromkeys(o for entry in deciding for o in entry.owners))
            found = cache[key] = Ownership(owners, tuple(deciding), tuple(excluded))
        results.append(found)
    return results, used


def _winners(entries: Sequence[Entry], paths: Sequence[str], used: Set[int]) -> List[Optional[Entry]]:
    """The last of ``entries`` (in their order) matching each path, None where none does; adds the indexes
    of the entries that matched to ``used``."""
    from ownership.matcher import OWNED, Resolver

    if not entries:
        return [None] * len(paths)
    resolver = Resolver([replace(e.rule, index=i) for i, e in enumerate(entries)], "last")
    winners = [entries[o.winner.index] if o.status == OWNED and o.winner else None for o in resolver.resolve(paths)]
    used.update(entries[i].rule.index for i in resolver.used)
    return winners


def matching_entries(codeowners: CodeOwners, path: str) -> List[Entry]:
    """Every entry whose pattern matches ``path``, in line order (for ``who``)."""
    return [e for e in codeowners.entries if e.rule.pattern.matches(path)]
