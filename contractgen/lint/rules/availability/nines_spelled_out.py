"""Spell high availability targets out as downtime, so a misplaced 9 is visible.

## Why is this bad?
99.99% and 99.999% look alike on a page but allow 52.6 and 5.3 minutes of downtime a year.
A 9 added or dropped while copying a figure changes the promise tenfold and nobody notices.
For targets from three nines up (option ``from``, default 99.9%) this informational finding
states the downtime per period and per year, in the words the exhibit uses (a 30-day month,
a 365-day year), so the reviewer can check it
against what was meant. Lower targets are not reported: their downtime is measured in hours
and a slip is obvious. When AVL001 reports the same target (its downtime is less than one P0
outage), its message quotes the downtime already and this note is not added.

## Example
```yaml
support:
  availability:
    target: 99.9%
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

from contractgen.domain.availability import downtime_per_year, downtime_text, downtime_words
from contractgen.domain.periods import period_basis
from contractgen.domain.wording import num
from contractgen.lint.context import SpecContext
from contractgen.lint.options import Option
from contractgen.lint.problem import Level, Problem
from contractgen.lint.rules.availability._outage import outage_beyond_allowance

CODE = "AVL004"
NAME = "availability.nines-spelled-out"
GROUPS = ("availability", "readability")
LEVEL = Level.INFO
OPTIONS = (
    Option("from", Decimal("99.9"), "Report targets at or above this percentage.", kind="percent"),
)


def check(ctx: SpecContext) -> Iterator[Problem]:
    avail = ctx.spec.support.availability
    if avail is None or avail.target < ctx.options["from"]:
        return
    if ctx.runs("AVL001") and outage_beyond_allowance(ctx) is not None:
        return  # AVL001 quotes this downtime already, with the outage it cannot cover
    loc = ctx.facts.support.availability.target.loc
    per = downtime_text(avail.target, avail.period)
    year = downtime_words(downtime_per_year(avail.target))
    yield ctx.problem(
        loc,
        f"availability {num(avail.target)}% per {avail.period.value} {ctx.at(loc)} allows "
        f"{per} of downtime in {period_basis(avail.period)} ({year} a year); check "
        "that this is the number of nines meant",
        fix="confirm the figure, or waive this finding with the reason once it is checked",
    )
