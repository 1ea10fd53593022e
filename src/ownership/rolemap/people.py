"""The people file: who is in each team (``[teams]``, ``"@org/team" = ["ann@example.com", "@bob"]``), which
history cannot know offline. Pure: TOML text in, a validated mapping out, errors at FILE:LINE:COL."""

from __future__ import annotations

import re
import sys
from typing import Any, Dict, Tuple

from ownership.core.people import is_team
from ownership.core.rules import valid_member
from ownership.errors import ConfigError
from ownership.rolemap.keys import VALUE
from ownership.rolemap.tomlpos import locate

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on old Pythons only
    import tomli as tomllib

PEOPLE_NAME = "ownership-people.toml"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def parse_people(text: str, source: str) -> Dict[str, Tuple[str, ...]]:
    """``[teams]`` of a people file: a lower-cased team handle -> its members (e-mail addresses, @logins)."""
    text = text.lstrip("\ufeff")

    def error(message: str, *path: object) -> ConfigError:
        positions = locate(text)
        while path and path not in positions:
            path = path[:-1]
        line, column = positions.get(path, (1, 1)) if path else (1, 1)
        return ConfigError(message, source, line, column)

    try:
        document: Dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        at = _TOML_POSITION.search(str(err))
        line, column = (int(at.group(1)), int(at.group(2))) if at else (0, 0)
        message = _TOML_POSITION.sub("", str(err))
        raise ConfigError(f"invalid TOML: {message[:1].lower()}{message[1:]}", source, line, column) from None
    for key in document:
        if key != "teams":
            raise error(f"unknown key {key!r} in the people file (known: teams)", key)
    teams = document.get("teams", {})
    if not isinstance(teams, dict):
        raise error("teams must be a table", "teams", VALUE)
    found: Dict[str, Tuple[str, ...]] = {}
    for team, members in teams.items():
        if not is_team(team):
            raise error(f"team {team!r} is not @org/team", "teams", team)
        if not isinstance(members, list):
            raise error(f"team {team!r} must be an array of members", "teams", team, VALUE)
        for i, member in enumerate(members):
            if not isinstance(member, str) or not valid_member(member):
                raise error(f"team {team!r}: member {member!r} is not an e-mail address or a GitHub @login",
                            "teams", team, i)
        found[team.lower()] = tuple(members)
    return found
