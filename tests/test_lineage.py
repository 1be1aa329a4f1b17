"""Who is earlier and who is above: the bisections answer as the definitions do."""

from __future__ import annotations

import random

import numpy as np
import pytest

from compare.corpus.lineage import NO_YEAR, Lineage
from compare.corpus.records import ReportRecord
from compare.read.packed import NO_TEXTS


def _record(path: str, government: str, level: str, year: int | None, parents: tuple[str, ...]):
    empty = np.zeros(0, dtype=np.int32)
    return ReportRecord(
        path,
        government,
        year,
        None,
        0,
        None,
        NO_TEXTS,
        empty,
        empty,
        empty,
        b"",
        None,
        level,
        parents,
    )


def _corpus(seed: int) -> list[ReportRecord]:
    """A province, its cities and counties, and one government of many reports a year
    (as the benchmark corpus has), with unknown years among them."""
    rng = random.Random(seed)
    records = [_record("nation", "中华人民共和国", "national", 2020, ())]
    places = [("河北省", "province", ())] + [
        (f"{name}市", "city", ("河北省",)) for name in ("保定", "石家庄")
    ]
    places += [(f"{name}县", "county", ("河北省", "保定市")) for name in ("顺平", "涞源", "阜平")]
    for government, level, parents in places:
        for k in range(rng.randint(1, 30 if government == "涞源县" else 6)):
            year = rng.choice([None, *range(2010, 2016)])
            records.append(_record(f"{government}-{k}", government, level, year, parents))
    rng.shuffle(records)
    return records


@pytest.mark.parametrize("seed", range(5))
def test_earlier_and_above_reports_are_the_definitions(seed: int) -> None:
    records = _corpus(seed)
    lineage = Lineage(records)
    year, gov = lineage.year.tolist(), lineage.gov.tolist()
    above_governments = [set(row) - {-1} for row in lineage.ancestors.tolist()]
    for a in range(len(records)):
        earlier = sorted(
            (d for d in range(len(records)) if gov[d] == gov[a]
             and NO_YEAR not in (year[a], year[d]) and year[d] < year[a]),
            key=lambda d: (year[d], d),
        )  # fmt: skip
        assert lineage.earlier_own(a) == earlier
        assert lineage.previous_own(a) == (earlier[-1] if earlier else None)
        above = [
            d for d in range(len(records))
            if gov[d] in above_governments[a]
            and (NO_YEAR in (year[a], year[d]) or year[d] <= year[a])
        ]  # fmt: skip
        assert lineage.above_docs(a) == above
    assert any(lineage.above_docs(a) for a in range(len(records)))
    assert any(len(lineage.earlier_own(a)) > 3 for a in range(len(records)))
