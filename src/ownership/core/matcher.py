"""Resolution: which rules match one file, and which role (if any) owns it. Pure; no I/O.

``decide`` applies a resolution mode to the rules matching one file; ``matching_rules`` is the plain
pattern-by-pattern reference the tests compare ``resolver.Resolver`` (and so ``report`` and ``who``) with.
"""

from __future__ import annotations

from typing import Final, Iterable, List, Literal, NamedTuple, Optional, Sequence, Tuple, Union, cast

from ownership.core.rules import Rule

OWNED: Final = "owned"
UNOWNED: Final = "unowned"
CONFLICT: Final = "conflict"
IGNORED: Final = "ignored"


# The decision for one file is one of four shapes, told apart by ``status`` (mypy narrows on it, so an
# owned or ignored file always has its deciding rule and a conflict its candidates). Outcomes are shared:
# the resolver makes one per distinct decision, not one per file.
class Owned(NamedTuple):
    """A file one rule (the last or most specific) gives to its role."""

    winner: Rule
    status: Literal["owned"] = OWNED
    candidates: Tuple[Rule, ...] = ()

    @property
    def owner(self) -> Optional[str]:
        return self.winner.role

    @property
    def role(self) -> str:
        """The owning role: an owned file's rule is a role's (only ignore patterns have no role)."""
        return cast(str, self.winner.role)


class Ignored(NamedTuple):
    """A file a ``settings.ignore`` pattern takes out of the report."""

    winner: Rule
    status: Literal["ignored"] = IGNORED
    candidates: Tuple[Rule, ...] = ()
    owner: None = None


class Conflicted(NamedTuple):
    """A file that rules of different roles claim with equal standing."""

    candidates: Tuple[Rule, ...]
    status: Literal["conflict"] = CONFLICT
    winner: None = None
    owner: None = None


class Unowned(NamedTuple):
    """A file no rule gives an owner; ``winner`` is the deciding CODEOWNERS line that names none, if any."""

    winner: Optional[Rule] = None
    status: Literal["unowned"] = UNOWNED
    candidates: Tuple[Rule, ...] = ()
    owner: None = None


Outcome = Union[Owned, Ignored, Conflicted, Unowned]
_UNOWNED = Unowned()


def decide(matched: Iterable[Rule], resolution: str) -> Outcome:
    """Apply ``resolution`` (specific, last or strict) to the rules that match one file."""
    rules = sorted({r.index: r for r in matched}.values(), key=lambda r: r.index)  # no hashing of rules
    ignores = [r for r in rules if r.role is None]
    if ignores:  # ignore patterns take precedence over every role
        return Ignored(ignores[-1])
    if not rules:
        return _UNOWNED
    if resolution == "last":
        return Owned(rules[-1])
    if resolution == "strict":
        if len({r.role for r in rules}) > 1:
            return Conflicted(tuple(rules))
        return Owned(max(rules, key=lambda r: (r.specificity, r.index)))
    top = max(r.specificity for r in rules)
    tied = [r for r in rules if r.specificity == top]
    if len({r.role for r in tied}) > 1:
        return Conflicted(tuple(tied))
    return Owned(tied[-1])


def matching_rules(rules: Sequence[Rule], path: str) -> List[Rule]:
    """Every rule whose pattern matches ``path``, in document order (the plain reference matcher)."""
    return [r for r in rules if r.pattern.matches(path)]

