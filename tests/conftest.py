"""Shared fixtures: the sample reports, loaded once per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from compare import AuditSettings, Document, audit_reports, load_report
from compare.corpus.clause_index import Holders
from compare.corpus.run import AuditRun

from .corpus_files import sources

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


@pytest.fixture(scope="session")
def three_governments() -> AuditRun:
    """An audit of the samples and every report of three governments with many years (a
    province and two of its counties)."""
    wanted = ("河北省人民政府", "保定市顺平县", "保定市徐水")
    chosen = [s for s in sources() if s.government.startswith(wanted)]
    paths = sorted(str(p) for p in SAMPLES.glob("*.txt")) + [str(s.path) for s in chosen]
    return audit_reports(paths, AuditSettings())


@pytest.fixture(scope="session")
def holders(three_governments: AuditRun) -> Holders:
    """The holders of that audit's clauses."""
    return three_governments.corpus.index.documents()


@pytest.fixture(scope="session")
def members_by_definition(holders: Holders) -> list[set[int]]:
    """For each clause, the documents holding it or a clause sharing a band group with it,
    from the documents' clauses and the groups alone (no keys)."""
    holding: dict[int, set[int]] = {}
    for doc, ids in enumerate(holders.doc_clauses):
        for i in ids.tolist():
            holding.setdefault(i, set()).add(doc)
    groups = holders.groups
    out = []
    for i in range(len(holders)):
        near = {i}
        for g in groups.of(i).tolist():
            near.update(groups.members_of(g).tolist())
        out.append(set().union(*(holding.get(c, set()) for c in near)))
    return out
