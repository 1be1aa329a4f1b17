"""Write output files whole or not at all.

A report is written to a temporary file beside its destination and renamed
into place, so an interrupted or failed run never leaves half a file behind.
"""

from __future__ import annotations

import os
import sys
import tempfile

from ..errors import OutputError


def check_writable(path: str) -> None:
    """Fail early, before any work, when ``path`` cannot be written."""
    if path == "-":
        return
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise OutputError(path, f"directory {folder} does not exist")
    if os.path.isdir(path):
        raise OutputError(path, "is a directory")
    if not os.access(folder, os.W_OK):
        raise OutputError(path, f"directory {folder} is not writable")


def write_text(path: str, text: str) -> None:
    """Write ``text`` to ``path`` atomically, or to stdout when ``path`` is ``-``."""
    if path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    check_writable(path)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".reportdiff-", dir=folder)
    except OSError as exc:
        raise OutputError(path, exc.strerror or "cannot be written") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give what open() would
        os.replace(tmp, path)
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise OutputError(path, exc.strerror or "cannot be written") from exc


def _umask() -> int:
    """The process umask (reading it means setting it; put it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
