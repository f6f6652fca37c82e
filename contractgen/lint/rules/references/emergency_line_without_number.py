"""An emergency line the exhibit offers must have a number and an operator.

## Why is this bad?
"Outside Business Hours the Customer may call the paid emergency line" is a promise only if
the exhibit says which number to call and who answers it. Without them the customer with a
system down at night has nowhere to turn, and the partner and the brand can each point at the
other. The free-text ``emergency_line`` describes the service; ``support.emergency`` carries
the number, the operator and the fee.

## Example
```yaml
support:
  emergency_line: Outside Business Hours the Customer may call the paid emergency line.
```

## Use instead
```yaml
support:
  emergency_line: Outside Business Hours the Customer may call the paid emergency line.
  emergency:
    phone: "+65 6100 2999"
    operator: brand
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "REF003"
NAME = "references.emergency-line-without-number"
GROUPS = ("references", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    support = ctx.facts.support
    if support.value.emergency_line is None or support.value.emergency is not None:
        return
    yield ctx.problem(
        support.emergency_line,
        f"the emergency line {ctx.at(support.emergency_line)} has no number and no operator",
        fix="add support.emergency with the number and who answers, e.g. emergency: {phone: "
        '"+1 415 555 0199", operator: brand}',
    )
