"""CSAT needs a minimum survey response rate before it counts.

## Why is this bad?
When three customers out of two hundred answer the survey, one unhappy answer decides the
quarter. Without a minimum response rate a CSAT penalty or bonus rests on noise, and a partner
can even game it by asking only happy customers. The seed framework ignores a period's CSAT for
penalties and rewards when fewer than 30% of surveys are answered.

## Example
```yaml
support:
  csat:
    min_response_rate: null
```

## Use instead
```yaml
support:
  csat:
    min_response_rate: 30%
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "MET004"
NAME = "metrics.no-survey-response-rate"
GROUPS = ("metrics", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    if ctx.spec.support.csat.min_response_rate is None:
        yield ctx.problem(
            ctx.facts.support.csat.min_response_rate.loc,
            "CSAT has no minimum survey response rate, so a handful of answers can decide a "
            "penalty or a bonus",
            fix="set support.csat.min_response_rate (30% is the framework's default)",
        )
