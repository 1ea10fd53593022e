"""SARIF 2.1.0 for code scanning (GitHub's upload-sarif action, or any SARIF viewer): one rule per kind of
finding, one result per finding, at the file it is about or at the line of the rule or CODEOWNERS entry."""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from typing import Any, Dict, List, Sequence
from urllib.parse import quote

from ownership import __version__
from ownership.formatters.escape import for_json, json_text
from ownership.model.report import Report
from ownership.model.findings import FILE_FINDINGS, FINDING_KINDS, ConflictFile, Finding, LineProblem
from ownership.core.rules import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
RESULT_LIMIT = 25_000  # GitHub rejects a run with more results
FINGERPRINT = "ownershipFinding/v1"
# kind -> (rule id, name, default level, short description, help)
RULES = {
    "unowned": ("unowned-file", "UnownedFile", "error", "File that no rule assigns an owner",
                "No pattern of the role map (or line of CODEOWNERS) matches this file. Add a pattern for it to "
                "the role that owns it, or exempt it with settings.ignore."),
    "conflict": ("conflicting-owners", "ConflictingOwners", "error", "File claimed by two or more roles",
                 "Patterns of several roles match this file and none wins under the resolution mode. Make one "
                 "pattern more specific, or remove the others."),
    "unused": ("unused-rule", "UnusedRule", "warning", "Rule that matches no file",
               "This pattern matches no file in the tree: a typo, or a directory that is gone. Fix or remove it."),
    "error": ("invalid-codeowners-line", "InvalidCodeownersLine", "error", "CODEOWNERS line the platform rejects",
              "GitHub or GitLab reports this CODEOWNERS line as an error and ignores it. Fix its syntax."),
    "duplicate": ("duplicate-pattern", "DuplicatePattern", "warning", "Pattern repeated in one section",
                  "A later line repeats this pattern, so this line has no effect. Remove one of them."),
    "shadowed": ("shadowed-line", "ShadowedLine", "warning", "Rule that other rules override everywhere",
                 "This pattern (a CODEOWNERS line or a role-map pattern) matches files, but another pattern decides "
                 "every one of them: dead weight or a mistake in the order or specificity of the patterns."),
    "undeclared": ("undeclared-owner", "UndeclaredOwner", "warning", "Owner not declared anywhere known",
                   "This owner is not in the role map's owners nor in the owners file: a typo or a stale handle."),
    "portability": ("portability", "Portability", "note", "Construct read differently by GitHub, GitLab, gitignore",
                    "This construct means something else on another platform or in gitignore."),
    "no-accountable": ("raci-no-accountable", "RaciNoAccountable", "error", "Phase with no Accountable role",
                       "Every lifecycle phase needs exactly one Accountable role: give one role 'accountable' "
                       "patterns that match the phase's files."),
    "several-accountable": ("raci-several-accountable", "RaciSeveralAccountable", "error",
                            "Phase with several Accountable roles",
                            "Every lifecycle phase needs exactly one Accountable role: keep one."),
    "no-responsible": ("raci-no-responsible", "RaciNoResponsible", "error", "Phase with no Responsible role",
                       "No role owns any file of this phase: give the phase's files an owner."),
    "empty-phase": ("raci-empty-phase", "RaciEmptyPhase", "warning", "Phase whose patterns match no file",
                    "The phase's patterns match nothing in the tree: fix or remove them."),
    "split-phase": ("raci-split-phase", "RaciSplitPhase", "warning", "File owned apart from its phase",
                    "This file of the phase is owned by another role than the phase's Responsible one."),
    "drift": ("ownership-drift", "OwnershipDrift", "warning", "File authored by another role than its owner",
              "By degree of authorship over the git history, no member of the owning role authors this file, "
              "while a member of another role does: move the file to that role, or add the author as a member."),
    "inactive-owner": ("inactive-owner", "InactiveOwner", "warning", "Role member with no recent commit",
                       "This member of the role has no commit in the window (counted back from the date of the "
                       "checked revision's commit): remove the member, or hand the role to someone active."),
    "low-truck-factor": ("low-truck-factor", "LowTruckFactor", "warning", "Role whose knowledge rests on few people",
                         "Losing this many authors leaves most of the role's files without an author (the truck "
                         "factor of Avelino et al.): spread the knowledge of these files."),
    "explicitly-unowned": ("explicitly-unowned-file", "ExplicitlyUnownedFile", "note",
                           "File that CODEOWNERS leaves unowned on purpose",
                           "The CODEOWNERS line that decides this file names no owner (GitHub's way to exempt "
                           "files), or GitLab exclusions take it out of every section: no review is required."),
}
_ORDER = list(RULES)


def _uri(path: str) -> Dict[str, str]:
    """An artifact location: a URI reference with every byte of the name percent-encoded as needed (bytes
    that are not UTF-8 included), relative to the source root, or a file URI for an absolute path."""
    encoded = quote(os.fsencode(path), safe="/")
    if path.startswith("/"):
        return {"uri": "file://" + encoded}
    return {"uri": encoded, "uriBaseId": "%SRCROOT%"}


def _physical(path: str, line: int = 1, column: int = 0) -> Dict[str, Any]:
    region: Dict[str, int] = {"startLine": max(line, 1)}
    if column:
        region["startColumn"] = column
    return {"physicalLocation": {"artifactLocation": _uri(path), "region": region}}


def _rule_location(rule: Rule, index: int) -> Dict[str, Any]:
    location = _physical(rule.origin.source, rule.origin.line, rule.origin.column)
    location["id"] = index
    location["message"] = {"text": f"{for_json(rule.label)}: {for_json(rule.glob)}"}
    return location


def _result(rep: Report, finding: Finding, level: str) -> Dict[str, Any]:
    related: List[Dict[str, Any]] = []
    if isinstance(finding, LineProblem):
        location = _physical(finding.problem.path, finding.problem.line, finding.problem.column)
        text = f"{finding.problem.kind}: {finding.problem.message} ({finding.problem.source.strip()})"
    elif isinstance(finding, FILE_FINDINGS):
        path = finding.path if rep.root == "." else posixpath.normpath(posixpath.join(rep.root, finding.path))
        location = _physical(path)
        text = f"{finding.path}: {finding.message}"
        if isinstance(finding, ConflictFile):
            related = [_rule_location(rule, i) for i, rule in enumerate(finding.candidates, 1)]
    else:  # a rule, or a RACI phase, where the role map declares it
        origin = finding.origin
        location = _physical(origin.source, origin.line, origin.column)
        text = finding.message
    digest = hashlib.sha256("\0".join(finding.key).encode("utf-8", "surrogateescape")).hexdigest()
    result: Dict[str, Any] = {
        "ruleId": RULES[finding.kind][0],
        "ruleIndex": _ORDER.index(finding.kind),
        "level": level or RULES[finding.kind][2],
        "message": {"text": for_json(text)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT: digest},
    }
    if related:
        result["relatedLocations"] = related
    return result


def _log(rep: Report, findings: Sequence[Finding], level: str, warnings: Sequence[Finding] = ()) -> str:
    rules = [
        {
            "id": rule_id,
            "name": name,
            "shortDescription": {"text": short},
            "fullDescription": {"text": helptext},
            "help": {"text": helptext},
            "defaultConfiguration": {"level": default},
            "properties": {"tags": ["ownership", "maintainability"], "precision": "very-high"},
        }
        for rule_id, name, default, short, helptext in RULES.values()
    ]
    run: Dict[str, Any] = {
        "tool": {"driver": {"name": "ownership", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": ([_result(rep, f, level) for f in findings] + [_result(rep, f, "") for f in warnings])[:RESULT_LIMIT],
        "properties": {"root": for_json(rep.root), "source": rep.source, "summary": rep.summary()},
    }
    if len(findings) + len(warnings) > RESULT_LIMIT:
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": [{
            "level": "warning",
            "message": {"text": f"{len(findings) + len(warnings) - RESULT_LIMIT} more findings left out: code scanning takes "
                                f"at most {RESULT_LIMIT} results per run"},
        }]}]
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_text(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def check(rep: Report, kinds: Sequence[str], color: bool = False, warn: Sequence[str] = (),
          list_files: bool = False, limit: int = 0) -> str:
    """The findings that fail the check, each an error; the ``warn`` kinds at their rule's level."""
    failing = rep.findings(kinds)
    return _log(rep, failing, "error", rep.findings([k for k in warn if k not in kinds]))


def report(rep: Report, color: bool = False, list_files: bool = False, limit: int = 0) -> str:
    """Every finding at its rule's default level (an unused rule is a warning)."""
    return _log(rep, rep.findings(FINDING_KINDS), "")
