"""Response targets must not get faster as priority drops.

## Why is this bad?
A priority scale promises that more urgent tickets get a faster first answer. When a less
urgent priority has the faster response target (P2 answered before P1), the partner either
answers the minor ticket first or misses one of the two targets by design, and the exhibit
contradicts itself. Durations on different clocks are compared on one clock: business hours are
converted with the spec's calendar (typical wall-clock time), so "8h" around the clock is
correctly seen as faster than "4 business hours".

## Example
```yaml
support:
  priorities:
    - id: P1
      response: 8 business hours
    - id: P2
      response: 4 business hours
```

## Use instead
```yaml
support:
  priorities:
    - id: P1
      response: 4 business hours
    - id: P2
      response: 8 business hours
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem
from contractgen.lint.rules.ordering._common import check_order

CODE = "ORD001"
NAME = "ordering.response-by-priority"
GROUPS = ("ordering", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    yield from check_order(ctx, "response")
