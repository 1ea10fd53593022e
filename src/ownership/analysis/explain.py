"""Why a path has its owners: every matching rule and the decision, for a role map or CODEOWNERS. Pure."""

from __future__ import annotations

from ownership.codeowners.match import matching_entries
from ownership.codeowners.match import resolve as resolve_codeowners
from ownership.codeowners.syntax import GITLAB, CodeOwners
from ownership.core.matcher import OWNED, Outcome, Owned, Unowned, decide, matching_rules
from ownership.core.rules import RoleMap
from ownership.model.report import Explanation


def explain(rolemap: RoleMap, path: str) -> Explanation:
    matched = matching_rules(rolemap.all_rules, path)
    outcome = decide(matched, rolemap.resolution)
    owners = (outcome.winner.role,) if outcome.status == OWNED and outcome.winner.role else ()
    named = {rule.role for rule in matched}
    role_owners = tuple((role.name, role.owners) for role in rolemap.roles if role.name in named)
    return Explanation(path, outcome, tuple(matched), owners, role_owners=role_owners)


def explain_codeowners(codeowners: CodeOwners, path: str) -> Explanation:
    """Every line matching ``path``; the winner is the deciding line (GitLab: of the first section that
    keeps the path), and ``deciding`` says which line decides in each section and which excludes."""
    matched = tuple(e.rule for e in matching_entries(codeowners, path))
    (ownership,), _ = resolve_codeowners(codeowners, [path])
    winner = ownership.deciding[0].rule if ownership.deciding else None
    # A deciding line that names no owner leaves the file unowned, and is still the line that decides.
    outcome: Outcome = Owned(winner) if ownership.owners and winner is not None else Unowned(winner)
    if codeowners.dialect == GITLAB:
        why = [(e.rule, f"last match in [{e.section}]") for e in ownership.deciding]
        why += [(e.rule, f"excluded from [{e.section}]") for e in ownership.excluded]
    else:
        why = [(e.rule, "last match") for e in ownership.deciding]
    skipped = tuple(e.rule for e in codeowners.skipped if e.rule.pattern.matches(path))
    return Explanation(path, outcome, matched, ownership.owners, tuple(why), skipped)
