"""``Record``: a plain data class with value equality, for the types a hook makes thousands of. Pure.

A frozen dataclass costs about 0.3 ms to create at import (its methods are generated and compiled) and sets
each field through ``object.__setattr__``: on a hook's path the rules, entries and their containers cost more
that way than the check itself (issue 14). A ``Record`` subclass lists its fields in ``__slots__`` and writes
its ``__init__``; equality, hashing, ``repr`` and ``replace`` come from here, as a dataclass's would. Fields
are not assigned after ``__init__`` (mypy-typed code never does; nothing enforces it at run time). A subclass
of a ``Record`` class lists only its new fields in ``__slots__``; they follow the inherited ones, as a
dataclass's fields do.
"""

from __future__ import annotations

from typing import Any, Callable, ClassVar, Tuple, TypeVar, cast

R = TypeVar("R", bound="Record")


class Record:
    """Equality and hashing over ``_compared`` (default: every slot), ``repr`` over ``_shown`` (default: every
    slot), both in ``__slots__`` order, as ``dataclass(frozen=True)`` with ``field(compare=False, repr=False)``."""

    __slots__ = ()
    _fields: ClassVar[Tuple[str, ...]] = ()  # every slot, the inherited ones first
    _compared: ClassVar[Tuple[str, ...]] = ()
    _shown: ClassVar[Tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = tuple(cls.__dict__.get("__slots__", ()))
        cls._fields = cls._fields + own  # the parent's, read before this class has its own
        if "_compared" not in cls.__dict__:
            cls._compared = cls._compared + own
        if "_shown" not in cls.__dict__:
            cls._shown = cls._shown + own

    def _key(self) -> Tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._compared])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{self.__class__.__qualname__}({shown})"

    def replace(self: R, **changes: Any) -> R:
        """A copy with ``changes`` (``dataclasses.replace``)."""
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return cast(Callable[..., R], self.__class__)(**values)
