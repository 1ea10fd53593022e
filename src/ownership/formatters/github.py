"""GitHub Actions workflow commands: an annotation per finding, escaped as the runner's command parser needs.

The runner reads ``::error file=F,line=L,col=C,title=T::MESSAGE`` lines from a step's output. In the message
``%``, CR and LF must be written ``%25``, ``%0D``, ``%0A``; in a property also ``:`` and ``,`` (``%3A``,
``%2C``), or a file name such as ``a,b:c`` would end the property early. GitHub shows at most 10 error (and
10 warning) annotations per step, so findings past the tenth are listed in the log, folded and with command
processing stopped (a file name must never run a workflow command), after a notice that points to the job
summary.
"""

from __future__ import annotations

import hashlib
import re
import posixpath
from typing import Dict, List, Sequence

from ownership.formatters.escape import controls, for_json
from ownership.formatters.text import finding_line, verdict
from ownership.model.report import Report
from ownership.model.findings import FILE_FINDINGS, FINDING_KINDS, Finding, LineProblem
from ownership.model.words import count

ANNOTATION_LIMIT = 10
TITLES = {
    "error": "Invalid CODEOWNERS line",
    "unowned": "Unowned file",
    "explicitly-unowned": "Unowned on purpose",
    "conflict": "Conflicting owners",
    "unused": "Rule matches no file",
    "duplicate": "Duplicate pattern",
    "shadowed": "Rule overridden everywhere",
    "undeclared": "Undeclared owner",
    "portability": "Not portable",
    "no-accountable": "Phase with no Accountable role",
    "several-accountable": "Phase with several Accountable roles",
    "no-responsible": "Phase with no Responsible role",
    "empty-phase": "Phase that matches no file",
    "split-phase": "File owned apart from its phase",
    "drift": "File authored outside its role",
    "inactive-owner": "Inactive owner",
    "low-truck-factor": "Low truck factor",
}


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped as the runner decodes them; every other control,
    invisible or bidirectional character, byte that is not UTF-8 and ``[`` after ``##`` escaped as for the
    terminal (``\\x1b``): the runner has no escape for them, and they must not reach the log raw."""
    parts = re.split("([\r\n])", text)
    return "".join({"\r": "%0D", "\n": "%0A"}.get(part) or controls(part.replace("%", "%25")) for part in parts)


def escape_property(text: str) -> str:
    """A workflow command's property value: as a message, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, properties: Dict[str, str]) -> str:
    """One workflow command line; empty properties are left out. The message and every property have their
    control, invisible and bidirectional characters and non-UTF-8 bytes escaped as for the terminal (a file
    name with ESC in it must not reach the log raw), then escaped for the runner."""
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items() if value)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def file_path(rep: Report, path: str) -> str:
    """A finding's file as the runner resolves it: relative to the current directory (the workspace), which
    is what the report's root is relative to. Bytes that are not UTF-8 become ``\\xNN`` text."""
    return for_json(path if rep.root == "." else posixpath.normpath(posixpath.join(rep.root, path)))


def _properties(rep: Report, finding: Finding) -> Dict[str, str]:
    if isinstance(finding, LineProblem):
        p = finding.problem
        where = {"file": p.path, "line": str(p.line), "col": str(p.column)}
    elif isinstance(finding, FILE_FINDINGS):
        where = {"file": file_path(rep, finding.path)}
    else:  # a rule, or a RACI phase, where the role map declares it
        origin = finding.origin
        where = {"file": origin.source, "line": str(origin.line), "col": str(origin.column or "")}
    return {**where, "title": TITLES[finding.kind]}


def annotate(rep: Report, findings: Sequence[Finding], level: str) -> List[str]:
    """Up to ``ANNOTATION_LIMIT`` annotations; past that a notice, and the rest listed in a folded group."""
    out = [command(level, finding_line(f), _properties(rep, f)) for f in findings[:ANNOTATION_LIMIT]]
    rest = findings[ANNOTATION_LIMIT:]
    if rest:
        out.append(command(
            "notice",
            f"{len(rest)} more ownership problems are not annotated (GitHub shows {ANNOTATION_LIMIT} per step): "
            "see the job summary, or the list in this step's log",
            {"title": "More ownership problems"},
        ))
        listed = [finding_line(f) for f in rest]
        # A token that no listed line can contain: a digest of the lines themselves.
        token = hashlib.sha256("\n".join(listed).encode("utf-8", "surrogateescape")).hexdigest()
        out += [f"::group::{len(rest)} more ownership problems", f"::stop-commands::{token}", *listed,
                f"::{token}::", "::endgroup::"]
    return out


def check(rep: Report, kinds: Sequence[str], color: bool = False, warn: Sequence[str] = (),
          list_files: bool = False, limit: int = 0) -> str:
    """An ``::error`` annotation per finding that fails the check, a ``::warning`` per one of the ``warn``
    kinds, then the check's closing line."""
    findings = rep.findings(kinds)
    warnings = rep.findings([k for k in warn if k not in kinds])
    lines = [*annotate(rep, findings, "error"), *annotate(rep, warnings, "warning")]
    return "\n".join([*lines, verdict(rep, findings, kinds, warnings)]) + "\n"


def report(rep: Report, color: bool = False, list_files: bool = False, limit: int = 0) -> str:
    """A notice with the summary, then a ``::warning`` annotation per finding (a report never fails)."""
    counts = rep.summary()
    summary = (f"{count(counts['files'], 'file')}, {counts['owned']} owned, {counts['unowned']} unowned, "
               f"{count(counts['conflicts'], 'conflict')}, {counts['ignored']} ignored, coverage {rep.coverage:.1f}%")
    head = command("notice", summary, {"title": f"Ownership of {for_json(rep.root)} ({rep.described})"})
    return "\n".join([head, *annotate(rep, rep.findings(FINDING_KINDS), "warning")]) + "\n"
