"""Render an audit as one HTML page that answers at a glance, and a page per pair.

The page: where each report's wording came from (one bar per report), what
each government carried over year to year (a small chart per government), a
heatmap of reuse between the reports that reuse the most, the pairs worth
reading (each linked to its side-by-side page, which links back), the lexicon
of formula templates, and every report's figures. Every cut-off is stated;
every table scrolls inside itself on a phone. The heatmap orders reports so
that clusters show: connected groups of pairs together, largest first.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from urllib.parse import quote

from .._runtime import worker_signals
from .._version import __version__
from ..corpus.background import Background, add_background
from ..corpus.provenance import KINDS, NO_ABOVE, NO_EARLIER, NO_NAME
from ..corpus.results import (
    AuditResult,
    DocumentFigures,
    PairFigures,
    TimelinePoint,
    source_first,
)
from ..corpus.run import AuditRun
from ..pair.comparison import compare_documents
from ..read.load import load_report
from ..settings import CompareSettings
from .compare_page import render_comparison
from .templates import environment, template_text

HEATMAP_MAX = 40
PAIRS_SHOWN = 50
FORMULAS_SHOWN = 100
# A heatmap cell from this share up (its colour 69% of the dark end) is dark enough for
# white text at 4.5:1; below it black text is (#1a1a1a text and a 25% switch left cells
# at 25-34% with white text at 3:1).
DARK_FROM = 0.345
PAGES_MAX = 300  # side-by-side pages written with one audit page
KIND_LABELS = {
    "own": "its own words",
    "carried_over": "carried over from its government's earlier reports",
    "handed_down": "handed down from a government above it",
    "peers": "shared with peers at its level",
    "common": "common formula",
}
# The provenance notes (``corpus.provenance``) as short tags; the whole sentence on hover.
NOTE_TAGS = {
    NO_EARLIER: "first of its government",
    NO_ABOVE: "nothing above it",
    NO_NAME: "unnamed",
}
WHY_LABELS = {
    "reuse": "reuse above the threshold",
    "year_over_year": "year over year",
    "handed_down": "from its government above",
    "closest": "closest report",
}


def href(relative_path: str) -> str:
    """A relative file path as a link: every byte of the name but letters, digits
    and ``_.-~`` percent-encoded, so no ``:`` can make it a ``javascript:`` URL and
    ``#``, ``?``, ``%`` and bytes that are not UTF-8 stay part of the name."""
    return quote(os.fsencode(relative_path).replace(os.sep.encode(), b"/"), safe="/")


def pairs_with_pages(result: AuditResult) -> list[PairFigures]:
    """The pairs that get a side-by-side page: those listed on the audit page, then the
    year-over-year, handed-down and closest pairs the page links to, up to ``PAGES_MAX``."""
    shown = result.pairs[:PAIRS_SHOWN]
    linked = {"year_over_year", "handed_down", "closest"}
    rest = [p for p in result.pairs[PAIRS_SHOWN:] if set(p.why) & linked]
    return (shown + rest)[:PAGES_MAX]


class _PageMaker:
    """Renders the side-by-side page of a pair, with the audited corpus as background
    (common formula against reuse particular to the pair) and a link back."""

    def __init__(self, run: AuditRun, back: str) -> None:
        settings = run.corpus.settings
        self.max_bytes, self.back = settings.max_bytes, back
        self.compare = CompareSettings(
            num_perm=settings.num_perm, threshold=settings.threshold, seed=settings.seed,
            document_shingle=settings.document_shingle, clause_shingle=settings.clause_shingle,
            min_clause=settings.min_clause,
        )  # fmt: skip
        self.background = Background(run.corpus) if len(run.corpus.index) else None
        self.documents = {d.path: d for d in run.result.documents}

    def page(self, pair: PairFigures) -> str:
        """The pair's side-by-side page, the source (earlier, or higher) report as A."""
        shown = source_first(pair, self.documents)
        a = load_report(shown.a, self.max_bytes)
        b = load_report(shown.b, self.max_bytes)
        result = compare_documents(a, b, self.compare)
        if self.background is not None:
            add_background(result, self.background)
        return render_comparison(result, back=(self.back, "back to the audit"))


# The page maker the forked workers inherit: the corpus behind it is large, and a fork
# shares it instead of pickling it to every worker.
_FORKED: tuple[_PageMaker, list[PairFigures]] | None = None


def _forked_page(k: int) -> str:
    assert _FORKED is not None
    maker, pairs = _FORKED
    return maker.page(pairs[k])


def pair_pages(
    run: AuditRun, pairs: list[PairFigures], back: str, jobs: int = 1
) -> Iterator[tuple[PairFigures, str]]:
    """The side-by-side page of each pair, in order (in ``jobs`` forked processes where
    the platform forks)."""
    global _FORKED
    maker = _PageMaker(run, back)
    if jobs < 2 or len(pairs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for pair in pairs:
            yield pair, maker.page(pair)
        return
    _FORKED = (maker, pairs)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(jobs, context, initializer=worker_signals) as pool:
            yield from zip(pairs, pool.map(_forked_page, range(len(pairs))), strict=True)
    finally:
        _FORKED = None


@dataclass
class PairRow:
    """A pair as the page lists it."""

    pair: PairFigures
    link: str | None


PLOT_LEFT = 36  # room for the share ticks (50%) left of a chart's plot, in its units
PLOT_BOTTOM = 26  # room under the axis for the years, clear of the 0% tick


@dataclass
class Chart:
    """One government's year-over-year carry-over as an SVG polyline chart."""

    government: str
    points: list[TimelinePoint]
    width: int
    height: int

    def x(self, k: int) -> float:
        span = max(len(self.points) - 1, 1)
        return PLOT_LEFT + (self.width - PLOT_LEFT - 20) * k / span

    def y(self, share: float) -> float:
        """Height of ``share`` (50% or more at the top); the year labels below the axis."""
        return self.height - PLOT_BOTTOM - (self.height - PLOT_BOTTOM - 12) * min(share, 0.5) / 0.5

    def labelled(self, k: int) -> bool:
        """Whether point ``k`` gets its year under the axis (every one that fits, and the last)."""
        step = max(1, -(-len(self.points) // 7))
        return k % step == 0 or k == len(self.points) - 1


def cluster_order(result: AuditResult) -> list[str]:
    """Paths of paired reports, grouped by connected component, largest first."""
    links: dict[str, set[str]] = defaultdict(set)
    for p in result.pairs:
        links[p.a].add(p.b)
        links[p.b].add(p.a)
    meta = {d.path: (d.government or "", d.year or 0, d.path) for d in result.documents}
    seen: set[str] = set()
    groups = []
    for start in sorted(links, key=lambda p: meta.get(p, ("", 0, p))):
        if start in seen:
            continue
        group, stack = [], [start]
        seen.add(start)
        while stack:
            node = stack.pop()
            group.append(node)
            for nxt in sorted(links[node] - seen):
                seen.add(nxt)
                stack.append(nxt)
        groups.append(sorted(group, key=lambda p: meta.get(p, ("", 0, p))))
    groups.sort(key=len, reverse=True)
    return [p for g in groups for p in g][:HEATMAP_MAX]


def heatmap(result: AuditResult) -> tuple[list[str], list[list[tuple[str, float] | None]]]:
    """Row/column paths and, per cell, the column's path and the share of the row's report
    found in the column's (None where the pair is not listed)."""
    order = cluster_order(result)
    reuse: dict[tuple[str, str], float] = {}
    for p in result.pairs:
        reuse[(p.a, p.b)] = p.reuse_ab
        reuse[(p.b, p.a)] = p.reuse_ba
    return order, [[(c, reuse[(r, c)]) if (r, c) in reuse else None for c in order] for r in order]


def charts(result: AuditResult) -> list[Chart]:
    """A chart per government with reports of two or more years."""
    by_government: dict[str, list[TimelinePoint]] = defaultdict(list)
    for t in result.timeline:
        by_government[t.government].append(t)
    return [
        Chart(g, sorted(points, key=lambda t: t.year), 320, 120)
        for g, points in sorted(by_government.items())
    ]


def grouped_documents(result: AuditResult) -> list[DocumentFigures]:
    """A government's reports together, by year; governments with the most reports first
    (their carry-over is what a reader looks for), then by level and name."""
    rank = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 3}
    by_timeline = {t.path: t.government for t in result.timeline}
    by_timeline |= {t.from_path: t.government for t in result.timeline}
    family = {d.path: by_timeline.get(d.path, d.government or d.path) for d in result.documents}
    size: dict[str, int] = defaultdict(int)
    for name in family.values():
        size[name] += 1
    return sorted(
        result.documents,
        key=lambda d: (
            -size[family[d.path]],
            rank.get(d.level or "", 4),
            family[d.path],
            d.year or 0,
            d.path,
        ),
    )


def render_audit(
    run: AuditRun,
    pair_links: dict[tuple[str, str], str] | None = None,
) -> str:
    """The audit page; ``pair_links`` maps a pair to the relative path of its page (a file
    path: it is percent-encoded here). No clock time on it: equal inputs and settings give
    a byte-equal page."""
    result = run.result
    links = {pair: href(path) for pair, path in (pair_links or {}).items()}
    order, cells = heatmap(result)
    labels = {d.path: d.label for d in result.documents}
    documents = {d.path: d for d in result.documents}
    return (
        environment()
        .get_template("audit.html.j2")
        .render(
            result=result,
            documents=grouped_documents(result),
            pairs=[
                PairRow(source_first(p, documents), links.get((p.a, p.b)))
                for p in result.pairs[:PAIRS_SHOWN]
            ],
            links=links,
            order=order,
            cells=cells,
            labels=labels,
            charts=charts(result),
            formulas=result.formulas[:FORMULAS_SHOWN],
            kinds=KINDS,
            dark_from=DARK_FROM,
            plot_left=PLOT_LEFT,
            kind_labels=KIND_LABELS,
            why_labels=WHY_LABELS,
            note_tags=NOTE_TAGS,
            shown={"pairs": PAIRS_SHOWN, "heatmap": HEATMAP_MAX, "formulas": FORMULAS_SHOWN},
            failures=run.failures,
            reused=run.reused,
            version=__version__,
            settings=run.corpus.settings,
            css=template_text("report.css") + template_text("audit.css"),
        )
    )
