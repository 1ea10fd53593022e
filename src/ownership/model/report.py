"""The result model that every output format reads: a read-only ``Report`` and the ``Explanation`` of a path.

``Record`` classes, not frozen dataclasses: a hook imports this module, and creating the five dataclasses cost
2.5 ms at import (issue 14).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, FrozenSet, List, Optional, Sequence, Tuple

from ownership.core.matcher import Outcome
from ownership.core.record import Record
from ownership.core.rules import Role, Rule
from ownership.model.findings import (
    DEFAULT_FAIL_ON, FINDING_KINDS, HISTORY_KINDS, ConflictFile, ExemptFile, Finding, LineProblem, ShadowedRule,
    UnownedFile, UnusedRule,
)

if TYPE_CHECKING:  # fields' types only: a hook's check reads no RACI matrix and, with a role map, no CODEOWNERS
    from ownership.codeowners.syntax import Section
    from ownership.model.raci import Raci


class Conflict(Record):
    __slots__ = ("path", "candidates")

    def __init__(self, path: str, candidates: Tuple[Rule, ...]) -> None:
        self.path = path
        self.candidates = candidates


class RoleFiles(Record):
    __slots__ = ("role", "files", "rules")

    def __init__(self, role: Role, files: Tuple[str, ...], rules: Tuple[Rule, ...] = ()) -> None:
        self.role = role
        self.files = files
        self.rules = rules  # built with deciding=True: the deciding rule of each file, in the same order


class SectionFiles(Record):
    """A GitLab section and the files it gives owners to (its deciding line names some or none)."""

    __slots__ = ("section", "files")

    def __init__(self, section: Section, files: Tuple[str, ...]) -> None:
        self.section = section
        self.files = files


class Report(Record):
    """Ownership of a set of files under one role map or CODEOWNERS file. Files keep their listed order.

    With CODEOWNERS, owners play the part of roles: a file with two owners is in both owners' lists.
    """

    __slots__ = ("root", "source", "resolution", "total", "owned", "roles", "unowned", "conflicts", "ignored",
                 "unused", "whole_tree", "kind", "problems", "sections", "known", "raci", "ignored_by",
                 "repository", "rebaseline", "exempt", "unused_hints", "shadowed", "history", "alignment")

    def __init__(
        self, root: str, source: str, resolution: str, total: int, owned: int, roles: Tuple[RoleFiles, ...],
        unowned: Tuple[str, ...], conflicts: Tuple[Conflict, ...], ignored: Tuple[str, ...],
        unused: Tuple[Rule, ...], whole_tree: bool = True, kind: str = "role map",
        problems: Tuple[LineProblem, ...] = (), sections: Tuple[SectionFiles, ...] = (),
        known: Optional[FrozenSet[Tuple[str, ...]]] = None, raci: Optional[Raci] = None,
        ignored_by: Tuple[Rule, ...] = (), repository: str = "", rebaseline: str = "ownership baseline",
        exempt: Tuple[ExemptFile, ...] = (), unused_hints: Tuple[str, ...] = (),
        shadowed: Tuple[ShadowedRule, ...] = (), history: Tuple[Finding, ...] = (),
        alignment: Tuple[Tuple[str, str], ...] = (),
    ) -> None:
        self.root = root
        self.source = source
        self.resolution = resolution
        self.total = total
        self.owned = owned
        self.roles = roles
        self.unowned = unowned
        self.conflicts = conflicts
        self.ignored = ignored
        self.unused = unused
        self.whole_tree = whole_tree  # False when only given files were checked: unused rules are then unknown
        self.kind = kind  # "role map" or "CODEOWNERS"
        self.problems = problems  # CODEOWNERS lines: errors and lint findings, in line order
        self.sections = sections  # GitLab sections, in order
        self.known = known  # finding keys of a baseline: accepted, not reported
        self.raci = raci  # the RACI matrix, when the role map has phases and the whole tree is read
        self.ignored_by = ignored_by  # built with deciding=True: the ignore rule of each ignored file
        self.repository = repository  # the repository's name (and the root below its top), for a page's title
        self.rebaseline = rebaseline  # the command that rewrites the baseline ``known`` came from
        # CODEOWNERS: the files left unowned on purpose (a deciding line without owners, GitLab exclusions), with
        # the line that exempts each; they are not in ``unowned`` and, like ignored files, not in the coverage.
        self.exempt = exempt
        # Role map, whole tree: what each unused rule likely means ("" when nothing), in the order of ``unused``;
        # and the patterns that match files but decide none.
        self.unused_hints = unused_hints
        self.shadowed = shadowed
        # drift, inactive owners, low truck factors: read from git only when asked
        self.history = history
        # (path, "aligned" | "drifted" | "unknown") for owned files, for the HTML alignment view (report --history)
        self.alignment = alignment

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


class Explanation(Record):
    """Why a path has the owners it has: every matching rule in document order, and the decision."""

    __slots__ = ("path", "outcome", "matched", "owners", "deciding", "skipped", "role_owners")

    def __init__(self, path: str, outcome: Outcome, matched: Tuple[Rule, ...], owners: Tuple[str, ...] = (),
                 deciding: Tuple[Tuple[Rule, str], ...] = (), skipped: Tuple[Rule, ...] = (),
                 role_owners: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()) -> None:
        self.path = path
        self.outcome = outcome
        self.matched = matched
        self.owners = owners
        self.deciding = deciding  # CODEOWNERS: every deciding line, and why it decides
        self.skipped = skipped  # CODEOWNERS: lines the platform skips (a malformed owner) that match the path
        # Role map: the handles behind each role of the matching rules (its ``owners``), whom to ask.
        self.role_owners = role_owners

    def handles(self, role: Optional[str]) -> Tuple[str, ...]:
        """The handles behind ``role`` (its ``owners`` in the role map); none for a CODEOWNERS owner."""
        return next((owners for name, owners in self.role_owners if name == role), ())
