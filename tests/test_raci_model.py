"""The RACI matrix as data (model/raci.py), pure: hand-built ``Raci`` rows, their letters and findings (read
only through ``kind``, ``where``, ``key`` and ``message``). test_raci.py builds them from role maps."""

from __future__ import annotations

from typing import Optional, Tuple

from ownership.core.patterns import Pattern
from ownership.core.rules import Letter, Origin, Rule
from ownership.model.raci import Cell, PhaseRow, Raci


def row(name: str, files: int, cells: Tuple[Cell, ...], responsible: Optional[str] = None,
        split: Tuple[Tuple[str, str], ...] = (), line: int = 20) -> PhaseRow:
    return PhaseRow(name, Origin("ownership.toml", line, 1), files, cells, responsible, split)


def test_a_cell_shows_the_letters_held_in_raci_order() -> None:
    assert Cell("Data", (3, 1, 0, 2)).letters == "R/A/I"
    assert Cell("Data", (0, 0, 5, 0)).letters == "C"
    assert Cell("Data", (0, 0, 0, 0)).letters == ""


def test_a_row_names_the_holders_of_a_letter_in_role_order() -> None:
    training = row("Training", 4, (Cell("Data", (0, 4, 0, 0)), Cell("ML", (4, 4, 0, 0)),
                                   Cell("Product", (0, 0, 1, 0))))
    assert training.holders("A") == ["Data", "ML"]
    assert training.holders("R") == ["ML"]
    assert training.holders("I") == []
    assert training.cell("Product").letters == "C"


def test_a_sound_phase_has_no_findings() -> None:
    sound = row("Training", 2, (Cell("ML", (2, 2, 0, 0)),), responsible="ML")
    assert Raci((sound,), ("ML",), (), 2).findings() == []


def test_each_phase_problem_is_a_finding_at_the_phase() -> None:
    empty = row("Deploy", 0, (Cell("ML", (0, 0, 0, 0)),), line=21)
    orphan = row("Collect", 3, (Cell("Data", (0, 0, 3, 0)),), line=22)
    crowded = row("Train", 2, (Cell("Data", (1, 2, 0, 0)), Cell("ML", (1, 2, 0, 0))), responsible="Data",
                  split=(("models/b.py", "ML"),), line=23)
    found = Raci((empty, orphan, crowded), ("Data", "ML"), (), 5).findings()
    assert [(f.kind, f.where) for f in found] == [
        ("empty-phase", "ownership.toml:21:1"),
        ("no-accountable", "ownership.toml:22:1"),
        ("no-responsible", "ownership.toml:22:1"),
        ("several-accountable", "ownership.toml:23:1"),
        ("split-phase", "models/b.py"),
    ]
    assert [f.key for f in found] == [
        ("empty-phase", "Deploy", ""), ("no-accountable", "Collect", ""), ("no-responsible", "Collect", ""),
        ("several-accountable", "Train", "", "Data", "ML"), ("split-phase", "Train", "models/b.py", "ML", "Data"),
    ]
    assert [f.message for f in found] == [
        "phase 'Deploy': its patterns match no file",
        "phase 'Collect' (3 files) has no Accountable role: give one role 'accountable' patterns for its files",
        "phase 'Collect' has no Responsible role: no role owns any of its 3 files",
        "phase 'Train' has 2 Accountable roles (Data, ML); a phase needs exactly one",
        "owned by ML, but phase 'Train' is Data's (1 of its 2 files)",
    ]


def test_findings_keep_only_the_kinds_asked_for() -> None:
    orphan = row("Collect", 1, (Cell("Data", (0, 0, 0, 0)),))
    raci = Raci((orphan,), (), ("Data",), 1)
    assert [f.kind for f in raci.findings(["no-responsible"])] == ["no-responsible"]
    assert [f.message for f in raci.findings(["no-accountable"])] == [
        "phase 'Collect' (1 file) has no Accountable role: give one role 'accountable' patterns for its files"]
    assert raci.findings([]) == []


def test_unused_letter_and_phase_patterns_come_first() -> None:
    letter = Rule(0, "ML", "notes/", Origin("ownership.toml", 5, 15), Pattern("notes/"))
    phase = Rule(1, None, "old/", Origin("ownership.toml", 30, 12), Pattern("old/"))
    sound = row("Train", 1, (Cell("ML", (1, 1, 0, 0)),), responsible="ML")
    raci = Raci((sound,), ("ML",), (), 1, (Letter("A", letter),), (("Train", phase),))
    found = raci.findings()
    assert [(f.kind, f.where) for f in found] == [
        ("unused", "ownership.toml:5:15"), ("unused", "ownership.toml:30:12")]
    # a phase pattern has no role: its key is an ignore rule's (what baselines hold today)
    assert [f.key for f in found] == [("unused", "ML", "notes/"), ("unused", "(ignore)", "old/")]
    assert raci.findings(["empty-phase"]) == []
