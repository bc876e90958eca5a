"""claim_table's faster reading of what each view changes (html.claim_table), against the
loop it replaced: the same names by place, the same border facts by claim, on odd inputs
(ids on two rows, changes for claims the frame does not hold, empty changes)."""
from __future__ import annotations

import random

import pandas as pd

from geomap.render import html as H


def changes_before(ids: list, place_ids: list, by_view: dict) -> tuple[dict, list]:
    """The loop before: (view_names, each row's border facts as a tuple of (view, text))."""
    view_names: dict = {}
    borders_of: list = [()] * len(ids)
    row_of = dict(zip(ids, range(len(ids))))
    for cid, changes in by_view.items():
        i = row_of.get(cid)
        if i is None or not changes:
            continue
        names, borders = changes.get("place_names"), changes.get("borders")
        if names and place_ids[i]:
            view_names[str(place_ids[i])] = {str(v): str(t) for v, t in names.items()}
        if borders:
            borders_of[i] = tuple(borders.items())
    return view_names, borders_of


def odd_case(rng: random.Random) -> tuple[pd.DataFrame, dict]:
    n = rng.choice([1, 2, 5, 12])
    ids = [f"c{rng.randrange(n + 2)}" if rng.random() < 0.3 else f"c{i}" for i in range(n)]
    frame = pd.DataFrame({
        "id": ids,
        "place_id": [rng.choice(["am-goris", "am-syunik", "", None]) for _ in ids],
        "place_name": [rng.choice(["Goris", "Syunik", "<b>{x}</b>"]) for _ in ids],
        "lat": [rng.choice([39.5, 39.6]) for _ in ids],
        "lon": [46.3] * n})
    by_view: dict = {}
    for cid in rng.sample(ids + ["elsewhere", "c99"], rng.randrange(n + 2)):
        change: dict = {}
        if rng.random() < 0.4:
            change["place_names"] = {rng.choice(["RU", "AZ"]): rng.choice(["Gorus", "{{x}}"])}
        if rng.random() < 0.7:
            views = rng.sample(["RU", "AZ", "AM"], rng.randrange(1, 3))
            change["borders"] = {v: f"{rng.randrange(3)} km inside {v}" for v in views}
        by_view[cid] = change
    return frame, by_view


def test_what_each_view_changes_is_read_as_before():
    rng = random.Random(3)
    seen_twice = seen_borders = 0
    for _ in range(400):
        frame, by_view = odd_case(rng)
        table = H.claim_table(frame, by_view, {})
        ids = table.columns["id"]
        place_ids = [table.claim(i)["place_id"] for i in range(len(ids))]  # (missing: None)
        names, borders_of = changes_before(ids, place_ids, by_view)
        assert table.view_names == names
        # each claim's border facts, as its place's columns "border:<view>" say them
        for i, border in enumerate(borders_of):
            said = {f[len("border:"):]: t for f, t in table.claim(i).items()
                    if f.startswith("border:") and t is not None}
            assert said == dict(border), (ids, by_view)
            seen_borders += bool(border)
        seen_twice += len(set(ids)) < len(ids) and any(by_view.get(c) for c in ids)
    assert seen_twice > 20 and seen_borders > 200
