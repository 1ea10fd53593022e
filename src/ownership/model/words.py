"""Counts as English: ``1 file``, ``2 files``, ``1 phase covers``, ``2 phases cover``."""

from __future__ import annotations

from typing import Optional

_PLURALS = {"directory": "directories", "entry": "entries", "owner set": "owner sets"}


def count(number: int, noun: str, plural: Optional[str] = None) -> str:
    """``number`` and ``noun``, in the plural unless ``number`` is 1 (``0 files``, ``1 file``)."""
    if number == 1:
        return f"1 {noun}"
    return f"{number} {plural or _PLURALS.get(noun) or noun + 's'}"


def verb(number: int, singular: str, plural: str) -> str:
    """The verb that agrees with ``number`` (``covers`` for 1, ``cover`` otherwise)."""
    return singular if number == 1 else plural
