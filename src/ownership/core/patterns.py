"""One path pattern: GitHub CODEOWNERS glob -> segment matcher, linear in the path, no regex backtracking.

Syntax and the meaning of one pattern follow GitHub CODEOWNERS, which is gitignore's syntax with fewer
features; pathspec's ``gitignore`` patterns are the reference the tests compare against. The points where
CODEOWNERS differs from gitignore are written down in ``DIFFERENCES_FROM_GITIGNORE`` and each has a test.

A pattern is normalised the way pathspec normalises it: a pattern without a slash (other than a trailing
one) matches at any depth (``**/`` is put in front), a trailing slash means "everything beneath" (``/**``),
and ``**/**`` collapses. Matching then works on path *segments*: a ``**`` segment matches zero or more
segments, and inside a segment ``*`` matches any run of characters and ``?`` exactly one. Both levels use
greedy leftmost matching of the fixed pieces between stars, which is exact for globs without alternation
and costs O(len(path) x len(pattern)) whatever the pattern: no backtracking regex is ever run on a path.
"""

from __future__ import annotations

import re
from enum import Enum
from operator import itemgetter
from typing import Callable, Optional, Sequence, Tuple, Union

from ownership.errors import PatternError

DIFFERENCES_FROM_GITIGNORE = (
    "'!' negation is not supported: CODEOWNERS has no way to re-include a path (an error here)",
    "'[ ]' is not a character range: GitHub does not support ranges, so brackets match themselves",
    "'\\#' cannot escape a leading '#': a line starting with '#' is a comment (an error here)",
    "matching is always case-sensitive, whatever core.ignorecase says",
    "a pattern that names a directory owns everything beneath it; nothing re-includes a file below it",
    "ownership is decided per file: gitignore stops at an excluded directory, CODEOWNERS looks at every file",
)



class _DoubleStar:
    """The ``**`` segment (a sentinel, so that an escaped literal ``\\*\\*`` stays a name)."""

    def __repr__(self) -> str:
        return "**"


DOUBLE_STAR = _DoubleStar()
_SPECIAL = re.compile(r"[*?\\]")
_SPECIAL_OR_CLASS = re.compile(r"[*?\\[]")
Bracket = Callable[[str, int, str], Tuple[str, int]]  # (segment, index after "[", glob) -> (regex, index after "]")


class End(Enum):
    """How the last pattern segment relates to the path."""

    PREFIX = "prefix"  # pattern matches the file or any directory above it: "docs", "*.md"
    EXACT = "exact"  # pattern must match the whole path: a last segment of exactly "*" ("docs/*")
    DESCENDANT = "descendant"  # trailing "/" or "/**": only what lies beneath the matched directory


class SegmentGlob:
    """A glob for one path segment: ``*`` (any run), ``?`` (one character), everything else literal."""

    __slots__ = ("text", "chunks", "min_length", "is_suffix", "is_prefix")

    def __init__(self, text: str, chunks: Sequence[Chunk]) -> None:
        self.text = text
        # The pieces between stars: plain strings, or fixed-length regexes where they hold "?".
        self.chunks = tuple(chunks)
        self.min_length = sum(_chunk_len(c) for c in self.chunks)
        plain = all(isinstance(c, str) for c in self.chunks)
        # "*.py" and "Dockerfile*" are so common that the index keys them by suffix and prefix.
        self.is_suffix = plain and len(self.chunks) == 2 and self.chunks[0] == ""
        self.is_prefix = plain and len(self.chunks) == 2 and self.chunks[1] == ""

    def __repr__(self) -> str:
        return f"SegmentGlob({self.text!r})"

    def match(self, name: str) -> bool:
        """Whether the whole of ``name`` matches."""
        chunks = self.chunks
        if len(name) < self.min_length:
            return False
        if len(chunks) == 1:
            return _chunk_at(chunks[0], name, 0) and len(name) == self.min_length
        first, last = chunks[0], chunks[-1]
        pos, end = _chunk_len(first), len(name) - _chunk_len(last)
        if not _chunk_at(first, name, 0) or not _chunk_at(last, name, end):
            return False
        for chunk in chunks[1:-1]:
            found = _chunk_find(chunk, name, pos, end)
            if found < 0:
                return False
            pos = found + _chunk_len(chunk)
        return True


Segment = Union[str, SegmentGlob, _DoubleStar]


class CharClass:
    """One character out of a set: a bracket expression (GitLab's fnmatch), as a regex class."""

    __slots__ = ("regex",)

    def __init__(self, regex: str) -> None:
        self.regex = regex


Atom = Union[str, None, CharClass]  # a literal character, ``?`` (None), or a character class


class _Fixed:
    """A piece between stars that holds ``?`` or a class: a fixed-length regex (no repetition, so no
    backtracking)."""

    __slots__ = ("regex", "length")

    def __init__(self, atoms: Sequence[Atom]) -> None:
        parts = ("." if a is None else a.regex if isinstance(a, CharClass) else re.escape(a) for a in atoms)
        self.regex = re.compile("".join(parts), re.DOTALL)
        self.length = len(atoms)


Chunk = Union[str, _Fixed]


def _chunk_len(chunk: Chunk) -> int:
    return len(chunk) if isinstance(chunk, str) else chunk.length


def _chunk_at(chunk: Chunk, name: str, pos: int) -> bool:
    if isinstance(chunk, str):
        return name.startswith(chunk, pos)
    return chunk.regex.match(name, pos, pos + chunk.length) is not None and pos + chunk.length <= len(name)


def _chunk_find(chunk: Chunk, name: str, start: int, end: int) -> int:
    if isinstance(chunk, str):
        return name.find(chunk, start, end)
    found = chunk.regex.search(name, start, end)
    return found.start() if found else -1


def compile_chunk(atoms: Sequence[Atom]) -> Chunk:
    """Literal characters, ``None`` for ``?`` and classes -> a string, or a fixed-length regex."""
    if any(not isinstance(a, str) for a in atoms):
        return _Fixed(atoms)
    return "".join(a for a in atoms if isinstance(a, str))


def parse_segment(text: str, glob: str, bracket: Optional[Bracket] = None) -> Segment:
    """One segment of a pattern -> a literal name or a ``SegmentGlob``. ``\\x`` stands for ``x``.

    ``bracket`` reads a ``[...]`` class (GitLab's fnmatch has them; GitHub does not, so there ``[`` is a
    character and a trailing ``\\`` an error, where fnmatch reads it as itself)."""
    if not (_SPECIAL_OR_CLASS if bracket else _SPECIAL).search(text):  # most segments are plain names
        return text
    chunks: list[Chunk] = []
    atoms: list[Atom] = []
    wild = False
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            atoms.append(text[i + 1])
            i += 2
            continue
        if char == "\\" and bracket is None:
            raise PatternError(f"pattern {glob!r} ends with an unfinished escape '\\'")
        if char == "*":
            wild = True
            chunks.append(compile_chunk(atoms))
            atoms = []
            while i + 1 < len(text) and text[i + 1] == "*":  # "a**b" is "a*b" inside a segment
                i += 1
        elif char == "?":
            wild = True
            atoms.append(None)
        elif char == "[" and bracket is not None:
            wild = True
            regex, i = bracket(text, i + 1, glob)
            atoms.append(CharClass(regex))
            continue
        else:
            atoms.append(char)
        i += 1
    chunks.append(compile_chunk(atoms))
    if not wild:
        return "".join(a for a in atoms if isinstance(a, str))
    return SegmentGlob(text, chunks)


def segment_matches(segment: Segment, name: str) -> bool:
    """Whether one (non-``**``) pattern segment matches one path segment."""
    if isinstance(segment, str):
        return segment == name
    return isinstance(segment, SegmentGlob) and segment.match(name)


def specificity(glob: str) -> tuple[int, int]:
    """(segments with none of ``* ? [``, segments other than ``**``); leading/trailing ``/`` add none."""
    segments = [s for s in glob.strip().strip("/").split("/")]
    literal = sum(1 for s in segments if not any(c in s for c in "*?["))
    counted = sum(1 for s in segments if s != "**")
    return literal, counted


class Pattern:
    """A compiled path pattern: normalised segments plus how the last one binds.

    A glob that cannot be wrong (no ``\\``, no trailing space, no leading ``#`` or ``!``, no ``//``, no ``.``
    or ``..`` segment: what almost every line of a real file is) is only split into segments when they are
    first asked for: a hook checking 5 files against 5,000 rules needs the few that can match them (issue 14).
    Every other glob is compiled, and so checked, at once: errors are still raised by the constructor.
    """

    __slots__ = ("glob", "_segments", "_end", "_specificity", "_anchor")

    def __init__(self, glob: str) -> None:
        self.glob = glob
        self._segments: Optional[tuple[Segment, ...]] = None
        self._end: Optional[End] = None
        self._specificity: Optional[tuple[int, int]] = None
        self._anchor: Optional[Anchor] = None
        if not is_plain(glob):
            self._segments, self._end = _normalise(glob)

    @classmethod
    def from_segments(cls, glob: str, segments: tuple[Segment, ...], end: End) -> "Pattern":
        """A pattern compiled elsewhere (GitLab's dialect), matched by the same segment machinery."""
        pattern = cls.__new__(cls)
        pattern.glob, pattern._segments, pattern._end = glob, segments, end
        pattern._specificity = pattern._anchor = None
        return pattern

    def __repr__(self) -> str:
        return f"Pattern({self.glob!r})"

    @property
    def segments(self) -> tuple[Segment, ...]:
        if self._segments is None:
            self._segments, self._end = _normalise(self.glob)
        return self._segments

    @property
    def end(self) -> End:
        if self._end is None:
            self._segments, self._end = _normalise(self.glob)
        return self._end

    @property
    def specificity(self) -> tuple[int, int]:
        if self._specificity is None:
            self._specificity = specificity(self.glob)
        return self._specificity

    @property
    def anchor(self) -> Anchor:
        """What a path must hold for this pattern to match it, read from the literal segments alone:
        ``(PREFIX_ANCHOR, "a/b")`` (the path is ``a/b`` or lies beneath it), ``(NAME_ANCHOR, "x")`` (one of
        the path's names is ``x``), or ``(NO_ANCHOR, "")`` (nothing literal). For a plain glob it is read from the text,
        without compiling the pattern."""
        if self._anchor is None:
            if self._segments is not None:
                self._anchor = _anchor_of([p if isinstance(p, str) else None for p in self._segments])
            else:
                self._anchor = plain_anchor(self.glob)
        return self._anchor

    @property
    def body(self) -> tuple[Segment, ...]:
        """The segments that must match a prefix of the path (a trailing ``**`` left out)."""
        return self.segments[:-1] if self.end is End.DESCENDANT else self.segments

    def matches(self, path: str) -> bool:
        """Whether this pattern matches the file at ``path`` (repository-relative, ``/``-separated)."""
        names = path.split("/")
        n = len(names)
        if self.end is End.EXACT:
            return _match_body(self.body, names, n, exact=True)
        return _match_body(self.body, names, n if self.end is End.PREFIX else n - 1, exact=False)


NO_ANCHOR, PREFIX_ANCHOR, NAME_ANCHOR = 0, 1, 2
Anchor = Tuple[int, str]
_LITERAL_DIRECTORIES = re.compile(r"/?([^*?/]+(?:/[^*?/]+)*)(?=/|\Z)")  # whole segments without * or ?
_DOT_SEGMENT = re.compile(r"(?:\A|/)\.\.?(?:/|\Z)")


def plain_anchor(glob: str) -> Anchor:
    """``Pattern(glob).anchor`` for a glob that ``is_plain`` accepts, read from the text without making a
    ``Pattern`` (a hook's few files against 5,000 CODEOWNERS lines compile only the lines they may match)."""
    if glob[0] != "/" and "/" not in glob[:-1]:  # one name, at any depth
        name = glob[:-1] if glob[-1] == "/" else glob
        return (NO_ANCHOR, "") if "*" in name or "?" in name else (NAME_ANCHOR, name)
    found = _LITERAL_DIRECTORIES.match(glob)  # anchored at the root: its leading literal directories
    return (PREFIX_ANCHOR, found.group(1)) if found else _anchor_of(
        [None if p == "**" or "*" in p or "?" in p else p for p in glob_parts(glob)])


def is_plain(glob: str) -> bool:
    """Whether ``_normalise`` certainly accepts ``glob`` (so that it may be compiled later)."""
    return bool(glob) and "\\" not in glob and not glob[-1].isspace() and glob[0] not in "#!" \
        and "//" not in glob and glob.strip("/") != "" and not _DOT_SEGMENT.search(glob)


_DOT_END = re.compile(r"\.\.?(?:/|$)", re.M)  # "./", "../", "." or ".." at a line's end; a literal first: quick
_DOT_SEGMENT_LINE = re.compile(r"(?:^|/)\.\.?(?:/|$)", re.M)


def all_plain(globs: Sequence[str]) -> bool:
    """Whether ``is_plain`` accepts every glob of ``globs``, told by a few searches over all of them (a role
    map's thousands of patterns, issue 14); False also when a glob holds a line end, which ``is_plain`` may
    accept."""
    if not globs:
        return True
    text = "\n".join(globs)
    if "\\" in text or "//" in text or text.count("\n") != len(globs) - 1 or "/" in globs:
        return False
    try:  # each glob's first and last characters, gathered without a step per glob
        firsts, lasts = set(map(itemgetter(0), globs)), set(map(itemgetter(-1), globs))
    except IndexError:  # an empty glob
        return False
    if "#" in firsts or "!" in firsts or any(last.isspace() for last in lasts):
        return False
    return not (_DOT_END.search(text) and _DOT_SEGMENT_LINE.search(text))


def _anchor_of(parts: Sequence[object]) -> Anchor:
    """The anchor of normalised segments (``None`` for every one that is not a literal name): the leading
    literal segments, else the last literal one (each literal segment matches one name of the path)."""
    literal = []
    for part in parts:
        if not isinstance(part, str):
            break
        literal.append(part)
    if literal:
        return PREFIX_ANCHOR, "/".join(literal)
    name = next((p for p in reversed(parts) if isinstance(p, str)), None)
    return (NAME_ANCHOR, name) if name is not None else (NO_ANCHOR, "")


def glob_parts(glob: str) -> list[str]:
    """A glob's normalised segments as text, each as written (``**`` in front of a name without an inner slash,
    ``**`` for a trailing slash, repeated ``**`` collapsed): the splitting ``_normalise`` does, without its
    checks."""
    parts = glob.split("/")
    is_dir = parts[-1] == ""
    if parts[0] == "":
        del parts[0]
    elif len(parts) == 1 or (len(parts) == 2 and is_dir):
        parts.insert(0, "**")
    if is_dir:
        parts[-1] = "**"
    collapsed = [p for i, p in enumerate(parts) if not (p == "**" and i and parts[i - 1] == "**")]
    if collapsed == ["**"]:
        collapsed = ["**", "*", "**"] if is_dir else ["**", "*"]
    return collapsed


def _normalise(glob: str) -> tuple[tuple[Segment, ...], End]:
    """Check ``glob`` and turn it into segments, as pathspec's GitIgnoreBasicPattern normalises them."""
    text = glob if glob.endswith("\\ ") else glob.rstrip()
    if not text:
        raise PatternError("empty pattern")
    if text.startswith("#"):
        raise PatternError(f"pattern {glob!r} starts with '#': CODEOWNERS reads such a line as a comment")
    if text.startswith("\\#"):
        raise PatternError(f"pattern {glob!r}: CODEOWNERS cannot escape a leading '#' with '\\'")
    if text.startswith("!"):
        raise PatternError(f"pattern {glob!r}: negation with '!' is not supported by CODEOWNERS")
    if text.strip("/") == "":
        raise PatternError(f"pattern {glob!r} names no path: use '*' for every file")
    parts = text.split("/")
    is_dir = parts[-1] == ""
    if parts[0] == "":
        del parts[0]  # a leading slash anchors at the root
    elif len(parts) == 1 or (len(parts) == 2 and is_dir):
        parts.insert(0, "**")  # no inner slash: matches at any depth
    if is_dir:
        parts[-1] = "**"
    for part in parts:
        if part == "":
            raise PatternError(f"pattern {glob!r} has an empty segment ('//') and can never match")
        if part in (".", ".."):
            raise PatternError(f"pattern {glob!r}: git paths never contain '{part}' segments")
    collapsed = [p for i, p in enumerate(parts) if not (p == "**" and i and parts[i - 1] == "**")]
    if collapsed == ["**"]:  # "**" is every file, "**/" every file below the root
        collapsed = ["**", "*", "**"] if is_dir else ["**", "*"]
    segments = tuple(DOUBLE_STAR if p == "**" else parse_segment(p, glob) for p in collapsed)
    if segments[-1] is DOUBLE_STAR:
        return segments, End.DESCENDANT
    if collapsed[-1] == "*":
        return segments, End.EXACT
    return segments, End.PREFIX


def _split_on_double_star(body: Sequence[Segment]) -> list[list[Segment]]:
    pieces: list[list[Segment]] = [[]]
    for segment in body:
        if segment is DOUBLE_STAR:
            pieces.append([])
        else:
            pieces[-1].append(segment)
    return pieces


def _piece_at(piece: Sequence[Segment], names: Sequence[str], pos: int) -> bool:
    return all(segment_matches(seg, names[pos + j]) for j, seg in enumerate(piece))


def _match_body(body: Sequence[Segment], names: Sequence[str], limit: int, exact: bool) -> bool:
    """Whether ``body`` matches ``names[:L]`` for some L <= limit (``exact``: for L == len(names))."""
    pieces = _split_on_double_star(body)
    first, last = pieces[0], pieces[-1]
    if len(pieces) == 1:
        size = len(first)
        if size > limit or (exact and size != len(names)):
            return False
        return _piece_at(first, names, 0)
    if len(first) > limit or not _piece_at(first, names, 0):
        return False
    pos = len(first)
    for piece in pieces[1:-1]:  # leftmost placement of each middle piece leaves the most room after it
        at = next((i for i in range(pos, limit - len(piece) + 1) if _piece_at(piece, names, i)), -1)
        if at < 0:
            return False
        pos = at + len(piece)
    if exact:
        start = len(names) - len(last)
        return start >= pos and _piece_at(last, names, start)
    return any(_piece_at(last, names, i) for i in range(pos, limit - len(last) + 1))
