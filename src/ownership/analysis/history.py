"""Builds ``model.history.History`` from a report (who owns which file) and an ``Authorship`` (who does the
work). Pure; the history itself is read by ``adapters/history.py``."""

from __future__ import annotations

from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from ownership.core.authorship import Authorship, truck_factor
from ownership.core.people import member_matches, owner_as_role, people_of
from ownership.core.rules import Role
from ownership.model.history import Author, FileAuthors, History, Member, RoleHistory
from ownership.model.report import Report


def months_before(day: str, months: int) -> str:
    """The date ``months`` calendar months before ``day`` (YYYY-MM-DD), the day clamped to the month's end."""
    year, month, date = (int(part) for part in day.split("-"))
    total = year * 12 + (month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    length = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31,
              30, 31, 30, 31][month - 1]
    return f"{year:04d}-{month:02d}-{min(date, length):02d}"


def build_history(report: Report, authorship: Authorship, rev: str, today: str, months: int = 12,
                  teams: Optional[Mapping[str, Sequence[str]]] = None, prefix: str = "",
                  listing: bool = False) -> History:
    """The history view of ``report``'s files. ``prefix`` leads from the top of the work tree (where the
    authorship's paths start) to the report's root; ``teams`` maps a lower-cased ``@org/team`` to its people."""
    teams = teams or {}
    since_day = months_before(today, months)

    def authors_of(path: str) -> Tuple[str, ...]:
        return authorship.authors.get(prefix + path, ())

    ignored = set(report.ignored)
    counted = [p for p in _all_files(report) if p not in ignored]
    everyone = {p: authors_of(p) for p in counted}
    roles: List[RoleHistory] = []
    owner_of: Dict[str, str] = {}
    for entry in report.roles:
        for path in entry.files:
            owner_of.setdefault(path, entry.role.name)
        role = entry.role
        if report.kind == "CODEOWNERS":
            role = owner_as_role(role)
        roles.append(_role(role, entry.files, everyone, authorship, teams, since_day))
    rows = None
    if listing:
        rows = tuple(FileAuthors(p, owner_of.get(p), everyone[p]) for p in counted)
    return History(
        root=report.root, source=report.source, rev=rev, since=authorship.since, commits=authorship.commits,
        files=len(counted), authored=sum(1 for p in counted if everyone[p]),
        truck_factor=truck_factor(counted, everyone), roles=tuple(roles), as_of=today, active_since=since_day,
        months=months, listing=rows,
    )


def _all_files(report: Report) -> List[str]:
    """Every file of the report, in the tree's order as far as the report keeps it."""
    seen: Dict[str, None] = {}
    for entry in report.roles:
        seen.update(dict.fromkeys(entry.files))
    seen.update(dict.fromkeys(report.unowned))
    seen.update(dict.fromkeys(c.path for c in report.conflicts))
    return sorted(seen)


def _role(role: Role, files: Sequence[str], everyone: Mapping[str, Tuple[str, ...]], authorship: Authorship,
          teams: Mapping[str, Sequence[str]], since_day: str) -> RoleHistory:
    members = people_of(role, teams)

    def is_member(identity: str) -> bool:
        return any(member_matches(m, identity) for m in members)

    counts: Dict[str, int] = {}
    aligned = 0
    for path in files:
        names = everyone.get(path, ())
        for name in names:
            counts[name] = counts.get(name, 0) + 1
        if any(is_member(name) for name in names):
            aligned += 1
    authors = tuple(Author(name, n, is_member(name)) for name, n in sorted(counts.items(), key=lambda i: (-i[1], i[0])))
    active: List[Member] = []
    inactive: List[Member] = []
    for member in members:
        dates = [day for who, day in authorship.last_commit.items() if member_matches(member, who)]
        last = max(dates) if dates else None
        (active if last is not None and last >= since_day else inactive).append(Member(member, last))
    return RoleHistory(role.name, tuple(files), members, authors, aligned, truck_factor(files, everyone),
                       tuple(active), tuple(inactive))
