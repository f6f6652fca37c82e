"""A term, window or notice written in minutes is almost always meant in months.

## Why is this bad?
"m" is read as minutes, as in "30m" for a response target. Written on a contract term
(``term: 24m``), an acceptance window, a notice or a payment term, it makes the exhibit run
for 24 minutes, and every clock, period and cap built on it with it. Nobody means a contract
term, a notice period or an acceptance window in minutes, so lint refuses the reading and asks
for the unit to be spelled out.

## Example
```yaml
deal:
  term: 24m
```

## Use instead
```yaml
deal:
  term: 24 months
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.domain.facts import dotted
from contractgen.domain.wording import num
from contractgen.lint.context import SpecContext
from contractgen.lint.facts import durations
from contractgen.lint.problem import Level, Problem
from contractgen.spec.types import Unit

CODE = "UNT001"
NAME = "units.minutes-for-long-periods"
GROUPS = ("units", "inconsistent")
LEVEL = Level.ERROR

LONG_FIELDS = frozenset(
    {
        "term", "window", "fix_period", "lead_time", "change_notice", "notice", "cure_period",
        "measured_over", "records_kept_for", "payment_terms", "lapse_extension", "deemed_after",
        "notice_within", "meeting_within", "expert_after", "audit_notice", "reopen_within",
        "within", "grace", "per", "recurrence_window",
    }
)  # fmt: skip
"""Fields measured in days or more: a value in minutes cannot be meant."""


def check(ctx: SpecContext) -> Iterator[Problem]:
    for loc, d in ctx.shared("durations", durations):
        name = loc[-1]
        is_test = len(loc) > 2 and loc[:2] == ("acceptance", "tests") and name == "duration"
        if d.unit != Unit.MINUTES or not (name in LONG_FIELDS or is_test):
            continue
        n = num(d.amount)
        yield ctx.problem(
            loc,
            f"{dotted(loc)} {ctx.at(loc)} is {d}: a {str(name).replace('_', ' ')} is measured in "
            f'days or more ("m" means minutes)',
            fix=f"write {n} months or {n} min",
        )
