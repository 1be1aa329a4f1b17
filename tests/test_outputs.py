"""Outputs never hurt the user: no input overwritten, no output written twice, any bytes
in a file name, links that cannot run script, temp files cleaned up after a kill."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit

import pytest
from click.testing import CliRunner, Result

from compare.cli import main
from compare.render.output import TEMP_PREFIX

from .conftest import sample_path

A, B = sample_path("luojiang-2024"), sample_path("jinan-2020")


@pytest.fixture
def reports(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of two samples, so a test that failed to protect them harms nothing."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(A, a)
    shutil.copy(B, b)
    return a, b


def refused(result: Result, *words: str) -> str:
    """The one error line of a run refused before any work."""
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reportdiff: error: "), lines
    assert all(w in lines[0] for w in words), lines[0]
    assert result.stdout == ""  # nothing was read, so nothing was summarised
    return lines[0]


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob(".reportdiff*")]


@pytest.mark.parametrize(
    ("options", "victim"),
    [
        (["--json", "{a}"], "a"),
        (["--html", "{b}"], "b"),
        (["--json", "{tmp}/../{tmpname}/a.txt"], "a"),
        (["--html", "{tmp}/link.html"], "a"),  # a symbolic link to a.txt
        (["--json", "{tmp}/hard.json"], "a"),  # a hard link to a.txt
    ],
)
def test_compare_never_overwrites_an_input(
    reports: tuple[Path, Path], tmp_path: Path, options: list[str], victim: str
) -> None:
    a, b = reports
    (tmp_path / "link.html").symlink_to(a)
    os.link(a, tmp_path / "hard.json")
    before = {p: p.read_bytes() for p in (a, b)}
    args = [o.format(a=a, b=b, tmp=tmp_path, tmpname=tmp_path.name) for o in options]
    result = CliRunner().invoke(main, ["compare", str(a), str(b), *args])
    refused(result, "would overwrite an input report")
    assert {p: p.read_bytes() for p in (a, b)} == before
    assert no_temp_files(tmp_path)


def test_two_outputs_on_one_path_are_refused(reports: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = reports
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["compare", str(a), str(b), "--json", str(out), "--html", f"{tmp_path}/./out"]
    )
    refused(result, "--html is given to --json too")
    assert not out.exists()


def test_output_on_the_corpus_index_is_refused(reports: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = reports
    index = tmp_path / "corpus.db"
    assert CliRunner().invoke(main, ["audit", str(a), str(b), "--index", str(index)]).exit_code == 0
    stored = index.read_bytes()
    compare = CliRunner().invoke(
        main, ["compare", str(a), str(b), "--corpus", str(index), "--html", str(index)]
    )
    refused(compare, "--html would overwrite the file given to --corpus")
    audit = CliRunner().invoke(
        main, ["audit", str(a), str(b), "--index", str(index), "--json", str(index)]
    )
    refused(audit, "--index is given to --json too")
    assert index.read_bytes() == stored


def test_audit_never_overwrites_a_report_of_its_folder(
    reports: tuple[Path, Path], tmp_path: Path
) -> None:
    a, _ = reports
    before = a.read_bytes()
    result = CliRunner().invoke(main, ["audit", str(tmp_path), "--csv", str(a)])
    refused(result, str(a), "--csv would overwrite an input report")
    assert a.read_bytes() == before


def test_audit_never_writes_a_page_the_next_audit_would_read(
    reports: tuple[Path, Path], tmp_path: Path
) -> None:
    page = tmp_path / "audit.html"
    result = CliRunner().invoke(main, ["audit", str(tmp_path), "--html", str(page)])
    refused(result, "would write into the audited folder")
    assert not page.exists()
    # JSON is no report: it may sit beside the reports
    beside = CliRunner().invoke(
        main, ["audit", str(tmp_path), "--json", str(tmp_path / "audit.json")]
    )
    assert beside.exit_code == 0, beside.output


def test_audit_pair_pages_never_overwrite_an_input(tmp_path: Path) -> None:
    pages = tmp_path / "audit_pairs"
    pages.mkdir()
    victim = pages / "pair1.html"
    shutil.copy(A, victim)
    shutil.copy(A, tmp_path / "a.txt")
    result = CliRunner().invoke(
        main,
        ["audit", str(victim), str(tmp_path / "a.txt"), "--html", str(tmp_path / "audit.html")],
    )
    refused(result, "pair page", "would overwrite an input report")
    assert victim.read_bytes() == A.read_bytes()


def test_read_only_output_is_refused_not_replaced(
    reports: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = reports
    out = tmp_path / "kept.json"
    out.write_text("mine\n")
    out.chmod(0o444)
    result = CliRunner().invoke(main, ["compare", str(a), str(b), "--json", str(out)])
    refused(result, "is read-only")
    assert out.read_text() == "mine\n"


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("compare", ["--json", "-", "--html", "-"]),
        ("audit", ["--json", "-", "--csv", "-"]),
        ("audit", ["--csv", "-", "--html", "-"]),
    ],
)
def test_two_outputs_on_stdout_are_a_usage_error(command: str, options: list[str]) -> None:
    result = CliRunner().invoke(main, [command, str(A), str(B), *options])
    assert result.exit_code == 2
    assert "cannot both be '-'" in result.stderr
    assert result.stdout == ""


def test_one_output_on_stdout_is_valid_json() -> None:
    result = CliRunner().invoke(main, ["compare", str(A), str(B), "--json", "-"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema"] == 1


# File names that are not UTF-8 --------------------------------------------------------

BAD_NAME = os.fsdecode(b"r\xff\xfe #?%.txt")  # not UTF-8, and characters URLs reserve


def test_file_name_that_is_not_utf8_works_everywhere(tmp_path: Path) -> None:
    folder = tmp_path / os.fsdecode(b"d\xe9p\xf4t")
    folder.mkdir()
    bad = folder / BAD_NAME
    shutil.copy(A, bad)
    shutil.copy(A, folder / "copy.txt")
    runner = CliRunner()

    outline = runner.invoke(main, ["outline", str(bad)])
    assert outline.exit_code == 0, outline.output
    assert "r\\xff\\xfe #?%.txt  (utf-8)" in outline.stdout

    as_json = runner.invoke(main, ["outline", str(bad), "--json"])
    assert json.loads(as_json.stdout)["path"] == str(bad)  # \udcff escapes: the same bytes back

    out_json, out_html = folder / "out.json", folder / os.fsdecode(b"out\xff.html")
    compare = runner.invoke(
        main, ["compare", str(bad), str(A), "--json", str(out_json), "--html", str(out_html)]
    )
    assert compare.exit_code == 0, compare.output
    data = json.loads(out_json.read_bytes().decode("utf-8"))  # valid UTF-8, valid JSON
    assert os.fsencode(data["documents"][0]["path"]) == os.fsencode(bad)
    assert "r\\xff\\xfe #?%.txt" in out_html.read_bytes().decode("utf-8")
    assert no_temp_files(tmp_path)

    missing = runner.invoke(main, ["outline", str(folder / os.fsdecode(b"gone\xff\n.txt"))])
    assert missing.exit_code == 1
    assert missing.stderr.strip().endswith("gone\\xff\\x0a.txt: no such file")


@pytest.mark.parametrize(
    "page_name",
    [
        "javascript:alert(7);x.html",
        "r#1?a=%41.html",
        os.fsdecode(b"\xff\xfe.html"),
    ],
)
def test_audit_links_are_percent_encoded_relative_paths(tmp_path: Path, page_name: str) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(A, reports / "a.txt")
    shutil.copy(A, reports / "b.txt")  # the same text twice: a pair worth reading
    out = tmp_path / "out"
    out.mkdir()
    page = out / page_name
    result = CliRunner().invoke(main, ["audit", str(reports), "--html", str(page)])
    assert result.exit_code == 0, result.output
    hrefs = re.findall(r'<a href="([^"#][^"]*)">compare</a>', page.read_bytes().decode("utf-8"))
    assert hrefs
    for href in hrefs:
        parts = urlsplit(href)
        assert parts.scheme == "" and parts.query == "" and parts.fragment == "", href
        target = os.path.join(os.fsencode(out), unquote_to_bytes(href))
        assert os.path.isfile(target), href


# Temp files ------------------------------------------------------------------------------


def test_temp_files_of_killed_runs_are_swept(reports: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = reports
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(dead.stdout)
    hour_ago = time.time() - 3600
    stale = out / f"{TEMP_PREFIX}{dead_pid}-abcd1234"
    live = out / f"{TEMP_PREFIX}{os.getppid()}-abcd1234"  # a process that is still running
    fresh = out / f"{TEMP_PREFIX}{dead_pid}-efgh5678"  # newer than this run: maybe not dead
    for path in (stale, live, fresh):
        path.write_bytes(b"x" * 1000)
    for path in (stale, live):
        os.utime(path, (hour_ago, hour_ago))
    os.utime(fresh, (time.time() + 3600, time.time() + 3600))
    assert os.getppid() != dead_pid
    result = CliRunner().invoke(main, ["compare", str(a), str(b), "--html", str(out / "r.html")])
    assert result.exit_code == 0
    assert not stale.exists()
    assert live.exists() and fresh.exists()
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(TEMP_PREFIX)) == ["r.html"]


def test_a_write_that_fails_leaves_no_temp_file(reports: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = reports
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.html").mkdir()  # not writable as a file
    result = CliRunner().invoke(main, ["compare", str(a), str(b), "--html", str(out / "r.html")])
    assert result.exit_code == 1
    assert no_temp_files(out)


def test_device_and_fifo_outputs_are_written_in_place(
    reports: tuple[Path, Path], tmp_path: Path
) -> None:
    """``--json /dev/null`` must not replace /dev/null with a file (as root, a rename would)."""
    a, b = reports
    null = tmp_path / "null"
    try:
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # our own /dev/null
    except PermissionError:
        pytest.skip("making a device node needs root")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = CliRunner().invoke(
        main, ["compare", str(a), str(b), "--json", str(fifo), "--html", str(null)]
    )
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.stat().st_mode) and stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(received[0])["schema"] == 1
    assert no_temp_files(tmp_path)


def test_a_symbolic_link_output_replaces_its_target(
    reports: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = reports
    target = tmp_path / "pages" / "2024.html"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "latest.html"
    link.symlink_to(target)
    assert CliRunner().invoke(main, ["compare", str(a), str(b), "--html", str(link)]).exit_code == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
