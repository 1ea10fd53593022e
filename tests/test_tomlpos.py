"""Tests for ownership.rolemap.tomlpos."""

from __future__ import annotations

import random

import pytest

from ownership.rolemap.tomlpos import locate

V = "#value"

ROLE_MAP = """\
[settings]
resolution = "specific"
ignore = ["vendor/**", "*.lock"]

[roles."Data Engineer"]
description = "Data pipelines, validation, storage"
owners = ["@acme/data-eng", "lead@acme.io"]
paths = [
  "data/",      # raw and processed data
  "src/*/data/",
  "*.sql",
]
"""

ROLE_MAP_POSITIONS = {
    ("settings",): (1, 1),
    ("settings", "resolution"): (2, 1),
    ("settings", "resolution", V): (2, 14),
    ("settings", "ignore"): (3, 1),
    ("settings", "ignore", V): (3, 10),
    ("settings", "ignore", 0): (3, 11),
    ("settings", "ignore", 1): (3, 24),
    ("roles",): (5, 2),
    ("roles", "Data Engineer"): (5, 1),
    ("roles", "Data Engineer", "description"): (6, 1),
    ("roles", "Data Engineer", "description", V): (6, 15),
    ("roles", "Data Engineer", "owners"): (7, 1),
    ("roles", "Data Engineer", "owners", V): (7, 10),
    ("roles", "Data Engineer", "owners", 0): (7, 11),
    ("roles", "Data Engineer", "owners", 1): (7, 29),
    ("roles", "Data Engineer", "paths"): (8, 1),
    ("roles", "Data Engineer", "paths", V): (8, 9),
    ("roles", "Data Engineer", "paths", 0): (9, 3),
    ("roles", "Data Engineer", "paths", 1): (10, 3),
    ("roles", "Data Engineer", "paths", 2): (11, 3),
}

PYPROJECT = """\
[project]
name = "acme"
dependencies = [
    "requests>=2",
]

[tool.ownership]
resolution = "union"

[tool.ownership.roles."ML Engineer"]
owners = ["@acme/ml"]
paths = ["models/", "notebooks/**"]
"""


def test_empty_documents() -> None:
    for text in ["", "\n", "\r\n\r\n", "   \t\n", "# just a comment\n", "\ufeff", "\ufeff\n"]:
        assert locate(text) == {}


def test_role_map_exact() -> None:
    assert locate(ROLE_MAP) == ROLE_MAP_POSITIONS


def test_pyproject_style() -> None:
    got = locate(PYPROJECT)
    assert got[("project",)] == (1, 1)
    assert got[("project", "dependencies", 0)] == (4, 5)
    assert got[("tool",)] == (7, 2)
    assert got[("tool", "ownership")] == (7, 1)
    assert got[("tool", "ownership", "resolution")] == (8, 1)
    assert got[("tool", "ownership", "resolution", V)] == (8, 14)
    assert got[("tool", "ownership", "roles")] == (10, 17)
    assert got[("tool", "ownership", "roles", "ML Engineer")] == (10, 1)
    role = ("tool", "ownership", "roles", "ML Engineer")
    assert got[role + ("owners",)] == (11, 1)
    assert got[role + ("owners", V)] == (11, 10)
    assert got[role + ("owners", 0)] == (11, 11)
    assert got[role + ("paths", 0)] == (12, 10)
    assert got[role + ("paths", 1)] == (12, 21)


def test_dotted_keys_in_table() -> None:
    got = locate('[t]\na.b = 1\nc . "d e" . f = true\n')
    assert got[("t", "a")] == (2, 1)
    assert got[("t", "a", "b")] == (2, 3)
    assert got[("t", "a", "b", V)] == (2, 7)
    assert got[("t", "c")] == (3, 1)
    assert got[("t", "c", "d e")] == (3, 5)
    assert got[("t", "c", "d e", "f")] == (3, 13)
    assert got[("t", "c", "d e", "f", V)] == (3, 17)


def test_quoted_keys_are_unescaped() -> None:
    text = '"a\\"b" = 1\n\'C:\\x\' = 2\n"\\u00e9t\\u00e9" = 3\n"" = 4\n"tab\\there" = 5\n'
    got = locate(text)
    assert got[('a"b',)] == (1, 1)
    assert got[('a"b', V)] == (1, 10)
    assert got[("C:\\x",)] == (2, 1)
    assert got[("C:\\x", V)] == (2, 10)
    assert got[("\u00e9t\u00e9",)] == (3, 1)
    assert got[("",)] == (4, 1)
    assert got[("", V)] == (4, 6)
    assert got[("tab\there",)] == (5, 1)


def test_table_headers() -> None:
    text = '[a.b]\nx = 1\n[ a ]\ny = 2\n[ c . "d" ]\n[e]\n'
    got = locate(text)
    # ("a",) was first seen as a token in [a.b]; the later [a] header does not win.
    assert got[("a",)] == (1, 2)
    assert got[("a", "b")] == (1, 1)
    assert got[("a", "b", "x")] == (2, 1)
    assert got[("a", "y")] == (4, 1)
    assert got[("c",)] == (5, 3)
    assert got[("c", "d")] == (5, 1)
    assert got[("e",)] == (6, 1)


def test_header_does_not_override_dotted_key_definition() -> None:
    got = locate("a.b = 1\n[a.c]\n")
    assert got[("a",)] == (1, 1)
    assert got[("a", "c")] == (2, 1)


def test_arrays_of_tables() -> None:
    text = (
        "[[x.y]]\n"
        'name = "first"\n'
        "\n"
        "[[x.y]]\n"
        'name = "second"\n'
        "tags = [1]\n"
    )
    got = locate(text)
    assert got[("x",)] == (1, 3)
    assert got[("x", "y")] == (1, 1)
    assert got[("x", "y", 0)] == (1, 1)
    assert got[("x", "y", 0, "name")] == (2, 1)
    assert got[("x", "y", 0, "name", V)] == (2, 8)
    assert got[("x", "y", 1)] == (4, 1)
    assert got[("x", "y", 1, "name")] == (5, 1)
    assert got[("x", "y", 1, "tags", 0)] == (6, 9)


def test_nested_arrays_of_tables_follow_last_element() -> None:
    text = (
        "[[fruits]]\n"
        'name = "apple"\n'
        "[fruits.physical]\n"
        'color = "red"\n'
        "[[fruits.varieties]]\n"
        'name = "gala"\n'
        "[[fruits]]\n"
        "[[fruits.varieties]]\n"
        'name = "plantain"\n'
    )
    got = locate(text)
    assert got[("fruits", 0, "name")] == (2, 1)
    assert got[("fruits", 0, "physical")] == (3, 1)
    assert got[("fruits", 0, "physical", "color")] == (4, 1)
    assert got[("fruits", 0, "varieties", 0)] == (5, 1)
    assert got[("fruits", 0, "varieties", 0, "name")] == (6, 1)
    assert got[("fruits", 1)] == (7, 1)
    assert got[("fruits", 1, "varieties", 0)] == (8, 1)
    assert got[("fruits", 1, "varieties", 0, "name")] == (9, 1)


def test_scalar_values() -> None:
    text = (
        "i = -42\n"
        "f = 6.02e23  # comment\n"
        "b = true\n"
        "d = 1979-05-27\n"
        "dt = 1979-05-27 07:32:00Z\n"
        "arr = [1979-05-27 07:32:00, inf, 0x1F]\n"
        "after = 1\n"
    )
    got = locate(text)
    assert got[("i", V)] == (1, 5)
    assert got[("f", V)] == (2, 5)
    assert got[("b", V)] == (3, 5)
    assert got[("d", V)] == (4, 5)
    assert got[("dt", V)] == (5, 6)
    assert got[("arr", 0)] == (6, 8)
    assert got[("arr", 1)] == (6, 29)
    assert got[("arr", 2)] == (6, 34)
    assert got[("after",)] == (7, 1)


def test_single_line_strings_with_comment_like_content() -> None:
    text = (
        'a = "x # not a comment \\" [still] = string"  # real comment\n'
        "b = 'C:\\x\\' # c\n"
        'c = ["#", "]", "\\"", \'"\']\n'
        "d = 1\n"
    )
    got = locate(text)
    assert got[("a", V)] == (1, 5)
    assert got[("b", V)] == (2, 5)
    assert got[("c", 0)] == (3, 6)
    assert got[("c", 1)] == (3, 11)
    assert got[("c", 2)] == (3, 16)
    assert got[("c", 3)] == (3, 22)
    assert got[("d",)] == (4, 1)
    assert len([p for p in got if p[0] == "a"]) == 2  # key and value only


def test_multiline_basic_strings() -> None:
    text = (
        'a = """\n'
        "fake = 1\n"
        '[fake]\n'
        'quote " and "" inside \\""" still \\\n'
        '   continued"""" # ends with a quote\n'
        'b = """one line"""\n'
        'c = ["""x\n'
        '""", 2]\n'
        'e = """"""\n'
        "f = 3\n"
    )
    got = locate(text)
    assert got[("a", V)] == (1, 5)
    assert ("fake",) not in got
    assert got[("b",)] == (6, 1)
    assert got[("b", V)] == (6, 5)
    assert got[("c", 0)] == (7, 6)
    assert got[("c", 1)] == (8, 6)
    assert got[("e", V)] == (9, 5)
    assert got[("f",)] == (10, 1)
    assert set(p[0] for p in got) == {"a", "b", "c", "e", "f"}


def test_multiline_literal_strings() -> None:
    text = (
        "a = '''\n"
        "it's [not] = 'a table' # \\\n"
        "'''' # trailing quote belongs to the string\n"
        "b = '''x''', c = 1\n"
        "d = 2\n"
    )
    got = locate(text)
    assert got[("a", V)] == (1, 5)
    assert got[("b", V)] == (4, 5)
    assert got[("d",)] == (5, 1)
    assert set(p[0] for p in got) == {"a", "b", "d"}


def test_multiline_arrays() -> None:
    text = (
        "paths = [\n"
        "  # leading comment\n"
        '  "a",  # one\n'
        "\n"
        "  [1, [2,\n"
        "     3]],\n"
        "  [],\n"
        "]  # done\n"
        "next = []\n"
    )
    got = locate(text)
    assert got[("paths", V)] == (1, 9)
    assert got[("paths", 0)] == (3, 3)
    assert got[("paths", 1)] == (5, 3)
    assert got[("paths", 1, 0)] == (5, 4)
    assert got[("paths", 1, 1)] == (5, 7)
    assert got[("paths", 1, 1, 0)] == (5, 8)
    assert got[("paths", 1, 1, 1)] == (6, 6)
    assert got[("paths", 2)] == (7, 3)
    assert ("paths", 3) not in got
    assert got[("next",)] == (9, 1)
    assert got[("next", V)] == (9, 8)
    assert ("next", 0) not in got


def test_inline_tables() -> None:
    text = (
        'roles = { "X" = { paths = ["a"] }, y.z = 1 }\n'
        "list = [{ name = 'n' }, {}]\n"
    )
    got = locate(text)
    assert got[("roles", V)] == (1, 9)
    assert got[("roles", "X")] == (1, 11)
    assert got[("roles", "X", V)] == (1, 17)
    assert got[("roles", "X", "paths")] == (1, 19)
    assert got[("roles", "X", "paths", V)] == (1, 27)
    assert got[("roles", "X", "paths", 0)] == (1, 28)
    assert got[("roles", "y")] == (1, 36)
    assert got[("roles", "y", "z")] == (1, 38)
    assert got[("roles", "y", "z", V)] == (1, 42)
    assert got[("list", 0)] == (2, 9)
    assert got[("list", 0, "name")] == (2, 11)
    assert got[("list", 0, "name", V)] == (2, 18)
    assert got[("list", 1)] == (2, 25)


def test_tabs_and_indentation() -> None:
    got = locate("[t]\n\tkey\t=\t\"v\"\n  \t other =  [ 1 ,\t2 ]\n")
    assert got[("t", "key")] == (2, 2)
    assert got[("t", "key", V)] == (2, 8)
    assert got[("t", "other")] == (3, 5)
    assert got[("t", "other", V)] == (3, 14)
    assert got[("t", "other", 0)] == (3, 16)
    assert got[("t", "other", 1)] == (3, 20)


def test_crlf_line_endings() -> None:
    assert locate(ROLE_MAP.replace("\n", "\r\n")) == ROLE_MAP_POSITIONS
    got = locate('a = """x\r\ny"""\r\nb = 1\r\n')
    assert got[("b",)] == (3, 1)
    assert got[("b", V)] == (3, 5)


def test_utf8_bom_is_ignored() -> None:
    assert locate("\ufeff" + ROLE_MAP) == ROLE_MAP_POSITIONS
    assert locate("\ufeffa = 1") == {("a",): (1, 1), ("a", V): (1, 5)}


def test_non_ascii_columns_count_code_points() -> None:
    text = (
        '"名前" = "値"\n'
        '[rôles."Ingénieur données"]\n'
        'paths = ["données/", "ü/😀"]\n'
        "ünïcode = 1\n"
    )
    got = locate(text)
    assert got[("名前",)] == (1, 1)
    assert got[("名前", V)] == (1, 8)
    assert got[("rôles",)] == (2, 2)
    assert got[("rôles", "Ingénieur données")] == (2, 1)
    role = ("rôles", "Ingénieur données")
    assert got[role + ("paths", 0)] == (3, 10)
    assert got[role + ("paths", 1)] == (3, 22)
    assert got[role + ("ünïcode",)] == (4, 1)
    assert got[role + ("ünïcode", V)] == (4, 11)


def test_first_definition_wins() -> None:
    got = locate("a = 1\na = [2]\n[t]\n[t]\nk = 1\n")
    assert got[("a",)] == (1, 1)
    assert got[("a", V)] == (1, 5)
    assert got[("a", 0)] == (2, 6)  # only defined by the duplicate
    assert got[("t",)] == (3, 1)


def test_agrees_with_tomllib() -> None:
    """Every leaf value tomllib sees has a located position, and no extra keys."""
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        tomllib = pytest.importorskip("tomli")

    def leaves(node: object, path: tuple[object, ...]) -> set[tuple[object, ...]]:
        if isinstance(node, dict):
            out = {path} if path else set()
            for k, v in node.items():
                out |= leaves(v, path + (k,))
            return out
        if isinstance(node, list):
            out = {path}
            for i, v in enumerate(node):
                out |= leaves(v, path + (i,))
            return out
        return {path}

    for text in (ROLE_MAP, PYPROJECT):
        got = locate(text)
        expected = leaves(tomllib.loads(text), ())
        assert {p for p in got if p[-1] != V} == expected


def test_prefixes_never_raise() -> None:
    sample = ROLE_MAP + PYPROJECT + 'x = """a\\\n b""" \nz = \'\'\'c\'\'\'\ny = { a = [1, {b = "\\u00e9"}] }\n'
    for n in range(len(sample) + 1):
        assert isinstance(locate(sample[:n]), dict)
        assert isinstance(locate(sample[n:]), dict)


def test_garbage_never_raises() -> None:
    rng = random.Random(1234)
    alphabet = list('[]{}"\'=.,#\\\n\r\t abc1-_é\ufeffuU') + ['"""', "'''", "[[", "]]"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(40)))
        assert isinstance(locate(text), dict)
    for text in ["a = " + "[" * 5000, "a = " + "{b=" * 5000, '"\\UFFFFFFFF" = 1', "[", "[[", "=", "a =", ".", "\\"]:
        assert isinstance(locate(text), dict)
    assert locate('"\\UFFFFFFFF" = 1')[("\\UFFFFFFFF",)] == (1, 1)
    assert locate(None) == {}  # type: ignore[arg-type]
