"""Baselines: today's problems written to a file, so that a check fails only on problems not in it.

A baseline lists every finding of a whole-tree report, one JSON object a line, identified as
``Finding.key`` identifies it (a file by its path; a conflict also by its competing roles; a rule by its role
and pattern; a rejected CODEOWNERS line by its file and text), never by a line number that moves. Adopting
``ownership`` on an old repository then means: write the baseline once, and let CI fail only when a file
joins the unowned or contested ones. The count can only go down; ``check`` says when entries are gone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Dict, FrozenSet, List, Tuple

from ownership.errors import ConfigError
from ownership.model.findings import (
    FINDING_KINDS, RACI_KINDS, ConflictFile, ExemptFile, Finding, LineProblem, PhaseProblem, UnownedFile, UnusedRule,
)
from ownership.model.report import Report

BASELINE_VERSION = 1
ALWAYS_COUNTED = ("error", "unowned", "conflict", "unused")  # in a baseline's counts even when 0


def _fields(kind: str, entry: Dict[str, Any]) -> Tuple[str, ...]:
    """The fields of a baseline entry of ``kind`` read back: the ``key_fields`` of the finding class that
    has that kind. "unused" names two (a role-map rule, a CODEOWNERS line): an entry with a "file" is a line."""
    if kind == "unowned":
        return UnownedFile.key_fields
    if kind == "explicitly-unowned":
        return ExemptFile.key_fields
    if kind == "conflict":
        return ConflictFile.key_fields
    if kind in RACI_KINDS:  # the fields a phase's problem and a file split from its phase share
        return PhaseProblem.key_fields
    return LineProblem.key_fields if "file" in entry else UnusedRule.key_fields


@dataclass(frozen=True)
class Baseline:
    source: str
    keys: FrozenSet[Tuple[str, ...]]


def _entry(finding: Finding) -> Dict[str, Any]:
    kind, rest, fields = finding.kind, finding.key[1:], finding.key_fields
    if fields[-1] == "roles":  # the rest of the key
        return {"kind": kind, **dict(zip(fields[:-1], rest)), "roles": list(rest[len(fields) - 1:])}
    return {"kind": kind, **dict(zip(fields, rest))}


def render(report: Report) -> str:
    """The baseline of ``report`` (every kind of finding, baseline or not), sorted, one entry a line."""
    findings = {f.key: f for f in report.all_findings(FINDING_KINDS)}
    keys = sorted(findings)
    counts = {kind: sum(1 for k in keys if k[0] == kind) for kind in FINDING_KINDS}
    counts = {kind: n for kind, n in counts.items() if n or kind in ALWAYS_COUNTED}  # the others when present
    head = json.dumps({"version": BASELINE_VERSION, "source": report.source, "counts": counts},
                      ensure_ascii=False)[:-1]
    lines = [json.dumps(_entry(findings[k]), ensure_ascii=False) for k in keys]
    body = "[\n" + ",\n".join("  " + line for line in lines) + "\n]" if lines else "[]"
    text = f'{head}, "findings": {body}}}\n'
    # File names that are not UTF-8 carry lone surrogates: write them as JSON escapes, which read back exact.
    return re.sub("[\udc80-\udcff]", lambda m: f"\\u{ord(m.group(0)):04x}", text)


def parse(text: str, source: str) -> Baseline:
    """Read a baseline written by ``render``; anything else is a ``ConfigError`` naming the place."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise ConfigError(f"invalid baseline: {err.msg}", source, err.lineno, err.colno) from None
    except RecursionError:  # the JSON parser recurses once per nested array or object (issue 10)
        raise ConfigError("invalid baseline: arrays or objects nested too deeply", source) from None
    except ValueError:  # an integer of more than 4,300 digits (Python's int_max_str_digits)
        raise ConfigError("invalid baseline: a number with too many digits", source) from None
    if not isinstance(document, dict) or "version" not in document:
        raise ConfigError("not an ownership baseline (write one with 'ownership baseline')", source)
    version = document["version"]
    # ``true == 1`` and ``1.0 == 1`` in Python: only the integer 1 is version 1.
    if type(version) is not int or version != BASELINE_VERSION:
        shown = json.dumps(version, ensure_ascii=False)
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        raise ConfigError(f"baseline version {shown} is not supported (expected "
                          f"{BASELINE_VERSION}): rewrite it with 'ownership baseline'", source)
    entries = document.get("findings")
    if not isinstance(entries, list):
        raise ConfigError("baseline has no 'findings' list", source)
    return Baseline(source, frozenset(_key(entry, number, source) for number, entry in enumerate(entries, 1)))


def _key(entry: Any, number: int, source: str) -> Tuple[str, ...]:
    kind = entry.get("kind") if isinstance(entry, dict) else None
    fields = _fields(kind, entry) if kind in FINDING_KINDS else ()
    values: List[Any] = [entry.get(name) for name in fields]
    if fields and fields[-1] == "roles":  # a list, spread at the end of the key
        values = [*values[:-1], *values[-1]] if isinstance(values[-1], list) else [None]
    if not fields or not all(isinstance(v, str) for v in values):
        raise ConfigError(f"baseline finding {number} is malformed: expected a finding kind and that kind's "
                          "fields, as 'ownership baseline' writes them", source)
    return (kind, *values)
