"""Lint's view of the domain layer: the shared facts, plus the walks only lint needs.

Targets per metric, priority order, period lengths and figure wording are computed once, in
:mod:`contractgen.domain`, so a lint message and the exhibit it checks say the same thing; this
module re-exports them for the rules and adds :func:`durations`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from contractgen.domain.facts import (
    SupportTarget,
    better,
    dotted,
    most_urgent,
    no_night_cover,
    ordered_priorities,
    support_target,
)
from contractgen.domain.periods import period_hours
from contractgen.domain.wording import figure, num
from contractgen.spec.types import Duration

if TYPE_CHECKING:
    from contractgen.lint.context import Loc
    from contractgen.spec.models import DealSpec

__all__ = [
    "SupportTarget",
    "better",
    "dotted",
    "durations",
    "figure",
    "most_urgent",
    "no_night_cover",
    "num",
    "ordered_priorities",
    "period_hours",
    "support_target",
]


def durations(spec: DealSpec) -> list[tuple[Loc, Duration]]:
    """Every duration in the spec with its key path, in model order.

    Each child is tested before descending (a duration is kept, only models, mappings and
    lists are entered), so the many leaf values of a spec cost no call each.
    """
    from pydantic import BaseModel

    found: list[tuple[Loc, Duration]] = []
    branch = (BaseModel, dict, list)

    def visit(children: Iterable[tuple[str | int, object]], loc: Loc) -> None:
        for key, value in children:
            if isinstance(value, Duration):
                found.append(((*loc, key), value))
            elif isinstance(value, branch):
                walk(value, (*loc, key))

    def walk(node: object, loc: Loc) -> None:
        if isinstance(node, BaseModel):
            visit(node.__dict__.items(), loc)  # the fields, in model order
        elif isinstance(node, dict):
            visit(((str(k), v) for k, v in node.items()), loc)
        elif isinstance(node, list):
            visit(enumerate(node), loc)

    if isinstance(spec, Duration):
        return [((), spec)]
    walk(spec, ())
    return found
