"""Only service complaints may count towards the partner's penalties and rewards.

## Why is this bad?
Complaints fall into three classes: service (the partner's: slow response, a wrong fix),
product (the brand's: a defect, a specification not met) and expectation (joint: something
over-promised in the sale). Counting product or expectation complaints against the partner
penalises it for the brand's defects or for the sales pitch, which it cannot fix; the partner
will refuse the clause or dispute every review.

## Example
```yaml
complaints:
  classes:
    - id: product
      counts: true
```

## Use instead
```yaml
complaints:
  classes:
    - id: product
      counts: false
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import ComplaintClass

CODE = "PEN010"
NAME = "penalties.counts-non-service-complaints"
GROUPS = ("penalties", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    complaints = ctx.spec.complaints
    if complaints is None:
        return
    for i, c in enumerate(complaints.classes):
        if c.id != ComplaintClass.SERVICE and c.counts:
            loc = ctx.facts.complaints.classes[i].counts.loc
            yield ctx.problem(
                loc,
                f"{c.id.value} complaints count towards penalties and rewards {ctx.at(loc)}, "
                f"but they are answered by the {c.owner.value}, not by the partner's service",
                fix=f"set counts: false for the {c.id.value} class; only service complaints "
                "should count",
            )
