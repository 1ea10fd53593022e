"""RACI per lifecycle phase: which role is Responsible, Accountable, Consulted, Informed on each phase. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Tuple, cast

from ownership.core.matcher import IGNORED, OWNED, Outcome
from ownership.core.resolver import Resolver
from ownership.core.rules import LETTERS, Letter, Origin, RoleMap, Rule

if TYPE_CHECKING:
    from ownership.analysis.report import Finding

RACI_KINDS = ("no-accountable", "several-accountable", "no-responsible", "empty-phase", "split-phase")
LETTER_NAMES = {"R": "responsible", "A": "accountable", "C": "consulted", "I": "informed"}


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

    def findings(self, kinds: Sequence[str] = ("unused",) + RACI_KINDS) -> List["Finding"]:
        """The RACI problems of the kinds asked for (by default all: what ``raci`` shows): its unused
        patterns first, then phase by phase."""
        from ownership.analysis.report import Finding  # the result model holds this one

        found: List[Finding] = []
        if "unused" in kinds:
            found += [Finding("unused", rule=x.rule, letter=x.letter) for x in self.unused_letters]
            found += [Finding("unused", rule=rule, phase=name) for name, rule in self.unused_phase_rules]
        for row in self.phases:
            def about(kind: str, detail: str, roles: Tuple[str, ...] = ()) -> Finding:
                return Finding(kind, phase=row.name, origin=row.origin, roles=roles, detail=detail)

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
                    found.append(Finding("split-phase", path=path, phase=row.name, roles=(owner, row.responsible or ""),
                                         detail=f"owned by {owner}, but phase {row.name!r} is {row.responsible}'s"
                                                f" ({lead} of its {files})"))
        return found


def _matched(rules: List[Rule], _: str) -> Tuple[int, ...]:
    return tuple(sorted(rule.index for rule in rules))


def _letters(match: Tuple[int, ...], letter_of: Dict[int, Tuple[int, int]],
             specificity: Dict[int, Tuple[int, int]]) -> set:
    """The (role, letter) pairs the letter rules in ``match`` give one file: per role, its most specific
    matching pattern decides, and between equally specific ones the stronger letter (A, then C, then I)."""
    best: Dict[int, Tuple[Tuple[Tuple[int, int], int], int]] = {}
    for i in match:
        if i in letter_of:
            role, letter = letter_of[i]
            key = (specificity[i], -letter)
            if role not in best or key > best[role][0]:
                best[role] = (key, letter)
    return {(role, letter) for role, (_, letter) in best.items()}


def build_raci(rolemap: RoleMap, paths: Sequence[str], outcomes: Sequence[Outcome]) -> Optional[Raci]:
    """The matrix of ``rolemap``'s phases over ``paths`` (with their ownership ``outcomes``); None without
    phases. A role is Responsible for the files it owns (a contested file has no Responsible), and holds A,
    C or I on the files its ``accountable``, ``consulted`` or ``informed`` patterns match; it holds a letter
    on a phase when it holds it on any of the phase's files. Ignored files belong to no phase. When several
    of one role's letter patterns match a file, the most specific one decides its letter there."""
    if not rolemap.phases:
        return None
    names = [role.name for role in rolemap.roles]
    order = {name: i for i, name in enumerate(names)}
    letter_of = {x.rule.index: (order[x.rule.role], LETTERS.index(x.letter)) for x in rolemap.letters}  # type: ignore[index]
    phase_of = {rule.index: i for i, phase in enumerate(rolemap.phases) for rule in phase.rules}
    specificity = {x.rule.index: x.rule.specificity for x in rolemap.letters}
    rules = [x.rule for x in rolemap.letters] + [r for phase in rolemap.phases for r in phase.rules]
    resolver = Resolver(rules, "last", decider=_matched)
    live = [(path, outcome) for path, outcome in zip(paths, outcomes) if outcome.status != IGNORED]
    # Ownership outcomes and match results are shared objects: count each distinct pair once.
    groups: Dict[Tuple[int, int], Tuple[Outcome, Tuple[int, ...], List[str]]] = {}
    matches = cast(List[Tuple[int, ...]], resolver.resolve(path for path, _ in live))  # what _matched returns
    for (path, outcome), match in zip(live, matches):
        group = groups.get((id(outcome), id(match)))
        if group is None:
            group = groups[(id(outcome), id(match))] = (outcome, match, [])
        group[2].append(path)

    counts = [[[0, 0, 0, 0] for _ in names] for _ in rolemap.phases]
    files = [0] * len(rolemap.phases)
    covered = 0
    for outcome, match, members in groups.values():
        phases = {phase_of[i] for i in match if i in phase_of}
        if not phases:
            continue
        covered += len(members)
        held = _letters(match, letter_of, specificity)
        if outcome.status == OWNED and outcome.winner is not None:
            held.add((order[outcome.winner.role], 0))  # type: ignore[index]
        for at in phases:
            files[at] += len(members)
            for role, letter in held:
                counts[at][role][letter] += len(members)

    rows = []
    for i, phase in enumerate(rolemap.phases):
        owning = [(counts[i][r][0], -r) for r in range(len(names)) if counts[i][r][0]]
        responsible = names[-max(owning)[1]] if owning else None
        split: List[Tuple[str, str]] = []
        if len(owning) > 1:
            for outcome, match, members in groups.values():
                owner = outcome.winner.role if outcome.status == OWNED and outcome.winner else None
                if owner not in (None, responsible) and any(phase_of.get(x) == i for x in match):
                    split += [(path, owner) for path in members]  # type: ignore[misc]
        cells = tuple(Cell(name, tuple(counts[i][r])) for r, name in enumerate(names))  # type: ignore[arg-type]
        rows.append(PhaseRow(phase.name, phase.origin, files[i], cells, responsible, tuple(sorted(split))))
    active = {cell.role for row in rows for cell in row.cells if any(cell.counts)}
    used = {resolver.rules[i].index for i in resolver.used}
    return Raci(
        phases=tuple(rows),
        roles=tuple(name for name in names if name in active),
        idle=tuple(name for name in names if name not in active),
        covered=covered,
        unused_letters=tuple(x for x in rolemap.letters if x.rule.index not in used),
        unused_phase_rules=tuple((p.name, r) for p in rolemap.phases for r in p.rules if r.index not in used),
    )
