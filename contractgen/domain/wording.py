"""How the deal's figures and metrics are named: the same words in the exhibit and in lint.

A reader who sees "Resolution Achievement Rate 80%" in the exhibit and "Resolution achievement
rate target 80%" in a lint message wonders whether they are the same thing. Both the clause
templates (through the Jinja filters) and the lint rules call these functions.
"""

from __future__ import annotations

from decimal import Decimal

from contractgen.spec.models import DealSpec, Metric

_METRIC_NAMES: dict[Metric, str] = {
    Metric.RESPONSE_MISS_RATE: "Response Time miss rate",
    Metric.RESOLUTION_ACHIEVEMENT: "Resolution Achievement Rate",
    Metric.FCR: "First-Call Resolution rate",
    Metric.CSAT: "CSAT",
    Metric.AVAILABILITY: "Availability",
    Metric.INSTALLATION_ON_TIME: "On-time installation rate",
}


def metric_name(metric: Metric | str, brand: str = "the Brand") -> str:
    """The metric as the exhibit names it: "Resolution Achievement Rate", "CSAT",
    "Tickets escalated to ShelfWise" (``brand`` is the brand's short name)."""
    m = Metric(str(metric))
    if m == Metric.ESCALATIONS_TO_BRAND:
        return f"Tickets escalated to {brand}"
    return _METRIC_NAMES[m]


def num(value: Decimal | int) -> str:
    """A figure without trailing zeros or exponent: 10, 4.5, 99.95."""
    return format(Decimal(value).normalize(), "f")


def digits_text(value: Decimal | int) -> str:
    """A figure with thousands separated and no trailing zeros: "1,000", "99.95"."""
    d = Decimal(value)
    if d == d.to_integral_value():
        return f"{int(d):,}"
    whole, _, frac = format(d.normalize(), "f").partition(".")
    return f"{int(whole):,}.{frac}"


def score(value: Decimal | int) -> str:
    """A survey score with at least one decimal, as scores are quoted: "4.0", "4.25"."""
    d = Decimal(value)
    if d == d.quantize(Decimal("0.1")):
        return f"{d:.1f}"
    return format(d.normalize(), "f")


def figure(metric: Metric | str, value: Decimal) -> str:
    """A metric value as the exhibit writes it: "10%", "4.0", "3"."""
    m = Metric(str(metric))
    if m == Metric.CSAT:
        return score(value)
    if m == Metric.ESCALATIONS_TO_BRAND:
        return num(value)
    return f"{digits_text(value)}%"


GENERIC_PARTY_NAMES = frozenset(
    {
        "brand", "partner", "customer", "company", "supplier", "manufacturer", "vendor",
        "distributor", "integrator", "reseller", "licensor", "licensee", "contractor",
        "provider", "client", "end user", "user",
    }
)  # fmt: skip
"""Short names that are role nouns ("Brand"), which the text writes with "the"."""


def party_name(short_name: str) -> str:
    """A party mid-sentence, as the exhibit writes it: "ShelfWise", or "the Brand"."""
    return f"the {short_name}" if short_name.strip().lower() in GENERIC_PARTY_NAMES else short_name


def spec_metric_name(spec: DealSpec, metric: Metric | str) -> str:
    """:func:`metric_name` with the deal's brand: "Tickets escalated to ShelfWise"."""
    return metric_name(metric, party_name(spec.parties.brand.short_name))
