"""Ctrl-C and SIGTERM stop a run with one line and exit 130 / 143, leaving no temp file."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, cast

import pytest

from compare import AuditSettings
from compare._runtime import stopped_by_signals
from compare.corpus import engines, forks
from compare.render import audit_page

from .conftest import SAMPLE_NAMES, sample_path
from .hostile import PARAGRAPH, ROOT

# Sends the signal to itself at the worst moment: the temp file is complete and about to
# be renamed into place (every version of write_text ends with os.replace).
STOP_MID_WRITE = """
import os, sys, time
import compare.render.output
from compare.cli import main

real_replace = os.replace
def replace(src, dst):
    os.kill(os.getpid(), {signum})
    time.sleep(10)  # the signal lands before this ends
    real_replace(src, dst)
os.replace = replace
main(sys.argv[1:], prog_name="reportdiff")
"""


def processes(field: int, value: int) -> list[int]:
    """Processes whose ``/proc/PID/stat`` field (3 for the parent, 4 for the group,
    counted after the name) equals ``value``."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[field - 2]) == value:
                found.append(int(entry))
    return found


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["INT", "TERM"]
)
def test_signal_mid_write_exits_cleanly(tmp_path: Path, signum: int, status: int) -> None:
    out = tmp_path / "out"
    out.mkdir()
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(f"各位代表：\n一、工作回顾\n{PARAGRAPH}\n", encoding="utf-8")
    b.write_text(f"各位代表：\n一、今年工作\n{PARAGRAPH}\n", encoding="utf-8")
    args = ["compare", str(a), str(b), "--html", str(out / "r.html")]
    result = subprocess.run(
        [sys.executable, "-c", STOP_MID_WRITE.format(signum=int(signum)), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == status, result.stderr
    name = signal.Signals(signum).name
    assert result.stderr == f"reportdiff: stopped by {name}; no output left half-written\n"
    assert os.listdir(out) == []  # neither the page nor its temp file


@pytest.mark.parametrize(
    ("signum", "status", "group"),
    [(signal.SIGINT, 130, True), (signal.SIGTERM, 143, False)],
    ids=["ctrl-c-to-the-group", "term-to-the-process"],
)
def test_signal_stops_a_parallel_audit(
    tmp_path: Path, signum: int, status: int, group: bool
) -> None:
    """As from a terminal: Ctrl-C reaches every process of the group, workers included."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for copy in range(30):
        for name in SAMPLE_NAMES:
            shutil.copy(sample_path(name), folder / f"{name}-{copy}.txt")
    out = tmp_path / "out"
    out.mkdir()
    args = ["audit", str(folder), "--jobs", "2", "--html", str(out / "audit.html")]
    process = subprocess.Popen(
        [sys.executable, "-m", "compare", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        start_new_session=True,  # its own process group, as a shell gives a job
    )
    try:
        deadline = time.monotonic() + 60
        while not processes(3, process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)  # the workers start once reading begins
        assert process.poll() is None, "the audit ended before it could be stopped"
        time.sleep(0.3)
        if group:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == status, stderr
        name = signal.Signals(signum).name
        assert stderr == f"reportdiff: stopped by {name}; no output left half-written\n"
        assert stdout == ""
        assert os.listdir(out) == []
        assert processes(4, process.pid) == []  # no worker left behind
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def _worker_dispositions(*_: object) -> tuple[bool, bool, bool]:
    """In a worker: whether SIGTERM has the default action and gets through (is not held
    back), and whether Ctrl-C is ignored."""
    term, interrupt = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    held = signal.SIGTERM in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    return term == signal.SIG_DFL, not held, interrupt == signal.SIG_IGN


READY = (True, True, True)
# The start method in use, without fixing it (the first of all is the platform's default).
_START = (
    multiprocessing.get_start_method(allow_none=True) or multiprocessing.get_all_start_methods()[0]
)
can_fork = pytest.mark.skipif(not forks.can_fork(), reason="no fork on this platform")
forks_by_default = pytest.mark.skipif(
    not forks.can_fork() or _START != "fork",
    reason="the pool's workers are forks of the run only where the platform forks by default",
)


@can_fork
def test_forked_figure_workers_take_sigterms_default_action() -> None:
    """Under the CLI's handlers a forked worker inherited a Python SIGTERM handler, which
    runs only between bytecodes: a SIGTERM landing as the worker blocked on its queue's
    lock was lost and ``Pool.terminate`` waited forever (a loop of maps hung within 600).
    The signal is held back while the pool forks, and let through in the workers."""
    with stopped_by_signals():
        assert signal.getsignal(signal.SIGTERM) != signal.SIG_DFL  # the run's own handler
        answers = forks.fork_map(_worker_dispositions, list(range(8)), jobs=2)
        assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, [])  # here too
    assert answers == [READY] * 8


@forks_by_default
def test_reading_workers_take_sigterms_default_action(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "read_record", _worker_dispositions)  # forks see the patch
    with stopped_by_signals():
        answers = list(engines.LocalEngine(2).read([f"{n}.txt" for n in range(8)], AuditSettings()))
    assert answers == [READY] * 8


class _Dispositions:
    """Stands for the audit page's page maker: each "page" is the worker's signals."""

    def __init__(self, *_: object) -> None:
        pass

    def page(self, _pair: object) -> tuple[bool, bool, bool]:
        return _worker_dispositions()


@can_fork
def test_pair_page_workers_take_sigterms_default_action(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_page, "_PageMaker", _Dispositions)
    pairs: list[Any] = list(range(6))
    with stopped_by_signals():
        pages = list(audit_page.pair_pages(cast(Any, None), pairs, "audit.html", jobs=2))
    assert pages == [(k, READY) for k in range(6)]
