"""What a rule's ``check(ctx)`` receives: the spec (or exhibits), its options, and helpers.

The helpers keep rule modules short and their messages uniform: ``ctx.line(loc)`` for the
"(line 40)" a message quotes, ``ctx.problem(...)`` to build a finding at a key path, and
``ctx.clock`` to compare durations written on different clocks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from contractgen.errors import Location
from contractgen.lint.clock import BusinessClock
from contractgen.lint.problem import Level, Problem

if TYPE_CHECKING:
    from contractgen.lint.documents import ParsedExhibit
    from contractgen.spec.loader import LoadedSpec
    from contractgen.spec.models import DealSpec

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class RuleRef:
    """The identity a context stamps on each finding."""

    code: str
    name: str
    level: Level


@dataclass
class SpecContext:
    """A deal spec being linted by one rule."""

    loaded: LoadedSpec
    rule: RuleRef
    options: Mapping[str, Any]

    @property
    def spec(self) -> DealSpec:
        return self.loaded.spec

    @property
    def path(self) -> str:
        return self.loaded.path

    @cached_property
    def clock(self) -> BusinessClock:
        return BusinessClock.from_calendar(self.spec.calendar)

    def has(self, loc: Loc) -> bool:
        """Whether the key path is written in the file (rather than a model default)."""
        return tuple(loc) in self.loaded.positions.values

    def line(self, loc: Loc) -> int:
        """The line of the value at ``loc`` (or of its nearest written parent)."""
        return self.loaded.positions.location(tuple(loc)).line

    def at(self, loc: Loc) -> str:
        """``"(line 40)"`` for a message."""
        return f"(line {self.line(loc)})"

    def problem(self, loc: Loc, message: str, fix: str | None = None) -> Problem:
        """A finding at the value ``loc`` (at its key, or its parent's, when it is missing)."""
        key = tuple(loc)
        prefer_key = key not in self.loaded.positions.values
        where = self.loaded.positions.location(key, prefer_key=prefer_key)
        return Problem(
            code=self.rule.code,
            name=self.rule.name,
            level=self.rule.level,
            message=message,
            location=where,
            fix=fix,
        )


@dataclass
class DocumentContext:
    """The assembled exhibits of one deal, being checked by one document rule."""

    spec_path: str
    exhibits: Sequence[ParsedExhibit]
    rule: RuleRef
    options: Mapping[str, Any]

    def problem(
        self, exhibit: ParsedExhibit, line: int, col: int, message: str, fix: str | None = None
    ) -> Problem:
        return Problem(
            code=self.rule.code,
            name=self.rule.name,
            level=self.rule.level,
            message=message,
            location=Location(self.spec_path, line, col),
            fix=fix,
            document=exhibit.key,
        )
