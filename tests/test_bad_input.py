"""Bad input: one plain line on stderr naming the file, exit 1, no half-written output."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import main

from .conftest import sample_path

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
    result = runner.invoke(main, ["outline", GOOD, "--max-size", "0.01"])
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
    assert "Shared phrasing: 0.0% of A, 0.0% of B" in result.stdout


def test_successful_output_is_complete_and_readable(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["compare", GOOD, GOOD, "--json", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").rstrip().endswith("}")
    assert out.stat().st_mode & 0o044  # readable by others, as open() would make it
