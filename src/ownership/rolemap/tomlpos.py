"""Locate keys and values in TOML source text (tomllib reports no positions)."""

from __future__ import annotations

import re
from bisect import bisect_right

from ownership.rolemap.keys import MAX_KEY_PARTS, VALUE

__all__ = ["MAX_KEY_PARTS", "MAX_PATH", "VALUE", "locate", "long_key"]

Position = tuple[int, int]
"""(line, column), both 1-based; columns count code points."""

Path = tuple[object, ...]

_WS = re.compile(r"[ \t]*")
_WS_NL = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_KEY = re.compile(r"""[\w-]+|"((?:[^"\\\n]|\\.)*)"?|'([^'\n]*)'?""")
_VALUES = (
    re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""(?:""|")?)?', re.S),
    re.compile(r"'''(?:[^']|'(?!''))*(?:'''(?:''|')?)?"),
    re.compile(r'"(?:[^"\\\n]|\\.)*"?'),
    re.compile(r"'[^'\n]*'?"),
    # Bare scalars: numbers, booleans, dates; "1979-05-27 07:32:00" has a space.
    re.compile(r"\d{4}-\d\d-\d\d \d\d:[^\s,\[\]{}#]*|[^\s,\[\]{}#]+"),
)
# One token at a time, as a TOML lexer meets them: multi-line strings and comments (so that the dots in them
# are not counted), and dotted keys (a bare or quoted part, then "." and another part, ...), which also match
# plain strings and scalars. Every alternative matches from where it starts (an unclosed string runs to its
# line's end) and the parts of a key are counted only when it has enough dots, so the scan is linear.
_PART = r"""[\w-]+|"(?:[^"\\\n]|\\[^\n])*"?|'[^'\n]*'?"""
_PARTS = re.compile(_PART)
_TOKENS = re.compile(
    rf"""(?P<skip>{_VALUES[0].pattern}|{_VALUES[1].pattern}|#[^\n]*)|(?:{_PART})(?:[ \t]*\.[ \t]*(?:{_PART}))*""",
    re.S,
)
MAX_PATH = 64
"""The longest path the locator records (header, key and inline-table parts and array levels together):
deeper keys are skipped, so that the locator stays linear whatever the nesting (issue 10)."""

_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|.)", re.S)
_SIMPLE_ESCAPES = {
    "b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b", '"': '"', "\\": "\\",
}


def _unescape(raw: str) -> str:
    """Decode the escapes of a basic-string body; unknown escapes stay as written."""

    def repl(m: re.Match[str]) -> str:
        code = m.group(1)
        if len(code) > 1:
            point = int(code[1:], 16)
            return chr(point) if point <= 0x10FFFF else m.group(0)
        return _SIMPLE_ESCAPES.get(code, m.group(0))

    return _ESCAPE.sub(repl, raw)


class _Locator:
    """Single forward pass over the text, recording first positions of paths."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.found: dict[Path, Position] = {}
        self.tables: dict[Path, int] = {}  # array-of-tables path -> occurrences so far
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def put(self, path: Path, index: int) -> None:
        """Record ``path`` at text offset ``index`` unless it is already known."""
        if path not in self.found:
            line = bisect_right(self.starts, index)
            self.found[path] = (line, index - self.starts[line - 1] + 1)

    def at(self, token: str) -> bool:
        return self.text.startswith(token, self.i)

    def skip(self, pattern: re.Pattern[str] = _WS_NL) -> None:
        match = pattern.match(self.text, self.i)
        if match:
            self.i = match.end()

    def run(self) -> None:
        """Parse top-level lines: table headers and key/value pairs."""
        prefix: Path | None = ()
        while self.i < len(self.text):
            self.skip()
            if self.i >= len(self.text):
                break
            if self.at("["):
                prefix = self.header()
            else:
                self.keyval(prefix)
            # The rest of the line is blank or a comment (or garbage): drop it.
            newline = self.text.find("\n", self.i)
            self.i = len(self.text) if newline < 0 else newline + 1

    def header(self) -> Path | None:
        """Parse ``[a.b]`` or ``[[a.b]]``; return the path that keys go under (None: too deep to record)."""
        bracket = self.i
        is_array = self.at("[[")
        self.i += 2 if is_array else 1
        names = self.key()
        if len(names) > MAX_PATH:  # each part's path would copy all the parts before it: quadratic
            return None
        path: Path = ()
        for n, (name, index) in enumerate(names):
            path += (name,)
            if n == len(names) - 1:
                break
            self.put(path, index)
            if path in self.tables:  # [[a]] then [a.b]: b lives in the last a
                path += (self.tables[path] - 1,)
        if not names:
            return path
        self.put(path, bracket)
        if is_array:
            count = self.tables.get(path, 0)
            self.tables[path] = count + 1
            path += (count,)
            self.put(path, bracket)
        return path

    def key(self) -> list[tuple[str, int]]:
        """Parse a (dotted) key into ``(name, offset)`` parts; empty if none."""
        parts: list[tuple[str, int]] = []
        while True:
            self.skip(_WS)
            match = _KEY.match(self.text, self.i)
            if not match:
                return parts
            basic, literal = match.group(1), match.group(2)
            name = _unescape(basic) if basic is not None else literal
            parts.append((match.group(0) if name is None else name, self.i))
            self.i = match.end()
            self.skip(_WS)
            if not self.at("."):
                return parts
            self.i += 1

    def keyval(self, prefix: Path | None) -> None:
        """Parse ``key = value`` and record the key parts and the value (nothing under a None prefix)."""
        parts = self.key()
        if not parts:
            return
        path = prefix
        if path is not None and len(path) + len(parts) > MAX_PATH:
            path = None
        if path is not None:
            for name, index in parts:
                path += (name,)
                self.put(path, index)
        self.skip(_WS)
        if not self.at("="):
            return
        self.i += 1
        self.skip(_WS)
        start = self.value(path)
        if start is not None and path is not None:
            self.put(path + (VALUE,), start)

    def value(self, path: Path | None) -> int | None:
        """Parse one value, recording its children under ``path``; return its start."""
        start = self.i
        if self.at("["):
            self.array(path)
        elif self.at("{"):
            self.inline_table(path)
        else:
            for pattern in _VALUES:
                match = pattern.match(self.text, start)
                if match and match.end() > start:
                    self.i = match.end()
                    break
            else:
                return None
        return start

    def array(self, path: Path | None) -> None:
        """Parse ``[v, ...]``; element n is recorded at ``path + (n,)``."""
        self.i += 1
        index = 0
        while True:
            self.skip()
            if self.at("]"):
                self.i += 1
                return
            item = path + (index,) if path is not None and len(path) < MAX_PATH else None
            start = self.value(item)
            if start is None:
                return
            if item is not None:
                self.put(item, start)
            index += 1
            self.skip()
            if not self.at(","):
                self.i += 1 if self.at("]") else 0
                return
            self.i += 1

    def inline_table(self, path: Path | None) -> None:
        """Parse ``{k = v, ...}`` with keys nested under ``path``."""
        self.i += 1
        while True:
            self.skip()
            if self.at("}"):
                self.i += 1
                return
            before = self.i
            self.keyval(path)
            self.skip()
            if self.i == before or not self.at(","):
                self.i += 1 if self.at("}") else 0
                return
            self.i += 1


def long_key(text: str) -> Position | None:
    """Where the first key or table header of more than ``MAX_KEY_PARTS`` parts starts, if ``text`` has one.

    Linear in the text: run it before the TOML parser, which is not. Strings and comments are skipped as a
    TOML lexer skips them; on malformed input the parser may have an error of its own to give instead.
    """
    for match in _TOKENS.finditer(text):
        if match.group("skip") is None and match.group().count(".") >= MAX_KEY_PARTS:
            if sum(1 for _ in _PARTS.finditer(match.group())) > MAX_KEY_PARTS:
                start = match.start()
                return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1
    return None


def locate(text: str) -> dict[Path, Position]:
    """Map key paths (and ``path + ("#value",)`` / array indexes) to positions.

    Never raises: on malformed input, returns whatever was found before the
    parser gave up.
    """
    if not isinstance(text, str):
        return {}
    locator = _Locator(text[1:] if text.startswith("\ufeff") else text)
    try:
        locator.run()
    except Exception:  # pragma: no cover - defensive; e.g. RecursionError
        pass
    return locator.found
