"""Lint's view of the domain layer: the shared facts, plus the walks only lint needs.

Targets per metric, priority order, period lengths and figure wording are computed once, in
:mod:`contractgen.domain`, so a lint message and the exhibit it checks say the same thing; this
module re-exports them for the rules and adds :func:`durations`.
"""

from __future__ import annotations

from decimal import Decimal
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
    """Every duration in the spec with its key path, in model order."""
    from pydantic import BaseModel

    found: list[tuple[Loc, Duration]] = []

    def walk(node: object, loc: Loc) -> None:
        if isinstance(node, Duration):
            found.append((loc, node))
        elif isinstance(node, BaseModel):
            for name, value in node.__dict__.items():  # the fields, in model order
                if value is not None and not isinstance(value, (str, bool, int, Decimal)):
                    walk(value, (*loc, name))
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(v, (*loc, str(k)))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, (*loc, i))

    walk(spec, ())
    return found
