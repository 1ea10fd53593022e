"""Tests for ownership.rolemap.parse and ownership.adapters.rulefiles: validation messages with positions, finding and
loading the role map."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Tuple

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ownership.rolemap.parse import parse_rolemap
from ownership.adapters.rulefiles import find_rolemap, load_rolemap
from ownership.errors import ConfigError
from ownership.core.rules import Origin, Role, RoleMap

SOURCE = "ownership.toml"

ROLE_MAP = """\
# Role map for acme
[settings]
ignore = ["vendor/**", "*.lock"]

[roles."Data Engineer"]
description = "Data pipelines, validation, storage"
owners = ["@acme/data-eng", "lead@acme.io"]
paths = ["data/", "src/*/data/", "*.sql"]

[roles.Platform]
paths = [".github/", "infra/**"]
"""

# (index, role, glob, line, column of the opening quote), in document order: role rules, then ignores.
ROLE_MAP_RULES = [
    (0, "Data Engineer", "data/", 8, 10),
    (1, "Data Engineer", "src/*/data/", 8, 19),
    (2, "Data Engineer", "*.sql", 8, 34),
    (3, "Platform", ".github/", 11, 10),
    (4, "Platform", "infra/**", 11, 22),
]
ROLE_MAP_IGNORES = [
    (5, None, "vendor/**", 3, 11),
    (6, None, "*.lock", 3, 24),
]

Row = Tuple[int, object, str, int, int]


def rule_rows(rolemap: RoleMap, source: str = SOURCE) -> Tuple[List[Row], List[Row]]:
    """The rules and ignores as plain tuples; every origin must name ``source``."""
    for rule in rolemap.all_rules:
        assert rule.origin.source == source
    rules = [(r.index, r.role, r.glob, r.origin.line, r.origin.column) for r in rolemap.rules]
    ignores = [(r.index, r.role, r.glob, r.origin.line, r.origin.column) for r in rolemap.ignores]
    return rules, ignores


def error_of(text: str, pyproject: bool = False, source: str = SOURCE) -> str:
    with pytest.raises(ConfigError) as info:
        parse_rolemap(text, source, pyproject=pyproject)
    return str(info.value)


# --- parse_rolemap: valid documents ------------------------------------------------------------------


def test_roles_are_kept_in_file_order_with_descriptions_and_owners() -> None:
    rolemap = parse_rolemap(ROLE_MAP, SOURCE)
    assert rolemap.source == SOURCE
    assert rolemap.roles == (
        Role("Data Engineer", "Data pipelines, validation, storage", ("@acme/data-eng", "lead@acme.io")),
        Role("Platform", "", ()),
    )


def test_members_are_e_mail_addresses_and_github_logins() -> None:
    text = '[roles.web]\nowners = ["@acme/web"]\nmembers = ["Ann@Example.com", "@bob-1"]\npaths = ["web/"]\n'
    assert parse_rolemap(text, SOURCE).roles[0].members == ("Ann@Example.com", "@bob-1")


def test_rules_are_flattened_in_document_order_with_the_origin_of_each_pattern() -> None:
    rules, ignores = rule_rows(parse_rolemap(ROLE_MAP, SOURCE))
    assert rules == ROLE_MAP_RULES
    assert ignores == ROLE_MAP_IGNORES


def test_origin_is_file_line_and_column_of_the_opening_quote() -> None:
    rolemap = parse_rolemap(ROLE_MAP, SOURCE)
    assert rolemap.rules[1].origin == Origin(SOURCE, 8, 19)
    assert str(rolemap.rules[1].origin) == "ownership.toml:8:19"


def test_ignore_rules_have_no_role_and_come_after_the_role_rules() -> None:
    rolemap = parse_rolemap(ROLE_MAP, SOURCE)
    assert [r.role for r in rolemap.ignores] == [None, None]
    assert [r.label for r in rolemap.ignores] == ["(ignore)", "(ignore)"]
    assert rolemap.all_rules == rolemap.rules + rolemap.ignores
    assert [r.index for r in rolemap.all_rules] == list(range(7))


def test_ignore_rules_come_last_even_when_settings_follow_the_roles() -> None:
    text = '[roles.A]\npaths = ["a/"]\n\n[settings]\nignore = ["*.lock"]\n'
    rules, ignores = rule_rows(parse_rolemap(text, SOURCE))
    assert rules == [(0, "A", "a/", 2, 10)]
    assert ignores == [(1, None, "*.lock", 5, 11)]


def test_resolution_defaults_to_specific() -> None:
    assert parse_rolemap(ROLE_MAP, SOURCE).resolution == "specific"
    assert parse_rolemap('[roles.A]\npaths = ["a"]\n', SOURCE).resolution == "specific"


@pytest.mark.parametrize("resolution", ["specific", "last", "strict"])
def test_each_resolution_is_accepted(resolution: str) -> None:
    text = f'[settings]\nresolution = "{resolution}"\n\n[roles.A]\npaths = ["a"]\n'
    assert parse_rolemap(text, SOURCE).resolution == resolution


def test_roles_keep_file_order_not_alphabetical_order() -> None:
    text = '[roles.Zeta]\npaths = ["z"]\n[roles.Alpha]\npaths = ["a"]\n[roles."Mid role"]\npaths = ["m"]\n'
    rolemap = parse_rolemap(text, SOURCE)
    assert [r.name for r in rolemap.roles] == ["Zeta", "Alpha", "Mid role"]
    assert [r.role for r in rolemap.rules] == ["Zeta", "Alpha", "Mid role"]


def test_quoted_role_names_with_escapes_and_unicode() -> None:
    text = '[roles."QA \\"Core\\""]\npaths = ["tests/"]\n\n[roles."Ωmega"]\npaths = ["Ω/", "é.txt"]\n'
    rules, _ = rule_rows(parse_rolemap(text, SOURCE))
    assert rules == [(0, 'QA "Core"', "tests/", 2, 10), (1, "Ωmega", "Ω/", 5, 10), (2, "Ωmega", "é.txt", 5, 16)]


def test_same_glob_in_two_roles_and_twice_in_one_role_keeps_each_origin() -> None:
    text = '[roles.A]\npaths = ["x", "x"]\n[roles.B]\npaths = ["x"]\n'
    rules, _ = rule_rows(parse_rolemap(text, SOURCE))
    assert rules == [(0, "A", "x", 2, 10), (1, "A", "x", 2, 15), (2, "B", "x", 4, 10)]


PYPROJECT = """\
[project]
name = "acme"
dependencies = ["requests>=2"]

[tool.ownership.settings]
resolution = "last"
ignore = ["*.lock"]

[tool.ownership.roles."ML Engineer"]
description = "Models"
owners = ["@acme/ml"]
paths = ["models/", "src/*/train.py"]

[tool.ownership.roles.Docs]
paths = ["docs/"]

[tool.black]
line-length = 100
"""


def test_pyproject_document_reads_the_tool_ownership_table() -> None:
    rolemap = parse_rolemap(PYPROJECT, "pyproject.toml", pyproject=True)
    assert rolemap.resolution == "last"
    assert rolemap.roles == (Role("ML Engineer", "Models", ("@acme/ml",)), Role("Docs", "", ()))
    rules, ignores = rule_rows(rolemap, "pyproject.toml")
    assert rules == [
        (0, "ML Engineer", "models/", 12, 10),
        (1, "ML Engineer", "src/*/train.py", 12, 21),
        (2, "Docs", "docs/", 15, 10),
    ]
    assert ignores == [(3, None, "*.lock", 7, 11)]


def test_pyproject_with_a_tool_ownership_table_and_inline_roles() -> None:
    text = '[project]\nname = "x"\n\n[tool.ownership]\nroles = { A = { paths = ["a/"] } }\n'
    rules, _ = rule_rows(parse_rolemap(text, "pyproject.toml", pyproject=True), "pyproject.toml")
    assert rules == [(0, "A", "a/", 5, 26)]


def test_a_role_map_read_as_pyproject_ignores_top_level_roles() -> None:
    # Without pyproject=True the same text is a plain role map: [tool] is an unknown top-level key.
    assert error_of(PYPROJECT) == (
        "ownership.toml:1:1: unknown key 'project' in top-level (known: settings, roles, phases)"
    )


def test_inline_tables_for_roles() -> None:
    text = (
        "[roles]\n"
        '"Data Engineer" = { description = "Pipelines", owners = ["@acme/data"], paths = ["data/", "*.sql"] }\n'
        'Docs = { paths = ["docs/"] }\n'
    )
    rolemap = parse_rolemap(text, SOURCE)
    assert rolemap.roles == (Role("Data Engineer", "Pipelines", ("@acme/data",)), Role("Docs", "", ()))
    rules, _ = rule_rows(rolemap)
    assert rules == [(0, "Data Engineer", "data/", 2, 82), (1, "Data Engineer", "*.sql", 2, 91), (2, "Docs", "docs/", 3, 19)]


def test_settings_as_inline_table_and_dotted_keys() -> None:
    text = 'settings = { resolution = "strict", ignore = ["gen/"] }\nroles.A.paths = ["a", "b"]\n'
    rolemap = parse_rolemap(text, SOURCE)
    assert rolemap.resolution == "strict"
    assert rule_rows(rolemap) == ([(0, "A", "a", 2, 18), (1, "A", "b", 2, 23)], [(2, None, "gen/", 1, 47)])


def test_multi_line_arrays_with_comments() -> None:
    text = """\
[roles.Docs]  # the documentation team
owners = [
  "@acme/docs",   # the team
  # "@acme/old", a commented-out owner with [brackets] and "quotes"
  "writer@acme.io",
]
paths = [
  "docs/",      # the site
  # "legacy/", disabled
  '*.md',       # a literal string
  \"\"\"README\"\"\",
]
"""
    rolemap = parse_rolemap(text, SOURCE)
    assert rolemap.roles == (Role("Docs", "", ("@acme/docs", "writer@acme.io")),)
    assert rule_rows(rolemap) == ([(0, "Docs", "docs/", 8, 3), (1, "Docs", "*.md", 10, 3), (2, "Docs", "README", 11, 3)], [])


def test_a_byte_order_mark_at_the_start_is_skipped_and_does_not_shift_columns() -> None:
    text = 'roles.A.paths = ["a", "b"]\n'
    assert rule_rows(parse_rolemap("\ufeff" + text, SOURCE)) == ([(0, "A", "a", 1, 18), (1, "A", "b", 1, 23)], [])
    assert rule_rows(parse_rolemap("\ufeff" + ROLE_MAP, SOURCE)) == (ROLE_MAP_RULES, ROLE_MAP_IGNORES)


def test_crlf_line_ends_give_the_same_rules_and_origins() -> None:
    rolemap = parse_rolemap(ROLE_MAP.replace("\n", "\r\n"), SOURCE)
    assert rule_rows(rolemap) == (ROLE_MAP_RULES, ROLE_MAP_IGNORES)
    assert rolemap.roles == parse_rolemap(ROLE_MAP, SOURCE).roles


def test_crlf_and_bom_together() -> None:
    rolemap = parse_rolemap("\ufeff" + ROLE_MAP.replace("\n", "\r\n"), SOURCE)
    assert rule_rows(rolemap) == (ROLE_MAP_RULES, ROLE_MAP_IGNORES)


def test_the_source_name_is_used_in_origins() -> None:
    rolemap = parse_rolemap(ROLE_MAP, "conf/roles.toml")
    assert rolemap.source == "conf/roles.toml"
    assert str(rolemap.rules[0].origin) == "conf/roles.toml:8:10"


@pytest.mark.parametrize("owner", ["@user", "@acme/data-eng", "@@maintainer", "@a.b_c-d", "first.last+tag@mail.example.org"])
def test_valid_owners(owner: str) -> None:
    text = f'[roles.A]\nowners = ["{owner}"]\npaths = ["a"]\n'
    assert parse_rolemap(text, SOURCE).roles[0].owners == (owner,)


# --- parse_rolemap: every error names file, line and column ------------------------------------------

R = '[roles.A]\npaths = ["a"]\n'
"""A valid role, appended where a case only breaks settings or the top level."""


def pattern_in_paths(glob: str) -> str:
    return f'[roles.A]\npaths = ["ok", {json.dumps(glob)}]\n'


def pattern_in_ignore(glob: str) -> str:
    return f'[settings]\nignore = ["ok", {json.dumps(glob)}]\n' + R


IMPOSSIBLE_PATTERNS = [
    ("", "empty pattern"),
    ("   ", "empty pattern"),
    ("#x", "pattern '#x' starts with '#': CODEOWNERS reads such a line as a comment"),
    ("\\#x", "pattern '\\\\#x': CODEOWNERS cannot escape a leading '#' with '\\'"),
    ("!x", "pattern '!x': negation with '!' is not supported by CODEOWNERS"),
    ("/", "pattern '/' names no path: use '*' for every file"),
    ("//", "pattern '//' names no path: use '*' for every file"),
    ("a//b", "pattern 'a//b' has an empty segment ('//') and can never match"),
    ("./a", "pattern './a': git paths never contain '.' segments"),
    ("a/../b", "pattern 'a/../b': git paths never contain '..' segments"),
    ("a\\", "pattern 'a\\\\' ends with an unfinished escape '\\'"),
]

NOT_A_ROLEMAP = 'ownership.toml:1:1: no roles: add a [roles."NAME"] table with paths = [...]'

ERRORS = [
    # Nothing in the file.
    ("empty", "", NOT_A_ROLEMAP),
    ("whitespace only", "  \n\t\n   \n", NOT_A_ROLEMAP),
    ("comments only", "# roles go here\n", NOT_A_ROLEMAP),
    ("settings but no roles", '[settings]\nresolution = "last"\n', NOT_A_ROLEMAP),
    ("roles table empty", "[roles]\n", NOT_A_ROLEMAP),
    ("roles inline table empty", "\nroles = {}\n", 'ownership.toml:2:1: no roles: add a [roles."NAME"] table with paths = [...]'),
    # TOML syntax.
    ("toml: key without value", "[settings]\nresolution\n",
     "ownership.toml:2:11: invalid TOML: expected '=' after a key in a key/value pair"),
    ("toml: unterminated string", '[roles.A]\npaths = ["a\n',
     "ownership.toml:2:12: invalid TOML: illegal character '\\n'"),
    ("toml: bare word value", "[settings]\nresolution = specific\n" + R,
     "ownership.toml:2:14: invalid TOML: invalid value"),
    ("toml: duplicate key", R + 'paths = ["b"]\n', "ownership.toml:3:14: invalid TOML: cannot overwrite a value"),
    ("toml: duplicate table", R + "[roles.A]\n", "ownership.toml:3:9: invalid TOML: cannot declare ('roles', 'A') twice"),
    ("toml: duplicate role, quoted differently", R + "[roles.'A']\n",
     "ownership.toml:3:11: invalid TOML: cannot declare ('roles', 'A') twice"),
    ("toml: unclosed header", "[roles.A\npaths = []\n",
     "ownership.toml:1:9: invalid TOML: expected ']' at the end of a table declaration"),
    ("toml: garbage after header", "[roles.A]]\n", "ownership.toml:1:10: invalid TOML: expected newline or end of document after a statement"),
    ("toml: missing comma", '[roles.A]\npaths = ["a" "b"]\n', "ownership.toml:2:14: invalid TOML: unclosed array"),
    ("toml: array unclosed at end of file", '[roles.A]\npaths = ["a",\n', "ownership.toml:3:1: invalid TOML: invalid value"),
    ("toml: array unclosed at end of file, no newline", '[roles.A]\npaths = ["a",', "ownership.toml:2:14: invalid TOML: invalid value"),
    # The position comes from the TOML library: tomllib (3.11+) points at the line's end, tomli at the next one.
    ("toml: unclosed inline table", '[roles]\nA = { paths = ["a"]\n',
     f"ownership.toml:{'2:20' if sys.version_info >= (3, 11) else '3:1'}: invalid TOML: unclosed inline table"),
    # tomllib reports the position just after the bad escape sequence.
    ("toml: bad escape", '[roles.A]\npaths = ["a\\q"]\n', "ownership.toml:2:14: invalid TOML: unescaped '\\' in a string"),
    ("toml: statement without key", "= 1\n", "ownership.toml:1:1: invalid TOML: invalid statement"),
    ("toml: invalid date", "[settings]\nresolution = 1979-02-30\n", "ownership.toml:2:14: invalid TOML: invalid date or datetime"),
    ("toml: nested too deeply", "x = " + "[" * 5000,
     "ownership.toml: invalid TOML: arrays or inline tables nested too deeply"),
    # Unknown keys, with and without a suggestion.
    ("unknown top-level key, close", "role = 1\n" + R, "ownership.toml:1:1: unknown key 'role' in top-level; did you mean 'roles'?"),
    ("unknown top-level key, far", R + "[teams]\n",
     "ownership.toml:3:1: unknown key 'teams' in top-level (known: settings, roles, phases)"),
    ("unknown settings key, close", '[settings]\nresolution = "last"\nrsolution = "x"\n' + R,
     "ownership.toml:3:1: unknown key 'rsolution' in settings; did you mean 'resolution'?"),
    ("unknown settings key, close (ignores)", '[settings]\nignores = ["x"]\n' + R,
     "ownership.toml:2:1: unknown key 'ignores' in settings; did you mean 'ignore'?"),
    ("unknown settings key, far", "[settings]\nverbose = true\n" + R,
     "ownership.toml:2:1: unknown key 'verbose' in settings (known: resolution, ignore)"),
    ("unknown role key, close", '[roles.A]\npath = ["a"]\n', "ownership.toml:2:1: unknown key 'path' in role 'A'; did you mean 'paths'?"),
    ("unknown role key, close (owner)", '[roles.A]\nowner = ["@a"]\npaths = ["a"]\n',
     "ownership.toml:2:1: unknown key 'owner' in role 'A'; did you mean 'owners'?"),
    ("unknown role key, far", '[roles.A]\npaths = ["a"]\nteam = "x"\n',
     "ownership.toml:3:1: unknown key 'team' in role 'A' (known: description, owners, members, paths, accountable, consulted, informed)"),
    ("unknown role key in an inline table", '[roles]\nA = { paths = ["a"], tem = 1 }\n',
     "ownership.toml:2:22: unknown key 'tem' in role 'A' (known: description, owners, members, paths, accountable, consulted, informed)"),
    # Wrong types.
    ("settings not a table", "settings = 3\n" + R, "ownership.toml:1:12: settings must be a table, not an integer"),
    ("settings an array", "settings = []\n" + R, "ownership.toml:1:12: settings must be a table, not an array"),
    ("resolution not a string", "[settings]\nresolution = 1\n" + R,
     "ownership.toml:2:14: settings.resolution must be one of specific, last, strict; got 1"),
    ("resolution an array", '[settings]\nresolution = ["last"]\n' + R,
     "ownership.toml:2:14: settings.resolution must be one of specific, last, strict; got ['last']"),
    ("ignore not an array", "[settings]\nignore = 'vendor/'\n" + R,
     "ownership.toml:2:10: settings.ignore must be an array of strings, not a string"),
    ("ignore a table", "[settings.ignore]\n" + R,
     "ownership.toml:1:1: settings.ignore must be an array of strings, not a table"),
    ("ignore with a number", "[settings]\nignore = ['a', 2]\n" + R,
     "ownership.toml:2:16: settings.ignore: item 2 must be a string, not an integer"),
    ("roles an integer", "roles = 1\n", "ownership.toml:1:9: roles must be a table, not an integer"),
    ("roles an array", "roles = ['a']\n", "ownership.toml:1:9: roles must be a table, not an array"),
    ("roles an empty array", "roles = []\n", "ownership.toml:1:9: roles must be a table, not an array"),
    ("roles false", "roles = false\n", "ownership.toml:1:9: roles must be a table, not a boolean"),
    ("roles an empty string", "roles = ''\n", "ownership.toml:1:9: roles must be a table, not a string"),
    ("role not a table", "[roles]\nA = 1\n", "ownership.toml:2:5: role 'A' must be a table, not an integer"),
    ("role an array of tables", '[[roles.A]]\npaths = ["a"]\n', "ownership.toml:1:1: role 'A' must be a table, not an array"),
    ("description not a string", '[roles.A]\ndescription = 1\npaths = ["a"]\n',
     "ownership.toml:2:15: role 'A': description must be a string"),
    ("owners a string", '[roles.A]\nowners = "@x"\npaths = ["a"]\n',
     "ownership.toml:2:10: role 'A': owners must be an array of strings, not a string"),
    ("owners with a number", '[roles.A]\nowners = ["@x", 1]\npaths = ["a"]\n',
     "ownership.toml:2:17: role 'A': owners: item 2 must be a string, not an integer"),
    ("paths a string", '[roles.A]\npaths = "a/"\n',
     "ownership.toml:2:9: role 'A': paths must be an array of strings, not a string"),
    ("paths with a non-string", '[roles.A]\npaths = ["a/", 3.5]\n',
     "ownership.toml:2:16: role 'A': paths: item 2 must be a string, not a float"),
    ("paths with a table", '[roles.A]\npaths = [{ glob = "a" }]\n',
     "ownership.toml:2:10: role 'A': paths: item 1 must be a string, not a table"),
    # Values.
    ("resolution not in the list", "[settings]\nresolution = 'first'\n" + R,
     "ownership.toml:2:14: settings.resolution must be one of specific, last, strict; got 'first'"),
    ("resolution in the wrong case", "[settings]\nresolution = 'Last'\n" + R,
     "ownership.toml:2:14: settings.resolution must be one of specific, last, strict; got 'Last'"),
    ("role without paths", '[roles.A]\ndescription = "d"\n', "ownership.toml:1:1: role 'A' has no paths"),
    ("second role without paths", R + '\n[roles."B team"]\nowners = ["@b"]\n', "ownership.toml:4:1: role 'B team' has no paths"),
    ("inline role without paths", '[roles]\nA = { paths = ["a"] }\nB = { description = "x" }\n',
     "ownership.toml:3:1: role 'B' has no paths"),
    ("paths empty", "[roles.A]\npaths = []\n", "ownership.toml:2:9: role 'A' has no paths"),
    ("invalid owner: no @", '[roles.A]\nowners = ["data-eng"]\npaths = ["a"]\n',
     "ownership.toml:2:11: role 'A': owner 'data-eng' is not @user, @org/team, @@role or an e-mail address"),
    ("invalid owner: bare @", '[roles.A]\nowners = ["@"]\npaths = ["a"]\n',
     "ownership.toml:2:11: role 'A': owner '@' is not @user, @org/team, @@role or an e-mail address"),
    ("invalid owner: space in e-mail", '[roles.A]\nowners = ["a b@x.io"]\npaths = ["a"]\n',
     "ownership.toml:2:11: role 'A': owner 'a b@x.io' is not @user, @org/team, @@role or an e-mail address"),
    ("invalid owner: second in a multi-line array", '[roles.A]\nowners = [\n  "@ok",  # fine\n  "@ acme",\n]\npaths = ["a"]\n',
     "ownership.toml:4:3: role 'A': owner '@ acme' is not @user, @org/team, @@role or an e-mail address"),
    ("members a string", '[roles.A]\nmembers = "a@x.io"\npaths = ["a"]\n',
     "ownership.toml:2:11: role 'A': members must be an array of strings, not a string"),
    ("member a number", '[roles.A]\nmembers = ["a@x.io", 7]\npaths = ["a"]\n',
     "ownership.toml:2:22: role 'A': members: item 2 must be a string, not an integer"),
    ("member a team", '[roles.A]\nmembers = ["@org/web"]\npaths = ["a"]\n',
     "ownership.toml:2:12: role 'A': member '@org/web' is not an e-mail address or a GitHub @login"),
    ("member a bare name", '[roles.A]\nmembers = [\n  "@ann",\n  "bob",\n]\npaths = ["a"]\n',
     "ownership.toml:4:3: role 'A': member 'bob' is not an e-mail address or a GitHub @login"),
]
ERRORS += [(f"pattern {glob!r} in paths", pattern_in_paths(glob), f"ownership.toml:2:16: {m}") for glob, m in IMPOSSIBLE_PATTERNS]
ERRORS += [(f"pattern {glob!r} in ignore", pattern_in_ignore(glob), f"ownership.toml:2:17: {m}") for glob, m in IMPOSSIBLE_PATTERNS]
ERRORS += [
    ("impossible pattern in an inline role", '[roles]\nA = { paths = ["a", "!b"] }\n',
     "ownership.toml:2:21: pattern '!b': negation with '!' is not supported by CODEOWNERS"),
    ("impossible pattern in a dotted key", 'roles.A.paths = ["a", "#b"]\n',
     "ownership.toml:1:23: pattern '#b' starts with '#': CODEOWNERS reads such a line as a comment"),
    ("impossible pattern after tabs", '[roles.A]\n\tpaths\t=\t[\t"a",\t"#"]\n',
     "ownership.toml:2:17: pattern '#' starts with '#': CODEOWNERS reads such a line as a comment"),
    ("impossible pattern after a BOM", '\ufeffroles.A.paths = ["a", "!b"]\n',
     "ownership.toml:1:23: pattern '!b': negation with '!' is not supported by CODEOWNERS"),
    ("impossible pattern with CRLF", '[roles.A]\r\npaths = [\r\n  "a",\r\n  "a//b",\r\n]\r\n',
     "ownership.toml:4:3: pattern 'a//b' has an empty segment ('//') and can never match"),
]


@pytest.mark.parametrize("text, message", [pytest.param(t, m, id=i) for i, t, m in ERRORS])
def test_error_message(text: str, message: str) -> None:
    assert error_of(text) == message


PYPROJECT_ERRORS = [
    ("empty", "", "pyproject.toml:1:1: no [tool.ownership] table"),
    ("project only", '[project]\nname = "x"\n', "pyproject.toml:1:1: no [tool.ownership] table"),
    ("other tools only", "[tool.black]\nline-length = 100\n", "pyproject.toml:1:2: no [tool.ownership] table"),
    ("a similar tool name", "[tool.ownership-extra]\nx = 1\n", "pyproject.toml:1:2: no [tool.ownership] table"),
    ("tool.ownership not a table", "[tool]\nownership = 1\n", "pyproject.toml:2:13: [tool.ownership] must be a table, not an integer"),
    ("unknown key in tool.ownership", '[project]\nname = "x"\n\n[tool.ownership]\nrole = 1\n',
     "pyproject.toml:5:1: unknown key 'role' in [tool.ownership]; did you mean 'roles'?"),
    ("no roles", '[tool.ownership.settings]\nresolution = "last"\n',
     'pyproject.toml:1:7: no roles: add a [tool.ownership.roles."NAME"] table with paths = [...]'),
    ("unknown settings key", "[tool.ownership.settings]\nrsolution = 'x'\n[tool.ownership.roles.A]\npaths = ['a']\n",
     "pyproject.toml:2:1: unknown key 'rsolution' in settings; did you mean 'resolution'?"),
    ("bad resolution", '[tool.ownership.settings]\nresolution = "first"\n[tool.ownership.roles.A]\npaths = ["a"]\n',
     "pyproject.toml:2:14: settings.resolution must be one of specific, last, strict; got 'first'"),
    ("impossible pattern", '[tool.ownership.roles.A]\npaths = ["a//b"]\n',
     "pyproject.toml:2:10: pattern 'a//b' has an empty segment ('//') and can never match"),
    ("role without paths", '[tool.ownership.roles."X"]\ndescription = "x"\n', "pyproject.toml:1:1: role 'X' has no paths"),
    ("toml syntax", "[project]\nname = \n", "pyproject.toml:2:8: invalid TOML: invalid value"),
]


@pytest.mark.parametrize("text, message", [pytest.param(t, m, id=i) for i, t, m in PYPROJECT_ERRORS])
def test_pyproject_error_message(text: str, message: str) -> None:
    assert error_of(text, pyproject=True, source="pyproject.toml") == message


def test_config_error_carries_source_line_and_column() -> None:
    with pytest.raises(ConfigError) as info:
        parse_rolemap('[roles.A]\npaths = ["a//b"]\n', "roles.toml")
    err = info.value
    assert (err.source, err.line, err.column) == ("roles.toml", 2, 10)
    assert err.message == "pattern 'a//b' has an empty segment ('//') and can never match"


def test_every_error_in_the_matrix_has_a_line_and_column_except_deep_nesting() -> None:
    for case, text, _ in ERRORS:
        with pytest.raises(ConfigError) as info:
            parse_rolemap(text, SOURCE)
        if case == "toml: nested too deeply":
            continue
        assert info.value.line >= 1 and info.value.column >= 1, case


# --- find_rolemap ------------------------------------------------------------------------------------

VALID = '[roles.A]\npaths = ["a"]\n'
PYPROJECT_WITH_TABLE = '[project]\nname = "x"\n\n[tool.ownership.roles.A]\npaths = ["a"]\n'
PYPROJECT_WITHOUT_TABLE = '[project]\nname = "x"\n\n[tool.black]\nline-length = 100\n'


def test_find_prefers_ownership_toml(tmp_path: Path) -> None:
    (tmp_path / "ownership.toml").write_text(VALID)
    (tmp_path / ".ownership.toml").write_text(VALID)
    (tmp_path / "pyproject.toml").write_text(PYPROJECT_WITH_TABLE)
    assert find_rolemap(tmp_path) == str(tmp_path / "ownership.toml")


def test_find_takes_dot_ownership_toml_before_pyproject(tmp_path: Path) -> None:
    (tmp_path / ".ownership.toml").write_text(VALID)
    (tmp_path / "pyproject.toml").write_text(PYPROJECT_WITH_TABLE)
    assert find_rolemap(tmp_path) == str(tmp_path / ".ownership.toml")


def test_find_takes_pyproject_with_a_tool_ownership_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT_WITH_TABLE)
    assert find_rolemap(tmp_path) == str(tmp_path / "pyproject.toml")


@pytest.mark.parametrize("header", ["[tool.ownership]", "[tool.ownership.settings]", '[ tool . "ownership" ]'])
def test_find_recognises_tool_ownership_headers(tmp_path: Path, header: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n{header}\n')
    assert find_rolemap(tmp_path) == str(tmp_path / "pyproject.toml")


NOT_FOUND = (
    "no role map in {root}: looked for ownership.toml, .ownership.toml and [tool.ownership] in pyproject.toml"
    " (create one with 'ownership init')"
)


@pytest.mark.parametrize(
    "pyproject",
    [
        PYPROJECT_WITHOUT_TABLE,
        "[tool.ownership-extra]\nx = 1\n",
        '[project]\ndescription = "see [tool.ownership] in the docs"\n',
    ],
    ids=["other tools", "similar name", "mentioned in a string"],
)
def test_pyproject_without_the_table_is_not_a_role_map(tmp_path: Path, pyproject: str) -> None:
    (tmp_path / "pyproject.toml").write_text(pyproject)
    with pytest.raises(ConfigError) as info:
        find_rolemap(tmp_path)
    assert str(info.value) == NOT_FOUND.format(root=tmp_path)


def test_find_with_nothing_says_what_it_looked_for(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        find_rolemap(tmp_path)
    assert str(info.value) == NOT_FOUND.format(root=tmp_path)


def test_find_skips_a_directory_named_like_the_role_map(tmp_path: Path) -> None:
    (tmp_path / "ownership.toml").mkdir()
    (tmp_path / ".ownership.toml").write_text(VALID)
    assert find_rolemap(tmp_path) == str(tmp_path / ".ownership.toml")


def test_find_does_not_validate(tmp_path: Path) -> None:
    (tmp_path / "ownership.toml").write_text("not = [valid\n")
    (tmp_path / "pyproject.toml").write_text(PYPROJECT_WITH_TABLE)
    assert find_rolemap(tmp_path) == str(tmp_path / "ownership.toml")


# --- load_rolemap ------------------------------------------------------------------------------------


def test_load_reads_and_validates(tmp_path: Path) -> None:
    path = tmp_path / "ownership.toml"
    path.write_text(ROLE_MAP, encoding="utf-8")
    rolemap = load_rolemap(path, SOURCE)
    assert rule_rows(rolemap) == (ROLE_MAP_RULES, ROLE_MAP_IGNORES)


def test_load_names_the_path_when_no_source_is_given(tmp_path: Path) -> None:
    path = tmp_path / "ownership.toml"
    path.write_text(ROLE_MAP, encoding="utf-8")
    rolemap = load_rolemap(path)
    assert rolemap.source == str(path)
    assert rolemap.rules[0].origin == Origin(str(path), 8, 10)


def test_load_reads_pyproject_as_pyproject(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(PYPROJECT, encoding="utf-8")
    rolemap = load_rolemap(path, "pyproject.toml")
    assert [r.name for r in rolemap.roles] == ["ML Engineer", "Docs"]


def test_load_a_file_with_a_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "ownership.toml"
    path.write_bytes(b"\xef\xbb\xbf" + ROLE_MAP.replace("\n", "\r\n").encode("utf-8"))
    assert rule_rows(load_rolemap(path, SOURCE)) == (ROLE_MAP_RULES, ROLE_MAP_IGNORES)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\xff", "ownership.toml:1:1: not UTF-8 text: invalid byte 0xff"),
        (b'[roles.A]\npaths = ["a\xfe"]\n', "ownership.toml:2:12: not UTF-8 text: invalid byte 0xfe"),
        (b'[roles.A]\r\npaths = ["a\xfe"]\r\n', "ownership.toml:2:12: not UTF-8 text: invalid byte 0xfe"),
        # Columns count characters, not bytes: "é" is two bytes but one column.
        ('[roles.A]\npaths = ["é'.encode() + b'\xff"]\n', "ownership.toml:2:12: not UTF-8 text: invalid byte 0xff"),
        # The BOM is not part of the text: it neither shifts the column nor is the byte reported.
        (b'\xef\xbb\xbfroles.A.paths = ["\xc3"]\n', "ownership.toml:1:19: not UTF-8 text: invalid byte 0xc3"),
        (b'\xef\xbb\xbf[roles.A]\npaths = ["\xff"]\n', "ownership.toml:2:11: not UTF-8 text: invalid byte 0xff"),
        # Latin-1 text saved by an old editor.
        ('[roles."Équipe"]\npaths = ["a"]\n'.encode("latin-1"), "ownership.toml:1:9: not UTF-8 text: invalid byte 0xc9"),
    ],
    ids=["first byte", "mid line", "crlf", "after a multi-byte character", "bom, first line", "bom, second line", "latin-1"],
)
def test_load_a_file_that_is_not_utf8_names_line_and_column(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "ownership.toml"
    path.write_bytes(data)
    with pytest.raises(ConfigError) as info:
        load_rolemap(path, SOURCE)
    assert str(info.value) == message


def test_load_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "ownership.toml"
    path.write_text(VALID)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges that read a mode-000 file (root)")
        with pytest.raises(ConfigError) as info:
            load_rolemap(path, SOURCE)
        assert str(info.value) == "ownership.toml: cannot read the role map: Permission denied"
    finally:
        path.chmod(0o644)


def test_load_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_rolemap(tmp_path / "ownership.toml", SOURCE)
    assert str(info.value) == "ownership.toml: cannot read the role map: No such file or directory"


def test_load_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "ownership.toml"
    path.write_bytes(b"")
    with pytest.raises(ConfigError) as info:
        load_rolemap(path, SOURCE)
    assert str(info.value) == NOT_A_ROLEMAP


# --- never anything but a RoleMap or a ConfigError ---------------------------------------------------

TOML_PIECES = st.sampled_from(list('[]{}"\'=.,#\n\r\t \\@/*!?-_0123456789aArRsSlptuow') + ["\ufeff", "é", "\x00", '"""', "'''"])
TOML_LIKE = st.lists(TOML_PIECES, max_size=60).map("".join)


def check_total(text: str, pyproject: bool) -> None:
    """``parse_rolemap`` returns a RoleMap or raises ConfigError whose position lies inside the text."""
    try:
        result = parse_rolemap(text, SOURCE, pyproject=pyproject)
    except ConfigError as err:
        assert str(err).startswith(SOURCE)
        assert 0 <= err.line <= text.count("\n") + 1
        assert err.column >= 0
        return
    assert isinstance(result, RoleMap)
    for rule in result.all_rules:
        assert 1 <= rule.origin.line <= text.count("\n") + 1
        assert rule.origin.column >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(), pyproject=st.booleans())
@example(text="x = " + "[" * 2000, pyproject=False)
@example(text="x = " + "{ a = " * 2000, pyproject=False)
@example(text="\ufeff\ufeff", pyproject=False)
def test_arbitrary_text_gives_a_rolemap_or_a_config_error(text: str, pyproject: bool) -> None:
    check_total(text, pyproject)


@settings(max_examples=300, deadline=None)
@given(text=TOML_LIKE, pyproject=st.booleans())
def test_toml_like_text_gives_a_rolemap_or_a_config_error(text: str, pyproject: bool) -> None:
    check_total(text, pyproject)


@st.composite
def mutated(draw: st.DrawFn, base: str) -> str:
    """``base`` with a few characters inserted, deleted or replaced."""
    text = base
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.one_of(TOML_PIECES, st.text(max_size=3)))
        if kind == "insert":
            text = text[:at] + piece + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 8)):]
        else:
            text = text[:at] + piece + text[at + 1:]
    return text


@settings(max_examples=500, deadline=None)
@given(text=mutated(ROLE_MAP))
def test_mutated_role_map_gives_a_rolemap_or_a_config_error(text: str) -> None:
    check_total(text, pyproject=False)


@settings(max_examples=300, deadline=None)
@given(text=mutated(PYPROJECT))
def test_mutated_pyproject_gives_a_rolemap_or_a_config_error(text: str) -> None:
    check_total(text, pyproject=True)
