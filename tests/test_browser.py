"""The HTML report in a real browser: headless Chromium renders it, takes a screenshot, and the DOM is checked
against the JSON report (legend counts, what a click on a tile shows, the filter, the RACI matrix).

Skipped when Chromium is not installed (Debian: apt-get install chromium); .ci/run installs it.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import pytest

from browser import Browser, find_chromium
from conftest import EX, ROOT, SHARED, git

DOCS_SCREENSHOT = ROOT / "docs" / "report-example.png"
CORPUS = SHARED / "corpora" / "esphome__esphome"
LEGEND = "[...document.querySelectorAll('#legend li')].map(li => [li.dataset.role, +li.querySelector('.count').textContent])"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI"):  # .ci/run installs it: a skip there would hide the browser tests
            pytest.fail("chromium is not installed, and CI is set: .ci/run should have installed it")
        pytest.skip("chromium is not installed (apt-get install chromium); CI installs it")
    page = Browser(executable, tmp_path_factory.mktemp("chromium-profile"), width=1280, height=860)
    yield page
    page.close()


def expected_legend(document: Dict[str, Any]) -> List[List[Any]]:
    summary = document["summary"]
    # CODEOWNERS has no ignored files: the files it leaves unowned on purpose take their place
    last = ["explicitly unowned", summary["explicitly_unowned"]] if "explicitly_unowned" in summary else \
        ["ignored", summary["ignored"]]
    return [[r["role"], r["files"]] for r in document["roles"]] + [
        ["unowned", summary["unowned"]], ["conflict", summary["conflicts"]], last]


def show(browser: Browser, path: str) -> Dict[str, str]:
    """Click the tile of ``path``; what the details panel then says."""
    browser.click(f'.tile.file[data-path="{path}"]')
    return browser.evaluate("(() => { const d = document.getElementById('details');"
                            " return {path: d.dataset.path, owner: d.dataset.owner, text: d.innerText}; })()")


def open_report(browser: Browser, page: Path) -> None:
    browser.events.clear()
    browser.open(page.as_uri())
    assert browser.exceptions() == []
    assert browser.requests() == [page.as_uri()]  # nothing but the page itself is ever fetched


def test_example_report(browser: Browser, example_repo: Path, run: Callable, tmp_path: Path,
                        request: pytest.FixtureRequest) -> None:
    page = tmp_path / "report.html"
    assert run(["report", EX, "--format", "html", "-o", str(page)], cwd=example_repo) == (0, "", "")
    document = json.loads(run(["report", EX, "--format", "json", "--list"], cwd=example_repo)[1])
    open_report(browser, page)
    shot = browser.screenshot(tmp_path / "example.png")
    assert shot.startswith(b"\x89PNG") and len(shot) > 20_000

    assert browser.evaluate(LEGEND) == expected_legend(document)
    figures = browser.evaluate("Object.fromEntries([...document.querySelectorAll('[data-figure]')]"
                               ".map(li => [li.dataset.figure, li.querySelector('b').textContent]))")
    assert figures == {k: (f"{v:.1f}%" if k == "coverage" else str(v)) for k, v in document["summary"].items()}
    # A small tree: every file has its own tile.
    tiles = browser.evaluate("[...document.querySelectorAll('.tile.file')].map(t => t.dataset.path).sort()")
    listed = [p for r in document["roles"] for p in r["paths"]] + document["unowned"] + document["ignored"]
    assert tiles == sorted(listed + [c["path"] for c in document["conflicts"]])

    shown = show(browser, "src/churn_mlops/models/train.py")
    assert shown["owner"] == "ML Engineer"
    assert "owned by ML Engineer" in shown["text"] and "src/*/models/" in shown["text"]
    who = json.loads(run(["who", "--root", EX, "--format", "json", f"{EX}/src/churn_mlops/models/train.py"],
                         cwd=example_repo)[1])["paths"][0]
    assert f"ownership.toml:{who['rule']['line']}:" in shown["text"]
    if request.config.getoption("--update-goldens"):  # the README's picture: a file selected, its details shown
        browser.screenshot(DOCS_SCREENSHOT)
    assert show(browser, "Makefile")["text"].splitlines()[3] == "unowned"
    assert "conflict: MLOps Engineer vs SRE" in show(browser, "config/monitoring.yaml")["text"]
    assert "*.lock" in show(browser, "uv.lock")["text"]

    browser.mouse("mouseMoved", *browser.evaluate(
        "(() => { const r = document.querySelector('[data-path=\"Dockerfile\"]').getBoundingClientRect();"
        " return [r.x + 5, r.y + 5]; })()"))
    assert browser.evaluate("getComputedStyle(document.getElementById('tip')).display") == "block"
    assert "owned by DevOps Engineer" in browser.evaluate("document.getElementById('tip').innerText")

    browser.type("#filter", "serving")
    browser.wait("document.getElementById('match-count').textContent === '2 files match'")
    assert browser.evaluate("[...document.querySelectorAll('.tile.file:not(.dim)')].map(t => t.dataset.path)") == [
        "src/churn_mlops/serving/app.py", "src/churn_mlops/serving/metrics.py"]
    browser.click('#legend li[data-role="MLOps Engineer"]')
    browser.wait("document.getElementById('match-count').textContent === '5 files match'")
    assert browser.evaluate("document.getElementById('filter').value") == "owner:MLOps Engineer"

    browser.click('.frame[data-dir="infra"] .head')  # a directory zooms in
    assert browser.evaluate("document.getElementById('crumbs').innerText").startswith("examples/churn-mlops/infra/")
    assert browser.evaluate("document.querySelectorAll('.tile.file').length") == 3

    raci = json.loads(run(["raci", EX, "--format", "json"], cwd=example_repo)[1])
    cells = browser.evaluate("[...document.querySelectorAll('table.raci tbody tr')]"
                             ".map(tr => [...tr.children].map(td => td.textContent))")
    assert cells == [[p["phase"], str(p["files"]), *(p["cells"][role]["letters"] for role in raci["roles"])]
                     for p in raci["phases"]]
    assert browser.exceptions() == []


@pytest.mark.skipif(not (CORPUS / "files.txt").is_file(), reason=f"no corpus at {CORPUS} (shared/ is not beside the checkout)")
def test_corpus_report(browser: Browser, tmp_path: Path, run: Callable) -> None:
    top = tmp_path / "esphome"
    subprocess.run([str(SHARED / "bench" / "make-repo"), "--fast-import", str(CORPUS), str(top)], check=True,
                   stdout=subprocess.DEVNULL)
    git(top, "checkout", "--", "CODEOWNERS")  # the tree has no files on disk; the rules must be
    page = tmp_path / "report.html"
    assert run(["report", "--format", "html", "-o", str(page)], cwd=top) == (0, "", "")
    document = json.loads(run(["report", "--format", "json", "--list"], cwd=top)[1])
    open_report(browser, page)
    browser.screenshot(tmp_path / "esphome.png")
    assert browser.evaluate(LEGEND) == expected_legend(document)
    # The owners of a file as the JSON has them: every owner whose list holds it, in the owners' order.
    owners: Dict[str, List[str]] = {}
    for role in document["roles"]:
        for path in role["paths"]:
            owners.setdefault(path, []).append(role["role"])
    components = "esphome/components"
    for directory in ("esphome", components):  # a click on a directory's header or aggregated tile zooms in
        browser.click(f'.frame[data-dir="{directory}"] > .head, .tile.agg:not(.group)[data-dir="{directory}"]')
    assert browser.evaluate("document.getElementById('crumbs').innerText").startswith(f"./{components}/")
    for _ in range(5):  # down into the first subdirectory until files show one by one
        visible = browser.evaluate("[...document.querySelectorAll('.tile.file')].map(t => t.dataset.path)")
        if visible:
            break
        browser.click(".frame > .head, .tile.agg:not(.group)")
    assert visible and all(p.startswith(components + "/") for p in visible)
    for path in {visible[0], visible[-1], *[p for p in visible if p not in owners][:1]}:
        assert show(browser, path)["owner"] == ", ".join(owners.get(path, ["unowned"]))
    assert browser.exceptions() == []


@pytest.mark.skipif(not (SHARED / "bench" / "make-synthetic").is_file(), reason="no shared/bench/make-synthetic")
def test_a_hundred_thousand_files_stay_usable(browser: Browser, tmp_path: Path) -> None:
    from ownership.codeowners.parse import parse
    from ownership.formatters import html
    from ownership.analysis.codeowners import build_codeowners_report

    subprocess.run([str(SHARED / "bench" / "make-synthetic"), "-n", "100000", "-r", "1000", str(tmp_path / "c")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    paths = sorted((tmp_path / "c" / "files.txt").read_text().splitlines())
    rules = parse((tmp_path / "c" / "CODEOWNERS").read_text(), "CODEOWNERS")
    rep = build_codeowners_report(rules, paths, "synthetic", deciding=True)
    page = tmp_path / "report.html"
    page.write_text(html.report(rep), encoding="utf-8")
    assert page.stat().st_size < 8_000_000
    seconds = browser.open(page.as_uri(), timeout=60)
    assert seconds < 20, f"the page took {seconds:.1f} s to become ready"
    # Small directories are aggregated: the page stays within its tile budget.
    assert browser.evaluate("document.querySelectorAll('.tile, .frame').length") <= 2600
    total = browser.evaluate("[...document.querySelectorAll('#legend li')].reduce((n, li) => n + +li.dataset.count, 0)")
    assert total == sum(len(r.files) for r in rep.roles) + len(rep.unowned) + len(rep.exempt)
    browser.type("#filter", "/tests/")  # no owner's name holds that
    browser.wait("!document.getElementById('match-panel').hidden", timeout=20)
    assert browser.evaluate("document.getElementById('match-count').textContent") == (
        f"{sum('/tests/' in p for p in paths)} files match")
    assert browser.exceptions() == []


def test_odd_file_names_render_as_text(browser: Browser, repo: Callable, run: Callable, tmp_path: Path) -> None:
    names = ['x</script><script>document.body.dataset.pwned = "yes"</script>.txt', "<img src=x onerror=alert(1)>.md",
             'say "hi" & <bye>.txt', "tab\there.txt"]
    top = repo({"ownership.toml": '[roles.A]\npaths = ["*.md"]\n', **{name: "" for name in names}})
    page = tmp_path / "report.html"
    assert run(["report", "--format", "html", "-o", str(page)], cwd=top) == (0, "", "")
    open_report(browser, page)
    assert browser.evaluate("document.body.dataset.pwned") is None
    shown = browser.evaluate("[...document.querySelectorAll('.tile.file')].map(t => t.dataset.path).sort()")
    assert shown == sorted([*names[:3], '"tab\\there.txt"', "ownership.toml"])
    assert show(browser, 'say \\"hi\\" & <bye>.txt')["path"] == 'say "hi" & <bye>.txt'
    assert show(browser, "<img src=x onerror=alert(1)>.md")["owner"] == "A"
