"""Tests for ownership.core.matcher (resolution modes, ``decide``) and ownership.core.resolver (the ``Resolver``)."""

from __future__ import annotations

import tracemalloc
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ownership.core.matcher import (
    CONFLICT, IGNORED, OWNED, UNOWNED, Conflicted, Ignored, Outcome, Owned, Unowned, decide, matching_rules,
)
from ownership.core.resolver import Resolver
from ownership.core.patterns import Pattern
from ownership.core.rules import RESOLUTIONS, Origin, Rule

IGNORE = None  # the role of an ignore rule


def make_rules(*specs: Tuple[Optional[str], str]) -> List[Rule]:
    """Rules in document order from (role, glob) pairs; role None is an ignore rule."""
    return [
        Rule(index, role, glob, Origin("ownership.toml", index + 1, 1), Pattern(glob))
        for index, (role, glob) in enumerate(specs)
    ]


def resolve_one(rules: Sequence[Rule], path: str, mode: str) -> Outcome:
    return decide(matching_rules(rules, path), mode)


def summary(outcome: Outcome) -> str:
    """The owning role, or the status when nobody owns the file: easy to read in expectations."""
    return outcome.owner if outcome.status == OWNED and outcome.owner else outcome.status


# --- decide: specific ----------------------------------------------------------------------------------


def test_specific_deeper_directory_beats_its_parent() -> None:
    for rules in (make_rules(("app", "src/"), ("models", "src/models/")),
                  make_rules(("models", "src/models/"), ("app", "src/"))):
        outcome = resolve_one(rules, "src/models/user.py", "specific")
        assert outcome.status == OWNED and outcome.owner == "models"
        assert outcome.winner is not None and outcome.winner.glob == "src/models/"
        assert resolve_one(rules, "src/main.py", "specific").owner == "app"


def test_specific_directory_name_beats_extension_glob() -> None:
    for rules in (make_rules(("sql", "*.sql"), ("models", "models/")),
                  make_rules(("models", "models/"), ("sql", "*.sql"))):
        assert resolve_one(rules, "models/q.sql", "specific").owner == "models"
        assert resolve_one(rules, "queries/q.sql", "specific").owner == "sql"


def test_specific_equally_specific_roles_conflict() -> None:
    rules = make_rules(("docs", "docs/"), ("readme", "README.md"))
    outcome = resolve_one(rules, "docs/README.md", "specific")
    assert outcome == Conflicted((rules[0], rules[1]))
    assert outcome.owner is None


def test_specific_conflict_lists_only_the_most_specific_rules() -> None:
    rules = make_rules(("everyone", "*"), ("docs", "docs/"), ("readme", "README.md"))
    assert resolve_one(rules, "docs/README.md", "specific") == Conflicted((rules[1], rules[2]))


def test_specific_tie_within_one_role_is_not_a_conflict() -> None:
    rules = make_rules(("docs", "docs/"), ("docs", "README.md"))
    assert resolve_one(rules, "docs/README.md", "specific") == Owned(rules[1])


def test_specific_less_specific_role_does_not_join_the_conflict() -> None:
    rules = make_rules(("data", "data/"), ("data", "data/raw/"), ("sql", "*.sql"))
    assert resolve_one(rules, "data/raw/q.sql", "specific") == Owned(rules[1])


# --- decide: last --------------------------------------------------------------------------------------


def test_last_match_wins() -> None:
    rules = make_rules(("models", "src/models/"), ("app", "src/"))
    assert resolve_one(rules, "src/models/user.py", "last") == Owned(rules[1])
    rules = make_rules(("app", "src/"), ("models", "src/models/"))
    assert resolve_one(rules, "src/models/user.py", "last") == Owned(rules[1])


def test_last_never_reports_a_conflict() -> None:
    rules = make_rules(("docs", "docs/"), ("readme", "README.md"), ("everyone", "*"))
    for path in ("docs/README.md", "README.md", "docs/a.md"):
        assert resolve_one(rules, path, "last") == Owned(rules[2])


# --- decide: strict ------------------------------------------------------------------------------------


def test_strict_two_roles_conflict_with_every_matching_rule() -> None:
    rules = make_rules(("everyone", "*"), ("docs", "docs/"), ("readme", "README.md"), ("docs", "/docs/"))
    assert resolve_one(rules, "docs/README.md", "strict") == Conflicted(tuple(rules))
    # Unlike specific, a more specific rule does not settle it.
    rules = make_rules(("app", "src/"), ("models", "src/models/"))
    assert resolve_one(rules, "src/models/user.py", "strict") == Conflicted(tuple(rules))


def test_strict_one_role_owns_with_its_most_specific_rule() -> None:
    rules = make_rules(("app", "src/"), ("app", "src/models/"), ("app", "*.py"))
    assert resolve_one(rules, "src/models/user.py", "strict") == Owned(rules[1])


# --- decide: every mode --------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", RESOLUTIONS)
def test_ignore_rule_wins_over_every_role(mode: str) -> None:
    rules = make_rules(("app", "src/"), (IGNORE, "*.pyc"), ("models", "src/models/"), (IGNORE, "__pycache__/"))
    outcome = resolve_one(rules, "src/models/__pycache__/user.pyc", mode)
    assert outcome == Ignored(rules[3])
    assert outcome.owner is None
    assert resolve_one(rules, "src/models/user.pyc", mode) == Ignored(rules[1])
    assert resolve_one(rules, "src/main.py", mode).owner == "app"


@pytest.mark.parametrize("mode", RESOLUTIONS)
def test_no_matching_rule_is_unowned(mode: str) -> None:
    rules = make_rules(("app", "src/"), (IGNORE, "*.pyc"))
    outcome = resolve_one(rules, "docs/index.md", mode)
    assert outcome == Unowned()
    assert outcome.owner is None
    assert decide([], mode) == Unowned()


@pytest.mark.parametrize("mode", RESOLUTIONS)
def test_decide_ignores_the_order_and_repetition_of_its_input(mode: str) -> None:
    rules = make_rules(("everyone", "*"), ("docs", "docs/"), ("readme", "README.md"), ("docs", "*.md"))
    matched = matching_rules(rules, "docs/README.md")
    assert len(matched) == 4
    expected = decide(matched, mode)
    assert decide(list(reversed(matched)), mode) == expected
    assert decide(matched + matched[:2], mode) == expected


# --- Resolver: hand-written trees ----------------------------------------------------------------------


def resolved(rules: Sequence[Rule], paths: Sequence[str], mode: str) -> Dict[str, str]:
    """Resolve ``paths`` with a Resolver, check it against the reference, and summarise the outcomes."""
    resolver = Resolver(rules, mode)
    outcomes = resolver.resolve(paths)
    assert outcomes == [resolve_one(rules, path, mode) for path in paths]
    assert resolver.used == {i for i, rule in enumerate(rules) if any(rule.pattern.matches(p) for p in paths)}
    return {path: summary(outcome) for path, outcome in zip(paths, outcomes)}


def test_resolver_deep_double_star_patterns() -> None:
    rules = make_rules(
        ("ops", "**/logs"),
        ("qa", "src/**/fixtures/**/*.json"),
        ("deep", "/a/**/b/**/c"),
    )
    expected = {
        "a/b/c": "deep",
        "a/b/b/c/d.txt": "deep",
        "a/c/b": UNOWNED,
        "a/x/b/y/c/z": "deep",
        "a/x/b/y/z": UNOWNED,
        "lib/src/fixtures/x.json": UNOWNED,
        "logs/x": "ops",
        "q/r/s/logs/t/u.log": "ops",
        "src/fixtures.json": UNOWNED,
        "src/fixtures/x.json": "qa",
        "src/p/q/fixtures/r/s/t.json": "qa",
        "src/p/q/fixtures/r/s/t.yaml": UNOWNED,
        "x/a/b/c": UNOWNED,
    }
    for mode in RESOLUTIONS:
        assert resolved(rules, sorted(expected), mode) == expected


def test_resolver_anchored_and_unanchored_patterns() -> None:
    rules = make_rules(("config", "/config"), ("settings", "settings.yaml"), ("app", "/src/settings.yaml"))
    expected = {
        "app/config/x.yaml": UNOWNED,
        "config": "config",
        "config/x.yaml": "config",
        "settings.yaml": "settings",
        "src/settings.yaml": "app",  # (2, 2) beats (1, 1)
        "tests/src/settings.yaml": "settings",
        "x/settings.yaml": "settings",
    }
    assert resolved(rules, sorted(expected), "specific") == expected
    assert resolved(rules, sorted(expected), "last") == expected
    assert resolved(rules, sorted(expected), "strict") == {**expected, "src/settings.yaml": CONFLICT}


def test_resolver_extension_globs_of_different_lengths() -> None:
    rules = make_rules(("archives", "*.gz"), ("tarballs", "*.tar.gz"), (IGNORE, "*.pyc"), ("python", "*.py"))
    paths = ["a.py", "a.pyc", "dist/a.gz", "dist/a.tar.gz", "dist/a.tgz", "src/a.py", "src/gz", "tar.gz"]
    assert resolved(rules, paths, "last") == {
        "a.py": "python",
        "a.pyc": IGNORED,
        "dist/a.gz": "archives",
        "dist/a.tar.gz": "tarballs",
        "dist/a.tgz": UNOWNED,
        "src/a.py": "python",
        "src/gz": UNOWNED,
        "tar.gz": "archives",  # "*.tar.gz" needs the dot before "tar"
    }
    specific = resolved(rules, paths, "specific")
    assert specific["dist/a.tar.gz"] == CONFLICT  # both (0, 1)
    assert specific["dist/a.gz"] == "archives"


def test_resolver_prefix_globs() -> None:
    rules = make_rules(("docker", "Docker*"), ("images", "Dockerfile*"), ("ci", "/ci/run*"))
    paths = ["Dockerfile", "DockerCompose.yml", "ci/run", "ci/run.sh", "ci/sub/run.sh", "docker/Dockerfile.prod",
             "dockerfile", "xDockerfile"]
    assert resolved(rules, paths, "last") == {
        "Dockerfile": "images",
        "DockerCompose.yml": "docker",
        "ci/run": "ci",
        "ci/run.sh": "ci",
        "ci/sub/run.sh": UNOWNED,
        "docker/Dockerfile.prod": "images",
        "dockerfile": UNOWNED,
        "xDockerfile": UNOWNED,
    }
    assert resolved(rules, paths, "strict")["Dockerfile"] == CONFLICT


def test_resolver_question_mark_globs() -> None:
    rules = make_rules(("versions", "v?"), ("letters", "src/?/"), ("short", "??.md"))
    expected = {
        "ab.md": "short",
        "abc.md": UNOWNED,
        "lib/v1/x.py": "versions",
        "src/a/b.py": "letters",
        "src/ab/c.py": UNOWNED,
        "src/b": UNOWNED,
        "v1": "versions",
        "v10": UNOWNED,
        "x/ab.md": "short",
    }
    assert resolved(rules, sorted(expected), "last") == expected


def test_resolver_root_files() -> None:
    rules = make_rules(("root", "/*"), ("python", "/setup.py"), ("toml", "*.toml"))
    expected_last = {
        "LICENSE": "root",
        "pyproject.toml": "toml",
        "setup.py": "python",
        "src/pyproject.toml": "toml",
        "src/setup.py": UNOWNED,
    }
    paths = sorted(expected_last)
    assert resolved(rules, paths, "last") == expected_last
    specific = resolved(rules, paths, "specific")
    assert specific["setup.py"] == "python"  # (1, 1) beats /* (0, 1)
    assert specific["pyproject.toml"] == CONFLICT  # /* and *.toml are both (0, 1)


def test_resolver_directory_and_file_with_the_same_name_at_different_depths() -> None:
    rules = make_rules(("any", "build"), ("root", "/build"), ("dirs", "build/"))
    paths = ["build", "lib/build", "src/build/out.o", "tools/build/x/y.o"]
    assert resolved(rules, paths, "last") == {
        "build": "root",  # a file at the root: "build/" needs something beneath it
        "lib/build": "any",
        "src/build/out.o": "dirs",
        "tools/build/x/y.o": "dirs",
    }
    assert resolved(rules, paths, "strict") == {
        "build": CONFLICT,
        "lib/build": "any",
        "src/build/out.o": CONFLICT,
        "tools/build/x/y.o": CONFLICT,
    }


def test_resolver_used_and_unused_rules() -> None:
    rules = make_rules(("app", "src/"), ("docs", "docs/"), (IGNORE, "*.pyc"), ("never", "nowhere/"))
    resolver = Resolver(rules, "specific")
    resolver.resolve(["src/a.py", "src/a.pyc"])
    assert resolver.used == {0, 2}
    assert resolver.unused == [rules[1], rules[3]]
    resolver.resolve(["docs/index.md"])  # used accumulates over calls
    assert resolver.unused == [rules[3]]


def test_resolver_accepts_paths_in_any_order() -> None:
    rules = make_rules(("app", "src/"), ("models", "src/models/"), ("py", "*.py"), (IGNORE, "src/tmp/"))
    paths = ["src/models/a.py", "README.md", "src/tmp/x", "src/a.py", "src/models/b/c.py", "src/b.txt", "a.py"]
    for mode in RESOLUTIONS:
        assert Resolver(rules, mode).resolve(paths) == [resolve_one(rules, p, mode) for p in paths]
        assert Resolver(rules, mode).resolve(["src/models/a.py"])[0] == resolve_one(rules, "src/models/a.py", mode)


# --- Resolver: deep paths and long patterns (issue 10, point 7) -------------------------------------------

DEEP_4001 = "a/" * 2000 + "f"  # the committed 4,001-character path


def peak_traced_mib(run: Callable[[], object]) -> float:
    """The peak of Python allocations while ``run`` runs, in MiB (a size, not a time)."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


@pytest.mark.timeout(120)  # before the fix: 67 s and 747 MiB traced; a hang guard, not a speed test
@pytest.mark.parametrize("base", ["**/a/" * 1000, "**/" + "a/" * 1000, "**/" + "*/" * 1000, "**/a/*/" * 500],
                         ids=["double stars", "long literal run", "long star run", "mixed"])
def test_resolver_memory_is_bounded_by_the_path_not_path_times_pattern(base: str) -> None:
    """Issue 10, point 7: one 4,001-character path and ten 5,000-character rules. Every rule owns the file
    (``base`` plus i more ``a/``), so each must be followed to the end of the path; the states kept per
    directory used to grow with the pattern (747 MiB for the first case, 2.6 GiB for the second)."""
    rules = make_rules(*((f"r{i}", base + "a/" * i) for i in range(10)))
    resolver = Resolver(rules, "last")
    outcomes: List[Outcome] = []
    peak = peak_traced_mib(lambda: outcomes.extend(resolver.resolve([DEEP_4001])))
    assert outcomes == [Owned(rules[9])]
    assert outcomes == [resolve_one(rules, DEEP_4001, "last")]
    assert resolver.used == set(range(10))
    assert peak < 64, f"{peak:.0f} MiB"


def test_resolver_follows_a_long_run_of_positions_alive_at_once() -> None:
    """``**/`` then thirty ``a`` segments: along a chain of ``a`` every position is alive at once, which the
    resolver moves as bit masks; the pattern must end exactly where a ``b`` follows thirty ``a``."""
    rules = make_rules(("top", "/a/a/"), ("any", "**/a/*/b"), ("deep", "**/" + "a/" * 30 + "b"))
    paths = sorted(["a/" * k + "b" for k in range(25, 36)] + ["a/" * k + "b/c" for k in (29, 30, 31)]
                   + ["x/" + "a/" * 30 + "b", "a/" * 40 + "c", "b/" + "a/" * 31 + "b/d"])
    for mode in RESOLUTIONS:
        assert resolved(rules, paths, mode)  # every outcome equals the pattern-by-pattern reference
    owners = dict(zip(paths, (o.owner for o in Resolver(rules, "last").resolve(paths))))
    assert owners["a/" * 30 + "b"] == "deep" and owners["a/" * 31 + "b"] == "deep"
    assert owners["a/" * 29 + "b"] == "any" and owners["x/" + "a/" * 30 + "b"] == "deep"
    assert owners["a/" * 40 + "c"] == "top"
    assert owners["b/" + "a/" * 31 + "b/d"] == "deep"  # "deep" matches the directory "b": all beneath


def test_resolver_memory_is_linear_in_a_path_longer_than_git_usually_sees() -> None:
    """One 40,001-character path: keying every ancestor directory by its own path held 383 MiB (the sum
    of 20,000 prefixes); directories below 1,024 characters are now found by name. Siblings deep down, a
    name longer than 1,024 characters and a short path afterwards resolve as the reference does."""
    deep = "a/" * 20000 + "f"
    paths = [deep, "a/" * 19999 + "b", "a/" * 19999 + "b/c.py", "a/" * 600 + "docs/x", "a/a/b",
             "n" * 3000 + "/docs/y", "n" * 3000 + "/a/b/z.py", "x.py"]
    rules = make_rules(("b", "**/a/**/b"), ("py", "*.py"), ("docs", "docs/"))
    resolver = Resolver(rules, "last")
    outcomes: List[Outcome] = []
    peak = peak_traced_mib(lambda: outcomes.extend(resolver.resolve(paths)))
    assert outcomes == [resolve_one(rules, path, "last") for path in paths]
    assert [o.owner for o in outcomes] == [None, "b", "py", "docs", "b", "docs", "py", "py"]
    assert peak < 64, f"{peak:.0f} MiB"


LONG_SEGMENTS = ["a", "a", "a", "*", "?", "**", "b", "a*", "*b"]
RUN_SEGMENTS = ["a", "a", "a", "*", "?", "a*"]  # each matches "a": along a chain of "a", all stay alive
LONG_NAMES = ["a"] * 6 + ["b", "ab"]


@st.composite
def long_globs(draw: st.DrawFn) -> str:
    """A pattern of up to 40 segments, mostly ``a`` and wildcards; half of them start with ``**/`` and a
    run of 20 to 40 segments that all match ``a`` (more positions alive at once than the resolver indexes
    one by one: it moves them as bit masks)."""
    lead = ""
    if draw(st.booleans()):
        lead = "**/" + "/".join(draw(st.lists(st.sampled_from(RUN_SEGMENTS), min_size=20, max_size=40))) + "/"
    body = "/".join(draw(st.lists(st.sampled_from(LONG_SEGMENTS), min_size=1, max_size=40 if not lead else 3)))
    return (draw(st.sampled_from(["", "/", "**/"])) if not lead else lead) + body + draw(st.sampled_from(["", "", "/"]))


deep_paths = st.lists(st.lists(st.sampled_from(LONG_NAMES), min_size=1, max_size=50).map("/".join),
                      min_size=1, max_size=12, unique=True).map(sorted)


@settings(max_examples=150, deadline=None)
@given(specs=st.lists(st.tuples(st.sampled_from(["alpha", "beta", None]), long_globs()),
                      min_size=1, max_size=6),
       paths=deep_paths, mode=st.sampled_from(RESOLUTIONS))
def test_resolver_agrees_with_the_reference_on_deep_paths_and_long_patterns(
        specs: List[Tuple[Optional[str], str]], paths: List[str], mode: str) -> None:
    rules = make_rules(*specs)
    resolver = Resolver(rules, mode)
    assert resolver.resolve(paths) == [decide(matching_rules(rules, path), mode) for path in paths]
    assert resolver.used == {i for i, rule in enumerate(rules) if any(rule.pattern.matches(p) for p in paths)}


# --- Resolver: property against the reference ------------------------------------------------------------

SEGMENTS = ["a", "b", "src", "logs", "*", "**", "?", "*.py", "a*", "?.md", "x.p?", "*b*"]
NAMES = ["a", "b", "ab", "src", "logs", "x.py", "a.md", "b.py", "c", "x.pyc"]


@st.composite
def globs(draw: st.DrawFn) -> str:
    """A valid pattern: 1–4 segments, optionally anchored and/or naming a directory."""
    body = "/".join(draw(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=4)))
    return draw(st.sampled_from(["", "/"])) + body + draw(st.sampled_from(["", "", "/"]))


roles = st.sampled_from(["alpha", "beta", "gamma"] * 3 + [None])
rule_sets = st.lists(st.tuples(roles, globs()), min_size=1, max_size=15).map(lambda specs: make_rules(*specs))
path_lists = st.lists(
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=5).map("/".join), max_size=25, unique=True
).map(sorted)


@settings(max_examples=300, deadline=None)
@given(rules=rule_sets, paths=path_lists, mode=st.sampled_from(RESOLUTIONS))
def test_resolver_agrees_with_decide_on_every_path(rules: List[Rule], paths: List[str], mode: str) -> None:
    resolver = Resolver(rules, mode)
    assert resolver.resolve(paths) == [decide(matching_rules(rules, path), mode) for path in paths]
    matched = {i for i, rule in enumerate(rules) if any(rule.pattern.matches(path) for path in paths)}
    assert resolver.used == matched
    assert resolver.unused == [rule for i, rule in enumerate(rules) if i not in matched]


# --- CODEOWNERS: the indexed resolution against a plain line-by-line reading ------------------------------

OWNERS = st.lists(st.sampled_from(["@a", "@b", "@org/c", "d@example.com"]), max_size=2, unique=True)


@st.composite
def codeowners_texts(draw: st.DrawFn) -> str:
    """GitHub CODEOWNERS lines, or GitLab ones under random sections (with defaults and exclusions)."""
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        if draw(st.integers(0, 5)) == 0:
            lines.append(f"[{draw(st.sampled_from(['One', 'Two']))}] {' '.join(draw(OWNERS))}")
        prefix = "!" if draw(st.integers(0, 7)) == 0 else ""
        lines.append(f"{prefix}{draw(globs())} {' '.join(draw(OWNERS))}".rstrip())
    return "\n".join(lines)


def reference_owners(codeowners: object, path: str) -> tuple:
    """Per section, the last matching line unless an exclusion of that section matches; owners combined."""
    from ownership.codeowners.match import effective, sections

    owners: list = []
    for entries in sections(codeowners).values():  # type: ignore[arg-type]
        entries = effective(entries, codeowners.dialect)  # type: ignore[attr-defined]
        if any(e.exclusion and e.rule.pattern.matches(path) for e in entries):
            continue
        matching = [e for e in entries if not e.exclusion and e.rule.pattern.matches(path)]
        if matching:
            owners += [o for o in matching[-1].owners if o not in owners]
    return tuple(owners)


@settings(max_examples=300, deadline=None)
@given(text=codeowners_texts(), paths=path_lists, dialect=st.sampled_from(["github", "gitlab"]))
def test_codeowners_resolution_agrees_with_a_line_by_line_reading(text: str, paths: List[str], dialect: str) -> None:
    from ownership.codeowners.match import resolve
    from ownership.codeowners.parse import parse

    codeowners = parse(text, "CODEOWNERS", dialect)
    ownerships, used = resolve(codeowners, paths)
    assert [o.owners for o in ownerships] == [reference_owners(codeowners, p) for p in paths]
    matched = {e.key for e in codeowners.entries if any(e.rule.pattern.matches(p) for p in paths)}
    assert used == {e.rule.index for e in codeowners.entries if e.key in matched}
