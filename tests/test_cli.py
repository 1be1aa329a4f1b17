"""The command line: help on every command, outline output, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from compare.cli import main

from .conftest import sample_path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "-h"])
        assert result.exit_code == 0, name
        assert command.help and "Example" in command.help, name


def test_outline_json_schema(runner: CliRunner) -> None:
    result = runner.invoke(main, ["outline", str(sample_path("luojiang-2024")), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"path", "encoding", "government", "year", "title", "sections"} <= set(data)
    assert data["government"] == "罗江区" and data["year"] == 2024
    plan = next(s for s in data["sections"] if s["role"] == "plan")
    assert len(plan["children"]) == 6
    assert {"title", "role", "start", "end", "children"} == set(plan)


def test_outline_tree_is_printed(runner: CliRunner) -> None:
    result = runner.invoke(main, ["outline", str(sample_path("hanbin-2020"))])
    assert result.exit_code == 0
    assert "[plan] 二、今年目标任务和工作重点" in result.output
    assert "government: 汉滨区" in result.output


def test_outline_text_prints_what_was_read(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "gb.txt"
    path.write_bytes("各位代表：\n现在我代表政府报告工作。".encode("gb18030"))
    result = runner.invoke(main, ["outline", str(path), "--text"])
    assert result.stdout == "各位代表：\n现在我代表政府报告工作。"


def bad_input(tmp_path: Path, case: str) -> Path:
    """Make one kind of bad input file under ``tmp_path``."""
    if case == "directory":
        return tmp_path
    path = tmp_path / f"{case}.txt"
    if case == "empty":
        path.write_text("")
    return path


@pytest.mark.parametrize(
    ("case", "message"),
    [("missing", "no such file"), ("directory", "is a directory"), ("empty", "empty")],
)
def test_bad_input_is_one_line(runner: CliRunner, tmp_path: Path, case: str, message: str) -> None:
    path = bad_input(tmp_path, case)
    result = runner.invoke(main, ["outline", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and message in lines[0]
    assert "Traceback" not in result.output


def test_outline_units_cover_sentences_and_clauses(runner: CliRunner) -> None:
    path = sample_path("hanbin-2020")
    original = path.read_text(encoding="utf-8")
    result = runner.invoke(main, ["outline", str(path), "--json", "--units"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    review = data["sections"][1]
    first = review["paragraphs"][1]  # the heading line is the first paragraph
    sentence = first["sentences"][0]
    start, end = sentence["span"]
    assert original[start:end].startswith("2019年是汉滨发展进程中艰苦卓绝的一年")
    assert original[start:end].endswith("较好地完成了经济社会发展主要目标任务。")
    clauses = [original[s:e] for s, e in sentence["clauses"]]
    assert clauses[:2] == [
        "2019年是汉滨发展进程中艰苦卓绝的一年,",
        "面对经济持续下行挑战和整区脱贫摘帽压力,",
    ]
    assert "在市委、" in clauses  # clauses also end at 、 in the outline
