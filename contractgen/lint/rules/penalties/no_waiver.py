"""Penalties need a waiver for a partner that is back on target.

## Why is this bad?
A penalty scheme should pull a partner back on target, not keep charging it for the past. The
framework waives the next quarter's penalties after two consecutive quarters on target: it
rewards recovery and makes the scheme acceptable to sign. Without it, a partner that has
recovered keeps paying for a bad quarter's knock-on effects.

## Example
```yaml
penalties:
  waiver: null
```

## Use instead
```yaml
penalties:
  waiver:
    after_periods_met: 2
    period: quarter
    waives: 1
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "PEN007"
NAME = "penalties.no-waiver"
GROUPS = ("penalties", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    if ctx.spec.penalties.rules and ctx.spec.penalties.waiver is None:
        yield ctx.problem(
            ctx.facts.penalties.waiver.loc,
            "penalties apply, but no waiver rewards a partner that is back on target",
            fix="add penalties.waiver, e.g. after_periods_met: 2, period: quarter, waives: 1",
        )
