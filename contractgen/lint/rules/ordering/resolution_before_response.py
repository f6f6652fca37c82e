"""A priority's resolution target must not come before its response target.

## Why is this bad?
The first response starts the work; a ticket cannot be resolved before anyone has answered
it. A resolution target shorter than the response target is a typo (often a swapped pair or a
business-hours unit on one of them) and makes the resolution target meaningless: it is missed
every time the partner uses its full response time.

Targets on different clocks are compared in typical wall-clock hours. When only some tickets
cross (a resolution of 8 hours against a response of 4 Business Hours crosses at night, not
as business opens), DLN001 reports the crossing with a real ticket on the deal's calendar and
this rule stays quiet; when the resolution falls due first even as business opens, this rule
reports it and DLN001 does not.

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
from contractgen.lint.rules.ordering._clocks import (
    RESOLVED,
    RESPONDED,
    before_at_best,
    crossed,
    resolved_before_response,
)

CODE = "ORD003"
NAME = "ordering.resolution-before-response"
GROUPS = ("ordering", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    for i, p in ordered_priorities(ctx.spec):
        if resolved_before_response(ctx, p.resolution, p.response):
            mixed = p.resolution.clock != p.response.clock
            if (
                mixed
                and not before_at_best(ctx, p.resolution, p.response)
                and crossed(ctx, i, RESOLVED, RESPONDED)
                and ctx.runs("DLN001")
            ):
                continue  # only some tickets cross: DLN001 shows one (see _clocks)
            res = ctx.facts.support.priorities[i].resolution.loc
            resp = ctx.facts.support.priorities[i].response.loc
            yield ctx.problem(
                res,
                f"{p.id} resolution {p.resolution} {ctx.at(res)} is sooner than its response "
                f"{p.response} {ctx.at(resp)}",
                fix=f"make the {p.id} resolution target longer than its response target "
                "(or check whether the two were swapped)",
            )
