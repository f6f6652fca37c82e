"""Every amount a percentage is taken of must be stated in the commercial terms.

## Why is this bad?
"1% of the installation fee per day of delay", "40% of the contract price on completion",
"5% of the revenue share": each percentage is of an amount the exhibit relies on. If the spec
never states that amount, the text talks of an undefined "installation fee" or "contract
price" (sometimes both, for the same thing), and nobody can compute the payment or the credit
when it falls due. State the base in ``commercial``: the installation fee or contract value
for milestones and delay credits, the support fee for service-fee penalties, the revenue share
for revenue-share penalties and rewards.

## Example
```yaml
installation:
  payment_milestone: 40%
```

## Use instead
```yaml
installation:
  payment_milestone: 40%
commercial:
  installation_fee: EUR 40,000
  revenue_share: 25%
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import Loc, SpecContext
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import MilestoneBase, PenaltyBase, RewardKind

CODE = "MNY002"
NAME = "money.fee-base-undefined"
GROUPS = ("money", "inconsistent")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    spec = ctx.spec
    com = spec.commercial
    uses: list[tuple[str, str, Loc]] = []  # (commercial field, what uses it, where)
    base = com.milestone_base if com is not None else MilestoneBase.INSTALLATION_FEE
    for section in ("installation", "acceptance"):
        if getattr(spec, section).payment_milestone is not None:
            uses.append(
                (base.value, "the payment milestones", ctx.facts[section].payment_milestone.loc)
            )
    if com is not None and com.milestones:
        uses.append((base.value, "the payment milestones", ctx.facts.commercial.milestones.loc))
    if spec.installation.delay_penalty is not None:
        credit: Loc = ctx.facts.installation.delay_penalty.amount.loc
        uses.append(("installation_fee", "the installation delay credit", credit))
    for i, p in enumerate(spec.penalties.rules):
        field = "support_fee" if p.base == PenaltyBase.SERVICE_FEE else "revenue_share"
        uses.append(
            (field, f"the {ctx.metric_name(p.metric)} penalty", ctx.facts.penalties.rules[i].loc)
        )
    for i, r in enumerate(spec.rewards):
        if r.kind == RewardKind.REVENUE_SHARE_POINTS:
            name = ctx.metric_name(r.metric)
            uses.append(("revenue_share", f"the {name} reward", ctx.facts.rewards[i].amount.loc))
    seen: set[str] = set()
    for field, user, loc in uses:
        if field in seen or (com is not None and getattr(com, field) is not None):
            continue
        seen.add(field)
        words = field.replace("_", " ")
        yield ctx.problem(
            loc,
            f"{user} {ctx.at(loc)}: a percentage of the {words}, which the spec never states",
            fix=f"state commercial.{field}",
        )
