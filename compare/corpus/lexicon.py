"""The formula lexicon: templates with slots, who uses them, and where they were first seen.

Candidates are the clauses held by the most reports (a cheap lower bound
ranks them, the way the index answers it); each candidate's near-duplicate
family (``社会消费品零售总额增长7.8%``, ``…增长8.5%``, …) is written as
templates (:mod:`compare.corpus.slots`), and forms with the same template, however
their clauses end (``，`` or ``。``), are one entry. An entry counts the reports and
governments holding any of its forms, lists its commonest filled forms with their own
counts (so one report's figure is never presented as shared; a form is shown without the
marks one report's spelling brings, :func:`compare.corpus.slots.form_of`), a few of the
reports, and the report it was first seen in: the earliest, and of those the highest level,
with how many reports share that year and level.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .clause_index import ClauseIndex, Holders
from .lineage import Lineage
from .records import ReportRecord
from .slots import form_of, slots_written_out, template_of

FORMS_SHOWN = 5
PATHS_SHOWN = 10
# The most used forms of one family that are written as templates (a formula whose
# figure changes in every report has as many forms as reports).
FORMS_PER_FAMILY = 2000


@dataclass
class FirstSeen:
    """The earliest report holding a template, of the highest level among the earliest;
    ``reports``: how many reports of that year and level hold it (27 provinces' 2026
    reports are first together: the path is then only the first of them by name)."""

    path: str
    year: int | None
    level: str | None
    reports: int = 1


@dataclass
class Formula:
    """One template of the lexicon."""

    template: str
    reports: int
    governments: int
    forms: list[tuple[str, int]]  # commonest filled forms, with the reports holding each
    first_seen: FirstSeen
    paths: list[str]  # a few reports using it, earliest first


class _Entry:
    """A template being counted: its forms, each with its holders, and all holders."""

    def __init__(self) -> None:
        self.forms: dict[str, set[int]] = defaultdict(set)
        self.fills: dict[str, tuple[str, ...]] = {}  # what each form puts in the slots
        self.holders: set[int] = set()


def lexicon(
    index: ClauseIndex,
    docs: Holders,
    records: list[ReportRecord],
    lineage: Lineage,
    limit: int,
    shared: NDArray[np.bool_],
) -> list[Formula]:
    """The ``limit`` most used templates, most reports first, among the ``shared`` clauses
    (``docs.at_least_all(2)``: the auditor has it already)."""
    entries: dict[str, _Entry] = defaultdict(_Entry)
    listed: set[int] = set()  # clauses counted already (near-duplicate families overlap)
    for i in candidates(index, docs, 5 * limit, shared):
        if i in listed:
            continue
        family = sorted(index.near(i) - listed, key=lambda j: (-docs.own_count(j), j))
        listed.update(family)
        for j in family[:FORMS_PER_FAMILY]:
            holders = docs.own(j).tolist()
            form = form_of(index.examples[j])
            template = template_of(form)
            entry = entries[template.text]
            entry.forms[form].update(holders)
            entry.fills[form] = template.fills
            entry.holders.update(holders)
    used = [(t, e) for t, e in entries.items() if len(e.holders) >= 2]
    formulas = [_formula(t, e, records, lineage) for t, e in used]
    formulas.sort(key=lambda f: (-f.reports, -f.governments, f.template))
    return formulas[:limit]


def _formula(
    template: str, entry: _Entry, records: list[ReportRecord], lineage: Lineage
) -> Formula:
    seniority = {d: _seniority(d, records, lineage) for d in entry.holders}
    holders = sorted(entry.holders, key=seniority.__getitem__)
    first = records[holders[0]]
    together = sum(seniority[d][:2] == seniority[holders[0]][:2] for d in holders)
    counted = [(form, len(held)) for form, held in entry.forms.items()]
    forms = sorted(counted, key=lambda kv: (-kv[1], kv[0]))[:FORMS_SHOWN]
    return Formula(
        template=slots_written_out(template, list(entry.fills.values())),
        reports=len(holders),
        governments=len({int(lineage.gov[d]) for d in holders}),
        forms=forms,
        first_seen=FirstSeen(first.path, first.year, first.level, together),
        paths=[records[d].path for d in holders[:PATHS_SHOWN]],
    )


def _seniority(doc: int, records: list[ReportRecord], lineage: Lineage) -> tuple[int, int, str]:
    """Earliest year first (unknown years last), then the highest level, then the path."""
    year = records[doc].year
    return (year if year is not None else 1 << 30, int(lineage.rank[doc]), records[doc].path)


def candidates(
    index: ClauseIndex, docs: Holders, count: int, held_twice: NDArray[np.bool_]
) -> list[int]:
    """The ``count`` clauses held by the most reports (by the index's lower bound, then by
    their own holders, then by example) among those ``held_twice``: the lexicon's
    candidates."""
    shared = np.flatnonzero(held_twice)
    bound = docs.lower_bounds()[shared]
    if len(shared) > count:
        # The first ``count`` (and their ties) are bound at least as high as the count-th
        # highest bound: sort those, not every clause held twice (at 50,000 reports,
        # millions: 8 s).
        floor = np.partition(bound, len(bound) - count)[len(bound) - count]
        high = bound >= floor
        shared, bound = shared[high], bound[high]
    own = docs.key_size[shared]
    order = np.lexsort((-own, -bound))
    shared, bound, own = shared[order], bound[order], own[order]
    if len(shared) > count:
        last = count - 1
        tied = (bound == bound[last]) & (own == own[last])
        shared = shared[: max(count, int(np.flatnonzero(tied).max()) + 1)]
        bound, own = bound[: len(shared)], own[: len(shared)]
    examples = index.examples
    keyed = sorted(
        zip(shared.tolist(), (-bound).tolist(), (-own).tolist(), strict=True),
        key=lambda t: (t[1], t[2], examples[t[0]]),
    )
    return [i for i, _, _ in keyed[:count]]
