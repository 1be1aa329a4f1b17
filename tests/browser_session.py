"""A real headless Chromium for page tests: Debian's chromium driven by Playwright.

No browser is downloaded. Every request that is not a local file is refused and
counted (the pages must make none), and console errors are collected.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

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
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


class Session:
    """A browser page that records console errors and refuses (and counts) every request."""

    def __init__(self, browser: Any, viewport: dict[str, int], script: bool = True) -> None:
        self.context = browser.new_context(viewport=viewport, java_script_enabled=script)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def open(self, path: Path) -> Any:
        self.page.goto(path.as_uri())
        return self.page

    def close(self) -> None:
        self.context.close()
        assert self.errors == []
        assert self.requests == []
