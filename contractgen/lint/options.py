"""Rule options: declared beside each rule, parsed and validated here, in one place.

A rule lists its options as module constant ``OPTIONS``; a company's policy file sets them per
rule. Each option kind parses the forms people write in TOML (``10``, ``"10%"``, ``"1h"``) and
refuses anything else with a message that says what was expected, so a typo in a policy file
fails loudly instead of silently keeping the default.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from contractgen.spec.types import Duration


class OptionError(ValueError):
    """A configured option value is not of the expected form."""


class Option(NamedTuple):
    """One tunable threshold of a rule (a named tuple: every rule module makes some at import,
    and the class itself is made in a fifth of a dataclass's time)."""

    name: str
    default: Any
    help: str
    kind: str = "number"
    """``number``, ``percent``, ``integer``, ``duration``, ``boolean`` or ``strings``."""
    minimum: Decimal | None = None
    maximum: Decimal | None = None

    def parse(self, value: Any) -> Any:
        """Turn a configured value into the option's type, or raise :class:`OptionError`."""
        parser = _PARSERS.get(self.kind)
        if parser is None:  # a rule declared an option kind that does not exist
            raise OptionError(f"option kind {self.kind!r} is unknown")
        parsed = parser(value)
        if isinstance(parsed, Decimal):
            if self.minimum is not None and parsed < self.minimum:
                raise OptionError(f"must be at least {_show(self.minimum)}; got {_show(parsed)}")
            if self.maximum is not None and parsed > self.maximum:
                raise OptionError(f"must be at most {_show(self.maximum)}; got {_show(parsed)}")
        return parsed

    def describe_default(self) -> str:
        return describe(self.default, self.kind)


def describe(value: Any, kind: str) -> str:
    """A value as a policy file would write it."""
    if kind == "percent":
        return f'"{_show(value)}%"'
    if kind == "duration":
        return f'"{value}"'
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "strings":
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    return _show(value) if isinstance(value, Decimal) else str(value)


def _show(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _number(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise OptionError("expected a number, got true/false")
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            d = Decimal(value.strip())
        except InvalidOperation:
            raise OptionError(f'expected a number, got "{value}"') from None
        if d.is_finite():
            return d
    raise OptionError(f"expected a number, got {value!r}")


def _percent(value: Any) -> Decimal:
    if isinstance(value, str) and value.strip().endswith("%"):
        value = value.strip()[:-1]
    d = _number(value)
    if d < 0 or d > 100:
        raise OptionError(f"expected a percentage from 0 to 100, got {_show(d)}")
    return d


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise OptionError(f"expected a whole number, got {value!r}")
    return value


def _duration(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    if not isinstance(value, str):
        raise OptionError(f'expected a duration such as "1h" or "30 minutes", got {value!r}')
    try:
        return Duration.parse(value)
    except ValueError as exc:
        raise OptionError(str(exc)) from None


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise OptionError(f"expected true or false, got {value!r}")
    return value


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise OptionError(f"expected a list of strings, got {value!r}")


_PARSERS = {
    "number": _number,
    "percent": _percent,
    "integer": _integer,
    "duration": _duration,
    "boolean": _boolean,
    "strings": _strings,
}
