"""The RACI builder: a role map's phases and letters over a tree -> ``Raci``. Pure; no I/O."""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple, cast

from ownership.core.matcher import IGNORED, OWNED, Outcome
from ownership.core.resolver import Resolver
from ownership.core.rules import LETTERS, RoleMap, Rule
from ownership.model.raci import Cell, PhaseRow, Raci


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
    letter_of = {x.rule.index: (order[x.role], LETTERS.index(x.letter)) for x in rolemap.letters}
    phase_of = {rule.index: i for i, phase in enumerate(rolemap.phases) for rule in phase.rules}
    specificity = {x.rule.index: x.rule.specificity for x in rolemap.letters}
    rules = [x.rule for x in rolemap.letters] + [r for phase in rolemap.phases for r in phase.rules]
    resolver = Resolver(rules, "last", decider=_matched)
    live: List[Tuple[str, Outcome]] = [(path, outcome) for path, outcome in zip(paths, outcomes) if outcome.status != IGNORED]
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
        if outcome.status == OWNED:
            held.add((order[outcome.role], 0))
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
                owner = outcome.role if outcome.status == OWNED else None
                if owner is not None and owner != responsible and any(phase_of.get(x) == i for x in match):
                    split += [(path, owner) for path in members]
        cells = tuple(Cell(name, (c[0], c[1], c[2], c[3])) for name, c in zip(names, counts[i]))
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
