"""geomap: border-incident claims from news reports, resolved offline and mapped honestly.

The flow is one way: read -> extract -> resolve -> join -> layers -> render. ``geomap.api``
runs it; each stage is its own module. In a notebook::

    import geomap
    claims = geomap.extract("report.txt", date="2021-05-14")   # or the text itself
    m = geomap.make_map(claims)            # paths, dicts, a DataFrame or a GeoDataFrame
    m                                      # shows inline in Jupyter
    m.incidents, m.to_geodataframe()
    m.save("outputs/report.html", exports=("png", "csv"))

The names are loaded on first use, so ``import geomap`` stays instant.
"""

__all__ = ["Gazetteer", "extract", "make_map"]


def make_map(inputs=None, **options):
    """The map of ``inputs`` in memory: claims files and news reports (paths), or claims
    (a list of dicts, a pandas DataFrame or a GeoDataFrame); None: the built-in example.

    Options are ``geomap map``'s: title, date, tiles, layers, store, date_from, date_to,
    bbox, encoding, publisher, url, report_title. Returns a ``MapResult``: ``.save(path,
    exports=(...))``, ``.to_geodataframe()``, ``.incidents``, ``.unplaced``, ``.notes``,
    and the map inline in Jupyter.
    """
    from .api import build_map

    return build_map(inputs, **options)


def extract(source, *, date: str | None = None, title: str | None = None,
            publisher: str | None = None, url: str | None = None,
            encoding: str = "utf-8") -> list:
    """The claims of a news report: a path (``pathlib.Path``, or a string naming a file
    that exists) or the report's text itself. ``date`` (YYYY-MM-DD) is its publication
    date. Returns Claim records (``.to_dict()``), each with the ``place_id`` it was
    resolved to; ``geomap.make_map(claims)`` maps them."""
    from .api import extract_from

    return extract_from(source, date=date, title=title, publisher=publisher, url=url,
                        encoding=encoding)


def __getattr__(name: str):
    if name == "__version__":
        # (asked of the installed metadata when first wanted: importlib.metadata costs a
        # command 50-60 ms to import, a tenth of a short report's `geomap places`)
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("geomap")
        except PackageNotFoundError:  # running from a checkout that was never installed
            found = "0+unknown"
        globals()["__version__"] = found
        return found
    if name == "Gazetteer":
        from .gazetteer import Gazetteer

        return Gazetteer
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")
