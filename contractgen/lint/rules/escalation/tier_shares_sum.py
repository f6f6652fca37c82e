"""The expected shares of the support tiers must add up to 100%.

## Why is this bad?
Each ticket ends at exactly one tier, so the expected shares (70% at L1, 25% at L2, 5% at L3
in the framework) describe one whole. Shares that add up to 95% or 110% mean a tier was
changed without rebalancing the others; staffing and the FCR target are planned on figures
that cannot all be true.

## Example
```yaml
escalation:
  tiers:
    - level: L2
      expected_share: 20%
```

## Use instead
```yaml
escalation:
  tiers:
    - level: L2
      expected_share: 25%
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import num
from contractgen.lint.problem import Level, Problem

CODE = "ESC001"
NAME = "escalation.tier-shares-sum"
GROUPS = ("escalation", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    tiers = ctx.spec.escalation.tiers
    total = sum((t.expected_share for t in tiers), start=Decimal(0))
    if total != 100:
        parts = ", ".join(
            f"{t.level} {num(t.expected_share)}% "
            f"{ctx.at(('escalation', 'tiers', i, 'expected_share'))}"
            for i, t in enumerate(tiers)
        )
        yield ctx.problem(
            ctx.facts.escalation.tiers.loc,
            f"tier shares add up to {num(total)}% ({parts}), not 100%",
            fix="rebalance the expected shares so they add up to 100%",
        )
