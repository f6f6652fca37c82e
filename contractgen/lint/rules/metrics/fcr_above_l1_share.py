"""The FCR target must not exceed the share of tickets expected to end at the first line.

## Why is this bad?
A first-call fix is made by the first line (L1) in the first contact, so first-call resolution
can never exceed the share of tickets that end at L1. When the tier table expects 70% of
tickets to end at L1 but the FCR target is 80%, the exhibit demands more first-contact fixes
than it expects first-line fixes at all: one of the two figures is wrong.

## Example
```yaml
support:
  fcr:
    target: 80%
escalation:
  tiers:
    - level: L1
      expected_share: 70%
```

## Use instead
```yaml
support:
  fcr:
    target: 70%
escalation:
  tiers:
    - level: L1
      expected_share: 70%
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import num
from contractgen.lint.problem import Level, Problem

CODE = "MET006"
NAME = "metrics.fcr-above-l1-share"
GROUPS = ("metrics", "escalation", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    tiers = ctx.spec.escalation.tiers
    index = next((i for i, t in enumerate(tiers) if t.level == "L1"), 0)
    l1 = tiers[index]
    fcr = ctx.spec.support.fcr.target
    if fcr > l1.expected_share:
        loc = ctx.facts.support.fcr.target.loc
        share = ctx.facts.escalation.tiers[index].expected_share.loc
        yield ctx.problem(
            loc,
            f"FCR target {num(fcr)}% {ctx.at(loc)} is above the {num(l1.expected_share)}% of "
            f"tickets expected to end at {l1.level} {ctx.at(share)}; first-call fixes are a "
            "subset of first-line fixes",
            fix=f"lower the FCR target to at most {num(l1.expected_share)}%, or raise the "
            f"{l1.level} share (and lower the others) if the first line really handles more",
        )
