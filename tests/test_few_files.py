"""Issue 14, point 1: a hook checks a few files against thousands of rules, so only what those files need is
compiled and resolved. Each shortcut is held to the long way it replaces: the same errors at the same
positions, the same owners."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Callable, List, Tuple

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import ownership.codeowners.parse as codeowners_parse
from ownership.rolemap.parse import _Validator, parse_rolemap
from ownership.rolemap.plaintoml import loads_plain
from ownership.codeowners.gitlab_patterns import compile_gitlab
from ownership.analysis.codeowners import build_codeowners_report
from ownership.analysis.report import build_report
from ownership.codeowners.lint import Declared
from ownership.codeowners.parse import parse
from ownership.codeowners.syntax import CodeOwners, Entries, Entry
from ownership.core.rules import (
    Origin, Role, RoleMap, Roles, Rule, Rules, valid_member, valid_members, valid_owner, valid_owners,
)
from ownership.core.candidates import PathKeys
from ownership.core.lazy import regex
from ownership.core.patterns import (
    NAME_ANCHOR, NO_ANCHOR, PREFIX_ANCHOR, Pattern, _normalise, all_plain, is_plain, plain_anchor,
)
from ownership.errors import ConfigError, PatternError
from ownership.model.findings import ShadowedRule, UnusedRule

if sys.version_info >= (3, 11):
    import tomllib as toml_reference
else:  # pragma: no cover - exercised on old Pythons only
    import tomli as toml_reference

GLOB_PIECES = ["a", "b", "/", "*", "?", "\\", "[", "]", "!", "#", " ", ".", "..", "**", "c.d", "é", "\u00a0", "\t"]
NAMES = ["a", "b", "c.d", "x", "a b", "*", "é", "[x]"]
globs = st.lists(st.sampled_from(GLOB_PIECES), max_size=8).map("".join)
paths = st.lists(st.sampled_from(NAMES), min_size=1, max_size=4).map("/".join)


def _compiled(glob: str) -> object:
    try:
        segments, end = _normalise(glob)
    except PatternError as err:
        return ("error", err.message)
    return tuple(map(repr, segments)), end


def _lazy(glob: str) -> object:
    try:
        pattern = Pattern(glob)
    except PatternError as err:
        return ("error", err.message)
    return tuple(map(repr, pattern.segments)), pattern.end


@settings(max_examples=800, deadline=None)
@given(globs)
@example("a/./b")
@example("a//b")
@example("docs/ ")
@example("\\#x")
@example("/")
def test_a_pattern_compiled_on_first_use_is_the_pattern_compiled_at_once(glob: str) -> None:
    assert _lazy(glob) == _compiled(glob)


@pytest.mark.parametrize("glob", ["a//b", "/a/../b", "#x", "!x", "x\\", "/", "  "])
def test_a_glob_that_may_be_wrong_is_checked_when_the_rule_is_made(glob: str) -> None:
    with pytest.raises(PatternError):
        Pattern(glob)


@pytest.mark.parametrize("glob, anchor", [
    ("/services/api/", (PREFIX_ANCHOR, "services/api")),
    ("/apps/web/**/*.tsx", (PREFIX_ANCHOR, "apps/web")),
    ("docs/*", (PREFIX_ANCHOR, "docs")),
    ("BUILD.bazel", (NAME_ANCHOR, "BUILD.bazel")),
    ("docs/", (NAME_ANCHOR, "docs")),
    ("**/fixtures/*.json", (NAME_ANCHOR, "fixtures")),
    ("*.md", (NO_ANCHOR, "")),
    ("*", (NO_ANCHOR, "")),
])
def test_the_literal_part_of_a_pattern_is_read_without_compiling_it(glob: str, anchor: object) -> None:
    pattern = Pattern(glob)
    assert pattern.anchor == anchor
    assert pattern._segments is None  # still not compiled


def test_only_the_patterns_whose_literal_segments_the_paths_hold_are_kept() -> None:
    keys = PathKeys(["services/api/main.go", "docs/index.md"])
    kept = [g for g in ["/services/api/", "/services/web/", "/docs/", "docs/", "index.md", "main.py", "*.md",
                        "/services/api/main.go", "/services/api/main.go/"] if keys.may_match(Pattern(g))]
    assert kept == ["/services/api/", "/docs/", "docs/", "index.md", "*.md", "/services/api/main.go",
                    "/services/api/main.go/"]


@settings(max_examples=800, deadline=None)
@given(globs, st.lists(paths, min_size=1, max_size=3))
@example("/a\\/b", ["a/b"])
@example(" /a", [" /a"])
@example("a/b ", ["a/b"])
@example("/a/b/*.py", ["a/b/x.py"])
@example("a/b/", ["a/b/x"])
@example("/a/b", ["a/c", "a/b"])
def test_a_pattern_matching_one_of_the_paths_is_never_left_out(glob: str, some: List[str]) -> None:
    keys = PathKeys(some)
    for compile_ in (Pattern, compile_gitlab):
        try:
            pattern = compile_(glob)
        except PatternError:
            continue
        if any(pattern.matches(path) for path in some):
            assert keys.may_match(pattern)
            assert compile_ is compile_gitlab or keys.could_hold(glob)  # the text test reads GitHub's syntax


LINE_PIECES = ["a", "/b", "*", "?", "\\", "[", "]", "!", "#", " ", "\t", "\r", "\f", "\v", "@o", "@o/t", "x@y.z",
               "\u00a0", "\x1c", "\x00", "é", "-", "**", "\\ ", "@a#", "@@dev", "@a\\ b"]
lines = st.lists(st.sampled_from(LINE_PIECES), min_size=1, max_size=12).map("".join)


def _token_by_token(text: str) -> object:
    saved = codeowners_parse._PLAIN_GITHUB_LINE
    codeowners_parse._PLAIN_GITHUB_LINE = re.compile(r"(?!)")  # the one-line reading never applies
    try:
        return _parsed(text)
    finally:
        codeowners_parse._PLAIN_GITHUB_LINE = saved


def _parsed(text: str) -> object:
    found = parse(text, "CODEOWNERS", "github")
    return found.entries, [(e.rule.index, e.rule.role, str(e.rule.origin)) for e in found.entries], found.problems


@settings(max_examples=800, deadline=None)
@given(st.lists(lines, min_size=1, max_size=4).map("\n".join))
@example("x@y.z\f#***x@y.zb\na x@y.z\f#c")  # "#..." after a blank is a comment, even where an address fits
@example("a _x@y.z\\ \na @b\\ c")  # "\ " joins two tokens: an invalid owner, not an owner and a blank
@example("/a/ @o @o/t x@y.z # c\n/b @o\t@o  \r\n[x] @o\n!a @o\n/a//b @o")
def test_a_line_read_in_one_match_reads_as_the_token_by_token_reading(text: str) -> None:
    assert _parsed(text) == _token_by_token(text)


# --- entries made when asked for (codeowners.syntax.Entries) -----------------------------------------

OWNED_PATHS = ["a", "a/b", "b/a", "a/c.d", "c.d", "x/a/b", "[x]/a", "a b/x"]
few_paths = st.lists(st.sampled_from(OWNED_PATHS), min_size=1, max_size=3, unique=True)
github_files = st.lists(st.one_of(lines, st.sampled_from(["a @o", "/a/ @o/t", "a @x@y.z", "*.d @o @o/t", "b/ @o",
                                                        "/a/ @o", "# c", ""])), min_size=1, max_size=8).map("\n".join)


@settings(max_examples=800, deadline=None)
@given(st.one_of(lines, globs.map(lambda glob: glob + " @o")))
@example("a/./b @o")
@example("a//b @o")
@example("/ @o")
@example("a\u00a0 @o")
@example("../x @o")
@example("x/.. @o")
@example("..x @o")
def test_a_pattern_the_one_match_reads_is_one_that_can_be_compiled_later(text: str) -> None:
    """A plain line's pattern is compiled only when a path may need it: it must be one ``Pattern`` accepts
    without checking it first (so making it later cannot fail), and its literal part read from the text
    must be the compiled pattern's."""
    found = codeowners_parse._PLAIN_GITHUB_LINE.match(text)
    if found is None:
        return
    glob = found.group(1)
    assert is_plain(glob)
    assert plain_anchor(glob) == Pattern(glob).anchor
    assert _lazy(glob) == _compiled(glob)


def _eager(codeowners: CodeOwners) -> CodeOwners:
    """The same file with every entry made at once: the long way, as before rows."""
    return codeowners.replace(entries=tuple(codeowners.entries))


@settings(max_examples=500, deadline=None)
@given(github_files, few_paths)
@example("a @o\na @o/t\n/a/ @o\nb/ @x@y.z", ["a/b", "b/a"])
@example("/x/ @o/t\ta @o @o/t\nb @x@y.z\n/b/ @o", ["a", "b/a"])  # "@o" is written inside "@o/t" first
def test_a_hook_that_makes_only_the_entries_it_needs_reports_as_one_that_makes_them_all(
        text: str, some: List[str]) -> None:
    lazy = parse(text, "CODEOWNERS", "github")
    eager = _eager(parse(text, "CODEOWNERS", "github"))
    assert isinstance(lazy.entries, Entries) and not isinstance(eager.entries, Entries)
    kinds = ["duplicate", "unused", "shadowed", "undeclared"]
    declared = Declared("owners.txt", ("@o",))
    for whole_tree in (False, True):
        made = build_codeowners_report(lazy, some, ".", whole_tree, declared, kinds, deciding=True)
        long_way = build_codeowners_report(eager, some, ".", whole_tree, declared, kinds, deciding=True)
        assert made == long_way
        assert [f.message for f in made.problems] == [f.message for f in long_way.problems]
    assert lazy == eager and list(lazy.entries) == list(eager.entries)


@settings(max_examples=800, deadline=None)
@given(st.lists(globs, min_size=1, max_size=6), st.lists(paths, min_size=1, max_size=3))
@example(["/a/b", "/a", "a/b", "/b/*", "*/a", "a/", "/c.d/x"], ["a/b"])
def test_the_entries_a_hook_makes_are_those_whose_pattern_may_match_its_files(some_globs: List[str],
                                                                            some_paths: List[str]) -> None:
    codeowners = parse("".join(f"{glob} @o\n" for glob in some_globs), "CODEOWNERS", "github")
    keys = PathKeys(some_paths)
    assert codeowners.entries.select(keys) == [e for e in list(codeowners.entries) if keys.may_match(e.rule.pattern)]


def test_a_hook_makes_the_entries_its_files_can_match_and_those_a_finding_names_only() -> None:
    """Issue 14: "build Rule/Entry objects only for the lines whose literal segments the checked files hold"."""
    codeowners = parse(_codeowners_of_5000_rules(), ".github/CODEOWNERS", "github")
    report = build_codeowners_report(codeowners, FIVE, ".", False, None, ["duplicate"])
    assert [(f.kind, str(f.where)) for f in report.problems] == [
        ("duplicate", ".github/CODEOWNERS:4003:1"), ("error", ".github/CODEOWNERS:4503:20"),
        ("error", ".github/CODEOWNERS:4603:11")]
    assert isinstance(codeowners.entries, Entries)
    made = [i for i, item in enumerate(codeowners.entries._items) if not isinstance(item, tuple)]
    # svc7 (line 10), svc10 (line 13, and line 4003 repeating it), svc4999 (line 5002): a file lies under each;
    # *.md (line 5003) names a file; svc4500's line is an error, no entry. The 4,994 other lines stay rows.
    assert [codeowners.entries[i].line for i in made] == [10, 13, 4003, 5002, 5003]


def test_an_entry_made_late_is_the_entry_made_at_once() -> None:
    lazy = parse("/a/ @o @o/t @o\n*.md x@y.z\n", "CODEOWNERS", "github")
    assert lazy.entries[-1] == Entry(Rule(1, "x@y.z", "*.md", Origin("CODEOWNERS", 2, 1), Pattern("*.md")),
                                     ("x@y.z",), text="*.md", key="*.md")
    assert lazy.entries[0].owners == ("@o", "@o/t") and lazy.entries[0].rule.role == "@o @o/t"
    assert lazy.entries[:1] == (lazy.entries[0],) and len(lazy.entries) == 2
    assert lazy.entries.owner_order() == {"@o": 0, "@o/t": 1, "x@y.z": 2}


# --- a role map's rules: rows until asked for ----------------------------------------------------------

@settings(max_examples=800, deadline=None)
@given(st.lists(st.one_of(globs, st.sampled_from(["a\nb", "/", "//", "x/./y", "..", "\\#x", "!x", " ", ""])),
                max_size=6))
def test_many_globs_are_plain_together_exactly_when_each_is_plain(some: List[str]) -> None:
    if any("\n" in glob for glob in some):
        assert not all_plain(some)  # a line end inside: each is asked alone
    else:
        assert all_plain(some) == all(map(is_plain, some))


OWNER_PIECES = ["@", "@@", "a", "A1", "-", ".", "/", "x@y.z", "@org/team", " ", "\n", "é", "_", "\x00", "@b"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.lists(st.sampled_from(OWNER_PIECES), min_size=1, max_size=4).map("".join), max_size=5))
@example(["@alice", "bob@example.com", "@org/team"])
@example(["@alice\n@bob"])
def test_many_owners_are_valid_together_exactly_when_each_is(owners: List[str]) -> None:
    assert valid_owners(owners) == all(map(valid_owner, owners))
    assert valid_members(owners) == all(map(valid_member, owners))


def _rolemap_text(some_globs: List[str], raci: bool) -> str:
    """A role map with the globs spread over three roles (the second names owners and members, the third may
    hold a RACI letter) and an ignore list."""
    quoted = [json.dumps(glob) for glob in some_globs]
    letter = 'accountable = ["/a/"]\n' if raci else 'description = "C"\n'
    return (f'[settings]\nignore = [{", ".join(quoted[:1])}]\n\n'
            f'[roles."a"]\npaths = [{", ".join(quoted[::3])}]\n\n'
            f'[roles."b"]\nowners = ["@org/b"]\nmembers = ["b@example.com"]\npaths = [\n  {", ".join(quoted[1::3])}\n]\n\n'
            f'[roles."c"]\n{letter}paths = [{", ".join(quoted[2::3])}]\n')


@settings(max_examples=800, deadline=None)
@given(st.lists(globs, min_size=1, max_size=7), st.lists(paths, min_size=1, max_size=3), st.booleans())
@example(["/a/b", "a//b", "*/a", "\\#x", "a/", "/c.d/x", "x/../y"], ["a/b"], False)
@example(["/a", "b/", "/c", "bad//", "d"], ["a"], False)
@example(["/a", "b/", "/c", "*.md", "d"], ["a", "c/x.md"], False)
def test_a_role_map_read_as_rows_is_the_role_map_read_pattern_by_pattern(some_globs: List[str],
                                                                        some_paths: List[str], raci: bool) -> None:
    """Issue 14: a role map's patterns are kept as rows, checked all at once; the rules made from them, their
    origins, the errors and a hook's selection are those of reading every pattern on its own."""
    text = _rolemap_text(some_globs, raci)
    document = loads_plain(text) or toml_reference.loads(text)  # tomllib's where a glob needs an escape
    validator = _Validator(text, "ownership.toml", ())
    quick = validator.quick_roles(document["roles"])
    try:
        careful = validator.roles(document["roles"])
    except ConfigError as err:  # the first error in document order: the quick reading passed it on
        assert quick is None
        with pytest.raises(ConfigError) as raised:
            parse_rolemap(text, "ownership.toml")
        assert str(raised.value) == str(err)
        return
    parsed = parse_rolemap(text, "ownership.toml")  # the roles' patterns are valid: so is the rest of the map
    assert isinstance(careful, tuple) and isinstance(parsed, RoleMap)
    careful_roles = Roles(careful[0], "ownership.toml", lambda name: validator.where("roles", name))
    if quick is not None:
        assert quick[1] == careful[1] and Roles(quick[0]) == careful_roles
    assert [(r, str(r.origin), r.has_owners) for r in parsed.roles] == [
        (r, str(r.origin), r.has_owners) for r in careful_roles]
    careful_map = _Validator(text, "ownership.toml", ()).rolemap(document)
    assert parsed == careful_map
    assert [(r.glob, str(r.origin)) for r in parsed.rules] == [(r.glob, str(r.origin)) for r in careful_map.rules]
    keys = PathKeys(some_paths)
    fresh = parse_rolemap(text, "ownership.toml")
    assert fresh.select(keys) == tuple(r for r in careful_map.all_rules if keys.may_match(r.pattern) and
                                       keys.could_hold(r.glob))


def test_a_role_maps_rules_are_made_for_the_files_a_hook_checks_only() -> None:
    """Issue 14: of 5,002 patterns, the rules of the six whose literal segments the five files hold are made."""
    rolemap = parse_rolemap(_rolemap_of_5000_patterns(), "ownership.toml")
    assert isinstance(rolemap.rules, Rules) and len(rolemap.rules) == 5002
    chosen = rolemap.select(PathKeys(FIVE))
    assert [i for i, item in enumerate(rolemap.rules._items) if not isinstance(item, tuple)] == [
        7, 10, 4500, 4999, 5000, 5001]
    assert [(r.index, r.role, r.glob, str(r.origin)) for r in chosen] == [
        (7, "team-1", "/services/svc7/", "ownership.toml:10:48"),
        (10, "team-2", "/services/svc10/", "ownership.toml:14:10"),
        (4500, "team-900", "/services/svc4500/", "ownership.toml:3606:10"),
        (4999, "team-999", "/services/svc4999/", "ownership.toml:4002:98"),
        (5000, "docs", "*.md", "ownership.toml:4006:3"),
        (5001, "docs", "/services/svc10/", "ownership.toml:4007:3")]
    assert rolemap.rules[4500] is chosen[2] and rolemap.rules == careful_rules(_rolemap_of_5000_patterns())
    text = _rolemap_of_5000_patterns()
    document = loads_plain(text)
    assert document is not None and _Validator(text, "ownership.toml", ()).quick_roles(document["roles"]) is not None


def test_a_hooks_report_makes_the_roles_of_the_rules_its_files_may_match_only() -> None:
    rolemap = parse_rolemap(_rolemap_of_5000_patterns(), "ownership.toml")
    report = build_report(rolemap, FIVE, ".", whole_tree=False)
    assert isinstance(rolemap.roles, Roles) and len(rolemap.roles) == 1001
    made = [rolemap.roles[i].name for i, item in enumerate(rolemap.roles._items) if not isinstance(item, tuple)]
    assert made == ["team-1", "team-2", "team-900", "team-999", "docs"]  # (read after the report: none made since)
    assert [(entry.role.name, str(entry.role.origin), entry.files) for entry in report.roles] == [
        ("team-1", "ownership.toml:8:1", ("services/svc7/b.c",)),  # its paths are on line 10 (the rule's origin)
        ("team-900", "ownership.toml:3604:1", ("services/svc4500/a.py",)),
        ("team-999", "ownership.toml:4000:1", ("services/svc4999/README.md",))]


def careful_rules(text: str) -> Tuple[Rule, ...]:
    document = loads_plain(text)
    assert document is not None
    validator = _Validator(text, "ownership.toml", ())
    return tuple(Rules(validator.roles(document["roles"])[1], "ownership.toml",
                       lambda role, i: validator.where("roles", role, "paths", i)))


def test_the_first_error_in_document_order_is_raised_though_the_patterns_are_checked_last() -> None:
    text = ('[roles."a"]\npaths = ["/a/", "/b//c"]\n\n[roles."b"]\nowners = ["nobody"]\npaths = ["/x/"]\n')
    with pytest.raises(ConfigError) as raised:
        parse_rolemap(text, "ownership.toml")
    assert str(raised.value) == ("ownership.toml:2:17: pattern '/b//c' has an empty segment ('//') and can never "
                                 "match")
    later = text.replace('"/b//c"', '"/b/c"')
    with pytest.raises(ConfigError) as raised:
        parse_rolemap(later, "ownership.toml")
    assert str(raised.value).startswith("ownership.toml:5:11: role 'b': owner 'nobody' is not")


def test_a_regular_expression_compiled_on_first_use_answers_as_the_compiled_one() -> None:
    lazy, compiled = regex(r"^(a+)(b)?$", re.M), re.compile(r"^(a+)(b)?$", re.M)
    assert "match" not in vars(lazy)  # not compiled yet
    found, expected = lazy.fullmatch("aab"), compiled.fullmatch("aab")
    assert found is not None and expected is not None and found.groups() == expected.groups() == ("aa", "b")
    assert "match" in vars(lazy) and lazy.findall("a\nab\nc") == compiled.findall("a\nab\nc") == [("a", ""), ("a", "b")]
    assert lazy.pattern == compiled.pattern and lazy.sub("x", "aa") == "x"


def test_a_record_compares_hashes_shows_and_copies_as_the_dataclass_it_replaces() -> None:
    """``core.record.Record``: the value semantics of ``dataclass(frozen=True)``, fields left out as
    ``field(compare=False, repr=False)`` left them out."""
    origin = Origin("CODEOWNERS", 3, 1)
    one, two = Rule(0, "r", "a/", origin, Pattern("a/")), Rule(0, "r", "a/", origin, Pattern("a/"))
    assert one == two and hash(one) == hash(two) and one != one.replace(index=1)
    assert repr(one) == "Rule(index=0, role='r', glob='a/', origin=Origin('CODEOWNERS', 3, 1))"
    assert one.replace(index=4).index == 4 and one.replace(index=4).pattern is one.pattern
    assert Role("r", owners=("@a",)) == Role("r", owners=("@a",), has_owners=True, origin=origin)
    assert Role("r") != Rule(0, "r", "a/", origin, Pattern("a/")) and (one == "x") is False


def test_a_record_subclass_of_a_record_class_adds_its_fields_after_the_inherited_ones() -> None:
    """As a dataclass's subclass does: ``ShadowedRule(UnusedRule)`` compares, hashes, shows and copies the
    inherited ``rule`` and ``hint`` and its own ``files`` and ``winners``; it never equals its parent."""
    rule = Rule(0, "Ops", "tf/", Origin("ownership.toml", 3, 1), Pattern("tf/"))
    shadowed = ShadowedRule(rule, files=2, winners=(rule,))
    same = ShadowedRule(rule, "", 2, (rule,))
    assert shadowed == same and hash(shadowed) == hash(same) and shadowed is not same
    assert shadowed != shadowed.replace(hint="x") and shadowed != shadowed.replace(files=3)
    assert shadowed != UnusedRule(rule) and UnusedRule(rule) != shadowed
    assert repr(shadowed.replace(winners=())) == (
        "ShadowedRule(rule=Rule(index=0, role='Ops', glob='tf/', origin=Origin('ownership.toml', 3, 1)), hint='', "
        "files=2, winners=())")
    assert shadowed.replace(hint="h").hint == "h" and shadowed.replace(hint="h").winners == (rule,)


# --- the role map's plain TOML -----------------------------------------------------------------------

TOML_PIECES = [
    '[roles."a"]\n', "[roles.b]\n", "[ roles . 'c d' ]\n", "[settings]\n", "[[x]]\n", "[roles]\n", "[a.b]\n", "[a]\n",
    'paths = ["a", "b/"]\n', "paths = [\n  \"x\", # c\n  'y',\n]\n", "owners = []\n", 'description = "d"\n',
    "resolution = 'last'\n", "# comment\n", "\n", "  \t\n", 'a = "x" # c\n', "a = 1\n", 'a = ["x",]\n', "a = [,]\n",
    'a.b = "x"\n', '"" = "e"\n', 'a = "\\n"\n', 'a = """x"""\n', 'a = "x\r\n', "\r\n", "a = 'x'\r\n", 'a = ["x"] y\n',
    'a = ["x" "y"]\n', 'a = [["x"]]\n', 'a = "x"', 'x = "\t"\n', 'x = "\x01"\n', "# \x01\n", 'é = "x"\n', '"é" = "x"\n',
    "a = [ ]\n", "a = [\n]\n", "[a]]\n", 'a="x"\n', "[a] x\n", 'a = ["x" # c\n, "y"]\n', '\u00a0a = "x"\n',
    "a = 'it''s'\n", 'a = "x"\r', '["roles"."q"]\n', "[" + ".".join("k" * 33) + "]\n",
    # a role's header, read by its own groups: a dot or a quote inside, blanks around the dot, a third part
    '[roles."a.b"]\n', '[roles . "a"]\n', '[roles."a".c]\n', '[roles."a\\"b"]\n', '[roles.""]\n', '[a."b\tc"]\n',
    # arrays over several lines: comments holding quotes, "#" and "]", blank lines, a comma on the next line
    'a = [\n  "x", # it\'s "q" # ]\n  # only a comment\n\n  \'y\' # c\n  ,\n]\n', "a = [ # c\n]\n", 'a = [ "x" # c ]\n',
    'a = ["x",\n\n"y"]\n', 'a = [\n"x"\n"y"]\n', 'a = [\n"x",,\n]\n', 'a = [\n"#x" , \'#\' ]  # end\n', "a = [\n#",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(TOML_PIECES), min_size=1, max_size=6).map("".join))
@example('[settings]\nresolution = "last"\n\n[roles."a b"]\npaths = ["/x/", \'y\']\nowners = ["@a"]\n[roles]\n')
def test_plain_toml_reads_as_tomllib_or_leaves_the_text_to_it(text: str) -> None:
    try:
        expected = toml_reference.loads(text)
    except toml_reference.TOMLDecodeError:
        assert loads_plain(text) is None
        return
    found = loads_plain(text)
    assert found is None or repr(found) == repr(expected)  # the same keys, in the same order


def test_a_role_map_of_plain_tables_and_arrays_is_read_without_tomllib() -> None:
    text = '[settings]\nignore = ["vendor/"]  # generated\n\n[roles."API team"]\nowners = [\'@org/api\']\npaths = [\n  "/api/",\n  "*.proto",\n]\n'
    assert loads_plain(text) == {"settings": {"ignore": ["vendor/"]},
                                 "roles": {"API team": {"owners": ["@org/api"], "paths": ["/api/", "*.proto"]}}}


# --- end to end: the words -------------------------------------------------------------------

FIVE = ["services/svc10/main.go", "services/svc4500/a.py", "services/svc4999/README.md", "docs/x.txt",
        "services/svc7/b.c"]


def _codeowners_of_5000_rules() -> str:
    lines = ["# 5,000 rules, as a large monorepo writes them", ""]
    lines += [f"/services/svc{i}/ @org/team-{i % 97}" for i in range(5000)]
    lines[12] = "/services/svc10/ @org/first"
    lines[4002] = "/services/svc10/ @org/second  # moved"  # repeats line 13
    lines[4502] = "/services/svc4500/ not-an-owner"
    lines[4602] = "/services/[svc]/ @org/x"
    return "\n".join(lines + ["*.md @org/docs"]) + "\n"


def test_a_hook_check_of_5_files_against_5000_codeowners_lines_keeps_every_position_and_lint(
        repo: Callable[..., Path], run: Callable) -> None:
    """Issue 14: "A hook check of 5 files against 5,000 rules (CODEOWNERS ...) ... positions and lint stay
    exact": only the lines that can match the 5 files are resolved, every line is still checked."""
    top = repo({".github/CODEOWNERS": _codeowners_of_5000_rules(), **dict.fromkeys(FIVE, "")})
    assert run(["check", *FIVE], cwd=top) == (1, (
        ".github/CODEOWNERS:4503:20: error: invalid owner: 'not-an-owner' is not a valid owner: did you mean "
        "'@not-an-owner'?\n"
        ".github/CODEOWNERS:4603:11: error: invalid pattern: both '[' and ']' must be escaped with '\\': GitHub "
        "has no character ranges\n"
        "docs/x.txt: unowned: no line gives it an owner\n"
        "services/svc4500/a.py: unowned: no line gives it an owner\n"
        ".github/CODEOWNERS:4003:1: duplicate: pattern '/services/svc10/' repeats line 13: line 13 has no "
        "effect, this line wins\n"
        "4 problems (2 error, 2 unowned) in 5 files checked; 1 warning (1 duplicate)\n"), "")
    code, out, _ = run(["who", "services/svc10/main.go"], cwd=top)
    assert code == 0 and ".github/CODEOWNERS:4003:1" in out


def _rolemap_of_5000_patterns(bad: str = "") -> str:
    out = ['[settings]\nresolution = "specific"\n']
    for r in range(1000):
        globs = ", ".join(f'"/services/svc{r * 5 + k}/{bad if r * 5 + k == 4998 else ""}"' for k in range(5))
        out.append(f'[roles."team-{r}"]\nowners = ["@org/team-{r}"]\npaths = [{globs}]\n')
    out.append('[roles."docs"]\npaths = [\n  "*.md",\n  "/services/svc10/",\n]\n')
    return "\n".join(out)


def test_a_hook_check_of_5_files_against_a_role_map_of_5000_patterns_keeps_every_position(
        repo: Callable[..., Path], run: Callable) -> None:
    """Issue 14: "... and a role map of 5,000 patterns": the conflict names both rules where they are written."""
    top = repo({"ownership.toml": _rolemap_of_5000_patterns(), **dict.fromkeys(FIVE, "")})
    assert run(["check", *FIVE], cwd=top) == (1, (
        "docs/x.txt: unowned: no rule matches\n"
        "services/svc10/main.go: conflict: team-2 (/services/svc10/, ownership.toml:14:10) and docs "
        "(/services/svc10/, ownership.toml:4007:3) claim it\n"
        "2 problems (1 unowned, 1 conflict) in 5 files checked\n"), "")


def test_a_bad_pattern_among_5000_is_still_found_where_it_is_written(repo: Callable[..., Path],
                                                                      run: Callable) -> None:
    top = repo({"ownership.toml": _rolemap_of_5000_patterns(bad="/")})
    assert run(["check", *FIVE], cwd=top) == (2, "", (
        "ownership: error: ownership.toml:4002:76: pattern '/services/svc4998//' has an empty segment ('//') "
        "and can never match\n"))


# --- start-up: a command imports only what it runs (issue 14, point 3; the times are in benchmarks/run.py) ---

_IMPORTED = ("import sys; from ownership.cli import main; code = main(sys.argv[1:]); "
             "print(sorted(m for m in sys.modules if m.startswith(('ownership.cli.', 'ownership.formatters.'))"
             " or m in ('git', 'subprocess', 'tomllib', 'tomli', 'difflib', 'json'))); sys.exit(code)")


def _imported(args: List[str], cwd: Path) -> List[str]:
    import ast
    import subprocess

    done = subprocess.run([sys.executable, "-c", _IMPORTED, *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return ast.literal_eval(done.stdout.splitlines()[-1])


def test_the_command_leaves_its_objects_to_the_operating_system(tmp_path: Path) -> None:
    """The console script and ``python -m ownership`` run ``cli.run``: the run's objects are frozen, so that
    the interpreter's last garbage collection at exit skips them (issue 14; the time is in benchmarks/run.py)."""
    import gc
    import subprocess

    from ownership.cli import run as run_command

    before = gc.get_freeze_count()
    try:
        assert run_command(["--version"]) == 0
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
    done = subprocess.run([sys.executable, "-m", "ownership", "--version"], capture_output=True, text=True)
    assert (done.returncode, done.stdout.startswith("ownership, version "), done.stderr) == (0, True, "")


def test_version_imports_no_command(tmp_path: Path) -> None:
    assert _imported(["--version"], tmp_path) == ["ownership.cli.options"]  # where output errors are


def test_a_hook_check_imports_its_command_and_its_format_only(repo: Callable[..., Path]) -> None:
    top = repo({".github/CODEOWNERS": "/a/ @org/a\n", "ownership.toml": '[roles."r"]\npaths = ["/a/"]\n', "a/x.py": ""},
               name="both")
    assert _imported(["check", "a/x.py"], top) == [
        "ownership.cli.alignment", "ownership.cli.baseline", "ownership.cli.check", "ownership.cli.options",
        "ownership.formatters.escape", "ownership.formatters.text"]  # alignment: only the history options
    alone = repo({".github/CODEOWNERS": "/a/ @org/a\n", "a/x.py": ""}, name="alone")
    assert _imported(["check", "a/x.py"], alone) == _imported(["check", "a/x.py"], top)


def test_a_role_maps_hook_imports_no_codeowners_reader_and_no_dataclasses(repo: Callable[..., Path]) -> None:
    """A role map's hook reads no CODEOWNERS and lints nothing; the result model is made of ``Record`` classes
    (creating dataclasses at import cost more than the check of a few files; issue 14)."""
    import subprocess

    script = ("import sys; from ownership.cli import main; code = main(sys.argv[1:]); print(sorted(m for m in "
              "('dataclasses', 'ownership.codeowners.parse', 'ownership.codeowners.lexer', 'ownership.codeowners.lint',"
              " 'ownership.codeowners.match', 'ownership.codeowners.syntax', 'ownership.analysis.codeowners',"
              " 'ownership.rolemap.tomlpos')"
              " if m in sys.modules)); sys.exit(code)")
    top = repo({"ownership.toml": '[roles."r"]\npaths = ["/a/"]\n', "a/x.py": "", "b.py": ""})
    done = subprocess.run([sys.executable, "-c", script, "check", "a/x.py", "b.py"], cwd=top, capture_output=True,
                          text=True)
    assert (done.returncode, done.stdout) == (1, "b.py: unowned: no rule matches\n"
                                                 "1 problem (1 unowned) in 2 files checked\n[]\n")
