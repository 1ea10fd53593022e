"""The findings every output lists: one ``Finding`` shape, the kinds in output order, and the defaults."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from ownership.codeowners.syntax import LINT_KINDS, Problem
from ownership.core.rules import Origin, Rule

RACI_KINDS = ("no-accountable", "several-accountable", "no-responsible", "empty-phase", "split-phase")
LETTER_NAMES = {"R": "responsible", "A": "accountable", "C": "consulted", "I": "informed"}

# In this order in every output. The lint kinds after "unused" only arise from a CODEOWNERS file, the RACI
# kinds from a role map with phases.
FINDING_KINDS = ("error", "unowned", "conflict") + LINT_KINDS + RACI_KINDS
DEFAULT_FAIL_ON = ("error", "unowned", "conflict", "no-accountable", "several-accountable", "no-responsible")
DEFAULT_WARN_ON = ("unused", "duplicate", "shadowed", "undeclared")  # shown, not failing, for CODEOWNERS
JSON_VERSION = 1


@dataclass(frozen=True)
class Finding:
    """One problem: an unowned or conflicted file, a role-map rule that matches nothing, a CODEOWNERS line
    (``problem``: an error the platform reports, or a lint finding of kind ``kind``), or a RACI phase's
    problem."""

    kind: str
    path: Optional[str] = None
    rule: Optional[Rule] = None
    candidates: Tuple[Rule, ...] = ()
    problem: Optional[Problem] = None
    reason: str = ""  # overrides the default message of an unowned file
    phase: Optional[str] = None  # the RACI phase it is about
    origin: Optional[Origin] = None  # where that phase is declared (for a finding about the phase)
    roles: Tuple[str, ...] = ()  # several-accountable: the roles; split-phase: the owner, the phase's
    letter: Optional[str] = None  # an unused accountable, consulted or informed pattern's letter
    detail: str = ""  # the message of a RACI finding, worded where the numbers are known

    @property
    def where(self) -> str:
        """The file the finding is about, or the source position of the rule, line or phase it is about."""
        if self.path is not None:
            return self.path
        if self.origin is not None:
            return str(self.origin)
        return self.problem.location if self.problem else str(self.rule.origin)  # type: ignore[union-attr]

    @property
    def key(self) -> Tuple[str, ...]:
        """What identifies this finding from one run to the next, whatever moved around it: the kind and the
        path (a conflict also its roles), a rule's role and pattern, a rejected line's file and text."""
        if self.problem is not None:
            return (self.kind, self.problem.path, self.problem.kind, self.problem.source)
        if self.phase is not None and self.rule is None:  # a RACI phase's problem, or a file split from it
            return (self.kind, self.phase, self.path or "", *self.roles)
        if self.path is not None:
            return (self.kind, self.path, *sorted({r.label for r in self.candidates}))
        assert self.rule is not None
        return (self.kind, self.rule.label, self.rule.glob)

    @property
    def message(self) -> str:
        """What is wrong, in words (file names left raw: each format escapes them for its medium)."""
        if self.kind == "unowned":
            return self.reason or "no rule matches"
        if self.kind == "conflict":
            return " and ".join(f"{r.label} ({r.glob}, {r.origin})" for r in self.candidates) + " claim it"
        if self.problem is not None:
            if self.problem.kind == self.kind:
                return self.problem.message
            return f"{self.problem.kind}: {self.problem.message}"
        if self.detail:
            return self.detail
        assert self.rule is not None
        owner = f"role {self.rule.role!r}" if self.rule.role is not None else "settings.ignore"
        if self.letter is not None:
            owner += f" ({LETTER_NAMES[self.letter]})"
        elif self.phase is not None:
            owner = f"phase {self.phase!r}"
        return f"pattern {self.rule.glob!r} of {owner} matches no file"
