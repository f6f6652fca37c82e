"""Holiday calendars and time zones named as a contract names them, not by their codes.

A lawyer writes "public holidays in the State of California" and "Pacific Time", never
"US-CA" or "America/Los_Angeles". Country and subdivision names come from the ``holidays``
library (the same library the clocks use for the dates), so the name printed is the name of
the calendar that is actually applied.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ZONE_NAMES: dict[str, str] = {
    "America/Los_Angeles": "Pacific Time",
    "America/Vancouver": "Pacific Time",
    "America/Denver": "Mountain Time",
    "America/Edmonton": "Mountain Time",
    "America/Phoenix": "Mountain Standard Time (Arizona)",
    "America/Chicago": "Central Time",
    "America/Mexico_City": "Central Time (Mexico City)",
    "America/New_York": "Eastern Time",
    "America/Toronto": "Eastern Time",
    "America/Sao_Paulo": "Brasília Time",
    "Europe/London": "United Kingdom time",
    "Europe/Dublin": "Irish time",
    "Europe/Lisbon": "Western European Time",
    "Europe/Helsinki": "Eastern European Time",
    "Europe/Athens": "Eastern European Time",
    "Europe/Bucharest": "Eastern European Time",
    "Asia/Shanghai": "China Standard Time",
    "Asia/Hong_Kong": "Hong Kong Time",
    "Asia/Taipei": "Taipei Time",
    "Asia/Tokyo": "Japan Standard Time",
    "Asia/Seoul": "Korea Standard Time",
    "Asia/Singapore": "Singapore Time",
    "Asia/Kolkata": "India Standard Time",
    "Asia/Dubai": "Gulf Standard Time",
    "Australia/Sydney": "Australian Eastern Time",
    "Australia/Melbourne": "Australian Eastern Time",
    "Australia/Perth": "Australian Western Time",
    "UTC": "Coordinated Universal Time (UTC)",
}
_CENTRAL_EUROPE = {
    "Amsterdam", "Berlin", "Brussels", "Budapest", "Copenhagen", "Luxembourg", "Madrid",
    "Oslo", "Paris", "Prague", "Rome", "Stockholm", "Vienna", "Warsaw", "Zurich",
}  # fmt: skip
_THE = {
    "Bahamas", "Central African Republic", "Czechia", "Dominican Republic", "Gambia",
    "Maldives", "Marshall Islands", "Netherlands", "Philippines", "Solomon Islands",
    "United Arab Emirates", "United Kingdom", "United States", "Virgin Islands",
}  # fmt: skip
_US_NON_STATES = {"AS", "DC", "GU", "MP", "PR", "UM", "VI"}


def zone_name(zone: str) -> str:
    """ "America/Los_Angeles" → "Pacific Time"; an unlisted zone → "local time in Lima"."""
    if zone in _ZONE_NAMES:
        return _ZONE_NAMES[zone]
    city = zone.rsplit("/", 1)[-1].replace("_", " ")
    if zone.startswith("Europe/") and city in _CENTRAL_EUROPE:
        return "Central European Time"
    return f"local time in {city}"


def _words(class_name: str) -> str:
    """ "UnitedStates" → "United States"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", class_name)


@lru_cache(maxsize=64)
def country_name(code: str) -> str:
    """ "NL" → "the Netherlands", "DE" → "Germany" (the ``holidays`` library's name)."""
    from contractgen.domain.holiday_table import country_class_name

    found = country_class_name(code)
    if found is None:
        return code
    name = _words(found)
    return f"the {name}" if name in _THE else name


@lru_cache(maxsize=64)
def holiday_place(code: str) -> str:
    """Where a holiday calendar applies: "US-CA" → "the State of California",
    "DE-HH" → "Hamburg, Germany", "NL" → "the Netherlands"."""
    country, _, subdiv = code.partition("-")
    if not subdiv:
        return country_name(country)
    from contractgen.domain.holiday_table import subdivision_name

    name = subdivision_name(country, subdiv)
    if name is None:
        return f"{subdiv}, {country_name(country)}"
    if country == "US" and subdiv not in _US_NON_STATES:
        return f"the State of {name}"
    return f"{name}, {country_name(country)}"
