"""What the history says about the role map: files authored outside their role (drift), members with no
recent commit (inactive owners), roles whose files rest on too few authors (low truck factor), and each
file's alignment for the HTML view. Pure; the authorship comes in as data (``core.authorship.Authorship``).
"""

from __future__ import annotations

import datetime
from typing import Dict, List, Mapping, Optional, Sequence, Set, Tuple

from ownership.analysis.history import months_before
from ownership.core.authorship import Authorship, truck_factor
from ownership.core.people import member_matches, owner_as_role, people_of
from ownership.core.rules import Origin, Role
from ownership.model.findings import DriftFile, Finding, InactiveOwner, LowTruckFactor
from ownership.model.report import Report

# A file's alignment, for the HTML view: its owner's members author it, someone else's do, or it has no
# author (or its role no known member) that says either way.
ALIGNED, DRIFTED, UNKNOWN = "aligned", "drifted", "unknown"
_RANK = {ALIGNED: 2, DRIFTED: 1, UNKNOWN: 0}  # a CODEOWNERS file of several owners: the best of its owners'


# Role name -> its people (members, e-mail owners, a CODEOWNERS @login owner, team members from a people file).
People = Mapping[str, Tuple[str, ...]]


def people_by_role(report: Report, teams: Optional[Mapping[str, Sequence[str]]] = None) -> Dict[str, Tuple[str, ...]]:
    """Each role's people, as ``ownership history`` counts them: its ``members`` and e-mail ``owners``; with
    CODEOWNERS an ``@login`` owner is that person; a ``@org/team`` owner's people come from ``teams`` (the
    people file), else it has none known."""
    found: Dict[str, Tuple[str, ...]] = {}
    for entry in report.roles:
        role = entry.role
        if report.kind == "CODEOWNERS":
            role = owner_as_role(role)
        found[role.name] = people_of(role, teams or {})
    return found


def roles_of(people: People, identity: str) -> Tuple[str, ...]:
    """The roles ``identity`` is one of the people of, in role-map order."""
    return tuple(name for name, members in people.items() if any(member_matches(m, identity) for m in members))


def alignment(report: Report, authorship: Authorship, people: People, prefix: str = "") -> Dict[str, str]:
    """Every owned file's alignment (``ALIGNED``, ``DRIFTED`` or ``UNKNOWN``; with CODEOWNERS, a file of
    several owners is aligned when one of them is). ``prefix`` is the rules' directory relative to the top of
    the repository (history paths are relative to the top)."""
    member_cache: Dict[str, Tuple[str, ...]] = {}
    out: Dict[str, str] = {}
    for entry in report.roles:
        known = bool(people.get(entry.role.name))
        for path in entry.files:
            authors = authorship.authors.get(prefix + path, ())
            state = _state(entry.role.name, known, authors, people, member_cache)
            if path not in out or _RANK[state] > _RANK[out[path]]:
                out[path] = state
    return out


def _state(role: str, known: bool, authors: Sequence[str], people: People,
           cache: Dict[str, Tuple[str, ...]]) -> str:
    if not known or not authors:
        return UNKNOWN
    in_roles: Set[str] = set()
    for author in authors:
        found = cache.get(author)
        if found is None:
            found = cache[author] = roles_of(people, author)
        in_roles.update(found)
    if role in in_roles:
        return ALIGNED
    return DRIFTED if in_roles else UNKNOWN


def drift(report: Report, authorship: Authorship, people: People, prefix: str = "") -> List[Finding]:
    """One ``drift`` finding per owned file none of whose authors is a member of its role while a member of
    another role authors it. A role with no known member (``@org/team`` owners only) is never in drift."""
    found: List[Finding] = []
    cache: Dict[str, Tuple[str, ...]] = {}
    for entry in report.roles:
        if not people.get(entry.role.name):
            continue
        for path in entry.files:
            authors = authorship.authors.get(prefix + path, ())
            if _state(entry.role.name, True, authors, people, cache) != DRIFTED:
                continue
            others = {name for author in authors for name in cache[author]}
            found.append(DriftFile(path, entry.role.name, tuple(authors), tuple(n for n in people if n in others)))
    return found


def cutoff(now: str, window: str) -> str:
    """The first day of the window that ends on ``now`` ("YYYY-MM-DD"): ``window`` is ``N`` followed by ``d``
    (days), ``w`` (weeks), ``m`` (calendar months) or ``y`` (years), as ``check --inactive-after`` takes it."""
    day = datetime.date.fromisoformat(now)
    number, unit = int(window[:-1]), window[-1]
    if unit in "dw":
        return (day - datetime.timedelta(days=number * (7 if unit == "w" else 1))).isoformat()
    return months_before(now, number * (12 if unit == "y" else 1))


def inactive(roles: Sequence[Role], authorship: Authorship, people: People, since: str,
             origin: Origin) -> List[Finding]:
    """An ``inactive-owner`` finding per person of each role whose last commit in the history read is before
    ``since`` ("YYYY-MM-DD"), or who has none. ``origin`` stands for a role with no position of its own (a
    CODEOWNERS owner)."""
    found: List[Finding] = []
    for role in roles:
        for member in people.get(role.name, ()):
            last = _last_commit(member, authorship.last_commit)
            if last is None or last < since:
                found.append(InactiveOwner(role.name, member, last, since, role.origin or origin))
    return found


def _last_commit(member: str, last_commit: Mapping[str, str]) -> Optional[str]:
    """The member's latest commit day over the identities it stands for."""
    days = [day for identity, day in last_commit.items() if member_matches(member, identity)]
    return max(days) if days else None


def low_truck_factor(report: Report, authorship: Authorship, threshold: int, origin: Origin,
                     prefix: str = "") -> List[Finding]:
    """A ``low-truck-factor`` finding per role with files whose truck factor is at most ``threshold``."""
    found: List[Finding] = []
    for entry in report.roles:
        if not entry.files:
            continue
        factor = truck_factor([prefix + p for p in entry.files], authorship.authors)
        if factor.value <= threshold:
            found.append(LowTruckFactor(entry.role.name, factor.value, tuple(factor.authors), threshold,
                                        len(entry.files), entry.role.origin or origin))
    return found
