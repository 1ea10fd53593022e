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
from typing import Any, Dict, Optional, Set, Tuple

from ownership.rolemap.keys import MAX_KEY_PARTS

# TOML's basic strings without escapes, and literal strings: any character but the quote and the controls
# other than tab (and, in basic strings, the backslash that would start an escape).
_STRING = r"""(?:"[^"\\\x00-\x08\x0a-\x1f\x7f]*"|'[^'\x00-\x08\x0a-\x1f\x7f]*')"""
_KEY = rf"(?:[A-Za-z0-9_-]+|{_STRING})"
_END = r"[ \t]*(?:#[^\n]*)?(?:\n|\Z)"  # the rest of a line: blanks, perhaps a comment
# Between the items of an array: blanks, line ends, comments (each to its line's end, so that a comment holding
# a "#" is read one way only).
_GAP = r"(?:[ \t\n]|#[^\n]*(?=\n))*"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # never valid outside a string, never inside one of ours
_KEYS = re.compile(_KEY)
_STRINGS = re.compile(_STRING)
_ITEMS = re.compile(rf"#[^\n]*|({_STRING})")  # an array's strings, its comments matched (as "") to skip them
# One match per table header or key = string / array of strings (over several lines, with comments), blank and
# comment lines before it included. A role's header, ``[roles."NAME"]`` (a bare key, a dot, a basic string),
# has its own groups: the parts come without splitting and unquoting them, which cost as much as the match for
# a role map of 3,700 roles.
_TWO_KEYS = r'([A-Za-z0-9_-]+)[ \t]*\.[ \t]*"([^"\\\x00-\x08\x0a-\x1f\x7f]*)"'
_STATEMENT = (
    rf"(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*(?:\[(?!\[)[ \t]*(?:{_TWO_KEYS}|({_KEY}(?:[ \t]*\.[ \t]*{_KEY})*))[ \t]*\]"
    rf"|({_KEY})[ \t]*=[ \t]*(?:({_STRING})|\[({_GAP}(?:{_STRING}{_GAP},{_GAP})*(?:{_STRING}{_GAP})?)\])){_END}")
# The same, or else the rest of a line (the last group): a document is read in one ``findall`` (issue 14).
_STATEMENTS = re.compile(_STATEMENT + r"|([^\n]*\n?)")
_BLANKS = re.compile(r"(?:[ \t]*(?:#[^\n]*)?(?:\n|\Z))*")
_QUOTES = "\"'"


def loads_plain(text: str) -> Optional[Dict[str, Any]]:
    """``tomllib.loads(text)`` for a document of tables, strings and arrays of strings; None for any other.

    The whole text is read by one ``findall`` of ``_STATEMENTS``, with no call per statement: a line that is
    not part of a statement, a blank or a comment is outside the subset, and tomllib reads the document."""
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None  # a lone CR: tomllib's error
        text = text.replace("\r\n", "\n")  # no string of ours can hold a line end
    if _CONTROL.search(text):
        return None
    root: Dict[str, Any] = {}
    table = root
    defined: Set[Tuple[str, ...]] = set()
    for parent, child, names, key, scalar, array, other in _STATEMENTS.findall(text):
        if key:  # key = value: most statements, tested first
            if key[0] in _QUOTES:  # (``_unquote``, written out: this runs once per statement)
                key = key[1:-1]
            if key in table:
                return None
            if scalar:
                table[key] = scalar[1:-1]  # quoted, without escapes: its text is between the quotes
            elif "#" in array:  # a comment inside: only the strings
                table[key] = [item[1:-1] for item in _ITEMS.findall(array) if item]
            elif "'" not in array:  # basic strings alone, which hold no '"': the text between every two quotes
                table[key] = array.split('"')[1::2]
            else:
                table[key] = [item[1:-1] for item in _STRINGS.findall(array)]
        elif parent:  # [roles."NAME"]: most headers of a large map, opened without ``_open``'s loop
            keys = (parent, child)
            if keys in defined:
                return None
            defined.add(keys)
            outer = root.setdefault(parent, {})
            opened = outer.setdefault(child, {}) if isinstance(outer, dict) else None
            if not isinstance(opened, dict):
                return None
            table = opened
        elif names:
            opened = _open(root, tuple(map(_unquote, _KEYS.findall(names))), defined)
            if opened is None:
                return None
            table = opened
        elif other and not _BLANKS.fullmatch(other):
            return None
    return root


def _unquote(token: str) -> str:
    return token[1:-1] if token[:1] in ("'", '"') else token


def _open(root: Dict[str, Any], keys: Tuple[str, ...], defined: Set[Tuple[str, ...]]) -> Optional[Dict[str, Any]]:
    """The table a ``[a.b.c]`` header opens (made on the way), or None where TOML forbids it."""
    if keys in defined or len(keys) > MAX_KEY_PARTS:
        return None
    defined.add(keys)
    table = root
    for key in keys:
        found = table.setdefault(key, {})
        if not isinstance(found, dict):
            return None  # a string or an array already has the name
        table = found
    return table
