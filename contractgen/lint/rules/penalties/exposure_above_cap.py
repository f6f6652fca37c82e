"""The penalties that can fall in one settlement period must stay within the policy cap.

## Why is this bad?
Each penalty may be moderate and still add up: four 10% penalties can take 40% of a quarter's
revenue share, which no partner signs. The exposure is computed per settlement period and per
base (revenue share or service fee): each rule can take its percentage of every month of the
settlement period once, so it counts with its amount; a rule measured over a longer span than
the settlement period (a yearly penalty settled quarterly) lands whole in one settlement and
counts in proportion. ``penalties.cap_per_period`` limits the total; the exposure after that
cap must not exceed the policy cap (option ``cap``, default 15%).

## Example
```yaml
penalties:
  cap_per_period: null
```

## Use instead
```yaml
penalties:
  cap_per_period: 15%
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import num
from contractgen.lint.options import Option
from contractgen.lint.problem import Level, Problem

CODE = "PEN005"
NAME = "penalties.exposure-above-cap"
GROUPS = ("penalties", "unrealistic")
LEVEL = Level.WARNING
OPTIONS = (
    Option(
        "cap",
        Decimal(15),
        "Largest total penalty in one settlement period, in % of its base.",
        kind="percent",
    ),
)


def exposure(ctx: SpecContext) -> dict[str, tuple[Decimal, list[str]]]:
    """Base → (largest total in one settlement period, the contributing rules for the message)."""
    penalties = ctx.spec.penalties
    settle = penalties.settlement.months
    out: dict[str, tuple[Decimal, list[str]]] = {}
    for i, p in enumerate(penalties.rules):
        span = p.period.months * p.consecutive_periods
        share = p.amount * max(Decimal(1), Decimal(span) / settle)
        total, parts = out.get(p.base.value, (Decimal(0), []))
        parts.append(
            f"{p.metric.value} {num(share)}% {ctx.at(('penalties', 'rules', i, 'amount'))}"
        )
        out[p.base.value] = (total + share, parts)
    return out


def check(ctx: SpecContext) -> Iterator[Problem]:
    policy: Decimal = ctx.options["cap"]
    penalties = ctx.spec.penalties
    settle = penalties.settlement.value
    cap = penalties.cap_per_period
    for base, (total, parts) in exposure(ctx).items():
        effective = total if cap is None else min(total, cap)
        if effective <= policy:
            continue
        what = base.replace("_", " ")
        if cap is None:
            yield ctx.problem(
                ctx.facts.penalties.rules.loc,
                f"penalties can take up to {num(total)}% of a {settle}'s {what} "
                f"({', '.join(parts)}) and no cap_per_period limits them; the policy cap is "
                f"{num(policy)}%",
                fix=f"set penalties.cap_per_period to at most {num(policy)}%, or lower the amounts",
            )
        else:
            loc = ctx.facts.penalties.cap_per_period.loc
            yield ctx.problem(
                loc,
                f"penalties can take up to {num(effective)}% of a {settle}'s {what}: "
                f"cap_per_period is {num(cap)}% {ctx.at(loc)} and the rules add up to "
                f"{num(total)}% ({', '.join(parts)}); the policy cap is {num(policy)}%",
                fix=f"lower cap_per_period to at most {num(policy)}%",
            )
