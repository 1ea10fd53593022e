"""Making file names and patterns safe for each medium: terminal (and a CI log), Markdown, JSON.

``for_terminal`` is the one escaping function for everything printed as text; ``inline`` is the same for
prose that is not quoted. Both also keep a GitHub Actions runner from reading a name as a workflow
command: the runner takes a line as a command when, after leading white space, it starts with ``::``, or
when it holds the legacy ``##[`` anywhere (actions/runner ActionCommand.TryParseV2 and TryParse).
"""

from __future__ import annotations

import re
from typing import Optional

# Besides C0/C1 controls and undecodable bytes: the line and paragraph separators (a line break to some
# viewers), the bidirectional controls, which make a name display as another (CVE-2021-42574), and every
# other character Unicode says to draw as nothing (Default_Ignorable_Code_Point: soft hyphen, Arabic letter
# mark U+061C, zero-width space and joiners, word joiner, BOM, variation selectors, tags), which would make
# ``README\u200b.md`` look like ``README.md``.
_INVISIBLE = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f"
              "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
              "\U000e0000-\U000e0fff")
_CONTROLS = f"\\x00-\\x1f\\x7f-\\x9f\\ud800-\\udfff{_INVISIBLE}"


class _OnFirstUse:
    """A regular expression compiled when first used: a class of thousands of code points takes about a
    millisecond to compile, more than a hook's check of a few ASCII names ever needs of it (issue 14)."""

    __slots__ = ("source", "_regex")

    def __init__(self, source: str) -> None:
        self.source = source
        self._regex: "Optional[re.Pattern[str]]" = None

    @property
    def regex(self) -> "re.Pattern[str]":
        if self._regex is None:
            self._regex = re.compile(self.source)
        return self._regex


_CONTROL = _OnFirstUse(f"[{_CONTROLS}]")
_QUOTED = _OnFirstUse(f'[{_CONTROLS}"\\\\]|(?<=##)\\[')
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape(match: "re.Match[str]") -> str:
    char = match.group(0)
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if code > 0xFFFF:
        return f"\\U{code:08x}"
    return f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}"


_ASCII_CONTROL = re.compile("[\\x00-\\x1f\\x7f]")


def _unsafe(text: str) -> bool:
    """Whether ``text`` needs escaping. The common all-ASCII name is tested against the ASCII controls only,
    and the command shapes with substring tests: a regular expression for them tripled the time."""
    control = _ASCII_CONTROL if text.isascii() else _CONTROL.regex
    return (control.search(text) is not None or "##[" in text
            or ("::" in text and text.lstrip().startswith("::")))


def for_terminal(name: str) -> str:
    """``name`` unchanged, or, when it holds control, invisible or bidirectional characters, bytes that are
    not UTF-8, or something a CI runner would read as a workflow command, quoted with those escaped (as
    git quotes such names, ``[`` after ``##`` as ``\\x5b``), so a file name can never drive the terminal,
    hide as another name, or run a command in a CI log."""
    # _unsafe(name), written out: this runs once per file name of a report.
    if ((_ASCII_CONTROL if name.isascii() else _CONTROL.regex).search(name) is None and "##[" not in name
            and ("::" not in name or not name.lstrip().startswith("::"))):
        return name
    return '"' + _QUOTED.regex.sub(_escape, name) + '"'


_LEADING_COLONS = re.compile(r"^(\s*):")
_INLINE_ONLY = _OnFirstUse(f"[{_CONTROLS}]|(?<=##)\\[")


def controls(text: str) -> str:
    """``text`` with control, invisible and bidirectional characters, non-UTF-8 bytes and ``[`` after ``##``
    escaped, nothing else: for text that never starts a line (a workflow command's message or property)."""
    return _INLINE_ONLY.regex.sub(_escape, text)


def inline(text: str) -> str:
    """``text`` with the characters ``for_terminal`` escapes escaped but not quoted, for prose (a message, a
    description, a line of a file): a leading ``::`` is written ``\\x3a:``."""
    if not _unsafe(text):
        return text
    text = _INLINE_ONLY.regex.sub(_escape, text)
    return _LEADING_COLONS.sub(lambda m: m.group(1) + "\\x3a", text) if text.lstrip().startswith("::") else text


_JSON_RAW = _OnFirstUse(f"[\\x7f-\\x9f\\udc80-\\udcff{_INVISIBLE}]")
_JSON_BYTES = re.compile("[\\udc80-\\udcff]")


def json_text(dumped: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` with the characters it leaves raw that a terminal
    or viewer could act on (DEL, C1 controls, invisible and bidirectional characters, and ``[`` after ``##``,
    which a CI runner reads as a command) written as ``\\uXXXX``: the same JSON value, safe to print. A byte
    that is not UTF-8 (held as a lone surrogate) becomes ``\\xNN`` text, as ``for_json`` writes it. They can
    only occur inside strings, so replacing them is exact."""
    if "##[" in dumped:
        dumped = dumped.replace("##[", "##\\u005b")
    if dumped.isascii():  # the common case, one fast pass: only DEL can be left
        return dumped.replace("\x7f", "\\u007f") if "\x7f" in dumped else dumped
    return _JSON_RAW.regex.sub(_json_escape, dumped)


def _json_escape(match: "re.Match[str]") -> str:
    code = ord(match.group(0))
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8: "\\xNN" text, as for_json writes it
        return f"\\\\x{code - 0xDC00:02x}"
    if code > 0xFFFF:  # a UTF-16 surrogate pair, as JSON writes characters past the BMP
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def for_json(name: str) -> str:
    """``name`` for JSON: bytes that are not UTF-8 become ``\\xNN`` text; JSON escapes the rest."""
    return _JSON_BYTES.sub(lambda m: f"\\x{ord(m.group(0)) - 0xDC00:02x}", name)


def for_markdown(name: str) -> str:
    """``name`` as inline code that keeps a Markdown table a table: the code span is delimited by one backtick
    more than the longest run of backticks in the name (GitHub-flavoured Markdown ends a span only at a run
    of the same length), padded with a space when the name starts or ends with a backtick or a space."""
    safe = for_terminal(name)
    if "|" in safe:
        safe = safe.replace("|", "\\|")
    if "`" not in safe:
        return f"` {safe} `" if safe.startswith(" ") or safe.endswith(" ") else f"`{safe}`"
    fence = "`" * (max(len(run) for run in re.findall("`+", safe)) + 1)
    pad = " " if safe[0] in "` " or safe[-1] in "` " else ""
    return f"{fence}{pad}{safe}{pad}{fence}"


_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKDOWN_TEXT = re.compile(r"[&<>\\`\[\]|]")


def markdown_text(text: str) -> str:
    """``text`` as literal GitHub-flavoured Markdown prose (a role name, a description, a table cell): control
    and invisible characters escaped as for the terminal, HTML-significant characters as entities, and every
    character that could start a code span, a link or an image, or end a table cell, backslash-escaped."""
    text = inline(text)
    if not _MARKDOWN_TEXT.search(text):
        return text
    return _MARKDOWN_TEXT.sub(lambda m: _HTML.get(m.group(0), "\\" + m.group(0)), text)
