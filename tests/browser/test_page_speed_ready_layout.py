"""claims.js fits the title panel above the filters panel (fitLeft) just before the page's
first frame, not in draw (where asking where the panels are laid the whole page out before
it was ready: some 0.2 s at 100,000 claims): at draw's end the title is not fitted yet, and
by the first frame it must end above the filters, as when it was fitted in draw."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Before the page's scripts: when draw ends (it sets window.geomapCluster last), the title's
# max-height then, and in the frame that follows (a callback asked for after draw's own, so
# run after them, before the frame is drawn) the max-height and what fitLeft makes of where
# the panels are.
WATCH = """(() => {
  let cluster;
  window.geomapSeen = {};
  Object.defineProperty(window, "geomapCluster", {configurable: true,
    get() { return cluster; },
    set(value) {
      cluster = value;
      const title = () => document.getElementById("geomap-title");
      window.geomapSeen.atDraw = title().style.maxHeight;
      requestAnimationFrame(() => {
        const show = document.getElementById("geomap-timeline");
        const room = show.getBoundingClientRect().top - title().getBoundingClientRect().top - 10;
        window.geomapSeen.frame = {set: title().style.maxHeight,
                                   expected: Math.max(120, room) + "px", room: room,
                                   bottom: title().getBoundingClientRect().bottom,
                                   top: show.getBoundingClientRect().top};
      });
    }});
})()"""


@pytest.mark.parametrize("size", [(1400, 900), (1024, 700)])
def test_the_title_is_fitted_in_the_first_frame_not_in_draw(example_page, browser, size):
    path, _ = example_page
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.add_init_script(WATCH)
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.geomapSeen && window.geomapSeen.frame !== undefined")
        seen = page.evaluate("window.geomapSeen")
    finally:
        page.close()
    assert seen["atDraw"] == ""  # (no layout asked for in draw)
    frame = seen["frame"]
    assert frame["set"] == frame["expected"]
    if frame["room"] >= 120:  # (room to fit: the title ends above the filters)
        assert frame["bottom"] <= frame["top"] - 10 + 0.5
    assert problems == []
