"""Issue 12, point 13: packaging a user can trust. The MIT licence the metadata claims is shipped, the
distribution has a name of its own on PyPI (the command stays ``ownership``), wide characters align in every
text table, and the HTML page is titled with the repository's name."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Callable

from conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_mit_licence_the_metadata_claims_is_shipped() -> None:
    assert (PROJECT["license"], PROJECT["license-files"]) == ("MIT", ["LICENSE"])  # an SPDX expression (PEP 639)
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) ")
    assert "Permission is hereby granted, free of charge, to any person obtaining a copy" in text
    assert text.rstrip().endswith("OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\nSOFTWARE.")


def test_the_distribution_name_is_not_the_unrelated_ownership_on_pypi() -> None:
    # `ownership` on PyPI is another project (CODEOWNERS metadata, 0.0.1); `ownership-lint` was free when
    # checked with `pip index versions` and `pip download --no-deps` (issue 12).
    assert PROJECT["name"] == "ownership-lint"
    assert PROJECT["scripts"] == {"ownership": "ownership.cli:run"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install ownership-lint" in readme
    assert "`ownership` on PyPI is an unrelated project" in readme


def test_wide_characters_align_in_text_tables(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles."数据团队"]\npaths = ["data/"]\n\n[roles."🚀 Launch"]\npaths = ["/ownership.toml"]\n'
                '\n[roles.Docs]\npaths = ["docs/"]\n', "data/a.csv": "", "data/b.csv": "", "docs/é.md": ""})
    code, out, err = run(["report"], cwd=top)
    assert (code, err) == (0, "")
    table = out.split("Files per role\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert table == [
        "  ROLE       FILES  SHARE",
        "  数据团队       2  50.0%  ██████████",
        "  🚀 Launch      1  25.0%  █████",
        "  Docs           1  25.0%  █████",
    ]


def test_combining_marks_take_no_column(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles."Cafe\u0301"]\npaths = ["*"]\n\n[roles.Ops]\npaths = ["ops/"]\n',
                "a": "", "ops/b": ""})
    code, out, _ = run(["report"], cwd=top)
    table = out.split("Files per role\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert table == ["  ROLE  FILES  SHARE", "  Cafe\u0301      2  66.7%  █████████████▍", "  Ops       1  33.3%  ██████▋"]


def test_the_html_page_is_titled_with_the_repositorys_name(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["*"]\n', "svc/ownership.toml": '[roles.B]\npaths = ["*"]\n',
                "a": ""}, name="ranking-service")
    code, out, err = run(["report", "--format", "html"], cwd=top)
    assert (code, err) == (0, "")
    assert "<title>Ownership of ranking-service</title>" in out
    assert "<h1>Ownership of ranking-service</h1>" in out
    code, out, err = run(["report", "svc", "--format", "html"], cwd=top)
    assert re.search(r"<title>Ownership of ranking-service/svc</title>", out), out[:400]


def test_one_column_characters_are_measured_as_wcwidth_measures_them_without_importing_it() -> None:
    # Issue 14 (start-up): the report's bars are block elements; measuring them must not cost wcwidth's import
    # (12 ms, a third of `ownership --version`), and must agree with it.
    import subprocess
    import sys

    from wcwidth import wcswidth

    from ownership.formatters.text import _ONE_COLUMN, width

    known = [chr(c) for c in (*range(0x20, 0x7F), *range(0xA0, 0x300), *range(0x2500, 0x25A0))]
    assert all(_ONE_COLUMN.fullmatch(c) and width(c) == wcswidth(c) == 1 for c in known)
    assert (width("données █▌"), width("数据"), width("e\u0301")) == (10, 4, 1)  # wide and combining: wcwidth
    probe = ("import sys; from ownership.formatters.text import width; "
             "print(width('Data Engineer ████▌ éà'), 'wcwidth' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "22 False\n"
