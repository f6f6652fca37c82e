"""The acceptance window must leave room to fix a failed test and run it again.

## Why is this bad?
The exhibit gives the partner a fix period and a second attempt after a failed test, but if
the tests, run one after another, already fill the window, a failure late in the window leaves
no time for the fix and the retest: the window closes with the customer entitled to reject a
delivery the exhibit promised a second chance. The rule adds the tests (one after another unless
they may run in parallel), the fix period and a rerun of the longest test, and compares the sum
with the window, unless the window is extended for fixes (``window_extends_for_fixes``).

## Example
```yaml
acceptance:
  window: 30 days
  window_extends_for_fixes: false
  fix_period: 10 business days
```

## Use instead
```yaml
acceptance:
  window: 30 days
  window_extends_for_fixes: true
  fix_period: 10 business days
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from contractgen.domain.wording import num
from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "ACC001"
NAME = "acceptance.no-room-to-retest"
GROUPS = ("acceptance", "delivery", "inconsistent")
LEVEL = Level.ERROR

TESTS = ("functional", "performance", "stability", "training")


def check(ctx: SpecContext) -> Iterator[Problem]:
    acc = ctx.facts.acceptance
    if acc.value.max_attempts < 2 or getattr(acc.value, "window_extends_for_fixes", False):
        return
    hours = {n: ctx.clock.typical_hours(getattr(acc.value.tests, n).duration) for n in TESTS}
    together = sum(hours.values(), start=Decimal(0))
    tests = max(hours.values()) if acc.value.tests_run_in_parallel else together
    fix = ctx.clock.typical_hours(acc.value.fix_period)
    longest = max(hours, key=lambda n: hours[n])
    needed = tests + fix + hours[longest]
    window = ctx.clock.typical_hours(acc.value.window)
    if needed <= window:
        return
    days = num((needed / 24).quantize(Decimal("0.1")))
    test_days = num((tests / 24).quantize(Decimal("0.1")))
    yield ctx.problem(
        acc.window,
        f"the acceptance window of {acc.value.window} {ctx.at(acc.window)} has no room to fix "
        f"and retest: the tests take about {test_days} days, the fix period "
        f"{acc.value.fix_period} {ctx.at(acc.fix_period)} and a rerun of the {longest} test "
        f"bring it to about {days} days",
        fix=f"widen the window to at least {days} days, or extend it for fixes "
        "(window_extends_for_fixes: true)",
    )
