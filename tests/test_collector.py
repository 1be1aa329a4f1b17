"""The collector is paused inside a comparison and left as it was found after it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from compare import compare_reports
from compare.collector import collector_paused

from .conftest import sample_path


@pytest.fixture
def collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_paused_inside_and_enabled_after(collector_restored: None) -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a failing stage")
    assert gc.isenabled()


def test_a_caller_that_disabled_it_keeps_it_disabled(collector_restored: None) -> None:
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_overlapping_pauses_end_with_the_last(collector_restored: None) -> None:
    """Two threads' pauses, the first ending before the second: one pause, as long as both."""
    gc.enable()
    first, second = collector_paused(), collector_paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def _states_seen(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[bool]:
    """Whether the collector was enabled at each call of ``module.name`` (filled as it runs)."""
    seen: list[bool] = []
    inner = getattr(module, name)

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return inner(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return seen


def test_compare_pauses_it_and_gives_it_back(
    collector_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from compare.pair import comparison

    seen = _states_seen(monkeypatch, comparison, "find_shared")
    gc.enable()
    compare_reports(str(sample_path("hanbin-2020")), str(sample_path("jinan-2020")))
    assert seen == [False]
    assert gc.isenabled()


def test_an_audits_figures_pause_it_and_give_it_back(
    collector_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from compare import AuditSettings, audit_reports
    from compare.corpus import run

    seen = _states_seen(monkeypatch, run, "audit")
    gc.enable()
    audit_reports([str(sample_path("hanbin-2020").parent)], AuditSettings())
    assert seen == [False]
    assert gc.isenabled()
