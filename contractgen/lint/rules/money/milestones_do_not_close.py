"""Payment milestones must add up to 100%, or the balance must be stated.

## Why is this bad?
Milestones of 40% on installation and 50% on acceptance leave 10% of the price that no clause
ever makes payable: the payer can argue it is never due, the payee that it was due all along,
and the exhibit says neither. State the balance as a milestone of its own (for example 10%
ninety days after acceptance, a retention) so the shares close at 100% and every part of the
price has its trigger.

## Example
```yaml
installation:
  payment_milestone: 40%
acceptance:
  payment_milestone: 50%
```

## Use instead
```yaml
installation:
  payment_milestone: 40%
acceptance:
  payment_milestone: 50%
commercial:
  installation_fee: EUR 50,000
  milestones:
    - event: installation_completion
      share: 40%
    - event: acceptance
      share: 50%
    - event: after_acceptance
      share: 10%
      after: 90 days
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from contractgen.domain.wording import num
from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "MNY001"
NAME = "money.milestones-do-not-close"
GROUPS = ("money", "delivery", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    spec = ctx.spec
    if spec.commercial is not None and spec.commercial.milestones:
        return  # the model refuses a list that does not add up to 100%
    parts = [
        f
        for f in (ctx.facts.installation.payment_milestone, ctx.facts.acceptance.payment_milestone)
        if f.value is not None
    ]
    if not parts:
        return
    total = sum((f.value for f in parts), Decimal(0))
    if total >= 100:
        return  # over 100%: DEL003 reports it
    last = parts[-1]
    listed = " + ".join(f"{num(f.value)}% {ctx.at(f)}" for f in parts)
    yield ctx.problem(
        last,
        f"payment milestones add up to {num(total)}% ({listed}); the other "
        f"{num(100 - total)}% is never made payable",
        fix=f"state the balance in commercial.milestones, e.g. {{event: after_acceptance, share: "
        f"{num(100 - total)}%, after: 90 days}}",
    )
