"""CODEOWNERS text -> rules, with GitHub's or GitLab's semantics, and who owns a path under them. Pure.

GitHub (docs "About code owners"): one rule a line, ``PATTERN OWNER...``; ``#`` starts a comment line; the
last matching line wins; a matching line with no owners leaves the file unowned; owners are ``@user``,
``@org/team`` or an e-mail address; paths are case-sensitive. Syntax GitHub does not support (``!``
negation, ``[ ]`` ranges, ``\\`` escapes other than ``\\ `` for a space) and malformed owners make GitHub
report the line as an error and ignore it: so does this parser, which keeps the line as a ``Problem`` and
evaluates the rest.

GitLab (docs "Code Owners syntax"): the same lines, grouped by ``[Section]`` headers (``^[Section]``
optional, ``[Section][2]`` approvals, default owners after the header); within a section the last match
wins; the owners of every section that matches are combined; ``!pattern`` excludes paths from a section;
role owners such as ``@@maintainer``; ``\\#`` escapes a leading ``#``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from ownership.errors import ConfigError, PatternError
from ownership.patterns import Pattern
from ownership.rules import Origin, Rule

GITHUB, GITLAB = "github", "gitlab"
DIALECTS = (GITHUB, GITLAB)
SIZE_LIMIT = 3 * 1024 * 1024  # GitHub ignores a CODEOWNERS file above 3 MB
LOCATIONS = {
    GITHUB: (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"),
    GITLAB: ("CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"),
}
DEFAULT_SECTION = "Default"

_USER = r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_TEAM = r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+"
_EMAIL = r"[^@\s]+@[^@\s]+\.[^@\s]+"
OWNER = {
    GITHUB: re.compile(rf"^(?:{_TEAM}|{_USER}|{_EMAIL})$"),
    # GitLab: users, groups and nested subgroups, roles (@@developer), e-mail addresses.
    GITLAB: re.compile(rf"^(?:@@(?:developer|maintainer|owner)s?|@[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*|{_EMAIL})$"),
}
_SECTION = re.compile(r"^(\^)?\[([^\]]*)\](?:\[(\d+)\])?(.*)$")


@dataclass(frozen=True)
class Problem:
    """A line the platform reports as an error (and ignores), in the shape of GitHub's errors API."""

    path: str  # the CODEOWNERS file
    line: int
    column: int
    kind: str
    message: str
    source: str  # the line as written
    suggestion: str = ""

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Section:
    name: str
    line: int
    optional: bool = False
    approvals: int = 1
    default_owners: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One valid rule line: its pattern as written, its owners, and the compiled rule."""

    rule: Rule
    owners: Tuple[str, ...]
    section: str = DEFAULT_SECTION
    exclusion: bool = False  # GitLab "!pattern": the section does not apply to matching paths
    text: str = ""  # the pattern token as written (escapes included)

    @property
    def line(self) -> int:
        return self.rule.origin.line


@dataclass(frozen=True)
class CodeOwners:
    source: str
    dialect: str
    entries: Tuple[Entry, ...]
    problems: Tuple[Problem, ...] = ()
    sections: Tuple[Section, ...] = ()
    lines: Tuple[str, ...] = field(default=(), repr=False)

    @property
    def rules(self) -> Tuple[Rule, ...]:
        return tuple(e.rule for e in self.entries)


def has_sections(text: str) -> bool:
    """Whether ``text`` uses GitLab section headers (which makes it GitLab's dialect)."""
    return any(_looks_like_header(line.strip()) for line in text.splitlines())


def _looks_like_header(line: str) -> bool:
    """``[Name]``, ``^[Name]`` or ``[Name][2]``, then nothing or whitespace and default owners."""
    found = _SECTION.match(line)
    return bool(found) and (not found.group(4) or found.group(4)[:1].isspace())


def check_size(data: bytes, source: str) -> None:
    if len(data) > SIZE_LIMIT:
        raise ConfigError(
            f"CODEOWNERS is {len(data):,} bytes, over GitHub's 3 MB limit: GitHub ignores the whole file", source
        )


def _split_line(line: str) -> Tuple[List[Tuple[int, str]], Optional[int]]:
    """Whitespace-separated tokens with their 0-based columns (``\\ `` keeps a space inside a token), and
    the column of an inline comment (``#`` after whitespace), if any."""
    tokens: List[Tuple[int, str]] = []
    i, n = 0, len(line)
    while i < n:
        if line[i] in " \t":
            i += 1
            continue
        if line[i] == "#" and tokens:
            return tokens, i
        start, chars = i, []
        while i < n and line[i] not in " \t":
            if line[i] == "\\" and i + 1 < n:
                chars.append(line[i : i + 2])
                i += 2
                continue
            chars.append(line[i])
            i += 1
        tokens.append((start, "".join(chars)))
    return tokens, None


def parse(text: str, source: str, dialect: Optional[str] = None) -> CodeOwners:
    """Parse CODEOWNERS ``text``; ``dialect`` None picks GitLab when the text has section headers."""
    text = text.lstrip("\ufeff")
    dialect = dialect or (GITLAB if has_sections(text) else GITHUB)
    lines = tuple(text.splitlines())
    entries: List[Entry] = []
    problems: List[Problem] = []
    sections: List[Section] = []
    section = Section(DEFAULT_SECTION, 0)
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if dialect == GITLAB and _looks_like_header(stripped):
            section, problem = _section(source, stripped, raw, number)
            if problem:
                problems.append(problem)
            else:
                sections.append(section)
            continue
        tokens, _ = _split_line(raw)
        (column, token), owner_tokens = tokens[0], tokens[1:]
        problem = _check_pattern(source, token, raw, number, column + 1, dialect)
        if problem:
            problems.append(problem)
            continue
        owners = tuple(t for _, t in owner_tokens)
        bad = next(((c, o) for c, o in owner_tokens if not OWNER[dialect].match(o)), None)
        if bad:
            problems.append(Problem(source, number, bad[0] + 1, "invalid owner",
                                    f"{bad[1]!r} is not a valid owner: use @user, @org/team or an e-mail address",
                                    raw))
            continue
        exclusion = dialect == GITLAB and token.startswith("!")
        glob = _unescape(token[1:] if exclusion else token)
        if not owners and dialect == GITLAB and not exclusion:
            owners = section.default_owners
        try:
            pattern = Pattern(glob)
        except PatternError as err:
            problems.append(Problem(source, number, column + 1, "invalid pattern", err.message, raw))
            continue
        rule = Rule(len(entries), " ".join(owners), glob, Origin(source, number, column + 1), pattern)
        entries.append(Entry(rule, owners, section.name, exclusion, token))
    return CodeOwners(source, dialect, tuple(entries), tuple(problems), tuple(sections), lines)


def _section(source: str, stripped: str, raw: str, number: int) -> Tuple[Section, Optional[Problem]]:
    found = _SECTION.match(stripped)
    assert found
    optional, name, approvals, rest = found.groups()
    name = name.strip()
    if not name:
        return Section(DEFAULT_SECTION, number), Problem(source, number, 1, "invalid section", "section name is empty", raw)
    owners = tuple(rest.split("#", 1)[0].split())
    return Section(name, number, bool(optional), int(approvals) if approvals else 1, owners), None


def _check_pattern(source: str, token: str, raw: str, number: int, column: int, dialect: str) -> Optional[Problem]:
    """The problem the platform reports for a pattern it does not support, if any."""
    if dialect == GITHUB:
        if token.startswith("!"):
            return Problem(source, number, column, "unsupported syntax", "negation with '!' is not supported", raw)
        bracket = next((i for i, c in enumerate(token) if c in "[]"), -1)
        if bracket >= 0:
            return Problem(source, number, column + bracket, "unsupported syntax",
                           "character ranges with '[ ]' are not supported", raw)
        escape = next((i for i in range(len(token) - 1) if token[i] == "\\" and token[i + 1] != " "), -1)
        if escape >= 0 or token.endswith("\\"):
            return Problem(source, number, column + max(escape, 0), "unsupported syntax",
                           "'\\' escapes are not supported (only '\\ ' for a space)", raw)
    return None


def _unescape(token: str) -> str:
    """The glob a token stands for: ``\\ `` is a space, ``\\#`` a ``#`` (GitLab), other escapes stay."""
    out = token.replace("\\ ", " ")
    return "#" + out[2:] if out.startswith("\\#") else out


# --- who owns a path ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ownership:
    """The owners a CODEOWNERS file gives one path, and the lines that decided it (one per section)."""

    owners: Tuple[str, ...]
    deciding: Tuple[Entry, ...]


def resolve(codeowners: CodeOwners, paths: Sequence[str]) -> Tuple[List[Ownership], set]:
    """The ownership of every path, and the indexes of the entries that matched at least one path."""
    from ownership.matcher import OWNED, Outcome, Resolver

    by_section: Dict[str, List[Entry]] = {}
    for entry in codeowners.entries:
        by_section.setdefault(entry.section, []).append(entry)
    entry_of = {id(e.rule): e for e in codeowners.entries}
    used: set = set()
    columns: List[List[Outcome]] = []  # per section: the included lines' outcomes, then the exclusions'
    for entries in by_section.values():
        for part in ([e for e in entries if not e.exclusion], [e for e in entries if e.exclusion]):
            if part:
                resolver = Resolver([e.rule for e in part], "last")
                columns.append(resolver.resolve(paths))
                used.update(part[i].rule.index for i in resolver.used)

    def decide(row: Tuple[Outcome, ...]) -> Ownership:
        deciding: List[Entry] = []
        for outcome in row:
            entry = entry_of[id(outcome.winner)] if outcome.status == OWNED else None
            if entry is not None and entry.exclusion:  # the section's matching line (if any) does not apply
                if deciding and deciding[-1].section == entry.section:
                    deciding.pop()
            elif entry is not None:
                deciding.append(entry)
        owners = tuple(dict.fromkeys(o for entry in deciding for o in entry.owners))
        return Ownership(owners, tuple(deciding))

    # Outcomes are shared objects, so one Ownership per distinct combination of them is enough.
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
    """Every entry whose pattern matches ``path``, in line order (for ``who``)."""
    return [e for e in codeowners.entries if e.rule.pattern.matches(path)]

