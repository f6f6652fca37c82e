"""Facts several rules need, computed one way: targets per metric, priority order, wording.

Keeping them here means two rules never disagree about, say, which support target a penalty
row belongs to, and every message writes figures the same way ("10%", "4.0 on a 5-point scale").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from contractgen.spec.models import DealSpec, Metric, Period, Priority
from contractgen.spec.types import Duration

if TYPE_CHECKING:
    from contractgen.lint.context import Loc

HOURS_PER_YEAR = Decimal(365 * 24)
"""Availability arithmetic uses a 365-day year: 8,760 hours."""


@dataclass(frozen=True)
class SupportTarget:
    """The support section's target for one metric, with where it is written."""

    metric: Metric
    value: Decimal
    period: Period
    loc: Loc
    period_loc: Loc


_SUPPORT_KEYS: dict[Metric, str] = {
    Metric.RESPONSE_MISS_RATE: "response_miss_rate",
    Metric.RESOLUTION_ACHIEVEMENT: "resolution_achievement",
    Metric.FCR: "fcr",
    Metric.CSAT: "csat",
    Metric.AVAILABILITY: "availability",
}


def support_target(spec: DealSpec, metric: Metric) -> SupportTarget | None:
    """The support section's target for ``metric``, or None if the section sets none."""
    key = _SUPPORT_KEYS.get(metric)
    if key is None:
        return None
    section = getattr(spec.support, key)
    if section is None:
        return None
    return SupportTarget(
        metric,
        section.target,
        section.period,
        ("support", key, "target"),
        ("support", key, "period"),
    )


def ordered_priorities(spec: DealSpec) -> list[tuple[int, Priority]]:
    """(index in the file, priority), most urgent first (P0 before P1)."""
    return sorted(enumerate(spec.support.priorities), key=lambda ip: int(ip[1].id[1:]))


def no_night_cover(spec: DealSpec) -> bool:
    """True when nobody is on duty outside business hours: the standard package with no on-call
    agreed. Round-the-clock targets are then promises nobody is there to keep."""
    from contractgen.spec.models import Package

    return spec.support.package == Package.STANDARD and spec.support.on_call is not True


def most_urgent(spec: DealSpec) -> tuple[int, Priority]:
    return ordered_priorities(spec)[0]


def better(metric: Metric, a: Decimal, b: Decimal) -> bool:
    """True when ``a`` is strictly better than ``b`` for this metric."""
    return a > b if metric.higher_is_better else a < b


def num(value: Decimal) -> str:
    """A Decimal without trailing zeros or exponent: 10, 4.5, 99.95."""
    return format(value.normalize(), "f")


def figure(metric: Metric, value: Decimal) -> str:
    """A metric value as the exhibit writes it: "10%", "4.0", "3 escalations"."""
    if metric.is_percent:
        return f"{num(value)}%"
    if metric == Metric.CSAT:
        text = num(value)
        return text if "." in text else f"{text}.0"
    return num(value)


def period_hours(period: Period) -> Decimal:
    """Hours in a measurement period on a 365-day year (a month is 730 hours)."""
    return HOURS_PER_YEAR * period.months / 12


def dotted(loc: Loc) -> str:
    """A key path as a spec author reads it: support.priorities[2].response."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def durations(spec: DealSpec) -> list[tuple[Loc, Duration]]:
    """Every duration in the spec with its key path, in model order."""
    from pydantic import BaseModel

    found: list[tuple[Loc, Duration]] = []

    def walk(node: object, loc: Loc) -> None:
        if isinstance(node, Duration):
            found.append((loc, node))
        elif isinstance(node, BaseModel):
            for name in type(node).model_fields:
                walk(getattr(node, name), (*loc, name))
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(v, (*loc, str(k)))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, (*loc, i))

    walk(spec, ())
    return found
