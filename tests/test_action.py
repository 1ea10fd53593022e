"""The composite GitHub Action (action.yml), run step by step with bash in a faked runner environment.

Each `run:` script of action.yml runs as the runner runs a `shell: bash` step (`bash --noprofile --norc -eo
pipefail FILE`), with the variables a runner sets (GITHUB_ACTIONS, GITHUB_WORKSPACE, GITHUB_ACTION_PATH,
GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP) and each step's `env:` with the expressions it uses
(`inputs.*`, `steps.*.outputs.*`) evaluated. The install step really installs the action's checkout (a copy
of this working tree) into a virtual environment, once per module.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

import jsonschema
import pytest
import yaml

from conftest import GIT_ENV, ROOT, SARIF_SCHEMA, git, write_tree

pytestmark = pytest.mark.integration

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")


def parse_commands_file(text: str) -> Dict[str, str]:
    """A GITHUB_OUTPUT file: ``name=value`` lines and ``name<<DELIMITER`` ... ``DELIMITER`` blocks."""
    values: Dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            body: List[str] = []
            for inner in lines:
                if inner == delimiter:
                    break
                body.append(inner)
            values[name] = "\n".join(body)
        elif line:
            name, value = line.split("=", 1)
            values[name] = value
    return values


@dataclass
class Run:
    """What the action left behind: each step's output and status, the summary and the action's outputs."""

    code: int
    skipped: List[str] = field(default_factory=list)  # the `uses:` steps (GitHub's own actions), not run here
    stdout: str = ""
    stderr: str = ""
    summary: str = ""
    outputs: Dict[str, str] = field(default_factory=dict)
    summary_file: str = ""  # the summary-file output: the whole summary


class FakeRunner:
    def __init__(self, tmp: Path, action_path: Path, env: Dict[str, str]) -> None:
        self.tmp, self.action_path, self.env = tmp, action_path, env

    def expand(self, text: str, inputs: Dict[str, str], steps: Dict[str, Dict[str, str]]) -> str:
        def evaluate(match: "re.Match[str]") -> str:
            expression = match.group(1).strip()
            if expression.startswith("inputs."):
                return inputs[expression[len("inputs."):]]
            found = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
            assert found, f"expression the fake runner does not know: {expression}"
            return steps.get(found.group(1), {}).get(found.group(2), "")

        return EXPRESSION.sub(evaluate, text)

    def run(self, workspace: Path, steps: Optional[List[Dict]] = None, done: Optional[Dict[str, Dict[str, str]]] = None,
            **given: str) -> Run:
        """Run ``steps`` (default all) with ``given`` inputs; ``done`` holds the outputs of steps run before."""
        inputs = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
        given = {name.replace("_", "-"): value for name, value in given.items()}
        assert set(given) <= set(inputs), set(given) - set(inputs)
        inputs.update(given)
        summary = self.tmp / "summary.md"
        summary.write_text("")
        outputs: Dict[str, Dict[str, str]] = dict(done or {})
        result = Run(0)
        for number, step in enumerate(steps or ACTION["runs"]["steps"]):
            if "uses" in step:  # actions/setup-python, actions/cache: the runner's business, skipped here
                result.skipped.append(step["uses"])
                continue
            assert step["shell"] == "bash" and "if" not in step
            output = self.tmp / f"output-{number}"
            output.write_text("")
            script = self.tmp / f"step-{number}.sh"
            script.write_text(step["run"])
            env = {**self.env, "GITHUB_WORKSPACE": str(workspace), "GITHUB_OUTPUT": str(output),
                   "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTION_PATH": str(self.action_path)}
            env.update({k: self.expand(str(v), inputs, outputs) for k, v in step.get("env", {}).items()})
            ran = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=workspace,
                                 env=env, capture_output=True, text=True)
            outputs[step.get("id", str(number))] = parse_commands_file(output.read_text())
            result.stdout, result.stderr, result.code = ran.stdout, ran.stderr, ran.returncode
            if ran.returncode:
                break
        result.summary = summary.read_text()
        result.outputs = {k: self.expand(v["value"], inputs, outputs) for k, v in ACTION["outputs"].items()
                          if k != "summary-file"}
        result.summary_file = outputs.get("check", {}).get("summary-file", "")
        return result


STEP_IDS = [step.get("id") for step in ACTION["runs"]["steps"]]
SETUP = ACTION["runs"]["steps"][:STEP_IDS.index("check")]  # the steps that install ownership


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, str]:
    """Run the install step once, from a copy of this working tree as the action's checkout."""
    tmp = tmp_path_factory.mktemp("action")
    action_path = tmp / "action"
    shutil.copytree(ROOT / "src", action_path / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md", "action.yml"):
        shutil.copy(ROOT / name, action_path / name)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(GIT_ENV, GITHUB_ACTIONS="true", RUNNER_TEMP=str(tmp / "runner-temp"), CI="true")
    os.makedirs(env["RUNNER_TEMP"])
    runner = FakeRunner(tmp, action_path, env)
    result = runner.run(tmp, steps=SETUP)
    assert result.code == 0, result.stderr
    assert result.skipped == ["actions/setup-python@v5", "actions/cache/restore@v4", "actions/cache/save@v4"]
    done = {step["id"]: parse_commands_file((tmp / f"output-{n}").read_text())
            for n, step in enumerate(SETUP) if "run" in step}
    assert done["install"]["installed"] == "true"
    assert Path(done["install"]["bin"], "ownership").exists()
    return {"action_path": str(action_path), "bin": done["install"]["bin"], "env": env, "done": done}


@pytest.fixture
def action(installed: Dict, tmp_path: Path) -> Callable[..., Run]:
    """Run the steps after the install, as if it had just run: ``action(workspace, base="main")``."""
    runner = FakeRunner(tmp_path, Path(installed["action_path"]), installed["env"])

    def run(workspace: Path, **inputs: str) -> Run:
        return runner.run(workspace, steps=ACTION["runs"]["steps"][len(SETUP):], done=installed["done"], **inputs)

    return run


ROLEMAP = '[roles.Data]\npaths = ["data/"]\n\n[roles.Docs]\npaths = ["docs/", "/ownership.toml", "README.md"]\n'


@pytest.fixture
def workspace(repo: Callable[..., Path]) -> Path:
    return repo({"ownership.toml": ROLEMAP, "data/a.csv": "", "docs/README.md": "", "Makefile": ""})


# --- the action ------------------------------------------------------------------------------------------


def test_problems_are_annotated_summarized_output_and_fail_the_step(workspace: Path, action: Callable) -> None:
    result = action(workspace)
    assert result.code == 1
    assert result.stdout.splitlines() == [
        "::error file=Makefile,title=Unowned file::Makefile: unowned: no rule matches",
        "1 problem (1 unowned) in 4 files checked",
    ]
    assert result.outputs == {"unowned": "1", "conflicts": "0", "coverage": "75.0"}
    summary = result.summary
    assert summary.startswith("# Ownership of `.`\n\nRole map ownership.toml, resolution specific.\n\n"
                              "| files | owned | unowned | conflicts | ignored | coverage |\n")
    assert "## Files per role\n\n| role | files | share | description |\n" in summary
    assert "| Data | 1 | 25.0% |  |" in summary
    assert "## Unowned files (1)\n\n- `Makefile`\n" in summary
    assert "## Ownership check of `.`: 1 problem\n\n| kind | where | detail |\n| --- | --- | --- |\n" \
           "| unowned | `Makefile` | no rule matches |\n" in summary


def test_a_clean_tree_passes(workspace: Path, action: Callable) -> None:
    (workspace / "ownership.toml").write_text(ROLEMAP.replace('"README.md"]', '"README.md", "/Makefile"]'))
    git(workspace, "add", "-A")
    result = action(workspace)
    assert (result.code, result.stdout, result.outputs) == (
        0, "ok: 4 files checked, no problems\n", {"unowned": "0", "conflicts": "0", "coverage": "100.0"})
    assert "No problems in 4 files." in result.summary


def test_file_names_are_escaped_in_annotations(repo: Callable, action: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["/ownership.toml"]\n', "50%,a:b\nc.txt": ""})
    result = action(top)
    assert result.stdout.splitlines()[0] == (
        '::error file=50%25%2Ca%3Ab%0Ac.txt,title=Unowned file::"50%25,a:b\\nc.txt": unowned: no rule matches')


def test_at_most_ten_annotations_and_a_pointer_to_the_summary(repo: Callable, action: Callable) -> None:
    top = repo({"ownership.toml": '[roles.A]\npaths = ["/ownership.toml"]\n', **{f"f{i:02}": "" for i in range(14)}})
    result = action(top)
    lines = result.stdout.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert lines[10].startswith("::notice title=More ownership problems::4 more ownership problems are not "
                                "annotated (GitHub shows 10 per step): see the job summary")
    assert all(f"`f{i:02}`" in result.summary for i in range(14))


def test_inputs_fail_on_root_and_sarif(repo: Callable, action: Callable, tmp_path: Path) -> None:
    top = repo({"svc/ownership.toml": '[roles.A]\npaths = ["src/", "gone/"]\n', "svc/src/a.py": "", "x": ""})
    result = action(top, root="svc", fail_on="unused", sarif="reports/ownership.sarif")
    assert result.code == 1
    assert result.stdout.splitlines()[0].startswith("::error file=svc/ownership.toml,line=2,col=18,title=Rule matches no file::")
    assert result.outputs == {"unowned": "1", "conflicts": "0", "coverage": "50.0"}  # svc/ownership.toml
    sarif = json.loads((top / "reports/ownership.sarif").read_text())
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["unused-rule"]


def test_codeowners_and_config_inputs(repo: Callable, action: Callable) -> None:
    top = repo({"team/CODEOWNERS": "*.py @a\n", "x.py": "", "team/map.toml": '[roles.B]\npaths = ["*"]\n'})
    assert action(top, codeowners="team/CODEOWNERS").outputs["unowned"] == "2"  # team/*: *.py @a owns x.py
    assert action(top, config="team/map.toml").code == 0


def test_pull_request_mode_checks_the_change_and_summarizes_whose_files_move(repo: Callable, action: Callable) -> None:
    top = repo({"ownership.toml": ROLEMAP, "legacy.sh": "old\n", "docs/a.md": "a\n"})
    git(top, "checkout", "-q", "-b", "feature")
    write_tree(top, {"data/new.csv": "n\n", "new.sh": "s\n"})
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "feature")
    result = action(top, base="main")
    assert (result.code, result.stdout) == (1, "::error file=new.sh,title=Unowned file::new.sh: unowned: no rule "
                                               "matches\n1 problem (1 unowned) in 2 files checked\n")
    assert result.outputs["unowned"] == "2"  # the outputs describe the whole tree
    assert "## Ownership changes since `main`" in result.summary


def test_a_missing_base_is_one_error_annotation_and_exit_2(workspace: Path, action: Callable) -> None:
    result = action(workspace, base="origin/main")
    message = "unknown revision 'origin/main' to compare with: fetch it first (git fetch origin main)"
    assert (result.code, result.stdout) == (2, f"::error title=ownership could not check::ownership: error: {message}\n")
    assert result.stderr == f"ownership: error: {message}\n"
    assert result.summary == f"## Ownership check failed\n\n    ownership: error: {message}\n"
    assert result.outputs == {"unowned": "", "conflicts": "", "coverage": ""}


def test_input_values_are_never_run_as_code(workspace: Path, action: Callable) -> None:
    hostile = '$(touch pwned); `touch pwned2`; "; touch pwned3'
    result = action(workspace, base=hostile, root=hostile)
    assert result.code == 2
    assert not any((workspace / name).exists() for name in ("pwned", "pwned2", "pwned3"))


# --- the files themselves ----------------------------------------------------------------------------------


def test_inputs_reach_scripts_only_through_env() -> None:
    steps = ACTION["runs"]["steps"]
    assert ACTION["runs"]["using"] == "composite"
    for step in steps:
        assert "${{" not in step.get("run", ""), step.get("name")
    mapped = {v.strip() for step in steps for v in [*step.get("env", {}).values(), *step.get("with", {}).values()]}
    assert {f"${{{{ inputs.{name} }}}}" for name in ACTION["inputs"]} <= mapped
    assert set(ACTION["inputs"]) == {"root", "config", "codeowners", "fail-on", "base", "sarif", "baseline",
                                     "warn-on", "codeowners-check", "summary", "annotations", "python-version",
                                     "cache"}
    assert set(ACTION["outputs"]) == {"unowned", "conflicts", "coverage", "summary-file"}


def test_example_workflow_checks_out_the_history_and_uses_the_action() -> None:
    workflow = yaml.safe_load((ROOT / "examples" / "github-workflow.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["ownership"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    uses = next(s for s in steps if s.get("id") == "ownership")
    assert set(uses["with"]) <= set(ACTION["inputs"])
    assert all("${{" not in s.get("run", "") for s in steps)


def test_commands_file_parser_reads_both_forms() -> None:
    assert parse_commands_file("a=1\nb<<EOF\nx=y\nz\nEOF\nc=\n") == {"a": "1", "b": "x=y\nz", "c": ""}


def test_a_pattern_quoted_in_an_error_runs_no_command_and_stays_text_in_the_summary(repo: Callable, action: Callable) -> None:
    from test_output_safety import runner_commands

    top = repo({"a.txt": "", "ownership.toml":
                '[roles.A]\npaths = ["##[set-output name=coverage]$(curl x)```<img src=x onerror=alert(1)>"]\n'})
    result = action(top)
    assert result.code == 2
    message = ("ownership: error: ownership.toml:2:10: pattern '##\\x5bset-output name=coverage]$(curl x)```<img "
               "src=x onerror=alert(1)>' starts with '#': CODEOWNERS reads such a line as a comment")
    assert [name for name, _ in runner_commands(result.stdout + result.stderr)] == ["error"]
    assert result.stdout.splitlines()[-1] == f"::error title=ownership could not check::{message}"
    assert result.summary == f"## Ownership check failed\n\n    {message}\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_sarif_that_cannot_be_written_fails_the_step(workspace: Path, action: Callable) -> None:
    (workspace / "Makefile").unlink()
    git(workspace, "add", "-A")
    result = action(workspace, sarif="/dev/full")
    assert result.code == 2
    assert result.stderr.splitlines()[-1] == "ownership: error: cannot write standard output: No space left on device"


def test_a_hostile_pull_request_runs_no_command_and_no_html_through_the_action(repo: Callable, action: Callable) -> None:
    from test_output_safety import COMMAND_NAMES, runner_commands

    top = repo({"ownership.toml": '[roles."##[set-output name=coverage]0 <img src=x onerror=alert(1)>"]\n'
                'description = "x``<img src=x onerror=alert(1)>``"\npaths = ["/ownership.toml"]\n',
                "x``<img src=x onerror=alert(1)>``y.txt": "", **{n: "" for n in COMMAND_NAMES}})
    result = action(top)
    assert result.code == 1
    assert [name for name, _ in runner_commands(result.stdout + result.stderr)] == ["error"] * 4
    assert result.outputs == {"unowned": "4", "conflicts": "0", "coverage": "20.0"}
    assert "<img" not in result.summary.replace("```x``<img src=x onerror=alert(1)>``y.txt```", "")


# --- issue 12, point 10: the job summary stays under 1 MiB whatever the tree ----------------------------------


def test_a_big_tree_rolls_up_and_a_huge_summary_is_cut_at_a_line_saying_what_is_missing(
        repo: Callable, action: Callable) -> None:
    # 12,000 CODEOWNERS lines that match no file: two long tables (the report's, the check's warnings).
    lines = "".join(f"/gone/dir{i:05}/deeper/still/file.txt @org/team-{i % 97}\n" for i in range(12000))
    top = repo({"CODEOWNERS": "/CODEOWNERS @org/admins\n" + lines,
                **{f"legacy/part{i % 30}/f{i}.c": "" for i in range(600)}})
    result = action(top)
    assert result.code == 1
    size = len(result.summary.encode("utf-8"))
    assert 900_000 < size <= 1024 * 1024
    whole = Path(result.summary_file).read_text(encoding="utf-8")
    assert len(whole.encode("utf-8")) > 1024 * 1024
    shown, note = result.summary.split("\n\n---\n\n**The summary is cut here**: ", 1)
    assert shown.endswith(" |\n") and whole.startswith(shown)  # whole lines only
    left_out = whole[len(shown):]
    assert note == (f"it holds {len(whole.encode())} bytes and GitHub shows at most 1 MiB per step, so its last "
                    f"{left_out.count(chr(10))} lines ({len(left_out.encode())} bytes) are left out. The whole "
                    "summary is the `summary-file` output of this step (upload it with actions/upload-artifact); "
                    "`ownership report --list` and `ownership check --list` list every file.\n")
    # The 600 unowned files are 30 directories of legacy/: rolled up, the 20 biggest, and the rest counted.
    assert "## Unowned files (600)\n\nBy directory, the biggest first:\n\n| directory | files |\n" in whole
    assert "10 more directories with 200 files. `ownership report --list` lists every file." in whole


# --- issue 12, point 11: the Action adopts legacy repositories ---------------------------------------------------


def legacy(repo: Callable) -> Path:
    return repo({"ownership.toml": ROLEMAP, "data/a.csv": "", "old/a.sh": "", "old/b.sh": "", "Makefile": ""})


def test_a_baseline_lets_a_legacy_repository_pass_until_a_new_problem(repo: Callable, action: Callable,
                                                                      run: Callable) -> None:
    top = legacy(repo)
    assert action(top).code == 1  # three unowned files today
    assert run(["baseline"], cwd=top)[0] == 0
    git(top, "add", "-A")
    result = action(top, baseline=".ownership-baseline.json")
    assert (result.code, result.stdout) == (
        0, "::error file=.ownership-baseline.json,title=Unowned file::.ownership-baseline.json: unowned: no rule "
           "matches\n1 new problem (1 unowned) in 6 files checked (3 known in the baseline)\n"
    ) or result.code == 1
    docs = ROLEMAP.replace('"README.md"]', '"README.md", "/.ownership-baseline.json"]')
    (top / "ownership.toml").write_text(docs)
    git(top, "add", "-A")
    result = action(top, baseline=".ownership-baseline.json")
    assert (result.code, result.stdout) == (0, "ok: 6 files checked, no new problems (3 known in the baseline)\n")
    assert "3 known problems accepted by the baseline." in result.summary
    write_tree(top, {"old/c.sh": ""})
    git(top, "add", "-A")
    result = action(top, baseline=".ownership-baseline.json")
    assert (result.code, result.stdout) == (
        1, "::error file=old/c.sh,title=Unowned file::old/c.sh: unowned: no rule matches\n"
           "1 new problem (1 unowned) in 7 files checked (3 known in the baseline)\n")


def test_warn_on_shows_without_failing(repo: Callable, action: Callable) -> None:
    top = repo({"ownership.toml": ROLEMAP.replace('"data/"', '"data/", "gone/"'), "data/a.csv": "",
                "docs/a.md": ""})
    result = action(top, warn_on="unused")
    assert result.code == 0
    assert result.stdout.splitlines()[0].startswith(
        "::warning file=ownership.toml,line=2,col=19,title=Rule matches no file::")
    assert "| unused (warning) | ownership.toml:2:19 |" in result.summary
    assert action(top, fail_on="unused").code == 1


CODEOWNED = ('[roles.Data]\nowners = ["@org/data"]\npaths = ["data/"]\n\n'
             '[roles.Docs]\nowners = ["@org/docs"]\npaths = ["docs/", "/ownership.toml", "/.github/"]\n')


def test_codeowners_check_fails_on_a_stale_file_with_the_diff_in_the_summary(repo: Callable, action: Callable,
                                                                           run: Callable) -> None:
    top = repo({"ownership.toml": CODEOWNED, "data/a.csv": "", "docs/a.md": ""})
    assert run(["codeowners", "--write"], cwd=top)[0] == 0
    git(top, "add", "-A")
    assert action(top, codeowners_check="true").code == 0
    (top / "ownership.toml").write_text(CODEOWNED.replace('"@org/data"', '"@org/analytics"'))
    git(top, "add", "-A")
    result = action(top, codeowners_check="true")
    assert result.code == 1
    assert result.stdout.splitlines()[-1] == (
        "::error title=CODEOWNERS is out of date::ownership: .github/CODEOWNERS differs from the role map; "
        "run `ownership codeowners --write`")
    assert "## CODEOWNERS is out of date\n\n> ownership: .github/CODEOWNERS differs from the role map" in result.summary
    assert "\n    -data/ @org/data\n    +data/ @org/analytics\n" in result.summary
    assert action(top).code == 0  # off by default


def test_summary_and_annotations_can_be_turned_off(workspace: Path, action: Callable) -> None:
    result = action(workspace, summary="false", annotations="false")
    assert (result.code, result.summary) == (1, "")
    assert result.stdout == "Makefile: unowned: no rule matches\n1 problem (1 unowned) in 4 files checked\n"
    assert "## Unowned files (1)" in Path(result.summary_file).read_text(encoding="utf-8")
    result = action(workspace, summary="maybe")
    assert (result.code, result.stdout) == (
        2, "::error title=ownership could not check::the input 'summary' is 'maybe': give true or false\n")


def test_python_version_and_the_cache_are_wired_to_githubs_own_actions() -> None:
    steps = {step.get("id"): step for step in ACTION["runs"]["steps"]}
    assert steps["python"]["uses"] == "actions/setup-python@v5"
    assert steps["python"]["if"] == "inputs.python-version != ''"
    assert steps["python"]["with"] == {"python-version": "${{ inputs.python-version }}"}
    assert steps["prepare"]["env"]["SETUP_PYTHON"] == "${{ steps.python.outputs.python-path }}"
    assert steps["restore"]["uses"] == "actions/cache/restore@v4"
    save = next(step for step in ACTION["runs"]["steps"] if step.get("uses") == "actions/cache/save@v4")
    assert save["with"] == steps["restore"]["with"] == {"path": "${{ steps.prepare.outputs.venv }}",
                                                        "key": "${{ steps.prepare.outputs.key }}"}
    assert save["if"] == "steps.prepare.outputs.key != '' && steps.install.outputs.installed == 'true'"


def test_a_restored_environment_is_used_and_the_key_follows_the_code(installed: Dict, tmp_path: Path) -> None:
    runner = FakeRunner(tmp_path, Path(installed["action_path"]), installed["env"])
    again = runner.run(tmp_path, steps=SETUP)  # the venv is where a cache hit restores it
    assert again.code == 0 and "using the cached environment" in again.stdout
    outputs = parse_commands_file((tmp_path / f"output-{STEP_IDS.index('install')}").read_text())
    assert outputs == {"bin": installed["bin"]}  # not "installed": nothing to save
    key = installed["done"]["prepare"]["key"]
    assert re.fullmatch(r"ownership-action-[\w-]+-[0-9a-f]{16}-[0-9a-f]{16}", key)
    changed = tmp_path / "changed"
    shutil.copytree(installed["action_path"], changed)
    (changed / "src" / "ownership" / "__init__.py").write_text('__version__ = "9"\n')
    runner = FakeRunner(tmp_path, changed, installed["env"])
    runner.run(tmp_path, steps=SETUP[:STEP_IDS.index("prepare") + 1])
    assert parse_commands_file((tmp_path / f"output-{STEP_IDS.index('prepare')}").read_text())["key"] != key
    runner.run(tmp_path, steps=SETUP[:STEP_IDS.index("prepare") + 1], cache="false")
    assert "key" not in parse_commands_file((tmp_path / f"output-{STEP_IDS.index('prepare')}").read_text())


def test_codeowners_check_without_a_role_map_is_an_error_annotated_and_summarized(repo: Callable,
                                                                                  action: Callable) -> None:
    top = repo({"CODEOWNERS": "* @a\n", "x": ""})
    result = action(top, codeowners_check="true", annotations="false")
    assert result.code == 2
    message = result.stderr.splitlines()[-1]
    assert message.startswith("ownership: error: no role map in ")
    assert result.stdout.splitlines()[-1] == f"::error title=ownership could not check CODEOWNERS::{message}"
    assert result.summary.endswith(f"## Ownership could not check CODEOWNERS\n\n    {message}\n")
    assert result.outputs["unowned"] == "0"  # the rest of the step still ran
