"""``ownership raci``: the RACI matrix of the lifecycle phases, derived from the files each phase covers."""

from __future__ import annotations

from typing import Optional

import click

from ownership.cli.options import (
    color_option, config_option, emit, format_option, note_rules, rev_option, root_argument, untracked_option,
    use_color,
)


@click.command("raci")
@root_argument
@config_option
@rev_option
@untracked_option
@format_option(("text", "json", "markdown"))  # explicit: other formats have no raci()
@color_option
def raci_command(
    root: Optional[str], config: Optional[str], rev: Optional[str], untracked: bool, fmt: str, color: str
) -> int:
    """Print the RACI matrix: the role map's [phases] as rows, its roles as columns.

    A role is Responsible (R) for the files it owns and holds A, C or I on the files its accountable,
    consulted or informed patterns match; it holds a letter on a phase when it holds it on any of the
    phase's files. Below the matrix: phases without exactly one Accountable role or without a
    Responsible one, phases matching no file, files whose owner is not the phase's Responsible role, and
    RACI patterns that match nothing (`ownership check` fails on the first three by default).

    \b
    Examples:
      ownership raci
      ownership raci examples/churn-mlops --format markdown >> "$GITHUB_STEP_SUMMARY"
      ownership raci --rev HEAD --format json
    """
    # lazily, for start-up time: a command imports only what it runs
    from ownership.errors import ConfigError
    from ownership.formatters import FORMATTERS
    from ownership.adapters.project import open_project

    project = open_project(root, config, rev=rev)
    note_rules(project)
    if project.rolemap is None or not project.rolemap.phases:
        raise ConfigError(
            "no [phases] table: map lifecycle phases to path patterns to get a RACI matrix"
            ' (e.g. [phases] "Model training" = ["src/*/models/train.py"])', project.rules.source,
        )
    report = project.report(project.files(rev, untracked))
    render = FORMATTERS[fmt].raci
    assert render is not None  # --format offers only the formats that have one
    emit(render(report, color=use_color(color)))
    return 0
