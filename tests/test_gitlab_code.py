"""GitLab CODEOWNERS exactly as GitLab's own code reads it (issue 15). Pure: literals, no git, except the one
CLI test that reads a file with a byte order mark.

Each test quotes the line of ``ee/lib/gitlab/code_owners/`` (``file.rb``, ``section_parser.rb``,
``reference_extractor.rb``; ``lib/gitlab/path_regex.rb`` for names) or of Ruby's ``dir.c`` (``File.fnmatch``)
it follows. ``ruby_fnmatch`` below is a line-by-line port of ``dir.c``'s ``fnmatch()``, ``fnmatch_helper()``
and ``bracket()`` for GitLab's flags (FNM_DOTMATCH | FNM_PATHNAME, escapes on), the reference for matching.
"""

from __future__ import annotations

from typing import Callable, Dict, List, Optional, Sequence, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ownership.codeowners.syntax import GITLAB, Section
from ownership.codeowners.parse import parse
from ownership.codeowners.lexer import gitlab_references
from ownership.codeowners.match import resolve
from ownership.errors import PatternError
from ownership.codeowners.gitlab_patterns import compile_gitlab, normalise
from ownership.codeowners.lint import Declared, undeclared
from ownership.core.candidates import Names
from ownership.codeowners.portability import portability


def owners(text: str, paths: Sequence[str]) -> Dict[str, Tuple[str, ...]]:
    codeowners = parse(text, "CODEOWNERS", GITLAB)
    ownerships, _ = resolve(codeowners, list(paths))
    return {path: o.owners for path, o in zip(paths, ownerships)}


def problems(text: str) -> List[Tuple[int, int, str, str]]:
    return [(p.line, p.column, p.kind, p.message) for p in parse(text, "CODEOWNERS", GITLAB).problems]


# --- 1. owner tokens -----------------------------------------------------------------------------------------
# file.rb:            owners = ... ReferenceExtractor.new(owner).references.blank?  (per word: malformed)
# reference_extractor.rb:
#   EMAIL_REGEXP = /[^@\s]{1,100}@[^@\s]{1,255}(?<!\W)/
#   NAME_REGEXP  = %r{(?<![\w@])@(?<user>FULL_NAMESPACE_FORMAT_REGEX)}x
#   ROLE_REGEXP  = %r{(?<![\w@])@@(?<role>(developer|maintainer|owner)s?)(?:\s|$)}i
# path_regex.rb:      NAMESPACE_FORMAT_REGEX = /(?:[a-zA-Z0-9_\.][a-zA-Z0-9_\-\.]*[a-zA-Z0-9_\-]|[a-zA-Z0-9_])(?<!\.git|\.atom)/


@pytest.mark.parametrize("word,references", [
    ("@a,@b", ["@a", "a,@b", "@b"]),  # surprising: EMAIL_REGEXP also finds "a,@b" (it names nobody)
    ("(@a)", ["(@a", "@a"]),  # and "(@a" as an e-mail
    ("@bob's", ["@bob"]),
    ("@user/", ["@user"]),
    ("@group/with-nested/subgroup", ["@group/with-nested/subgroup"]),
    ("@@Developers", ["@@Developers"]),  # ROLE_REGEXP is case-insensitive
    ("@@Maintainer", ["@@Maintainer"]),
    ("@@developer,", []),  # a role must be followed by whitespace or the end: (?:\s|$)
    ("@@reporter", []),
    ("admin@localhost", ["admin@localhost"]),  # no dot needed in the domain
    ("me@example.com,", ["me@example.com"]),  # (?<!\W): trailing punctuation is not part of it
    ("@-foo", []),  # a name cannot start with '-'
    ("@foo.git", ["@foo.gi"]),  # (?<!\.git): the quirk, the name backs off one letter
    ("@foo.atom", ["@foo.ato"]),
    ("@foo.", ["@foo"]),  # a name does not end in '.'
])
def test_gitlab_extracts_the_references_its_regexes_find(word: str, references: List[str]) -> None:
    assert [ref for _, ref in gitlab_references(word)] == references


def test_gitlab_owners_are_the_references_of_every_owner_word() -> None:
    """The issue's reproduction: each word keeps its references; a word with none is the malformed owner."""
    text = "* @a,@b (@c) @bob's @user/ @@Developers admin@localhost me@example.com, @-foo @x.git\n"
    assert owners(text, ["f"]) == {"f": ("@a", "a,@b", "@b", "(@c", "@c", "@bob", "@user", "@@Developers",
                                         "admin@localhost", "me@example.com", "@x.gi")}
    assert problems(text) == [(1, 73, "invalid owner", "'@-foo' is not a valid owner: use @user, @org/team, @@role "
                                                        "or an e-mail address")]


def test_gitlab_a_role_named_in_a_section_header_applies() -> None:
    """section_parser.rb: default owners are ``(?<default_owners>\\s*[@\\w.\\-/\\s]*)``; a line without owners
    takes them (``entry_owners.presence || section.default_owners``)."""
    assert owners("[Release] @@Maintainer\nCHANGELOG.md\n", ["CHANGELOG.md"]) == {"CHANGELOG.md": ("@@Maintainer",)}
    assert problems("[Release] @@Maintainer\nCHANGELOG.md\n") == []


def test_gitlab_a_header_owner_must_be_a_reference_as_written() -> None:
    """section_parser.rb ``invalid_default_owners?``: ``default_owners.split - raw_references`` must be empty;
    the references found still apply."""
    text = "[Docs] @user/ @x.git\ndocs/\n"
    assert owners(text, ["docs/a"]) == {"docs/a": ("@user", "@x.gi")}
    assert problems(text) == [(1, 8, "invalid owner", "'@user/' is not a valid default owner: GitLab reads "
                                                      "'@user' from it")]


def test_gitlab_owner_words_split_at_whitespace_only() -> None:
    """file.rb: ``line.partition(/(?<!\\\\)\\s+/)`` then ``entry_owners.split``: a ``\\`` escapes nothing among
    the owners."""
    assert owners("a @x\\ @y\n", ["a"]) == {"a": ("@x", "@y")}


def test_gitlab_a_control_character_makes_an_owner_word_malformed() -> None:
    """A deliberate difference (GitLab would read ``@b.co``): no terminal escape hides in an owner."""
    assert owners("* a\x1b]0;x\x07@b.co @c\n", ["f"]) == {"f": ("@c",)}
    assert problems("* a\x1b]0;x\x07@b.co @c\n")[0][:3] == (1, 3, "invalid owner")


def test_an_undeclared_owner_inside_a_word_is_placed_where_it_is_written() -> None:
    codeowners = parse("docs/ @a,@b\n", "CODEOWNERS", GITLAB)
    found = undeclared(codeowners, Declared("owners.txt", ("@a",)))
    assert [(p.column, p.message) for p in found] == [(8, "owner 'a,@b' is not declared in owners.txt"),
                                                      (10, "owner '@b' is not declared in owners.txt")]


def test_portability_warns_about_owner_words_gitlab_reads_otherwise() -> None:
    codeowners = parse("* @a,@b @c me@example.com,\n", "CODEOWNERS", GITLAB)
    assert [(p.column, p.kind, p.message, p.suggestion) for p in portability(codeowners, Names(["a"]))] == [
        (3, "portability", "owner '@a,@b': GitLab reads '@a', 'a,@b', '@b' from it (it scans the words for "
                           "references); GitHub rejects the line", "separate owners with spaces: '@a @b'"),
        (12, "portability", "owner 'me@example.com,': GitLab reads 'me@example.com' from it (it scans the words "
                            "for references); GitHub rejects the line", "separate owners with spaces: "
                                                                        "'me@example.com'"),
    ]


# --- 2. sections -----------------------------------------------------------------------------------------------
# section_parser.rb find_section_name:
#   return name if section_headers.last == Section::DEFAULT
#   section_headers.find { |k| k.casecmp?(name) } || name


def test_gitlab_the_first_header_is_taken_as_written() -> None:
    """``[CODEOWNERS]`` after default-section lines is a section of its own (``section_headers.last`` is
    still the default); a later ``[codeowners]`` then finds the default section, the first key."""
    codeowners = parse("* @a\n[CODEOWNERS]\nb @b\n[Codeowners]\nc @c\n", "CODEOWNERS", GITLAB)
    assert [(e.text, e.section) for e in codeowners.entries] == [("*", "codeowners"), ("b", "CODEOWNERS"),
                                                                 ("c", "codeowners")]
    assert owners("* @a\n[CODEOWNERS]\nb @b\n", ["b", "x"]) == {"b": ("@a", "@b"), "x": ("@a",)}


def test_gitlab_later_headers_merge_case_insensitively() -> None:
    codeowners = parse("[Docs]\na @a\n[API]\nb @b\n[docs]\nc @c\n[DOCS]\nd @d\n", "CODEOWNERS", GITLAB)
    assert [e.section for e in codeowners.entries] == ["Docs", "API", "Docs", "Docs"]
    assert [s.name for s in codeowners.sections] == ["Docs", "API"]


def test_gitlab_a_section_is_optional_when_all_its_entries_are() -> None:
    """file.rb ``optional_section?``: ``entries.present? && entries.all?(&:optional?)``; each entry takes
    ``optional: section.optional`` of the header it is written under."""
    def optional(text: str) -> List[Tuple[str, bool]]:
        return [(s.name, s.optional) for s in parse(text, "CODEOWNERS", GITLAB).sections]

    assert optional("^[Docs]\na @a\n[docs]\n") == [("Docs", True)]  # a header without entries does not decide
    assert optional("[Docs]\n^[docs]\na @a\n") == [("Docs", True)]
    assert optional("^[Docs]\na @a\n[docs]\nb @b\n") == [("Docs", False)]
    assert optional("^[Docs]\n") == [("Docs", False)]  # no entries: not optional
    assert optional("^[Docs]\na @a\n[docs]\na @b\n") == [("Docs", False)]  # the repeated pattern replaced it


def test_gitlab_approvals_belong_to_each_entry() -> None:
    """file.rb: ``Entry.new(..., approvals_required: section.approvals)``: ``[S][2]`` then ``[s][3]``, the
    entries under each header keep their own count."""
    codeowners = parse("[S][2]\nx @a\n[s][3]\ny @b\nz @c\n", "CODEOWNERS", GITLAB)
    assert [(e.text, e.approvals) for e in codeowners.entries] == [("x", 2), ("y", 3), ("z", 3)]
    assert codeowners.sections == (Section("S", 1, approvals=2, entry_approvals=((4, 3), (5, 3))),)
    assert codeowners.sections[0].approvals_shown == "2, line 4: 3, line 5: 3"


def test_gitlab_approvals_are_read_as_ruby_to_i() -> None:
    """``approvals: match[:approvals].to_i``: ``[ 3 4]`` is reported and asks for 3."""
    codeowners = parse("[S][ 3 4]\nx @a\n", "CODEOWNERS", GITLAB)
    assert codeowners.sections[0].approvals == 3
    assert [p.message for p in codeowners.problems] == ["invalid approval count [ 3 4]"]


# --- 3. fnmatch corners ----------------------------------------------------------------------------------------


def ruby_fnmatch(pattern: str, string: str) -> bool:
    """dir.c ``fnmatch(pattern, string, FNM_DOTMATCH | FNM_PATHNAME)``, ported line by line (one character
    for one multibyte character)."""
    P, S = pattern + "\0", string + "\0"  # noqa: N806 - the C code's NUL-terminated strings
    pend = len(pattern)

    def isend(t: str, k: int) -> bool:
        return t[k] == "\0" or t[k] == "/"

    def unescape(k: int) -> int:
        return k + 1 if P[k] == "\\" else k

    def bracket(p: int, s: int) -> Optional[int]:
        if p >= pend:
            return None
        ok = negate = False
        if P[p] in "!^":
            negate, p = True, p + 1
        while P[p] != "]":
            t1 = p + 1 if P[p] == "\\" else p
            if P[t1] == "\0":
                return None
            p = t1 + 1
            if p >= pend:
                return None
            if P[p] == "-" and P[p + 1] != "]":
                t2 = p + 2 if P[p + 1] == "\\" else p + 1
                if P[t2] == "\0":
                    return None
                p = t2 + 1
                if ok:
                    continue
                if P[t1] == S[s] or P[t2] == S[s]:
                    ok = True
                    continue
                if S[s] < P[t1] or S[s] > P[t2]:
                    continue
            else:
                if not ok and P[t1] == S[s]:
                    ok = True
                continue
            ok = True
        return None if ok == negate else p + 1

    def helper(p: int, s: int) -> Tuple[bool, int, int]:
        ptmp: Optional[int] = None
        stmp = 0
        while True:
            if P[p] == "*":
                while P[p] == "*":
                    p += 1
                if isend(P, unescape(p)):
                    return True, unescape(p), s
                if isend(S, s):
                    return False, p, s
                ptmp, stmp = p, s
                continue
            if P[p] == "?":
                if isend(S, s):
                    return False, p, s
                p, s = p + 1, s + 1
                continue
            if P[p] == "[":
                if isend(S, s):
                    return False, p, s
                t = bracket(p + 1, s)
                if t is not None:
                    p, s = t, s + 1
                    continue
            else:
                p = unescape(p)
                if isend(S, s):
                    return isend(P, p), p, s
                if not isend(P, p) and P[p] == S[s]:
                    p, s = p + 1, s + 1
                    continue
            if ptmp is not None:  # failed: try the next '*' position
                p, stmp = ptmp, stmp + 1
                s = stmp
                continue
            return False, p, s

    p = s = 0
    ptmp: Optional[int] = None
    stmp = 0
    while True:
        if P.startswith("**/", p):
            while P.startswith("**/", p):
                p += 3
            ptmp, stmp = p, s
        matched, p2, s2 = helper(p, s)
        if matched:
            p, s = p2, s2
            while S[s] != "\0" and S[s] != "/":
                s += 1
            if P[p] != "\0" and S[s] != "\0":
                p, s = p + 1, s + 1
                continue
            if P[p] == "\0" and S[s] == "\0":
                return True
        if ptmp is not None:  # failed: try the next directory for "**/"
            while S[stmp] != "\0" and S[stmp] != "/":
                stmp += 1
            if S[stmp] != "\0":
                p, stmp = ptmp, stmp + 1
                s = stmp
                continue
        return False


def gitlab_matches(glob: str, path: str) -> bool:
    """file.rb ``path_matches?``: ``File.fnmatch?(normalize_pattern(p), "/" + path, FNMATCH_FLAGS)``."""
    return ruby_fnmatch(normalise(glob), "/" + path)


def ours(glob: str, path: str) -> bool:
    try:
        return compile_gitlab(glob).matches(path)
    except PatternError:  # only for a pattern that can never match
        return False


@pytest.mark.parametrize("glob,paths", [
    ("x[z-a]", {"xz": True, "xa": True, "xm": False}),  # dir.c bracket(): the end points match by memcmp first
    ("a[/x]b", {"axb": True, "a/b": False, "ab": False}),  # the class is read whole; '/' never matches
    ("a\\/b", {"a/b": True, "x/a/b": True, "ab": False}),  # '\/' is a literal slash: a separator
    ("/**\\/b", {"a/b": True, "a/c/b": False, "b": False}),  # not the '**/' that crosses directories
    ("a[]b", {"a]b": False, "ab": False}),  # '[]' is an empty class: nothing
    ("a[!]b", {"axb": True, "ab": False}),
    ("x[a-]", {"xa": True, "x-": True, "xb": False}),
])
def test_gitlab_fnmatch_corners(glob: str, paths: Dict[str, bool]) -> None:
    for path, expected in paths.items():
        assert gitlab_matches(glob, path) is expected, (glob, path, "ruby")
        assert ours(glob, path) is expected, (glob, path)


def test_gitlab_escaped_space_is_one_space_after_gsub() -> None:
    """file.rb: ``pattern.gsub(/\\\\\\s+/, ' ')``; the pattern ends at ``/(?<!\\\\)\\s+/``, so ``a\\\\ b`` is one
    pattern: ``a\\`` + ``\\ `` -> ``a\\ b`` -> fnmatch reads ``a b``."""
    assert owners("sp\\\\ ace @d\n", ["sp ace", "sp\\ ace", "sp\\"]) == {"sp ace": ("@d",), "sp\\ ace": (),
                                                                        "sp\\": ()}
    assert owners("a\\ \\ b @d\n", ["a  b"]) == {"a  b": ("@d",)}


SEGMENT = st.sampled_from(["a", "b", "*", "**", "?", "[ab]", "[!a]", "[b-a]", "[/a]", "a\\/b", "\\*", "[]a]",
                           "[a-]", "[\\]]", ".x", "a*b", "[z-a]*"])
NAME = st.sampled_from(["a", "b", "ab", "z", "]", "-", ".x", "a]", "*", "axb"])


@settings(max_examples=400, deadline=None)
@given(st.lists(SEGMENT, min_size=1, max_size=4), st.booleans(), st.booleans(),
       st.lists(st.lists(NAME, min_size=1, max_size=4), min_size=1, max_size=6))
def test_gitlab_matching_agrees_with_a_port_of_rubys_fnmatch(parts: List[str], lead: bool, trail: bool,
                                                             paths: List[List[str]]) -> None:
    glob = ("/" if lead else "") + "/".join(parts) + ("/" if trail else "")
    for path in {"/".join(p) for p in paths}:
        assert ours(glob, path) is gitlab_matches(glob, path), (glob, path)


# --- 4. text ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("separator", ["\r", "\v", "\f", "\u2028", "\x85"])
def test_gitlab_lines_split_at_newline_only(separator: str) -> None:
    """file.rb: ``data.lines.each`` splits after ``\\n`` only; ``\\r``, ``\\v`` and ``\\f`` are then
    whitespace inside the line (the pattern ends there), U+2028 and U+0085 are part of the pattern."""
    codeowners = parse(f"a{separator}b @x\n", "CODEOWNERS", GITLAB)
    assert len(codeowners.lines) == 1
    if separator in "\r\v\f":
        assert [(e.text, e.owners) for e in codeowners.entries] == [("a", ("@x",))]
        assert [p.message for p in codeowners.problems] == ["'b' is not a valid owner: did you mean '@b'?"]
    else:
        assert [(e.text, e.owners) for e in codeowners.entries] == [(f"a{separator}b", ("@x",))]


def test_gitlab_reads_a_byte_order_mark_as_part_of_the_first_line() -> None:
    """GitLab reads the blob's bytes: ``\\ufeff*`` is not ``*``, and ``\\ufeff[Docs]`` is no header."""
    text = "\ufeff* @a\nb @b\n"
    assert owners(text, ["x", "b"]) == {"x": (), "b": ("@b",)}
    assert problems(text) == [(1, 1, "invalid pattern", "the file starts with a byte order mark (U+FEFF): GitLab "
                                                        "reads it as part of the first line")]
    codeowners = parse("\ufeff[Docs]\nd @d\n", "CODEOWNERS")
    assert codeowners.dialect == GITLAB and [e.section for e in codeowners.entries] == ["codeowners", "codeowners"]


def test_a_gitlab_file_with_a_bom_is_checked_as_gitlab_reads_it(repo: Callable, run: Callable) -> None:
    top = repo({".gitlab/CODEOWNERS": "\ufeff* @a\nb @b\n", "b": "", "x": ""})
    code, out, err = run(["check"], cwd=top)
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == (".gitlab/CODEOWNERS:1:1: error: invalid pattern: the file starts with a byte "
                                   "order mark (U+FEFF): GitLab reads it as part of the first line")


def test_gitlab_header_whitespace_and_words_are_ascii() -> None:
    """section_parser.rb: Ruby's ``\\s`` and ``\\w`` are ASCII: a no-break space ends the default owners, and
    the header is reported (STRICT_HEADER_REGEX fails)."""
    text = "[S] @a\u00a0@b\nx\n"
    assert owners(text, ["x"]) == {"x": ("@a",)}
    assert problems(text) == [(1, 7, "invalid section", "unexpected text after the section header: '\u00a0@b'")]
    assert owners("[S] @é\nx\n", ["x"]) == {"x": ()}


# --- 5. lines that can never match -----------------------------------------------------------------------------


def test_gitlab_a_line_that_can_never_match_stays_in_its_section() -> None:
    """file.rb keeps every line (``parsed[section.name][normalized_pattern] = Entry.new(...)``): the section
    is still there (and its entries decide whether it is optional); the line is still reported."""
    codeowners = parse("a//b @x\n^[Opt]\nc[d @y\n", "CODEOWNERS", GITLAB)
    assert [(s.name, s.optional) for s in codeowners.sections] == [("codeowners", False), ("Opt", True)]
    assert [(p.line, p.kind) for p in codeowners.problems] == [(1, "invalid pattern"), (3, "invalid pattern")]
    assert codeowners.entries == ()


def test_import_refuses_owners_gitlab_reads_that_a_role_map_cannot_hold(repo: Callable, run: Callable) -> None:
    """``@core,@web`` is ``@core``, ``@web`` and the "e-mail" ``core,@web`` to GitLab: one clear error at the
    line, not a role map that does not load."""
    top = repo({".gitlab/CODEOWNERS": "[Docs]\n* @core,@web\n", "a": ""})
    code, out, err = run(["import"], cwd=top)
    assert (code, out, err) == (2, "", "ownership: error: .gitlab/CODEOWNERS:2:1: GitLab reads the owner 'core,@web' "
                                       "here, which a role map cannot hold: write the owners as @user, "
                                       "@group/subgroup, @@role or name@domain.tld, separated by spaces\n")
    assert not (top / "ownership.toml").exists()

