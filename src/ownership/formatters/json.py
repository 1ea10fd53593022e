"""JSON output for scripts: a ``version``-ed document, its schema described in the README."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Sequence

from ownership.model.changes import CHANGE_KINDS, OwnershipDiff
from ownership.formatters.escape import for_json as esc
from ownership.formatters.escape import json_text
from ownership.core.matcher import OWNED
from ownership.model.report import Explanation, Report, SectionFiles
from ownership.model.findings import (
    DEFAULT_FAIL_ON, JSON_VERSION, ConflictFile, DriftFile, ExemptFile, Finding, InactiveOwner, LineProblem,
    LowTruckFactor, PhaseProblem, ShadowedRule, SplitFile, UnusedLetter, UnusedPhaseRule, UnusedRule,
)
from ownership.core.rules import LETTERS, Rule


# One encoder for every item: ``json.dumps`` with a keyword builds a new one per call (a million-file report has
# tens of thousands of conflict items: 0.1 s of building encoders).
_encode = json.JSONEncoder(ensure_ascii=False).encode


class _Encoded(List[str]):
    """List items already encoded (``dump`` writes them as they are)."""


def dump(document: Dict[str, Any]) -> str:
    """One key per line and one list item per line, each compact: readable, easy to grep and diff, and
    written by json's C encoder (``indent=`` would switch a million-path report to its Python one)."""
    lines = []
    for key, value in document.items():
        head = f"  {json.dumps(key)}: "
        if isinstance(value, _Encoded) and value:
            items = ",\n".join("    " + item for item in value)
            lines.append(f"{head}[\n{items}\n  ]")
        elif isinstance(value, list) and value and all(isinstance(item, str) for item in value):
            # One C-encoder call for a list of paths; between two strings of a compact JSON array '", "'
            # can only be a separator, since a quote inside a string is always escaped.
            items = _encode(value)[1:-1].replace('", "', '",\n    "')
            lines.append(f"{head}[\n    {items}\n  ]")
        elif isinstance(value, list) and value:
            items = ",\n".join("    " + _encode(item) for item in value)
            lines.append(f"{head}[\n{items}\n  ]")
        else:
            lines.append(head + _encode(value))
    return json_text("{\n" + ",\n".join(lines) + "\n}\n")


def _rule(rule: Rule) -> Dict[str, Any]:
    return {"role": rule.role, "pattern": rule.glob, "line": rule.origin.line, "column": rule.origin.column}


def _head(rep: Report) -> Dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "root": rep.root,
        "config": rep.source,
        "resolution": rep.resolution,
        "summary": rep.summary(),
    }


def report(rep: Report, color: bool = False, list_files: bool = False, limit: int = 0) -> str:
    roles: List[Dict[str, Any]] = []
    for entry in rep.roles:
        role: Dict[str, Any] = {
            "role": entry.role.name,
            "description": entry.role.description,
            "owners": list(entry.role.owners),
            "files": len(entry.files),
        }
        if list_files:
            role["paths"] = [esc(p) for p in entry.files]
        roles.append(role)
    document = _head(rep)
    document["roles"] = roles
    document["unowned"] = [esc(p) for p in rep.unowned]
    document["conflicts"] = _conflicts(rep)
    document["unused_rules"] = [_rule(r) for r in rep.unused]
    if list_files:
        document["ignored"] = [esc(p) for p in rep.ignored]
    if rep.kind == "CODEOWNERS":
        document["explicitly_unowned"] = [_exempt(f) for f in rep.exempt]
        document["sections"] = [_section(entry, list_files) for entry in rep.sections]
    return dump(document)


def _exempt(finding: ExemptFile) -> Dict[str, Any]:
    """A file CODEOWNERS leaves unowned on purpose, and the line that does."""
    rule = finding.rule
    return {"path": esc(finding.path), "pattern": rule.glob, "line": rule.origin.line, "column": rule.origin.column}


def _conflicts(rep: Report) -> _Encoded:
    """``{"path": ..., "candidates": [...]}`` per contested file, as ``_encode`` writes it; the files of one
    decision share its candidates, which are encoded once (a million-file report can hold 28,000 conflicts)."""
    encoded: Dict[int, str] = {}
    items = _Encoded()
    for c in rep.conflicts:
        candidates = encoded.get(id(c.candidates))
        if candidates is None:
            candidates = encoded[id(c.candidates)] = _encode([_rule(r) for r in c.candidates])
        items.append(f'{{"path": {_encode(esc(c.path))}, "candidates": {candidates}}}')
    return items


def _section(entry: SectionFiles, list_files: bool) -> Dict[str, Any]:
    section = entry.section
    item: Dict[str, Any] = {"name": section.name, "line": section.line or None, "optional": section.optional,
                            "approvals": section.approvals, "default_owners": list(section.default_owners),
                            "files": len(entry.files)}
    if section.entry_approvals:  # GitLab: entries under a same-named header that asks for another count
        item["entry_approvals"] = [{"line": line, "approvals": count} for line, count in section.entry_approvals]
    if list_files:
        item["paths"] = [esc(p) for p in entry.files]
    return item


def _finding(finding: Finding, fails: bool) -> Dict[str, Any]:
    if isinstance(finding, LineProblem):  # a CODEOWNERS line: the fields of GitHub's "List CODEOWNERS errors" API
        p = finding.problem
        return {"kind": finding.kind, "path": p.path, "line": p.line, "column": p.column, "source": p.source,
                "suggestion": p.suggestion or None, "message": finding.message, "fails": fails}
    item: Dict[str, Any]
    if isinstance(finding, ShadowedRule):  # a role-map rule that matches files but decides none
        item = {"kind": finding.kind, **_rule(finding.rule), "files": finding.files,
                "decided_by": [_rule(r) for r in finding.winners], "message": esc(finding.message)}
    elif isinstance(finding, UnusedRule):
        item = {"kind": "unused", **_rule(finding.rule)}
        if finding.hint:  # a likely typo, and what was probably meant
            item["hint"] = finding.hint
        if isinstance(finding, UnusedLetter):
            item["letter"] = finding.letter
        elif isinstance(finding, UnusedPhaseRule):
            item["phase"] = finding.phase
    elif isinstance(finding, PhaseProblem):  # a RACI finding about a phase, where the role map declares it
        item = {"kind": finding.kind, "phase": finding.phase, "line": finding.origin.line,
                "column": finding.origin.column}
        if finding.roles:
            item["roles"] = list(finding.roles)
        item["message"] = esc(finding.message)
    elif isinstance(finding, DriftFile):
        item = {"kind": finding.kind, "path": esc(finding.path), "role": finding.role,
                "authors": list(finding.authors), "roles": list(finding.others)}
    elif isinstance(finding, InactiveOwner):  # where the role map declares the role
        item = {"kind": finding.kind, "role": finding.role, "member": finding.member,
                "last_commit": finding.last_commit, "since": finding.cutoff, "line": finding.origin.line or None,
                "column": finding.origin.column or None}
    elif isinstance(finding, LowTruckFactor):
        item = {"kind": finding.kind, "role": finding.role,
                "truck_factor": {"value": finding.value, "authors": list(finding.authors)},
                "threshold": finding.threshold, "files": finding.files, "line": finding.origin.line or None,
                "column": finding.origin.column or None}
    elif isinstance(finding, SplitFile):  # a RACI finding about one of a phase's files
        item = {"kind": finding.kind, "phase": finding.phase, "path": esc(finding.path),
                "roles": list(finding.roles), "message": esc(finding.message)}
    elif isinstance(finding, ExemptFile):
        item = {"kind": finding.kind, **_exempt(finding), "message": esc(finding.message)}
    else:
        item = {"kind": finding.kind, "path": esc(finding.path)}
        if isinstance(finding, ConflictFile):
            item["candidates"] = [_rule(r) for r in finding.candidates]
    item["fails"] = fails
    return item


def check(rep: Report, kinds: Sequence[str], color: bool = False, warn: Sequence[str] = (),
          list_files: bool = False, limit: int = 0) -> str:
    document = _head(rep)
    document["fail_on"] = list(kinds)
    document["warn_on"] = list(warn)
    document["findings"] = [_finding(f, f.kind in kinds) for f in rep.findings(list(kinds) + list(warn))]
    if rep.known is not None:
        document["baseline"] = {"known": len(rep.baselined(kinds)), "gone": rep.gone}
    return dump(document)


def raci(rep: Report, color: bool = False) -> str:
    """The RACI matrix: per phase its files, the Responsible role and every column role's cell."""
    matrix = rep.raci
    assert matrix is not None
    document = {
        "version": JSON_VERSION,
        "root": rep.root,
        "config": rep.source,
        "summary": {"phases": len(matrix.phases), "files": rep.total - len(rep.ignored), "covered": matrix.covered},
        "roles": list(matrix.roles),
        "idle_roles": list(matrix.idle),
        "phases": [
            {
                "phase": row.name, "line": row.origin.line, "column": row.origin.column, "files": row.files,
                "responsible": row.responsible,
                "cells": {c.role: {"letters": c.letters, **{k: n for k, n in zip(LETTERS, c.counts) if n}}
                          for c in row.cells if c.role in matrix.roles},
            }
            for row in matrix.phases
        ],
        "findings": [_finding(f, f.kind in DEFAULT_FAIL_ON) for f in matrix.findings()],
    }
    return dump(document)


def who(explanations: Sequence[Explanation], resolution: str, color: bool = False) -> str:
    paths = []
    for item in explanations:
        outcome = item.outcome
        winner = outcome.winner
        if outcome.status == OWNED:
            candidates = [r for r in item.matched if r.role is not None]
        else:
            candidates = list(outcome.candidates)
        codeowners = resolution in ("github", "gitlab")
        paths.append(
            {
                "path": esc(item.path),
                "status": outcome.status,
                "owners": item.owners,
                # whom to ask: the handles behind the owning role (with CODEOWNERS the owners themselves)
                "handles": list(item.owners) if codeowners else [h for o in item.owners for h in item.handles(o)],
                "rule": {"pattern": winner.glob, "line": winner.origin.line} if winner else None,
                "candidates": [{"role": r.role, "pattern": r.glob, "owners": r.label.split() if codeowners else list(item.handles(r.role))}
                               for r in candidates],
                "skipped": [{"pattern": r.glob, "line": r.origin.line, "column": r.origin.column,
                             "owners": r.label.split()} for r in item.skipped],
            }
        )
    return dump({"version": JSON_VERSION, "paths": paths})


def diff(d: OwnershipDiff, color: bool = False) -> str:
    document: Dict[str, Any] = {
        "version": JSON_VERSION,
        "ref": d.ref,
        "merge_base": d.merge_base,
        "root": d.root,
        "config": d.after_source,
        "config_before": d.before_source,
        "compared_as": "handles" if d.by_handles else "owners",
    }
    for kind in CHANGE_KINDS:
        document[kind] = [
            {"path": esc(c.path), "old_path": esc(c.old_path),
             "before": {"status": c.before_status, "owners": list(c.before)},
             "after": {"status": c.after_status, "owners": list(c.after)}}
            for c in d.of_kind(kind)
        ]
    document["unused_rules"] = [_rule(r) for r in d.unused]
    document["shadowed_rules"] = [_rule(r) for r in d.shadowed]
    return dump(document)
