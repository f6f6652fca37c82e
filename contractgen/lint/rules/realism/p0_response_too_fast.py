"""The most urgent priority's response target must not be under the policy minimum (1 hour).

## Why is this bad?
"P0 in 30 minutes" is the textbook unrealistic target: a first response that fast needs an
engineer at a desk, awake, in the customer's time zone, every minute of the year. A channel
partner of a few dozen people cannot staff that, so the target is missed at the first night
ticket and every miss is a penalty. The minimum is policy (option ``min``, default 1 hour);
a company that sells a staffed 24/7 desk can lower it. This is about speed, whatever the
cover: that nobody is on duty at night to give the answer at all is CAL003's finding, which
may stand on the same value.

## Example
```yaml
support:
  priorities:
    - id: P0
      response: 30 minutes
```

## Use instead
```yaml
support:
  priorities:
    - id: P0
      response: 2h
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import most_urgent
from contractgen.lint.options import Option
from contractgen.lint.problem import Level, Problem
from contractgen.spec.types import Duration

CODE = "REA002"
NAME = "realism.p0-response-too-fast"
GROUPS = ("realism", "unrealistic")
LEVEL = Level.WARNING
OPTIONS = (
    Option(
        "min",
        Duration.parse("1h"),
        "Shortest realistic first response for the most urgent priority.",
        kind="duration",
    ),
)


def check(ctx: SpecContext) -> Iterator[Problem]:
    minimum: Duration = ctx.options["min"]
    i, p = most_urgent(ctx.spec)
    if not ctx.clock.shorter(p.response, minimum):
        return
    loc = ctx.facts.support.priorities[i].response.loc
    yield ctx.problem(
        loc,
        f"{p.id} response {p.response} {ctx.at(loc)} is under {minimum}, faster than a channel "
        "partner can answer around the clock",
        fix=f"set the {p.id} response to at least {minimum} (the framework uses 2 hours on the "
        "premium package, 4 business hours on standard)",
    )
