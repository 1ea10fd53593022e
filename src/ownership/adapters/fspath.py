"""File system paths as strings, for the modules on a hook's path (issue 14: ``pathlib`` costs 3 ms to import
on Python 3.11, through ``urllib.parse`` and ``ipaddress``, about a tenth of what a hook may spend).

Each function gives what ``pathlib.PurePosixPath`` gives for the same text, so that every path shown in a
message reads as it did: ``clean("./a//b/")`` is ``a/b``, as ``str(Path("./a//b/"))``.
"""

from __future__ import annotations

import os
from typing import Iterator, Union

FsPath = str  # a file system path, written as pathlib writes it (``clean``)
AnyPath = Union[str, "os.PathLike[str]"]  # what a caller may pass: a str, or a pathlib.Path of a command that has one


def clean(path: AnyPath) -> FsPath:
    """``path`` as ``str(Path(path))``: no empty or ``.`` component, no trailing ``/`` (``..`` kept)."""
    text = os.fspath(path)
    root = "//" if text.startswith("//") and not text.startswith("///") else "/" if text.startswith("/") else ""
    tail = "/".join(part for part in text.split("/") if part and part != ".")
    return root + tail if root or tail else "."


def join(base: AnyPath, *names: str) -> FsPath:
    """``Path(base).joinpath(*names)`` (a name that is absolute replaces what precedes it)."""
    return clean(os.path.join(os.fspath(base), *names))


def parent(path: FsPath) -> FsPath:
    """``Path(path).parent`` of a ``clean`` path: the root and ``.`` are their own parent."""
    cut = path.rfind("/")
    if cut < 0:
        return "."
    head = path[:cut]
    return path[:cut + 1] if head in ("", "/") else head


def name(path: FsPath) -> str:
    """``Path(path).name`` of a ``clean`` path."""
    last = path.rpartition("/")[2]
    return "" if last in ("", ".") else last


def ancestors(path: FsPath) -> Iterator[FsPath]:
    """``Path(path).parents`` of a ``clean`` path, nearest first."""
    while True:
        up = parent(path)
        if up == path:
            return
        yield up
        path = up


def is_under(path: FsPath, top: FsPath) -> bool:
    """Whether the ``clean`` path ``path`` is ``top`` or lies in it, as written (``top in Path(path).parents``)."""
    if path == top:
        return True
    if top == ".":
        return not path.startswith("/")  # pathlib's "." is a parent of every relative path, ".." included
    if top in ("/", "//"):  # a root: the one path starts with (``//`` is a root of its own on POSIX)
        return _root(path) == top
    return path.startswith(top + "/")


def _root(path: FsPath) -> str:
    return "//" if path.startswith("//") else "/" if path.startswith("/") else ""
