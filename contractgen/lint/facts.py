"""Lint's view of the domain layer: the shared facts, plus the walks only lint needs.

Targets per metric, priority order, period lengths and figure wording are computed once, in
:mod:`contractgen.domain`, so a lint message and the exhibit it checks say the same thing; this
module re-exports them for the rules and adds :func:`durations`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from contractgen.domain.facts import (
    SupportTarget,
    better,
    dotted,
    most_urgent,
    no_night_cover,
    ordered_priorities,
    support_target,
    unstaffed_responses,
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
    "unstaffed_responses",
]


_LEAF, _DURATION, _MODEL, _MAPPING, _LIST = range(5)
_KINDS: dict[type, int] = {}
"""What each type of value met in a spec is to :func:`durations`, decided once per type (a
model's ``isinstance`` check goes through its ABC metaclass, and a spec has ~2,000 values)."""


def _kind(cls: type) -> int:
    from pydantic import BaseModel

    if issubclass(cls, Duration):
        return _DURATION
    if issubclass(cls, BaseModel):
        return _MODEL
    if issubclass(cls, dict):
        return _MAPPING
    return _LIST if issubclass(cls, list) else _LEAF


def durations(spec: DealSpec) -> list[tuple[Loc, Duration]]:
    """Every duration in the spec with its key path, in model order.

    Each child is classified by its type before descending (a duration is kept, only models,
    mappings and lists are entered), so the many leaf values of a spec cost no call each.
    """
    found: list[tuple[Loc, Duration]] = []
    kinds = _KINDS

    def visit(children: Iterable[tuple[str | int, object]], loc: Loc) -> None:
        for key, value in children:
            cls = type(value)
            kind = kinds.get(cls)
            if kind is None:
                kind = kinds[cls] = _kind(cls)
            if kind == _DURATION:
                found.append(((*loc, key), value))  # type: ignore[arg-type]
            elif kind:
                walk(value, kind, (*loc, key))

    def walk(node: Any, kind: int, loc: Loc) -> None:
        if kind == _MODEL:
            visit(node.__dict__.items(), loc)  # the fields, in model order
        elif kind == _MAPPING:
            visit(((str(k), v) for k, v in node.items()), loc)
        else:
            visit(enumerate(node), loc)

    root = _kind(type(spec))
    if root == _DURATION:
        return [((), spec)]  # type: ignore[list-item]
    try:
        if root:
            walk(spec, root, ())
    finally:
        # they refer to each other: break the cycle, so what they reach is freed at once
        visit = walk = None  # type: ignore[assignment]
    return found
