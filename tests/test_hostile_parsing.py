"""Issue 10, parsing and crashes: what a pull request's role map, CODEOWNERS or file names can do to us.

Every test is the reproduction from the issue. Time is never asserted: a quadratic parser shows as a test
that does not finish (the figures are in the lead's report and in benchmarks/).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest

from conftest import git
from ownership.codeowners import lint
from ownership.codeowners import parse as codeowners
from ownership.rolemap import tomlpos
from ownership.errors import ConfigError

# --- 9. the HTML report on a 1,100-deep path ---------------------------------------------------------------


def test_html_report_of_a_1100_deep_path_is_a_page_not_a_recursion_error(repo: Callable[..., Path],
                                                                       run: Callable) -> None:
    deep = "d/" * 1100 + "f.txt"  # git holds it; a checkout could not (PATH_MAX), so it goes in by index
    top = repo({"ownership.toml": '[roles.A]\npaths = ["d/"]\n'})
    blob = git(top, "hash-object", "-w", "/dev/null").strip()
    git(top, "update-index", "--add", "--cacheinfo", f"100644,{blob},{deep}")
    git(top, "commit", "-q", "-m", "deep")
    code, out, err = run(["report", "--format", "html"], cwd=top)
    assert (code, err) == (0, "")
    data = json.loads(out.split('<script type="application/json" id="ownership-data">', 1)[1].split("</script>")[0])
    assert len(data["dirs"]) == 1 + 1100
    assert data["dirs"][:3] == [["", -1], ["d", 0], ["d", 1]]  # [name, parent], parents first
    assert data["dirs"][-1] == ["d", 1099]
    assert data["files"][0] == [1100, "f.txt", 0, 0]



def test_html_page_grows_with_the_depth_of_a_path_not_its_square(repo: Callable[..., Path], run: Callable) -> None:
    """Each directory was sent as its whole path: a file 5,000 deep made a page of 25 MB (20,000 deep, 400 MB)."""
    top = repo({"ownership.toml": '[roles.A]\npaths = ["d/"]\n'})
    blob = git(top, "hash-object", "-w", "/dev/null").strip()
    git(top, "update-index", "--add", "--cacheinfo", f"100644,{blob},{'d/' * 5000}f.txt")
    git(top, "commit", "-q", "-m", "deep")
    code, out, err = run(["report", "--format", "html"], cwd=top)
    assert (code, err) == (0, "")
    assert len(out.encode()) < 150_000

# --- 8. a 200,000-line GitLab CODEOWNERS; a GitHub file over 3 MB -------------------------------------------


def test_gitlab_codeowners_of_200000_lines_in_66666_sections_is_linear(repo: Callable[..., Path],
                                                                      run: Callable) -> None:
    """Each section's ``*.py`` is shadowed by its ``*``: the shadowed lint scanned every section's deciding line
    for every shadowed line (66,666 x 66,666), 96 s before; now each path's deciding lines are grouped once."""
    top = repo({"a.py": ""})
    (top / ".gitlab").mkdir()
    (top / ".gitlab" / "CODEOWNERS").write_text("".join(f"[S{i}]\n*.py @a\n* @b\n" for i in range(66_666)))
    code, out, err = run(["check"], cwd=top)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 66_666 + 1
    assert lines[0] == ".gitlab/CODEOWNERS:2:1: shadowed: pattern '*.py' matches 1 file, but line 3 decides it in " \
        "section [S0]"
    assert lines[-2] == ".gitlab/CODEOWNERS:199997:1: shadowed: pattern '*.py' matches 1 file, but line 199998 " \
        "decides it in section [S66665]"
    assert lines[-1] == "ok: 1 file checked, no problems; 66666 warnings (66666 shadowed)"


def test_a_github_codeowners_over_3_mb_is_refused_before_it_is_parsed(repo: Callable[..., Path], run: Callable,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """100,000 rules (3.3 MB) took 7 s to parse and were then refused; the size is checked first now."""
    top = repo({"a.py": ""})
    (top / "CODEOWNERS").write_text("".join(f"/dir{i}/file{i}.py @user{i}\n" for i in range(100_000)))
    size = (top / "CODEOWNERS").stat().st_size
    assert size >= 3 * 1024 * 1024

    def parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed a CODEOWNERS file that is refused")

    monkeypatch.setattr(codeowners, "parse", parse)  # the reader imports it from there when it reads
    assert run(["check"], cwd=top) == (
        2, "", f"ownership: error: CODEOWNERS: {size:,} bytes: GitHub ignores a CODEOWNERS file of 3 MB or more\n")


def test_a_github_codeowners_over_3_mb_at_a_revision_is_refused_as_in_the_work_tree(
        repo: Callable[..., Path], run: Callable) -> None:
    """``diff`` reads the other side's CODEOWNERS from git through the same reading as the work tree's file."""
    big = "".join(f"/dir{i}/file{i}.py @user{i}\n" for i in range(100_000))
    top = repo({"a.py": "", "CODEOWNERS": big})
    size = len(big.encode())
    git(top, "checkout", "-q", "-b", "small")
    (top / "CODEOWNERS").write_text("* @a\n")
    git(top, "commit", "-qam", "small")
    assert run(["diff", "main"], cwd=top) == (
        2, "", f"ownership: error: main:CODEOWNERS: {size:,} bytes: GitHub ignores a CODEOWNERS file of 3 MB or more\n")


# --- 12. lines end at "\n" only -------------------------------------------------------------------------------

# What str.splitlines also breaks at; git, GitHub (bufio.ScanLines) and GitLab (Ruby's each_line) do not.
NOT_LINE_ENDS = ["\u2028", "\u2029", "\x85", "\v", "\f", "\x1c", "\x1d", "\x1e", "\r"]


def test_a_3_line_codeowners_is_read_as_3_lines_not_5() -> None:
    parsed = codeowners.parse("# a\u2028b\n*.py @a\v@b\n*.md @c\r\n", "CODEOWNERS")
    assert parsed.lines == ("# a\u2028b", "*.py @a\v@b", "*.md @c")
    assert [(e.text, e.owners, e.line, e.rule.origin.column) for e in parsed.entries] == [
        ("*.py", ("@a", "@b"), 2, 1), ("*.md", ("@c",), 3, 1)]
    assert parsed.problems == ()


@pytest.mark.parametrize("char", NOT_LINE_ENDS, ids=[f"U+{ord(c):04X}" for c in NOT_LINE_ENDS])
def test_a_comment_cannot_hide_a_rule_behind_a_character_that_is_no_line_end(repo: Callable[..., Path],
                                                                             run: Callable, char: str) -> None:
    """``# ok<U+2028>* @evil`` is one comment line: it owns nothing, and the lines after it keep their numbers."""
    top = repo({"a.py": "", "b.md": "", "CODEOWNERS": f"# ok{char}* @evil\n*.py @a\n*.md nobody\n"})
    assert run(["check"], cwd=top) == (1, (
        "CODEOWNERS:3:6: error: invalid owner: 'nobody' is not a valid owner: did you mean '@nobody'?\n"
        "CODEOWNERS: unowned: no line gives it an owner\n"
        "b.md: unowned: no line gives it an owner\n"
        "3 problems (1 error, 2 unowned) in 3 files checked\n"), "")


def test_split_lines_ends_lines_at_newline_only() -> None:
    assert codeowners.split_lines("") == []
    assert codeowners.split_lines("a") == ["a"]
    assert codeowners.split_lines("a\n") == ["a"]
    assert codeowners.split_lines("a\r\nb\r\n") == ["a", "b"]
    assert codeowners.split_lines("a\n\nb") == ["a", "", "b"]
    assert codeowners.split_lines("a\rb\r") == ["a\rb"]  # a lone \r is in the line; one at the very end is not
    assert codeowners.split_lines("a\r\r\n") == ["a\r"]
    assert codeowners.split_lines("".join(NOT_LINE_ENDS) + "\n") == ["".join(NOT_LINE_ENDS[:-1])]


def test_an_owners_file_is_split_at_newline_only(tmp_path: Path) -> None:
    declared = lint.parse_owners_file("@a\n# @b\u2028@c\n@d\f\n", "OWNERS")
    assert declared.owners == ("@a", "@d")
    with pytest.raises(ConfigError) as info:
        lint.parse_owners_file("@a\n# x\x85y\nnot-an-owner\n", "OWNERS")
    assert str(info.value) == ("OWNERS:3:1: 'not-an-owner' is not an owner: write one @user, @org/team or e-mail "
                               "address a line")


def test_role_map_positions_count_newlines_only(repo: Callable[..., Path], run: Callable) -> None:
    """A comment holding U+2028 and U+0085, a string holding U+2028: the error is on line 3, column 19."""
    top = repo({"a.py": ""})
    (top / "ownership.toml").write_text('# owners\u2028of\x85the map\n[roles.a]\npaths = ["a\u2028.py", ""]\n')
    assert run(["check"], cwd=top) == (2, "", "ownership: error: ownership.toml:3:19: empty pattern\n")
    (top / "ownership.toml").write_text('# owners\u2028of\x85the map\n[roles.a]\npaths = ["a\u2028.py", 1]\n')
    assert run(["check"], cwd=top) == (
        2, "", "ownership: error: ownership.toml:3:19: role 'a': paths: item 2 must be a string, not an integer\n")
    (top / "ownership.toml").write_text('# owners\u2028of\x85the map\n[roles.a]\npaths = ["a\u2028.py" "b"]\n')
    assert run(["check"], cwd=top) == (
        2, "", "ownership: error: ownership.toml:3:18: invalid TOML: unclosed array\n")


# --- 6. a role map with a 200,000-part dotted key ----------------------------------------------------------


@pytest.mark.parametrize("text, where", [
    ("a." * 199_999 + "a = 1\n", "1:1"),  # 400 KB: tomllib ran for minutes, then the locator for minutes more
    ('[roles.a]\npaths = ["a.py"]\n[' + "b." * 199_999 + "b]\n", "3:2"),
    ("x = { y = 1, " + ".".join(['"q.q"'] * 33) + " = 2 }\n", "1:14"),
], ids=["key", "table header", "quoted parts in an inline table"])
def test_a_key_of_too_many_parts_is_refused_before_tomllib(repo: Callable[..., Path], run: Callable, text: str,
                                                           where: str) -> None:
    top = repo({"a.py": ""})
    (top / "ownership.toml").write_text(text)
    assert run(["check"], cwd=top) == (
        2, "", f"ownership: error: ownership.toml:{where}: invalid TOML: a key or table header of more than 32 "
        "dotted parts\n")


def test_32_parts_are_parsed_and_dots_in_strings_and_comments_do_not_count(repo: Callable[..., Path],
                                                                          run: Callable) -> None:
    dots = "." * 100
    top = repo({"a.py": ""})
    (top / "ownership.toml").write_text(
        f'# {dots}\n[roles.a]\npaths = ["a.py", "{dots}x"]\ndescription = """\n{dots}\n"""\n'
        f"owners = ['x@y{dots}z']  # {dots}\n")
    assert run(["check"], cwd=top) == (0, f"ownership.toml:3:18: unused: pattern '{dots}x' of role 'a' matches no "
                                          "file\nok: 1 file checked, no problems; 1 warning (1 unused)\n", "")
    (top / "ownership.toml").write_text("[roles.a]\npaths = []\n" + ".".join(["p"] * 32) + " = 1\n")
    assert run(["check"], cwd=top) == (
        2, "", "ownership: error: ownership.toml:3:1: unknown key 'p' in role 'a' (known: description, owners, members, paths, "
        "accountable, consulted, informed)\n")


def test_the_locator_skips_paths_deeper_than_it_records_and_reads_on() -> None:
    """Each part of a 200,000-part key copied the parts before it (quadratic); deeper keys are now skipped."""
    found = tomlpos.locate("a." * 199_999 + "a = 1\nb = [2]\n[" + "c." * 199_999 + "c]\nd = 3\n[e]\nf = 4\n")
    assert found == {("b",): (2, 1), ("b", tomlpos.VALUE): (2, 5), ("b", 0): (2, 6), ("e",): (5, 1),
                     ("e", "f"): (6, 1), ("e", "f", tomlpos.VALUE): (6, 5)}  # d, under the deep table: skipped
    deep = tomlpos.locate("x = " + "[" * 100 + "]" * 100 + "\n")
    assert max(map(len, deep)) == tomlpos.MAX_PATH
    assert deep[("x",) + (0,) * (tomlpos.MAX_PATH - 1)] == (1, 4 + tomlpos.MAX_PATH)
