"""Public-holiday dates and calendar names kept per user, so a process need not load ``holidays``.

The ``holidays`` library answers two questions for contractgen: is a day a public holiday under
a code such as "US-CA" (the business clock), and what is that code called (the exhibit's wording:
"the State of California"). Asking costs a process far more than the answer: importing the
library takes about 60 ms of CPU, and the first calendar made loads ``holidays.countries``, which
imports every one of its ~250 country modules (about 70 ms more) to use one of them.

So the answers are kept in one small JSON file in the user's cache folder: per code, the sorted
holiday dates of each year asked for (a miss fills a window of years around it), the registry's
name of each country, and the library's name of each subdivision. The file is named by the
installed library — its folder and its ``dist-info`` record (which a reinstall or upgrade
rewrites) — so another version of ``holidays`` simply misses it. Anything unexpected (no such
record, an unreadable, damaged or foreign file, a read-only disk) falls back to asking the
library, exactly as without the table: it can make a run faster, never different. An unknown
code is never stored; the library raises for it as before.

``CONTRACTGEN_NO_CACHE`` (any non-empty value) turns it off, like the other per-user caches, and
``CONTRACTGEN_CACHE_DIR`` moves it. It stays because it pays: ``contractgen build
examples/case-study-smart-shelf.yaml --format docx``, 10 paired whole-process runs: CPU median
0.652 s with it, 0.767 s before it (ratio 0.80); the process also peaks 12 MB lower.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import zlib
from pathlib import Path
from typing import Any

_FORMAT = 1
"""Bumped when the layout of the file changes."""
WINDOW = (-2, 12)
"""A year missing from the table is computed with the years from 2 before to 11 after it, so a
deal's whole term is usually one miss (about 0.3 ms of the library's time per code and year)."""

_table: dict[str, Any] | None = None
_path: Path | None = None
_loaded = False


def _library_record() -> str | None:
    """What names the installed ``holidays``: its folder, dist-info name and RECORD's stamp.

    Found without importing it (that is the cost being saved); None when there is no single
    dist-info record next to the package (a source checkout, an unusual installer): no table.
    """
    from importlib.util import find_spec

    try:
        spec = find_spec("holidays")
        if spec is None or not spec.origin:
            return None
        package = Path(spec.origin).resolve().parent
        site = package.parent
        records = [
            n for n in os.listdir(site) if n.startswith("holidays-") and n.endswith(".dist-info")
        ]
        if len(records) != 1:
            return None
        st = os.stat(site / records[0] / "RECORD")
    except (OSError, ImportError, ValueError):
        return None
    return f"{package}\0{records[0]}\0{st.st_mtime_ns}\0{st.st_size}"


def _cache_path() -> Path | None:
    from contractgen.spec.compiled import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    record = _library_record()
    if record is None:
        return None
    return folder / f"holidays-v{_FORMAT}-{zlib.crc32(record.encode()):08x}.json"


def _load() -> dict[str, Any] | None:
    """The table for this process (read once), or None when it is off or unusable."""
    global _table, _path, _loaded
    if _loaded:
        return _table
    _loaded = True
    _path = _cache_path()
    if _path is None:
        return None
    _table = {"format": _FORMAT, "days": {}, "countries": {}, "places": {}}
    try:
        with open(_path, "rb") as f:
            st = os.fstat(f.fileno())
            # Only a file this user wrote and nobody else can change.
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                return _table
            data = json.loads(f.read())
    except (OSError, ValueError):
        return _table
    if (
        isinstance(data, dict)
        and data.get("format") == _FORMAT
        and all(isinstance(data.get(k), dict) for k in ("days", "countries", "places"))
    ):
        _table = data
    return _table


def _store() -> None:
    """Write the table for the next process, atomically; failing quietly is fine."""
    if _path is None or _table is None:
        return
    tmp = _path.with_name(f".{_path.name}.{os.getpid()}.tmp")
    try:
        _path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(_table, f, separators=(",", ":"), sort_keys=True)
        os.chmod(tmp, 0o644)
        os.replace(tmp, _path)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


class HolidayDays:
    """The public holidays of one code: ``day in HolidayDays(...)`` as with the library's object.

    Years come from the table; a year it lacks is asked of the library (once per process) and
    kept for the next run.
    """

    __slots__ = ("_country", "_library", "_region", "_stored", "_years")

    def __init__(self, country: str, region: str | None, stored: dict[str, list[int]]) -> None:
        self._country = country
        self._region = region
        self._stored = stored
        self._years: dict[int, frozenset[dt.date]] = {}
        self._library: Any = None

    def __contains__(self, day: object) -> bool:
        if isinstance(day, dt.datetime):
            day = day.date()
        elif not isinstance(day, dt.date):  # a timestamp or a string: the library's business
            if self._library is None:
                self._library = library_calendar(self._country, self._region)
            return day in self._library
        days = self._years.get(day.year)
        if days is None:
            days = self._year(day.year)
        return day in days

    def _year(self, year: int) -> frozenset[dt.date]:
        raw = self._stored.get(str(year))
        if raw is None:
            self._fill(year)
            raw = self._stored[str(year)]
        days = frozenset(dt.date.fromordinal(n) for n in raw)
        self._years[year] = days
        return days

    def _fill(self, year: int) -> None:
        if self._library is None:
            self._library = library_calendar(self._country, self._region)
        for y in range(year + WINDOW[0], year + WINDOW[1]):
            if str(y) in self._stored or not 1 <= y <= 9998:
                continue
            self._stored[str(y)] = _library_days(self._library, y)
        _store()


def _library_days(calendar: Any, year: int) -> list[int]:
    """The library's holidays of ``year``, as day ordinals (asking for a day fills its year)."""
    _ = dt.date(year, 1, 1) in calendar
    return sorted(d.toordinal() for d in calendar if d.year == year)


def library_calendar(country: str, region: str | None) -> Any:
    """The library's own calendar object; raises what ``holidays.country_holidays`` raises."""
    import holidays

    return holidays.country_holidays(country, subdiv=region)


def holiday_days(country: str, region: str | None) -> Any:
    """What answers ``day in …`` for the holidays of ``country`` (and ``region``).

    Raises what ``holidays.country_holidays`` raises for a code it does not know.
    """
    table = _load()
    if table is None:
        return library_calendar(country, region)
    code = f"{country}-{region}" if region else country
    stored = table["days"].get(code)
    if not isinstance(stored, dict):
        calendar = library_calendar(country, region)  # raises for an unknown code
        stored = table["days"][code] = {}
        days = HolidayDays(country, region, stored)
        days._library = calendar
        return days
    return HolidayDays(country, region, stored)


def country_class_name(code: str) -> str | None:
    """The registry's class name for a country code ("NL" → "Netherlands"), or None."""
    table = _load()
    countries = None if table is None else table["countries"]
    if countries is not None and code in countries:
        value = countries[code]
        return value if isinstance(value, str) else None
    from holidays.registry import COUNTRIES

    found = next((names[0] for names in COUNTRIES.values() if names[1] == code), None)
    if countries is not None:
        countries[code] = found
        _store()
    return found


def subdivision_name(country: str, subdiv: str) -> str | None:
    """The library's name of a subdivision ("US", "CA" → "California"); the code itself when
    the library has no name for it; None when it does not know the code at all."""
    table = _load()
    places = None if table is None else table["places"]
    key = f"{country}-{subdiv}"
    if places is not None and key in places:
        value = places[key]
        return value if isinstance(value, str) else None
    try:
        cls = type(library_calendar(country, subdiv))
    except (NotImplementedError, KeyError, ValueError):
        found = None
    else:
        aliases = getattr(cls, "subdivisions_aliases", {}) or {}
        found = next((n for n, c in aliases.items() if c == subdiv), subdiv)
    if places is not None:
        places[key] = found
        _store()
    return found


def _reset_for_tests() -> None:
    """Forget the table read by this process (tests switch the cache folder between cases)."""
    global _table, _path, _loaded
    _table, _path, _loaded = None, None, False
