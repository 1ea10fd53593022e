"""The result model that every output format reads: a frozen ``Report`` and the ``Explanation`` of a path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, FrozenSet, List, Optional, Sequence, Tuple

from ownership.codeowners.syntax import Section
from ownership.core.matcher import Outcome
from ownership.core.rules import Role, Rule
from ownership.model.findings import (
    DEFAULT_FAIL_ON, FINDING_KINDS, ConflictFile, Finding, LineProblem, UnownedFile, UnusedRule,
)

if TYPE_CHECKING:  # a field's type only: a hook's check reads no RACI matrix, and need not import it
    from ownership.model.raci import Raci


@dataclass(frozen=True)
class Conflict:
    path: str
    candidates: Tuple[Rule, ...]


@dataclass(frozen=True)
class RoleFiles:
    role: Role
    files: Tuple[str, ...]
    rules: Tuple[Rule, ...] = ()  # built with deciding=True: the deciding rule of each file, in the same order


@dataclass(frozen=True)
class SectionFiles:
    """A GitLab section and the files it gives owners to (its deciding line names some or none)."""

    section: Section
    files: Tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """Ownership of a set of files under one role map or CODEOWNERS file. Files keep their listed order.

    With CODEOWNERS, owners play the part of roles: a file with two owners is in both owners' lists.
    """

    root: str
    source: str
    resolution: str
    total: int
    owned: int
    roles: Tuple[RoleFiles, ...]
    unowned: Tuple[str, ...]
    conflicts: Tuple[Conflict, ...]
    ignored: Tuple[str, ...]
    unused: Tuple[Rule, ...]
    whole_tree: bool = True  # False when only given files were checked: unused rules are then unknown
    kind: str = "role map"  # or "CODEOWNERS"
    problems: Tuple[LineProblem, ...] = ()  # CODEOWNERS lines: errors and lint findings, in line order
    sections: Tuple[SectionFiles, ...] = ()  # GitLab sections, in order
    known: Optional[FrozenSet[Tuple[str, ...]]] = None  # finding keys of a baseline: accepted, not reported
    raci: Optional[Raci] = None  # the RACI matrix, when the role map has phases and the whole tree is read
    ignored_by: Tuple[Rule, ...] = ()  # built with deciding=True: the ignore rule of each ignored file

    @property
    def coverage(self) -> float:
        """Owned files as a percentage of the files that are not ignored (100 when there are none)."""
        counted = self.total - len(self.ignored)
        return 100.0 * self.owned / counted if counted else 100.0

    @property
    def described(self) -> str:
        """Where the rules come from, in words: ``role map X, resolution Y`` or ``CODEOWNERS X, github``."""
        if self.kind == "role map":
            return f"role map {self.source}, resolution {self.resolution}"
        return f"CODEOWNERS {self.source}, {self.resolution} semantics"

    def findings(self, kinds: Sequence[str] = FINDING_KINDS) -> List[Finding]:
        """The findings of ``kinds``, less those a baseline accepts."""
        found = self.all_findings(kinds)
        return [f for f in found if f.key not in self.known] if self.known else found

    def baselined(self, kinds: Sequence[str] = FINDING_KINDS) -> List[Finding]:
        """The findings of ``kinds`` that the baseline accepts."""
        return [f for f in self.all_findings(kinds) if f.key in self.known] if self.known else []

    @property
    def gone(self) -> int:
        """How many baseline entries no longer occur (known only when the whole tree was checked)."""
        if not self.known or not self.whole_tree:
            return 0
        return len(self.known - {f.key for f in self.all_findings()})

    def all_findings(self, kinds: Sequence[str] = FINDING_KINDS) -> List[Finding]:
        """The findings of ``kinds``, baseline or not, kind by kind in ``FINDING_KINDS`` order."""
        found: List[Finding] = []
        for kind in FINDING_KINDS:
            if kind not in kinds:
                continue
            if kind == "unowned":
                reason = "no line gives it an owner" if self.kind == "CODEOWNERS" else ""
                found += [UnownedFile(p, reason) for p in self.unowned]
            elif kind == "conflict":
                found += [ConflictFile(c.path, c.candidates) for c in self.conflicts]
            elif kind == "unused" and self.kind == "role map":
                found += [UnusedRule(r) for r in self.unused] if self.whole_tree else []
            else:
                found += [f for f in self.problems if f.kind == kind]
        if self.raci is not None:  # its unused patterns, then phase by phase
            found += self.raci.findings(kinds)
        return found

    def exit_code(self, fail_on: Sequence[str] = DEFAULT_FAIL_ON) -> int:
        """1 when any finding of the kinds in ``fail_on`` exists, else 0."""
        return 1 if self.findings(fail_on) else 0

    def summary(self) -> Dict[str, Any]:
        return {
            "files": self.total,
            "owned": self.owned,
            "unowned": len(self.unowned),
            "conflicts": len(self.conflicts),
            "ignored": len(self.ignored),
            "coverage": round(self.coverage, 2),
        }


@dataclass(frozen=True)
class Explanation:
    """Why a path has the owners it has: every matching rule in document order, and the decision."""

    path: str
    outcome: Outcome
    matched: Tuple[Rule, ...]
    owners: Tuple[str, ...] = ()
    deciding: Tuple[Tuple[Rule, str], ...] = ()  # CODEOWNERS: every deciding line, and why it decides
