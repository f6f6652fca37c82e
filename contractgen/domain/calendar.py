"""The one calendar and clock engine: business time and elapsed time between two instants.

Lint's deadline simulation, ``contractgen report`` and ``lint --history`` all ask the same two
questions of a deal's calendar, so they ask this module and nothing else:

* **elapsed** — how much of a clock ran between two instants;
* **deadline** — the instant a duration on that clock runs out.

Why precomputed days and bisection: a ticket's clock must not be walked minute by minute (a
million tickets a month). For every local day of the calendar the engine stores, as integer
microseconds since the Unix epoch (UTC), the day's local midnight, its opening and closing
instants, and the business time of all earlier days (a cumulative array). The business time
up to an instant is then one bisection plus a clamp, and a deadline is one bisection on the
cumulative array: O(log days) each.

Rules the engine keeps (they are the contract's, not a choice of convenience):

* Arithmetic is on aware datetimes converted to UTC. Subtracting two datetimes that share a
  ``ZoneInfo`` subtracts wall-clock readings, which is an hour wrong across a DST change; the
  zone is consulted only to find where each local day, opening and closing fall.
* Around-the-clock durations ("2h", "3 days") are elapsed real time: a night with a DST change
  is 23 or 25 hours long, as a stopwatch would say (:data:`AROUND_THE_CLOCK`).
* Business time runs only inside business hours on working days that are not public holidays
  in ANY of the listed ``holidays`` calendars (``["NL", "BE", "LU"]``: a Belgian holiday stops
  the clock even when the Dutch office is open). A local opening or closing time that falls in
  a DST gap or overlap is read with the offset in force before the change (``fold=0``); a
  business day's length is the real time between its opening and closing instants.
* "Within N" means at most N: :meth:`BusinessCalendar.within` is ``elapsed <= N``. A reply
  after the clock stopped for the night, before it runs again, has used no more business time
  than one at closing time, so it is still within.
* "N business days" is N times the length of a business day (the duration the exhibit means),
  see :func:`budget`.

API (stable; other modules build on it):

``BusinessCalendar(timezone, working_days, opens, closes, holidays=())``
    ``working_days`` are weekday numbers (0 = Monday); ``opens``/``closes`` minutes after local
    midnight (``closes`` may be 1440 for "24:00"); ``holidays`` a list of codes such as
    ``"US-CA"`` (country, optionally a region) from the ``holidays`` library.
``BusinessCalendar.from_spec(calendar)``
    the adapter from the spec's ``calendar`` section (one code or a list), with the documented
    fallback of lint's clock (09:00–18:00, Monday to Friday, UTC) for missing parts.
``cal.elapsed(start, end) -> timedelta`` and ``cal.deadline(start, duration) -> datetime``
    business time between two aware datetimes; the earliest instant a business duration is used
    up (``start`` itself for a zero duration).
``cal.within(start, end, duration) -> bool``
``cal.is_open(instant) -> bool`` and ``cal.next_opening(instant) -> datetime``
    whether the clock runs at an instant (opening inclusive, closing exclusive); the first
    instant at or after ``instant`` when it runs.
``cal.elapsed_us(a, b)`` and ``cal.deadline_us(a, n)``
    the same on integer microseconds since the epoch, for bulk callers (the report).
``elapsed_paused(clock, start, end, pauses)``
    elapsed time on either clock minus the parts of ``pauses`` inside ``[start, end]``.
``AROUND_THE_CLOCK``
    an object with the same ``elapsed``/``deadline``/``within``/``is_open``/``next_opening``
    methods for elapsed real time, so callers pick a clock once and stop branching.
``clock_for(duration, calendar)`` and ``budget(duration, calendar)``
    the clock a spec ``Duration`` runs on, and its length as a ``timedelta`` on that clock.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from contractgen.spec.models import Calendar
    from contractgen.spec.types import Duration

UTC = dt.UTC
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
US = 1_000_000
"""Microseconds per second: the engine's unit."""
DAY_US = 86_400 * US
_MINUTE_US = 60 * US
_ONE_US = dt.timedelta(microseconds=1)
_EPOCH_DAY = EPOCH.date().toordinal()

FALLBACK_TIMEZONE = "UTC"
"""Zone used when the spec names none (lint reports the missing calendar as CAL001)."""
FALLBACK_OPENS = 9 * 60
FALLBACK_CLOSES = 18 * 60
FALLBACK_DAYS: tuple[int, ...] = (0, 1, 2, 3, 4)

_GROW_DAYS = 366
"""Days added on each side when a query falls outside the precomputed range."""

_FIRST_YEAR = 1971
_LAST_YEAR = 2200
"""Years the engine accepts; an instant outside is a data error, not a long computation."""


class CalendarError(ValueError):
    """A calendar that cannot be built, or an instant the engine will not answer for."""


def to_us(instant: dt.datetime) -> int:
    """Microseconds since the epoch of an aware datetime (exact; naive datetimes are refused)."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise CalendarError(f"{instant.isoformat()} has no UTC offset; give one, e.g. +02:00 or Z")
    return (instant - EPOCH) // dt.timedelta(microseconds=1)


def from_us(us: int) -> dt.datetime:
    """The UTC datetime of microseconds since the epoch."""
    return EPOCH + dt.timedelta(microseconds=us)


def _td(us: int) -> dt.timedelta:
    return dt.timedelta(microseconds=us)


def _td_us(delta: dt.timedelta) -> int:
    return delta // dt.timedelta(microseconds=1)


class Clock(Protocol):
    """What the report and lint need of a clock, business or around the clock."""

    def elapsed_us(self, start: int, end: int) -> int: ...
    def deadline_us(self, start: int, duration: int) -> int: ...
    def elapsed(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta: ...
    def deadline(self, start: dt.datetime, duration: dt.timedelta) -> dt.datetime: ...
    def within(self, start: dt.datetime, end: dt.datetime, duration: dt.timedelta) -> bool: ...
    def is_open(self, instant: dt.datetime) -> bool: ...
    def next_opening(self, instant: dt.datetime) -> dt.datetime: ...


class _ClockMethods(ABC):
    """The datetime-facing methods, written once over the microsecond primitives."""

    @abstractmethod
    def elapsed_us(self, start: int, end: int) -> int:
        """Microseconds on this clock from ``start`` to ``end`` (UTC microseconds)."""

    @abstractmethod
    def deadline_us(self, start: int, duration: int) -> int:
        """The UTC microsecond at which ``duration`` on this clock has run from ``start``."""

    def elapsed(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Time on this clock from ``start`` to ``end`` (negative when ``end`` is earlier)."""
        return _td(self.elapsed_us(to_us(start), to_us(end)))

    def deadline(self, start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        """The earliest instant (UTC) at which ``duration`` on this clock has run from ``start``."""
        if duration < dt.timedelta(0):
            raise CalendarError("a duration to run out cannot be negative")
        return from_us(self.deadline_us(to_us(start), _td_us(duration)))

    def within(self, start: dt.datetime, end: dt.datetime, duration: dt.timedelta) -> bool:
        """True when at most ``duration`` of this clock ran between the two instants."""
        return self.elapsed_us(to_us(start), to_us(end)) <= _td_us(duration)


class AroundTheClock(_ClockMethods):
    """Elapsed real time: every microsecond counts, DST changes included."""

    def elapsed_us(self, start: int, end: int) -> int:
        return end - start

    def deadline_us(self, start: int, duration: int) -> int:
        return start + duration

    def is_open(self, instant: dt.datetime) -> bool:
        return True

    def next_opening(self, instant: dt.datetime) -> dt.datetime:
        return instant.astimezone(UTC)

    def __repr__(self) -> str:
        return "AROUND_THE_CLOCK"


AROUND_THE_CLOCK = AroundTheClock()
"""The around-the-clock clock ("2h", "3 days"): elapsed real time in UTC."""


def _parse_code(code: str) -> tuple[str, str | None]:
    country, _, region = code.strip().partition("-")
    return country.upper(), (region.upper() or None)


def holiday_calendars(codes: Sequence[str]) -> list[object]:
    """One ``holidays`` calendar per code (``day in it``: a public holiday), read through the
    per-user table of :mod:`contractgen.domain.holiday_table`; an unknown code is a
    :class:`CalendarError`."""
    from contractgen.domain.holiday_table import holiday_days

    result: list[object] = []
    for code in codes:
        country, region = _parse_code(code)
        try:
            result.append(holiday_days(country, region))
        except NotImplementedError as exc:
            raise CalendarError(
                f'"{code}" is not a public-holiday calendar the holidays library knows; '
                'expected an ISO country code, optionally with a region, e.g. "US-CA" or "NL"'
            ) from exc
    return result


@dataclass(frozen=True)
class _Days:
    """The precomputed range: parallel arrays indexed by local day."""

    first: dt.date
    midnight: list[int]
    """Local midnight of each day (and one past the last day), microseconds UTC."""
    opens: list[int]
    closes: list[int]
    """Opening and closing instants; equal to midnight on a day the clock does not run."""
    before: list[int]
    """Business microseconds of all earlier days in the range."""
    through: list[int]
    """Business microseconds up to the end of each day (``before`` + the day's own)."""


class BusinessCalendar(_ClockMethods):
    """Business hours in a time zone, on working days, minus the public holidays of any code."""

    def __init__(
        self,
        timezone: str,
        working_days: Iterable[int],
        opens: int,
        closes: int,
        holidays: Sequence[str] = (),
    ) -> None:
        try:
            self.zone = ZoneInfo(timezone)
        except Exception as exc:
            raise CalendarError(
                f'"{timezone}" is not an IANA time zone like "America/Los_Angeles"'
            ) from exc
        self.timezone = timezone
        self.working_days = tuple(sorted(set(working_days)))
        if not self.working_days or not all(0 <= d <= 6 for d in self.working_days):
            raise CalendarError("working days are weekday numbers 0 (Monday) to 6 (Sunday)")
        if not 0 <= opens < closes <= 1440:
            raise CalendarError(
                f"business hours must open before they close within one day, e.g. 09:00-18:00 "
                f"(got {opens} to {closes} minutes after midnight)"
            )
        self.opens = opens
        self.closes = closes
        self.holiday_codes = tuple(holidays)
        self._holidays = holiday_calendars(self.holiday_codes)
        self._days: _Days | None = None
        self._lo = 0
        self._hi = 0

    # construction ---------------------------------------------------------------------------

    @classmethod
    def from_spec(cls, calendar: Calendar) -> BusinessCalendar:
        """The engine for a spec's ``calendar`` section; missing parts take the fallback.

        ``calendar.holidays`` may be one code ("US-CA") or a list (["NL", "BE", "LU"]).
        """
        opens, closes = FALLBACK_OPENS, FALLBACK_CLOSES
        if calendar.hours is not None:
            opens = _minutes(calendar.hours.start)
            closes = _minutes(calendar.hours.end)
        days = FALLBACK_DAYS
        if calendar.working_days:
            days = tuple(d.index for d in calendar.working_days)
        raw = calendar.holidays
        codes: list[str] = [] if raw is None else [raw] if isinstance(raw, str) else list(raw)
        return cls(calendar.timezone or FALLBACK_TIMEZONE, days, opens, closes, codes)

    @property
    def business_day(self) -> dt.timedelta:
        """Nominal length of one business day (what "1 business day" means)."""
        return dt.timedelta(minutes=self.closes - self.opens)

    def is_holiday(self, day: dt.date) -> bool:
        """True when ``day`` is a public holiday in any of the calendar's codes."""
        return any(day in h for h in self._holidays)  # type: ignore[operator]

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() in self.working_days and not self.is_holiday(day)

    # the precomputed range ------------------------------------------------------------------

    def _local_us(self, day: dt.date, minute: int) -> int:
        """The instant of a local wall-clock time, as ``to_us(local.replace(tzinfo=zone))``.

        Written out (wall-clock microseconds less the zone's offset at that wall time, fold 0,
        exactly what an aware datetime's subtraction does) because a range of days calls it
        two or three times a day: about half the cost of building the range.
        """
        extra, minute = divmod(minute, 1440)
        if extra:
            day = day + dt.timedelta(days=extra)
        offset = self.zone.utcoffset(
            dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60)
        )
        assert offset is not None  # a ZoneInfo always has one
        return (day.toordinal() - _EPOCH_DAY) * DAY_US + minute * _MINUTE_US - offset // _ONE_US

    def _build(self, first: dt.date, last: dt.date) -> None:
        midnight: list[int] = []
        opens: list[int] = []
        closes: list[int] = []
        before: list[int] = []
        through: list[int] = []
        total = 0
        day = first
        one = dt.timedelta(days=1)
        while day <= last:
            m = self._local_us(day, 0)
            midnight.append(m)
            if self.is_working_day(day):
                o = self._local_us(day, self.opens)
                c = max(o, self._local_us(day, self.closes))
            else:
                o = c = m
            opens.append(o)
            closes.append(c)
            before.append(total)
            total += c - o
            through.append(total)
            day += one
        midnight.append(self._local_us(last + one, 0))
        self._days = _Days(first, midnight, opens, closes, before, through)
        self._lo, self._hi = midnight[0], midnight[-1]

    def _cover(self, *instants: int) -> _Days:
        """The precomputed days, grown (by a year or more) to cover every instant given."""
        days = self._days
        lo, hi = min(instants), max(instants)
        if days is not None and self._lo <= lo and hi < self._hi:
            return days
        for us in (lo, hi):
            year = from_us(us).year
            if not _FIRST_YEAR <= year <= _LAST_YEAR:
                raise CalendarError(
                    f"{from_us(us).isoformat()} is outside the years {_FIRST_YEAR}-{_LAST_YEAR} "
                    "the calendar answers for"
                )
        grow = dt.timedelta(days=_GROW_DAYS)
        first = from_us(lo).astimezone(self.zone).date() - grow
        last = from_us(hi).astimezone(self.zone).date() + grow
        if days is not None:
            first = min(first, days.first)
            last = max(last, days.first + dt.timedelta(days=len(days.opens) - 1))
        self._build(first, last)
        assert self._days is not None
        return self._days

    def prepare(self, start: dt.datetime, end: dt.datetime) -> None:
        """Precompute the days between two instants now (else done on first use)."""
        self._cover(to_us(start), to_us(end))

    # the primitives, in microseconds --------------------------------------------------------

    def position_us(self, instant: int) -> int:
        """Business microseconds from the start of the precomputed range to ``instant``.

        Only differences of positions mean anything; the range may grow between calls, so
        :meth:`elapsed_us` asks for both positions after covering both instants.
        """
        days = self._cover(instant)
        return self._position(days, instant)

    @staticmethod
    def _position(days: _Days, instant: int) -> int:
        i = bisect_right(days.midnight, instant) - 1
        o = days.opens[i]
        if instant <= o:
            return days.before[i]
        c = days.closes[i]
        if instant >= c:
            return days.through[i]
        return days.before[i] + instant - o

    def elapsed_us(self, start: int, end: int) -> int:
        if self._lo <= start < self._hi and self._lo <= end < self._hi:
            days = self._days
            assert days is not None
        else:
            days = self._cover(start, end)
        # _position twice, written out: this is the report's inner loop.
        midnight, opens, closes = days.midnight, days.opens, days.closes
        i = bisect_right(midnight, end) - 1
        o, c = opens[i], closes[i]
        b = (
            days.before[i]
            if end <= o
            else days.through[i]
            if end >= c
            else days.before[i] + end - o
        )
        i = bisect_right(midnight, start) - 1
        o, c = opens[i], closes[i]
        if start <= o:
            return b - days.before[i]
        if start >= c:
            return b - days.through[i]
        return b - days.before[i] - start + o

    def deadline_us(self, start: int, duration: int) -> int:
        if duration < 0:
            raise CalendarError("a duration to run out cannot be negative")
        if duration == 0:
            return start
        days = self._cover(start)
        target = self._position(days, start) + duration
        while target > days.through[-1]:
            # Grow until the budget runs out inside the range (at most a few times: each
            # growth adds a year or more of business days).
            days = self._cover(start, self._hi + DAY_US)
            target = self._position(days, start) + duration
        j = bisect_left(days.through, target)
        return days.opens[j] + (target - days.before[j])

    # questions about one instant ------------------------------------------------------------

    def is_open(self, instant: dt.datetime) -> bool:
        """True when the business clock runs at ``instant`` (from opening, until closing)."""
        us = to_us(instant)
        days = self._cover(us)
        i = bisect_right(days.midnight, us) - 1
        return days.opens[i] <= us < days.closes[i]

    def next_opening(self, instant: dt.datetime) -> dt.datetime:
        """The first instant at or after ``instant`` when the business clock runs (UTC)."""
        us = to_us(instant)
        days = self._cover(us)
        i = bisect_right(days.midnight, us) - 1
        while True:
            while i < len(days.opens):
                if days.opens[i] < days.closes[i] and us < days.closes[i]:
                    return from_us(max(us, days.opens[i]))
                i += 1
            days = self._cover(us, self._hi + DAY_US)
            i = bisect_right(days.midnight, us) - 1

    def __repr__(self) -> str:
        return (
            f"BusinessCalendar({self.timezone!r}, {list(self.working_days)}, "
            f"{self.opens}, {self.closes}, {list(self.holiday_codes)})"
        )


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def elapsed_paused(
    clock: Clock,
    start: dt.datetime,
    end: dt.datetime,
    pauses: Iterable[tuple[dt.datetime, dt.datetime]] = (),
) -> dt.timedelta:
    """Time on ``clock`` from ``start`` to ``end``, not counting the pauses inside it.

    Overlapping pauses count once; parts of a pause outside ``[start, end]`` are ignored.
    """
    a, b = to_us(start), to_us(end)
    return _td(elapsed_paused_us(clock, a, b, ((to_us(p), to_us(q)) for p, q in pauses)))


def elapsed_paused_us(clock: Clock, start: int, end: int, pauses: Iterable[tuple[int, int]]) -> int:
    """:func:`elapsed_paused` on microseconds."""
    total = clock.elapsed_us(start, end)
    clipped = sorted((max(p, start), min(q, end)) for p, q in pauses)
    cur_p, cur_q = 0, 0
    have = False
    for p, q in clipped:
        if q <= p:
            continue
        if have and p <= cur_q:
            cur_q = max(cur_q, q)
            continue
        if have:
            total -= clock.elapsed_us(cur_p, cur_q)
        cur_p, cur_q, have = p, q, True
    if have:
        total -= clock.elapsed_us(cur_p, cur_q)
    return total


def clock_for(duration: Duration, calendar: BusinessCalendar) -> Clock:
    """The clock a spec duration runs on: the business calendar or around the clock."""
    from contractgen.spec.types import Clock as SpecClock

    return calendar if duration.clock == SpecClock.BUSINESS else AROUND_THE_CLOCK


def budget(duration: Duration, calendar: BusinessCalendar) -> dt.timedelta:
    """A spec duration's length on its own clock.

    Business hours are hours of business time; a business day is one business day's length of
    business time (09:00–18:00 makes "3 business days" 27 business hours); around-the-clock
    units are real time. Months and years have no fixed length and are refused: a ticket
    target is never written in them.
    """
    from contractgen.spec.types import Unit

    if duration.unit == Unit.BUSINESS_HOURS:
        return _minutes_td(duration.amount * 60)
    if duration.unit == Unit.BUSINESS_DAYS:
        minutes = duration.amount * (calendar.closes - calendar.opens)
        return _minutes_td(minutes)
    if duration.unit in (Unit.MONTHS, Unit.YEARS):
        raise CalendarError(f"{duration} has no fixed length; give it in days or hours")
    elapsed = duration.elapsed_minutes
    assert elapsed is not None
    return _minutes_td(elapsed)


def _minutes_td(minutes: Decimal) -> dt.timedelta:
    us = minutes * 60 * US
    return dt.timedelta(microseconds=int(us.to_integral_value()))
