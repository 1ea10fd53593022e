"""People: who an author is (the e-mail after .mailmap, lower-cased) and which role members they are. Pure."""

from __future__ import annotations

import re

from ownership.core.rules import Role

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
    found = [*role.members, *(owner for owner in role.owners if is_email(owner))]
    seen: set[str] = set()
    unique = []
    for member in found:
        if member.lower() not in seen:
            seen.add(member.lower())
            unique.append(member)
    return tuple(unique)


def is_member(role: Role, identity: str) -> bool:
    """Whether the author ``identity`` is one of the role's people."""
    return any(member_matches(member, identity) for member in members_of(role))
