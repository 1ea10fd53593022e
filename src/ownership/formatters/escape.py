"""Making file names and patterns safe for each medium: terminal, Markdown, JSON."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\udc80-\udcff]")
_QUOTED = re.compile(r'[\x00-\x1f\x7f-\x9f\udc80-\udcff"\\]')
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape(match: "re.Match[str]") -> str:
    char = match.group(0)
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code - 0xDC00:02x}" if code >= 0xDC80 else f"\\x{code:02x}"


def for_terminal(name: str) -> str:
    """``name`` unchanged, or, when it holds control characters or bytes that are not UTF-8, quoted with
    those escaped (as git quotes such names), so a file name can never drive the terminal."""
    if not _CONTROL.search(name):
        return name
    return '"' + _QUOTED.sub(_escape, name) + '"'


def for_json(name: str) -> str:
    """``name`` for JSON: bytes that are not UTF-8 become ``\\xNN`` text; JSON escapes the rest."""
    return re.sub(r"[\udc80-\udcff]", lambda m: f"\\x{ord(m.group(0)) - 0xDC00:02x}", name)


def for_markdown(name: str) -> str:
    """``name`` as inline code that keeps a Markdown table a table."""
    safe = for_terminal(name).replace("|", "\\|")
    fence = "``" if "`" in safe else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{safe}{pad}{fence}"
