"""Everything that finds or reads a rules file: the role map, CODEOWNERS, the baseline, and how paths are shown."""

from __future__ import annotations

import codecs
import os
from typing import TYPE_CHECKING, Optional

from ownership.adapters.fspath import AnyPath, FsPath, clean, is_under, join, name, parent
from ownership.adapters.reading import decode_text, is_fd_path, read_bytes, read_text
from ownership.codeowners.names import GITHUB, GITLAB, LOCATIONS
from ownership.core.rules import RoleMap
from ownership.errors import ConfigError
from ownership.rolemap.names import PYPROJECT, ROLEMAP_NAMES, declares_rolemap

if TYPE_CHECKING:
    from ownership.analysis.baseline import Baseline
    from ownership.codeowners.syntax import CodeOwners


def shown(path: AnyPath) -> str:
    """``path`` as the user should see it: relative to the current directory when near it, else absolute (a
    file descriptor, such as ``/dev/fd/63``, as it was named)."""
    path = clean(path)
    if is_fd_path(path):
        return path
    relative = os.path.relpath(path, os.getcwd())  # clean already
    return relative if relative.split("/")[:3].count("..") < 3 else path


def find_rolemap(root: AnyPath, top: Optional[AnyPath] = None) -> FsPath:
    """The role map of ``root``: ownership.toml, else .ownership.toml, else pyproject's [tool.ownership]; with
    ``top`` (a directory above ``root``), the nearest one in ``root`` or a directory above it up to ``top``, as
    git, ruff and pre-commit find their configuration (issue 12)."""
    root, top = clean(root), (clean(top) if top is not None else None)
    found = find_rolemap_upward(root, top or root)
    if found is None:
        where = f"in {root}" if top is None or root == top else f"in {root} and its parents up to {top}"
        raise ConfigError(
            f"no role map {where}: looked for {', '.join(ROLEMAP_NAMES)} and [tool.ownership] in {PYPROJECT}"
            " (create one with 'ownership init')"
        )
    return found


def find_rolemap_upward(start: FsPath, top: FsPath) -> Optional[FsPath]:
    """The nearest role map in ``start`` or its parents up to ``top`` (only ``start`` when it is not in ``top``)."""
    directory = start
    while True:
        for file_name in ROLEMAP_NAMES:
            if os.path.isfile(join(directory, file_name)):
                return join(directory, file_name)
        pyproject = join(directory, PYPROJECT)
        if os.path.isfile(pyproject) and declares_rolemap(_read(pyproject, pyproject, within=top)):
            return pyproject
        if directory == top or parent(directory) == directory or not is_under(directory, top):
            return None
        directory = parent(directory)


def load_rolemap(path: AnyPath, source: Optional[str] = None, within: Optional[AnyPath] = None) -> RoleMap:
    """Read and validate the role map at ``path``; ``source`` is the name used in messages. With ``within``
    (the repository), a ``path`` that leads out of it through a symlink is refused unread."""
    from ownership.rolemap.parse import parse_rolemap  # lazily, for start-up time: a CODEOWNERS hook reads none

    path = clean(path)
    source = source or path
    text = _read(path, source, within)
    return parse_rolemap(text, source, pyproject=name(path) == PYPROJECT)


def _read(path: FsPath, source: str, within: Optional[AnyPath] = None) -> str:
    return read_text(path, source, "the role map", within)


def find_codeowners(top: AnyPath, dialect: Optional[str] = None) -> Optional[FsPath]:
    """The CODEOWNERS the platform would use: GitHub's order (``.github/``, the top, ``docs/``), or GitLab's
    (the top, ``docs/``, ``.gitlab/``) with ``dialect`` gitlab; with no dialect, GitHub's order and then
    ``.gitlab/CODEOWNERS``, which only GitLab reads."""
    order = LOCATIONS[dialect] if dialect else LOCATIONS[GITHUB] + LOCATIONS[GITLAB]
    return next((join(top, file) for file in dict.fromkeys(order) if os.path.isfile(join(top, file))), None)


def load_codeowners(path: AnyPath, dialect: Optional[str] = None) -> CodeOwners:
    """Read and parse a CODEOWNERS file; one in a ``.gitlab`` directory is GitLab's unless told otherwise.
    GitHub ignores a file of 3 MB or more: so does the GitHub dialect, as an error."""
    path = clean(path)
    source = shown(path)
    if dialect is None and name(parent(path)) == ".gitlab":
        dialect = GITLAB
    return codeowners_from_bytes(read_bytes(path, source, "CODEOWNERS"), source, dialect)


def codeowners_from_bytes(data: bytes, source: str, dialect: Optional[str] = None) -> CodeOwners:
    """CODEOWNERS bytes (a file's, or git's copy at a revision) decoded and parsed; ``dialect`` None picks
    GitLab when the text has section headers. GitLab reads a BOM as part of the first line (``parse``
    reports it); a GitHub file of 3 MB or more is refused before it is parsed, as GitHub ignores it."""
    # lazily, for start-up time: a role map's hook reads no CODEOWNERS (the parser and its regular
    # expressions cost 3 ms to import; issue 14)
    from ownership.codeowners.lexer import check_size, detect_dialect
    from ownership.codeowners.parse import parse

    text = decode_text(data, source)
    if data.startswith(codecs.BOM_UTF8):  # decode_text drops it; GitLab's reading keeps it
        text = "\ufeff" + text
    dialect = dialect or detect_dialect(text)
    if dialect == GITHUB:
        check_size(data, source)
    return parse(text, source, dialect)


def load_baseline(path: AnyPath, source: str, within: Optional[AnyPath] = None,
                  write_with: str = "ownership baseline") -> "Baseline":
    """The baseline at ``path``, read by the guarded reader: bounded, a regular file, and with ``within`` (the
    repository) never through a symlink that leads out of it. ``write_with``: the command that writes it."""
    path = clean(path)
    if not os.path.exists(path) and not os.path.islink(path):
        raise ConfigError(f"no such baseline file (write one with '{write_with}')", source)
    from ownership.analysis.baseline import parse as parse_baseline  # lazily, for start-up time: --baseline only

    return parse_baseline(read_text(path, source, "the baseline", within), source)
