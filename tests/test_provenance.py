"""Provenance on a generated corpus with known hand-downs, and on the real corpus."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare import AuditSettings, audit_reports, load_report
from compare.corpus.lineage import Lineage
from compare.corpus.provenance import ProvenanceCounter, _EarliestYear
from compare.corpus.run import AuditRun
from compare.corpus.slots import unended
from compare.read.chars import content_length

from .handdown_corpus import CARRIED, NATIONAL, PEER, PROVINCIAL, Generated, make_handdown_corpus


@pytest.fixture(scope="module")
def handdown(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Generated], dict[str, object]]:
    folder = tmp_path_factory.mktemp("handdown")
    generated = make_handdown_corpus(folder)
    return generated, audit_reports([str(folder)], AuditSettings()).result.to_json()


def _by_path(data: dict[str, object]) -> dict[str, dict[str, object]]:
    return {d["path"]: d for d in data["documents"]}  # type: ignore[attr-defined]


def _planted_share(report: Generated, kind: str) -> float:
    """The share of the report's body the sentences planted as ``kind`` make up."""
    doc = load_report(str(report.path))
    planted = sum(content_length(s) for s in report.planted.get(kind, []))
    return planted / content_length(doc.body_text)


def test_metadata_places_every_report(handdown: tuple[list[Generated], dict[str, object]]) -> None:
    generated, data = handdown
    docs = _by_path(data)
    for report in generated:
        doc = docs[str(report.path)]
        assert (doc["government"], doc["level"], doc["year"]) == (
            report.government,
            report.level,
            report.year,
        )


def test_shares_sum_to_one(handdown: tuple[list[Generated], dict[str, object]]) -> None:
    _, data = handdown
    for doc in data["documents"]:  # type: ignore[attr-defined]
        assert sum(doc["provenance"].values()) == pytest.approx(1.0, abs=1e-9)
        assert all(v >= 0 for v in doc["provenance"].values())


@pytest.mark.parametrize("kind", ["handed_down", "carried_over", "peers"])
def test_planted_wording_is_attributed(
    handdown: tuple[list[Generated], dict[str, object]], kind: str
) -> None:
    generated, data = handdown
    docs = _by_path(data)
    for report in generated:
        found = docs[str(report.path)]["provenance"][kind]  # type: ignore[index]
        planted = _planted_share(report, kind)
        # the planted sentences are a lower bound: the generator's own scaffolding
        # (我代表人民政府…, the closing) is handed down from the national report too
        assert found >= 0.9 * planted, (report.path.name, kind, found, planted)
        first_year = all(
            g.year >= report.year for g in generated if g.government == report.government
        )
        if kind == "carried_over" and first_year:
            assert found == 0, (report.path.name, found)


def test_the_national_report_hands_down_nothing_to_itself(
    handdown: tuple[list[Generated], dict[str, object]],
) -> None:
    generated, data = handdown
    national = next(g for g in generated if g.level == "national")
    doc = _by_path(data)[str(national.path)]
    assert doc["provenance"]["handed_down"] == 0  # type: ignore[index]
    assert "no report of a government above it" not in " ".join(doc["provenance_notes"])  # type: ignore[arg-type]


def test_who_handed_down_what(handdown: tuple[list[Generated], dict[str, object]]) -> None:
    generated, data = handdown
    first_seen = {f["template"]: f["first_seen"] for f in data["formulas"]}  # type: ignore[attr-defined]
    path_of = {(g.government, g.year): str(g.path) for g in generated}
    expected = {s: path_of[("国务院", 2024)] for s in NATIONAL}
    for province, sentences in PROVINCIAL.items():
        expected |= {s: path_of[(province, 2024)] for s in sentences}
    expected |= {s: path_of[("徐水区", 2024)] for s in CARRIED}
    for sentence, source in expected.items():  # a template is shown without its clause's end
        assert first_seen[unended(sentence)]["path"] == source, sentence
    peer = first_seen[unended(PEER[0])]
    assert peer["path"] in (path_of[("徐水区", 2024)], path_of[("满城区", 2024)])
    assert peer["level"] == "district"


def test_every_report_has_a_closest(handdown: tuple[list[Generated], dict[str, object]]) -> None:
    generated, data = handdown
    docs = _by_path(data)
    assert all(docs[str(g.path)]["closest"] is not None for g in generated)
    xushui = [str(g.path) for g in generated if g.government == "徐水区"]
    assert docs[xushui[1]]["closest"]["path"] == xushui[0]  # type: ignore[index]


def test_a_single_report_cannot_tell(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parent.parent / "samples" / "hanbin-2020.txt"
    (tmp_path / "only.txt").write_bytes(sample.read_bytes())
    data = audit_reports([str(tmp_path)], AuditSettings()).result.to_json()
    (doc,) = data["documents"]  # type: ignore[misc]
    assert doc["closest"] is None
    assert doc["provenance"]["own"] == 1.0
    assert any("no earlier report" in n for n in doc["provenance_notes"])


def test_closest_evidence_does_not_depend_on_chunking(
    handdown: tuple[list[Generated], dict[str, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from compare.corpus import closest
    from compare.corpus.lineage import Lineage
    from compare.corpus.records import read_record

    generated, _ = handdown
    records = [read_record(str(g.path), AuditSettings()) for g in generated]
    whole = closest.particular_evidence(records, Lineage(records), 3)
    monkeypatch.setattr(closest, "PAIRS_PER_CHUNK", 7)
    pieces = closest.particular_evidence(records, Lineage(records), 3)
    assert whole[0].tolist() == pieces[0].tolist() and whole[1].tolist() == pieces[1].tolist()
    assert pieces[2] == pytest.approx(whole[2])
    assert len(whole[0]) > 10


def test_provenance_does_not_depend_on_block_size(
    handdown: tuple[list[Generated], dict[str, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from compare.corpus import provenance

    generated, data = handdown
    monkeypatch.setattr(provenance, "HOLDINGS_PER_BLOCK", 5)
    again = audit_reports([str(generated[0].path.parent)], AuditSettings()).result.to_json()
    assert again["documents"] == data["documents"]


@pytest.mark.parametrize("unknown_every", [0, 5], ids=["years-known", "some-years-unknown"])
def test_carried_and_handed_are_their_definitions(
    three_governments: AuditRun,
    members_by_definition: list[set[int]],
    unknown_every: int,
) -> None:
    """For each clause of each report, in the order reports are split: carried over if an
    earlier report of its government holds it (or a near-duplicate), handed down if a
    report above it of the same or an earlier year does; a report of unknown year has no
    earlier report, and every report above it counts (a clause none of them holds is not
    handed down)."""
    records = list(three_governments.corpus.records)
    if unknown_every:
        records = [
            replace(r, year=None) if k % unknown_every == 2 else r for k, r in enumerate(records)
        ]
    docs = three_governments.corpus.index.documents()
    lineage = Lineage(records)
    counter = ProvenanceCounter(docs, lineage, AuditSettings().common)
    handed_seen = carried_seen = 0
    for d in counter.order():
        clauses = docs.doc_clauses[d].tolist()
        earlier, above = set(lineage.earlier_own(d)), set(lineage.above_docs(d))
        carried = [bool(members_by_definition[i] & earlier) for i in clauses]
        handed = [bool(members_by_definition[i] & above) for i in clauses]
        assert counter.carried(d).tolist() == carried
        assert counter.handed(d).tolist() == handed
        carried_seen += any(carried)
        handed_seen += any(handed) and not all(handed)
    assert carried_seen and handed_seen


class _KeysOf:
    """Stands in for the holders where a table of earliest years reads them: the keys of
    each report (distinct, ascending) among ``count`` keys."""

    def __init__(self, keys: list[list[int]], count: int) -> None:
        self.keys = keys
        self.key_size = np.zeros(count, dtype=np.int64)

    def document_keys(self, doc: int) -> np.ndarray:  # type: ignore[type-arg]
        return np.array(self.keys[doc], dtype=np.int32)


def test_earliest_years_of_reports_without_clauses_are_none() -> None:
    """A government whose reports hold no clause (all shorter than ``--min-clause``) has
    no earliest year for any key, and the table it leaves is empty for the next one."""
    table = _EarliestYear(_KeysOf([[1, 3], []], 4), np.array([2020, 2021]))  # type: ignore[arg-type]
    table.fill([1])
    assert table.earliest(np.arange(4)).tolist() == [np.iinfo(np.int64).max] * 4
    table.fill([0, 1])
    assert table.earliest(np.arange(4)).tolist()[1::2] == [2020, 2020]
    table.fill([1])
    assert [k.tolist() for k in table.held] == [[]] and not table.rank.any()


@st.composite
def _reports_with_keys(draw: st.DrawFn) -> tuple[list[list[int]], list[int], list[list[int]]]:
    """Reports (each a set of distinct keys of 12, a year or -1 for unknown) and
    successive member lists to fill a table with."""
    count = draw(st.integers(1, 8))
    keys = [sorted(draw(st.sets(st.integers(0, 11), max_size=6))) for _ in range(count)]
    years = [draw(st.sampled_from([-1, 2019, 2020, 2021])) for _ in range(count)]
    fills = draw(st.lists(st.lists(st.integers(0, count - 1), unique=True), min_size=1, max_size=4))
    return keys, years, fills


@given(_reports_with_keys())
@settings(max_examples=200, deadline=None)
def test_earliest_year_is_the_least_year_of_the_members_holding_each_key(
    case: tuple[list[list[int]], list[int], list[list[int]]],
) -> None:
    """After each fill, every key's earliest year is the least year (unknown counting as
    earliest) of the members holding it, and keys no member holds have none, whatever
    the earlier fills held."""
    keys, years, fills = case
    table = _EarliestYear(_KeysOf(keys, 12), np.array(years, dtype=np.int64))  # type: ignore[arg-type]
    none = np.iinfo(np.int64).max
    for members in fills:
        table.fill(members)
        expected = [
            min((years[d] for d in members if k in keys[d]), default=none) for k in range(12)
        ]
        assert table.earliest(np.arange(12)).tolist() == expected
