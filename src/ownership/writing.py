"""Writing files safely: atomically (temporary file, then rename), never overwriting unless asked, never
through a symlink out of the repository."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Optional

from ownership.errors import UsageError


def write_atomically(path: Path, text: str, force: bool = False, within: Optional[Path] = None,
                     make_parents: bool = False) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never a mix.

    Refuses an existing file unless ``force``, and anything that is not a regular file (a symlink
    included: the rename would replace the link, and following it could write anywhere); keeps an existing
    file's mode. With ``within`` (the top of the repository), refuses a ``path`` inside it whose directory
    leads out of it through a symlink: a pull request can commit ``.github`` as a link to ``/etc``.
    ``make_parents`` creates missing directories first. Every failure is a ``UsageError``.
    """
    if within is not None:
        _check_within(path, within)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise UsageError(f"{path}: refusing to write over something that is not a regular file")
    if path.exists() and not force:
        raise UsageError(f"{path} exists; use --force to overwrite it")
    # New files get what the umask allows, as `open` would give them (mkstemp's 0600 is for the temporary).
    umask = os.umask(0)
    os.umask(umask)
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~umask
    try:
        if make_parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise UsageError(f"{path}: cannot write: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as err:
        # Whatever stopped us (a full disk, Ctrl-C), the old file is untouched: only the temporary goes.
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(err, OSError):
            raise UsageError(f"{path}: cannot write: {err.strerror or err}") from None
        raise


def _check_within(path: Path, top: Path) -> None:
    """Refuse ``path`` when it lies inside ``top`` as written but its directory resolves outside it."""
    top = top.resolve()
    absolute = Path(os.path.abspath(path))
    try:
        absolute.relative_to(top)
    except ValueError:
        return  # a path outside the repository was asked for by name (--output): nothing to escape from
    # The nearest existing ancestor: directories still to be created cannot be links.
    directory = absolute.parent
    while not directory.exists() and directory != directory.parent:
        if directory.is_symlink():  # a dangling link: it points somewhere that does not exist yet
            break
        directory = directory.parent
    try:
        directory.resolve().relative_to(top)
    except ValueError:
        raise UsageError(f"{path}: refusing to write through a symlink that leads out of the repository "
                         f"({directory} -> {directory.resolve()})") from None
