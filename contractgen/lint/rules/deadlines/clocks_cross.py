"""A ticket's clocks must not fall due before the clocks they build on.

## Why is this bad?
Each service level runs on its own clock: a response counted in Business Hours, a resolution
or an escalation counted around the clock. Averages hide the ticket where they cross. A P1
logged on a Friday afternoon with "response 4 Business Hours" and "resolution 24 hours" is due
to be resolved on Saturday but needs no response until Monday; escalation can fall due before
anyone had to answer. The rule computes every deadline on the deal's real calendar (time zone,
working days, public holidays, daylight-saving changes) for start times across nights, a
weekend, a public holiday and a DST change, and reports the first start time at which a
dependent deadline (escalation, the Brand's answer, resolution) falls before the one it builds on.

Only pairs that mix the two clocks are reported: there the order depends on when the ticket is
logged. Two deadlines on one clock keep a fixed order, which the ordering rules (ORD) judge from
the durations alone; a P2 escalated after 5 business days unresolved, against a resolution
target of 3 business days, is a backstop after the miss, not a crossing.

Each fault is reported once. A crossing that the durations show even for a ticket raised as
business opens (a resolution of 2 hours against a response of 4 Business Hours, an escalation
after 1 hour against the same response) is left to ORD003 and ORD004, which say it plainly; a
crossing that depends on the start time is this rule's, and ORD003 and ORD006 (escalation path
longer than the resolution target) then stay quiet. A resolution due before the escalation is
not reported again against the brand's answer to that escalation.

## Example
```yaml
support:
  priorities:
    - id: P1
      response: 4 business hours
      resolution: 24h
      escalate_after: 4h
```

## Use instead
```yaml
support:
  priorities:
    - id: P1
      response: 4h
      resolution: 24h
      escalate_after: 4h
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.domain.deadlines import BRAND_RESPONSE, ESCALATION, VERBS, deal_calendar, when
from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem
from contractgen.lint.rules.ordering._clocks import simulation, told_by_ordering

CODE = "DLN001"
NAME = "deadlines.clocks-cross"
GROUPS = ("deadlines", "inconsistent", "ordering")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    sim = simulation(ctx)
    cal = deal_calendar(ctx.spec.calendar)
    before_escalation = {
        (c.index, c.later.clock) for c in sim.crossings if c.earlier.clock == ESCALATION
    }
    for c in sim.crossings:
        if c.earlier.clock == BRAND_RESPONSE and (c.index, c.later.clock) in before_escalation:
            continue  # due before the escalation, so before the brand's answer to it as well
        if told_by_ordering(ctx, c):
            continue  # ORD003/ORD004 tell it from the durations alone (see ordering._clocks)
        later, earlier = c.later, c.earlier
        yield ctx.problem(
            later.loc,
            f"a {c.priority.id} logged {when(cal, c.start)} is due to be {VERBS[later.clock]} "
            f"{when(cal, later.due, date=False)} ({later.clock} {later.duration} "
            f"{ctx.at(later.loc)}) but need not be {VERBS[earlier.clock]} until "
            f"{when(cal, earlier.due, date=False)} ({earlier.clock} {earlier.duration} "
            f"{ctx.at(earlier.loc)})",
            fix=f"put both on the same clock (e.g. {earlier.clock} and {later.clock} both in "
            f"hours around the clock, or both in Business Hours), or make the {earlier.clock} "
            f"target short enough to fall due first",
        )
