"""``ownership check``: only the problems, and exit 1 when there are any (for hooks and CI)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Tuple

import click

from ownership.cli.baseline import baseline_option
from ownership.cli.options import (
    CI_FORMATS, codeowners_option, dialect_option,
    color_option, config_option, emit, format_option, parse_kinds, resolve_format, root_option, rev_option,
    untracked_option, use_color,
)

KINDS = ("error", "unowned", "conflict", "unused")


@click.command("check")
@click.argument("files", nargs=-1)
@root_option
@config_option
@codeowners_option
@dialect_option
@rev_option
@untracked_option
@format_option(("auto",) + CI_FORMATS, default="auto")
@click.option(
    "--changed-since", "--base", "changed_since", metavar="REF",
    help="Pull-request mode: only files added, modified or renamed since the merge base of REF and the "
    "checked tree must be owned (all files when the role map or CODEOWNERS itself changed).",
)
@click.option(
    "--fail-on", default="error,unowned,conflict", show_default=True, metavar="KINDS",
    help="Comma-separated findings that fail the check: error (CODEOWNERS lines the platform rejects), "
    "unowned, conflict, unused.",
)
@baseline_option
@color_option
def check_command(
    files: Tuple[str, ...], root: Optional[str], config: Optional[str], codeowners: Optional[str], dialect: Optional[str], rev: Optional[str], untracked: bool,
    changed_since: Optional[str], fmt: str, fail_on: str, baseline: Optional[str], color: str,
) -> int:
    """Print ownership problems; exit 1 when any of the --fail-on kinds is found.

    With FILES (as pre-commit passes them), only those files must be owned and unconflicted: the tree is
    not listed, so the check costs what the files cost. FILES are relative to the current directory.
    With --changed-since REF, only the files a pull request against REF adds, modifies or renames.
    When FILES or the changed files include the role map or CODEOWNERS itself, every file is checked.
    Unused rules are only looked for when the whole tree is checked.

    \b
    Examples:
      ownership check
      ownership check --fail-on unowned,conflict,unused
      ownership check src/app/train.py docs/index.md
      ownership check --changed-since origin/main
      ownership check --rev HEAD --format json
      ownership check --format sarif > ownership.sarif
      ownership check --baseline .ownership-baseline.json
      ownership check --codeowners .github/CODEOWNERS
    """
    from ownership.formatters import FORMATTERS
    from ownership.project import open_project
    kinds = parse_kinds(fail_on, KINDS)
    project = open_project(root, config, codeowners, dialect)
    report = project.report(*project.selection(files, changed_since, rev, untracked))
    if baseline is not None:
        from dataclasses import replace

        from ownership.baseline import load_baseline

        report = replace(report, known=load_baseline(Path(baseline), baseline).keys)
    emit(FORMATTERS[resolve_format(fmt)].check(report, kinds, color=use_color(color)))
    return report.exit_code(kinds)
