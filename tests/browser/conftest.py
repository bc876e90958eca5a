"""Browser tests: the generated page in a real headless Chromium (Debian's `chromium`).

They skip, saying why, where Chromium or Playwright is missing; .ci/run installs both.
"""

from __future__ import annotations

import shutil

import pytest

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (pip install -e '.[test]')")
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium on this machine (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def open_page(browser):
    """Open a local HTML file; return (page, requests, problems) as the page loads."""
    pages = []

    def open_(path, *, width=1400, height=900):
        page = browser.new_page(viewport={"width": width, "height": height})
        requests, problems = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.geomapCluster !== undefined")
        pages.append(page)
        return page, requests, problems

    yield open_
    for page in pages:
        page.close()


def close_popups(page) -> None:
    """Close every open popup by its close button and wait until none is left.

    The button is clicked where it is in the page, not at a point on the screen: after
    `geomapShow` the map may still be panning or zooming, and a mouse click at where the button
    was a moment before can fall on the map's panes (seen once in CI under load).
    """
    page.evaluate("""() => document.querySelectorAll('.leaflet-popup-close-button')
        .forEach(b => b.click())""")
    page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")
