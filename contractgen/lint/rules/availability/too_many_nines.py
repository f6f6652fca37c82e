"""Installed hardware should not promise more than four nines of availability.

## Why is this bad?
Five nines (99.999%) allow about 5 minutes of downtime a year; six nines about 32 seconds.
An installed device on a customer's site, on the customer's network and power, serviced by a
partner who must drive there, cannot restore service in minutes: one replacement visit uses
years of the allowance. Such a target is either a misplaced 9 or a promise that is breached
the first time anything fails. The limit is policy (option ``max``, default 99.99%). That
the allowance is also shorter than one P0 outage is AVL001's finding, a contradiction within
the spec that a longer measuring period can cure; this one is about what hardware can promise.

## Example
```yaml
support:
  availability:
    target: 99.999%
    period: year
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
from decimal import Decimal

from contractgen.domain.availability import downtime_per_year, downtime_words
from contractgen.domain.wording import num
from contractgen.lint.context import SpecContext
from contractgen.lint.options import Option
from contractgen.lint.problem import Level, Problem

CODE = "AVL003"
NAME = "availability.too-many-nines"
GROUPS = ("availability", "unrealistic")
LEVEL = Level.WARNING
OPTIONS = (
    Option(
        "max",
        Decimal("99.99"),
        "Highest availability target for installed hardware.",
        kind="percent",
    ),
)


def check(ctx: SpecContext) -> Iterator[Problem]:
    avail = ctx.spec.support.availability
    limit: Decimal = ctx.options["max"]
    if avail is None or avail.target <= limit:
        return
    loc = ctx.facts.support.availability.target.loc
    year = downtime_words(downtime_per_year(avail.target))
    yield ctx.problem(
        loc,
        f"availability {num(avail.target)}% {ctx.at(loc)} allows only {year} "
        f"of downtime a year, more than installed hardware can promise (policy maximum "
        f"{num(limit)}%)",
        fix=f"set the target at or below {num(limit)}% (check every 9: one too many divides the "
        "allowed downtime by ten)",
    )
