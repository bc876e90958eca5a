"""The built-in example: enough claims, both sides, in the project's own words."""

from __future__ import annotations

import re

import pytest

from geomap.examples import MAY2021
from geomap.read import read_claims
from tests.conftest import FIXTURE_REPORT


def test_example_covers_the_standoff():
    claims = read_claims([MAY2021])
    assert len(claims) >= 10
    assert {"asserts", "denies", "calls"} <= {c.stance for c in claims}
    assert {"AM", "AZ", "US", "FR", "RU"} <= {c.claimant_side for c in claims}
    assert {c.date for c in claims} >= {"2021-05-12", "2021-05-13", "2021-05-14"}
    assert any(c.role == "reaction" for c in claims)
    assert any(c.place == "Sev Lich" for c in claims)


def test_example_all_on_the_map(gazetteer):
    from geomap.join import join

    result = join(read_claims([MAY2021]), gazetteer)
    assert result.unplaced == []


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’']+", text.lower())


def test_example_is_written_in_our_own_words():
    """No run of eight words of the news report appears in the example's claims."""
    if not FIXTURE_REPORT.exists():
        pytest.skip(f"the news report is not beside the repo ({FIXTURE_REPORT})")
    report = _words(FIXTURE_REPORT.read_text(encoding="utf-8"))
    runs = {tuple(report[i:i + 8]) for i in range(len(report) - 7)}
    for claim in read_claims([MAY2021]):
        words = _words(claim.text)
        copied = [" ".join(words[i:i + 8]) for i in range(len(words) - 7)
                  if tuple(words[i:i + 8]) in runs]
        assert not copied, (claim.id, copied)
