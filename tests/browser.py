"""Headless Chromium for the HTML tests and the view benchmark: Debian's /usr/bin/chromium driven by Playwright.

Playwright's own browser download is never used (no `playwright install`). Without the executable the tests skip
with the reason — except under CI=true, where a missing browser is a failure. Every page opened here records what
a test asserts on: console errors, page errors, requests, dialogs.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("PARTNERS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def chromium_or_skip() -> Path:
    """The Chromium executable; skips the test without it (fails under CI=true)."""
    import pytest

    if not CHROMIUM.is_file():
        reason = f"{CHROMIUM} is missing (install Debian's chromium: apt-get install -y chromium)"
        if IN_CI:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    pytest.importorskip("playwright.sync_api", reason="the dev dependency playwright is not installed")
    return CHROMIUM


@dataclass
class PageLog:
    """What happened while a page was open."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def browser_page(width: int = 1400, height: int = 900) -> Iterator[tuple[Any, PageLog]]:
    """A fresh headless Chromium (new, empty profile) with one page whose events are logged."""
    from playwright.sync_api import sync_playwright

    log = PageLog()
    with tempfile.TemporaryDirectory(prefix="partners-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": width, "height": height}, offline=True)
        try:
            page = context.pages[0] if context.pages else context.new_page()
            page.on("request", lambda r: log.requests.append(r.url))
            page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: log.page_errors.append(str(e)))

            def on_dialog(d: Any) -> None:
                log.dialogs.append(f"{d.type}: {d.message}")
                d.dismiss()

            page.on("dialog", on_dialog)
            yield page, log
        finally:
            context.close()


def open_view(page: Any, html: Path, timeout_ms: float = 30_000) -> float:
    """Open the view at ``html`` and wait until it says its layout has settled; return the seconds from the start
    of navigation until then, by the browser's own clock (``window.__partnersReadyAt``)."""
    page.goto(html.resolve().as_uri(), wait_until="commit")
    # a selector, not wait_for_function: the page's Content-Security-Policy forbids the eval that polling uses
    page.wait_for_selector("html[data-ready='true']", state="attached", timeout=timeout_ms)
    assert page.evaluate("window.__partnersReady") is True
    return float(page.evaluate("window.__partnersReadyAt")) / 1000.0


CANVAS_STATS = """() => {
  const c = document.querySelector('#network canvas');
  if (!c) return null;
  const ctx = c.getContext('2d');
  const px = ctx.getImageData(0, 0, c.width, c.height).data;
  let inked = 0, colours = new Set();
  for (let i = 0; i < px.length; i += 4 * 7) {
    const [r, g, b, a] = [px[i], px[i + 1], px[i + 2], px[i + 3]];
    if (a > 0 && !(r > 245 && g > 245 && b > 245)) { inked++; colours.add((r >> 4) + ',' + (g >> 4) + ',' + (b >> 4)); }
  }
  return {width: c.width, height: c.height, inked: inked, colours: colours.size};
}"""


def canvas_stats(page: Any) -> dict[str, int] | None:
    """Size of the network canvas and how many sampled pixels are drawn (not blank or white)."""
    return page.evaluate(CANVAS_STATS)


class HtmlTags(HTMLParser):
    """Collects every start tag with its attributes (to check what a page would load or run)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
