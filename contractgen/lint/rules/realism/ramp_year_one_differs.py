"""Ramp year 1 must repeat the support section's targets.

## Why is this bad?
The support section states the targets that apply from the effective date; the ramp's first
year states them again in the ramp table. When the two differ (P1 response 4 h in the support
table, 6 h in year 1 of the ramp), the exhibit gives two targets for the same period and the
partner will hold the brand to the looser one.

## Example
```yaml
support:
  fcr:
    target: 70%
ramp:
  - year: 1
    fcr: 65%
```

## Use instead
```yaml
support:
  fcr:
    target: 70%
ramp:
  - year: 1
    fcr: 70%
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import figure
from contractgen.lint.problem import Level, Problem
from contractgen.lint.rules.realism._targets import RATE_FIELDS, current_targets, ramp_years

CODE = "REA005"
NAME = "realism.ramp-year-one-differs"
GROUPS = ("realism", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    first = next((y for y in ramp_years(ctx) if y.year == 1), None)
    if first is None:
        return
    now = current_targets(ctx)
    for key, (loc, value) in first.times.items():
        if key not in now.times:
            continue
        sloc, stated = now.times[key]
        a, b, _ = ctx.clock.common(value, stated)
        if a != b:
            field, pid = key
            yield ctx.problem(
                loc,
                f"year 1 {pid} {field} {value} {ctx.at(loc)} differs from the support target "
                f"{stated} {ctx.at(sloc)}",
                fix="use the same figure in both places",
            )
    for name, metric in RATE_FIELDS:
        if name not in first.rates:
            continue
        rloc, rate = first.rates[name]
        srloc, current = now.rates[name]
        if rate != current:
            yield ctx.problem(
                rloc,
                f"year 1 {ctx.metric_name(metric)}"
                f" target {figure(metric, rate)} {ctx.at(rloc)} differs "
                f"from the support target {figure(metric, current)} {ctx.at(srloc)}",
                fix="use the same figure in both places",
            )
