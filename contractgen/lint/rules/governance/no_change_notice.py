"""A change of targets needs a notice period.

## Why is this bad?
A partner staffs for the targets it signed. If the brand can tighten them with immediate
effect, the partner is in breach the day the change is announced, before it could hire or
train anyone. A notice period (60 days in the framework) makes changes plannable and
defensible.

## Example
```yaml
review:
  change_notice: null
```

## Use instead
```yaml
review:
  change_notice: 60 days
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "GOV002"
NAME = "governance.no-change-notice"
GROUPS = ("governance", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    if ctx.spec.review.change_notice is None:
        yield ctx.problem(
            ctx.facts.review.change_notice.loc,
            "target changes need no notice, so a tightened target applies the day it is announced",
            fix="set review.change_notice, e.g. 60 days",
        )
