"""A product whose performance is an accuracy or error figure needs a calibration criterion.

## Why is this bad?
Sensors that measure (weight, counts, distance, temperature) reach their promised accuracy
only when calibrated on site. If installation is "complete" without calibration, the
acceptance test fails weeks later and somebody flies back to recalibrate every unit: the case
study's smart shelves reached 87% against a promised 95% for exactly this reason. When the
performance test's metric names an accuracy-type figure (option ``keywords``), installation
completion must include a required calibration criterion.

## Example
```yaml
acceptance:
  tests:
    performance:
      metric: weight-sensing accuracy
installation:
  criteria:
    calibration: null
```

## Use instead
```yaml
acceptance:
  tests:
    performance:
      metric: weight-sensing accuracy
installation:
  criteria:
    calibration:
      evidence: Calibration log per shelf, following the brand's calibration guide
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.options import Option
from contractgen.lint.problem import Level, Problem

CODE = "DEL006"
NAME = "delivery.no-calibration"
GROUPS = ("delivery", "unrealistic")
LEVEL = Level.WARNING
OPTIONS = (
    Option(
        "keywords",
        ("accuracy", "accurate", "precision", "error", "drift", "tolerance", "calibrat"),
        "Words in the performance metric that mark a calibration-dependent product.",
        kind="strings",
    ),
)


def check(ctx: SpecContext) -> Iterator[Problem]:
    metric = ctx.spec.acceptance.tests.performance.metric
    if not metric:
        return
    words = [k for k in ctx.options["keywords"] if k.lower() in metric.lower()]
    if not words:
        return
    calibration = ctx.spec.installation.criteria.calibration
    if calibration is not None and calibration.required:
        return
    mloc = ctx.facts.acceptance.tests.performance.metric.loc
    state = "is not required" if calibration is not None else "is missing"
    yield ctx.problem(
        ctx.facts.installation.criteria.calibration.loc,
        f'the performance test measures "{metric}" {ctx.at(mloc)}, which depends on '
        f"calibration, but the installation calibration criterion {state}",
        fix="add installation.criteria.calibration (required) with its evidence, e.g. a "
        "calibration log per device following the brand's calibration guide",
    )
