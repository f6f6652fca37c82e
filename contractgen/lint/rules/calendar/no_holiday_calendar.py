"""Business-hour clocks need a public-holiday calendar.

## Why is this bad?
Whether the business clock stops on public holidays, and whose holidays (the partner's
country, the customer's region), decides whether a ticket raised before Easter is late.
Without ``calendar.holidays`` both readings are possible, and a long weekend becomes a
dispute about a missed target.

## Example
```yaml
calendar:
  holidays: null
```

## Use instead
```yaml
calendar:
  holidays: NL
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.clock import is_business
from contractgen.lint.context import SpecContext
from contractgen.lint.facts import durations
from contractgen.lint.problem import Level, Problem

CODE = "CAL004"
NAME = "calendar.no-holiday-calendar"
GROUPS = ("calendar", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    if ctx.spec.calendar.holidays:
        return
    business = [loc for loc, d in ctx.shared("durations", durations) if is_business(d)]
    if not business:
        return
    yield ctx.problem(
        ctx.facts.calendar.holidays.loc,
        f"{len(business)} target(s) run on business hours, but the calendar names no "
        "public-holiday calendar, so it is open whether the clock stops on holidays",
        fix='set calendar.holidays to the country (and region) whose holidays apply, e.g. "NL" '
        'or "US-CA"',
    )
