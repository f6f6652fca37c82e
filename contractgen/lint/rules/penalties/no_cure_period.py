"""Penalties need a cure period after notice of a miss.

## Why is this bad?
A partner should hear about a shortfall and get a fair chance to correct it before money
changes hands. Without a cure period a penalty can be applied to a miss the partner never knew
about (a survey result, a report error), which turns the first settlement into a dispute. A
cure period (10 business days in the examples) also gives the brand a documented notice trail.

## Example
```yaml
penalties:
  cure_period: null
```

## Use instead
```yaml
penalties:
  cure_period: 10 business days
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "PEN008"
NAME = "penalties.no-cure-period"
GROUPS = ("penalties", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    if ctx.spec.penalties.rules and ctx.spec.penalties.cure_period is None:
        yield ctx.problem(
            ctx.facts.penalties.cure_period.loc,
            "penalties apply, but the partner has no cure period after notice of a miss",
            fix="set penalties.cure_period, e.g. 10 business days",
        )
