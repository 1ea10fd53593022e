"""The CODEOWNERS dialect's data: owner shapes and the parsed entries (the dialects' names and where platforms
look are in ``names``, kept importable here)."""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from ownership.codeowners.names import DIALECTS as DIALECTS, GITHUB as GITHUB, GITLAB as GITLAB  # re-exported
from ownership.codeowners.names import LINT_KINDS as LINT_KINDS, LOCATIONS as LOCATIONS
from ownership.core.candidates import PathKeys
from ownership.core.lazy import Lazy, regex
from ownership.core.patterns import Pattern, plain_anchor
from ownership.core.record import Record
from ownership.core.rules import Origin, Rule

SIZE_LIMIT = 3 * 1024 * 1024  # GitHub: "CODEOWNERS files must be under 3 MB in size"
DEFAULT_SECTION = "codeowners"  # GitLab's name for the lines above the first section header

# Letters, digits, '-' (legacy logins may end with one) and '_' (Enterprise Managed Users: name_short).
_USER = r"@[A-Za-z0-9_-]+"
_TEAM = rf"{_USER}/[A-Za-z0-9_.-]+"
_EMAIL_PART = r"[^@\s\x00-\x1f\x7f-\x9f]+"  # no control characters: owners are shown as written
_EMAIL = rf"{_EMAIL_PART}@{_EMAIL_PART}\.{_EMAIL_PART}"
GITHUB_OWNER = rf"(?:{_TEAM}|{_USER}|{_EMAIL})"  # one owner, unanchored (the parser's one-line reading uses it)
OWNER = {
    GITHUB: regex(rf"^{GITHUB_OWNER}$"),
    # GitLab: users, groups and nested subgroups, roles (@@developer, plural accepted), e-mail addresses.
    # GitLab: what its ReferenceExtractor takes whole (see ``gitlab_references``): users, groups and nested
    # subgroups, roles (@@developer, any case, plural accepted), e-mail addresses (no dot needed in the domain).
    GITLAB: regex(r"^(?:(?i:@@(?:developer|maintainer|owner)s?)"
                       r"|@(?:(?:[a-zA-Z0-9_.][a-zA-Z0-9_.-]*[a-zA-Z0-9_-]|[a-zA-Z0-9_])(?<!\.git)(?<!\.atom)/)*"
                       r"(?:[a-zA-Z0-9_.][a-zA-Z0-9_.-]*[a-zA-Z0-9_-]|[a-zA-Z0-9_])(?<!\.git)(?<!\.atom)"
                       r"|[^@\s\x00-\x1f\x7f-\x9f]{1,100}@[^@\s\x00-\x1f\x7f-\x9f]{1,255}(?<!\W))$", re.ASCII),
}
# What a handle is often mistyped with, in the place of a team's '/': "@elastic.opex" means "@elastic/opex".
_TEAM_SLIPS = ".:\\|"


def likely_owner(word: str, dialect: str) -> str:
    """The owner a malformed owner ``word`` most likely means, or "" when no single fix makes it valid: a
    team written with another separator than '/', a handle with trailing punctuation or a doubled '@'
    (GitHub), or a user or team name without its '@'."""
    valid = OWNER[dialect].match
    tries = []
    if word.startswith("@"):
        stripped = word.rstrip(",;.:")
        tries.append(stripped)
        slip = next((c for c in stripped if c in _TEAM_SLIPS), None)
        if slip is not None and "/" not in stripped:
            tries.append(stripped.replace(slip, "/", 1))
        if dialect == GITHUB and stripped.startswith("@@"):
            tries.append(stripped[1:])
    elif re.fullmatch(r"[A-Za-z0-9_-]+", word.rstrip(",;")):  # a bare name: a path would have '/' or '.'
        tries.append("@" + word.rstrip(",;"))
    return next((t for t in tries if t != word and valid(t)), "")


class Problem(Record):
    """One finding about a line, in the shape of GitHub's "List CODEOWNERS errors" API."""

    __slots__ = ("path", "line", "column", "kind", "message", "source", "suggestion")

    def __init__(self, path: str, line: int, column: int, kind: str, message: str, source: str,
                 suggestion: str = "") -> None:
        self.path = path  # the CODEOWNERS file
        self.line = line
        self.column = column
        self.kind = kind
        self.message = message
        self.source = source  # the line as written
        self.suggestion = suggestion

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Section(Record):
    """A GitLab section: header lines of the same name (case-insensitive, but see ``_Parser.section_name``)
    make one section."""

    __slots__ = ("name", "line", "optional", "approvals", "default_owners", "entry_approvals")

    def __init__(self, name: str, line: int, optional: bool = False, approvals: int = 1,
                 default_owners: Tuple[str, ...] = (), entry_approvals: Tuple[Tuple[int, int], ...] = ()) -> None:
        self.name = name  # as first written
        self.line = line  # of the first header (0 for the lines above any header)
        self.optional = optional  # GitLab's ``optional_section?``: it has entries and every one of them is optional
        self.approvals = approvals  # of the first header; each entry keeps its own header's (``entry_approvals``)
        self.default_owners = default_owners  # of the first header; each header's own apply to its lines
        self.entry_approvals = entry_approvals  # (line, approvals) of the entries whose count differs

    @property
    def approvals_shown(self) -> str:
        """``optional``, or the approvals, with those of the entries that ask for another count (issue 15)."""
        text = "optional" if self.optional else str(self.approvals)
        return text + "".join(f", line {line}: {count}" for line, count in self.entry_approvals)


class Entry(Record):
    """One rule line: the pattern as written, its owners, and the compiled rule."""

    __slots__ = ("rule", "owners", "section", "exclusion", "text", "key", "defaulted", "optional", "approvals")

    def __init__(self, rule: Rule, owners: Tuple[str, ...], section: str = DEFAULT_SECTION, exclusion: bool = False,
                 text: str = "", key: str = "", defaulted: bool = False, optional: bool = False,
                 approvals: int = 1) -> None:
        self.rule = rule
        self.owners = owners
        self.section = section
        self.exclusion = exclusion  # GitLab "!pattern": the section does not apply to matching paths
        self.text = text  # the pattern token as written (escapes included)
        self.key = key  # what makes two patterns the same: GitHub the text, GitLab the normalised pattern
        self.defaulted = defaulted  # GitLab: the owners are the section header's
        self.optional = optional  # GitLab: written under a ``^[...]`` header (an entry keeps its own header's)
        self.approvals = approvals  # GitLab: the approvals its header asks for

    @property
    def line(self) -> int:
        return self.rule.origin.line


# A plain GitHub line as the parser leaves it until its entry is asked for: (line, column, pattern as written,
# its owners as written). The pattern is one ``Pattern`` accepts without compiling it (the parser's
# ``_PLAIN_GITHUB_LINE`` reads only those), so making it later cannot fail.
Row = Tuple[int, int, str, str]


class Entries(Lazy[Entry]):
    """The entries of a file, in line order, each made when it is first asked for (``core.lazy``, issue 14).

    The parser keeps a plain GitHub line as a ``Row``; the hook's path asks through ``keys``, ``owner_order`` and
    ``select`` for what it needs without making the other entries.
    """

    __slots__ = ("_source", "_keys")

    def __init__(self, items: Sequence[Union[Entry, Row]] = (), source: str = "") -> None:
        super().__init__(items)
        self._source = source
        self._keys: Optional[List[str]] = None

    def _make(self, index: int, row: Tuple[Any, ...]) -> Entry:
        number, column, token, owner_text = row
        owners = tuple(dict.fromkeys(owner_text.split()))
        return Entry(Rule(index, " ".join(owners), token, Origin(self._source, number, column), Pattern(token)),
                     owners, DEFAULT_SECTION, False, token, token)

    def keys(self) -> List[str]:
        """Each line's key (what makes two patterns the same), without making the entries."""
        if self._keys is None:
            self._keys = [item[2] if isinstance(item, tuple) else item.key for item in self._items]
        return self._keys

    def owner_order(self) -> Dict[str, int]:
        """Each owner -> its place in the order the file first names them, without making the entries."""
        named: Dict[str, None] = {}
        rows: List[str] = []  # the owners' text of the rows since the last entry, split at once
        for item in self._items:
            if isinstance(item, tuple):
                rows.append(item[3])
                continue
            named.update(dict.fromkeys(" ".join(rows).split()))
            named.update(dict.fromkeys(item.owners))
            rows = []
        named.update(dict.fromkeys(" ".join(rows).split()))
        return {owner: place for place, owner in enumerate(named)}

    def first_named(self, owners: Iterable[str]) -> Dict[str, int]:
        """Each of ``owners`` -> where the file first names it (a place to sort by: the order of ``owner_order``),
        without making the entries or splitting every line's owners: a hook's files have a few owners."""
        text = "\n".join([item[3] if isinstance(item, tuple) else " ".join(item.owners) for item in self._items])
        places = {}
        for owner in owners:
            at = text.find(owner)  # an owner is a whole word of the text: between white space or its ends
            while at >= 0 and not ((at == 0 or text[at - 1].isspace()) and
                                   (at + len(owner) == len(text) or text[at + len(owner)].isspace())):
                at = text.find(owner, at + 1)
            places[owner] = at if at >= 0 else len(text)
        return places

    def select(self, keys: PathKeys) -> List[Entry]:
        """The entries whose pattern may match one of the paths of ``keys``, in line order; only those are made."""
        may_hold, could_hold = keys.may_hold, keys.could_hold  # a row's text first, its anchor if need be
        kept = []
        for index, item in enumerate(self._items):
            if not isinstance(item, tuple):
                if may_hold(item.rule.pattern.anchor):
                    kept.append(self._item(index))
            elif could_hold(item[2]) and may_hold(plain_anchor(item[2])):
                kept.append(self._item(index))
        return kept


class CodeOwners(Record):
    """A parsed CODEOWNERS file: its entries, the problems of its lines, and (GitLab) its sections."""

    __slots__ = ("source", "dialect", "entries", "problems", "sections", "lines", "headers", "skipped")
    _shown = ("source", "dialect", "entries", "problems", "sections", "headers", "skipped")

    def __init__(self, source: str, dialect: str, entries: Sequence[Entry], problems: Tuple[Problem, ...] = (),
                 sections: Tuple[Section, ...] = (), lines: Tuple[str, ...] = (),
                 headers: Tuple[Tuple[int, int, Tuple[str, ...]], ...] = (), skipped: Tuple[Entry, ...] = ()) -> None:
        self.source = source
        self.dialect = dialect
        self.entries = entries  # a tuple, or the parser's ``Entries`` (made on first use)
        self.problems = problems
        self.sections = sections  # GitLab: sections that hold entries, in order (default first)
        self.lines = lines
        self.headers = headers  # GitLab: (line, column, owners) per header
        # GitHub: the lines it skips for a malformed owner (their pattern is valid), owners as written; ``who``
        # says when one of them would have matched.
        self.skipped = skipped

    @property
    def rules(self) -> Tuple[Rule, ...]:
        return tuple(e.rule for e in self.entries)
