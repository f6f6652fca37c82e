"""Installation needs a deadline for the partner's installation report.

## Why is this bad?
The installation lead time is only checkable if the partner reports completion promptly,
with the photos and the signed checklist. Without a report deadline the completion date is
whatever the partner says later, the payment milestone has no evidence behind it, and a late
installation cannot be told from a late report. The framework asks for the report within 24 h.

## Example
```yaml
installation:
  report_within: null
```

## Use instead
```yaml
installation:
  report_within: 24h
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "DEL005"
NAME = "delivery.no-report-deadline"
GROUPS = ("delivery", "unrealistic")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    inst = ctx.spec.installation
    if inst.report_within is None:
        yield ctx.problem(
            ctx.facts.installation.report_within.loc,
            f"installation has a lead time of {inst.lead_time} "
            f"{ctx.at(('installation', 'lead_time'))} but no deadline for the installation "
            "report",
            fix="set installation.report_within, e.g. 24h",
        )
