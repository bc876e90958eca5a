"""Resolve stage: names to places through the gazetteer, in the context of the others.

Names are resolved in two passes. The first resolves what is clear on its own; the places
found then give the context for the second, in which an ambiguous name prefers the candidate
near the others ("Agarak" in a report about Syunik is the Agarak in Syunik). The same name
means the same place throughout one document.
"""

from __future__ import annotations

from .gazetteer import Gazetteer
from .records import Mention, Resolution

# How far from the other places a candidate may be and still count as "near" them.
CONTEXT_KM = 300.0


def resolve_places(names: list[str], gazetteer: Gazetteer,
                   kinds: dict[str, str | None] | None = None) -> dict[str, Resolution]:
    """Resolve each distinct name; names left ambiguous get a second try in context."""
    kinds = kinds or {}
    out = {n: gazetteer.resolve(n, kind=kinds.get(n)) for n in dict.fromkeys(names) if n}
    anchors = [r.place for r in out.values()
               if r.resolved and r.place.kind not in ("country", "admin1", "region")]
    if not anchors:
        anchors = [r.place for r in out.values()
                   if r.resolved and r.place.kind not in ("country", "region")]
    if anchors:
        lat = sum(p.lat for p in anchors) / len(anchors)
        lon = sum(p.lon for p in anchors) / len(anchors)
        for name, res in out.items():
            if res.status == "ambiguous":
                again = gazetteer.resolve(name, kind=kinds.get(name),
                                          near=(lat, lon, CONTEXT_KM))
                if again.resolved:
                    out[name] = again
    return out


def resolve_mentions(mentions: list[Mention], gazetteer: Gazetteer
                     ) -> list[tuple[Mention, Resolution]]:
    """Each mention with its resolution; a marked name the gazetteer lacks is unresolved."""
    kinds: dict[str, str | None] = {}
    for m in mentions:
        if not m.marked:
            kinds.setdefault(m.surface, m.kind)
    found = resolve_places([m.surface for m in mentions if not m.marked], gazetteer, kinds)
    out = []
    for m in mentions:
        if m.marked:
            res = Resolution(m.surface, "unresolved", None, (),
                             f"the text calls {m.surface!r} a {m.kind or 'place'}, but the "
                             "gazetteer does not know it")
        else:
            res = found[m.surface]
        out.append((m, res))
    return out
