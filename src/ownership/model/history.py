"""The result of ``ownership history``: per role its files, who authors them, how much of that its own
members do ("aligned"), its truck factor and which members are active; the whole tree's truck factor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from ownership.core.authorship import TruckFactor


@dataclass(frozen=True)
class Author:
    """Someone who authors files of a role: their identity, how many of the role's files, and whether they
    are one of its members."""

    identity: str
    files: int
    member: bool


@dataclass(frozen=True)
class Member:
    """A member of a role and the date of their latest commit in the history read (None: none there)."""

    member: str
    last_commit: Optional[str]


@dataclass(frozen=True)
class RoleHistory:
    """One role (with CODEOWNERS, one owner) and what its files' history says."""

    role: str
    files: Tuple[str, ...]
    members: Tuple[str, ...]  # the people known to be in the role; none for a team nobody lists
    authors: Tuple[Author, ...]  # most files first, ties by identity
    aligned: int  # files one of its members authors
    truck_factor: TruckFactor
    active: Tuple[Member, ...]
    inactive: Tuple[Member, ...]

    @property
    def members_known(self) -> bool:
        return bool(self.members)

    @property
    def aligned_share(self) -> Optional[float]:
        """The share (0..1) of its files a member authors; None when no member is known or it has no file."""
        if not self.members or not self.files:
            return None
        return self.aligned / len(self.files)


@dataclass(frozen=True)
class FileAuthors:
    """One file, the role that owns it (None: unowned or in conflict) and its authors, highest DOA first."""

    path: str
    role: Optional[str]
    authors: Tuple[str, ...]


@dataclass(frozen=True)
class History:
    """Authorship of a tree under its ownership rules."""

    root: str
    source: str  # the rules' file
    rev: str
    since: Optional[str]  # the history read starts on this day (None: the whole history)
    commits: int
    files: int  # the files of the tree the rules do not ignore
    authored: int  # of those, the files with at least one author
    truck_factor: TruckFactor  # of the whole tree
    roles: Tuple[RoleHistory, ...]
    as_of: str  # "today": members with a commit from active_since on are active
    active_since: str
    months: int
    listing: Optional[Tuple[FileAuthors, ...]] = None  # with --list: every file
