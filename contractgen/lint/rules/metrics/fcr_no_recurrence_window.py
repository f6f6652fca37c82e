"""First-call resolution needs a recurrence window.

## Why is this bad?
First-call resolution should count only fixes that hold. Without a recurrence window every
ticket closed on the first contact counts, including the ones that come back the next morning;
the metric then rewards quick closing rather than real fixes, and the brand and partner will
disagree about every reopened ticket. The framework counts a fix only if the issue does not
recur within 7 days.

## Example
```yaml
support:
  fcr:
    recurrence_window: null
```

## Use instead
```yaml
support:
  fcr:
    recurrence_window: 7 days
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "MET005"
NAME = "metrics.fcr-no-recurrence-window"
GROUPS = ("metrics", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    if ctx.spec.support.fcr.recurrence_window is None:
        yield ctx.problem(
            ctx.facts.support.fcr.recurrence_window.loc,
            "first-call resolution has no recurrence window, so a fix that fails the next day "
            "still counts",
            fix="set support.fcr.recurrence_window, e.g. 7 days",
        )
