"""People: who an author is (the e-mail after .mailmap, lower-cased) and which role members they are. Pure."""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from ownership.core.rules import Role, valid_member

# GitHub's two noreply forms: login@users.noreply.github.com and, since 2017, ID+login@users.noreply.github.com.
_NOREPLY = re.compile(r"^(?:[0-9]+\+)?([^@+]+)@users\.noreply\.github\.com$")


def identity(email: str) -> str:
    """The identity of an author: the e-mail address (after .mailmap, which git applies), lower-cased."""
    return email.strip().lower()


def member_matches(member: str, identity: str) -> bool:
    """Whether ``member`` (an e-mail address, or a GitHub ``@login``) is the author ``identity``.

    E-mail addresses compare case-insensitively; ``@login`` matches GitHub's noreply addresses for that login.
    A team (``@org/team``) names no one person and matches nobody.
    """
    wanted = member.strip().lower()
    if wanted.startswith("@"):
        found = _NOREPLY.match(identity.lower())
        return found is not None and "/" not in wanted and found.group(1) == wanted[1:]
    return wanted == identity.lower()


def is_email(owner: str) -> bool:
    """Whether an owner or member is an e-mail address (not a handle)."""
    return not owner.startswith("@") and "@" in owner


def members_of(role: Role) -> tuple[str, ...]:
    """The people of a role: its ``members``, then the e-mail addresses among its ``owners``, each once."""
    return _unique([*role.members, *(owner for owner in role.owners if is_email(owner))])


def _unique(people: Sequence[str]) -> tuple[str, ...]:
    """``people`` less repeats (compared case-insensitively), in order."""
    seen: set[str] = set()
    unique = []
    for member in people:
        if member.lower() not in seen:
            seen.add(member.lower())
            unique.append(member)
    return tuple(unique)


def is_member(role: Role, identity: str) -> bool:
    """Whether the author ``identity`` is one of the role's people."""
    return any(member_matches(member, identity) for member in members_of(role))


def is_team(owner: str) -> bool:
    """Whether an owner is a GitHub/GitLab team (``@org/team``): it names no one person."""
    return owner.startswith("@") and "/" in owner


def people_of(role: Role, teams: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """``members_of(role)`` plus the people a people file lists for the role's team owners (``teams`` maps a
    lower-cased ``@org/team`` to its members)."""
    found = list(members_of(role))
    for owner in role.owners:
        found += teams.get(owner.lower(), ())
    return _unique(found)


def owner_as_role(role: Role) -> Role:
    """A CODEOWNERS owner (each owner is its own role): an ``@login`` owner is that person, its own member."""
    return role.replace(members=(role.name,)) if role.name.startswith("@") and valid_member(role.name) else role
