"""Render a comparison as one self-contained HTML page (jinja2, autoescaped).

CSS and script are inlined from ``templates/``; nothing is fetched, so the
page works offline and from ``file://``. Everything a reader needs is plain
markup and CSS: rows of counterparts, the redline, popovers of moved
counterparts (shown on hover and focus), the filters (radio buttons and CSS
``:has``) and the section map. The small script adds what markup cannot:
the counterpart lit on hover, popovers opened by a tap, next/previous over
the shared passages (buttons and the keys ``j``/``k``), a way back after a
jump, and a notice when the machine has no Chinese font.
"""

from __future__ import annotations

import os

from .._version import __version__
from ..model import Document
from ..pair.comparison import Comparison
from .compare_view import KIND_LABELS, Block, build_blocks, build_map, script_lang
from .templates import environment, percent, template_text

ROLE_LABELS = {
    "opening": "opening",
    "review": "review",
    "plan": "plan",
    "self_government": "government self-building",
    "closing": "closing",
    "appendix": "appendix",
    "notes": "notes",
    "body": "body",
}
MAP_ROW_HEIGHT = 24
FORMULAS_SHOWN = 40


def short_label(doc: Document) -> str:
    """Government and year, or the file's name (not its whole path) and the year."""
    name = doc.meta.government or os.path.splitext(os.path.basename(doc.path))[0] or doc.path
    year = str(doc.meta.year) if doc.meta.year else ""
    return f"{name} {year}" if year and year not in name else name


def verdict(comparison: Comparison, side: int) -> str:
    """One sentence on one report: how much is shared, common formula, changed-detail copying
    (shares as the page prints them, a tenth below 10%: the terminal's 0.3% was 0% here)."""
    me, other = ("A", "B") if side == 0 else ("B", "A")
    doc = comparison.docs[side]
    shared = comparison.shared_ratio(side)
    out = f"Report {me} ({short_label(doc)}): {percent(shared)} of its body is phrasing"
    out += f" also found in {other}"
    common = comparison.common_ratio(side)
    if common is not None:
        out += (
            f" ({percent(common)} common formula found across the corpus, "
            f"{percent(max(0.0, shared - common))} particular to this pair)"
        )
    near = comparison.near_duplicate_ratio(side)
    return out + f"; {percent(near)} is in sentences copied with only details changed."


def filter_counts(blocks: list[Block]) -> dict[str, int]:
    """How many rows each filter shows."""
    counts = {"all": 0, "near": 0, "shared": 0, "specific": 0}
    for block in blocks:
        for row in block.rows:
            counts["all"] += 1
            for flag in row.flags:
                counts[flag] += 1
    return counts


def render_comparison(comparison: Comparison, back: tuple[str, str] | None = None) -> str:
    """The HTML report of a comparison; ``back`` is a link (href, text) to the page it was
    opened from, such as an audit's. No clock time on it: equal inputs and settings give
    a byte-equal page."""
    blocks = build_blocks(comparison)
    a_entries, b_entries, links = build_map(blocks)
    height = MAP_ROW_HEIGHT * max(len(a_entries), len(b_entries), 1)
    template = environment().get_template("compare.html.j2")
    return template.render(
        c=comparison,
        docs=[(d, short_label(d)) for d in comparison.docs],
        langs=[script_lang(d) for d in comparison.docs],
        verdicts=[verdict(comparison, 0), verdict(comparison, 1)],
        blocks=blocks,
        counts=filter_counts(blocks),
        a_entries=a_entries,
        b_entries=b_entries,
        links=links,
        row_height=MAP_ROW_HEIGHT,
        map_height=height,
        formulas=[
            (comparison.shared.index(r), comparison.as_written(r))
            for r in comparison.longest(FORMULAS_SHOWN)
        ],
        kinds=KIND_LABELS,
        roles=ROLE_LABELS,
        settings=comparison.settings,
        back=back,
        version=__version__,
        css=template_text("report.css"),
        script=template_text("report.js"),
    )
