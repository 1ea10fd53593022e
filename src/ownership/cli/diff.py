"""``ownership diff REF``: which files a change hands to another owner, and which rules it leaves idle."""

from __future__ import annotations

import os
from typing import Optional

import click

from ownership.cli.options import base_argument, color_option, emit, format_option, rules_options, tree_options, use_color


@click.command("diff")
@base_argument
@rules_options
@tree_options
@format_option()
@color_option
def diff_command(
    ref: str, root: Optional[str], config: Optional[str], codeowners: Optional[str], dialect: Optional[str],
    rev: Optional[str], untracked: bool, fmt: str, color: str,
) -> int:
    """Show whose files change owner between REF and the tree being checked.

    Compares from the merge base of REF and the checked tree (the index, or --rev), as a pull request
    does: each side's files under that side's role map or CODEOWNERS. Files are grouped as gained (they
    had no owner), lost (they have none now) and moved (another owner); a renamed file is compared under
    both its names. Rules that the change leaves matching no file (unused) or deciding no file (shadowed)
    follow. New and deleted files are not listed: `ownership check --base REF` checks new files.

    \b
    Examples:
      ownership diff origin/main
      ownership diff v1.4.0 --rev HEAD --format json
      ownership diff "$BASE_SHA" --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    # lazily, for start-up time: a command imports only what it runs
    from ownership.analysis.changes import compare, snapshot
    from ownership.formatters import FORMATTERS
    from ownership.adapters.gitfiles import changes, list_files, merge_base
    from ownership.adapters.project import open_project

    project = open_project(root, config, codeowners, dialect, rev)
    base = merge_base(project.base, ref, rev)
    renames = {c.new: c.old for c in changes(project.base, base, rev) if c.status == "R"}
    # Each side reads its own rules (issue 12): across the commit that adopts a role map, the base has CODEOWNERS.
    before = project.own_rules_at(base, ref, renames, named=config is not None or codeowners is not None)
    old_files = list_files(project.base, rev=base)
    # A CODEOWNERS at the top before a role map in a subdirectory: its paths start at the top.
    prefix = "" if before.base == project.base else os.path.relpath(project.base, before.base) + "/"
    diff = compare(
        snapshot(before.rules, [prefix + f for f in old_files]).below(prefix),
        snapshot(project.rules, project.files(rev, untracked)),
        renames, ref, base, project.root, before.rules.source, project.rules.source,
    )
    render = FORMATTERS[fmt].diff
    assert render is not None  # --format offers only the formats that have one
    emit(render(diff, color=use_color(color)))
    return 0
