"""The "serious" FCR level must lie below the FCR target.

## Why is this bad?
``fcr.serious_below`` marks a shortfall that is serious (the framework uses 50% against a 70%
target): it is the floor beneath the target. When it is at or above the target, every miss is
"serious" from the start and the graduated response (training first, termination only for a
deep and lasting shortfall) collapses into one step.

## Example
```yaml
support:
  fcr:
    target: 70%
    serious_below: 75%
```

## Use instead
```yaml
support:
  fcr:
    target: 70%
    serious_below: 50%
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import num
from contractgen.lint.problem import Level, Problem

CODE = "MET008"
NAME = "metrics.serious-level-above-target"
GROUPS = ("metrics", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    fcr = ctx.spec.support.fcr
    if fcr.serious_below is not None and fcr.serious_below >= fcr.target:
        loc = ctx.facts.support.fcr.serious_below.loc
        yield ctx.problem(
            loc,
            f"FCR is serious below {num(fcr.serious_below)}% {ctx.at(loc)}, which is not below "
            f"the FCR target of {num(fcr.target)}% {ctx.at(('support', 'fcr', 'target'))}",
            fix="set serious_below well under the target, e.g. 50% for a 70% target",
        )
