"""The first step of the management ladder must name listed contacts on both sides.

## Why is this bad?
A dispute climbs the management ladder from its first step. If the roles at that step (say a
"Channel Manager" for the brand and a "Service Manager" for the partner) are not among the
contacts, nobody knows whom to write to, the clock for moving up ("after 2 business days")
starts from a notice nobody can address, and the ladder exists only on paper. Each side's first
role should be one of its contacts, by role, so the exhibit gives a name, an address or both.

## Example
```yaml
management_ladder:
  - brand: Regional Partner Lead
    partner: Service Manager
    after: 2 business days
```

## Use instead
```yaml
management_ladder:
  - brand: Channel Manager
    partner: Service Manager
    after: 2 business days
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "REF004"
NAME = "references.ladder-first-step-listed"
GROUPS = ("references", "escalation", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    ladder = ctx.facts.management_ladder
    if not ladder.value:
        return
    first = ladder[0]
    for side in ("brand", "partner"):
        role = first[side]
        roles = [c.role for c in ctx.spec.contacts if c.party == side]
        if " ".join(role.value.lower().split()) in {" ".join(r.lower().split()) for r in roles}:
            continue
        yield ctx.problem(
            role,
            f'the ladder\'s first {side} step "{role.value}" {ctx.at(role)} is not one of the '
            f"{side}'s contacts ({', '.join(roles) or 'none listed'})",
            fix=f"list a {side} contact with this role, or start the ladder at a listed role",
        )
