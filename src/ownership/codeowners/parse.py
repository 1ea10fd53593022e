"""CODEOWNERS text -> entries, with GitHub's or GitLab's rules for reading it. Pure; no I/O.

GitHub (docs "About code owners"): one rule a line, ``PATTERN OWNER...``; ``#`` starts a comment, also after
a rule; owners are ``@user``, ``@org/team`` or an e-mail address; a line without owners is valid. Syntax
GitHub does not support (``!`` negation, ``[ ]`` ranges: brackets must be escaped, ``\\#`` for a leading ``#``;
other ``\\`` escapes, ``\\ `` for a space included, are gitignore's) and malformed owners make GitHub report
the line as an error and skip it: so does this parser, which keeps the line as a ``Problem`` (the fields of
GitHub's "List CODEOWNERS errors" API) and reads the rest.

GitLab (docs "Syntax of CODEOWNERS file", "Advanced CODEOWNERS configuration"; ``ee/lib/gitlab/code_owners``):
lines are grouped by ``[Section]`` headers (``^[Section]`` optional, ``[Section][2]`` approvals, default
owners after the header); same-named sections are one section, names case-insensitive except for the first
header (``find_section_name``); optional and approvals belong to each entry, from its header; ``!pattern``
excludes paths from its section; ``\\#`` escapes a leading ``#``; no inline comments. Owners are the
references GitLab's ``ReferenceExtractor`` finds in each owner word (``gitlab_references``: ``@a,@b`` is
``@a`` and ``@b``; roles in any case); a word with none is a malformed owner, reported and ignored, the rest
of the line counts; a line with no owner takes its header's default owners, or is reported (zero owners) and
still decides. Lines end at ``\\n`` only and a BOM is part of the first line, as GitLab reads the blob.
Patterns follow ``gitlab_patterns``; a repeated pattern in a section replaces the earlier line's owners at
the earlier line's place in the order (GitLab keys a section's entries by pattern).
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple, Union

from ownership.codeowners.gitlab_patterns import compile_gitlab, normalise
from ownership.codeowners.lexer import (
    BLANK, HEADER, RUBY_SPACE, STRICT_HEADER, detect_dialect, gitlab_glob, gitlab_references, owner_references,
    split_line, split_lines,
)
from ownership.codeowners.syntax import (
    DEFAULT_SECTION,
    GITHUB,
    GITHUB_OWNER,
    GITLAB,
    OWNER,
    CodeOwners,
    Entries,
    Entry,
    Problem,
    Row,
    Section,
    likely_owner,
)
from ownership.core.patterns import Pattern
from ownership.core.rules import Origin, Rule
from ownership.errors import PatternError


# A GitHub line as almost every line is written: a pattern with nothing to check (no escape, no bracket, no
# leading "!"), valid owners, perhaps a comment. One match reads it (issue 14: a hook with 5,000 lines paid
# for a character loop per token); any other line takes the long way, which finds and places its problems.
# The pattern is one ``core.patterns`` accepts without compiling it (``is_plain``: no "//", no "." or ".."
# segment, not only slashes, no white space at its end), so it is compiled only if a path may need it.
_B = "[ \t\f\v\r]"  # lexer.BLANK
_T = r"[^ \t\f\v\r\\\[\]]"  # a character of such a pattern
_PLAIN_GITHUB_LINE = re.compile(
    rf"{_B}*((?=/*[^ \t\f\v\r\\\[\]/])(?!{_T}*//)(?!(?:{_T}*/)?\.\.?(?:/|(?!{_T})))[^ \t\f\v\r\\\[\]!#]{_T}*(?<!\s))"
    rf"((?:{_B}+(?!#){GITHUB_OWNER}(?={_B}|\Z))*)(?:{_B}+#.*)?{_B}*\Z",
    re.DOTALL)


class _Header:
    """The header a GitLab line is written under: its section, and what its entries take from it."""

    __slots__ = ("section", "optional", "approvals", "owners")

    def __init__(self, section: str, optional: bool = False, approvals: int = 1, owners: Tuple[str, ...] = ()) -> None:
        self.section = section
        self.optional = optional
        self.approvals = approvals
        self.owners = owners


def parse(text: str, source: str, dialect: Optional[str] = None) -> CodeOwners:
    """Parse CODEOWNERS ``text``; ``dialect`` None picks GitLab when the text has section headers. GitLab
    reads a leading BOM as part of the first line, as it reads the blob (issue 15); GitHub drops it."""
    dialect = dialect or detect_dialect(text)
    return _Parser(text if dialect == GITLAB else text.lstrip("\ufeff"), source, dialect).parse()


class _Parser:
    def __init__(self, text: str, source: str, dialect: str) -> None:
        self.source = source
        self.dialect = dialect
        self.lines = tuple(split_lines(text))
        self.entries: List[Union[Entry, Row]] = []  # a plain GitHub line stays a row until asked for
        self.skipped: List[Entry] = []  # lines the platform skips (a malformed owner), for `who`
        self.problems: List[Problem] = []
        # GitLab's parsed_sectional_data, keyed by section name as GitLab keys it (see ``section_name``).
        self.sections: Dict[str, Section] = {DEFAULT_SECTION: Section(DEFAULT_SECTION, 0)}
        self.folded: Dict[str, str] = {DEFAULT_SECTION.casefold(): DEFAULT_SECTION}  # first name of each fold
        self.last = DEFAULT_SECTION  # the section GitLab added last (its ``section_headers.last``)
        # Per section, per pattern key, whether its (last) line is optional: never-matching lines included,
        # as GitLab keeps them (issue 15).
        self.optional: Dict[str, Dict[str, bool]] = {}
        self.headers: List[Tuple[int, int, Tuple[str, ...]]] = []

    def problem(self, number: int, column: int, kind: str, message: str, suggestion: str = "") -> None:
        self.problems.append(Problem(self.source, number, column, kind, message, self.lines[number - 1], suggestion))

    def parse(self) -> CodeOwners:
        current = _Header(DEFAULT_SECTION)
        if self.dialect == GITLAB and self.lines and self.lines[0].startswith("\ufeff"):
            self.problem(1, 1, "invalid pattern", "the file starts with a byte order mark (U+FEFF): GitLab reads it "
                         "as part of the first line", "save the file as UTF-8 without a BOM")
        github, gitlab = self.dialect == GITHUB, self.dialect == GITLAB
        plain_line, rows = _PLAIN_GITHUB_LINE.match, self.entries  # this loop runs once per line (issue 14)
        for number, raw in enumerate(self.lines, start=1):
            stripped = raw.strip(BLANK)
            if not stripped or stripped.startswith("#"):
                continue
            if gitlab and re.match(r"\^?\[", stripped):
                found = self.header(number, raw, stripped)
                if found is not None:
                    current = found
                continue
            if github and "\\" not in raw:  # a backslash escapes a blank: tokens join
                plain = plain_line(raw)
                if plain is not None:  # its pattern and owners need no further check: a row (``Entries``)
                    token, owner_text = plain.group(1, 2)
                    rows.append((number, plain.start(1) + 1, token, owner_text))
                    continue
            self.entry(number, raw, current)
        entries = Entries(self.entries, self.source)
        if self.dialect != GITLAB:
            return CodeOwners(self.source, self.dialect, entries, tuple(self.problems), (), self.lines,
                              skipped=tuple(self.skipped))
        differ: Dict[str, List[Tuple[int, int]]] = {}
        for e in entries:
            if e.approvals != self.sections[e.section].approvals:
                differ.setdefault(e.section, []).append((e.line, e.approvals))
        sections = tuple(s.replace(optional=all(self.optional[key].values()),
                                 entry_approvals=tuple(differ.get(key, ())))
                         if key in self.optional else s
                         for key, s in self.sections.items() if key in self.optional or s.line)
        return CodeOwners(self.source, self.dialect, entries, tuple(self.problems), sections,
                          self.lines, tuple(self.headers))

    def section_name(self, name: str) -> str:
        """GitLab's ``find_section_name``: a header names the section of the same name in any case, except
        that while the default section is the last one added (no other header yet) the name is taken as
        written: ``[CODEOWNERS]`` as the first header is a section of its own, not the default one."""
        if self.last == DEFAULT_SECTION:
            return name
        return self.folded.get(name.casefold(), name)

    def header(self, number: int, raw: str, stripped: str) -> Optional[_Header]:
        """A GitLab section header (or an unparsable one, which GitLab skips): the section and what its
        entries take from it."""
        column = raw.index(stripped[0]) + 1
        found = HEADER.match(stripped)
        if not found:
            self.problem(number, column, "invalid section", "unparsable section header: GitLab skips this line")
            return None
        optional, name, approvals, rest = found.groups()
        words = RUBY_SPACE.split((rest or "").strip(BLANK + "\n")) if (rest or "").strip(BLANK + "\n") else []
        owners = tuple(ref for _, ref in gitlab_references(rest or ""))
        if not name.strip():
            self.problem(number, column, "invalid section", "section name is empty")
        elif approvals is not None and (not re.fullmatch(r"\s*\d+\s*", approvals, re.ASCII)
                                        or (optional and _to_i(approvals))):
            self.problem(number, column, "invalid section", f"invalid approval count [{approvals}]"
                         + (": an optional section cannot require approvals" if optional else ""))
        elif any(word not in owners for word in words):  # SectionParser#invalid_default_owners?
            bad = next(word for word in words if word not in owners)
            self.problem(number, column + stripped.index(bad, found.start(4)), "invalid owner",
                         f"'{bad}' is not a valid default owner" + self.extracted(bad))
        elif not STRICT_HEADER.match(stripped):
            self.problem(number, column + found.end(), "invalid section",
                         f"unexpected text after the section header: '{stripped[found.end():]}'")
        key = self.section_name(name)
        count = max(_to_i(approvals or ""), 1)
        if key not in self.sections:  # same-named headers are one section: the first header's values show
            self.sections[key] = Section(name, number, False, count, owners)
            self.folded.setdefault(key.casefold(), key)
            self.last = key
        elif not self.sections[key].line:  # "[codeowners]" names the default section
            self.sections[key] = self.sections[key].replace(line=number, approvals=count, default_owners=owners)
        self.headers.append((number, column, owners))
        return _Header(key, bool(optional), count, owners)

    @staticmethod
    def extracted(word: str) -> str:
        """What GitLab makes of an owner token that is not a reference as written."""
        refs = [ref for _, ref in gitlab_references(word)]
        return f": GitLab reads {', '.join(repr(r) for r in refs)} from it" if refs else ""

    def entry(self, number: int, raw: str, header: _Header) -> None:
        tokens, _ = split_line(raw, self.dialect)
        (column, token), owner_tokens = tokens[0], tokens[1:]
        column += 1
        gitlab = self.dialect == GITLAB
        if not gitlab and self.unsupported(number, column, token):
            return
        exclusion = gitlab and token.startswith("!")
        if exclusion:  # GitLab reads no owners on an exclusion line
            owner_tokens = []
        if gitlab:  # File#invalid_owner?: a token in which ReferenceExtractor finds no reference at all
            found = [(c + 1, o, owner_references(o)) for c, o in owner_tokens]
            bad = [(c, o) for c, o, refs in found if not refs]
            owners = tuple(dict.fromkeys(ref for _, _, refs in found for ref in refs))
        else:
            bad = [(c + 1, o) for c, o in owner_tokens if not OWNER[self.dialect].match(o)]
            owners = tuple(dict.fromkeys(o for _, o in owner_tokens if OWNER[self.dialect].match(o)))
        if bad:
            self.invalid_owner(number, *bad[0], token)
            if not gitlab:  # GitHub skips the line; GitLab ignores the malformed owners only
                self.skip(number, column, token, tuple(o for _, o in owner_tokens))
                return
        defaulted = gitlab and not owner_tokens and not exclusion and bool(header.owners)
        if defaulted:
            owners = header.owners
        elif gitlab and not owner_tokens and not exclusion:
            self.problem(number, column, "missing owner", f"pattern '{token}' has no owner and section "
                         f"[{self.sections[header.section].name}] no default owners: GitLab counts the line as "
                         "approved")
        glob = self.glob(token[1:] if exclusion else token)
        key = normalise(glob) if gitlab else glob
        if gitlab:  # GitLab keeps every line, one that can never match included (issue 15)
            self.optional.setdefault(header.section, {})[key] = header.optional
        try:
            pattern = compile_gitlab(glob) if gitlab else Pattern(glob)
        except PatternError as err:
            self.problem(number, column, "invalid pattern", err.message)
            return
        rule = Rule(len(self.entries), " ".join(owners), token, Origin(self.source, number, column), pattern)
        self.entries.append(Entry(rule, owners, header.section, exclusion, token, key, defaulted, header.optional,
                                  header.approvals))

    def skip(self, number: int, column: int, token: str, written: Tuple[str, ...]) -> None:
        """Keep a line GitHub skips for a malformed owner, when its pattern is valid: ``who`` mentions it."""
        try:
            pattern = Pattern(token)
        except PatternError:
            return
        rule = Rule(len(self.skipped), " ".join(written), token, Origin(self.source, number, column), pattern)
        self.skipped.append(Entry(rule, written, text=token, key=token))

    def glob(self, token: str) -> str:
        """The pattern as matched: GitHub's as written; GitLab's ``normalize_pattern`` escapes resolved
        (``\\#`` at the start, and ``gsub(/\\\\\\s+/, ' ')``: a ``\\`` and the whitespace after it are one space)."""
        return token if self.dialect == GITHUB else gitlab_glob(token)

    def unsupported(self, number: int, column: int, token: str) -> bool:
        """Report a pattern GitHub rejects (its docs' syntax exceptions; its error for brackets is "both
        `[` and `]` must be escaped with a `\\`"); True if there was one."""
        if token.startswith("!"):
            self.problem(number, column, "invalid pattern", "negation with '!' is not supported",
                         "GitHub cannot exclude a path: give it its own line, with other owners or none")
            return True
        if token.startswith("\\#"):
            self.problem(number, column, "invalid pattern",
                         "'\\#' does not escape a leading '#': GitHub reads no pattern starting with '#'")
            return True
        i = 0
        while i < len(token):
            if token[i] == "\\":
                i += 2
                continue
            if token[i] in "[]":
                escaped = re.sub(r"(?<!\\)([\[\]])", r"\\\1", token)
                self.problem(number, column + i, "invalid pattern", "both '[' and ']' must be escaped with '\\': "
                             "GitHub has no character ranges", f"to match the brackets literally: '{escaped}'")
                return True
            i += 1
        return False

    def invalid_owner(self, number: int, column: int, owner: str, token: str) -> None:
        suggestion = ""
        if owner.startswith("#"):
            message = f"'{owner}' is not an owner: GitLab has no inline comments (owners named in one still count)"
        else:
            likely = likely_owner(owner, self.dialect)
            if likely:
                message = f"'{owner}' is not a valid owner: did you mean '{likely}'?"
                suggestion = f"write '{likely}'"
            else:
                message = f"'{owner}' is not a valid owner: use @user, @org/team" + (
                    ", @@role" if self.dialect == GITLAB else "") + " or an e-mail address"
            if "@" not in owner and ("/" in owner or "." in owner or "*" in owner):
                suggestion = f"if the path has a space in it, escape the space: '{token}\\ {owner}'"
        self.problem(number, column, "invalid owner", message, suggestion)


def _to_i(text: str) -> int:
    """Ruby's ``String#to_i``: the leading digits after leading whitespace, or 0."""
    found = re.match(r"[ \t\n\v\f\r]*(\d+)", text)
    return int(found.group(1)) if found else 0
