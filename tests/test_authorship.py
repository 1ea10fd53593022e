"""The DOA model and the greedy truck factor on hand-written cases (numbers worked out by hand from the
published weights), and who counts as a role's member."""

from __future__ import annotations

import pytest

from ownership.core.authorship import Ledger, TruckFactor, authors_by_doa, doa, truck_factor
from ownership.core.people import identity, is_member, member_matches, members_of
from ownership.core.rules import Role


@pytest.mark.parametrize("first, deliveries, acceptances, expected", [
    (True, 0, 0, 4.391),      # 3.293 + 1.098
    (True, 0, 3, 3.9460),     # 4.391 - 0.321 ln 4
    (False, 3, 0, 3.785),     # 3.293 + 3 * 0.164
    (True, 0, 10, 3.6213),    # 4.391 - 0.321 ln 11
    (False, 10, 0, 4.933),
    (True, 1, 1, 4.3325),     # 4.391 + 0.164 - 0.321 ln 2
    (False, 1, 1, 3.2345),
])
def test_doa_by_hand(first: bool, deliveries: int, acceptances: int, expected: float) -> None:
    assert round(doa(first, deliveries, acceptances), 4) == expected


def ledger(*commits: tuple[str, list[tuple[str, str, str]]]) -> Ledger:
    book = Ledger()
    for i, (who, changes) in enumerate(commits):
        book.commit(who, f"2026-01-{i + 1:02d}", changes)
    return book


def A(path: str) -> tuple[str, str, str]:
    return ("A", path, path)


def M(path: str) -> tuple[str, str, str]:
    return ("M", path, path)


def D(path: str) -> tuple[str, str, str]:
    return ("D", path, path)


def test_the_creator_who_others_changed_three_times_stays_an_author_beside_them() -> None:
    book = ledger(("a", [A("f")]), ("b", [M("f")]), ("b", [M("f")]), ("b", [M("f")]))
    assert {k: round(v, 4) for k, v in book.doa("f").items()} == {"a": 3.946, "b": 3.785}
    assert book.authorship(["f"]).authors == {"f": ("a", "b")}


def test_the_creator_drops_out_below_three_quarters_of_the_best() -> None:
    # a: 3.6213, b: 4.933; 3.6213 / 4.933 = 0.734 < 0.75
    book = ledger(("a", [A("f")]), *[("b", [M("f")])] * 10)
    assert book.authorship(["f"]).authors == {"f": ("b",)}


def test_a_small_contributor_without_the_first_add_is_not_an_author() -> None:
    # a: 4.3325; b: 3.2345 < 3.293 and no FA, although 3.2345 / 4.3325 = 0.747 ... < 0.75 as well
    book = ledger(("a", [A("f")]), ("a", [M("f")]), ("b", [M("f")]))
    assert book.authorship(["f"]).authors == {"f": ("a",)}


def test_a_readd_by_someone_else_gives_them_first_authorship_and_no_delivery() -> None:
    book = ledger(("a", [A("f")]), ("b", [D("f")]), ("c", [A("f")]), ("a", [A("f")]))
    assert {k: round(v, 4) for k, v in book.doa("f").items()} == {"a": 4.391, "c": 4.391}
    assert book.authorship(["f"]).authors == {"f": ("a", "c")}


def test_a_rename_carries_the_history_and_is_a_delivery() -> None:
    book = ledger(("a", [A("old")]), ("b", [("R", "old", "new")]), ("b", [M("new")]))
    # a: FA, AC 2 -> 4.391 - 0.321 ln 3 = 4.0383; b: DL 2 -> 3.621; 3.621 / 4.0383 = 0.897
    assert {k: round(v, 4) for k, v in book.doa("new").items()} == {"a": 4.0383, "b": 3.621}
    assert book.authorship(["new", "old"]).authors == {"new": ("a", "b"), "old": ()}


def test_the_last_commit_of_each_identity() -> None:
    book = ledger(("a", [A("f")]), ("b", [M("f")]), ("a", [M("f")]))
    assert book.authorship(["f"], since="2026-01-01").last_commit == {"a": "2026-01-03", "b": "2026-01-02"}


def test_authors_of_a_file_whose_every_doa_is_negative() -> None:
    assert authors_by_doa({"a": -0.5}, ["a"]) == ()


def test_truck_factor_removes_the_biggest_author_first_ties_by_identity() -> None:
    authors = {"1": ("x",), "2": ("x", "y"), "3": ("y",), "4": ("z",)}
    # x and y author 2 files each: x goes first (the smaller identity); 3 of 4 files keep an author;
    # then y: 1 of 4 (z's file) is under half, so the factor is 2.
    assert truck_factor(["1", "2", "3", "4"], authors) == TruckFactor(2, ("x", "y"))


def test_truck_factor_of_one_author_and_of_files_nobody_authors() -> None:
    assert truck_factor(["a", "b"], {"a": ("x",), "b": ("x",)}) == TruckFactor(1, ("x",))
    assert truck_factor(["a", "b", "c"], {"a": ("x",)}) == TruckFactor(0, ())
    assert truck_factor([], {}) == TruckFactor(0, ())


def test_truck_factor_stops_at_exactly_half() -> None:
    # After x leaves, 2 of 4 files keep an author: not fewer than half, so y goes too.
    authors = {"1": ("x",), "2": ("x",), "3": ("y",), "4": ("w",)}
    assert truck_factor(["1", "2", "3", "4"], authors) == TruckFactor(2, ("x", "w"))


def test_people() -> None:
    assert identity(" Alice@Example.COM ") == "alice@example.com"
    assert member_matches("Alice@Example.com", "alice@example.com")
    assert member_matches("@alice", "alice@users.noreply.github.com")
    assert member_matches("@Alice", "12345+alice@users.noreply.github.com")
    assert not member_matches("@alice", "alice@example.com")
    assert not member_matches("@alice", "malice@users.noreply.github.com")
    assert not member_matches("@org/team", "team@users.noreply.github.com")
    role = Role("web", owners=("@org/web", "Lead@Example.com"), members=("@bob", "lead@example.com"))
    assert members_of(role) == ("@bob", "lead@example.com")
    assert is_member(role, "1+bob@users.noreply.github.com")
    assert not is_member(Role("ops", owners=("@org/ops",)), "ops@example.com")
