"""The acceptance tests together must fit inside the acceptance window.

## Why is this bad?
Unless the spec says the tests may overlap (``tests_run_in_parallel: true``), they run one
after another: functional, performance, stability, training. If their durations add up to more
than the window, the last test cannot finish in time even when every test passes first time,
and the acceptance payment is late by design. Durations on different clocks are added in
typical wall-clock time using the spec's calendar.

## Example
```yaml
acceptance:
  window: 21 days
```

## Use instead
```yaml
acceptance:
  window: 30 days
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from contractgen.lint.clock import hours_text
from contractgen.lint.context import SpecContext
from contractgen.lint.facts import num
from contractgen.lint.problem import Level, Problem
from contractgen.lint.rules.delivery._acceptance import acceptance_tests

CODE = "DEL002"
NAME = "delivery.tests-exceed-window"
GROUPS = ("delivery", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    acceptance = ctx.spec.acceptance
    window = ctx.clock.typical_hours(acceptance.window)
    tests = acceptance_tests(ctx)
    hours = [ctx.clock.typical_hours(d) for _, _, d in tests]
    if any(h > window for h in hours):
        return  # one test alone is too long: DEL001 reports it
    if acceptance.tests_run_in_parallel:
        return  # each test fits, so the longest one does
    total = sum(hours, start=Decimal(0))
    if total <= window:
        return
    listed = ", ".join(f"{name} {d}" for name, _, d in tests)
    loc = ctx.facts.acceptance.window.loc
    days = num((total / 24).quantize(Decimal("0.1")))
    yield ctx.problem(
        loc,
        f"the acceptance tests run one after another for {hours_text(total)} (about {days} days: "
        f"{listed}), longer than the acceptance window of {acceptance.window} {ctx.at(loc)}",
        fix=f"widen the window to at least {days} days, shorten the tests, or set "
        "tests_run_in_parallel: true if they may overlap",
    )
