"""Output of ``ownership history`` (text, json, markdown): pure functions of ``model.history.History``."""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Sequence

from ownership.core.authorship import TruckFactor
from ownership.formatters.json import dump
from ownership.formatters.escape import for_json, for_markdown, for_terminal, inline, markdown_text
from ownership.model.findings import JSON_VERSION
from ownership.model.history import History, Member, RoleHistory
from ownership.model.words import count


SHOWN_AUTHORS = 10  # per role in text and markdown; JSON lists every one


def _more(n: int) -> str:
    """How many authors a role's line leaves out."""
    return f" and {n - SHOWN_AUTHORS} more (--format json lists all)" if n > SHOWN_AUTHORS else ""


def _read(history: History) -> str:
    """What history was read, in words."""
    since = f", since {history.since} only" if history.since else ""
    return f"{count(history.commits, 'non-merge commit')} reachable from {history.rev}{since}"


def _names(names: Sequence[str], show: Callable[[str], str] = for_terminal) -> str:
    return ", ".join(show(n) for n in names)


def _tf(tf: TruckFactor, show: Callable[[str], str] = for_terminal) -> str:
    return f"{tf.value} ({_names(tf.authors, show)})" if tf.authors else str(tf.value)


def _aligned(role: RoleHistory) -> str:
    if not role.members_known:
        return "no members known"
    share = role.aligned_share
    percent = f" ({100 * share:.1f}%)" if share is not None else ""
    return f"{role.aligned} of {len(role.files)} files{percent}"


def _member(member: Member, show: Callable[[str], str] = for_terminal) -> str:
    return f"{show(member.member)} ({member.last_commit or 'no commit'})"


def text(history: History, color: bool = False) -> str:
    """Per role: files, aligned share, truck factor, authors, active and inactive members; then with
    ``--list`` every file and its authors."""
    out = [
        f"History of {for_terminal(history.root)} ({for_terminal(history.source)}): {_read(history)}",
        "",
        f"  files         {history.files}",
        f"  authored      {history.authored}",
        f"  truck factor  {_tf(history.truck_factor)}",
    ]
    for role in history.roles:
        out += ["", f"Role {inline(role.role)} ({count(len(role.files), 'file')})"]
        out.append(f"  aligned       {_aligned(role)}")
        out.append(f"  truck factor  {_tf(role.truck_factor)}")
        if role.authors:
            shown = [f"{for_terminal(a.identity)}{' (member)' if a.member else ''} {a.files}"
                     for a in role.authors[:SHOWN_AUTHORS]]
            out.append(f"  authors       {', '.join(shown)}{_more(len(role.authors))}")
        else:
            out.append("  authors       none")
        if role.members_known:
            out.append(f"  active        {', '.join(_member(m) for m in role.active) or 'none'}")
            out.append(f"  inactive      {', '.join(_member(m) for m in role.inactive) or 'none'}")
    out += ["", f"Active: a commit in the {history.months} months from {history.active_since} to {history.as_of}."]
    if history.listing is not None:
        out += ["", "Files"]
        for row in history.listing:
            owner = inline(row.role) if row.role is not None else "(no owner)"
            out.append(f"  {for_terminal(row.path)}  [{owner}]  {_names(row.authors) or 'no author'}")
    return "\n".join(out) + "\n"


def _tf_json(tf: TruckFactor) -> Dict[str, Any]:
    return {"value": tf.value, "authors": [for_json(a) for a in tf.authors]}


def _member_json(member: Member) -> Dict[str, Any]:
    return {"member": for_json(member.member), "last_commit": member.last_commit}


def json(history: History, color: bool = False) -> str:
    """``{"version": 1, ...}``: the whole tree's and each role's ``truck_factor`` ``{"value", "authors"}``
    (authors in removal order), and with ``--list`` ``"files": [{"path", "role", "authors"}]``."""
    document: Dict[str, Any] = {
        "version": JSON_VERSION,
        "root": history.root,
        "config": history.source,
        "rev": history.rev,
        "since": history.since,
        "commits": history.commits,
        "active": {"months": history.months, "from": history.active_since, "to": history.as_of},
        "summary": {"files": history.files, "authored": history.authored},
        "truck_factor": _tf_json(history.truck_factor),
        "roles": [
            {
                "role": for_json(role.role),
                "files": len(role.files),
                "members": [for_json(m) for m in role.members],
                "members_known": role.members_known,
                "aligned": role.aligned if role.members_known else None,
                "aligned_share": None if role.aligned_share is None else round(role.aligned_share, 4),
                "truck_factor": _tf_json(role.truck_factor),
                "authors": [{"identity": for_json(a.identity), "files": a.files, "member": a.member}
                            for a in role.authors],
                "active": [_member_json(m) for m in role.active],
                "inactive": [_member_json(m) for m in role.inactive],
            }
            for role in history.roles
        ],
    }
    if history.listing is not None:
        document["files"] = [
            {"path": for_json(row.path), "role": None if row.role is None else for_json(row.role),
             "authors": [for_json(a) for a in row.authors]}
            for row in history.listing
        ]
    return dump(document)


def _md_names(names: Sequence[str]) -> str:
    return ", ".join(for_markdown(n) for n in names) or "—"


def markdown(history: History, color: bool = False) -> str:
    """A summary table of roles, then with ``--list`` a table of files and their authors."""
    out = [
        f"## History of {for_markdown(history.root)}",
        "",
        f"{_read(history)}; rules {for_markdown(history.source)}. "
        f"**Truck factor {history.truck_factor.value}**"
        + (f" ({_md_names(history.truck_factor.authors)})" if history.truck_factor.authors else "")
        + f"; {history.authored} of {history.files} files have an author.",
        "",
        "| Role | Files | Aligned | Truck factor | Authors | Active | Inactive |",
        "|---|---:|---|---|---|---|---|",
    ]
    for role in history.roles:
        tf = f"{role.truck_factor.value}" + (
            f" ({_md_names(role.truck_factor.authors)})" if role.truck_factor.authors else "")
        authors = ", ".join(f"{for_markdown(a.identity)}{' (member)' if a.member else ''} {a.files}"
                            for a in role.authors[:SHOWN_AUTHORS]) + _more(len(role.authors)) or "—"
        active = ", ".join(_member(m, for_markdown) for m in role.active) or "—"
        inactive = ", ".join(_member(m, for_markdown) for m in role.inactive) or "—"
        if not role.members_known:
            active = inactive = "—"
        out.append(f"| {markdown_text(role.role)} | {len(role.files)} | {_aligned(role)} | {tf} | {authors} | "
                   f"{active} | {inactive} |")
    out += ["", f"Active: a commit in the {history.months} months from {history.active_since} to {history.as_of}."]
    if history.listing is not None:
        out += ["", "| File | Role | Authors |", "|---|---|---|"]
        for row in history.listing:
            owner = markdown_text(row.role) if row.role is not None else "(no owner)"
            out.append(f"| {for_markdown(row.path)} | {owner} | {_md_names(row.authors)} |")
    return "\n".join(out) + "\n"


HISTORY_FORMATS: Dict[str, Callable[[History], str]] = {"text": text, "json": json, "markdown": markdown}
__all__: List[str] = ["HISTORY_FORMATS", "text", "json", "markdown"]
