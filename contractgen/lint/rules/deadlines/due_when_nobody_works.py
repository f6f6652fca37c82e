"""A deadline must not fall at a time nobody is obliged to work.

## Why is this bad?
An around-the-clock target ("respond within 2 hours") promises work at night, at weekends and
on public holidays. If the support package obliges the partner to work Business Hours only
(the standard package without on-call), or the brand desk that answers escalations is listed
for Business Hours, the deadline falls when nobody has to be there: the target is missed by
design, or quietly turned into unpaid on-call duty. The rule computes each around-the-clock
deadline on the deal's real calendar and reports the first start time whose deadline falls
outside the hours the responsible side is obliged to work.

A partner's *response* written around the clock with nobody on duty at night is left to the
calendar rules (CAL003 for the most urgent priority, CAL002 for the others): they report that
fault with its cause, the package and the missing on-call, so it is not told twice. This rule
reports the other clocks: resolution, workaround and escalation deadlines, and the brand desk's
answer to an escalation. That a deadline falls before the one it builds on is DLN001's: a
second fault, fixed by putting both on one clock, where this one is fixed by cover.

## Example
```yaml
support:
  package: standard
  on_call: false
  priorities:
    - id: P0
      response: 2 business hours
      resolution: 8h
```

## Use instead
```yaml
support:
  package: standard
  on_call: true
  priorities:
    - id: P0
      response: 2 business hours
      resolution: 8h
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.domain.deadlines import RESPONSE, VERBS, deal_calendar, simulate, when
from contractgen.lint.context import SpecContext
from contractgen.lint.facts import most_urgent, unstaffed_responses
from contractgen.lint.problem import Level, Problem

CODE = "DLN002"
NAME = "deadlines.due-when-nobody-works"
GROUPS = ("deadlines", "calendar", "unrealistic")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    sim = ctx.shared("deadlines.simulation", simulate)
    cal = deal_calendar(ctx.spec.calendar)
    urgent, _ = most_urgent(ctx.spec)
    told = {
        i
        for i, _ in unstaffed_responses(ctx.spec)
        if ctx.runs("CAL003" if i == urgent else "CAL002")
    }
    for u in sim.uncovered:
        d = u.deadline
        if d.partner and d.clock == RESPONSE and u.index in told:
            continue  # the calendar rules' (CAL002, CAL003): the same fault, with its cause
        fix = (
            "agree on-call (support.on_call: true) or the premium package, or write the target "
            "in Business Hours"
            if d.partner
            else "staff the brand's escalation desk around the clock (coverage: "
            "around_the_clock) or write its answer time in Business Hours"
        )
        yield ctx.problem(
            d.loc,
            f"a {u.priority.id} logged {when(cal, u.start)} is due to be {VERBS[d.clock]} "
            f"{when(cal, d.due, date=False)} ({d.clock} {d.duration} {ctx.at(d.loc)}), when "
            f"nobody is obliged to work: {u.coverage} only",
            fix=fix,
        )
