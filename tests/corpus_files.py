"""The real development corpus beside the checkout (../shared/corpus) and its SOURCES.tsv."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@dataclass(frozen=True)
class Source:
    """One row of SOURCES.tsv: a report and who published it."""

    path: Path
    government: str  # as SOURCES gives it: 保定市满城区人民政府 (Mancheng District, ...)
    level: str
    year: int
    notes: str

    @property
    def own_name(self) -> str | None:
        """The name the report should give itself: innermost unit, or None when the
        corpus notes say the text never names its government."""
        if "never names its government" in self.notes:
            return None
        name = self.government.split(" (")[0].removesuffix("人民政府")
        for outer in ("保定市",):
            if name.startswith(outer) and name != outer:
                name = name[len(outer) :]
        return name


def sources() -> list[Source]:
    """Every report of the corpus, or a skip when the corpus is not beside the checkout."""
    table = CORPUS / "SOURCES.tsv"
    if not table.is_file():
        pytest.skip("../shared/corpus is not beside the checkout")
    with table.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        Source(CORPUS / r["file"], r["government"], r["level"], int(r["year"]), r["notes"])
        for r in rows
    ]


def corpus_paths() -> list[Path]:
    """Report files of the corpus (empty when it is not there: parametrized tests vanish)."""
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
