"""Resolution targets must not get faster as priority drops.

## Why is this bad?
More urgent tickets must be fixed sooner. When a less urgent priority has the shorter
resolution target (a P3 enhancement due before a P2 fault), engineers are pulled to the wrong
ticket or one target is missed by design. Targets on different clocks are compared on one
clock using the spec's calendar.

## Example
```yaml
support:
  priorities:
    - id: P2
      resolution: 7 business days
    - id: P3
      resolution: 3 business days
```

## Use instead
```yaml
support:
  priorities:
    - id: P2
      resolution: 3 business days
    - id: P3
      resolution: 7 business days
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem
from contractgen.lint.rules.ordering._common import check_order

CODE = "ORD002"
NAME = "ordering.resolution-by-priority"
GROUPS = ("ordering", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    yield from check_order(ctx, "resolution")
