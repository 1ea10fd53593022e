"""The compaction of ``suggest`` (core/compact.py) and the role-map editor of ``suggest --write``
(rolemap/edit.py): pure, on literals."""

from __future__ import annotations

import pytest

from ownership.core.compact import compact, file_pattern
from ownership.core.patterns import Pattern
from ownership.errors import ConfigError
from ownership.rolemap.edit import add_paths
from ownership.rolemap.parse import parse_rolemap

TREE = ["Makefile", "data/a.csv", "data/b.csv", "data/raw/c.csv", "src/app.py", "src/lib/x.py", "src/lib/y.py",
        "docs/index.md"]


def test_a_directory_whose_files_agree_is_one_pattern() -> None:
    chosen = {"data/a.csv": "Data", "data/b.csv": "Data", "data/raw/c.csv": "Data"}
    assert compact(chosen, TREE) == [("Data", "/data/", ("data/a.csv", "data/b.csv", "data/raw/c.csv"))]


def test_a_directory_holding_another_file_is_not_claimed() -> None:
    # src/app.py is owned already (not chosen): src/ is not claimed, src/lib/ is
    chosen = {"src/lib/x.py": "Dev", "src/lib/y.py": "Dev"}
    assert compact(chosen, TREE) == [("Dev", "/src/lib/", ("src/lib/x.py", "src/lib/y.py"))]


def test_a_directory_split_between_roles_gives_file_patterns() -> None:
    chosen = {"src/lib/x.py": "Dev", "src/lib/y.py": "Ops"}
    assert compact(chosen, TREE) == [("Dev", "/src/lib/x.py", ("src/lib/x.py",)),
                                     ("Ops", "/src/lib/y.py", ("src/lib/y.py",))]


def test_one_file_alone_in_its_directory_keeps_its_own_pattern() -> None:
    assert compact({"docs/index.md": "Docs"}, TREE) == [("Docs", "/docs/index.md", ("docs/index.md",))]


def test_the_top_directory_is_never_claimed() -> None:
    chosen = {path: "All" for path in TREE}
    assert compact(chosen, TREE) == [
        ("All", "/Makefile", ("Makefile",)), ("All", "/data/", ("data/a.csv", "data/b.csv", "data/raw/c.csv")),
        ("All", "/docs/index.md", ("docs/index.md",)), ("All", "/src/", ("src/app.py", "src/lib/x.py", "src/lib/y.py")),
    ]


@pytest.mark.parametrize("name", ["a*b.py", "q?.txt", "back\\slash", "trailing ", "[id].tsx", "#hash", "!bang"])
def test_every_pattern_matches_exactly_its_files(name: str) -> None:
    tree = [f"d/{name}", f"d/{name}x", name, "other"]
    chosen = {f"d/{name}": "R", name: "S"}
    for role, glob, files in compact(chosen, tree):
        assert [p for p in tree if Pattern(glob).matches(p)] == list(files)


ROLEMAP = '''# Who owns what
[settings]
resolution = "specific"  # the default

[roles."Data Engineer"]
# the pipelines
paths = [
    "pipelines/",  # batch jobs
]
owners = ["ana@example.com"]

[roles.Lead]
accountable = ["*.md"]
'''


def test_patterns_are_appended_keeping_comments_and_layout() -> None:
    text = add_paths(ROLEMAP, {"Data Engineer": ["/data/", "pipelines/"], "Lead": ["/docs/index.md"]}, "ownership.toml")
    assert text == '''# Who owns what
[settings]
resolution = "specific"  # the default

[roles."Data Engineer"]
# the pipelines
paths = [
    "pipelines/",  # batch jobs
    "/data/",
]
owners = ["ana@example.com"]

[roles.Lead]
accountable = ["*.md"]
paths = ["/docs/index.md"]
'''
    assert [r.glob for r in parse_rolemap(text, "ownership.toml").rules] == ["pipelines/", "/data/", "/docs/index.md"]


def test_a_pattern_with_backslashes_reads_back_as_written() -> None:
    glob = file_pattern("d/a*b ")
    text = add_paths(ROLEMAP, {"Lead": [glob]}, "ownership.toml")
    assert [r.glob for r in parse_rolemap(text, "ownership.toml").rules][-1] == glob == "/d/a\\*b\\ "


def test_pyproject_role_maps_are_edited_under_tool_ownership() -> None:
    text = '[project]\nname = "x"\n\n[tool.ownership.roles.Dev]\npaths = ["src/"]  # code\n'
    assert add_paths(text, {"Dev": ["/lib/"]}, "pyproject.toml", pyproject=True) == (
        '[project]\nname = "x"\n\n[tool.ownership.roles.Dev]\npaths = ["src/", "/lib/"]  # code\n')


def test_an_unknown_role_is_an_error() -> None:
    with pytest.raises(ConfigError, match="no role 'Nobody'"):
        add_paths(ROLEMAP, {"Nobody": ["/x"]}, "ownership.toml")


def test_a_crlf_role_map_stays_crlf() -> None:
    text = '# c\r\n[roles.A]\r\npaths = [\r\n  "x/",\r\n]\r\n\r\n[roles.B]\r\nowners = ["a@b.io"]\r\n'
    assert add_paths(text, {"A": ["/y/"], "B": ["/z"]}, "ownership.toml") == (
        '# c\r\n[roles.A]\r\npaths = [\r\n  "x/",\r\n  "/y/",\r\n]\r\n\r\n[roles.B]\r\nowners = ["a@b.io"]\r\n'
        'paths = ["/z"]\r\n')


def test_inline_tables_and_dotted_keys_are_edited_in_place() -> None:
    text = '[roles]\nA = { paths = ["x/"] }\nB.paths = ["q/"]\n'
    assert add_paths(text, {"A": ["/y/"], "B": ["/z"]}, "ownership.toml") == (
        '[roles]\nA = { paths = ["x/", "/y/"] }\nB.paths = ["q/", "/z"]\n')
