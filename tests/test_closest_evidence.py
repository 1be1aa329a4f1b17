"""closest's postings: the strings of the gram samples held by few reports, and who holds
them, as a plain count over real reports gives them."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest

from compare import AuditSettings
from compare.corpus import closest
from compare.corpus.records import ReportRecord, read_record
from compare.read.packed import NO_TEXTS

from .corpus_files import sources


@pytest.fixture(scope="module")
def records() -> list[ReportRecord]:
    chosen = [s for s in sources() if s.government.startswith(("保定市", "河北省"))][:24]
    return [read_record(str(s.path), AuditSettings()) for s in chosen]


@pytest.mark.parametrize("cap", [2, 5, 50])
@pytest.mark.parametrize("fill_block", [1024, 5], ids=["one-block", "blocks-of-5"])
def test_shared_postings_are_the_holders_of_each_string_held_by_2_to_cap_reports(
    records: list[ReportRecord], cap: int, fill_block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(closest, "_FILL_BLOCK", fill_block)
    holders: dict[int, list[int]] = defaultdict(list)
    for doc, record in enumerate(records):
        for gram in record.grams.tolist():
            holders[gram].append(doc)
    expected = [holders[g] for g in sorted(holders) if 2 <= len(holders[g]) <= cap]
    docs, starts, ends = closest._shared_postings(records, cap)
    found = [docs[s:e].tolist() for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
    assert found == expected
    assert len(expected) > 100


def test_no_samples_no_postings(records: list[ReportRecord]) -> None:
    empty = [ReportRecord(r.path, None, None, None, 0, None, NO_TEXTS, r.clause_chars,
                          r.clause_sentence, r.sentence_chars, r.signature) for r in records[:3]]  # fmt: skip
    docs, starts, ends = closest._shared_postings(empty, 50)
    assert len(docs) == len(starts) == len(ends) == 0
    assert docs.dtype == np.int64
