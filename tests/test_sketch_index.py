"""numpy MinHash equals datasketch bit for bit; sorted band tables find what MinHashLSH finds."""

from __future__ import annotations

import random
import zlib
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from compare.corpus.bands import group_bands, make_groups
from compare.pair.sketch import band_hashes, kgram_crcs, shingles, sketch_all, sketch_texts
from compare.read.chars import letters
from compare.read.load import load_report
from compare.read.units import CLAUSE_ENDS, split_units

from .conftest import SAMPLES

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


@pytest.mark.parametrize(("k", "num_perm", "seed"), [(3, 128, 1), (4, 64, 7), (3, 16, 2)])
def test_signatures_equal_datasketch_bit_for_bit(k: int, num_perm: int, seed: int) -> None:
    texts = _clauses(3)[:2000] + _random_texts(200)
    texts.append((SAMPLES / "hanbin-2020.txt").read_text(encoding="utf-8"))
    expected = _datasketch(texts, k, num_perm, seed)
    assert (sketch_texts(texts, k, num_perm, seed) == expected).all()
    assert (sketch_all([shingles(t, k) for t in texts], num_perm, seed) == expected).all()


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


@pytest.mark.parametrize("minor_count", [1000, 2**61], ids=["one-key-sort", "lexsort"])
def testsorted_pairs_equal_lexsort(minor_count: int) -> None:
    """Groups are ordered by one packed int64 key when it fits, by lexsort when not:
    both give lexsort's order and keep the ids' dtype."""
    from compare.corpus.bands import sorted_pairs

    rng = np.random.default_rng(1)
    codes = np.unique(rng.integers(0, 50 * 1000, size=3000))
    rng.shuffle(codes)
    major, minor = (codes // 1000).astype(np.int32), (codes % 1000).astype(np.int32)
    order = np.lexsort((minor, major))
    got_major, got_minor = sorted_pairs(major, minor, minor_count)
    assert (got_major == major[order]).all() and (got_minor == minor[order]).all()
    assert got_major.dtype == np.int32 and got_minor.dtype == np.int32
