"""The escalation path must be able to finish within the resolution target.

## Why is this bad?
A ticket escalated after ``escalate_after`` waits for the brand's L2 to answer. If
escalate-after plus the brand's L2 response is already longer than the resolution target, an
escalated ticket misses its target even when everybody keeps their own promise, and the
penalty lands on the partner for a delay the exhibit built in. Durations on different clocks
are added in typical wall-clock hours using the spec's calendar; when they are, and DLN001
shows a real ticket whose resolution falls due before the escalation or the brand's answer,
that finding stands for this one, which is not reported again.

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
from contractgen.lint.context import SpecContext
from contractgen.lint.facts import ordered_priorities
from contractgen.lint.problem import Level, Problem
from contractgen.lint.rules.ordering._clocks import ESCALATED, RESOLVED, crossed, escalation_path

CODE = "ORD006"
NAME = "ordering.escalation-path-too-long"
GROUPS = ("ordering", "escalation", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    l2 = ctx.spec.escalation.brand_l2_response
    for i, p in ordered_priorities(ctx.spec):
        path = escalation_path(ctx, i)
        if path is None or not path.too_long:
            continue
        if path.mixed and crossed(ctx, i, RESOLVED, ESCALATED) and ctx.runs("DLN001"):
            continue  # DLN001 shows the ticket on the calendar (see _clocks)
        loc, after, unit = path.loc, path.after, path.unit
        l2_loc = ctx.facts.escalation.brand_l2_response[p.id].loc
        res_loc = ctx.facts.support.priorities[i].resolution.loc
        total = _amount(path.path, unit)
        room = path.target - path.answer
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
