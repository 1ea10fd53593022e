"""RACI per lifecycle phase: which role is Responsible, Accountable, Consulted, Informed on each phase. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from ownership.core.rules import LETTERS, Letter, Origin, Rule
from ownership.model.findings import RACI_KINDS, Finding, PhaseProblem, SplitFile, UnusedLetter, UnusedPhaseRule


@dataclass(frozen=True)
class Cell:
    """The letters one role holds on one phase, with how many of the phase's files carry each."""

    role: str
    counts: Tuple[int, int, int, int]  # files on which the role holds R, A, C, I

    @property
    def letters(self) -> str:
        """``R/A``, ``C``, ... or ``""``: the letters held, in RACI order."""
        return "/".join(letter for letter, n in zip(LETTERS, self.counts) if n)


@dataclass(frozen=True)
class PhaseRow:
    """One row of the matrix: a phase, the files it covers and every role's cell."""

    name: str
    origin: Origin
    files: int
    cells: Tuple[Cell, ...]  # one per role of the role map, in its order
    responsible: Optional[str]  # the role that owns most of the phase's files
    split: Tuple[Tuple[str, str], ...]  # (path, owner) of the files another role than ``responsible`` owns

    def holders(self, letter: str) -> List[str]:
        """The roles holding ``letter`` on this phase, in role-map order."""
        at = LETTERS.index(letter)
        return [cell.role for cell in self.cells if cell.counts[at]]

    def cell(self, role: str) -> Cell:
        return next(cell for cell in self.cells if cell.role == role)


@dataclass(frozen=True)
class Raci:
    """The RACI matrix of a tree, and the phase and letter patterns that match nothing."""

    phases: Tuple[PhaseRow, ...]
    roles: Tuple[str, ...]  # the matrix's columns: roles holding a letter on some phase
    idle: Tuple[str, ...]  # roles holding no letter on any phase
    covered: int  # files in at least one phase
    unused_letters: Tuple[Letter, ...] = ()
    unused_phase_rules: Tuple[Tuple[str, Rule], ...] = ()  # (phase, rule)

    def findings(self, kinds: Sequence[str] = ("unused",) + RACI_KINDS) -> List[Finding]:
        """The RACI problems of the kinds asked for (by default all: what ``raci`` shows): its unused
        patterns first, then phase by phase."""
        found: List[Finding] = []
        if "unused" in kinds:
            found += [UnusedLetter(x.rule, letter=x.letter) for x in self.unused_letters]
            found += [UnusedPhaseRule(rule, phase=name) for name, rule in self.unused_phase_rules]
        for row in self.phases:
            def about(kind: str, detail: str, roles: Tuple[str, ...] = ()) -> PhaseProblem:
                return PhaseProblem(kind, row.name, row.origin, detail, roles)

            files = f"{row.files} file{'s' if row.files != 1 else ''}"
            accountable, responsible = row.holders("A"), row.holders("R")
            if not row.files:
                if "empty-phase" in kinds:
                    found.append(about("empty-phase", f"phase {row.name!r}: its patterns match no file"))
                continue
            if not accountable and "no-accountable" in kinds:
                found.append(about("no-accountable", (
                    f"phase {row.name!r} ({files}) has no Accountable role: give one role 'accountable' patterns"
                    " for its files")))
            if len(accountable) > 1 and "several-accountable" in kinds:
                found.append(about("several-accountable", (
                    f"phase {row.name!r} has {len(accountable)} Accountable roles ({', '.join(accountable)});"
                    " a phase needs exactly one"), tuple(accountable)))
            if not responsible and "no-responsible" in kinds:
                found.append(about("no-responsible", (
                    f"phase {row.name!r} has no Responsible role: no role owns any of its {files}")))
            if row.split and "split-phase" in kinds:
                lead = row.cell(row.responsible).counts[0] if row.responsible else 0
                for path, owner in row.split:
                    found.append(SplitFile(path, row.name, owner, row.responsible or "",
                                           detail=f"owned by {owner}, but phase {row.name!r} is {row.responsible}'s"
                                                  f" ({lead} of its {files})"))
        return found
