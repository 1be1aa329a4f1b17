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
