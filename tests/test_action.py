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
    stdout: str = ""
    stderr: str = ""
    summary: str = ""
    outputs: Dict[str, str] = field(default_factory=dict)


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
            assert step["shell"] == "bash"
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
        result.outputs = {k: self.expand(v["value"], inputs, outputs) for k, v in ACTION["outputs"].items()}
        return result


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
    install = ACTION["runs"]["steps"][0]
    result = runner.run(tmp, steps=[install])
    assert result.code == 0, result.stderr
    bin_dir = parse_commands_file((tmp / "output-0").read_text())["bin"]
    assert Path(bin_dir, "ownership").exists()
    return {"action_path": str(action_path), "bin": bin_dir, "env": env}


@pytest.fixture
def action(installed: Dict, tmp_path: Path) -> Callable[..., Run]:
    """Run the steps after the install, as if it had just run: ``action(workspace, base="main")``."""
    runner = FakeRunner(tmp_path, Path(installed["action_path"]), installed["env"])

    def run(workspace: Path, **inputs: str) -> Run:
        return runner.run(workspace, steps=ACTION["runs"]["steps"][1:], done={"install": {"bin": installed["bin"]}},
                          **inputs)

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
        assert "${{" not in step["run"], step.get("name")
    mapped = {v.strip() for step in steps for v in step.get("env", {}).values()}
    assert {f"${{{{ inputs.{name} }}}}" for name in ACTION["inputs"]} <= mapped
    assert set(ACTION["inputs"]) == {"root", "config", "codeowners", "fail-on", "base", "sarif"}
    assert set(ACTION["outputs"]) == {"unowned", "conflicts", "coverage"}


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
