"""The one reader of the files a pull request controls (role maps, CODEOWNERS, baselines, owners files):
bounded, never through a symlink out of the repository, never blocking on a FIFO, UTF-8 checked.

Issue 10: each of these was read its own way, and one of them (``Project.declared``) followed a committed
``ownership.toml -> /proc/self/environ`` and printed its text in an error. Line splitting stays with the
callers; this module only turns a path into text, or one ``ConfigError``.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from typing import Optional

from ownership.adapters.fspath import AnyPath, FsPath, ancestors, clean, is_under
from ownership.errors import ConfigError

# The largest file read (a real role map of 100,000 rules is about 6 MB): past it, reading and parsing would
# cost seconds and hundreds of MB, which a pull request must not be able to impose on CI.
READ_LIMIT = 8 * 1024 * 1024


# A file descriptor named on the command line, as process substitution gives one: ``--config <(git show ...)``.
_FD_PATH = re.compile(r"/(?:dev/fd|proc/self/fd)/[0-9]+")


def is_fd_path(name: AnyPath) -> bool:
    """Whether ``name`` is written as an open file descriptor (``/dev/fd/63``, ``/proc/self/fd/63``): a pipe
    named so was asked for by name, and is read (with the size limit) where any other FIFO is refused."""
    return bool(_FD_PATH.fullmatch(os.fspath(name)))


def escape(path: AnyPath, top: AnyPath) -> Optional[FsPath]:
    """Where ``path`` really leads, when it lies in ``top`` as written but leads out of it through a symlink
    (``services -> /other/repo``, any component, the last one included); else None. A path that is outside
    ``top`` as written (``--output /tmp/x``) was asked for by name: there is nothing to escape from.

    "In ``top`` as written" is judged by resolving each ancestor of ``path``: ``$PWD/a`` from a repository
    reached through a symlink lies in it, although its text does not start with the repository's real path."""
    real_top = clean(os.path.realpath(top))
    absolute = clean(os.path.abspath(path))
    real = clean(os.path.realpath(absolute))
    if is_under(real, real_top):
        return None
    if is_under(absolute, real_top) or is_under(absolute, clean(os.path.abspath(top))):
        return real
    for ancestor in ancestors(absolute):
        if is_under(clean(os.path.realpath(ancestor)), real_top):
            return real
    return None


def refuse_escape(path: AnyPath, top: Optional[AnyPath], source: str) -> None:
    """A ``ConfigError`` when ``path`` leads out of ``top`` through a symlink (see ``escape``)."""
    if top is None:
        return
    real = escape(path, top)
    if real is not None:
        how = "is a symlink" if os.path.islink(path) else "leads through a symlink"
        raise ConfigError(f"{how} to {real}, outside the repository; refusing to read it", source)


def read_bytes(path: AnyPath, source: str, what: str, within: Optional[AnyPath] = None,
               limit: Optional[int] = None) -> bytes:
    """The bytes of the regular file ``path``, or a ``ConfigError`` naming ``source``: when it leads out of
    ``within`` (the repository) through a symlink, is not a regular file (a FIFO would block, /dev/zero never
    ends), cannot be read, or holds more than ``limit`` bytes (default ``READ_LIMIT``; read no further). The one
    FIFO read is a pipe named as a file descriptor (``is_fd_path``): process substitution, which has a writer."""
    limit = READ_LIMIT if limit is None else limit
    refuse_escape(path, within, source)
    # Issue 12: a pipe named as a file descriptor (``--config <(...)``) has a writer: it is read, blocking.
    pipe = is_fd_path(path) and _is_fifo(path)
    try:
        # O_NONBLOCK: opening a FIFO for reading would wait for a writer; the check below then refuses it.
        nonblock = 0 if pipe else getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, os.O_RDONLY | nonblock | getattr(os, "O_NOCTTY", 0))
    except OSError as err:
        raise ConfigError(f"cannot read {what}: {err.strerror or err}", source) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode) and not (pipe and stat.S_ISFIFO(mode)):
        os.close(fd)
        kind = "a directory" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"
        raise ConfigError(f"cannot read {what}: it is {kind}, not a regular file", source)
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as err:
            raise ConfigError(f"cannot read {what}: {err.strerror or err}", source) from None
    if len(data) > limit:
        raise ConfigError(f"{what} is larger than {_size(limit)}; refusing to read it", source)
    return data


def _is_fifo(path: AnyPath) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        return False


def read_text(path: AnyPath, source: str, what: str, within: Optional[AnyPath] = None,
              limit: Optional[int] = None) -> str:
    """``read_bytes`` decoded by ``decode_text``."""
    return decode_text(read_bytes(path, source, what, within, limit), source)


def check_size(data: bytes, source: str, what: str, limit: Optional[int] = None) -> bytes:
    """``data`` (read from elsewhere, as git's copy of a file), or the error ``read_bytes`` gives past ``limit``."""
    limit = READ_LIMIT if limit is None else limit
    if len(data) > limit:
        raise ConfigError(f"{what} is larger than {_size(limit)}; refusing to read it", source)
    return data


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit} bytes"


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 text (a leading BOM dropped); a bad byte is a ``ConfigError`` at its line and column."""
    # Decode after dropping the BOM ourselves: "utf-8-sig" reports offsets that leave the BOM out.
    data = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        # Columns count characters, as everywhere else; the bytes before the bad one are valid UTF-8.
        column = len(data[data.rfind(b"\n", 0, err.start) + 1 : err.start].decode("utf-8")) + 1
        raise ConfigError(f"not UTF-8 text: invalid byte 0x{data[err.start]:02x}", source, line, column) from None
