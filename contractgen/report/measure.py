"""Every ticket through the deal's clocks, into per-month counts: one pass, memory flat.

Why per-month counts: every period the exhibit uses (month, quarter, half-year, year) is a
run of calendar months in the deal's zone, and every metric is a ratio of counts, so a
quarter is the sum of its months' counts (see :mod:`contractgen.report.metrics`). The counts
for all months of the export are kept — that is what consecutive-period penalties, waivers
and bonuses read — but ticket ids only for the month being reported.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from contractgen.domain.calendar import (
    BusinessCalendar,
    Clock,
    budget,
    clock_for,
    elapsed_paused_us,
    to_us,
)
from contractgen.report.events import EventLog
from contractgen.report.metrics import (
    MonthCounts,
    MonthTable,
    fcr_month,
    month_key,
    resolution_month,
)
from contractgen.report.tickets import MAINTENANCE, Ticket
from contractgen.spec.models import DealSpec


@dataclass(frozen=True)
class Target:
    """One priority's clock budget: microseconds on the clock its unit names."""

    text: str
    budget_us: int
    clock: Clock


@dataclass(frozen=True)
class PriorityTargets:
    response: Target
    resolution: Target


@dataclass
class Exclusion:
    ticket_id: str
    reason: str


@dataclass
class Detail:
    """The reported month's ticket-by-ticket findings."""

    response_misses: dict[str, list[str]] = field(default_factory=dict)
    resolution_misses: dict[str, list[str]] = field(default_factory=dict)
    response_times: dict[str, array] = field(default_factory=dict)
    """Response elapsed times (microseconds on the response clock), for the medians."""
    exclusions: list[Exclusion] = field(default_factory=list)
    not_excluded: list[Exclusion] = field(default_factory=list)
    """Claims that do not exclude the ticket (category not in the deal, no evidence)."""
    refused_pauses: list[Exclusion] = field(default_factory=list)


@dataclass
class Measured:
    months: dict[int, MonthCounts]
    detail: Detail
    tickets: int
    first_month: int | None
    last_month: int | None
    seen_events: set[str] = field(default_factory=set)
    """Tickets of the events file met so far (checked once every part is measured)."""
    first_seen: dict[tuple[str, str], int] = field(default_factory=dict)
    """First creation instant of each (site, issue): how a later part of the file sees whether
    an earlier part's First-Call Resolution recurred."""
    last_fix: dict[tuple[str, str], tuple[int, int] | None] = field(default_factory=dict)
    """The last First-Call Resolution still open to recurrence per (site, issue): (closed at,
    month), or None when the key was seen but nothing is open."""


class MonthIndex:
    """Which local calendar month an instant falls in: a bisection over month starts."""

    def __init__(self, zone: ZoneInfo, first_year: int = 2000, last_year: int = 2100) -> None:
        self.first = month_key(first_year, 1)
        self.starts = [
            to_us(dt.datetime(y, m, 1, tzinfo=zone))
            for y in range(first_year, last_year + 1)
            for m in range(1, 13)
        ]

    def of(self, us: int) -> int:
        return self.first + bisect_right(self.starts, us) - 1

    def start(self, key: int) -> int:
        return self.starts[key - self.first]


def rules_for(loaded: Any) -> Rules:
    """The rules of a loaded spec; a calendar or target the clocks cannot use is a UserError
    at its line in the spec (an unknown holiday code, a target in months)."""
    from contractgen.domain.calendar import CalendarError
    from contractgen.errors import UserError

    spec = loaded.spec
    try:
        calendar = BusinessCalendar.from_spec(spec.calendar)
    except CalendarError as exc:
        loc = loaded.positions.location(("calendar", "holidays"))
        raise UserError(loc.path, f"calendar.holidays: {exc}", loc.line, loc.col) from None
    try:
        return Rules(spec, calendar)
    except CalendarError as exc:
        loc = loaded.positions.location(("support", "priorities"))
        raise UserError(loc.path, f"support.priorities: {exc}", loc.line, loc.col) from None


class Rules:
    """The deal's facts a ticket is measured against, resolved once per run."""

    def __init__(self, spec: DealSpec, calendar: BusinessCalendar) -> None:
        self.spec = spec
        self.calendar = calendar
        self.zone = calendar.zone
        self.months = MonthIndex(calendar.zone)
        eff = spec.deal.effective_date
        self.effective_month = month_key(eff.year, eff.month)
        self.targets: dict[tuple[int, str], PriorityTargets] = {}
        for year in range(0, 11):
            for p in spec.support.priorities:
                response, resolution = p.response, p.resolution
                ramp = next((r for r in spec.ramp if r.year == year), None)
                if ramp is not None:
                    response = ramp.response.get(p.id, response)
                    resolution = ramp.resolution.get(p.id, resolution)
                self.targets[(year, p.id)] = PriorityTargets(
                    self._target(response), self._target(resolution)
                )
        ed = spec.excusable_delays
        self.pause_reasons = frozenset(str(c) for c in ed.categories) if ed else frozenset()
        self.excusable = set(self.pause_reasons)
        av = spec.support.availability
        if av and any("maintenance" in x.lower() for x in av.exclusions):
            self.excusable.add(MAINTENANCE)
        self.not_counting = (
            frozenset(str(c.id) for c in spec.complaints.classes if not c.counts)
            if spec.complaints
            else frozenset()
        )
        brand_levels = {t.level.lower() for t in spec.escalation.tiers if t.owner == "brand"}
        self.brand_words = (
            brand_levels,
            {"brand", spec.parties.brand.short_name.lower(), spec.parties.brand.name.lower()},
        )
        window = spec.support.fcr.recurrence_window
        self.recurrence_us = (
            int(budget(window, calendar) // dt.timedelta(microseconds=1)) if window else 0
        )

    def _target(self, d: object) -> Target:
        from contractgen.spec.types import Duration

        assert isinstance(d, Duration)
        clock = clock_for(d, self.calendar)
        return Target(str(d), budget(d, self.calendar) // dt.timedelta(microseconds=1), clock)

    def contract_year(self, month: int) -> int:
        """Contract year of a month (1 = the first twelve months from the effective month)."""
        return max(0, (month - self.effective_month) // 12 + 1) if self.spec.ramp else 0

    def for_ticket(self, priority: str, month: int) -> PriorityTargets:
        if not self.spec.ramp:
            return self.targets[(0, priority)]
        year = self.contract_year(month)
        return self.targets.get((year, priority)) or self.targets[(0, priority)]

    def to_brand(self, escalated_to: str) -> bool:
        if not escalated_to:
            return False
        levels, words = self.brand_words
        text = escalated_to.lower()
        return text in levels or any(w and w in text for w in words)


def measure(
    tickets: Iterable[Ticket],
    rules: Rules,
    events: EventLog | None = None,
    report_month: int | None = None,
    *,
    part: bool = False,
) -> Measured:
    """Run every ticket through its clocks; ids are kept only for ``report_month``.

    ``part``: the tickets are one part of a file measured in pieces (see
    :mod:`contractgen.report.parallel`); the check that every event met its ticket is left to
    the caller, who merges the parts.
    """
    months = MonthTable()
    detail = Detail()
    starts = rules.months.starts
    first_key = rules.months.first - 1
    not_counting = rules.not_counting
    fixed_targets = (
        None
        if rules.spec.ramp
        else {p.id: rules.for_ticket(p.id, 0) for p in rules.spec.support.priorities}
    )
    by_events = events.by_ticket if events else {}
    seen_events: set[str] = set()
    last_fix: dict[tuple[str, str], tuple[int, int] | None] = {}
    first_seen: dict[tuple[str, str], int] = {}
    window = rules.recurrence_us
    count = 0
    first_month: int | None = None
    last_month: int | None = None

    counts = months.__getitem__
    no_stops: list[tuple[int, int]] = []

    for t in tickets:
        (
            _line,
            ticket_id,
            priority,
            created,
            first_response,
            resolved,
            closed,
            _reopened,
            escalated_to,
            onsite_visit,
            first_contact_fix,
            recurred,
            csat_score,
            complaint_class,
            excusable,
            _evidence,
            site,
            issue,
        ) = t
        count += 1
        m_created = first_key + bisect_right(starts, created)
        if first_month is None or m_created < first_month:
            first_month = m_created
        if last_month is None or m_created > last_month:
            last_month = m_created
        closed_at = closed if closed is not None else resolved
        m_resolved = first_key + bisect_right(starts, resolved) if resolved is not None else None
        m_closed = first_key + bisect_right(starts, closed_at) if closed_at is not None else None
        in_report = report_month is not None and report_month in (m_created, m_resolved, m_closed)

        if ticket_id in by_events:
            seen_events.add(ticket_id)
        reason = (
            _exclusion(t, rules, detail if in_report else None)
            if excusable or complaint_class in not_counting
            else ""
        )
        if reason:
            counts(m_created).excluded += 1
            if in_report:
                detail.exclusions.append(Exclusion(ticket_id, reason))
            continue

        pauses = gaps = no_stops
        if ticket_id in by_events:
            assert events is not None
            stops = events.stops(ticket_id, resolved, rules.pause_reasons)
            pauses, gaps = stops.pauses, stops.gaps
            if in_report:
                for start, _end, why in stops.refused:
                    detail.refused_pauses.append(
                        Exclusion(
                            ticket_id,
                            f"pause from {_iso(start, rules.zone)} not applied: "
                            f'"{why}" is not an excusable delay in this deal',
                        )
                    )
        targets = (
            fixed_targets[priority]
            if fixed_targets is not None
            else rules.for_ticket(priority, m_created)
        )

        # Response: counted in the month the ticket was submitted.
        pc = months[m_created].by_priority[priority]
        pc.submitted += 1
        resp = targets.response
        within = False
        if first_response is not None:
            if pauses:
                took = elapsed_paused_us(resp.clock, created, first_response, pauses)
            else:
                took = resp.clock.elapsed_us(created, first_response)
            within = took <= resp.budget_us
            if m_created == report_month:
                times = detail.response_times.get(priority)
                if times is None:
                    times = detail.response_times[priority] = array("q")
                times.append(took)
        if within:
            pc.response_within += 1
        elif m_created == report_month:
            detail.response_misses.setdefault(priority, []).append(ticket_id)

        # Resolution: Resolved within its time -> the month of the Resolution; otherwise the
        # month its Resolution Time ended (open or Resolved late), counted once, as late.
        res = targets.resolution
        stops_all = pauses + gaps if gaps else pauses
        within = False
        if resolved is not None:
            if stops_all:
                took = elapsed_paused_us(res.clock, created, resolved, stops_all)
            else:
                took = res.clock.elapsed_us(created, resolved)
            within = took <= res.budget_us
        deadline_m = None
        if not within:
            still_paused: int | None = None
            if ticket_id in by_events and resolved is None:
                assert events is not None
                stops_all = events.stops(ticket_id, None, rules.pause_reasons).pauses
                last = events.by_ticket[ticket_id][-1]
                if last.status == "paused" and last.reason in rules.pause_reasons:
                    still_paused = last.at
            end = deadline_paused_us(res.clock, created, res.budget_us, stops_all)
            # An open ticket whose clock is stopped by a pause that has not ended, before its
            # Resolution Time ran out: that time has not ended, so it counts nowhere yet.
            if still_paused is None or end <= still_paused:
                deadline_m = first_key + bisect_right(starts, end)
        m_res = resolution_month(within, m_resolved, deadline_m)
        if m_res is not None:
            rc = months[m_res].by_priority[priority]
            rc.resolved += 1
            if within:
                rc.resolution_within += 1
            elif m_res == report_month:
                detail.resolution_misses.setdefault(priority, []).append(ticket_id)

        # Recurrence: a later ticket for the same site and issue within the window after an
        # earlier First-Call Resolution means that fix did not hold (tickets in creation order).
        key = (site, issue) if window and site and issue else None
        if key is not None:
            if key not in first_seen:
                first_seen[key] = created
            prior = last_fix.get(key)
            if prior is not None and created - prior[0] <= window:
                counts(prior[1]).fcr -= 1
            last_fix[key] = None

        # Closing: CSAT counts in the month the ticket was closed; FCR in the month whose end
        # the recurrence window has passed (the closing month, or the one after).
        if closed_at is not None and m_closed is not None:
            cc = months[m_closed]
            cc.closed += 1
            cc.by_priority[priority].closed += 1
            if csat_score is not None:
                cc.csat_responses += 1
                cc.csat_sum += csat_score
            m_fcr = (
                fcr_month(m_closed, first_key + bisect_right(starts, closed_at + window - 1))
                if window
                else m_closed
            )
            fc = months[m_fcr]
            fc.fcr_counted += 1
            if first_contact_fix and not onsite_visit and not escalated_to and recurred is not True:
                fc.fcr += 1
                if key is not None and recurred is None:
                    last_fix[key] = (closed_at, m_fcr)

        if escalated_to and rules.to_brand(escalated_to):
            counts(m_created).escalations_to_brand += 1

    if events is not None and not part:
        events.unused(seen_events)
    return Measured(
        months, detail, count, first_month, last_month, seen_events, first_seen, last_fix
    )


def deadline_paused_us(
    clock: Clock, start: int, duration: int, pauses: list[tuple[int, int]]
) -> int:
    """The instant ``duration`` on ``clock`` has run from ``start``, the pauses not counting.

    Each pause that begins before the deadline found so far moves it on by the clock time the
    pause covers; repeated until no further pause falls inside (pauses are finite).
    """
    end = clock.deadline_us(start, duration)
    while pauses:
        paused = clock.elapsed_us(start, end) - elapsed_paused_us(clock, start, end, pauses)
        later = clock.deadline_us(start, duration + paused)
        if later == end:
            return end
        end = later
    return end


def _exclusion(t: Ticket, rules: Rules, detail: Detail | None) -> str:
    """Why the ticket does not count, or "" when it counts."""
    if t.excusable:
        if t.excusable not in rules.excusable:
            if detail is not None:
                detail.not_excluded.append(
                    Exclusion(
                        t.ticket_id,
                        f'claims "{t.excusable}", which this deal does not list as excusable',
                    )
                )
        elif not t.evidence:
            if detail is not None:
                detail.not_excluded.append(
                    Exclusion(t.ticket_id, f'claims "{t.excusable}" without evidence')
                )
        else:
            what = (
                "announced maintenance"
                if t.excusable == MAINTENANCE
                else f"excusable delay ({t.excusable.replace('_', ' ')})"
            )
            return f"{what}; evidence: {t.evidence}"
    if t.complaint_class and t.complaint_class in rules.not_counting:
        return f"complaint class {t.complaint_class}, which does not count"
    return ""


def _iso(us: int, zone: ZoneInfo) -> str:
    instant = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=us)
    return instant.astimezone(zone).isoformat(timespec="minutes")
