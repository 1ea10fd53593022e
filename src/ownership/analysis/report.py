"""The report of a role map over a file list -> ``Report``. Pure; no I/O. (A CODEOWNERS file's is in
``analysis.codeowners``, apart so that a role map's hook imports no CODEOWNERS reader, issue 14.)"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Set, Tuple

from ownership.core.candidates import Names, PathKeys
from ownership.core.matcher import CONFLICT, IGNORED, OWNED, UNOWNED
from ownership.core.patterns import Pattern
from ownership.core.resolver import Resolver
from ownership.core.rules import Role, RoleMap, Rule, unused_now
from ownership.errors import PatternError
from ownership.model.findings import ShadowedRule
from ownership.model.report import Conflict, Report, RoleFiles

if TYPE_CHECKING:
    from ownership.core.matcher import Outcome
    from ownership.model.raci import Raci


class _ConflictSink:
    def __init__(self, conflicts: List[Conflict], candidates: Tuple[Rule, ...]) -> None:
        self.conflicts, self.candidates = conflicts, candidates

    def append(self, path: str) -> None:
        self.conflicts.append(Conflict(path, self.candidates))


def build_report(
    rolemap: RoleMap, paths: Sequence[str], root: str, whole_tree: bool = True, deciding: bool = False,
    hints: bool = False,
) -> Report:
    """Resolve ``paths`` against ``rolemap`` and gather the result; with ``deciding``, also the deciding rule
    of every file (the HTML report shows it; the other formats need not pay for it); with ``hints``, what
    each unused pattern likely means (it reads every name of the tree)."""
    roles: Sequence[Role] = rolemap.roles
    if whole_tree or len(paths) >= len(rolemap.rules) + len(rolemap.ignores):
        rules = rolemap.all_rules
    else:  # a hook's few files: only the rules that can match them, and their roles (issue 14)
        rules = rolemap.select(PathKeys(paths))
        roles = rolemap.roles.named({rule.role for rule in rules})
    resolver = Resolver(rules, rolemap.resolution)
    outcomes = resolver.resolve(paths)
    unused = unused_now(resolver.unused) if whole_tree else ()
    names = Names(paths)
    per_role: Dict[str, List[str]] = {role.name: [] for role in roles}
    unowned: List[str] = []
    conflicts: List[Conflict] = []
    ignored: List[str] = []
    # Outcomes are shared objects: find the list each one's files go to once, then one append per file.
    buckets: Dict[int, Any] = {}
    last: Any = None
    put: Any = None
    for path, outcome in zip(paths, outcomes):
        if outcome is not last:  # files come in runs of one outcome (a directory's files that no name rule sets apart)
            last = outcome
            bucket = buckets.get(id(outcome))
            if bucket is None:
                if outcome.status == OWNED:
                    bucket = per_role[outcome.role]
                elif outcome.status == CONFLICT:
                    bucket = _ConflictSink(conflicts, outcome.candidates)
                else:
                    bucket = unowned if outcome.status == UNOWNED else ignored
                buckets[id(outcome)] = bucket
            put = bucket.append
        put(path)
    rules_of: Dict[str, List[Rule]] = {role.name: [] for role in roles}
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
                    for role in roles if whole_tree or per_role[role.name]),
        unowned=tuple(unowned),
        conflicts=tuple(conflicts),
        ignored=tuple(ignored),
        unused=unused,
        whole_tree=whole_tree,
        raci=_raci(rolemap, paths, outcomes) if whole_tree else None,
        ignored_by=tuple(ignored_by),
        unused_hints=tuple(typo_hint(rule.glob, paths, names) for rule in unused) if hints else (),
        shadowed=tuple(shadowed_rules(rules, resolver, outcomes)) if whole_tree else (),  # all rules, then
    )


def typo_hint(glob: str, paths: Sequence[str], names: Names) -> str:
    """What a pattern that matches no file likely means, when it looks like a typo: a Windows path
    (``src\\models``), a case that differs from the tree's, a leading or trailing space; else ""."""
    if glob != glob.strip():
        return f"the pattern has a {'leading' if glob[:1].isspace() else 'trailing'} space: did you mean " \
               f"{glob.strip()!r}?"
    if "\\" in glob:
        fixed = glob.replace("\\", "/")
        try:
            pattern = Pattern(fixed)
        except PatternError:
            return "use '/' between directories, not '\\'"
        if any(pattern.matches(path) for path in paths):
            return f"use '/' between directories, not '\\': did you mean {fixed!r}?"
        return "use '/' between directories, not '\\'"
    fixed = names.case_fix(glob)
    return f"paths are case-sensitive: did you mean {fixed!r}?" if fixed else ""


def shadowed_rules(rules: Sequence[Rule], resolver: Resolver, outcomes: Sequence[Outcome]) -> List[ShadowedRule]:
    """The rules that match files but decide none, because another role's rules (or an ignore pattern) win:
    for each, how many files it matches and the rules that decide them instead. A rule tied in a conflict
    takes part in the decision: it is not shadowed; nor is one whose files its own role's rules decide
    (redundant, but every file still goes to the role it names)."""
    position = {id(rule): i for i, rule in enumerate(rules)}
    files_of = Counter(map(id, outcomes))
    distinct = {id(o): o for o in outcomes}
    deciding: Set[int] = set()
    counts: Dict[int, int] = {}
    beaten_by: Dict[int, Dict[int, None]] = {}
    for key, outcome in distinct.items():
        if outcome.status in (OWNED, IGNORED) and outcome.winner is not None:
            deciders = [position[id(outcome.winner)]]
        else:
            deciders = [position[id(rule)] for rule in outcome.candidates]
        deciding.update(deciders)
        for matched in resolver.matched.get(key, ()):
            if matched in deciders:
                continue
            counts[matched] = counts.get(matched, 0) + files_of[key]
            beaten_by.setdefault(matched, {}).update(dict.fromkeys(deciders))
    return [ShadowedRule(rules[i], files=counts[i], winners=tuple(rules[w] for w in sorted(beaten_by[i])))
            for i in sorted(counts) if i not in deciding
            and any(rules[w].role != rules[i].role or rules[w].role is None for w in beaten_by[i])]


def _raci(rolemap: RoleMap, paths: Sequence[str], outcomes: Sequence["Outcome"]) -> Optional["Raci"]:
    from ownership.analysis.raci import build_raci  # lazily, for start-up time: a hook's check reads no RACI

    return build_raci(rolemap, paths, outcomes)
