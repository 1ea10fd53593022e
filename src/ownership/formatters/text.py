"""Plain-text output for a terminal: aligned tables, colour only when asked for."""

from __future__ import annotations

from typing import Callable, List, Sequence

from ownership.formatters.escape import for_terminal as esc
from ownership.matcher import CONFLICT, IGNORED, OWNED, UNOWNED
from ownership.report import Explanation, Finding, Report
from ownership.rules import Rule


def _styler(color: bool) -> Callable[..., str]:
    if not color:
        return lambda text, **_: text
    import click

    return click.style


def _table(rows: Sequence[Sequence[str]], right: Sequence[int] = (), indent: str = "  ") -> List[str]:
    """Rows aligned in columns; the columns in ``right`` are right-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell.rjust(w) if i in right else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))]
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
    return [[r.label, esc(r.glob), str(r.origin)] for r in rules]


def report(rep: Report, color: bool = False, list_files: bool = False) -> str:
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
    out += _table(summary, right=(1,))

    counted = rep.total - len(rep.ignored)
    out += ["", style("Files per role", bold=True)]
    rows = [["ROLE", "FILES", "SHARE", ""]]
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

    out += ["", style(f"Unowned files ({len(rep.unowned)})", bold=True)]
    out += [f"  {style(esc(p), fg='red')}" for p in rep.unowned] or ["  none"]

    out += ["", style(f"Conflicts ({len(rep.conflicts)})", bold=True)]
    for conflict in rep.conflicts:
        out.append(f"  {style(esc(conflict.path), fg='yellow')}")
        out += _table(_rule_rows(conflict.candidates), indent="    ")
    if not rep.conflicts:
        out.append("  none")

    out += ["", style(f"Rules that match nothing ({len(rep.unused)})", bold=True)]
    out += _table([[str(r.origin), r.label, esc(r.glob)] for r in rep.unused]) if rep.unused else ["  none"]
    return "\n".join(out) + "\n"


def finding_line(finding: Finding) -> str:
    """One finding as ``where: kind: message``, the line format hooks and editors understand."""
    return f"{esc(finding.where)}: {finding.kind}: {esc(finding.message)}"


def check(rep: Report, kinds: Sequence[str], color: bool = False) -> str:
    style = _styler(color)
    findings = rep.findings(kinds)
    lines = [finding_line(f) for f in findings]
    counts = {kind: sum(1 for f in findings if f.kind == kind) for kind in kinds}
    if findings:
        parts = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
        noun = "problem" if len(findings) == 1 else "problems"
        lines.append(style(f"{len(findings)} {noun} ({parts}) in {rep.total} files checked", fg="red", bold=True))
    else:
        lines.append(style(f"ok: {rep.total} files checked, no problems", fg="green"))
    return "\n".join(lines) + "\n"


def raci(rep: Report, color: bool = False) -> str:
    """The RACI matrix (phases down, roles across), then the RACI problems as ``where: kind: message``."""
    style = _styler(color)
    matrix = rep.raci
    assert matrix is not None
    counted = rep.total - len(rep.ignored)
    out = [
        style(f"RACI of {esc(rep.root)}", bold=True) + f" ({esc(rep.described)})",
        f"{len(matrix.phases)} phases cover {matrix.covered} of {counted} files. R = Responsible (owns files of"
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
    style = _styler(color)
    out: List[str] = []
    for item in explanations:
        outcome = item.outcome
        if outcome.status == OWNED:
            head = f"owned by {style(' '.join(item.owners), bold=True)}"
        elif outcome.status == IGNORED:
            head = "ignored"
        elif outcome.status == CONFLICT:
            head = style("conflict: " + " vs ".join(sorted({r.label for r in outcome.candidates})), fg="yellow")
        elif outcome.winner is not None:
            head = style("unowned: the deciding line names no owner", fg="red")
        else:
            head = style("unowned: no rule matches", fg="red")
        out.append(f"{esc(item.path)}: {head}")
        rows = []
        for rule in item.matched:
            if rule is outcome.winner:
                mark, why = "*", ("ignore pattern" if outcome.status == IGNORED else _WHY[resolution])
            elif rule in outcome.candidates:
                mark, why = "!", ("tied" if resolution == "specific" else "competing role")
            else:
                mark, why = " ", ""
            spec = "({}, {})".format(*rule.specificity)
            rows.append([mark, str(rule.origin), rule.label, esc(rule.glob), spec, why])
        if rows:
            out += _table(rows, indent="  ")
    return "\n".join(out) + "\n"
