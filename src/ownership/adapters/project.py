"""Glue between the adapters and the core: find the rules (role map or CODEOWNERS) and the files they govern."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, List, Mapping, Optional, Sequence, Tuple, Union

from ownership.errors import ConfigError, GitError, OwnershipError, UsageError
from ownership.adapters.fspath import AnyPath, FsPath, clean, is_under, join, parent
from ownership.adapters.fspath import name as name_of
from ownership.adapters.reading import is_fd_path, refuse_escape
from ownership.adapters.rulefiles import (
    codeowners_from_bytes, find_codeowners, find_rolemap, find_rolemap_upward, load_codeowners, load_rolemap, shown,
)
from ownership.core.record import Record
from ownership.core.rules import RoleMap

if TYPE_CHECKING:
    from ownership.codeowners.lint import Declared
    from ownership.codeowners.syntax import CodeOwners
    from ownership.model.report import Explanation, Report

# The two sources of ownership: told apart with isinstance, which mypy follows into each branch.
Rules = Union[RoleMap, "CodeOwners"]  # (CodeOwners imported where one is read: a role map's hook reads none)


class Project(Record):
    """The rules and the directory they govern: a role map's patterns are relative to its directory,
    CODEOWNERS patterns to the top of the work tree."""

    __slots__ = ("base", "rules", "path", "revision")

    def __init__(self, base: FsPath, rules: Rules, path: Optional[FsPath] = None,
                 revision: Optional[str] = None) -> None:
        self.base = base
        self.rules = rules
        self.path = path  # the file the rules were read from
        self.revision = revision  # the revision whose copy of that file was read (``--rev``), else None

    @property
    def rules_file(self) -> Optional[str]:
        """The rules' own file relative to ``base`` (as git lists it), or None when it lies outside."""
        if self.path is None:
            return None
        relative = os.path.relpath(self.path, self.base)  # clean already
        return None if relative == ".." or relative.startswith("../") else relative

    @property
    def root(self) -> str:
        return shown(self.base)

    @property
    def is_codeowners(self) -> bool:
        return not isinstance(self.rules, RoleMap)

    @property
    def rolemap(self) -> Optional[RoleMap]:
        """The role map, or None when the rules are a CODEOWNERS file."""
        return self.rules if isinstance(self.rules, RoleMap) else None

    @property
    def semantics(self) -> str:
        """How the rules decide: the role map's resolution mode, or the CODEOWNERS dialect."""
        return self.rules.dialect if not isinstance(self.rules, RoleMap) else self.rules.resolution

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
            raise UsageError("give FILES or --base, not both")
        if files:
            paths, whole = self.given(files, rev, untracked)
            if whole:
                return paths, True
            paths = sorted(paths)
        elif changed_since is not None:
            paths = self.changed_files(changed_since, rev, untracked)
        else:
            return self.files(rev, untracked), True
        if self.rules_file is not None and self.rules_file in paths:
            return self.files(rev, untracked), True
        return paths, False

    def given(self, args: Sequence[str], rev: Optional[str] = None, untracked: bool = False,
              must_exist: bool = True) -> Tuple[List[str], bool]:
        """Paths as a user types them (relative to the current directory) -> the files they stand for, and
        whether that is the whole tree: a file as named; a directory, the files git lists under it (the index,
        or ``rev``'s tree; untracked ones too with ``untracked``); the rules' directory itself (``.`` at the
        top), every file. With ``must_exist``, a path that is neither listed nor on disk is an error naming it
        (issue 12), except a deletion the index holds (in HEAD, no longer in the index, as pre-commit may pass
        it), which is left out: there is no file left to own."""
        # lazily, for start-up time: a command imports only what it runs
        from ownership.adapters.gitfiles import has_commit, list_files

        named = self.relative(args, base_ok=True)
        if "." in named:
            return self.files(rev, untracked), True
        found: List[List[str]] = [[] for _ in named]  # per path given, in the order given
        dirs: List[int] = []
        missing: List[int] = []
        for i, path in enumerate(named):
            full = os.path.join(self.base, path)  # (both clean already: a stat needs no more)
            if os.path.isdir(full) and not os.path.islink(full):  # a link to a directory is one entry, as git lists it
                dirs.append(i)
            elif not must_exist or os.path.lexists(full):
                found[i] = [path]  # the common case (pre-commit's staged files): no git process
            else:
                missing.append(i)
        if dirs:
            listed = list_files(self.base, rev, untracked, under=[named[i] for i in dirs])
            for i in dirs:
                found[i] = [p for p in listed if p.startswith(named[i] + "/")]
                if not found[i] and must_exist:
                    raise UsageError(f"{args[i]}: no file git lists under this directory"
                                     + ("" if untracked else " (add --untracked for the files git does not track)"))
        if missing:
            tracked = set(list_files(self.base, rev, under=[named[i] for i in missing]))
            rest = [i for i in missing if named[i] not in tracked]
            deleted = set(list_files(self.base, "HEAD", under=[named[i] for i in rest])) \
                if rest and rev is None and has_commit(self.base) else set()
            unknown = [args[i] for i in rest if named[i] not in deleted]
            if unknown:
                more = f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""
                where = f"in {rev}" if rev is not None else "by git"
                raise UsageError(f"{unknown[0]}: no such file: not tracked {where} and not on disk{more}")
            for i in missing:
                found[i] = [named[i]] if named[i] in tracked else []
        return list(dict.fromkeys(p for paths in found for p in paths)), False

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
        from ownership.adapters.gitfiles import read_file

        name = name or self.rules_file
        data = read_file(self.base, commit, name) if name is not None else None
        if data is None or name is None:
            return Project(self.base, self._empty(label), self.path)
        return self._read_at(data, label, name, codeowners=self.is_codeowners)

    def own_rules_at(self, commit: str, label: str, renames: Mapping[str, str], named: bool) -> "Project":
        """The rules ``commit`` itself used (issue 12: ``diff`` across the commit that adopts a role map): the
        file named on the command line (``named``) if it was there, else that side's role map (the current one's
        name first, followed through a rename), else its CODEOWNERS where the platform looks (when the rules
        govern the top of the work tree), else no rules."""
        # lazily, for start-up time: a command imports only what it runs
        from ownership.adapters.gitfiles import read_file
        from ownership.adapters.reading import decode_text
        from ownership.codeowners.names import GITHUB, GITLAB, LOCATIONS
        from ownership.rolemap.parse import PYPROJECT, ROLEMAP_NAMES, declares_rolemap

        current = self.rules_file
        old = renames.get(current, current) if current is not None else None
        if named:
            if old is None:  # a file outside the tree has no past
                return Project(self.base, self._empty(label), self.path)
            data = read_file(self.base, commit, old)
            if data is not None:
                return self._read_at(data, label, old, codeowners=self.is_codeowners)
        own = [old] if old is not None and not self.is_codeowners else []
        for name in dict.fromkeys(own + [*ROLEMAP_NAMES, PYPROJECT]):
            data = read_file(self.base, commit, name)
            if data is None:
                continue
            if name_of(name) == PYPROJECT and not declares_rolemap(decode_text(data, f"{label}:{name}")):
                continue
            return self._read_at(data, label, name, codeowners=False)
        # CODEOWNERS lives at the top and governs the whole tree: a role map in a subdirectory that replaces it
        # is compared with it on the files below that subdirectory (the returned project's ``base`` is the top).
        top = clean(os.path.realpath(self.repository()))
        dialect = self.rules.dialect if not isinstance(self.rules, RoleMap) else None
        places = LOCATIONS[dialect] if dialect else LOCATIONS[GITHUB] + LOCATIONS[GITLAB]
        own = [old] if old is not None and self.is_codeowners else []
        for name in dict.fromkeys(own + list(places)):
            data = read_file(top, commit, name)
            if data is not None:
                return self._read_at(data, label, name, codeowners=True).replace(base=top)
        return Project(self.base, self._empty(label), self.path)

    def _empty(self, source: str) -> Rules:
        """No rules at all, of the current kind."""
        if not isinstance(self.rules, RoleMap):
            from ownership.codeowners.syntax import CodeOwners

            return CodeOwners(source, self.rules.dialect, ())
        return RoleMap(source, self.rules.resolution, (), ())

    def _read_at(self, data: bytes, label: str, name: str, codeowners: bool) -> "Project":
        """The rules in ``data``, git's copy of ``name`` at the commit ``label`` names."""
        # lazily, for start-up time: a command imports only what it runs
        from ownership.rolemap.parse import PYPROJECT, declares_rolemap, parse_rolemap
        from ownership.adapters.reading import check_size, decode_text
        from ownership.codeowners.names import GITLAB

        source = f"{label}:{name}"
        # git's copy goes through the checks of every other read: the size bound, the UTF-8 decoder and, for
        # CODEOWNERS, the same reading as the work tree's file (GitLab's BOM, GitHub's 3 MB limit).
        check_size(data, source, "CODEOWNERS" if codeowners else "the role map")
        rules: Rules
        if codeowners:
            dialect = self.rules.dialect if not isinstance(self.rules, RoleMap) else None
            if dialect is None and name_of(parent(name)) == ".gitlab":
                dialect = GITLAB
            rules = codeowners_from_bytes(data, source, dialect)
            return Project(self.base, rules, self.path)
        text = decode_text(data, source)
        pyproject = name_of(name) == PYPROJECT
        if pyproject and not declares_rolemap(text):
            resolution = self.rules.resolution if isinstance(self.rules, RoleMap) else "specific"
            return Project(self.base, RoleMap(source, resolution, (), ()), self.path)
        return Project(self.base, parse_rolemap(text, source, pyproject=pyproject), self.path)

    def report(self, paths: Sequence[str], whole_tree: bool = True, declared: Optional["Declared"] = None,
               lint_kinds: Optional[Sequence[str]] = None, deciding: bool = False) -> "Report":
        """The report of ``paths``; for CODEOWNERS with the lint findings of ``lint_kinds`` (default: those
        ``check`` shows without being asked); ``deciding`` also records each file's deciding rule (for the
        HTML page)."""
        # lazily, for start-up time: a command imports only what it runs
        if not isinstance(self.rules, RoleMap):
            from ownership.analysis.codeowners import build_codeowners_report
            from ownership.model.findings import DEFAULT_WARN_ON

            kinds = DEFAULT_WARN_ON if lint_kinds is None else lint_kinds
            return build_codeowners_report(self.rules, paths, self.root, whole_tree, declared, kinds, deciding)
        from ownership.analysis.report import build_report

        # The hints of unused patterns read every name of the tree: only when they are shown.
        hints = lint_kinds is not None and "unused" in lint_kinds
        return build_report(self.rules, paths, self.root, whole_tree, deciding, hints)

    def declared(self, owners_file: Optional[str] = None) -> Optional["Declared"]:
        """The owners the project declares, for CODEOWNERS lint: ``owners_file`` (one a line) if given, else
        the ``owners`` of the role map in the root if there is one, else None (nothing to compare with)."""
        # lazily, for start-up time: only a CODEOWNERS check lints (a role map's hook imports no lint)
        from ownership.adapters.reading import read_text

        if owners_file is not None:
            from ownership.codeowners.lint import parse_owners_file

            text = read_text(clean(owners_file), owners_file, "the owners file", within=self.repository())
            return parse_owners_file(text, owners_file)
        if not self.is_codeowners or self.revision is not None:
            # A revision's CODEOWNERS was read because that revision has no role map: the work tree's is not its.
            return None
        try:
            path = find_rolemap(self.base)
        except ConfigError:
            return None
        # Issue 10: a committed ``ownership.toml -> /proc/self/environ`` beside CODEOWNERS was read here unchecked.
        rolemap = load_rolemap(path, shown(path), within=self.base)
        from ownership.codeowners.lint import Declared

        return Declared(rolemap.source, tuple(dict.fromkeys(o for role in rolemap.roles for o in role.owners)))

    def explain_paths(self, paths: Sequence[str]) -> List["Explanation"]:
        """Why each of ``paths`` has its owners (``who``), all of them resolved together."""
        # lazily, for start-up time: a command imports only what it runs
        from ownership.analysis.explain import explain_codeowners_paths, explain_paths

        if not isinstance(self.rules, RoleMap):
            return explain_codeowners_paths(self.rules, paths)
        return explain_paths(self.rules, paths)

    def relative(self, args: Sequence[str], base_ok: bool = False) -> List[str]:
        """Command-line paths (relative to the current directory) -> paths relative to ``base``; with
        ``base_ok``, ``base`` itself is allowed, as ``.``."""
        mapped = []
        cwd = os.getcwd()
        # A path under the base is its tail: ``relpath`` asks the system for the current directory twice per
        # call (4,129 paths given to ``who``: 0.2 s), so it serves only the paths that are not.
        top = os.path.abspath(self.base)
        under = top if top.endswith(os.sep) else top + os.sep
        for arg in args:
            full = os.path.normpath(os.path.join(cwd, arg))
            if full.startswith(under) and len(full) > len(under):
                mapped.append(full[len(under):])  # clean already (normpath)
                continue
            relative = os.path.relpath(full, self.base)
            if _leaves(relative):
                # Written through a symlink (``$PWD/a/f`` when $PWD is a link to the repository, ``--root link
                # link/a/f``): compare resolved directories. Only the directory is resolved: the path need not
                # exist, and a symlink that is itself the path is the file git tracks, not its target.
                head, tail = os.path.split(full)
                relative = os.path.relpath(os.path.join(os.path.realpath(head), tail), os.path.realpath(self.base))
            if base_ok and relative == ".":
                mapped.append(".")
                continue
            if _leaves(relative):
                raise UsageError(f"{arg}: path is outside {self.root}, the directory the rules apply to")
            mapped.append(relative)  # clean already (relpath)
        return mapped

    def repository(self) -> FsPath:
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
    root: Optional[str], config: Optional[str], codeowners: Optional[str] = None, dialect: Optional[str] = None,
    rev: Optional[str] = None,
) -> Project:
    """The rules for ``root`` (default: where the user stands): ``config`` or ``codeowners`` if given, else the
    role map found in ``root`` (default: the nearest one from the current directory up to the top of the work
    tree, issue 12), else the CODEOWNERS file the platform would use at the top. With ``rev``, the rules found
    so in that revision's tree (issue 12: a revision means its own rules), unless a file is named."""
    if config is not None and codeowners is not None:
        raise UsageError("--config and --codeowners exclude each other: give one source of ownership")
    if rev is not None and config is None and codeowners is None:
        return _project_at(root, rev, dialect)
    if config is not None:
        path = find_rolemap_file(root, config)
        if is_fd_path(config):  # a pipe (``--config <(...)``): its patterns are relative to the root
            return Project(_resolved(top_of(root)), load_rolemap(path, config), None)
    else:
        top = top_of(root)
        if codeowners is not None:
            named = find_codeowners_file(top, codeowners, dialect)
            assert named is not None  # a named file is there or an error
            if is_fd_path(codeowners):
                return Project(_resolved(top), load_codeowners(named, dialect), None)
            return Project(_resolved(top), load_codeowners(_resolved(named), dialect), _resolved(named))
        start = top if root is not None else _here(top)
        found = find_rolemap_upward(start, top)
        if found is None:
            codeowners_file = find_codeowners_file(top, None, dialect)
            if codeowners_file is None:
                raise ConfigError(_nothing_found(start, top, dialect))
            return Project(_resolved(top), load_codeowners(_resolved(codeowners_file), dialect),
                           _resolved(codeowners_file))
        path = inside(found, top)
    path = _resolved(path)
    # A named file that is not a regular one (/dev/zero, a directory) is refused under the name it was given.
    source = config if config is not None and not os.path.isfile(path) else shown(path)
    return Project(parent(path), load_rolemap(path, source), path)


def _resolved(path: FsPath) -> FsPath:
    """``Path(path).resolve()``: absolute, every symlink followed."""
    return clean(os.path.realpath(path))


def _project_at(root: Optional[str], rev: str, dialect: Optional[str]) -> Project:
    """The rules ``rev`` holds, found in its tree as ``open_project`` finds them in the work tree."""
    # lazily, for start-up time: a command imports only what it runs
    from ownership.adapters.gitfiles import read_file, tree_of
    from ownership.adapters.reading import check_size, decode_text
    from ownership.codeowners.names import GITHUB, GITLAB, LOCATIONS
    from ownership.rolemap.parse import PYPROJECT, ROLEMAP_NAMES, declares_rolemap, parse_rolemap

    top = _resolved(top_of(root))
    tree = tree_of(top, rev)
    start = top if root is not None else _here(top)
    below = os.path.relpath(start, top)  # clean already; start lies in top
    parts = () if below == "." else tuple(below.split("/"))
    for depth in range(len(parts), -1, -1):
        directory = "/".join(parts[:depth])
        for name in (*ROLEMAP_NAMES, PYPROJECT):
            relative = f"{directory}/{name}" if directory else name
            data = read_file(top, tree, relative)
            if data is None:
                continue
            source = f"{rev}:{relative}"
            check_size(data, source, "the role map")
            text = decode_text(data, source)
            if name == PYPROJECT and not declares_rolemap(text):
                continue
            rules = parse_rolemap(text, source, pyproject=name == PYPROJECT)
            return Project(join(top, directory), rules, join(top, relative), rev)
    places = LOCATIONS[dialect] if dialect else LOCATIONS[GITHUB] + LOCATIONS[GITLAB]
    for name in dict.fromkeys(places):
        data = read_file(top, tree, name)
        if data is not None:
            chosen = dialect or (GITLAB if name.startswith(".gitlab/") else None)
            return Project(top, codeowners_from_bytes(check_size(data, f"{rev}:{name}", "CODEOWNERS"),
                                                      f"{rev}:{name}", chosen), join(top, name), rev)
    raise ConfigError(_nothing_found(start, top, dialect).replace("no ownership rules found: ",
                                                                   f"no ownership rules in {rev}: ", 1))


def _here(top: FsPath) -> FsPath:
    """The current directory, where the search for a role map starts, when it lies in ``top`` (else ``top``)."""
    here = clean(os.getcwd())
    return here if is_under(here, top) else top


def _nothing_found(start: FsPath, top: FsPath, dialect: Optional[str]) -> str:
    """What was looked for, and where, when there are no rules at all."""
    from ownership.codeowners.names import GITHUB, GITLAB, LOCATIONS
    from ownership.rolemap.parse import PYPROJECT, ROLEMAP_NAMES

    places = LOCATIONS[dialect] if dialect else LOCATIONS[GITHUB] + LOCATIONS[GITLAB]
    rolemaps = f"{', '.join(ROLEMAP_NAMES)}, [tool.ownership] in {PYPROJECT}"
    if start == top:
        looked = f"in {top} for {rolemaps}, {', '.join(dict.fromkeys(places))}"
    else:
        looked = (f"for {rolemaps} in {start} and each directory above it up to {top}, and for "
                  f"{', '.join(dict.fromkeys(places))} in {top}")
    return (f"no ownership rules found: looked {looked} (start with 'ownership init', "
            "or 'ownership import' an existing CODEOWNERS)")


def find_rolemap_file(root: Optional[str], config: Optional[str]) -> FsPath:
    """The role map that governs ``root``: ``config`` if given, else the one at the top of ``root`` (default:
    the current work tree); either way never a file reached through a symlink out of the repository."""
    if config is not None:
        path = clean(config)
        # anything else that is not a regular file is refused by the reader, saying what it is
        if not os.path.exists(path):
            raise ConfigError("no such role map file", config)
        # A file named in a workflow (``--config ownership.toml``) is still the pull request's to make a link.
        return inside(path, enclosing_top(root), config)
    top = top_of(root)
    return inside(find_rolemap(top), top)


def find_codeowners_file(top: Optional[AnyPath], codeowners: Optional[str], dialect: Optional[str]) -> Optional[FsPath]:
    """The CODEOWNERS file that governs ``top``: ``codeowners`` if given (it must be a file), else the one the
    platform would use there (None when there is none); either way never a file reached through a symlink out
    of the repository."""
    if codeowners is not None:
        path = clean(codeowners)
        # anything else that is not a regular file is refused by the reader, saying what it is
        if not os.path.exists(path):
            raise ConfigError("no such CODEOWNERS file", codeowners)
        return inside(path, top, codeowners)
    assert top is not None, "a CODEOWNERS file is looked for in a directory"
    found = find_codeowners(top, dialect)
    return inside(found, top) if found is not None else None


def enclosing_top(root: Optional[str]) -> Optional[FsPath]:
    """The repository of ``root`` (default: the current directory's), or None outside any."""
    try:
        return top_of(root)
    except OwnershipError:
        return None


def inside(path: FsPath, top: Optional[AnyPath], source: Optional[str] = None) -> FsPath:
    """``path``, a rules file in ``top``, unless it leads through a symlink out of the repository: a pull
    request could commit ``CODEOWNERS -> /proc/self/environ`` and have its lines echoed in messages. "The
    repository" is the one holding ``top`` and the one holding the current directory: ``--root services`` with
    ``services -> /other/repo`` leads out of the latter. A link to another file of the same repository
    (``sub/ownership.toml -> ../ownership.toml``, with ``--root sub``) is fine. ``source`` names ``path`` in
    the error (default: as ``shown``)."""
    # lazily, for start-up time: a command imports only what it runs
    from ownership.adapters.gitfiles import worktree_top

    own: Optional[AnyPath] = top
    if top is not None:
        try:
            own = worktree_top(top)
        except OwnershipError:
            pass
    for repository in dict.fromkeys([own, enclosing_top(None)]):
        refuse_escape(path, repository, source or shown(path))
    return path


def top_of(root: Optional[str]) -> FsPath:
    """The directory a command's ROOT names (it must exist), or by default the top of the current work tree."""
    if root is None:
        # lazily, for start-up time: a command imports only what it runs
        from ownership.adapters.gitfiles import worktree_top

        return worktree_top(os.getcwd())
    top = clean(root)
    if not os.path.isdir(top):
        raise UsageError(f"{root}: no such directory")
    return top
