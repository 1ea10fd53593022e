"""Resolution: which rules match one file, and which role (if any) owns it. Pure; no I/O.

``decide`` applies a resolution mode to the rules matching one file; ``matching_rules`` is the plain
pattern-by-pattern reference that ``who`` uses and the tests compare ``resolver.Resolver`` with.
"""

from __future__ import annotations

from typing import Iterable, List, NamedTuple, Optional, Sequence, Tuple

from ownership.core.rules import Rule

OWNED, UNOWNED, CONFLICT, IGNORED = "owned", "unowned", "conflict", "ignored"


class Outcome(NamedTuple):
    """The decision for one file: status, the deciding rule, and on a conflict the competing rules."""

    status: str
    winner: Optional[Rule]
    candidates: Tuple[Rule, ...] = ()

    @property
    def owner(self) -> Optional[str]:
        return self.winner.role if self.status == OWNED and self.winner else None


def decide(matched: Iterable[Rule], resolution: str) -> Outcome:
    """Apply ``resolution`` (specific, last or strict) to the rules that match one file."""
    rules = sorted({r.index: r for r in matched}.values(), key=lambda r: r.index)  # no hashing of rules
    ignores = [r for r in rules if r.role is None]
    if ignores:  # ignore patterns take precedence over every role
        return Outcome(IGNORED, ignores[-1])
    if not rules:
        return Outcome(UNOWNED, None)
    if resolution == "last":
        return Outcome(OWNED, rules[-1])
    if resolution == "strict":
        if len({r.role for r in rules}) > 1:
            return Outcome(CONFLICT, None, tuple(rules))
        return Outcome(OWNED, max(rules, key=lambda r: (r.specificity, r.index)))
    top = max(r.specificity for r in rules)
    tied = [r for r in rules if r.specificity == top]
    if len({r.role for r in tied}) > 1:
        return Outcome(CONFLICT, None, tuple(tied))
    return Outcome(OWNED, tied[-1])


def matching_rules(rules: Sequence[Rule], path: str) -> List[Rule]:
    """Every rule whose pattern matches ``path``, in document order (the plain reference matcher)."""
    return [r for r in rules if r.pattern.matches(path)]

