"""Escalation must not come long after the resolution target has passed.

## Why is this bad?
Escalation exists to get help while the resolution target can still be met. A priority that
escalates only after a multiple of its resolution target leaves a stuck ticket with the first
line long after it has failed, and the customer waits for a rule that fires too late to
matter. The factor is policy (option ``factor``, default 2: escalation more than twice the
resolution target is reported).

Where the brand's L2 answer is agreed too, ORD006 reports the same late escalation as an
escalation path that cannot finish within the resolution target (or DLN001 does, with a
ticket, when the clocks mix); this rule then leaves that escalation time to it, and reports
the escalation times ORD006 does not judge (no L2 answer agreed, or a later trigger).

## Example
```yaml
support:
  priorities:
    - id: P2
      resolution: 3 business days
      escalate_after: 10 business days
```

## Use instead
```yaml
support:
  priorities:
    - id: P2
      resolution: 3 business days
      escalate_after: 2 business days
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import num, ordered_priorities
from contractgen.lint.options import Option
from contractgen.lint.problem import Level, Problem
from contractgen.lint.rules.ordering._clocks import escalation_path, escalation_points

CODE = "ORD005"
NAME = "ordering.escalation-after-resolution"
GROUPS = ("ordering", "escalation", "unrealistic")
LEVEL = Level.WARNING
OPTIONS = (
    Option(
        "factor",
        Decimal(2),
        "Report escalation later than this multiple of the resolution target.",
        minimum=Decimal(1),
    ),
)


def check(ctx: SpecContext) -> Iterator[Problem]:
    factor: Decimal = ctx.options["factor"]
    for i, p in ordered_priorities(ctx.spec):
        res = ctx.facts.support.priorities[i].resolution.loc
        path = escalation_path(ctx, i)
        for loc, after in escalation_points(ctx, p.id, i):
            if path is not None and path.too_long and path.loc == loc and ctx.runs("ORD006"):
                continue  # ORD006 (or DLN001 in its stead) reports this escalation as too late
            esc, target, _ = ctx.clock.common(after, p.resolution)
            if esc > target * factor:
                yield ctx.problem(
                    loc,
                    f"{p.id} escalates after {after} {ctx.at(loc)}, more than {num(factor)} times "
                    f"its resolution target of {p.resolution} {ctx.at(res)}",
                    fix=f"escalate {p.id} well before its resolution target of {p.resolution}",
                )
