"""Role map -> CODEOWNERS text that gives every file of the tree exactly the owners the role map resolves. Pure.

The platform decides by the last matching line, so the lines are laid out for that rule:

- ``last``: the role map's document order, which is already the last-match order;
- ``specific``: from general to specific (stable in document order), so that the last matching line is
  the most specific one; equally specific lines of two roles are the role map's conflicts;
- ``strict``: document order; a file that two roles claim is a conflict.

Conflicted files get an explicit owner-less line each, and ``settings.ignore`` patterns come last as
owner-less lines, so neither gets owners (for GitLab both are exclusions, ``!pattern``). Patterns are
re-based from the role map's directory onto the repository's top, where the platform reads CODEOWNERS.
``mismatches`` evaluates the text with the platform's semantics (``codeowners.resolve``) and lists every
file whose owners would differ.
"""

from __future__ import annotations

import shlex
import unicodedata
from dataclasses import dataclass
from typing import Dict, List, Sequence, Set, Tuple

from ownership.codeowners import GITHUB, OWNER, parse, resolve
from ownership.errors import ConfigError
from ownership.matcher import CONFLICT, OWNED, Resolver
from ownership.patterns import End, Pattern
from ownership.rules import Origin, RoleMap, Rule

GENERATED_MARK = "by `ownership codeowners`"
_PLATFORM = {"github": "GitHub", "gitlab": "GitLab"}


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


class Inexpressible(Exception):
    """A name or pattern that the dialect cannot write."""


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
    previous = None
    for rule in rules:
        if rule.role != previous:
            out += ["", f"# {_comment(str(rule.role))}"]
            previous = rule.role
        out.append(" ".join((pattern_token(rule, prefix, dialect),) + owners[str(rule.role)]))
    # GitHub: an owner-less line, last. GitLab: an exclusion ("!pattern"), which GitLab documents for this,
    # where it calls an owner-less line an error (that it auto-approves).
    no_owners = "" if dialect == GITHUB else "!"
    if conflicts:
        out += ["", "# Conflicts in the role map: no owners until it decides (`ownership check` lists them)"]
        ownerless = {p for p, o in zip(files, outcomes) if o.status != OWNED or not owners[str(o.owner)]}
        out += [no_owners + token for token in _file_tokens(conflicts, files, ownerless, prefix, dialect)]
    if rolemap.ignores:
        out += ["", "# Ignored (settings.ignore): no owners"]
        out += [no_owners + pattern_token(rule, prefix, dialect) for rule in rolemap.ignores]
    return Export("\n".join(out) + "\n", len(rolemap.all_rules), tuple(conflicts), command)


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
            raise ConfigError(f"role {role.name!r}: owner {bad!r} is not valid on {_PLATFORM[dialect]}", *where)
        found[role.name] = tuple(dict.fromkeys(role.owners))
    return found


def pattern_token(rule: Rule, prefix: str, dialect: str) -> str:
    """The CODEOWNERS token for ``rule``'s pattern, re-based by ``prefix``; an error names role and pattern."""
    try:
        return _rebased(rule, prefix, dialect)
    except Inexpressible as err:
        owner = f"role {rule.role!r}" if rule.role is not None else "settings.ignore"
        origin = rule.origin
        raise ConfigError(f"{owner}: pattern {rule.glob!r} cannot be written in a {_PLATFORM[dialect]} "
                          f"CODEOWNERS file: {err}", origin.source, origin.line, origin.column) from None


def _rebased(rule: Rule, prefix: str, dialect: str) -> str:
    glob = rule.glob if rule.glob.endswith("\\ ") else rule.glob.rstrip()
    if not prefix:
        token = _convert(glob, dialect)
    else:  # the normalised segments (as patterns.py forms them), anchored below the prefix
        parts = glob.split("/")
        is_dir = parts[-1] == ""
        if parts[0] == "":
            del parts[0]
        elif len(parts) == 1 or (len(parts) == 2 and is_dir):
            parts.insert(0, "**")
        if is_dir:
            parts[-1] = "**"
        parts = [p for i, p in enumerate(parts) if not (p == "**" and i and parts[i - 1] == "**")]
        if parts == ["**"]:
            parts = ["**", "*", "**"] if is_dir else ["**", "*"]
        if rule.pattern.end is End.DESCENDANT:
            parts[-1] = ""
        token = "/" + "/".join([_literal(prefix, dialect)] + [_convert(p, dialect) for p in parts])
    return _finish(token, dialect)


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
            written += [_literal(prefix, dialect) + "/"] if prefix else []  # the prefix is written exactly
            for char in conflict.path:
                try:
                    written.append(_literal(char, dialect))
                    glob.append("\\" + char if char in "*?[]\\" else char)
                except Inexpressible:
                    if unicodedata.category(char) == "Cs":
                        raise
                    written.append("?")
                    glob.append("?")
            tokens.append(_finish("/" + "".join(written), dialect))
        except Inexpressible as err:
            raise ConfigError(f"cannot write the conflicted file {_shown(conflict.path)} in a {_PLATFORM[dialect]} "
                              f"CODEOWNERS file ({err}): resolve the conflict in the role map") from None
        if "?" in written:
            stand_in = "/" + "".join(glob)
            stand_ins.append(Rule(len(stand_ins), conflict.path, stand_in, Origin("", 0, 0), Pattern(stand_in)))
    if stand_ins:  # which files do the '?' tokens match beyond their own?
        for path, outcome in zip(files, Resolver(stand_ins, "last").resolve(files)):
            if outcome.status == OWNED and path not in ownerless:
                assert outcome.winner is not None
                raise ConfigError(f"cannot write the conflicted file {_shown(str(outcome.winner.role))} in a "
                                  f"{_PLATFORM[dialect]} CODEOWNERS file: the line standing for it would also match "
                                  f"{_shown(path)}, which has owners: resolve the conflict in the role map")
    return tokens


def _shown(path: str) -> str:
    return repr(path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


def _finish(token: str, dialect: str) -> str:
    if token.endswith("\\ "):
        raise Inexpressible("a trailing space is lost when CODEOWNERS is read")
    if token.startswith("!"):
        if dialect == GITHUB:
            raise Inexpressible("a leading '!' is read as negation, which GitHub rejects")
        token = "\\" + token
    return token


def _convert(raw: str, dialect: str) -> str:
    """Role-map glob text (``\\x`` is a literal ``x``) -> token text: wildcards kept, literals escaped."""
    out: List[str] = []
    i = 0
    while i < len(raw):
        char = raw[i]
        if char == "\\":
            out.append(_literal(raw[i + 1], dialect))
            i += 2
            continue
        out.append(char if char in "*?" else _literal(char, dialect))
        i += 1
    return "".join(out)


def _literal(text: str, dialect: str) -> str:
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


def _comment(text: str) -> str:
    """``text`` safe on one comment line: control characters shown as escapes."""
    return "".join(c if unicodedata.category(c) not in ("Cc", "Cs", "Zl", "Zp") else repr(c)[1:-1] for c in text)


def mismatches(rolemap: RoleMap, files: Sequence[str], text: str, prefix: str = "",
               dialect: str = GITHUB) -> List[Tuple[str, Tuple[str, ...], Tuple[str, ...]]]:
    """(file, owners the role map gives, owners ``text`` gives) for every file where they differ.

    A line of ``text`` that the platform would reject raises ``ValueError``.
    """
    owners = {role.name: tuple(dict.fromkeys(role.owners)) for role in rolemap.roles}
    expected = [owners[o.owner] if o.status == OWNED and o.owner else ()
                for o in Resolver(rolemap.all_rules, rolemap.resolution).resolve(files)]
    codeowners = parse(text, "CODEOWNERS", dialect)
    if codeowners.problems:
        problem = codeowners.problems[0]
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
