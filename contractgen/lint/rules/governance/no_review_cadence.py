"""Targets need a review cadence.

## Why is this bad?
Targets set at signing are a guess; the partner's real performance, the installed base and the
product all change. Without a review cadence nobody is obliged to look again: targets that
turned out too loose or too tight stay for the whole term, and the ramp has no meeting to be
agreed in. The framework reviews targets once a year.

## Example
```yaml
review:
  cadence: null
```

## Use instead
```yaml
review:
  cadence: year
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "GOV001"
NAME = "governance.no-review-cadence"
GROUPS = ("governance", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    if ctx.spec.review.cadence is None:
        yield ctx.problem(
            ctx.facts.review.cadence.loc,
            "targets have no review cadence, so nobody is obliged to revisit them",
            fix="set review.cadence, e.g. year",
        )
