"""The result model that every output format reads: a frozen ``Report`` and the ``Explanation`` of a path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, FrozenSet, List, Optional, Sequence, Tuple

from ownership.codeowners.syntax import GITLAB, CodeOwners, Problem, Section
from ownership.codeowners.match import matching_entries
from ownership.codeowners.match import resolve as resolve_codeowners
from ownership.codeowners.lint import LINT_KINDS, Declared, lint
from ownership.core.matcher import CONFLICT, IGNORED, OWNED, UNOWNED, Outcome, decide, matching_rules
from ownership.core.resolver import Resolver
from ownership.model.raci import LETTER_NAMES, RACI_KINDS, Raci, build_raci
from ownership.core.rules import Origin, Role, RoleMap, Rule

# In this order in every output. The lint kinds after "unused" only arise from a CODEOWNERS file, the RACI
# kinds from a role map with phases.
FINDING_KINDS = ("error", "unowned", "conflict") + LINT_KINDS + RACI_KINDS
DEFAULT_FAIL_ON = ("error", "unowned", "conflict", "no-accountable", "several-accountable", "no-responsible")
DEFAULT_WARN_ON = ("unused", "duplicate", "shadowed", "undeclared")  # shown, not failing, for CODEOWNERS
JSON_VERSION = 1


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
    problems: Tuple[Finding, ...] = ()  # CODEOWNERS lines: errors and lint findings, in line order
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
                found += [Finding("unowned", path=p, reason=reason) for p in self.unowned]
            elif kind == "conflict":
                found += [Finding("conflict", path=c.path, candidates=c.candidates) for c in self.conflicts]
            elif kind == "unused" and self.kind == "role map":
                found += [Finding("unused", rule=r) for r in self.unused] if self.whole_tree else []
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


class _ConflictSink:
    def __init__(self, conflicts: List[Conflict], candidates: Tuple[Rule, ...]) -> None:
        self.conflicts, self.candidates = conflicts, candidates

    def append(self, path: str) -> None:
        self.conflicts.append(Conflict(path, self.candidates))


def build_report(
    rolemap: RoleMap, paths: Sequence[str], root: str, whole_tree: bool = True, deciding: bool = False
) -> Report:
    """Resolve ``paths`` against ``rolemap`` and gather the result; with ``deciding``, also the deciding rule
    of every file (the HTML report shows it; the other formats need not pay for it)."""
    resolver = Resolver(rolemap.all_rules, rolemap.resolution)
    outcomes = resolver.resolve(paths)
    per_role: Dict[str, List[str]] = {role.name: [] for role in rolemap.roles}
    unowned: List[str] = []
    conflicts: List[Conflict] = []
    ignored: List[str] = []
    # Outcomes are shared objects: find the list each one's files go to once, then one append per file.
    buckets: Dict[int, Any] = {}
    for path, outcome in zip(paths, outcomes):
        bucket = buckets.get(id(outcome))
        if bucket is None:
            if outcome.status == OWNED:
                bucket = per_role[outcome.winner.role]  # type: ignore[union-attr,index]
            elif outcome.status == CONFLICT:
                bucket = _ConflictSink(conflicts, outcome.candidates)
            else:
                bucket = unowned if outcome.status == UNOWNED else ignored
            buckets[id(outcome)] = bucket
        bucket.append(path)
    rules_of: Dict[str, List[Rule]] = {role.name: [] for role in rolemap.roles}
    ignored_by: List[Rule] = []
    for outcome in outcomes if deciding else ():  # in the order of the lists they go with
        if outcome.status == OWNED:
            rules_of[outcome.winner.role].append(outcome.winner)  # type: ignore[union-attr,index,arg-type]
        elif outcome.status == IGNORED:
            ignored_by.append(outcome.winner)  # type: ignore[arg-type]
    return Report(
        root=root,
        source=rolemap.source,
        resolution=rolemap.resolution,
        total=len(paths),
        owned=sum(len(files) for files in per_role.values()),
        roles=tuple(RoleFiles(role, tuple(per_role[role.name]), tuple(rules_of[role.name])) for role in rolemap.roles),
        unowned=tuple(unowned),
        conflicts=tuple(conflicts),
        ignored=tuple(ignored),
        unused=tuple(resolver.unused) if whole_tree else (),
        whole_tree=whole_tree,
        raci=build_raci(rolemap, paths, outcomes) if whole_tree else None,
        ignored_by=tuple(ignored_by),
    )


def build_codeowners_report(
    codeowners: CodeOwners, paths: Sequence[str], root: str, whole_tree: bool = True,
    declared: Optional[Declared] = None, lint_kinds: Sequence[str] = DEFAULT_WARN_ON, deciding: bool = False,
) -> Report:
    """Resolve ``paths`` with the platform's CODEOWNERS semantics and gather the result per owner (and per
    GitLab section), with the errors and lint findings of every line; with ``deciding``, also the line that
    gave each owner each file."""
    ownerships, used = resolve_codeowners(codeowners, paths)
    per_owner: Dict[str, List[str]] = {}
    for entry in codeowners.entries:  # owners in the order the file first names them
        for owner in entry.owners:
            per_owner.setdefault(owner, [])
    per_section: Dict[str, List[str]] = {s.name: [] for s in codeowners.sections}
    rules_of: Dict[str, List[Rule]] = {owner: [] for owner in per_owner}
    gave: Dict[int, Dict[str, Rule]] = {}  # per (shared) Ownership: the line that gave each owner
    unowned: List[str] = []
    for path, ownership in zip(paths, ownerships):
        if not ownership.owners:
            unowned.append(path)
        for owner in ownership.owners:
            per_owner[owner].append(path)
        if codeowners.dialect == GITLAB:
            for entry in ownership.deciding:
                per_section[entry.section].append(path)
        if deciding and ownership.owners:
            given = gave.get(id(ownership))
            if given is None:  # with GitLab sections, each section's line names its own owners
                given = gave[id(ownership)] = {
                    o: next(e.rule for e in reversed(ownership.deciding) if o in e.owners) for o in ownership.owners}
            for owner, rule in given.items():
                rules_of[owner].append(rule)
    lines = [Finding("error", problem=p) for p in codeowners.problems]
    lines += [Finding(p.kind, problem=p) for p in lint(codeowners, paths, ownerships, used, declared, whole_tree, lint_kinds)]
    lines.sort(key=lambda f: (f.problem.line, f.problem.column))  # type: ignore[union-attr]
    return Report(
        root=root,
        source=codeowners.source,
        resolution=codeowners.dialect,
        total=len(paths),
        owned=len(paths) - len(unowned),
        roles=tuple(RoleFiles(Role(owner, owners=(owner,)), tuple(files), tuple(rules_of[owner]))
                    for owner, files in per_owner.items()),
        unowned=tuple(unowned),
        conflicts=(),
        ignored=(),
        unused=tuple(e.rule for e in codeowners.entries if e.rule.index not in used) if whole_tree else (),
        whole_tree=whole_tree,
        kind="CODEOWNERS",
        problems=tuple(lines),
        sections=tuple(SectionFiles(s, tuple(per_section[s.name])) for s in codeowners.sections),
    )


@dataclass(frozen=True)
class Explanation:
    """Why a path has the owners it has: every matching rule in document order, and the decision."""

    path: str
    outcome: Outcome
    matched: Tuple[Rule, ...]
    owners: Tuple[str, ...] = ()
    deciding: Tuple[Tuple[Rule, str], ...] = ()  # CODEOWNERS: every deciding line, and why it decides


def explain(rolemap: RoleMap, path: str) -> Explanation:
    matched = matching_rules(rolemap.all_rules, path)
    outcome = decide(matched, rolemap.resolution)
    owners = (outcome.winner.role,) if outcome.status == OWNED and outcome.winner and outcome.winner.role else ()
    return Explanation(path, outcome, tuple(matched), owners)


def explain_codeowners(codeowners: CodeOwners, path: str) -> Explanation:
    """Every line matching ``path``; the winner is the deciding line (GitLab: of the first section that
    keeps the path), and ``deciding`` says which line decides in each section and which excludes."""
    matched = tuple(e.rule for e in matching_entries(codeowners, path))
    (ownership,), _ = resolve_codeowners(codeowners, [path])
    winner = ownership.deciding[0].rule if ownership.deciding else None
    status = OWNED if ownership.owners else UNOWNED
    if codeowners.dialect == GITLAB:
        why = [(e.rule, f"last match in [{e.section}]") for e in ownership.deciding]
        why += [(e.rule, f"excluded from [{e.section}]") for e in ownership.excluded]
    else:
        why = [(e.rule, "last match") for e in ownership.deciding]
    return Explanation(path, Outcome(status, winner), matched, ownership.owners, tuple(why))
