"""GitLab's CODEOWNERS patterns, compiled to the segment matcher GitHub's patterns use. Pure.

GitLab matches with Ruby's ``File.fnmatch`` (FNM_PATHNAME | FNM_DOTMATCH) on its normalised pattern.

GitLab (``ee/lib/gitlab/code_owners/file.rb``, docs "Syntax of CODEOWNERS file" and "Advanced CODEOWNERS
configuration") normalises a pattern before matching it against ``/`` + the path:

- ``\\#`` at the start becomes ``#``, ``\\`` + whitespace a space (the caller does both);
- ``*`` becomes ``/**/*``; a pattern that does not start with ``/`` gets ``/**/`` in front, so
  ``internal/README.md`` matches at any depth (on GitHub an inner slash anchors it at the root);
- a trailing ``/`` gets ``**/*``: everything beneath the directory.

Nothing else is added: ``docs`` matches only files named ``docs`` (on GitHub it also owns everything under a
directory ``docs``). fnmatch then reads ``*`` and ``?`` within one segment, ``**/`` as zero or more
directories (a ``**`` not followed by ``/`` is a plain ``*``), ``[...]`` as a character class (``[!...]``
or ``[^...]`` negated, ``a-z`` ranges; as Ruby's ``bracket()``, a reversed range ``z-a`` matches its end
points and a class may hold ``/``, which no path segment has) and ``\\x`` as a literal ``x`` (``\\/`` is a
``/``, which ends a segment); dot files are not special.
"""

from __future__ import annotations

import re
from typing import List, Tuple

from ownership.errors import PatternError
from ownership.core.patterns import DOUBLE_STAR, End, Pattern, Segment, SegmentGlob, parse_segment


def normalise(glob: str) -> str:
    """GitLab's ``normalize_pattern`` (escapes already resolved): the glob fnmatch sees."""
    if glob == "*":
        return "/**/*"
    if not glob.startswith("/"):
        glob = "/**/" + glob
    if glob.endswith("/"):
        glob += "**/*"
    return glob


def compile_gitlab(glob: str) -> Pattern:
    """``glob`` (escapes of ``#`` and spaces resolved) as GitLab matches it; PatternError if it never can."""
    split = _split(normalise(glob)[1:], glob)
    parts = [part for part, _ in split]
    if "" in parts:
        raise PatternError(f"pattern {glob!r} has an empty segment ('//') and can never match")
    segments: List[Segment] = []
    for i, (part, escaped) in enumerate(split):
        if part == "**" and i < len(parts) - 1 and not escaped:  # "**/": zero or more directories
            if not segments or segments[-1] is not DOUBLE_STAR:
                segments.append(DOUBLE_STAR)
        else:
            segments.append(_segment(part, glob))
    last = segments[-1]
    if len(segments) > 2 and segments[-2] is DOUBLE_STAR and isinstance(last, SegmentGlob) and not last.min_length \
            and len(last.chunks) == 2:  # ".../**/*": every file beneath, as a trailing "/" means on GitHub
        return Pattern.from_segments(glob, tuple(segments[:-1]), End.DESCENDANT)
    return Pattern.from_segments(glob, tuple(segments), End.EXACT)


def _split(pattern: str, glob: str) -> List[Tuple[str, bool]]:
    """The segments of a normalised pattern, each with whether an escaped slash ends it. As in Ruby's
    ``fnmatch`` with FNM_PATHNAME: a ``[...]`` class is read whole, so ``a[/x]b`` is one segment (its ``/``
    never matches, a path segment has none); ``\\/`` ends a segment as ``/`` does (fnmatch unescapes it,
    then stops there), but ``**\\/`` is not the ``**/`` that crosses directories: it is ``*/``."""
    parts: List[Tuple[str, bool]] = []
    start = i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            if pattern[i + 1] == "/":
                parts.append((pattern[start:i], True))
                start = i = i + 2
                continue
            i += 2
        elif char == "[":
            i = _bracket(pattern, i + 1, glob)[1]
        elif char == "/":
            parts.append((pattern[start:i], False))
            start = i = i + 1
        else:
            i += 1
    parts.append((pattern[start:], False))
    return parts


def _segment(text: str, glob: str) -> Segment:
    """One segment: literal characters, ``*``, ``?``, ``[...]`` classes and ``\\x`` escapes."""
    return parse_segment(text, glob, _bracket)


def _bracket(text: str, i: int, glob: str) -> Tuple[str, int]:
    """The class starting after ``[`` at ``i``, as a regex, and the index after its ``]`` (Ruby's
    ``bracket()``: ``!`` or ``^`` negates, ``a-z`` is a range, ``\\x`` is ``x``, a ``]`` closes at once)."""
    negate = i < len(text) and text[i] in "!^"
    i += negate
    items: List[str] = []
    while True:
        if i >= len(text):
            raise PatternError(f"pattern {glob!r} has an unclosed '[' and can never match")
        if text[i] == "]":
            break
        if text[i] == "\\" and i + 1 < len(text):
            i += 1
        low = text[i]
        i += 1
        if i + 1 < len(text) and text[i] == "-" and text[i + 1] != "]":
            i += 1
            if text[i] == "\\" and i + 1 < len(text):
                i += 1
            high = text[i]
            i += 1
            if low <= high:
                items.append(f"{re.escape(low)}-{re.escape(high)}")
            else:  # Ruby's bracket() compares a character with both end points before it tries the range
                items += [re.escape(low), re.escape(high)]
            continue
        items.append(re.escape(low))
    if not items:
        return ("." if negate else "(?!)"), i + 1
    return f"[{'^' if negate else ''}{''.join(items)}]", i + 1
