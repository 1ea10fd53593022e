"""The resolver's sieve (issue 14, point 4): names that no base-name rule can match are told apart by their
literal name and their extension alone; it must never drop a name a rule matches."""

from __future__ import annotations

from typing import List, Optional, Tuple

from hypothesis import given, settings
from hypothesis import strategies as st

from ownership.core.matcher import decide, matching_rules
from ownership.core.patterns import Pattern
from ownership.core.resolver import Resolver
from ownership.core.rules import RESOLUTIONS, Origin, Rule

# Suffixes with one dot, several dots, no dot; prefixes, "*" and other globs that turn the sieve off; names
# (of files and of directories) with no dot, one, several, a leading or a trailing one.
SEGMENTS = ["*.go", "*.pb.go", "*_test.go", "*.d.ts", "*.ts", "*_test", "*o", "*.", "a*", "*", "**", "?.go",
            "x.go", "x.pb.go", "a", "a.d", "*.tar.gz", "gz"]
NAMES = ["x.go", "x.pb.go", "y_test.go", "a.d.ts", "b.ts", "a_test", "go", "o", "x.", ".go", "a", "a.d", "t.tar.gz",
         "gz", ".pb.go", "tar.gz", "x"]


@st.composite
def globs(draw: st.DrawFn) -> str:
    body = "/".join(draw(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=3)))
    return draw(st.sampled_from(["", "/", "**/"])) + body + draw(st.sampled_from(["", "", "/"]))


def make_rules(specs: List[Tuple[Optional[str], str]]) -> List[Rule]:
    return [Rule(i, role, glob, Origin("ownership.toml", i + 1, 1), Pattern(glob))
            for i, (role, glob) in enumerate(specs)]


@settings(max_examples=400, deadline=None)
@given(specs=st.lists(st.tuples(st.sampled_from(["alpha", "beta", None]), globs()), min_size=1, max_size=10),
       paths=st.lists(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4).map("/".join), min_size=1,
                      max_size=30, unique=True).map(sorted),
       mode=st.sampled_from(RESOLUTIONS))
def test_the_sieve_never_drops_a_matching_name(specs: List[Tuple[Optional[str], str]], paths: List[str],
                                               mode: str) -> None:
    rules = make_rules(specs)
    resolver = Resolver(rules, mode)
    outcomes = resolver.resolve(paths)
    assert outcomes == [decide(matching_rules(rules, path), mode) for path in paths]
    for path, outcome in zip(paths, outcomes):  # and every matching rule, as `who` lists them
        assert [rules[i] for i in resolver.matched[id(outcome)]] == matching_rules(rules, path)
