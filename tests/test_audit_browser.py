"""The audit page and its pair pages in real headless Chromium, on a desktop and a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from compare.cli import main

from .browser_session import DESKTOP, PHONE, Session
from .conftest import SAMPLES


@pytest.fixture(scope="module")
def audit_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("audit") / "audit.html"
    result = CliRunner().invoke(main, ["audit", str(SAMPLES), "--html", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_page_answers_at_a_glance_and_fits(
    browser: Any, audit_page: Path, viewport: dict[str, int]
) -> None:
    s = Session(browser, viewport)
    page = s.open(audit_page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]  # no horizontal overflow: wide tables scroll inside
    assert page.locator("table.bars tbody tr").count() == 5  # a bar per report
    segments = page.locator(".bar span").count()
    assert segments >= 10  # own words and common formula at least, per report
    assert page.locator(".chart").count() == 0  # five districts, one year each
    labels = page.locator("table.bars th[scope=row]").all_inner_texts()
    assert len(set(labels)) == 5 and all("?" not in label for label in labels)
    first_bar = page.locator(".bar").first.bounding_box()
    assert first_bar is not None and first_bar["y"] < viewport["height"]  # on the first screen
    s.close()


def test_heatmap_cells_open_pair_pages_that_link_back(browser: Any, audit_page: Path) -> None:
    s = Session(browser, DESKTOP)
    page = s.open(audit_page)
    cell = page.locator(".heat td a").first
    assert cell.count() == 1
    cell.click()
    assert "_pairs/pair" in page.url
    assert page.locator(".srow").count() > 10  # the side-by-side page
    page.locator(".back-link a").click()
    assert page.url.endswith("audit.html")
    s.close()


def test_every_pair_listed_has_its_page(audit_page: Path) -> None:
    html = audit_page.read_text(encoding="utf-8")
    pages = sorted((audit_page.parent / "audit_pairs").glob("pair*.html"))
    rows = html.split('id="pairs"')[1].split("</table>")[0].count("<tr>") - 1  # minus the head
    assert rows >= 3  # each of five reports with its closest (mutual ones once)
    assert html.count(">compare</a>") == rows == len(pages)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'href="../audit.html"' in text
