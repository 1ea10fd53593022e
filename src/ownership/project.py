"""Glue between the adapters and the core: find the rules (role map or CODEOWNERS) and the files they govern."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional, Sequence, Union

from ownership.errors import ConfigError, UsageError

if TYPE_CHECKING:
    from ownership.codeowners import CodeOwners
    from ownership.report import Explanation, Report
    from ownership.rules import RoleMap


def shown(path: Path) -> str:
    """``path`` as the user should see it: relative to the current directory when near it, else absolute."""
    relative = Path(os.path.relpath(path, Path.cwd()))
    return relative.as_posix() if relative.parts[:3].count("..") < 3 else path.as_posix()


@dataclass(frozen=True)
class Project:
    """The rules and the directory they govern: a role map's patterns are relative to its directory,
    CODEOWNERS patterns to the top of the work tree."""

    base: Path
    rules: Union["RoleMap", "CodeOwners"]

    @property
    def root(self) -> str:
        return shown(self.base)

    @property
    def is_codeowners(self) -> bool:
        return hasattr(self.rules, "dialect")

    def files(self, rev: Optional[str] = None, untracked: bool = False) -> List[str]:
        from ownership.gitfiles import list_files

        return list_files(self.base, rev=rev, untracked=untracked)

    def report(self, paths: Sequence[str], whole_tree: bool = True, deciding: bool = False) -> "Report":
        """The report on ``paths``; ``deciding`` also records each file's deciding rule (for the HTML page)."""
        from ownership.report import build_codeowners_report, build_report

        if self.is_codeowners:
            return build_codeowners_report(self.rules, paths, self.root, whole_tree, deciding)  # type: ignore[arg-type]
        return build_report(self.rules, paths, self.root, whole_tree, deciding)  # type: ignore[arg-type]

    def explain(self, path: str) -> "Explanation":
        from ownership.report import explain, explain_codeowners

        if self.is_codeowners:
            return explain_codeowners(self.rules, path)  # type: ignore[arg-type]
        return explain(self.rules, path)  # type: ignore[arg-type]

    def relative(self, args: Sequence[str]) -> List[str]:
        """Command-line paths (relative to the current directory) -> paths relative to ``base``."""
        mapped = []
        for arg in args:
            full = os.path.normpath(os.path.join(os.getcwd(), arg))
            relative = os.path.relpath(full, self.base)
            if relative == "." or relative.startswith(".." + os.sep) or relative == "..":
                raise UsageError(f"{arg}: path is outside {self.root}, the directory the rules apply to")
            mapped.append(Path(relative).as_posix())
        return mapped


def open_project(
    root: Optional[str], config: Optional[str], codeowners: Optional[str] = None, dialect: Optional[str] = None
) -> Project:
    """The rules for ``root`` (default: the top of the current work tree): ``config`` or ``codeowners`` if
    given, else the role map found there, else the CODEOWNERS file the platform would use."""
    from ownership.config import find_rolemap, load_rolemap

    if config is not None and codeowners is not None:
        raise UsageError("--config and --codeowners exclude each other: give one source of ownership")
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise ConfigError("no such role map file", config)
    else:
        top = _top(root)
        if codeowners is not None:
            path = Path(codeowners)
            if not path.is_file():
                raise ConfigError("no such CODEOWNERS file", codeowners)
            return Project(top.resolve(), load_codeowners(path.resolve(), dialect))
        try:
            path = find_rolemap(top)
        except ConfigError:
            found = find_codeowners(top, dialect)
            if found is None:
                raise
            return Project(top.resolve(), load_codeowners(found.resolve(), dialect))
    path = path.resolve()
    return Project(path.parent, load_rolemap(path, shown(path)))


def _top(root: Optional[str]) -> Path:
    if root is None:
        from ownership.gitfiles import worktree_top

        return worktree_top(Path.cwd())
    top = Path(root)
    if not top.is_dir():
        raise UsageError(f"{root}: no such directory")
    return top


def find_codeowners(top: Path, dialect: Optional[str] = None) -> Optional[Path]:
    """The CODEOWNERS the platform would use: GitHub's order, or GitLab's with ``dialect`` gitlab."""
    from ownership.codeowners import GITLAB, LOCATIONS

    order = LOCATIONS[GITLAB] if dialect == GITLAB else LOCATIONS["github"] + LOCATIONS[GITLAB]
    return next((top / name for name in dict.fromkeys(order) if (top / name).is_file()), None)


def load_codeowners(path: Path, dialect: Optional[str] = None) -> "CodeOwners":
    from ownership.codeowners import check_size, parse

    source = shown(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ConfigError(f"cannot read CODEOWNERS: {err.strerror or err}", source) from None
    check_size(data, source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise ConfigError(f"not UTF-8 text: invalid byte 0x{data[err.start]:02x}", source, line) from None
    return parse(text, source, dialect)
