"""The examples in docstrings are doctests, and they run: an example that is wrong fails."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("module", ["geomap.errors", "geomap.read", "geomap.outputs", "geomap.geo",
                                    "geomap.incidents", "geomap.wording",
                                    "geomap.gazetteer", "geomap.gazetteer.normalize"])
def test_docstring_examples_hold(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
