"""Deadline simulation: every clock of a ticket, computed on the deal's real calendar.

The clocks: response, escalation, the brand's answer to the escalation (which starts when the
escalation falls due), and resolution; for a priority whose workaround is required, the
resolution clock is the workaround's (a workaround at least is due by the resolution target).

Comparing "4 Business Hours" with "24 hours" in averages hides the ticket that matters: one
logged late on a Friday, whose around-the-clock resolution falls due on Saturday while its
business-hour response is not due until Monday. So the deadlines are computed, each on its own
clock (:mod:`contractgen.domain.calendar`), for start times spread over a representative span
of the deal's calendar: a working week with its nights and weekend, the eve and day of the first
public holiday after the exhibit takes effect, and the eve and day of the first change of
daylight-saving time. Lint reports the first start time at which two clocks cross or a deadline
falls when nobody is obliged to work, so the message carries a concrete example.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from contractgen.domain.calendar import BusinessCalendar, budget, clock_for, from_us, to_us
from contractgen.domain.calendar import Clock as EngineClock
from contractgen.spec.models import (
    Coverage,
    DealSpec,
    Package,
    Priority,
    TriggerKind,
    Workaround,
)
from contractgen.spec.types import Clock, Duration

if TYPE_CHECKING:
    from contractgen.domain.facts import Loc
    from contractgen.spec.models import Calendar

RESPONSE = "response"
ESCALATION = "escalation"
BRAND_RESPONSE = "brand response"
RESOLUTION = "resolution"
WORKAROUND = "workaround"
"""The resolution clock of a priority whose workaround is required: by the resolution target
the ticket must at least be worked around (the spec gives the two one duration)."""

DEPENDS: tuple[tuple[str, str], ...] = (
    (ESCALATION, RESPONSE),
    (RESOLUTION, RESPONSE),
    (RESOLUTION, ESCALATION),
    (RESOLUTION, BRAND_RESPONSE),
    (WORKAROUND, RESPONSE),
    (WORKAROUND, ESCALATION),
    (WORKAROUND, BRAND_RESPONSE),
)
"""(later, earlier): the first clock may not fall due before the second, which it builds on."""

VERBS: dict[str, str] = {
    RESPONSE: "responded to",
    ESCALATION: "escalated",
    BRAND_RESPONSE: "answered by the Brand",
    RESOLUTION: "resolved",
    WORKAROUND: "worked around",
}

_SCAN_DAYS = 400
"""How far after the effective date to look for a public holiday and a DST change."""


@dataclass(frozen=True)
class Deadline:
    """One clock of one ticket: what runs, for how long, from where, and when it falls due."""

    clock: str
    duration: Duration
    loc: Loc
    due: dt.datetime
    partner: bool = True
    """False for the brand's answer to an escalation."""


@dataclass(frozen=True)
class Crossing:
    """A dependent clock that falls due before the clock it depends on."""

    priority: Priority
    index: int
    start: dt.datetime
    later: Deadline
    earlier: Deadline


@dataclass(frozen=True)
class Uncovered:
    """A deadline that falls when the side that must meet it is not obliged to work."""

    priority: Priority
    index: int
    start: dt.datetime
    deadline: Deadline
    coverage: str


@lru_cache(maxsize=16)
def _calendar(
    timezone: str | None, days: tuple[int, ...] | None, hours: tuple[str, str] | None,
    holidays: tuple[str, ...],
) -> BusinessCalendar:  # fmt: skip
    from contractgen.spec.models import Calendar, DailyHours, Weekday

    spec = Calendar.model_construct(
        timezone=timezone,
        working_days=None if days is None else [list(Weekday)[d] for d in days],
        hours=None if hours is None else DailyHours.model_construct(start=hours[0], end=hours[1]),
        holidays=list(holidays) or None,
    )
    return BusinessCalendar.from_spec(spec)


_DAY: dict[str, int] = {
    d: i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
}

CalendarKey = tuple[str | None, tuple[int, ...] | None, tuple[str, str] | None, tuple[str, ...]]


def _key(calendar: Calendar) -> CalendarKey:
    raw = calendar.holidays
    codes = () if raw is None else (raw,) if isinstance(raw, str) else tuple(raw)
    days = None if not calendar.working_days else tuple(_DAY[d] for d in calendar.working_days)
    hours = None if calendar.hours is None else (calendar.hours.start, calendar.hours.end)
    return calendar.timezone, days, hours, codes


def deal_calendar(calendar: Calendar) -> BusinessCalendar:
    """The engine for a spec's calendar, shared by deals with the same calendar (by value)."""
    return _calendar(*_key(calendar))


@lru_cache(maxsize=64)
def _starts(key: CalendarKey, effective: dt.date) -> tuple[dt.datetime, ...]:
    return tuple(sample_starts(_calendar(*key), effective))


def sample_starts(cal: BusinessCalendar, effective: dt.date) -> list[dt.datetime]:
    """Start times over a representative span, in order: nights, opening and closing, of a
    working week and its weekend, of a public holiday's eve and day, and of a DST change's."""
    first = effective + dt.timedelta(days=(7 - effective.weekday()) % 7)  # a Monday
    days = [first + dt.timedelta(days=i) for i in range(7)]
    for special in (_first_holiday(cal, effective), _first_dst_change(cal, effective)):
        if special is not None:
            days += [special - dt.timedelta(days=1), special]
    minutes = sorted(
        {3 * 60, cal.opens - 60, cal.opens, cal.closes - 60, cal.closes, 21 * 60} - {-60, 1440}
    )
    starts = {
        dt.datetime.combine(day, dt.time(m // 60, m % 60), tzinfo=cal.zone).astimezone(dt.UTC)
        for day in days
        for m in minutes
        if 0 <= m < 1440
    }
    return sorted(starts)


def _first_holiday(cal: BusinessCalendar, after: dt.date) -> dt.date | None:
    for i in range(_SCAN_DAYS):
        day = after + dt.timedelta(days=i)
        if day.weekday() in cal.working_days and cal.is_holiday(day):
            return day
    return None


def _first_dst_change(cal: BusinessCalendar, after: dt.date) -> dt.date | None:
    def offset(day: dt.date) -> dt.timedelta | None:
        return dt.datetime.combine(day, dt.time(12), tzinfo=cal.zone).utcoffset()

    previous = offset(after)
    for i in range(1, _SCAN_DAYS):
        day = after + dt.timedelta(days=i)
        current = offset(day)
        if current != previous:
            return day
        previous = current
    return None


def _escalation(spec: DealSpec, index: int, p: Priority) -> tuple[Duration, Loc] | None:
    if p.escalate_after is not None:
        return p.escalate_after, ("support", "priorities", index, "escalate_after")
    for t, trig in enumerate(spec.escalation.triggers):
        if trig.kind == TriggerKind.UNRESOLVED and trig.priority == p.id and trig.after:
            return trig.after, ("escalation", "triggers", t, "after")
    return None


@dataclass(frozen=True)
class _Clock:
    """A ticket clock ready to run: its clock engine and its length in microseconds."""

    name: str
    duration: Duration
    loc: Loc
    engine: EngineClock
    length: int
    partner: bool = True
    after: str | None = None
    """The clock whose deadline starts this one (the brand's answer starts at escalation)."""

    def due_us(self, start: int, dues: dict[str, int]) -> int:
        origin = start if self.after is None else dues[self.after]
        return self.engine.deadline_us(origin, self.length)

    def deadline(self, due: int) -> Deadline:
        return Deadline(self.name, self.duration, self.loc, from_us(due), self.partner)


def ticket_clocks(spec: DealSpec, cal: BusinessCalendar, index: int, p: Priority) -> list[_Clock]:
    """The clocks of a ticket of priority ``p``, in the order they start."""

    def make(name: str, d: Duration, loc: Loc, partner: bool = True, after: str | None = None):
        length = int(budget(d, cal) / dt.timedelta(microseconds=1))
        return _Clock(name, d, loc, clock_for(d, cal), length, partner, after)

    here: Loc = ("support", "priorities", index)
    clocks = [
        make(RESPONSE, p.response, (*here, "response")),
        make(
            WORKAROUND if p.workaround == Workaround.REQUIRED else RESOLUTION,
            p.resolution,
            (*here, "resolution"),
        ),
    ]
    escalation = _escalation(spec, index, p)
    if escalation is not None:
        clocks.append(make(ESCALATION, *escalation))
        answer = spec.escalation.brand_l2_response.get(p.id)
        if answer is not None:
            loc: Loc = ("escalation", "brand_l2_response", p.id)
            clocks.append(make(BRAND_RESPONSE, answer, loc, False, ESCALATION))
    return clocks


def ticket_deadlines(
    spec: DealSpec, cal: BusinessCalendar, index: int, p: Priority, start: dt.datetime
) -> dict[str, Deadline]:
    """Each clock of a ticket of priority ``p`` logged at ``start``, on its own clock."""
    dues: dict[str, int] = {}
    clocks = ticket_clocks(spec, cal, index, p)
    for c in clocks:
        dues[c.name] = c.due_us(to_us(start), dues)
    return {c.name: c.deadline(dues[c.name]) for c in clocks}


@dataclass(frozen=True)
class Simulation:
    """The crossings and uncovered deadlines of one deal, first example of each kind."""

    crossings: list[Crossing]
    uncovered: list[Uncovered]


def partner_covers_all_hours(spec: DealSpec) -> bool:
    """Whether the partner is obliged to work nights, weekends and holidays: the premium package,
    or on-call agreed (which covers every around-the-clock clock)."""
    return spec.support.package == Package.PREMIUM or spec.support.on_call is True


def brand_covers_all_hours(spec: DealSpec) -> bool | None:
    """Whether the brand desk that answers escalations is staffed around the clock; None when
    the spec names no such desk (the references rules report that)."""
    tier = spec.escalation.receiving_brand_tier()
    if tier is not None and tier.contact:
        contact = spec.contact(tier.contact)
        if contact is not None:
            return contact.coverage == Coverage.AROUND_THE_CLOCK
    for trig in spec.escalation.triggers:
        target = spec.escalation_target(trig)
        if target is not None and getattr(target, "party", None) == "brand":
            return target.coverage == Coverage.AROUND_THE_CLOCK  # type: ignore[union-attr]
    return None


def simulate(spec: DealSpec) -> Simulation:
    """Walk the sample start times for every priority; keep the first example of each clash."""
    key = _key(spec.calendar)
    cal = _calendar(*key)
    starts = _starts(key, spec.deal.effective_date)
    partner_all = partner_covers_all_hours(spec)
    brand_all = brand_covers_all_hours(spec)
    crossings: dict[tuple[str, str, str], Crossing] = {}
    uncovered: dict[tuple[str, str], Uncovered] = {}
    starts_us = [to_us(s) for s in starts]
    for index, p in enumerate(spec.support.priorities):
        clocks = ticket_clocks(spec, cal, index, p)
        by_name = {c.name: c for c in clocks}
        pairs = [
            (a, b)
            for a, b in DEPENDS
            if a in by_name and b in by_name and len(_clocks_of(by_name, a, b)) > 1
        ]
        watched = [
            c
            for c in clocks
            if c.duration.clock == Clock.ELAPSED
            and (partner_all if c.partner else brand_all) is False
        ]
        # Clocks all on one engine keep their order whatever the start time (both deadlines move
        # together), so one start answers for all of them; only mixed clocks need the walk.
        mixed = len({c.engine for c in clocks}) > 1 or bool(watched)
        count = len(starts) if mixed else 1
        for start, start_us in zip(starts[:count], starts_us[:count], strict=True):
            dues: dict[str, int] = {}
            for c in clocks:
                dues[c.name] = c.due_us(start_us, dues)
            for later, earlier in pairs:
                pair = (p.id, later, earlier)
                if dues[later] < dues[earlier] and pair not in crossings:
                    a, b = by_name[later], by_name[earlier]
                    crossings[pair] = Crossing(
                        p, index, start, a.deadline(dues[later]), b.deadline(dues[earlier])
                    )
            for c in watched:
                key2 = (p.id, c.name)
                if key2 not in uncovered and not _workable_us(cal, dues[c.name]):
                    who = "the Partner" if c.partner else "the Brand's escalation desk"
                    uncovered[key2] = Uncovered(
                        p, index, start, c.deadline(dues[c.name]), f"{who} works Business Hours"
                    )
    return Simulation(list(crossings.values()), list(uncovered.values()))


def _clocks_of(by_name: dict[str, _Clock], *names: str) -> set[Clock]:
    """The clocks (business or around the clock) the deadlines ``names`` are counted on,
    including the clocks of the deadlines they start from (the brand's answer starts at
    escalation).

    Deadlines counted on one clock from the same start keep their order whatever the start
    time, so only a pair that mixes the two clocks can cross on some tickets and not on others;
    a fixed order is judged by the ordering rules, from the durations alone.
    """
    clocks: set[Clock] = set()
    for name in names:
        c: _Clock | None = by_name[name]
        while c is not None:
            clocks.add(c.duration.clock)
            c = by_name.get(c.after) if c.after is not None else None
    return clocks


def _workable_us(cal: BusinessCalendar, instant: int) -> bool:
    """Whether business hours are running at ``instant`` (a deadline at closing time counts)."""
    return (
        cal.elapsed_us(instant - 1_000_000, instant) > 0
        or cal.elapsed_us(instant, instant + 1_000_000) > 0
    )


def when(cal: BusinessCalendar, instant: dt.datetime, *, date: bool = True) -> str:
    """ "Friday 5 March 2027, 16:00 PST" (or "Saturday 6 March 16:00" without the year)."""
    local = instant.astimezone(cal.zone)
    if date:
        return f"{local:%A} {local.day} {local:%B %Y}, {local:%H:%M} {local.tzname()}"
    return f"{local:%A} {local.day} {local:%B} {local:%H:%M}"
