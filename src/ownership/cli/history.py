"""``ownership history``: who really does the work, from git history, set against who owns each file."""

from __future__ import annotations

import re
from typing import Optional

import click

from ownership.cli.options import codeowners_option, config_option, dialect_option, emit, format_option, root_argument

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(value: str, option: str) -> str:
    # lazily, for start-up time: a command imports only what it runs
    import datetime

    from ownership.errors import UsageError

    try:
        if _DAY.match(value):
            datetime.date.fromisoformat(value)
            return value
    except ValueError:
        pass
    raise UsageError(f"{option}: expected a date as YYYY-MM-DD, got {value!r}")


@click.command("history")
@root_argument
@config_option
@codeowners_option
@dialect_option
@click.option("--rev", metavar="REV", default="HEAD", show_default=True,
              help="Read the history that leads to this commit, and the files of its tree.")
@click.option("--since", metavar="DATE", help="Read only the commits from DATE (YYYY-MM-DD) on.")
@click.option("--people", metavar="FILE",
              help="People file saying who is in each team (default: ownership-people.toml beside the rules).")
@click.option("--active-months", "months", type=click.IntRange(min=1), default=12, show_default=True,
              help="A member is active with a commit in this many months up to the day of the revision's commit.")
@format_option(("text", "json", "markdown"))
@click.option("--list", "list_files", is_flag=True, help="Also list every file with its authors.")
def history_command(root: Optional[str], config: Optional[str], codeowners: Optional[str], dialect: Optional[str],
                    rev: str, since: Optional[str], people: Optional[str], months: int, fmt: str,
                    list_files: bool) -> int:
    """Show who really does the work: authors from git history, set against the owners.

    Authorship is the degree-of-authorship model of Avelino et al. (ICPC 2016), computed from the
    non-merge commits reachable from --rev (renames followed, .mailmap applied). Per role: its files,
    the authors of those files, the share that one of its members authors ("aligned"), its truck
    factor (how many authors must leave before fewer than half of its files have one) and its active
    and inactive members; then the truck factor of the whole tree. A role's members are its
    `members` and the e-mail addresses among its `owners`; with CODEOWNERS each owner is a role, and a
    people file says who is in each @org/team. A shallow clone is an error: fetch the history first.

    \b
    Examples:
      ownership history
      ownership history --since 2025-01-01 --list
      ownership history --codeowners .github/CODEOWNERS --people people.toml
      ownership history --format json > history.json
      ownership history --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    # lazily, for start-up time: a command imports only what it runs
    import os

    from ownership.adapters.gitfiles import commit_day, worktree_top
    from ownership.adapters.history import load_people, read_authorship
    from ownership.adapters.project import open_project
    from ownership.analysis.history import build_history
    from ownership.formatters.history import HISTORY_FORMATS

    if since is not None:
        since = _date(since, "--since")
    project = open_project(root, config, codeowners, dialect)
    teams = load_people(project.base, people)
    top = worktree_top(project.base)
    authorship = read_authorship(top, rev, since)  # first: it says what is wrong with REV in the history's words
    report = project.report(project.files(rev), lint_kinds=())
    relative = os.path.relpath(project.base, os.path.realpath(top))
    prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
    # "Now" is the day of the revision's commit, as for check's inactive-owner: one commit, one answer, any day.
    history = build_history(report, authorship, rev, commit_day(top, rev), months, teams, prefix, list_files)
    emit(HISTORY_FORMATS[fmt](history))
    return 0
