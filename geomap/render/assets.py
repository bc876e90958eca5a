"""Leaflet and friends, read from their installed Python packages and inlined into the page.

Nothing is copied into this repository and nothing is fetched when the page opens: the
scripts and styles come from the xstatic packages at render time, and the images the styles
refer to become data: URIs.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from importlib import import_module
from pathlib import Path

from ..errors import GeomapError

# (python package, file) in the order the page needs them.
SCRIPTS = [
    ("xstatic.pkg.jquery", "jquery.min.js"),  # folium's templates still call $ in places
    ("xstatic.pkg.leaflet", "leaflet.js"),
    ("xstatic.pkg.leaflet_markercluster", "leaflet.markercluster.js"),
]
STYLES = [
    ("xstatic.pkg.leaflet", "leaflet.css"),
    ("xstatic.pkg.leaflet_markercluster", "MarkerCluster.css"),
    ("xstatic.pkg.leaflet_markercluster", "MarkerCluster.Default.css"),
]
_SOURCE_MAP = re.compile(r"^\s*//[#@] sourceMappingURL=.*$|/\*[#@] sourceMappingURL=.*?\*/",
                         re.MULTILINE)
_CSS_URL = re.compile(r"url\((['\"]?)(?!data:)([^)'\"]+)\1\)")


def _file(package: str, name: str) -> Path:
    try:
        base = Path(import_module(package).BASE_DIR)
    except ImportError as err:
        raise GeomapError(f"the package {package} is not installed (pip install geomap "
                          "installs it)") from err
    return base / name


def _inline_urls(css: str, base: Path) -> str:
    def data_uri(m: re.Match) -> str:
        target = (base / m.group(2)).resolve()
        if not target.is_file():
            return "url(data:,)"  # a missing image must not become a request
        mime = {"png": "image/png", "svg": "image/svg+xml", "gif": "image/gif"}.get(
            target.suffix.lstrip("."), "application/octet-stream")
        return f"url(data:{mime};base64,{base64.b64encode(target.read_bytes()).decode()})"

    return _CSS_URL.sub(data_uri, css)


@lru_cache(maxsize=1)
def inline_assets() -> str:
    """One HTML fragment with every style and script the page needs, inlined."""
    parts = []
    for package, name in STYLES:
        path = _file(package, name)
        css = _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))
        parts.append(f"<style>/* {name} from {package} */\n{_inline_urls(css, path.parent)}"
                     "</style>")
    for package, name in SCRIPTS:
        js = _SOURCE_MAP.sub("", _file(package, name).read_text(encoding="utf-8"))
        js = js.replace("</script", "<\\/script")
        parts.append(f"<script>/* {name} from {package} */\n{js}</script>")
    return "\n".join(parts)


def asset_versions() -> dict[str, str]:
    """Which version of each inlined package the page carries (for the manifest)."""
    out = {}
    for package, _ in [*SCRIPTS, *STYLES]:
        mod = import_module(package)
        out[package.rsplit(".", 1)[-1]] = getattr(mod, "VERSION", "")
    return out
