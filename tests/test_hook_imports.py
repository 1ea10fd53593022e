"""Issue 14 ("instant in a hook"): a hook's `ownership check FILE...` imports no ``pathlib`` (3 ms on Python 3.11,
through ``urllib.parse`` and ``ipaddress``: about a tenth of what the hook may cost). The modules on its path
handle paths as strings (``adapters/fspath.py``), written as pathlib wrote them, so that every message reads
as before: the string functions are held to pathlib's own answers here."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path, PurePosixPath
from typing import Callable, List, Tuple

from hypothesis import example, given
from hypothesis import strategies as st

from ownership.adapters.fspath import ancestors, clean, is_under, join, name, parent

# What a hook must not import: pathlib, and what it brings with it.
HEAVY = ("pathlib", "urllib.parse", "ipaddress")

_SCRIPT = ("import sys; from ownership.cli import main; code = main(sys.argv[1:]); sys.stdout.flush(); "
           f"print(sorted(m for m in {HEAVY!r} if m in sys.modules)); sys.exit(code)")


def _hook(args: List[str], cwd: Path) -> Tuple[int, str, List[str]]:
    """``ownership ARGS`` in a fresh interpreter: its exit status, its output, and which of ``HEAVY`` it imported."""
    done = subprocess.run([sys.executable, "-c", _SCRIPT, *args], cwd=cwd, capture_output=True, text=True)
    *out, imported = done.stdout.splitlines(keepends=True)
    assert done.stderr == "" or done.returncode != 2, done.stderr
    return done.returncode, "".join(out), ast.literal_eval(imported)


ROLEMAP = '[roles."r"]\nowners = ["@org/r"]\npaths = ["/a/"]\n'


def test_a_role_maps_hook_imports_no_pathlib(repo: Callable[..., Path]) -> None:
    top = repo({"ownership.toml": ROLEMAP, "a/x.py": "", "b.py": ""})
    assert _hook(["check", "a/x.py"], top) == (0, "ok: 1 file checked, no problems\n", [])
    assert _hook(["check", "a/x.py", "b.py"], top) == (
        1, "b.py: unowned: no rule matches\n1 problem (1 unowned) in 2 files checked\n", [])


def test_a_role_map_found_above_the_current_directory_imports_no_pathlib(repo: Callable[..., Path]) -> None:
    """The search upward from where the user stands (issue 12) and paths shown relative to it."""
    top = repo({"pyproject.toml": "[tool.ownership]\n" + ROLEMAP.replace('[roles."r"]', '[tool.ownership.roles."r"]'),
                "a/x.py": "", "c/d/y.py": ""})
    assert _hook(["check", "x.py", "../c/d/y.py"], top / "a") == (
        1, "c/d/y.py: unowned: no rule matches\n1 problem (1 unowned) in 2 files checked\n", [])


def test_a_codeowners_hook_imports_no_pathlib(repo: Callable[..., Path]) -> None:
    top = repo({".github/CODEOWNERS": "/a/ @org/a\n", "a/x.py": "", "b.py": ""})
    assert _hook(["check", "a/x.py"], top) == (0, "ok: 1 file checked, no problems\n", [])
    assert _hook(["check", "b.py", "a/x.py"], top) == (
        1, "b.py: unowned: no line gives it an owner\n1 problem (1 unowned) in 2 files checked\n", [])
    assert _hook(["check", "--codeowners", "./.github//CODEOWNERS", "b.py"], top) == (
        1, "b.py: unowned: no line gives it an owner\n1 problem (1 unowned) in 1 file checked\n", [])


def test_a_hook_with_a_baseline_imports_no_pathlib(repo: Callable[..., Path]) -> None:
    for rules, why in (({"ownership.toml": ROLEMAP}, "no rule matches"),
                       ({".github/CODEOWNERS": "/a/ @org/a\n"}, "no line gives it an owner")):
        top = repo({**rules, "a/x.py": "", "b.py": ""}, name=next(iter(rules)).strip("./"))
        written = subprocess.run([sys.executable, "-m", "ownership", "baseline", "-o", "./base.json"], cwd=top,
                                 capture_output=True, text=True)
        assert written.returncode == 0, written.stderr
        assert _hook(["check", "--baseline", "./base.json", "b.py", "a/x.py"], top) == (
            0, "ok: 2 files checked, no new problems (1 known in the baseline)\n", [])
        (top / "c.py").write_text("")
        assert _hook(["check", "--baseline", "./base.json", "c.py"], top) == (
            1, f"c.py: unowned: {why}\n1 new problem (1 unowned) in 1 file checked (0 known in the baseline)\n", [])


def test_a_bad_rules_file_in_a_hook_still_says_where(repo: Callable[..., Path]) -> None:
    top = repo({"ownership.toml": ROLEMAP + 'paths = ["x"]\n', "a/x.py": ""})
    done = subprocess.run([sys.executable, "-c", _SCRIPT, "check", "a/x.py"], cwd=top / "a", capture_output=True,
                          text=True)
    assert done.returncode == 2
    assert done.stderr == "ownership: error: ../ownership.toml:4:14: invalid TOML: cannot overwrite a value\n"
    assert done.stdout == "[]\n"


# --- the string functions give pathlib's answers -------------------------------------------------------

_PARTS = st.sampled_from(["", ".", "..", "a", "b.py", ".git", "a b"])
_PATHS = st.builds(lambda lead, parts, trail: lead + "/".join(parts) + trail,
                   st.sampled_from(["", "/", "//", "///", "./"]), st.lists(_PARTS, max_size=5),
                   st.sampled_from(["", "/", "/."]))


@given(_PATHS, _PATHS)
@example("//a", "/")
@example("a", ".")
@example("..", ".")
@example("/ab", "/a")
def test_path_strings_as_pathlib_writes_them(text: str, other: str) -> None:
    pure, top = PurePosixPath(text), PurePosixPath(other)
    path = clean(text)
    assert path == str(pure)
    assert parent(path) == str(pure.parent)
    assert name(path) == pure.name
    assert list(ancestors(path)) == [str(p) for p in pure.parents]
    assert is_under(path, clean(other)) == (pure == top or top in pure.parents)
    assert join(other, text) == str(top / text)
