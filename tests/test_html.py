"""The HTML report without a browser: self-contained, escaped, written with -o; and the text report's bars."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable, List

import pytest

from conftest import EX, git
from ownership.rolemap.parse import parse_rolemap
from ownership.formatters.html import payload, role_color
from ownership.formatters.text import bar
from ownership.analysis.report import build_report

EVIL = ['</script><script>document.body.dataset.pwned = "yes"</script>.txt', "<img src=x onerror=alert(1)>.md",
        'say "hi" & <bye>.txt', "new\nline.txt"]


def page_of(run: Callable, cwd: Path, *args: str) -> str:
    code, out, err = run(["report", "--format", "html", *args], cwd=cwd)
    assert (code, err) == (0, "")
    return out


def test_the_page_is_self_contained(example_repo: Path, run: Callable) -> None:
    page = page_of(run, example_repo, EX)
    assert page.startswith("<!DOCTYPE html>\n") and page.endswith("</html>\n")
    # Nothing to fetch: no links, sources, imports or URLs; the policy forbids any load besides the page.
    for needle in ("<link", " src=", "@import", "url(", "http://", "https://", "//cdn"):
        assert needle not in page
    assert "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';" in page
    assert page.count("<script") == 2 and page.count("</script>") == 2


def test_the_page_holds_legend_tables_and_raci(example_repo: Path, run: Callable) -> None:
    page = page_of(run, example_repo, EX)
    legend = re.findall(r'<li data-key="(-?\d+)" data-role="([^"]+)" data-count="(\d+)"', page)
    assert legend[:2] == [("0", "Data Engineer", "2"), ("1", "Data Scientist", "3")]
    assert legend[-3:] == [("-1", "unowned", "1"), ("-2", "conflict", "1"), ("-3", "ignored", "1")]
    assert "<h2>Unowned files (1)</h2>" in page and "<td><code>Makefile</code></td>" in page
    assert "<h2>Conflicts (1)</h2>" in page and "<h2>Rules that match nothing (1)</h2>" in page
    assert '<section id="raci">' in page and "<h2>RACI problems (0)</h2>" in page
    assert '<td>Incident response</td><td class="num">1</td>' in page


def test_the_payload_reads_the_report(repo: Callable) -> None:
    rolemap = parse_rolemap('[settings]\nignore = ["*.lock"]\n[roles.A]\npaths = ["src/"]\n[roles.B]\npaths = ["x.py"]\n',
                            "ownership.toml")
    rep = build_report(rolemap, ["src/a/x.py", "src/b.py", "top.txt", "y.lock"], ".", deciding=True)
    data = payload(rep, ["#111", "#222"])
    assert data["dirs"] == [["", -1], ["src", 0], ["a", 1]]  # [name, parent], parents first
    # [directory, name, owner key (role index; -1 unowned, -2 conflict, -3 ignored), rule or conflict index]
    assert data["files"] == [[1, "b.py", 0, 0], [0, "top.txt", -1, -1], [2, "x.py", -2, 0], [0, "y.lock", -3, 2]]
    assert data["rules"] == [["A", "src/", "ownership.toml:4:10"], ["B", "x.py", "ownership.toml:6:10"],
                             ["(ignore)", "*.lock", "ownership.toml:2:11"]]
    assert data["conflicts"] == [[0, 1]]
    assert data["roles"] == [{"name": "A", "color": "#111"}, {"name": "B", "color": "#222"}]


def test_odd_file_names_stay_inert(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["/ownership.toml"]\n', **{name: "" for name in EVIL}})
    (top / "dir\x1b").mkdir()
    (top / "dir\x1b" / b"bad-\xff.txt".decode("utf-8", "surrogateescape")).write_bytes(b"")
    git(top, "add", "-A")
    page = page_of(run, top)
    data = page.split('<script type="application/json" id="ownership-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data  # no tag can start inside the data
    document = json.loads(data)
    dirs: List[str] = []
    for name, parent in document["dirs"]:  # parents first
        dirs.append(f"{dirs[parent]}/{name}" if parent > 0 else name)
    paths = {(dirs[f[0]] + "/" if dirs[f[0]] else "") + f[1] for f in document["files"]}
    # Control characters and bytes that are not UTF-8 are shown escaped, as everywhere, segment by segment.
    assert {EVIL[0], EVIL[1], EVIL[2], '"new\\nline.txt"', '"dir\\x1b"/"bad-\\xff.txt"'} <= paths
    assert "<img" not in page and "<td><code>&lt;img src=x onerror=alert(1)&gt;.md</code></td>" in page


def test_output_option_writes_the_file_and_prints_nothing(example_repo: Path, run: Callable) -> None:
    assert run(["report", EX, "--format", "html", "-o", "out/report.html"], cwd=example_repo)[0] == 2  # no out/
    assert run(["report", EX, "--format", "html", "-o", "report.html"], cwd=example_repo) == (0, "", "")
    first = (example_repo / "report.html").read_text()
    assert first.startswith("<!DOCTYPE html>")
    assert run(["report", EX, "--format", "json", "--output", "report.html"], cwd=example_repo) == (0, "", "")
    assert json.loads((example_repo / "report.html").read_text())["summary"]["files"] == 21  # replaced


def test_output_into_a_missing_directory_is_one_line(example_repo: Path, run: Callable) -> None:
    code, out, err = run(["report", EX, "--format", "html", "-o", "nope/report.html"], cwd=example_repo)
    assert (code, out) == (2, "")
    assert err.startswith("ownership: error: nope/report.html: cannot write:") and err.count("\n") == 1


@pytest.mark.parametrize("command", [["check"], ["who", "x"], ["raci"]])
def test_html_is_a_report_format_only(command: list, example_repo: Path, run: Callable) -> None:
    code, _, err = run([*command, "--format", "html"], cwd=example_repo)
    assert code == 2 and "Invalid value for '--format'" in err


def test_role_colours_are_distinct_and_never_the_alarm_colours() -> None:
    colors = [role_color(i) for i in range(40)]
    assert len(set(colors)) == 40
    assert not {"#e0112b", "#ff9f1c", "#d9d9d9"} & set(colors)


@pytest.mark.parametrize("share,drawn", [(0.0, ""), (0.01, "▏"), (5.0, "█"), (12.5, "██▌"), (56.2, "███████████▎"),
                                         (100.0, "█" * 20), (130.0, "█" * 20)])
def test_text_bar_draws_eighths_of_a_cell(share: float, drawn: str) -> None:
    assert bar(share) == drawn


def test_codeowners_deciding_lines_are_per_owner() -> None:
    from ownership.codeowners.parse import parse
    from ownership.analysis.codeowners import build_codeowners_report

    rules = parse("* @all\n[Docs]\ndocs/ @writers @all\n", "CODEOWNERS", "gitlab")
    rep = build_codeowners_report(rules, ["docs/a.md", "x.py"], ".", deciding=True)
    assert [(e.role.name, e.files, [r.origin.line for r in e.rules]) for e in rep.roles] == [
        ("@all", ("docs/a.md", "x.py"), [3, 1]), ("@writers", ("docs/a.md",), [3])]
    assert [e.rules for e in build_codeowners_report(rules, ["x.py"], ".").roles] == [(), ()]  # only when asked
