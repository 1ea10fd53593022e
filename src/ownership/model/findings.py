"""The findings every output lists: one small read-only class per kind of problem (a tagged union), the kinds
in output order, and the defaults.

Each class holds only the fields its kind has and computes its own ``where``, ``key`` and ``message``; a
formatter that needs more (a CODEOWNERS line's column, a conflict's rules) asks ``isinstance``, never which
optional fields happen to be set. The classes are ``Record`` classes, not frozen dataclasses: this module is on
every hook's path, and creating thirteen dataclasses cost 4 ms at import (issue 14).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Optional, Tuple, Union
from ownership.model.words import count, verb

from ownership.codeowners.names import LINT_KINDS
from ownership.core.record import Record
from ownership.core.rules import Origin, Rule

if TYPE_CHECKING:
    from ownership.codeowners.syntax import Problem

RACI_KINDS = ("no-accountable", "several-accountable", "no-responsible", "empty-phase", "split-phase")
LETTER_NAMES = {"R": "responsible", "A": "accountable", "C": "consulted", "I": "informed"}

# Read from git history, and only when asked for (``check --fail-on``/``--warn-on``): never by default.
HISTORY_KINDS = ("drift", "inactive-owner", "low-truck-factor")

# In this order in every output. The lint kinds after "unused" only arise from a CODEOWNERS file, the RACI
# kinds from a role map with phases, the history kinds from git history.
FINDING_KINDS = ("error", "unowned", "explicitly-unowned", "conflict") + LINT_KINDS + RACI_KINDS + HISTORY_KINDS
DEFAULT_FAIL_ON = ("error", "unowned", "conflict", "no-accountable", "several-accountable", "no-responsible")
DEFAULT_WARN_ON = ("explicitly-unowned", "unused", "duplicate", "shadowed", "undeclared")  # shown, not failing
ROLEMAP_WARN_ON = ("unused", "shadowed")  # the same for a role map: its mistakes are shown by default (issue 12)
# The kinds only one kind of rules can produce ("error" with a role map is exit 2, never a finding).
CODEOWNERS_ONLY = ("error", "explicitly-unowned", "duplicate", "undeclared", "portability")
ROLEMAP_ONLY = ("conflict",) + RACI_KINDS
JSON_VERSION = 1


class UnownedFile(Record):
    """A file no rule gives an owner."""

    __slots__ = ("path", "reason")

    def __init__(self, path: str, reason: str = "") -> None:
        self.path = path
        self.reason = reason  # overrides the default message (CODEOWNERS words it its own way)

    kind: ClassVar[str] = "unowned"
    key_fields: ClassVar[Tuple[str, ...]] = ("path",)

    @property
    def where(self) -> str:
        return self.path

    @property
    def key(self) -> Tuple[str, ...]:
        return (self.kind, self.path)

    @property
    def message(self) -> str:
        return self.reason or "no rule matches"


class ExemptFile(Record):
    """A file left unowned on purpose: the CODEOWNERS line that decides it names no owner (GitHub's documented
    way to exempt files), or GitLab ``!`` exclusions take it out of every section that matches it."""

    __slots__ = ("path", "rule", "excluded")

    def __init__(self, path: str, rule: Rule, excluded: bool = False) -> None:
        self.path = path
        self.rule = rule  # the line that exempts it
        self.excluded = excluded  # GitLab: an exclusion line, not a line without owners

    kind: ClassVar[str] = "explicitly-unowned"
    key_fields: ClassVar[Tuple[str, ...]] = ("path",)

    @property
    def where(self) -> str:
        return self.path

    @property
    def key(self) -> Tuple[str, ...]:
        return (self.kind, self.path)

    @property
    def message(self) -> str:
        line = f"line {self.rule.origin.line} {self.rule.glob!r}"
        if self.excluded:
            return f"{line} excludes it from every section that matches it"
        return f"the deciding {line} names no owner"


class ConflictFile(Record):
    """A file that rules of several roles claim (``strict`` resolution)."""

    __slots__ = ("path", "candidates")

    def __init__(self, path: str, candidates: Tuple[Rule, ...]) -> None:
        self.path = path
        self.candidates = candidates

    kind: ClassVar[str] = "conflict"
    key_fields: ClassVar[Tuple[str, ...]] = ("path", "roles")

    @property
    def where(self) -> str:
        return self.path

    @property
    def key(self) -> Tuple[str, ...]:
        """The path and the competing roles: the same file contested by other roles is a new finding."""
        return (self.kind, self.path, *sorted({r.label for r in self.candidates}))

    @property
    def message(self) -> str:
        return " and ".join(f"{r.label} ({r.glob}, {r.origin})" for r in self.candidates) + " claim it"


class UnusedRule(Record):
    """A role-map pattern that matches no file: a role's, or ``settings.ignore``'s."""

    __slots__ = ("rule", "hint")

    def __init__(self, rule: Rule, hint: str = "") -> None:
        self.rule = rule
        self.hint = hint  # what the pattern likely means (a typo: a backslash, a case, a space), or ""

    kind: ClassVar[str] = "unused"
    key_fields: ClassVar[Tuple[str, ...]] = ("role", "pattern")  # the same for the kinds below

    @property
    def origin(self) -> Origin:
        return self.rule.origin

    @property
    def where(self) -> str:
        return str(self.rule.origin)

    @property
    def key(self) -> Tuple[str, ...]:
        return (self.kind, self.rule.label, self.rule.glob)

    @property
    def owner(self) -> str:
        """Whose pattern it is, in words."""
        return f"role {self.rule.role!r}" if self.rule.role is not None else "settings.ignore"

    @property
    def message(self) -> str:
        return f"pattern {self.rule.glob!r} of {self.owner} matches no file" + (f": {self.hint}" if self.hint else "")


class ShadowedRule(UnusedRule):
    """A role-map pattern that matches files but decides none of them: other patterns win every time."""

    __slots__ = ("files", "winners")

    def __init__(self, rule: Rule, hint: str = "", files: int = 0, winners: Tuple[Rule, ...] = ()) -> None:
        super().__init__(rule, hint)
        self.files = files
        self.winners = winners  # the patterns that decide its files instead, in rule order

    kind: ClassVar[str] = "shadowed"

    @property
    def message(self) -> str:
        files = count(self.files, "file")
        them = "it" if self.files == 1 else "all of them"
        shown = ", ".join(f"{r.glob!r} of {'role ' + repr(r.role) if r.role is not None else 'settings.ignore'} "
                          f"(line {r.origin.line})" for r in self.winners[:3])
        more = f" and {len(self.winners) - 3} more" if len(self.winners) > 3 else ""
        decide = verb(len(self.winners), "decides", "decide")
        return f"pattern {self.rule.glob!r} of {self.owner} matches {files}, but {shown}{more} {decide} {them}"


class UnusedLetter(UnusedRule):
    """A role's accountable, consulted or informed pattern that matches no file."""

    __slots__ = ("letter",)

    def __init__(self, rule: Rule, hint: str = "", letter: str = "") -> None:
        super().__init__(rule, hint)
        self.letter = letter

    @property
    def owner(self) -> str:
        return f"{super().owner} ({LETTER_NAMES[self.letter]})"


class UnusedPhaseRule(UnusedRule):
    """A RACI phase's pattern that matches no file."""

    __slots__ = ("phase",)

    def __init__(self, rule: Rule, hint: str = "", phase: str = "") -> None:
        super().__init__(rule, hint)
        self.phase = phase

    @property
    def owner(self) -> str:
        return f"phase {self.phase!r}"


class LineProblem(Record):
    """A CODEOWNERS line: an error the platform reports (kind ``error``) or a lint finding (its lint kind)."""

    __slots__ = ("kind", "problem")

    def __init__(self, kind: str, problem: Problem) -> None:
        self.kind = kind
        self.problem = problem

    key_fields: ClassVar[Tuple[str, ...]] = ("file", "type", "text")

    @property
    def where(self) -> str:
        return self.problem.location

    @property
    def key(self) -> Tuple[str, ...]:
        """The file and the line's text, never its number, which moves when lines are added above it."""
        return (self.kind, self.problem.path, self.problem.kind, self.problem.source)

    @property
    def message(self) -> str:
        if self.problem.kind == self.kind:
            return self.problem.message
        return f"{self.problem.kind}: {self.problem.message}"


class PhaseProblem(Record):
    """A RACI phase's problem (no or several Accountable roles, no Responsible one, no files), at the place
    the role map declares the phase."""

    __slots__ = ("kind", "phase", "origin", "detail", "roles")

    def __init__(self, kind: str, phase: str, origin: Origin, detail: str, roles: Tuple[str, ...] = ()) -> None:
        self.kind = kind
        self.phase = phase
        self.origin = origin
        self.detail = detail  # the message, worded where the numbers are known
        self.roles = roles  # several-accountable: the roles

    key_fields: ClassVar[Tuple[str, ...]] = ("phase", "path", "roles")

    @property
    def where(self) -> str:
        return str(self.origin)

    @property
    def key(self) -> Tuple[str, ...]:
        return (self.kind, self.phase, "", *self.roles)

    @property
    def message(self) -> str:
        return self.detail


class SplitFile(Record):
    """A file of a RACI phase that another role owns than the one Responsible for most of the phase."""

    __slots__ = ("path", "phase", "owner", "responsible", "detail")

    def __init__(self, path: str, phase: str, owner: str, responsible: str, detail: str) -> None:
        self.path = path
        self.phase = phase
        self.owner = owner
        self.responsible = responsible  # "" when the phase has no Responsible role
        self.detail = detail  # the message, worded where the numbers are known

    kind: ClassVar[str] = "split-phase"
    key_fields: ClassVar[Tuple[str, ...]] = ("phase", "path", "roles")

    @property
    def roles(self) -> Tuple[str, str]:
        return (self.owner, self.responsible)

    @property
    def where(self) -> str:
        return self.path

    @property
    def key(self) -> Tuple[str, ...]:
        return (self.kind, self.phase, self.path, *self.roles)

    @property
    def message(self) -> str:
        return self.detail


class DriftFile(Record):
    """A file owned by a role none of whose members authors it, while a member of another role does."""

    __slots__ = ("path", "role", "authors", "others")

    def __init__(self, path: str, role: str, authors: Tuple[str, ...], others: Tuple[str, ...]) -> None:
        self.path = path
        self.role = role
        self.authors = authors  # the file's authors, highest degree of authorship first
        self.others = others  # the other roles their members belong to, in role-map order

    kind: ClassVar[str] = "drift"
    key_fields: ClassVar[Tuple[str, ...]] = ("path", "role")

    @property
    def where(self) -> str:
        return self.path

    @property
    def key(self) -> Tuple[str, ...]:
        return (self.kind, self.path, self.role)

    @property
    def message(self) -> str:
        roles = " and ".join(repr(r) for r in self.others)
        return (f"owned by {self.role!r}, but authored by {', '.join(self.authors)} "
                f"(of {roles}), none of them a member of {self.role!r}")


class InactiveOwner(Record):
    """A member of a role (or an owner) with no commit since ``cutoff``, at the place the role is declared."""

    __slots__ = ("role", "member", "last_commit", "cutoff", "origin")

    def __init__(self, role: str, member: str, last_commit: Optional[str], cutoff: str, origin: Origin) -> None:
        self.role = role
        self.member = member
        self.last_commit = last_commit  # "YYYY-MM-DD" of the member's last commit in the history read, or None
        self.cutoff = cutoff  # "YYYY-MM-DD": a commit on or after it is recent
        self.origin = origin

    kind: ClassVar[str] = "inactive-owner"
    key_fields: ClassVar[Tuple[str, ...]] = ("role", "member")

    @property
    def where(self) -> str:
        return str(self.origin)

    @property
    def key(self) -> Tuple[str, ...]:
        return (self.kind, self.role, self.member)

    @property
    def message(self) -> str:
        last = f"last commit {self.last_commit}" if self.last_commit else "no commit in the history read"
        return f"{self.member} of role {self.role!r} has no commit since {self.cutoff} ({last})"


class LowTruckFactor(Record):
    """A role whose files have a truck factor at or below the threshold, at the place the role is declared."""

    __slots__ = ("role", "value", "authors", "threshold", "files", "origin")

    def __init__(self, role: str, value: int, authors: Tuple[str, ...], threshold: int, files: int,
                 origin: Origin) -> None:
        self.role = role
        self.value = value
        self.authors = authors  # the authors whose loss leaves most of the files without one, in removal order
        self.threshold = threshold
        self.files = files
        self.origin = origin

    kind: ClassVar[str] = "low-truck-factor"
    key_fields: ClassVar[Tuple[str, ...]] = ("role",)

    @property
    def where(self) -> str:
        return str(self.origin)

    @property
    def key(self) -> Tuple[str, ...]:
        return (self.kind, self.role)

    @property
    def message(self) -> str:
        who = f" ({', '.join(self.authors)})" if self.authors else ""
        return (f"role {self.role!r} has a truck factor of {self.value}{who} over its "
                f"{count(self.files, 'file')} (at most {self.threshold} is reported)")


# One problem, whichever kind: every class has ``kind``, ``where``, ``key`` and ``message``, and names the
# parts of its key after the kind in ``key_fields`` (a baseline entry's fields; "roles" takes the rest).
Finding = Union[
    UnownedFile, ExemptFile, ConflictFile, UnusedRule, ShadowedRule, UnusedLetter, UnusedPhaseRule, LineProblem,
    PhaseProblem, SplitFile, DriftFile, InactiveOwner, LowTruckFactor,
]
# The findings about one file (``path``), as opposed to a position in a rules file.
FILE_FINDINGS = (UnownedFile, ExemptFile, ConflictFile, SplitFile, DriftFile)
