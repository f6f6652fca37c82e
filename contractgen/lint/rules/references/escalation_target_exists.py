"""Every escalation trigger must send the ticket to a tier or contact that exists.

## Why is this bad?
A trigger that escalates to "Brand L2" when the tier table gives the brand only an L3, and no
contact carries that name, sends tickets to a desk the exhibit never creates: nobody is bound
to answer, the brand's response time has nobody to run against, and the partner cannot show
it escalated "as required". The destination of each trigger must be one of the tiers
(by owner and level, e.g. "brand L3", or by its name) or one of the contacts (by role or id).

## Example
```yaml
escalation:
  triggers:
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
      tier: partner L2
    - kind: unresolved
      priority: P1
      after: 4h
      tier: partner L2
    - kind: l2_unresolved
      after: 24h
      tier: brand L3
    - kind: product_bug
      tier: brand L3
    - kind: management
      to: Channel Manager
    - kind: repeat_issue
      count: 3
      tier: brand L3
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "REF001"
NAME = "references.escalation-target-exists"
GROUPS = ("references", "escalation", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    spec = ctx.spec
    tiers = ", ".join(f'{t.key} "{t.name}"' for t in spec.escalation.tiers)
    contacts = ", ".join(c.role for c in spec.contacts) or "none"
    for trig in ctx.facts.escalation.triggers.items():
        if trig.value.to is None or spec.escalation_target(trig.value) is not None:
            continue
        yield ctx.problem(
            trig.to,
            f'{trig.value.kind} trigger escalates to "{trig.value.to}" {ctx.at(trig.to)}, which '
            f"is neither a tier ({tiers}) nor a contact ({contacts})",
            fix='name an existing tier with tier: (e.g. "brand L3"), add the missing tier, or '
            "send the ticket to a contact by its role or id",
        )
