"""``ownership baseline``: record today's problems, so that ``check --baseline`` fails only on new ones."""

from __future__ import annotations

import os
from typing import Optional

import click

from ownership.cli.options import emit, note_rules, output_option, rules_options, say, tree_options

DEFAULT_FILE = ".ownership-baseline.json"

baseline_option = click.option(
    "--baseline", "baseline", metavar="FILE",
    help="Fail only on problems that are not recorded in FILE (written by 'ownership baseline').",
)


def command_for(root: Optional[str], config: Optional[str], codeowners: Optional[str], dialect: Optional[str],
                path: str) -> str:
    """The ``ownership baseline`` command line that writes ``path`` for these rules (for hints that must work
    as they are copied: the same root and rules, and the file unless it is the default)."""
    import shlex

    words = ["ownership", "baseline"]
    for option, value in (("--root", root), ("--config", config), ("--codeowners", codeowners),
                          ("--dialect", dialect)):
        words += [option, value] if value is not None else []
    from ownership.adapters.fspath import clean

    words += ["-o", path] if clean(path) != DEFAULT_FILE else []
    return " ".join(shlex.quote(word) for word in words)


@click.command("baseline")
@rules_options
@tree_options
@output_option("The file to write (overwritten); --baseline FILE is the same.", "--baseline", dest="target",
               default=DEFAULT_FILE, show_default=True)
def baseline_command(
    root: Optional[str], config: Optional[str], codeowners: Optional[str], dialect: Optional[str],
    rev: Optional[str], untracked: bool, target: str,
) -> int:
    """Record today's problems, so that check --baseline fails only on new ones.

    Writes every problem of the whole tree (unowned files, conflicts with their roles, unused rules, rejected
    CODEOWNERS lines) to FILE, so that `ownership check --baseline FILE` fails only when one is added. Commit the file; after fixing problems, run this again to lower the bar. Entries are identified by path,
    roles, pattern or line text, never by line number, so unrelated edits leave them valid.

    \b
    Examples:
      ownership baseline
      ownership check --baseline .ownership-baseline.json
      ownership baseline --root services/ranking -o services/ranking/.ownership-baseline.json
    """
    # lazily, for start-up time: a command imports only what it runs
    from ownership.analysis.baseline import render
    from ownership.adapters.project import open_project
    from ownership.adapters.rulefiles import shown
    from ownership.adapters.writing import write_atomically
    from ownership.model.words import count
    from ownership.errors import UsageError

    project = open_project(root, config, codeowners, dialect, rev)
    note_rules(project)
    from pathlib import Path  # (not at the top: `check --baseline` imports this module, and a hook no pathlib)

    path = Path(target)
    files = project.files(rev, untracked)
    unowned_self = None
    if rev is None:
        # Issue 12: the baseline is a file of the tree once committed. When the rules give it an owner (`init` and
        # `import` name it), it counts as there, so that rule is not recorded as unused; when they give it none,
        # that is said now rather than by the first `check --baseline` after it is committed.
        try:
            own = project.relative([target])[0]
        except UsageError:  # written outside the rules' directory
            own = None
        if own is not None and own not in files:
            if project.report([own], whole_tree=False).unowned:
                unowned_self = own
            else:
                files = sorted({*files, own}, key=os.fsencode)
    report = project.report(files)
    write_atomically(path, render(report), force=True, within=project.repository())
    findings = report.all_findings()
    counts = {kind: sum(1 for f in findings if f.kind == kind) for kind in dict.fromkeys(f.kind for f in findings)}
    parts = ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "no problems"
    emit(f"Wrote {shown(path.resolve())}: {parts} in {count(report.total, 'file')}.\n")
    if unowned_self is not None:
        from ownership.formatters.escape import inline

        say(f"ownership: note: {inline(unowned_self)} has no owner under {inline(project.rules.source)}: give it "
            "one before committing it, or `check` will report it")
    return 0
