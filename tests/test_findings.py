"""model/findings.py and the formatter registry: each finding class computes its own key (the identity a
baseline keeps, so it must never change), and every format a command offers has that command's function."""

from __future__ import annotations

from typing import Any

import click
import pytest

from ownership.analysis.baseline import _entry, _fields
from ownership.cli import cli
from ownership.codeowners.syntax import Problem
from ownership.core.rules import Origin, Rule
from ownership.formatters import FORMATTERS
from ownership.model.findings import (
    FINDING_KINDS, ConflictFile, Finding, LineProblem, PhaseProblem, SplitFile, UnownedFile, UnusedLetter,
    UnusedPhaseRule, UnusedRule,
)

HERE = Origin("ownership.toml", 3, 1)


def rule(role: Any, glob: str) -> Rule:
    return Rule(0, role, glob, HERE, pattern=None)  # type: ignore[arg-type]  # the key never matches anything


LINE = Problem("CODEOWNERS", 4, 7, "Unknown owner", "owner @x does not exist", "*.py @x\n")
CASES = [  # a finding, its key, its where, its message
    (UnownedFile("a.py"), ("unowned", "a.py"), "a.py", "no rule matches"),
    (UnownedFile("a.py", "no line gives it an owner"), ("unowned", "a.py"), "a.py", "no line gives it an owner"),
    (ConflictFile("c.yaml", (rule("SRE", "c.yaml"), rule("Ops", "*.yaml"))), ("conflict", "c.yaml", "Ops", "SRE"),
     "c.yaml", "SRE (c.yaml, ownership.toml:3:1) and Ops (*.yaml, ownership.toml:3:1) claim it"),
    (UnusedRule(rule("Ops", "tf/")), ("unused", "Ops", "tf/"), "ownership.toml:3:1",
     "pattern 'tf/' of role 'Ops' matches no file"),
    (UnusedLetter(rule("Ops", "tf/"), letter="A"), ("unused", "Ops", "tf/"), "ownership.toml:3:1",
     "pattern 'tf/' of role 'Ops' (accountable) matches no file"),
    (UnusedPhaseRule(rule(None, "zz/"), phase="Deploy"), ("unused", "(ignore)", "zz/"), "ownership.toml:3:1",
     "pattern 'zz/' of phase 'Deploy' matches no file"),
    (LineProblem("error", LINE), ("error", "CODEOWNERS", "Unknown owner", "*.py @x\n"), "CODEOWNERS:4:7",
     "Unknown owner: owner @x does not exist"),
    (PhaseProblem("several-accountable", "Deploy", HERE, "two", ("A", "B")),
     ("several-accountable", "Deploy", "", "A", "B"), "ownership.toml:3:1", "two"),
    (SplitFile("d.py", "Deploy", "A", "", "split"), ("split-phase", "Deploy", "d.py", "A", ""), "d.py", "split"),
]


@pytest.mark.parametrize("finding, key, where, message", CASES)
def test_each_finding_computes_its_key_where_and_message(finding: Finding, key: tuple, where: str,
                                                         message: str) -> None:
    assert (finding.key, finding.where, finding.message) == (key, where, message)
    assert finding.kind in FINDING_KINDS


@pytest.mark.parametrize("finding", [case[0] for case in CASES])
def test_a_baseline_entry_reads_back_with_the_fields_it_was_written_with(finding: Finding) -> None:
    entry = _entry(finding)
    assert _fields(finding.kind, entry) == finding.key_fields


def _choices(command: click.Command) -> list:
    option = next(p for p in command.params if p.name == "fmt")
    assert isinstance(option.type, click.Choice)
    return [c for c in option.type.choices if c != "auto"]


@pytest.mark.parametrize("name, capability", [
    ("report", "report"), ("check", "check"), ("who", "who"), ("diff", "diff"), ("raci", "raci")])
def test_every_format_a_command_offers_has_its_function(name: str, capability: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    assert all(getattr(FORMATTERS[fmt], capability) is not None for fmt in _choices(command))
