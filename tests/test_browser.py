"""The HTML report in real headless Chromium, as a reader uses it, on a desktop and a phone.

Uses Debian's ``chromium`` (``.ci/run`` installs it) driven by Playwright; no
browser is downloaded. Every request that is not the page itself is refused and
counted: the page must make none. Checked at 1400 x 900 and 390 x 844:
counterparts on the same row, the first rows on the first screen, the popover
of a moved counterpart (and the way there and back), filters and next/previous
by keyboard, no horizontal overflow on the phone, the page with scripting off.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from compare import Document, compare_reports
from compare.render.compare_page import render_comparison

from .browser_session import DESKTOP, PHONE, Session


@pytest.fixture(scope="module")
def pages(
    samples: dict[str, Document], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    out = {}
    for a, b in [("luojiang-2024", "jinan-2020"), ("hanbin-2020", "hecheng-20xx-traditional")]:
        path = folder / f"{a}_{b}.html"
        path.write_text(
            render_comparison(compare_reports(samples[a], samples[b])), encoding="utf-8"
        )
        out[a] = path
    return out


def _box(page: Any, selector: str) -> dict[str, float]:
    return page.eval_on_selector(
        selector,
        "e => { const r = e.getBoundingClientRect();"
        " return {top: r.top, left: r.left, right: r.right, bottom: r.bottom, width: r.width}; }",
    )


def test_counterparts_stand_on_one_row(browser: Any, pages: dict[str, Path]) -> None:
    s = Session(browser, DESKTOP)
    page = s.open(pages["luojiang-2024"])
    tops = page.eval_on_selector_all(
        ".srow.k-match, .srow.k-near, .srow.k-same, .srow.k-heading",
        "rows => rows.map(r => [r.querySelector('.cell.a').getBoundingClientRect().top,"
        " r.querySelector('.cell.b').getBoundingClientRect().top,"
        " r.querySelector('.cell.a').getBoundingClientRect().left,"
        " r.querySelector('.cell.b').getBoundingClientRect().left])",
    )
    assert len(tops) >= 20
    for a_top, b_top, a_left, b_left in tops:
        assert abs(a_top - b_top) < 1  # same row
        assert b_left > a_left + 400  # A on the left, B on the right
    # the summary, the map and the first text rows on the first screen
    first_row = _box(page, ".srow")
    assert 0 < first_row["top"] < DESKTOP["height"] - 40
    assert _box(page, ".verdict")["top"] < _box(page, ".map")["top"] < first_row["top"]
    s.close()


def test_popover_shows_a_moved_counterpart_and_the_way_back(
    browser: Any, pages: dict[str, Path]
) -> None:
    s = Session(browser, DESKTOP)
    page = s.open(pages["luojiang-2024"])
    span = page.locator(".moved .shared").first
    origin = span.get_attribute("id")
    twin = span.get_attribute("data-twin")
    pop = page.locator(f"#pop-{origin}")
    assert not pop.is_visible()
    span.scroll_into_view_if_needed()
    span.hover()
    assert pop.is_visible()
    twin_text = page.text_content(f"#{twin}")
    assert twin_text and twin_text in (pop.text_content() or "")
    box = pop.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= DESKTOP["width"]
    # by keyboard: focus shows it, Tab reaches its link, Enter goes there
    page.mouse.move(0, 0)
    span.focus()
    assert pop.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == f"#{twin}"
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.activeElement && document.activeElement.id === '{twin}'")
    target = _box(page, f"#{twin}")
    assert 0 <= target["top"] < DESKTOP["height"]
    assert page.is_visible("#back")
    page.click("#back")
    page.wait_for_function(f"document.activeElement && document.activeElement.id === '{origin}'")
    back = _box(page, f"#{origin}")
    assert 0 <= back["top"] < DESKTOP["height"]
    s.close()


def test_hover_lights_the_counterpart(browser: Any, pages: dict[str, Path]) -> None:
    s = Session(browser, DESKTOP)
    page = s.open(pages["luojiang-2024"])
    page.hover("#b-s0")
    assert "active" in (page.get_attribute("#a-s0", "class") or "")
    page.mouse.move(0, 0)
    assert "active" not in (page.get_attribute("#a-s0", "class") or "")
    page.focus("#a-s3")
    assert "active" in (page.get_attribute("#b-s3", "class") or "")
    s.close()


def _visible_rows(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        ".srow", "rows => rows.filter(r => r.getClientRects().length).map(r => r.className)"
    )


def test_filters_and_walking_by_keyboard(browser: Any, pages: dict[str, Path]) -> None:
    s = Session(browser, DESKTOP)
    page = s.open(pages["luojiang-2024"])
    every = len(_visible_rows(page))
    page.focus("#show-all")
    page.keyboard.press("ArrowRight")
    assert page.is_checked("#show-near")
    shown = _visible_rows(page)
    assert 0 < len(shown) < every and all("f-near" in c.split() for c in shown)
    page.keyboard.press("ArrowRight")
    assert page.is_checked("#show-shared")
    shown = _visible_rows(page)
    assert 0 < len(shown) < every and all("f-shared" in c.split() for c in shown)
    page.keyboard.press("ArrowRight")
    assert page.is_checked("#show-specific")
    assert all("f-specific" in c.split() for c in _visible_rows(page))
    page.keyboard.press("ArrowRight")
    assert page.is_checked("#show-all") and len(_visible_rows(page)) == every
    # j and k walk the shared passages in page order
    order = page.eval_on_selector_all(".srow .shared", "els => els.map(e => e.id)")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == order[0]
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == order[1]
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == order[0]
    focused = _box(page, f"#{order[0]}")
    assert 0 <= focused["top"] < DESKTOP["height"]
    # the buttons do the same, and the walk keeps to what the filter shows
    page.click("#next-shared")
    assert page.evaluate("document.activeElement.id") == order[1]
    page.check("#show-near")
    page.keyboard.press("j")
    active = page.evaluate("document.activeElement.closest('.srow').className")
    assert "f-near" in active.split()
    s.close()


def test_phone_has_no_horizontal_overflow(browser: Any, pages: dict[str, Path]) -> None:
    s = Session(browser, PHONE)
    for name in ("luojiang-2024", "hanbin-2020"):
        page = s.open(pages[name])
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        a, b = _box(page, ".srow.k-heading .cell.a"), _box(page, ".srow.k-heading .cell.b")
        assert abs(a["left"] - b["left"]) < 2 and b["top"] > a["top"]  # stacked
        # a tap opens a moved counterpart's popover, inside the screen
        span = page.locator(".moved .shared").first
        span.scroll_into_view_if_needed()
        span.click()
        pop = page.locator(f"#pop-{span.get_attribute('id')}")
        assert pop.is_visible()
        box = pop.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.keyboard.press("Escape")
        page.mouse.move(0, 0)  # no hover either, as after a tap
        assert not pop.is_visible()
    s.close()


def test_readable_with_scripting_off(browser: Any, pages: dict[str, Path]) -> None:
    s = Session(browser, DESKTOP, script=False)
    page = s.open(pages["luojiang-2024"])
    assert not page.is_visible(".walk")
    every = len(_visible_rows(page))
    page.click("label:has(#show-near)")
    shown = _visible_rows(page)
    assert 0 < len(shown) < every and all("f-near" in c.split() for c in shown)
    page.click("label:has(#show-all)")
    span = page.locator(".moved .shared").first
    span.scroll_into_view_if_needed()
    span.hover()
    assert page.locator(f"#pop-{span.get_attribute('id')}").is_visible()
    s.close()


def _has_chinese_font() -> bool:
    try:
        found = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        return False
    return bool(found.stdout.strip())


def test_traditional_report_gets_its_font_and_language(
    browser: Any, pages: dict[str, Path]
) -> None:
    s = Session(browser, DESKTOP)
    page = s.open(pages["hanbin-2020"])
    font_b = page.eval_on_selector(".cell.b", "e => getComputedStyle(e).fontFamily")
    font_a = page.eval_on_selector(".cell.a", "e => getComputedStyle(e).fontFamily")
    assert page.get_attribute(".cell.b", "lang") == "zh-Hant" and "TC" in font_b.split(",")[0]
    assert page.get_attribute(".cell.a", "lang") == "zh-Hans" and "SC" in font_a.split(",")[0]
    # the notice about a missing Chinese font shows exactly when there is none
    assert page.is_visible("#font-note") is not _has_chinese_font()
    page.screenshot(path=str(pages["hanbin-2020"].with_suffix(".png")))
    assert pages["hanbin-2020"].with_suffix(".png").stat().st_size > 10_000
    s.close()


def test_a_jump_lands_below_the_toolbar_and_print_shows_the_whole_map(
    browser: Any, pages: dict[str, Path]
) -> None:
    """A section's heading jumped to from the map stood under the sticky toolbar; on paper
    the map kept its scroll box and cut the last sections."""
    s = Session(browser, DESKTOP)
    page = s.open(pages["luojiang-2024"])
    target = page.eval_on_selector(".map a[href^='#pair']:last-of-type", "a => a.hash")
    page.click(f".map a[href='{target}']")
    page.wait_for_timeout(100)
    toolbar = _box(page, ".toolbar")
    assert _box(page, f"{target} h3")["top"] >= toolbar["bottom"]
    page.emulate_media(media="print")
    style = page.eval_on_selector(
        ".map", "m => [getComputedStyle(m).maxHeight, m.scrollHeight - m.clientHeight]"
    )
    assert style == ["none", 0]
    s.close()
