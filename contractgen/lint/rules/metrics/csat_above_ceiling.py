"""A CSAT target must leave room below the top of the scale.

## Why is this bad?
Survey answers cluster below the top box: even delighted customers give a 4 on a 5-point
scale now and then, and one angry answer drags a small sample down. A target at or near the
top of the scale is missed by the first unlucky month however good the service is. Targets
above a share of the scale (option ``ceiling``, default 90%: 4.5 on a 5-point scale) are
reported; rewards may use higher thresholds, that is what they are for.

## Example
```yaml
support:
  csat:
    scale: 5
    target: 4.8
```

## Use instead
```yaml
support:
  csat:
    scale: 5
    target: 4.0
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from contractgen.lint.context import Loc, SpecContext
from contractgen.lint.facts import num
from contractgen.lint.options import Option
from contractgen.lint.problem import Level, Problem

CODE = "MET003"
NAME = "metrics.csat-above-ceiling"
GROUPS = ("metrics", "unrealistic")
LEVEL = Level.WARNING
OPTIONS = (
    Option(
        "ceiling",
        Decimal(90),
        "Highest realistic CSAT target, as a percentage of the scale's top.",
        kind="percent",
    ),
)


def check(ctx: SpecContext) -> Iterator[Problem]:
    spec = ctx.spec
    scale = spec.support.csat.scale
    ceiling = Decimal(scale) * ctx.options["ceiling"] / 100
    targets: list[tuple[Loc, Decimal, str]] = [
        (ctx.facts.support.csat.target.loc, spec.support.csat.target, "CSAT target")
    ]
    targets += [
        (ctx.facts.ramp[i].csat.loc, y.csat, f"year {y.year} CSAT target")
        for i, y in enumerate(spec.ramp)
        if y.csat is not None
    ]
    for loc, value, what in targets:
        if ceiling < value <= scale:
            yield ctx.problem(
                loc,
                f"{what} {num(value)} {ctx.at(loc)} is above {num(ceiling)}, the realistic "
                f"ceiling on a {scale}-point scale",
                fix=f"set the target at or below {num(ceiling)} and reward scores above it instead",
            )
