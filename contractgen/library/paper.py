"""The paper a deal's documents are printed on: Letter in the United States and Canada, else A4.

The spec may say (``deal.paper``). When it does not, the deal's country decides. The spec has
no governing-law field, so the country is taken from the public-holiday calendar the deal's
business days follow (``calendar.holidays``: "US-CA" → United States), or, without one, from
the deal's time zone (the zones of the United States and Canada). A deal with neither prints
on A4, the international default.
"""

from __future__ import annotations

from typing import Any

LETTER_COUNTRIES = frozenset({"US", "CA"})
_LETTER_ZONE_PREFIXES = ("US/", "Canada/")
_LETTER_ZONES = frozenset(
    {
        "America/New_York",
        "America/Detroit",
        "America/Chicago",
        "America/Denver",
        "America/Boise",
        "America/Phoenix",
        "America/Los_Angeles",
        "America/Anchorage",
        "America/Juneau",
        "America/Indiana/Indianapolis",
        "America/Kentucky/Louisville",
        "Pacific/Honolulu",
        "America/Toronto",
        "America/Montreal",
        "America/Vancouver",
        "America/Edmonton",
        "America/Winnipeg",
        "America/Regina",
        "America/Halifax",
        "America/St_Johns",
        "America/Moncton",
        "America/Whitehorse",
        "America/Yellowknife",
    }
)


def paper_size(spec: Any) -> str:
    """``"letter"`` or ``"a4"`` for the deal (see the module docstring)."""
    chosen = getattr(spec.deal, "paper", None)
    if chosen:
        return str(chosen)
    calendar = getattr(spec, "calendar", None)
    codes = getattr(calendar, "holidays", None) if calendar is not None else None
    if isinstance(codes, str):
        codes = [codes]
    if codes:
        return "letter" if str(codes[0])[:2].upper() in LETTER_COUNTRIES else "a4"
    zone = str(getattr(calendar, "timezone", "") or "")
    if zone in _LETTER_ZONES or zone.startswith(_LETTER_ZONE_PREFIXES):
        return "letter"
    return "a4"
