"""What is made when it is first used: a sequence whose items are kept as rows until asked for, and a regular
expression compiled on first use. Pure; no I/O.

A hook checks a few files against thousands of rules: making every item of a parsed file (a rule with its
pattern and origin, a CODEOWNERS entry, a role) cost more than the rest of the check (issue 14). A parser keeps
an item as a row (a tuple of what it read); indexing or iterating makes it, once; a subclass's own methods make
only the items a hook needs. An item is the same whenever it is made. Likewise, most of a module's regular
expressions are not used by a given run (GitLab's on a GitHub file, a duration's without the option): compiling
them all at import cost a hook a millisecond.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator, List, Sequence, Tuple, TypeVar, Union, cast, overload

T = TypeVar("T")


class Lazy(Sequence[T]):
    """Items, each made from its row (``_make``) when first asked for; compares, hashes and shows as the tuple
    of its items."""

    __slots__ = ("_items", "_made")

    def __init__(self, items: Iterable[Any] = ()) -> None:
        self._items: List[Any] = list(items)  # an item, or the row it is made from (a tuple)
        self._made = False  # whether every row has been made

    def _make(self, index: int, row: Tuple[Any, ...]) -> T:
        raise NotImplementedError

    def _item(self, index: int) -> T:
        item = self._items[index]
        if item.__class__ is tuple:
            item = self._items[index] = self._make(index, item)
        return cast(T, item)

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Tuple[T, ...]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[T, Tuple[T, ...]]:
        if isinstance(index, slice):
            return tuple(self)[index]
        return self._item(range(len(self._items))[index])

    def __iter__(self) -> Iterator[T]:
        if not self._made:
            for index in range(len(self._items)):
                self._item(index)
            self._made = True
        return iter(cast(List[T], self._items))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Lazy, tuple, list)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))

    def __add__(self, other: Sequence[T]) -> Tuple[T, ...]:
        return tuple(self) + tuple(other)

    def __radd__(self, other: Sequence[T]) -> Tuple[T, ...]:
        return tuple(other) + tuple(self)


class _OnFirstUse:
    """``re.compile(pattern, flags)``, compiled when one of its methods is first asked for; from then on they
    are the compiled pattern's own (kept on the instance, so that later calls cost nothing more)."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._arguments = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(*self._arguments)
        for method in ("match", "fullmatch", "search", "findall", "finditer", "sub", "subn", "split"):
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


def regex(pattern: str, flags: int = 0) -> "re.Pattern[str]":
    """A regular expression compiled on first use, for the patterns a run may not need."""
    return cast("re.Pattern[str]", _OnFirstUse(pattern, flags))
