"""Render a comparison as one self-contained HTML page (jinja2, autoescaped).

CSS and script are inlined from ``templates/``; nothing is fetched, so the
page works offline and from ``file://``. The highlighting and the section
map are plain markup and CSS: the small script only adds the hover/focus
link between a shared span and its counterpart.
"""

from __future__ import annotations

from datetime import datetime, timezone

from .._version import __version__
from ..pair.comparison import Comparison
from .compare_view import KIND_LABELS, build_map, build_rows
from .templates import environment, template_text

ROLE_LABELS = {
    "opening": "opening",
    "review": "review of last year",
    "plan": "plan for this year",
    "self_government": "government self-building",
    "closing": "closing",
    "appendix": "appendix",
    "notes": "notes",
    "body": "body",
}
MAP_ROW_HEIGHT = 24
FORMULAS_SHOWN = 40


def readings(comparison: Comparison) -> list[str]:
    """Plain-language sentences: how much of each part of B is phrasing found in A."""
    out = [
        f"{comparison.shared_ratio(1):.0%} of Report B's body is phrasing also found in Report A "
        f"({comparison.shared_ratio(0):.0%} of Report A's is found in B)."
    ]
    for pair in comparison.pairs:
        if pair.depth == 0 and pair.a is not None and pair.b is not None and pair.b.role:
            ratio = comparison.section_ratio(1, pair.b)
            role = ROLE_LABELS.get(pair.b.role, pair.b.role)
            out.append(
                f"{ratio:.0%} of Report B's {role} section is phrasing also found in Report A."
            )
    return out


def render_comparison(comparison: Comparison, generated: datetime | None = None) -> str:
    """The HTML report of a comparison; ``generated`` is fixed by tests."""
    rows = build_rows(comparison)
    a_entries, b_entries, links = build_map(rows)
    when = generated or datetime.now(timezone.utc)
    height = MAP_ROW_HEIGHT * max(len(a_entries), len(b_entries), 1)
    template = environment().get_template("compare.html.j2")
    return template.render(
        c=comparison,
        docs=[(d, d.label) for d in comparison.docs],
        readings=readings(comparison),
        rows=rows,
        a_entries=a_entries,
        b_entries=b_entries,
        links=links,
        row_height=MAP_ROW_HEIGHT,
        map_height=height,
        formulas=[(comparison.shared.index(r), r) for r in comparison.longest(FORMULAS_SHOWN)],
        kinds=KIND_LABELS,
        roles=ROLE_LABELS,
        settings=comparison.settings,
        version=__version__,
        generated=when.strftime("%Y-%m-%d %H:%M UTC"),
        css=template_text("report.css"),
        script=template_text("report.js"),
    )
