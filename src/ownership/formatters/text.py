"""Plain-text output for a terminal: aligned tables, colour only when asked for."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, List, Optional, Sequence

from ownership.formatters.escape import for_terminal as esc
from ownership.formatters.escape import inline
from ownership.core.matcher import CONFLICT, IGNORED, OWNED
from ownership.model.report import Explanation, Report
from ownership.model.findings import FINDING_KINDS, Finding, UnownedFile
from ownership.model.words import count, verb
from ownership.model.rollup import RollUp, files, roll_up, rolled_up, rest_line
from ownership.core.rules import Rule

if TYPE_CHECKING:
    from ownership.model.changes import OwnershipDiff


def _styler(color: bool) -> Callable[..., str]:
    if not color:
        return lambda text, **_: text
    import click

    return click.style


# Characters wcwidth gives one column, known without importing it: printable ASCII, Latin-1 and Latin
# Extended (no combining mark before U+0300), box drawing and the block elements of the report's bars.
_ONE_COLUMN = re.compile("[\x20-\x7e\u00a0-\u02ff\u2500-\u259f]*")


def width(text: str) -> int:
    """The columns ``text`` takes on a terminal: two for a wide character (CJK, most emoji), none for a
    combining mark or a zero-width joiner, as wcwidth measures them (``len`` counts code points)."""
    if text.isascii() or _ONE_COLUMN.fullmatch(text):
        return len(text)
    # lazily, for start-up time: wcwidth costs 20 ms or more to import, and only text beyond ASCII needs it
    from wcwidth import wcswidth

    columns = wcswidth(text)
    return columns if columns >= 0 else len(text)  # -1: a control character (escaped before it gets here)


def _table(rows: Sequence[Sequence[str]], right: Sequence[int] = (), indent: str = "  ") -> List[str]:
    """Rows aligned in columns, measured in terminal columns; the columns in ``right`` are right-aligned."""
    measured = [[width(cell) for cell in row] for row in rows]
    widths = [max(row[i] for row in measured) for i in range(len(rows[0]))]
    lines = []
    for row, sizes in zip(rows, measured):
        cells = [" " * (w - n) + cell if i in right else cell + " " * (w - n)
                 for i, (cell, n, w) in enumerate(zip(row, sizes, widths))]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


BAR_WIDTH = 20
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(share: float, width: int = BAR_WIDTH) -> str:
    """A bar of ``width`` cells for ``share`` percent, drawn to an eighth of a cell (``█▍``)."""
    eighths = round(max(0.0, min(share, 100.0)) * width * 8 / 100)
    if share > 0 and eighths == 0:
        eighths = 1  # a role that owns anything shows at least a sliver
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def _rule_rows(rules: Sequence[Rule]) -> List[List[str]]:
    return [[esc(r.label), esc(r.glob), esc(str(r.origin))] for r in rules]


def _rollup_rows(rollup: RollUp) -> List[str]:
    rows = _table([[esc(d.path), str(d.count)] for d in rollup.directories], right=(1,))
    return rows + [f"  {line}" for line in rest_line(rollup)]


def report(rep: Report, color: bool = False, list_files: bool = False, limit: int = 0) -> str:
    """The whole picture; an unowned list longer than ``limit`` (0: no limit) is rolled up by directory
    unless ``list_files``."""
    style = _styler(color)
    out = [style(f"Ownership of {esc(rep.root)}", bold=True) + f" ({esc(rep.described)})", ""]
    summary = [
        ["files", str(rep.total)],
        ["owned", str(rep.owned)],
        ["unowned", str(len(rep.unowned))],
        ["conflicts", str(len(rep.conflicts))],
        ["ignored", str(len(rep.ignored))],
        ["coverage", f"{rep.coverage:.1f}%"],
    ]
    if rep.kind == "CODEOWNERS":
        summary.insert(5, ["explicitly unowned", str(len(rep.exempt))])
    out += _table(summary, right=(1,))

    counted = rep.counted
    codeowners = rep.kind == "CODEOWNERS"
    out += ["", style("Files per owner" if codeowners else "Files per role", bold=True)]
    rows = [["OWNER" if codeowners else "ROLE", "FILES", "SHARE", ""]]
    for entry in rep.roles:
        share = 100.0 * len(entry.files) / counted if counted else 0.0
        rows.append([esc(entry.role.name), str(len(entry.files)), f"{share:.1f}%", bar(share)])
    out += _table(rows, right=(1, 2))
    if list_files:
        for entry in rep.roles:
            out += ["", style(f"{esc(entry.role.name)} ({len(entry.files)})", bold=True)]
            out += [f"  {esc(p)}" for p in entry.files]
        if rep.ignored:
            out += ["", style(f"Ignored files ({len(rep.ignored)})", bold=True)]
            out += [f"  {esc(p)}" for p in rep.ignored]

    if rep.sections:
        out += ["", style(f"Sections ({len(rep.sections)})", bold=True)]
        rows = [["SECTION", "LINE", "FILES", "SHARE", "APPROVALS", "DEFAULT OWNERS"]]
        for part in rep.sections:
            section = part.section
            share = 100.0 * len(part.files) / counted if counted else 0.0
            rows.append([esc(section.name), str(section.line or "-"), str(len(part.files)), f"{share:.1f}%",
                         section.approvals_shown, " ".join(esc(owner) for owner in section.default_owners)])
        out += _table(rows, right=(1, 2, 3))

    if rolled_up(rep.unowned, limit, list_files):
        title = f"Unowned files ({len(rep.unowned)}) by directory, the biggest first (--list shows each file)"
        out += ["", style(title, bold=True)]
        out += _rollup_rows(roll_up(rep.unowned, limit))
    else:
        out += ["", style(f"Unowned files ({len(rep.unowned)})", bold=True)]
        out += [f"  {style(esc(p), fg='red')}" for p in rep.unowned] or ["  none"]
    if rep.exempt:  # CODEOWNERS: unowned on purpose, with the line that says so
        out += ["", style(f"Explicitly unowned files ({len(rep.exempt)})", bold=True)]
        out += _table([[esc(f.path), esc(str(f.rule.origin)), esc(f.rule.glob)] for f in rep.exempt])

    if not codeowners:
        out += ["", style(f"Conflicts ({len(rep.conflicts)})", bold=True)]
        for conflict in rep.conflicts:
            out.append(f"  {style(esc(conflict.path), fg='yellow')}")
            out += _table(_rule_rows(conflict.candidates), indent="    ")
        if not rep.conflicts:
            out.append("  none")

    out += ["", style(f"{'Lines' if codeowners else 'Rules'} that match nothing ({len(rep.unused)})", bold=True)]
    out += _table([[esc(str(r.origin)), esc(r.label) or "(no owners)", esc(r.glob)] for r in rep.unused]) if rep.unused else ["  none"]
    return "\n".join(out) + "\n"


def finding_line(finding: Finding) -> str:
    """One finding as ``where: kind: message``, the line format hooks and editors understand."""
    return f"{esc(finding.where)}: {finding.kind}: {esc(finding.message)}"


def _counts(findings: Sequence[Finding]) -> str:
    counts = {kind: sum(1 for f in findings if f.kind == kind) for kind in FINDING_KINDS}
    return ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)


def verdict(rep: Report, findings: Sequence[Finding], kinds: Sequence[str], warnings: Sequence[Finding] = ()) -> str:
    """The closing line of a check: the failing ``findings`` counted by kind, or ``ok``; the warnings; with
    a baseline, how many problems it accepts and how many of its entries are gone."""
    new = "new " if rep.known is not None else ""
    if not findings:
        line = f"ok: {count(rep.total, 'file')} checked, no {new}problems"
    else:
        noun = "problem" if len(findings) == 1 else "problems"
        line = f"{len(findings)} {new}{noun} ({_counts(findings)}) in {count(rep.total, 'file')} checked"
    if warnings:
        line += f"; {len(warnings)} warning{'s' if len(warnings) != 1 else ''} ({_counts(warnings)})"
    if rep.known is not None:
        line += f" ({len(rep.baselined(kinds))} known in the baseline"
        line += (f"; {rep.gone} of its entries {verb(rep.gone, 'is', 'are')} gone: lower it with '{esc(rep.rebaseline)}')"
                 if rep.gone else ")")
    return line


def check(rep: Report, kinds: Sequence[str], color: bool = False, warn: Sequence[str] = (),
          list_files: bool = False, limit: int = 0) -> str:
    """Failing findings and warnings (the ``warn`` kinds), one line each, then a summary line. More unowned
    files than ``limit`` (0: no limit) are rolled up by directory, one line each, unless ``list_files``."""
    style = _styler(color)
    findings = rep.findings(list(kinds) + list(warn))
    unowned = [f.path for f in findings if isinstance(f, UnownedFile)]
    if rolled_up(unowned, limit, list_files):
        rollup = roll_up(unowned, limit)
        lines = []
        for f in findings:
            if not isinstance(f, UnownedFile):
                lines.append(finding_line(f))
            elif f.path == unowned[0]:
                lines += [f"{esc(d.path)}: unowned: {files(d.count)}" for d in rollup.directories]
                lines += [f"({line}; --list shows each unowned file)" for line in rest_line(rollup)] or [
                    "(unowned files by directory; --list shows each one)"]
    else:
        lines = [finding_line(f) for f in findings]
    failing = [f for f in findings if f.kind in kinds]
    closing = verdict(rep, failing, kinds, [f for f in findings if f.kind not in kinds])
    lines.append(style(closing, fg="red", bold=True) if failing else style(closing, fg="green"))
    return "\n".join(lines) + "\n"


def raci(rep: Report, color: bool = False) -> str:
    """The RACI matrix (phases down, roles across), then the RACI problems as ``where: kind: message``."""
    style = _styler(color)
    matrix = rep.raci
    assert matrix is not None
    counted = rep.counted
    out = [
        style(f"RACI of {esc(rep.root)}", bold=True) + f" ({esc(rep.described)})",
        f"{count(len(matrix.phases), 'phase')} {verb(len(matrix.phases), 'covers', 'cover')} {matrix.covered} of "
        f"{count(counted, 'file')}. R = Responsible (owns files of"
        " the phase), A = Accountable, C = Consulted, I = Informed.",
        "",
    ]
    rows = [["PHASE", "FILES", *(esc(role) for role in matrix.roles)]]
    for row in matrix.phases:
        rows.append([esc(row.name), str(row.files), *(row.cell(role).letters or "-" for role in matrix.roles)])
    out += _table(rows, right=(1,))
    if matrix.idle:
        out += ["", "No letter on any phase: " + ", ".join(esc(role) for role in matrix.idle)]
    findings = matrix.findings()
    out += ["", style(f"Problems ({len(findings)})", bold=True)]
    out += [f"  {finding_line(f)}" for f in findings] or ["  none"]
    return "\n".join(out) + "\n"


_WHY = {"specific": "most specific", "last": "last match", "strict": "only role matching"}


def who(explanations: Sequence[Explanation], resolution: str, color: bool = False) -> str:
    """Per path: the decision, then every matching rule, the deciding one(s) marked ``*`` with the reason.
    ``resolution`` is the role map's mode, or the CODEOWNERS dialect (github, gitlab)."""
    style = _styler(color)
    codeowners = resolution not in _WHY
    out: List[str] = []
    for item in explanations:
        outcome = item.outcome
        if outcome.status == OWNED:
            head = f"owned by {style(' '.join(esc(owner) for owner in item.owners), bold=True)}"
            head += _handles(item, item.owners[0] if not codeowners and item.owners else None)
        elif outcome.status == IGNORED:
            head = "ignored"
        elif outcome.status == CONFLICT:
            roles = sorted({r.label for r in outcome.candidates}, key=esc)
            head = style("conflict: " + " vs ".join(esc(role) + _handles(item, role) for role in roles), fg="yellow")
        elif outcome.winner is not None:
            head = style("unowned: the deciding line names no owner", fg="red")
        elif item.deciding:
            head = style("unowned: excluded from every section that matches", fg="red")
        else:
            head = style("unowned: no rule matches", fg="red")
        out.append(f"{esc(item.path)}: {head}")
        reasons = {id(rule): why for rule, why in item.deciding}
        skipped = {id(rule) for rule in item.skipped}
        rows = []
        # A line the platform skips (a malformed owner) that would have matched is listed in its place.
        for rule in sorted((*item.matched, *item.skipped), key=lambda r: r.origin.line) if skipped else item.matched:
            if id(rule) in skipped:
                mark, why = "-", "skipped: invalid owner"
            elif id(rule) in reasons:
                # The reason may name a GitLab section, which comes from the file: escaped as prose.
                mark, why = ("x" if reasons[id(rule)].startswith("excluded") else "*"), inline(reasons[id(rule)])
            elif rule is outcome.winner:
                mark, why = "*", ("ignore pattern" if outcome.status == IGNORED else _WHY[resolution])
            elif rule in outcome.candidates:
                mark, why = "!", ("tied" if resolution == "specific" else "competing role")
            else:
                mark, why = " ", ""
            if codeowners:
                rows.append([mark, esc(str(rule.origin)), esc(rule.label) or "(no owners)", esc(rule.glob), why])
            else:
                spec = "({}, {})".format(*rule.specificity)
                rows.append([mark, esc(str(rule.origin)), esc(rule.label), esc(rule.glob), spec, why])
        if rows:
            out += _table(rows, indent="  ")
    return "\n".join(out) + "\n"


def _handles(item: Explanation, role: Optional[str]) -> str:
    """`` (@a, @b)``: the handles behind a role, whom to ask; "" when the role has none."""
    handles = item.handles(role)
    return f" ({', '.join(esc(h) for h in handles)})" if handles else ""


def diff(d: "OwnershipDiff", color: bool = False) -> str:
    from ownership.model.changes import CHANGE_KINDS, TITLES  # lazily, for start-up time: diff only

    style = _styler(color)
    count = len(d.changes)
    head = f"Ownership changes since {esc(d.ref)} (merge base {d.merge_base[:12]}, {esc(d.after_source)})"
    out = [style(head, bold=True) + f": {count} file{'' if count == 1 else 's'} change owner"]
    if d.by_handles:
        out.append(f"(before: {esc(d.before_source)}; the two kinds of rules are compared by the handles that review)")
    for kind in CHANGE_KINDS:
        changes = d.of_kind(kind)
        if changes:
            out += ["", style(f"{TITLES[kind]} ({len(changes)})", bold=True)]
            name = lambda c: esc(c.path) if c.path == c.old_path else f"{esc(c.old_path)} -> {esc(c.path)}"  # noqa: E731
            out += _table([[name(c), esc(c.was), "->", esc(c.now)] for c in changes])
    for kind, rules in d.idle_rules:
        if rules:
            out += ["", style(f"{TITLES[kind]} ({len(rules)})", bold=True)]
            out += _table([[esc(str(r.origin)), esc(r.label), esc(r.glob)] for r in rules])
    return "\n".join(out) + "\n"
