"""A starter role map for a tree: the roles of an ML team, the usual homes of their work, the lifecycle phases; or,
for a tree that is not an ML project, one role per top-level area and a catch-all role. Pure."""

from __future__ import annotations

import json
from collections import Counter
from typing import Dict, List, Sequence, Set, Tuple, cast

from ownership.core.resolver import Resolver
from ownership.core.patterns import Pattern
from ownership.core.rules import Origin, Rule

# (role, description, usual homes), following the ML team roles reference: the first home that a role
# shares with another (none do) would be a conflict, so each home belongs to one role only.
ROLE_HOMES: Tuple[Tuple[str, str, Tuple[str, ...]], ...] = (
    ("Data Engineer", "Data collection, storage and pipelines; data quality checks",
     ("data/", "pipelines/", "etl/", "sql/", "validation/", "great_expectations/")),
    ("Data Scientist", "Analysis, feature engineering, experiments and model evaluation",
     ("notebooks/", "features/", "experiments/", "analysis/", "evaluation/")),
    ("ML Engineer", "Training pipelines, model packaging, inference code and model tests",
     ("models/", "training/", "inference/")),
    ("MLOps Engineer", "Deployment, serving, CI/CD for ML, model registry and configuration",
     ("serving/", "deploy/", ".github/workflows/", ".gitlab-ci.yml", "ci/", "config/")),
    ("DevOps Engineer", "Containers, orchestration and infrastructure as code",
     ("Dockerfile", "docker-compose.yml", "docker-compose.yaml", "compose.yaml", "k8s/", "terraform/", "helm/")),
    ("SRE", "Reliability: SLOs, alerting, incident response and capacity",
     ("monitoring/", "alerts/", "slo/", "runbooks/")),
    ("Product Manager", "Problem definition, success metrics and priorities",
     ("/README.md", "/README.rst", "/README", "docs/")),
)


# (phase, its Accountable role in the ML-ROLES lifecycle matrix, the usual homes of its work). The files a
# phase covers make their owners Responsible; the Accountable role gets the phase's homes as `accountable`.
PHASE_HOMES: Tuple[Tuple[str, str, Tuple[str, ...]], ...] = (
    ("Define problem", "Product Manager", ("/README.md", "/README.rst", "/README", "docs/")),
    ("Data collection", "Data Engineer", ("data/", "etl/", "sql/", "pipelines/")),
    ("Data validation", "Data Engineer", ("validation/", "great_expectations/")),
    ("Feature engineering", "ML Engineer", ("features/", "feature_store/")),
    ("Model training", "Data Scientist", ("experiments/", "training/", "train.py")),
    ("Model evaluation", "Data Scientist", ("evaluation/", "evaluate.py")),
    ("Model packaging", "ML Engineer", ("models/", "inference/")),
    ("Deployment", "MLOps Engineer", ("serving/", "deploy/", ".github/workflows/", ".gitlab-ci.yml")),
    ("Monitoring setup", "MLOps Engineer", ("monitoring/", "dashboards/")),
    ("Incident response", "Product Manager", ("runbooks/", "alerts/", "postmortems/")),
    ("Retraining", "MLOps Engineer", ("retraining/", "retrain.py")),
)


# The files `ownership` itself writes at the top (issue 12): the role map, the baseline, a generated CODEOWNERS.
TOOL_FILES = ("/ownership.toml", "/.ownership-baseline.json", "/.github/CODEOWNERS")
TOOL_ROLE = "MLOps Engineer"  # who owns them in the ML starter: the role that runs CI and its configuration
GENERIC_ROLE = "Maintainers"  # the catch-all role of the generic starter, which owns them too
ML_ROLES = ("Data Engineer", "Data Scientist", "ML Engineer")  # a home of one of these makes a tree an ML project
AREAS = 12  # the generic starter proposes a role for at most this many top-level directories, the biggest


def is_ml_project(files: Sequence[str]) -> bool:
    """Whether the top of the tree holds one of the usual homes of the data and model work of an ML team
    (``data/``, ``notebooks/``, ``models/``, ...). Only the top counts: an embedded OS with ``pkg/etl/`` is not
    an ML project, and the ML starter would own next to none of its files."""
    homes = {h.strip("/") for role, _, found in ROLE_HOMES if role in ML_ROLES for h in found}
    return any(f.split("/", 1)[0] in homes for f in files if "/" in f)


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
    present = _present([h for _, _, homes in ROLE_HOMES for h in homes], files)
    phases = _phases(files)
    accountable: Dict[str, List[str]] = {}
    for _, role, found in phases:
        accountable.setdefault(role, []).extend(h for h in found if h not in accountable.get(role, []))
    count = 0
    for role, description, homes in ROLE_HOMES:
        found = [h for h in homes if h in present] + (list(TOOL_FILES) if role == TOOL_ROLE else [])
        count += len(found)
        active = bool(found or accountable.get(role))
        prefix = "" if active else "# "
        lines += ["", f"{prefix}[roles.{_toml(role)}]", f"{prefix}description = {_toml(description)}"]
        if found or not active:
            shown = found or list(homes)
            lines.append(f"{prefix}paths = [{_array(shown)}]" + ("" if found else "  # nothing here yet"))
        if accountable.get(role):
            lines.append(f"accountable = [{_array(accountable[role])}]")
    entries = [f"{_toml(phase)} = [{_array(found)}]  # Accountable: {role}" for phase, role, found in phases if found]
    lines += _PHASES_HEAD + (["[phases]", *entries] if entries else _NO_PHASES)
    return "\n".join(lines) + "\n", count


_PHASES_HEAD = [
    "",
    "# Lifecycle phases and the files their work lives in: `ownership raci` shows who is Responsible (owns",
    "# the files), Accountable, Consulted (`consulted = [...]` in a role) and Informed (`informed = [...]`).",
]
_NO_PHASES = ["# [phases]", '# "Model training" = ["training/"]']


def propose_generic(files: Sequence[str]) -> Tuple[str, int, List[str]]:
    """A starter for a tree that is not an ML project (issue 12: ``init`` is never a dead end): a role per
    top-level directory (the ``AREAS`` biggest, dot-directories left out), and ``Maintainers`` for everything
    else, ``ownership``'s own files included. Each role has a placeholder for the handles that review it.
    The text, how many patterns it holds, and the areas."""
    # A name a pattern would have to escape (white space, wildcards, a leading "#" or "!") stays with the catch-all.
    sizes = Counter(f.split("/", 1)[0] for f in files if "/" in f and not f.startswith((".", "#", "!"))
                    and not any(c.isspace() or c in "*?[]\\" for c in f.split("/", 1)[0]))
    areas = sorted(name for name, _ in sorted(sizes.items(), key=lambda item: (-item[1], item[0]))[:AREAS])
    lines: List[str] = [
        "# Role map for `ownership`: which role owns which files.",
        "# Written by `ownership init`: this tree holds none of the usual homes of an ML team's work, so this is",
        "# one role per top-level directory, and \"Maintainers\" for everything else (ownership.toml and the",
        "# baseline included). Rename the roles freely; replace each placeholder with the handles that review",
        "# the role's files (as in CODEOWNERS: \"@org/team\", \"@user\"), and `ownership codeowners --write`",
        "# writes CODEOWNERS from them. Patterns use CODEOWNERS syntax, relative to this file's directory.",
        "",
        "[settings]",
        '# "specific": the most specific pattern wins, so a directory\'s role beats the catch-all "*".',
        'resolution = "specific"',
        "# ignore = [\"vendor/**\", \"*.lock\"]",
        "",
        f"[roles.{_toml(GENERIC_ROLE)}]",
        'description = "Everything no other role owns: top-level files, CI, and ownership\'s own files"',
        '# owners = ["@org/maintainers"]  # placeholder: who reviews these files',
        'paths = ["*"]',
    ]
    for area in areas:
        lines += [
            "",
            f"[roles.{_toml(area)}]",
            f"description = {_toml(f'The {area}/ directory ({sizes[area]} file' + ('' if sizes[area] == 1 else 's') + ')')}",
            f"# owners = [{_toml('@org/' + _handle(area) + '-team')}]  # placeholder: who reviews {area}/",
            f"paths = [{_toml('/' + area + '/')}]",
        ]
    lines += _PHASES_HEAD + _NO_PHASES
    return "\n".join(lines) + "\n", 1 + len(areas), areas


def _handle(name: str) -> str:
    """A directory name as it could appear in a team handle: letters, digits and dashes."""
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "area"


def _phases(files: Sequence[str]) -> List[Tuple[str, str, List[str]]]:
    """Each phase with its homes found in ``files``. Where homes of phases with different Accountable roles
    share files (``train.py`` under ``models/``), the one covering fewer files is left out: no file gets two."""
    homes = [(phase, role, home) for phase, role, found in PHASE_HOMES for home in found]
    rules = [Rule(i, None, home, Origin("", 0, 0), Pattern(home)) for i, (_, _, home) in enumerate(homes)]
    resolver = Resolver(rules, "last", decider=lambda matched, _: tuple(sorted(r.index for r in matched)))
    matches = cast(List[Tuple[int, ...]], resolver.resolve(files))
    sizes = Counter(i for match in matches for i in match)
    dropped: Set[int] = set()
    for match in set(matches):
        for a in match:
            for b in match:
                if a < b and homes[a][1] != homes[b][1]:
                    dropped.add(a if (sizes[a], -a) < (sizes[b], -b) else b)
    kept = set(resolver.used) - dropped
    return [(phase, role, [h for i, (p, _, h) in enumerate(homes) if p == phase and i in kept])
            for phase, role, _ in PHASE_HOMES]


def _present(homes: Sequence[str], files: Sequence[str]) -> Set[str]:
    """The homes that match at least one of ``files`` (one pass of the indexed resolver over the tree)."""
    rules = [Rule(i, None, home, Origin("", 0, 0), Pattern(home)) for i, home in enumerate(homes)]
    resolver = Resolver(rules, "last", decider=lambda matched, _: ())
    resolver.resolve(files)
    return {homes[i] for i in resolver.used}


def _array(items: Sequence[str]) -> str:
    return ", ".join(_toml(item) for item in items)
