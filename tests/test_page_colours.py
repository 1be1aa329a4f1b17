"""The page's highlight colours, read from the stylesheet: WCAG contrast where it matters.

Text on every highlight reaches 4.5:1; the hover/focus colour stands 3:1 from every
highlight, so hovering shows on each kind; common and particular formula stand 3:1
apart; every kind's marker line (underline, border) stands 3:1 from the paper and
from its own highlight. Light highlights of different kinds are told apart by hue
and by their marker (solid, double, dotted underline, strike-through, box): no
palette can keep seven kinds 3:1 apart in lightness, as 3:1 steps leave room for
three levels between white and black.
"""

from __future__ import annotations

import re

import pytest

from compare.render.templates import template_text

CSS = template_text("report.css")
VARS = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{3,6})", CSS))
# kind: (background, text colour, marker line)
KINDS = {
    "shared": ("shared-bg", "ink", "shared-edge"),
    "common": ("common-bg", "ink", "common-edge"),
    "particular": ("particular-bg", "particular-ink", "particular-edge"),
    "specific": ("specific-bg", "ink", "specific-edge"),
    "same": ("same-bg", "ink", None),
    "deleted": ("del-bg", "del-ink", "del-ink"),
    "inserted": ("ins-bg", "ins-ink", "ins-ink"),
}


def _luminance(colour: str) -> float:
    hexa = colour.lstrip("#")
    if len(hexa) == 3:
        hexa = "".join(c * 2 for c in hexa)
    channels = [int(hexa[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(x: str, y: str) -> float:
    hi, lo = sorted((_luminance(VARS[x]), _luminance(VARS[y])), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_known_contrast() -> None:
    VARS["_white"], VARS["_black"] = "#fff", "#000"
    assert contrast("_white", "_black") == pytest.approx(21.0)


@pytest.mark.parametrize("kind", list(KINDS))
def test_text_on_every_highlight(kind: str) -> None:
    background, ink, _ = KINDS[kind]
    assert contrast(background, ink) >= 4.5


@pytest.mark.parametrize("kind", list(KINDS))
def test_hover_shows_on_every_kind(kind: str) -> None:
    assert contrast("active-bg", KINDS[kind][0]) >= 3
    assert contrast("active-bg", "active-ink") >= 4.5


def test_common_and_particular_stand_apart() -> None:
    assert contrast("common-bg", "particular-bg") >= 3
    assert contrast("shared-bg", "particular-bg") >= 3


@pytest.mark.parametrize("kind", [k for k, v in KINDS.items() if v[2]])
def test_marker_lines_show(kind: str) -> None:
    background, _, marker = KINDS[kind]
    assert marker is not None
    assert contrast(marker, "paper") >= 3
    assert contrast(marker, background) >= 3


def test_hover_rule_covers_every_shared_kind() -> None:
    rule = CSS[CSS.index(".shared:focus") : CSS.index("}", CSS.index(".shared:focus"))]
    for selector in (".shared.active", ".shared.common.active", ".shared.particular.active"):
        assert selector in rule
    assert "var(--active-bg)" in rule


def test_every_heatmap_share_has_its_figure_at_4_5() -> None:
    """A heatmap cell is the stylesheet's mix of its dark and light ends at twice its share
    (capped at 50%), its figure black below ``DARK_FROM`` and white from it: at every share
    the figure reads at 4.5:1 (white on mid-blue cells had read at 3:1)."""
    from compare.render.audit_page import DARK_FROM

    audit_css = template_text("audit.css")
    dark, light = re.search(
        r"color-mix\(in srgb, (#[0-9a-fA-F]{6}) calc\(var\(--v, 0\) \* 100%\), (#[0-9a-fA-F]{6})\)",
        audit_css,
    ).groups()  # type: ignore[union-attr]
    dark_rule = re.search(
        r"\.heat td\.dark, \.heat td\.dark a \{ color: (#[0-9a-fA-F]{3,6})", audit_css
    )
    assert dark_rule is not None
    white, black = dark_rule[1], "#000"
    assert re.search(r"\.heat td \{[^}]*color: #000;", audit_css)

    def mixed(share: float) -> str:
        p = min(2 * share, 1.0)
        ends = [(int(dark[i : i + 2], 16), int(light[i : i + 2], 16)) for i in (1, 3, 5)]
        return "#" + "".join(f"{round(d * p + w * (1 - p)):02x}" for d, w in ends)

    for k in range(501):
        share = k / 1000
        paper = mixed(share)
        ink = white if share >= DARK_FROM else black
        hi, lo = sorted((_luminance(paper), _luminance(ink)), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, (share, paper, ink)
