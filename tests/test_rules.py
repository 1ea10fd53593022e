"""The role map as data (core/rules.py), pure: ``Origin`` (found lazily), ``Rule``, ``RoleMap`` and the owner
shapes a role map can hold."""

from __future__ import annotations

from typing import List, Optional, Tuple

import pytest

from ownership.core.patterns import Pattern
from ownership.core.rules import Origin, Role, RoleMap, Rule, valid_owner


def test_an_origin_prints_as_file_line_and_column() -> None:
    assert str(Origin("ownership.toml", 3, 5)) == "ownership.toml:3:5"
    assert str(Origin("CODEOWNERS", 7)) == "CODEOWNERS:7"
    assert repr(Origin("ownership.toml", 3, 5)) == "Origin('ownership.toml', 3, 5)"


def test_an_origin_locates_its_position_once_and_only_when_asked() -> None:
    calls: List[int] = []

    def locate() -> Tuple[int, int]:
        calls.append(1)
        return (4, 2)

    origin = Origin("ownership.toml", locate=locate)
    assert calls == []
    assert (origin.line, origin.column, str(origin)) == (4, 2, "ownership.toml:4:2")
    assert calls == [1]


def test_origins_are_equal_by_file_and_position_however_found() -> None:
    assert Origin("a.toml", locate=lambda: (1, 2)) == Origin("a.toml", 1, 2)
    assert hash(Origin("a.toml", locate=lambda: (1, 2))) == hash(Origin("a.toml", 1, 2))
    assert Origin("a.toml", 1, 2) != Origin("b.toml", 1, 2)
    assert Origin("a.toml", 1, 2) != "a.toml:1:2"


def rule(index: int, role: Optional[str], glob: str) -> Rule:
    return Rule(index, role, glob, Origin("ownership.toml", index + 1, 1), Pattern(glob))


def test_a_rule_is_labelled_by_its_role_or_as_an_ignore() -> None:
    assert rule(0, "Data", "data/").label == "Data"
    assert rule(1, None, "*.lock").label == "(ignore)"


def test_a_rule_takes_its_specificity_from_its_pattern() -> None:
    assert rule(0, "Data", "data/raw/").specificity == Pattern("data/raw/").specificity


def test_rules_compare_without_their_compiled_pattern() -> None:
    assert rule(0, "Data", "data/") == Rule(0, "Data", "data/", Origin("ownership.toml", 1, 1), Pattern("other/"))


def test_all_rules_are_the_role_rules_then_the_ignores() -> None:
    rules = (rule(0, "Data", "data/"), rule(1, "ML", "models/"))
    ignores = (rule(2, None, "*.lock"),)
    rolemap = RoleMap("ownership.toml", "specific", (Role("Data"), Role("ML")), rules, ignores)
    assert rolemap.all_rules == rules + ignores


def test_a_role_without_an_owners_key_equals_one_with_an_empty_list() -> None:
    assert Role("Data") == Role("Data", has_owners=True)


@pytest.mark.parametrize("owner", ["@alice", "@acme/data-eng", "@@alice", "lead@acme.io", "@a.b-c/d_e"])
def test_valid_owners(owner: str) -> None:
    assert valid_owner(owner)


@pytest.mark.parametrize("owner", ["alice", "@", "@-alice", "@acme/", "a@b", "lead@acme", "@al ice",
                                   "lead\x1b@acme.io", "@alice\n"])
def test_invalid_owners(owner: str) -> None:
    assert not valid_owner(owner)
