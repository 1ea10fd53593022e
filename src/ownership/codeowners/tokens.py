"""How a role-map pattern is written as a CODEOWNERS token on each platform, re-based and escaped. Pure.

GitHub reads a token as the role map reads a pattern, so only re-basing and the escaping GitHub supports
(``\\ `` for a space) are needed; what GitHub cannot write (a literal ``[``, ``]``, ``*``, ``?`` or ``\\``, a
leading ``!``) is ``Inexpressible``. GitLab (``gitlab_patterns``) reads patterns otherwise, so each pattern
is translated into GitLab tokens that match exactly the same paths.
"""

from __future__ import annotations

import unicodedata
from typing import List, Tuple

from ownership.codeowners.syntax import GITHUB, GITLAB
from ownership.codeowners.lexer import gitlab_glob
from ownership.errors import ConfigError
from ownership.codeowners.gitlab_patterns import normalise
from ownership.core.patterns import End, glob_parts
from ownership.core.rules import Rule

PLATFORM = {"github": "GitHub", "gitlab": "GitLab"}


class Inexpressible(Exception):
    """A name or pattern that the dialect cannot write."""


def gitlab_key(token: str) -> str:
    """What GitLab keys a line by: its pattern with ``\\#`` and escaped blanks resolved, normalised (as
    ``codeowners`` reads a GitLab pattern)."""
    return normalise(gitlab_glob(token))


def pattern_token(rule: Rule, prefix: str, dialect: str) -> str:
    """The CODEOWNERS token for ``rule``'s pattern, re-based by ``prefix``; an error names role and pattern.
    On GitLab, a pattern that needs two lines is an error here: see ``pattern_tokens``."""
    found = pattern_tokens(rule, prefix, dialect)
    if len(found) > 1:
        raise _inexpressible(rule, dialect, "GitLab needs two lines for it, one for files and one for directories")
    return found[0]


def pattern_tokens(rule: Rule, prefix: str, dialect: str) -> Tuple[str, ...]:
    """The CODEOWNERS tokens that together match what ``rule``'s pattern matches, re-based by ``prefix``: one
    on GitHub; on GitLab two for a pattern that matches a file or everything beneath a directory of that name
    (``name`` and ``name/``). A pattern the dialect cannot write is an error naming role and pattern."""
    try:
        if dialect == GITHUB:
            return (_rebased(rule, prefix, dialect),)
        return _gitlab_tokens(rule, prefix)
    except Inexpressible as err:
        raise _inexpressible(rule, dialect, str(err)) from None


def _inexpressible(rule: Rule, dialect: str, why: str) -> ConfigError:
    owner = f"role {rule.role!r}" if rule.role is not None else "settings.ignore"
    origin = rule.origin
    return ConfigError(f"{owner}: pattern {rule.glob!r} cannot be written in a {PLATFORM[dialect]} CODEOWNERS "
                       f"file: {why}", origin.source, origin.line, origin.column)


def _rebased(rule: Rule, prefix: str, dialect: str) -> str:
    glob = rule.glob if rule.glob.endswith("\\ ") else rule.glob.rstrip()
    if not prefix:
        token = _convert(glob, dialect)
    else:  # the normalised segments (as patterns.py forms them), anchored below the prefix
        parts = glob_parts(glob)
        if rule.pattern.end is End.DESCENDANT:
            parts[-1] = ""
        token = "/" + "/".join([literal(prefix, dialect)] + [_convert(p, dialect) for p in parts])
    return finish(token, dialect)


def _gitlab_tokens(rule: Rule, prefix: str) -> Tuple[str, ...]:
    """GitLab tokens for ``rule`` (see ``pattern_tokens``). GitLab puts ``/**/`` before a pattern that does
    not start with ``/`` and ``**/*`` after a trailing ``/``, and reads the rest as it is written."""
    glob = rule.glob if rule.glob.endswith("\\ ") else rule.glob.rstrip()
    body = [literal(p, GITLAB) for p in prefix.split("/")] if prefix else []
    body += [p if p == "**" else _convert(p, GITLAB) for p in glob_parts(glob)]
    end = rule.pattern.end
    if end is End.DESCENDANT:
        body.pop()  # the trailing "**": written as a trailing "/"
    text = "/".join(body[1:]) if body[0] == "**" and len(body) > 1 else "/" + "/".join(body)
    if end is End.DESCENDANT:
        return (finish(text + "/", GITLAB),)
    if end is End.EXACT:
        return (finish(text, GITLAB),)
    return finish(text, GITLAB), finish(text + "/", GITLAB)


def finish(token: str, dialect: str) -> str:
    if token.endswith("\\ "):
        raise Inexpressible("a trailing space is lost when CODEOWNERS is read")
    if token.startswith("!"):
        if dialect == GITHUB:
            raise Inexpressible("a leading '!' is read as negation, which GitHub rejects")
        token = "\\" + token
    elif token.startswith("#") and dialect == GITLAB:  # GitLab reads "\\#" as a leading "#"
        token = "\\" + token
    return token


def _convert(raw: str, dialect: str) -> str:
    """Role-map glob text (``\\x`` is a literal ``x``) -> token text: wildcards kept, literals escaped."""
    out: List[str] = []
    i = 0
    while i < len(raw):
        char = raw[i]
        if char == "\\":
            out.append(literal(raw[i + 1], dialect))
            i += 2
            continue
        out.append(char if char in "*?" else literal(char, dialect))
        i += 1
    return "".join(out)


def literal(text: str, dialect: str) -> str:
    """Literal characters as the dialect writes them: a space as ``\\ ``, specials escaped (GitLab only)."""
    out: List[str] = []
    for char in text:
        if char == " ":
            out.append("\\ ")
        elif unicodedata.category(char) in ("Cc", "Cs") or char in "\u2028\u2029\x85":
            raise Inexpressible("it holds a control character or a byte that is not UTF-8")
        elif char in "*?[]\\":
            if dialect == GITHUB:
                raise Inexpressible(f"a literal {char!r} needs an escape, and GitHub supports only '\\ '")
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)
