"""What ``ownership suggest`` found: for unowned files, the role whose members author them, as compact
patterns, and the unowned files it could give no role (with why)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple


@dataclass(frozen=True)
class Suggestion:
    """One pattern to add to a role: it matches exactly ``files`` among the files that are not ignored."""

    role: str
    pattern: str
    files: Tuple[str, ...]


@dataclass(frozen=True)
class Undecided:
    """An unowned file no role is suggested for, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Suggestions:
    root: str
    source: str  # the role map (or CODEOWNERS file)
    rev: str  # the revision whose history was read
    since: Optional[str]  # "YYYY-MM-DD" when only the commits since then were read
    unowned: int
    suggestions: Tuple[Suggestion, ...]
    undecided: Tuple[Undecided, ...]

    @property
    def covered(self) -> int:
        """How many unowned files the suggestions give a role."""
        return sum(len(s.files) for s in self.suggestions)
