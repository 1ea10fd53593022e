"""Editing a role map's text in place: patterns added to roles' ``paths``, every comment and the layout kept.
Pure; no I/O.

This is the one module that uses tomlkit (a style-preserving TOML library): reading a role map stays on
tomllib (``rolemap/parse.py``), which is in the standard library and faster; only ``suggest --write`` loads
tomlkit.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

import tomlkit
from tomlkit.exceptions import TOMLKitError

from ownership.errors import ConfigError
from ownership.rolemap.parse import PYPROJECT_TABLE


def add_paths(text: str, additions: Mapping[str, Sequence[str]], source: str, pyproject: bool = False) -> str:
    """``text`` (a role map, or a pyproject.toml holding ``[tool.ownership]``) with each role's new patterns
    appended to its ``paths`` (created when the role has none), patterns it already has left out. The text
    must be a valid role map (it was parsed before): a role missing from it is a ``ConfigError``."""
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as err:  # pragma: no cover - the text was parsed by tomllib first
        raise ConfigError(f"cannot edit: {err}", source) from None
    table: Any = document
    for key in PYPROJECT_TABLE if pyproject else ():
        table = table[key]
    roles = table.get("roles")
    for role, patterns in additions.items():
        if roles is None or role not in roles:
            raise ConfigError(f"cannot add patterns: no role {role!r}", source)
        entry = roles[role]
        paths = entry.get("paths")
        if paths is None:
            entry["paths"] = tomlkit.array()
            paths = entry["paths"]
        have = set(str(p) for p in paths)
        for pattern in patterns:
            if pattern not in have:
                paths.append(pattern)
                have.add(pattern)
    edited = tomlkit.dumps(document)
    if "\r\n" in text and text.count("\r\n") == text.count("\n"):  # a CRLF file: the lines tomlkit adds too
        edited = re.sub(r"(?<!\r)\n", "\r\n", edited)
    return edited
