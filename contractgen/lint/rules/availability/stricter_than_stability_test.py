"""Availability in service should not be stricter than the acceptance stability test.

## Why is this bad?
The stability test accepts the system with some downtime over its run (the framework allows
under 2 hours in 14 days, about 99.4%). If the availability target in service is stricter,
a system that passed acceptance with the downtime the test allowed breaches availability in
its first month: the customer signed off a level of service the contract then calls a failure.
Either the test is too lenient or the service target too strict.

## Example
```yaml
support:
  availability:
    target: 99.5%
    period: quarter
acceptance:
  tests:
    stability:
      duration: 14 days
      max_downtime: 2h
```

## Use instead
```yaml
support:
  availability:
    target: 99.5%
    period: quarter
acceptance:
  tests:
    stability:
      duration: 14 days
      max_downtime: 1h
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import num
from contractgen.lint.problem import Level, Problem

CODE = "AVL002"
NAME = "availability.stricter-than-stability-test"
GROUPS = ("availability", "delivery", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    avail = ctx.spec.support.availability
    if avail is None:
        return
    stability = ctx.spec.acceptance.tests.stability
    run = ctx.clock.typical_hours(stability.duration)
    down = ctx.clock.typical_hours(stability.max_downtime)
    if run <= 0:
        return
    implied = (1 - down / run) * 100
    if avail.target <= implied:
        return
    loc = ctx.facts.support.availability.target.loc
    sloc = ctx.facts.acceptance.tests.stability.max_downtime.loc
    shown = num(implied.quantize(Decimal("0.01")))
    yield ctx.problem(
        loc,
        f"availability {num(avail.target)}% {ctx.at(loc)} is stricter than the {shown}% the "
        f"stability test accepts ({stability.max_downtime} down in {stability.duration}, "
        f"line {ctx.line(sloc)})",
        fix=f"allow less downtime in the stability test, or set availability at or below {shown}%",
    )
