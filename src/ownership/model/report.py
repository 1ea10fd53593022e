"""The result model that every output format reads: a frozen ``Report`` and the ``Explanation`` of a path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, FrozenSet, List, Optional, Sequence, Tuple

from ownership.codeowners.syntax import Section
from ownership.core.matcher import Outcome
from ownership.core.rules import Role, Rule
from ownership.model.findings import (
    DEFAULT_FAIL_ON, FINDING_KINDS, HISTORY_KINDS, ConflictFile, ExemptFile, Finding, LineProblem, ShadowedRule,
    UnownedFile, UnusedRule,
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
    repository: str = ""  # the repository's name (and the root below its top), for a page's title
    rebaseline: str = "ownership baseline"  # the command that rewrites the baseline ``known`` came from
    # CODEOWNERS: the files left unowned on purpose (a deciding line without owners, GitLab exclusions), with
    # the line that exempts each; they are not in ``unowned`` and, like ignored files, not in the coverage.
    exempt: Tuple[ExemptFile, ...] = ()
    # Role map, whole tree: what each unused rule likely means ("" when nothing), in the order of ``unused``;
    # and the patterns that match files but decide none.
    unused_hints: Tuple[str, ...] = ()
    shadowed: Tuple[ShadowedRule, ...] = ()

    history: Tuple[Finding, ...] = ()  # drift, inactive owners, low truck factors: read from git only when asked
    # (path, "aligned" | "drifted" | "unknown") for owned files, for the HTML alignment view (report --history)
    alignment: Tuple[Tuple[str, str], ...] = ()

    @property
    def counted(self) -> int:
        """The files that ought to have an owner: all but the ignored and the explicitly unowned ones."""
        return self.total - len(self.ignored) - len(self.exempt)

    @property
    def coverage(self) -> float:
        """Owned files as a percentage of the files that are not ignored (100 when there are none)."""
        counted = self.counted
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
            elif kind == "explicitly-unowned":
                found += self.exempt
            elif kind == "conflict":
                found += [ConflictFile(c.path, c.candidates) for c in self.conflicts]
            elif kind == "unused" and self.kind == "role map":
                hints = self.unused_hints or ("",) * len(self.unused)
                found += [UnusedRule(r, hint) for r, hint in zip(self.unused, hints)] if self.whole_tree else []
            elif kind == "shadowed" and self.kind == "role map":
                found += self.shadowed if self.whole_tree else ()
            elif kind in HISTORY_KINDS:
                continue  # after the RACI findings, below
            else:
                found += [f for f in self.problems if f.kind == kind]
        if self.raci is not None:  # its unused patterns, then phase by phase
            found += self.raci.findings(kinds)
        found += [f for kind in HISTORY_KINDS if kind in kinds for f in self.history if f.kind == kind]
        return found

    def exit_code(self, fail_on: Sequence[str] = DEFAULT_FAIL_ON) -> int:
        """1 when any finding of the kinds in ``fail_on`` exists, else 0."""
        return 1 if self.findings(fail_on) else 0

    def summary(self) -> Dict[str, Any]:
        counts: Dict[str, Any] = {
            "files": self.total,
            "owned": self.owned,
            "unowned": len(self.unowned),
            "conflicts": len(self.conflicts),
            "ignored": len(self.ignored),
        }
        if self.kind == "CODEOWNERS":
            counts["explicitly_unowned"] = len(self.exempt)
        counts["coverage"] = round(self.coverage, 2)
        return counts


@dataclass(frozen=True)
class Explanation:
    """Why a path has the owners it has: every matching rule in document order, and the decision."""

    path: str
    outcome: Outcome
    matched: Tuple[Rule, ...]
    owners: Tuple[str, ...] = ()
    deciding: Tuple[Tuple[Rule, str], ...] = ()  # CODEOWNERS: every deciding line, and why it decides
    skipped: Tuple[Rule, ...] = ()  # CODEOWNERS: lines the platform skips (a malformed owner) that match the path
    # Role map: the handles behind each role of the matching rules (its ``owners``), whom to ask.
    role_owners: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()

    def handles(self, role: Optional[str]) -> Tuple[str, ...]:
        """The handles behind ``role`` (its ``owners`` in the role map); none for a CODEOWNERS owner."""
        return next((owners for name, owners in self.role_owners if name == role), ())
