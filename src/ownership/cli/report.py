"""``ownership report``: the whole picture of who owns what."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import click

if TYPE_CHECKING:
    from pathlib import Path

from ownership.cli.alignment import history_since_option, people_option

from ownership.cli.options import (
    root_argument,
    CI_FORMATS, codeowners_option, dialect_option, color_option, config_option, emit, format_option, rev_option,
    untracked_option, use_color, limit_option,
)


@click.command("report")
@root_argument
@config_option
@codeowners_option
@dialect_option
@rev_option
@untracked_option
@format_option(CI_FORMATS + ("html",))
@click.option("--list", "list_files", is_flag=True,
              help="List the files of every role, the ignored ones and every unowned file (no roll-up).")
@limit_option
@click.option(
    "--output", "-o", metavar="FILE",
    help="Write the report to FILE (replacing it) instead of standard output; e.g. report.html.",
)
@click.option(
    "--history", is_flag=True,
    help="--format html: add a view coloured by alignment (files whose owning role's members author them, in "
    "the git history, or not), and the list of files authored outside their role.",
)
@history_since_option
@people_option
@color_option
def report_command(
    root: Optional[str], config: Optional[str], codeowners: Optional[str], dialect: Optional[str], rev: Optional[str], untracked: bool, fmt: str, list_files: bool,
    limit: int, output: Optional[str], history: bool, history_since: Optional[str], people: Optional[str],
    color: str,
) -> int:
    """Show files per role, unowned files, conflicts, unused rules and coverage.

    ROOT is the directory whose role map applies (default: the top of the current work tree); its
    patterns are relative to it and only the files git tracks below it are counted.

    \b
    Examples:
      ownership report
      ownership report examples/churn-mlops --list
      ownership report --rev v1.2.0 --format json > ownership.json
      ownership report --format markdown >> "$GITHUB_STEP_SUMMARY"
      ownership report --format sarif > ownership.sarif
      ownership report --codeowners .github/CODEOWNERS
      ownership report --format html -o report.html   # one self-contained page: treemap, legend, tables
      ownership report --format html --history -o report.html   # and a view coloured by alignment

    --format html writes one page with no outside resources (it works from disk and as a CI artifact):
    a treemap of the tree coloured by owning role, a legend with counts, a filter box, the problems
    and, when the role map has phases, the RACI matrix. With --history (it reads the git history, so
    only when asked) a switch colours the same treemap by alignment instead.
    """
    # lazily, for start-up time: a command imports only what it runs
    from ownership.formatters import FORMATTERS
    from ownership.adapters.project import open_project
    formatter = FORMATTERS[fmt]
    if (history or history_since) and fmt != "html":
        from ownership.errors import UsageError

        raise UsageError(f"--history{'-since' if not history else ''} is for --format html (for the other formats, "
                         "see 'ownership history')")
    project = open_project(root, config, codeowners, dialect, rev)
    # CODEOWNERS lint findings only for the formats whose report lists findings (None: the default kinds).
    lint_kinds = None if formatter.lists_lint else ()
    report = project.report(project.files(rev, untracked), lint_kinds=lint_kinds, deciding=formatter.deciding)
    if formatter.titled:
        report = report.replace(repository=_repository_name(project.repository(), project.base))
    if history or history_since:
        from ownership.cli.alignment import alignment_of

        states = alignment_of(project, report, rev, history_since, people)
        report = report.replace(alignment=tuple((p, states[p]) for e in report.roles for p in e.files if p in states))
    text = formatter.report(report, color=use_color(color) and output is None, list_files=list_files,
                          limit=limit)
    if output is not None:
        from pathlib import Path

        from ownership.adapters.project import enclosing_top
        from ownership.adapters.writing import write_atomically

        write_atomically(Path(output), text, force=True, within=enclosing_top(None))
    else:
        emit(text, commands=formatter.commands)
    return 0


def _repository_name(top: str, base: str) -> str:
    """The name a page is titled with: the repository's directory, and the root below it if there is one
    (``ranking-service/services/api``)."""
    import os
    from pathlib import Path

    real_top = Path(top).resolve()
    below = Path(os.path.relpath(Path(base).resolve(), real_top)).as_posix()
    name = real_top.name or real_top.as_posix()
    return name if below == "." else f"{name}/{below}"
