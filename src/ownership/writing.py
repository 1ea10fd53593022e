"""Writing files safely: atomically (temporary file, then rename), never overwriting unless asked."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ownership.errors import UsageError


def write_atomically(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never a mix.

    Refuses an existing file unless ``force``; keeps an existing file's mode.
    """
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise UsageError(f"{path}: refusing to write over something that is not a regular file")
    if path.exists() and not force:
        raise UsageError(f"{path} exists; use --force to overwrite it")
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise UsageError(f"{path}: cannot write: {err.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
