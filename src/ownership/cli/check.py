"""``ownership check``: only the problems, and exit 1 when there are any (for hooks and CI)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional, Tuple

import click

from ownership.cli.alignment import history_options
from ownership.cli.baseline import baseline_option, command_for
from ownership.cli.options import (
    CI_FORMATS, color_option, emit, limit_option, format_option, note_rules, parse_kinds, resolve_format,
    rules_options, say, tree_options, use_color,
)

if TYPE_CHECKING:
    from ownership.adapters.project import Project

KINDS = ("error", "unowned", "explicitly-unowned", "conflict", "unused", "duplicate", "shadowed", "undeclared", "portability",
         "no-accountable", "several-accountable", "no-responsible", "empty-phase", "split-phase",
         "drift", "inactive-owner", "low-truck-factor")
LINT = "explicitly-unowned,unused,duplicate,shadowed,undeclared"
DEFAULT_FAIL_ON = "error,unowned,conflict,no-accountable,several-accountable,no-responsible"


@click.command("check")
@click.argument("files", nargs=-1)
@rules_options
@tree_options
@format_option(("auto",) + CI_FORMATS, default="auto")
@click.option(
    "--base", "--changed-since", "changed_since", metavar="REF",
    help="Pull-request mode: only files added, modified or renamed since the merge base of REF (the "
    "pull request's base) and the checked tree must be owned (all files when the role map or CODEOWNERS "
    "itself changed). --changed-since is the same.",
)
@click.option(
    "--fail-on", default=DEFAULT_FAIL_ON, show_default=True, metavar="KINDS",
    help="Comma-separated findings that fail the check (exit 1); the kinds are listed above.",
)
@click.option(
    "--warn-on", default=None, metavar="KINDS",
    help=f"Comma-separated findings shown without failing [default: {LINT} with a CODEOWNERS file, "
    "unused,shadowed with a role map]. Give '' for none.",
)
@click.option(
    "--owners-file", metavar="FILE",
    help="The owners CODEOWNERS may name, one a line ('#' comments), for the undeclared check (default: "
    "the owners of the role map in the root, if there is one).",
)
@history_options
@baseline_option
@click.option("--list", "list_files", is_flag=True, help="List every unowned file (no roll-up by directory).")
@limit_option
@color_option
def check_command(
    files: Tuple[str, ...], root: Optional[str], config: Optional[str], codeowners: Optional[str],
    dialect: Optional[str], rev: Optional[str], untracked: bool, changed_since: Optional[str], fmt: str,
    fail_on: str, warn_on: Optional[str], owners_file: Optional[str], inactive_after: str, truck_threshold: int,
    history_since: Optional[str], people: Optional[str], baseline: Optional[str], list_files: bool, limit: int,
    color: str,
) -> int:
    """Print ownership problems; exit 1 when any of the --fail-on kinds is found.

    With FILES (as pre-commit passes them), only those files must be owned and unconflicted: the tree is
    not listed, so the check costs what the files cost. FILES are relative to the current directory; a
    directory stands for the files git lists under it, and '.' at the top for the whole tree. A path that
    is neither tracked nor on disk is an error (a deletion already staged is left out).
    With --base REF, only the files a pull request against REF adds, modifies or renames.
    When FILES or the changed files include the role map or CODEOWNERS itself, every file is checked.
    Unused and shadowed rules are only looked for when the whole tree is checked.

    \b
    Kinds of findings (each line of a CODEOWNERS file is reported with its line and column):
      error        a CODEOWNERS line the platform rejects or misreads (bad pattern, owner, section)
      unowned      a file no rule gives an owner
      explicitly-unowned  a file CODEOWNERS leaves unowned on purpose (its line names no owner)
      conflict     a file two roles claim equally (role maps)
      unused       a rule or line that matches no file
      duplicate    a pattern repeated in one section: the earlier line has no effect
      shadowed     a rule or line that matches files, but other rules decide every one of them
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

    By default error, unowned, conflict and the three RACI rules fail; with a CODEOWNERS file
    explicitly-unowned, unused, duplicate, shadowed and undeclared are shown as warnings (exit 0), with a
    role map unused and shadowed. A kind asked for that the rules in use cannot produce is said on stderr. Portability is only looked at when asked for (--warn-on
    or --fail-on): it matters when one file must mean the same on GitHub and GitLab, or to migrate.
    Drift, inactive-owner and low-truck-factor read the git history (authors by degree of authorship, as
    `ownership history` computes it), so they too are off unless asked for: the hook stays fast.

    \b
    Examples:
      ownership check
      ownership check --fail-on unowned,conflict,unused
      ownership check src/app/train.py docs/index.md
      ownership check src/
      ownership check --base origin/main
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
    project = open_project(root, config, codeowners, dialect, rev)
    note_rules(project)
    from ownership.model.findings import DEFAULT_WARN_ON, ROLEMAP_WARN_ON

    default_warn = ",".join(DEFAULT_WARN_ON if project.is_codeowners else ROLEMAP_WARN_ON)
    warn = [k for k in parse_kinds(default_warn if warn_on is None else warn_on, KINDS, "--warn-on")
            if k not in kinds]
    # Only kinds the user named, never the defaults, are said when the rules in use cannot produce them.
    named = {"--fail-on": kinds if fail_on != DEFAULT_FAIL_ON else [],
             "--warn-on": parse_kinds(warn_on, KINDS, "--warn-on") if warn_on is not None else []}
    if any(named.values()):
        cannot = impossible(project)
        for option, asked in named.items():
            for kind, why in cannot.items():
                if kind in asked:
                    say(f"ownership: warning: {option} {kind}: {why}, so it is never reported here")
    paths, whole_tree = project.selection(files, changed_since, rev, untracked)
    # With a baseline, every kind it records is looked for (not only the kinds shown): an entry of a kind left
    # out would count as gone ("lower it with 'ownership baseline'") while the problem is still there.
    lint = [*kinds, *warn, *(DEFAULT_WARN_ON if baseline is not None else ())]
    report = project.report(paths, whole_tree, declared=project.declared(owners_file), lint_kinds=lint)
    if any(k in ("drift", "inactive-owner", "low-truck-factor") for k in [*kinds, *warn]):
        from ownership.cli.alignment import with_history

        report = with_history(project, report, [*kinds, *warn], rev, inactive_after, truck_threshold, history_since,
                              people)
    if baseline is not None:
        from ownership.adapters.rulefiles import load_baseline

        again = command_for(root, config, codeowners, dialect, baseline)
        known = load_baseline(baseline, baseline, project.repository(), write_with=again).keys
        report = report.replace(known=known, rebaseline=again)
    fmt = resolve_format(fmt)
    formatter = FORMATTERS[fmt]
    assert formatter.check is not None  # --format offers only the formats that have one
    text = formatter.check(report, kinds, color=use_color(color), warn=warn, list_files=list_files, limit=limit)
    emit(text, commands=formatter.commands)
    return report.exit_code(kinds)


def impossible(project: "Project") -> Dict[str, str]:
    """The finding kinds the project's kind of rules cannot produce, and why (issue 12: a kind asked for that
    cannot arise is said, never silently ignored)."""
    from ownership.model.findings import CODEOWNERS_ONLY, RACI_KINDS, ROLEMAP_ONLY

    if project.rolemap is None:
        return {kind: f"'{kind}' is a role-map finding and the rules are a CODEOWNERS file" for kind in ROLEMAP_ONLY}
    found = {kind: f"'{kind}' is a CODEOWNERS finding and the rules are a role map" for kind in CODEOWNERS_ONLY}
    if kind_error := found.get("error"):
        found["error"] = kind_error + " (a role map with an error is exit 2)"
    if not project.rolemap.phases:
        found.update((kind, f"'{kind}' is a RACI finding and the role map has no [phases]") for kind in RACI_KINDS)
    return found
