"""The options and the glue of what reads git history for ``check`` (drift, inactive-owner, low-truck-factor)
and for ``report --history`` (the HTML alignment view). History is read only when one of them is asked for:
the hook, which asks for none, never pays for it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Optional, Sequence, Tuple

import click

from ownership.core.lazy import regex

if TYPE_CHECKING:
    from ownership.adapters.project import Project
    from ownership.core.authorship import Authorship
    from ownership.model.report import Report

_WINDOW = regex(r"^([1-9][0-9]{0,4})([dwmy])$")  # compiled when an option names a window


def _window(ctx: click.Context, param: click.Parameter, value: str) -> str:
    text = value.strip().lower()
    found = _WINDOW.match(text)
    if not found:
        raise click.BadParameter(f"{value!r} is not a duration such as 12m, 365d, 8w or 1y", ctx, param)
    if int(found.group(1)) * {"d": 1, "w": 7, "m": 31, "y": 366}[found.group(2)] > 100 * 366:
        raise click.BadParameter(f"{value!r} is longer than 100 years", ctx, param)
    return text


def _day(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    import datetime

    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD", ctx, param) from None


inactive_after_option = click.option(
    "--inactive-after", default="12m", show_default=True, metavar="DURATION", callback=_window,
    help="inactive-owner: a member with no commit in this window (12m, 365d, 8w, 1y), counted back from the "
    "date of the checked commit (--rev, else HEAD), not from today: the same commit gives the same result.",
)
truck_factor_option = click.option(
    "--truck-factor", "truck_threshold", type=click.IntRange(min=0), default=1, show_default=True, metavar="N",
    help="low-truck-factor: a role whose files have a truck factor of N or less.",
)
history_since_option = click.option(
    "--history-since", metavar="DATE", callback=_day,
    help="Read only the commits since DATE (YYYY-MM-DD) for what needs the history: faster, and an author "
    "then means a recent one.",
)

people_option = click.option(
    "--people", metavar="FILE",
    help="The people file saying who is in each @org/team, as for 'ownership history' (default: "
    "ownership-people.toml beside the rules, if there is one).",
)


def history_options(command: Any) -> Any:
    """--inactive-after, --truck-factor, --history-since and --people."""
    return inactive_after_option(truck_factor_option(history_since_option(people_option(command))))


def people(project: "Project", report: "Report", people_file: Optional[str]) -> Dict[str, Tuple[str, ...]]:
    """Each role's people: as ``ownership history`` counts them, with the teams of the people file."""
    from ownership.adapters.history import load_people
    from ownership.analysis.alignment import people_by_role

    return people_by_role(report, load_people(project.base, people_file))


def prefix_of(project: "Project") -> Tuple[Any, str]:
    """The top of the repository and the rules' directory relative to it (``""`` or ``"sub/dir/"``): history
    paths are relative to the top, a role map's to its own directory."""
    import os

    top = os.path.realpath(project.repository())
    relative = os.path.relpath(os.path.realpath(project.base), top).replace(os.sep, "/")
    return top, "" if relative == "." else relative + "/"


def authorship(project: "Project", rev: Optional[str], since: Optional[str]) -> "Authorship":
    """The authorship of the files of ``rev`` (default HEAD) from one pass over the history."""
    from ownership.adapters.history import read_authorship

    top, _ = prefix_of(project)
    return read_authorship(top, rev or "HEAD", since)


def with_history(
    project: "Project", report: "Report", kinds: Sequence[str], rev: Optional[str], window: str, threshold: int,
    since: Optional[str], people_file: Optional[str] = None,
) -> "Report":
    """``report`` with the history findings of ``kinds`` (none asked: ``report`` itself, and no git log)."""
    from ownership.model.findings import HISTORY_KINDS

    asked = [k for k in HISTORY_KINDS if k in kinds]
    if not asked:
        return report
    from ownership.adapters.gitfiles import commit_day
    from ownership.analysis.alignment import cutoff, drift, inactive, low_truck_factor
    from ownership.core.rules import Origin

    top, prefix = prefix_of(project)
    who = people(project, report, people_file)  # before the history: a bad people file costs no git log
    history = authorship(project, rev, since)
    origin = Origin(report.source)
    found = []
    if "drift" in asked:
        found += drift(report, history, who, prefix)
        unknown = [entry.role.name for entry in report.roles if entry.files and not who.get(entry.role.name)]
        if unknown:  # as `ownership history` says it: such a role's files are never in drift, not "aligned"
            from ownership.cli.options import say
            from ownership.formatters.escape import inline

            say(f"ownership: note: no members known for {', '.join(inline(n) for n in unknown)}: their files are "
                "never reported as drift (give the role members = [...], or list its team in a people file)")
    if "inactive-owner" in asked:
        roles = [entry.role for entry in report.roles]
        found += inactive(roles, history, who, cutoff(commit_day(top, rev or "HEAD"), window), origin)
    if "low-truck-factor" in asked and report.whole_tree:  # a role's truck factor is over all its files
        found += low_truck_factor(report, history, threshold, origin, prefix)
    return report.replace(history=tuple(found))


def alignment_of(project: "Project", report: "Report", rev: Optional[str], since: Optional[str],
                 people_file: Optional[str] = None) -> Dict[str, str]:
    """Every owned file's alignment for the HTML view."""
    from ownership.analysis.alignment import alignment

    _, prefix = prefix_of(project)
    who = people(project, report, people_file)
    return alignment(report, authorship(project, rev, since), who, prefix)
