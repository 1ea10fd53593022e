"""CODEOWNERS -> role map: one role per owner set, ordered so that every path keeps its owners. Pure.

CODEOWNERS decides by the last matching line; a role map with ``resolution = "last"`` decides by the
last matching pattern in document order, where each role's patterns sit together. Grouping the lines by
owner set moves lines, which is harmless unless it moves a line past another one with different owners
that can match the same path (``overlap``). Those pairs must keep their order: the lines are laid out in
an order that respects every such pair and keeps each owner set together as far as it can; an owner set
that still has to come back later becomes a further part of its role ("acme/data-eng (2)").
"""

from __future__ import annotations

import heapq
import json
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Sequence, Tuple

from ownership.codeowners import GITLAB, CodeOwners, Problem
from ownership.errors import ConfigError
from ownership.overlap import Overlaps

NO_OWNERS = "no owners"
_WIDTH = 100  # a paths array longer than this is written one pattern a line


@dataclass(frozen=True)
class ImportedRole:
    name: str
    owners: Tuple[str, ...]
    paths: Tuple[str, ...]
    description: str = ""
    part: int = 1  # 2, 3, ... for the further parts of an owner set that has to come back later


@dataclass(frozen=True)
class Imported:
    source: str
    roles: Tuple[ImportedRole, ...]
    lines: int  # the rule lines imported
    skipped: Tuple[Problem, ...]  # lines the platform rejects, left out

    def notes(self) -> List[str]:
        """What was done to keep the meaning, in words: one note per owner set that needed parts."""
        parts: Dict[str, List[str]] = {}
        for role in self.roles:
            parts.setdefault(_base_name(role.owners), []).append(role.name)
        return [
            f"owner set {base!r} split into {len(names)} ordered parts ({', '.join(repr(n) for n in names)}): "
            "as one role it would change which line wins for some paths"
            for base, names in parts.items() if len(names) > 1
        ]


def import_codeowners(codeowners: CodeOwners) -> Imported:
    """The roles for ``codeowners``: one per distinct owner set, split into ordered parts where needed."""
    if codeowners.dialect == GITLAB:
        _check_gitlab(codeowners)
    entries = codeowners.entries
    if not entries:
        raise ConfigError("nothing to import: no valid rule lines", codeowners.source)
    labels = [frozenset(e.owners) for e in entries]
    owners: Dict[FrozenSet[str], Tuple[str, ...]] = {}
    for label, entry in zip(labels, entries):
        owners.setdefault(label, tuple(dict.fromkeys(entry.owners)))
    overlaps = Overlaps([e.rule.pattern for e in entries])
    before = overlaps.pairs(range(len(entries)), lambda i, j: labels[i] != labels[j])
    # Two greedy layouts; the one with fewer owner-set changes wins, the plainer one on a tie.
    orders = [_order(labels, before, finish_first) for finish_first in (False, True)]
    order = min(orders, key=lambda o: sum(1 for a, b in zip(o, o[1:]) if labels[a] != labels[b]))
    headings = _headings(codeowners)
    runs: List[List[int]] = []
    for position in order:
        if runs and labels[runs[-1][-1]] == labels[position]:
            runs[-1].append(position)
        else:
            runs.append([position])
    roles: List[ImportedRole] = []
    count: Dict[FrozenSet[str], int] = {}
    for run in runs:
        label = labels[run[0]]
        part = count[label] = count.get(label, 0) + 1
        # Unique: owner tokens hold no spaces, so neither ", " joins nor " (2)" suffixes can collide.
        name = _base_name(owners[label]) + (f" ({part})" if part > 1 else "")
        described = dict.fromkeys(headings[entries[i].line] for i in run if headings.get(entries[i].line))
        roles.append(ImportedRole(name, owners[label], tuple(entries[i].rule.glob for i in run),
                                  "; ".join(described), part))
    return Imported(codeowners.source, tuple(roles), len(entries), codeowners.problems)


def _check_gitlab(codeowners: CodeOwners) -> None:
    sections = {e.section for e in codeowners.entries}
    if len(sections) > 1:
        raise ConfigError(f"cannot import {len(sections)} GitLab sections: their owners add up per file, while a "
                          "role map gives each file one role", codeowners.source)
    exclusion = next((e for e in codeowners.entries if e.exclusion), None)
    if exclusion is not None:
        raise ConfigError("cannot import an exclusion ('!pattern'): a role map has no way to leave a section out",
                          codeowners.source, exclusion.line, exclusion.rule.origin.column)


def _base_name(owners: Sequence[str]) -> str:
    """A readable role name: the owners without their '@', joined (``@acme/data-eng`` -> acme/data-eng)."""
    return ", ".join(o[1:] if o.startswith("@") else o for o in owners) or NO_OWNERS


def _order(labels: Sequence[FrozenSet[str]], before: Dict[int, List[int]], finish_first: bool) -> List[int]:
    """A topological order of the lines under ``before`` that changes owner set rarely: keep taking lines of
    the current owner set; when none is ready, move to the owner set of the earliest ready line or, with
    ``finish_first``, to one whose remaining lines are all ready (it will not have to come back)."""
    successors: List[List[int]] = [[] for _ in labels]
    waiting = [0] * len(labels)
    for j, earlier in before.items():
        waiting[j] = len(earlier)
        for i in earlier:
            successors[i].append(j)
    remaining: Dict[FrozenSet[str], int] = {}
    ready: Dict[FrozenSet[str], List[int]] = {}
    for i, label in enumerate(labels):
        remaining[label] = remaining.get(label, 0) + 1
        if not waiting[i]:
            ready.setdefault(label, []).append(i)  # ascending: already a heap
    order: List[int] = []
    current = None
    while len(order) < len(labels):
        if current is None or not ready.get(current):
            candidates = [(heap[0], label) for label, heap in ready.items() if heap]
            whole = [c for c in candidates if finish_first and len(ready[c[1]]) == remaining[c[1]]]
            current = min(whole or candidates, key=lambda c: c[0])[1]
        position = heapq.heappop(ready[current])
        order.append(position)
        remaining[current] -= 1
        for j in successors[position]:
            waiting[j] -= 1
            if not waiting[j]:
                heapq.heappush(ready.setdefault(labels[j], []), j)
    return order


def _headings(codeowners: CodeOwners) -> Dict[int, str]:
    """The comment heading the block of each rule line: comment lines right above rule lines, in force
    until a blank line or the next comment."""
    found: Dict[int, str] = {}
    heading: List[str] = []
    in_comment = False
    for number, raw in enumerate(codeowners.lines, start=1):
        text = raw.strip()
        if not text:
            heading, in_comment = [], False
        elif text.startswith("#"):
            heading = (heading if in_comment else []) + [text.lstrip("#").strip()]
            in_comment = True
        else:
            in_comment = False
            found[number] = " ".join(h for h in heading if h)
    return found


def _toml(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; DEL must be escaped too)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def render(imported: Imported) -> str:
    """The role map as TOML text: settings, then the roles in their order."""
    out = [
        f"# Role map imported from {imported.source} by `ownership import`: one role per owner set. The roles",
        "# keep the order of the CODEOWNERS lines that decide between them, so the last matching pattern",
        '# wins as in CODEOWNERS (resolution "last"). Add or rename roles freely; keep that order.',
        "",
        "[settings]",
        'resolution = "last"',
    ]
    for role in imported.roles:
        out += ["", f"[roles.{_toml(role.name)}]"]
        if role.description:
            out.append(f"description = {_toml(role.description)}")
        out.append(f"owners = [{', '.join(_toml(o) for o in role.owners)}]")
        paths = [_toml(p) for p in role.paths]
        line = f"paths = [{', '.join(paths)}]"
        out += [line] if len(line) <= _WIDTH else ["paths = ["] + [f"    {p}," for p in paths] + ["]"]
    return "\n".join(out) + "\n"
