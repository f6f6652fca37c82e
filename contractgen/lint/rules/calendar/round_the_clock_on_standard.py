"""A response target must not run around the clock on the business-hours standard package.

## Why is this bad?
The standard package covers business hours; round-the-clock cover is what the premium package
(or an agreed on-call roster) is sold for. A response written in plain hours ("4h") runs
24/7, so on the standard package it promises night and weekend answers nobody is paid to
give, and contradicts the package table in the same exhibit. Usually "4 business hours" was
meant. The most urgent priority is left to CAL003, which explains the missing night cover.
DLN002 (deadlines that fall when nobody works) leaves these responses to the two calendar
rules, so the fault is reported once; it still reports resolution and escalation deadlines.

## Example
```yaml
support:
  package: standard
  on_call: false
  priorities:
    - id: P0
      response: 4 business hours
      escalate_after: 4 business hours
    - id: P1
      response: 4h
```

## Use instead
```yaml
support:
  package: standard
  on_call: false
  priorities:
    - id: P0
      response: 4 business hours
      escalate_after: 4 business hours
    - id: P1
      response: 4 business hours
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import most_urgent, unstaffed_responses
from contractgen.lint.problem import Level, Problem

CODE = "CAL002"
NAME = "calendar.round-the-clock-on-standard"
GROUPS = ("calendar", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    unstaffed = unstaffed_responses(ctx.spec)
    if not unstaffed:
        return
    urgent, _ = most_urgent(ctx.spec)
    for i, p in unstaffed:
        if i == urgent:
            continue  # CAL003's
        loc = ctx.facts.support.priorities[i].response.loc
        yield ctx.problem(
            loc,
            f"{p.id} response {p.response} {ctx.at(loc)} runs around the clock, but the standard "
            f"package {ctx.at(('support', 'package'))} covers business hours only and no on-call "
            "cover is agreed",
            fix=f'write "{p.response.amount} business hours", or set on_call: true if the partner '
            "staffs nights and weekends, or sell the premium package",
        )
