"""Reading CODEOWNERS, point by point against the platforms' documentation. Pure: literals, no git.

GitHub: docs.github.com, "About code owners" (syntax, example file, syntax exceptions, file size,
location), the "List CODEOWNERS errors" REST API, and GitHub's own error for brackets ("Invalid pattern:
both `[` and `]` must be escaped with a `\\`", open-sauced/pizza-cli#100).
GitLab: docs.gitlab.com, "Syntax of CODEOWNERS file" and "Advanced CODEOWNERS configuration", and where
the docs say nothing or disagree, ``ee/lib/gitlab/code_owners/{file,section_parser}.rb``.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ownership.codeowners.syntax import GITHUB, GITLAB, SIZE_LIMIT, CodeOwners, Problem, Section
from ownership.codeowners.parse import parse
from ownership.codeowners.lexer import check_size, has_sections
from ownership.codeowners.match import matching_entries, resolve
from ownership.errors import ConfigError


def owners(text: str, paths: Sequence[str], dialect: Optional[str] = None) -> Dict[str, Tuple[str, ...]]:
    """The owners of each path under ``text``."""
    codeowners = parse(text, "CODEOWNERS", dialect)
    ownerships, _ = resolve(codeowners, list(paths))
    return {path: o.owners for path, o in zip(paths, ownerships)}


def problems(text: str, dialect: Optional[str] = None) -> List[Tuple[int, int, str, str]]:
    return [(p.line, p.column, p.kind, p.message) for p in parse(text, "CODEOWNERS", dialect).problems]


# --- GitHub: syntax ----------------------------------------------------------------------------------------


def test_github_last_matching_line_wins() -> None:
    """"Order is important; the last matching pattern takes the most precedence.\""""
    text = "* @global-owner1 @global-owner2\n*.js @js-owner\n"
    assert owners(text, ["app.js", "main.go"]) == {
        "app.js": ("@js-owner",), "main.go": ("@global-owner1", "@global-owner2")}


def test_github_owners_of_one_pattern_must_be_on_one_line() -> None:
    """Two lines with the same pattern: only the last one's owners count."""
    assert owners("apps/ @octocat\napps/ @doctocat\n", ["apps/x"]) == {"apps/x": ("@doctocat",)}


def test_github_matching_line_without_owners_leaves_the_file_unowned() -> None:
    """Docs example: ``/apps/ @octocat`` then ``/apps/github`` with its owners "left empty\"."""
    text = "/apps/ @octocat\n/apps/github\n"
    assert owners(text, ["apps/main.py", "apps/github/x.py"]) == {
        "apps/main.py": ("@octocat",), "apps/github/x.py": ()}
    assert problems(text) == []


@pytest.mark.parametrize("owner", ["@octocat", "@octo-org/octocats", "@octo-org/octo_cats", "docs@example.com",
                                   "@mona_octo-corp", "@tobias-"])
def test_github_owner_forms_are_user_team_or_email(owner: str) -> None:
    """"@username or @org/team-name format ... an email address" (also Enterprise Managed Users' ``_`` and
    legacy logins ending in ``-``, as in esphome's CODEOWNERS)."""
    assert owners(f"*.txt {owner}\n", ["a.txt"]) == {"a.txt": (owner,)}


@pytest.mark.parametrize("owner, likely", [
    ("octocat", "@octocat"), ("@org/team/sub", ""), ("@octo.cat", "@octo/cat"), ("@@maintainer", "@maintainer"),
    ("@", ""), ("docs@example", ""), ("@elastic.opex", "@elastic/opex"), ("@alice,", "@alice"),
    ("@acme:web", "@acme/web"),
])
def test_github_malformed_owner_makes_the_line_an_error_and_it_is_skipped(owner: str, likely: str) -> None:
    """GitHub reports the line (API kind "Invalid owner") and skips it: the earlier line decides. Where one
    fix makes the owner valid (issue 12: ``@elastic.opex`` -> ``@elastic/opex``), the message says which."""
    text = f"* @fallback\n*.txt @ok {owner}\n"
    assert owners(text, ["a.txt"]) == {"a.txt": ("@fallback",)}
    told = f"did you mean '{likely}'?" if likely else "use @user, @org/team or an e-mail address"
    assert problems(text) == [(2, 11, "invalid owner", f"'{owner}' is not a valid owner: {told}")]


def test_github_error_lines_are_reported_with_line_column_and_source_and_the_rest_is_read() -> None:
    text = "* @a\n!secret @b\nsrc/[id].tsx @c\n\\#notes @d\ndocs/ @e\n"
    codeowners = parse(text, ".github/CODEOWNERS")
    assert codeowners.problems == (
        Problem(".github/CODEOWNERS", 2, 1, "invalid pattern", "negation with '!' is not supported", "!secret @b",
                "GitHub cannot exclude a path: give it its own line, with other owners or none"),
        Problem(".github/CODEOWNERS", 3, 5, "invalid pattern",
                "both '[' and ']' must be escaped with '\\': GitHub has no character ranges", "src/[id].tsx @c",
                "to match the brackets literally: 'src/\\[id\\].tsx'"),
        Problem(".github/CODEOWNERS", 4, 1, "invalid pattern",
                "'\\#' does not escape a leading '#': GitHub reads no pattern starting with '#'", "\\#notes @d"),
    )
    assert [e.line for e in codeowners.entries] == [1, 5]
    assert owners(text, ["docs/x", "secret", "#notes"]) == {"docs/x": ("@e",), "secret": ("@a",), "#notes": ("@a",)}


def test_github_escaped_brackets_match_themselves() -> None:
    """GitHub's error asks for ``\\[`` and ``\\]``: escaped, brackets are literal."""
    assert owners("pages/\\[id\\].tsx @web\n", ["pages/[id].tsx", "pages/i.tsx"]) == {
        "pages/[id].tsx": ("@web",), "pages/i.tsx": ()}


def test_github_comments_blank_lines_and_inline_comments() -> None:
    """"# This is a comment." and "*.js @js-owner #This is an inline comment.\""""
    text = "# a comment\n\n   # indented comment\n*.js    @js-owner #This is an inline comment.\n\n"
    codeowners = parse(text, "CODEOWNERS")
    assert [(e.line, e.text, e.owners) for e in codeowners.entries] == [(4, "*.js", ("@js-owner",))]
    assert codeowners.problems == ()


def test_github_paths_are_case_sensitive() -> None:
    """"CODEOWNERS paths are case sensitive.\""""
    assert owners("/Docs/ @a\n*.MD @b\n", ["Docs/x", "docs/x", "README.MD", "README.md"]) == {
        "Docs/x": ("@a",), "docs/x": (), "README.MD": ("@b",), "README.md": ()}


def test_github_docs_star_owns_direct_children_only() -> None:
    """"The docs/* pattern will match files like docs/getting-started.md but not further nested files.\""""
    text = "* @everyone\ndocs/* docs@example.com\n"
    assert owners(text, ["docs/getting-started.md", "docs/build-app/troubleshooting.md"]) == {
        "docs/getting-started.md": ("docs@example.com",), "docs/build-app/troubleshooting.md": ("@everyone",)}


def test_github_directory_patterns_from_the_docs_example() -> None:
    text = (
        "/build/logs/ @doctocat\n"  # the root's build/logs and its subdirectories
        "apps/ @octocat\n"  # an apps directory anywhere
        "/scripts/ @doctocat @octocat\n"
        "**/logs @octocat\n"  # a logs directory anywhere
    )
    assert owners(text, ["build/logs/a/b.log", "x/apps/y.py", "scripts/run.sh", "deeply/nested/logs/z"]) == {
        "build/logs/a/b.log": ("@octocat",), "x/apps/y.py": ("@octocat",),
        "scripts/run.sh": ("@doctocat", "@octocat"), "deeply/nested/logs/z": ("@octocat",)}


def test_github_escaped_spaces_are_part_of_the_pattern() -> None:
    text = "path\\ with\\ spaces/ @space-owner\n"
    codeowners = parse(text, "CODEOWNERS")
    assert [(e.text, e.owners) for e in codeowners.entries] == [("path\\ with\\ spaces/", ("@space-owner",))]
    assert owners(text, ["path with spaces/a.md", "path/a.md"]) == {
        "path with spaces/a.md": ("@space-owner",), "path/a.md": ()}


def test_github_an_unescaped_space_splits_the_pattern_and_the_error_suggests_escaping() -> None:
    codeowners = parse("my docs/ @team\n", "CODEOWNERS")
    assert codeowners.problems[0].message == "'docs/' is not a valid owner: use @user, @org/team or an e-mail address"
    assert codeowners.problems[0].suggestion == "if the path has a space in it, escape the space: 'my\\ docs/'"


def test_github_file_of_3_mb_or_more_is_an_error() -> None:
    """"CODEOWNERS files must be under 3 MB in size. A CODEOWNERS file over this limit will not be loaded.\""""
    check_size(b"x" * (SIZE_LIMIT - 1), "CODEOWNERS")
    with pytest.raises(ConfigError) as err:
        check_size(b"x" * SIZE_LIMIT, "CODEOWNERS")
    assert str(err.value) == "CODEOWNERS: 3,145,728 bytes: GitHub ignores a CODEOWNERS file of 3 MB or more"


def test_a_byte_order_mark_and_crlf_line_ends_are_read() -> None:
    assert owners("\ufeff* @a\r\n/b/ @b\r\n", ["x", "b/y"]) == {"x": ("@a",), "b/y": ("@b",)}


# --- dialect ------------------------------------------------------------------------------------------------


def test_section_headers_make_the_file_gitlabs() -> None:
    assert has_sections("* @a\n[Docs] @docs\ndocs/\n")
    assert has_sections("^[Optional][0]\n")
    assert not has_sections("* @a\npages/[id].tsx @web\n")
    assert parse("[Docs]\ndocs/ @a\n", "CODEOWNERS").dialect == GITLAB
    assert parse("* @a\n", "CODEOWNERS").dialect == GITHUB
    assert parse("[Docs]\n", "CODEOWNERS", GITHUB).dialect == GITHUB


def test_with_the_github_dialect_a_section_header_is_an_error_line() -> None:
    assert problems("[Docs] @docs\n", GITHUB)[0][:3] == (1, 1, "invalid pattern")


# --- GitLab: sections ---------------------------------------------------------------------------------------


def test_gitlab_each_section_decides_and_the_owners_of_all_sections_combine() -> None:
    """GitLab docs, "Sections": the README example, line for line."""
    text = ("* @admin\n\n[README Owners]\nREADME.md @user1 @user2\ninternal/README.md @user4\n\n"
            "[README other owners]\nREADME.md @user3\n")
    assert owners(text, ["README.md", "internal/README.md"]) == {
        "README.md": ("@admin", "@user1", "@user2", "@user3"),
        "internal/README.md": ("@admin", "@user4", "@user3")}


def test_gitlab_section_headers_optional_approvals_and_default_owners() -> None:
    """"Section headings and names": required, ``^`` optional, ``[5]`` approvals, default owners."""
    codeowners = parse("[Req]\na @x\n^[Opt]\nb @x\n[Five][5]\nc @x\n[Own] @username\n[Both][2] @group @subgroup\n",
                       "CODEOWNERS")
    assert codeowners.sections == (
        Section("Req", 1), Section("Opt", 3, optional=True), Section("Five", 5, approvals=5),
        Section("Own", 7, default_owners=("@username",)), Section("Both", 8, approvals=2,
                                                                  default_owners=("@group", "@subgroup")))
    assert codeowners.problems == ()


def test_gitlab_default_owners_apply_to_lines_without_owners() -> None:
    """"Set default Code Owner for a section": the Documentation and Database example."""
    text = ("[Documentation] @docs-team\ndocs/\nREADME.md\n\n[Database] @database-team @agarcia\nmodel/db/\n"
            "config/db/database-setup.md @docs-team\n")
    assert owners(text, ["docs/a.md", "model/db/x.sql", "config/db/database-setup.md"]) == {
        "docs/a.md": ("@docs-team",), "model/db/x.sql": ("@database-team", "@agarcia"),
        "config/db/database-setup.md": ("@docs-team",)}


def test_gitlab_entries_outside_sections_are_never_overridden_by_sections() -> None:
    """"Regular entries and sections": model/db/CHANGELOG.txt needs all three owners."""
    text = ("* @general-approvers\n\n[Documentation] @docs-team\ndocs/\nREADME.md\n*.txt\n\n"
            "[Database] @database-team\nmodel/db/\nconfig/db/database-setup.md @docs-team\n")
    assert owners(text, ["model/db/CHANGELOG.txt"]) == {
        "model/db/CHANGELOG.txt": ("@general-approvers", "@docs-team", "@database-team")}


def test_gitlab_same_named_sections_are_one_section_named_as_first_written() -> None:
    """"Sections with duplicate names": names are case-insensitive; entries combine under the first case."""
    text = ("[Documentation]\nee/docs/    @docs\ndocs/       @docs\n\n[Database]\nREADME.md  @database\n"
            "model/db/   @database\n\n[DOCUMENTATION]\nREADME.md  @docs\n")
    codeowners = parse(text, "CODEOWNERS")
    assert [(s.name, s.line) for s in codeowners.sections] == [("Documentation", 1), ("Database", 5)]
    assert [e.section for e in codeowners.entries].count("Documentation") == 3
    assert owners(text, ["README.md"]) == {"README.md": ("@docs", "@database")}


def test_gitlab_a_section_optional_in_one_header_and_required_in_another_is_required() -> None:
    codeowners = parse("^[Docs]\n*.md @a\n[docs]\n*.txt @b\n^[Go]\n*.go @c\n", "CODEOWNERS")
    assert [(s.name, s.optional) for s in codeowners.sections] == [("Docs", False), ("Go", True)]


@pytest.mark.parametrize("header,approvals", [("[S]", 1), ("[S][0]", 1), ("[S][1]", 1), ("[S][ 3 ]", 3)])
def test_gitlab_approvals_are_at_least_one(header: str, approvals: int) -> None:
    """"Minimum approvals": 0 is treated as 1."""
    assert parse(header + "\n", "CODEOWNERS", GITLAB).sections[0].approvals == approvals


@pytest.mark.parametrize("header,problem", [
    ("[]", (1, 1, "invalid section", "section name is empty")),
    ("[S][]", (1, 1, "invalid section", "invalid approval count []")),
    ("[S][1 2]", (1, 1, "invalid section", "invalid approval count [1 2]")),
    ("[S][x]", (1, 4, "invalid section", "unexpected text after the section header: '[x]'")),
    ("^[S][2]", (1, 1, "invalid section", "invalid approval count [2]: an optional section cannot require approvals")),
    ("[S] @ok nope", (1, 9, "invalid owner", "'nope' is not a valid default owner")),
    ("[S] @ok # why", (1, 9, "invalid section", "unexpected text after the section header: '# why'")),
    ("[Section name", (1, 1, "invalid section", "unparsable section header: GitLab skips this line")),
])
def test_gitlab_malformed_section_headers_are_reported(header: str, problem: Tuple[int, int, str, str]) -> None:
    """GitLab's SectionParser errors: missing name, invalid approvals, owner format, section format."""
    assert problems(header + "\n", GITLAB) == [problem]


def test_gitlab_unparsable_section_header_is_skipped_and_the_section_goes_on() -> None:
    """GitLab's File#get_parsed_data skips an unparsable header (the docs still describe reading it as an
    entry ``[Section`` owned by ``name``; GitLab's code reports and skips it)."""
    text = "[Docs]\ndocs/**/* @group\n\n[Section name\ndocs/ @docs_group\n"
    codeowners = parse(text, "CODEOWNERS")
    assert [(e.line, e.section) for e in codeowners.entries] == [(2, "Docs"), (5, "Docs")]


# --- GitLab: entries ----------------------------------------------------------------------------------------


def test_gitlab_last_match_wins_within_a_section() -> None:
    """"Define Code Owners for specific files": ``terms.md`` belongs to ``@legal-team``."""
    assert owners("*.md @doc-team\nterms.md @legal-team\n", ["terms.md"], GITLAB) == {"terms.md": ("@legal-team",)}


def test_gitlab_repeated_pattern_keeps_its_first_place_with_its_last_owners() -> None:
    """GitLab keys a section's entries by pattern ("if an entry is duplicated in a section, the last entry
    is used"): the repeat replaces the owners in the first line's place, so a more specific line in between
    still wins. GitHub just takes the last line."""
    text = "a/ @x\na/b/ @y\na/ @z\n"
    assert owners(text, ["a/c", "a/b/c"], GITLAB) == {"a/c": ("@z",), "a/b/c": ("@y",)}
    assert owners(text, ["a/c", "a/b/c"], GITHUB) == {"a/c": ("@z",), "a/b/c": ("@z",)}


@pytest.mark.parametrize("owner", ["@user", "@group", "@group/with-nested/subgroup", "janedoe@gitlab.com",
                                   "@@developer", "@@maintainer", "@@owner", "@@developers", "@user_name"])
def test_gitlab_owner_forms(owner: str) -> None:
    """Users, groups, nested groups, e-mail, and roles (``@@``; plural accepted)."""
    assert owners(f"file.md {owner}\n", ["file.md"], GITLAB) == {"file.md": (owner,)}


def test_gitlab_malformed_owners_are_reported_and_ignored_the_rest_counts() -> None:
    """"Malformed owners": ``/path/* @group user_without_at_symbol @user_with_at_symbol``."""
    text = "/path/* @group user_without_at_symbol @user_with_at_symbol @@reporter\n"
    assert owners(text, ["path/a"], GITLAB) == {"path/a": ("@group", "@user_with_at_symbol")}
    assert problems(text, GITLAB) == [(1, 16, "invalid owner", "'user_without_at_symbol' is not a valid owner: "
                                       "did you mean '@user_without_at_symbol'?")]


def test_gitlab_unescaped_spaces_end_the_path() -> None:
    """"Entries with spaces": ``folder with spaces/*.md @group`` is the path ``folder``."""
    codeowners = parse("folder with spaces/*.md @group\npath\\ with\\ spaces/*.md @owner\n", "CODEOWNERS", GITLAB)
    assert [(e.text, e.owners) for e in codeowners.entries] == [
        ("folder", ("@group",)), ("path\\ with\\ spaces/*.md", ("@owner",))]
    assert owners("path\\ with\\ spaces/*.md @owner\n", ["path with spaces/a.md"], GITLAB) == {
        "path with spaces/a.md": ("@owner",)}


def test_gitlab_escaped_hash_is_a_pattern() -> None:
    """"Files with a # can still be accessed by escaping the pound sign.\""""
    assert owners("\\#file_with_pound.rb @owner-file-with-pound\n", ["#file_with_pound.rb"], GITLAB) == {
        "#file_with_pound.rb": ("@owner-file-with-pound",)}


def test_gitlab_has_no_inline_comments_and_owners_named_in_one_count() -> None:
    """"Inline comments are unsupported. Any Code Owners listed in a comment are parsed.\""""
    text = "*.md @docs # ask @bob\n"
    assert owners(text, ["a.md"], GITLAB) == {"a.md": ("@docs", "@bob")}
    assert problems(text, GITLAB) == [
        (1, 12, "invalid owner", "'#' is not an owner: GitLab has no inline comments (owners named in one still count)")]


def test_gitlab_line_without_owners_is_reported_and_still_decides_its_section() -> None:
    """"Zero owners": the entry is invalid (GitLab approves it automatically); it still wins its section."""
    text = "* @a\ndocs/\n"
    assert owners(text, ["docs/x", "y"], GITLAB) == {"docs/x": (), "y": ("@a",)}
    assert problems(text, GITLAB) == [(2, 1, "missing owner", "pattern 'docs/' has no owner and section "
                                       "[codeowners] no default owners: GitLab counts the line as approved")]


def test_gitlab_relative_paths_match_at_any_depth_and_names_only_files() -> None:
    """"Relative paths" are globstar paths; "Directory paths" end with ``/``."""
    text = "internal/README.md @a\ndocs @b\nlib/ @c\n"
    assert owners(text, ["docs/api/internal/README.md", "docs/x.md", "docs", "x/lib/y.rb"], GITLAB) == {
        "docs/api/internal/README.md": ("@a",), "docs/x.md": (), "docs": ("@b",), "x/lib/y.rb": ("@c",)}


def test_gitlab_brackets_are_character_classes() -> None:
    """GitLab matches with ``File.fnmatch`` (docs "Pattern matching"), which reads ``[ ]`` as a class."""
    assert owners("*.[ch] @c-team\n", ["x.c", "y.h", "z.o"], GITLAB) == {
        "x.c": ("@c-team",), "y.h": ("@c-team",), "z.o": ()}


# --- GitLab: exclusions -------------------------------------------------------------------------------------


def test_gitlab_exclusions_apply_in_their_section() -> None:
    """"Exclusion patterns": pom.xml needs no approval; Ruby files in config skip the Ruby section."""
    text = "* @username\n!pom.xml\n\n[Ruby]\n*.rb @ruby-team\n!/config/**/*.rb\n"
    assert owners(text, ["pom.xml", "app/a.rb", "config/db/b.rb"], GITLAB) == {
        "pom.xml": (), "app/a.rb": ("@username", "@ruby-team"), "config/db/b.rb": ("@username",)}


def test_gitlab_an_excluded_path_cannot_be_included_again_in_its_section() -> None:
    """"After a pattern is excluded, it cannot be included again in the same section.\""""
    text = "* @default-owner\n!*.rb\n/special/*.rb @ruby-owner\n\n[Ruby]\n*.rb @ruby-team\n!/config/**/*.rb\n" \
           "/config/routes.rb @ops\n\n[Config]\n/config/ @ops-team\n"
    assert owners(text, ["special/a.rb", "config/routes.rb"], GITLAB) == {
        "special/a.rb": ("@ruby-team",), "config/routes.rb": ("@ops-team",)}


def test_gitlab_exclusion_lines_have_no_owners() -> None:
    codeowners = parse("!generated/ @someone\n", "CODEOWNERS", GITLAB)
    assert [(e.exclusion, e.owners) for e in codeowners.entries] == [(True, ())]
    assert codeowners.problems == ()


# --- who: every matching line -------------------------------------------------------------------------------


def test_matching_entries_lists_every_matching_line_in_order() -> None:
    codeowners: CodeOwners = parse("* @a\n*.md @b\n[S]\n!docs/\ndocs/ @c\n", "CODEOWNERS")
    assert [(e.line, e.text) for e in matching_entries(codeowners, "docs/x.md")] == [
        (1, "*"), (2, "*.md"), (4, "!docs/"), (5, "docs/")]


# --- robustness ---------------------------------------------------------------------------------------------

LINE = st.lists(st.sampled_from(["*", "**", "/", "a", "docs", ".", "!", "#", "\\", " ", "\t", "[", "]", "^", "?",
                                 "@", "@a", "@@owner", "x@y.io", "[S]", "[2]", "-", "é", "\\ ", "\\#", "/**"]),
                max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINE, max_size=8), st.sampled_from([None, GITHUB, GITLAB]))
def test_any_text_parses_resolves_and_lints_without_raising(lines: List[str], dialect: Optional[str]) -> None:
    from ownership.codeowners.lint import Declared, lint

    codeowners = parse("\n".join(lines), "CODEOWNERS", dialect)
    paths = ["a", "docs/a", "a/b/c", ".x/a", "[S]", "#a", "a b"]
    ownerships, used = resolve(codeowners, paths)
    for problem in lint(codeowners, paths, ownerships, used, Declared("owners.txt", ("@a",))):
        assert problem.line >= 1 and problem.column >= 1
    for problem in codeowners.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.source == lines[problem.line - 1]
