"""Write output files whole or not at all, and never over an input.

A report is written to a temporary file beside its destination and renamed
into place, so an interrupted or failed run never leaves half a file behind.
Temporary files are named ``.reportdiff-tmp-<pid>-<random>``: an exception or
a signal removes its own on the way out, and what a ``kill -9`` or a power cut
leaves is swept by a later run writing to the same folder (files older than
that run whose process is gone).

Before any work, :func:`check_run_files` refuses outputs that resolve to an
input, to one another or to a file the run keeps (an index), outputs an audit
of the same folders would later read as reports, and existing read-only files.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import OutputError

TEMP_PREFIX = ".reportdiff-tmp-"
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"(\d+)-")
_STARTED = time.time()  # temp files from dead runs older than this one are swept
_swept: set[str] = set()
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class RunFiles:
    """Every path one run reads or writes, so they can be checked together first.

    Each entry is ``(what, path)``: ``what`` names the option or argument for
    the message (``--json``, ``REPORT_A``).
    """

    inputs: list[tuple[str, str]] = field(default_factory=list)
    outputs: list[tuple[str, str]] = field(default_factory=list)  # written by write_text
    kept: list[tuple[str, str]] = field(default_factory=list)  # written in place: an index, pages
    folders: list[str] = field(default_factory=list)  # audited folders


def check_run_files(files: RunFiles) -> None:
    """Fail before any work when an output cannot be written or would overwrite
    what the run reads, keeps or writes elsewhere.

    Raises:
        OutputError: naming the output and what it would overwrite.
    """
    written = [(what, path) for what, path in files.outputs if path != "-"]
    for _, path in written:
        check_writable(path)
    # /dev/null, a terminal, a pipe: written in place, nothing there to overwrite
    written = [(what, path) for what, path in written if not _special(path)]
    taken: dict[object, str] = {}
    for what, path in files.inputs:
        for key in _identities(path):
            taken.setdefault(key, f"would overwrite {_input_name(what)}")
    for what, path in [*written, *files.kept]:
        for key in _identities(path):
            if key in taken:
                raise OutputError(path, f"{what} {taken[key]}; choose another path")
        for key in _identities(path):
            taken[key] = f"is given to {what} too"
    for what, path in written:
        _refuse_inside_audited(what, path, files.folders)


def check_writable(path: str) -> None:
    """Fail early, before any work, when ``path`` cannot be written."""
    if path == "-":
        return
    info = _stat(path)
    if info is not None and not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        if not os.access(path, os.W_OK):  # /dev/null, /dev/stdout, a FIFO: written in place
            raise OutputError(path, "is not writable")
        return
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise OutputError(path, f"directory {folder} does not exist")
    if os.path.isdir(path):
        raise OutputError(path, "is a directory")
    if not os.access(folder, os.W_OK):
        raise OutputError(path, f"directory {folder} is not writable")
    if info is not None and _read_only(path, info):
        raise OutputError(path, "is read-only; not replacing it")


def write_text(path: str, text: str) -> None:
    """Write ``text`` to ``path`` atomically, or to stdout when ``path`` is ``-``.

    Bytes of file names that are not UTF-8 (surrogate escapes) are written as
    ``\\xNN``. An existing device or FIFO (``/dev/null``, a pipe) is written
    to directly, not replaced; a symbolic link's target is replaced.
    """
    text = _SURROGATE.sub(_shown, text)
    if path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    check_writable(path)
    if _special(path):
        _write_in_place(path, text)
        return
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    sweep_temp_files(folder)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=folder)
    except OSError as exc:
        raise OutputError(path, exc.strerror or "cannot be written") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give what open() would
        os.replace(tmp, target)
    except BaseException as exc:  # a signal too: never leave the temp file behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(path, exc.strerror or "cannot be written") from exc
        raise


def json_text(data: object, indent: int = 1) -> str:
    """``data`` as JSON text, UTF-8 left readable; bytes of file names that are
    not UTF-8 become ``\\udcNN`` escapes, which Python's ``json`` and
    ``os.fsencode`` turn back into the same bytes."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def sweep_temp_files(folder: str) -> list[str]:
    """Remove temp files an earlier run left in ``folder`` when killed (once per run).

    A temp file is stale when it is older than this run and the process that
    made it is gone; a live run's files are never touched.
    """
    if folder in _swept:
        return []
    _swept.add(folder)
    removed = []
    for entry in _scandir(folder):
        match = _TEMP_NAME.match(entry.name)
        if match and _stale(entry, int(match.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(entry.path)
    return removed


def _stale(entry: os.DirEntry[str], pid: int) -> bool:
    try:
        if not entry.is_file(follow_symlinks=False) or entry.stat().st_mtime >= _STARTED:
            return False
    except OSError:
        return False
    return pid == os.getpid() or not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or a platform without signals
        return True
    return True


def _scandir(folder: str) -> Iterator[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            yield from entries
    except OSError:
        return


def _write_in_place(path: str, text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise OutputError(path, exc.strerror or "cannot be written") from exc


def _identities(path: str) -> Iterable[object]:
    """What makes two paths one file: the resolved path, and device and inode when
    the file exists (hard links, bind mounts)."""
    yield os.path.normcase(os.path.realpath(path))
    info = _stat(path)
    if info is not None:
        yield (info.st_dev, info.st_ino)


def _input_name(what: str) -> str:
    return f"the file given to {what}" if what.startswith("-") else "an input report"


def _refuse_inside_audited(what: str, path: str, folders: list[str]) -> None:
    """An audit must not write where an audit of the same folders would read it."""
    from ..corpus.records import is_report_name  # here: it brings in the MinHash machinery

    if not folders or not is_report_name(os.path.basename(path)):
        return
    where = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    for folder in folders:
        root = os.path.realpath(folder)
        if where == root or where.startswith(root.rstrip(os.sep) + os.sep):
            raise OutputError(
                path,
                f"{what} would write into the audited folder {folder}, where the next audit "
                "would read it as a report; choose another folder",
            )


def _special(path: str) -> bool:
    """An existing device or FIFO: written to in place, never replaced by a file."""
    info = _stat(path)
    return info is not None and not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode)


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def _read_only(path: str, info: os.stat_result) -> bool:
    """No write permission, judged by the mode bits too: root may write anything."""
    return not os.access(path, os.W_OK) or not info.st_mode & (
        stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    )


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def _umask() -> int:
    """The process umask (reading it means setting it; put it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
