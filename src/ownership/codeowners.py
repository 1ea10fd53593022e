"""CODEOWNERS text -> entries, with GitHub's or GitLab's rules for reading it. Pure; no I/O.

GitHub (docs "About code owners"): one rule a line, ``PATTERN OWNER...``; ``#`` starts a comment, also after
a rule; owners are ``@user``, ``@org/team`` or an e-mail address; a line without owners is valid. Syntax
GitHub does not support (``!`` negation, ``[ ]`` ranges: brackets must be escaped, ``\\#`` for a leading ``#``;
other ``\\`` escapes, ``\\ `` for a space included, are gitignore's) and malformed owners make GitHub report
the line as an error and skip it: so does this parser, which keeps the line as a ``Problem`` (the fields of
GitHub's "List CODEOWNERS errors" API) and reads the rest.

GitLab (docs "Syntax of CODEOWNERS file", "Advanced CODEOWNERS configuration"; ``ee/lib/gitlab/code_owners``):
lines are grouped by ``[Section]`` headers (``^[Section]`` optional, ``[Section][2]`` approvals, default
owners after the header); names are case-insensitive and same-named sections are one section; ``!pattern``
excludes paths from its section; ``@@role`` owners; ``\\#`` escapes a leading ``#``; no inline comments (the
owners named in one still count). Malformed owners are reported and ignored, the rest of the line counts; a
line with no owner takes its section's default owners, or is reported (zero owners) and still decides.
Patterns follow ``gitlab_patterns``; a repeated pattern in a section replaces the earlier line's owners at
the earlier line's place in the order (GitLab keys a section's entries by pattern).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Set, Tuple

from ownership.errors import ConfigError, PatternError
from ownership.gitlab_patterns import compile_gitlab, normalise
from ownership.patterns import Pattern
from ownership.rules import Origin, Rule

if TYPE_CHECKING:
    from ownership.codeowners_match import Ownership

GITHUB, GITLAB = "github", "gitlab"
DIALECTS = (GITHUB, GITLAB)
SIZE_LIMIT = 3 * 1024 * 1024  # GitHub: "CODEOWNERS files must be under 3 MB in size"
LOCATIONS = {  # where each platform looks, in its order; the first file found is the one used
    GITHUB: (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"),
    GITLAB: ("CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"),
}
DEFAULT_SECTION = "codeowners"  # GitLab's name for the lines above the first section header

# Letters, digits, '-' (legacy logins may end with one) and '_' (Enterprise Managed Users: name_short).
_USER = r"@[A-Za-z0-9_-]+"
_TEAM = rf"{_USER}/[A-Za-z0-9_.-]+"
_EMAIL_PART = r"[^@\s\x00-\x1f\x7f-\x9f]+"  # no control characters: owners are shown as written
_EMAIL = rf"{_EMAIL_PART}@{_EMAIL_PART}\.{_EMAIL_PART}"
OWNER = {
    GITHUB: re.compile(rf"^(?:{_TEAM}|{_USER}|{_EMAIL})$"),
    # GitLab: users, groups and nested subgroups, roles (@@developer, plural accepted), e-mail addresses.
    GITLAB: re.compile(rf"^(?:@@(?:developer|maintainer|owner)s?|@[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*|{_EMAIL})$"),
}
_BLANK = " \t\f\v\r"  # what separates tokens (ASCII only: a no-break space belongs to a path)
# GitLab's SectionParser: HEADER_REGEX (unanchored at the end) and STRICT_HEADER_REGEX.
_HEADER = re.compile(r"^(\^)?\[(.*?)\](?:\[([\s\d]*)\])?(\s*[@\w.\-/\s]*)?")
_STRICT_HEADER = re.compile(r"^(\^)?\[[^\]]+\](\[\d+\])?(\s+[@\w.\-/\s]+)?$")


@dataclass(frozen=True)
class Problem:
    """One finding about a line, in the shape of GitHub's "List CODEOWNERS errors" API."""

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
    """A GitLab section: header lines of the same name (case-insensitive) make one section."""

    name: str  # as first written
    line: int  # of the first header (0 for the lines above any header)
    optional: bool = False  # only when every header of the name says ``^``
    approvals: int = 1
    default_owners: Tuple[str, ...] = ()  # of the first header; each header's own apply to its lines


@dataclass(frozen=True)
class Entry:
    """One rule line: the pattern as written, its owners, and the compiled rule."""

    rule: Rule
    owners: Tuple[str, ...]
    section: str = DEFAULT_SECTION
    exclusion: bool = False  # GitLab "!pattern": the section does not apply to matching paths
    text: str = ""  # the pattern token as written (escapes included)
    key: str = ""  # what makes two patterns the same: GitHub the text, GitLab the normalised pattern
    defaulted: bool = False  # GitLab: the owners are the section header's

    @property
    def line(self) -> int:
        return self.rule.origin.line


@dataclass(frozen=True)
class CodeOwners:
    source: str
    dialect: str
    entries: Tuple[Entry, ...]
    problems: Tuple[Problem, ...] = ()
    sections: Tuple[Section, ...] = ()  # GitLab: sections that hold entries, in order (default first)
    lines: Tuple[str, ...] = field(default=(), repr=False)
    headers: Tuple[Tuple[int, int, Tuple[str, ...]], ...] = ()  # GitLab: (line, column, owners) per header

    @property
    def rules(self) -> Tuple[Rule, ...]:
        return tuple(e.rule for e in self.entries)


def split_lines(text: str) -> List[str]:
    """The lines of ``text`` as git, GitHub and GitLab read them: a line ends at ``\n`` (a ``\r`` before it,
    or at the very end, is part of the line end). Not ``str.splitlines``, which also breaks at U+2028, U+0085,
    ``\v``, ``\f``, ``\x1c``-``\x1e`` and a lone ``\r``: a 3-line file was read as 5 (issue 10)."""
    lines = text.split("\n")
    if not lines[-1]:  # the text ends with a line end (or is empty): no line after it
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def detect_dialect(text: str) -> str:
    """GitLab's dialect when ``text`` has a well-formed section header, else GitHub's."""
    return GITLAB if has_sections(text.lstrip("\ufeff")) else GITHUB


def has_sections(text: str) -> bool:
    """Whether ``text`` has a well-formed GitLab section header (which makes it GitLab's dialect)."""
    return any(_STRICT_HEADER.match(line.strip()) for line in split_lines(text))


def check_size(data: bytes, source: str) -> None:
    if len(data) >= SIZE_LIMIT:
        raise ConfigError(f"{len(data):,} bytes: GitHub ignores a CODEOWNERS file of 3 MB or more", source)


def split_line(line: str, dialect: str) -> Tuple[List[Tuple[int, str]], Optional[int]]:
    """Whitespace-separated tokens with their 0-based columns (``\\`` keeps the next character, a space
    included, inside a token), and the column of a GitHub inline comment (a token starting with ``#``)."""
    tokens: List[Tuple[int, str]] = []
    i, n = 0, len(line)
    while i < n:
        if line[i] in _BLANK:
            i += 1
            continue
        if line[i] == "#" and tokens and dialect == GITHUB:
            return tokens, i
        start = i
        while i < n and line[i] not in _BLANK:
            i += 2 if line[i] == "\\" and i + 1 < n else 1
        tokens.append((start, line[start:i]))
    return tokens, None


def parse(text: str, source: str, dialect: Optional[str] = None) -> CodeOwners:
    """Parse CODEOWNERS ``text``; ``dialect`` None picks GitLab when the text has section headers."""
    return _Parser(text.lstrip("\ufeff"), source, dialect).parse()


class _Parser:
    def __init__(self, text: str, source: str, dialect: Optional[str]) -> None:
        self.source = source
        self.dialect = dialect or detect_dialect(text)
        self.lines = tuple(split_lines(text))
        self.entries: List[Entry] = []
        self.problems: List[Problem] = []
        self.sections: Dict[str, Section] = {DEFAULT_SECTION.casefold(): Section(DEFAULT_SECTION, 0)}
        self.headers: List[Tuple[int, int, Tuple[str, ...]]] = []

    def problem(self, number: int, column: int, kind: str, message: str, suggestion: str = "") -> None:
        self.problems.append(Problem(self.source, number, column, kind, message, self.lines[number - 1], suggestion))

    def parse(self) -> CodeOwners:
        current = self.sections[DEFAULT_SECTION.casefold()]
        defaults: Tuple[str, ...] = ()
        for number, raw in enumerate(self.lines, start=1):
            stripped = raw.strip(_BLANK)
            if not stripped or stripped.startswith("#"):
                continue
            if self.dialect == GITLAB and re.match(r"\^?\[", stripped):
                found = self.header(number, raw, stripped)
                if found is not None:
                    current, defaults = found
                continue
            self.entry(number, raw, current, defaults)
        used = {e.section for e in self.entries}
        sections = tuple(s for s in self.sections.values() if s.name in used or s.line)
        return CodeOwners(self.source, self.dialect, tuple(self.entries), tuple(self.problems),
                          sections if self.dialect == GITLAB else (), self.lines, tuple(self.headers))

    def header(self, number: int, raw: str, stripped: str) -> Optional[Tuple[Section, Tuple[str, ...]]]:
        """A GitLab section header (or an unparsable one, which GitLab skips): the section and its owners."""
        column = raw.index(stripped[0]) + 1
        found = _HEADER.match(stripped)
        if not found:
            self.problem(number, column, "invalid section", "unparsable section header: GitLab skips this line")
            return None
        optional, name, approvals, rest = found.groups()
        owners = tuple((rest or "").split())
        if not name.strip():
            self.problem(number, column, "invalid section", "section name is empty")
        elif approvals is not None and (not approvals.strip().isdigit() or (optional and int(approvals))):
            self.problem(number, column, "invalid section", f"invalid approval count [{approvals}]"
                         + (": an optional section cannot require approvals" if optional else ""))
        elif any(not OWNER[GITLAB].match(o) for o in owners):
            bad = next(o for o in owners if not OWNER[GITLAB].match(o))
            self.problem(number, column + stripped.index(bad, found.start(4)), "invalid owner",
                         f"'{bad}' is not a valid default owner")
        elif not _STRICT_HEADER.match(stripped):
            self.problem(number, column + found.end(), "invalid section",
                         f"unexpected text after the section header: '{stripped[found.end():]}'")
        owners = tuple(o for o in owners if OWNER[GITLAB].match(o))
        key = name.casefold()
        count = max(int(approvals), 1) if approvals and approvals.strip().isdigit() else 1
        before = self.sections.get(key)
        if before is None:
            section = Section(name, number, bool(optional), count, owners)
        else:  # same-named sections are one; it is optional only if every header says so
            section = Section(before.name, before.line or number, before.optional and bool(optional),
                              max(before.approvals, count), before.default_owners or owners)
        self.sections[key] = section
        self.headers.append((number, column, owners))
        return section, owners

    def entry(self, number: int, raw: str, section: Section, defaults: Tuple[str, ...]) -> None:
        tokens, _ = split_line(raw, self.dialect)
        (column, token), owner_tokens = tokens[0], tokens[1:]
        column += 1
        gitlab = self.dialect == GITLAB
        if not gitlab and self.unsupported(number, column, token):
            return
        exclusion = gitlab and token.startswith("!")
        if exclusion:  # GitLab reads no owners on an exclusion line
            owner_tokens = []
        bad = [(c + 1, o) for c, o in owner_tokens if not OWNER[self.dialect].match(o)]
        if bad:
            self.invalid_owner(number, *bad[0], token)
            if not gitlab:  # GitHub skips the line; GitLab ignores the malformed owners only
                return
        owners = tuple(dict.fromkeys(o for _, o in owner_tokens if OWNER[self.dialect].match(o)))
        defaulted = gitlab and not owner_tokens and not exclusion and bool(defaults)
        if defaulted:
            owners = defaults
        elif gitlab and not owner_tokens and not exclusion:
            self.problem(number, column, "missing owner", f"pattern '{token}' has no owner and section "
                         f"[{section.name}] no default owners: GitLab counts the line as approved")
        try:
            pattern, key = self.compile(token[1:] if exclusion else token)
        except PatternError as err:
            self.problem(number, column, "invalid pattern", err.message)
            return
        rule = Rule(len(self.entries), " ".join(owners), token, Origin(self.source, number, column), pattern)
        self.entries.append(Entry(rule, owners, section.name, exclusion, token, key, defaulted))

    def compile(self, token: str) -> Tuple[Pattern, str]:
        if self.dialect == GITHUB:
            return Pattern(token), token
        glob = re.sub(r"\\\s", " ", "#" + token[2:] if token.startswith("\\#") else token)
        return compile_gitlab(glob), normalise(glob)

    def unsupported(self, number: int, column: int, token: str) -> bool:
        """Report a pattern GitHub rejects (its docs' syntax exceptions; its error for brackets is "both
        `[` and `]` must be escaped with a `\\`"); True if there was one."""
        if token.startswith("!"):
            self.problem(number, column, "invalid pattern", "negation with '!' is not supported",
                         "GitHub cannot exclude a path: give it its own line, with other owners or none")
            return True
        if token.startswith("\\#"):
            self.problem(number, column, "invalid pattern",
                         "'\\#' does not escape a leading '#': GitHub reads no pattern starting with '#'")
            return True
        i = 0
        while i < len(token):
            if token[i] == "\\":
                i += 2
                continue
            if token[i] in "[]":
                escaped = re.sub(r"(?<!\\)([\[\]])", r"\\\1", token)
                self.problem(number, column + i, "invalid pattern", "both '[' and ']' must be escaped with '\\': "
                             "GitHub has no character ranges", f"to match the brackets literally: '{escaped}'")
                return True
            i += 1
        return False

    def invalid_owner(self, number: int, column: int, owner: str, token: str) -> None:
        suggestion = ""
        if owner.startswith("#"):
            message = f"'{owner}' is not an owner: GitLab has no inline comments (owners named in one still count)"
        else:
            message = f"'{owner}' is not a valid owner: use @user, @org/team" + (
                ", @@role" if self.dialect == GITLAB else "") + " or an e-mail address"
            if "@" not in owner and ("/" in owner or "." in owner or "*" in owner):
                suggestion = f"if the path has a space in it, escape the space: '{token}\\ {owner}'"
        self.problem(number, column, "invalid owner", message, suggestion)


def resolve(codeowners: CodeOwners, paths: "Sequence[str]") -> "Tuple[List[Ownership], Set[int]]":
    """The ownership of every path, and the indexes of the entries whose pattern matches one (see
    ``codeowners_match.resolve``)."""
    from ownership.codeowners_match import resolve as _resolve

    return _resolve(codeowners, paths)
