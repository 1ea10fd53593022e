"""Long file lists rolled up by directory (counts, the biggest first), for the human formats of big trees.

``Record`` classes, not frozen dataclasses: the text format (a hook's) imports this module (issue 14).
"""

from __future__ import annotations

from collections import Counter
from typing import List, Sequence, Tuple

from ownership.core.record import Record
from ownership.model.words import count

DEFAULT_LIMIT = 20  # rows of a roll-up, and the longest list shown file by file


class Directory(Record):
    """``count`` files of a list under ``path`` (``"src/legacy/"``; ``"./"`` for the files at the top)."""

    __slots__ = ("path", "count")

    def __init__(self, path: str, count: int) -> None:
        self.path = path
        self.count = count


class RollUp(Record):
    """A list of files as at most ``limit`` directories, the biggest first, and what did not fit."""

    __slots__ = ("total", "directories", "more_directories", "more_files")

    def __init__(self, total: int, directories: Tuple[Directory, ...], more_directories: int = 0,
                 more_files: int = 0) -> None:
        self.total = total
        self.directories = directories
        self.more_directories = more_directories  # directories left out by the limit
        self.more_files = more_files  # the files in them


def _key(parts: Tuple[str, ...], depth: int) -> str:
    return "/".join(parts[:depth]) + "/" if parts else "./"


def roll_up(paths: Sequence[str], limit: int = DEFAULT_LIMIT) -> RollUp:
    """``paths`` grouped by directory at the deepest level that still fits in ``limit`` rows, cut to the
    ``limit`` biggest with the count of the rest when even the top-level directories do not fit, or when the
    level that fits is one directory (``legacy/``: its subdirectories say more)."""
    limit = max(limit, 1)
    # Files per directory once (a tree has far fewer directories than files), then each level from those.
    per_directory: Counter = Counter(path.rpartition("/")[0] for path in paths)
    folders = [(tuple(name.split("/")) if name else (), number) for name, number in per_directory.items()]
    deepest = max((len(parts) for parts, _ in folders), default=0)

    def level(depth: int) -> Counter:
        counts: Counter = Counter()
        for parts, number in folders:
            counts[_key(parts, depth)] += number
        return counts

    counts = level(1)
    for depth in range(2, deepest + 1):
        finer = level(depth)
        if len(finer) > limit and len(counts) > 1:
            break
        counts = finer
        if len(finer) > limit:
            break
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shown = tuple(Directory(path, number) for path, number in ordered[:limit])
    rest = ordered[limit:]
    return RollUp(len(paths), shown, len(rest), sum(number for _, number in rest))


def rolled_up(paths: Sequence[str], limit: int, list_files: bool) -> bool:
    """Whether a list is shown rolled up: longer than ``limit`` (0: never) and not asked for in full."""
    return not list_files and limit > 0 and len(paths) > limit


def files(number: int) -> str:
    """``1 file``, ``2 files``."""
    return count(number, "file")


def directories(number: int) -> str:
    """``1 directory``, ``2 directories``."""
    return count(number, "directory")


def rest_line(rollup: RollUp) -> List[str]:
    """The words for what the limit left out, if anything."""
    if not rollup.more_directories:
        return []
    more = directories(rollup.more_directories).replace(" ", " more ", 1)
    return [f"{more} with {files(rollup.more_files)}"]
