"""``ownership check``: only the problems, and exit 1 when there are any (for hooks and CI)."""

from __future__ import annotations

from typing import Optional, Tuple

import click

from ownership.cli.options import (
    codeowners_option, dialect_option,
    color_option, config_option, emit, format_option, parse_kinds, root_option, rev_option, untracked_option,
    use_color,
)

KINDS = ("error", "unowned", "conflict", "unused",
         "no-accountable", "several-accountable", "no-responsible", "empty-phase", "split-phase")
DEFAULT_FAIL_ON = "error,unowned,conflict,no-accountable,several-accountable,no-responsible"


@click.command("check")
@click.argument("files", nargs=-1)
@root_option
@config_option
@codeowners_option
@dialect_option
@rev_option
@untracked_option
@format_option()
@click.option(
    "--fail-on", default=DEFAULT_FAIL_ON, show_default=True, metavar="KINDS",
    help="Comma-separated findings that fail the check: error (CODEOWNERS lines the platform rejects), "
    "unowned, conflict, unused; with RACI phases also no-accountable, several-accountable, no-responsible, "
    "empty-phase, split-phase.",
)
@color_option
def check_command(
    files: Tuple[str, ...], root: Optional[str], config: Optional[str], codeowners: Optional[str], dialect: Optional[str], rev: Optional[str], untracked: bool,
    fmt: str, fail_on: str, color: str,
) -> int:
    """Print ownership problems; exit 1 when any of the --fail-on kinds is found.

    With FILES (as pre-commit passes them), only those files must be owned and unconflicted: the tree is
    not listed, so the check costs what the files cost. FILES are relative to the current directory.
    Unused rules are only looked for when the whole tree is checked.

    \b
    Examples:
      ownership check
      ownership check --fail-on unowned,conflict,unused
      ownership check src/app/train.py docs/index.md
      ownership check --rev HEAD --format json
      ownership check --codeowners .github/CODEOWNERS
    """
    from ownership.formatters import FORMATTERS
    from ownership.project import open_project
    kinds = parse_kinds(fail_on, KINDS)
    project = open_project(root, config, codeowners, dialect)
    if files:
        report = project.report(sorted(set(project.relative(files))), whole_tree=False)
    else:
        report = project.report(project.files(rev, untracked))
    emit(FORMATTERS[fmt].check(report, kinds, color=use_color(color)))
    return report.exit_code(kinds)
