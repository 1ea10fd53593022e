"""``ownership check``: only the problems, and exit 1 when there are any (for hooks and CI)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Tuple

import click

from ownership.cli.alignment import history_options
from ownership.cli.baseline import baseline_option
from ownership.cli.options import (
    CI_FORMATS, color_option, emit, format_option, parse_kinds, resolve_format, rules_options, tree_options, use_color,
)

KINDS = ("error", "unowned", "conflict", "unused", "duplicate", "shadowed", "undeclared", "portability",
         "no-accountable", "several-accountable", "no-responsible", "empty-phase", "split-phase",
         "drift", "inactive-owner", "low-truck-factor")
LINT = "unused,duplicate,shadowed,undeclared"
DEFAULT_FAIL_ON = "error,unowned,conflict,no-accountable,several-accountable,no-responsible"


@click.command("check")
@click.argument("files", nargs=-1)
@rules_options
@tree_options
@format_option(("auto",) + CI_FORMATS, default="auto")
@click.option(
    "--changed-since", "--base", "changed_since", metavar="REF",
    help="Pull-request mode: only files added, modified or renamed since the merge base of REF and the "
    "checked tree must be owned (all files when the role map or CODEOWNERS itself changed).",
)
@click.option(
    "--fail-on", default=DEFAULT_FAIL_ON, show_default=True, metavar="KINDS",
    help="Comma-separated findings that fail the check (exit 1); the kinds are listed above.",
)
@click.option(
    "--warn-on", default=None, metavar="KINDS",
    help=f"Comma-separated findings shown without failing [default: {LINT} with a CODEOWNERS file, "
    "none with a role map]. Give '' for none.",
)
@click.option(
    "--owners-file", metavar="FILE",
    help="The owners CODEOWNERS may name, one a line ('#' comments), for the undeclared check (default: "
    "the owners of the role map in the root, if there is one).",
)
@history_options
@baseline_option
@color_option
def check_command(
    files: Tuple[str, ...], root: Optional[str], config: Optional[str], codeowners: Optional[str],
    dialect: Optional[str], rev: Optional[str], untracked: bool, changed_since: Optional[str], fmt: str,
    fail_on: str, warn_on: Optional[str], owners_file: Optional[str], inactive_after: str, truck_threshold: int,
    history_since: Optional[str], people: Optional[str], baseline: Optional[str], color: str,
) -> int:
    """Print ownership problems; exit 1 when any of the --fail-on kinds is found.

    With FILES (as pre-commit passes them), only those files must be owned and unconflicted: the tree is
    not listed, so the check costs what the files cost. FILES are relative to the current directory.
    With --changed-since REF, only the files a pull request against REF adds, modifies or renames.
    When FILES or the changed files include the role map or CODEOWNERS itself, every file is checked.
    Unused and shadowed rules are only looked for when the whole tree is checked.

    \b
    Kinds of findings (each line of a CODEOWNERS file is reported with its line and column):
      error        a CODEOWNERS line the platform rejects or misreads (bad pattern, owner, section)
      unowned      a file no rule gives an owner
      conflict     a file two roles claim equally (role maps)
      unused       a rule or line that matches no file
      duplicate    a pattern repeated in one section: the earlier line has no effect
      shadowed     a line that matches files, but a later line decides every one of them
      undeclared   a CODEOWNERS owner missing from --owners-file, or from the role map's owners
      portability  a construct that means something else on GitHub, on GitLab or in gitignore
      no-accountable       a RACI phase with no Accountable role
      several-accountable  a RACI phase with more than one Accountable role
      no-responsible       a RACI phase whose files no role owns
      empty-phase          a RACI phase whose patterns match no file
      split-phase          a file of a phase owned by another role than the phase's Responsible one
      drift             a file no member of its role authors, while a member of another role does
      inactive-owner    a member of a role (or an owner) with no commit within --inactive-after
      low-truck-factor  a role whose files have a truck factor of --truck-factor or less

    By default error, unowned, conflict and the three RACI rules fail; with a CODEOWNERS file unused,
    duplicate, shadowed and undeclared are shown as warnings (exit 0). Portability is only looked at when asked for (--warn-on
    or --fail-on): it matters when one file must mean the same on GitHub and GitLab, or to migrate.
    Drift, inactive-owner and low-truck-factor read the git history (authors by degree of authorship, as
    `ownership history` computes it), so they too are off unless asked for: the hook stays fast.

    \b
    Examples:
      ownership check
      ownership check --fail-on unowned,conflict,unused
      ownership check src/app/train.py docs/index.md
      ownership check --changed-since origin/main
      ownership check --rev HEAD --format json
      ownership check --format sarif > ownership.sarif
      ownership check --baseline .ownership-baseline.json
      ownership check --codeowners .github/CODEOWNERS --owners-file owners.txt
      ownership check --codeowners CODEOWNERS --fail-on error,unowned,shadowed,duplicate
      ownership check --codeowners .gitlab/CODEOWNERS --warn-on portability
      ownership check --warn-on drift,inactive-owner,low-truck-factor --inactive-after 6m
    """
    # lazily, for start-up time: a command imports only what it runs
    from ownership.formatters import FORMATTERS
    from ownership.adapters.project import open_project
    kinds = parse_kinds(fail_on, KINDS)
    project = open_project(root, config, codeowners, dialect)
    from ownership.model.findings import DEFAULT_WARN_ON

    default_warn = ",".join(DEFAULT_WARN_ON) if project.is_codeowners else ""
    warn = [k for k in parse_kinds(default_warn if warn_on is None else warn_on, KINDS, "--warn-on")
            if k not in kinds]
    paths, whole_tree = project.selection(files, changed_since, rev, untracked)
    report = project.report(paths, whole_tree, declared=project.declared(owners_file), lint_kinds=[*kinds, *warn])
    if any(k in ("drift", "inactive-owner", "low-truck-factor") for k in [*kinds, *warn]):
        from ownership.cli.alignment import with_history

        report = with_history(project, report, [*kinds, *warn], rev, inactive_after, truck_threshold, history_since,
                              people)
    if baseline is not None:
        from dataclasses import replace

        from ownership.adapters.rulefiles import load_baseline

        report = replace(report, known=load_baseline(Path(baseline), baseline, project.repository()).keys)
    fmt = resolve_format(fmt)
    formatter = FORMATTERS[fmt]
    assert formatter.check is not None  # --format offers only the formats that have one
    emit(formatter.check(report, kinds, color=use_color(color), warn=warn), commands=formatter.commands)
    return report.exit_code(kinds)
