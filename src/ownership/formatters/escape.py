"""Making file names and patterns safe for each medium: terminal, Markdown, JSON."""

from __future__ import annotations

import re

# Besides C0/C1 controls and undecodable bytes: the line and paragraph separators (a line break to some
# viewers) and the bidirectional controls, which make a name display as another (CVE-2021-42574).
_INVISIBLE = "\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\udc80-\\udcff{_INVISIBLE}]")
_QUOTED = re.compile(f'[\\x00-\\x1f\\x7f-\\x9f\\udc80-\\udcff{_INVISIBLE}"\\\\]')
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape(match: "re.Match[str]") -> str:
    char = match.group(0)
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}"


def for_terminal(name: str) -> str:
    """``name`` unchanged, or, when it holds control characters or bytes that are not UTF-8, quoted with
    those escaped (as git quotes such names), so a file name can never drive the terminal."""
    if not _CONTROL.search(name):
        return name
    return '"' + _QUOTED.sub(_escape, name) + '"'


def inline(text: str) -> str:
    """``text`` with control characters escaped but not quoted: for prose (a description) inside a table."""
    return _CONTROL.sub(_escape, text)


_JSON_RAW = re.compile(f"[\\x7f-\\x9f{_INVISIBLE}]")


def json_text(dumped: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` with the characters it leaves raw that a terminal
    or viewer could act on (DEL, C1 controls, line separators, bidirectional controls) written as ``\\uXXXX``:
    the same JSON value, safe to print. They can only occur inside strings, so replacing them is exact."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", dumped)


def for_json(name: str) -> str:
    """``name`` for JSON: bytes that are not UTF-8 become ``\\xNN`` text; JSON escapes the rest."""
    return re.sub(r"[\udc80-\udcff]", lambda m: f"\\x{ord(m.group(0)) - 0xDC00:02x}", name)


def for_markdown(name: str) -> str:
    """``name`` as inline code that keeps a Markdown table a table."""
    safe = for_terminal(name).replace("|", "\\|")
    fence = "``" if "`" in safe else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{safe}{pad}{fence}"
