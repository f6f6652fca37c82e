"""Ticket rows: the columns, how each is checked, and a streaming reader for CSV and JSON Lines.

Why one table of columns: the reader, the published JSON Schema
(``schemas/tickets.schema.json``) and the documentation all come from :data:`COLUMNS`, so
they cannot disagree. Why streaming: an export can hold millions of rows; the reader yields
one :class:`Ticket` at a time and never holds the file.

A bad value is reported as ``file:line:col: column NAME: what is wrong; expected FORM, e.g.
EXAMPLE`` and the whole run fails (exit 2) before anything is written. Errors are collected
up to :data:`MAX_ERRORS` so one run shows a file's problems together.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from contractgen.domain.calendar import EPOCH
from contractgen.errors import Diagnostic, Location, UserError

MAX_ERRORS = 50
"""Errors collected before the reader gives up on a file."""
FIRST_PLAUSIBLE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LAST_PLAUSIBLE = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
"""Instants outside these are typing errors (a year 0202, an epoch 0), not tickets."""
_FIRST_US = (FIRST_PLAUSIBLE - EPOCH) // dt.timedelta(microseconds=1)
_LAST_US = (LAST_PLAUSIBLE - EPOCH) // dt.timedelta(microseconds=1)

_US = dt.timedelta(microseconds=1)
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}


@dataclass(frozen=True)
class Column:
    """One ticket column: its name, JSON Schema type, whether required, and its meaning."""

    name: str
    kind: str
    """instant | text | flag | score | choice"""
    required: bool
    description: str
    example: str
    choices: tuple[str, ...] = ()


DELAY_CATEGORIES = ("force_majeure", "customer_caused", "brand_caused", "third_party_carrier")
MAINTENANCE = "announced_maintenance"
EXCUSABLE_CHOICES = (*DELAY_CATEGORIES, MAINTENANCE)
COMPLAINT_CLASSES = ("service", "product", "expectation")

COLUMNS: tuple[Column, ...] = (
    Column("ticket_id", "text", True, "The ticket's id in the partner's system.", "T-10042"),
    Column("priority", "choice", True, "The priority id, as the deal's priority table.", "P1"),
    Column(
        "created_at", "instant", True, "When the ticket was submitted.", "2027-03-02T09:15:00-08:00"
    ),
    Column(
        "first_response_at",
        "instant",
        False,
        "The partner's first response; empty when none was recorded (a miss).",
        "2027-03-02T10:05:00-08:00",
    ),
    Column(
        "resolved_at",
        "instant",
        False,
        "Final Resolution (a Workaround counts where the priority accepts one).",
        "2027-03-03T16:40:00-08:00",
    ),
    Column("closed_at", "instant", False, "When the ticket was closed.", "2027-03-04T09:00:00Z"),
    Column(
        "reopened_at",
        "instant",
        False,
        "The last time the ticket was reopened after a Resolution.",
        "2027-03-05T11:00:00-08:00",
    ),
    Column(
        "escalated_to",
        "text",
        False,
        "The tier it was escalated to (e.g. L2, L3), or the brand; empty when not escalated.",
        "L3",
    ),
    Column("onsite_visit", "flag", False, "An on-site visit was needed.", "false"),
    Column(
        "first_contact_fix",
        "flag",
        False,
        "Fixed permanently in the first contact, and the Customer confirmed the fix.",
        "true",
    ),
    Column(
        "recurred",
        "flag",
        False,
        "The issue came back within the recurrence window (else derived from site and issue).",
        "false",
    ),
    Column("csat_score", "score", False, "The survey answer, 1 to the deal's CSAT scale.", "5"),
    Column(
        "complaint_class",
        "choice",
        False,
        "The agreed complaint class; only classes that count enter the metrics.",
        "service",
        COMPLAINT_CLASSES,
    ),
    Column(
        "excusable",
        "choice",
        False,
        "An excusable delay (a category the deal lists) or announced maintenance.",
        "customer_caused",
        EXCUSABLE_CHOICES,
    ),
    Column(
        "evidence",
        "text",
        False,
        "The documents behind an excusable claim; a claim without evidence is not excluded.",
        "Customer e-mail of 2 March: site closed",
    ),
    Column("site", "text", False, "The Customer site, for deriving recurrence.", "store-017"),
    Column("issue", "text", False, "The issue code, for deriving recurrence.", "scale-drift"),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)
_BY_NAME = {c.name: c for c in COLUMNS}


class Ticket(NamedTuple):
    """One checked row; instants are integer microseconds since the epoch (UTC).

    A tuple, so a million rows cost a tuple each, and the report unpacks a row into locals in
    one step."""

    line: int
    ticket_id: str
    priority: str
    created: int
    first_response: int | None
    resolved: int | None
    closed: int | None
    reopened: int | None
    escalated_to: str
    onsite_visit: bool
    first_contact_fix: bool
    recurred: bool | None
    csat_score: int | None
    complaint_class: str
    excusable: str
    evidence: str
    site: str
    issue: str


def expected(column: str) -> str:
    """The expected form of a column, with its example, for error messages."""
    c = _BY_NAME[column]
    if c.kind == "instant":
        form = "an ISO 8601 date and time with a UTC offset or Z"
    elif c.kind == "flag":
        form = "true or false (also yes/no, 1/0, or empty for false)"
    elif c.kind == "score":
        form = "a whole number from 1 to the CSAT scale"
    elif c.choices:
        form = "one of " + ", ".join(c.choices)
    elif c.name == "priority":
        form = "a priority id of the deal's priority table"
    else:
        form = "text"
    return f"expected {form}, e.g. {c.example}"


class _RowError(Exception):
    def __init__(self, column: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.column = column
        self.message = message
        self.hint = hint
        """The expected form when it is not the column's usual one (an order of instants)."""


def parse_instant(text: str, column: str) -> int:
    """An ISO 8601 instant with an offset, as microseconds since the epoch.

    Why a cache: an export's instants share far fewer (date, hour, offset) prefixes than rows.
    The common layout ``YYYY-MM-DDTHH:MM:SS`` + ``Z`` or ``±HH:MM`` is answered from the
    instant of its whole hour (parsed and checked once) plus minutes and seconds; every other
    layout takes the full parser.
    """
    if len(text) in (20, 25):
        seconds = _MMSS.get(text[14:19])
        if seconds is not None and text[13] == ":":
            key = text[:13] + text[19:]
            base = _HOURS.get(key)
            if base is None:
                base = _full(text[:13] + ":00:00" + text[19:], text, column)
                if len(_HOURS) > 100_000:
                    _HOURS.clear()
                _HOURS[key] = base
            return base + seconds
    return _full(text, text, column)


_HOURS: dict[str, int] = {}
_MMSS: dict[str, int] = {
    f"{m:02d}:{sec:02d}": (m * 60 + sec) * 1_000_000 for m in range(60) for sec in range(60)
}
"""Every valid "MM:SS", as microseconds: one lookup checks and converts both fields."""


def _full(text: str, shown: str, column: str) -> int:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise _RowError(column, f'"{_short(shown)}" is not a date and time') from None
    if value.tzinfo is None:
        raise _RowError(column, f'"{_short(shown)}" has no UTC offset')
    us = (value - EPOCH) // _US
    if not _FIRST_US <= us < _LAST_US:
        raise _RowError(column, f'"{_short(shown)}" is outside the plausible years 2000-2099')
    return us


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


class TicketReader:
    """Reads one ticket file; iterate it for :class:`Ticket` rows, then call :meth:`finish`.

    ``priorities`` are the deal's priority ids; ``csat_scale`` the top of its survey scale.
    """

    def __init__(self, path: Path, priorities: tuple[str, ...], csat_scale: int) -> None:
        self.path = path
        self.display = str(path)
        self.priorities = priorities
        self.priority_set = frozenset(priorities)
        self.csat_scale = csat_scale
        self.errors: list[Diagnostic] = []
        self.rows = 0
        self.csv_offset = 1
        """Physical line of a CSV row = the csv reader's line count + this (the header)."""
        self.json_offset = 0
        """Lines before the first JSON line read (non-zero for a later part of a file)."""

    # reading ---------------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Ticket]:
        try:
            fh = self.path.open(encoding="utf-8-sig", newline="")
        except OSError as exc:
            raise UserError(self.display, f"cannot read: {exc.strerror or exc}") from None
        with fh:
            try:
                first = fh.readline()
            except UnicodeDecodeError:
                first = None
            if first is None:
                line, col = _bad_utf8(self.path)
                raise UserError(self.display, "is not UTF-8 text; save it as UTF-8", line, col)
            if not first.strip():
                raise UserError(
                    self.display,
                    "is empty; expected a CSV header line (ticket_id,priority,created_at,...) "
                    "or JSON Lines, one ticket object per line",
                    1,
                    1,
                )
            try:
                if first.lstrip().startswith("{"):
                    yield from self._jsonl(first, fh)
                else:
                    yield from self._csv(first, fh)
            except UnicodeDecodeError:
                line, col = _bad_utf8(self.path)
                raise UserError(
                    self.display, "is not UTF-8 text; save it as UTF-8", line, col
                ) from None

    def _csv(self, header_line: str, rest: Iterator[str]) -> Iterator[Ticket]:
        header = next(csv.reader([header_line]))
        names = [h.strip() for h in header]
        self._check_header(names)
        index = {n: i for i, n in enumerate(names)}
        reader = csv.reader(rest)
        width = len(names)
        order = [index.get(name, -1) for name in COLUMN_NAMES]
        full = order == list(range(len(COLUMN_NAMES)))
        for values in reader:
            line = reader.line_num + self.csv_offset
            if not values:
                continue
            if len(values) != width:
                self._error(
                    line,
                    1,
                    f"has {len(values)} fields but the header has {width}; quote a value that "
                    'contains a comma, e.g. "Smith, J."',
                )
                continue
            try:
                row = values if full else [values[i] if i >= 0 else "" for i in order]
                yield self._ticket(line, row)
            except _RowError as err:
                col = _csv_col(values, index[err.column]) if err.column in index else 1
                self._error(line, col, _row_message(err))

    def _jsonl(self, first: str, rest: Iterator[str]) -> Iterator[Ticket]:
        line = self.json_offset
        for text in _chain(first, rest):
            line += 1
            if not text.strip():
                continue
            try:
                obj = json.loads(text.rstrip("\r\n"))
            except json.JSONDecodeError as exc:
                self._error(
                    line,
                    exc.colno,
                    f"is not a JSON object: {exc.msg}; expected one ticket per line",
                )
                continue
            if not isinstance(obj, dict):
                self._error(line, 1, 'is not a JSON object; expected {"ticket_id": "T-1", ...}')
                continue
            unknown = sorted(set(obj) - set(COLUMN_NAMES))
            if unknown:
                self._error(
                    line,
                    _json_col(text, unknown[0]),
                    f'unknown column "{unknown[0]}"; the columns are {", ".join(COLUMN_NAMES)}',
                )
                continue
            try:
                row = [_json_value(obj, name) for name in COLUMN_NAMES]
                yield self._ticket(line, row)
            except _RowError as err:
                self._error(line, _json_col(text, err.column), _row_message(err))

    def _check_header(self, names: list[str]) -> None:
        for i, name in enumerate(names):
            if name not in _BY_NAME:
                raise UserError(
                    self.display,
                    f'unknown column "{name}"; the columns are {", ".join(COLUMN_NAMES)}',
                    1,
                    _csv_col(names, i),
                )
        if len(set(names)) != len(names):
            twice = next(n for n in names if names.count(n) > 1)
            raise UserError(self.display, f'column "{twice}" appears twice in the header', 1, 1)
        missing = [c.name for c in COLUMNS if c.required and c.name not in names]
        if missing:
            raise UserError(
                self.display,
                f"the header lacks the required column(s) {', '.join(missing)}; expected at "
                "least ticket_id,priority,created_at",
                1,
                1,
            )

    # one row -----------------------------------------------------------------------------

    def _ticket(self, line: int, values: list[str]) -> Ticket:
        """One row, its values in :data:`COLUMN_NAMES` order ("" for an absent column)."""
        self.rows += 1
        (
            ticket_id,
            priority,
            created_text,
            response_text,
            resolved_text,
            closed_text,
            reopened_text,
            escalated_to,
            onsite_visit,
            first_contact_fix,
            recurred_text,
            score_text,
            complaint_class,
            excusable,
            evidence,
            site,
            issue,
        ) = values
        ticket_id = ticket_id.strip()
        if not ticket_id:
            raise _RowError("ticket_id", "is empty")
        if len(ticket_id) > 100:
            raise _RowError("ticket_id", "is longer than 100 characters")
        if priority not in self.priority_set:
            priority = priority.strip()
            if priority not in self.priority_set:
                raise _RowError(
                    "priority",
                    f'"{_short(priority)}" is not a priority of this deal '
                    f"({', '.join(self.priorities)})",
                )
        if not created_text:
            raise _RowError("created_at", "is empty")
        created = parse_instant(created_text, "created_at")
        first_response = (
            parse_instant(response_text, "first_response_at") if response_text else None
        )
        resolved = parse_instant(resolved_text, "resolved_at") if resolved_text else None
        closed = parse_instant(closed_text, "closed_at") if closed_text else None
        reopened = parse_instant(reopened_text, "reopened_at") if reopened_text else None
        if (
            (first_response is not None and first_response < created)
            or (resolved is not None and resolved < created)
            or (closed is not None and closed < created)
            or (reopened is not None and reopened < created)
        ):
            _later(response_text, "first_response_at", created)
            _later(resolved_text, "resolved_at", created)
            _later(closed_text, "closed_at", created)
            _later(reopened_text, "reopened_at", created)
        if reopened is not None and resolved is not None and reopened > resolved:
            raise _RowError(
                "reopened_at",
                "is after resolved_at",
                "expected the last reopen before the final Resolution in resolved_at (give "
                "earlier cycles in the events file)",
            )
        score: int | None = None
        if score_text:
            try:
                score = int(score_text)
            except ValueError:
                raise _RowError(
                    "csat_score", f'"{_short(score_text)}" is not a whole number'
                ) from None
            if not 1 <= score <= self.csat_scale:
                raise _RowError(
                    "csat_score", f"{score} is outside the scale 1 to {self.csat_scale}"
                )
        return _new_ticket(
            Ticket,
            (
                line,
                ticket_id,
                priority,
                created,
                first_response,
                resolved,
                closed,
                reopened,
                escalated_to.strip() if escalated_to else "",
                _FLAGS[onsite_visit]
                if onsite_visit in _FLAGS
                else _flag(onsite_visit, "onsite_visit"),
                _FLAGS[first_contact_fix]
                if first_contact_fix in _FLAGS
                else _flag(first_contact_fix, "first_contact_fix"),
                (
                    _FLAGS[recurred_text]
                    if recurred_text in _FLAGS
                    else _flag(recurred_text, "recurred")
                )
                if recurred_text and not recurred_text.isspace()
                else None,
                score,
                complaint_class
                if complaint_class in _CLASSES
                else _choice(complaint_class, "complaint_class"),
                excusable if excusable in _EXCUSABLE else _choice(excusable, "excusable"),
                evidence.strip() if evidence else "",
                site.strip() if site else "",
                issue.strip() if issue else "",
            ),
        )

    # errors --------------------------------------------------------------------------------

    def _error(self, line: int, col: int, message: str) -> None:
        self.errors.append(Diagnostic(Location(self.display, line, col), message))
        if len(self.errors) >= MAX_ERRORS:
            self.finish(more=True)

    def finish(self, *, more: bool = False) -> None:
        """Raise the collected errors, if any (call after the last row)."""
        if not self.errors:
            return
        diagnostics = list(self.errors)
        if more:
            last = diagnostics[-1].location
            diagnostics.append(
                Diagnostic(last, f"stopped after {MAX_ERRORS} errors; fix these and run again")
            )
        raise UserError.many(diagnostics)


def _row_message(err: _RowError) -> str:
    return f"column {err.column}: {err.message}; {err.hint or expected(err.column)}"


def _bad_utf8(path: Path) -> tuple[int, int]:
    """Line and column of the first byte that is not UTF-8 (read again, only on that error)."""
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return number, exc.start + 1
    return 1, 1


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _json_value(obj: dict[str, Any], name: str) -> str:
    value = obj.get(name)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | str):
        return str(value)
    raise _RowError(name, f"is a JSON {type(value).__name__}, not a string")


def _csv_col(values: list[str], index: int) -> int:
    """The character column where field ``index`` starts (quotes not counted)."""
    return sum(len(v) + 1 for v in values[:index]) + 1


def _json_col(text: str, key: str) -> int:
    at = text.find(f'"{key}"')
    return at + 1 if at >= 0 else 1


_new_ticket = tuple.__new__
"""Builds a :class:`Ticket` from a tuple of its fields without a Python-level call."""

_FLAGS: dict[str, bool] = {
    **{v: True for t in _TRUE for v in (t, t.upper(), t.capitalize())},
    **{v: False for t in _FALSE for v in (t, t.upper(), t.capitalize())},
}
"""Exact spellings answered without normalising; others go through :func:`_flag`."""
_CLASSES = frozenset(("", *COMPLAINT_CLASSES))
_EXCUSABLE = frozenset(("", *EXCUSABLE_CHOICES))


def _later(text: str, column: str, created: int) -> int | None:
    if not text:
        return None
    value = parse_instant(text, column)
    if value < created:
        raise _RowError(
            column, "is before created_at", "expected an instant at or after the ticket's creation"
        )
    return value


def _flag(text: str, column: str) -> bool:
    t = text.strip().lower()
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False
    raise _RowError(column, f'"{_short(text)}" is not true or false')


def _choice(text: str, column: str) -> str:
    t = text.strip()
    if t and t not in _BY_NAME[column].choices:
        raise _RowError(column, f'"{_short(t)}" is not a known value')
    return t
