"""A change notice must be at least one reporting period long.

## Why is this bad?
Targets are measured and reported per period. A notice shorter than a reporting period lets a
new target take effect in the middle of a period that is already being measured, so that
period's report mixes two targets and its penalties are arguable. Here a month counts as
30 days, as in spec durations, so "30 days" covers a monthly period.

## Example
```yaml
review:
  change_notice: 2 weeks
reporting:
  period: month
```

## Use instead
```yaml
review:
  change_notice: 60 days
reporting:
  period: month
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "GOV003"
NAME = "governance.change-notice-too-short"
GROUPS = ("governance", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    notice = ctx.spec.review.change_notice
    if notice is None:
        return
    period = ctx.spec.reporting.period
    period_hours = Decimal(period.months * 30 * 24)
    if ctx.clock.typical_hours(notice) >= period_hours:
        return
    loc = ctx.facts.review.change_notice.loc
    yield ctx.problem(
        loc,
        f"the change notice of {notice} {ctx.at(loc)} is shorter than one reporting period "
        f"(a {period.value}, {ctx.at(('reporting', 'period'))})",
        fix=f"give at least one full {period.value} of notice (the framework gives 60 days)",
    )
