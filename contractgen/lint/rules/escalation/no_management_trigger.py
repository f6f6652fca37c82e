"""A customer's escalation to management must reach the brand at once.

## Why is this bad?
When a customer complains to management, the relationship (and the roll-out behind it) is at
stake. If the exhibit has no management trigger, the brand's account manager learns about it
last, from the customer, and cannot step in while it still helps. The framework tells the
brand's account manager at once.

## Example
```yaml
escalation:
  triggers:
    - kind: unresolved
      priority: P0
      after: 2h
      to: Partner L2
    - kind: product_bug
      to: Brand L2
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

CODE = "ESC003"
NAME = "escalation.no-management-trigger"
GROUPS = ("escalation", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    if not any(t.kind == TriggerKind.MANAGEMENT for t in ctx.spec.escalation.triggers):
        yield ctx.problem(
            ctx.facts.escalation.triggers.loc,
            "no escalation trigger tells the brand when a customer escalates to management",
            fix="add a trigger: {kind: management, to: Brand account manager}",
        )
