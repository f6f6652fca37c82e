"""A ticket must not be due for escalation before the partner is due to respond.

## Why is this bad?
Escalation is for tickets the first line could not fix. If a priority escalates before its
own response target has run out, every ticket answered within target can already be an
escalation: the brand's L2 is flooded with tickets nobody has looked at, and the partner is
blamed for "late escalation" while still inside its response time.

Durations on different clocks are compared for a ticket raised as business opens, when a
business clock and the wall clock run together: "escalate after 4h" with a response of
"4 business hours" is consistent, "escalate after 1h" is not. (That a round-the-clock
escalation keeps running at night is a question of cover, for the calendar rules.) DLN001,
which finds deadlines that cross on the deal's calendar, leaves an escalation this rule
reports to it; an escalation that falls before the response only at night is DLN001's.

## Example
```yaml
support:
  priorities:
    - id: P1
      response: 4h
      escalate_after: 1h
```

## Use instead
```yaml
support:
  priorities:
    - id: P1
      response: 4h
      escalate_after: 4h
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import ordered_priorities
from contractgen.lint.problem import Level, Problem
from contractgen.lint.rules.ordering._clocks import before_at_best, escalation_points

CODE = "ORD004"
NAME = "ordering.escalation-before-response"
GROUPS = ("ordering", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    for i, p in ordered_priorities(ctx.spec):
        resp = ctx.facts.support.priorities[i].response.loc
        for loc, after in escalation_points(ctx, p.id, i):
            if before_at_best(ctx, after, p.response):
                yield ctx.problem(
                    loc,
                    f"{p.id} escalates after {after} {ctx.at(loc)}, before the partner is even "
                    f"due to respond ({p.response}, line {ctx.line(resp)})",
                    fix=f"escalate {p.id} no earlier than its response target of {p.response}",
                )
