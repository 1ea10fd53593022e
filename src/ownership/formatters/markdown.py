"""Markdown output: pastes into a pull request, a wiki or a GitHub job summary."""

from __future__ import annotations

from typing import List, Sequence

from ownership.model.changes import CHANGE_KINDS, TITLES, OwnershipDiff
from ownership.formatters.escape import for_markdown as code
from ownership.formatters.escape import for_terminal, markdown_text
from ownership.model.findings import FILE_FINDINGS, LineProblem, UnownedFile
from ownership.model.words import count, verb
from ownership.model.rollup import RollUp, files, roll_up, rolled_up, rest_line
from ownership.model.report import Explanation, Report
from ownership.core.rules import Rule


def _cell(text: str) -> str:
    """Prose in a table cell or a line: role names, descriptions, owners, messages, all from the repository."""
    return markdown_text(text)


def _rule_cell(rule: Rule) -> str:
    return f"{_cell(rule.label or '(no owners)')}: {code(rule.glob)} ({_cell(str(rule.origin))})"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> List[str]:
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    return ["| " + " | ".join(row) + " |" for row in [header, rule, *rows]]


def _rollup(rollup: RollUp, command: str) -> List[str]:
    out = _table(["directory", "files"], [[code(d.path), str(d.count)] for d in rollup.directories], right=(1,))
    rest = "".join(f"{line[:1].upper()}{line[1:]}. " for line in rest_line(rollup))
    return out + ["", f"{rest}`ownership {command} --list` lists every file."]


def _summary(rep: Report) -> List[str]:
    """The counts as a one-row table; with CODEOWNERS also the files it leaves unowned on purpose."""
    head = ["files", "owned", "unowned", "conflicts", "ignored", "coverage"]
    row = [str(rep.total), str(rep.owned), str(len(rep.unowned)), str(len(rep.conflicts)), str(len(rep.ignored)),
           f"{rep.coverage:.1f}%"]
    if rep.kind == "CODEOWNERS":
        head.insert(5, "explicitly unowned")
        row.insert(5, str(len(rep.exempt)))
    return _table(head, [row], right=range(len(head)))


def report(rep: Report, color: bool = False, list_files: bool = False, limit: int = 0) -> str:
    """The whole picture; an unowned list longer than ``limit`` (0: no limit) is rolled up by directory
    unless ``list_files``."""
    out = [
        f"# Ownership of {code(rep.root)}",
        "",
        f"{_cell(rep.described[:1].upper() + rep.described[1:])}.",
        "",
        *_summary(rep),
        "",
        "## Files per owner" if rep.kind == "CODEOWNERS" else "## Files per role",
        "",
    ]
    counted = rep.counted
    rows = []
    for entry in rep.roles:
        share = 100.0 * len(entry.files) / counted if counted else 0.0
        rows.append([_cell(entry.role.name), str(len(entry.files)), f"{share:.1f}%", _cell(entry.role.description)])
    if rep.kind == "CODEOWNERS":
        out += _table(["owner", "files", "share"], [row[:3] for row in rows], right=(1, 2))
    else:
        out += _table(["role", "files", "share", "description"], rows, right=(1, 2))
    if list_files:
        for entry in rep.roles:
            out += ["", f"### {_cell(entry.role.name)} ({len(entry.files)})", ""]
            out += [f"- {code(p)}" for p in entry.files] or ["none"]
    if rep.sections:
        out += ["", f"## Sections ({len(rep.sections)})", ""]
        rows = []
        for part in rep.sections:
            section = part.section
            share = 100.0 * len(part.files) / counted if counted else 0.0
            rows.append([_cell(section.name), str(section.line or "-"), str(len(part.files)), f"{share:.1f}%",
                         section.approvals_shown,
                         _cell(" ".join(section.default_owners))])
        out += _table(["section", "line", "files", "share", "approvals", "default owners"], rows, right=(1, 2, 3))
    out += ["", f"## Unowned files ({len(rep.unowned)})", ""]
    if rolled_up(rep.unowned, limit, list_files):
        out += ["By directory, the biggest first:", ""] + _rollup(roll_up(rep.unowned, limit), "report")
    else:
        out += [f"- {code(p)}" for p in rep.unowned] or ["none"]
    if rep.exempt:  # CODEOWNERS: unowned on purpose, with the line that says so
        out += ["", f"## Explicitly unowned files ({len(rep.exempt)})", ""]
        out += _table(["file", "line", "pattern"],
                      [[code(f.path), _cell(str(f.rule.origin)), code(f.rule.glob)] for f in rep.exempt])
    codeowners = rep.kind == "CODEOWNERS"
    if not codeowners:
        out += ["", f"## Conflicts ({len(rep.conflicts)})", ""]
        if rep.conflicts:
            out += _table(
                ["file", "competing rules"],
                [[code(c.path), "<br>".join(_rule_cell(r) for r in c.candidates)] for c in rep.conflicts],
            )
        else:
            out.append("none")
    out += ["", f"## {'Lines' if codeowners else 'Rules'} that match nothing ({len(rep.unused)})", ""]
    if rep.unused:
        out += _table(["line" if codeowners else "rule", "owners" if codeowners else "role", "pattern"], [
            [_cell(str(r.origin)), _cell(r.label or "(no owners)"), code(r.glob)]
            for r in rep.unused
        ])
    else:
        out.append("none")
    return "\n".join(out) + "\n"


def check(rep: Report, kinds: Sequence[str], color: bool = False, warn: Sequence[str] = (),
          list_files: bool = False, limit: int = 0) -> str:
    """The problems as a table; more unowned files than ``limit`` (0: no limit) are rolled up by directory
    unless ``list_files``."""
    findings = rep.findings(list(kinds) + list(warn))
    unowned = [f.path for f in findings if isinstance(f, UnownedFile)]
    rollup = roll_up(unowned, limit) if rolled_up(unowned, limit, list_files) else None
    failing = sum(1 for f in findings if f.kind in kinds)
    warnings = len(findings) - failing
    title = f"## Ownership check of {code(rep.root)}: {failing} problem{'s' if failing != 1 else ''}"
    if warnings:
        title += f", {warnings} warning{'s' if warnings != 1 else ''}"
    out = [title, ""]
    if findings:
        rows = []
        for f in findings:
            if rollup is not None and isinstance(f, UnownedFile):
                if f.path == unowned[0]:
                    label = "unowned" if "unowned" in kinds else "unowned (warning)"
                    rows += [[label, code(d.path), f"{files(d.count)} without an owner"] for d in rollup.directories]
                continue
            where = code(f.path) if isinstance(f, FILE_FINDINGS) else _cell(f.where)
            detail = _cell(for_terminal(f.message))
            if isinstance(f, LineProblem) and f.problem.suggestion:
                detail += "<br>" + _cell(for_terminal(f.problem.suggestion))
            rows.append([f.kind if f.kind in kinds else f"{f.kind} (warning)", where, detail])
        out += _table(["kind", "where", "detail"], rows)
        if rollup is not None:
            rest = "".join(f"; {line}" for line in rest_line(rollup))
            out += ["", f"Unowned files are rolled up by directory{rest}: `ownership check --list` lists every file."]
    else:
        out.append(f"No problems in {count(rep.total, 'file')}.")
    if rep.known is not None:
        gone = f"; {rep.gone} of its entries {verb(rep.gone, 'is', 'are')} gone" if rep.gone else ""
        out += ["", f"{len(rep.baselined(kinds))} known problems accepted by the baseline{gone}."]
    return "\n".join(out) + "\n"


def raci(rep: Report, color: bool = False) -> str:
    """The RACI matrix as a Markdown table (phases down, roles across), then the RACI problems."""
    matrix = rep.raci
    assert matrix is not None
    counted = rep.counted
    out = [
        f"# RACI of {code(rep.root)}",
        "",
        f"{_cell(rep.described[:1].upper() + rep.described[1:])}: {count(len(matrix.phases), 'phase')} "
        f"{verb(len(matrix.phases), 'covers', 'cover')} {matrix.covered} of {count(counted, 'file')}. R = Responsible (owns files of the phase), A = Accountable, "
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
            [f.kind, code(f.path) if isinstance(f, FILE_FINDINGS) else _cell(f.where), _cell(for_terminal(f.message))]
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
        rule += "".join(f"<br>skipped (invalid owner): {_rule_cell(r)}" for r in item.skipped)
        owners = [o + (f" ({', '.join(item.handles(o))})" if item.handles(o) else "") for o in item.owners]
        rows.append([code(item.path), outcome.status, _cell(", ".join(owners)), rule])
    return "\n".join(_table(["path", "status", "owners", "rule"], rows)) + "\n"


def diff(d: OwnershipDiff, color: bool = False) -> str:
    count = len(d.changes)
    out = [
        f"## Ownership changes since {code(d.ref)}",
        "",
        f"Merge base `{d.merge_base[:12]}`, rules from {code(d.after_source)}: "
        f"{count} file{'' if count == 1 else 's'} change owner.",
    ]
    if d.by_handles:
        out += ["", f"Before: {code(d.before_source)}; the two kinds of rules are compared by the handles that review."]
    for kind in CHANGE_KINDS:
        changes = d.of_kind(kind)
        if changes:
            out += ["", f"### {TITLES[kind]} ({len(changes)})", ""]
            out += _table(["file", "before", "after"], [
                [code(c.path) if c.path == c.old_path else f"{code(c.old_path)} → {code(c.path)}",
                 _cell(c.was), _cell(c.now)]
                for c in changes
            ])
    for kind, rules in d.idle_rules:
        if rules:
            out += ["", f"### {TITLES[kind]} ({len(rules)})", ""]
            out += _table(["rule", "role", "pattern"], [[_cell(str(r.origin)), _cell(r.label), code(r.glob)] for r in rules])
    return "\n".join(out) + "\n"
