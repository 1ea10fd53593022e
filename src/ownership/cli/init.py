"""``ownership init``: write a starter role map for the repository, or import the CODEOWNERS it already has."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ownership.cli.options import emit, output_option, root_argument, say


@click.command("init")
@root_argument
@output_option("Write the role map to FILE instead of ownership.toml in ROOT (its patterns stay relative to ROOT).")
@click.option("--force", is_flag=True, help="Overwrite an existing ownership.toml.")
@click.option("--dry-run", is_flag=True, help="Print the role map on standard output instead of writing it.")
@click.pass_context
def init_command(ctx: click.Context, root: Optional[str], output: Optional[str], force: bool, dry_run: bool) -> int:
    """Write a starter ownership.toml into ROOT (default: the top of the current work tree).

    When the repository already has a CODEOWNERS file (where GitHub or GitLab looks), that file is the
    team's knowledge: init imports it, as `ownership import` does, rather than guess.

    Otherwise, in a tree whose top holds the usual homes of an ML team's work (data/, notebooks/, models/,
    training/, ...), it proposes the roles of an ML team (Data Engineer, Data Scientist, ML Engineer, MLOps
    Engineer, DevOps Engineer, SRE, Product Manager) with the homes of their work that exist here, and the
    lifecycle phases (data collection, model training, deployment, ...) whose homes exist, each with its
    Accountable role. In any other tree it proposes one role per top-level directory and a "Maintainers"
    role for everything else, with placeholders for the handles that review each. Either way, ownership's
    own files (ownership.toml, the baseline, a generated CODEOWNERS) get a role, named in the output; then
    it prints what is still unowned. It never overwrites a file without --force.

    \b
    Examples:
      ownership init
      ownership init --dry-run | less
      ownership init services/ranking --force
      ownership init -o proposed-ownership.toml    # look before it becomes the role map
    """
    # lazily, for start-up time: a command imports only what it runs
    from ownership.rolemap.parse import parse_rolemap
    from ownership.formatters.escape import for_terminal, inline
    from ownership.adapters.gitfiles import list_files, worktree_top
    from ownership.adapters.project import enclosing_top, top_of
    from ownership.adapters.writing import check_within
    from ownership.adapters.rulefiles import find_codeowners, shown
    from ownership.analysis.report import build_report
    from ownership.errors import GitError
    from ownership.rolemap.starter import GENERIC_ROLE, TOOL_ROLE, is_ml_project, propose, propose_generic
    from ownership.adapters.writing import write_atomically
    from ownership.model.words import count

    base = Path(top_of(root))
    if root is not None:  # `init services` with services -> /other/repo must not write into the other repository
        here = enclosing_top(None)
        if here is not None:
            check_within(Path(root) / "ownership.toml", here)
        base = base.resolve()
    try:
        at_top = Path(worktree_top(base)).resolve() == base.resolve()
    except GitError:
        at_top = False
    existing = find_codeowners(base) if at_top else None
    if existing is not None:
        # Issue 12: a guess written beside CODEOWNERS would silently replace it for `check`.
        say(f"ownership: note: {inline(shown(existing))} exists: importing it (as `ownership import` does) "
            "instead of guessing")
        from ownership.cli.importer import import_command

        result: int = ctx.invoke(import_command, codeowners=None, output=output, force=force, dialect=None,
                                 dry_run=dry_run)
        return result
    files = list_files(base)
    target = base / "ownership.toml" if output is None else Path(output)
    if is_ml_project(files):
        text, patterns = propose(files)
        owner, areas = TOOL_ROLE, None
    else:
        text, patterns, found = propose_generic(files)
        owner, areas = GENERIC_ROLE, found
    rolemap = parse_rolemap(text, shown(target))  # what we write must load
    if dry_run:
        emit(text)
        verb = "Would write"
    else:
        write_atomically(target, text, force=force, within=base if output is None else enclosing_top(None))
        verb = "Wrote"
    report = build_report(rolemap, files, shown(base))

    def tell(line: str) -> None:  # with --dry-run, standard output holds only the role map
        if dry_run:
            say(line)
        else:
            emit(line + "\n")

    kind = ("an ML team's roles" if areas is None else "a catch-all role" if not areas else
            f"a role for each of {count(len(areas), 'top-level directory', 'top-level directories')}, and a "
            "catch-all one")
    tell(f"{verb} {inline(shown(target))} ({kind}): {count(len(rolemap.roles), 'role')}, {count(patterns, 'pattern')}, "
         f"{count(len(rolemap.phases), 'phase')}; {report.owned} of {count(report.total, 'file')} owned "
         f"({report.coverage:.1f}%).")
    tell(f"ownership.toml, .ownership-baseline.json and a generated .github/CODEOWNERS are owned by {owner}.")
    if areas is not None:
        tell("Replace the placeholders: give each role the handles that review its files (`owners = [...]`).")
    if report.unowned:
        tell(f"Still unowned ({len(report.unowned)}):\n" + "\n".join(f"  {for_terminal(p)}" for p in report.unowned))
    return 0
