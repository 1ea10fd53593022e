"""What a change does to ownership: files that gain, lose or change owner between two trees, and the rules it
leaves unused or shadowed. Pure: each side is given as rules and a file list."""

from __future__ import annotations

from typing import List, Mapping, Sequence, Set, Tuple, Union

from ownership.codeowners.match import resolve
from ownership.codeowners.syntax import CodeOwners
from ownership.core.matcher import CONFLICT, OWNED, UNOWNED
from ownership.core.resolver import Resolver
from ownership.core.rules import RoleMap, Rule, unused_now
from ownership.model.changes import (
    CHANGE_KINDS, CODEOWNERS_KIND, GAINED, LOST, MOVED, Change, OwnershipDiff, Snapshot,
)


def snapshot(rules: Union[RoleMap, CodeOwners], paths: Sequence[str]) -> Snapshot:
    """Resolve ``paths`` under a role map or a CODEOWNERS file."""
    if isinstance(rules, CodeOwners):
        return _codeowners_snapshot(rules, paths)
    resolver = Resolver(rules.all_rules, rules.resolution)
    outcomes = resolver.resolve(paths)
    deciding: Set[Rule] = set()
    for outcome in {id(o): o for o in outcomes}.values():  # outcomes are shared: look at each once
        deciding.update(outcome.candidates if outcome.status == CONFLICT else [outcome.winner] if outcome.winner else [])
    used = resolver.used
    owners = {role.name: role.owners for role in rules.roles}
    return Snapshot(
        status={p: o.status for p, o in zip(paths, outcomes)},
        owners={p: (o.role,) if o.status == OWNED else () for p, o in zip(paths, outcomes)},
        unused=unused_now(resolver.unused),
        shadowed=tuple(r for i, r in enumerate(resolver.rules) if i in used and r not in deciding),
        handles={p: owners.get(o.role, ()) if o.status == OWNED and o.role else () for p, o in zip(paths, outcomes)},
    )


def _codeowners_snapshot(codeowners: CodeOwners, paths: Sequence[str]) -> Snapshot:
    ownerships, used = resolve(codeowners, paths)
    deciding = {e.rule.index for o in {id(o): o for o in ownerships}.values() for e in o.deciding}
    owners = {p: o.owners for p, o in zip(paths, ownerships)}
    return Snapshot(
        status={p: OWNED if o.owners else UNOWNED for p, o in zip(paths, ownerships)},
        owners=owners,
        unused=unused_now(e.rule for e in codeowners.entries if e.rule.index not in used),
        shadowed=tuple(e.rule for e in codeowners.entries
                       if e.rule.index in used and e.rule.index not in deciding and not e.exclusion),
        handles=owners,
        kind=CODEOWNERS_KIND,
    )


def compare(before: Snapshot, after: Snapshot, renames: Mapping[str, str], ref: str, merge_base: str, root: str,
            before_source: str, after_source: str) -> OwnershipDiff:
    """The files present on both sides (a renamed file under both its names) whose owners differ, and the
    rules that the change leaves unused or shadowed (compared by role and pattern, so moved lines do not count).

    Issue 12: when one side reads a role map and the other CODEOWNERS (the pull request that adopts a role
    map), a role and a list of handles cannot be compared by name: both sides are then compared as the handles
    that review (a role's ``owners``; GitHub's handles ignore case), so an imported CODEOWNERS changes nothing.
    """
    by_handles = before.kind != after.kind
    old_side, new_side = (before.handles, after.handles) if by_handles else (before.owners, after.owners)
    found: List[Change] = []
    for path, owners in new_side.items():
        old_path = renames.get(path, path)
        if old_path not in old_side:  # a new file: `check` says whether it has an owner
            continue
        old = old_side[old_path]
        if _same(old, owners, by_handles):
            continue
        kind = GAINED if not old else LOST if not owners else MOVED
        found.append(Change(kind, path, old_path, old, owners, before.status[old_path], after.status[path],
                            _roles(before, old_path, by_handles), _roles(after, path, by_handles)))
    found.sort(key=lambda c: (CHANGE_KINDS.index(c.kind), c.path))
    return OwnershipDiff(ref, merge_base, root, before_source, after_source, tuple(found),
                         _newly(after.unused, before.unused, by_handles),
                         _newly(after.shadowed, before.shadowed, by_handles), by_handles)


def _roles(side: Snapshot, path: str, by_handles: bool) -> Tuple[str, ...]:
    """Compared as handles, the role that owns ``path`` on a side that reads a role map (to name it when it has
    no owners)."""
    return side.owners.get(path, ()) if by_handles and side.kind != CODEOWNERS_KIND else ()


def _same(old: Tuple[str, ...], new: Tuple[str, ...], by_handles: bool) -> bool:
    if by_handles:
        return {h.casefold() for h in old} == {h.casefold() for h in new}
    return set(old) == set(new)


def _newly(now: Tuple[Rule, ...], then: Tuple[Rule, ...], by_pattern: bool = False) -> Tuple[Rule, ...]:
    """The rules of ``now`` not in ``then``, compared by role and pattern; ``by_pattern``, by pattern alone (a
    role of a role map and a CODEOWNERS line's owners have no common name)."""
    key = (lambda r: r.glob) if by_pattern else (lambda r: (r.role, r.glob))
    known = {key(r) for r in then}
    return tuple(r for r in now if key(r) not in known)
