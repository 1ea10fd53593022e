"""Markdown output: pastes into a pull request, a wiki or a GitHub job summary."""

from __future__ import annotations

from typing import List, Sequence

from ownership.formatters.escape import for_markdown as code
from ownership.formatters.escape import for_terminal
from ownership.report import Explanation, Report
from ownership.rules import Rule


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _rule_cell(rule: Rule) -> str:
    return f"{_cell(rule.label)}: {code(rule.glob)} ({_cell(str(rule.origin))})"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> List[str]:
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    return ["| " + " | ".join(row) + " |" for row in [header, rule, *rows]]


def report(rep: Report, color: bool = False, list_files: bool = False) -> str:
    out = [
        f"# Ownership of {code(rep.root)}",
        "",
        f"{_cell(rep.described[:1].upper() + rep.described[1:])}.",
        "",
        *_table(
            ["files", "owned", "unowned", "conflicts", "ignored", "coverage"],
            [[str(rep.total), str(rep.owned), str(len(rep.unowned)), str(len(rep.conflicts)),
              str(len(rep.ignored)), f"{rep.coverage:.1f}%"]],
            right=range(6),
        ),
        "",
        "## Files per role",
        "",
    ]
    counted = rep.total - len(rep.ignored)
    rows = []
    for entry in rep.roles:
        share = 100.0 * len(entry.files) / counted if counted else 0.0
        rows.append([_cell(entry.role.name), str(len(entry.files)), f"{share:.1f}%", _cell(entry.role.description)])
    out += _table(["role", "files", "share", "description"], rows, right=(1, 2))
    if list_files:
        for entry in rep.roles:
            out += ["", f"### {_cell(entry.role.name)} ({len(entry.files)})", ""]
            out += [f"- {code(p)}" for p in entry.files] or ["none"]
    out += ["", f"## Unowned files ({len(rep.unowned)})", ""]
    out += [f"- {code(p)}" for p in rep.unowned] or ["none"]
    out += ["", f"## Conflicts ({len(rep.conflicts)})", ""]
    if rep.conflicts:
        out += _table(
            ["file", "competing rules"],
            [[code(c.path), "<br>".join(_rule_cell(r) for r in c.candidates)] for c in rep.conflicts],
        )
    else:
        out.append("none")
    out += ["", f"## Rules that match nothing ({len(rep.unused)})", ""]
    if rep.unused:
        out += _table(["rule", "role", "pattern"], [
            [_cell(str(r.origin)), _cell(r.label), code(r.glob)]
            for r in rep.unused
        ])
    else:
        out.append("none")
    return "\n".join(out) + "\n"


def check(rep: Report, kinds: Sequence[str], color: bool = False) -> str:
    findings = rep.findings(kinds)
    out = [f"## Ownership check of {code(rep.root)}: {len(findings)} problem{'s' if len(findings) != 1 else ''}", ""]
    if findings:
        rows = []
        for f in findings:
            where = code(f.path) if f.path is not None else _cell(f.where)
            rows.append([f.kind, where, _cell(for_terminal(f.message))])
        out += _table(["kind", "where", "detail"], rows)
    else:
        out.append(f"No problems in {rep.total} files.")
    return "\n".join(out) + "\n"


def raci(rep: Report, color: bool = False) -> str:
    """The RACI matrix as a Markdown table (phases down, roles across), then the RACI problems."""
    matrix = rep.raci
    assert matrix is not None
    counted = rep.total - len(rep.ignored)
    out = [
        f"# RACI of {code(rep.root)}",
        "",
        f"{_cell(rep.described[:1].upper() + rep.described[1:])}: {len(matrix.phases)} phases cover "
        f"{matrix.covered} of {counted} files. R = Responsible (owns files of the phase), A = Accountable, "
        "C = Consulted, I = Informed.",
        "",
    ]
    rows = [[_cell(row.name), str(row.files), *(row.cell(role).letters for role in matrix.roles)]
            for row in matrix.phases]
    out += _table(["phase", "files", *(_cell(role) for role in matrix.roles)], rows, right=(1,))
    if matrix.idle:
        out += ["", "No letter on any phase: " + ", ".join(_cell(role) for role in matrix.idle) + "."]
    findings = matrix.findings()
    out += ["", f"## Problems ({len(findings)})", ""]
    if findings:
        out += _table(["kind", "where", "detail"], [
            [f.kind, code(f.path) if f.path is not None else _cell(f.where), _cell(for_terminal(f.message))]
            for f in findings
        ])
    else:
        out.append("none")
    return "\n".join(out) + "\n"


def who(explanations: Sequence[Explanation], resolution: str, color: bool = False) -> str:
    rows = []
    for item in explanations:
        outcome = item.outcome
        rule = _rule_cell(outcome.winner) if outcome.winner else "<br>".join(_rule_cell(r) for r in outcome.candidates)
        rows.append([code(item.path), outcome.status, _cell(", ".join(item.owners)), rule])
    return "\n".join(_table(["path", "status", "owners", "rule"], rows)) + "\n"
