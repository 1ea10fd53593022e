"""Compact patterns for a set of files given to roles: a directory pattern where every file beneath the
directory goes to the same role, else the file's own pattern. Pure; no I/O."""

from __future__ import annotations

from typing import Dict, List, Mapping, Optional, Sequence, Tuple

_MIXED = ""  # a directory whose files do not all go to one role (role names are never empty)
MIN_DIRECTORY_FILES = 2  # one file is no evidence about a directory: it keeps its own pattern


def escape_name(name: str) -> str:
    """A path segment as role-map pattern text: ``\\``, ``*`` and ``?`` escaped, and a trailing blank (which
    a pattern would lose)."""
    text = "".join("\\" + c if c in "\\*?" else c for c in name)
    return text[:-1] + "\\ " if text.endswith(" ") else text


def file_pattern(path: str) -> str:
    """The anchored pattern of one file: ``/src/app.py``."""
    return "/" + "/".join(escape_name(part) for part in path.split("/"))


def directory_pattern(directory: str) -> str:
    """The anchored pattern of everything under a directory: ``/src/app/``."""
    return file_pattern(directory) + "/"


def compact(chosen: Mapping[str, str], tree: Sequence[str]) -> List[Tuple[str, str, Tuple[str, ...]]]:
    """``(role, pattern, files)`` covering exactly the files of ``chosen`` (path -> role): for each file, the
    highest directory all of whose files in ``tree`` go to that role (at least ``MIN_DIRECTORY_FILES`` of
    them), else the file itself. ``tree`` is every file the new patterns could reach (the files that are not
    ignored): a directory holding any file not in ``chosen``, or given to another role, is never claimed, so
    the patterns change the owner of no other file. The top directory is never claimed. Ordered by role
    (first seen in ``chosen``), then by pattern; files keep ``tree``'s order."""
    agree: Dict[str, str] = {}  # directory -> its one role, or _MIXED
    count: Dict[str, int] = {}
    for path in tree:
        role = chosen.get(path, _MIXED)
        end = path.rfind("/")
        while end > 0:
            directory = path[:end]
            seen = agree.get(directory)
            agree[directory] = role if seen is None or seen == role else _MIXED
            count[directory] = count.get(directory, 0) + 1
            end = path.rfind("/", 0, end)
    order: Dict[str, int] = {}
    grouped: Dict[Tuple[str, str], List[str]] = {}
    listed = set()
    for path in tree:
        role_or_none: Optional[str] = chosen.get(path)
        if role_or_none is None or path in listed:
            continue
        listed.add(path)
        role = role_or_none
        order.setdefault(role, len(order))
        pattern = file_pattern(path)
        end = path.find("/")
        while end > 0:  # from the top down: the highest directory that agrees
            directory = path[:end]
            if agree.get(directory) == role and count[directory] >= MIN_DIRECTORY_FILES:
                pattern = directory_pattern(directory)
                break
            end = path.find("/", end + 1)
        grouped.setdefault((role, pattern), []).append(path)
    missing = [p for p in chosen if p not in listed]
    for path in missing:  # given but not in the tree: its own pattern
        order.setdefault(chosen[path], len(order))
        grouped.setdefault((chosen[path], file_pattern(path)), []).append(path)
    return [(role, pattern, tuple(files))
            for (role, pattern), files in sorted(grouped.items(), key=lambda item: (order[item[0][0]], item[0][1]))]
