"""Per-report figures over forked processes: the answers one process gives, in order."""

from __future__ import annotations

import os

import numpy as np
import pytest

from compare.corpus import forks
from compare.corpus.forks import fork_map

pytestmark = pytest.mark.skipif(not forks.can_fork(), reason="no fork on this platform")


def test_answers_come_back_in_order_from_other_processes() -> None:
    table = np.random.default_rng(5).integers(0, 1000, size=100_000)  # the parent's memory

    def task(item: int) -> tuple[int, int]:
        return int(table[item::97].sum()), os.getpid()

    items = list(range(0, 3000, 7))
    forked = fork_map(task, items, jobs=2)
    assert [answer for answer, _ in forked] == [answer for answer, _ in map(task, items)]
    assert {pid for _, pid in forked} - {os.getpid()}  # children did the work
    assert forks._task is None  # nothing left for a later map


@pytest.mark.parametrize("jobs", [1, 2])
def test_short_maps_and_one_job_run_here(jobs: int) -> None:
    assert fork_map(lambda item: (item, os.getpid()), [3], jobs) == [(3, os.getpid())]
    assert fork_map(lambda item: item, [], jobs) == []


def test_an_error_in_a_child_reaches_the_caller() -> None:
    def task(item: int) -> int:
        if item == 13:
            raise ValueError("report 13")
        return item

    with pytest.raises(ValueError, match="report 13"):
        fork_map(task, list(range(40)), jobs=2)
    assert forks._task is None


@pytest.mark.parametrize("size", [1, 2, 7, 8, 9, 100])
@pytest.mark.parametrize("count", [1, 3, 8])
def test_chunks_are_contiguous_and_cover_every_item(size: int, count: int) -> None:
    items = list(range(size))
    chunks = forks.contiguous_runs(items, count)
    assert [i for chunk in chunks for i in chunk] == items
    assert 0 < len(chunks) <= count
    assert all(chunks)
