"""Render an audit as an HTML page: heatmap, timelines, formula lexicon, top pairs.

The heatmap shows the reports involved in the pairs worth reading (at most
``HEATMAP_MAX``), ordered so that clusters show: connected groups of reused
reports together, largest group first, each ordered by government and year.
"""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import datetime, timezone
from urllib.parse import quote

from .._version import __version__
from ..corpus.audit import AuditResult, PairFigures
from ..corpus.run import AuditRun
from ..pair.comparison import compare_documents
from ..read.load import load_report
from .compare_page import render_comparison
from .templates import environment, template_text

HEATMAP_MAX = 60
PAIR_PAGES = 10


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
            for nxt in links[node] - seen:
                seen.add(nxt)
                stack.append(nxt)
        groups.append(sorted(group, key=lambda p: meta.get(p, ("", 0, p))))
    groups.sort(key=len, reverse=True)
    return [p for g in groups for p in g][:HEATMAP_MAX]


def heatmap(result: AuditResult) -> tuple[list[str], list[list[float | None]]]:
    """Row/column paths and, per cell, the share of the row's report found in the column's."""
    order = cluster_order(result)
    reuse: dict[tuple[str, str], float] = {}
    for p in result.pairs:
        reuse[(p.a, p.b)] = p.reuse_ab
        reuse[(p.b, p.a)] = p.reuse_ba
    return order, [[reuse.get((r, c)) for c in order] for r in order]


def pair_pages(run: AuditRun, count: int = PAIR_PAGES) -> list[tuple[PairFigures, str]]:
    """``compare`` reports for the top pairs, as (pair, HTML) to be written beside the page."""
    pages = []
    for pair in run.result.pairs[:count]:
        result = compare_documents(load_report(pair.a), load_report(pair.b))
        pages.append((pair, render_comparison(result)))
    return pages


def href(relative_path: str) -> str:
    """A relative file path as a link: every byte of the name but letters, digits
    and ``_.-~`` percent-encoded, so no ``:`` can make it a ``javascript:`` URL and
    ``#``, ``?``, ``%`` and bytes that are not UTF-8 stay part of the name."""
    return quote(os.fsencode(relative_path).replace(os.sep.encode(), b"/"), safe="/")


def render_audit(
    run: AuditRun,
    pair_links: dict[tuple[str, str], str] | None = None,
    generated: datetime | None = None,
) -> str:
    """The audit page; ``pair_links`` maps a pair to the relative path of its compare page
    (a file path: it is percent-encoded here)."""
    result = run.result
    order, cells = heatmap(result)
    timelines: dict[str, list[object]] = defaultdict(list)
    for t in result.timeline:
        timelines[t.government].append(t)
    return (
        environment()
        .get_template("audit.html.j2")
        .render(
            result=result,
            order=order,
            cells=cells,
            labels={
                d.path: f"{d.government or '?'} {d.year or ''}".strip() for d in result.documents
            },
            timelines=sorted(timelines.items()),
            pair_links={pair: href(path) for pair, path in (pair_links or {}).items()},
            failures=run.failures,
            reused=run.reused,
            version=__version__,
            generated=(generated or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC"),
            settings=run.corpus.settings,
            css=template_text("report.css"),
        )
    )
