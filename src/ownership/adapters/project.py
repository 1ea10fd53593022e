"""Glue between the adapters and the core: find the rules (role map or CODEOWNERS) and the files they govern."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional, Sequence, Tuple, Union

from ownership.errors import ConfigError, GitError, OwnershipError, UsageError
from ownership.adapters.reading import refuse_escape
from ownership.adapters.rulefiles import (
    codeowners_from_bytes, find_codeowners, find_rolemap, load_codeowners, load_rolemap, shown,
)
from ownership.codeowners.syntax import CodeOwners
from ownership.core.record import Record
from ownership.core.rules import RoleMap

if TYPE_CHECKING:
    from ownership.codeowners.lint import Declared
    from ownership.model.report import Explanation, Report

# The two sources of ownership: told apart with isinstance, which mypy follows into each branch.
Rules = Union[RoleMap, CodeOwners]


class Project(Record):
    """The rules and the directory they govern: a role map's patterns are relative to its directory,
    CODEOWNERS patterns to the top of the work tree."""

    __slots__ = ("base", "rules", "path")

    def __init__(self, base: Path, rules: Rules, path: Optional[Path] = None) -> None:
        self.base = base
        self.rules = rules
        self.path = path  # the file the rules were read from

    @property
    def rules_file(self) -> Optional[str]:
        """The rules' own file relative to ``base`` (as git lists it), or None when it lies outside."""
        if self.path is None:
            return None
        relative = Path(os.path.relpath(self.path, self.base))
        return None if relative.parts[:1] == ("..",) else relative.as_posix()

    @property
    def root(self) -> str:
        return shown(self.base)

    @property
    def is_codeowners(self) -> bool:
        return isinstance(self.rules, CodeOwners)

    @property
    def rolemap(self) -> Optional[RoleMap]:
        """The role map, or None when the rules are a CODEOWNERS file."""
        return self.rules if isinstance(self.rules, RoleMap) else None

    @property
    def semantics(self) -> str:
        """How the rules decide: the role map's resolution mode, or the CODEOWNERS dialect."""
        return self.rules.dialect if isinstance(self.rules, CodeOwners) else self.rules.resolution

    def files(self, rev: Optional[str] = None, untracked: bool = False) -> List[str]:
        # lazily, for start-up time: a command imports only what it runs
        from ownership.adapters.gitfiles import list_files

        return list_files(self.base, rev=rev, untracked=untracked)

    def selection(
        self, files: Sequence[str], changed_since: Optional[str], rev: Optional[str], untracked: bool
    ) -> Tuple[List[str], bool]:
        """The files a check covers, and whether that is the whole tree: the ``files`` given (relative to
        the current directory), or those changed since ``changed_since``, or else every file. A change to
        the rules' own file can change the owner of any file, so it widens the check to the whole tree."""
        if files and changed_since is not None:
            raise UsageError("give FILES or --changed-since, not both")
        if files:
            paths = sorted(set(self.relative(files)))
        elif changed_since is not None:
            paths = self.changed_files(changed_since, rev, untracked)
        else:
            return self.files(rev, untracked), True
        if self.rules_file is not None and self.rules_file in paths:
            return self.files(rev, untracked), True
        return paths, False

    def changed_files(self, ref: str, rev: Optional[str] = None, untracked: bool = False) -> List[str]:
        """Files added, modified, copied or renamed between the merge base of ``ref`` and the checked tree
        (``rev``'s, else the index, plus untracked files when asked), in git's order."""
        # lazily, for start-up time: a command imports only what it runs
        from ownership.adapters.gitfiles import changes, list_files, merge_base

        found = {c.new for c in changes(self.base, merge_base(self.base, ref, rev), rev) if c.status != "D"}
        if untracked and rev is None:
            found.update(set(list_files(self.base, untracked=True)) - set(list_files(self.base)))
        return sorted(found, key=os.fsencode)

    def at(self, commit: str, label: str, name: Optional[str] = None) -> "Project":
        """The same project with the rules as they were in ``commit`` (none when the file did not exist), read
        from ``name`` there (default: where they are now); ``label`` names the commit in messages, as in
        ``origin/main:ownership.toml:3:10``."""
        # lazily, for start-up time: a command imports only what it runs
        from ownership.rolemap.parse import PYPROJECT, declares_rolemap, parse_rolemap
        from ownership.adapters.gitfiles import read_file
        from ownership.adapters.reading import check_size, decode_text

        name = name or self.rules_file
        data = read_file(self.base, commit, name) if name is not None else None
        source = f"{label}:{name}" if name is not None else label
        # git's copy goes through the checks of every other read: the size bound, the UTF-8 decoder and, for
        # CODEOWNERS, the same reading as the work tree's file (GitLab's BOM, GitHub's 3 MB limit).
        if data is not None:
            check_size(data, source, "CODEOWNERS" if self.is_codeowners else "the role map")
        rules: Rules
        if isinstance(self.rules, CodeOwners):
            dialect = self.rules.dialect
            rules = (codeowners_from_bytes(data, source, dialect) if data is not None
                     else CodeOwners(source, dialect, ()))
            return Project(self.base, rules, self.path)
        text = decode_text(data, source) if data is not None else None
        if text is None or (name is not None and Path(name).name == PYPROJECT and not declares_rolemap(text)):
            rules = RoleMap(source, self.rules.resolution, (), ())
        else:
            rules = parse_rolemap(text, source, pyproject=name is not None and Path(name).name == PYPROJECT)
        return Project(self.base, rules, self.path)

    def report(self, paths: Sequence[str], whole_tree: bool = True, declared: Optional["Declared"] = None,
               lint_kinds: Optional[Sequence[str]] = None, deciding: bool = False) -> "Report":
        """The report of ``paths``; for CODEOWNERS with the lint findings of ``lint_kinds`` (default: those
        ``check`` shows without being asked); ``deciding`` also records each file's deciding rule (for the
        HTML page)."""
        # lazily, for start-up time: a command imports only what it runs
        from ownership.analysis.report import build_codeowners_report, build_report
        from ownership.model.findings import DEFAULT_WARN_ON

        if isinstance(self.rules, CodeOwners):
            kinds = DEFAULT_WARN_ON if lint_kinds is None else lint_kinds
            return build_codeowners_report(self.rules, paths, self.root, whole_tree, declared, kinds, deciding)
        return build_report(self.rules, paths, self.root, whole_tree, deciding)

    def declared(self, owners_file: Optional[str] = None) -> Optional["Declared"]:
        """The owners the project declares, for CODEOWNERS lint: ``owners_file`` (one a line) if given, else
        the ``owners`` of the role map in the root if there is one, else None (nothing to compare with)."""
        # lazily, for start-up time: only a CODEOWNERS check lints
        from ownership.codeowners.lint import Declared, parse_owners_file
        from ownership.adapters.reading import read_text

        if owners_file is not None:
            text = read_text(Path(owners_file), owners_file, "the owners file", within=self.repository())
            return parse_owners_file(text, owners_file)
        if not self.is_codeowners:
            return None
        try:
            path = find_rolemap(self.base)
        except ConfigError:
            return None
        # Issue 10: a committed ``ownership.toml -> /proc/self/environ`` beside CODEOWNERS was read here unchecked.
        rolemap = load_rolemap(path, shown(path), within=self.base)
        return Declared(rolemap.source, tuple(dict.fromkeys(o for role in rolemap.roles for o in role.owners)))

    def explain(self, path: str) -> "Explanation":
        # lazily, for start-up time: a command imports only what it runs
        from ownership.analysis.explain import explain, explain_codeowners

        if isinstance(self.rules, CodeOwners):
            return explain_codeowners(self.rules, path)
        return explain(self.rules, path)

    def relative(self, args: Sequence[str]) -> List[str]:
        """Command-line paths (relative to the current directory) -> paths relative to ``base``."""
        mapped = []
        for arg in args:
            full = os.path.normpath(os.path.join(os.getcwd(), arg))
            relative = os.path.relpath(full, self.base)
            if _leaves(relative):
                # Written through a symlink (``$PWD/a/f`` when $PWD is a link to the repository, ``--root link
                # link/a/f``): compare resolved directories. Only the directory is resolved: the path need not
                # exist, and a symlink that is itself the path is the file git tracks, not its target.
                head, tail = os.path.split(full)
                relative = os.path.relpath(os.path.join(os.path.realpath(head), tail), self.base.resolve())
            if _leaves(relative):
                raise UsageError(f"{arg}: path is outside {self.root}, the directory the rules apply to")
            mapped.append(Path(relative).as_posix())
        return mapped

    def repository(self) -> Path:
        """The top of the work tree holding ``base`` (``base`` itself when it is in none): the directory out of
        which no file named on the command line may lead through a symlink."""
        # lazily, for start-up time: a command imports only what it runs
        from ownership.adapters.gitfiles import worktree_top

        try:
            return worktree_top(self.base)
        except GitError:
            return self.base


def _leaves(relative: str) -> bool:
    """Whether a path relative to the rules' directory is that directory or lies outside it."""
    return relative == "." or relative == ".." or relative.startswith(".." + os.sep)


def open_project(
    root: Optional[str], config: Optional[str], codeowners: Optional[str] = None, dialect: Optional[str] = None
) -> Project:
    """The rules for ``root`` (default: the top of the current work tree): ``config`` or ``codeowners`` if
    given, else the role map found there, else the CODEOWNERS file the platform would use."""
    if config is not None and codeowners is not None:
        raise UsageError("--config and --codeowners exclude each other: give one source of ownership")
    if config is not None:
        path = find_rolemap_file(root, config)
    else:
        top = top_of(root)
        if codeowners is not None:
            named = find_codeowners_file(top, codeowners, dialect)
            assert named is not None  # a named file is there or an error
            return Project(top.resolve(), load_codeowners(named.resolve(), dialect), named.resolve())
        try:
            path = find_rolemap(top)
        except ConfigError:
            found = find_codeowners_file(top, None, dialect)
            if found is None:
                raise
            return Project(top.resolve(), load_codeowners(found.resolve(), dialect), found.resolve())
        path = inside(path, top)
    path = path.resolve()
    return Project(path.parent, load_rolemap(path, shown(path)), path)


def find_rolemap_file(root: Optional[str], config: Optional[str]) -> Path:
    """The role map that governs ``root``: ``config`` if given, else the one at the top of ``root`` (default:
    the current work tree); either way never a file reached through a symlink out of the repository."""
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise ConfigError("no such role map file", config)
        # A file named in a workflow (``--config ownership.toml``) is still the pull request's to make a link.
        return inside(path, enclosing_top(root), config)
    top = top_of(root)
    return inside(find_rolemap(top), top)


def find_codeowners_file(top: Optional[Path], codeowners: Optional[str], dialect: Optional[str]) -> Optional[Path]:
    """The CODEOWNERS file that governs ``top``: ``codeowners`` if given (it must be a file), else the one the
    platform would use there (None when there is none); either way never a file reached through a symlink out
    of the repository."""
    if codeowners is not None:
        path = Path(codeowners)
        if not path.is_file():
            raise ConfigError("no such CODEOWNERS file", codeowners)
        return inside(path, top, codeowners)
    assert top is not None, "a CODEOWNERS file is looked for in a directory"
    found = find_codeowners(top, dialect)
    return inside(found, top) if found is not None else None


def enclosing_top(root: Optional[str]) -> Optional[Path]:
    """The repository of ``root`` (default: the current directory's), or None outside any."""
    try:
        return top_of(root)
    except OwnershipError:
        return None


def inside(path: Path, top: Optional[Path], source: Optional[str] = None) -> Path:
    """``path``, a rules file in ``top``, unless it leads through a symlink out of the repository: a pull
    request could commit ``CODEOWNERS -> /proc/self/environ`` and have its lines echoed in messages. "The
    repository" is the one holding ``top`` and the one holding the current directory: ``--root services`` with
    ``services -> /other/repo`` leads out of the latter. A link to another file of the same repository
    (``sub/ownership.toml -> ../ownership.toml``, with ``--root sub``) is fine. ``source`` names ``path`` in
    the error (default: as ``shown``)."""
    # lazily, for start-up time: a command imports only what it runs
    from ownership.adapters.gitfiles import worktree_top

    own: Optional[Path] = top
    if top is not None:
        try:
            own = worktree_top(top)
        except OwnershipError:
            pass
    for repository in dict.fromkeys([own, enclosing_top(None)]):
        refuse_escape(path, repository, source or shown(path))
    return path


def top_of(root: Optional[str]) -> Path:
    """The directory a command's ROOT names (it must exist), or by default the top of the current work tree."""
    if root is None:
        # lazily, for start-up time: a command imports only what it runs
        from ownership.adapters.gitfiles import worktree_top

        return worktree_top(Path.cwd())
    top = Path(root)
    if not top.is_dir():
        raise UsageError(f"{root}: no such directory")
    return top
