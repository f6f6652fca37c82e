"""The escalation path must be able to finish within the resolution target.

## Why is this bad?
A ticket escalated after ``escalate_after`` waits for the brand's L2 to answer. If
escalate-after plus the brand's L2 response is already longer than the resolution target, an
escalated ticket misses its target even when everybody keeps their own promise, and the
penalty lands on the partner for a delay the exhibit built in. Durations on different clocks
are added in typical wall-clock hours using the spec's calendar.

## Example
```yaml
support:
  priorities:
    - id: P0
      resolution: 8h
      escalate_after: 6h
escalation:
  brand_l2_response:
    P0: 4h
```

## Use instead
```yaml
support:
  priorities:
    - id: P0
      resolution: 8h
      escalate_after: 2h
escalation:
  brand_l2_response:
    P0: 4h
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from contractgen.lint.clock import hours_text
from contractgen.lint.context import Loc, SpecContext
from contractgen.lint.facts import ordered_priorities
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import TriggerKind
from contractgen.spec.types import Duration

CODE = "ORD006"
NAME = "ordering.escalation-path-too-long"
GROUPS = ("ordering", "escalation", "inconsistent")
LEVEL = Level.ERROR


def escalation_points(ctx: SpecContext, pid: str, index: int) -> list[tuple[Loc, Duration]]:
    """Where a priority's escalation time is written: its escalate_after and its triggers."""
    points: list[tuple[Loc, Duration]] = []
    p = ctx.spec.support.priorities[index]
    if p.escalate_after is not None:
        points.append((ctx.facts.support.priorities[index].escalate_after.loc, p.escalate_after))
    for t, trig in enumerate(ctx.spec.escalation.triggers):
        if trig.kind == TriggerKind.UNRESOLVED and trig.priority == pid and trig.after:
            points.append((ctx.facts.escalation.triggers[t].after.loc, trig.after))
    return points


def check(ctx: SpecContext) -> Iterator[Problem]:
    l2 = ctx.spec.escalation.brand_l2_response
    for i, p in ordered_priorities(ctx.spec):
        if p.id not in l2:
            continue
        points = escalation_points(ctx, p.id, i)
        if not points:
            continue
        loc, after = points[0]
        l2_loc = ctx.facts.escalation.brand_l2_response[p.id].loc
        res_loc = ctx.facts.support.priorities[i].resolution.loc
        parts = (after, l2[p.id], p.resolution)
        if all(ctx.clock.business_hours(d) is not None for d in parts):
            a, b, r = (ctx.clock.business_hours(d) or Decimal(0) for d in parts)
            unit = "business hours"
        else:
            a, b, r = (ctx.clock.typical_hours(d) for d in parts)
            unit = ""
        if a + b > r:
            total = _amount(a + b, unit)
            room = r - b
            yield ctx.problem(
                loc,
                f"{p.id} escalates after {after} {ctx.at(loc)} and the brand's L2 answers within "
                f"{l2[p.id]} {ctx.at(l2_loc)}: {total}, past the {p.id} resolution target of "
                f"{p.resolution} {ctx.at(res_loc)}",
                fix=(
                    f"escalate {p.id} within {_amount(room, unit)} so the brand's L2 can still "
                    "answer in time, agree a faster brand L2 response, or lengthen the resolution "
                    "target"
                    if room > 0
                    else f"agree a brand L2 response well under the {p.id} resolution target"
                ),
            )


def _amount(value: Decimal, unit: str) -> str:
    return f"{format(value.normalize(), 'f')} {unit}" if unit else hours_text(value)
