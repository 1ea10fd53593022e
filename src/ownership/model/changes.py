"""What a change does to ownership, as data: the changed files, the kinds and their titles, each side's snapshot."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Tuple

from ownership.core.rules import Rule

GAINED, LOST, MOVED = "gained", "lost", "moved"
CHANGE_KINDS = (GAINED, LOST, MOVED)
ROLEMAP_KIND, CODEOWNERS_KIND = "role map", "CODEOWNERS"  # the kinds of rules a side of a diff reads
TITLES = {GAINED: "Gained an owner", LOST: "Lost their owner", MOVED: "Moved to another owner",
          "unused": "Rules now matching no file", "shadowed": "Rules now shadowed: they match files but decide none"}


@dataclass(frozen=True)
class Snapshot:
    """Who owns each file under one set of rules, and which rules decide nothing."""

    status: Dict[str, str]
    owners: Dict[str, Tuple[str, ...]]  # the deciding role (role map) or owners (CODEOWNERS)
    unused: Tuple[Rule, ...]  # match no file
    shadowed: Tuple[Rule, ...]  # match files, but another rule decides every one of them
    handles: Dict[str, Tuple[str, ...]] = field(default_factory=dict)  # who reviews: a role's ``owners``
    kind: str = ROLEMAP_KIND  # or "CODEOWNERS": which kind of rules the side reads

    def below(self, prefix: str) -> "Snapshot":
        """The snapshot with its paths relative to the directory ``prefix`` (``svc/``) names; all lie below it."""
        if not prefix:
            return self
        cut = len(prefix)
        return Snapshot({p[cut:]: s for p, s in self.status.items()}, {p[cut:]: o for p, o in self.owners.items()},
                        self.unused, self.shadowed, {p[cut:]: h for p, h in self.handles.items()}, self.kind)


@dataclass(frozen=True)
class Change:
    """One file whose owners differ: ``old_path`` is its path before (another one when it was renamed)."""

    kind: str
    path: str
    old_path: str
    before: Tuple[str, ...]
    after: Tuple[str, ...]
    before_status: str
    after_status: str
    # Compared as handles (issue 12): the roles of the side that reads a role map, to name a role without owners
    before_roles: Tuple[str, ...] = ()
    after_roles: Tuple[str, ...] = ()

    @property
    def was(self) -> str:
        """The owners before, or the status when there were none (unowned, conflict, ignored; or the role that
        owned the file without naming owners)."""
        return _shown(self.before, self.before_status, self.before_roles)

    @property
    def now(self) -> str:
        return _shown(self.after, self.after_status, self.after_roles)


def _shown(owners: Tuple[str, ...], status: str, roles: Tuple[str, ...]) -> str:
    if owners:
        return ", ".join(owners)
    return f"{', '.join(roles)} (no owners)" if roles and status == "owned" else status


@dataclass(frozen=True)
class OwnershipDiff:
    """The ownership changes between the merge base of ``ref`` and the tree being checked."""

    ref: str
    merge_base: str
    root: str
    before_source: str
    after_source: str
    changes: Tuple[Change, ...]  # gained, then lost, then moved; each in path order
    unused: Tuple[Rule, ...]  # rules that match no file now and did before (or are new)
    shadowed: Tuple[Rule, ...]  # rules that decide no file now and did before (or are new)
    by_handles: bool = False  # the sides use different kinds of rules: owners are compared as handles

    def of_kind(self, kind: str) -> List[Change]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def idle_rules(self) -> List[Tuple[str, Tuple[Rule, ...]]]:
        """The rules the change leaves idle, as (``unused`` or ``shadowed``, rules)."""
        return [("unused", self.unused), ("shadowed", self.shadowed)]
