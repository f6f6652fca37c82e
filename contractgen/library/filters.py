"""Jinja2 filters that write spec values the way a contract writes them.

Each filter turns one typed spec value into contract English: ``{{ d|duration }}`` gives
"fifteen (15) Business Days", ``{{ d|clocked }}`` adds the clock ("two (2) hours, around the
clock"), ``{{ p|percent }}`` gives "five percent (5%)". Tables use the short forms (``short``,
``pct``), because a cell full of words is harder to scan than a figure. Filters return plain
text; the environment escapes it for Markdown on output, so no filter escapes twice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from jinja2 import pass_context

from contractgen.domain import availability as _availability
from contractgen.domain import periods as _periods
from contractgen.domain import wording as _wording
from contractgen.library.calendar_words import holiday_place, zone_name
from contractgen.library.markdown import Md, escape_md
from contractgen.library.words import digits, number_words, spelled, spelled_ordinal
from contractgen.spec.types import Clock, Duration, Money, Unit

_UNIT_NAMES: dict[Unit, tuple[str, str]] = {
    Unit.MINUTES: ("minute", "minutes"),
    Unit.HOURS: ("hour", "hours"),
    Unit.DAYS: ("day", "days"),
    Unit.WEEKS: ("week", "weeks"),
    Unit.MONTHS: ("month", "months"),
    Unit.YEARS: ("year", "years"),
    Unit.BUSINESS_HOURS: ("Business Hour", "Business Hours"),
    Unit.BUSINESS_DAYS: ("Business Day", "Business Days"),
}
"""Business units are capitalised: they are defined terms of the exhibit."""

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_THRESHOLD = re.compile(r"^(>=|<=|>|<|=)\s*([0-9]+(?:\.[0-9]+)?)\s*(%|[A-Za-z]+)?$")
_COMPARISONS = {
    ">=": "at least",
    ">": "more than",
    "<=": "no more than",
    "<": "less than",
    "=": "exactly",
}


def _unit_name(d: Duration) -> str:
    singular, plural = _UNIT_NAMES[d.unit]
    return singular if d.amount == 1 else plural


def duration(d: Duration) -> str:
    """ "fifteen (15) Business Days", "twenty-four (24) hours", "one and a half (1.5) hours"."""
    return f"{spelled(d.amount)} {_unit_name(d)}"


def short(d: Duration) -> str:
    """Table form: "15 Business Days", "2 hours", "1.5 hours"."""
    return f"{digits(d.amount)} {_unit_name(d)}"


def _is_short_elapsed(d: Duration) -> bool:
    return d.clock == Clock.ELAPSED and d.unit in (Unit.MINUTES, Unit.HOURS)


def _calendar(d: Duration) -> bool:
    return d.clock == Clock.ELAPSED and d.unit in (Unit.DAYS, Unit.WEEKS)


def clocked(d: Duration) -> str:
    """A service target with its clock: "two (2) hours, around the clock" or "four (4) Business
    Hours"; calendar days say so ("seven (7) calendar days"), since weekends count."""
    if _is_short_elapsed(d):
        return f"{duration(d)}, around the clock"
    if _calendar(d):
        return f"{spelled(d.amount)} calendar {_unit_name(d)}"
    return duration(d)


def short_clocked(d: Duration) -> str:
    """Table form of :func:`clocked`: "2 hours, around the clock", "4 Business Hours"."""
    if _is_short_elapsed(d):
        return f"{short(d)}, around the clock"
    if _calendar(d):
        return f"{digits(d.amount)} calendar {_unit_name(d)}"
    return short(d)


def each(d: Duration) -> str:
    """The unit a rate applies to: "each Business Day", "each period of two (2) weeks"."""
    if d.amount == 1:
        return f"each {_unit_name(d)}"
    return f"each period of {duration(d)}"


def is_around_the_clock(d: Duration) -> bool:
    """Jinja test: the duration runs on the 24x7 clock."""
    return d.clock == Clock.ELAPSED


def percent(value: Decimal) -> str:
    """ "five percent (5%)", "ninety-nine point five percent (99.5%)"."""
    words = number_words(value, halves=False)
    return pct(value) if words is None else f"{words} percent ({pct(value)})"


def pct(value: Decimal) -> str:
    """Table form: "5%", "99.5%"."""
    return f"{digits(value)}%"


def score(value: Decimal) -> str:
    """A survey score with at least one decimal, as scores are quoted: "4.0", "4.25"."""
    return _wording.score(value)


def words(value: Decimal | int) -> str:
    """ "ten (10)"."""
    return spelled(value)


def money(value: Money) -> str:
    """ "USD 10,000" (cents only when there are any)."""
    return str(value)


def share_of(value: Money, share: Decimal) -> Money:
    """The part of an amount a percentage gives: USD 15,000 and 40 → USD 6,000 (to the cent)."""
    part = (value.amount * Decimal(share) / 100).quantize(Decimal("0.01"))
    return Money(part, value.currency)


def date(value: dt.date) -> str:
    """ "1 February 2027": unambiguous on both sides of the Atlantic."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def ordinal(n: int) -> str:
    """ "fifth (5th)"."""
    return spelled_ordinal(int(n))


def ordinal_day(n: int) -> str:
    """ "the fifth (5th) day"."""
    return f"the {spelled_ordinal(int(n))} day"


def period(value: str, n: int = 1) -> str:
    """A period's noun: "month", or "months" when ``n`` is not 1."""
    return _periods.period_noun(value, n)


def adjective(value: str) -> str:
    """ "monthly", "quarterly", "half-yearly", "annual"."""
    return _periods.period_adjective(value)


def periods(n: int, value: str) -> str:
    """ "two (2) consecutive quarters" when n > 1, otherwise "a single quarter"."""
    if n == 1:
        return f"a single {period(value)}"
    return f"{spelled(n)} consecutive {period(value, n)}"


def weekdays(days: Iterable[Any]) -> str:
    """ "Monday to Friday" for a run of three or more days, else "Monday, Wednesday and Friday"."""
    idx = sorted({_DAY_KEYS.index(str(d)) for d in days})
    if len(idx) >= 3 and idx == list(range(idx[0], idx[-1] + 1)):
        return f"{_WEEKDAYS[idx[0]]} to {_WEEKDAYS[idx[-1]]}"
    return _join([_WEEKDAYS[i] for i in idx], "and")


def _join(items: list[str], conj: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conj} {items[-1]}"


def join_words(items: Iterable[Any], conj: str = "and") -> Md:
    """ "A, B and C": each item escaped (unless already Markdown), then joined."""
    return Md(_join([escape_md(str(x)) for x in items], conj))


def capfirst(value: str) -> str:
    """Upper-case the first letter only ("weight-sensing accuracy" → "Weight-sensing ...")."""
    out = value[:1].upper() + value[1:]
    return Md(out) if isinstance(value, Md) else out


def lcfirst(value: str) -> str:
    """Lower-case a sentence's first letter for use mid-sentence, but never an acronym ("API")."""
    if len(value) > 1 and value[1].isupper():
        return value
    out = value[:1].lower() + value[1:]
    return Md(out) if isinstance(value, Md) else out


def threshold(value: str) -> str:
    """ ">= 95%" → "at least 95%"; "<= 200 ms" → "no more than 200 ms"."""
    m = _THRESHOLD.match(str(value).strip())
    if not m:
        raise ValueError(f'"{value}" is not a threshold like ">= 95%"')
    op, number, unit = m.groups()
    amount = digits(Decimal(number))
    if unit is None:
        figure = amount
    elif unit == "%":
        figure = f"{amount}%"
    else:
        figure = f"{amount} {unit}"
    return f"{_COMPARISONS[op]} {figure}"


def raci(value: Any) -> str:
    """RACI letters for a table cell: "RA" → "R, A"; none → "—"."""
    if value is None or str(value) in ("-", ""):
        return "—"
    return ", ".join(str(value))


def dash(value: Any) -> Any:
    """The value, or "—" where the spec leaves it out: a conscious blank, never an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Md("—")
    return value


def downtime(target: Decimal, period_value: str) -> str:
    """Downtime an availability target allows per reference period: "3 hours and 36 minutes"."""
    return _availability.downtime_text(Decimal(target), period_value)


def period_basis(period_value: str) -> str:
    """The reference period :func:`downtime` uses, as text: "a 30-day month"."""
    return _periods.period_basis(period_value)


def metric_name(metric: Any, brand: str = "the Brand") -> str:
    """The metric as every clause and lint message names it: "Resolution Achievement Rate".

    ``brand`` is the template's (already escaped) name of the brand."""
    if isinstance(brand, Md):
        marker = "\x00"
        return Md(escape_md(_wording.metric_name(metric, marker)).replace(marker, brand))
    return _wording.metric_name(metric, brand)


def holiday_places(codes: Iterable[str], conj: str = "and") -> str:
    """Holiday calendar codes as places: ["BE", "NL"] → "Belgium and the Netherlands"."""
    return _join([holiday_place(str(c)) for c in codes], conj)


def zone(value: str) -> str:
    """An IANA zone as contracts name it: "America/Los_Angeles" → "Pacific Time"."""
    return zone_name(str(value))


_ROLE_WORDS = re.compile(r"\b(?:([Tt]he) )?(Brand|Partner)\b")
_REVENUE_SHARE = re.compile(r"\b[Rr]evenue share\b")


@pass_context
def terms(context: Any, text: str) -> str:
    """Free text from the spec in the exhibit's defined terms: one name per party.

    A spec may say "The Brand may ..." where the exhibit calls the brand "ShelfWise"; printing
    both would give the party two names. "the Brand"/"the Partner" become the short name
    (unless the short name is itself the role noun), and "revenue share" the defined term.
    """
    parties = context["spec"].parties
    names = {"Brand": parties.brand.short_name, "Partner": parties.partner.short_name}

    def one_name(m: re.Match[str]) -> str:
        role = m.group(2)
        name = names[role]
        if name.strip().lower() == role.lower():
            return m.group(0)
        return name

    return _REVENUE_SHARE.sub("Revenue Share", _ROLE_WORDS.sub(one_name, str(text)))


def md(value: Any) -> Md:
    """Escape explicitly (the environment does this for every printed string anyway)."""
    return escape_md(str(value))


FILTERS: dict[str, Callable[..., Any]] = {
    "adjective": adjective,
    "capfirst": capfirst,
    "clocked": clocked,
    "dash": dash,
    "date": date,
    "downtime": downtime,
    "duration": duration,
    "each": each,
    "holiday_places": holiday_places,
    "join_words": join_words,
    "lcfirst": lcfirst,
    "md": md,
    "metric_name": metric_name,
    "money": money,
    "ordinal": ordinal,
    "ordinal_day": ordinal_day,
    "pct": pct,
    "percent": percent,
    "period": period,
    "period_basis": period_basis,
    "periods": periods,
    "raci": raci,
    "score": score,
    "short": short,
    "share_of": share_of,
    "short_clocked": short_clocked,
    "terms": terms,
    "threshold": threshold,
    "weekdays": weekdays,
    "words": words,
    "zone": zone,
}
"""The contract-style filters every clause template can use."""

TESTS: dict[str, Callable[..., bool]] = {"around_the_clock": is_around_the_clock}
"""Extra Jinja tests: ``{% if p.response is around_the_clock %}``."""
