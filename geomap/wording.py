"""How geomap says things to people: counts and lists as a person writes them."""

from __future__ import annotations

_IRREGULAR = {"casualty": "casualties", "body": "bodies", "country": "countries",
              "this": "these", "is": "are", "was": "were"}


def plural(n: int, word: str, many: str | None = None) -> str:
    """ "1 claim", "2 claims", "0 claims"; ``many`` where the plural is not word + s.

    >>> plural(1, "claim"), plural(3, "claim"), plural(2, "country")
    ('1 claim', '3 claims', '2 countries')
    """
    if n == 1:
        return f"{n:,} {word}"
    return f"{n:,} {many or _IRREGULAR.get(word, word + 's')}"


def listing(items: list[str], last: str = "and") -> str:
    """ "a", "a and b", "a, b and c"; empty items are left out.

    >>> listing(["AM asserts", "", "AZ denies"])
    'AM asserts and AZ denies'
    """
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
