"""CODEOWNERS -> role map: one role per owner set, ordered so that every path keeps its owners. Pure.

CODEOWNERS decides by the last matching line; a role map with ``resolution = "last"`` decides by the
last matching pattern in document order, where each role's patterns sit together. Grouping the lines by
owner set moves lines, which is harmless unless it moves a line past another one with different owners
that can match the same path (``overlap``). Those pairs must keep their order: the lines are laid out in
an order that respects every such pair and keeps each owner set together as far as it can; an owner set
that still has to come back later becomes a further part of its role ("acme/data-eng (2)").

GitLab's patterns (``gitlab_patterns``) are translated into role-map patterns matching the same paths:
``a/b`` (any depth) becomes ``**/a/b``, ``docs/**`` (direct children) ``**/docs/*``, and a repeated
pattern counts once, at its first line's place with its last line's owners, as GitLab reads it. Two
things a role map cannot write are refused: character classes (``[a-z]``), and a pattern such as
``docs`` or ``*.md`` that GitLab matches only against files (a role-map pattern also takes what is beneath
a directory of that name) when that would give a file of the tree other owners: such a role map is exact on
the tree it was imported with.
"""

from __future__ import annotations

import heapq
import json
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from ownership.codeowners.match import resolve
from ownership.codeowners.syntax import DEFAULT_SECTION, GITLAB, CodeOwners, Entry, Problem
from ownership.errors import ConfigError, PatternError
from ownership.core.matcher import OWNED
from ownership.core.overlap import Overlaps
from ownership.core.patterns import DOUBLE_STAR, End, Pattern, SegmentGlob
from ownership.core.resolver import Resolver
from ownership.core.rules import Origin, Rule, valid_owner

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
    kept: Tuple[Problem, ...] = ()  # problems on lines the platform still reads (GitLab), imported as it reads them
    files_only: Tuple[str, ...] = ()  # GitLab patterns that match only files (exact on the tree only)
    own_owners: Tuple[str, ...] = ()  # who owns the CODEOWNERS file, and so the tool's own files (issue 12)
    own_added: Tuple[str, ...] = ()  # the patterns added to give them those owners

    def notes(self) -> List[str]:
        """What was done to keep the meaning, in words: one note per owner set that needed parts, and one for
        the GitLab patterns that match only files."""
        parts: Dict[str, List[str]] = {}
        for role in self.roles:
            parts.setdefault(_base_name(role.owners), []).append(role.name)
        found = [
            f"owner set {base!r} split into {len(names)} ordered parts ({', '.join(repr(n) for n in names)}): "
            "as one role it would change which line wins for some paths"
            for base, names in parts.items() if len(names) > 1
        ]
        if self.files_only:
            shown = ", ".join(repr(p) for p in self.files_only[:3]) + (", ..." if len(self.files_only) > 3 else "")
            many = len(self.files_only) > 1
            found.append(f"{len(self.files_only)} GitLab pattern{'s match' if many else ' matches'} only files "
                         f"({shown}); in the role map {'they' if many else 'it'} also take{'' if many else 's'} what "
                         "is beneath a directory of that name, which gives no file of the tree other owners")
        return found


def import_codeowners(codeowners: CodeOwners, files: Optional[Sequence[str]] = None, own_path: Optional[str] = None,
                      tool_files: Sequence[str] = ()) -> Imported:
    """The roles for ``codeowners``: one per distinct owner set, split into ordered parts where needed.
    ``files`` (the repository's, from its top) are needed to import a GitLab pattern that matches only files.
    ``tool_files`` (the role map being written, the baseline; from the top) get the owners of ``own_path``, the
    CODEOWNERS file itself: whoever owned the rules owns the rules that replace them (issue 12)."""
    lines = len(codeowners.entries)
    own_owners: Tuple[str, ...] = ()
    added: Tuple[str, ...] = ()
    if own_path is not None and tool_files:
        codeowners, own_owners, added = _own_files(codeowners, own_path, tool_files)
    imported = _import(codeowners, files)
    # The lines added here name files on purpose: no note that they match only files.
    files_only = tuple(p for p in imported.files_only if p not in added)
    return Imported(imported.source, imported.roles, lines, imported.skipped, imported.kept, files_only,
                    own_owners, added)


def _own_files(codeowners: CodeOwners, own_path: str, tool_files: Sequence[str]) -> Tuple[CodeOwners, Tuple[str, ...],
                                                                                         Tuple[str, ...]]:
    """``codeowners`` with a last line ``/FILE OWNERS`` for each of ``tool_files`` that would not already have the
    owners of ``own_path`` (none when no line owns it), those owners, and the patterns added."""
    ownerships, _ = resolve(codeowners, [own_path, *tool_files])
    owners = ownerships[0].owners
    if not owners:
        return codeowners, (), ()
    wanted = {o.casefold() for o in owners}
    missing = [path for path, o in zip(tool_files, ownerships[1:]) if {x.casefold() for x in o.owners} != wanted]
    entries = list(codeowners.entries)
    section = entries[-1].section if entries else DEFAULT_SECTION
    line = len(codeowners.lines)
    for path in dict.fromkeys(missing):
        glob = "/" + path
        line += 1
        rule = Rule(len(entries), " ".join(owners), glob, Origin(codeowners.source, line, 1), Pattern(glob))
        entries.append(Entry(rule, owners, section, text=glob, key=glob))
    return codeowners.replace(entries=tuple(entries)), owners, tuple("/" + p for p in dict.fromkeys(missing))


def _import(codeowners: CodeOwners, files: Optional[Sequence[str]]) -> Imported:
    if codeowners.dialect == GITLAB:
        _check_gitlab(codeowners)
        _check_owners(codeowners)
        entries, globs, files_only = _from_gitlab(codeowners, files)
        patterns = [Pattern(glob) for glob in globs]
    else:
        entries = list(codeowners.entries)
        globs = [e.rule.glob for e in entries]
        patterns = [e.rule.pattern for e in entries]
        files_only = ()
    if not entries:
        raise ConfigError("nothing to import: no valid rule lines", codeowners.source)
    labels = [frozenset(e.owners) for e in entries]
    owners: Dict[FrozenSet[str], Tuple[str, ...]] = {}
    for label, entry in zip(labels, entries):
        owners.setdefault(label, tuple(dict.fromkeys(entry.owners)))
    overlaps = Overlaps(patterns)
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
        roles.append(ImportedRole(name, owners[label], tuple(globs[i] for i in run), "; ".join(described), part))
    read = {e.line for e in codeowners.entries} | {line for line, _, _ in codeowners.headers}
    return Imported(codeowners.source, tuple(roles), len(codeowners.entries),
                    tuple(p for p in codeowners.problems if p.line not in read),
                    tuple(p for p in codeowners.problems if p.line in read), files_only)


def _check_owners(codeowners: CodeOwners) -> None:
    """GitLab reads owners a role map cannot hold (issue 15: ``a,@b`` from ``@a,@b``, ``admin@localhost``):
    refuse them at their line rather than write a role map that does not load."""
    for entry in codeowners.entries:
        bad = next((o for o in entry.owners if not valid_owner(o)), None)
        if bad is not None:
            raise ConfigError(f"GitLab reads the owner '{bad}' here, which a role map cannot hold: write the owners "
                              "as @user, @group/subgroup, @@role or name@domain.tld, separated by spaces",
                              codeowners.source, entry.line, entry.rule.origin.column)


def _check_gitlab(codeowners: CodeOwners) -> None:
    sections = {e.section for e in codeowners.entries}
    if len(sections) > 1:
        raise ConfigError(f"cannot import {len(sections)} GitLab sections: their owners add up per file, while a "
                          "role map gives each file one role", codeowners.source)
    exclusion = next((e for e in codeowners.entries if e.exclusion), None)
    if exclusion is not None:
        raise ConfigError("cannot import an exclusion ('!pattern'): a role map has no way to leave a section out",
                          codeowners.source, exclusion.line, exclusion.rule.origin.column)


def _from_gitlab(codeowners: CodeOwners, files: Optional[Sequence[str]]
                 ) -> Tuple[List[Entry], List[str], Tuple[str, ...]]:
    """The entries GitLab matches with, in its order (a repeated pattern at its first line's place, with its
    last line's owners), their role-map patterns, and the patterns that match only files. Those make the
    role map exact only on a tree where what they add (the contents of directories of that name) gives no
    file other owners: checked on ``files``."""
    entries: Dict[str, Entry] = {}
    for entry in codeowners.entries:
        entries[entry.key] = entry  # a dict keeps the first insertion's place
    found = list(entries.values())
    globs: List[str] = []
    inexact: List[Tuple[Entry, str]] = []
    for entry in found:
        try:
            glob, exact = rolemap_glob(entry.rule.pattern)
            Pattern(glob)
        except PatternError as err:
            raise ConfigError(f"cannot import GitLab's {entry.text!r}: {err.message}", codeowners.source,
                              entry.line, entry.rule.origin.column) from None
        globs.append(glob)
        if not exact:
            inexact.append((entry, glob))
    if inexact and files is None:
        entry, glob = inexact[0]
        raise ConfigError(f"cannot import GitLab's {entry.text!r} without the repository's files: it matches only "
                          f"files, while the role map's {glob!r} also takes what is beneath a directory of that name",
                          codeowners.source, entry.line, entry.rule.origin.column)
    if inexact and files:  # the role map, in GitLab's line order, must give every file GitLab's owners
        rules = [Rule(i, str(i), glob, Origin(codeowners.source, e.line, 1), Pattern(glob))
                 for i, (e, glob) in enumerate(zip(found, globs))]
        ours = Resolver(rules, "last").resolve(files)
        for path, outcome, theirs in zip(files, ours, resolve(codeowners, files)[0]):
            index = outcome.winner.index if outcome.status == OWNED else None
            if frozenset(found[index].owners if index is not None else ()) != frozenset(theirs.owners):
                assert index is not None  # GitLab's line matches in the role map too: only an extra path differs
                winner = found[index]
                raise ConfigError(f"cannot import GitLab's {winner.text!r} exactly: it matches only files, while "
                                  f"the role map's {globs[index]!r} also takes what is beneath a directory of that "
                                  f"name, such as {path!r}", codeowners.source, winner.line, winner.rule.origin.column)
    return found, globs, tuple(glob for _, glob in inexact)


def rolemap_glob(pattern: Pattern) -> Tuple[str, bool]:
    """A role-map pattern for a GitLab pattern (as ``gitlab_patterns`` compiles it), and whether it matches
    exactly the same paths: it does not for a pattern whose last segment is not ``*`` and that has no
    trailing ``/``, which GitLab matches only against files (the role map's also matches everything beneath
    a directory of that name). PatternError for a character class, which a role map cannot write."""
    body = [s if s is DOUBLE_STAR else _segment(s) for s in pattern.body]
    exact = pattern.end is End.DESCENDANT or body[-1] == "*"
    if body[0] is DOUBLE_STAR and len(body) > 1:
        rest = [str(s) if s is not DOUBLE_STAR else "**" for s in body[1:]]
        glob = rest[0] if len(rest) == 1 and rest[0][0] not in "#!\\" else "**/" + "/".join(rest)
    else:
        glob = "/" + "/".join(str(s) if s is not DOUBLE_STAR else "**" for s in body)
    if pattern.end is End.DESCENDANT:
        glob += "/"
    elif glob.endswith(" "):
        glob = glob[:-1] + "\\ "  # a role-map pattern loses trailing blanks that are not escaped
    return glob, exact


def _segment(segment: object) -> str:
    """One GitLab segment (a name, or a ``SegmentGlob`` as written) as role-map text: ``*`` and ``?`` kept,
    ``\\``, ``*`` and ``?`` escaped where literal."""
    if isinstance(segment, str):
        return _escaped(segment)
    assert isinstance(segment, SegmentGlob)
    out: List[str] = []
    text, i = segment.text, 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            out.append(_escaped(text[i + 1]))
            i += 2
            continue
        if char == "[":
            raise PatternError(f"GitLab reads {text!r} with a character class ('[ ]'), which a role map cannot write")
        if char != "*" or not out or out[-1] != "*":  # a run of stars is one star within a segment
            out.append(char if char in "*?" else _escaped(char))
        i += 1
    return "".join(out)


def _escaped(text: str) -> str:
    return "".join("\\" + c if c in "\\*?" else c for c in text)


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
