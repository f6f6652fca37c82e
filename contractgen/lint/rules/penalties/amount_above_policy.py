"""A single penalty must stay within the policy maximum (default 10% of its base).

## Why is this bad?
Penalties exist to cover the customer's loss, not to punish. A partner will not sign a deal in
which one missed metric takes half its revenue share for the period, and if it does sign, it
will dispute every measurement. Moderate penalties (5–10%) get signed and get paid. The
maximum is policy (option ``max``).

## Example
```yaml
penalties:
  rules:
    - metric: response_miss_rate
      amount: 50%
```

## Use instead
```yaml
penalties:
  rules:
    - metric: response_miss_rate
      amount: 5%
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import num
from contractgen.lint.options import Option
from contractgen.lint.problem import Level, Problem

CODE = "PEN004"
NAME = "penalties.amount-above-policy"
GROUPS = ("penalties", "unrealistic")
LEVEL = Level.WARNING
OPTIONS = (
    Option(
        "max", Decimal(10), "Largest single penalty, as a percentage of its base.", kind="percent"
    ),
)


def check(ctx: SpecContext) -> Iterator[Problem]:
    limit: Decimal = ctx.options["max"]
    for i, p in enumerate(ctx.spec.penalties.rules):
        if p.amount > limit:
            loc = ctx.facts.penalties.rules[i].amount.loc
            base = p.base.value.replace("_", " ")
            yield ctx.problem(
                loc,
                f"the {ctx.metric_name(p.metric)} penalty takes {num(p.amount)}% of the {base} "
                f"{ctx.at(loc)}, above the policy maximum of {num(limit)}%",
                fix=f"lower it to at most {num(limit)}%; add an improvement plan for repeated "
                "misses instead of a larger penalty",
            )
