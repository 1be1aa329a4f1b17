"""Shared fixtures: the sample reports, loaded once per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium, or a skip (a failure under CI, where .ci/run installs it)."""
    from .browser_session import CHROMIUM

    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run should have installed it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    """One headless Chromium for the whole run."""
    from playwright.sync_api import sync_playwright

    from .browser_session import FLAGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=FLAGS)
        yield b
        b.close()
