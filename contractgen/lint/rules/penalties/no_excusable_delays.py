"""Penalties need an excusable-delay clause.

## Why is this bad?
Some misses are not the partner's doing: force majeure, a customer who keeps the site closed,
a late shipment or a product defect from the brand. Without an excusable-delay clause every
such miss is penalised, the partner disputes each one, and the penalty scheme loses
credibility. The clause also sets the notice the partner must give (24 h with documents in the
framework), which keeps claims honest.

## Example
```yaml
excusable_delays: null
```

## Use instead
```yaml
excusable_delays:
  categories: [force_majeure, customer_caused, brand_caused]
  notice_within: 24h
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "PEN006"
NAME = "penalties.no-excusable-delays"
GROUPS = ("penalties", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    if ctx.spec.penalties.rules and ctx.spec.excusable_delays is None:
        yield ctx.problem(
            ctx.facts.excusable_delays.loc
            if ctx.has(ctx.facts.excusable_delays.loc)
            else ctx.facts.penalties.loc,
            "penalties apply, but no excusable-delay clause excuses force majeure, "
            "customer-caused or brand-caused misses",
            fix="add excusable_delays with categories [force_majeure, customer_caused, "
            "brand_caused] and notice_within: 24h",
        )
