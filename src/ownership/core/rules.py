"""The role map as data: roles, rules (role, pattern, origin) in document order, and the RACI phases."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Container, Iterable, List, Optional, Sequence, Tuple, Union, cast

from ownership.core.lazy import Lazy, regex
from ownership.core.patterns import Pattern, plain_anchor
from ownership.core.record import Record

if TYPE_CHECKING:
    import re

    from ownership.core.candidates import PathKeys

RESOLUTIONS = ("specific", "last", "strict")
# The RACI letters a role can hold on a file, in the order cells show them; R comes from ``paths``.
LETTERS = ("R", "A", "C", "I")
LETTER_KEYS = (("accountable", "A"), ("consulted", "C"), ("informed", "I"))


class Origin:
    """Where a rule was written: file, 1-based line and column.

    ``locate`` (instead of a line and column) finds them on first use: finding positions in a role map's
    text costs more than a hook's whole check of a few files, and most runs never show one.
    """

    __slots__ = ("source", "_position", "_locate")

    def __init__(self, source: str, line: int = 0, column: int = 0,
                 locate: Optional[Callable[[], Tuple[int, int]]] = None) -> None:
        self.source = source
        self._position: Optional[Tuple[int, int]] = None if locate else (line, column)
        self._locate = locate

    @property
    def line(self) -> int:
        return self._where()[0]

    @property
    def column(self) -> int:
        return self._where()[1]

    def _where(self) -> Tuple[int, int]:
        if self._position is None:
            assert self._locate is not None
            self._position, self._locate = self._locate(), None
        return self._position

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Origin):
            return NotImplemented
        return (self.source, self._where()) == (other.source, other._where())

    def __hash__(self) -> int:
        return hash((self.source, self._where()))

    def __repr__(self) -> str:
        return f"Origin({self.source!r}, {self.line}, {self.column})"

    def __str__(self) -> str:
        return f"{self.source}:{self.line}:{self.column}" if self.column else f"{self.source}:{self.line}"


# Files `ownership` writes later (`baseline`, `codeowners --write`): `init` and `import` give them an owner at
# once, so a pattern naming one of them is not reported as matching nothing before the file exists (issue 12).
AWAITED = frozenset({"/.ownership-baseline.json", "/.github/CODEOWNERS"})


def unused_now(rules: Iterable[Rule]) -> Tuple[Rule, ...]:
    """The rules of ``rules`` (which match no file) to report as unused: all but those naming an awaited file."""
    return tuple(rule for rule in rules if rule.glob not in AWAITED)


class Rule(Record):
    """One pattern of one role; ``role`` is None for an ``ignore`` pattern. ``index`` is document order."""

    __slots__ = ("index", "role", "glob", "origin", "pattern")
    _compared = _shown = ("index", "role", "glob", "origin")  # not the pattern

    def __init__(self, index: int, role: Optional[str], glob: str, origin: Origin, pattern: Pattern) -> None:
        self.index = index
        self.role = role
        self.glob = glob
        self.origin = origin
        self.pattern = pattern

    @property
    def specificity(self) -> tuple[int, int]:
        return self.pattern.specificity

    @property
    def label(self) -> str:
        """The role's name, or ``(ignore)`` for an ignore pattern."""
        return self.role if self.role is not None else "(ignore)"


# A rule the parser has not made yet: its role, its glob (one ``Pattern`` accepts without compiling it) and the
# glob's place in the role's ``paths``.
RuleRow = Tuple[str, str, int]


class Rules(Lazy[Rule]):
    """A role map's rules in document order, each made when it is first asked for (``core.lazy``, issue 14).

    The parser keeps a plain glob as a ``RuleRow``; ``select`` makes only the rules that may match a few paths.
    A rule's index is its place; its origin is found (by ``where(role, place)``) when it is first shown.
    """

    __slots__ = ("_source", "_where")

    def __init__(self, items: Sequence[Union[Rule, RuleRow]] = (), source: str = "",
                 where: Callable[[str, int], Tuple[int, int]] = lambda role, place: (0, 0)) -> None:
        super().__init__(items)
        self._source = source
        self._where = where

    def _make(self, index: int, row: Tuple[Any, ...]) -> Rule:
        role, glob, place = row
        where = self._where
        return Rule(index, role, glob, Origin(self._source, locate=lambda: where(role, place)), Pattern(glob))

    def select(self, keys: PathKeys) -> List[Rule]:
        """The rules whose pattern may match one of the paths of ``keys``, in order; only those are made."""
        could_hold, may_hold = keys.could_hold, keys.may_hold  # a row's text first, its anchor if need be
        kept = []
        for index, item in enumerate(self._items):
            if item.__class__ is not tuple:
                if could_hold(item.glob) and may_hold(item.pattern.anchor):
                    kept.append(item)
            elif could_hold(item[1]) and may_hold(plain_anchor(item[1])):
                kept.append(self._item(index))
        return kept


class Role(Record):
    """A role; ``has_owners`` tells ``owners = []`` (explicitly nobody) from no ``owners`` key at all."""

    __slots__ = ("name", "description", "owners", "has_owners", "origin", "members")
    _compared = ("name", "description", "owners", "members")

    def __init__(self, name: str, description: str = "", owners: tuple[str, ...] = (), has_owners: bool = False,
                 origin: Optional[Origin] = None, members: tuple[str, ...] = ()) -> None:
        self.name = name
        self.description = description
        self.owners = owners
        self.has_owners = has_owners
        self.origin = origin  # where the role's table starts
        self.members = members  # the people who do the role's work: e-mail addresses and GitHub @logins


# A role the parser has not made yet: its name, description, owners, whether it has an ``owners`` key (``owners =
# []`` is explicitly nobody) and members.
RoleRow = Tuple[str, str, Tuple[str, ...], bool, Tuple[str, ...]]


class Roles(Lazy[Role]):
    """A role map's roles in document order, each made when it is first asked for (``core.lazy``): a hook's
    report makes only those of the rules its files may match (``named``). A role's origin is found (by
    ``where(name)``) when it is first shown."""

    __slots__ = ("_source", "_where")

    def __init__(self, items: Sequence[Union[Role, RoleRow]] = (), source: str = "",
                 where: Callable[[str], Tuple[int, int]] = lambda name: (0, 0)) -> None:
        super().__init__(items)
        self._source = source
        self._where = where

    def _make(self, index: int, row: Tuple[Any, ...]) -> Role:
        name, description, owners, has_owners, members = row
        where = self._where
        return Role(name, description, owners, has_owners, Origin(self._source, locate=lambda: where(name)), members)

    def named(self, names: Container[Optional[str]]) -> List[Role]:
        """The roles whose name is one of ``names``, in order; only those are made."""
        return [self._item(index) for index, item in enumerate(self._items)
                if (item[0] if item.__class__ is tuple else item.name) in names]


class Letter(Record):
    """A RACI letter (A, C or I) that a role holds on the files its pattern matches."""

    __slots__ = ("letter", "rule")

    def __init__(self, letter: str, rule: Rule) -> None:
        self.letter = letter
        self.rule = rule  # rule.role is the role holding the letter

    @property
    def role(self) -> str:
        """The role holding the letter (a letter's rule is always a role's, never an ignore pattern)."""
        return cast(str, self.rule.role)


class Phase(Record):
    """A lifecycle phase of the ``[phases]`` table and the patterns of the files it covers."""

    __slots__ = ("name", "origin", "rules")

    def __init__(self, name: str, origin: Origin, rules: tuple[Rule, ...]) -> None:
        self.name = name
        self.origin = origin
        self.rules = rules  # role is None: a phase pattern gives no owner


class RoleMap(Record):
    """A validated role map: its roles, their rules and the ignore rules, all in document order, and
    the RACI letters and phases when configured."""

    __slots__ = ("source", "resolution", "roles", "rules", "ignores", "letters", "phases")

    def __init__(self, source: str, resolution: str, roles: Sequence[Role], rules: Sequence[Rule],
                 ignores: tuple[Rule, ...] = (), letters: tuple[Letter, ...] = (), phases: tuple[Phase, ...] = ()
                 ) -> None:
        self.source = source
        self.resolution = resolution
        self.roles = roles if isinstance(roles, Roles) else Roles(roles)  # made on first use, ``Roles``
        # every role's paths: roles in file order, each role's paths in order (made on first use, ``Rules``)
        self.rules = rules if isinstance(rules, Rules) else Rules(rules)
        self.ignores = ignores
        self.letters = letters  # accountable, consulted, informed patterns, roles in file order
        self.phases = phases

    @property
    def all_rules(self) -> tuple[Rule, ...]:
        return tuple(self.rules) + self.ignores

    def select(self, keys: PathKeys) -> tuple[Rule, ...]:
        """The rules and ignore rules that may match one of the paths of ``keys``, in order: a hook's few files
        are resolved against these alone, and only these are made."""
        return tuple(self.rules.select(keys)) + tuple(
            rule for rule in self.ignores if keys.could_hold(rule.glob) and keys.may_match(rule.pattern))


_EMAIL_PART = r"[^@\s\x00-\x1f\x7f-\x9f]+"  # no control characters: owners are shown as written
_OWNER_SHAPE = rf"(?:@@?[A-Za-z0-9][\w.-]*(?:/[\w.-]+)*|{_EMAIL_PART}@{_EMAIL_PART}\.{_EMAIL_PART})"
_MEMBER_SHAPE = rf"(?:@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?|{_EMAIL_PART}@{_EMAIL_PART}\.{_EMAIL_PART})"
_OWNER, _MEMBER = regex(_OWNER_SHAPE), regex(_MEMBER_SHAPE)
# Many at once, one a line (the thousands of owners of a large role map, issue 14): no owner holds a line end.
_OWNERS = regex(rf"{_OWNER_SHAPE}(?:\n{_OWNER_SHAPE})*")
_MEMBERS = regex(rf"{_MEMBER_SHAPE}(?:\n{_MEMBER_SHAPE})*")


def valid_member(member: str) -> bool:
    """Whether ``member`` names one person: a GitHub ``@login`` (no team) or an e-mail address."""
    return bool(_MEMBER.fullmatch(member))


def valid_owner(owner: str) -> bool:
    """Whether a role map can hold ``owner``: the ``owners`` check of ``rolemap.parse``, which the CODEOWNERS
    importer asks too."""
    return bool(_OWNER.fullmatch(owner))  # fullmatch: "$" alone would accept "@alice\n"


def valid_owners(owners: Sequence[str]) -> bool:
    """Whether ``valid_owner`` accepts every one of ``owners``, told by one match."""
    return _all_lines(_OWNERS, owners)


def valid_members(members: Sequence[str]) -> bool:
    """Whether ``valid_member`` accepts every one of ``members``, told by one match."""
    return _all_lines(_MEMBERS, members)


def _all_lines(shapes: "re.Pattern[str]", items: Sequence[str]) -> bool:
    text = "\n".join(items)  # (an item holding a line end is never valid: it must not pass as two)
    return not items or text.count("\n") == len(items) - 1 and bool(shapes.fullmatch(text))
