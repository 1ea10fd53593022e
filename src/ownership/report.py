"""The result model that every output format reads: a frozen ``Report`` and the ``Explanation`` of a path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ownership.matcher import CONFLICT, OWNED, UNOWNED, Outcome, Resolver, decide, matching_rules
from ownership.rules import Role, RoleMap, Rule

FINDING_KINDS = ("unowned", "conflict", "unused")
DEFAULT_FAIL_ON = ("unowned", "conflict")
JSON_VERSION = 1


@dataclass(frozen=True)
class Conflict:
    path: str
    candidates: Tuple[Rule, ...]


@dataclass(frozen=True)
class RoleFiles:
    role: Role
    files: Tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One problem: an unowned or conflicted file, or a rule that matches nothing."""

    kind: str
    path: Optional[str] = None
    rule: Optional[Rule] = None
    candidates: Tuple[Rule, ...] = ()

    @property
    def message(self) -> str:
        """What is wrong, in words (file names left raw: each format escapes them for its medium)."""
        if self.kind == "unowned":
            return "no rule matches"
        if self.kind == "conflict":
            return " and ".join(f"{r.label} ({r.glob}, {r.origin})" for r in self.candidates) + " claim it"
        assert self.rule is not None
        owner = f"role {self.rule.role!r}" if self.rule.role is not None else "settings.ignore"
        return f"pattern {self.rule.glob!r} of {owner} matches no file"


@dataclass(frozen=True)
class Report:
    """Ownership of a set of files under one role map. Files keep the order they were listed in."""

    root: str
    source: str
    resolution: str
    total: int
    roles: Tuple[RoleFiles, ...]
    unowned: Tuple[str, ...]
    conflicts: Tuple[Conflict, ...]
    ignored: Tuple[str, ...]
    unused: Tuple[Rule, ...]
    whole_tree: bool = True  # False when only given files were checked: unused rules are then unknown

    @property
    def owned(self) -> int:
        return sum(len(r.files) for r in self.roles)

    @property
    def coverage(self) -> float:
        """Owned files as a percentage of the files that are not ignored (100 when there are none)."""
        counted = self.total - len(self.ignored)
        return 100.0 * self.owned / counted if counted else 100.0

    def findings(self, kinds: Sequence[str] = FINDING_KINDS) -> List[Finding]:
        found: List[Finding] = []
        if "unowned" in kinds:
            found += [Finding("unowned", path=p) for p in self.unowned]
        if "conflict" in kinds:
            found += [Finding("conflict", path=c.path, candidates=c.candidates) for c in self.conflicts]
        if "unused" in kinds and self.whole_tree:
            found += [Finding("unused", rule=r) for r in self.unused]
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


def build_report(
    rolemap: RoleMap, paths: Sequence[str], root: str, whole_tree: bool = True
) -> Report:
    """Resolve ``paths`` against ``rolemap`` and gather the result."""
    resolver = Resolver(rolemap.all_rules, rolemap.resolution)
    outcomes = resolver.resolve(paths)
    per_role: Dict[str, List[str]] = {role.name: [] for role in rolemap.roles}
    unowned: List[str] = []
    conflicts: List[Conflict] = []
    ignored: List[str] = []
    for path, outcome in zip(paths, outcomes):
        if outcome.status == OWNED:
            per_role[outcome.winner.role].append(path)  # type: ignore[union-attr,index]
        elif outcome.status == UNOWNED:
            unowned.append(path)
        elif outcome.status == CONFLICT:
            conflicts.append(Conflict(path, outcome.candidates))
        else:
            ignored.append(path)
    return Report(
        root=root,
        source=rolemap.source,
        resolution=rolemap.resolution,
        total=len(paths),
        roles=tuple(RoleFiles(role, tuple(per_role[role.name])) for role in rolemap.roles),
        unowned=tuple(unowned),
        conflicts=tuple(conflicts),
        ignored=tuple(ignored),
        unused=tuple(resolver.unused) if whole_tree else (),
        whole_tree=whole_tree,
    )


@dataclass(frozen=True)
class Explanation:
    """Why a path has the owner it has: every matching rule in document order, and the decision."""

    path: str
    outcome: Outcome
    matched: Tuple[Rule, ...]

    @property
    def owners(self) -> List[str]:
        return [self.outcome.winner.role] if self.outcome.status == OWNED and self.outcome.winner else []  # type: ignore[list-item]


def explain(rolemap: RoleMap, path: str) -> Explanation:
    matched = matching_rules(rolemap.all_rules, path)
    return Explanation(path, decide(matched, rolemap.resolution), tuple(matched))


