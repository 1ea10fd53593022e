"""The result model (model/report.py): hand-built ``Report``s, no git and no builder. Findings are read only
through ``kind``, ``where``, ``key`` and ``message``."""

from __future__ import annotations

from typing import Any, Optional

from ownership.core.patterns import Pattern
from ownership.core.rules import Origin, Role, Rule
from ownership.model.findings import DEFAULT_FAIL_ON, FINDING_KINDS
from ownership.model.report import Conflict, Report, RoleFiles


def rule(index: int, role: Optional[str], glob: str) -> Rule:
    return Rule(index, role, glob, Origin("ownership.toml", index + 1, 1), Pattern(glob))


DATA = rule(0, "Data", "data/")
ML = rule(1, "ML", "models/")
PRODUCT = rule(2, "Product", "models/")
DOCS = rule(3, "Docs", "docs/")
LOCKS = rule(4, None, "*.lock")


def report(**fields: Any) -> Report:
    """Ten files: four owned, two unowned, one conflict, three ignored; one rule unused."""
    base = Report(
        root="/repo", source="ownership.toml", resolution="specific", total=10, owned=4,
        roles=(RoleFiles(Role("Data"), ("data/a.csv", "data/b.csv")),
               RoleFiles(Role("ML"), ("models/m.py", "models/n.py"))),
        unowned=("README.md", "setup.py"),
        conflicts=(Conflict("models/shared.py", (ML, PRODUCT)),),
        ignored=("a.lock", "b.lock", "c.lock"),
        unused=(DOCS,),
    )
    return base.replace(**fields)


def test_coverage_counts_owned_files_among_those_not_ignored() -> None:
    assert report().coverage == 100.0 * 4 / 7


def test_coverage_is_100_when_every_file_is_ignored_or_there_are_none() -> None:
    assert report(total=3, owned=0, unowned=(), conflicts=()).coverage == 100.0
    assert report(total=0, owned=0, unowned=(), conflicts=(), ignored=()).coverage == 100.0


def test_described_names_a_role_map_and_its_resolution() -> None:
    assert report().described == "role map ownership.toml, resolution specific"


def test_described_names_a_codeowners_file_and_its_semantics() -> None:
    assert report(kind="CODEOWNERS", source=".github/CODEOWNERS", resolution="github").described == (
        "CODEOWNERS .github/CODEOWNERS, github semantics")


def test_findings_come_kind_by_kind_in_output_order() -> None:
    found = report().findings()
    assert [f.kind for f in found] == ["unowned", "unowned", "conflict", "unused"]
    assert [f.kind for f in found] == sorted((f.kind for f in found), key=FINDING_KINDS.index)
    assert [f.where for f in found] == ["README.md", "setup.py", "models/shared.py", "ownership.toml:4:1"]


def test_findings_keep_only_the_kinds_asked_for() -> None:
    assert [f.where for f in report().findings(["conflict"])] == ["models/shared.py"]
    assert report().findings([]) == []


def test_finding_messages() -> None:
    unowned, _, conflict, unused = report().findings()
    assert unowned.message == "no rule matches"
    assert conflict.message == "ML (models/, ownership.toml:2:1) and Product (models/, ownership.toml:3:1) claim it"
    assert unused.message  # worded by the finding; its wording is the formatters' tests' business


def test_an_unowned_file_under_codeowners_says_no_line_gives_it_an_owner() -> None:
    (finding,) = report(kind="CODEOWNERS", unused=(), conflicts=(), unowned=("a.py",)).findings()
    assert (finding.kind, finding.where, finding.message) == ("unowned", "a.py", "no line gives it an owner")


def test_finding_keys_identify_a_file_by_path_a_conflict_also_by_its_roles_a_rule_by_role_and_pattern() -> None:
    assert [f.key for f in report().findings()] == [
        ("unowned", "README.md"), ("unowned", "setup.py"), ("conflict", "models/shared.py", "ML", "Product"),
        ("unused", "Docs", "docs/"),
    ]


def test_unused_rules_are_unknown_when_only_given_files_were_checked() -> None:
    assert [f.kind for f in report(whole_tree=False).findings()] == ["unowned", "unowned", "conflict"]


def test_a_baseline_moves_its_findings_from_findings_to_baselined() -> None:
    known = frozenset({("unowned", "README.md"), ("unused", "Docs", "docs/")})
    rep = report(known=known)
    assert [f.key for f in rep.findings()] == [
        ("unowned", "setup.py"), ("conflict", "models/shared.py", "ML", "Product")]
    assert [f.key for f in rep.baselined()] == [("unowned", "README.md"), ("unused", "Docs", "docs/")]
    assert [f.key for f in rep.all_findings()] == [f.key for f in report().findings()]


def test_without_a_baseline_nothing_is_baselined() -> None:
    assert report().baselined() == []
    assert report().gone == 0


def test_gone_counts_baseline_entries_that_no_longer_occur_on_a_whole_tree() -> None:
    known = frozenset({("unowned", "README.md"), ("unowned", "deleted.py"), ("conflict", "old.py", "A", "B")})
    assert report(known=known).gone == 2
    assert report(known=known, whole_tree=False).gone == 0


def test_exit_code_is_1_only_when_a_failing_kind_is_found() -> None:
    assert report().exit_code() == 1
    assert report().exit_code(["unused"]) == 1
    assert report(unowned=(), conflicts=()).exit_code() == 0  # unused does not fail by default
    assert "unused" not in DEFAULT_FAIL_ON
    assert report(unused=()).exit_code(["unused"]) == 0


def test_exit_code_ignores_what_the_baseline_accepts() -> None:
    known = frozenset({("unowned", "README.md"), ("unowned", "setup.py"),
                       ("conflict", "models/shared.py", "ML", "Product")})
    assert report(known=known).exit_code() == 0
    assert report(known=known).exit_code(["unused"]) == 1


def test_summary() -> None:
    assert report().summary() == {
        "files": 10, "owned": 4, "unowned": 2, "conflicts": 1, "ignored": 3, "coverage": 57.14,
    }


def test_an_ignore_rule_is_labelled_ignore() -> None:
    (finding,) = report(unowned=(), conflicts=(), unused=(LOCKS,)).findings()
    assert finding.key == ("unused", "(ignore)", "*.lock")
