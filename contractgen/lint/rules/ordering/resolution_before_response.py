"""A priority's resolution target must not come before its response target.

## Why is this bad?
The first response starts the work; a ticket cannot be resolved before anyone has answered
it. A resolution target shorter than the response target is a typo (often a swapped pair or a
business-hours unit on one of them) and makes the resolution target meaningless: it is missed
every time the partner uses its full response time.

## Example
```yaml
support:
  priorities:
    - id: P1
      response: 8h
      resolution: 4h
```

## Use instead
```yaml
support:
  priorities:
    - id: P1
      response: 4h
      resolution: 24h
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import ordered_priorities
from contractgen.lint.problem import Level, Problem

CODE = "ORD003"
NAME = "ordering.resolution-before-response"
GROUPS = ("ordering", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    for i, p in ordered_priorities(ctx.spec):
        if ctx.clock.shorter(p.resolution, p.response):
            res = ctx.facts.support.priorities[i].resolution.loc
            resp = ctx.facts.support.priorities[i].response.loc
            yield ctx.problem(
                res,
                f"{p.id} resolution {p.resolution} {ctx.at(res)} is sooner than its response "
                f"{p.response} {ctx.at(resp)}",
                fix=f"make the {p.id} resolution target longer than its response target "
                "(or check whether the two were swapped)",
            )
