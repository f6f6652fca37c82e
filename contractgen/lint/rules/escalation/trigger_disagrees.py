"""A priority's escalate-after and its escalation trigger must name the same time.

## Why is this bad?
The priority table and the trigger list both say when an unresolved ticket escalates. When
P1 escalates "after 4h" in one place and "after 8h" in the other, the exhibit prints both and
each side will quote the one that suits it after a late escalation.

## Example
```yaml
support:
  priorities:
    - id: P1
      escalate_after: 4h
escalation:
  triggers:
    - kind: unresolved
      priority: P1
      after: 8h
      to: Partner L2
```

## Use instead
```yaml
support:
  priorities:
    - id: P1
      escalate_after: 4h
escalation:
  triggers:
    - kind: unresolved
      priority: P1
      after: 4h
      to: Partner L2
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import TriggerKind

CODE = "ESC005"
NAME = "escalation.trigger-disagrees"
GROUPS = ("escalation", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    for t, trig in enumerate(ctx.spec.escalation.triggers):
        if trig.kind != TriggerKind.UNRESOLVED or trig.after is None or trig.priority is None:
            continue
        index = next(
            (i for i, p in enumerate(ctx.spec.support.priorities) if p.id == trig.priority), None
        )
        if index is None:
            continue
        p = ctx.spec.support.priorities[index]
        if p.escalate_after is None:
            continue
        a, b, _ = ctx.clock.common(trig.after, p.escalate_after)
        if a != b:
            loc = ctx.facts.escalation.triggers[t].after.loc
            mine = ctx.facts.support.priorities[index].escalate_after.loc
            yield ctx.problem(
                loc,
                f"the {p.id} escalation trigger fires after {trig.after} {ctx.at(loc)}, but "
                f"{p.id} escalates after {p.escalate_after} {ctx.at(mine)}",
                fix="use one escalation time in both places",
            )
