"""Bad input: one plain line on stderr naming the file, exit 1, no half-written output."""

from __future__ import annotations

import codecs
import json
import os
import shutil
import socket
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare import Document, UnreadableFile
from compare.cli import main
from compare.read.extract.page import CHARSETS
from compare.read.extract.pdf import pdf_text
from compare.read.limits import MB

from .conftest import sample_path
from .hostile import (
    PARAGRAPH,
    deep_docx,
    document_xml,
    docx_bytes,
    entity_docx,
    lying_docx,
    paragraphs_xml,
    run_cli,
    zip_bomb_docx,
)
from .report_files import write_pdf

GOOD = str(sample_path("luojiang-2024"))


def make(tmp_path: Path, case: str) -> Path:
    """One bad input file (or path) per case."""
    path = tmp_path / f"{case}.txt"
    if case == "directory":
        return tmp_path
    if case == "empty":
        path.write_bytes(b"")
    elif case == "blank":
        path.write_bytes(b" \n\t\n")
    elif case == "png":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    elif case == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("a.txt", "hello")
    elif case == "binary":
        path.write_bytes(b"abc\x00\x01\x02" * 100)
    elif case == "undecodable":
        path.write_bytes("各位代表".encode() + b"\x80\xff\xfe\x80" * 40)
    elif case == "scanned-pdf":
        from .report_files import write_scanned_pdf

        write_scanned_pdf(path)
    return path


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("missing", "no such file"),
        ("directory", "is a directory"),
        ("empty", "empty"),
        ("blank", "empty"),
        ("png", "is a PNG image, not a report"),
        ("zip", "zip archive"),
        ("binary", "binary file"),
        ("undecodable", "not text in UTF-8, GB18030 or Big5"),
        ("scanned-pdf", "no text layer"),
    ],
)
@pytest.mark.parametrize("command", ["outline", "compare"])
def test_bad_input_table(tmp_path: Path, case: str, message: str, command: str) -> None:
    bad = make(tmp_path, case)
    html = tmp_path / "out.html"
    args = (
        ["outline", str(bad)]
        if command == "outline"
        else ["compare", GOOD, str(bad), "--html", str(html)]
    )
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert (
        lines[0].startswith("reportdiff: error: ") and str(bad) in lines[0] and message in lines[0]
    )
    assert "Traceback" not in result.output
    assert not html.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".reportdiff-")]


def test_too_large_with_a_limit_to_raise(tmp_path: Path) -> None:
    runner = CliRunner()
    small = tmp_path / "small.txt"
    small.write_bytes(Path(GOOD).read_bytes() * 40)  # 1.5 MB
    result = runner.invoke(main, ["outline", str(small), "--max-size", "1"])
    assert result.exit_code == 1 and "larger than any report" in result.stderr
    assert runner.invoke(main, ["outline", GOOD, "--max-size", "1"]).exit_code == 0


@pytest.mark.parametrize(
    ("target", "message"),
    [("missing-dir/out.html", "does not exist"), (".", "is a directory")],
)
def test_bad_output_path_fails_before_work(tmp_path: Path, target: str, message: str) -> None:
    out = tmp_path / target
    result = CliRunner().invoke(main, ["compare", GOOD, GOOD, "--html", str(out)])
    assert result.exit_code == 1 and message in result.stderr
    assert "Shared phrasing" not in result.stdout


def test_unwritable_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compare", GOOD, GOOD, "--json", "/proc/reportdiff.json"])
    assert result.exit_code == 1
    assert result.stderr.startswith("reportdiff: error: /proc/reportdiff.json")


def test_same_file_twice_is_all_shared_with_a_note(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compare", GOOD, GOOD])
    assert result.exit_code == 0
    assert "100.0% of A, 100.0% of B" in result.stdout
    assert "same text" in result.stdout


def test_traceback_on_request(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--traceback", "outline", str(tmp_path / "none.txt")])
    assert result.exit_code != 0 and result.exception is not None


def test_text_without_report_structure_is_compared_with_a_warning(tmp_path: Path) -> None:
    english = tmp_path / "english.txt"
    english.write_text("This is not a report. It is a plain English text.\nWith two lines.\n")
    result = CliRunner().invoke(main, ["compare", GOOD, str(english)])
    assert result.exit_code == 0
    assert "warning" in result.stderr and str(english) in result.stderr
    assert "Shared phrasing (exact runs of words): 0.0% of A, 0.0% of B" in result.stdout


def test_successful_output_is_complete_and_readable(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["compare", GOOD, GOOD, "--json", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").rstrip().endswith("}")
    assert out.stat().st_mode & 0o044  # readable by others, as open() would make it


# Issue 13: inputs that could hang, exhaust memory or mislead. Runs that could hang or
# balloon on a regression go through run_cli: a child process with a time and memory limit.


def one_error_line(stderr: str) -> str:
    """The single line on stderr, checked to be our error line."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("reportdiff: error: ") and "unexpected" not in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("device", "message"),
    [("/dev/zero", "is a character device"), ("/dev/urandom", "is a character device")],
)
def test_endless_devices_are_refused(device: str, message: str) -> None:
    result = run_cli(["outline", device], timeout=30)
    assert result.returncode == 1
    line = one_error_line(result.stderr)
    assert device in line and message in line


def test_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    result = run_cli(["outline", str(fifo)], timeout=30)
    assert result.returncode == 1
    assert "is a named pipe (FIFO), not a regular file" in one_error_line(result.stderr)


def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        result = CliRunner().invoke(main, ["outline", str(path)])
    assert result.exit_code == 1
    assert "is a socket, not a regular file" in one_error_line(result.stderr)


def test_fifo_in_an_audited_folder_is_skipped_with_one_line(tmp_path: Path) -> None:
    for name in ("hanbin-2020", "yingze-2018"):
        shutil.copy(sample_path(name), tmp_path / f"{name}.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    result = run_cli(["audit", str(tmp_path), "--min-reuse", "0.01"], timeout=60)
    assert result.returncode == 0, result.stderr
    line = one_error_line(result.stderr)
    assert str(tmp_path / "pipe.txt") in line and "named pipe" in line
    assert result.stdout.startswith("2 reports")


def test_size_limit_is_whole_megabytes(tmp_path: Path) -> None:
    """--max-size 1 is 1,048,576 bytes: a file of that size is read, one byte more is not."""
    runner = CliRunner()
    help_text = runner.invoke(main, ["outline", "--help"]).output
    assert "[default: 20;" in " ".join(help_text.split())
    png = b"\x89PNG\r\n\x1a\n"
    exact, over = tmp_path / "exact.txt", tmp_path / "over.txt"
    exact.write_bytes(png + bytes(MB - len(png)))
    over.write_bytes(png + bytes(MB + 1 - len(png)))
    at_limit = runner.invoke(main, ["outline", str(exact), "--max-size", "1"])
    assert "is a PNG image" in one_error_line(at_limit.stderr)
    past = runner.invoke(main, ["outline", str(over), "--max-size", "1"])
    assert "larger than any report (over the 1 MB limit)" in one_error_line(past.stderr)
    assert runner.invoke(main, ["outline", GOOD, "--max-size", "0.5"]).exit_code == 2


def test_default_size_limit_is_the_20_mb_the_readme_gives(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(20 * MB + 1)  # sparse: costs no disk
    result = CliRunner().invoke(main, ["outline", str(big)])
    assert "over the 20 MB limit" in one_error_line(result.stderr)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("bomb", "unpacks to more than any report (its text is over the 1 MB limit)"),
        ("lying-zip", "is not a readable Word file (Bad CRC-32"),
        ("deep-xml", "is not a readable Word file (its XML nests more than 256 levels deep)"),
        ("entities", "is not a readable Word file (EntitiesForbidden"),
    ],
)
def test_hostile_docx_is_refused_with_one_line(tmp_path: Path, case: str, message: str) -> None:
    data = {
        "bomb": lambda: zip_bomb_docx(3 * MB),
        "lying-zip": lambda: lying_docx(3 * MB, declared=1000),
        "deep-xml": lambda: deep_docx(5000),
        "entities": entity_docx,
    }[case]()
    assert len(data) < 100_000  # small on disk, whatever it unpacks to
    path = tmp_path / f"{case}.docx"
    path.write_bytes(data)
    result = run_cli(["outline", str(path), "--max-size", "1"], timeout=60)
    assert result.returncode == 1
    line = one_error_line(result.stderr)
    assert str(path) in line and message in line


def test_docx_just_under_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "fits.docx"
    path.write_bytes(docx_bytes(document_xml(paragraphs_xml(2000))))  # about 0.3 MB of XML
    result = CliRunner().invoke(main, ["outline", str(path), "--max-size", "1", "--text"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("各位代表") == 2000


def test_pdf_text_stops_at_the_limit(samples: dict[str, Document], tmp_path: Path) -> None:
    data = write_pdf(samples["yingze-2018"], tmp_path / "r.pdf").read_bytes()
    assert len(pdf_text(data, "r.pdf", max_chars=100_000)) > 10_000
    with pytest.raises(UnreadableFile, match="holds more text than any report"):
        pdf_text(data, "r.pdf", max_chars=5_000)


def test_corrupt_pdf_gives_only_our_line(samples: dict[str, Document], tmp_path: Path) -> None:
    data = write_pdf(samples["yingze-2018"], tmp_path / "r.pdf").read_bytes()
    path = tmp_path / "mangled.pdf"
    path.write_bytes(data[:2000] + b"garbage" * 100 + data[3000:])
    result = run_cli(["outline", str(path)])
    assert result.returncode == 1
    assert "is not a readable PDF" in one_error_line(result.stderr)
    verbose = run_cli(["--verbose", "outline", str(path)])
    assert "reportdiff: verbose: pypdf" in verbose.stderr  # still there on request
    assert verbose.stderr.strip().splitlines()[-1] == one_error_line(result.stderr)


@pytest.mark.parametrize("charset", ["unicode_escape", "rot13", "x-user-defined", "utf-7"])
def test_page_charset_that_is_no_web_encoding_is_not_used(tmp_path: Path, charset: str) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(
        f'<html><head><meta charset="{charset}"></head><body><p>{PARAGRAPH}</p>'
        f"<p>一、工作回顾</p><p>{PARAGRAPH}</p></body></html>".encode("gb18030")
    )
    result = CliRunner().invoke(main, ["outline", str(page), "--text"])
    assert result.exit_code == 0
    assert PARAGRAPH in result.stdout
    assert result.stderr.strip().splitlines()[0] == (
        f"reportdiff: warning: {page}: declares charset {charset}, which is not a web page "
        "encoding; read as gb18030"
    )


@pytest.mark.parametrize(
    ("charset", "codec"),
    [("GBK", "gb18030"), ("gb2312", "gb18030"), ("utf-8", "utf-8"), ("big5", "big5")],
)
def test_page_charsets_of_reports_are_used(tmp_path: Path, charset: str, codec: str) -> None:
    text = "各位代表：現在，我代表區人民政府向大會報告工作。" if codec == "big5" else PARAGRAPH
    page = tmp_path / "page.html"
    markup = f'<html><head><meta charset="{charset}"></head><body><p>{text}</p></body></html>'
    page.write_bytes(markup.encode(codec))
    result = CliRunner().invoke(main, ["outline", str(page), "--json"])
    assert json.loads(result.stdout)["encoding"] == codec
    assert "declares charset" not in result.stderr


def test_every_web_charset_is_a_python_text_encoding() -> None:
    for label, codec in CHARSETS.items():
        assert codecs.lookup(codec)._is_text_encoding, label  # type: ignore[attr-defined]


def test_byte_order_mark_outranks_the_declared_charset(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    markup = f'<html><head><meta charset="gb2312"></head><body><p>{PARAGRAPH}</p></body></html>'
    page.write_bytes(codecs.BOM_UTF8 + markup.encode("utf-8"))
    result = CliRunner().invoke(main, ["outline", str(page), "--json"])
    assert json.loads(result.stdout)["encoding"] == "utf-8-sig"
    assert "declares charset" not in result.stderr
