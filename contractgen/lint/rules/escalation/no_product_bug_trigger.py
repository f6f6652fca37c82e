"""Suspected product defects must go to the brand at once.

## Why is this bad?
A partner cannot fix firmware or hardware defects; only the brand can. Without a trigger that
sends a suspected product bug straight to the brand's L2, the ticket works its way through the
partner's tiers first and the resolution target is spent before the one team that can fix it
hears about it. It also blurs whose fault the miss is when penalties are settled.

## Example
```yaml
escalation:
  triggers:
    - kind: unresolved
      priority: P0
      after: 2h
      to: Partner L2
    - kind: management
      to: Brand account manager
```

## Use instead
```yaml
escalation:
  triggers:
    - kind: unresolved
      priority: P0
      after: 2h
      to: Partner L2
    - kind: product_bug
      to: Brand L2
    - kind: management
      to: Brand account manager
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import TriggerKind

CODE = "ESC002"
NAME = "escalation.no-product-bug-trigger"
GROUPS = ("escalation", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    if not any(t.kind == TriggerKind.PRODUCT_BUG for t in ctx.spec.escalation.triggers):
        yield ctx.problem(
            ctx.facts.escalation.triggers.loc,
            "no escalation trigger sends a suspected product bug to the brand",
            fix="add a trigger: {kind: product_bug, to: Brand L2}",
        )
