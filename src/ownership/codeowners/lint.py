"""CODEOWNERS lint: duplicate, unused and shadowed lines, and owners nobody declared, each on its line. Pure.

Every finding is a ``Problem`` (the fields of GitHub's "List CODEOWNERS errors" API) whose ``kind`` is the
finding's kind; ``report.build_codeowners_report`` puts them in the ``Report``. Portability findings are in
``portability``.
"""

from __future__ import annotations

from collections import Counter
from typing import Dict, List, Optional, Sequence, Set, Tuple

from ownership.codeowners.syntax import GITHUB, LINT_KINDS, OWNER, CodeOwners, Entries, Entry, Problem
from ownership.core.candidates import Names
from ownership.codeowners.lexer import split_line, split_lines
from ownership.codeowners.match import Ownership, effective, sections
from ownership.core.record import Record
from ownership.errors import ConfigError


class Declared(Record):
    """The owners the project declares (the role map's ``owners`` or an ``--owners-file``), and where."""

    __slots__ = ("source", "owners")

    def __init__(self, source: str, owners: Tuple[str, ...]) -> None:
        self.source = source
        self.owners = owners


def parse_owners_file(text: str, source: str) -> Declared:
    """One owner a line (``@user``, ``@org/team``, ``@@role`` or an e-mail address); ``#`` comments."""
    owners: List[str] = []
    for number, raw in enumerate(split_lines(text), start=1):
        handle = raw.split("#", 1)[0].strip()
        if not handle:
            continue
        if not any(pattern.match(handle) for pattern in OWNER.values()):
            column = raw.index(handle) + 1
            raise ConfigError(f"{handle!r} is not an owner: write one @user, @org/team or e-mail address a line",
                              source, number, column)
        owners.append(handle)
    return Declared(source, tuple(owners))


def lint(codeowners: CodeOwners, paths: Sequence[str], ownerships: Sequence[Ownership], used: Set[int],
         declared: Optional[Declared] = None, whole_tree: bool = True,
         kinds: Sequence[str] = LINT_KINDS) -> List[Problem]:
    """The lint findings of ``kinds``; unused and shadowed lines only when ``paths`` is the whole tree."""
    names = Names(paths)
    found = duplicates(codeowners) if "duplicate" in kinds else []
    if whole_tree and "unused" in kinds:
        found += unused(codeowners, used, names)
    if whole_tree and "shadowed" in kinds:
        found += shadowed(codeowners, paths, ownerships, used)
    if declared is not None and "undeclared" in kinds:
        found += undeclared(codeowners, declared)
    if "portability" in kinds:
        from ownership.codeowners.portability import portability  # lazily, for start-up time: asked for only

        found += portability(codeowners, names)
    return found


def _problem(codeowners: CodeOwners, entry: Entry, kind: str, message: str, suggestion: str = "") -> Problem:
    return Problem(codeowners.source, entry.line, entry.rule.origin.column, kind, message,
                   codeowners.lines[entry.line - 1], suggestion)


def _replaced(codeowners: CodeOwners) -> Dict[int, Entry]:
    """Each line whose pattern a later line of its section repeats -> the next line repeating it."""
    later: Dict[int, Entry] = {}
    parsed = codeowners.entries
    if codeowners.dialect == GITHUB and isinstance(parsed, Entries):  # one section; an entry's index is its place
        seen: Dict[str, int] = {}
        for index, key in enumerate(parsed.keys()):  # the keys alone: only the repeating entries are made
            earlier = seen.get(key)
            if earlier is not None:
                later[earlier] = parsed[index]
            seen[key] = index
        return later
    for entries in sections(codeowners).values():
        last: Dict[str, Entry] = {}
        for entry in entries:
            before = last.get(entry.key)
            if before is not None:
                later[before.rule.index] = entry
            last[entry.key] = entry
    return later


def duplicates(codeowners: CodeOwners) -> List[Problem]:
    """A pattern repeated in one section: the earlier line has no effect."""
    found = []
    for index, entry in _replaced(codeowners).items():
        first = codeowners.entries[index]
        if codeowners.dialect == GITHUB:
            effect = f"line {first.line} has no effect, this line wins"
        else:
            effect = f"this line's owners replace line {first.line}'s, in line {first.line}'s place in the order"
        found.append(_problem(codeowners, entry, "duplicate", f"pattern '{entry.text}' repeats line {first.line}: "
                              f"{effect}", "keep one line for the pattern, with all its owners"))
    return found


def unused(codeowners: CodeOwners, used: Set[int], names: Names) -> List[Problem]:
    """Lines whose pattern matches no file of the tree."""
    found = []
    for entry in codeowners.entries:
        if entry.rule.index in used:
            continue
        suggestion = ""
        if entry.text.startswith("@"):
            suggestion = f"this looks like an owner: a rule starts with a pattern, as in '* {entry.text}'"
        else:
            fixed = names.case_fix(entry.text)
            if fixed:
                suggestion = f"paths are case-sensitive: did you mean '{fixed}'?"
        found.append(_problem(codeowners, entry, "unused", f"pattern '{entry.text}' matches no file", suggestion))
    return found


def shadowed(codeowners: CodeOwners, paths: Sequence[str], ownerships: Sequence[Ownership],
             used: Set[int]) -> List[Problem]:
    """Lines that match files but decide none of them: a later line (of their section) wins every time."""
    distinct = {id(o): o for o in ownerships}
    deciding = {e.rule.index for o in distinct.values() for e in o.deciding}
    repeated = _replaced(codeowners)
    live = {e.rule.index for entries in sections(codeowners).values() for e in effective(entries, codeowners.dialect)}
    candidates = {e.rule.index: e for e in codeowners.entries if not e.exclusion and e.rule.index in used
                  and e.rule.index in live and e.rule.index not in deciding and e.rule.index not in repeated}
    if not candidates:
        return []
    # Every distinct ownership knows the lines matching its paths: count its paths once, not per path.
    files_of = Counter(map(id, ownerships))
    counts: Dict[int, int] = {}
    winners: Dict[int, Dict[int, bool]] = {}  # candidate -> line that decides instead -> whether an exclusion
    for key, ownership in distinct.items():
        # The deciding lines grouped by section once per ownership, not scanned per matching line: a GitLab
        # file of 66,000 sections each matching every path made that scan quadratic (96 s; issue 10).
        by_section: Optional[Dict[str, Dict[int, bool]]] = None
        for entry in ownership.matching:
            if entry.rule.index not in candidates:
                continue
            counts[entry.rule.index] = counts.get(entry.rule.index, 0) + files_of[key]
            if by_section is None:
                by_section = {}
                for d in ownership.deciding + ownership.excluded:
                    by_section.setdefault(d.section, {})[d.line] = d.exclusion
            winners.setdefault(entry.rule.index, {}).update(by_section.get(entry.section, {}))
    found = []
    for index, entry in sorted(candidates.items()):
        lines = sorted(winners.get(index, {}))
        which = f"line {lines[0]}" if len(lines) == 1 else "lines " + ", ".join(map(str, lines[:5]))
        if len(lines) > 5:
            which += f" and {len(lines) - 5} more"
        kinds = set(winners.get(index, {}).values())
        verb = "decide or exclude" if len(kinds) > 1 else "exclude" if True in kinds else "decide"
        if len(lines) == 1:
            verb = verb.replace("decide", "decides").replace("exclude", "excludes")
        count = counts.get(index, 0)
        files = "1 file" if count == 1 else f"{count} files"
        scope = "" if codeowners.dialect == GITHUB else f" {'from' if verb.startswith('exclude') else 'in'} " \
            f"section [{entry.section}]"
        them = "it" if count == 1 else "all of them"
        message = f"pattern '{entry.text}' matches {files}, but {which} {verb} {them}{scope}"
        found.append(_problem(codeowners, entry, "shadowed", message,
                              f"delete the line, or move it below line {lines[-1]} if it should win"))
    return found


def undeclared(codeowners: CodeOwners, declared: Declared) -> List[Problem]:
    """Owners the project does not declare, each where it is written (owners are case-insensitive)."""
    known = {o.casefold(): o for o in declared.owners}
    found = []
    places: List[Tuple[int, Tuple[str, ...]]] = [(e.line, e.owners) for e in codeowners.entries if not e.defaulted]
    places += [(line, owners) for line, _, owners in codeowners.headers]
    for number, owners in sorted(places):
        text = codeowners.lines[number - 1]
        tokens = split_line(text, codeowners.dialect)[0]
        columns = {token: column + 1 for column, token in reversed(tokens)}
        after = tokens[0][0] + len(tokens[0][1]) if tokens else 0  # owners are written after the pattern
        for owner in owners:
            if owner.casefold() in known:
                continue
            import difflib  # lazily, for start-up time: only an undeclared owner needs a suggestion

            close = difflib.get_close_matches(owner.casefold(), list(known), n=1)
            # GitLab finds owners inside words ("@a,@b", issue 15): then the column is where the owner is written.
            column = columns.get(owner) or text.find(owner, after) + 1 or 1
            found.append(Problem(codeowners.source, number, column, "undeclared",
                                 f"owner '{owner}' is not declared in {declared.source}", text,
                                 f"did you mean '{known[close[0]]}'?" if close else
                                 f"add '{owner}' to {declared.source}"))
    return found
