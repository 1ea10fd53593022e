"""Everything that finds or reads a rules file: the role map, CODEOWNERS, the baseline, and how paths are shown."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from ownership.adapters.reading import decode_text, read_bytes, read_text
from ownership.analysis.baseline import Baseline, parse as parse_baseline
from ownership.codeowners.parse import parse
from ownership.codeowners.lexer import check_size, detect_dialect
from ownership.codeowners.syntax import GITHUB, GITLAB, LOCATIONS, CodeOwners
from ownership.core.rules import RoleMap
from ownership.errors import ConfigError
from ownership.rolemap.parse import PYPROJECT, ROLEMAP_NAMES, declares_rolemap, parse_rolemap


def shown(path: Path) -> str:
    """``path`` as the user should see it: relative to the current directory when near it, else absolute."""
    relative = Path(os.path.relpath(path, Path.cwd()))
    return relative.as_posix() if relative.parts[:3].count("..") < 3 else path.as_posix()


def find_rolemap(root: Path) -> Path:
    """The role map of ``root``: ownership.toml, else .ownership.toml, else pyproject's [tool.ownership]."""
    for name in ROLEMAP_NAMES:
        candidate = root / name
        if candidate.is_file():
            return candidate
    pyproject = root / PYPROJECT
    if pyproject.is_file() and declares_rolemap(_read(pyproject, str(pyproject), within=root)):
        return pyproject
    raise ConfigError(
        f"no role map in {root}: looked for {', '.join(ROLEMAP_NAMES)} and [tool.ownership] in {PYPROJECT}"
        " (create one with 'ownership init')"
    )


def load_rolemap(path: Path, source: Optional[str] = None, within: Optional[Path] = None) -> RoleMap:
    """Read and validate the role map at ``path``; ``source`` is the name used in messages. With ``within``
    (the repository), a ``path`` that leads out of it through a symlink is refused unread."""
    source = source or str(path)
    text = _read(path, source, within)
    return parse_rolemap(text, source, pyproject=path.name == PYPROJECT)


read_bounded = read_bytes  # its name before the reader had a module of its own (issue 10)


def _read(path: Path, source: str, within: Optional[Path] = None) -> str:
    return read_text(path, source, "the role map", within)


def find_codeowners(top: Path, dialect: Optional[str] = None) -> Optional[Path]:
    """The CODEOWNERS the platform would use: GitHub's order (``.github/``, the top, ``docs/``), or GitLab's
    (the top, ``docs/``, ``.gitlab/``) with ``dialect`` gitlab; with no dialect, GitHub's order and then
    ``.gitlab/CODEOWNERS``, which only GitLab reads."""
    order = LOCATIONS[dialect] if dialect else LOCATIONS[GITHUB] + LOCATIONS[GITLAB]
    return next((top / name for name in dict.fromkeys(order) if (top / name).is_file()), None)


def load_codeowners(path: Path, dialect: Optional[str] = None) -> CodeOwners:
    """Read and parse a CODEOWNERS file; one in a ``.gitlab`` directory is GitLab's unless told otherwise.
    GitHub ignores a file of 3 MB or more: so does the GitHub dialect, as an error."""
    source = shown(path)
    data = read_bytes(path, source, "CODEOWNERS")
    text = decode_text(data, source)
    if data.startswith(b"\xef\xbb\xbf"):  # GitLab reads the BOM as part of the first line; parse decides
        text = "\ufeff" + text
    if dialect is None:
        dialect = GITLAB if path.parent.name == ".gitlab" else detect_dialect(text)
    if dialect == GITHUB:  # before parsing: a file GitHub ignores is refused at once, not after seconds of work
        check_size(data, source)
    return parse(text, source, dialect)


def load_baseline(path: Path, source: str, within: Optional[Path] = None) -> Baseline:
    """The baseline at ``path``, read by the guarded reader: bounded, a regular file, and with ``within`` (the
    repository) never through a symlink that leads out of it."""
    if not path.exists() and not path.is_symlink():
        raise ConfigError("no such baseline file (write one with 'ownership baseline')", source)
    return parse_baseline(read_text(path, source, "the baseline", within), source)
