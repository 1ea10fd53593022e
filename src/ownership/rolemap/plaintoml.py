"""A reader for the plain TOML role maps are written in: tables, and keys holding a string or an array of
strings. Pure; no I/O.

``tomllib`` is written in Python: it took 42 ms to read a role map of 5,000 patterns, more than the rest of a
hook's check of a few files (issue 14). This reads the same documents in a few milliseconds, into the same
dictionaries, and returns None for any text outside that subset (escapes, multi-line strings, numbers,
booleans, inline tables, dotted keys, arrays of tables, a table or key defined twice, anything malformed),
which ``tomllib`` then reads, and reports with its own message and position when it is wrong.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Set, Tuple

from ownership.rolemap.tomlpos import MAX_KEY_PARTS

# TOML's basic strings without escapes, and literal strings: any character but the quote and the controls
# other than tab (and, in basic strings, the backslash that would start an escape).
_STRING = r"""(?:"[^"\\\x00-\x08\x0a-\x1f\x7f]*"|'[^'\x00-\x08\x0a-\x1f\x7f]*')"""
_KEY = rf"(?:[A-Za-z0-9_-]+|{_STRING})"
_END = r"[ \t]*(?:#[^\n]*)?(?:\n|\Z)"  # the rest of a line: blanks, perhaps a comment
_GAP = r"(?:[ \t\n]|#[^\n]*)*"  # between the items of an array: blanks, line ends, comments

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # never valid outside a string, never inside one of ours
_SKIP = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n)*")
_HEADER = re.compile(rf"[ \t]*\[(?!\[)[ \t]*({_KEY}(?:[ \t]*\.[ \t]*{_KEY})*)[ \t]*\]{_END}")
_KEYS = re.compile(_KEY)
_ASSIGN = re.compile(rf"[ \t]*({_KEY})[ \t]*=[ \t]*")
_SCALAR = re.compile(rf"({_STRING}){_END}")
_FLAT_ARRAY = re.compile(rf"\[[ \t]*((?:{_STRING}[ \t]*,[ \t]*)*(?:{_STRING}[ \t]*)?)\]{_END}")
_STRINGS = re.compile(_STRING)
# One match per table header or key = string / one-line array, blank and comment lines before it included.
# A role's header, ``[roles."NAME"]`` (a bare key, a dot, a basic string), has its own groups: the parts come
# without splitting and unquoting them, which cost as much as the match for a role map of 3,700 roles.
_TWO_KEYS = r'([A-Za-z0-9_-]+)[ \t]*\.[ \t]*"([^"\\\x00-\x08\x0a-\x1f\x7f]*)"'
_STATEMENT = (
    rf"(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*(?:\[(?!\[)[ \t]*(?:{_TWO_KEYS}|({_KEY}(?:[ \t]*\.[ \t]*{_KEY})*))[ \t]*\]"
    rf"|({_KEY})[ \t]*=[ \t]*(?:({_STRING})|\[[ \t]*((?:{_STRING}[ \t]*,[ \t]*)*(?:{_STRING}[ \t]*)?)\])){_END}")
# The same, or else the rest of a line (the last group): a document of statements alone is read in one
# ``findall`` (issue 14). One pattern for both, as compiling it costs 0.5 ms at import.
_STATEMENTS = re.compile(_STATEMENT + r"|([^\n]*\n?)")
_BLANKS = re.compile(r"(?:[ \t]*(?:#[^\n]*)?(?:\n|\Z))*")
_ITEM = re.compile(rf"{_GAP}(?:({_STRING})|(\]))")
_NEXT = re.compile(rf"{_GAP}([,\]])")
_AFTER = re.compile(_END)


def loads_plain(text: str) -> Optional[Dict[str, Any]]:
    """``tomllib.loads(text)`` for a document of tables, strings and arrays of strings; None for any other."""
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None  # a lone CR: tomllib's error
        text = text.replace("\r\n", "\n")  # no string of ours can hold a line end
    if _CONTROL.search(text):
        return None
    read = _statements(text)
    if read is not _MIXED:
        return read
    root: Dict[str, Any] = {}
    table = root
    defined: Set[Tuple[str, ...]] = set()
    i, n = 0, len(text)
    statement = _STATEMENTS.match
    while True:
        found = statement(text, i)
        if found is not None and found.group(7) is not None:
            found = None  # not a statement: the rest of a line
        if found is not None:
            parent, child, names, key, scalar, flat, _ = found.groups()
            if parent is not None or names is not None:
                keys = [parent, child] if parent is not None else [_unquote(k) for k in _KEYS.findall(names)]
                opened = _open(root, keys, defined)
                if opened is None:
                    return None
                table = opened
            else:
                key = _unquote(key)
                if key in table:
                    return None
                # an item is always quoted, and holds no escape: its text is between the quotes
                table[key] = _unquote(scalar) if scalar is not None else [
                    item[1:-1] for item in _STRINGS.findall(flat)]
            i = found.end()
            continue
        skipped = _SKIP.match(text, i)
        assert skipped is not None  # a star of optional parts always matches
        i = skipped.end()
        if i >= n or _AFTER.fullmatch(text, i):
            return root
        header = _HEADER.match(text, i)
        if header is not None:
            keys = [_unquote(key) for key in _KEYS.findall(header.group(1))]
            opened = _open(root, keys, defined)
            if opened is None:
                return None
            table, i = opened, header.end()
            continue
        assign = _ASSIGN.match(text, i)
        if assign is None:
            return None
        key = _unquote(assign.group(1))
        if key in table:
            return None
        i = assign.end()
        scalar = _SCALAR.match(text, i)
        flat = _FLAT_ARRAY.match(text, i) if scalar is None else None
        if scalar is not None:
            table[key], i = _unquote(scalar.group(1)), scalar.end()
        elif flat is not None:
            table[key], i = [_unquote(item) for item in _STRINGS.findall(flat.group(1))], flat.end()
        elif text.startswith("[", i):
            items, i = _array(text, i + 1)
            if items is None:
                return None
            table[key] = items
        else:
            return None


_MIXED: Dict[str, Any] = {}  # what _statements returns for a text it leaves to the loop of ``loads_plain``


def _statements(text: str) -> Optional[Dict[str, Any]]:
    """``loads_plain`` for a text of one-line statements (and blank and comment lines) alone, read in one
    ``findall`` with no call per statement; ``_MIXED`` when other lines are there (a multi-line array...)."""
    root: Dict[str, Any] = {}
    table = root
    defined: Set[Tuple[str, ...]] = set()
    for parent, child, names, key, scalar, flat, other in _STATEMENTS.findall(text):
        if parent or names:
            opened = _open(root, [parent, child] if parent else [_unquote(k) for k in _KEYS.findall(names)], defined)
            if opened is None:
                return None
            table = opened
        elif key:
            key = _unquote(key)
            if key in table:
                return None
            table[key] = _unquote(scalar) if scalar else [item[1:-1] for item in _STRINGS.findall(flat)]
        elif other and not _BLANKS.fullmatch(other):
            return _MIXED
    return root


def _unquote(token: str) -> str:
    return token[1:-1] if token[:1] in ("'", '"') else token


def _open(root: Dict[str, Any], keys: List[str], defined: Set[Tuple[str, ...]]) -> Optional[Dict[str, Any]]:
    """The table a ``[a.b.c]`` header opens (made on the way), or None where TOML forbids it."""
    path = tuple(keys)
    if path in defined or len(keys) > MAX_KEY_PARTS:
        return None
    defined.add(path)
    table = root
    for key in keys:
        found = table.setdefault(key, {})
        if not isinstance(found, dict):
            return None  # a string or an array already has the name
        table = found
    return table


def _array(text: str, i: int) -> Tuple[Optional[List[str]], int]:
    """The strings of an array whose ``[`` ends before ``i``, over several lines, and where its line ends."""
    items: List[str] = []
    while True:
        item = _ITEM.match(text, i)
        if item is None:
            return None, i
        i = item.end()
        if item.group(2) is not None:  # "]": empty, or after a trailing comma
            break
        items.append(_unquote(item.group(1)))
        after = _NEXT.match(text, i)
        if after is None:
            return None, i
        i = after.end()
        if after.group(1) == "]":
            break
    end = _AFTER.match(text, i)
    return (items, end.end()) if end is not None else (None, i)
