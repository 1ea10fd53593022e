"""The report of a CODEOWNERS file over a file list, with the platform's semantics -> ``Report``. Pure; no
I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional, Sequence

from ownership.codeowners.match import Ownership
from ownership.codeowners.match import resolve as resolve_codeowners
from ownership.codeowners.syntax import GITLAB, CodeOwners, Entries, Entry
from ownership.core.rules import Role, Rule, unused_now
from ownership.model.findings import DEFAULT_WARN_ON, ExemptFile, LineProblem
from ownership.model.report import Report, RoleFiles, SectionFiles

if TYPE_CHECKING:
    from ownership.codeowners.lint import Declared


def build_codeowners_report(
    codeowners: CodeOwners, paths: Sequence[str], root: str, whole_tree: bool = True,
    declared: Optional[Declared] = None, lint_kinds: Sequence[str] = DEFAULT_WARN_ON, deciding: bool = False,
) -> Report:
    """Resolve ``paths`` with the platform's CODEOWNERS semantics and gather the result per owner (and per
    GitLab section), with the errors and lint findings of every line; with ``deciding``, also the line that
    gave each owner each file."""
    ownerships, used = resolve_codeowners(codeowners, paths)
    # Owners in the order the file first names them (issue 14: read without making every entry, and for some
    # files of the tree, a hook's, only the owners they have, not thousands of empty lists).
    entries = codeowners.entries
    if isinstance(entries, Entries):
        if whole_tree:
            order: Sequence[str] = list(entries.owner_order())
        else:
            having = {o for ownership in ownerships for o in ownership.owners}
            places = entries.first_named(having)
            order = sorted(having, key=places.__getitem__)
    else:
        order = list(dict.fromkeys(owner for entry in entries for owner in entry.owners))
    # Handles are case-insensitive on GitHub and GitLab: @RickWinter and @rickwinter are one owner, shown as
    # the file first spells it. ``folded`` maps every spelling to that one.
    per_owner: Dict[str, List[str]] = {}
    folded: Dict[str, str] = {}
    spelled: Dict[str, str] = {}
    for owner in order:
        first = folded.setdefault(owner.casefold(), owner)
        spelled[owner] = first
        per_owner.setdefault(first, [])
    per_section: Dict[str, List[str]] = {s.name: [] for s in codeowners.sections}
    rules_of: Dict[str, List[Rule]] = {owner: [] for owner in per_owner}
    gave: Dict[int, Dict[str, Rule]] = {}  # per (shared) Ownership: the line that gave each owner
    unowned: List[str] = []
    exempt: List[ExemptFile] = []
    for path, ownership in zip(paths, ownerships):
        if not ownership.owners:
            why = _exempting(ownership, codeowners.dialect)
            if why is None:
                unowned.append(path)
            else:
                exempt.append(ExemptFile(path, why.rule, why.exclusion))
        for owner in dict.fromkeys(spelled[o] for o in ownership.owners):
            per_owner[owner].append(path)
        if codeowners.dialect == GITLAB:
            for entry in ownership.deciding:
                per_section[entry.section].append(path)
        if deciding and ownership.owners:
            given = gave.get(id(ownership))
            if given is None:  # with GitLab sections, each section's line names its own owners
                given = gave[id(ownership)] = {
                    spelled[o]: next(e.rule for e in reversed(ownership.deciding) if o in e.owners)
                    for o in ownership.owners}
            for owner, rule in given.items():
                rules_of[owner].append(rule)
    from ownership.codeowners.lint import lint  # lazily, for start-up time: a role map's hook lints nothing

    lines = [LineProblem("error", p) for p in codeowners.problems]
    found = lint(codeowners, paths, ownerships, used, declared, whole_tree, lint_kinds)
    lines += [LineProblem(p.kind, p) for p in found]
    lines.sort(key=lambda f: (f.problem.line, f.problem.column))
    return Report(
        root=root,
        source=codeowners.source,
        resolution=codeowners.dialect,
        total=len(paths),
        owned=len(paths) - len(unowned) - len(exempt),
        # Some files of the tree (a hook's): only the owners that have some of them, not one empty entry for
        # each of the file's thousands of owners (issue 14); every owner is listed for the whole tree.
        roles=tuple(RoleFiles(Role(owner, owners=(owner,)), tuple(files), tuple(rules_of[owner]))
                    for owner, files in per_owner.items() if files or whole_tree),
        unowned=tuple(unowned),
        conflicts=(),
        ignored=(),
        unused=unused_now(e.rule for e in codeowners.entries if e.rule.index not in used) if whole_tree else (),
        whole_tree=whole_tree,
        kind="CODEOWNERS",
        problems=tuple(lines),
        sections=tuple(SectionFiles(s, tuple(per_section[s.name])) for s in codeowners.sections),
        exempt=tuple(exempt),
    )


def _exempting(ownership: Ownership, dialect: str) -> Optional[Entry]:
    """The line that leaves a file without owners on purpose, or None when no line meant to: on GitHub a
    deciding line that names no owner (its documented way to exempt files); on GitLab an ``!`` exclusion
    from every section that matches (a GitLab line without owners is an error, not an exemption)."""
    if ownership.deciding:
        return ownership.deciding[-1] if dialect != GITLAB else None
    return ownership.excluded[0] if ownership.excluded else None
