"""``ownership who``: which rule decides the owner of a path, and why."""

from __future__ import annotations

from typing import Optional, Tuple

import click

from ownership.cli.options import color_option, emit, format_option, rules_options, use_color


@click.command("who")
@click.argument("paths", nargs=-1, required=True)
@rules_options
@format_option()
@color_option
def who_command(paths: Tuple[str, ...], root: Optional[str], config: Optional[str], codeowners: Optional[str], dialect: Optional[str], fmt: str, color: str) -> int:
    """Explain the owner of each PATH (it need not exist); a directory stands for the files git lists under it.

    Text lists every matching rule in document order with its specificity; the deciding rule is marked
    '*' with the reason it won, rules tied in a conflict are marked '!'. PATHs are relative to the
    current directory.

    \b
    Examples:
      ownership who src/churn_mlops/models/train.py
      ownership who --root examples/churn-mlops examples/churn-mlops/Dockerfile
      ownership who --format json data/raw/new.csv
      ownership who src/churn_mlops/
      ownership who --codeowners .github/CODEOWNERS src/app.py
    """
    # lazily, for start-up time: a command imports only what it runs
    from ownership.formatters import FORMATTERS
    from ownership.adapters.project import open_project
    project = open_project(root, config, codeowners, dialect)
    # A directory stands for the files git lists under it ("." at the top: every file); a path need not exist.
    named, _ = project.given(paths, must_exist=False)
    explanations = project.explain_paths(named)
    render = FORMATTERS[fmt].who
    assert render is not None  # --format offers only the formats that have one
    emit(render(explanations, project.semantics, color=use_color(color)))
    return 0
