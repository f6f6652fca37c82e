"""A ramp must not loosen targets from one year to the next.

## Why is this bad?
Targets tighten as a partner matures (a response target of 8 h in year 1, 6 h in year 2, 4 h in
year 3). A ramp in which a later year is looser than an earlier one is almost always two
figures swapped or a copy error; if it is meant, it belongs in the review clause as a reset,
not in the ramp, because the customer reads the ramp as a promise of improvement.

## Example
```yaml
ramp:
  - year: 1
    response:
      P1: 4h
  - year: 2
    response:
      P1: 6h
```

## Use instead
```yaml
ramp:
  - year: 1
    response:
      P1: 6h
  - year: 2
    response:
      P1: 4h
```
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import figure
from contractgen.lint.problem import Level, Problem
from contractgen.lint.rules.realism._targets import RATE_FIELDS, ramp_years

CODE = "REA003"
NAME = "realism.ramp-loosens"
GROUPS = ("realism", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    years = ramp_years(ctx)
    for before, after in pairwise(years):
        for key, (loc, later) in after.times.items():
            if key not in before.times:
                continue
            ploc, earlier = before.times[key]
            if ctx.clock.shorter(earlier, later):
                field, pid = key
                yield ctx.problem(
                    loc,
                    f"year {after.year} {pid} {field} {later} {ctx.at(loc)} is looser than year "
                    f"{before.year}'s {earlier} {ctx.at(ploc)}",
                    fix="tighten or keep each target from one year to the next (check for "
                    "swapped years)",
                )
        for name, metric in RATE_FIELDS:
            if name not in after.rates or name not in before.rates:
                continue
            rloc, rate = after.rates[name]
            prloc, prev = before.rates[name]
            if rate < prev:
                yield ctx.problem(
                    rloc,
                    f"year {after.year} {ctx.metric_name(metric)} target {figure(metric, rate)} "
                    f"{ctx.at(rloc)} is looser than year {before.year}'s "
                    f"{figure(metric, prev)} {ctx.at(prloc)}",
                    fix="raise or keep each target from one year to the next",
                )
