"""The role map as data: roles, and rules (role, pattern, origin) in document order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ownership.patterns import Pattern

RESOLUTIONS = ("specific", "last", "strict")


@dataclass(frozen=True)
class Origin:
    """Where a rule was written: file, 1-based line and column."""

    source: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.source}:{self.line}:{self.column}" if self.column else f"{self.source}:{self.line}"


@dataclass(frozen=True)
class Rule:
    """One pattern of one role; ``role`` is None for an ``ignore`` pattern. ``index`` is document order."""

    index: int
    role: Optional[str]
    glob: str
    origin: Origin
    pattern: Pattern = field(compare=False, repr=False)

    @property
    def specificity(self) -> tuple[int, int]:
        return self.pattern.specificity

    @property
    def label(self) -> str:
        """The role's name, or ``(ignore)`` for an ignore pattern."""
        return self.role if self.role is not None else "(ignore)"


@dataclass(frozen=True)
class Role:
    """A role; ``has_owners`` tells ``owners = []`` (explicitly nobody) from no ``owners`` key at all."""

    name: str
    description: str = ""
    owners: tuple[str, ...] = ()
    has_owners: bool = field(default=False, compare=False)
    origin: Optional[Origin] = field(default=None, compare=False)  # where the role's table starts


@dataclass(frozen=True)
class RoleMap:
    """A validated role map: its roles, their rules and the ignore rules, all in document order."""

    source: str
    resolution: str
    roles: tuple[Role, ...]
    rules: tuple[Rule, ...]  # every role's paths: roles in file order, each role's paths in order
    ignores: tuple[Rule, ...] = ()

    @property
    def all_rules(self) -> tuple[Rule, ...]:
        return self.rules + self.ignores
