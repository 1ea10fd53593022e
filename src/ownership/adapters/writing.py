"""Writing files safely: atomically (temporary file, then rename), never overwriting unless asked, never
through a symlink out of the repository."""

from __future__ import annotations

import os
import signal
import stat
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

from ownership.adapters.fspath import AnyPath
from ownership.adapters.reading import escape
from ownership.errors import UsageError


def write_atomically(path: Path, text: str, force: bool = False, within: Optional[AnyPath] = None,
                     make_parents: bool = False) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never a mix.

    Refuses an existing file unless ``force``, and anything that is not a regular file (a symlink
    included: the rename would replace the link, and following it could write anywhere); keeps an existing
    file's mode. Refuses to replace a file the user could not write in place (read-only, or another user's):
    a rename needs only the directory's permission, and would change what ``>`` would refuse. With ``within``
    (the top of the repository), refuses a ``path`` inside it whose directory leads out of it through a
    symlink, at any depth: a pull request can commit ``.github`` or ``services`` as a link to ``/etc``.
    ``make_parents`` creates missing directories first. Every failure is a ``UsageError``.

    SIGTERM and SIGHUP (a cancelled CI job, a closed terminal) remove the temporary file before the process
    dies of the signal; SIGKILL cannot be caught, and may leave a ``.NAME.*.tmp`` (mode 0600) beside ``path``.
    """
    if within is not None:
        check_within(path, within)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise UsageError(f"{path}: refusing to write over something that is not a regular file")
    if path.exists() and not force:
        raise UsageError(f"{path} exists; use --force to overwrite it")
    # New files get what the umask allows, as `open` would give them (the temporary's 0600 is for the temporary).
    umask = os.umask(0)
    os.umask(umask)
    if path.exists():
        status = path.stat()
        if not may_write(status):
            raise UsageError(f"{path}: refusing to replace a file you could not write (mode "
                             f"{stat.S_IMODE(status.st_mode):04o}, owner uid {status.st_uid})")
        mode = stat.S_IMODE(status.st_mode)
    else:
        mode = 0o666 & ~umask
    with _removed_on_signals() as temporaries:
        try:
            if make_parents:
                path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UsageError(f"{path}: cannot write: {err.strerror or err}") from None
        temporary = path.parent / f".{path.name}.{os.urandom(6).hex()}.tmp"
        temporaries.append(temporary)  # before it exists: a signal may come the moment it does
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except BaseException as err:
            temporaries.remove(temporary)  # never created, or someone else's: not ours to remove
            if isinstance(err, OSError):
                raise UsageError(f"{path}: cannot write: {err.strerror or err}") from None
            raise
        try:
            with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, path)
            temporaries.remove(temporary)
        except OSError as err:
            # Whatever stopped us (a full disk, Ctrl-C, a signal), the old file is untouched: only the temporary
            # goes (``_removed_on_signals`` removes what is still listed).
            raise UsageError(f"{path}: cannot write: {err.strerror or err}") from None


class _Signalled(BaseException):
    """A catchable termination signal, raised so that the temporary file is removed on the way out."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


@contextmanager
def _removed_on_signals() -> Iterator[List[Path]]:
    """Yield a list of files to remove however the block ends: normally, by an exception, or by SIGTERM or
    SIGHUP, after which the process dies of that signal as it would have. Signals that were not at their
    default action (ignored under ``nohup``, or handled by the caller) are left alone; so is every signal off
    the main thread, where Python cannot install handlers."""
    temporaries: List[Path] = []
    previous: Dict[int, Any] = {}
    try:
        if threading.current_thread() is threading.main_thread():
            for number in _SIGNALS:
                if signal.getsignal(number) == signal.SIG_DFL:
                    previous[number] = signal.signal(number, _raise)
        yield temporaries
    except _Signalled as err:
        _remove(temporaries)
        _restore(previous)
        signal.raise_signal(err.number)  # the default action: the process ends as killed by the signal
        raise SystemExit(128 + err.number)  # pragma: no cover - only if the default did not end it
    finally:  # normally, or on any other exception (Ctrl-C included)
        _remove(temporaries)
        _restore(previous)


_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _raise(number: int, frame: object) -> None:
    raise _Signalled(number)


def _restore(previous: Dict[int, Any]) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)
    previous.clear()


def _remove(paths: List[Path]) -> None:
    for path in paths:
        try:
            os.unlink(path)
        except OSError:
            pass
    paths.clear()


def may_write(status: os.stat_result) -> bool:
    """Whether the mode bits let the current user write the file of ``status``: the owner's bit for its owner,
    the group's for a member of its group, else the others' bit. Root is held to the bits too (it would pass
    any ``os.access`` check), so that CI running as root does not replace a file marked read-only. ACLs are
    not consulted."""
    mode = status.st_mode
    if status.st_uid == os.geteuid():
        return bool(mode & stat.S_IWUSR)
    if status.st_gid == os.getegid() or status.st_gid in os.getgroups():
        return bool(mode & stat.S_IWGRP)
    return bool(mode & stat.S_IWOTH)


def check_within(path: Path, top: AnyPath) -> None:
    """Refuse ``path`` when it lies inside ``top`` as written but its directory resolves outside it, through a
    symlink at any depth (``services -> /other/repo``, then ``services/ownership.toml``)."""
    absolute = Path(os.path.abspath(path))
    if escape(absolute.parent, top) is None:
        return
    # Name the nearest existing directory: directories still to be created cannot be links.
    directory = absolute.parent
    while not directory.exists() and directory != directory.parent:
        if directory.is_symlink():  # a dangling link: it points somewhere that does not exist yet
            break
        directory = directory.parent
    raise UsageError(f"{path}: refusing to write through a symlink that leads out of the repository "
                     f"({directory} -> {directory.resolve()})")
