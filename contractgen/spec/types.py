"""Typed values of a deal spec: durations with their clock, money, percentages.

Why not plain numbers: "4 hours" answered around the clock and "4 business hours" answered
Monday to Friday are different promises (the second can be 60+ wall-clock hours over a
weekend), and money must never be a float. Each type parses the forms people write in a YAML
file and refuses the ones that cannot be meant, with a message that says what was expected.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema


class Clock(StrEnum):
    """Which clock a duration runs on."""

    ELAPSED = "24x7"
    """Wall-clock time, around the clock, every day of the year."""
    BUSINESS = "business"
    """Counted only inside the deal's business hours on working days."""


class Unit(StrEnum):
    """The unit a duration was written in; the clock follows from it."""

    MINUTES = "minutes"
    HOURS = "hours"
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"
    BUSINESS_HOURS = "business hours"
    BUSINESS_DAYS = "business days"

    @property
    def clock(self) -> Clock:
        return Clock.BUSINESS if self.name.startswith("BUSINESS") else Clock.ELAPSED


_UNIT_WORDS: dict[str, Unit] = {
    "m": Unit.MINUTES,
    "min": Unit.MINUTES,
    "mins": Unit.MINUTES,
    "minute": Unit.MINUTES,
    "minutes": Unit.MINUTES,
    "h": Unit.HOURS,
    "hr": Unit.HOURS,
    "hrs": Unit.HOURS,
    "hour": Unit.HOURS,
    "hours": Unit.HOURS,
    "d": Unit.DAYS,
    "day": Unit.DAYS,
    "days": Unit.DAYS,
    "calendar day": Unit.DAYS,
    "calendar days": Unit.DAYS,
    "w": Unit.WEEKS,
    "wk": Unit.WEEKS,
    "week": Unit.WEEKS,
    "weeks": Unit.WEEKS,
    "month": Unit.MONTHS,
    "months": Unit.MONTHS,
    "mo": Unit.MONTHS,
    "y": Unit.YEARS,
    "yr": Unit.YEARS,
    "year": Unit.YEARS,
    "years": Unit.YEARS,
    "bh": Unit.BUSINESS_HOURS,
    "business hour": Unit.BUSINESS_HOURS,
    "business hours": Unit.BUSINESS_HOURS,
    "working hour": Unit.BUSINESS_HOURS,
    "working hours": Unit.BUSINESS_HOURS,
    "bd": Unit.BUSINESS_DAYS,
    "business day": Unit.BUSINESS_DAYS,
    "business days": Unit.BUSINESS_DAYS,
    "working day": Unit.BUSINESS_DAYS,
    "working days": Unit.BUSINESS_DAYS,
}

_MINUTES_PER: dict[Unit, int] = {
    Unit.MINUTES: 1,
    Unit.HOURS: 60,
    Unit.DAYS: 24 * 60,
    Unit.WEEKS: 7 * 24 * 60,
    Unit.MONTHS: 30 * 24 * 60,
    Unit.YEARS: 365 * 24 * 60,
}

_DURATION_RE = re.compile(r"^\s*(?P<n>[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>[a-zA-Z][a-zA-Z ]*?)\s*$")
_DURATION_HELP = (
    'expected a positive duration with its unit, like "2h", "30 minutes", "4 business hours", '
    '"3 business days", "14 days" or "2 weeks"'
)


@dataclass(frozen=True, order=False)
class Duration:
    """A positive length of time that remembers its unit, and so its clock."""

    amount: Decimal
    unit: Unit

    @property
    def clock(self) -> Clock:
        return self.unit.clock

    @property
    def elapsed_minutes(self) -> Decimal | None:
        """Minutes of wall-clock time, or None on a business clock (it needs a calendar)."""
        per = _MINUTES_PER.get(self.unit)
        return None if per is None else self.amount * per

    @classmethod
    def parse(cls, text: str) -> Duration:
        m = _DURATION_RE.match(text)
        if not m:
            raise ValueError(_DURATION_HELP)
        word = " ".join(m["unit"].lower().split())
        unit = _UNIT_WORDS.get(word)
        if unit is None:
            raise ValueError(f'unknown time unit "{m["unit"].strip()}"; {_DURATION_HELP}')
        amount = Decimal(m["n"])
        if amount <= 0:
            raise ValueError(f"a duration must be longer than zero; {_DURATION_HELP}")
        return cls(amount.normalize() if amount == amount.to_integral() else amount, unit)

    def __str__(self) -> str:
        n = format(self.amount.normalize(), "f")
        unit = self.unit.value
        if self.amount == 1:
            unit = unit[:-1]
        return f"{n} {unit}"

    def __repr__(self) -> str:
        return f"Duration({str(self)!r})"

    # pydantic integration -------------------------------------------------------------------
    @classmethod
    def __get_pydantic_core_schema__(
        cls, _source: Any, _handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_duration,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, _schema: core_schema.CoreSchema, _handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        words = "|".join(sorted({re.escape(w) for w in _UNIT_WORDS}, key=lambda w: (-len(w), w)))
        return {
            "type": "string",
            "pattern": rf"^\s*[0-9]+(\.[0-9]+)?\s*({words})\s*$",
            "examples": ["2h", "4 business hours", "3 business days", "14 days"],
        }


def _validate_duration(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    if isinstance(value, bool) or not isinstance(value, str):
        raise PydanticCustomError("duration", _DURATION_HELP)
    try:
        return Duration.parse(value)
    except ValueError as exc:
        raise PydanticCustomError("duration", str(exc)) from None


_PERCENT_HELP = 'expected a percentage from 0 to 100, like 95, "95%" or "99.9%"'


def _to_decimal(value: Any, what: str) -> Decimal:
    """Turn a YAML scalar into a finite Decimal, refusing booleans, NaN and infinities."""
    if isinstance(value, bool):
        raise PydanticCustomError("number", f"expected {what}, got a yes/no value")
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, int):
        d = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise PydanticCustomError("number", f"expected {what}, got {value}")
        d = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            d = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            raise PydanticCustomError("number", f'expected {what}, got "{value}"') from None
    else:
        raise PydanticCustomError("number", f"expected {what}")
    if not d.is_finite():
        raise PydanticCustomError("number", f"expected {what}, got {value}")
    return d


def _validate_percent(value: Any) -> Decimal:
    if isinstance(value, str) and value.strip().endswith("%"):
        value = value.strip()[:-1]
    d = _to_decimal(value, "a percentage from 0 to 100")
    if d < 0 or d > 100:
        raise PydanticCustomError("percent", f"{_PERCENT_HELP}; got {value}")
    return d


def _percent_str(value: Decimal) -> str:
    return f"{format(value.normalize(), 'f')}%"


Percent = Annotated[
    Decimal,
    PlainValidator(_validate_percent),
    PlainSerializer(_percent_str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 100},
                {"type": "string", "pattern": r"^\s*[0-9]+(\.[0-9]+)?\s*%\s*$"},
            ],
            "examples": [95, "99.5%"],
        }
    ),
]
"""A percentage 0–100, held as a Decimal (95 means 95%)."""


def _validate_number(value: Any) -> Decimal:
    return _to_decimal(value, "a number")


def _number_str(value: Decimal) -> str:
    return format(value.normalize(), "f")


Number = Annotated[
    Decimal,
    PlainValidator(_validate_number),
    PlainSerializer(_number_str, return_type=str),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^-?[0-9.,]+$"}]}),
]
"""A finite decimal number (a CSAT score, a count) — never a float."""


_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_MONEY_RE = re.compile(
    r"^\s*(?:(?P<c1>[A-Z]{3})\s*(?P<n1>[0-9][0-9,]*(?:\.[0-9]+)?)"
    r"|(?P<n2>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<c2>[A-Z]{3}))\s*$"
)
_MONEY_HELP = 'expected an amount with its ISO currency code, like "USD 5,000" or "2500 EUR"'


@dataclass(frozen=True)
class Money:
    """A non-negative amount of money: a Decimal with an ISO 4217 currency code."""

    amount: Decimal
    currency: str

    @classmethod
    def parse(cls, value: Any) -> Money:
        if isinstance(value, Money):
            return value
        if isinstance(value, dict):
            if set(value) != {"amount", "currency"}:
                raise ValueError(f"{_MONEY_HELP}, or a mapping with amount and currency")
            cur = str(value["currency"])
            if not _CURRENCY_RE.match(cur):
                raise ValueError(f'"{cur}" is not a three-letter ISO currency code like USD')
            amount = _to_decimal(value["amount"], "an amount of money")
        elif isinstance(value, str):
            m = _MONEY_RE.match(value)
            if not m:
                raise ValueError(f'{_MONEY_HELP}; got "{value}"')
            cur = m["c1"] or m["c2"]
            amount = Decimal((m["n1"] or m["n2"]).replace(",", ""))
        else:
            raise ValueError(_MONEY_HELP)
        if amount < 0:
            raise ValueError("an amount of money cannot be negative")
        return cls(amount, cur)

    def __str__(self) -> str:
        q = self.amount.quantize(Decimal("0.01"))
        text = f"{q:,.2f}"
        if text.endswith(".00"):
            text = text[:-3]
        return f"{self.currency} {text}"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, _source: Any, _handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_money, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, _schema: core_schema.CoreSchema, _handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "string", "pattern": _MONEY_RE.pattern},
                {
                    "type": "object",
                    "properties": {
                        "amount": {"anyOf": [{"type": "number"}, {"type": "string"}]},
                        "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                    },
                    "required": ["amount", "currency"],
                    "additionalProperties": False,
                },
            ],
            "examples": ["USD 5,000"],
        }


def _validate_money(value: Any) -> Money:
    """Module-level (not a closure) so a compiled schema that names it can be pickled."""
    try:
        return Money.parse(value)
    except ValueError as exc:
        raise PydanticCustomError("money", str(exc)) from None


# --- what a text field expects ------------------------------------------------------------

_FORMS: dict[str, str] = {
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": (
        'an id of letters, digits, ".", "_" and "-" (no spaces), e.g. "brand-l2-desk"'
    ),
    r"^P[0-9]$": 'a priority id from P0 (most urgent) to P9, e.g. "P1" (its name goes in "name")',
    r"^[0-9]+(\.[0-9]+){0,2}$": 'a version number, e.g. "1.0" or "2.1.3"',
    r"^[A-Z]{3}$": 'a three-letter ISO currency code in capitals, e.g. "USD" or "EUR"',
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": 'an e-mail address, e.g. "support@example.com"',
    r"^\+?[0-9 ()./-]{5,30}$": 'a phone number with its country code, e.g. "+1 415 555 0110"',
    r"^([01][0-9]|2[0-3]):[0-5][0-9]$": 'a time on the 24-hour clock written HH:MM, e.g. "09:00"',
    r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$": (
        'a time on the 24-hour clock written HH:MM, e.g. "18:00" (or "24:00" for midnight)'
    ),
    r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$": (
        "a public-holiday calendar code: an ISO country code, optionally with its region, e.g. "
        '"US", "US-CA" or "NL" (several: [BE, NL, LU])'
    ),
    r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$": 'an IANA time zone name, e.g. "America/Los_Angeles"',
    r"^(>=|<=|>|<|=)\s*[0-9]+(\.[0-9]+)?\s*(%|[A-Za-z]+)?$": (
        'a comparison with a figure, e.g. ">= 95%" or "<= 200 ms"'
    ),
    r"^L[1-9]$": 'a tier level from L1 to L9, e.g. "L2"',
    r"^(brand|partner) L[1-9]$": 'a tier named by its owner and level, e.g. "brand L2"',
    r"^[A-Z]{2,4}[0-9]{3}$": 'a lint rule code, e.g. "PEN004"',
}
"""What each text pattern of the spec model accepts, in words, with an example."""


def expected_form(pattern: str | None) -> str:
    """The form a text field expects, for a message: always with an example."""
    if pattern is not None and pattern in _FORMS:
        return _FORMS[pattern]
    return f"text matching the pattern {pattern}" if pattern else "text in another form"
