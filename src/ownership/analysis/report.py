"""The report builders: a role map or CODEOWNERS file over a file list -> ``Report``. Pure; no I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple

from ownership.codeowners.lint import Declared, lint
from ownership.codeowners.match import resolve as resolve_codeowners
from ownership.codeowners.syntax import GITLAB, CodeOwners, Entries
from ownership.core.candidates import PathKeys
from ownership.core.matcher import CONFLICT, IGNORED, OWNED, UNOWNED
from ownership.core.resolver import Resolver
from ownership.core.rules import Role, RoleMap, Rule
from ownership.model.findings import DEFAULT_WARN_ON, LineProblem
from ownership.model.report import Conflict, Report, RoleFiles, SectionFiles

if TYPE_CHECKING:
    from ownership.core.matcher import Outcome
    from ownership.model.raci import Raci


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
    rules = rolemap.all_rules
    if not whole_tree and len(paths) < len(rules):  # a hook's few files: only the rules that can match them
        keys = PathKeys(paths)
        rules = tuple(rule for rule in rules if keys.could_hold(rule.glob) and keys.may_match(rule.pattern))
    resolver = Resolver(rules, rolemap.resolution)
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
                bucket = per_role[outcome.role]
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
            rules_of[outcome.role].append(outcome.winner)
        elif outcome.status == IGNORED:
            ignored_by.append(outcome.winner)
    return Report(
        root=root,
        source=rolemap.source,
        resolution=rolemap.resolution,
        total=len(paths),
        owned=sum(len(files) for files in per_role.values()),
        # Some files of the tree (a hook's): only the roles that own some of them (issue 14).
        roles=tuple(RoleFiles(role, tuple(per_role[role.name]), tuple(rules_of[role.name]))
                    for role in rolemap.roles if whole_tree or per_role[role.name]),
        unowned=tuple(unowned),
        conflicts=tuple(conflicts),
        ignored=tuple(ignored),
        unused=tuple(resolver.unused) if whole_tree else (),
        whole_tree=whole_tree,
        raci=_raci(rolemap, paths, outcomes) if whole_tree else None,
        ignored_by=tuple(ignored_by),
    )


def _raci(rolemap: RoleMap, paths: Sequence[str], outcomes: Sequence["Outcome"]) -> Optional["Raci"]:
    from ownership.analysis.raci import build_raci  # lazily, for start-up time: a hook's check reads no RACI

    return build_raci(rolemap, paths, outcomes)


def build_codeowners_report(
    codeowners: CodeOwners, paths: Sequence[str], root: str, whole_tree: bool = True,
    declared: Optional[Declared] = None, lint_kinds: Sequence[str] = DEFAULT_WARN_ON, deciding: bool = False,
) -> Report:
    """Resolve ``paths`` with the platform's CODEOWNERS semantics and gather the result per owner (and per
    GitLab section), with the errors and lint findings of every line; with ``deciding``, also the line that
    gave each owner each file."""
    ownerships, used = resolve_codeowners(codeowners, paths)
    per_owner: Dict[str, List[str]] = {}  # owners in the order the file first names them
    if isinstance(codeowners.entries, Entries):  # read without making every entry (issue 14)
        if whole_tree:
            per_owner = {owner: [] for owner in codeowners.entries.owner_order()}
        else:  # some files of the tree (a hook's): only the owners they have, not thousands of empty lists
            having = {o for ownership in ownerships for o in ownership.owners}
            places = codeowners.entries.first_named(having)
            per_owner = {owner: [] for owner in sorted(having, key=places.__getitem__)}
    else:
        for entry in codeowners.entries:
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
    lines = [LineProblem("error", p) for p in codeowners.problems]
    found = lint(codeowners, paths, ownerships, used, declared, whole_tree, lint_kinds)
    lines += [LineProblem(p.kind, p) for p in found]
    lines.sort(key=lambda f: (f.problem.line, f.problem.column))
    return Report(
        root=root,
        source=codeowners.source,
        resolution=codeowners.dialect,
        total=len(paths),
        owned=len(paths) - len(unowned),
        # Some files of the tree (a hook's): only the owners that have some of them, not one empty entry for
        # each of the file's thousands of owners (issue 14); every owner is listed for the whole tree.
        roles=tuple(RoleFiles(Role(owner, owners=(owner,)), tuple(files), tuple(rules_of[owner]))
                    for owner, files in per_owner.items() if files or whole_tree),
        unowned=tuple(unowned),
        conflicts=(),
        ignored=(),
        unused=tuple(e.rule for e in codeowners.entries if e.rule.index not in used) if whole_tree else (),
        whole_tree=whole_tree,
        kind="CODEOWNERS",
        problems=tuple(lines),
        sections=tuple(SectionFiles(s, tuple(per_section[s.name])) for s in codeowners.sections),
    )
