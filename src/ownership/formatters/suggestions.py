"""The output of ``ownership suggest`` in text, JSON and Markdown: pure functions of ``Suggestions``."""

from __future__ import annotations

from typing import Any, Dict

from ownership.formatters.json import dump
from ownership.formatters.escape import for_json, for_markdown, for_terminal, markdown_text
from ownership.model.findings import JSON_VERSION
from ownership.model.suggestions import Suggestions


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _whence(s: Suggestions) -> str:
    since = f" since {s.since}" if s.since else ""
    return f"authors from the history of {s.rev}{since}"


def text(s: Suggestions, list_files: bool = False) -> str:
    """A table of role, pattern and file count (``list_files``: the files under each), then the unowned
    files without a suggestion and why."""
    if not s.unowned:
        return f"No unowned files in {for_terminal(s.root)} ({for_terminal(s.source)}): nothing to suggest.\n"
    out = [f"Suggested owners for {s.covered} of {_plural(s.unowned, 'unowned file')} "
           f"({for_terminal(s.source)}; {_whence(s)}):"]
    rows = [(for_terminal(x.role), for_terminal(x.pattern), _plural(len(x.files), "file")) for x in s.suggestions]
    widths = [max((len(r[i]) for r in rows), default=0) for i in range(2)]
    for suggestion, (role, pattern, count) in zip(s.suggestions, rows):
        out.append(f"  {role.ljust(widths[0])}  {pattern.ljust(widths[1])}  {count}")
        if list_files:
            out += [f"      {for_terminal(p)}" for p in suggestion.files]
    if not rows:
        out.append("  none")
    if s.undecided:
        out += ["", f"No suggestion ({len(s.undecided)}):"]
        out += [f"  {for_terminal(u.path)}: {for_terminal(u.reason)}" for u in s.undecided]
    return "\n".join(out) + "\n"


def json(s: Suggestions, list_files: bool = False) -> str:
    """``{"version": 1, "suggestions": [{"role", "pattern", "files"}], ...}``: the files always listed."""
    document: Dict[str, Any] = {
        "version": JSON_VERSION,
        "root": for_json(s.root),
        "config": s.source,
        "rev": s.rev,
        "since": s.since,
        "unowned": s.unowned,
        "suggestions": [{"role": x.role, "pattern": for_json(x.pattern), "files": [for_json(p) for p in x.files]}
                        for x in s.suggestions],
        "undecided": [{"path": for_json(u.path), "reason": for_json(u.reason)} for u in s.undecided],
    }
    return dump(document)


def markdown(s: Suggestions, list_files: bool = False) -> str:
    """A table of role, pattern and files, then the files without a suggestion."""
    out = [f"### Suggested owners for {s.covered} of {_plural(s.unowned, 'unowned file')}", "",
           f"{markdown_text(s.source)}; {_whence(s)}.", ""]
    if s.suggestions:
        out += ["| role | pattern | files |", "| --- | --- | ---: |"]
        for x in s.suggestions:
            files = "<br>".join(for_markdown(p) for p in x.files) if list_files else str(len(x.files))
            out.append(f"| {markdown_text(x.role)} | {for_markdown(x.pattern)} | {files} |")
    else:
        out.append("No suggestion.")
    if s.undecided:
        out += ["", f"No suggestion for {_plural(len(s.undecided), 'file')}:", ""]
        out += [f"- {for_markdown(u.path)}: {markdown_text(u.reason)}" for u in s.undecided]
    return "\n".join(out) + "\n"


FORMATS = {"text": text, "json": json, "markdown": markdown}
