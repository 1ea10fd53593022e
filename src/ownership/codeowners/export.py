"""Role map -> CODEOWNERS text that gives every file of the tree exactly the owners the role map resolves. Pure.

The platform decides by the last matching line, so the lines are laid out for that rule:

- ``last``: the role map's document order, which is already the last-match order;
- ``specific``: from general to specific (stable in document order), so that the last matching line is
  the most specific one; equally specific lines of two roles are the role map's conflicts;
- ``strict``: document order; a file that two roles claim is a conflict.

Conflicted files get an explicit owner-less line each, and ``settings.ignore`` patterns come last as
owner-less lines, so neither gets owners. Patterns are re-based from the role map's directory onto the
repository's top, where the platform reads CODEOWNERS. ``mismatches`` evaluates the text with the
platform's semantics (``codeowners.match.resolve``) and lists every file whose owners would differ.

GitLab (``gitlab_patterns``) reads patterns otherwise than the role map, so each pattern is translated into
GitLab patterns matching exactly the same paths: ``a/b`` is anchored (GitLab's ``a/b`` matches at any depth),
``docs/`` stays ``docs/``, and a pattern that matches a file or everything beneath a directory of that name
(``docs``, ``*.md``) is written twice, ``docs`` and ``docs/``, since GitLab's ``docs`` matches only files
named ``docs``; literal ``[ ] * ? \\`` are escaped (GitLab has character classes). A repeated pattern
keeps the place of its first line on GitLab, so only the last of a pattern's lines is written. GitLab reports
a line without owners as an error, so owner-less lines are exclusions (``!pattern``), which take files out of
their section wherever they stand: a line with owners that can match a file of an exclusion written before
it starts a new section, and every section excludes the patterns of the later sections' lines that could
match its own, so that each file is decided by one section, by the line the role map gives it.
"""

from __future__ import annotations

import shlex
import unicodedata
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Set, Tuple

from ownership.codeowners.syntax import GITHUB, GITLAB, OWNER, Problem
from ownership.codeowners.match import resolve
from ownership.codeowners.parse import parse
from ownership.codeowners.tokens import (
    PLATFORM, Inexpressible, finish, gitlab_key, literal, pattern_token, pattern_tokens,
)
from ownership.errors import ConfigError
from ownership.core.matcher import CONFLICT, OWNED
from ownership.core.resolver import Resolver
from ownership.core.overlap import Overlaps
from ownership.core.patterns import DOUBLE_STAR, End, Pattern
from ownership.core.rules import Origin, RoleMap, Rule

GENERATED_MARK = "by `ownership codeowners`"


@dataclass(frozen=True)
class Conflicted:
    """A file two or more roles claim: written with no owners."""

    path: str
    roles: Tuple[str, ...]


@dataclass(frozen=True)
class Export:
    text: str
    rules: int  # lines written for the role map's patterns (ignore patterns included)
    conflicts: Tuple[Conflicted, ...]  # one explicit owner-less line each
    command: str = "ownership codeowners"  # the command that generates it again (add --write or --check)


def is_generated(text: str) -> bool:
    """Whether ``text`` is a CODEOWNERS file that ``ownership codeowners`` wrote (its first line says so)."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return first.startswith("#") and GENERATED_MARK in first


def export(rolemap: RoleMap, files: Sequence[str], prefix: str = "", dialect: str = GITHUB,
           source: str = "ownership.toml") -> Export:
    """The CODEOWNERS text for ``rolemap`` over ``files`` (relative to the role map's directory, which is
    ``prefix`` below the repository's top); ``source`` is the role map's path from the top."""
    owners = _owners(rolemap, dialect)
    conflicts: List[Conflicted] = []
    outcomes = Resolver(rolemap.all_rules, rolemap.resolution).resolve(files) if rolemap.resolution != "last" else []
    for path, outcome in zip(files, outcomes):
        if outcome.status == CONFLICT:
            conflicts.append(Conflicted(path, tuple(dict.fromkeys(r.label for r in outcome.candidates))))
    rules = list(rolemap.rules)
    if rolemap.resolution == "specific":
        rules.sort(key=lambda rule: rule.specificity)  # stable: document order among equals
    found_by_name = source.rpartition("/")[2] in ("ownership.toml", ".ownership.toml", "pyproject.toml")
    where = (f" {shlex.quote(prefix)}" if prefix else "") if found_by_name else f" --config {shlex.quote(source)}"
    command = f"ownership codeowners{where}" + (f" --dialect {dialect}" if dialect != GITHUB else "")
    out = [f"# Generated {GENERATED_MARK} from the role map {_comment(source)}: do not edit by hand.",
           f"# To change it, edit the role map and run: {_comment(command)} --write"]
    tokens: List[str] = []
    if conflicts:
        ownerless = {p for p, o in zip(files, outcomes) if o.status != OWNED or not owners[str(o.owner)]}
        tokens = _file_tokens(conflicts, files, ownerless, prefix, dialect)
    if dialect == GITHUB:
        out += _github_lines(rolemap, rules, owners, tokens, prefix)
    else:
        if any(rule.pattern.end is End.PREFIX for rule in rolemap.all_rules):
            out.append("# GitLab's `x` matches only files: a pattern that also owns what is beneath directories is "
                       "written as `x` and `x/`.")
        out += _gitlab_lines(rolemap, rules, owners, conflicts, tokens, prefix)
    return Export("\n".join(out) + "\n", len(rolemap.all_rules), tuple(conflicts), command)


_CONFLICTS = "# Conflicts in the role map: no owners until it decides (`ownership check` lists them)"
_IGNORED = "# Ignored (settings.ignore): no owners"
_NEXT_SECTION = (
    "# GitLab has no lines without owners: the '!' lines above take their files out of that section wherever",
    "# they stand, so the lines that decide some of those files again come in a section of their own.",
)


def _github_lines(rolemap: RoleMap, rules: Sequence[Rule], owners: Dict[str, Tuple[str, ...]],
                  conflicted: Sequence[str], prefix: str) -> List[str]:
    """The role map's lines in last-match order, then the conflicted files and the ignore patterns, both
    without owners (which GitHub reads as "nobody")."""
    out: List[str] = []
    previous = None
    for rule in rules:
        if rule.role != previous:
            out += ["", f"# {_comment(str(rule.role))}"]
            previous = rule.role
        out.append(" ".join((pattern_token(rule, prefix, GITHUB),) + owners[str(rule.role)]))
    if conflicted:
        out += ["", _CONFLICTS, *conflicted]
    if rolemap.ignores:
        out += ["", _IGNORED] + [pattern_token(rule, prefix, GITHUB) for rule in rolemap.ignores]
    return out


@dataclass(frozen=True)
class _Line:
    """One GitLab line for a role-map pattern: its token, owners (none: an exclusion), key, and the paths it
    matches (relative to the role map, in the role map's terms)."""

    role: Optional[str]
    token: str
    owners: Tuple[str, ...]
    key: str  # GitLab keys a section's lines by their normalised pattern
    pattern: Pattern


def _gitlab_lines(rolemap: RoleMap, rules: Sequence[Rule], owners: Dict[str, Tuple[str, ...]],
                  conflicts: Sequence[Conflicted], tokens: Sequence[str], prefix: str) -> List[str]:
    """The role map's lines in last-match order, in as few sections as exclusions allow (see the module)."""
    lines = [line for rule in rules for line in _lines(rule, prefix, owners[str(rule.role)])]
    # GitLab keeps a repeated pattern at its first line's place with its last line's owners: the last line
    # decides every path the pattern matches, so the earlier lines go.
    last = {line.key: i for i, line in enumerate(lines)}
    lines = [line for i, line in enumerate(lines) if last[line.key] == i]
    ignores = [line for rule in rolemap.ignores for line in _lines(rule, prefix, ())]
    overlaps = Overlaps([line.pattern for line in lines + ignores])
    sections: List[List[int]] = [[]]
    for i, line in enumerate(lines):  # an exclusion must not take the files of a later line of its section
        if line.owners and any(not lines[j].owners and overlaps(j, i) for j in sections[-1]):
            sections.append([])
        sections[-1].append(i)
    out: List[str] = []
    for number, section in enumerate(sections):
        owned = [i for i in section if lines[i].owners]
        if number:
            out += ["", *_NEXT_SECTION, f"[Role map, part {number + 1}]"]
        previous = None
        for i in section:
            line = lines[i]
            if line.role != previous:
                out += ["", f"# {_comment(str(line.role))}"]
                previous = line.role
            out.append(" ".join((line.token,) + line.owners) if line.owners else "!" + line.token)
        later = [j for rest in sections[number + 1:] for j in rest if any(overlaps(i, j) for i in owned)]
        if later:
            out += ["", "# Decided in a later section, so not in this one"] + ["!" + lines[j].token for j in later]
        # The first section lists every conflict and ignore pattern; a later one those its lines can match.
        excluded = [t for c, t in zip(conflicts, tokens)
                    if not number or any(lines[i].pattern.matches(c.path) for i in owned)]
        if excluded:
            out += ["", _CONFLICTS] + ["!" + token for token in excluded]
        ignored = [k for k, _ in enumerate(ignores) if not number or any(overlaps(i, len(lines) + k) for i in owned)]
        if ignored:
            out += ["", _IGNORED] + ["!" + ignores[k].token for k in ignored]
    return out


def _lines(rule: Rule, prefix: str, owners: Tuple[str, ...]) -> List[_Line]:
    """The GitLab lines for ``rule``: one, or for a pattern that matches a file or everything beneath a
    directory, one for files (``name``) and one for what is beneath directories (``name/``)."""
    tokens = pattern_tokens(rule, prefix, GITLAB)
    pattern = rule.pattern
    meanings = [pattern]
    if pattern.end is End.PREFIX:
        meanings = [Pattern.from_segments(rule.glob, pattern.segments, End.EXACT),
                    Pattern.from_segments(rule.glob + "/", pattern.segments + (DOUBLE_STAR,), End.DESCENDANT)]
    return [_Line(rule.role, token, owners, gitlab_key(token), meaning) for token, meaning in zip(tokens, meanings)]


def _owners(rolemap: RoleMap, dialect: str) -> Dict[str, Tuple[str, ...]]:
    """Each role's owners; a role without an ``owners`` key, or with an owner the platform rejects, is an error."""
    found: Dict[str, Tuple[str, ...]] = {}
    for role in rolemap.roles:
        where = (role.origin.source, role.origin.line, role.origin.column) if role.origin else (rolemap.source,)
        if not role.has_owners:
            raise ConfigError(f"role {role.name!r} has no owners key: add owners = [\"@org/team\"], or owners = [] "
                              "to write its lines without owners", *where)
        bad = next((o for o in role.owners if not OWNER[dialect].match(o)), None)
        if bad is not None:
            raise ConfigError(f"role {role.name!r}: owner {bad!r} is not valid on {PLATFORM[dialect]}", *where)
        found[role.name] = tuple(dict.fromkeys(role.owners))
    return found


def _file_tokens(conflicts: Sequence[Conflicted], files: Sequence[str], ownerless: Set[str], prefix: str,
                 dialect: str) -> List[str]:
    """An anchored token for each conflicted file. A character the dialect cannot write (GitHub: ``[ ] * ?
    \\``; control characters) is written ``?``, which is exact as long as the token matches no file of the
    tree that should have owners: that is checked, and otherwise an error, as is a name that is not UTF-8."""
    tokens: List[str] = []
    stand_ins: List[Rule] = []
    for conflict in conflicts:
        written: List[str] = []
        glob: List[str] = []
        try:
            written += [literal(prefix, dialect) + "/"] if prefix else []  # the prefix is written exactly
            for char in conflict.path:
                try:
                    written.append(literal(char, dialect))
                    glob.append("\\" + char if char in "*?[]\\" else char)
                except Inexpressible:
                    if unicodedata.category(char) == "Cs":
                        raise
                    written.append("?")
                    glob.append("?")
            tokens.append(finish("/" + "".join(written), dialect))
        except Inexpressible as err:
            raise ConfigError(f"cannot write the conflicted file {_shown(conflict.path)} in a {PLATFORM[dialect]} "
                              f"CODEOWNERS file ({err}): resolve the conflict in the role map") from None
        if "?" in written:
            stand_in = "/" + "".join(glob)
            stand_ins.append(Rule(len(stand_ins), conflict.path, stand_in, Origin("", 0, 0), Pattern(stand_in)))
    if stand_ins:  # which files do the '?' tokens match beyond their own?
        for path, outcome in zip(files, Resolver(stand_ins, "last").resolve(files)):
            if outcome.status == OWNED and path not in ownerless:
                assert outcome.winner is not None
                raise ConfigError(f"cannot write the conflicted file {_shown(str(outcome.winner.role))} in a "
                                  f"{PLATFORM[dialect]} CODEOWNERS file: the line standing for it would also match "
                                  f"{_shown(path)}, which has owners: resolve the conflict in the role map")
    return tokens


def _shown(path: str) -> str:
    return repr(path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


def _comment(text: str) -> str:
    """``text`` safe on one comment line: control characters shown as escapes."""
    return "".join(c if unicodedata.category(c) not in ("Cc", "Cs", "Zl", "Zp") else repr(c)[1:-1] for c in text)


def rejected(problems: Sequence[Problem], dialect: str) -> List[Problem]:
    """The problems that are errors: the platform skips the line or reads it otherwise than written (GitHub
    skips every line it reports). A GitLab line without owners is reported ("missing owner") but GitLab
    applies it as written: it decides its section's paths, which then have no owners; ``resolve`` does so."""
    return [p for p in problems if not (dialect == GITLAB and p.kind == "missing owner")]


def mismatches(rolemap: RoleMap, files: Sequence[str], text: str, prefix: str = "",
               dialect: str = GITHUB) -> List[Tuple[str, Tuple[str, ...], Tuple[str, ...]]]:
    """(file, owners the role map gives, owners ``text`` gives) for every file where they differ.

    A line of ``text`` that the platform would reject raises ``ValueError`` (see ``rejected``).
    """
    owners = {role.name: tuple(dict.fromkeys(role.owners)) for role in rolemap.roles}
    expected = [owners[o.owner] if o.status == OWNED and o.owner else ()
                for o in Resolver(rolemap.all_rules, rolemap.resolution).resolve(files)]
    codeowners = parse(text, "CODEOWNERS", dialect)
    errors = rejected(codeowners.problems, dialect)
    if errors:
        problem = errors[0]
        raise ValueError(f"line {problem.line} would be rejected ({problem.message}): {problem.source}")
    top = [f"{prefix}/{f}" if prefix else f for f in files]
    found, _ = resolve(codeowners, top)
    return [(f, e, o.owners) for f, e, o in zip(files, expected, found) if e != o.owners]


def verify(rolemap: RoleMap, files: Sequence[str], text: str, prefix: str = "", dialect: str = GITHUB) -> str:
    """Empty when ``text`` is exact for ``files``, else what is wrong (a bug: the export is meant to be exact)."""
    try:
        wrong = mismatches(rolemap, files, text, prefix, dialect)
    except ValueError as err:
        return str(err)
    if not wrong:
        return ""
    path, expected, found = wrong[0]
    return (f"{len(wrong)} files would get other owners than the role map gives them, first {path!r}: "
            f"{' '.join(found) or 'no owners'} instead of {' '.join(expected) or 'no owners'}")
