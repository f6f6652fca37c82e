"""Every CSAT figure must lie on the survey's scale.

## Why is this bad?
A CSAT target of 4.5 on a 1–3 scale, or a penalty trigger of 0.5 on a 1–5 scale, can never be
reached or never be missed: the clause is void and the exhibit contradicts itself. It usually
means the scale was changed (5-point to 10-point, or to a percentage) without updating the
figures that depend on it. Rules that compare figures (REW001, REW002) leave a score off the
scale to this rule, so a void figure is reported once, not once per comparison.

## Example
```yaml
support:
  csat:
    scale: 5
    target: 8
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

from contractgen.domain.facts import off_scale
from contractgen.lint.context import Loc, SpecContext
from contractgen.lint.facts import num
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import Metric

CODE = "MET002"
NAME = "metrics.csat-off-scale"
GROUPS = ("metrics", "inconsistent")
LEVEL = Level.ERROR


def csat_figures(ctx: SpecContext) -> list[tuple[Loc, Decimal, str]]:
    """Every CSAT score in the spec: (where, value, what it is)."""
    spec = ctx.spec
    out: list[tuple[Loc, Decimal, str]] = [
        (ctx.facts.support.csat.target.loc, spec.support.csat.target, "CSAT target")
    ]
    for i, p in enumerate(spec.penalties.rules):
        if p.metric == Metric.CSAT:
            out.append((ctx.facts.penalties.rules[i].target.loc, p.target, "CSAT penalty target"))
            out.append(
                (ctx.facts.penalties.rules[i].trigger.loc, p.trigger, "CSAT penalty trigger")
            )
    for i, r in enumerate(spec.rewards):
        if r.metric == Metric.CSAT:
            out.append((ctx.facts.rewards[i].threshold.loc, r.threshold, "CSAT reward threshold"))
    for i, t in enumerate(spec.termination):
        if t.metric == Metric.CSAT:
            out.append((ctx.facts.termination[i].below.loc, t.below, "CSAT termination level"))
    for i, y in enumerate(spec.ramp):
        if y.csat is not None:
            out.append((ctx.facts.ramp[i].csat.loc, y.csat, f"year {y.year} CSAT target"))
    if spec.pilot is not None and spec.pilot.csat is not None:
        out.append((ctx.facts.pilot.csat.loc, spec.pilot.csat, "pilot CSAT"))
    return out


def check(ctx: SpecContext) -> Iterator[Problem]:
    scale = ctx.spec.support.csat.scale
    scale_loc = ctx.facts.support.csat.scale.loc
    for loc, value, what in csat_figures(ctx):
        if off_scale(ctx.spec, Metric.CSAT, value):
            yield ctx.problem(
                loc,
                f"{what} {num(value)} {ctx.at(loc)} is off the survey scale of 1 to {scale} "
                f"{ctx.at(scale_loc)}",
                fix=f"restate it on the 1–{scale} scale, or correct the scale",
            )
