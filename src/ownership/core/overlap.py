"""Whether two patterns can match a common path: exact, decided on the patterns alone (no file list). Pure.

A pattern is a sequence of segment matchers in which ``**`` stands for any number of segments (a file
matched by ``docs/`` is ``docs`` then one or more segments; one matched by ``*.md`` is ``*.md`` then zero
or more). Two such sequences share a path when the product of their automata reaches the end of both,
stepping over a segment only where the two segment globs share a name; two segment globs share a name
when the product of their character automata does (``*`` any run, ``?`` one character). Both products
are small breadth-first searches, so the test is exact and cheap; ``Overlaps`` skips the pairs whose
leading literal segments differ, which is most of them in a real CODEOWNERS file.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

from ownership.core.patterns import DOUBLE_STAR, End, Pattern, SegmentGlob

STAR, ANY = object(), object()  # character level: '*' (any run) and '?' (one character)
Token = Union[str, object]  # a literal character, STAR or ANY
Seg = Tuple[Token, ...]  # one segment matcher as characters
Item = Union[Seg, object]  # a segment matcher, or DOUBLE_STAR (any number of segments)
_ANY_SEGMENT: Seg = (STAR,)


def _chars(segment: object) -> Seg:
    """A segment (a literal name or a ``SegmentGlob``) as character tokens; ``\\x`` is a literal ``x``."""
    if isinstance(segment, str):
        return tuple(segment)
    assert isinstance(segment, SegmentGlob)
    out: List[Token] = []
    text, i = segment.text, 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            out.append(text[i + 1])
            i += 2
            continue
        if char == "*":
            if not out or out[-1] is not STAR:
                out.append(STAR)
        else:
            out.append(ANY if char == "?" else char)
        i += 1
    return tuple(out)


def items(pattern: Pattern) -> Tuple[Item, ...]:
    """The path language of ``pattern`` as segment matchers and ``**``, its end folded in."""
    body: List[Item] = [DOUBLE_STAR if s is DOUBLE_STAR else _chars(s) for s in pattern.body]
    if pattern.end is End.PREFIX:
        body.append(DOUBLE_STAR)  # the file itself, or anything beneath the directory it names
    elif pattern.end is End.DESCENDANT:
        body += [_ANY_SEGMENT, DOUBLE_STAR]  # something beneath the directory
    return tuple(body)


def _intersect(a: Sequence[Any], b: Sequence[Any], star: object, step: Callable[[Any, Any], bool]) -> bool:
    """Whether two sequences (with ``star`` matching any run of units) accept a common sequence."""
    seen = {(0, 0)}
    todo = [(0, 0)]
    while todo:
        i, j = todo.pop()
        if i == len(a) and j == len(b):
            return True
        moves = []
        if i < len(a) and a[i] is star:
            moves.append((i + 1, j))
        if j < len(b) and b[j] is star:
            moves.append((i, j + 1))
        if i < len(a) and j < len(b) and step(a[i], b[j]):
            moves.append((i if a[i] is star else i + 1, j if b[j] is star else j + 1))
        for move in moves:
            if move not in seen:
                seen.add(move)
                todo.append(move)
    return False


def _char_step(x: object, y: object) -> bool:
    return x is STAR or x is ANY or y is STAR or y is ANY or x == y


class Overlaps:
    """Pairwise overlap of many patterns, with segment results cached and literal prefixes compared first."""

    def __init__(self, patterns: Sequence[Pattern]) -> None:
        self.items = [items(p) for p in patterns]
        self.prefixes = [_literal_prefix(i) for i in self.items]
        self._segments: Dict[Tuple[Seg, Seg], bool] = {}

    def __call__(self, i: int, j: int) -> bool:
        """Whether patterns ``i`` and ``j`` match at least one common path."""
        a, b = self.prefixes[i], self.prefixes[j]
        if any(x != y for x, y in zip(a, b)):
            return False
        return _intersect(self.items[i], self.items[j], DOUBLE_STAR, self._segment_step)

    def _segment_step(self, x: Any, y: Any) -> bool:
        if x is DOUBLE_STAR or y is DOUBLE_STAR:
            return True
        key: Tuple[Seg, Seg] = (x, y)
        found: Optional[bool] = self._segments.get(key)
        if found is None:
            found = self._segments[key] = _intersect(x, y, STAR, _char_step)
        return found

    def pairs(self, order: Sequence[int], want: Callable[[int, int], bool]) -> Dict[int, List[int]]:
        """For each position in ``order``, the earlier ones it overlaps, among the pairs ``want(i, j)`` accepts.

        Patterns sit in a trie of their literal prefixes: only an ancestor, a descendant or a pattern of
        the same node can overlap, so the others are never tested.
        """
        root: _Node = ([], {})
        earlier: Dict[int, List[int]] = {}
        for j in order:
            node, found = root, []
            for key in self.prefixes[j]:  # ancestors: their prefix is a prefix of j's
                found += node[0]
                node = node[1].setdefault(key, ([], {}))
            stack = [node]
            while stack:  # j's own node and every node below it
                current = stack.pop()
                found += current[0]
                stack.extend(current[1].values())
            node[0].append(j)
            earlier[j] = sorted(i for i in found if want(i, j) and self(i, j))
        return earlier


_Node = Tuple[List[int], Dict[Seg, Any]]


def _literal_prefix(sequence: Sequence[Item]) -> Tuple[Seg, ...]:
    """The leading segments that are plain names: two patterns that differ there share no path."""
    out: List[Seg] = []
    for item in sequence:
        if not isinstance(item, tuple) or any(t is STAR or t is ANY for t in item):  # DOUBLE_STAR is no tuple
            break
        out.append(item)
    return tuple(out)


def overlap(a: Pattern, b: Pattern) -> bool:
    """Whether patterns ``a`` and ``b`` match at least one common path."""
    return Overlaps([a, b])(0, 1)
