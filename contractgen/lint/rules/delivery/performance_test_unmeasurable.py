"""The performance test needs a named metric and a pass threshold.

## Why is this bad?
Without a metric and a threshold, the performance test cannot be passed or failed: the
customer judges by feel, and the second payment milestone waits on an argument. The case study
lost a roll-out over exactly this: 87% measured against a promised 95% that no clause pinned
down.

## Example
```yaml
acceptance:
  tests:
    performance:
      threshold: null
```

## Use instead
```yaml
acceptance:
  tests:
    performance:
      metric: people-counting accuracy
      threshold: ">= 95%"
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "DEL004"
NAME = "delivery.performance-test-unmeasurable"
GROUPS = ("delivery", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    perf = ctx.spec.acceptance.tests.performance
    missing = [name for name in ("metric", "threshold") if getattr(perf, name) is None]
    if missing:
        yield ctx.problem(
            ctx.facts.acceptance.tests.performance[missing[0]].loc,
            f"the performance test has no {' and no '.join(missing)}, so it cannot be passed "
            "or failed",
            fix='name the measured metric and its pass mark, e.g. metric: "weight-sensing '
            'accuracy", threshold: ">= 95%"',
        )
