"""The availability fact two rules read: a P0 outage longer than the whole downtime allowance.

AVL001 reports it; AVL004, which spells out the downtime of a high target for the reviewer,
leaves the value alone when AVL001 already quotes that downtime, so the figure is told once.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from contractgen.domain.availability import allowed_downtime_hours
from contractgen.domain.facts import most_urgent

if TYPE_CHECKING:
    from contractgen.lint.context import SpecContext
    from contractgen.spec.models import Priority


class Outage(NamedTuple):
    at: int
    """The most urgent priority's index in the file."""
    priority: Priority
    hours: Decimal
    """Its resolution target in wall-clock hours, at the longest (over a weekend)."""
    allowed: Decimal
    """The downtime the availability target allows in its period, in hours."""


def outage_beyond_allowance(ctx: SpecContext) -> Outage | None:
    """The most urgent priority's outage when, resolved on target, it uses more downtime than
    the availability target allows in a whole period; None otherwise (or with no target)."""
    avail = ctx.spec.support.availability
    if avail is None:
        return None
    i, p0 = most_urgent(ctx.spec)
    resolve = ctx.clock.worst_case_hours(p0.resolution)
    allowed = allowed_downtime_hours(avail.target, avail.period)
    return Outage(i, p0, resolve, allowed) if allowed < resolve else None
