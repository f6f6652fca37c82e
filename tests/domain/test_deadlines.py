"""The deadline simulation: sample start times and each clock on its own calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from contractgen.domain.deadlines import (
    RESOLUTION,
    RESPONSE,
    deal_calendar,
    sample_starts,
    simulate,
    ticket_deadlines,
    when,
)
from contractgen.domain.facts import facts, priority_facts
from contractgen.spec.loader import load_spec
from tests.lint.lintcase import load_edited

ROOT = Path(__file__).resolve().parents[2]
CASE_STUDY = ROOT / "examples" / "case-study-smart-shelf.yaml"
REVIEWED_CASE_STUDY = ROOT / "tests" / "lint" / "flawed" / "reviewed-case-study-smart-shelf.yaml"
"""The case study as legal reviewed it: its P1 responds in Business Hours but resolves around
the clock (the corrected example no longer does)."""


def test_samples_cover_nights_weekend_a_holiday_and_a_dst_change() -> None:
    spec = load_spec(CASE_STUDY).spec  # US-CA, effective 1 February 2027
    cal = deal_calendar(spec.calendar)
    starts = sample_starts(cal, spec.deal.effective_date)
    local = [s.astimezone(cal.zone) for s in starts]
    days = {t.date() for t in local}
    assert any(t.weekday() == 5 for t in local) and any(t.weekday() == 6 for t in local)
    assert any(t.hour < 6 for t in local) and any(t.hour >= 21 for t in local)
    assert any(cal.is_holiday(d) for d in days)  # Presidents' Day, 15 February 2027
    assert dt.date(2027, 3, 14) in days  # DST starts in California
    assert starts == sorted(starts)


def test_the_case_study_friday_ticket() -> None:
    """A P1 logged Friday 16:00 Pacific: resolution due Saturday, response only Monday."""
    loaded = load_spec(REVIEWED_CASE_STUDY)
    spec = loaded.spec
    cal = deal_calendar(spec.calendar)
    start = dt.datetime(2027, 2, 5, 16, 0, tzinfo=cal.zone)
    due = ticket_deadlines(spec, cal, 1, spec.support.priorities[1], start)
    assert when(cal, due[RESOLUTION].due, date=False) == "Saturday 6 February 16:00"
    assert when(cal, due[RESPONSE].due, date=False) == "Monday 8 February 11:00"
    (resolution,) = [c for c in simulate(spec).crossings if c.later.clock == RESOLUTION]
    assert when(cal, resolution.start) == "Friday 5 February 2027, 16:00 PST"


def test_around_the_clock_durations_are_real_time_across_dst() -> None:
    spec = load_spec(REVIEWED_CASE_STUDY).spec  # its P1 resolves in 24 hours around the clock
    cal = deal_calendar(spec.calendar)
    start = dt.datetime(2027, 3, 13, 16, 0, tzinfo=cal.zone)  # the eve of the change
    due = ticket_deadlines(spec, cal, 1, spec.support.priorities[1], start)
    assert due[RESOLUTION].due - start == dt.timedelta(hours=24)
    assert due[RESOLUTION].due.astimezone(cal.zone).hour == 17  # an hour is skipped


def test_one_clock_never_crosses() -> None:
    loaded = load_edited({"support.priorities.1.response": "4h"})
    assert simulate(loaded.spec).crossings == []


def test_facts_carry_their_key_paths_and_lines() -> None:
    loaded = load_spec(CASE_STUDY)
    root = facts(loaded)
    target = root.support.fcr.recurrence_window
    assert target.loc == ("support", "fcr", "recurrence_window")
    assert target.written and target.line == loaded.positions.location(target.loc).line
    assert target.dotted == "support.fcr.recurrence_window"
    p0 = priority_facts(root)[0]
    assert p0.value.id == "P0" and p0.response.loc == ("support", "priorities", 0, "response")
    assert next(t.loc for t in root.escalation.triggers.items()) == ("escalation", "triggers", 0)
