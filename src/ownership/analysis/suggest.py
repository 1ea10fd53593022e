"""``suggest``: for each unowned file, the role whose members author it (by degree of authorship), compacted
into patterns (``core.compact``). Pure; the authorship comes in as data."""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Set, Tuple

from ownership.analysis.alignment import People, roles_of
from ownership.core.authorship import Authorship
from ownership.core.compact import compact
from ownership.model.report import Report
from ownership.model.suggestions import Suggestion, Suggestions, Undecided


def suggest(report: Report, authorship: Authorship, people: People, tree: Sequence[str], prefix: str = "",
            rev: str = "HEAD", since: Optional[str] = None) -> Suggestions:
    """Suggestions for ``report``'s unowned files. ``tree`` is the listed files (the report's); ``prefix`` the
    rules' directory relative to the top of the repository, where history paths start. A file gets the role
    of which at least one of its authors is a member (``people``: each role's, as ``people_by_role`` gives them),
    when there is exactly one such role."""
    order = {name: i for i, name in enumerate(people)}
    cache: Dict[str, Tuple[str, ...]] = {}
    chosen: Dict[str, str] = {}
    undecided: List[Undecided] = []
    for path in report.unowned:
        authors = authorship.authors.get(prefix + path, ())
        if not authors:
            undecided.append(Undecided(path, "no author in the history read"))
            continue
        found: Set[str] = set()
        for author in authors:
            if author not in cache:
                cache[author] = roles_of(people, author)
            found.update(cache[author])
        if len(found) == 1:
            chosen[path] = found.pop()
        elif not found:
            undecided.append(Undecided(path, f"its authors ({', '.join(authors)}) are members of no role"))
        else:
            names = ", ".join(sorted(found, key=order.__getitem__))
            undecided.append(Undecided(path, f"its authors ({', '.join(authors)}) are members of several roles: {names}"))
    ignored = set(report.ignored)
    reachable = [p for p in tree if p not in ignored]
    found_patterns = sorted(compact(chosen, reachable), key=lambda s: order[s[0]])  # stable: patterns stay sorted
    return Suggestions(report.root, report.source, rev, since, len(report.unowned),
                       tuple(Suggestion(role, pattern, files) for role, pattern, files in found_patterns),
                       tuple(undecided))
