"""The CI formats: ``--format github`` (workflow-command annotations) and ``--format sarif`` (SARIF 2.1.0).

SARIF output is validated against tests/data/sarif-schema-2.1.0.json, a copy of shared/schemas/. Its SOURCE:
the OASIS SARIF 2.1.0 JSON schema (draft-04), from oasis-tcs/sarif-spec, path
sarif-2.1/schema/sarif-schema-2.1.0.json at commit e0583813964ec43cea53b6b531b402866095ed1f.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Dict, List

import jsonschema
import pytest

from conftest import SARIF_SCHEMA, git
from ownership.formatters import github, sarif
from ownership.formatters.github import escape_data, escape_property

ODD = ["100%::x,y.txt", "new\nline.txt", "cr\rhere.txt", "with space#1?.txt", "café.md"]


def validated(text: str) -> Dict:
    document = json.loads(text)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)
    return document


@pytest.fixture
def odd_repo(repo: Callable[..., Path]) -> Path:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["/ownership.toml", "gone/"]\n', **{n: "" for n in ODD}})
    (top / b"bad-\xff.txt".decode("utf-8", "surrogateescape")).write_bytes(b"")
    git(top, "add", "-A")
    return top


# --- workflow commands ------------------------------------------------------------------------------------


def test_escaping_follows_the_runner_rules() -> None:
    assert escape_data("50% a:b,c\r\nd") == "50%25 a:b,c%0D%0Ad"
    assert escape_property("50% a:b,c\r\nd") == "50%25 a%3Ab%2Cc%0D%0Ad"


def test_check_github_annotates_each_finding_with_escaped_file_names(odd_repo: Path, run: Callable) -> None:
    code, out, err = run(["check", "--format", "github", "--fail-on", "unowned,unused"], cwd=odd_repo)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "::error file=100%25%3A%3Ax%2Cy.txt,title=Unowned file::100%25::x,y.txt: unowned: no rule matches",
        "::error file=bad-\\xff.txt,title=Unowned file::\"bad-\\xff.txt\": unowned: no rule matches",
        "::error file=café.md,title=Unowned file::café.md: unowned: no rule matches",
        "::error file=cr%0Dhere.txt,title=Unowned file::\"cr\\rhere.txt\": unowned: no rule matches",
        "::error file=new%0Aline.txt,title=Unowned file::\"new\\nline.txt\": unowned: no rule matches",
        "::error file=with space#1?.txt,title=Unowned file::with space#1?.txt: unowned: no rule matches",
        "::error file=ownership.toml,line=2,col=29,title=Rule matches no file::"
        "ownership.toml:2:29: unused: pattern 'gone/' of role 'A' matches no file",
        "7 problems (6 unowned, 1 unused) in 7 files checked",
    ]


def test_annotation_files_are_relative_to_the_current_directory(repo: Callable, run: Callable) -> None:
    top = repo({"svc/ownership.toml": '[roles.A]\npaths = ["/ownership.toml"]\n', "svc/x.py": ""})
    code, out, _ = run(["check", "--root", "svc", "--format", "github"], cwd=top)
    assert out.splitlines()[0] == "::error file=svc/x.py,title=Unowned file::x.py: unowned: no rule matches"


def test_at_most_ten_annotations_then_a_pointer_and_the_rest_with_commands_stopped(repo: Callable, run: Callable) -> None:
    names = [f"f{i:02}.txt" for i in range(12)] + ["::warning::injected"]
    top = repo({"ownership.toml": '[roles.A]\npaths = ["/ownership.toml"]\n', **{n: "" for n in names}})
    code, out, _ = run(["check", "--format", "github"], cwd=top)
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == "::error file=%3A%3Awarning%3A%3Ainjected,title=Unowned file::\"::warning::injected\": unowned: no rule matches"
    assert [line.split(",")[0] for line in lines[1:10]] == [f"::error file=f{i:02}.txt" for i in range(9)]
    assert lines[10] == ("::notice title=More ownership problems::3 more ownership problems are not annotated "
                         "(GitHub shows 10 per step): see the job summary, or the list in this step's log")
    assert lines[11] == "::group::3 more ownership problems"
    token = lines[12].removeprefix("::stop-commands::")
    assert len(token) == 64 and token not in "\n".join(lines[13:16])
    assert lines[13:] == [
        "f09.txt: unowned: no rule matches", "f10.txt: unowned: no rule matches", "f11.txt: unowned: no rule matches",
        f"::{token}::", "::endgroup::", "13 problems (13 unowned) in 14 files checked",
    ]


def test_report_github_is_a_notice_and_warnings(example_repo: Path, run: Callable) -> None:
    code, out, _ = run(["report", "examples/churn-mlops", "--format", "github"], cwd=example_repo)
    assert code == 0
    assert out.splitlines()[0] == (
        "::notice title=Ownership of examples/churn-mlops (role map examples/churn-mlops/ownership.toml%2C "
        "resolution specific)::21 files, 18 owned, 1 unowned, 1 conflict, 1 ignored, coverage 90.0%25")
    assert [line.split(" ")[0] for line in out.splitlines()[1:]] == ["::warning"] * 3


def test_codeowners_problems_point_at_their_line(repo: Callable, run: Callable) -> None:
    top = repo({".github/CODEOWNERS": "* @a\n!x.py @b\n", "x.py": ""})
    code, out, _ = run(["check", "--format", "github"], cwd=top)
    assert (code, out.splitlines()[0]) == (
        1, "::error file=.github/CODEOWNERS,line=2,col=1,title=Invalid CODEOWNERS line::"
        ".github/CODEOWNERS:2:1: error: invalid pattern: negation with '!' is not supported")


def test_auto_format_is_github_only_inside_github_actions(project_clean: Path, run: Callable,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["check"], cwd=project_clean)[1] == "x.py: unowned: no rule matches\n1 problem (1 unowned) in 2 files checked\n"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run(["check"], cwd=project_clean)[1].startswith("::error file=x.py,title=Unowned file::")
    assert run(["check", "--format", "text"], cwd=project_clean)[1].startswith("x.py: unowned")
    assert run(["report"], cwd=project_clean)[1].startswith("Ownership of .")


@pytest.fixture
def project_clean(repo: Callable[..., Path]) -> Path:
    return repo({"ownership.toml": '[roles.A]\npaths = ["/ownership.toml"]\n', "x.py": ""})


# --- SARIF ------------------------------------------------------------------------------------------------


def test_check_sarif_is_valid_and_locates_every_finding(example_repo: Path, run: Callable) -> None:
    code, out, err = run(["check", "--root", "examples/churn-mlops", "--format", "sarif",
                          "--fail-on", "unowned,conflict,unused"], cwd=example_repo)
    assert (code, err) == (1, "")
    run_ = validated(out)["runs"][0]
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == [
        "unowned-file", "conflicting-owners", "unused-rule", "invalid-codeowners-line", "duplicate-pattern",
        "shadowed-line", "undeclared-owner", "portability", "raci-no-accountable", "raci-several-accountable",
        "raci-no-responsible", "raci-empty-phase", "raci-split-phase", "ownership-drift", "inactive-owner",
        "low-truck-factor", "explicitly-unowned-file"]
    results = run_["results"]
    assert [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results] == [
        ("unowned-file", "error", "examples/churn-mlops/Makefile"),
        ("conflicting-owners", "error", "examples/churn-mlops/config/monitoring.yaml"),
        ("unused-rule", "error", "examples/churn-mlops/ownership.toml"),
    ]
    assert results[2]["locations"][0]["physicalLocation"]["region"] == {"startLine": 50, "startColumn": 60}
    related = [(loc["message"]["text"], loc["physicalLocation"]["region"]) for loc in results[1]["relatedLocations"]]
    assert related == [("MLOps Engineer: config/", {"startLine": 42, "startColumn": 41}),
                       ("SRE: monitoring.yaml", {"startLine": 57, "startColumn": 10})]
    for result in results:
        assert run_["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"


def test_report_sarif_uses_default_levels(example_repo: Path, run: Callable) -> None:
    code, out, _ = run(["report", "examples/churn-mlops", "--format", "sarif"], cwd=example_repo)
    results = validated(out)["runs"][0]["results"]
    assert code == 0
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("unowned-file", "error"), ("conflicting-owners", "error"), ("unused-rule", "warning")]


def test_sarif_uris_percent_encode_any_byte(odd_repo: Path, run: Callable) -> None:
    code, out, _ = run(["check", "--format", "sarif"], cwd=odd_repo)
    results = validated(out)["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"100%25%3A%3Ax%2Cy.txt", "bad-%FF.txt", "caf%C3%A9.md", "cr%0Dhere.txt", "new%0Aline.txt",
                    "with%20space%231%3F.txt", "ownership.toml"}  # and the role map's unused pattern, a warning
    assert "bad-\\xff.txt: no rule matches" in {r["message"]["text"] for r in results}


def test_fingerprints_are_stable_when_lines_move(repo: Callable, run: Callable) -> None:
    rolemap = '[roles.A]\npaths = ["/ownership.toml", "gone/"]\n'
    top = repo({"ownership.toml": rolemap, "x.py": ""})

    def fingerprints() -> List[str]:
        out = run(["check", "--format", "sarif", "--fail-on", "unowned,unused"], cwd=top)[1]
        return [r["partialFingerprints"]["ownershipFinding/v1"] for r in json.loads(out)["runs"][0]["results"]]

    before = fingerprints()
    (top / "ownership.toml").write_text("# moved down\n\n" + rolemap)
    assert fingerprints() == before and len(set(before)) == 2


def test_codeowners_problem_in_sarif(repo: Callable, run: Callable) -> None:
    top = repo({".github/CODEOWNERS": "* @a\n!x.py @b\n", "x.py": ""})
    results = validated(run(["check", "--format", "sarif"], cwd=top)[1])["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]) for r in results] == [
        ("invalid-codeowners-line", {"artifactLocation": {"uri": ".github/CODEOWNERS", "uriBaseId": "%SRCROOT%"},
                                     "region": {"startLine": 2, "startColumn": 1}})]


def test_a_clean_check_is_an_empty_valid_run(project_clean: Path, run: Callable) -> None:
    (project_clean / "ownership.toml").write_text('[roles.A]\npaths = ["*"]\n')
    code, out, _ = run(["check", "--format", "sarif"], cwd=project_clean)
    assert (code, validated(out)["runs"][0]["results"]) == (0, [])


def test_results_past_the_code_scanning_limit_are_left_out_with_a_notification(
    project_clean: Path, run: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sarif, "RESULT_LIMIT", 1)
    (project_clean / "y.py").write_text("")
    git(project_clean, "add", "y.py")
    run_ = validated(run(["check", "--format", "sarif"], cwd=project_clean)[1])["runs"][0]
    assert len(run_["results"]) == 1
    assert run_["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] == (
        "1 more findings left out: code scanning takes at most 1 results per run")


def test_who_has_no_ci_formats(run: Callable) -> None:
    assert run(["who", "--format", "sarif", "x"])[0] == 2
    assert github.ANNOTATION_LIMIT == 10
