"""The targets that realism rules compare with a pilot or across ramp years."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple

from contractgen.lint.context import Loc, SpecContext
from contractgen.spec.models import Metric
from contractgen.spec.types import Duration

RATE_FIELDS: tuple[tuple[str, Metric], ...] = (
    ("fcr", Metric.FCR),
    ("resolution_achievement", Metric.RESOLUTION_ACHIEVEMENT),
    ("csat", Metric.CSAT),
)


class YearTargets(NamedTuple):
    """One contract year's targets: the support section is year 1 unless the ramp says more."""

    year: int
    times: Mapping[tuple[str, str], tuple[Loc, Duration]]
    """(field, priority id) → where and what, for response and resolution."""
    rates: Mapping[str, tuple[Loc, Decimal]]
    """fcr / resolution_achievement / csat → where and what."""


def ramp_years(ctx: SpecContext) -> list[YearTargets]:
    """The ramp's years as written, each with only the targets it sets."""
    out: list[YearTargets] = []
    for i, y in enumerate(ctx.spec.ramp):
        times: dict[tuple[str, str], tuple[Loc, Duration]] = {}
        for field in ("response", "resolution"):
            for pid, d in getattr(y, field).items():
                times[(field, pid)] = (ctx.facts.ramp[i][field][pid].loc, d)
        rates: dict[str, tuple[Loc, Decimal]] = {
            name: (ctx.facts.ramp[i][name].loc, getattr(y, name))
            for name, _ in RATE_FIELDS
            if getattr(y, name) is not None
        }
        out.append(YearTargets(y.year, times, rates))
    return out


def current_targets(ctx: SpecContext) -> YearTargets:
    """The support section's targets, which apply from the start of the deal."""
    spec = ctx.spec
    times: dict[tuple[str, str], tuple[Loc, Duration]] = {}
    for i, p in enumerate(spec.support.priorities):
        for field in ("response", "resolution"):
            times[(field, p.id)] = (ctx.facts.support.priorities[i][field].loc, getattr(p, field))
    rates: dict[str, tuple[Loc, Decimal]] = {
        "fcr": (ctx.facts.support.fcr.target.loc, spec.support.fcr.target),
        "resolution_achievement": (
            ctx.facts.support.resolution_achievement.target.loc,
            spec.support.resolution_achievement.target,
        ),
        "csat": (ctx.facts.support.csat.target.loc, spec.support.csat.target),
    }
    return YearTargets(1, times, rates)
