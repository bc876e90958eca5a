"""geomap: border-incident claims from news reports, resolved offline and mapped honestly.

The flow is one way: read -> extract -> resolve -> join -> layers -> render. ``geomap.api``
runs it; each stage is its own module.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("geomap")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"
