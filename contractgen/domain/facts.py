"""A deal's values with their key paths and positions, so no consumer types a key path by hand.

``facts(loaded).support.availability.target`` is a :class:`Fact`: the value (99.5), the key path
``("support", "availability", "target")`` and, given the spec's positions, the line it was
written on. A lint rule reads a value and reports at it in one step, and a renamed field breaks
at the one place that names it instead of in a message that points at the wrong line.
Accessors for the facts several consumers need (priorities most urgent first, the support
target of a metric) live here too, so two rules never disagree about them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from contractgen.spec.models import DealSpec, Metric, Package, Period, Priority
from contractgen.spec.types import Clock

if TYPE_CHECKING:
    from contractgen.spec.loader import LoadedSpec, Positions

Loc = tuple[str | int, ...]
T = TypeVar("T")


class Fact(Generic[T]):
    """One value of the spec, where it lives, and (with positions) where it is written.

    A plain slotted class rather than a dataclass: rules walk many paths per run, and building a
    frozen dataclass costs several times more.
    """

    __slots__ = ("loc", "positions", "value")

    def __init__(self, value: T, loc: Loc, positions: Positions | None = None) -> None:
        self.value = value
        self.loc = loc
        self.positions = positions

    def __repr__(self) -> str:
        return f"Fact({self.value!r}, {dotted(self.loc) or 'spec'})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fact) and (self.value, self.loc) == (other.value, other.loc)

    def __hash__(self) -> int:
        return hash(self.loc)

    def __getattr__(self, name: str) -> Fact[Any]:
        """A field of the value. A field the model does not have is an error (a mistyped key
        path fails here, not in a message pointing at the wrong line); below an absent value
        (None) every field is absent too, so a rule may name the path of a missing value."""
        if name.startswith("__"):
            raise AttributeError(name)
        v: Any = self.value
        if v is None:
            return Fact(None, (*self.loc, name), self.positions)
        fields = getattr(v, "__dict__", None)
        if fields is not None and name in fields:  # a model's field, the common case
            return Fact(fields[name], (*self.loc, name), self.positions)
        if isinstance(v, BaseModel) and fields is not None:
            raise AttributeError(f"{dotted(self.loc) or 'the spec'} has no field {name!r}")
        return Fact(getattr(v, name), (*self.loc, name), self.positions)

    def __getitem__(self, key: str | int) -> Fact[Any]:
        """A list entry, a mapping value (e.g. a priority id) or a field named by a variable."""
        v: Any = self.value
        if isinstance(key, str) and isinstance(v, BaseModel):
            return getattr(self, key)
        try:
            child = None if v is None else v[key]
        except (KeyError, IndexError):
            child = None
        return Fact(child, (*self.loc, key), self.positions)

    def items(self) -> Iterator[Fact[Any]]:
        """The entries of a list (or the values of a mapping), each as a fact."""
        v: Any = self.value
        if v is None:
            return
        keys = list(v) if isinstance(v, dict) else range(len(v))
        for k in keys:
            yield self[k]

    @property
    def written(self) -> bool:
        """Whether the value is written in the file (rather than a model default)."""
        return self.positions is not None and self.loc in self.positions.values

    @property
    def line(self) -> int:
        if self.positions is None:
            return 0
        return self.positions.location(self.loc, prefer_key=not self.written).line

    @property
    def dotted(self) -> str:
        return dotted(self.loc)


def facts(loaded: LoadedSpec) -> Fact[DealSpec]:
    """The root fact of a loaded spec."""
    return Fact(loaded.spec, (), loaded.positions)


def spec_fact(spec: DealSpec) -> Fact[DealSpec]:
    """The root fact of a spec without positions (tests, filters)."""
    return Fact(spec, ())


def dotted(loc: Loc) -> str:
    """A key path as a spec author reads it: support.priorities[2].response."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


# --- accessors several consumers share ----------------------------------------------------------

_SUPPORT_KEYS: dict[Metric, str] = {
    Metric.RESPONSE_MISS_RATE: "response_miss_rate",
    Metric.RESOLUTION_ACHIEVEMENT: "resolution_achievement",
    Metric.FCR: "fcr",
    Metric.CSAT: "csat",
    Metric.AVAILABILITY: "availability",
}


@dataclass(frozen=True)
class SupportTarget:
    """The support section's target for one metric, with where it is written."""

    metric: Metric
    value: Decimal
    period: Period
    loc: Loc
    period_loc: Loc


def support_target(spec: DealSpec, metric: Metric) -> SupportTarget | None:
    """The support section's target for ``metric``, or None if the section sets none."""
    key = _SUPPORT_KEYS.get(metric)
    if key is None:
        return None
    section = getattr(spec.support, key)
    if section is None:
        return None
    loc: Loc = ("support", key)
    return SupportTarget(metric, section.target, section.period, (*loc, "target"), (*loc, "period"))


def metric_period(spec: DealSpec, metric: Metric) -> Period | None:
    """The period the support section measures ``metric`` over, if it defines the metric."""
    target = support_target(spec, metric)
    return None if target is None else target.period


def ordered_priorities(spec: DealSpec) -> list[tuple[int, Priority]]:
    """(index in the file, priority), most urgent first (P0 before P1)."""
    return sorted(enumerate(spec.support.priorities), key=lambda ip: int(ip[1].id[1:]))


def priority_facts(root: Fact[DealSpec]) -> list[Fact[Priority]]:
    """The priorities as facts, most urgent first."""
    return [root.support.priorities[i] for i, _ in ordered_priorities(root.value)]


def most_urgent(spec: DealSpec) -> tuple[int, Priority]:
    return ordered_priorities(spec)[0]


def no_night_cover(spec: DealSpec) -> bool:
    """True when nobody is on duty outside business hours: the standard package with no on-call
    agreed. Round-the-clock targets are then promises nobody is there to keep."""
    return spec.support.package == Package.STANDARD and spec.support.on_call is not True


def unstaffed_responses(spec: DealSpec) -> list[tuple[int, Priority]]:
    """(index in the file, priority) of each response target that runs around the clock while
    nobody is on duty at night (:func:`no_night_cover`), most urgent first.

    One fault, one owner: lint's calendar rules report these responses, and the deadline
    simulation's "due when nobody works" check leaves them alone instead of telling the same
    fault again with a sample ticket.
    """
    if not no_night_cover(spec):
        return []
    return [(i, p) for i, p in ordered_priorities(spec) if p.response.clock != Clock.BUSINESS]


def better(metric: Metric, a: Decimal, b: Decimal) -> bool:
    """True when ``a`` is strictly better than ``b`` for this metric."""
    return a > b if metric.higher_is_better else a < b


def off_scale(spec: DealSpec, metric: Metric, value: Decimal) -> bool:
    """True for a CSAT score outside the survey's scale (1 to ``support.csat.scale``).

    Such a figure is void as written; rules that compare it with other figures leave it to the
    rule that reports the scale, since every comparison with it is noise.
    """
    return metric == Metric.CSAT and (value < 1 or value > spec.support.csat.scale)


def penalty_against_reward(spec: DealSpec, reward: int) -> int | None:
    """The index of the first penalty rule that already fires where reward ``reward`` starts to
    pay: same metric and period, and its trigger better than the reward's threshold. One
    period can then earn both, the stronger fault a low threshold can have."""
    r = spec.rewards[reward]
    if off_scale(spec, r.metric, r.threshold):
        return None
    for j, p in enumerate(spec.penalties.rules):
        if p.metric != r.metric or p.period != r.period or off_scale(spec, p.metric, p.trigger):
            continue
        if better(r.metric, p.trigger, r.threshold):
            return j
    return None
