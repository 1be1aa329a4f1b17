"""numpy MinHash equals datasketch bit for bit; sorted band tables find what MinHashLSH finds."""

from __future__ import annotations

import copy
import random
import zlib
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from compare import audit_reports
from compare.corpus.audit import Corpus
from compare.corpus.bands import _first_of_each, group_bands, make_groups
from compare.corpus.records import gram_crcs, read_record
from compare.pair.reuse import body_clauses
from compare.pair.sketch import (
    band_hashes,
    band_shape,
    kgram_crcs,
    kgram_hashes,
    nested_kgram_crcs,
    shingles,
    sketch_all,
    sketch_texts,
)
from compare.read.chars import letters
from compare.read.load import load_report
from compare.read.packed import unpack_texts
from compare.read.units import CLAUSE_ENDS, split_units
from compare.settings import AuditSettings

from .conftest import SAMPLES
from .corpus_files import sources

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _clauses(limit: int) -> list[str]:
    out: list[str] = []
    for path in sorted(CORPUS.glob("*_county_*.txt"))[:limit] or sorted(SAMPLES.glob("*.txt")):
        doc = load_report(str(path))
        text = doc.norm.text
        for unit in split_units(text, doc.body_start, doc.body_end, CLAUSE_ENDS):
            if len(letters(text[unit.start : unit.end])) >= 4:
                out.append(text[unit.start : unit.end])
    return out


def _random_texts(count: int) -> list[str]:
    rng = random.Random(3)
    ranges = [(0x20, 0x7E), (0x80, 0x7FF), (0x4E00, 0x9FFF), (0x10000, 0x10FFFF)]
    texts = ["", "a", "中文", "中文字", "１２３４五", "\U0010ffff\u0800\u07ff"]
    for _ in range(count):
        texts.append(
            "".join(
                chr(rng.randint(*rng.choice(ranges))) for _ in range(rng.randint(0, 15))
            ).replace("\ud800", "")
        )
    return [t for t in texts if not any(0xD800 <= ord(c) <= 0xDFFF for c in t)]


def _datasketch(texts: list[str], k: int, num_perm: int, seed: int) -> np.ndarray:  # type: ignore[type-arg]
    sets = [shingles(t, k) for t in texts]
    kwargs = {"num_perm": num_perm, "seed": seed, "hashfunc": zlib.crc32, "scheme": "affine32"}
    return np.array([m.hashvalues for m in MinHash.bulk(sets, **kwargs)])


@pytest.mark.parametrize("k", [3, 4])
def test_kgram_crcs_are_zlib_crc32(k: int) -> None:
    for text in _random_texts(300):
        core = letters(text)
        assert sorted(set(kgram_crcs(core, k).tolist())) == sorted(
            {zlib.crc32(s) for s in shingles(text, k)}
        )


@pytest.mark.parametrize(("short", "long"), [(3, 4), (2, 5), (1, 2)])
def test_nested_kgram_crcs_are_each_lengths_crcs(short: int, long: int) -> None:
    cores = [letters(t) for t in _random_texts(300)]
    cores = [c for c in cores if len(c) > long]
    assert len(cores) > 100
    for core in cores:
        small, large = nested_kgram_crcs(core, short, long)
        assert small.tolist() == kgram_crcs(core, short).tolist()
        assert large.tolist() == kgram_crcs(core, long).tolist()
    with pytest.raises(ValueError, match="short < long"):
        nested_kgram_crcs("一二三", 3, 4)


def test_clause_grams_from_the_body_pass_equal_hashing_each_clause() -> None:
    settings = AuditSettings()
    paths = sorted(CORPUS.glob("*.txt"))[::9] or sorted(SAMPLES.glob("*.txt"))
    for path in paths:
        clauses = body_clauses(load_report(str(path)), settings.min_clause)
        assert all(
            clauses.letters.startswith(k, s)
            for k, s in zip(clauses.keys, clauses.key_starts.tolist(), strict=True)
        )
        hashes, counts, body = gram_crcs(clauses, settings)
        expected, expected_counts = kgram_hashes(clauses.keys, settings.clause_shingle)
        assert hashes.tolist() == expected.tolist()
        assert counts.tolist() == expected_counts.tolist()
        assert body.tolist() == kgram_crcs(clauses.letters, settings.document_shingle).tolist()


@pytest.mark.parametrize(
    ("k", "num_perm", "seed"), [(3, 128, 1), (4, 64, 7), (3, 16, 2), (3, 20, 3)]
)
def test_signatures_equal_datasketch_bit_for_bit(k: int, num_perm: int, seed: int) -> None:
    texts = _clauses(3)[:2000] + _random_texts(200)
    texts.append((SAMPLES / "hanbin-2020.txt").read_text(encoding="utf-8"))
    expected = _datasketch(texts, k, num_perm, seed)
    assert (sketch_texts(texts, k, num_perm, seed) == expected).all()
    assert (sketch_all([shingles(t, k) for t in texts], num_perm, seed) == expected).all()


@pytest.mark.parametrize("run", [1, 7, 50, 4096])
def test_signatures_over_runs_of_shingles_equal_datasketch(
    run: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Long inputs are permuted a run of shingles at a time: sets cut across runs, sets
    inside one, a whole report over many, and empty sets between them."""
    from compare.pair import sketch

    monkeypatch.setattr(sketch, "_BLOCK_FROM", 0)
    monkeypatch.setattr(sketch, "_SHINGLE_BLOCK", run)
    texts = _clauses(1)[:300] + _random_texts(60)
    texts.insert(150, (SAMPLES / "jinan-2020.txt").read_text(encoding="utf-8"))
    expected = _datasketch(texts, 3, 32, 1)
    assert (sketch_texts(texts, 3, 32, 1) == expected).all()
    assert (sketch_texts(texts[150:151], 4, 32, 1) == _datasketch(texts[150:151], 4, 32, 1)).all()


def test_band_groups_are_what_minhash_lsh_buckets() -> None:
    texts = list(dict.fromkeys(letters(c) for c in _clauses(6)))
    signatures = sketch_texts(texts, 3, 128, 1)
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    for i, row in enumerate(signatures):
        lsh.insert(i, MinHash(num_perm=128, seed=1, hashvalues=row, scheme="affine32"))
    groups = group_bands(band_hashes(signatures, 0.5, 128))
    near_pairs = 0
    for i, row in enumerate(signatures):
        expected = set(lsh.query(MinHash(num_perm=128, seed=1, hashvalues=row, scheme="affine32")))
        found = {i}
        for g in groups.of(i).tolist():
            found.update(groups.members_of(g).tolist())
        assert found == expected, texts[i]
        near_pairs += len(found) - 1
    assert near_pairs > 0, "real clauses have near-duplicates"


def test_groups_do_not_depend_on_how_runs_are_split() -> None:
    rng = np.random.default_rng(0)
    bands = rng.integers(0, 40, size=(500, 5), dtype=np.uint64)
    whole = group_bands(bands)
    from compare.corpus.bands import band_runs

    halves = []
    for k in range(bands.shape[1]):
        label, member = band_runs(bands[:, k])
        cut = int(np.searchsorted(label, label.max() // 2)) if len(label) else 0
        lo = (label[:cut], member[:cut])
        hi = (label[cut:] - (label[cut] if cut < len(label) else 0), member[cut:])
        halves.append((np.concatenate((lo[0], hi[0] + (lo[0].max() + 1 if cut else 0))),
                       np.concatenate((lo[1], hi[1]))))  # fmt: skip
    split = make_groups(halves, len(bands))
    for name in ("member_start", "members", "clause_start", "of_clause"):
        assert (getattr(whole, name) == getattr(split, name)).all(), name


@pytest.mark.parametrize("clauses", [1, 1000, 2**40], ids=["one-clause", "few", "wide-ids"])
def test_canonical_order_is_lexsort_of_the_group_keys(clauses: int) -> None:
    """One argsort of (smallest member, first hash's high bits), ties ordered by the whole
    keys: lexsort's order, with many groups alike in the packed value (same smallest
    member, first hashes alike in their high bits, or equal first hashes)."""
    from compare.corpus.bands import canonical_order

    rng = np.random.default_rng(4)
    n = 5000
    first = rng.integers(0, min(clauses, 40), size=n, dtype=np.uint64)
    one = rng.integers(0, 2**64 - 1, size=n, dtype=np.uint64, endpoint=True)
    one[::3] = (one[::3] >> np.uint64(60)) << np.uint64(60)  # alike above the low bits
    one[::7] = 12345  # equal first hashes: the second hash tells them apart
    two = rng.integers(0, 2**64 - 1, size=n, dtype=np.uint64, endpoint=True)
    keys = np.column_stack((first, one, two, rng.integers(2, 9, size=n).astype(np.uint64)))
    expected = np.lexsort((keys[:, 3], keys[:, 2], keys[:, 1], keys[:, 0]))
    assert canonical_order(keys, clauses).tolist() == expected.tolist()
    assert len(canonical_order(keys[:0], clauses)) == 0


def _fmix64(h: int) -> int:
    mask = (1 << 64) - 1
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & mask
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & mask
    return h ^ (h >> 33)


@pytest.mark.parametrize(("threshold", "num_perm"), [(0.5, 128), (0.3, 64), (0.8, 16)])
def test_band_hashes_are_the_stored_definition(threshold: float, num_perm: int) -> None:
    # Stored indexes hold band hashes: a faster computation must give the same values.
    bands, rows = band_shape(threshold, num_perm)
    rng = np.random.default_rng(5)
    signatures = rng.integers(0, 1 << 32, size=(40, num_perm), dtype=np.uint64).astype(np.uint32)
    got = band_hashes(signatures, threshold, num_perm)
    for sig, row_hashes in zip(signatures.tolist(), got.tolist(), strict=True):
        for band in range(bands):
            h = (band * 0x9E3779B97F4A7C15) % (1 << 64)
            for value in sig[band * rows : (band + 1) * rows]:
                h = _fmix64(h ^ ((value + 0x9E3779B97F4A7C15) % (1 << 64)))
            assert row_hashes[band] == h


def _band_runs_by_definition(column: np.ndarray) -> tuple[list[int], list[int]]:  # type: ignore[type-arg]
    runs: dict[int, list[int]] = {}
    for clause, value in enumerate(column.tolist()):
        runs.setdefault(value, []).append(clause)
    label, member = [], []
    for value in sorted(runs):
        if len(runs[value]) >= 2:
            label += [len(set(label))] * len(runs[value])
            member += runs[value]
    return label, member


@pytest.mark.parametrize(
    "case",
    ["random", "empty", "one", "all-distinct", "all-equal", "low-bits", "high-bits", "top-bits"],
)
def test_band_runs_are_the_runs_of_equal_values(case: str) -> None:
    from compare.corpus.bands import band_runs

    rng = np.random.default_rng(11)
    column = {
        "random": rng.integers(0, 3000, size=5000, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15),
        "empty": np.zeros(0, dtype=np.uint64),
        "all-distinct": np.arange(1000, dtype=np.uint64) << np.uint64(40),
        "all-equal": np.full(300, 7, dtype=np.uint64),
        # values alike in their low bits and not above: the bitmap marks them all
        "low-bits": (rng.integers(0, 50, size=2000, dtype=np.uint64) << np.uint64(32))
        | np.uint64(5),
        "one": np.array([3], dtype=np.uint64),
        # values alike in their high 32 bits (the sorted part), most alone in their value
        "high-bits": (np.uint64(0xABCD) << np.uint64(32))
        | rng.integers(0, 3000, size=2000, dtype=np.uint64),
        # high halves alike in the bitmap's bits and apart above them
        "top-bits": (rng.integers(0, 8, size=1000, dtype=np.uint64) << np.uint64(61))
        | (np.uint64(7) << np.uint64(32))
        | rng.integers(0, 2, size=1000, dtype=np.uint64),
    }[case]
    label, member = band_runs(column)
    assert (label.tolist(), member.tolist()) == _band_runs_by_definition(column)
    assert label.dtype == member.dtype == np.int32


@pytest.mark.parametrize("size", [1000, 2**33])
def test_rows_come_in_order_of_run_then_row_packed_or_not(size: int) -> None:
    """Runs' rows put back in ascending order: packed in one word (a column that fits)
    or by a lexsort (a column of more than 2**32 rows)."""
    from compare.corpus.bands import _rows_ascending_per_run

    rng = np.random.default_rng(5)
    label = np.sort(rng.integers(0, 40, size=300))
    rows = rng.permutation(1000)[:300]
    got_label, got_rows = _rows_ascending_per_run(label, rows, size)
    expected = sorted(zip(label.tolist(), rows.tolist(), strict=True))
    assert list(zip(got_label.tolist(), got_rows.tolist(), strict=True)) == expected
    assert got_rows.dtype == (np.int32 if size < 2**31 else np.int64)


@pytest.mark.parametrize(("rows", "columns"), [(0, 5), (1, 1), (40, 7), (300, 2000)])
def test_transposed_lists_each_columns_rows_ascending(rows: int, columns: int) -> None:
    from compare.corpus.bands import transposed

    rng = np.random.default_rng(rows)
    row_items = [
        np.unique(rng.integers(0, columns, size=int(rng.integers(0, 12)))) for _ in range(rows)
    ]
    start = np.concatenate(([0], np.cumsum([len(r) for r in row_items]))).astype(np.int64)
    items = np.concatenate([*row_items, np.zeros(0, np.int64)]).astype(np.int32)
    col_start, col_rows = transposed(start, items, columns)
    assert col_start.dtype == np.int32 and len(col_start) == columns + 1
    for c in range(columns):
        expected = [r for r, held in enumerate(row_items) if c in held.tolist()]
        assert col_rows[col_start[c] : col_start[c + 1]].tolist() == expected


def test_first_of_each_set_is_every_set_unless_hashes_are_alike() -> None:
    """A band's sets differ (the fast path: every position, ordered by hash); sets alike
    in both hashes (a collision, or one set twice) keep their first position only."""
    u = np.uint64
    assert _first_of_each(np.array([7, 3, 9], dtype=u), np.array([1, 2, 3], dtype=u)).tolist() == [
        1, 0, 2,
    ]  # fmt: skip
    one = np.array([7, 3, 7, 7, 3], dtype=u)
    two = np.array([1, 2, 1, 5, 2], dtype=u)
    assert _first_of_each(one, two).tolist() == [1, 0, 3]


def test_group_builder_knows_sets_by_both_hashes_even_when_first_hashes_collide() -> None:
    from compare.corpus.bands import GroupBuilder

    builder = GroupBuilder()
    u = np.uint64
    builder._keep(np.array([5, 9, 5, 1], dtype=u), np.array([50, 90, 51, 10], dtype=u))
    builder._keep(np.array([9, 3], dtype=u), np.array([91, 30], dtype=u))
    assert builder._seen_one.tolist() == sorted([5, 9, 5, 1, 9, 3])
    query_one = np.array([5, 5, 5, 9, 9, 9, 3, 4, 1], dtype=u)
    query_two = np.array([50, 51, 52, 90, 91, 92, 30, 40, 11], dtype=u)
    assert builder._seen(query_one, query_two).tolist() == [
        True, True, False, True, True, False, True, False, False,
    ]  # fmt: skip


@pytest.mark.parametrize("together", [2, 5, 100])
def test_interning_reports_together_is_interning_them_one_by_one(together: int) -> None:
    """Ids, examples (the least text of each clause, and which were lowered), band rows
    and each report's clauses, on real reports that repeat each other's clauses."""
    wanted = ("保定市顺平县", "保定市徐水")
    chosen = [s for s in sources() if s.government.startswith(wanted)][:9]
    paths = sorted(str(p) for p in SAMPLES.glob("*.txt")) + [str(s.path) for s in chosen]
    settings = AuditSettings()
    records = [read_record(p, settings) for p in paths]
    one, many = Corpus.empty(settings), Corpus.empty(settings)
    for record in copy.deepcopy(records):
        one.add(record)
    copies = copy.deepcopy(records)
    for start in range(0, len(copies), together):
        many.add_all(copies[start : start + together])
    a, b = one.index, many.index
    assert [ids.tolist() for ids in a.doc_clauses] == [ids.tolist() for ids in b.doc_clauses]
    assert a.examples.since(0) == b.examples.since(0)
    assert a.lowered == b.lowered and a.lowered  # some example was lowered by a later report
    least: dict[int, str] = {}  # the definition: each clause's least text over all reports
    for record, ids in zip(records, a.doc_clauses, strict=True):
        for ident, text in zip(ids.tolist(), unpack_texts(record.clause_texts), strict=True):
            least[ident] = min(least.get(ident, text), text)
    assert b.examples.since(0) == [least[i] for i in range(len(least))]
    rows = a.band_columns.rows
    assert b.band_columns.rows == rows == len(a.examples)
    assert np.array_equal(
        a.band_columns.rows_between(0, rows), b.band_columns.rows_between(0, rows)
    )
    assert len(set(np.concatenate(a.doc_clauses).tolist())) < sum(map(len, a.doc_clauses))


def test_near_from_the_holders_keys_is_the_groups_members(three_governments) -> None:  # type: ignore[no-untyped-def]
    """near() reads a clause's groups from the holders' keys, without the groups' by-clause
    arrays; made again, those arrays list each clause's groups as the members do."""
    index = three_governments.corpus.index
    docs, groups = index.documents(), index.groups()
    groups_of: dict[int, list[int]] = {}  # from the members alone
    for g in range(groups.count):
        for i in groups.members_of(g).tolist():
            groups_of.setdefault(i, []).append(g)
    groups.forget_by_clause()
    with_groups = 0
    for i in range(len(index)):
        expected = {i}
        for g in groups_of.get(i, []):
            expected.update(groups.members_of(g).tolist())
        assert index.near(i) == expected
        with_groups += len(expected) > 1
    assert with_groups > 1000
    assert groups._by_clause is None  # near() did not make them again
    for i in range(len(index)):
        assert groups.of(i).tolist() == groups_of.get(i, [])
    assert docs is index.documents()


def test_a_fresh_audit_ends_without_the_groups_by_clause_arrays() -> None:
    """Nothing in the figures asks the groups by clause after the holders took them (asked,
    they would come back: about 450 MB at 50,000 reports)."""
    run = audit_reports(sorted(str(p) for p in SAMPLES.glob("*.txt")), AuditSettings())
    groups = run.corpus.index.groups()
    assert groups.count > 0 and groups._by_clause is None
