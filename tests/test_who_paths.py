"""``who`` through the resolver (issue 14, point 2): many paths answered together, exactly as one by one."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ownership.analysis.explain import explain_codeowners_paths, explain_paths
from ownership.codeowners.match import matching_entries
from ownership.codeowners.match import resolve as resolve_codeowners
from ownership.codeowners.parse import parse
from ownership.codeowners.syntax import GITHUB, GITLAB, CodeOwners
from ownership.core import resolver as resolver_module
from ownership.core.matcher import OWNED, Outcome, Owned, Unowned, decide, matching_rules
from ownership.core.patterns import Pattern
from ownership.core.rules import RESOLUTIONS, Origin, Role, RoleMap, Rule
from ownership.model.report import Explanation

# --- the reference: one path at a time, every rule tested against it (what `who` did before) ----------------


def reference(rolemap: RoleMap, path: str) -> Explanation:
    matched = matching_rules(rolemap.all_rules, path)
    outcome = decide(matched, rolemap.resolution)
    owners = (outcome.winner.role,) if outcome.status == OWNED and outcome.winner.role else ()
    named = {rule.role for rule in matched}
    role_owners = tuple((role.name, role.owners) for role in rolemap.roles if role.name in named)
    return Explanation(path, outcome, tuple(matched), owners, role_owners=role_owners)


def reference_codeowners(codeowners: CodeOwners, path: str) -> Explanation:
    matched = tuple(e.rule for e in matching_entries(codeowners, path))
    (ownership,), _ = resolve_codeowners(codeowners, [path])
    winner = ownership.deciding[0].rule if ownership.deciding else None
    outcome: Outcome = Owned(winner) if ownership.owners and winner is not None else Unowned(winner)
    if codeowners.dialect == GITLAB:
        why = [(e.rule, f"last match in [{e.section}]") for e in ownership.deciding]
        why += [(e.rule, f"excluded from [{e.section}]") for e in ownership.excluded]
    else:
        why = [(e.rule, "last match") for e in ownership.deciding]
    skipped = tuple(e.rule for e in codeowners.skipped if e.rule.pattern.matches(path))
    return Explanation(path, outcome, matched, ownership.owners, tuple(why), skipped)


def same(found: Explanation, expected: Explanation) -> None:
    """Equal, and made of the very rule objects the formatters compare by identity (``rule is winner``)."""
    assert found == expected
    assert all(a is b for a, b in zip(found.matched, expected.matched))
    assert found.outcome.winner is expected.outcome.winner
    assert all(a is b for a, b in zip(found.outcome.candidates, expected.outcome.candidates))
    assert all(a[0] is b[0] for a, b in zip(found.deciding, expected.deciding))


SEGMENTS = ["a", "b", "src", "*", "**", "?", "*.py", "a*", "?.md", "*b*"]
NAMES = ["a", "b", "ab", "src", "x.py", "a.md", "b.py", "c"]


@st.composite
def globs(draw: st.DrawFn) -> str:
    body = "/".join(draw(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=4)))
    return draw(st.sampled_from(["", "/"])) + body + draw(st.sampled_from(["", "", "/"]))


paths = st.lists(st.lists(st.sampled_from(NAMES), min_size=1, max_size=5).map("/".join), min_size=1, max_size=25)


def rolemap_of(specs: List[Tuple[Optional[str], str]], resolution: str) -> RoleMap:
    """Role rules first, then ignore rules (role None), as the parser orders them."""
    ordered = [s for s in specs if s[0] is not None] + [s for s in specs if s[0] is None]
    rules = tuple(Rule(i, role, glob, Origin("ownership.toml", i + 1, 1), Pattern(glob))
                  for i, (role, glob) in enumerate(ordered))
    names = sorted({role for role, _ in specs if role is not None})
    return RoleMap("ownership.toml", resolution, tuple(Role(name) for name in names),
                   tuple(r for r in rules if r.role is not None), tuple(r for r in rules if r.role is None))


@settings(max_examples=300, deadline=None)
@given(specs=st.lists(st.tuples(st.sampled_from(["alpha", "beta", "gamma", None]), globs()), min_size=1, max_size=15),
       paths=paths, resolution=st.sampled_from(RESOLUTIONS))
def test_role_map_paths_explained_together_as_one_by_one(
        specs: List[Tuple[Optional[str], str]], paths: List[str], resolution: str) -> None:
    """Unsorted paths, repeated paths, paths in the same directory: each explained as it is alone."""
    rolemap = rolemap_of(specs, resolution)
    found = explain_paths(rolemap, paths)
    assert len(found) == len(paths)
    for explanation, path in zip(found, paths):
        same(explanation, reference(rolemap, path))


OWNERS = st.lists(st.sampled_from(["@a", "@b", "@org/c", "d@example.com"]), max_size=2, unique=True)


@st.composite
def codeowners_texts(draw: st.DrawFn) -> str:
    """CODEOWNERS lines under random sections, with exclusions, default owners and repeated patterns
    (GitLab keeps a repeated pattern's first place with its last owners: the earlier line still matches)."""
    pool = draw(st.lists(globs(), min_size=1, max_size=6))
    lines = []
    for _ in range(draw(st.integers(1, 14))):
        if draw(st.integers(0, 5)) == 0:
            lines.append(f"[{draw(st.sampled_from(['One', 'Two']))}] {' '.join(draw(OWNERS))}".rstrip())
        prefix = "!" if draw(st.integers(0, 7)) == 0 else ""
        lines.append(f"{prefix}{draw(st.sampled_from(pool))} {' '.join(draw(OWNERS))}".rstrip())
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(text=codeowners_texts(), paths=paths, dialect=st.sampled_from([GITHUB, GITLAB]))
def test_codeowners_paths_explained_together_as_one_by_one(text: str, paths: List[str], dialect: str) -> None:
    codeowners = parse(text, "CODEOWNERS", dialect)
    found = explain_codeowners_paths(codeowners, paths)
    assert len(found) == len(paths)
    for explanation, path in zip(found, paths):
        same(explanation, reference_codeowners(codeowners, path))


def test_gitlab_lists_a_repeated_patterns_earlier_line_too() -> None:
    """GitLab matches with the last of two same-pattern lines in the first one's place; ``who`` lists both."""
    codeowners = parse("docs/ @a\n*.md @b\ndocs/ @c\n[S]\n!docs/x.md\n", "CODEOWNERS", GITLAB)
    (explanation,) = explain_codeowners_paths(codeowners, ["docs/x.md"])
    assert [(r.origin.line, r.glob) for r in explanation.matched] == [
        (1, "docs/"), (2, "*.md"), (3, "docs/"), (5, "!docs/x.md")]
    assert explanation.owners == ("@b",)
    assert [(r.origin.line, why) for r, why in explanation.deciding] == [
        (2, "last match in [codeowners]"), (5, "excluded from [S]")]
    same(explanation, reference_codeowners(codeowners, "docs/x.md"))


# --- end to end: the words ---------------------------------------------------------------------------

AREAS = ["api", "web", "docs", "infra", "tools", "lib"]


def big_tree(rules: int) -> Dict[str, str]:
    """A role map of ``rules`` patterns over 2,400 files (and the same lines as a CODEOWNERS file)."""
    files = {f"{area}/m{m}/sub{s}/f{f}.{'py' if f % 2 else 'md'}": ""
             for area in AREAS for m in range(10) for s in range(4) for f in range(10)}
    globs = [f"/{AREAS[i % 6]}/m{i % 10}/sub{i % 4}/" if i % 3 else f"{AREAS[i % 6]}/**/f{i % 10}.py"
             for i in range(rules - 2)] + ["*.md", "docs/"]
    roles = "".join(f'[roles."r{i}"]\npaths = ["{glob}"]\n' for i, glob in enumerate(globs))
    files["ownership.toml"] = '[settings]\nresolution = "last"\n\n' + roles
    files["CODEOWNERS"] = "".join(f"{glob} @team{i}\n" for i, glob in enumerate(globs))
    return files


class Work:
    """What the resolver is asked to do: automata built, directories stepped into, base names decided."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.counts = {"Resolver": 0, "_child": 0, "_file": 0}
        resolver = resolver_module.Resolver
        for name in ("_child", "_file"):
            monkeypatch.setattr(resolver, name, self.counted(name, getattr(resolver, name)))
        monkeypatch.setattr(resolver, "__init__", self.counted("Resolver", resolver.__init__))

        def no_pattern_by_pattern(*args: object) -> bool:
            raise AssertionError("who tested a pattern against a path one by one")

        monkeypatch.setattr(Pattern, "matches", no_pattern_by_pattern)

    def counted(self, name: str, function: Callable) -> Callable:
        def wrapper(*args: object, **kwargs: object) -> object:
            self.counts[name] += 1
            return function(*args, **kwargs)
        return wrapper

    def take(self) -> Dict[str, int]:
        counts, self.counts = self.counts, {key: 0 for key in self.counts}
        return counts


@pytest.mark.parametrize("rules_option", [[], ["--codeowners", "CODEOWNERS"]], ids=["role map", "CODEOWNERS"])
def test_who_on_2000_paths_costs_at_most_one_whole_report(
        repo: Callable[..., Path], run: Callable, monkeypatch: pytest.MonkeyPatch, rules_option: List[str]) -> None:
    """Issue 14: "`who` on N paths costs at most one whole `report` of the tree, whatever N: it uses the
    resolver". Measured as work, not time: no pattern is tested against a path one by one, and the resolver
    steps into no more directories and decides no more base names than the report of the tree does."""
    top = repo(big_tree(1000))
    tracked = sorted(p for p in big_tree(0) if "/" in p)
    asked = tracked[:2000] + ["nowhere/new.py", "docs/new.md"]
    one_by_one = [run(["who", *rules_option, path], cwd=top) for path in asked[:8] + asked[-2:]]
    work = Work(monkeypatch)
    code, out, err = run(["report", *rules_option, "--format", "json"], cwd=top)
    assert code in (0, 1) and err == ""
    report = work.take()
    code, out, err = run(["who", *rules_option, *asked], cwd=top)
    who = work.take()
    assert (code, err) == (0, "")
    assert who["Resolver"] <= report["Resolver"]
    assert who["_child"] <= report["_child"] + 2  # the two paths the tree does not hold: "nowhere/", "docs/"
    assert who["_file"] <= report["_file"] + 2
    # The answers are those of one path at a time, byte for byte.
    assert out.startswith("".join(o for _, o, _ in one_by_one[:8]) + asked[8] + ":")
    assert out.endswith("".join(o for _, o, _ in one_by_one[8:]))
