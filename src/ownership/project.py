"""Glue between the adapters and the core: find the role map and the files of the tree it governs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence

from ownership.errors import ConfigError, UsageError
from ownership.rules import RoleMap


def shown(path: Path) -> str:
    """``path`` as the user should see it: relative to the current directory when near it, else absolute."""
    relative = Path(os.path.relpath(path, Path.cwd()))
    return relative.as_posix() if relative.parts[:3].count("..") < 3 else path.as_posix()


@dataclass(frozen=True)
class Project:
    """A role map and the directory it governs (its patterns are relative to that directory)."""

    base: Path
    rolemap: RoleMap

    @property
    def root(self) -> str:
        return shown(self.base)

    def files(self, rev: Optional[str] = None, untracked: bool = False) -> List[str]:
        from ownership.gitfiles import list_files

        return list_files(self.base, rev=rev, untracked=untracked)

    def relative(self, args: Sequence[str]) -> List[str]:
        """Command-line paths (relative to the current directory) -> paths relative to ``base``."""
        mapped = []
        for arg in args:
            full = os.path.normpath(os.path.join(os.getcwd(), arg))
            relative = os.path.relpath(full, self.base)
            if relative == "." or relative.startswith(".." + os.sep) or relative == "..":
                raise UsageError(f"{arg}: path is outside {self.root}, the directory of the role map")
            mapped.append(Path(relative).as_posix())
        return mapped


def open_project(root: Optional[str], config: Optional[str]) -> Project:
    """The project at ``root`` (default: the top of the current work tree), or of ``config``."""
    from ownership.config import find_rolemap, load_rolemap

    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise ConfigError("no such role map file", config)
    else:
        if root is not None:
            top = Path(root)
            if not top.is_dir():
                raise UsageError(f"{root}: no such directory")
        else:
            from ownership.gitfiles import worktree_top

            top = worktree_top(Path.cwd())
        path = find_rolemap(top)
    path = path.resolve()
    return Project(path.parent, load_rolemap(path, shown(path)))
