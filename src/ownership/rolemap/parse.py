"""The role map: validate its TOML text into a ``RoleMap`` with the origin of every rule. Pure; no I/O."""

from __future__ import annotations

import sys
from functools import partial
from itertools import chain, repeat
from operator import is_not, methodcaller
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

from ownership.core.lazy import regex
from ownership.core.patterns import Pattern, all_plain, is_plain
from ownership.core.rules import (
    LETTER_KEYS, RESOLUTIONS, Letter, Origin, Phase, RoleMap, RoleRow, Roles, Rule, RuleRow, Rules, valid_member,
    valid_members, valid_owner, valid_owners,
)
from ownership.errors import ConfigError, PatternError
from ownership.rolemap.keys import MAX_KEY_PARTS, VALUE
from ownership.rolemap.names import PYPROJECT, ROLEMAP_NAMES, declares_rolemap
from ownership.rolemap.plaintoml import loads_plain

__all__ = ["PYPROJECT", "ROLEMAP_NAMES", "declares_rolemap", "parse_rolemap"]  # the names, kept importable here
PYPROJECT_TABLE = ("tool", "ownership")

_TOP_KEYS = ("settings", "roles", "phases")
_SETTINGS_KEYS = ("resolution", "ignore")
_ROLE_KEYS = ("description", "owners", "members", "paths", "accountable", "consulted", "informed")
_ROLE_KEY_SET = frozenset(_ROLE_KEYS)
_LETTER_KEY_SET = frozenset(key for key, _ in LETTER_KEYS)
# An owner is a GitHub/GitLab handle (@user, @org/team, @@role) or an e-mail address.
_TOML_POSITION = regex(r"\s*\((?:at line (\d+), column (\d+)|at (end of document))\)\s*$")


def parse_rolemap(text: str, source: str, pyproject: bool = False) -> RoleMap:
    """Validate role-map TOML text (or a pyproject.toml holding [tool.ownership]) into a ``RoleMap``."""
    text = text.lstrip("\ufeff")
    document = loads_plain(text)  # most role maps: tomllib is read only for what this leaves
    if document is None:
        document = _loads(text, source)
    return _Validator(text, source, PYPROJECT_TABLE if pyproject else ()).rolemap(document)


def _loads(text: str, source: str) -> Dict[str, Any]:
    """``tomllib.loads``, its errors as ``ConfigError`` with their position."""
    if sys.version_info >= (3, 11):  # lazily, for start-up time: a plain role map never needs tomllib
        import tomllib
    else:  # pragma: no cover - exercised on old Pythons only
        import tomli as tomllib

    from ownership.rolemap.tomlpos import long_key  # lazily, as tomllib: for the text the plain reader leaves

    too_long = long_key(text)  # before tomllib, which is quadratic in the parts of a key (issue 10)
    if too_long is not None:
        raise ConfigError(f"invalid TOML: a key or table header of more than {MAX_KEY_PARTS} dotted parts",
                          source, *too_long)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        found = _TOML_POSITION.search(message)
        line, column = (int(found.group(1)), int(found.group(2))) if found and found.group(1) else (0, 0)
        if found and found.group(3):  # "(at end of document)": the position just past the last character
            line, column = text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1
        message = _TOML_POSITION.sub("", message)
        raise ConfigError(f"invalid TOML: {message[:1].lower()}{message[1:]}", source, line, column) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ConfigError("invalid TOML: arrays or inline tables nested too deeply", source) from None
    return document


class _Validator:
    """Checks the parsed document key by key; every error names the line and column it comes from."""

    def __init__(self, text: str, source: str, prefix: Tuple[str, ...]) -> None:
        self.source = source
        self.prefix = prefix
        self.text = text
        self._positions: Optional[Dict[Tuple[object, ...], Tuple[int, int]]] = None

    def where(self, *path: object) -> Tuple[int, int]:
        """The position of ``path`` (under the prefix), or of its nearest known ancestor."""
        if self._positions is None:  # located once, on first need: an error, or an origin shown
            from ownership.rolemap.tomlpos import locate

            self._positions = locate(self.text)
        full = self.prefix + path
        while full:
            if full in self._positions:
                return self._positions[full]
            full = full[:-1]
        return (1, 1)

    def origin(self, *path: object) -> Origin:
        """Where ``path`` is written, found only when someone asks."""
        return Origin(self.source, locate=lambda: self.where(*path))

    def error(self, message: str, *path: object) -> ConfigError:
        return ConfigError(message, self.source, *self.where(*path))

    def rolemap(self, document: Dict[str, Any]) -> RoleMap:
        table: Any = document
        for key in self.prefix:
            table = table.get(key) if isinstance(table, dict) else None
        if table is None:
            raise self.error(f"no [{'.'.join(self.prefix)}] table")
        table_name = f"[{'.'.join(self.prefix)}]" if self.prefix else ""
        self.expect_table(table, table_name or "the role map")
        self.check_keys(table, _TOP_KEYS, table_name or "top-level")
        settings = table.get("settings", {})
        self.expect_table(settings, "settings", "settings")
        self.check_keys(settings, _SETTINGS_KEYS, "settings", "settings")
        resolution = settings.get("resolution", "specific")
        if resolution not in RESOLUTIONS:
            raise self.error(
                f"settings.resolution must be one of {', '.join(RESOLUTIONS)}; got {resolution!r}",
                "settings", "resolution", VALUE,
            )
        roles_table = table.get("roles", {})
        self.expect_table(roles_table, "roles", "roles")
        if not roles_table:
            header = ".".join(self.prefix + ("roles",))
            raise self.error(f'no roles: add a [{header}."NAME"] table with paths = [...]', "roles")
        roles, rules = self.quick_roles(roles_table) or self.roles(roles_table)
        ignore_globs = self.strings(settings.get("ignore", []), "settings.ignore", "settings", "ignore")
        ignores = [
            self.rule(len(rules) + i, None, glob, "settings", "ignore", i) for i, glob in enumerate(ignore_globs)
        ]
        # RACI rules number on after the ownership rules, so every rule of the map has its own index.
        index = len(rules) + len(ignores)
        letters: List[Letter] = []
        for name, body in roles_table.items():
            if _LETTER_KEY_SET.isdisjoint(body):  # most roles: one test, not three
                continue
            for key, letter in LETTER_KEYS:
                if key not in body:
                    continue
                globs = self.strings(body[key], f"role {name!r}: {key}", "roles", name, key)
                for i, glob in enumerate(globs):
                    letters.append(Letter(letter, self.rule(index, name, glob, "roles", name, key, i)))
                    index += 1
        phases = self.phases(table.get("phases", {}), index)
        return RoleMap(self.source, resolution, Roles(roles, self.source, lambda name: self.where("roles", name)),
                       Rules(rules, self.source, lambda role, i: self.where("roles", role, "paths", i)),
                       tuple(ignores), tuple(letters), phases)

    def roles(self, roles_table: Dict[str, Any]) -> Tuple[List[RoleRow], List[Union[Rule, RuleRow]]]:
        """The roles and their rules, each role and pattern checked in document order: the first error is
        raised. A role and a plain pattern stay rows (``Roles`` and ``Rules`` make them when asked for)."""
        roles: List[RoleRow] = []
        rules: List[Union[Rule, RuleRow]] = []
        source, where_is, add = self.source, self.where, rules.append
        # Each check is a cheap test first, and the message is only written (by the same helper as elsewhere)
        # when it fails.
        for name, body in roles_table.items():
            if not isinstance(body, dict) or not _ROLE_KEY_SET.issuperset(body):
                self.expect_table(body, f"role {name!r}", "roles", name)
                self.check_keys(body, _ROLE_KEYS, f"role {name!r}", "roles", name)
            description = body.get("description", "")
            if not isinstance(description, str):
                raise self.error(f"role {name!r}: description must be a string", "roles", name, "description", VALUE)
            owners = self.handles(body, name, "owners", valid_owner, "@user, @org/team, @@role or an e-mail address")
            members = self.handles(body, name, "members", valid_member, "an e-mail address or a GitHub @login")
            # A role may own nothing when it holds RACI letters (an Accountable who writes no code).
            raci = bool(body.get("accountable") or body.get("consulted") or body.get("informed"))
            if "paths" not in body and not raci:
                raise self.error(f"role {name!r} has no paths", "roles", name)
            paths = body.get("paths", [])
            if not _all_strings(paths):
                self.strings(paths, f"role {name!r}: paths", "roles", name, "paths")
            if not paths and not raci:
                raise self.error(f"role {name!r} has no paths", "roles", name, "paths", VALUE)
            roles.append((name, description, owners, "owners" in body, members))  # a row (``Roles``)
            for i, glob in enumerate(paths):
                if is_plain(glob):
                    add((name, glob, i))
                    continue
                try:
                    pattern = Pattern(glob)  # compiled, and so checked, now
                except PatternError as err:
                    raise ConfigError(err.message, source, *where_is("roles", name, "paths", i)) from None
                add(Rule(len(rules), name, glob, Origin(source, locate=partial(where_is, "roles", name, "paths", i)),
                         pattern))
        return roles, rules

    def handles(self, body: Dict[str, Any], name: str, key: str, valid: Callable[[str], bool],
                shape: str) -> Tuple[str, ...]:
        """A role's ``owners`` or ``members`` (``key``): strings, each of the shape ``valid`` accepts."""
        values = body.get(key, _NONE)
        if values is _NONE:  # most roles of a large map name no owners and no members
            return _NONE
        if not _all_strings(values):
            self.strings(values, f"role {name!r}: {key}", "roles", name, key)
        for i, value in enumerate(values):
            if not valid(value):
                raise self.error(f"role {name!r}: {key[:-1]} {value!r} is not {shape}", "roles", name, key, i)
        return tuple(values)

    def quick_roles(self, roles_table: Dict[str, Any]) -> Optional[Tuple[List[RoleRow], List[Union[Rule, RuleRow]]]]:
        """``roles``, for the role maps large ones are (issue 14: 3,700 roles, 5,000 patterns): every role a
        table with a non-empty ``paths``, its keys known (RACI letters are checked after the roles, as ever),
        each pattern plain, checked all at once, with no step per role or pattern; None for any other
        (``roles`` reads it, and raises the first error where it is written)."""
        bodies = list(roles_table.values())
        if set(map(type, bodies)) != _DICT or not _ROLE_KEY_SET.issuperset(set().union(*bodies)):
            return None
        paths = list(map(methodcaller("get", "paths"), bodies))
        if set(map(type, paths)) != _LIST or not all(paths):
            return None
        descriptions = list(map(methodcaller("get", "description", ""), bodies))
        owners = list(map(methodcaller("get", "owners", _NONE), bodies))
        members = list(map(methodcaller("get", "members", _NONE), bodies))
        try:
            if set(map(type, descriptions)) != _STR or not set(map(type, owners)) <= _TUPLE_OR_LIST \
                    or not set(map(type, members)) <= _TUPLE_OR_LIST \
                    or not valid_owners(list(chain.from_iterable(owners))) \
                    or not valid_members(list(chain.from_iterable(members))):
                return None
            globs = list(chain.from_iterable(paths))
            if not all_plain(globs):
                return None
        except TypeError:  # an owner, a member or a pattern that is not a string
            return None
        names = list(roles_table)
        roles: List[RoleRow] = list(zip(names, descriptions, map(tuple, owners), map(is_not, owners, repeat(_NONE)),
                                        map(tuple, members)))
        sizes = list(map(len, paths))
        rows: List[Union[Rule, RuleRow]] = list(zip(chain.from_iterable(map(repeat, names, sizes)), globs,
                                                    chain.from_iterable(map(range, sizes))))
        return roles, rows

    def phases(self, table: Any, index: int) -> Tuple[Phase, ...]:
        """The ``[phases]`` table: phase name -> a non-empty array of patterns, in document order."""
        self.expect_table(table, "phases", "phases")
        phases: List[Phase] = []
        for name, value in table.items():
            if not name.strip():
                raise self.error("phases: a phase name must not be empty", "phases", name)
            globs = self.strings(value, f"phase {name!r}", "phases", name)
            if not globs:
                raise self.error(f"phase {name!r} has no patterns", "phases", name, VALUE)
            rules = []
            for i, glob in enumerate(globs):
                rules.append(self.rule(index, None, glob, "phases", name, i))
                index += 1
            phases.append(Phase(name, self.origin("phases", name), tuple(rules)))
        return tuple(phases)

    def rule(self, index: int, role: Optional[str], glob: str, *path: object) -> Rule:
        try:
            pattern = Pattern(glob)
        except PatternError as err:
            raise ConfigError(err.message, self.source, *self.where(*path)) from None
        return Rule(index, role, glob, Origin(self.source, locate=lambda: self.where(*path)), pattern)

    def expect_table(self, value: Any, what: str, *path: object) -> None:
        if not isinstance(value, dict):
            raise self.error(f"{what} must be a table, not {_type_name(value)}", *path, VALUE)

    def strings(self, value: Any, what: str, *path: object) -> List[str]:
        if not isinstance(value, list):
            raise self.error(f"{what} must be an array of strings, not {_type_name(value)}", *path, VALUE)
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise self.error(f"{what}: item {i + 1} must be a string, not {_type_name(item)}", *path, i)
        return value

    def check_keys(self, table: Dict[str, Any], allowed: Tuple[str, ...], what: str, *path: object) -> None:
        for key in table:
            if key not in allowed:
                import difflib  # lazily, for start-up time: only an unknown key needs a suggestion

                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(allowed)})"
                raise self.error(f"unknown key {key!r} in {what}{hint}", *path, key)


def _all_strings(value: Any) -> bool:
    """Whether ``value`` is an array of strings (what ``_Validator.strings`` accepts), tested without a message
    (the types of a role map's arrays are exactly ``str``: one set of them is the quick answer)."""
    return isinstance(value, list) and (set(map(type, value)) <= _STR or all(isinstance(item, str) for item in value))


_STR = {str}
_NONE: Tuple[str, ...] = ()  # a role's owners or members when it has no such key
_DICT, _LIST, _TUPLE_OR_LIST = {dict}, {list}, {tuple, list}  # (``_NONE`` is a tuple)


def _type_name(value: Any) -> str:
    names = {dict: "a table", list: "an array", str: "a string", bool: "a boolean", int: "an integer", float: "a float"}
    return names.get(type(value), type(value).__name__)
