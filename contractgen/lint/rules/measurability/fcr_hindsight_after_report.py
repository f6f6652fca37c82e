"""First-call resolution must be knowable when the report that states it is due.

## Why is this bad?
A fix counts as a first-call resolution only if the issue does not come back within the
recurrence window (7 days, say). For a ticket closed on the last day of the month, that is
known only 7 days later; if the monthly report is due on the 5th, the FCR rate it states is a
guess, revised or disputed the month after, and any penalty or bonus on it is open to
challenge. The report's due day must come after the recurrence window has run for the
period's last tickets.

## Example
```yaml
support:
  fcr:
    recurrence_window: 7 days
reporting:
  period: month
  due_day: 5
```

## Use instead
```yaml
support:
  fcr:
    recurrence_window: 7 days
reporting:
  period: month
  due_day: 10
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_CEILING, Decimal

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "MSR001"
NAME = "measurability.fcr-hindsight-after-report"
GROUPS = ("measurability", "metrics", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    fcr = ctx.facts.support.fcr
    due = ctx.facts.reporting.due_day
    window = fcr.value.recurrence_window
    if window is None or due.value is None:
        return
    days = (ctx.clock.worst_case_hours(window) / 24).to_integral_value(ROUND_CEILING)
    if days < Decimal(due.value):
        return
    yield ctx.problem(
        fcr.recurrence_window,
        f"FCR needs {window} of hindsight {ctx.at(fcr.recurrence_window)}, but the report is "
        f"due on day {due.value} {ctx.at(due)}: the period's last tickets cannot be counted yet",
        fix=f"make the report due on day {int(days) + 1} or later, or shorten the recurrence "
        "window",
    )
