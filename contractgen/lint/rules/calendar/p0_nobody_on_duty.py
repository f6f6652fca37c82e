"""A round-the-clock target for the most urgent priority needs somebody on duty at night.

## Why is this bad?
A P0 response written in plain hours runs 24/7. On the standard package without
``on_call: true`` nobody is on duty at night or at weekends, so a critical ticket raised on
Friday evening is answered on Monday morning: the target is missed by design, and the first
serious outage turns into a penalty dispute. This is the textbook unrealistic target: "P0 in
30 minutes" from a small partner in another time zone with nobody on nights.

This rule owns that fault for the most urgent priority (CAL002 reports the same for the
others), so DLN002, which finds deadlines that fall when nobody works, does not repeat it for
the response; DLN002 still reports the resolution and escalation deadlines that fall at night.
A response too fast for any partner, with or without night cover, is REA002's, a second fault.

## Example
```yaml
support:
  package: standard
  on_call: false
  priorities:
    - id: P0
      response: 2h
```

## Use instead
```yaml
support:
  package: standard
  on_call: true
  priorities:
    - id: P0
      response: 2h
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import most_urgent, unstaffed_responses
from contractgen.lint.problem import Level, Problem

CODE = "CAL003"
NAME = "calendar.p0-nobody-on-duty"
GROUPS = ("calendar", "unrealistic")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    support = ctx.spec.support
    unstaffed = unstaffed_responses(ctx.spec)
    i, p = most_urgent(ctx.spec)
    if not unstaffed or unstaffed[0][0] != i:
        return
    loc = ctx.facts.support.priorities[i].response.loc
    state = "on_call: false" if support.on_call is False else "no on_call"
    yield ctx.problem(
        loc,
        f"{p.id} response {p.response} {ctx.at(loc)} runs around the clock, but the standard "
        f"package with {state} leaves nobody on duty at night or at weekends",
        fix="set on_call: true with a night and weekend roster, sell the premium package, or "
        f"write the {p.id} response in business hours and send night-time callers to the "
        "emergency line",
    )
