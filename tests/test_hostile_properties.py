"""Property tests on hostile input: for any role map, CODEOWNERS or file name, the command line exits 0, 1 or 2
and no exception escapes ``main``.

Each test builds one repository (git is slow next to an example) and rewrites the rules file per example.
``main`` runs in-process with its output captured; an exception other than ``SystemExit`` fails the example
with its traceback. The agreement of the indexed matcher with a pattern-by-pattern reading is in
test_matcher.py (``test_resolver_agrees_with_decide_on_every_path``, and its CODEOWNERS twin).
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import List, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import GIT_ENV, make_repo
from ownership.cli import main

FILES = {
    "a.py": "", "src/b.py": "", "src/deep/c.txt": "", "docs/README.md": "", "-dash.py": "",
    "sp ace/x y.md": "", "ünï/cödé.py": "", "x[1].py": "",
}
EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])


@pytest.fixture(scope="module")
def top(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        for key, value in GIT_ENV.items():
            patch.setenv(key, value)
        return make_repo(tmp_path_factory.mktemp("props") / "repo", FILES)


def invoke(args: List[str]) -> Tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def assert_clean(code: int, out: str, err: str) -> None:
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err
    if code == 2:  # exactly one line saying what is wrong
        assert err.startswith("ownership: error: ") and err.endswith("\n") and err.count("\n") == 1, err


# --- strategies ------------------------------------------------------------------------------------------

GLOB_CHARS = st.sampled_from(list("ab/*?.[]\\!# -_\tü\x00\x1b") + ["**", "/**/", "\\ ", "\\#"])
globs = st.lists(GLOB_CHARS, max_size=12).map("".join)
names = st.text(max_size=12)
owners = st.sampled_from(["@a", "@org/team", "x@y.io", "bad", "@", "@@maintainers", "@a\x1b"])


def _toml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string literal is a TOML basic string for what json.dumps writes


@st.composite
def structured_rolemaps(draw: st.DrawFn) -> str:
    lines: List[str] = []
    if draw(st.booleans()):
        lines += ["[settings]", f"resolution = {_toml_string(draw(st.sampled_from(['specific', 'last', 'strict', 'x'])))}"]
        if draw(st.booleans()):
            lines.append(f"ignore = [{', '.join(_toml_string(g) for g in draw(st.lists(globs, max_size=3)))}]")
    for name in draw(st.lists(names, max_size=4)):
        lines.append(f"[roles.{_toml_string(name)}]")
        key = draw(st.sampled_from(["paths", "paths", "accountable", "owners", "description", "pathz"]))
        values = draw(st.lists(globs, max_size=4))
        lines.append(f"{key} = [{', '.join(_toml_string(v) for v in values)}]")
        if draw(st.booleans()):
            lines.append(f"owners = [{', '.join(_toml_string(o) for o in draw(st.lists(owners, max_size=2)))}]")
    if draw(st.booleans()):
        lines.append("[phases]")
        for name in draw(st.lists(names, max_size=2)):
            lines.append(f"{_toml_string(name)} = [{', '.join(_toml_string(g) for g in draw(st.lists(globs, max_size=2)))}]")
    return "\n".join(lines) + "\n"


rolemap_bytes = st.one_of(
    structured_rolemaps().map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@st.composite
def codeowners_texts(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["rule", "rule", "comment", "section", "noise"]))
        if kind == "rule":
            lines.append(f"{draw(globs)} {' '.join(draw(st.lists(owners, max_size=3)))}")
        elif kind == "comment":
            lines.append("# " + draw(names))
        elif kind == "section":
            lines.append(f"{draw(st.sampled_from(['', '^']))}[{draw(names)}]{draw(st.sampled_from(['', '[2]', '[x]']))} "
                         f"{draw(owners)}")
        else:
            lines.append(draw(st.text(max_size=30)))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return (draw(st.sampled_from(["", "\ufeff"])) + ending.join(lines) + ending).encode("utf-8", "surrogatepass")


# --- properties --------------------------------------------------------------------------------------------


@EXAMPLES
@given(data=rolemap_bytes, command=st.sampled_from([
    ["check"], ["report"], ["report", "--format", "markdown"], ["report", "--format", "sarif"],
    ["check", "--format", "github"], ["who", "a.py", "src/b.py"], ["raci"], ["codeowners"],
]))
def test_any_role_map_exits_0_1_or_2(top: Path, data: bytes, command: List[str]) -> None:
    (top / "ownership.toml").write_bytes(data)
    try:
        args = [command[0], str(top) if command[0] in ("report", "raci", "codeowners") else f"--root={top}",
                *command[1:]]
        assert_clean(*invoke(args))
    finally:
        (top / "ownership.toml").unlink()


@EXAMPLES
@given(data=codeowners_texts(), command=st.sampled_from([
    ["check"], ["check", "--format", "json"], ["report", "--format", "github"], ["who", "a.py"], ["import", "-o"],
]), dialect=st.sampled_from([[], ["--dialect", "github"], ["--dialect", "gitlab"]]))
def test_any_codeowners_exits_0_1_or_2(top: Path, tmp_path_factory: pytest.TempPathFactory, data: bytes,
                                       command: List[str], dialect: List[str]) -> None:
    (top / "CODEOWNERS").write_bytes(data)
    try:
        if command[0] == "import":
            out = tmp_path_factory.mktemp("import") / "ownership.toml"
            args = ["import", str(top / "CODEOWNERS"), "-o", str(out), *dialect]
        elif command[0] == "report":
            args = ["report", str(top), *command[1:], *dialect]
        else:
            args = [command[0], f"--root={top}", *dialect, *command[1:]]
        code, out_text, err = invoke(args)
        assert_clean(code, out_text, err)
        if "json" in command and code != 2:
            json.loads(out_text)
    finally:
        (top / "CODEOWNERS").unlink()


@EXAMPLES
@given(paths=st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=4))
def test_any_path_argument_exits_0_1_or_2(top: Path, paths: List[str]) -> None:
    (top / "ownership.toml").write_text('[roles.a]\npaths = ["*.py"]\n')
    try:
        for command in (["who", f"--root={top}", "--", *paths], ["check", f"--root={top}", "--", *paths]):
            assert_clean(*invoke(command))
    finally:
        (top / "ownership.toml").unlink()
