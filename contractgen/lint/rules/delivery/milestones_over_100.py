"""Payment milestones must not add up to more than 100% of the contract price.

## Why is this bad?
The installation milestone and the acceptance milestone are shares of one contract price.
If they add up to more than 100%, the exhibit promises payments the agreement does not cover;
usually one milestone was raised without lowering the other.

## Example
```yaml
installation:
  payment_milestone: 60%
acceptance:
  payment_milestone: 50%
```

## Use instead
```yaml
installation:
  payment_milestone: 40%
acceptance:
  payment_milestone: 50%
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import num
from contractgen.lint.problem import Level, Problem

CODE = "DEL003"
NAME = "delivery.milestones-over-100"
GROUPS = ("delivery", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    inst = ctx.spec.installation.payment_milestone
    acc = ctx.spec.acceptance.payment_milestone
    if inst is None or acc is None or inst + acc <= 100:
        return
    iloc = ctx.facts.installation.payment_milestone.loc
    aloc = ctx.facts.acceptance.payment_milestone.loc
    yield ctx.problem(
        aloc,
        f"payment milestones add up to {num(inst + acc)}%: installation {num(inst)}% "
        f"{ctx.at(iloc)} and acceptance {num(acc)}% {ctx.at(aloc)}",
        fix="lower one milestone so the two add up to at most 100%",
    )
