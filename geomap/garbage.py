"""Python's cyclic garbage collector during bulk work: claims, rows and page data by the
hundred thousand, made at once and hardly ever in a cycle, which the collector would
otherwise walk again and again as they are made."""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

# While a map is made, Python's cyclic garbage collector looks at the young objects every
# GC_GEN0 allocations rather than every 700: a map of 100,000 claims makes millions of
# objects (claims, rows, sentences), few of them in cycles, and collecting every 700 was
# 15 % of its time (1-2 s); every 100,000 still 0.5-0.8 s (each of a dozen collections
# looked at the claims alive then, and the older generation at them again), every
# 1,000,000 0.05 s, with the same peak memory. Cycles are still collected, less often; the
# threshold is put back when the last map being made is done, and left alone if
# collection is turned off.
GC_GEN0 = 1_000_000
_gc_lock = threading.Lock()
_gc_state = {"depth": 0, "threshold": None}


@contextmanager
def fewer_collections():
    """Collect cyclic garbage less often inside (GC_GEN0); as it was after."""
    with _gc_lock:
        if _gc_state["depth"] == 0:
            _gc_state["threshold"] = gc.get_threshold()
            first, *rest = _gc_state["threshold"]
            if 0 < first < GC_GEN0:
                gc.set_threshold(GC_GEN0, *rest)
        _gc_state["depth"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["depth"] -= 1
            if _gc_state["depth"] == 0:
                gc.set_threshold(*_gc_state["threshold"])


@contextmanager
def without_collections():
    """No cyclic garbage collection within (usable as a decorator too): bulk work on
    100,000 claims makes hundreds of thousands of objects and no cycles, and each
    collection would walk them all (half of reading a claims file, a third of building the
    page's claim table). The collector's state is as it was after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
