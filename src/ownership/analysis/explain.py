"""Why paths have their owners: every matching rule and the decision, for a role map or CODEOWNERS. Pure.

Both explain many paths at once through the tree resolver (issue 14, point 2): the decision, and every rule
matching a path, come from the same automaton a whole ``report`` runs, so N paths cost at most what a report
of N files does instead of N x (number of rules) pattern tests. ``matcher.matching_rules`` and
``codeowners.match.matching_entries`` stay the plain references the tests compare these with.
"""

from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

from ownership.codeowners.match import Ownership, effective, sections
from ownership.codeowners.match import resolve as resolve_codeowners
from ownership.codeowners.syntax import GITLAB, CodeOwners
from ownership.core.matcher import OWNED, Outcome, Owned, Unowned
from ownership.core.resolver import Resolver
from ownership.core.rules import RoleMap, Rule
from ownership.model.report import Explanation


def explain_paths(rolemap: RoleMap, paths: Sequence[str]) -> List[Explanation]:
    """The explanation of every path, in order: the resolver's decision and every rule it found matching."""
    resolver = Resolver(rolemap.all_rules, rolemap.resolution)
    rules = resolver.rules
    owners_of = {role.name: role.owners for role in rolemap.roles}  # in document order
    place = {name: i for i, name in enumerate(owners_of)}
    # Outcomes are shared by every path they decide alike: each one's part of an explanation is made once,
    # with the roles of its rules only (not every role of the map for every path).
    parts: Dict[int, Tuple[Tuple[Rule, ...], Tuple[str, ...], Tuple[Tuple[str, Tuple[str, ...]], ...]]] = {}
    explanations = []
    for path, outcome in zip(paths, resolver.resolve(paths)):
        part = parts.get(id(outcome))
        if part is None:
            matched = tuple(rules[i] for i in resolver.matched[id(outcome)])
            owners: Tuple[str, ...] = (outcome.winner.role,) if outcome.status == OWNED and outcome.winner.role else ()
            named = sorted({rule.role for rule in matched if rule.role is not None}, key=place.__getitem__)
            part = parts[id(outcome)] = (matched, owners, tuple((name, owners_of[name]) for name in named))
        matched, owners, role_owners = part
        explanations.append(Explanation(path, outcome, matched, owners, role_owners=role_owners))
    return explanations


def explain_codeowners_paths(codeowners: CodeOwners, paths: Sequence[str]) -> List[Explanation]:
    """Every line matching each path, in line order; the winner is the deciding line (GitLab: of the first
    section that keeps the path), and ``deciding`` says which line decides in each section and which excludes."""
    ownerships, _ = resolve_codeowners(codeowners, paths)
    order = {id(entry): n for n, entry in enumerate(codeowners.entries)}
    # GitLab: a repeated pattern's earlier lines take no part in matching (the last one's owners sit in the
    # first one's place), yet ``who`` lists them when they match: a resolver of their own finds them.
    live = {id(e) for entries in sections(codeowners).values() for e in effective(entries, codeowners.dialect)}
    replaced = [e for e in codeowners.entries if id(e) not in live]
    also: List[Tuple[int, ...]] = [()] * len(paths)
    if replaced:
        twins = Resolver([e.rule for e in replaced], "last")
        also = [twins.matched[id(outcome)] for outcome in twins.resolve(paths)]
    # Ownerships are shared by every path they decide alike: each one's part of an explanation is made once.
    parts: Dict[Tuple[int, Tuple[int, ...]], Tuple[Outcome, Tuple[Rule, ...], Tuple[Tuple[Rule, str], ...]]] = {}
    explanations = []
    for path, ownership, extra in zip(paths, ownerships, also):
        key = (id(ownership), extra)
        part = parts.get(key)
        if part is None:
            entries = sorted((*ownership.matching, *(replaced[i] for i in extra)), key=lambda e: order[id(e)])
            outcome, why = _decision(codeowners, ownership)
            part = parts[key] = (outcome, tuple(e.rule for e in entries), why)
        outcome, matched, why = part
        # a line the platform skips (a malformed owner) that would have matched: few, so tested per path
        skipped = tuple(e.rule for e in codeowners.skipped if e.rule.pattern.matches(path))
        explanations.append(Explanation(path, outcome, matched, ownership.owners, why, skipped))
    return explanations


def _decision(codeowners: CodeOwners, ownership: Ownership) -> Tuple[Outcome, Tuple[Tuple[Rule, str], ...]]:
    winner = ownership.deciding[0].rule if ownership.deciding else None
    # A deciding line that names no owner leaves the file unowned, and is still the line that decides.
    outcome: Outcome = Owned(winner) if ownership.owners and winner is not None else Unowned(winner)
    why: List[Tuple[Rule, str]]
    if codeowners.dialect == GITLAB:
        why = [(e.rule, f"last match in [{e.section}]") for e in ownership.deciding]
        why += [(e.rule, f"excluded from [{e.section}]") for e in ownership.excluded]
    else:
        why = [(e.rule, "last match") for e in ownership.deciding]
    return outcome, tuple(why)

