"""No acceptance test may run longer than the acceptance window.

## Why is this bad?
The customer must finish the acceptance test within the window after installation. A
stability run of 30 days inside a 14-day window cannot finish: either the window silently
stretches (and the acceptance payment with it) or the customer must sign off a test that has
not ended. Usually the stability run was lengthened without widening the window.

## Example
```yaml
acceptance:
  window: 14 days
  tests:
    stability:
      duration: 30 days
```

## Use instead
```yaml
acceptance:
  window: 45 days
  tests:
    stability:
      duration: 30 days
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem
from contractgen.lint.rules.delivery._acceptance import acceptance_tests

CODE = "DEL001"
NAME = "delivery.test-longer-than-window"
GROUPS = ("delivery", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    window = ctx.spec.acceptance.window
    wloc = ctx.facts.acceptance.window.loc
    for name, loc, duration in acceptance_tests(ctx):
        if ctx.clock.shorter(window, duration):
            yield ctx.problem(
                loc,
                f"the {name} test runs {duration} {ctx.at(loc)}, longer than the acceptance "
                f"window of {window} {ctx.at(wloc)}",
                fix=f"widen the acceptance window to at least {duration}, or shorten the test",
            )
