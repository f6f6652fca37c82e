"""Every metric's period must be made of whole reporting periods.

## Why is this bad?
Figures reach the brand through the partner's SLA reports. A metric measured per month under
a quarterly report is never reported for each month; a metric per quarter under a report every
half-year cannot be split out of it. Penalties, bonuses and termination rights on such a figure
rest on a number the contract never produces, and each side can compute it its own way. Measure
each metric, penalty, reward and termination over the report period or a whole multiple of it.

## Example
```yaml
reporting:
  period: quarter
```

## Use instead
```yaml
reporting:
  period: month
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.domain.facts import Fact
from contractgen.domain.periods import divides
from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "MSR002"
NAME = "measurability.period-not-from-reports"
GROUPS = ("measurability", "metrics", "inconsistent")
LEVEL = Level.ERROR

_SUPPORT = ("response_miss_rate", "resolution_achievement", "fcr", "csat", "availability")


def check(ctx: SpecContext) -> Iterator[Problem]:
    root = ctx.facts
    report = root.reporting.period
    periods: list[tuple[str, Fact]] = []
    for key in _SUPPORT:
        section = getattr(root.support, key)
        if section.value is not None:
            periods.append((f"the {key.replace('_', ' ')} target", section.period))
    for group, label in ((root.penalties.rules, "penalty"), (root.rewards, "reward")):
        for item in group.items():
            periods.append((f"the {ctx.metric_name(item.value.metric)} {label}", item.period))
    for item in root.termination.items():
        name = ctx.metric_name(item.value.metric)
        periods.append((f"the {name} termination right", item.period))
    for what, period in periods:
        if divides(report.value, period.value):
            continue
        yield ctx.problem(
            period,
            f"{what} is measured per {period.value.value} {ctx.at(period)}, which cannot be "
            f"computed from reports made per {report.value.value} {ctx.at(report)}",
            fix=f"report per {period.value.value} (or more often), or measure {what[4:]} over "
            f"whole {report.value.value}s",
        )
