"""The partner's SLA report needs a due day.

## Why is this bad?
Every target, penalty and reward is settled on the partner's periodic report. Without a due
day the report arrives when it arrives, the quarterly settlement slips, and a missing report
cannot be called late. The framework has the report due by the 5th of the following month.

## Example
```yaml
reporting:
  due_day: null
```

## Use instead
```yaml
reporting:
  due_day: 5
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "GOV004"
NAME = "governance.no-reporting-due-day"
GROUPS = ("governance", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    if ctx.spec.reporting.due_day is None:
        yield ctx.problem(
            ctx.facts.reporting.due_day.loc,
            f"the {ctx.spec.reporting.period.value}ly SLA report has no due day",
            fix="set reporting.due_day, e.g. 5 (the 5th of the following month)",
        )
