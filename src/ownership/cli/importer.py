"""``ownership import``: write a role map from an existing CODEOWNERS file."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ownership.cli.options import dialect_option, emit, say

BASELINE = ".ownership-baseline.json"  # where `ownership baseline` writes by default


@click.command("import")
@click.argument("codeowners", required=False)
@click.option("--output", "-o", metavar="PATH", help="Write the role map to PATH (default: ownership.toml at "
              "the top of the repository).")
@click.option("--force", is_flag=True, help="Overwrite an existing role map.")
@click.option("--dry-run", is_flag=True, help="Print the role map on standard output instead of writing it.")
@dialect_option
def import_command(codeowners: Optional[str], output: Optional[str], force: bool, dialect: Optional[str],
                   dry_run: bool = False) -> int:
    """Write a role map from CODEOWNERS (default: the one the platform would use).

    One role per distinct owner set, named after its owners, with `owners` set; owner-less lines become
    a role with `owners = []`; a comment heading a block becomes the description; `resolution = "last"`.
    Where grouping lines by owner set would let another line win for some path, the owner set is split
    into ordered parts ("acme/data-eng (2)") and a note says so. Lines the platform rejects are left out
    with a warning. Patterns stay relative to the repository's top. Never overwrites without --force.

    A GitLab file is imported as GitLab reads it: its patterns are translated (`a/b` matches at any depth
    there, so it becomes `**/a/b`). A file with several sections or with exclusions cannot be imported, nor
    a character class (`[a-z]`), nor a pattern such as `docs` that GitLab matches only against files when
    the repository has a directory of that name (a role-map pattern also takes what is beneath it).

    \b
    Examples:
      ownership import
      ownership import .github/CODEOWNERS --output /tmp/ownership.toml
      ownership import docs/CODEOWNERS --force
      ownership import --dry-run | less
    """
    # lazily, for start-up time: a command imports only what it runs
    from ownership.codeowners.syntax import GITLAB
    from ownership.formatters.escape import inline
    from ownership.rolemap.parse import parse_rolemap
    from ownership.errors import ConfigError, GitError, UsageError
    from ownership.adapters.gitfiles import list_files, worktree_top
    from ownership.codeowners.importer import import_codeowners, render
    from ownership.adapters.project import enclosing_top, find_codeowners_file, top_of
    from ownership.adapters.rulefiles import load_codeowners, shown
    from ownership.adapters.writing import write_atomically

    top = Path(top_of(None)) if codeowners is None else None
    # A named file's lines are quoted in warnings: it too must not lead out of the repository.
    found = find_codeowners_file(top, codeowners, dialect)
    if found is None:
        raise ConfigError(f"no CODEOWNERS in {shown(top or Path.cwd())}: looked for .github/CODEOWNERS, CODEOWNERS, "
                          "docs/CODEOWNERS, .gitlab/CODEOWNERS")
    path = Path(found).resolve()
    parsed = load_codeowners(path, dialect)
    files = None
    if parsed.dialect == GITLAB:  # a pattern GitLab matches only against files is checked on the tree
        try:
            files = list_files(top or worktree_top(path.parent))
        except GitError:
            files = None
    within = None
    if output is not None:
        target = Path(output)
        here = enclosing_top(None)
        within = Path(here) if here is not None else None
    else:  # the top of the repository that holds the CODEOWNERS file, where its patterns are rooted
        within = top or Path(worktree_top(path.parent))
        target = within / "ownership.toml"
    # Issue 12: the role map (and the baseline beside it) replace CODEOWNERS, so they go to whoever owned it.
    rooted = top or _top(path)
    own_path = _below(path, rooted)
    tool_files = [p for p in (_below(target.resolve(), rooted), BASELINE) if p is not None]
    imported = import_codeowners(parsed, files, own_path, tool_files if own_path is not None else [])
    text = render(imported)
    parse_rolemap(text, shown(target))  # what we write must load
    if target.exists() and not force and not dry_run:
        raise UsageError(f"{shown(target)} exists; use --force to overwrite it")
    for problem in sorted(imported.skipped + imported.kept, key=lambda p: (p.line, p.column)):
        outcome = "line skipped" if problem in imported.skipped else "imported as GitLab reads it"
        say(f"ownership: warning: {inline(problem.location)}: {problem.kind}: {inline(problem.message)}; {outcome}")
    if dry_run:
        emit(text)
    else:
        write_atomically(target, text, force=force, within=within)
    for note in imported.notes():
        say(f"ownership: note: {inline(note)}")

    def tell(line: str) -> None:  # with --dry-run, standard output holds only the role map
        say(line) if dry_run else emit(line + "\n")

    sets = len({frozenset(role.owners) for role in imported.roles})
    tell(f"{'Would write' if dry_run else 'Wrote'} {shown(target)}: {len(imported.roles)} roles for {sets} owner "
         f"sets from {imported.lines} lines of {shown(path)}"
         + (f" ({len(imported.skipped)} skipped)" if imported.skipped else "") + ".")
    names = " and ".join(inline(p) for p in tool_files)
    if imported.own_owners:
        tell(f"{names} {'are' if len(tool_files) > 1 else 'is'} owned by {inline(' '.join(imported.own_owners))}, "
             f"as {inline(shown(path))} was.")
    elif own_path is not None:
        say(f"ownership: note: no line of {inline(shown(path))} gives it an owner, so {names} "
            f"{'have' if len(tool_files) > 1 else 'has'} none either: add {'them' if len(tool_files) > 1 else 'it'} "
            "to a role's paths")
    return 0


def _top(path: Path) -> Optional[Path]:
    """The top of the work tree holding ``path``, or None outside any."""
    # lazily, for start-up time: a command imports only what it runs
    from ownership.adapters.gitfiles import worktree_top
    from ownership.errors import GitError

    try:
        return Path(worktree_top(path.parent))
    except GitError:
        return None


def _below(path: Path, top: Optional[Path]) -> Optional[str]:
    """``path`` relative to ``top`` as git lists it, or None when it lies outside."""
    if top is None:
        return None
    try:
        return path.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return None
