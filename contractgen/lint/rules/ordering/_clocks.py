"""Which rule tells a fault of a ticket's clocks, so that each is told once.

The ordering rules (ORD) judge a priority's targets from their durations; DLN001 walks tickets
over the deal's real calendar and reports the first one whose deadlines cross. Where a response
and a resolution, or an escalation and a response, are written on different clocks, both would
report the same fault in other words. The split:

* When the durations alone show it, for a ticket raised as business opens (the best case,
  where the business clock and the wall clock run together), the ordering rule owns it: a P1
  "resolved within 2 hours" against a response of "4 business hours" is wrong without any
  calendar, and ORD003 (or ORD004 for an escalation before the response) says so plainly.
  DLN001 leaves that crossing alone.
* Otherwise the crossing depends on when the ticket is logged, and DLN001 owns it: its sample
  ticket is exact, while ORD003 and ORD006 (escalation path longer than the resolution target)
  compare typical wall-clock hours, true for some tickets and not others. They stand down when
  the deadline simulation shows that crossing.

The facts are computed here once; the rules on both sides ask the same functions.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from contractgen.domain.deadlines import (
    BRAND_RESPONSE,
    ESCALATION,
    RESOLUTION,
    RESPONSE,
    WORKAROUND,
    Crossing,
    Simulation,
    simulate,
)
from contractgen.spec.models import TriggerKind

if TYPE_CHECKING:
    from contractgen.lint.context import Loc, SpecContext
    from contractgen.spec.types import Duration

RESOLVED = frozenset({RESOLUTION, WORKAROUND})
"""The clock a ticket's resolution target runs on is named for what it asks for."""
ESCALATED = frozenset({ESCALATION, BRAND_RESPONSE})
RESPONDED = frozenset({RESPONSE})


def simulation(ctx: SpecContext) -> Simulation:
    """The deal's deadline simulation, computed once per lint run for every rule that reads it."""
    return ctx.shared("deadlines.simulation", simulate)


def crossed(ctx: SpecContext, index: int, later: frozenset[str], earlier: frozenset[str]) -> bool:
    """Whether the simulation shows a ticket of priority ``index`` whose ``later`` clock falls
    due before its ``earlier`` one (only clocks that mix business and elapsed time can cross)."""
    return any(
        c.index == index and c.later.clock in later and c.earlier.clock in earlier
        for c in simulation(ctx).crossings
    )


def escalation_points(ctx: SpecContext, pid: str, index: int) -> list[tuple[Loc, Duration]]:
    """Where a priority's escalation time is written: its escalate_after and its triggers."""
    points: list[tuple[Loc, Duration]] = []
    p = ctx.spec.support.priorities[index]
    if p.escalate_after is not None:
        points.append((ctx.facts.support.priorities[index].escalate_after.loc, p.escalate_after))
    for t, trig in enumerate(ctx.spec.escalation.triggers):
        if trig.kind == TriggerKind.UNRESOLVED and trig.priority == pid and trig.after:
            points.append((ctx.facts.escalation.triggers[t].after.loc, trig.after))
    return points


def before_at_best(ctx: SpecContext, later: Duration, earlier: Duration) -> bool:
    """Whether ``later`` falls due before ``earlier`` for a ticket raised as business opens,
    when a business clock and the wall clock run together: shown by the durations alone."""
    return ctx.clock.best_case_hours(later) < ctx.clock.best_case_hours(earlier)


def resolved_before_response(ctx: SpecContext, resolution: Duration, response: Duration) -> bool:
    """ORD003's fault: the resolution target is shorter than the response target."""
    return ctx.clock.shorter(resolution, response)


class Path(NamedTuple):
    """A priority's escalation path against its resolution target, in one unit."""

    loc: Loc
    after: Duration
    escalate: Decimal
    """Escalate-after."""
    answer: Decimal
    """The brand's L2 answer."""
    target: Decimal
    """The resolution target."""
    unit: str
    """``business hours`` when all three are business durations, else "" (typical hours)."""
    mixed: bool
    """Whether the three durations are on different clocks."""

    @property
    def path(self) -> Decimal:
        return self.escalate + self.answer

    @property
    def too_long(self) -> bool:
        return self.path > self.target


def escalation_path(ctx: SpecContext, index: int) -> Path | None:
    """The first escalation point of priority ``index`` plus the brand's L2 answer, against its
    resolution target; None when the spec gives no escalation time or no L2 answer for it.
    Computed once per lint run (ORD005 and ORD006 both read it)."""
    return ctx.shared(f"ordering.escalation-path.{index}", lambda _: _escalation_path(ctx, index))


def _escalation_path(ctx: SpecContext, index: int) -> Path | None:
    p = ctx.spec.support.priorities[index]
    answer = ctx.spec.escalation.brand_l2_response.get(p.id)
    points = escalation_points(ctx, p.id, index)
    if answer is None or not points:
        return None
    loc, after = points[0]
    parts = (after, answer, p.resolution)
    hours = [ctx.clock.business_hours(d) for d in parts]
    if all(h is not None for h in hours):
        a, b, r = (h or Decimal(0) for h in hours)
        unit, mixed = "business hours", False
    else:
        a, b, r = (ctx.clock.typical_hours(d) for d in parts)
        unit, mixed = "", any(h is not None for h in hours)
    return Path(loc, after, a, b, r, unit, mixed)


def told_by_ordering(ctx: SpecContext, c: Crossing) -> bool:
    """Whether an ordering rule reports the fault of this crossing (DLN001 then stays quiet)."""
    later, earlier = c.later.duration, c.earlier.duration
    if c.earlier.clock != RESPONSE:
        return False
    if c.later.clock == ESCALATION:
        return ctx.runs("ORD004") and before_at_best(ctx, later, earlier)
    if c.later.clock in RESOLVED:
        return (
            ctx.runs("ORD003")
            and resolved_before_response(ctx, later, earlier)
            and before_at_best(ctx, later, earlier)
        )
    return False
