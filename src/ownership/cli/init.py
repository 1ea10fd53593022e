"""``ownership init``: write a starter role map for the repository."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ownership.cli.options import emit, output_option, root_argument


@click.command("init")
@root_argument
@output_option("Write the role map to FILE instead of ownership.toml in ROOT (its patterns stay relative to ROOT).")
@click.option("--force", is_flag=True, help="Overwrite an existing ownership.toml.")
def init_command(root: Optional[str], output: Optional[str], force: bool) -> int:
    """Write a starter ownership.toml into ROOT (default: the top of the current work tree).

    It proposes the roles of an ML team (Data Engineer, Data Scientist, ML Engineer, MLOps Engineer,
    DevOps Engineer, SRE, Product Manager) with the usual homes of their work that exist in this tree,
    and the lifecycle phases (data collection, model training, deployment, ...) whose usual homes exist,
    each with its Accountable role; then prints what is still unowned. It never overwrites a file
    without --force.

    \b
    Examples:
      ownership init
      ownership init services/ranking --force
      ownership init -o proposed-ownership.toml    # look before it becomes the role map
    """
    # lazily, for start-up time: a command imports only what it runs
    from ownership.rolemap.parse import parse_rolemap
    from ownership.adapters.rulefiles import load_rolemap
    from ownership.errors import ConfigError, UsageError
    from ownership.formatters.escape import for_terminal
    from ownership.adapters.gitfiles import list_files
    from ownership.adapters.project import enclosing_top, top_of
    from ownership.adapters.writing import check_within
    from ownership.adapters.rulefiles import shown
    from ownership.analysis.report import build_report
    from ownership.rolemap.starter import propose
    from ownership.adapters.writing import write_atomically
    from ownership.model.words import count

    base = top_of(root)
    if root is not None:  # `init services` with services -> /other/repo must not write into the other repository
        here = enclosing_top(None)
        if here is not None:
            check_within(Path(root) / "ownership.toml", here)
        base = base.resolve()
    files = list_files(base)
    text, patterns = propose(files)
    target = base / "ownership.toml" if output is None else Path(output)
    try:
        parse_rolemap(text, shown(target))
    except ConfigError:  # every role is commented out (nothing of theirs is here): the file would not load
        raise UsageError(f"{shown(base)}: none of the usual homes of an ML team's work (data/, notebooks/, models/, "
                         "docs/, ...) is in this tree, so there is no role map to propose; nothing written. Write "
                         "ownership.toml by hand, or `ownership import` an existing CODEOWNERS") from None
    write_atomically(target, text, force=force, within=base if output is None else enclosing_top(None))
    rolemap = load_rolemap(target, shown(target))
    report = build_report(rolemap, files, shown(base))
    emit(
        f"Wrote {shown(target)}: {count(len(rolemap.roles), 'role')}, {count(patterns, 'pattern')}, "
        f"{count(len(rolemap.phases), 'phase')}; {report.owned} of {count(report.total, 'file')} owned "
        f"({report.coverage:.1f}%).\n"
    )
    if report.unowned:
        emit(f"Still unowned ({len(report.unowned)}):\n" + "".join(f"  {for_terminal(p)}\n" for p in report.unowned))
    return 0
