"""A business-hours clock needs business hours: a time zone, working days and daily hours.

## Why is this bad?
"4 business hours" means nothing until the exhibit says whose business hours: which days,
which hours, in which time zone. Without them the partner counts from its own office hours in
its own zone, the customer from theirs, and every business-clock target is disputed the first
time a ticket arrives at 17:55 on a Friday. (Until the calendar is complete, lint itself
converts business time with a 9-hour day, Monday to Friday.)

## Example
```yaml
calendar:
  timezone: null
  hours: null
support:
  priorities:
    - id: P1
      response: 4 business hours
```

## Use instead
```yaml
calendar:
  timezone: Europe/Amsterdam
  working_days: [mon, tue, wed, thu, fri]
  hours:
    start: "09:00"
    end: "18:00"
support:
  priorities:
    - id: P1
      response: 4 business hours
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.clock import is_business
from contractgen.lint.context import SpecContext
from contractgen.lint.facts import dotted, durations
from contractgen.lint.problem import Level, Problem

CODE = "CAL001"
NAME = "calendar.business-hours-undefined"
GROUPS = ("calendar", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    cal = ctx.spec.calendar
    if cal.is_defined:
        return
    business = [(loc, d) for loc, d in ctx.shared("durations", durations) if is_business(d)]
    if not business:
        return
    # Quote a value the author wrote rather than a section's default (measurement, disputes).
    business = [(loc, d) for loc, d in business if ctx.has(loc)] or business
    missing = [
        name
        for name, value in (
            ("timezone", cal.timezone),
            ("working_days", cal.working_days),
            ("hours", cal.hours),
        )
        if not value
    ]
    first_loc, first = min(business, key=lambda ld: ctx.line(ld[0]))
    where = ctx.facts.calendar.loc if ctx.has(ctx.facts.calendar.loc) else first_loc
    others = len(business) - 1
    more = f" and {others} other business-clock value{'s' if others != 1 else ''}" if others else ""
    yield ctx.problem(
        where,
        f"{dotted(first_loc)} is {first} {ctx.at(first_loc)}{more}, but the calendar does not "
        f"define {', '.join(missing)}, so business hours are undefined",
        fix='define calendar: timezone (e.g. "Europe/Amsterdam"), working_days '
        '(e.g. [mon, tue, wed, thu, fri]) and hours (e.g. start "09:00", end "18:00")',
    )
