"""How CODEOWNERS text is cut up, before any rule is made: lines, tokens, GitLab section headers and the owner
references GitLab's ``ReferenceExtractor`` finds. Pure; no I/O."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from ownership.codeowners.syntax import GITHUB, GITLAB, SIZE_LIMIT
from ownership.core.lazy import regex
from ownership.errors import ConfigError

BLANK = " \t\f\v\r"  # what separates tokens (ASCII only: a no-break space belongs to a path)
# GitLab's SectionParser: HEADER_REGEX (unanchored at the end) and STRICT_HEADER_REGEX. Ruby's \s and \w are
# ASCII (issue 15): a no-break space or an accented letter is not part of a header's default owners.
HEADER = regex(r"^(\^)?\[(.*?)\](?:\[([\s\d]*)\])?(\s*[@\w.\-/\s]*)?", re.ASCII)
STRICT_HEADER = regex(r"^(\^)?\[[^\]]+\](\[\d+\])?(\s+[@\w.\-/\s]+)?$", re.ASCII)

# GitLab's ReferenceExtractor (ee/lib/gitlab/code_owners/reference_extractor.rb), which scans the owner text
# of a line for references: EMAIL_REGEXP, NAME_REGEXP (User.reference_prefix + FULL_NAMESPACE_FORMAT_REGEX of
# lib/gitlab/path_regex.rb, with its "no .git or .atom suffix" look-behind) and ROLE_REGEXP (case-insensitive).
# Ruby's \w, \W and \s are ASCII, hence re.ASCII.
_NAMESPACE = r"(?:[a-zA-Z0-9_.][a-zA-Z0-9_.-]*[a-zA-Z0-9_-]|[a-zA-Z0-9_])(?<!\.git)(?<!\.atom)"
_EMAIL_ONLY = regex(r"[^@\s]{1,100}@[^@\s]{1,255}(?<!\W)", re.ASCII)
_NAME_ONLY = regex(rf"(?<![\w@])@(?:{_NAMESPACE}/)*{_NAMESPACE}", re.ASCII)
_ROLE_ONLY = regex(r"(?<![\w@])@@(?:developer|maintainer|owner)s?(?=\s|$)", re.ASCII | re.IGNORECASE)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@lru_cache(maxsize=1 << 16)  # owner words repeat (the same teams on most lines): scan each once
def owner_references(token: str) -> Tuple[str, ...]:
    """The owners a GitLab owner word names: GitLab's references in it, except that a word holding a control
    character names none (a deliberate difference: GitLab would read ``@b.co`` out of ``a\\x1b]0;x\\x07@b.co``;
    here it is a malformed owner, so no terminal escape hides in an owner and the word is reported)."""
    return () if _CONTROL.search(token) else tuple(ref for _, ref in gitlab_references(token))


def gitlab_references(text: str) -> List[Tuple[int, str]]:
    """The references GitLab's ``ReferenceExtractor`` finds in owner ``text``, with their offsets, in text
    order, first occurrence kept. Each of its three regexes scans the whole text on its own (Ruby ``scan``):
    ``@a,@b`` names ``@a`` and ``@b`` and, by EMAIL_REGEXP, the e-mail ``a,@b``; ``@bob's`` names ``@bob``;
    ``@x.git`` names ``@x.gi`` (the name may not end in ``.git``); ``me@example.com,`` is ``me@example.com``."""
    found: Dict[str, int] = {}
    for regex in (_NAME_ONLY, _ROLE_ONLY, _EMAIL_ONLY):
        for match in regex.finditer(text):
            found.setdefault(match.group(), match.start())
    return sorted(((offset, ref) for ref, offset in found.items()), key=lambda item: item[0])


def split_lines(text: str) -> List[str]:
    """The lines of ``text`` as git, GitHub and GitLab read them: a line ends at ``\n`` (a ``\r`` before it,
    or at the very end, is part of the line end). Not ``str.splitlines``, which also breaks at U+2028, U+0085,
    ``\v``, ``\f``, ``\x1c``-``\x1e`` and a lone ``\r``: a 3-line file was read as 5 (issue 10)."""
    lines = text.split("\n")
    if not lines[-1]:  # the text ends with a line end (or is empty): no line after it
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def detect_dialect(text: str) -> str:
    """GitLab's dialect when ``text`` has a well-formed section header, else GitHub's."""
    return GITLAB if has_sections(text.lstrip("\ufeff")) else GITHUB


_MAYBE_HEADER = re.compile(r"^\s*\^?\[", re.MULTILINE)  # a line that may be a header, found in one search


def has_sections(text: str) -> bool:
    """Whether ``text`` has a well-formed GitLab section header (which makes it GitLab's dialect)."""
    if not _MAYBE_HEADER.search(text):  # most GitHub files: no line starts with "[" (issue 14)
        return False
    return any(STRICT_HEADER.match(line.strip()) for line in split_lines(text))


def check_size(data: bytes, source: str) -> None:
    if len(data) >= SIZE_LIMIT:
        raise ConfigError(f"{len(data):,} bytes: GitHub ignores a CODEOWNERS file of 3 MB or more", source)


def split_line(line: str, dialect: str) -> Tuple[List[Tuple[int, str]], Optional[int]]:
    """Whitespace-separated tokens with their 0-based columns (``\\`` keeps the next character, a space
    included, inside a token), and the column of a GitHub inline comment (a token starting with ``#``).
    GitLab: see ``gitlab_tokens``."""
    if dialect == GITLAB:
        return gitlab_tokens(line), None
    tokens: List[Tuple[int, str]] = []
    i, n = 0, len(line)
    while i < n:
        if line[i] in BLANK:
            i += 1
            continue
        if line[i] == "#" and tokens and dialect == GITHUB:
            return tokens, i
        start = i
        while i < n and line[i] not in BLANK:
            i += 2 if line[i] == "\\" and i + 1 < n else 1
        tokens.append((start, line[start:i]))
    return tokens, None


_GITLAB_SPLIT = regex(r"(?<!\\)[ \t\n\v\f\r]+")
_ESCAPED_SPACE = regex(r"\\[ \t\n\v\f\r]+")
RUBY_SPACE = regex(r"[ \t\n\v\f\r]+")


def gitlab_tokens(line: str) -> List[Tuple[int, str]]:
    """A GitLab line's pattern and owner tokens with their 0-based columns: the pattern ends at the first
    whitespace no ``\\`` precedes (``line.partition(/(?<!\\\\)\\s+/)``, so ``a\\\\ b`` is one pattern) and
    the owner text is split at whitespace (``entry_owners.split``; a ``\\`` escapes nothing there)."""
    start = len(line) - len(line.lstrip(BLANK))
    body = line.strip(BLANK)
    cut = _GITLAB_SPLIT.search(body)
    if cut is None:
        return [(start, body)] if body else []
    tokens = [(start, body[:cut.start()])]
    tokens += [(start + cut.end() + m.start(), m.group()) for m in re.finditer(r"[^ \t\n\v\f\r]+", body[cut.end():])]
    return tokens


def gitlab_glob(token: str) -> str:
    """A GitLab pattern token with the escapes ``normalize_pattern`` resolves: ``\\#`` at the start is ``#``,
    and ``gsub(/\\\\\\s+/, ' ')`` makes a ``\\`` and the whitespace after it one space."""
    return _ESCAPED_SPACE.sub(" ", "#" + token[2:] if token.startswith("\\#") else token)
