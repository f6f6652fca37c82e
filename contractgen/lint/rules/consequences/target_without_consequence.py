"""Every service-level target needs a consequence: a credit, a termination right or a reason.

## Why is this bad?
A target that nothing follows from is a wish: the partner can miss an availability target of
99.9% every month and the exhibit offers the customer and the brand nothing, not a credit, not
a right to end the appointment, not even a review. Either attach a remedy (a penalty row or a
termination row for the metric) or, if the target is deliberately informational, say why by
waiving this finding with the reason, so the choice is written down.

## Example
```yaml
support:
  availability:
    target: 99.5%
    period: quarter
```

## Use instead
```yaml
support:
  availability:
    target: 99.5%
    period: quarter
penalties:
  rules:
    - metric: availability
      target: 99.5
      trigger: 99
      period: quarter
      amount: 5%
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.domain.facts import support_target
from contractgen.domain.wording import figure
from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import Metric

CODE = "CSQ001"
NAME = "consequences.target-without-consequence"
GROUPS = ("consequences", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    spec = ctx.spec
    remedied = {p.metric for p in spec.penalties.rules} | {t.metric for t in spec.termination}
    for metric in Metric:
        target = support_target(spec, metric)
        if target is None or metric in remedied:
            continue
        name = ctx.metric_name(metric)
        yield ctx.problem(
            target.loc,
            f"the {name} target {figure(metric, target.value)} per {target.period.value} "
            f"{ctx.at(target.loc)} has no consequence: no penalty, no termination right",
            fix=f"add a penalty or termination row for {metric.value}, or waive {CODE} with the "
            "reason the target carries no remedy",
        )
