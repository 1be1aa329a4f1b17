"""The HTML report in real headless Chromium: no console errors, hover links counterparts.

Uses Debian's ``chromium`` (``.ci/run`` installs it) driven by Playwright;
no browser is downloaded and every network request is refused and counted.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from compare import Document, compare_reports
from compare.render.compare_page import render_comparison

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def chromium_path() -> str:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run should have installed it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright")
    return CHROMIUM


def test_page_in_chromium(chromium_path: str, samples: dict[str, Document], tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    result = compare_reports(samples["luojiang-2024"], samples["jinan-2020"])
    page_path = tmp_path / "report.html"
    page_path.write_text(render_comparison(result), encoding="utf-8")
    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))

        def refuse(route):  # type: ignore[no-untyped-def]
            if not route.request.url.startswith("file://"):
                requests.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        page.route("**/*", refuse)
        page.goto(page_path.as_uri())
        page.hover("#b-s0")
        assert "active" in (page.get_attribute("#a-s0", "class") or "")
        page.mouse.move(0, 0)
        assert "active" not in (page.get_attribute("#a-s0", "class") or "")
        page.focus("#a-s3")
        assert "active" in (page.get_attribute("#b-s3", "class") or "")
        page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        page.set_viewport_size({"width": 500, "height": 900})
        left = page.eval_on_selector("#a-sec1", "e => e.getBoundingClientRect().left")
        right = page.eval_on_selector("#b-sec1", "e => e.getBoundingClientRect().left")
        assert abs(left - right) < 2  # narrow window: the panes stack
        browser.close()
    assert errors == []
    assert requests == []
    assert (tmp_path / "report.png").stat().st_size > 10_000
