"""What a rule's ``check(ctx)`` receives: the spec (or exhibits), its options, and helpers.

The helpers keep rule modules short and their messages uniform: ``ctx.facts`` for the spec's
values with their key paths (from the domain layer, so a rule need not type a key path),
``ctx.line(loc)`` for the "(line 40)" a message quotes, ``ctx.problem(...)`` to build a finding
at a key path or a fact, ``ctx.metric_name(m)`` for a metric named as the exhibit names it, and
``ctx.clock`` to compare durations written on different clocks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from contractgen.domain.facts import Fact
from contractgen.errors import Location
from contractgen.lint.clock import BusinessClock
from contractgen.lint.problem import Level, Problem

if TYPE_CHECKING:
    from contractgen.lint.documents import ParsedExhibit
    from contractgen.spec.loader import LoadedSpec
    from contractgen.spec.models import DealSpec

Loc = tuple[str | int, ...]
T = TypeVar("T")

RUNNING = "lint.running"
"""The memo key under which the engine lists the codes of the spec rules that run."""


class RuleRef(NamedTuple):
    """The identity a context stamps on each finding."""

    code: str
    name: str
    level: Level


class SpecContext:
    """A deal spec being linted by one rule.

    (The record types of this module are plain classes and named tuples, not dataclasses:
    every lint and every build imports them, and a dataclass costs its import about 1 ms.)
    """

    def __init__(
        self,
        loaded: LoadedSpec,
        rule: RuleRef,
        options: Mapping[str, Any],
        memo: dict[str, Any] | None = None,
    ) -> None:
        self.loaded = loaded
        self.rule = rule
        self.options = options
        self.memo: dict[str, Any] = {} if memo is None else memo
        """Facts computed once per lint run and shared by the rules that need them (one dict
        per run, passed to every rule's context)."""

    def shared(self, key: str, compute: Callable[[DealSpec], T]) -> T:
        """``compute(spec)``, once per lint run (e.g. the deadline simulation two rules read)."""
        if key not in self.memo:
            self.memo[key] = compute(self.spec)
        return self.memo[key]

    def runs(self, code: str) -> bool:
        """Whether the rule ``code`` checks this spec in this lint run.

        Where two rules could report one fault, one of them owns it and the other leaves it
        alone, but only while the owner runs: a fault is never hidden by switching its owner
        off (``--ignore``, ``--select``). A context made without the engine (a rule's own
        test) counts every rule as running.
        """
        running = self.memo.get(RUNNING)
        return running is None or code in running

    @property
    def spec(self) -> DealSpec:
        return self.loaded.spec

    @property
    def path(self) -> str:
        return self.loaded.path

    @property
    def clock(self) -> BusinessClock:
        """The spec's business week, built once per lint run."""
        return self.shared("clock", lambda spec: BusinessClock.from_calendar(spec.calendar))

    @cached_property
    def facts(self) -> Fact[DealSpec]:
        """The spec's values with their key paths and positions."""
        return Fact(self.loaded.spec, (), self.loaded.positions)

    def metric_name(self, metric: Any) -> str:
        """The metric as the exhibit names it ("Resolution Achievement Rate")."""
        from contractgen.domain.wording import spec_metric_name

        return spec_metric_name(self.spec, metric)

    def has(self, loc: Loc | Fact[Any]) -> bool:
        """Whether the key path is written in the file (rather than a model default)."""
        return _loc(loc) in self.loaded.positions.values

    def line(self, loc: Loc | Fact[Any]) -> int:
        """The line of the value at ``loc`` (or of its nearest written parent)."""
        return self.loaded.positions.location(_loc(loc)).line

    def at(self, loc: Loc | Fact[Any]) -> str:
        """``"(line 40)"`` for a message."""
        return f"(line {self.line(loc)})"

    def problem(self, loc: Loc | Fact[Any], message: str, fix: str | None = None) -> Problem:
        """A finding at the value ``loc`` (at its key, or its parent's, when it is missing)."""
        key = _loc(loc)
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


class DocumentContext:
    """The assembled exhibits of one deal, being checked by one document rule."""

    __slots__ = ("exhibits", "options", "rule", "spec_path")

    def __init__(
        self,
        spec_path: str,
        exhibits: Sequence[ParsedExhibit],
        rule: RuleRef,
        options: Mapping[str, Any],
    ) -> None:
        self.spec_path = spec_path
        self.exhibits = exhibits
        self.rule = rule
        self.options = options

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


def _loc(where: Loc | Fact[Any]) -> Loc:
    return where.loc if isinstance(where, Fact) else tuple(where)
