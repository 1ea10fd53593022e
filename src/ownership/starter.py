"""A starter role map for a tree: the roles of an ML team and the usual homes of their work. Pure."""

from __future__ import annotations

import json
from typing import List, Sequence, Tuple

from ownership.patterns import Pattern

# (role, description, usual homes), following the ML team roles reference: the first home that a role
# shares with another (none do) would be a conflict, so each home belongs to one role only.
ROLE_HOMES: Tuple[Tuple[str, str, Tuple[str, ...]], ...] = (
    ("Data Engineer", "Data collection, storage and pipelines; data quality checks",
     ("data/", "pipelines/", "etl/", "sql/")),
    ("Data Scientist", "Analysis, feature engineering, experiments and model evaluation",
     ("notebooks/", "features/", "experiments/", "analysis/")),
    ("ML Engineer", "Training pipelines, model packaging, inference code and model tests",
     ("models/", "training/", "inference/")),
    ("MLOps Engineer", "Deployment, serving, CI/CD for ML, model registry and configuration",
     ("serving/", ".github/workflows/", ".gitlab-ci.yml", "ci/", "config/")),
    ("DevOps Engineer", "Containers, orchestration and infrastructure as code",
     ("Dockerfile", "docker-compose.yml", "docker-compose.yaml", "compose.yaml", "k8s/", "terraform/", "helm/")),
    ("SRE", "Reliability: SLOs, alerting, incident response and capacity",
     ("monitoring/", "alerts/", "slo/", "runbooks/")),
    ("Product Manager", "Problem definition, success metrics and priorities",
     ("/README.md", "/README.rst", "/README", "docs/")),
)


def _toml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def propose(files: Sequence[str]) -> Tuple[str, int]:
    """The text of a starter ``ownership.toml`` for ``files`` and how many patterns it holds.

    Only the homes that match something in the tree are proposed; roles with none stay as comments.
    """
    lines: List[str] = [
        "# Role map for `ownership`: which role owns which files.",
        "# Written by `ownership init` from the files in this tree; edit freely. Patterns use CODEOWNERS",
        "# syntax and are relative to this file's directory. Add `owners = [\"@org/team\"]` to a role to",
        "# generate CODEOWNERS from it.",
        "",
        "[settings]",
        '# "specific": the most specific pattern wins; "last": the last matching one; "strict": any overlap',
        "# between roles is a conflict.",
        'resolution = "specific"',
        "# ignore = [\"vendor/**\", \"*.lock\"]",
    ]
    count = 0
    for role, description, homes in ROLE_HOMES:
        found = [h for h in homes if any(Pattern(h).matches(f) for f in files)]
        count += len(found)
        prefix = "" if found else "# "
        lines += ["", f"{prefix}[roles.{_toml(role)}]", f"{prefix}description = {_toml(description)}"]
        shown = found or list(homes)
        lines.append(f"{prefix}paths = [{', '.join(_toml(h) for h in shown)}]" + ("" if found else "  # nothing here yet"))
    return "\n".join(lines) + "\n", count
