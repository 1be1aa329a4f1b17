"""The holders' vector queries answer as the per-clause look-ups do, on real reports."""

from __future__ import annotations

import numpy as np
import pytest

from compare import AuditRun
from compare.corpus import clause_index, lexicon, pairs
from compare.corpus.clause_index import Holders, blocks, distinct


@pytest.fixture(params=[16, 0, 10**9], ids=["default", "all-sorted", "all-bitsets"])
def counting_way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Union sizes counted each clause the way its holdings call for, all by sorting
    holdings, or all by OR-ing keys' bitsets."""
    monkeypatch.setattr(clause_index, "_BITSETS_FROM", request.param)


def test_member_array_is_every_holder_of_the_clause_or_a_near_duplicate(
    holders: Holders, members_by_definition: list[set[int]]
) -> None:
    found = [set(holders.member_array(i).tolist()) for i in range(len(holders))]
    assert found == members_by_definition
    assert any(len(m) > len(holders.own(i)) for i, m in enumerate(found))


@pytest.mark.parametrize("count", [2, 3, 8])
def test_at_least_all_is_at_least_of_each_clause(
    holders: Holders,
    members_by_definition: list[set[int]],
    count: int,
    counting_way: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Counted by sorting each clause's holdings, by OR-ing its keys' bitsets of
    documents, or each clause the way its holdings call for."""
    monkeypatch.setattr(holders, "_exact", None)  # counted again, the other way
    expected = [len(m) >= count for m in members_by_definition]
    found = holders.at_least_all(count)
    assert found.tolist() == expected
    assert 0 < int(found.sum()) < len(found)


def test_at_least_each_is_at_least_all_of_each_count(
    holders: Holders, members_by_definition: list[set[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bounds found once serve every count, exact counts where they differ."""
    monkeypatch.setattr(holders, "_exact", None)
    counts = [2, 8, 3, 2]
    found = holders.at_least_each(counts)
    assert [f.tolist() for f in found] == [
        [len(m) >= count for m in members_by_definition] for count in counts
    ]
    assert holders.at_least_each([]) == []


@pytest.mark.parametrize(
    ("per_partner", "searched_by"),
    [(8, None), (0, "partner"), (3, "key")],
    ids=["default", "all-searched-by-partner", "formula-searched-by-key"],
)
def test_found_by_each_sums_the_clauses_each_partner_holds(
    holders: Holders,
    members_by_definition: list[set[int]],
    per_partner: int,
    searched_by: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every way of looking up a key: its holders scattered into partner columns (keys
    of few holders), each partner's keys searched, or the partners searched among each
    key's holders; clauses with several keys (in several band groups) counted once per
    partner."""
    monkeypatch.setattr(clause_index, "_SCATTER_PER_PARTNER", per_partner)
    rng = np.random.default_rng(7)
    several, loops = 0, set()
    for doc in range(0, holders.n_docs, 3):
        for others in (
            [d for d in range(holders.n_docs) if d != doc][doc % 4 :: 4],
            [(doc + 1) % holders.n_docs],  # one partner: a report and its previous one
        ):
            clauses = holders.doc_clauses[doc].tolist()
            weights = rng.integers(1, 1000, size=len(clauses)).astype(np.int32)
            found = holders.found_by_each(doc, others, weights)
            members = [members_by_definition[i] for i in clauses]
            expected = [
                sum(int(w) for w, m in zip(weights, members, strict=True) if other in m)
                for other in others
            ]
            assert found.tolist() == expected
            among = np.flatnonzero(rng.random(len(clauses)) < 0.5)
            expected_among = [
                sum(int(weights[k]) for k in among.tolist() if other in members[k])
                for other in others
            ]
            assert holders.found_by_each(doc, others, weights, among).tolist() == expected_among
            keys = np.unique(np.concatenate([holders.clause_keys(i) for i in clauses]))
            searched = int((holders.key_size[keys] > per_partner * len(others)).sum())
            loops.add("partner" if searched > len(others) else "key" if searched else None)
        several += sum(len(holders.clause_keys(i)) > 1 for i in clauses)
    assert several > 0  # the clauses of several keys were met
    assert searched_by in loops


def test_reach_is_the_holders_of_each_clauses_most_held_key(holders: Holders) -> None:
    """A clause's reach bounds how many documents hold it (its keys' holders are all of
    them) and is at least the documents holding any one of its keys."""
    for doc in range(holders.n_docs):
        clauses = holders.doc_clauses[doc].tolist()
        expected = [
            max(len(holders.key_holders(int(k))) for k in holders.clause_keys(i)) for i in clauses
        ]
        assert holders.reach(doc).tolist() == expected


@pytest.mark.parametrize("budget", [1, 7, 50, 10_000])
def test_blocks_cover_every_item_once_in_order_never_empty(budget: int) -> None:
    costs = np.random.default_rng(3).integers(0, 20, size=200)
    slices = list(blocks(costs, budget))
    assert [i for s in slices for i in range(s.start, s.stop)] == list(range(len(costs)))
    assert all(s.stop > s.start for s in slices)
    # a block passes the budget by at most its last item
    assert all(int(costs[s.start : s.stop - 1].sum()) < budget for s in slices)


@pytest.mark.parametrize("size", [0, 1, 2, 1000])
def test_distinct_is_numpys_unique(size: int) -> None:
    values = np.random.default_rng(size).integers(-50, 50, size=size)
    assert np.array_equal(distinct(values), np.unique(values))
    assert distinct(values).dtype == values.dtype


def test_at_least_of_one_clause_is_at_least_all(
    holders: Holders, members_by_definition: list[set[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(holders, "_exact", None)
    counts = [len(m) for m in members_by_definition]
    for i in range(0, len(holders), 97):
        assert holders.at_least(i, counts[i]) and not holders.at_least(i, counts[i] + 1)


@pytest.mark.parametrize("jobs", [1, 2, 3])
@pytest.mark.parametrize("at_least", [1, 4])
def test_pairs_sharing_counts_rare_clauses_as_defined(
    holders: Holders,
    members_by_definition: list[set[int]],
    jobs: int,
    at_least: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pairs, "_ENTRIES_PER_BLOCK", 2000)  # many blocks, split over jobs
    rare = np.flatnonzero(holders.at_least_all(2) & ~holders.at_least_all(6))
    counts: dict[tuple[int, int], int] = {}
    for i in rare.tolist():
        for a in holders.own(i).tolist():
            for b in members_by_definition[i] - {a}:
                key = (min(a, b), max(a, b))
                counts[key] = counts.get(key, 0) + 1
    expected = sorted(p for p, c in counts.items() if c >= at_least)
    assert len(expected) > 10
    codes, n = pairs.pair_codes_sharing(holders, rare, at_least, jobs), holders.n_docs
    assert list(zip((codes // n).tolist(), (codes % n).tolist(), strict=True)) == expected


def test_lower_bounds_are_each_clauses_lower_bound_found_once_whoever_asks_first(
    holders: Holders, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether the counts or a caller asks first, the same maxima, kept (int32)."""
    expected = [holders.lower_bound(i) for i in range(len(holders))]
    for first in ("counts", "caller"):
        monkeypatch.setattr(holders, "_lower", None)
        monkeypatch.setattr(holders, "_exact", None)
        if first == "counts":
            holders.at_least_each([2])
        found = holders.lower_bounds()
        assert found.tolist() == expected
        assert found.dtype == np.int32 and holders.lower_bounds() is found
    assert max(expected) > 1


@pytest.mark.parametrize("count", [1, 5, 60, 10**6])
def test_lexicon_candidates_are_the_most_held_clauses_held_twice(
    three_governments: AuditRun, holders: Holders, count: int
) -> None:
    """By lower bound, then own holders (both descending), then example: the first
    ``count`` of every clause held twice sorted so."""
    index = three_governments.corpus.index
    shared = holders.at_least_all(2)
    ranked = sorted(
        np.flatnonzero(shared).tolist(),
        key=lambda i: (-holders.lower_bound(i), -holders.own_count(i), index.examples[i]),
    )
    assert len(ranked) > 60
    assert lexicon.candidates(index, holders, count, shared) == ranked[:count]


def test_union_sizes_count_the_distinct_labels_of_each_clauses_holders(
    holders: Holders,
    members_by_definition: list[set[int]],
    counting_way: None,
) -> None:
    """By any label of the documents (three of them, and a hundred: a bitset of two
    words), each way of counting."""
    clauses = np.arange(0, len(holders), 5)
    for width in (3, 100):
        label = (np.arange(holders.n_docs) * 37) % width
        expected = [len({int(label[d]) for d in members_by_definition[i]}) for i in clauses]
        assert holders.union_sizes(clauses, label).tolist() == expected
        assert max(expected) > 1 and int(label.max()) >= 64 * (width > 64)
