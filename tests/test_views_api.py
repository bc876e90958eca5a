"""Points of view through the API: what each view changes in the popups, measured only
where it changes, and a side with no line view shows the default view's facts."""

from __future__ import annotations

from geomap.api import build_map
from tests.conftest import DATA

GALWAN = DATA / "galwan.csv"


def test_each_view_changes_the_facts_near_the_lines_it_classes_otherwise():
    result = build_map([GALWAN], view="IN", basemap="none")
    placed = result._placed
    assert [v["code"] for v in placed.views] == ["IN", "", "CN"]
    assert result._manifest["point_of_view"]["code"] == "IN"
    assert result._manifest["views_offered"] == ["IN", "default", "CN"]
    hot = placed.frame.set_index("id").loc["galwan-04"]
    assert "as India's maps draw it" in hot["border"]
    borders = placed.by_view["galwan-04"]["borders"]
    assert borders[""].startswith("2.6 km from the Line of Actual Control (disputed;")
    assert "China's maps draw it" in borders["CN"]


def test_a_side_with_no_line_view_shows_the_default_views_facts():
    result = build_map(None, view="IN", basemap="none")  # the Armenia–Azerbaijan example
    placed = result._placed
    codes = [v["code"] for v in placed.views]
    assert codes[:2] == ["IN", ""] and {"AM", "AZ"} <= set(codes)
    changed = [c for c in placed.by_view.values() if "borders" in c]
    assert changed, "the IN view's wording differs from the default's"
    for c in changed:
        assert c["borders"]["AM"] == c["borders"]["AZ"] == c["borders"][""]
        assert "India" not in c["borders"]["AM"]
