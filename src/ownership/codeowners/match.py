"""Who owns a path under a CODEOWNERS file: GitHub's last matching line, GitLab's per-section one. Pure.

GitHub ("About code owners"): the last matching line wins; if it names no owner, the path is unowned.
GitLab ("Syntax of CODEOWNERS file", ``Gitlab::CodeOwners::File#entries_for_path``): each section is read on
its own; in a section the last matching line wins, a matching ``!`` exclusion takes the path out of the
section, and a repeated pattern keeps the place of its first line with the owners of its last; the owners
of every section that keeps the path are combined, in section order.
"""

from __future__ import annotations

from typing import Dict, List, Sequence, Set, Tuple

from ownership.codeowners.syntax import GITLAB, CodeOwners, Entries, Entry
from ownership.core.candidates import PathKeys
from ownership.core.matcher import OWNED, Outcome
from ownership.core.record import Record
from ownership.core.resolver import Resolver


class Ownership(Record):
    """The owners one path has, the line deciding it in each section, and (GitLab) the exclusion lines
    that take it out of a section."""

    __slots__ = ("owners", "deciding", "excluded", "matching")
    _compared = _shown = ("owners", "deciding", "excluded")

    def __init__(self, owners: Tuple[str, ...], deciding: Tuple[Entry, ...], excluded: Tuple[Entry, ...] = (),
                 matching: Tuple[Entry, ...] = ()) -> None:
        self.owners = owners
        self.deciding = deciding
        self.excluded = excluded
        self.matching = matching  # every line matching the path


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
    columns: List[List[Outcome]] = []  # per section: the outcomes of its lines, then of its exclusions
    matching: Dict[int, Tuple[Entry, ...]] = {}  # id(outcome) -> every line matching its paths
    entry_of: Dict[int, Entry] = {}
    # Fewer paths than lines (a hook's few files): only the lines whose literal segments the paths hold can
    # match them, and only those are compiled and resolved (issue 14).
    few = PathKeys(paths) if len(paths) < len(codeowners.entries) else None

    def run(part: List[Entry]) -> None:
        if few is not None:
            part = [e for e in part if few.may_match(e.rule.pattern)]
        if not part:
            return
        rules = [e.rule for e in part]
        if any(a.index >= b.index for a, b in zip(rules, rules[1:])):
            # GitLab: a repeated pattern took its first line's place; "last" must follow that order
            rules = [rule.replace(index=i) for i, rule in enumerate(rules)]
        entry_of.update((id(rule), entry) for rule, entry in zip(rules, part))
        resolver = Resolver(rules, "last")
        columns.append(resolver.resolve(paths))
        used.update(part[i].rule.index for i in resolver.used)
        matching.update((key, tuple(part[i] for i in positions)) for key, positions in resolver.matched.items())

    parsed = codeowners.entries
    if few is not None and codeowners.dialect != GITLAB and isinstance(parsed, Entries):
        # A hook's few files against a GitHub file as parsed (one section, no exclusions, an entry's index is its
        # place): only the entries whose pattern may match are made (issue 14); the others stay rows.
        run(parsed.select(few))
        every = parsed.keys()
        keys = {every[index] for index in used}
        used.update(index for index, key in enumerate(every) if key in keys)  # a repeated line matches as its twin
    else:
        for entries in sections(codeowners).values():
            live = effective(entries, codeowners.dialect)
            run([e for e in live if not e.exclusion])
            run([e for e in live if e.exclusion])
            keys = {e.key for e in live if e.rule.index in used}
            used.update(e.rule.index for e in entries if e.key in keys)  # a replaced line matches what its twin does

    def decide(row: Tuple[Outcome, ...]) -> Ownership:
        deciding: List[Entry] = []
        excluded: List[Entry] = []
        matched = tuple(e for outcome in row for e in matching.get(id(outcome), ()))
        for outcome in row:
            entry = entry_of[id(outcome.winner)] if outcome.status == OWNED else None
            if entry is None:
                continue
            if entry.exclusion:  # takes the path out of its section, whatever line matched there
                excluded.append(entry)
                if deciding and deciding[-1].section == entry.section:
                    deciding.pop()
            else:
                deciding.append(entry)
        owners = tuple(dict.fromkeys(o for entry in deciding for o in entry.owners))
        return Ownership(owners, tuple(deciding), tuple(excluded), matched)

    # Outcomes are shared objects (one per directory state and base-name match), so one Ownership per
    # distinct combination of them is enough: per path, a tuple of ids and a dictionary look-up.
    cache: Dict[Tuple[int, ...], Ownership] = {}
    results: List[Ownership] = []
    append = results.append
    for row in zip(*columns) if columns else [()] * len(paths):
        key = tuple(map(id, row))
        found = cache.get(key)
        if found is None:
            found = cache[key] = decide(row)
        append(found)
    return results, used


def matching_entries(codeowners: CodeOwners, path: str) -> List[Entry]:
    """Every entry whose pattern matches ``path``, in line order: the plain reference the tests compare
    ``who`` (``analysis.explain``, through the resolver) with."""
    return [e for e in codeowners.entries if e.rule.pattern.matches(path)]
