"""RACI: role-map keys and their validation, the matrix derived from the files, its findings, the command."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable, Dict, List

import pytest

from conftest import EXAMPLE, SHARED, git
from ownership.rolemap.parse import parse_rolemap
from ownership.errors import ConfigError
from ownership.analysis.report import build_report
from ownership.model.report import Report

MAP = """\
[settings]
ignore = ["*.lock"]

[roles.Data]
paths = ["data/"]
accountable = ["data/"]
consulted = ["models/"]

[roles.ML]
paths = ["models/", "shared/"]
accountable = ["models/"]
informed = ["data/", "data/raw/"]
consulted = ["data/raw/"]

[roles.Product]
paths = ["README.md", "shared/"]
informed = ["data/", "models/"]
accountable = ["models/"]

[phases]
"Data collection" = ["data/"]
Training = ["models/train.py"]
Docs = ["README.md"]
Nothing = ["nowhere/", "data/"]
Ghost = ["ghost/"]
"""

FILES = ["README.md", "data/raw/a.csv", "data/b.csv", "models/train.py", "shared/x", "old.lock"]


def rolemap_of(text: str) -> object:
    return parse_rolemap(text, "ownership.toml")


def report_of(text: str, files: List[str]) -> Report:
    return build_report(rolemap_of(text), files, ".")  # type: ignore[arg-type]


def matrix(rep: Report) -> Dict[str, Dict[str, str]]:
    assert rep.raci is not None
    return {row.name: {c.role: c.letters for c in row.cells if c.letters} for row in rep.raci.phases}


# --- the role map ------------------------------------------------------------------------------------


def test_letters_and_phases_are_read_in_document_order_with_positions() -> None:
    rolemap = rolemap_of(MAP)
    letters = [(x.letter, x.rule.role, x.rule.glob, x.rule.origin.line, x.rule.origin.column) for x in rolemap.letters]
    assert letters[:3] == [("A", "Data", "data/", 6, 16), ("C", "Data", "models/", 7, 14), ("A", "ML", "models/", 11, 16)]
    assert [(p.name, p.origin.line, [r.glob for r in p.rules]) for p in rolemap.phases] == [
        ("Data collection", 21, ["data/"]), ("Training", 22, ["models/train.py"]), ("Docs", 23, ["README.md"]),
        ("Nothing", 24, ["nowhere/", "data/"]), ("Ghost", 25, ["ghost/"]),
    ]
    indexes = [r.index for r in rolemap.all_rules] + [x.rule.index for x in rolemap.letters]
    indexes += [r.index for p in rolemap.phases for r in p.rules]
    assert indexes == list(range(len(indexes)))  # every rule of the map has its own index


@pytest.mark.parametrize("text,message", [
    ('[roles.A]\npaths = ["a/"]\nacountable = ["a/"]\n',
     "ownership.toml:3:1: unknown key 'acountable' in role 'A'; did you mean 'accountable'?"),
    ('[roles.A]\npaths = ["a/"]\nconsulted = "a/"\n',
     "ownership.toml:3:13: role 'A': consulted must be an array of strings, not a string"),
    ('[roles.A]\npaths = ["a/"]\ninformed = ["ok/", "a//b"]\n',
     "ownership.toml:3:20: pattern 'a//b' has an empty segment ('//') and can never match"),
    ('[roles.A]\ndescription = "no letters either"\n', "ownership.toml:1:1: role 'A' has no paths"),
    ('phases = 3\n[roles.A]\npaths = ["a/"]\n', "ownership.toml:1:10: phases must be a table, not an integer"),
    ('[roles.A]\npaths = ["a/"]\n[phases]\nDeploy = "serving/"\n',
     "ownership.toml:4:10: phase 'Deploy' must be an array of strings, not a string"),
    ('[roles.A]\npaths = ["a/"]\n[phases]\nDeploy = []\n', "ownership.toml:4:10: phase 'Deploy' has no patterns"),
    ('[roles.A]\npaths = ["a/"]\n[phases]\nDeploy = ["ok/", 7]\n',
     "ownership.toml:4:18: phase 'Deploy': item 2 must be a string, not an integer"),
    ('[roles.A]\npaths = ["a/"]\n[phases]\nDeploy = ["!serving/"]\n',
     "ownership.toml:4:11: pattern '!serving/': negation with '!' is not supported by CODEOWNERS"),
    ('[roles.A]\npaths = ["a/"]\n[phases]\n" " = ["a/"]\n', "ownership.toml:4:1: phases: a phase name must not be empty"),
])
def test_invalid_raci_keys_name_file_line_and_column(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        rolemap_of(text)
    assert str(info.value) == message


def test_a_role_with_letters_need_not_own_files() -> None:
    rolemap = rolemap_of('[roles.Sponsor]\naccountable = ["*"]\n[roles.Dev]\npaths = ["*"]\n')
    assert [r.role for r in rolemap.rules] == ["Dev"]
    assert [(x.letter, x.rule.role) for x in rolemap.letters] == [("A", "Sponsor")]


# --- the matrix ----------------------------------------------------------------------------------------


def test_letters_come_from_owners_and_patterns_per_phase() -> None:
    rep = report_of(MAP, FILES)
    assert matrix(rep) == {
        # data/raw/a.csv: ML's informed data/ and consulted data/raw/: the more specific pattern decides.
        "Data collection": {"Data": "R/A", "ML": "C/I", "Product": "I"},
        "Training": {"Data": "C", "ML": "R/A", "Product": "A"},
        "Docs": {"Product": "R"},
        "Nothing": {"Data": "R/A", "ML": "C/I", "Product": "I"},
        "Ghost": {},
    }
    assert rep.raci is not None
    assert [(r.name, r.files, r.responsible) for r in rep.raci.phases] == [
        ("Data collection", 2, "Data"), ("Training", 1, "ML"), ("Docs", 1, "Product"), ("Nothing", 2, "Data"),
        ("Ghost", 0, None),
    ]
    assert (rep.raci.roles, rep.raci.idle, rep.raci.covered) == (("Data", "ML", "Product"), (), 4)
    cell = rep.raci.phases[0].cell("ML")
    assert cell.counts == (0, 0, 1, 1)  # C on data/raw/a.csv, I on data/b.csv


def test_a_more_specific_letter_pattern_overrides_and_ties_give_the_stronger_letter() -> None:
    text = ('[roles.A]\npaths = ["*"]\n[roles.B]\npaths = ["x/"]\ninformed = ["src/"]\nconsulted = ["src/core/"]\n'
            'accountable = ["*.py"]\n[roles.C]\npaths = ["y/"]\ninformed = ["src/"]\naccountable = ["src/"]\n'
            '[phases]\nCore = ["src/core/"]\nRest = ["src/ui/"]\n')
    rep = report_of(text, ["src/core/a.txt", "src/core/b.py", "src/ui/c.txt"])
    # B on src/core/b.py: src/core/ (2, 2) beats *.py (0, 1); C: src/ as informed and accountable: A wins.
    assert matrix(rep) == {"Core": {"A": "R", "B": "C", "C": "A"}, "Rest": {"A": "R", "B": "I", "C": "A"}}


def test_a_contested_file_makes_no_role_responsible_and_ignored_files_are_in_no_phase() -> None:
    text = ('[settings]\nignore = ["*.lock"]\n[roles.A]\npaths = ["cfg/"]\naccountable = ["cfg/"]\n'
            '[roles.B]\npaths = ["x.yaml"]\n[phases]\nConfig = ["cfg/"]\nLocks = ["*.lock"]\n')
    rep = report_of(text, ["cfg/x.yaml", "cfg/y.lock"])
    assert rep.raci is not None
    assert [(r.name, r.files, r.responsible) for r in rep.raci.phases] == [("Config", 1, None), ("Locks", 0, None)]
    assert [(f.kind, f.where, f.message) for f in rep.findings(["no-responsible", "empty-phase"])] == [
        ("no-responsible", "ownership.toml:9:1",
         "phase 'Config' has no Responsible role: no role owns any of its 1 file"),
        ("empty-phase", "ownership.toml:10:1", "phase 'Locks': its patterns match no file"),
    ]


def test_no_phases_no_matrix_and_given_files_only_no_matrix() -> None:
    assert report_of('[roles.A]\npaths = ["*"]\naccountable = ["*"]\n', ["a"]).raci is None
    rep = build_report(rolemap_of(MAP), FILES, ".", whole_tree=False)  # type: ignore[arg-type]
    assert rep.raci is None and rep.findings() == rep.findings(["unowned", "conflict"])


# --- findings ------------------------------------------------------------------------------------------


def test_findings_name_the_phase_its_position_and_the_roles() -> None:
    rep = report_of(MAP, FILES)
    found = [(f.kind, f.where, f.message) for f in rep.findings(["unused", "no-accountable", "several-accountable",
                                                                 "no-responsible", "empty-phase", "split-phase"])]
    assert found == [
        ("unused", "ownership.toml:24:12", "pattern 'nowhere/' of phase 'Nothing' matches no file"),
        ("unused", "ownership.toml:25:10", "pattern 'ghost/' of phase 'Ghost' matches no file"),
        ("several-accountable", "ownership.toml:22:1",
         "phase 'Training' has 2 Accountable roles (ML, Product); a phase needs exactly one"),
        ("no-accountable", "ownership.toml:23:1",
         "phase 'Docs' (1 file) has no Accountable role: give one role 'accountable' patterns for its files"),
        ("empty-phase", "ownership.toml:25:1", "phase 'Ghost': its patterns match no file"),
    ]


def test_unused_letter_patterns_say_which_letter() -> None:
    rep = report_of('[roles.A]\npaths = ["*"]\nconsulted = ["gone/"]\n[phases]\nAll = ["*"]\n', ["a"])
    (finding,) = [f for f in rep.findings(["unused"])]
    assert (finding.where, finding.message, finding.letter) == (
        "ownership.toml:3:14", "pattern 'gone/' of role 'A' (consulted) matches no file", "C")


def test_split_phase_lists_the_files_another_role_owns() -> None:
    text = ('[roles.ML]\npaths = ["train/"]\naccountable = ["train/"]\n[roles.Data]\npaths = ["train/data.py"]\n'
            '[roles.Ops]\npaths = ["train/ci.yml"]\n[phases]\nTraining = ["train/"]\n')
    rep = report_of(text, ["train/a.py", "train/b.py", "train/ci.yml", "train/data.py", "train/c.py"])
    assert [(f.kind, f.where, f.roles, f.message) for f in rep.findings(["split-phase"])] == [
        ("split-phase", "train/ci.yml", ("Ops", "ML"), "owned by Ops, but phase 'Training' is ML's (3 of its 5 files)"),
        ("split-phase", "train/data.py", ("Data", "ML"),
         "owned by Data, but phase 'Training' is ML's (3 of its 5 files)"),
    ]
    assert rep.exit_code() == 0  # split-phase is not in the default --fail-on


# --- the command line -------------------------------------------------------------------------------------


def test_check_fails_on_raci_problems_by_default_and_picks_kinds(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": MAP, **{f: "" for f in FILES}, "ownership.toml.lock": ""})
    code, out, err = run(["check", "--fail-on", "unowned,conflict,no-accountable,several-accountable"], cwd=top)
    assert (code, err) == (1, "")
    assert out.splitlines()[-1] == (
        "4 problems (1 unowned, 1 conflict, 1 no-accountable, 1 several-accountable) in 8 files checked; "
        "2 warnings (2 unused)")
    code, out, _ = run(["check"], cwd=top)
    assert code == 1 and "ownership.toml:23:1: no-accountable: phase 'Docs'" in out
    code, out, _ = run(["check", "--format", "json", "--fail-on", "several-accountable,split-phase", "--warn-on", ""],
                       cwd=top)
    assert json.loads(out)["findings"] == [{
        "kind": "several-accountable", "phase": "Training", "line": 22, "column": 1, "roles": ["ML", "Product"],
        "message": "phase 'Training' has 2 Accountable roles (ML, Product); a phase needs exactly one",
        "fails": True}]
    assert run(["check", "README.md"], cwd=top)[0] == 0  # given files only: phases are not judged


def test_raci_without_phases_or_with_codeowners_is_an_error(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["*"]\n', "CODEOWNERS": "* @a\n"})
    assert run(["raci"], cwd=top) == (2, "", (
        "ownership: error: ownership.toml: no [phases] table: map lifecycle phases to path patterns to get a RACI"
        ' matrix (e.g. [phases] "Model training" = ["src/*/models/train.py"])\n'))
    (top / "ownership.toml").unlink()
    code, out, err = run(["raci"], cwd=top)
    assert (code, out) == (2, "") and err.startswith("ownership: error: CODEOWNERS: no [phases] table")


def test_raci_markdown_and_json_carry_the_same_matrix(repo: Callable, run: Callable) -> None:
    top = repo({"ownership.toml": MAP, **{f: "" for f in FILES}})
    code, out, err = run(["raci", "--format", "json"], cwd=top)
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["summary"] == {"phases": 5, "files": 6, "covered": 4}
    assert document["phases"][1]["cells"]["ML"] == {"letters": "R/A", "R": 1, "A": 1}
    code, out, _ = run(["raci", "--format", "markdown"], cwd=top)
    assert "| Training | 1 | C | R/A | A |" in out.splitlines()
    code, out, _ = run(["raci"], cwd=top)
    assert out.splitlines()[3:10] == [
        "  PHASE            FILES  Data  ML   Product",
        "  Data collection      2  R/A   C/I  I",
        "  Training             1  C     R/A  A",
        "  Docs                 1  -     -    R",
        "  Nothing              2  R/A   C/I  I",
        "  Ghost                0  -     -    -",
        "",
    ]


# --- the example against the model ------------------------------------------------------------------------

# ML-ROLES.md's lifecycle RACI matrix, the model the example's role map follows.
MODEL = """\
| phase | Data Scientist | ML Engineer | MLOps | Data Engineer | DevOps | Product |
| Define problem | C | C | I | I | I | R/A |
| Data collection | C | I | I | R/A | I | C |
| Data validation | C | C | C | R/A | I | I |
| Feature engineering | R | A | I | C | I | I |
| Model training | R/A | C | I | I | I | I |
| Model evaluation | R/A | C | I | I | I | C |
| Model packaging | C | R/A | C | I | C | I |
| Deployment | I | C | R/A | I | C | I |
| Monitoring setup | C | C | R/A | C | C | I |
| Incident response | C | C | R | C | C | A |
| Retraining | C | R | A | C | I | I |
"""
COLUMNS = {"Data Scientist": "Data Scientist", "ML Engineer": "ML Engineer", "MLOps": "MLOps Engineer",
           "Data Engineer": "Data Engineer", "DevOps": "DevOps Engineer", "Product": "Product Manager"}


def parse_model(text: str) -> Dict[str, Dict[str, str]]:
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in text.splitlines()
            if line.startswith("|") and not line.startswith("|---")]
    header = [COLUMNS[c] for c in rows[0][1:]]
    return {row[0].capitalize(): dict(zip(header, row[1:])) for row in rows[1:]}


def test_the_example_prints_the_model_matrix(example_repo: Path, run: Callable) -> None:
    code, out, err = run(["raci", "examples/churn-mlops", "--format", "json"], cwd=example_repo)
    assert (code, err) == (0, "")
    document = json.loads(out)
    printed = {p["phase"].capitalize(): {role: cell["letters"] for role, cell in p["cells"].items()}
               for p in document["phases"]}
    assert printed == parse_model(MODEL)
    assert document["idle_roles"] == ["SRE"] and document["findings"] == []


def test_the_model_here_is_the_one_in_ml_roles_md() -> None:
    reference = SHARED / "ML-ROLES.md"
    if not reference.is_file():
        pytest.skip(f"{reference} is not here (the shared directory beside the checkout)")
    table = reference.read_text().split("## The lifecycle RACI matrix", 1)[1]
    table = "\n".join(line for line in table.splitlines() if line.startswith("|"))
    assert parse_model(table) == parse_model(MODEL)
    assert re.search(r"R = Responsible", reference.read_text())


def test_the_example_role_map_has_every_phase_of_the_model() -> None:
    names = re.findall(r'^"([^"]+)" = ', (EXAMPLE / "ownership.toml").read_text(), re.M)
    assert [n.capitalize() for n in names] == list(parse_model(MODEL))


# --- init proposes phases ---------------------------------------------------------------------------------


def test_init_proposes_the_phases_it_recognises_with_their_accountable_role(repo: Callable, run: Callable) -> None:
    top = repo({"README.md": "", "data/raw.csv": "", "src/app/models/train.py": "", "src/app/models/predict.py": "",
                "serving/app.py": "", "runbooks/oncall.md": "", "experiments/a.py": ""})
    code, out, err = run(["init"], cwd=top)
    assert (code, err) == (0, "")
    assert out.startswith("Wrote ownership.toml (an ML team's roles): 6 roles, 9 patterns, 6 phases;")
    text = (top / "ownership.toml").read_text()
    assert text.split("[phases]\n", 1)[1] == (
        '"Define problem" = ["/README.md"]  # Accountable: Product Manager\n'
        '"Data collection" = ["data/"]  # Accountable: Data Engineer\n'
        # train.py lies under models/, which covers more files: it is left out, so no file has two Accountables.
        '"Model training" = ["experiments/"]  # Accountable: Data Scientist\n'
        '"Model packaging" = ["models/"]  # Accountable: ML Engineer\n'
        '"Deployment" = ["serving/"]  # Accountable: MLOps Engineer\n'
        '"Incident response" = ["runbooks/"]  # Accountable: Product Manager\n'
    )
    assert 'accountable = ["/README.md", "runbooks/"]' in text
    git(top, "add", "ownership.toml")
    code, out, _ = run(["raci", "--format", "json"], cwd=top)
    assert code == 0 and json.loads(out)["findings"] == []
    assert run(["check", "--fail-on", "no-accountable,several-accountable,no-responsible,empty-phase"], cwd=top)[0] == 0


def test_init_without_recognised_phases_leaves_an_example_commented(repo: Callable, run: Callable) -> None:
    top = repo({"Dockerfile": "", "lib/x.py": ""})
    assert run(["init"], cwd=top)[0] == 0
    text = (top / "ownership.toml").read_text()
    assert "\n[phases]" not in text and '# "Model training" = ["training/"]' in text
