"""The brand must promise its own L2 response time for the two most urgent priorities.

## Why is this bad?
An escalated P0 or P1 ticket waits on the brand. If the exhibit binds the partner to
resolution targets but says nothing about how fast the brand's L2 answers, the partner carries
the risk of the brand's delay, and nobody can check whether an escalation path fits inside the
resolution target. The framework has the brand answer in 4 h (P0) and 8 h (P1).

## Example
```yaml
escalation:
  brand_l2_response:
    P0: 4h
```

## Use instead
```yaml
escalation:
  brand_l2_response:
    P0: 4h
    P1: 8h
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import ordered_priorities
from contractgen.lint.problem import Level, Problem

CODE = "ESC004"
NAME = "escalation.no-brand-l2-response"
GROUPS = ("escalation", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    promised = ctx.spec.escalation.brand_l2_response
    for _, p in ordered_priorities(ctx.spec)[:2]:
        if p.id not in promised:
            yield ctx.problem(
                ctx.facts.escalation.brand_l2_response[p.id].loc,
                f"the brand promises no L2 response time for escalated {p.id} tickets",
                fix=f"add escalation.brand_l2_response.{p.id} (the framework uses 4h for P0, "
                "8h for P1)",
            )
