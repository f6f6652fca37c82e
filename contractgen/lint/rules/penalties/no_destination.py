"""The spec must say where penalty money goes.

## Why is this bad?
Penalties are there to make the customer whole, not to become brand profit. When the spec
does not state the destination (customer credit, a service extension or an improvement fund),
the exhibit falls back to a default nobody agreed on explicitly, and the partner reads the
scheme as a revenue grab. Stating it, even when it is the default, records that both sides
chose it.

## Example
```yaml
penalties:
  destination: null
```

## Use instead
```yaml
penalties:
  destination: customer_credit
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "PEN009"
NAME = "penalties.no-destination"
GROUPS = ("penalties", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    penalties = ctx.spec.penalties
    if not penalties.rules or "destination" in penalties.model_fields_set:
        return
    if all(p.destination is not None for p in penalties.rules):
        return
    yield ctx.problem(
        ctx.facts.penalties.destination.loc,
        "the spec does not say where penalty money goes; the exhibit would default to "
        f"{penalties.destination.value.replace('_', ' ')} without anyone having agreed to it",
        fix="set penalties.destination: customer_credit, service_extension or improvement_fund",
    )
