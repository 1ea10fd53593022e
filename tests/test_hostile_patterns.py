"""Patterns crafted to be slow: matching stays linear in the path and the pattern (no backtracking regex).

These tests assert no time; with a backtracking matcher they would not finish (``*a*a…*c`` against a long
run of ``a`` is exponential for a backtracking regex, as pathspec's is). Each has a generous timeout
(pytest-timeout), so that a matcher gone slow fails the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Callable, Dict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ownership.codeowners.syntax import GITLAB
from ownership.codeowners.parse import parse
from ownership.errors import PatternError
from ownership.core.matcher import OWNED
from ownership.core.resolver import Resolver
from ownership.core.patterns import Pattern
from ownership.core.rules import Origin, Rule
from conftest import git
from pathspec_reference import reference_matches

pytestmark = pytest.mark.timeout(120)  # a hang guard, not a speed assertion

LONG_NAME = "a" * 4095 + "b"  # one segment as long as a path may be
DEEP_PATH = "/".join(["a"] * 2047) + "/b"  # 4,096 bytes of segments


@pytest.mark.parametrize("glob, path, expected", [
    ("*a" * 40 + "*c", LONG_NAME, False),
    ("*a" * 40 + "*b", LONG_NAME, True),
    ("?a" * 100 + "*c", LONG_NAME, False),
    ("/".join(["**", "a"] * 40) + "/c", DEEP_PATH, False),
    ("/".join(["**", "a"] * 40) + "/b", DEEP_PATH, True),
    ("/".join(["*"] * 200) + "/c", DEEP_PATH, False),
    ("**/" + "*a*a*a*a*a*a*a*a*/" * 20 + "c", DEEP_PATH, False),
], ids=["stars in a segment", "stars that match", "question marks", "double-star segments",
        "double stars that match", "single-star segments", "stars at both levels"])
def test_crafted_patterns_finish(glob: str, path: str, expected: bool) -> None:
    assert Pattern(glob).matches(path) is expected


@pytest.mark.parametrize("glob", ["[a]*" * 30 + "c", "*[!b]" * 30 + "c", "**/" * 50 + "*a*a*a*c"])
def test_crafted_gitlab_patterns_finish(glob: str) -> None:
    codeowners = parse(f"{glob} @a\n", "CODEOWNERS", GITLAB)
    for entry in codeowners.entries:
        assert entry.rule.pattern.matches(LONG_NAME) is False
        assert entry.rule.pattern.matches(DEEP_PATH) is False


def chain(n: int) -> str:
    """``a/a/…/b`` with ``n`` directories ``a``: DEEP_PATH is ``chain(2047)``."""
    return "a/" * n + "b"


def resolver_matches(pattern: Pattern, path: str) -> bool:
    """Whether the tree resolver (not ``Pattern.matches``) gives ``path`` to the rule of ``pattern``."""
    rule = Rule(0, "r", pattern.glob, Origin("ownership.toml", 1, 1), pattern)
    return Resolver([rule], "last").resolve([path])[0].status == OWNED


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(st.sampled_from(["*", "**", "a", "*a", "a*", "?", "/", "\\*"]), min_size=1, max_size=40))
def test_any_star_pattern_gives_the_reference_answer_on_long_paths(pieces: list) -> None:
    """Pathspec decides on short paths; on the 4 KB ones its backtracking regex would not finish, so the
    answer comes from a short path instead: a glob with k characters or segments other than stars answers
    the same for ``a``*n + ``b`` (and for ``chain(n)``) whatever n > k, since only a star can absorb the
    extra ``a``. Both matchers (``Pattern.matches`` and the tree resolver) must give that answer."""
    glob = "".join(pieces)
    try:
        pattern = Pattern(glob)
    except PatternError as error:  # only "//" (an empty segment) and a glob of slashes are refused here
        assert "empty segment" in str(error) or "names no path" in str(error), str(error)
        return
    for path in ["a", "b", "ab", "aab", "a/b", "a/a", "a/a/b", "b/a", "*", "a/*"]:
        assert pattern.matches(path) == reference_matches(glob, path), path
    fixed = len(pieces)  # at least the number of non-star characters and segments
    for long, short in [(LONG_NAME, "a" * (fixed + 1) + "b"), (DEEP_PATH, chain(fixed + 1))]:
        expected = pattern.matches(short)
        if len(pieces) <= 10:  # short enough for pathspec's regex
            assert expected == reference_matches(glob, short), short
        assert pattern.matches(long) is expected
        assert resolver_matches(pattern, long) is expected
        assert resolver_matches(pattern, short) is expected


def test_the_long_path_answer_is_the_short_path_answer() -> None:
    """The property above, on globs whose answer flips with the length (pathspec decides the short ones)."""
    cases = {"*a*a*a*b": True, "a?*": True, "?a*a": False, "**/a/a/*": True, "**/b/*": False, "a/**/a/*": True, "a/?/**/b": True,
             "/**/a/a/a/b": True, "*/*/*": False, "a/*": False, "??": False}
    for glob, expected in cases.items():
        pattern = Pattern(glob)
        short = chain(12) if "/" in glob else "a" * 12 + "b"
        long = DEEP_PATH if "/" in glob else LONG_NAME
        assert reference_matches(glob, short) is expected, glob
        assert pattern.matches(long) is expected, glob
        assert resolver_matches(pattern, long) is expected, glob


def test_ten_thousand_rules_that_all_match(repo: Callable[..., Path], run: Callable) -> None:
    """Every rule matches every file: one role, resolution last, so the report stays small."""
    globs = ["*", "**", "*.py", "d*/", "**/*.py", "/**/f*"]
    paths = ", ".join(f'"{globs[i % len(globs)]}"' for i in range(10_000))
    files = {f"d{i % 5}/f{i}.py": "" for i in range(50)}
    top = repo({**files, "ownership.toml": f'[settings]\nresolution = "last"\n[roles.a]\npaths = ["ownership.toml", {paths}]\n'})
    assert run(["check"], cwd=top) == (0, "ok: 51 files checked, no problems\n", "")


def deep_repo(root: Path, path: str, files: Dict[str, str]) -> Path:
    """A repository whose commit and index hold ``path`` (too deep to create under a temporary directory)
    and ``files`` (also written to the work tree)."""
    root.mkdir()
    git(root, "init", "-q")
    stream = ["blob\nmark :1\ndata 0\n"]
    for i, text in enumerate(files.values(), start=2):
        data = text.encode()
        stream.append(f"blob\nmark :{i}\ndata {len(data)}\n{text}\n")
    stream.append("commit refs/heads/main\ncommitter t <t@t> 0 +0000\ndata 0\n")
    stream.append(f"M 100644 :1 {path}\n")
    stream.extend(f"M 100644 :{i} {name}\n" for i, name in enumerate(files, start=2))
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input="".join(stream).encode(), check=True)
    git(root, "reset", "-q")
    for name, text in files.items():  # the deep file stays in git only (the index and the commit)
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("rules", [10, 40])
def test_one_deep_path_and_long_double_star_rules(tmp_path: Path, run: Callable, rules: int) -> None:
    """Issue 10, point 7, as reported: one committed 4,001-character path and ten (forty) rules of
    ``**/a/`` x 1,000 took 8.5 s and 788 MB (58 s and 3 GB); each rule here is made distinct by a few more
    ``a/``, and every one of them owns the file."""
    path = "a/" * 2000 + "f"
    assert len(path) == 4001
    globs = ["**/a/" * 1000 + "a/" * i for i in range(rules)]
    rolemap = '[settings]\nresolution = "last"\n' + "".join(
        f'[roles.r{i}]\npaths = ["{glob}", "ownership.toml", "CODEOWNERS"]\n' for i, glob in enumerate(globs))
    codeowners = "/ownership.toml @r0\n/CODEOWNERS @r0\n" + "".join(f"{glob} @r{i}\n" for i, glob in enumerate(globs))
    top = deep_repo(tmp_path / "repo", path, {"ownership.toml": rolemap, "CODEOWNERS": codeowners})
    code, out, err = run(["check"], cwd=top)
    # resolution "last": the last role decides all three files, and every earlier role's patterns are shadowed
    shadowed = 3 * (rules - 1)
    assert (code, err) == (0, "") and out.endswith(
        f"ok: 3 files checked, no problems; {shadowed} warnings ({shadowed} shadowed)\n")
    code, out, err = run(["who", path], cwd=top)
    assert (code, err) == (0, "") and f"r{rules - 1}" in out
    code, out, err = run(["check", "--codeowners", "CODEOWNERS", "--fail-on", "unowned", "--format", "json"], cwd=top)
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["summary"] == {"files": 3, "owned": 3, "unowned": 0, "conflicts": 0, "ignored": 0,
                                 "explicitly_unowned": 0, "coverage": 100.0}
    # every rule but the last matches the deep file, and the last one decides it
    shadowed = sorted(f["line"] for f in report["findings"] if f["kind"] == "shadowed")
    assert shadowed == list(range(3, rules + 2))
