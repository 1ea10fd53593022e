"""Issue 10, parsing and crashes: what a pull request's role map, CODEOWNERS or file names can do to us.

Every test is the reproduction from the issue. Time is never asserted: a quadratic parser shows as a test
that does not finish (the figures are in the lead's report and in benchmarks/).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from conftest import git

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
    assert data["dirs"][:3] == [["", -1], ["d", 0], ["d/d", 1]]  # parents first
    assert data["dirs"][-1] == ["d/" * 1099 + "d", 1099]
    assert data["files"][0] == [1100, "f.txt", 0, 0]
