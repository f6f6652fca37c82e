"""An exhibit should measure at most five core service levels.

## Why is this bad?
"Thirty metrics on ten pages" is a known failure: nobody tracks them, the monthly report is
never complete, and every penalty is disputed on data quality. Five core metrics (response,
resolution, first-call resolution, customer satisfaction, plus one) are what a partner's
service desk can measure and act on.

What is counted: every service level the partner must measure and report each period — the
four the support section always sets (response time and its miss rate count as one, resolution
achievement, FCR, CSAT), availability when it is promised, and every other metric that a
penalty or a termination clause measures (money or the appointment depends on it, so it must be
tracked). Not counted: the installation lead time (a per-project delivery deadline checked once
at completion, not a periodic service level) and metrics used only by rewards (a bonus nobody
claims costs nothing; the brand counts escalations on its own desk). The limit is policy
(option ``max``, default 5).

## Example
```yaml
support:
  availability:
    target: 99%
    period: quarter
penalties:
  rules:
    - metric: installation_on_time
      target: 90
      trigger: 80
      period: quarter
      amount: 2%
```

## Use instead
```yaml
support:
  availability:
    target: 99%
    period: quarter
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import Loc, SpecContext
from contractgen.lint.facts import support_target
from contractgen.lint.options import Option
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import Metric

CODE = "MET001"
NAME = "metrics.too-many-core-metrics"
GROUPS = ("metrics", "unrealistic")
LEVEL = Level.WARNING
OPTIONS = (Option("max", 5, "Largest number of core metrics.", kind="integer"),)


def core_metrics(ctx: SpecContext) -> list[tuple[str, Loc]]:
    """(label, where it is set) for each core metric, as the rule's docstring defines them."""
    spec = ctx.spec
    found: list[tuple[str, Loc]] = [("response time", ctx.facts.support.priorities.loc)]
    for metric in (Metric.RESOLUTION_ACHIEVEMENT, Metric.FCR, Metric.CSAT, Metric.AVAILABILITY):
        target = support_target(spec, metric)
        if target is not None:
            found.append((ctx.metric_name(metric), target.loc))
    seen = {Metric.RESPONSE_MISS_RATE, Metric.RESOLUTION_ACHIEVEMENT, Metric.FCR, Metric.CSAT}
    if spec.support.availability is not None:
        seen.add(Metric.AVAILABILITY)
    users: list[tuple[Metric, Loc]] = [
        (p.metric, ctx.facts.penalties.rules[i].metric.loc)
        for i, p in enumerate(spec.penalties.rules)
    ]
    users += [
        (t.metric, ctx.facts.termination[i].metric.loc) for i, t in enumerate(spec.termination)
    ]
    for metric, loc in users:
        if metric not in seen:
            seen.add(metric)
            found.append((ctx.metric_name(metric), loc))
    return found


def check(ctx: SpecContext) -> Iterator[Problem]:
    limit: int = ctx.options["max"]
    found = core_metrics(ctx)
    if len(found) <= limit:
        return
    listed = ", ".join(f"{label} {ctx.at(loc)}" for label, loc in found)
    yield ctx.problem(
        found[limit][1],
        f"{len(found)} core metrics are measured ({listed}); at most {limit} can be tracked "
        "reliably",
        fix=f"drop or merge metrics until {limit} remain; keep the others in the report without "
        "targets or penalties",
    )
