"""A bonus needs a qualifying run of consecutive periods.

## Why is this bad?
One lucky period says little: a quiet month with three tickets can produce a perfect FCR.
Rewards should pay for performance that holds, so the framework requires the threshold for
two consecutive quarters (a full year for one-time rewards). A reward with no qualifying
period pays for noise and invites the partner to time its reporting.

## Example
```yaml
rewards:
  - metric: fcr
    consecutive_periods: null
```

## Use instead
```yaml
rewards:
  - metric: fcr
    consecutive_periods: 2
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "REW003"
NAME = "rewards.no-qualifying-period"
GROUPS = ("rewards", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    for i, r in enumerate(ctx.spec.rewards):
        if r.consecutive_periods is None:
            yield ctx.problem(
                ctx.facts.rewards[i].consecutive_periods.loc,
                f"the {ctx.metric_name(r.metric)}"
                " reward has no qualifying period, so a single lucky "
                f"{r.period.value} earns it",
                fix="set consecutive_periods, e.g. 2 quarters in a row",
            )
