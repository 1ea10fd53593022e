"""Importing CODEOWNERS into a role map: roles per owner set, ordered parts where the order matters, pattern
overlap, exactness on random files and on every corpus in ../shared/corpora, and ``ownership import``."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Callable, Dict, FrozenSet, List, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPORA, SHARED, git, needs_corpora, write_tree
from ownership.codeowners.syntax import GITHUB, GITLAB, CodeOwners
from ownership.codeowners.match import resolve
from ownership.codeowners.parse import parse
from ownership.rolemap.parse import parse_rolemap
from ownership.errors import ConfigError, PatternError
from ownership.codeowners.export import export
from ownership.codeowners.gitlab_patterns import compile_gitlab
from ownership.codeowners.importer import import_codeowners, render, rolemap_glob
from ownership.core.matcher import OWNED, decide, matching_rules
from ownership.core.resolver import Resolver
from ownership.core.overlap import overlap
from ownership.core.patterns import Pattern
from ownership.core.rules import RoleMap


SAMPLE = """\
# Global owners
* @acme/core

# Data pipelines
data/ @acme/data-eng lead@acme.io
*.sql lead@acme.io @acme/data-eng
# Models
models/ @acme/ml
/models/legacy/ @acme/data-eng lead@acme.io

docs/generated/
[a-z]*.txt @acme/docs
/docs/ @acme/docs @bad_user!
docs/"quoted".md @acme/docs
"""


def imported(text: str) -> Tuple[RoleMap, List[str]]:
    result = import_codeowners(parse(text, "CODEOWNERS"))
    return parse_rolemap(render(result), "ownership.toml"), result.notes()


def roles(rolemap: RoleMap) -> List[Tuple[str, Tuple[str, ...], List[str]]]:
    return [(r.name, r.owners, [rule.glob for rule in rolemap.rules if rule.role == r.name]) for r in rolemap.roles]


def original_owners(codeowners: CodeOwners, path: str) -> FrozenSet[str]:
    """What the platform gives ``path``, the plain way: the owners of the last matching line."""
    last = [e for e in codeowners.entries if e.rule.pattern.matches(path)]
    return frozenset(last[-1].owners) if last else frozenset()


def rolemap_owners(rolemap: RoleMap, path: str) -> FrozenSet[str]:
    outcome = decide(matching_rules(rolemap.all_rules, path), rolemap.resolution)
    owners = {role.name: frozenset(role.owners) for role in rolemap.roles}
    return owners[outcome.winner.role] if outcome.status == OWNED and outcome.winner.role else frozenset()  # type: ignore[union-attr,index]


# --- roles from owner sets ------------------------------------------------------------------------------------


def test_one_role_per_owner_set_named_from_its_owners_with_block_comments_as_descriptions() -> None:
    result = import_codeowners(parse(SAMPLE, "CODEOWNERS"))
    assert render(result) == """\
# Role map imported from CODEOWNERS by `ownership import`: one role per owner set. The roles
# keep the order of the CODEOWNERS lines that decide between them, so the last matching pattern
# wins as in CODEOWNERS (resolution "last"). Add or rename roles freely; keep that order.

[settings]
resolution = "last"

[roles."acme/core"]
description = "Global owners"
owners = ["@acme/core"]
paths = ["*"]

[roles."acme/data-eng, lead@acme.io"]
description = "Data pipelines"
owners = ["@acme/data-eng", "lead@acme.io"]
paths = ["data/", "*.sql"]

[roles."acme/ml"]
description = "Models"
owners = ["@acme/ml"]
paths = ["models/"]

[roles."acme/data-eng, lead@acme.io (2)"]
description = "Models"
owners = ["@acme/data-eng", "lead@acme.io"]
paths = ["/models/legacy/"]

[roles."no owners"]
owners = []
paths = ["docs/generated/"]

[roles."acme/docs"]
owners = ["@acme/docs"]
paths = ["docs/\\"quoted\\".md"]
"""
    assert [(p.line, p.kind) for p in result.skipped] == [(12, "invalid pattern"), (13, "invalid owner")]
    assert result.notes() == [
        "owner set 'acme/data-eng, lead@acme.io' split into 2 ordered parts ('acme/data-eng, lead@acme.io', "
        "'acme/data-eng, lead@acme.io (2)'): as one role it would change which line wins for some paths"]


def test_lines_of_one_owner_set_that_no_other_line_comes_between_are_one_role() -> None:
    rolemap, notes = imported("/a/ @x\n/b/ @y\n/c/ @x\n*.md @z\n/d/ @x\n")
    assert roles(rolemap) == [("x", ("@x",), ["/a/", "/c/"]), ("y", ("@y",), ["/b/"]),
                              ("z", ("@z",), ["*.md"]), ("x (2)", ("@x",), ["/d/"])]  # d/README.md: @x wins
    assert notes[0].startswith("owner set 'x' split into 2 ordered parts ('x', 'x (2)')")


def test_an_owner_set_that_can_wait_is_laid_out_later_rather_than_split() -> None:
    rolemap, notes = imported("/a/ @x\n/b/ @y\n/b/c/ @x\n")
    assert roles(rolemap) == [("y", ("@y",), ["/b/"]), ("x", ("@x",), ["/a/", "/b/c/"])]
    assert notes == []


def test_owner_order_and_repeats_do_not_make_another_owner_set() -> None:
    rolemap, _ = imported("a/ @x @y\nb/ @y @x @y\n")
    assert roles(rolemap) == [("x, y", ("@x", "@y"), ["a/", "b/"])]


def test_owner_less_lines_are_a_role_with_no_owners() -> None:
    rolemap, _ = imported("* @x\n/vendor/\n")
    assert roles(rolemap) == [("x", ("@x",), ["*"]), ("no owners", (), ["/vendor/"])]
    assert rolemap.roles[1].has_owners


def test_nothing_to_import_is_an_error() -> None:
    with pytest.raises(ConfigError, match="^CODEOWNERS: nothing to import: no valid rule lines$"):
        import_codeowners(parse("# only a comment\n[x] @a\n", "CODEOWNERS", GITHUB))


def test_gitlab_single_section_with_default_owners_imports_but_several_sections_do_not() -> None:
    rolemap, _ = imported("[Docs] @docs\n/docs/\n/docs/api/ @api\n")
    assert roles(rolemap) == [("docs", ("@docs",), ["/docs/"]), ("api", ("@api",), ["/docs/api/"])]
    with pytest.raises(ConfigError, match="cannot import 2 GitLab sections"):
        import_codeowners(parse("[A]\na/ @a\n[B]\nb/ @b\n", "CODEOWNERS"))
    with pytest.raises(ConfigError) as info:
        import_codeowners(parse("[A]\na/ @a\n!a/b/\n", "CODEOWNERS"))
    assert str(info.value) == ("CODEOWNERS:3:1: cannot import an exclusion ('!pattern'): a role map has no way to "
                               "leave a section out")


# --- overlap ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("a,b,expected", [
    ("/docs/", "/src/", False),
    ("docs/", "*.md", True),
    ("docs/*", "docs/a/b", False),  # docs/* is the direct children only
    ("docs/*", "docs/a", True),
    ("/a/*.py", "/a/*.md", False),
    ("*.py", "*.md", True),  # a directory named x.py holding y.md
    ("x?y", "xy", True),  # xay/xy
    ("/a/*", "/a/b/", False),
    ("/a/**/b", "/a/c", True),
    ("**/", "/a", True),
    ("/x/a*b", "/x/*c", False),
])
def test_overlap_table(a: str, b: str, expected: bool) -> None:
    assert overlap(Pattern(a), Pattern(b)) is expected
    assert overlap(Pattern(b), Pattern(a)) is expected


SEGMENTS = ["a", "b", "*", "**", "?", "*.py", "a*", "*b", "?.md"]
NAMES = ["a", "b", "ab", "ba", "x.py", "a.md", "b.py", "c"]


@st.composite
def globs(draw: st.DrawFn) -> str:
    body = "/".join(draw(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=3)))
    return draw(st.sampled_from(["", "/"])) + body + draw(st.sampled_from(["", "", "/"]))


paths = st.lists(st.sampled_from(NAMES), min_size=1, max_size=4).map("/".join)


@settings(max_examples=300, deadline=None)
@given(a=globs(), b=globs(), candidates=st.lists(paths, min_size=1, max_size=20))
def test_overlap_never_misses_a_common_path(a: str, b: str, candidates: List[str]) -> None:
    first, second = Pattern(a), Pattern(b)
    if any(first.matches(p) and second.matches(p) for p in candidates):
        assert overlap(first, second)


# --- exactness --------------------------------------------------------------------------------------------------

OWNER_SETS = ["", "@x", "@y", "@x @y", "@y @x", "@z"]


@st.composite
def codeowners_texts(draw: st.DrawFn) -> str:
    lines = [f"{draw(globs())} {draw(st.sampled_from(OWNER_SETS))}".rstrip() for _ in range(draw(st.integers(1, 12)))]
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None)
@given(text=codeowners_texts(), files=st.lists(paths, max_size=30, unique=True))
def test_import_is_exact_on_random_codeowners(text: str, files: List[str]) -> None:
    original = parse(text, "CODEOWNERS", GITHUB)
    rolemap = parse_rolemap(render(import_codeowners(original)), "ownership.toml")
    exported = parse(export(rolemap, files).text, "CODEOWNERS", GITHUB)
    for path in files:
        want = original_owners(original, path)
        assert rolemap_owners(rolemap, path) == want, path
        assert original_owners(exported, path) == want, path


# --- GitLab: patterns read as GitLab reads them ----------------------------------------------------------------


@pytest.mark.parametrize("gitlab,glob,exact", [
    ("docs/", "docs/", True),  # everything beneath any docs directory, on both
    ("/docs/", "/docs/", True),
    ("a/b/", "**/a/b/", True),  # an inner slash does not anchor on GitLab
    ("docs/*", "**/docs/*", True),
    ("docs/**", "**/docs/*", True),  # a last "**" is a plain "*": direct children
    ("/**", "/*", True),
    ("*", "*", True),
    ("**/", "*", True),
    ("x/**/*", "x/", True),
    ("a/b", "**/a/b", False),  # files only on GitLab; the role map's also takes a directory's contents
    ("/a/b", "/a/b", False),
    ("*.md", "*.md", False),
    ("**/x", "x", False),
    ("#x", "**/#x", False),  # a role-map pattern cannot start with '#'
    ("x\\*y?", "x\\*y?", False),
    ("a ", "a\\ ", False),
])
def test_gitlab_patterns_become_role_map_patterns(gitlab: str, glob: str, exact: bool) -> None:
    assert rolemap_glob(compile_gitlab(gitlab)) == (glob, exact)


def test_a_gitlab_character_class_cannot_be_imported() -> None:
    with pytest.raises(PatternError, match=r"^GitLab reads '\[Dd\]ockerfile' with a character class"):
        rolemap_glob(compile_gitlab("[Dd]ockerfile"))
    with pytest.raises(ConfigError) as info:
        import_codeowners(parse("* @a\nsrc/*.[ch] @b\n", "CODEOWNERS", GITLAB), [])
    assert str(info.value) == ("CODEOWNERS:2:1: cannot import GitLab's 'src/*.[ch]': GitLab reads '*.[ch]' with a "
                               "character class ('[ ]'), which a role map cannot write")


GITLAB_SEGMENTS = ["a", "b", "*", "**", "?", "*.py", "a*", "\\*", "x y", "#a"]
GITLAB_NAMES = ["a", "b", "ab", "x.py", "*", "x y", "#a", "a.py"]
gitlab_paths = st.lists(st.sampled_from(GITLAB_NAMES), min_size=1, max_size=5).map("/".join)


@settings(max_examples=500, deadline=None)
@given(lead=st.sampled_from(["", "/"]), body=st.lists(st.sampled_from(GITLAB_SEGMENTS), min_size=1, max_size=4),
       trail=st.sampled_from(["", "", "/"]), candidates=st.lists(gitlab_paths, min_size=1, max_size=20))
def test_gitlab_patterns_and_their_role_map_patterns_match_the_same_paths(lead: str, body: List[str], trail: str,
                                                                           candidates: List[str]) -> None:
    gitlab = compile_gitlab(lead + "/".join(body) + trail)
    glob, exact = rolemap_glob(gitlab)
    beneath = Pattern(glob if exact else glob + "/")  # what the role map's adds where GitLab's matches only files
    for path in candidates:
        want = gitlab.matches(path) or (not exact and beneath.matches(path))
        assert Pattern(glob).matches(path) == want, path


GITLAB_FILE = """\
* @core
a/b @x
docs/** @docs
*.md @md
/vendor/
a/b/ @x
"""
GITLAB_TREE = ["README.md", "a/b", "k/a/b", "a/b/c.md", "docs/x.md", "docs/api/y.md", "vendor/lib.md", "src/main.py"]


def test_gitlab_import_reads_patterns_as_gitlab_does() -> None:
    codeowners = parse(GITLAB_FILE, "CODEOWNERS", GITLAB)
    result = import_codeowners(codeowners, GITLAB_TREE)
    rolemap = parse_rolemap(render(result), "ownership.toml")
    assert roles(rolemap) == [("core", ("@core",), ["*"]), ("x", ("@x",), ["**/a/b"]),
                              ("docs", ("@docs",), ["**/docs/*"]), ("md", ("@md",), ["*.md"]),
                              ("no owners", (), ["/vendor/"]),
                              ("x (2)", ("@x",), ["**/a/b/"])]  # a/b/c.md: *.md, then a/b/
    want = [frozenset(o.owners) for o in resolve(codeowners, GITLAB_TREE)[0]]
    assert [rolemap_owners(rolemap, path) for path in GITLAB_TREE] == want
    assert want[GITLAB_TREE.index("docs/api/y.md")] == {"@md"}  # docs/** is the direct children only
    assert [(p.line, p.kind) for p in result.kept] == [(5, "missing owner")] and result.skipped == ()
    assert result.notes()[1:] == [
        "2 GitLab patterns match only files ('**/a/b', '*.md'); in the role map they also take what is beneath a "
        "directory of that name, which gives no file of the tree other owners"]


def test_gitlab_import_refuses_a_files_only_pattern_when_the_tree_has_such_a_directory() -> None:
    codeowners = parse(GITLAB_FILE, "CODEOWNERS", GITLAB)
    with pytest.raises(ConfigError) as info:
        import_codeowners(codeowners, GITLAB_TREE + ["notes.md/today.txt"])
    assert str(info.value) == ("CODEOWNERS:4:1: cannot import GitLab's '*.md' exactly: it matches only files, while "
                               "the role map's '*.md' also takes what is beneath a directory of that name, such as "
                               "'notes.md/today.txt'")
    with pytest.raises(ConfigError, match=r"^CODEOWNERS:2:1: cannot import GitLab's 'a/b' without the repository's"):
        import_codeowners(codeowners)


def test_gitlab_import_keeps_a_repeated_pattern_at_its_first_lines_place() -> None:
    codeowners = parse("a/ @x\n*.md @md\na/ @y\n", "CODEOWNERS", GITLAB)
    rolemap = parse_rolemap(render(import_codeowners(codeowners, [])), "ownership.toml")
    assert roles(rolemap) == [("y", ("@y",), ["a/"]), ("md", ("@md",), ["*.md"])]
    assert [rolemap_owners(rolemap, p) for p in ("a/x.md", "a/x")] == [{"@md"}, {"@y"}]


@st.composite
def gitlab_texts(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 10))):
        glob = draw(st.sampled_from(["", "/"])) + "/".join(draw(st.lists(st.sampled_from(GITLAB_SEGMENTS[:7]),
                                                                           min_size=1, max_size=3)))
        glob += draw(st.sampled_from(["", "", "/"]))
        lines.append(f"{glob} {draw(st.sampled_from(OWNER_SETS))}".rstrip())
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None)
@given(text=gitlab_texts(), files=st.lists(gitlab_paths, max_size=30, unique=True))
def test_gitlab_import_is_exact_on_random_codeowners_or_refuses(text: str, files: List[str]) -> None:
    files = [f for f in files if not any(f.startswith(g + "/") for g in files)]  # a path is a file or a directory
    original = parse(text, "CODEOWNERS", GITLAB)
    try:
        rolemap = parse_rolemap(render(import_codeowners(original, files)), "ownership.toml")
    except ConfigError as err:
        assert "also takes what is beneath a directory of that name, such as" in str(err)
        return
    want = [frozenset(o.owners) for o in resolve(original, files)[0]]
    assert [rolemap_owners(rolemap, path) for path in files] == want
    exported = parse(export(rolemap, files, dialect=GITLAB).text, "CODEOWNERS", GITLAB)
    assert [frozenset(o.owners) for o in resolve(exported, files)[0]] == want


def corpus_figures(corpus: Path) -> Dict[str, int]:
    """Import the corpus's CODEOWNERS, export the role map again, and count every file whose owners differ."""
    files = (corpus / "files.txt").read_text(encoding="utf-8").splitlines()
    original = parse((corpus / "CODEOWNERS").read_text(encoding="utf-8"), "CODEOWNERS", GITHUB)
    result = import_codeowners(original)
    rolemap = parse_rolemap(render(result), "ownership.toml")
    want = [frozenset(o.owners) for o in resolve(original, files)[0]]
    owners = {role.name: frozenset(role.owners) for role in rolemap.roles}
    by_rolemap = [owners[o.owner] if o.status == OWNED and o.owner else frozenset()
                  for o in Resolver(rolemap.all_rules, rolemap.resolution).resolve(files)]
    generated = export(rolemap, files)
    again = parse(generated.text, "CODEOWNERS", GITHUB)
    assert again.problems == ()
    by_export = [frozenset(o.owners) for o in resolve(again, files)[0]]
    return {
        "files": len(files), "lines": len(original.entries), "skipped": len(original.problems),
        "owner_sets": len({frozenset(e.owners) for e in original.entries}), "roles": len(result.roles),
        "owned": sum(1 for w in want if w), "explicit": len(generated.conflicts),
        "rolemap_mismatches": sum(1 for a, b in zip(by_rolemap, want) if a != b),
        "export_mismatches": sum(1 for a, b in zip(by_export, want) if a != b),
    }


@needs_corpora
@pytest.mark.parametrize("corpus", CORPORA or [SHARED], ids=lambda p: p.name)
def test_import_and_export_are_exact_file_by_file_on_every_corpus(corpus: Path) -> None:
    figures = corpus_figures(corpus)
    assert figures["rolemap_mismatches"] == 0, figures
    assert figures["export_mismatches"] == 0, figures
    assert figures["explicit"] == 0  # resolution "last": nothing to add
    assert figures["owned"] > 0 and figures["roles"] >= figures["owner_sets"]


# --- the command line ---------------------------------------------------------------------------------------


@pytest.fixture
def codeowners_repo(repo: Callable[..., Path]) -> Path:
    return repo({".github/CODEOWNERS": SAMPLE, "data/a.csv": "", "models/legacy/m.py": "", "models/x.py": "",
                 "docs/generated/api.md": "", "README.md": ""})


def test_import_writes_ownership_toml_at_the_top_and_says_what_it_did(codeowners_repo: Path, run: Callable) -> None:
    code, out, err = run(["import"], cwd=codeowners_repo / "docs")
    assert code == 0
    assert out == ("Wrote ../ownership.toml: 6 roles for 5 owner sets from 7 lines of ../.github/CODEOWNERS (2 skipped).\n"
                   "ownership.toml and .ownership-baseline.json are owned by @acme/core, as ../.github/CODEOWNERS was.\n")
    assert err == (
        "ownership: warning: ../.github/CODEOWNERS:12:1: invalid pattern: both '[' and ']' must be escaped with "
        "'\\': GitHub has no character ranges; line skipped\n"
        "ownership: warning: ../.github/CODEOWNERS:13:19: invalid owner: '@bad_user!' is not a valid owner: use "
        "@user, @org/team or an e-mail address; line skipped\n"
        "ownership: note: owner set 'acme/data-eng, lead@acme.io' split into 2 ordered parts ('acme/data-eng, "
        "lead@acme.io', 'acme/data-eng, lead@acme.io (2)'): as one role it would change which line wins for some "
        "paths\n")
    assert (codeowners_repo / "ownership.toml").read_text() == render(
        import_codeowners(parse(SAMPLE, "../.github/CODEOWNERS")))
    git(codeowners_repo, "add", "ownership.toml")
    code, out, _ = run(["report", "--format", "json", "--list"], cwd=codeowners_repo)
    by_role = {r["role"]: r["paths"] for r in json.loads(out)["roles"]}
    assert by_role["acme/data-eng, lead@acme.io (2)"] == ["models/legacy/m.py"]
    assert by_role["no owners"] == ["docs/generated/api.md"]


def test_import_never_overwrites_without_force(codeowners_repo: Path, run: Callable) -> None:
    write_tree(codeowners_repo, {"ownership.toml": "keep"})
    assert run(["import"], cwd=codeowners_repo) == (
        2, "", "ownership: error: ownership.toml exists; use --force to overwrite it\n")
    assert (codeowners_repo / "ownership.toml").read_text() == "keep"
    assert run(["import", "--force"], cwd=codeowners_repo)[0] == 0
    assert (codeowners_repo / "ownership.toml").read_text().startswith("# Role map imported from")


def test_import_a_given_file_to_a_given_output(codeowners_repo: Path, run: Callable, tmp_path: Path) -> None:
    write_tree(tmp_path, {"elsewhere/CODEOWNERS": "* @x\n"})
    code, out, err = run(["import", str(tmp_path / "elsewhere" / "CODEOWNERS"), "-o", "team.toml"],
                         cwd=codeowners_repo)
    assert (code, err) == (0, "")
    assert out.startswith("Wrote team.toml: 1 roles for 1 owner sets from 1 lines of ")
    assert 'paths = ["*"]' in (codeowners_repo / "team.toml").read_text()


def test_import_of_a_gitlab_file_says_how_it_read_its_lines(repo: Callable, run: Callable) -> None:
    top = repo({".gitlab/CODEOWNERS": "[Docs]\n* @core\n/vendor/\n*.md @md @-bad\n", "README.md": "", "vendor/a": ""})
    code, out, err = run(["import"], cwd=top)
    assert (code, out) == (0, "Wrote ownership.toml: 3 roles for 3 owner sets from 3 lines of .gitlab/CODEOWNERS.\n"
                              "ownership.toml and .ownership-baseline.json are owned by @core, as .gitlab/CODEOWNERS "
                              "was.\n")
    assert err == (
        "ownership: warning: .gitlab/CODEOWNERS:3:1: missing owner: pattern '/vendor/' has no owner and section [Docs] "
        "no default owners: GitLab counts the line as approved; imported as GitLab reads it\n"
        "ownership: warning: .gitlab/CODEOWNERS:4:10: invalid owner: '@-bad' is not a valid owner: use @user, "
        "@org/team, @@role or an e-mail address; imported as GitLab reads it\n"
        "ownership: note: 1 GitLab pattern matches only files ('*.md'); in the role map it also takes what is "
        "beneath a directory of that name, which gives no file of the tree other owners\n")
    assert 'paths = ["/vendor/"]' in (top / "ownership.toml").read_text()
    write_tree(top, {"x.md/y": ""})
    git(top, "add", "x.md/y")
    assert run(["import", "--force"], cwd=top) == (
        2, "", "ownership: error: .gitlab/CODEOWNERS:4:1: cannot import GitLab's '*.md' exactly: it matches only "
        "files, while the role map's '*.md' also takes what is beneath a directory of that name, such as 'x.md/y'\n")


@pytest.mark.parametrize("files,args,message", [
    ({"a": ""}, [], "no CODEOWNERS in .: looked for .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS, "
                    ".gitlab/CODEOWNERS"),
    ({"a": ""}, ["nope"], "nope: no such CODEOWNERS file"),
    ({"CODEOWNERS": "[a-z] @x\n"}, [], "CODEOWNERS: nothing to import: no valid rule lines"),
    ({"CODEOWNERS": "[A]\na @a\n[B]\nb @b\n"}, [], "CODEOWNERS: cannot import 2 GitLab sections: their owners "
                                                   "add up per file, while a role map gives each file one role"),
])
def test_import_errors_are_one_line_exit_2(repo: Callable, run: Callable, files: Dict[str, str], args: List[str],
                                           message: str) -> None:
    top = repo(files)
    assert run(["import", *args], cwd=top) == (2, "", f"ownership: error: {message}\n")


def test_import_help_has_examples(run: Callable) -> None:
    code, out, _ = run(["import", "--help"])
    assert code == 0 and "Examples:" in out and "ownership import" in out


@needs_corpora
def test_import_then_codeowners_on_a_real_repository_of_the_smallest_corpus(tmp_path: Path, run: Callable) -> None:
    corpus = min(CORPORA, key=lambda c: (c / "files.txt").stat().st_size)
    top = tmp_path / corpus.name
    subprocess.run([str(SHARED / "bench" / "make-repo"), "--fast-import", str(corpus), str(top)], check=True,
                   capture_output=True)
    location = next(p for p in (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
                    if git(top, "ls-files", "--", p).strip())
    git(top, "checkout", "--", location)  # the index has every file; the work tree needs only this one
    code, out, _ = run(["import"], cwd=top)
    assert code == 0 and out.startswith("Wrote ownership.toml: ")
    git(top, "add", "ownership.toml")
    assert run(["codeowners", "--write"], cwd=top)[0] == 2  # the original is not a generated file
    assert run(["codeowners", "--output", "GENERATED"], cwd=top)[0] == 0
    files = git(top, "ls-files", "-z").split("\0")[:-1]
    original = parse((corpus / "CODEOWNERS").read_text(encoding="utf-8"), "CODEOWNERS", GITHUB)
    generated = parse((top / "GENERATED").read_text(encoding="utf-8"), "GENERATED", GITHUB)
    want = [frozenset(o.owners) for o in resolve(original, files)[0]]
    # issue 12: the imported role map goes to whoever owned CODEOWNERS; every other file keeps its owners
    want[files.index("ownership.toml")] = want[files.index(location)]
    assert [frozenset(o.owners) for o in resolve(generated, files)[0]] == want
    assert run(["codeowners", "--write", "--force"], cwd=top)[0] == 0
    assert run(["codeowners", "--check"], cwd=top)[0] == 0
