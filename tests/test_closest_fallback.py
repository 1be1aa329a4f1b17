"""closest when a report has no particular wording: the most similar body sketch."""

from __future__ import annotations

import numpy as np

from compare import AuditSettings, audit_reports
from compare.corpus.closest import closest_reports
from compare.corpus.lineage import Lineage
from compare.pair.sketch import signature_jaccard

from .conftest import SAMPLES
from .corpus_files import sources


def test_with_no_particular_strings_closest_is_the_most_similar_body() -> None:
    paths = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    paths += [str(s.path) for s in sources() if s.government.startswith("保定市顺平县")]
    records = audit_reports(paths, AuditSettings()).corpus.records
    for record in records:
        record.grams = np.zeros(0, dtype=np.uint32)  # no evidence anywhere
    found = closest_reports(records, Lineage(records), common=3)
    expected = [
        min(
            (y for y in range(len(records)) if y != x),
            key=lambda y, x=x: (
                -signature_jaccard(records[x].signature, records[y].signature),
                records[y].path,
            ),
        )
        for x in range(len(records))
    ]
    assert found == expected
    assert len(set(expected)) > 2
