"""``ownership suggest``: owners for unowned files from git history, as compact patterns; ``--write`` adds them
to the role map."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional, Sequence

import click

from ownership.cli.alignment import history_since_option, people_option
from ownership.cli.options import config_option, emit, format_option, rev_option, root_argument, say

if TYPE_CHECKING:
    from ownership.adapters.project import Project
    from ownership.model.suggestions import Suggestions


@click.command("suggest")
@root_argument
@config_option
@rev_option
@history_since_option
@people_option
@format_option(("text", "json", "markdown"))
@click.option("--list", "list_files", is_flag=True, help="List the files under each pattern (text, markdown).")
@click.option("--write", is_flag=True,
              help="Add the suggested patterns to the role map's roles, keeping its comments and layout.")
def suggest_command(root: Optional[str], config: Optional[str], rev: Optional[str], history_since: Optional[str],
                    people: Optional[str], fmt: str, list_files: bool, write: bool) -> int:
    """Suggest owners for unowned files: the role whose members author them in the git history.

    A file's authors are found by degree of authorship over the history of HEAD (or --rev), as
    `ownership history` finds them; a role's people are its `members` and the e-mail addresses among
    its `owners`, and the members of its @org/team owners that the people file (--people) lists. An unowned file gets the one role of which one of its authors is a member; when its
    authors belong to no role, or to several, it gets none and the output says why. The patterns are
    anchored at the role map's directory: a directory (`/data/`) when every file beneath it that is not
    ignored is suggested for the same role (at least two files), else the file itself. They match no
    file that has an owner, so adding them changes no one else's files.

    With --write the patterns are appended to each role's `paths` in the role map (comments, order and
    layout kept); `ownership check` then finds those files owned.

    \b
    Examples:
      ownership suggest
      ownership suggest --list
      ownership suggest --format json > suggestions.json
      ownership suggest --history-since 2025-01-01 --write
    """
    # lazily, for start-up time: a command imports only what it runs
    from ownership.adapters.project import open_project
    from ownership.analysis.suggest import suggest
    from ownership.cli.alignment import authorship, prefix_of
    from ownership.cli.alignment import people as people_by_role
    from ownership.errors import UsageError
    from ownership.formatters.suggestions import FORMATS
    from ownership.model.suggestions import Suggestions

    project = open_project(root, config)
    if write and project.rolemap is None:
        raise UsageError("suggest --write edits a role map, and these rules are a CODEOWNERS file "
                         "(turn it into one with 'ownership import')")
    paths = project.files(rev)
    report = project.report(paths)
    _, prefix = prefix_of(project)
    if report.unowned:  # else there is nothing to suggest, and no history to read
        who = people_by_role(project, report, people)
        found = suggest(report, authorship(project, rev, history_since), who, paths, prefix, rev or "HEAD",
                        history_since)
    else:
        found = Suggestions(report.root, report.source, rev or "HEAD", history_since, 0, (), ())
    emit(FORMATS[fmt](found, list_files=list_files))
    if write:
        _write(project, found, paths)
    return 0


def _write(project: "Project", found: "Suggestions", paths: Sequence[str]) -> None:
    """Add the suggested patterns to the role map, after checking that the edited map owns exactly the
    suggested files as suggested and changes no other file's owner."""
    import os
    from pathlib import Path

    from ownership.adapters.reading import read_text
    from ownership.adapters.rulefiles import shown
    from ownership.adapters.writing import write_atomically
    from ownership.analysis.report import build_report
    from ownership.errors import OwnershipError
    from ownership.rolemap.edit import add_paths
    from ownership.rolemap.parse import PYPROJECT, parse_rolemap

    assert project.path is not None and project.rolemap is not None
    if not found.suggestions:
        say("ownership: nothing to write")
        return
    source = shown(project.path)
    text = read_text(project.path, source, "the role map", project.repository())
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    additions: Dict[str, List[str]] = {}
    for suggestion in found.suggestions:
        additions.setdefault(suggestion.role, []).append(suggestion.pattern)
    pyproject = os.path.basename(project.path) == PYPROJECT
    edited = bom + add_paths(text[len(bom):], additions, source, pyproject)
    before = project.report(paths)
    after = build_report(parse_rolemap(edited, source, pyproject), paths, project.root)
    owner = {p: entry.role.name for entry in after.roles for p in entry.files}
    expected = {p: entry.role.name for entry in before.roles for p in entry.files}
    expected.update({p: s.role for s in found.suggestions for p in s.files})
    if owner != expected:  # the patterns are exact by construction: a bug, but never write a wrong file
        wrong = sorted(set(owner.items()) ^ set(expected.items()))[:3]
        raise OwnershipError(f"internal error, nothing written: the edited role map would change {wrong}")
    write_atomically(Path(project.path), edited, force=True, within=project.repository())
    from ownership.model.words import count

    added = sum(len(v) for v in additions.values())
    say(f"ownership: added {count(added, 'pattern')} to {source} ({count(found.covered, 'file')} now owned)")
