"""Shared fixtures: the sample reports, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare import Document, load_report

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_NAMES = [
    "hanbin-2020",
    "hecheng-20xx-traditional",
    "jinan-2020",
    "luojiang-2024",
    "yingze-2018",
]


def sample_path(name: str) -> Path:
    """Path of a sample report by its stem."""
    return SAMPLES / f"{name}.txt"


@pytest.fixture(scope="session")
def samples() -> dict[str, Document]:
    """Every sample report, outlined."""
    return {name: load_report(str(sample_path(name))) for name in SAMPLE_NAMES}
