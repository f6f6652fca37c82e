"""The most urgent priority must require a workaround within its resolution target.

## Why is this bad?
A critical outage cannot always be fixed for good in a few hours: a firmware defect may take
the brand weeks. Without ``workaround: required`` the P0 resolution target means a permanent
fix, which will be missed whenever the cause is deep, or it is silently read as "anything
that restores service", and the customer's core business stays exposed to the same fault. The
seed framework asks for a workaround within the P0 target and the permanent fix after it.

## Example
```yaml
support:
  priorities:
    - id: P0
      workaround: not_accepted
```

## Use instead
```yaml
support:
  priorities:
    - id: P0
      workaround: required
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import most_urgent
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import Workaround

CODE = "ORD007"
NAME = "ordering.p0-without-workaround"
GROUPS = ("ordering", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    i, p = most_urgent(ctx.spec)
    if p.workaround != Workaround.REQUIRED:
        loc = ctx.facts.support.priorities[i].workaround.loc
        yield ctx.problem(
            loc,
            f"{p.id} resolution {p.resolution} is treated as workaround: {p.workaround.value}; "
            "a critical outage needs a workaround within the target and the permanent fix after",
            fix=f"set workaround: required on {p.id}",
        )
